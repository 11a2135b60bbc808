//! Browser tests of the requirement checker.
use super::*;
use crate::common::testing::{self, text};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static EMITTED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

#[derive(Properties, PartialEq)]
struct HostProps {
    value: Option<Rc<Value>>,
    template: Option<Rc<Template>>,
}

#[function_component(Host)]
fn host(p: &HostProps) -> Html {
    let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
    html! { <Requirements lang={Lang::ZhCn} value={p.value.clone()} template={p.template.clone()} {on_emit} /> }
}

async fn mount(value: Option<Value>, template: Option<Template>) -> Element {
    testing::mount::<Host>(HostProps {
        value: value.map(Rc::new),
        template: template.map(Rc::new),
    })
    .await
}

async fn click(root: &Element, sel: &str) {
    let el: HtmlInputElement = root
        .query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
        .dyn_into()
        .unwrap();
    el.click();
    yew::scheduler::flush().await;
}

fn count(root: &Element, sel: &str) -> u32 {
    root.query_selector_all(sel).unwrap().length()
}

#[wasm_bindgen_test]
async fn every_built_in_template_renders_the_engines_result() {
    for id in rq::built_in_ids() {
        let root = mount(Some(json!({"template": id})), None).await;
        let tp = rq::built_in(id, None).unwrap();
        let r = rq::check(&tp, &rq::Input::default(), Lang::ZhCn);
        let expected = format!(
            "已具备{}项，缺少{}项，不适用{}项",
            r.summary.met, r.summary.missing, r.summary.not_applicable
        );
        assert_eq!(text(&root, "[data-testid=rq-summary]"), expected, "{id}");
        assert_eq!(
            count(&root, "[data-testid=rq-applicable] > li") as usize,
            r.summary.missing,
            "{id}"
        );
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn answering_changes_what_applies_and_ticking_moves_items_to_met() {
    let root = mount(Some(json!({"template": "drug-trading-licence"})), None).await;
    let tp = rq::built_in("drug-trading-licence", None).unwrap();
    let q = tp
        .questions
        .iter()
        .find(|q| q.kind == rq::QuestionKind::SingleChoice)
        .expect("a choice question");
    let before = count(&root, "[data-testid=rq-applicable] > li");
    click(&root, &format!("#yj-rq-{}-0", q.id)).await;
    let after_first = count(&root, "[data-testid=rq-applicable] > li");
    click(&root, &format!("#yj-rq-{}-1", q.id)).await;
    let after_second = count(&root, "[data-testid=rq-applicable] > li");
    assert!(
        before != after_first || after_first != after_second,
        "the answer changes the list"
    );
    // Tick the first applicable requirement: one fewer missing.
    let first: HtmlInputElement = root
        .query_selector("[data-testid=rq-applicable] input[type=checkbox]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let missing_before = count(&root, "[data-testid=rq-missing] li");
    first.click();
    yew::scheduler::flush().await;
    assert_eq!(
        count(&root, "[data-testid=rq-missing] li"),
        missing_before - 1
    );
    let last = EMITTED.with(|e| e.borrow().last().cloned()).unwrap();
    assert_eq!(last["type"], "requirements.result");
    assert_eq!(last["result"]["summary"]["met"], 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_hosts_template_replaces_the_built_in_ones() {
    let tp = Template::from_value(json!({
        "schema": "yaojian/requirements/1", "id": "t", "version": "1",
        "title": {"zh-CN": "测试事项"}, "description": {"zh-CN": "说明"},
        "questions": [{"id": "q", "kind": "yes_no", "label": {"zh-CN": "是否批发？"}}],
        "requirements": [
            {"id": "a", "kind": "condition", "title": {"zh-CN": "总是适用"}, "explanation": {"zh-CN": "x"}},
            {"id": "b", "kind": "material", "title": {"zh-CN": "批发才需要"}, "explanation": {"zh-CN": "y"},
             "applies_if": {"equals": ["q", true]}, "sample": true}
        ]
    }))
    .unwrap();
    let root = mount(None, Some(tp)).await;
    assert!(root.query_selector("#yj-rq-template").unwrap().is_none());
    assert_eq!(
        text(&root, "[data-testid=rq-summary]"),
        "已具备0项，缺少1项，不适用1项"
    );
    click(&root, "#yj-rq-q-0").await;
    assert_eq!(
        text(&root, "[data-testid=rq-summary]"),
        "已具备0项，缺少2项，不适用0项"
    );
    assert!(text(&root, "[data-testid=rq-applicable]").contains("示例，请以本地规定为准"));
    root.remove();
}

/// Every example in `examples/` shows what it says, through the widget contract.
#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <Requirements as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}
