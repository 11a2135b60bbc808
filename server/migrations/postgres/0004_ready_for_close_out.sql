-- 待销号 (ready_for_close_out) became a status of its own. Before, an item re-inspected
-- and found corrected stayed 待复查 (awaiting_reinspection): it is such an item when its
-- last step of the process was a re-inspection that left it 待复查.
CREATE TABLE ready_items AS
  SELECT i.id FROM items i
  WHERE i.status = 'awaiting_reinspection'
    AND (SELECT h.action || ':' || h.to_status FROM item_history h
         WHERE h.item_id = i.id AND h.action IN ('start', 'report', 'reinspect', 'close_out')
         ORDER BY h.seq DESC LIMIT 1) = 'reinspect:awaiting_reinspection';
UPDATE item_bodies SET body = jsonb_set(body::jsonb, '{status}', '"ready_for_close_out"')::text
  WHERE item_id IN (SELECT id FROM ready_items);
UPDATE items SET status = 'ready_for_close_out' WHERE id IN (SELECT id FROM ready_items);
DROP TABLE ready_items;
