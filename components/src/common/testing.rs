//! Helpers for the browser tests of every widget.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// Renders `C` with `props` into a fresh element appended to the body, and waits for
/// the render to finish. Remove the element at the end of the test.
pub async fn mount<C>(props: C::Properties) -> Element
where
    C: BaseComponent,
{
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

/// The text of the first element matching `sel`, or "" if there is none.
pub fn text(root: &Element, sel: &str) -> String {
    root.query_selector(sel)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

/// The input with id `id`, if present.
pub fn input(root: &Element, id: &str) -> Option<HtmlInputElement> {
    root.query_selector(&format!("#{id}"))
        .unwrap()
        .and_then(|e| e.dyn_into().ok())
}

/// Dispatches a bubbling event of `kind` on `el`.
pub fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// Sets the value of input `#id` and fires `input`, then waits for the render.
pub async fn type_into(root: &Element, id: &str, value: &str) {
    let el = input(root, id).unwrap_or_else(|| panic!("no #{id}"));
    el.set_value(value);
    fire(&el, "input");
    yew::scheduler::flush().await;
}
