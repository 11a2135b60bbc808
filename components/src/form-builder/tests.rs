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
    let on_emit = EMITTED.with(|r| {
        r.clear();
        r.callback()
    });
    testing::mount::<FormBuilder>(FormBuilderProps {
        lang: Lang::ZhCn,
        on_emit,
        value: value.map(Rc::new),
        storage_key: Some(AttrValue::from(key.to_string())),
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
