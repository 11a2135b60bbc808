//! The widget on the list the server shares (issue 32), against a fake `fetch`: pages
//! and counts come from the server, actions follow the token's role and go with the
//! item's revision, and a conflict, a refusal or an expired sign-in keeps what was typed.
use super::*;
use serde_json::json;
use crate::common::server::ServerSettings;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A request the fake server saw.
#[derive(Clone, Debug)]
pub(super) struct Seen {
    pub(super) method: String,
    pub(super) url: String,
    pub(super) if_match: Option<String>,
    authorization: Option<String>,
    pub(super) body: Value,
}

impl Seen {
    pub(super) fn path(&self) -> &str {
        let rest = self.url.split("/api/v1").nth(1).unwrap_or("");
        rest.split('?').next().unwrap_or("")
    }
}

type Answerer = Box<dyn FnMut(&Seen) -> (u16, Value)>;

/// `window.fetch` replaced until dropped: `GET`s answered by one function, changes by
/// another (which a test may replace); every request is kept in `seen`.
pub(super) struct FakeServer {
    seen: Rc<RefCell<Vec<Seen>>>,
    changes: Rc<RefCell<Answerer>>,
    /// While set, changes are answered only once it resolves.
    gate: Rc<RefCell<Option<js_sys::Promise>>>,
    _fetch: testing::FakeFetch,
}

impl FakeServer {
    pub(super) fn start(
        gets: impl FnMut(&Seen) -> (u16, Value) + 'static,
        changes: impl FnMut(&Seen) -> (u16, Value) + 'static,
    ) -> FakeServer {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let gets: Rc<RefCell<Answerer>> = Rc::new(RefCell::new(Box::new(gets)));
        let changes: Rc<RefCell<Answerer>> = Rc::new(RefCell::new(Box::new(changes)));
        let gate: Rc<RefCell<Option<js_sys::Promise>>> = Rc::default();
        let (s, g, c, held) = (seen.clone(), gets, changes.clone(), gate.clone());
        let fetch = testing::FakeFetch::install(move |req: web_sys::Request| {
            let (s, g, c) = (s.clone(), g.clone(), c.clone());
            let wait = held.borrow().clone().filter(|_| req.method() != "GET");
            wasm_bindgen_futures::future_to_promise(async move {
                let text = JsFuture::from(req.text()?).await?.as_string();
                let h = req.headers();
                let seen = Seen {
                    method: req.method(),
                    url: req.url(),
                    if_match: h.get("If-Match").ok().flatten(),
                    authorization: h.get("Authorization").ok().flatten(),
                    body: text
                        .and_then(|t| serde_json::from_str(&t).ok())
                        .unwrap_or(Value::Null),
                };
                s.borrow_mut().push(seen.clone());
                if let Some(p) = wait {
                    JsFuture::from(p).await?;
                }
                let a = if seen.method == "GET" { g } else { c };
                let (status, body) = (a.borrow_mut())(&seen);
                testing::response(status, &body.to_string())
            })
        });
        FakeServer {
            seen,
            changes,
            gate,
            _fetch: fetch,
        }
    }

    /// Changes are answered by `answer` from now on.
    fn answer_with(&self, answer: impl FnMut(&Seen) -> (u16, Value) + 'static) {
        *self.changes.borrow_mut() = Box::new(answer);
    }

    /// Holds the answers to changes until the returned function is called.
    fn hold(&self) -> js_sys::Function {
        let mut release = None;
        let p = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
        *self.gate.borrow_mut() = Some(p);
        release.unwrap()
    }

    /// The requests that changed something (not `GET`).
    pub(super) fn changes(&self) -> Vec<Seen> {
        let seen = self.seen.borrow();
        seen.iter().filter(|s| s.method != "GET").cloned().collect()
    }
}

/// An unsigned token naming `sub` and `role` (the widget only reads it; the server
/// verifies).
pub(super) fn token(sub: &str, role: &str) -> String {
    let part = |v: Value| {
        let b64 = web_sys::window().unwrap().btoa(&v.to_string()).unwrap();
        b64.trim_end_matches('=').replace('+', "-").replace('/', "_")
    };
    format!(
        "{}.{}.sig",
        part(json!({"alg": "HS256"})),
        part(json!({"sub": sub, "role": role}))
    )
}

pub(super) fn item(id: &str, status: &str, revision: i64) -> Value {
    json!({"id": id, "list": "rectification", "source": "inspection", "problem": format!("问题{id}"),
        "provision": "", "legal_basis": "", "measures": ["补全记录"], "unit": "示例医药", "person": "李四",
        "mode": "deadline", "deadline": "2026-12-20", "status": status, "evidence": [],
        "reinspections": [], "org": "91350100MA00000000", "revision": revision})
}

/// A server with items A (待整改, revision 1) and B (待销号, revision 3); changes are
/// answered by `then`.
pub(super) fn two_items(mut then: impl FnMut(&Seen) -> (u16, Value) + 'static) -> FakeServer {
    let items = Rc::new(RefCell::new(vec![
        item("A", "pending", 1),
        item("B", "ready_for_close_out", 3),
    ]));
    // What the server accepts is what it lists from then on.
    let stored = items.clone();
    let changes = move |s: &Seen| {
        let (status, body) = then(s);
        let mut items = stored.borrow_mut();
        if (200..300).contains(&status) && body["id"].is_string() {
            match items.iter_mut().find(|i| i["id"] == body["id"]) {
                Some(i) => *i = body.clone(),
                None => items.push(body.clone()),
            }
        }
        (status, body)
    };
    let gets = move |s: &Seen| match s.path() {
        "/items" => (
            200,
            json!({"items": *items.borrow(), "next": null, "counts": {}}),
        ),
        "/items/A" => {
            let mut a = item("A", "in_progress", 2);
            a["history"] = json!([
                {"action": "create", "by": "i-fz", "at": "2026-11-20T09:00:00+08:00", "from": "pending", "to": "pending", "note": "", "edit": false},
                {"action": "start", "by": "ent-a", "at": "2026-11-21T10:00:00+08:00", "from": "pending", "to": "in_progress", "note": "已安排", "edit": false}
            ]);
            (200, a)
        }
        "/report" => (
            200,
            // A filtered report names only the units it counts.
            if s.url.contains("unit=") {
                json!({"counts": {"items": 1}, "by_unit": {"甲单位": {}}})
            } else {
                json!({"counts": {"items": 2, "leads_verified": 0, "measures_implemented": 1, "closed": 0, "overdue": 0, "due_soon": 0},
                    "by_unit": {"甲单位": {}, "乙单位": {}}})
            },
        ),
        _ => (404, json!({"errors": []})),
    };
    FakeServer::start(gets, changes)
}

pub(super) async fn mount_on_server(role: &str) -> Element {
    forget_kept_changes();
    let root = testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        today: Some(day()),
        server: ServerSettings {
            endpoint: Some("/api/v1".into()),
            token: Some(token(&format!("{role}-1"), role).into()),
            ..ServerSettings::default()
        },
        ..RectificationProps::default()
    })
    .await;
    answered().await;
    root
}

/// Forgets the changes earlier tests left waiting on the device.
pub(super) fn forget_kept_changes() {
    let st = crate::common::local_storage().unwrap();
    let keys: Vec<String> = (0..st.length().unwrap())
        .filter_map(|n| st.key(n).ok().flatten())
        .filter(|k| k.starts_with("yaojian:cl-outbox:"))
        .collect();
    for k in keys {
        st.remove_item(&k).unwrap();
    }
}

/// Lets the fake server's answers arrive and be drawn.
pub(super) async fn answered() {
    for _ in 0..4 {
        crate::common::after_paint().await;
        yew::scheduler::flush().await;
    }
}

fn labels(root: &Element) -> Vec<String> {
    let buttons = root.query_selector_all("tbody button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|b| b.unchecked_into::<Element>().get_attribute("aria-label"))
        .collect()
}

#[wasm_bindgen_test]
async fn the_page_and_its_counts_come_from_the_server_and_the_role_picks_the_actions() {
    let server = two_items(|_| (500, Value::Null));
    let root = mount_on_server("enterprise").await;
    assert_eq!(rows(&root), 2);
    assert_eq!(
        text(&root, "[data-testid=cl-summary]"),
        "核查问题线索0件，实施整改措施1项，整改销号0件"
    );
    let seen = server.seen.borrow().clone();
    assert!(seen.iter().any(|s| s.path() == "/items"), "{seen:?}");
    let bearer = seen[0].authorization.clone().unwrap_or_default();
    assert!(bearer.starts_with("Bearer "), "{bearer}");
    // The enterprise starts and reports; re-inspection, close-out, edit and add are the
    // bureau's.
    let offered = labels(&root);
    assert!(offered.contains(&"开始整改 A".to_string()), "{offered:?}");
    assert!(!offered.iter().any(|l| l.contains("销号") || l.contains("复查") || l.contains("编辑")));
    assert!(root.query_selector("[id$='-add']").unwrap().is_none());
    root.remove();
    let root = mount_on_server("inspector").await;
    let offered = labels(&root);
    assert!(offered.contains(&"销号 B".to_string()), "{offered:?}");
    assert!(offered.contains(&"编辑 A".to_string()), "{offered:?}");
    assert!(!offered.contains(&"开始整改 A".to_string()));
    root.remove();
    drop(server);
}

#[wasm_bindgen_test]
async fn a_filter_asks_the_server_again_from_the_first_page() {
    let server = two_items(|_| (500, Value::Null));
    let root = mount_on_server("inspector").await;
    let select = by_suffix(&root, "status");
    js_sys::Reflect::set(&select, &"value".into(), &"pending".into()).unwrap();
    testing::fire(&select, "change");
    answered().await;
    let urls: Vec<String> = server.seen.borrow().iter().map(|s| s.url.clone()).collect();
    assert!(
        urls.iter().any(|u| u.contains("/items?status=pending&limit=50")),
        "{urls:?}"
    );
    assert!(urls.iter().any(|u| u.contains("/report?status=pending")), "{urls:?}");
    // The unit filter offers every unit the reports named, not only the page's; after
    // one is chosen, the others are still offered.
    let units = || {
        let options = root.query_selector_all("[id$='-unit'] option").unwrap();
        (0..options.length())
            .filter_map(|i| options.item(i))
            .map(|o| o.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(units(), ["全部", "乙单位", "甲单位"]);
    let select = by_suffix(&root, "unit");
    js_sys::Reflect::set(&select, &"value".into(), &"甲单位".into()).unwrap();
    testing::fire(&select, "change");
    answered().await;
    assert!(server.seen.borrow().iter().any(|s| s.url.contains("unit=%E7%94%B2")));
    assert_eq!(units(), ["全部", "乙单位", "甲单位"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_action_goes_with_the_revision_and_the_row_changes_once_accepted() {
    let server = two_items(|s| {
        assert_eq!(s.path(), "/items/A/actions");
        (200, item("A", "in_progress", 2))
    });
    let root = mount_on_server("enterprise").await;
    press(&root, "开始整改 A").await;
    type_suffix(&root, "f-note", "已安排").await;
    press(&root, "确认").await;
    answered().await;
    let sent = server.changes();
    assert_eq!(sent.len(), 1, "sent once: {sent:?}");
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].if_match.as_deref(), Some("1"));
    assert_eq!(sent[0].body, json!({"action": "start", "note": "已安排"}));
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "整改中");
    root.remove();
}

#[wasm_bindgen_test]
async fn while_the_server_has_not_answered_the_row_says_saving_and_sends_nothing_more() {
    let server = two_items(|_| (200, item("A", "in_progress", 2)));
    let root = mount_on_server("enterprise").await;
    let release = server.hold();
    press(&root, "开始整改 A").await;
    press(&root, "确认").await;
    answered().await;
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "待整改正在保存…");
    // The confirm button is disabled: pressing it again sends nothing.
    press(&root, "确认").await;
    answered().await;
    assert_eq!(server.changes().len(), 1);
    release.call0(&JsValue::NULL).unwrap();
    answered().await;
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "整改中");
    assert_eq!(server.changes().len(), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_conflict_says_what_changed_and_keeps_what_was_typed() {
    let server = two_items(|_| {
        (
            409,
            json!({"errors": [{"path": "$.headers.if-match", "code": "item.stale", "message": "此项已被他人更改"}],
                "current": item("B", "in_progress", 4)}),
        )
    });
    let root = mount_on_server("inspector").await;
    press(&root, "销号 B").await;
    type_suffix(&root, "f-approver", "赵六").await;
    press(&root, "确认").await;
    answered().await;
    let alert = text(&root, "[role=alert]");
    assert!(alert.contains("状态：待销号 → 整改中"), "{alert}");
    assert_eq!(text(&root, "[data-testid=cl-status-B]"), "整改中");
    let approver: web_sys::HtmlInputElement = by_suffix(&root, "f-approver").unchecked_into();
    assert_eq!(approver.value(), "赵六", "what was typed stays");
    // Sent again, it names the revision the server holds now.
    server.answer_with(|_| (200, item("B", "closed", 5)));
    press(&root, "确认").await;
    answered().await;
    let sent = server.changes();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].if_match.as_deref(), Some("4"));
    assert_eq!(sent[1].body["approver"], "赵六");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_refusal_shows_the_servers_words_and_an_expired_sign_in_says_so() {
    let server = two_items(|_| {
        (
            403,
            json!({"errors": [{"path": "$", "code": "checklist.own_report", "message": "不能为自己报告的整改销号"}]}),
        )
    });
    let root = mount_on_server("inspector").await;
    press(&root, "销号 B").await;
    type_suffix(&root, "f-approver", "赵六").await;
    press(&root, "确认").await;
    answered().await;
    assert!(text(&root, "[role=alert]").contains("不能为自己报告的整改销号"));
    assert_eq!(text(&root, "[data-testid=cl-status-B]"), "待销号");
    server.answer_with(|_| (401, json!({"errors": [{"path": "$", "code": "auth.expired", "message": "x"}]})));
    press(&root, "确认").await;
    answered().await;
    assert!(text(&root, "[role=alert]").contains("登录已过期"));
    let approver: web_sys::HtmlInputElement = by_suffix(&root, "f-approver").unchecked_into();
    assert_eq!(approver.value(), "赵六");
    root.remove();
}

#[wasm_bindgen_test]
async fn details_read_the_whole_history_with_who_did_each_step() {
    let server = two_items(|_| (500, Value::Null));
    let root = mount_on_server("inspector").await;
    press(&root, "详情 A").await;
    answered().await;
    let details = text(&root, "[data-testid=cl-details-A]");
    assert!(details.contains("i-fz") && details.contains("ent-a"), "{details}");
    assert!(details.contains("已安排"), "{details}");
    // The item as read now (someone started it since the page came).
    assert_eq!(text(&root, "[data-testid=cl-status-A]"), "整改中");
    assert!(server.seen.borrow().iter().any(|s| s.path() == "/items/A"));
    root.remove();
}

#[wasm_bindgen_test]
async fn nobody_signed_in_sees_a_request_to_sign_in_and_nothing_is_asked() {
    let server = two_items(|_| (500, Value::Null));
    let root = testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        today: Some(day()),
        server: ServerSettings {
            endpoint: Some("/api/v1".into()),
            ..ServerSettings::default()
        },
        ..RectificationProps::default()
    })
    .await;
    answered().await;
    assert!(text(&root, "[data-testid=cl-sign-in]").contains("请先登录"));
    assert_eq!(rows(&root), 0);
    assert!(server.seen.borrow().is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn an_inspector_imports_the_findings_on_the_server_and_sees_what_was_added() {
    let server = two_items(|s| {
        assert_eq!(s.path(), "/items/import");
        (200, json!({"added": 3, "already": 1, "results": []}))
    });
    let root = mount_on_server("inspector").await;
    let before = server.seen.borrow().iter().filter(|s| s.path() == "/items").count();
    press(&root, "导入").await;
    answered().await;
    let sent = server.changes();
    assert_eq!(sent[0].body, json!({"template": "representative-personal"}));
    assert_eq!(
        text(&root, "[id$='-simport-status']"),
        "新增3项，1项已在清单中。"
    );
    let after = server.seen.borrow().iter().filter(|s| s.path() == "/items").count();
    assert_eq!(after, before + 1, "the page is asked for again");
    // By reference, one a line; a refusal is shown at the field.
    server.answer_with(|_| {
        (404, json!({"errors": [{"path": "$.submissions[0]", "code": "not_found", "message": "没有这份提交"}]}))
    });
    type_suffix(&root, "simport-refs", "ZC1\n\nZC2\n").await;
    press(&root, "导入").await;
    answered().await;
    assert_eq!(server.changes()[1].body, json!({"submissions": ["ZC1", "ZC2"]}));
    assert!(text(&root, ".yj-error-summary").contains("没有这份提交"));
    let refs: web_sys::HtmlTextAreaElement = by_suffix(&root, "simport-refs").unchecked_into();
    assert_eq!(refs.value(), "ZC1\n\nZC2\n", "what was typed stays");
    root.remove();
    // An enterprise imports nothing.
    let root = mount_on_server("enterprise").await;
    assert!(root.query_selector("[id$='-simport']").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn signing_out_or_in_as_someone_else_leaves_nothing_of_the_list_before() {
    let server = two_items(|_| (500, Value::Null));
    let entry = crate::contract::Entry::of::<Rectification>();
    let mut w = entry.start(Lang::ZhCn, Callback::noop());
    w.set("endpoint", Some("/api/v1")).unwrap();
    let inspector = Value::String(token("i-1", "inspector")).to_string();
    w.put("token", &inspector).unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    w.render(Some(root.clone()));
    answered().await;
    assert_eq!(rows(&root), 2);
    // Signed out: the rows go at once, and nothing more is asked.
    let asked = server.seen.borrow().len();
    w.put("token", "null").unwrap();
    w.render(None);
    answered().await;
    assert_eq!(rows(&root), 0);
    assert!(text(&root, "[data-testid=cl-sign-in]").contains("请先登录"));
    assert!(!text(&root, ".yj-cl").contains("问题A"));
    assert_eq!(server.seen.borrow().len(), asked);
    // The next person's list is read with the next person's token.
    let enterprise = token("e-1", "enterprise");
    w.put("token", &Value::String(enterprise.clone()).to_string()).unwrap();
    w.render(None);
    answered().await;
    let last = server.seen.borrow().last().cloned().unwrap();
    assert_eq!(last.authorization, Some(format!("Bearer {enterprise}")));
    assert_eq!(rows(&root), 2);
    w.destroy();
    root.remove();
}

#[wasm_bindgen_test]
async fn an_inspector_adds_an_item_for_an_enterprise_and_the_server_numbers_it() {
    let server = two_items(|s| {
        assert_eq!((s.method.as_str(), s.path()), ("POST", "/items"));
        if s.body["org"] == "91350100M000100Y43" {
            (201, item("ZG-2026-001", "pending", 1))
        } else {
            (422, json!({"errors": [{"path": "$.org", "code": "uscc.check", "message": "校验位不符"}]}))
        }
    });
    let root = mount_on_server("inspector").await;
    press(&root, "新增整改事项").await;
    assert_eq!(testing::input(&root, &by_suffix(&root, "i-id").id()).unwrap().value(), "");
    type_suffix(&root, "i-org", "91350100M000100Y44").await;
    for (field, value) in [("i-problem", "阴凉库温湿度超标未处置"), ("i-measures", "调整空调设定"),
        ("i-unit", "示例药业"), ("i-person", "赵六"), ("i-deadline", "2026-12-31")] {
        type_suffix(&root, field, value).await;
    }
    let save: HtmlElement = by_suffix(&root, "i-save").unchecked_into();
    save.click();
    answered().await;
    assert!(text(&root, ".yj-error-summary").contains("校验位不符"));
    assert!(text(&root, ".yj-cl__item-form").contains("校验位不符"), "at the field too");
    type_suffix(&root, "i-org", "91350100M000100Y43").await;
    save.click();
    answered().await;
    let sent = server.changes();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].body["id"], "", "the server numbers it");
    assert_eq!(sent[1].body["problem"], "阴凉库温湿度超标未处置");
    assert_eq!(sent[1].body["measures"], json!(["调整空调设定"]));
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-001]"), "待整改");
    assert!(root.query_selector(".yj-cl__item-form").unwrap().is_none(), "the form closed");
    root.remove();
    // An enterprise adds nothing.
    let root = mount_on_server("enterprise").await;
    assert!(root.query_selector("[id$='-add']").unwrap().is_none());
    root.remove();
}
