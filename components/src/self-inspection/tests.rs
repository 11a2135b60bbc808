//! Browser tests of the self-inspection form (wasm-bindgen-test in headless Chromium).
use super::*;
use crate::common::local_storage;
use yaojian::form::answers::check_submission;
use crate::common::testing::{self, by_suffix, fire, text};
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static EMITTED: testing::Recorder = testing::Recorder::default();
}

fn small_template() -> Rc<Template> {
    Rc::new(
        Template::from_value(json!({
            "schema": "yaojian/form/1", "id": "browser-test", "version": "1", "title": "测试自查表",
            "sections": [
                {"id": "a", "title": "第一部分", "questions": [
                    {"id": "name", "kind": "text", "label": "姓名", "required": true},
                    {"id": "fee", "kind": "money", "label": "费用", "required": true},
                    {"id": "stat", "kind": "yes_no", "label": "是否统方", "required": true,
                     "finding": {"severity": "high", "title": "统方"}}
                ]},
                {"id": "b", "title": "第二部分", "questions": [
                    {"id": "att", "kind": "attestation", "label": "承诺", "required": true, "statement": "属实"}
                ]}
            ]
        }))
        .unwrap(),
    )
}

async fn mount_with(template: Option<Rc<Template>>, key: &str) -> Element {
    let on_emit = EMITTED.with(|r| {
        r.clear();
        r.callback()
    });
    testing::mount::<SelfInspection>(SelfInspectionProps {
        lang: Lang::ZhCn,
        on_emit,
        template,
        template_id: None,
        template_errors: None,
        storage_key: Some(AttrValue::from(key.to_string())),
        readonly: false,
        value: None,
        value_waits: false,
        server: Default::default(),
    })
    .await
}

fn clear_storage() {
    local_storage().unwrap().clear().unwrap();
}

async fn type_text(root: &Element, suffix: &str, value: &str) {
    testing::type_suffix(root, suffix, value).await
}

async fn blur(root: &Element, suffix: &str) {
    fire(&by_suffix(root, suffix), "blur");
    yew::scheduler::flush().await;
}

async fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

async fn press(root: &Element, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    let b = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<Element>())
        .find(|b| b.text_content().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("no button {label}"));
    assert_eq!(b.get_attribute("type").as_deref(), Some("button"));
    click(&b).await;
}

/// Waits for the saves and events that follow a change once it is drawn.
async fn saved() {
    crate::common::after_paint().await;
    yew::scheduler::flush().await;
}

fn emitted(kind: &str) -> Vec<Value> {
    EMITTED.with(|r| r.of_type(kind))
}

#[wasm_bindgen_test]
async fn errors_show_on_blur_with_aria_and_the_typed_text_is_kept() {
    clear_storage();
    let root = mount_with(Some(small_template()), "blur").await;
    assert!(
        root.query_selector(".yj-error-message").unwrap().is_none(),
        "no errors before blur"
    );
    blur(&root, "name").await;
    let name = by_suffix(&root, "name");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = name.get_attribute("aria-describedby").unwrap();
    let msg = root
        .query_selector(&format!("#{described}"))
        .unwrap()
        .unwrap();
    assert!(msg.text_content().unwrap().contains("此项必填"));
    // Money that does not parse: message about money, and the text stays.
    type_text(&root, "fee", "12.345").await;
    blur(&root, "fee").await;
    let fee: HtmlInputElement = by_suffix(&root, "fee").unchecked_into();
    assert_eq!(fee.value(), "12.345");
    assert!(
        root.text_content().unwrap().contains("小数"),
        "{}",
        root.text_content().unwrap()
    );
    type_text(&root, "fee", "1.5万").await;
    saved().await;
    assert_eq!(
        emitted("form.change").last().unwrap()["answers"]["fee"],
        1_500_000
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_section_whose_answers_are_all_in_but_wrong_is_never_shown_done() {
    clear_storage();
    let t = Template::from_value(
        json!({
            "schema": "yaojian/form/1", "id": "tab-test", "version": "1", "title": "测试",
            "sections": [
                {"id": "a", "title": "第一部分", "questions": [
                    {"id": "name", "kind": "text", "label": "姓名", "required": true, "max_length": 3},
                    {"id": "n", "kind": "number", "integer": true, "min": 0, "max": 10, "label": "人数", "required": true}
                ]},
                {"id": "b", "title": "第二部分", "questions": [
                    {"id": "att", "kind": "attestation", "label": "承诺", "required": true, "statement": "属实"}
                ]}
            ]
        }),
    )
    .unwrap();
    let root = mount_with(Some(Rc::new(t)), "tabs").await;
    let tab = |root: &Element| {
        let item = root.query_selector(".yj-si__nav-item").unwrap().unwrap();
        (item.class_name(), item.query_selector(".yj-si__nav-count").unwrap().unwrap().text_content().unwrap())
    };
    type_text(&root, "name", "王小明同志").await;
    type_text(&root, "n", "50").await;
    saved().await;
    let (class, count) = tab(&root);
    assert!(!class.contains("is-done") && class.contains("is-invalid"), "{class}");
    assert_eq!(count, "2/2，有误");
    type_text(&root, "name", "王小明").await;
    type_text(&root, "n", "5").await;
    saved().await;
    let (class, count) = tab(&root);
    assert!(class.contains("is-done") && !class.contains("is-invalid"), "{class}");
    assert_eq!(count, "2/2");
    root.remove();
}

#[wasm_bindgen_test]
async fn continue_with_errors_shows_a_focused_summary_linking_to_fields() {
    clear_storage();
    let root = mount_with(Some(small_template()), "summary").await;
    press(&root, "保存并继续").await;
    let summary = root
        .query_selector(".yj-error-summary")
        .unwrap()
        .expect("summary");
    let doc = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        doc.active_element().unwrap(),
        summary,
        "the summary takes focus"
    );
    let links = summary.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 3);
    assert!(links
        .item(0)
        .unwrap()
        .text_content()
        .unwrap()
        .starts_with("姓名："));
    let href = links
        .item(0)
        .unwrap()
        .unchecked_into::<Element>()
        .get_attribute("href")
        .unwrap();
    assert!(href.ends_with("-name"), "{href}");
    // Still on the first section.
    assert!(text(&root, "h3").contains("第一部分"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_yes_reveals_the_finding_fields_and_the_whole_path_submits() {
    clear_storage();
    let root = mount_with(Some(small_template()), "submit").await;
    type_text(&root, "name", "张三").await;
    type_text(&root, "fee", "100").await;
    assert!(root
        .query_selector("[id$='-stat-explanation']")
        .unwrap()
        .is_none());
    click(&by_suffix(&root, "stat")).await; // 是
    assert!(
        root.query_selector("[id$='-stat-explanation']")
            .unwrap()
            .is_some(),
        "finding fields appear"
    );
    type_text(&root, "stat-explanation", "统计过一次").await;
    type_text(&root, "stat-measure", "停止").await;
    type_text(&root, "stat-deadline", "2099-01-01").await;
    press(&root, "保存并继续").await;
    assert!(
        text(&root, "h3").contains("第二部分"),
        "moved on: {}",
        text(&root, "h3")
    );
    click(&by_suffix(&root, "att")).await;
    type_text(&root, "att-name", "张三").await;
    let today = yaojian::date::format_date(crate::common::today());
    type_text(&root, "att-date", &today).await;
    press(&root, "检查答案").await;
    let page = root.text_content().unwrap();
    assert!(
        page.contains("提交前检查您的答案")
            && page.contains("¥100.00")
            && page.contains("统计过一次"),
        "{page}"
    );
    press(&root, "确认提交").await;
    let subs = emitted("form.submit");
    assert_eq!(subs.len(), 1);
    let s = &subs[0]["submission"];
    assert_eq!(s["template"]["id"], "browser-test");
    assert_eq!(s["key"], "submit");
    assert_eq!(s["findings"]["stat"]["measure"], "停止");
    assert!(s["submitted_at"].as_str().unwrap().ends_with("+08:00"));
    let reference = s["reference"].as_str().unwrap();
    assert!(text(&root, ".yj-si__reference-number").contains(reference));
    // Issue 29.1: without a server, the receipt says that nothing was sent.
    assert!(text(&root, ".yj-si__receipt").contains("自查表已完成（未发送）"));
    assert!(text(&root, ".yj-si__local-only").contains("没有发送给任何机关"));
    // The same submission passes the engine's server-side check.
    check_submission(&small_template(), s.clone(), crate::common::today()).unwrap();
    // The draft is gone after submitting.
    let k = storage_key(&small_template(), "submit");
    assert_eq!(local_storage().unwrap().get_item(&k).unwrap(), None);
    root.remove();
}

#[wasm_bindgen_test]
async fn changes_within_one_frame_are_saved_once_with_the_last() {
    clear_storage();
    let root = mount_with(Some(small_template()), "burst").await;
    // Three keystrokes in one task: no frame can come between them.
    let name = by_suffix(&root, "name");
    for text in ["李", "李四", "李四光"] {
        js_sys::Reflect::set(&name, &"value".into(), &text.into()).unwrap();
        fire(&name, "input");
    }
    yew::scheduler::flush().await;
    let ours = || {
        emitted("form.draft_saved")
            .into_iter()
            .filter(|e| {
                e["storage_key"]
                    .as_str()
                    .is_some_and(|k| k.ends_with(":burst"))
            })
            .count()
    };
    assert_eq!(ours(), 0, "not before the frame");
    saved().await;
    assert_eq!(ours(), 1);
    assert_eq!(
        emitted("form.change").last().unwrap()["answers"]["name"],
        "李四光"
    );
    let stored = stored_draft("burst");
    assert_eq!(stored.answers["name"], "李四光");
    root.remove();
}

/// The draft of the small template saved under storage key `key`.
fn stored_draft(key: &str) -> Draft {
    let k = storage_key(&small_template(), key);
    Draft::read(&local_storage().unwrap().get_item(&k).unwrap().unwrap()).unwrap()
}

#[wasm_bindgen_test]
async fn an_answer_cleared_leaves_the_others_in_their_order() {
    clear_storage();
    let root = mount_with(Some(small_template()), "order").await;
    type_text(&root, "name", "张三").await;
    type_text(&root, "fee", "100").await;
    click(&by_suffix(&root, "stat")).await; // 是
    type_text(&root, "name", "").await;
    saved().await;
    let stored = stored_draft("order");
    let keys: Vec<&String> = stored.answers.keys().collect();
    assert_eq!(keys, ["fee", "stat"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn drafts_are_saved_and_offered_back() {
    clear_storage();
    let root = mount_with(Some(small_template()), "draft").await;
    type_text(&root, "name", "李四").await;
    saved().await;
    assert!(!emitted("form.draft_saved").is_empty());
    assert!(text(&root, ".yj-si__storage").contains("草稿已自动保存"));
    root.remove();
    let root = mount_with(Some(small_template()), "draft").await;
    yew::scheduler::flush().await;
    assert!(text(&root, ".yj-si__draft").contains("发现未提交的草稿"));
    let name: HtmlInputElement = by_suffix(&root, "name").unchecked_into();
    assert_eq!(name.value(), "", "not restored until asked");
    press(&root, "恢复草稿").await;
    let name: HtmlInputElement = by_suffix(&root, "name").unchecked_into();
    assert_eq!(name.value(), "李四");
    root.remove();
    // Another host key has its own draft.
    let root = mount_with(Some(small_template()), "someone-else").await;
    assert!(root.query_selector(".yj-si__draft").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_malformed_template_shows_its_paths_and_nothing_else() {
    let errs = Template::from_value(json!({"schema": "yaojian/form/1", "id": "x", "version": "1", "title": "T", "sections": [{"id": "s", "title": "S", "questions": [{"id": "q", "kind": "single_choice", "label": "Q"}]}]})).unwrap_err();
    let root = testing::mount::<SelfInspection>(SelfInspectionProps {
        lang: Lang::ZhCn,
        on_emit: Callback::noop(),
        template: None,
        template_id: None,
        template_errors: Some(Rc::new(errs.into())),
        storage_key: None,
        readonly: false,
        value: None,
        value_waits: false,
        server: Default::default(),
    })
    .await;
    let page = root.text_content().unwrap();
    assert!(
        page.contains("$.sections[0].questions[0].options"),
        "{page}"
    );
    assert!(page.contains("选择题需要至少一个选项"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_built_in_template_renders_every_button_with_a_type() {
    clear_storage();
    let root = mount_with(None, "types").await;
    assert!(text(&root, ".yj-si__title").contains("医药代表个人自查表"));
    assert!(text(&root, ".yj-sample-notice").contains("示例"));
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let b = buttons.item(i).unwrap().unchecked_into::<Element>();
        assert_eq!(b.get_attribute("type").as_deref(), Some("button"));
    }
    assert!(root.query_selector("[style]").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn rows_are_added_with_focus_and_removed() {
    clear_storage();
    let t = Rc::new(
        Template::from_value(json!({
            "schema": "yaojian/form/1", "id": "rows-test", "version": "1", "title": "行",
            "sections": [{"id": "a", "title": "代表", "questions": [
                {"id": "who", "kind": "group", "label": "代表名单", "questions": [
                    {"id": "n", "kind": "text", "label": "姓名", "required": true}
                ]}
            ]}]
        }))
        .unwrap(),
    );
    let root = mount_with(Some(t), "rows").await;
    assert_eq!(root.query_selector_all(".yj-si__row").unwrap().length(), 0);
    click(&by_suffix(&root, "who-add")).await;
    assert_eq!(root.query_selector_all(".yj-si__row").unwrap().length(), 1);
    crate::common::next_task().await;
    yew::scheduler::flush().await;
    let active = crate::common::testing::active_element().unwrap();
    assert!(
        active.id().ends_with("-who-0"),
        "focus on the new row: {}",
        active.id()
    );
    type_text(&root, "who-0-n", "李四").await;
    saved().await;
    assert_eq!(
        emitted("form.change").last().unwrap()["answers"]["who"][0]["n"],
        "李四"
    );
    press(&root, "删除第 1 行").await;
    assert_eq!(root.query_selector_all(".yj-si__row").unwrap().length(), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn finding_fields_show_their_errors_only_once_visited() {
    clear_storage();
    let root = mount_with(Some(small_template()), "finding-blur").await;
    click(&by_suffix(&root, "stat")).await; // 是
    blur(&root, "stat").await;
    assert_eq!(
        by_suffix(&root, "stat-explanation")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false"),
        "no error on a field the user has not reached"
    );
    assert!(
        !root.text_content().unwrap().contains("请填写情况说明"),
        "no message either"
    );
    blur(&root, "stat-explanation").await;
    assert_eq!(
        by_suffix(&root, "stat-explanation")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(root.text_content().unwrap().contains("请填写情况说明"));
    root.remove();
}

/// Issue 14.8: a kept draft that cannot be read was dropped in silence and then
/// overwritten; it is set aside, said so, and the host is told.
#[wasm_bindgen_test]
async fn an_unreadable_draft_is_set_aside_and_reported() {
    clear_storage();
    let k = storage_key(&small_template(), "broken");
    let st = local_storage().unwrap();
    st.set_item(&k, "{\"answers\": {\"name\": \"李").unwrap();
    let root = mount_with(Some(small_template()), "broken").await;
    yew::scheduler::flush().await;
    let aside = crate::common::unreadable_key(&k);
    assert_eq!(
        st.get_item(&aside).unwrap().as_deref(),
        Some("{\"answers\": {\"name\": \"李")
    );
    assert!(
        text(&root, ".yj-si__storage").contains(&aside),
        "said in words"
    );
    let told = emitted("draft.unreadable");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["kept_as"], aside.as_str());
    type_text(&root, "name", "王五").await;
    saved().await;
    assert!(st.get_item(&k).unwrap().unwrap().contains("王五"));
    assert!(
        st.get_item(&aside).unwrap().is_some(),
        "the unreadable copy stays"
    );
    root.remove();
    clear_storage();
}

/// Every example in `examples/` shows what it says, through the widget contract.
#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <SelfInspection as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}

/// Issue 29.2: the widget reads who a token names (not verifying it: the server does)
/// to keep each person's draft and queued filing apart.
#[wasm_bindgen_test]
fn a_token_names_the_person_whose_drafts_these_are() {
    use crate::common::server::person_of_token;
    // {"sub":"rep-1","role":"representative","exp":1} and one with a multi-byte sub.
    let p = person_of_token("e30.eyJzdWIiOiJyZXAtMSIsInJvbGUiOiJyZXByZXNlbnRhdGl2ZSIsImV4cCI6MX0.sig").unwrap();
    assert_eq!((p.sub.as_str(), p.role.as_deref()), ("rep-1", Some("representative")));
    let p = person_of_token("e30.eyJzdWIiOiLnjovmlY8ifQ.x").unwrap();
    assert_eq!((p.sub.as_str(), p.role), ("王敏", None));
    for not_a_person in ["", "x.y.z", "e30.e30.x", "e30.eyJzdWIiOiIifQ.x", "only-one-part", "e30.!!!.x"] {
        assert_eq!(person_of_token(not_a_person), None, "{not_a_person}");
    }
    let a = person_of_token("e30.eyJzdWIiOiJyZXAtMSIsInJvbGUiOiJyZXByZXNlbnRhdGl2ZSIsImV4cCI6MX0.s");
    assert_eq!(slot(Some("k"), a.as_ref()), "k:by:rep-1");
    assert_eq!(slot(None, None), "default");
    use super::person::{change, Change};
    assert_eq!(change(None, Some("a")), Change::TakeOver);
    assert_eq!(change(Some("a"), None), Change::StartAfresh);
    assert_eq!(change(Some("a"), Some("b")), Change::StartAfresh);
    assert_eq!(change(Some("a"), Some("a")), Change::None);
    assert_eq!(change(None, None), Change::None);
}
