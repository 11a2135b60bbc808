//! Browser tests of the form builder (wasm-bindgen-test in headless Chromium): its
//! examples, a three-question form built by typing and clicking, undo and redo by
//! button and keyboard, moving and copying, and the draft kept across a reload.
use super::*;
use crate::common::testing::{self, by_suffix, fire, type_suffix};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static EMITTED: testing::Recorder = testing::Recorder::default();
}

async fn mount(key: &str, value: Option<Value>) -> Element {
    mount_as(key, value, None).await
}

/// Mounted for the person `token` names (no endpoint: drafts only).
async fn mount_as(key: &str, value: Option<Value>, token: Option<&str>) -> Element {
    let on_emit = EMITTED.with(|r| {
        r.clear();
        r.callback()
    });
    testing::mount::<FormBuilder>(FormBuilderProps {
        lang: Lang::ZhCn,
        on_emit,
        value: value.map(Rc::new),
        storage_key: Some(AttrValue::from(key.to_string())),
        translations: false,
        server: crate::common::server::ServerSettings { token: token.map(|t| AttrValue::from(t.to_string())), ..Default::default() },
    })
    .await
}

fn last_change() -> Value {
    EMITTED.with(|r| r.of_type("builder.change")).last().cloned().unwrap_or(Value::Null)
}

fn forget(key: &str) {
    let _ = crate::common::local_storage().map(|s| s.remove_item(&format!("yaojian:builder:{key}")));
}

async fn click(root: &Element, suffix: &str) {
    testing::click_button(&by_suffix(root, suffix)).await;
}

async fn choose(root: &Element, suffix: &str, value: &str) {
    let el: HtmlSelectElement = by_suffix(root, suffix).unchecked_into();
    el.set_value(value);
    fire(&el, "change");
    yew::scheduler::flush().await;
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <FormBuilder as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}

#[wasm_bindgen_test]
async fn a_three_question_form_is_built_by_typing_and_clicking() {
    forget("build");
    let root = mount("build", None).await;
    assert!(text(&root).contains("表单改正所有问题后在此显示"), "a blank form has blank texts");
    type_suffix(&root, "form-id", "pharmacy-check").await;
    type_suffix(&root, "form-title", "药店自查表").await;
    type_suffix(&root, "s0-title", "基本情况").await;
    type_suffix(&root, "s0-q0-label", "是否有执业药师在岗？").await;
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q1-label", "储存方式").await;
    choose(&root, "s0-q1-kind", "single_choice").await;
    type_suffix(&root, "s0-q1-o0-label", "冷藏柜").await;
    type_suffix(&root, "s0-q1-o1-label", "阴凉库").await;
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q2-label", "温度记录是否完整？").await;
    let change = last_change();
    assert_eq!((change["valid"].clone(), change["errors"].clone()), (json!(true), json!(0)), "{change}");
    assert_eq!(change["template"]["sections"][0]["questions"][2]["id"], "q3");
    // The preview is the form itself.
    let all = text(&root);
    for s in ["药店自查表", "冷藏柜", "温度记录是否完整？"] {
        assert!(all.contains(s), "{s} not in the preview: {all}");
    }
    assert!(!all.contains("表单有以下问题"));
    root.remove();
}

#[wasm_bindgen_test]
async fn errors_are_shown_at_their_fields_and_undo_redo_walk_the_edits() {
    forget("undo");
    let doc: Value = serde_json::from_str(yaojian::form::built_in_source("representative-personal").unwrap()).unwrap();
    let root = mount("undo", Some(doc)).await;
    type_suffix(&root, "s0-q1-id", "name").await;
    let error = by_suffix(&root, "s0-q1-id-error").text_content().unwrap();
    assert!(error.contains("标识“name”无效或重复"), "{error}");
    let input = by_suffix(&root, "s0-q1-id");
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some(by_suffix(&root, "s0-q1-id-error").id().as_str()));
    assert!(text(&root).contains("表单有以下问题"));
    assert_eq!(last_change()["valid"], false);
    click(&root, "undo").await;
    assert_eq!(last_change()["valid"], true);
    click(&root, "redo").await;
    assert_eq!(last_change()["valid"], false);
    // Ctrl+Z on the widget undoes too.
    let init = js_sys::Object::new();
    for (k, v) in [("key", JsValue::from_str("z")), ("ctrlKey", JsValue::TRUE), ("bubbles", JsValue::TRUE)] {
        js_sys::Reflect::set(&init, &JsValue::from_str(k), &v).unwrap();
    }
    let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("KeyboardEvent")).unwrap();
    let args = js_sys::Array::of2(&JsValue::from_str("keydown"), &init);
    let ev: web_sys::Event = js_sys::Reflect::construct(ctor.unchecked_ref::<js_sys::Function>(), &args).unwrap().unchecked_into();
    input.dispatch_event(&ev).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(last_change()["valid"], true);
    assert!(by_suffix(&root, "redo").get_attribute("disabled").is_none());
    root.remove();
}

#[wasm_bindgen_test]
async fn questions_move_copy_and_go_and_the_draft_survives_a_reload() {
    forget("moves");
    let root = mount("moves", None).await;
    type_suffix(&root, "s0-q0-label", "第一题").await;
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q1-label", "第二题").await;
    click(&root, "s0-q1-up").await;
    let doc = last_change()["template"].clone();
    assert_eq!(doc["sections"][0]["questions"][0]["label"]["zh-CN"], "第二题");
    click(&root, "s0-q0-copy").await;
    let doc = last_change()["template"].clone();
    assert_eq!(doc["sections"][0]["questions"][1]["id"], "q3", "a copy gets a free id");
    click(&root, "s0-q1-delete").await;
    assert_eq!(last_change()["template"]["sections"][0]["questions"].as_array().unwrap().len(), 2);
    click(&root, "add-section").await;
    assert!(text(&root).contains("第 2 节"));
    root.remove();
    // Mounted again with the same storage key: everything typed is there.
    let again = mount("moves", None).await;
    let label = by_suffix(&again, "s0-q0-label").unchecked_into::<web_sys::HtmlInputElement>().value();
    assert_eq!(label, "第二题");
    assert!(text(&again).contains("第 2 节"));
    again.remove();
    forget("moves");
}

async fn change_suffix(root: &Element, suffix: &str, value: &str) {
    let el = by_suffix(root, suffix);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    fire(&el, "change");
    yew::scheduler::flush().await;
}

fn question_at(n: usize) -> Value {
    last_change()["template"]["sections"][0]["questions"][n].clone()
}

/// The values a select offers.
fn offered(root: &Element, suffix: &str) -> Vec<String> {
    let sel: HtmlSelectElement = by_suffix(root, suffix).unchecked_into();
    (0..sel.length()).filter_map(|i| sel.item(i)).map(|o| o.get_attribute("value").unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn a_condition_and_a_finding_are_built_by_picking() {
    forget("pick");
    let root = mount("pick", None).await;
    type_suffix(&root, "form-title", "药店自查表").await;
    type_suffix(&root, "s0-title", "人员").await;
    type_suffix(&root, "s0-q0-label", "是否有执业药师在岗？").await;
    assert!(text(&root).contains("前面还没有可以作为条件的题目"), "the first question reads nothing");
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q1-label", "药师类别").await;
    choose(&root, "s0-q1-kind", "single_choice").await;
    type_suffix(&root, "s0-q1-o0-label", "西药").await;
    type_suffix(&root, "s0-q1-o1-label", "中药").await;
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q2-label", "注册证号").await;
    choose(&root, "s0-q2-kind", "text").await;
    // Shown when: the first earlier question, its first value, then picked otherwise.
    click(&root, "s0-q2-visible_if").await;
    assert_eq!(question_at(2)["visible_if"], json!({"equals": ["q1", true]}));
    assert_eq!(offered(&root, "s0-q2-visible_if"), ["q1", "q2"], "only earlier questions are offered");
    choose(&root, "s0-q2-visible_if", "q2").await;
    assert_eq!(question_at(2)["visible_if"], json!({"equals": ["q2", "a"]}));
    choose(&root, "s0-q2-visible_if-c0-op", "one_of").await;
    fire(&by_suffix(&root, "s0-q2-visible_if-c0-v1"), "change");
    yew::scheduler::flush().await;
    assert_eq!(question_at(2)["visible_if"], json!({"one_of": ["q2", ["a", "b"]]}));
    assert!(text(&root).contains("中药"), "values are named by their labels");
    click(&root, "s0-q2-visible_if-more").await;
    choose(&root, "s0-q2-visible_if-join", "any").await;
    assert_eq!(question_at(2)["visible_if"], json!({"or": [{"one_of": ["q2", ["a", "b"]]}, {"equals": ["q1", true]}]}));
    // A finding: raised when the first question is answered "no", with a penalty rule.
    fire(&by_suffix(&root, "s0-q0-finding"), "change");
    yew::scheduler::flush().await;
    assert_eq!(last_change()["valid"], false, "a finding needs its title");
    assert!(!by_suffix(&root, "s0-q0-finding-title-error").text_content().unwrap_or_default().is_empty());
    type_suffix(&root, "s0-q0-finding-title", "未配备执业药师").await;
    choose(&root, "s0-q0-finding-severity", "high").await;
    choose(&root, "s0-q0-finding-rule", "dal-141-2").await;
    click(&root, "s0-q0-finding-when").await;
    choose(&root, "s0-q0-finding-when-c0-value", "1").await;
    let change = last_change();
    assert_eq!(change["valid"], true, "{change}");
    assert_eq!(
        question_at(0)["finding"],
        json!({"severity": "high", "title": {"zh-CN": "未配备执业药师"}, "rule": "dal-141-2", "when": {"equals": ["q1", false]}})
    );
    let t = yaojian::form::Template::from_json(&change["template"].to_string()).expect("it publishes");
    let shown = t.question("q3").unwrap().visible_if.clone().unwrap();
    assert!(shown.eval(&json!({"q1": false, "q2": "b"}).as_object().unwrap().clone()));
    assert!(!shown.eval(&json!({"q1": false}).as_object().unwrap().clone()));
    root.remove();
    forget("pick");
}

#[wasm_bindgen_test]
async fn a_condition_on_a_later_question_is_shown_at_its_field_and_can_go() {
    forget("later");
    let doc = json!({"schema": "yaojian/form/1", "id": "later", "version": "1", "title": {"zh-CN": "表"},
        "sections": [{"id": "s1", "title": {"zh-CN": "一"}, "questions": [
            {"id": "a", "kind": "text", "label": {"zh-CN": "甲"}, "visible_if": {"answered": "b"}},
            {"id": "b", "kind": "yes_no", "label": {"zh-CN": "乙"}, "required_if": {"and": [{"or": [{"answered": "a"}]}]}}
        ]}]});
    let root = mount("later", Some(doc)).await;
    let error = by_suffix(&root, "s0-q0-visible_if-error");
    let picker = by_suffix(&root, "s0-q0-visible_if");
    assert_eq!(picker.get_attribute("aria-describedby").as_deref(), Some(error.id().as_str()));
    assert!(picker.text_content().unwrap_or_default().contains("须是前面的题目"), "the unreadable choice is named");
    let summary_link = root.query_selector(&format!("a[href='#{}']", picker.id())).unwrap();
    assert!(summary_link.is_some(), "the error summary links to the picker");
    assert!(text(&root).contains("原样保留"), "a nested condition is kept as written");
    click(&root, "s0-q0-visible_if-remove").await;
    assert_eq!(last_change()["valid"], true, "{}", last_change());
    // The nested condition's remove button carries its id; then the add button does.
    click(&root, "s0-q1-required_if").await;
    assert!(question_at(1).get("required_if").is_none());
    click(&root, "s0-q1-required_if").await;
    assert_eq!(question_at(1)["required_if"], json!({"answered": "a"}), "a text question: answered");
    root.remove();
    forget("later");
}

#[wasm_bindgen_test]
async fn bounds_help_and_pattern_follow_the_kind() {
    forget("limits");
    let root = mount("limits", None).await;
    type_suffix(&root, "form-title", "表").await;
    type_suffix(&root, "s0-title", "一").await;
    type_suffix(&root, "s0-q0-label", "金额").await;
    choose(&root, "s0-q0-kind", "money").await;
    change_suffix(&root, "s0-q0-max", "12.50").await;
    assert_eq!(question_at(0)["max"], json!(1250), "yuan typed, fen kept");
    change_suffix(&root, "s0-q0-min", "abc").await;
    assert!(!by_suffix(&root, "s0-q0-min-error").text_content().unwrap_or_default().is_empty());
    change_suffix(&root, "s0-q0-min", "").await;
    assert!(question_at(0).get("min").is_none());
    choose(&root, "s0-q0-kind", "text").await;
    assert!(question_at(0).get("max").is_none(), "a new kind drops the old bounds");
    change_suffix(&root, "s0-q0-max_length", "6").await;
    type_suffix(&root, "s0-q0-pattern", "[0-9]{6}").await;
    type_suffix(&root, "s0-q0-pattern_hint", "6 位数字").await;
    type_suffix(&root, "s0-q0-help", "见许可证").await;
    type_suffix(&root, "s0-q0-help", "").await;
    let q = question_at(0);
    assert_eq!((q["max_length"].clone(), q["pattern"].clone()), (json!(6), json!("[0-9]{6}")));
    assert!(q.get("help").is_none(), "a blank optional text is removed");
    assert_eq!(last_change()["valid"], true, "{}", last_change());
    root.remove();
    forget("limits");
}

#[wasm_bindgen_test]
async fn the_translation_table_marks_what_is_missing_and_fills_it() {
    forget("tr");
    let doc = json!({"schema": "yaojian/form/1", "id": "tr", "version": "1",
        "title": {"zh-CN": "药店自查表", "zh-TW": "藥店自查表", "en": "Pharmacy check"},
        "sections": [{"id": "s1", "title": {"zh-CN": "人员"}, "questions": [
            {"id": "a", "kind": "single_choice", "label": {"zh-CN": "类别"},
             "options": [{"value": "x", "label": "西药"}]}
        ]}]});
    let root = mount("tr", Some(doc)).await;
    click(&root, "view-translate").await;
    assert_eq!(by_suffix(&root, "view-translate").get_attribute("aria-pressed").as_deref(), Some("true"));
    let count = || by_suffix(&root, "tr-count").text_content().unwrap_or_default();
    assert!(count().contains("缺少 6 处翻译"), "{}", count());
    let all = text(&root);
    for place in ["表单 · 标题", "第 1 节 · 标题", "第 1 节 · 第 1 题 · 题目", "第 1 节 · 第 1 题 · 选项 1 · 文字"] {
        assert!(all.contains(place), "{place} not in {all}");
    }
    // Row 0 is the form title (complete), in document order the section's texts follow.
    assert!(root.query_selector("[id$='-tr0-en-missing']").unwrap().is_none());
    let row = (0..4)
        .find(|i| text(&by_suffix(&root, &format!("tr{i}-zh-CN")).parent_element().unwrap().parent_element().unwrap()).contains("第 1 节 · 标题"))
        .expect("the section title's row");
    let en = by_suffix(&root, &format!("tr{row}-en"));
    assert!(en.get_attribute("aria-describedby").is_some_and(|d| d.ends_with("-missing")));
    type_suffix(&root, &format!("tr{row}-en"), "Staff").await;
    assert_eq!(last_change()["template"]["sections"][0]["title"], json!({"zh-CN": "人员", "en": "Staff"}));
    assert!(count().contains("缺少 5 处翻译"), "{}", count());
    type_suffix(&root, &format!("tr{row}-en"), " ").await;
    assert_eq!(last_change()["template"]["sections"][0]["title"], json!({"zh-CN": "人员"}), "a blank translation is removed");
    // The option's plain text becomes a text in several languages.
    let opt = (0..4).find(|i| text(&by_suffix(&root, &format!("tr{i}-zh-CN")).parent_element().unwrap().parent_element().unwrap()).contains("选项 1")).unwrap();
    type_suffix(&root, &format!("tr{opt}-zh-TW"), "西藥").await;
    assert_eq!(question_at(0)["options"][0]["label"], json!({"zh-CN": "西药", "zh-TW": "西藥"}));
    click(&root, "view-edit").await;
    assert!(root.query_selector("[id$='-tr0-en']").unwrap().is_none(), "the editor is back");
    root.remove();
    forget("tr");
}

#[wasm_bindgen_test]
async fn each_signed_in_person_has_their_own_draft() {
    // {"sub":"rep-1",…} and {"sub":"王敏"}: read, not verified (the server verifies).
    let (one, two) = ("e30.eyJzdWIiOiJyZXAtMSIsInJvbGUiOiJyZXByZXNlbnRhdGl2ZSIsImV4cCI6MX0.sig", "e30.eyJzdWIiOiLnjovmlY8ifQ.x");
    let store = crate::common::local_storage().unwrap();
    for k in ["yaojian:builder:shared:by:rep-1", "yaojian:builder:shared:by:王敏", "yaojian:builder:shared"] {
        store.remove_item(k).unwrap();
    }
    let label = |root: &Element| by_suffix(root, "s0-q0-label").unchecked_into::<web_sys::HtmlInputElement>().value();
    let root = mount_as("shared", None, Some(one)).await;
    type_suffix(&root, "s0-q0-label", "第一位的题目").await;
    root.remove();
    assert!(store.get_item("yaojian:builder:shared:by:rep-1").unwrap().unwrap().contains("第一位的题目"));
    let root = mount_as("shared", None, Some(two)).await;
    assert_eq!(label(&root), "", "the next person does not see the draft");
    root.remove();
    let root = mount_as("shared", None, None).await;
    assert_eq!(label(&root), "", "nor does anyone signed out");
    root.remove();
    let root = mount_as("shared", None, Some(one)).await;
    assert_eq!(label(&root), "第一位的题目", "the first person gets theirs back");
    root.remove();
}

/// Chooses a file named `name` holding `text` in the import picker.
async fn choose_file(root: &Element, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let dt = web_sys::DataTransfer::new().unwrap();
    dt.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = by_suffix(root, "import").unchecked_into();
    input.set_files(dt.files().as_ref());
    fire(&input, "change");
    // Reading a file is asynchronous: wait for the outcome.
    for _ in 0..50 {
        yew::scheduler::flush().await;
        let said = by_suffix(root, "import-status").text_content().unwrap_or_default();
        if !said.is_empty() && !said.contains("正在读取") {
            return;
        }
        crate::common::after_paint().await;
    }
}

#[wasm_bindgen_test]
async fn a_json_file_is_imported_and_a_wrong_one_is_explained() {
    forget("import");
    let root = mount("import", None).await;
    choose_file(&root, "broken.json", "{\"id\": ").await;
    let said = by_suffix(&root, "import-status").text_content().unwrap_or_default();
    assert!(said.contains("未能导入 broken.json") && said.contains("不是有效的 JSON（第 1 行"), "{said}");
    choose_file(&root, "form.xlsx", "not really").await;
    let said = by_suffix(&root, "import-status").text_content().unwrap_or_default();
    assert!(said.contains("电子表格须经服务器转换"), "{said}");
    let doc = yaojian::form::built_in_source("representative-personal").unwrap();
    choose_file(&root, "personal.json", doc).await;
    assert!(by_suffix(&root, "import-status").text_content().unwrap_or_default().contains("已导入 personal.json"));
    assert_eq!(last_change()["template"]["id"], "representative-personal");
    assert_eq!(last_change()["valid"], true);
    click(&root, "undo").await;
    assert_eq!(last_change()["template"]["id"], "my-form", "undo goes back to what was there");
    root.remove();
    forget("import");
}

#[wasm_bindgen_test]
async fn a_group_gets_columns_and_row_limits() {
    forget("group");
    let root = mount("group", None).await;
    type_suffix(&root, "form-title", "医药代表备案").await;
    type_suffix(&root, "s0-title", "人员").await;
    type_suffix(&root, "s0-q0-label", "是否聘用医药代表？").await;
    click(&root, "s0-add").await;
    type_suffix(&root, "s0-q1-label", "医药代表名单").await;
    choose(&root, "s0-q1-kind", "group").await;
    assert_eq!(question_at(1)["questions"], json!([{"id": "q3", "kind": "text", "label": {"zh-CN": ""}}]), "a group starts with a column");
    type_suffix(&root, "s0-q1-c0-label", "姓名").await;
    click(&root, "s0-q1-add-column").await;
    type_suffix(&root, "s0-q1-c1-label", "身份证号").await;
    assert!(!offered(&root, "s0-q1-c1-kind").contains(&"group".to_string()), "groups do not nest");
    choose(&root, "s0-q1-c1-kind", "resident_id").await;
    assert!(root.query_selector("[id$='-s0-q1-c0-finding']").unwrap().is_none(), "a column raises no finding");
    // A column's condition reads the questions before the group and the earlier columns.
    click(&root, "s0-q1-c1-visible_if").await;
    assert_eq!(offered(&root, "s0-q1-c1-visible_if"), ["q1", "q3"]);
    change_suffix(&root, "s0-q1-min_rows", "2").await;
    change_suffix(&root, "s0-q1-max_rows", "1").await;
    let error = by_suffix(&root, "s0-q1-max_rows-error").text_content().unwrap_or_default();
    assert!(!error.is_empty(), "rows out of order are named at the field");
    change_suffix(&root, "s0-q1-max_rows", "20").await;
    // Without columns the group is wrong, and says so where a column is added.
    click(&root, "s0-q1-c1-delete").await;
    click(&root, "s0-q1-c0-delete").await;
    let error = by_suffix(&root, "s0-q1-add-column-error").text_content().unwrap_or_default();
    assert!(error.contains("至少要有一个子问题"), "{error}");
    click(&root, "undo").await;
    click(&root, "undo").await;
    let change = last_change();
    assert_eq!(change["valid"], true, "{change}");
    let t = yaojian::form::Template::from_json(&change["template"].to_string()).expect("it publishes");
    let group = t.question("q2").unwrap();
    assert_eq!((group.questions.len(), group.min_rows, group.max_rows), (2, Some(2), Some(20)));
    let shown = group.questions[1].visible_if.clone().expect("the column's condition");
    assert!(shown.eval(&json!({"q1": true}).as_object().unwrap().clone()));
    assert!(!shown.eval(&json!({"q1": false}).as_object().unwrap().clone()));
    let all = text(&root);
    assert!(all.contains("医药代表名单") && all.contains("身份证号"), "the preview shows the group: {all}");
    root.remove();
    forget("group");
}

#[wasm_bindgen_test]
async fn a_value_given_with_a_new_storage_key_is_the_one_shown() {
    forget("first");
    forget("second");
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let entry = crate::widgets::entry("form-builder").unwrap();
    let mut w = entry.start(Lang::ZhCn, Callback::noop());
    let _ = w.set("storage-key", Some("first"));
    w.render(Some(root.clone()));
    yew::scheduler::flush().await;
    // A page that sets the key and then the value before the widget draws again.
    let given = json!({"schema": "yaojian/form/1", "id": "given", "version": "1", "title": "给定的表",
        "sections": [{"id": "s1", "title": "一", "questions": [{"id": "a", "kind": "text", "label": "给定的题目"}]}]});
    w.set("storage-key", Some("second")).unwrap();
    w.put("value", &given.to_string()).unwrap();
    w.render(None);
    yew::scheduler::flush().await;
    yew::scheduler::flush().await;
    let label = by_suffix(&root, "s0-q0-label").unchecked_into::<web_sys::HtmlInputElement>().value();
    assert_eq!(label, "给定的题目", "the value is not undone by the new key's draft");
    w.destroy();
    root.remove();
    forget("first");
    forget("second");
}

#[wasm_bindgen_test]
fn errors_inside_a_group_go_to_the_column_field() {
    for (path, suffix) in [
        ("$.sections[0].questions[2].label", "s0-q2-label"),
        ("$.sections[0].questions[2].questions[1].label", "s0-q2-c1-label"),
        ("$.sections[0].questions[2].questions[1].options[0].value", "s0-q2-c1-o0-value"),
        ("$.sections[0].questions[2].questions[0].visible_if.equals[0]", "s0-q2-c0-visible_if"),
        ("$.sections[0].questions[2].questions[0].kind", "s0-q2-c0-kind"),
        ("$.sections[0].questions[2].questions", "s0-q2-add-column"),
        ("$.sections[0].questions[2].max_rows", "s0-q2-max_rows"),
        ("$.sections[1].questions[0].finding.when.equals[1]", "s1-q0-finding-when"),
        ("$.sections[1].title", "s1-title"),
        ("$.version", "version"),
    ] {
        assert_eq!(field_suffix(path), suffix, "{path}");
    }
}
