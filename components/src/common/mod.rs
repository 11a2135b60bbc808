//! Pieces every widget uses: the clock (UTC+8 via the engine), language plumbing,
//! the JSON-emit callback and the accessible error summary.

pub mod data;
mod error_summary;
pub mod events;
#[cfg(all(test, target_arch = "wasm32"))]
pub mod examples;
mod field;
mod pagination;
pub mod properties;
mod quote;
pub mod server;
#[cfg(all(test, target_arch = "wasm32"))]
pub mod testing;
pub use error_summary::{ErrorItem, ErrorSummary};
pub use field::{described_by, error_message, Field};
pub use pagination::{page_bounds, page_window, Pagination};
pub use quote::{chinese_notes, statute_quote};

use yaojian::date::{cst_date_from_unix_millis, Date};
use yaojian::Lang;
use yew::prelude::*;

/// Today's calendar date in China Standard Time, whatever the browser's time zone.
pub fn today() -> Date {
    cst_date_from_unix_millis(js_sys::Date::now() as i64)
}

/// Now as an ISO timestamp with +08:00.
pub fn now_cst_timestamp() -> String {
    yaojian::date::cst_timestamp(js_sys::Date::now() as i64)
}

/// Shorthand for a catalog string.
pub fn t(lang: Lang, key: &str) -> String {
    yaojian::i18n::t(lang, key)
}

/// Shorthand for a catalog string with `{name}` parameters.
pub fn tf(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    yaojian::i18n::tf(lang, key, params)
}

/// Calls `apply` with each new `value` a host sets after the first render (the first
/// value is already in the widget's initial state): "setting `value` replaces the data".
#[hook]
pub fn use_host_value<T, F>(value: Option<std::rc::Rc<T>>, apply: F)
where
    T: PartialEq + 'static,
    F: Fn(&T) + 'static,
{
    let first = use_mut_ref(|| true);
    use_effect_with(value, move |v| {
        if !std::mem::replace(&mut *first.borrow_mut(), false) {
            if let Some(v) = v {
                apply(v);
            }
        }
    });
}

/// Copies text to the clipboard; returns false when the browser refuses.
pub fn copy_to_clipboard(text: &str) -> bool {
    match web_sys::window() {
        Some(w) => {
            let _ = w.navigator().clipboard().write_text(text);
            true
        }
        None => false,
    }
}

/// Opens the browser's print dialog.
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

thread_local! {
    /// The id prefixes in use on the page, by base: slot numbers taken.
    static ID_SLOTS: std::cell::RefCell<Vec<(&'static str, Vec<u32>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An id prefix held by a mounted widget; freed when the widget goes.
pub struct IdPrefix {
    base: &'static str,
    slot: u32,
    pub prefix: std::rc::Rc<String>,
}

impl IdPrefix {
    /// The lowest free slot of `base`: the first widget of a kind on the page gets
    /// `base` itself (`yj-pc`), the next ones `base2`, `base3`, …
    fn take(base: &'static str) -> IdPrefix {
        let slot = ID_SLOTS.with(|s| {
            let mut s = s.borrow_mut();
            let i = match s.iter().position(|(b, _)| *b == base) {
                Some(i) => i,
                None => {
                    s.push((base, Vec::new()));
                    s.len() - 1
                }
            };
            let taken = &mut s[i].1;
            let slot = (1..).find(|n| !taken.contains(n)).unwrap_or(1);
            taken.push(slot);
            slot
        });
        let prefix = match slot {
            1 => base.to_string(),
            n => format!("{base}{n}"),
        };
        IdPrefix {
            base,
            slot,
            prefix: std::rc::Rc::new(prefix),
        }
    }
}

impl Drop for IdPrefix {
    fn drop(&mut self) {
        ID_SLOTS.with(|s| {
            if let Ok(mut s) = s.try_borrow_mut() {
                if let Some((_, taken)) = s.iter_mut().find(|(b, _)| *b == self.base) {
                    taken.retain(|n| *n != self.slot);
                }
            }
        });
    }
}

/// The element-id prefix of this widget instance, unique on the page while it is
/// mounted, so two widgets of a kind (light DOM or not) never share an id. Every
/// widget builds its ids from it.
#[hook]
pub fn use_id_prefix(base: &'static str) -> std::rc::Rc<String> {
    let held = use_memo((), move |_| IdPrefix::take(base));
    held.prefix.clone()
}

/// The element ids of one widget instance, for the small components inside it
/// (provided as a context by the widget): `ids.id("rule")` is `<prefix>-rule`.
#[derive(Clone, PartialEq, Debug)]
pub struct Ids(pub std::rc::Rc<String>);

impl Ids {
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.0)
    }
}

/// The ids of the widget this component is inside.
#[hook]
pub fn use_ids() -> Ids {
    use_context::<Ids>().unwrap_or_else(|| Ids(std::rc::Rc::new("yj".to_string())))
}

/// Resolves in a later task (`setTimeout(0)`), after everything Yew has scheduled now.
pub async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Offers `text` as a file download named `name`, of media type `mime`.
pub fn download_text(name: &str, text: &str, mime: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let err = |e: wasm_bindgen::JsValue| js_error_text(&e);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}

/// The page's `localStorage`, or why it cannot be used (disabled, blocked).
pub fn local_storage() -> Result<web_sys::Storage, String> {
    let w = web_sys::window().ok_or("no window")?;
    match w.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(e
            .as_string()
            .unwrap_or_else(|| "localStorage is disabled".into())),
    }
}

/// The message of a thrown JS value.
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown".into())
}

/// The text stored under `key` in `localStorage`, if any.
pub fn store_get(key: &str) -> Result<Option<String>, String> {
    local_storage()?
        .get_item(key)
        .map_err(|e| js_error_text(&e))
}

/// Stores `text` under `key` in `localStorage`; a full or disabled store is an error.
pub fn store_set(key: &str, text: &str) -> Result<(), String> {
    local_storage()?
        .set_item(key, text)
        .map_err(|e| js_error_text(&e))
}

/// What a look for a kept draft found.
pub enum Kept<T> {
    Nothing,
    Found(T),
    /// The text under the key could not be read (damaged, or from an incompatible
    /// version). It was moved aside to `kept_as`, so the next save does not overwrite it.
    Unreadable {
        kept_as: String,
    },
    /// Storage cannot be used (disabled, blocked); the reason.
    Failed(String),
}

/// Where an unreadable draft stored under `key` is set aside.
pub fn unreadable_key(key: &str) -> String {
    format!("{key}:unreadable")
}

/// Reads the draft under `key` with `parse` (`None`: unreadable). An unreadable one is
/// moved to [`unreadable_key`] (or `…:2`, `…:3` when that is taken), never overwritten
/// by the next save nor dropped silently; when even that fails, it is left where it is
/// and the failure reported.
pub fn read_kept<T>(key: &str, parse: impl FnOnce(&str) -> Option<T>) -> Kept<T> {
    let text = match store_get(key) {
        Ok(Some(text)) => text,
        Ok(None) => return Kept::Nothing,
        Err(e) => return Kept::Failed(e),
    };
    if let Some(v) = parse(&text) {
        return Kept::Found(v);
    }
    // Never over an earlier unreadable copy: the first free of `<key>:unreadable`,
    // `<key>:unreadable:2`, …
    let free = |n: u32| {
        let k = if n == 1 {
            unreadable_key(key)
        } else {
            format!("{}:{n}", unreadable_key(key))
        };
        matches!(store_get(&k), Ok(None)).then_some(k)
    };
    let Some(kept_as) = (1..=100).find_map(free) else {
        return Kept::Failed(format!(
            "{key}: no free place to set an unreadable draft aside"
        ));
    };
    match store_set(&kept_as, &text).and_then(|()| {
        local_storage()?
            .remove_item(key)
            .map_err(|e| js_error_text(&e))
    }) {
        Ok(()) => Kept::Unreadable { kept_as },
        Err(e) => Kept::Failed(e),
    }
}

/// The `yj-error` detail that tells the host a kept draft could not be read.
pub fn unreadable_event(key: &str, kept_as: &str) -> events::Emitted {
    events::Emitted::DraftUnreadable {
        storage_key: key.to_string(),
        kept_as: kept_as.to_string(),
    }
}

/// Work waiting for the next frame (saving a draft, telling the host), done at once
/// instead when the page is hidden or left first, so a reload or a closed tab never
/// loses the last change.
pub type PendingWork = std::rc::Rc<std::cell::RefCell<Option<Box<dyn FnOnce()>>>>;

/// A [`PendingWork`] slot that is run on `pagehide` and when the page becomes hidden.
#[hook]
pub fn use_pending_work() -> PendingWork {
    let pending: PendingWork = use_mut_ref(|| None);
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            use wasm_bindgen::JsCast;
            let window = web_sys::window();
            let on_hide = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
                move |e: web_sys::Event| {
                    let hidden = web_sys::window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| d.hidden());
                    if e.type_() == "pagehide" || hidden {
                        run_pending(&pending);
                    }
                },
            );
            let f: &js_sys::Function = on_hide.as_ref().unchecked_ref();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback("pagehide", f);
                let _ = w.add_event_listener_with_callback("visibilitychange", f);
            }
            move || {
                let f: &js_sys::Function = on_hide.as_ref().unchecked_ref();
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback("pagehide", f);
                    let _ = w.remove_event_listener_with_callback("visibilitychange", f);
                }
            }
        });
    }
    pending
}

/// The draft machinery every widget that keeps drafts shares: the work of saving (the
/// draft, the `…change` event) runs once the change is on screen, one save per frame
/// (only the newest revision's), and at once when the page is hidden or left. A save
/// that fails is for the widget to show (`store_set` says why).
#[derive(Clone)]
pub struct DraftSaver {
    latest: std::rc::Rc<std::cell::RefCell<u64>>,
    pending: PendingWork,
}

impl DraftSaver {
    /// Saves with `job` once revision `rev` is on screen, unless a newer one came first.
    pub fn after_paint(&self, rev: u64, job: Box<dyn FnOnce()>) {
        *self.latest.borrow_mut() = rev;
        *self.pending.borrow_mut() = Some(job);
        let (latest, pending) = (self.latest.clone(), self.pending.clone());
        wasm_bindgen_futures::spawn_local(async move {
            after_paint().await;
            if *latest.borrow() == rev {
                run_pending(&pending);
            }
        });
    }

    /// Makes `job` the save that runs should the page be left before the next paint.
    pub fn if_left(&self, job: Box<dyn FnOnce()>) {
        *self.pending.borrow_mut() = Some(job);
    }

    /// Drops the save waiting (a submitted form must not bring its draft back).
    pub fn cancel(&self) {
        *self.latest.borrow_mut() = u64::MAX;
        self.pending.borrow_mut().take();
    }
}

/// The widget's [`DraftSaver`].
#[hook]
pub fn use_draft_saver() -> DraftSaver {
    let latest = use_mut_ref(|| 0u64);
    let pending = use_pending_work();
    DraftSaver { latest, pending }
}

/// Runs the work waiting in `pending`, if any (once).
pub fn run_pending(pending: &PendingWork) {
    let job = pending.borrow_mut().take();
    if let Some(job) = job {
        job();
    }
}

/// Waits `ms` milliseconds (the outboxes' retries).
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the browser has drawn the next frame (a frame callback, then a task),
/// or after 200 ms when no frame comes (a hidden tab): for work the user should not
/// wait on before seeing the result of what they did.
pub async fn after_paint() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 200);
        let later = w.clone();
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = later.set_timeout_with_callback(&resolve);
        });
        let _ = w.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&frame));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// The `value` of the input, textarea or select an event came from ("" without one).
pub fn target_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Focuses the element `id` inside `root` (which may be in a shadow root, where the
/// document cannot see it); false when there is none.
/// The `onclick` of a link to an element of the same widget (`href="#id"`): moves focus
/// there. Inside a shadow root the document cannot see the element, so it is looked up
/// in the widget the link belongs to.
pub fn focus_link(target: String) -> Callback<MouseEvent> {
    Callback::from(move |ev: MouseEvent| {
        ev.prevent_default();
        let widget = ev
            .target_dyn_into::<web_sys::Element>()
            .and_then(|l| l.closest(".yj-widget").ok().flatten());
        if !widget.is_some_and(|w| focus_within(&w, &target)) {
            focus_id(&target);
        }
    })
}

pub fn focus_within(root: &web_sys::Element, id: &str) -> bool {
    use wasm_bindgen::JsCast;
    let el = root
        .query_selector(&format!("[id='{id}']"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    el.is_some_and(|el| el.focus().is_ok())
}

/// An `oninput` that keeps `state` equal to the text of the input or textarea.
pub fn bind_text(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(target_value(&e)))
}
