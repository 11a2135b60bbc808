//! 责令改正通知书: made from the local list, a legal document printed alone; on the
//! server (issue 32, against a fake `fetch`), the bureau has the server issue it and prints the number the server gave, as a legal document; one
//! click spends one number; a service (送达) is checked by the engine, then recorded;
//! the enterprise reads back a notice its item's history names.
use super::on_server::{answered, item, mount_on_server, FakeServer, Seen};
use super::*;
use serde_json::json;

const NUMBER: &str = "闽药监责改〔2026〕0007号";

fn issued(services: Value) -> Value {
    json!({"number": NUMBER, "bureau": "福州市市场监督管理局", "party": "示例医药",
        "party_code": "91350100MA00000000",
        "items": [{"id": "A", "problem": "问题A", "provision": "药品经营质量管理规范",
            "legal_basis": "《中华人民共和国药品管理法》第一百二十六条", "measures": ["补全记录"],
            "mode": "deadline", "deadline": "2026-12-20",
            "consequence": {"rule": "dal-126", "citation": "《中华人民共和国药品管理法》第一百二十六条第一款",
                "text": "……责令限期改正，给予警告；逾期不改正的，处十万元以上五十万元以下的罚款……"}}],
        "mode": "deadline", "deadline": "2026-12-20", "date": "2026-11-22",
        "org": "91350100MA00000000", "region": "350100", "issued_by": "i-fz",
        "issued_at": "2026-11-22T10:00:00+08:00", "sample_pattern": false, "services": services})
}

fn notice_server() -> FakeServer {
    let gets = |s: &Seen| match s.path() {
        "/items" => (200, json!({"items": [item("A", "pending", 1)], "next": null})),
        "/report" => (200, json!({"counts": {"items": 1}, "by_unit": {"示例医药": {}}})),
        "/items/A" => {
            let mut a = item("A", "pending", 1);
            a["history"] = json!([{"action": "notice", "by": "i-fz", "at": "2026-11-22T10:00:00+08:00",
                "from": "pending", "to": "pending", "note": NUMBER, "edit": false}]);
            (200, a)
        }
        p if p.starts_with("/notices/") => (200, issued(json!([]))),
        _ => (404, json!({"errors": []})),
    };
    let changes = |s: &Seen| match s.path() {
        "/notices" => (201, issued(json!([]))),
        p if p.ends_with("/service") => {
            let mut served = s.body.clone();
            served["recorded_by"] = "i-fz".into();
            served["recorded_at"] = "2026-11-22T11:00:00+08:00".into();
            (201, issued(json!([served])))
        }
        _ => (500, Value::Null),
    };
    FakeServer::start(gets, changes)
}

async fn submit_service(root: &Element) {
    let b = root.query_selector(".yj-cl__service-form button[type=submit]").unwrap().unwrap();
    b.unchecked_into::<HtmlElement>().click();
    answered().await;
}

#[wasm_bindgen_test]
async fn the_bureau_has_the_server_issue_a_notice_and_records_its_service() {
    let server = notice_server();
    let root = mount_on_server("inspector").await;
    press(&root, "详情 A").await;
    answered().await;
    press(&root, "开具责令改正通知书（本项）").await;
    answered().await;
    let posted: Vec<Seen> = server.changes();
    assert_eq!(posted.len(), 1);
    assert_eq!((posted[0].path(), &posted[0].body), ("/notices", &json!({"items": ["A"]})));
    // The number the server gave, on a legal document.
    assert_eq!(text(&root, "[data-testid=cl-notice-number]"), NUMBER);
    assert_eq!(text(&root, "[data-testid=cl-notice-bureau]"), "福州市市场监督管理局");
    assert_eq!(text(&root, "[data-testid=cl-notice-party-code]"), "91350100MA00000000");
    assert!(text(&root, ".yj-cl__notice-quote").contains("逾期不改正的，处十万元以上"));
    let sample = root.query_selector("[data-testid=cl-notice] .yj-sample-notice").unwrap();
    assert!(sample.is_none(), "the bureau's own pattern");
    // A second click, on the unit's notice, spends no second number while one is open.
    press(&root, "开具责令改正通知书（示例医药全部未销号问题）").await;
    answered().await;
    assert_eq!(server.changes().len(), 1);
    // The engine checks the service before it is sent; the error is at its field.
    submit_service(&root).await;
    assert_eq!(server.changes().len(), 1, "nothing sent without a recipient");
    let summary = text(&root, "[id$='-sv-errors']");
    assert!(summary.contains("必填") || summary.contains("填写"), "{summary}");
    let recipient = by_suffix(&root, "sv-recipient");
    assert_eq!(recipient.get_attribute("aria-invalid").as_deref(), Some("true"));
    type_suffix(&root, "sv-recipient", "王五（质量负责人）").await;
    submit_service(&root).await;
    let sent = server.changes();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].path(), format!("/notices/{}/service", js_sys::encode_uri_component(NUMBER)));
    assert_eq!(
        sent[1].body,
        json!({"date": "2026-11-22", "method": "direct", "recipient": "王五（质量负责人）"})
    );
    let services = text(&root, "[data-testid=cl-notice-services]");
    assert!(services.contains("直接送达") && services.contains("王五（质量负责人）") && services.contains("i-fz"), "{services}");
    press(&root, "关闭通知书").await;
    assert!(root.query_selector("[data-testid=cl-notice]").unwrap().is_none());
    root.remove();
    drop(server);
}

#[wasm_bindgen_test]
async fn the_enterprise_reads_back_the_notice_its_items_history_names() {
    let server = notice_server();
    let root = mount_on_server("enterprise").await;
    press(&root, "详情 A").await;
    answered().await;
    let buttons = text(&root, "[data-testid=cl-details-A]");
    assert!(!buttons.contains("开具"), "only the bureau issues: {buttons}");
    press(&root, &format!("查看通知书 {NUMBER}")).await;
    answered().await;
    assert!(server.changes().is_empty(), "reading issues nothing");
    assert_eq!(text(&root, "[data-testid=cl-notice-number]"), NUMBER);
    assert!(root.query_selector(".yj-cl__service-form").unwrap().is_none(), "the bureau records services");
    root.remove();
    drop(server);
}

#[wasm_bindgen_test]
async fn a_notice_for_one_item_or_for_every_open_item_of_its_unit() {
    let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
    let root = testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        on_emit,
        value: Some(Rc::new(list_of(two_of_one_unit()))),
        today: Some(day()),
        notice_pattern: Some("某药监责改〔{year}〕{seq:4}号".into()),
        notice_seq: Some(12),
        ..RectificationProps::default()
    })
    .await;
    press(&root, "详情 ZG-2026-001").await;
    press(&root, "生成责令改正通知书（本项）").await;
    assert_eq!(
        text(&root, "[data-testid=cl-notice-number]"),
        "某药监责改〔2026〕0012号"
    );
    let notice = text(&root, "[data-testid=cl-notice]");
    assert!(notice.contains("某医药有限公司"));
    assert!(!notice.contains("示例"), "the host set its own pattern");
    assert_eq!(
        text(&root, "[data-testid=cl-notice-mode]"),
        "限于2026-11-15前改正完毕"
    );
    // A legal document: a line for the bureau and the code the list does not know, what
    // follows from the item's rule quoted as written, a place for the seal.
    assert!(text(&root, "[data-testid=cl-notice-bureau]").contains("（发文机关）"));
    assert!(text(&root, "[data-testid=cl-notice-party-code]").starts_with("＿"));
    let quote = text(&root, ".yj-cl__notice-quote");
    assert!(
        quote.contains("责令限期改正，给予警告；逾期不改正的，处十万元以上五十万元以下的罚款"),
        "{quote}"
    );
    assert!(notice.contains("《中华人民共和国药品管理法》第一百二十六条第一款（原文）"));
    assert!(notice.contains("（印章）"));
    let focused = testing::active_element().unwrap();
    assert!(
        focused.id().ends_with("-notice-title"),
        "the notice takes focus"
    );
    assert!(
        root.query_selector(".yj-cl--notice").unwrap().is_some(),
        "print shows the notice alone"
    );
    // Both open items of the unit: both facts, the earliest deadline.
    press(
        &root,
        "生成责令改正通知书（某医药有限公司全部未销号问题，2项）",
    )
    .await;
    let notice = text(&root, "[data-testid=cl-notice]");
    assert!(
        notice.contains("未按规定储存冷链药品") && notice.contains("完善冷链温度记录"),
        "{notice}"
    );
    // Each item with its own deadline.
    let modes: Vec<String> = all_text(&root, "[data-testid=cl-notice-mode]");
    assert_eq!(
        modes,
        ["限于2026-11-15前改正完毕", "限于2026-12-20前改正完毕"]
    );
    press(&root, "关闭通知书").await;
    assert!(root
        .query_selector("[data-testid=cl-notice]")
        .unwrap()
        .is_none());
    root.remove();
}
