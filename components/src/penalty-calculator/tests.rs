//! Browser tests of the penalty widget, driven by its examples.
use super::*;
use crate::common::testing::{self, fire, input, text, type_into};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use yaojian::money::parse_yuan;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HostProps {
    initial: Option<Rc<Value>>,
    on_emit: Callback<Value>,
}

#[function_component(Host)]
fn host(p: &HostProps) -> Html {
    html! { <PenaltyCalculator lang={Lang::ZhCn} value={p.initial.clone()} on_emit={p.on_emit.clone()} /> }
}

thread_local! {
    static EMITTED: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

async fn mount(initial: Option<Value>) -> Element {
    let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
    testing::mount::<Host>(HostProps {
        initial: initial.map(Rc::new),
        on_emit,
    })
    .await
}

#[wasm_bindgen_test]
async fn every_example_renders_the_engines_outcome_and_amount() {
    for (name, case) in menu_examples().iter().cloned() {
        let ex: Value = serde_json::from_str(
            crate::widgets::examples("penalty-calculator")
                .find(|e| e.0 == name)
                .unwrap()
                .1,
        )
        .unwrap();
        let root = mount(Some(case.clone())).await;
        match penalty::assess_json(&case.to_string(), Lang::ZhCn) {
            Ok(a) => {
                assert!(
                    text(&root, "[data-testid=pc-outcome]").contains(&a.outcome_label),
                    "{name}"
                );
                assert_eq!(
                    root.query_selector_all("[data-testid=pc-steps] li")
                        .unwrap()
                        .length() as usize,
                    a.steps.len(),
                    "{name}"
                );
                if let Some(s) = ex["expect"]["fine_suggested"].as_str() {
                    let expected = parse_yuan(s).unwrap().to_cn();
                    assert!(
                        text(&root, "[data-testid=pc-suggested]").contains(&expected),
                        "{name}: {expected}"
                    );
                }
            }
            Err(_) => {
                // Invalid input: the result says it cannot compute, and what was typed is kept.
                assert!(
                    text(&root, "[data-testid=pc-result]").contains("还不能计算"),
                    "{name}"
                );
                let typed = case["goods_value"].as_str().unwrap();
                assert_eq!(input(&root, "yj-pc-goods_value").unwrap().value(), typed);
            }
        }
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn the_result_panel_names_each_field_it_still_needs() {
    let root = mount(Some(json!({"rule": "dal-116"}))).await;
    let result = text(&root, "[data-testid=pc-result]");
    assert!(result.contains("还不能计算"), "{result}");
    assert!(result.contains("货值金额（元）：此项为必填项"), "{result}");
    root.remove();
}

#[wasm_bindgen_test]
async fn only_the_inputs_the_rule_needs_appear() {
    let root = mount(Some(json!({"rule": "dal-116"}))).await;
    assert!(input(&root, "yj-pc-goods_value").is_some());
    assert!(
        input(&root, "yj-pc-unit_income").is_some(),
        "118 applies to 假药"
    );
    assert!(root.query_selector("#yj-pc-channel").unwrap().is_none());
    assert!(input(&root, "yj-pc-illegal_income").is_none());
    assert!(input(&root, "yj-pc-deadline_missed").is_none());
    root.remove();
    let root = mount(Some(json!({"rule": "dal-117-1"}))).await;
    assert!(root.query_selector("#yj-pc-channel").unwrap().is_some());
    assert!(input(&root, "yj-pc-serious").is_some());
    root.remove();
    let root = mount(Some(json!({"rule": "dal-127-3"}))).await;
    assert!(input(&root, "yj-pc-goods_value").is_none());
    assert!(input(&root, "yj-pc-deadline_missed").is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn bad_amounts_show_an_inline_message_and_keep_what_was_typed() {
    let root = mount(Some(json!({"rule": "dal-116"}))).await;
    type_into(&root, "yj-pc-goods_value", "12abc").await;
    let el = input(&root, "yj-pc-goods_value").unwrap();
    fire(&el, "blur");
    fire(&el, "focusout");
    yew::scheduler::flush().await;
    assert_eq!(el.value(), "12abc");
    assert_eq!(el.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = el.get_attribute("aria-describedby").unwrap();
    assert!(described.contains("yj-pc-goods_value-error"));
    assert!(text(&root, "#yj-pc-goods_value-error").contains("金额格式不正确"));
    // Fixing it brings the result back.
    type_into(&root, "yj-pc-goods_value", "15万").await;
    assert!(text(&root, "[data-testid=pc-outcome]").contains("罚款"));
    assert_eq!(el.get_attribute("aria-invalid").as_deref(), Some("false"));
    root.remove();
}

#[wasm_bindgen_test]
async fn checking_with_a_missing_amount_focuses_an_error_summary_that_links_to_the_field() {
    let root = mount(Some(json!({"rule": "dal-120"}))).await;
    let button = root.query_selector_all("button").unwrap();
    let check = (0..button.length())
        .filter_map(|i| button.item(i))
        .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().contains("核对输入"))
        .expect("check button");
    assert_eq!(check.get_attribute("type").as_deref(), Some("button"));
    check.click();
    yew::scheduler::flush().await;
    let summary = root
        .query_selector("#yj-pc-error-summary")
        .unwrap()
        .expect("error summary");
    let active = crate::common::testing::active_element().unwrap();
    assert_eq!(active.id(), "yj-pc-error-summary");
    let link = summary.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("#yj-pc-income"));
    assert!(link.text_content().unwrap().contains("违法收入（元）"));
    root.remove();
}

#[wasm_bindgen_test]
async fn every_result_is_emitted_to_the_host_as_json() {
    EMITTED.with(|e| e.borrow_mut().clear());
    let root = mount(Some(json!({"rule": "dal-141-1"}))).await;
    let last = EMITTED
        .with(|e| e.borrow().last().cloned())
        .expect("emitted");
    assert_eq!(last["type"], "penalty.assessment");
    assert_eq!(last["case"]["rule"], "dal-141-1");
    assert_eq!(last["assessment"]["fine_suggested"], "1650000.00");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_loaded_benchmark_replaces_the_default_and_a_bad_one_names_the_path() {
    let root = mount(Some(json!({"rule": "dal-141-1"}))).await;
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("#yj-pc-bm-json")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let apply = |root: &Element| {
        let buttons = root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
            .find(|b| b.text_content().unwrap_or_default().contains("使用此基准"))
            .unwrap()
            .click();
    };
    area.set_value("{\"schema\": 1}");
    fire(&area, "input");
    yew::scheduler::flush().await;
    apply(&root);
    yew::scheduler::flush().await;
    assert!(text(&root, "#yj-pc-bm-errors").contains("$.schema"));
    let mut bm: Value = serde_json::from_str(penalty::rules::DEFAULT_BENCHMARK_JSON).unwrap();
    bm["id"] = json!("test-province");
    bm["is_default"] = json!(false);
    bm["title"] = json!({"zh-CN": "某省裁量基准"});
    bm["bands"] = json!([{"id": "lighter", "weight": 1}, {"id": "ordinary", "weight": 1}, {"id": "heavier", "weight": 2}]);
    area.set_value(&bm.to_string());
    fire(&area, "input");
    yew::scheduler::flush().await;
    apply(&root);
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=pc-result]").contains("某省裁量基准"));
    // 30万..300万 in 1:1:2 → ordinary 97.5万..165万 → 131.25万 → 1,312,500元.
    assert!(text(&root, "[data-testid=pc-suggested]").contains("131.25万元"));
    root.remove();
}

/// Issue 19.2: the widget names the law version and the benchmark it applied, and an
/// act before 2019-12-01 says the earlier law must be compared.
#[wasm_bindgen_test]
async fn the_law_version_and_benchmark_applied_are_shown() {
    let root = mount(Some(
        json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2025-03-01"}),
    ))
    .await;
    assert!(text(&root, "[data-testid=pc-law]")
        .contains("中华人民共和国药品管理法（2019年8月26日修订，2019-12-01起施行）"));
    assert!(text(&root, "[data-testid=pc-benchmark]").contains("默认裁量基准"));
    root.remove();
    let root = mount(Some(
        json!({"rule": "dal-116", "goods_value": "20万", "violation_date": "2019-11-30"}),
    ))
    .await;
    assert!(text(&root, "[data-testid=pc-outcome]").contains("须比较违法行为发生时的法律"));
    assert!(text(&root, "[data-testid=pc-steps]").contains("第三十七条"));
    root.remove();
}

/// Every example in `examples/` shows what it says, through the widget contract.
#[wasm_bindgen_test]
async fn every_example_shows_what_it_says() {
    use crate::contract::Widget;
    let kind = <PenaltyCalculator as Widget>::spec().kind;
    crate::common::examples::check_states(kind);
    crate::common::examples::run_all(kind).await;
}
