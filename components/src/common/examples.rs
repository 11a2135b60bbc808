//! Runs a widget's examples (`src/<kind>/examples/*.json`) through the widget contract,
//! as the browser tests of every widget do; `tests/e2e/examples.test.mjs` runs the same
//! files through the `<yj-…>` elements. An example is a named state:
//!
//! ```json
//! { "title": "what the state is", "state": "empty | filled | error | <other>",
//!   "settings": {"attribute": "value"}, "properties": {"value": …},
//!   "actions": [{"click": "button text"}, {"fill": "id-suffix", "value": "typed"},
//!               {"check": "id-suffix"}],
//!   "see": ["text shown"], "absent": ["text not shown"],
//!   "fields": {"id-suffix": "value of that input"},
//!   "events": ["event type emitted"], "refused": ["setting or property refused"],
//!   "server": {"GET /items": {"status": 200, "body": …}, "POST /items/A/actions": …} }
//! ```
//! Properties are applied in the order the spec lists them. `server` holds the canned
//! answers of the widget's `endpoint` (its settings name it), by method and path under
//! it, query left out; anything else is 404. Such an example's answers are let arrive
//! after the render and after each action.

use super::testing::{by_suffix, fire, Recorder};
use crate::widgets;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yaojian::Lang;

/// Every example of `kind`, each mounted, driven and checked in turn. Panics naming the
/// example and what it missed.
pub async fn run_all(kind: &str) {
    let mut n = 0;
    for (name, json) in widgets::examples(kind) {
        let ex: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{kind}/{name}: {e}"));
        run(kind, name, &ex).await;
        n += 1;
    }
    assert!(n > 0, "{kind} has no examples");
}

async fn run(kind: &str, name: &str, ex: &Value) {
    let label = format!("{kind}/{name}");
    let canned = ex["server"].as_object().map(|answers| {
        let base = ex["settings"]["endpoint"].as_str().unwrap_or("/api/v1");
        canned_server(base, answers.clone())
    });
    let entry = widgets::entry(kind).unwrap_or_else(|| panic!("{label}: no such widget"));
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let recorder = Recorder::default();
    let mut widget = entry.start(Lang::ZhCn, recorder.callback());
    let settings = ex["settings"].as_object().cloned().unwrap_or_default();
    let mut refused: Vec<String> = widget.set_all(&settings).into_iter().map(|r| r.0).collect();
    widget.render(Some(root.clone()));
    yew::scheduler::flush().await;
    for p in (entry.spec)().properties {
        if let Some(v) = ex["properties"].get(p.name) {
            if widget.set_property(p.name, &v.to_string()).is_err() {
                refused.push(p.name.to_string());
            }
            yew::scheduler::flush().await;
        }
    }
    settle(canned.is_some()).await;
    for a in ex["actions"].as_array().into_iter().flatten() {
        act(&root, a, &label).await;
        settle(canned.is_some()).await;
    }
    check(&root, ex, &recorder, &refused, &label);
    widget.destroy();
    root.remove();
    drop(canned);
}

/// Lets the canned server's answers arrive and be drawn.
async fn settle(on_server: bool) {
    for _ in 0..if on_server { 4 } else { 0 } {
        super::after_paint().await;
        yew::scheduler::flush().await;
    }
}

/// `window.fetch` answering from an example's `server`, by method and path under
/// `base`, until dropped.
fn canned_server(base: &str, answers: serde_json::Map<String, Value>) -> super::testing::FakeFetch {
    let base = base.to_string();
    super::testing::FakeFetch::install(move |req: web_sys::Request| {
        let url = req.url();
        let path = url.split_once(base.as_str()).map_or("", |(_, rest)| rest);
        let path = path.split('?').next().unwrap_or_default();
        let a = &answers[&format!("{} {path}", req.method())];
        let answer = match a["status"].as_u64() {
            Some(s) => {
                super::testing::response(u16::try_from(s).unwrap_or(500), &a["body"].to_string())
            }
            None => super::testing::response(404, r#"{"errors":[]}"#),
        };
        match answer {
            Ok(r) => js_sys::Promise::resolve(&r),
            Err(e) => js_sys::Promise::reject(&e),
        }
    })
}

/// One user action, then the render it causes.
async fn act(root: &Element, a: &Value, label: &str) {
    if let Some(text) = a["click"].as_str() {
        let buttons = root.query_selector_all("button").unwrap();
        let b = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .find(|b| b.text_content().unwrap_or_default().trim() == text)
            .unwrap_or_else(|| panic!("{label}: no button \"{text}\""));
        b.unchecked_ref::<web_sys::HtmlElement>().click();
    } else if let Some(suffix) = a["fill"].as_str() {
        let el = by_suffix(root, suffix);
        let value = a["value"].as_str().unwrap_or_default();
        js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
        fire(&el, "input");
        fire(&el, "change");
    } else if let Some(suffix) = a["check"].as_str() {
        by_suffix(root, suffix)
            .unchecked_ref::<web_sys::HtmlElement>()
            .click();
    } else {
        panic!("{label}: unknown action {a}");
    }
    yew::scheduler::flush().await;
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

fn check(root: &Element, ex: &Value, recorder: &Recorder, refused: &[String], label: &str) {
    let text = root.text_content().unwrap_or_default();
    for s in strings(&ex["see"]) {
        assert!(text.contains(s), "{label}: \"{s}\" not shown in:\n{text}");
    }
    for s in strings(&ex["absent"]) {
        assert!(!text.contains(s), "{label}: \"{s}\" shown");
    }
    for (suffix, want) in ex["fields"].as_object().into_iter().flatten() {
        let got = js_sys::Reflect::get(&by_suffix(root, suffix), &"value".into())
            .ok()
            .and_then(|v| v.as_string());
        assert_eq!(got.as_deref(), want.as_str(), "{label}: field {suffix}");
    }
    for t in strings(&ex["events"]) {
        assert!(!recorder.of_type(t).is_empty(), "{label}: no {t} event");
    }
    let mut expected: Vec<&str> = strings(&ex["refused"]).collect();
    let mut got: Vec<&str> = refused.iter().map(String::as_str).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "{label}: settings and properties refused");
}

/// The example states every widget has: at least four, among them an empty, a filled
/// and an error state and one of the widget's own.
pub fn check_states(kind: &str) {
    let states: Vec<String> = widgets::examples(kind)
        .map(|(name, json)| {
            let ex: Value = serde_json::from_str(json).unwrap();
            let s = ex["state"]
                .as_str()
                .unwrap_or_else(|| panic!("{kind}/{name}: no state"));
            s.to_string()
        })
        .collect();
    assert!(states.len() >= 4, "{kind}: {} examples", states.len());
    for s in ["empty", "filled", "error"] {
        assert!(states.iter().any(|x| x == s), "{kind}: no {s} example");
    }
    let own = states
        .iter()
        .filter(|s| !["empty", "filled", "error"].contains(&s.as_str()));
    assert!(own.count() > 0, "{kind}: no state of its own");
}
