//! Browser tests of the submissions summary (wasm-bindgen-test in headless Chromium),
//! driven by the example batch in `examples/`.
use super::*;
use crate::common::testing::{self, by_suffix, fire, text};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static EMITTED: testing::Recorder = testing::Recorder::default();
}

async fn mount(lang: Lang, value: Option<Rc<Value>>) -> Element {
    let on_emit = EMITTED.with(|r| {
        r.clear();
        r.callback()
    });
    testing::mount::<SubmissionsSummary>(SubmissionsSummaryProps {
        lang,
        on_emit,
        template: None,
        template_id: None,
        template_errors: None,
        value,
        server: Default::default(),
    })
    .await
}

fn emitted(kind: &str) -> Vec<Value> {
    EMITTED.with(|r| r.of_type(kind))
}

/// The overview figures, label → number.
fn stats(root: &Element) -> Vec<(String, String)> {
    let items = root.query_selector_all(".yj-fs__stat").unwrap();
    (0..items.length())
        .filter_map(|i| items.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .map(|e| (text(&e, "dt"), text(&e, "dd")))
        .collect()
}

fn stat(root: &Element, label: &str) -> String {
    stats(root)
        .into_iter()
        .find(|(l, _)| l == label)
        .unwrap_or_else(|| panic!("no figure {label}: {:?}", stats(root)))
        .1
}

fn range(root: &Element) -> String {
    by_suffix(root, "range").text_content().unwrap_or_default()
}

fn row_names(root: &Element) -> Vec<String> {
    let rows = root.query_selector_all("[id$='-rows'] tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|n| text(&n.unchecked_into::<Element>(), "th"))
        .collect()
}

async fn click(el: &Element) {
    testing::click_button(el).await
}

async fn select(root: &Element, suffix: &str, value: &str) {
    let el: HtmlSelectElement = by_suffix(root, suffix).unchecked_into();
    el.set_value(value);
    fire(&el, "change");
    yew::scheduler::flush().await;
}

async fn tick(root: &Element, suffix: &str) {
    by_suffix(root, suffix)
        .unchecked_into::<HtmlElement>()
        .click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_example_batch_is_counted_and_reported_to_the_host() {
    let root = mount(Lang::ZhCn, Some(example_batch())).await;
    assert_eq!(stat(&root, "载入总数"), "62");
    assert_eq!(stat(&root, "计入汇总"), "60");
    assert_eq!(stat(&root, "报告问题的填报人"), "7");
    assert_eq!(stat(&root, "缺少承诺"), "2");
    assert_eq!(stat(&root, "未通过校验"), "2");
    assert_eq!(stat(&root, "未计入（格式或模板不符）"), "2");
    // The host hears the counts, not the rows.
    let ev = emitted("summary.change");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0]["with_findings"], 7);
    assert_eq!(ev[0]["rejected"], 2);
    assert_eq!(ev[0]["template"]["id"], "representative-personal");
    assert!(ev[0].get("rows").is_none());
    // Findings per title, with how many submitters raised each.
    let findings = text(&by_suffix(&root, "findings"), "tbody");
    assert!(
        findings.contains("承担销售任务或实施销售行为"),
        "{findings}"
    );
    // Set aside: the other template's submission, and the thing that is no submission.
    let rejected = by_suffix(&root, "rejected").text_content().unwrap();
    assert!(rejected.contains("第 61 份"), "{rejected}");
    assert!(
        rejected.contains("mah-representative-management"),
        "{rejected}"
    );
    assert!(rejected.contains("第 62 份"), "{rejected}");
    // Per question: the yes/no counts add up to those answering.
    let q = by_suffix(&root, "questions").text_content().unwrap();
    assert!(q.contains("否：58"), "{q}");
    root.remove();
}

#[wasm_bindgen_test]
async fn filters_narrow_the_rows_and_pages_move_through_them() {
    let root = mount(Lang::ZhCn, Some(example_batch())).await;
    assert_eq!(range(&root), "第 1–50 条，共 60 条");
    assert_eq!(row_names(&root).len(), 50);
    click(&by_suffix(&root, "next")).await;
    assert_eq!(range(&root), "第 51–60 条，共 60 条");
    assert_eq!(row_names(&root).len(), 10);
    assert!(by_suffix(&root, "next").has_attribute("disabled"));

    tick(&root, "f-with").await;
    assert_eq!(
        range(&root),
        "第 1–7 条，共 7 条",
        "a filter starts at page 1"
    );
    tick(&root, "f-with").await;
    tick(&root, "f-unattested").await;
    assert_eq!(range(&root), "第 1–2 条，共 2 条");
    let rows = by_suffix(&root, "rows").text_content().unwrap();
    assert!(rows.contains("$.answers.attestation"), "{rows}");
    tick(&root, "f-unattested").await;

    select(&root, "f-finding", "b_sales").await;
    assert_eq!(range(&root), "第 1–2 条，共 2 条");
    select(&root, "f-finding", "").await;
    // Every prohibited behaviour is severe (严重): those 7 rows, each saying so in text.
    select(&root, "f-severity", "high").await;
    assert_eq!(range(&root), "第 1–7 条，共 7 条");
    let marked = root
        .query_selector_all("[id$='-rows'] .yj-fs__severity")
        .unwrap();
    assert_eq!(marked.length(), 7);
    assert_eq!(
        marked.item(0).unwrap().text_content().unwrap(),
        "最高：严重"
    );

    // Search by a name from the first page.
    click(&by_suffix(&root, "f-reset")).await;
    let name = row_names(&root)[0].clone();
    let who: String = name.chars().take(2).collect();
    let search: HtmlInputElement = by_suffix(&root, "f-search").unchecked_into();
    search.set_value(&who);
    fire(&search, "input");
    yew::scheduler::flush().await;
    let names = row_names(&root);
    assert!(
        !names.is_empty() && names.iter().all(|n| n.contains(&who)),
        "{names:?}"
    );
    search.set_value("没有这个人");
    fire(&search, "input");
    yew::scheduler::flush().await;
    assert_eq!(range(&root), "没有符合筛选条件的提交。");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_finding_button_filters_to_its_submitters() {
    let root = mount(Lang::ZhCn, Some(example_batch())).await;
    let buttons = by_suffix(&root, "findings")
        .query_selector_all("button")
        .unwrap();
    assert_eq!(buttons.length(), 6, "one per finding raised at least once");
    let b: Element = buttons.item(0).unwrap().unchecked_into();
    click(&b).await;
    let sel: HtmlSelectElement = by_suffix(&root, "f-finding").unchecked_into();
    assert_ne!(sel.value(), "");
    assert_eq!(range(&root), "第 1–1 条，共 1 条");
    root.remove();
}

#[wasm_bindgen_test]
async fn pasted_json_adds_to_the_batch_and_bad_json_is_named_and_kept() {
    let root = mount(Lang::ZhCn, None).await;
    assert!(root.text_content().unwrap().contains("尚未载入提交"));
    let paste: HtmlTextAreaElement = by_suffix(&root, "paste").unchecked_into();
    paste.set_value("[{\"schema\": \"yaojian/submission/1\",");
    fire(&paste, "input");
    yew::scheduler::flush().await;
    click(&by_suffix(&root, "paste-load")).await;
    let summary = by_suffix(&root, "errors");
    let msg = summary.text_content().unwrap();
    assert!(msg.contains("粘贴的内容"), "{msg}");
    let link = summary.query_selector("a").unwrap().unwrap();
    assert!(link.get_attribute("href").unwrap().ends_with("-paste"));
    assert_eq!(
        crate::common::testing::active_element(),
        Some(summary),
        "the error summary takes focus"
    );
    assert_eq!(
        paste.value(),
        "[{\"schema\": \"yaojian/submission/1\",",
        "what was typed stays"
    );

    // Two good loads add up.
    let batch = example_batch();
    let first = batch.as_array().unwrap()[..10].to_vec();
    paste.set_value(&Value::Array(first).to_string());
    fire(&paste, "input");
    yew::scheduler::flush().await;
    click(&by_suffix(&root, "paste-load")).await;
    assert!(root.query_selector("[id$='-errors']").unwrap().is_none());
    assert_eq!(paste.value(), "", "loaded text is cleared");
    assert_eq!(stat(&root, "载入总数"), "10");
    paste.set_value(&batch.as_array().unwrap()[10].to_string());
    fire(&paste, "input");
    yew::scheduler::flush().await;
    click(&by_suffix(&root, "paste-load")).await;
    assert_eq!(stat(&root, "载入总数"), "11");
    assert!(root
        .text_content()
        .unwrap()
        .contains("已载入 11 份提交（2 次载入）"));
    click(&by_suffix(&root, "clear")).await;
    assert!(root.text_content().unwrap().contains("尚未载入提交"));
    assert_eq!(emitted("summary.change").last().unwrap()["total"], 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switches_relabel_everything_and_export_is_reported() {
    let root = mount(Lang::En, Some(example_batch())).await;
    assert_eq!(stat(&root, "Submitters reporting findings"), "7");
    let findings = text(&by_suffix(&root, "findings"), "tbody");
    assert!(
        findings.contains("Sales targets or sales activity"),
        "{findings}"
    );
    assert!(
        !root.text_content().unwrap().contains("承担销售任务"),
        "no Chinese labels left"
    );
    tick(&root, "f-with").await;
    assert_eq!(range(&root), "1–7 of 7");
    click(&by_suffix(&root, "export")).await;
    let ev = emitted("summary.export");
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["rows"], 7);
    assert!(ev[0]["file"]
        .as_str()
        .unwrap()
        .starts_with("self-inspection-summary-representative-personal-"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_host_template_shows_its_paths() {
    EMITTED.with(|r| r.clear());
    let errs = Template::from_value(json!({"schema": "yaojian/form/1", "id": "x", "version": "1", "title": "x", "sections": [{"id": "s", "title": "s", "questions": [{"id": "q", "kind": "nope", "label": "q"}]}]})).unwrap_err();
    let root = testing::mount::<SubmissionsSummary>(SubmissionsSummaryProps {
        lang: Lang::ZhCn,
        on_emit: Callback::noop(),
        template: None,
        template_id: None,
        template_errors: Some(Rc::new(errs.into())),
        value: Some(example_batch()),
        server: Default::default(),
    })
    .await;
    let panel = text(&root, ".yj-error-summary");
    assert!(panel.contains("$.sections[0].questions[0].kind"), "{panel}");
    assert!(root.query_selector(".yj-fs__stat").unwrap().is_none());
    root.remove();
}

/// Every example in `examples/` shows what it says, through the widget contract.
#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <SubmissionsSummary as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}

#[wasm_bindgen_test]
async fn submissions_on_another_version_are_named_with_their_count() {
    let root = mount(Lang::ZhCn, Some(example_batch())).await;
    let note = root.query_selector("[id$='-versions']").unwrap();
    assert!(note.is_none(), "one version: no note");
    root.remove();
    let mut batch = (*example_batch()).clone();
    for i in [0, 1] {
        batch[i]["template"]["version"] = json!("2026.1");
    }
    let root = mount(Lang::ZhCn, Some(Rc::new(batch))).await;
    let note = by_suffix(&root, "versions").text_content().unwrap();
    assert!(note.contains("版本 2026.1（2 份）") && note.contains("已按本版本统计"), "{note}");
    assert_eq!(stat(&root, "未通过校验"), "4", "each is flagged with its version");
    let ev = emitted("summary.change");
    let versions = &ev.last().unwrap()["versions"];
    assert_eq!(versions[1], json!({"version": "2026.1", "count": 2, "counted": true}), "{versions}");
    root.remove();
}

#[wasm_bindgen_test]
fn template_id_names_a_published_template_only_with_an_endpoint() {
    use crate::contract::Widget;
    let mut p = <SubmissionsSummary as Widget>::props(Lang::ZhCn, Callback::noop());
    let refused = <SubmissionsSummary as Widget>::set(&mut p, "template-id", Some("pharmacy-check")).unwrap_err();
    assert_eq!(refused.code, "requirements.no_template", "without a server only built-in ids");
    <SubmissionsSummary as Widget>::set(&mut p, "endpoint", Some("/api/v1")).unwrap();
    <SubmissionsSummary as Widget>::set(&mut p, "template-id", Some("pharmacy-check")).unwrap();
    assert_eq!(p.template_id.as_deref(), Some("pharmacy-check"));
    let refused = <SubmissionsSummary as Widget>::set(&mut p, "template-id", Some("Not An Id")).unwrap_err();
    assert_eq!(refused.code, "requirements.no_template", "a server's id is still an id");
}

#[wasm_bindgen_test]
fn a_published_template_id_is_taken_before_its_endpoint_is_given() {
    // An element's attributes come in any order: the id is read once the endpoint is set.
    let entry = crate::widgets::entry("submissions-summary").unwrap();
    let mut w = entry.start(Lang::ZhCn, Callback::noop());
    let settings = json!({"template-id": "pharmacy-check", "endpoint": "/api/v1"});
    let refused = w.set_all(settings.as_object().unwrap());
    assert!(refused.is_empty(), "{refused:?}");
    let mut w = entry.start(Lang::ZhCn, Callback::noop());
    let settings = json!({"template-id": "Not An Id", "endpoint": "/api/v1"});
    let refused: Vec<String> = w.set_all(settings.as_object().unwrap()).into_iter().map(|r| r.0).collect();
    assert_eq!(refused, ["template-id"], "refused still, and said once");
}
