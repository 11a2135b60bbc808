//! Changes the network lost (issue 32), against a fake `fetch`: kept on the device for
//! the person signed in, sent again with the same revision, and a retry that meets a
//! conflict told with what was typed, never applied over the other change.
use super::on_server::{answered, forget_kept_changes, item, token, two_items};
use super::*;
use crate::common::server::ServerSettings;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;

const KEY_PREFIX: &str = "yaojian:cl-outbox:";

/// What the fake server answers to changes, which a test switches as it goes.
type Reply = Rc<RefCell<(u16, Value)>>;

/// Items A and B on a server that answers changes with what `reply` holds (at first no
/// answer: 503).
fn flaky_server() -> (super::on_server::FakeServer, Reply) {
    let reply: Reply = Rc::new(RefCell::new((503, Value::Null)));
    let r = reply.clone();
    (two_items(move |_| r.borrow().clone()), reply)
}

fn kept_keys() -> Vec<(String, String)> {
    let st = crate::common::local_storage().unwrap();
    (0..st.length().unwrap())
        .filter_map(|n| st.key(n).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .map(|k| (k.clone(), st.get_item(&k).unwrap().unwrap_or_default()))
        .collect()
}


async fn mount_as(sub: &str, role: &str) -> Element {
    let root = testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        today: Some(day()),
        server: ServerSettings {
            endpoint: Some("/api/v1".into()),
            token: Some(token(sub, role).into()),
            ..ServerSettings::default()
        },
        ..RectificationProps::default()
    })
    .await;
    answered().await;
    root
}

/// Starts item A with a note, on a server that does not answer.
async fn start_a_unanswered(root: &Element) {
    press(root, "开始整改 A").await;
    type_suffix(root, "f-note", "已安排冷库整改").await;
    press(root, "确认").await;
    answered().await;
}

fn is_disabled(root: &Element, label: &str) -> bool {
    let b = root.query_selector(&format!("button[aria-label='{label}']")).unwrap().unwrap();
    b.has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn a_change_the_network_lost_waits_on_the_device_and_goes_again_with_its_revision() {
    forget_kept_changes();
    let (server, reply) = flaky_server();
    let root = mount_as("ent-1", "enterprise").await;
    start_a_unanswered(&root).await;
    assert!(text(&root, ".yj-cl__form").contains("已保存在本设备"), "the form says it is kept");
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "待整改未送达服务器，已保存在本设备，将自动重试");
    assert!(is_disabled(&root, "开始整改 A"), "no other change of the row meanwhile");
    assert!(text(&root, "[data-testid=cl-waiting]").contains("有 1 项更改尚未送达服务器"));
    let kept = kept_keys();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].0.ends_with(":/api/v1:by:ent-1"), "the person's own outbox: {}", kept[0].0);
    let q: Value = serde_json::from_str(&kept[0].1).unwrap();
    assert_eq!((&q[0]["revision"], &q[0]["body"]["note"]), (&json!(1), &json!("已安排冷库整改")));
    // The server is back: tried again with the same revision and body, applied once.
    *reply.borrow_mut() = (200, item("A", "in_progress", 2));
    press(&root, "立即重试").await;
    answered().await;
    let sent = server.changes();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(sent[1].if_match.as_deref(), Some("1"));
    assert_eq!(sent[1].body, sent[0].body);
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "整改中");
    assert!(kept_keys().is_empty(), "answered: kept no more");
    assert!(root.query_selector("[data-testid=cl-waiting]").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_kept_change_sent_on_the_next_visit_that_meets_a_conflict_is_told_with_what_was_typed() {
    forget_kept_changes();
    let (server, reply) = flaky_server();
    let root = mount_as("ent-1", "enterprise").await;
    start_a_unanswered(&root).await;
    root.remove();
    // Meanwhile someone else started it: the retry on the next visit meets 409.
    *reply.borrow_mut() = (409, json!({"errors": [{"path": "$.headers.if-match", "code": "item.stale", "message": "此项已被他人更改"}],
        "current": item("A", "in_progress", 2)}));
    let root = mount_as("ent-1", "enterprise").await;
    answered().await;
    let sent = server.changes();
    assert_eq!(sent.len(), 2, "sent again on the visit: {sent:?}");
    assert_eq!(sent[1].if_match.as_deref(), Some("1"), "with the revision it was made on");
    let notes = text(&root, "[data-testid=cl-retry-notes]");
    assert!(notes.contains("未被采用") && notes.contains("状态：待整改 → 整改中"), "{notes}");
    assert!(notes.contains("已安排冷库整改"), "what was typed is shown: {notes}");
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "整改中", "the item as it is now");
    assert!(kept_keys().is_empty());
    press(&root, "知道了").await;
    assert!(root.query_selector("[data-testid=cl-retry-notes]").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn what_one_person_left_waiting_is_never_sent_for_the_next() {
    forget_kept_changes();
    let (server, reply) = flaky_server();
    let root = mount_as("ent-1", "enterprise").await;
    start_a_unanswered(&root).await;
    root.remove();
    *reply.borrow_mut() = (200, item("A", "in_progress", 2));
    let root = mount_as("ent-2", "enterprise").await;
    answered().await;
    assert_eq!(server.changes().len(), 1, "nothing sent under another person's sign-in");
    assert!(root.query_selector("[data-testid=cl-waiting]").unwrap().is_none());
    assert_eq!(kept_keys().len(), 1, "still kept for ent-1");
    root.remove();
    forget_kept_changes();
}
