//! Helpers for the browser tests of every widget.
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// A mounted test app's root, and how to destroy the app.
type MountedApp = (Element, Box<dyn FnOnce()>);

thread_local! {
    /// The apps the tests mounted, with their roots: an app whose root a test removed is
    /// destroyed at the next mount, so the ids it held are free again.
    static MOUNTED: std::cell::RefCell<Vec<MountedApp>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Destroys the apps whose root is no longer in the page.
pub fn destroy_removed() {
    let gone: Vec<_> = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        let (gone, kept) = m.drain(..).partition(|(root, _)| !root.is_connected());
        *m = kept;
        gone
    });
    for (_, destroy) in gone {
        destroy();
    }
}

/// Renders `C` with `props` into a fresh element appended to the body, and waits for
/// the render to finish. Remove the element at the end of the test.
pub async fn mount<C>(props: C::Properties) -> Element
where
    C: BaseComponent,
{
    destroy_removed();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    MOUNTED.with(|m| {
        m.borrow_mut()
            .push((root.clone(), Box::new(move || app.destroy())))
    });
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

/// The text of every element matching `sel`, in document order.
pub fn all_text(root: &Element, sel: &str) -> Vec<String> {
    let found = root.query_selector_all(sel).unwrap();
    (0..found.length())
        .filter_map(|n| found.item(n))
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
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

/// The element whose id ends with `-suffix` (ids carry a per-instance prefix).
pub fn by_suffix(root: &Element, suffix: &str) -> Element {
    root.query_selector(&format!("[id$='-{suffix}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element #…-{suffix}"))
}

/// Sets the value of the input or textarea `#…-suffix`, fires `input`, waits for the render.
pub async fn type_suffix(root: &Element, suffix: &str, value: &str) {
    let el = by_suffix(root, suffix);
    js_sys::Reflect::set(&el, &"value".into(), &value.into()).unwrap();
    fire(&el, "input");
    yew::scheduler::flush().await;
}

/// Clicks a button (which must carry an explicit `type`) and waits for the render.
pub async fn click_button(el: &Element) {
    assert!(
        el.get_attribute("type").is_some(),
        "every button has a type"
    );
    el.unchecked_ref::<web_sys::HtmlElement>().click();
    yew::scheduler::flush().await;
}

/// Collects what a widget emits.
#[derive(Clone, Default)]
pub struct Recorder(std::rc::Rc<std::cell::RefCell<Vec<serde_json::Value>>>);

impl Recorder {
    /// The widget's `on_emit`.
    pub fn callback(&self) -> Callback<serde_json::Value> {
        let log = self.0.clone();
        Callback::from(move |v| log.borrow_mut().push(v))
    }
    /// Forgets what was emitted so far.
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }
    /// Every document emitted with `"type": kind`, oldest first.
    pub fn of_type(&self, kind: &str) -> Vec<serde_json::Value> {
        self.0
            .borrow()
            .iter()
            .filter(|v| v["type"] == kind)
            .cloned()
            .collect()
    }
}

/// The element that has focus in the document.
pub fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// `window.fetch` replaced by `answer` until dropped (the fake servers of the browser
/// tests and of the examples).
pub struct FakeFetch {
    real: wasm_bindgen::JsValue,
    _fetch: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Request) -> js_sys::Promise>,
}

impl FakeFetch {
    pub fn install(answer: impl FnMut(web_sys::Request) -> js_sys::Promise + 'static) -> FakeFetch {
        let fetch = wasm_bindgen::closure::Closure::wrap(
            Box::new(answer) as Box<dyn FnMut(web_sys::Request) -> js_sys::Promise>
        );
        let window = web_sys::window().unwrap();
        let real = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), fetch.as_ref()).unwrap();
        FakeFetch {
            real,
            _fetch: fetch,
        }
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.real).unwrap();
    }
}

/// A fetch's answer: `status` and the body's text.
pub fn response(status: u16, body: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let init = web_sys::ResponseInit::new();
    init.set_status(status);
    Ok(web_sys::Response::new_with_opt_str_and_init(Some(body), &init)?.into())
}
