//! Browser tests of the checklist widget, on the sample list with a fixed "today".
use super::*;
use crate::common::testing::{self, all_text, by_suffix, text, type_suffix};
use serde_json::json;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yaojian::checklist::Status;
use yaojian::date::parse_date;

mod drafts;
mod on_server;
mod outbox;
mod notices;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static EMITTED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

fn day() -> Date {
    parse_date("2026-11-22").unwrap()
}

async fn mount() -> Element {
    let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
    testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        on_emit,
        value: None,
        today: Some(day()),
        ..RectificationProps::default()
    })
    .await
}

/// Waits until the change is on screen and the widget has saved and told the host.
async fn settled() {
    crate::common::after_paint().await;
    yew::scheduler::flush().await;
}

fn rows(root: &Element) -> u32 {
    root.query_selector_all("[data-testid=cl-table] tbody tr.yj-cl__row")
        .unwrap()
        .length()
}

/// Whether a button labelled `label` (its text or aria-label) is on show.
fn has_button(root: &Element, label: &str) -> bool {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length()).filter_map(|i| buttons.item(i)).any(|n| {
        let b: &Element = n.unchecked_ref();
        b.get_attribute("aria-label").as_deref() == Some(label)
            || b.text_content().as_deref() == Some(label)
    })
}

async fn press(root: &Element, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    let b = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| {
            b.get_attribute("aria-label").as_deref() == Some(label)
                || b.text_content().as_deref() == Some(label)
        })
        .unwrap_or_else(|| panic!("no button {label}"));
    assert_eq!(b.get_attribute("type").as_deref(), Some("button"));
    b.click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn shows_the_engines_counts_and_deadline_flags_in_text() {
    let root = mount().await;
    let list = ItemList::from_json(SAMPLE).unwrap();
    let report = cl::report(&list, day(), 7, Lang::ZhCn);
    assert_eq!(text(&root, "[data-testid=cl-summary]"), report.summary);
    assert_eq!(rows(&root), list.items.len() as u32);
    // ZG-2026-001 was due 2026-11-15: seven days overdue, said in words.
    assert!(text(&root, "[data-testid=cl-table]").contains("已逾期7天"));
    assert_eq!(
        text(&root, "[data-testid=cl-flags]"),
        format!(
            "逾期{}件，7日内到期{}件",
            report.counts.overdue, report.counts.due_soon
        )
    );
    let progress = root.query_selector("progress").unwrap().unwrap();
    assert_eq!(progress.get_attribute("value").as_deref(), Some("1"));
    root.remove();
}

#[wasm_bindgen_test]
async fn filters_and_search_narrow_the_list() {
    let root = mount().await;
    let overdue: HtmlElement = by_suffix(&root, "overdue").unchecked_into();
    overdue.click();
    yew::scheduler::flush().await;
    assert_eq!(rows(&root), 1);
    overdue.click();
    yew::scheduler::flush().await;
    type_suffix(&root, "search", "追溯").await;
    assert_eq!(rows(&root), 1);
    assert!(text(&root, "[data-testid=cl-table]").contains("ZG-2026-002"));
    root.remove();
}

#[wasm_bindgen_test]
async fn actions_ask_for_what_they_need_and_the_engine_decides() {
    let root = mount().await;
    press(&root, "开始整改 ZG-2026-002").await;
    press(&root, "确认").await;
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "整改中");
    // Reporting without evidence is refused with the engine's reason; nothing changes.
    press(&root, "报告整改情况 ZG-2026-002").await;
    press(&root, "确认").await;
    assert!(text(&root, "[role=alert]").contains("至少一条整改证明"));
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "整改中");
    type_suffix(&root, "f-evidence", "已上线追溯系统").await;
    press(&root, "确认").await;
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "待复查");
    // Only what the engine allows is offered: 待复查 is re-inspected before any close-out.
    assert!(!has_button(&root, "销号 ZG-2026-003"));
    press(&root, "登记复查 ZG-2026-003").await;
    type_suffix(&root, "f-inspector", "孙八").await;
    press(&root, "确认").await;
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-003]"), "待销号");
    assert!(!has_button(&root, "登记复查 ZG-2026-003"));
    assert!(has_button(&root, "销号 ZG-2026-003"));
    settled().await;
    let last = EMITTED.with(|e| e.borrow().last().cloned()).unwrap();
    assert_eq!(last["type"], "checklist.change");
    let item = last["list"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "ZG-2026-002")
        .unwrap()
        .clone();
    assert_eq!(item["status"], "awaiting_reinspection");
    assert_eq!(item["history"].as_array().unwrap().len(), 2);
    let passed = &last["list"]["items"][2];
    assert_eq!((passed["id"].as_str(), passed["status"].as_str()), (Some("ZG-2026-003"), Some("ready_for_close_out")));
    root.remove();
}

/// Chooses `value` in the select `#…-suffix` and waits for the render.
async fn choose(root: &Element, suffix: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = by_suffix(root, suffix).unchecked_into();
    el.set_value(value);
    testing::fire(&el, "change");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn source_and_unit_filters_narrow_the_list() {
    let root = mount().await;
    choose(&root, "source", "self_inspection").await;
    assert_eq!(rows(&root), 1);
    assert!(text(&root, "[data-testid=cl-table] tbody").contains("ZG-2026-002"));
    choose(&root, "source", "").await;
    choose(&root, "unit", "某大药房连锁门店").await;
    assert_eq!(rows(&root), 1);
    assert!(text(&root, "[data-testid=cl-table] tbody").contains("ZG-2026-003"));
    choose(&root, "source", "inspection").await;
    assert_eq!(rows(&root), 0, "filters combine");
    root.remove();
}

#[wasm_bindgen_test]
async fn self_inspection_findings_are_imported_once_and_bad_input_is_named() {
    use yaojian::form::{self, answers::FindingAnswer};
    let t = form::built_in("representative-personal").unwrap();
    let answers: form::Answers = serde_json::from_value(json!({
        "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
        "mah_name": "示例药业有限公司", "mah_uscc": "91350100M000100Y43",
        "filed": true, "filing_date": "2025-03-01", "contract": "labour_contract",
        "b_unfiled": false, "b_no_consent": false, "b_sales": true, "b_prescriptions": false,
        "b_funding": false, "b_misleading": false, "b_kickbacks": false,
        "activity_count": 0,
        "attestation": {"agreed": true, "name": "张三", "date": "2026-11-20"}
    }))
    .unwrap();
    let mut findings = form::Findings::new();
    findings.insert(
        "b_sales".into(),
        FindingAnswer {
            explanation: "曾被要求统计销量".into(),
            measure: "停止并报告公司".into(),
            deadline: "2026-12-20".into(),
            ..Default::default()
        },
    );
    let s = form::submit(
        &t,
        &answers,
        &findings,
        None,
        None,
        // 2026-11-22 10:00 UTC+8: the board's "today" (a later submission is refused).
        1_795_312_800_000,
        Lang::ZhCn,
    )
    .unwrap();
    let doc = serde_json::to_string(&s).unwrap();

    let root = mount().await;
    let before = rows(&root);
    testing::type_suffix(&root, "import-text", "[{\"broken\": ").await;
    press(&root, "导入").await;
    let summary = text(&root, "[id$='-import-errors']");
    assert!(summary.contains("$"), "{summary}");
    assert_eq!(
        input_value(&root, "import-text"),
        "[{\"broken\": ",
        "what was pasted stays"
    );

    testing::type_suffix(&root, "import-text", &doc).await;
    press(&root, "导入").await;
    assert_eq!(rows(&root), before + 1);
    assert_eq!(
        text(&root, "[id$='-import-status']"),
        "新增1项，0项已在清单中。"
    );
    assert!(text(&root, "[data-testid=cl-table]").contains("曾被要求统计销量"));
    settled().await;
    let last = EMITTED.with(|e| e.borrow().last().cloned()).unwrap();
    let items = last["list"]["items"].as_array().unwrap();
    assert_eq!(items.last().unwrap()["source"], "self_inspection");
    assert_eq!(items.last().unwrap()["deadline"], "2026-12-20");

    testing::type_suffix(&root, "import-text", &doc).await;
    press(&root, "导入").await;
    assert_eq!(rows(&root), before + 1, "not added twice");
    assert_eq!(
        text(&root, "[id$='-import-status']"),
        "新增0项，1项已在清单中。"
    );
    root.remove();
}

fn input_value(root: &Element, suffix: &str) -> String {
    let el: web_sys::HtmlTextAreaElement = by_suffix(root, suffix).unchecked_into();
    el.value()
}

#[wasm_bindgen_test]
async fn details_show_evidence_file_references_and_the_history() {
    let root = mount().await;
    press(&root, "详情 ZG-2026-003").await;
    let details = text(&root, "[data-testid=cl-details-ZG-2026-003]");
    assert!(
        details.contains("处方审核制度及培训签到表.pdf"),
        "{details}"
    );
    assert!(details.contains("242.5 KB"), "{details}");
    assert!(details.contains("application/pdf"));
    assert!(details.contains("sha256:3f2a9c1e"));
    let toggle = root
        .query_selector("[aria-label='详情 ZG-2026-003']")
        .unwrap()
        .unwrap();
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let controls = toggle.get_attribute("aria-controls").unwrap();
    assert_eq!(
        root.query_selector(&format!("[id='{controls}']"))
            .unwrap()
            .and_then(|e| e.get_attribute("data-testid"))
            .as_deref(),
        Some("cl-details-ZG-2026-003"),
        "the toggle controls the details"
    );
    // A transition shows up in the history.
    press(&root, "开始整改 ZG-2026-002").await;
    press(&root, "确认").await;
    press(&root, "详情 ZG-2026-002").await;
    assert!(text(&root, "[data-testid=cl-details-ZG-2026-002]").contains("待整改 → 整改中"));
    press(&root, "详情 ZG-2026-003").await;
    assert!(root
        .query_selector("[data-testid=cl-details-ZG-2026-003]")
        .unwrap()
        .is_none());
    root.remove();
}

fn list_of(v: Value) -> ItemList {
    ItemList::from_json(&v.to_string()).unwrap()
}

/// The sample plus a second open item of 某医药有限公司 (immediate, no deadline).
fn two_of_one_unit() -> Value {
    let mut v: Value = serde_json::from_str(SAMPLE).unwrap();
    let mut extra = v["items"][0].clone();
    extra["id"] = "ZG-2026-005".into();
    extra["problem"] = "未按规定储存冷链药品".into();
    extra["measures"] = serde_json::json!(["完善冷链温度记录"]);
    extra["deadline"] = "2026-12-20".into();
    v["items"].as_array_mut().unwrap().push(extra);
    v
}

/// Clicks the form's submit button and waits for the render.
async fn save(root: &Element) {
    let b: HtmlElement = by_suffix(root, "i-save").unchecked_into();
    assert_eq!(b.get_attribute("type").as_deref(), Some("submit"));
    b.click();
    yew::scheduler::flush().await;
}

fn value_of(root: &Element, suffix: &str) -> String {
    js_sys::Reflect::get(&by_suffix(root, suffix), &"value".into())
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn adding_an_item_names_every_missing_field_and_keeps_what_was_typed() {
    let root = mount().await;
    // A filter that would hide the new item.
    choose(&root, "status", "in_progress").await;
    press(&root, "新增整改事项").await;
    let focused = testing::active_element().unwrap();
    assert!(focused.id().ends_with("-i-title"), "the form takes focus");
    assert_eq!(value_of(&root, "i-id"), "ZG-2026-005", "the next number");
    type_suffix(&root, "i-problem", "阴凉库温湿度超标未处置").await;
    save(&root).await;
    // The engine's errors, in form order, each linking to its field.
    let summary = by_suffix(&root, "i-errors");
    let links: Vec<(String, String)> = {
        let a = summary.query_selector_all("a").unwrap();
        (0..a.length())
            .map(|n| a.item(n).unwrap().unchecked_into::<Element>())
            .map(|a| (a.text_content().unwrap(), a.get_attribute("href").unwrap()))
            .collect()
    };
    let texts: Vec<&str> = links.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "整改措施：请至少填写一项整改措施（每行一项）",
            "责任单位：此项为必填项",
            "责任人：此项为必填项",
            "整改期限：限期改正的事项须有整改期限",
        ]
    );
    assert!(links[0].1.ends_with("-i-measures"));
    assert_eq!(
        testing::active_element().unwrap().id(),
        summary.id(),
        "the summary takes focus"
    );
    let measures = by_suffix(&root, "i-measures");
    assert_eq!(
        measures.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = measures.get_attribute("aria-describedby").unwrap();
    let message = described
        .split(' ')
        .find(|d| d.ends_with("-error"))
        .unwrap();
    assert!(text(&root, &format!("[id='{message}']")).contains("请至少填写一项整改措施"));
    assert_eq!(
        value_of(&root, "i-problem"),
        "阴凉库温湿度超标未处置",
        "what was typed stays"
    );
    // Following a link focuses its field inside the widget.
    summary
        .query_selector("a")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    assert!(testing::active_element()
        .unwrap()
        .id()
        .ends_with("-i-measures"));

    type_suffix(&root, "i-measures", "调整空调设定\n补记温湿度记录").await;
    type_suffix(&root, "i-unit", "某医药有限公司").await;
    type_suffix(&root, "i-person", "赵六").await;
    type_suffix(&root, "i-deadline", "2026-12-31").await;
    save(&root).await;
    assert!(
        root.query_selector("[id$='-i-title']").unwrap().is_none(),
        "the form closes"
    );
    // The filters were cleared to show it, and the select says so.
    let status: web_sys::HtmlSelectElement = by_suffix(&root, "status").unchecked_into();
    assert_eq!(status.value(), "");
    assert_eq!(rows(&root), 5);
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-005]"), "待整改");
    assert!(text(&root, "p.yj-visually-hidden[role=status]").contains("已新增 ZG-2026-005"));
    let focused = testing::active_element().unwrap();
    assert_eq!(
        focused.text_content().as_deref(),
        Some("ZG-2026-005"),
        "focus on the new row"
    );
    settled().await;
    let last = EMITTED.with(|e| e.borrow().last().cloned()).unwrap();
    let added = last["list"]["items"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(added["id"], "ZG-2026-005");
    assert_eq!(added["measures"], json!(["调整空调设定", "补记温湿度记录"]));
    assert_eq!(added["deadline"], "2026-12-31");
    assert_eq!(added["status"], "pending");
    root.remove();
}

#[wasm_bindgen_test]
async fn editing_an_item_keeps_its_id_and_records_what_changed() {
    let root = mount().await;
    assert!(
        root.query_selector("[aria-label='编辑 ZG-2026-004']")
            .unwrap()
            .is_none(),
        "a closed item cannot be edited"
    );
    // Errors of a form left open do not follow into the next one.
    press(&root, "新增整改事项").await;
    save(&root).await;
    assert!(root.query_selector("[id$='-i-errors']").unwrap().is_some());
    press(&root, "编辑 ZG-2026-002").await;
    assert!(root.query_selector("[id$='-i-errors']").unwrap().is_none());
    assert!(by_suffix(&root, "i-id").has_attribute("readonly"));
    assert_eq!(value_of(&root, "i-deadline"), "2027-03-31");
    // A refused edit keeps the form and what was typed.
    type_suffix(&root, "i-problem", " ").await;
    type_suffix(&root, "i-deadline", "2026-12-31").await;
    save(&root).await;
    assert!(text(&root, "[id$='-i-errors']").contains("问题：此项为必填项"));
    assert_eq!(value_of(&root, "i-deadline"), "2026-12-31");
    type_suffix(&root, "i-problem", "未按要求建立药品追溯制度").await;
    save(&root).await;
    assert!(root.query_selector("[id$='-i-title']").unwrap().is_none());
    assert!(text(&root, "[data-testid=cl-table]").contains("未按要求建立药品追溯制度"));
    press(&root, "详情 ZG-2026-002").await;
    let details = text(&root, "[data-testid=cl-details-ZG-2026-002]");
    assert!(
        details.contains("修改了问题、整改期限（2027-03-31 → 2026-12-31）"),
        "{details}"
    );
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "待整改");
    root.remove();
}

/// `n` items copied from the first sample item, with deadlines one day apart.
fn many(n: usize) -> Value {
    let v: Value = serde_json::from_str(SAMPLE).unwrap();
    let first = v["items"][0].clone();
    let items: Vec<Value> = (0..n)
        .map(|k| {
            let mut i = first.clone();
            i["id"] = format!("P-{k:02}").into();
            i["deadline"] = format!("2026-12-{:02}", k + 1).into();
            i
        })
        .collect();
    json!({ "schema": cl::SCHEMA, "items": items })
}

#[wasm_bindgen_test]
async fn long_lists_come_in_pages_with_a_navigation() {
    let root = testing::mount::<Rectification>(RectificationProps {
        value: Some(Rc::new(list_of(many(7)))),
        today: Some(day()),
        page_size: Some(3),
        ..RectificationProps::default()
    })
    .await;
    assert_eq!(rows(&root), 3);
    assert_eq!(
        text(&root, "[data-testid=cl-table] caption"),
        "第1–3件，筛选出7件，清单共7件，按整改期限排序"
    );
    assert!(root
        .query_selector("nav[aria-label='分页']")
        .unwrap()
        .is_some());
    press(&root, "第3页").await;
    assert_eq!(rows(&root), 1);
    assert!(text(&root, "[data-testid=cl-table] tbody").contains("P-06"));
    let focused = testing::active_element().unwrap();
    assert_eq!(
        focused.tag_name(),
        "TABLE",
        "reading starts at the table, named by its caption"
    );
    assert_eq!(
        text(&root, "[aria-current=page]"),
        "3",
        "the current page is marked"
    );
    press(&root, "上一页").await;
    assert_eq!(text(&root, "[aria-current=page]"), "2");
    assert!(text(&root, "[data-testid=cl-table] tbody").contains("P-03"));
    // A filter starts again from the first page.
    type_suffix(&root, "search", "P-0").await;
    assert_eq!(text(&root, "[aria-current=page]"), "1");
    type_suffix(&root, "search", "P-05").await;
    assert_eq!(rows(&root), 1);
    assert!(
        root.query_selector("nav[aria-label='分页']")
            .unwrap()
            .is_none(),
        "no navigation for one page"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn two_boards_on_one_page_share_no_element_id() {
    let a = mount().await;
    let b = mount().await;
    let ids = |root: &Element| -> Vec<String> {
        let all = root.query_selector_all("[id]").unwrap();
        (0..all.length())
            .map(|n| all.item(n).unwrap().unchecked_into::<Element>().id())
            .collect()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert!(ia.len() > 10);
    assert!(ia.iter().all(|i| !ib.contains(i)), "{ia:?} / {ib:?}");
    // And each label still finds its own control.
    let labels = b.query_selector_all("label[for]").unwrap();
    for n in 0..labels.length() {
        let f = labels
            .item(n)
            .unwrap()
            .unchecked_into::<Element>()
            .get_attribute("for")
            .unwrap();
        assert!(
            b.query_selector(&format!("[id='{f}']")).unwrap().is_some(),
            "{f}"
        );
    }
    a.remove();
    b.remove();
}

/// Every example in `examples/` shows what it says, through the widget contract.
#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <Rectification as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}

/// A file's size in words, rounded half up to one decimal in integer arithmetic.
#[wasm_bindgen_test]
fn file_sizes_read_in_words() {
    use super::table::file_size;
    let mb = 1024 * 1024;
    for (bytes, words) in [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (1075, "1.0 KB"),
        (1076, "1.1 KB"),
        (5 * mb + 52_428, "5.0 MB"), // 5.049999… MB
        (5 * mb + 52_429, "5.1 MB"), // 5.050000… MB
        (mb * 1024, "1024.0 MB"),
        (u64::MAX, "17592186044416.0 MB"),
    ] {
        assert_eq!(file_size(bytes), words, "{bytes}");
    }
}
