// Benchmarks of issue #5 (5,000 checklist items), through the embedding layer as a
// portal would use it (<yj-rectification>, generated items from generate.mjs):
//  1. first render: from setting `value` to the frame after the first page and the
//     counts are drawn;
//  2. a status change: from the click on 确认 to the row's status changing in the DOM,
//     and whether that is drawn in the next frame; then to the `yj-change` event that
//     carries the whole list (sent once the change is on screen);
//  3. a filter change: from choosing a status in the filter to the table's caption
//     changing, and to the next frame; the same for typing in the search box.
// Results go to window.benchResults and the page; nothing here asserts.
import { load, unmount } from "/yaojian/yaojian.js";
import { done, element, frameWhen, max, median, report } from "./common.mjs";
import { checklistItems } from "./generate.mjs";

const N = 5000;

/** Time from `act()` to the first mutation under `target` (ms), and to the next frame. */
async function timed(root, target, act) {
  await frameWhen(() => true);
  let tDom = null;
  const seen = new Promise((resolve) => {
    const mo = new MutationObserver(() => { tDom = performance.now(); mo.disconnect(); resolve(); });
    mo.observe(target, { childList: true, subtree: true, characterData: true });
  });
  let frames = 0;
  const counting = () => { if (tDom === null) { frames++; requestAnimationFrame(counting); } };
  const t0 = performance.now();
  requestAnimationFrame(counting);
  act();
  // Nothing changed within 5 s: the bench is wrong, not slow; end the run as failed.
  const late = setTimeout(() => { window.benchError = "no DOM change after an action"; done(); }, 5000);
  await seen;
  clearTimeout(late);
  const t1 = await frameWhen(() => true);
  return { dom: tDom - t0, frame: t1 - t0, next: frames <= 1 };
}

function summary(rs, what) {
  return `${what}, median of ${rs.length}, max ${max(rs.map((r) => r.dom)).toFixed(1)} ms; ` +
    `drawn at the next frame in ${rs.filter((r) => r.next).length} of ${rs.length} (median ${median(rs.map((r) => r.frame)).toFixed(1)} ms to that frame)`;
}

await load();
const caption = (el) => el.shadowRoot.querySelector("[data-testid=cl-table] caption")?.textContent ?? "";

// Warm-up: the first draw pays for compiling once.
{
  const el = await element("yj-rectification");
  el.value = checklistItems(50, { seed: 1 });
  await frameWhen(() => caption(el).includes("共50件"));
  unmount(el);
  el.remove();
}

const renders = [];
let el;
for (let run = 0; run < 3; run++) {
  if (el) { unmount(el); el.remove(); }
  el = await element("yj-rectification");
  const list = checklistItems(N, { seed: 20 + run });
  await frameWhen(() => true);
  const t0 = performance.now();
  el.value = list;
  const t1 = await frameWhen(() => caption(el).includes(`共${N}件`));
  renders.push(t1 - t0);
}
report("checklist-5000-first-render", median(renders), "≤ 300 ms",
  `${N} items set as value → first page of 50 rows and the counts drawn, next frame, median of ${renders.length}, max ${max(renders).toFixed(1)} ms`);

// Status changes: 开始整改 on pending items of the first page.
const root = el.shadowRoot;
const changes = [], events = [];
for (let k = 0; k < 15; k++) {
  const start = root.querySelector("button[aria-label^='开始整改 ']");
  if (!start) break;
  const id = start.getAttribute("aria-label").slice("开始整改 ".length);
  start.click();
  await frameWhen(() => root.querySelector(".yj-cl__form"));
  const confirm = [...root.querySelectorAll(".yj-cl__form button")].find((b) => b.textContent === "确认");
  const cell = root.querySelector(`[data-testid='cl-status-${id}']`);
  const t0 = performance.now();
  const event = new Promise((resolve) => el.addEventListener("yj-change", () => resolve(performance.now()), { once: true }));
  changes.push(await timed(root, cell, () => confirm.click()));
  events.push((await event) - t0);
}
report("checklist-5000-status-change", median(changes.map((r) => r.dom)), "≤ 16 ms",
  summary(changes, `${N} items, 确认 on 开始整改 → the row's status in the DOM`) +
  `; the yj-change event with the whole list follows after the frame (median ${median(events).toFixed(1)} ms from the click)`);

// Filters: a status chosen in the select, then the search box.
const select = root.querySelector("select[id$='-status']");
const table = root.querySelector("[data-testid=cl-table]");
const filters = [];
for (const v of ["pending", "in_progress", "", "closed", "awaiting_reinspection", "", "pending", "", "closed", "", "in_progress", "", "awaiting_reinspection", "", "pending"]) {
  filters.push(await timed(root, table, () => {
    select.value = v;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }));
}
report("checklist-5000-filter", median(filters.map((r) => r.dom)), "≤ 50 ms",
  summary(filters, `${N} items, a status chosen in the filter → the table changed`));
select.value = "";
select.dispatchEvent(new Event("change", { bubbles: true }));
await frameWhen(() => caption(el).includes(`筛选出${N}件`));
const search = root.querySelector("input[type=search]");
const searches = [];
// Each step changes what the first page shows.
for (const q of ["企业01", "企业012", "企业0", "冷链", "", "ZG-2026-04", "企业1", "追溯", "", "ZG-2026-1", "企业2"]) {
  searches.push(await timed(root, table, () => {
    search.value = q;
    search.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }));
}
report("checklist-5000-search", median(searches.map((r) => r.dom)), "≤ 50 ms",
  summary(searches, `${N} items, a keystroke in the search box → the table changed`));

unmount(el);
el.remove();
done();
