//! The embedding layer's Rust half. `yaojian.js` (components/js/) defines the custom
//! elements and the `mount`/`unmount` API; for each widget it creates a container and
//! calls [`mount_widget`], which returns a [`WidgetHandle`]: `show()` draws the Yew
//! widget there once the page's first properties are set; the handle then takes live
//! updates (language, structured properties) and teardown.
//! Everything a widget emits goes to the JS `emit(eventName, json)` callback, which
//! dispatches a `CustomEvent` on the host element.

use crate::contract::Mounted;
use crate::widgets;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// The event refusals and failures go out as.
const EVENT_ERROR: &str = "yj-error";

/// The event a widget document goes out as, by its `type`.
fn event_for(v: &Value) -> &'static str {
    crate::common::events::event_name(v["type"].as_str().unwrap_or_default())
}

/// Sends `(event name, detail)` to the JS side.
type Emit = Rc<dyn Fn(&str, &Value)>;

fn emitter(emit: js_sys::Function) -> Emit {
    Rc::new(move |name: &str, detail: &Value| {
        let _ = emit.call2(
            &JsValue::NULL,
            &JsValue::from_str(name),
            &JsValue::from_str(&detail.to_string()),
        );
    })
}

/// A mounted widget, held by `yaojian.js` until the element is removed.
#[wasm_bindgen]
pub struct WidgetHandle {
    widget: Box<dyn Mounted>,
    emit: Emit,
    /// Where the widget is drawn, until [`WidgetHandle::show`] first draws it there.
    container: Option<web_sys::Element>,
}

pub use crate::common::events::refusal;

impl WidgetHandle {
    fn refuse(&mut self, kind: &str, name: &str, errors: &[FieldError]) {
        let lang = self.widget.lang();
        (self.emit)(EVENT_ERROR, &refusal(kind, name, errors, lang));
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Draws the widget for the first time, with its settings and the properties set
    /// since [`mount_widget`]; later calls do nothing.
    pub fn show(&mut self) {
        if let Some(container) = self.container.take() {
            self.widget.render(Some(container));
        }
    }

    /// Switches the widget's language live (`zh-CN`, `zh-TW`, `en`; anything else: zh-CN).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) {
        self.widget.set_lang(Lang::parse(tag));
        self.widget.render(None);
    }

    /// Sets a structured property from JSON text (the widget's spec lists them). A
    /// refused value is reported as a `yj-error` event naming the JSON path, and the
    /// widget keeps what it had (a bad form template is shown too, as a panel naming
    /// each path). Returns whether the value was accepted.
    #[wasm_bindgen(js_name = setProperty)]
    pub fn set_property(&mut self, name: &str, json_text: &str) -> bool {
        match self.widget.set_property(name, json_text) {
            Ok(()) => true,
            Err(e) => {
                self.refuse("property", name, &e);
                false
            }
        }
    }

    /// Reports a property the page set that is not JSON (a BigInt, a cycle): the same
    /// `yj-error` as any refused value, with `detail` the browser's reason.
    #[wasm_bindgen(js_name = refuseProperty)]
    pub fn refuse_property(&mut self, name: &str, detail: &str) {
        let e = FieldError::new("$", "embed.not_json").with("detail", detail);
        self.refuse("property", name, &[e]);
    }

    /// Sets a scalar setting from an attribute (`null` when removed). An unknown name
    /// or a bad value is a `yj-error` naming the setting, as for a property; the widget
    /// goes on with what it had. Returns whether the setting was accepted.
    #[wasm_bindgen(js_name = setSetting)]
    pub fn set_setting(&mut self, name: &str, value: Option<String>) -> bool {
        match self.widget.set(name, value.as_deref()) {
            Ok(()) => {
                self.widget.render(None);
                true
            }
            Err(e) => {
                self.refuse("setting", name, &[e]);
                false
            }
        }
    }

    /// Unmounts the widget and frees everything it holds.
    pub fn destroy(&mut self) {
        self.widget.destroy();
    }
}

/// Mounts widget `kind` in `container`. `emit(eventName, json)` receives everything the
/// widget emits. `settings` is a JSON object of the settings the element has at mount
/// (`{"storage-key": "k"}`): applied before the first render, so the widget starts from
/// them (a kept draft is found at once). Nothing is drawn until [`WidgetHandle::show`],
/// so the properties the page set with the element are drawn in the first drawing too
/// (a widget given its own template never asks for a built-in one). Unknown kinds are an
/// error the JS side reports as `yj-error`.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    kind: &str,
    container: web_sys::Element,
    emit: js_sys::Function,
    lang: &str,
    settings: &str,
) -> Result<WidgetHandle, JsValue> {
    let emit = emitter(emit);
    let lang = Lang::parse(lang);
    let on_emit = {
        let emit = emit.clone();
        Callback::from(move |v: Value| emit(event_for(&v), &v))
    };
    let entry = widgets::entry(kind).ok_or_else(|| {
        let known: Vec<_> = widgets::specs().map(|s| s.kind).collect();
        JsValue::from_str(&format!(
            "yaojian: unknown widget kind \"{kind}\"; known: {}",
            known.join(", ")
        ))
    })?;
    let mut widget = entry.start(lang, on_emit);
    // Read as a `Value` (whose reader every module has) rather than as a typed map.
    let settings = match serde_json::from_str::<Value>(settings) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let refused = widget.set_all(&settings);
    for (name, e) in refused {
        emit(EVENT_ERROR, &refusal("setting", &name, &[e], lang));
    }
    Ok(WidgetHandle {
        widget,
        emit,
        container: Some(container),
    })
}

/// The `value` that starts a widget of `kind` again where it was, from the detail of
/// its last `yj-change` (JSON text); `None` when there is nothing to restore.
#[wasm_bindgen(js_name = restoredValue)]
pub fn restored_value(kind: &str, last_change: &str) -> Option<String> {
    let last: Value = serde_json::from_str(last_change).ok()?;
    let entry = widgets::entry(kind)?;
    (entry.restore)(&last).map(|v| v.to_string())
}

/// Every widget's contract, as JSON: `[{kind, title, settings: [{name, values,
/// effect}], properties: [{name, meaning}], events: [{name, detail}]}]`. `yaojian.js`
/// defines its elements from it.
#[wasm_bindgen(js_name = widgetContracts)]
pub fn widget_contracts() -> String {
    serde_json::to_string(&widgets::specs().collect::<Vec<_>>()).unwrap_or_default()
}

/// A data file the engine refused, for `yaojian.js`: `path: code` for each mistake.
fn file_refused(errors: yaojian::Errors) -> JsValue {
    let list: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.code))
        .collect();
    JsValue::from_str(&list.join("; "))
}

/// Adds the words of a catalog file (`dist/<module>.<lang>.<hash>.json`) to `lang`:
/// `yaojian.js` fetches the module's catalog in the page's language and installs it
/// before a widget renders, since the wasm carries none. A file that does not read is
/// refused with `path: code` for each mistake, and changes nothing.
#[wasm_bindgen(js_name = installCatalog)]
pub fn install_catalog(lang: &str, text: &str) -> Result<(), JsValue> {
    yaojian::i18n::install_catalog(Lang::parse(lang), text).map_err(file_refused)
}

/// The catalog prefixes of the widgets this module carries, as JSON (`["fb","si"]`):
/// `scripts/dist-manifest.mjs` gives the module those words, the shared ones and the
/// engine's, and leaves out every other widget's.
#[wasm_bindgen(js_name = catalogWords)]
pub fn catalog_words() -> String {
    serde_json::to_string(widgets::WORDS).unwrap_or_default()
}

/// The kinds of the widgets this module carries, as JSON: its listed ones and those they
/// render (`//! uses widget:`, the form in the builder). `scripts/dist-manifest.mjs`
/// gives the module their stylesheets.
#[wasm_bindgen(js_name = carriedKinds)]
pub fn carried_kinds() -> String {
    serde_json::to_string(widgets::KINDS).unwrap_or_default()
}

/// Installs data file `name` (`dist/<name>[.<lang>].<hash>.json`, one of
/// [`data_files`]): `yaojian.js` fetches the module's files, those of the page's language
/// among them, and installs them before a widget renders. A file that does not read is
/// refused with `path: code` for each mistake.
#[wasm_bindgen(js_name = installData)]
pub fn install_data(name: &str, text: &str) -> Result<(), JsValue> {
    widgets::install_data(name, text)
        .unwrap_or_else(|| Err(yaojian::data::unknown_file(name)))
        .map_err(file_refused)
}

/// The data files this module's widgets need, as JSON (`["penalty-rules"]`), in the
/// order they are installed: `scripts/dist-manifest.mjs` lists them for the module.
#[wasm_bindgen(js_name = dataFiles)]
pub fn data_files() -> String {
    serde_json::to_string(widgets::DATA).unwrap_or_default()
}

/// The data files this module's widgets ask for when they need them (a template picked
/// from a menu), as JSON: `scripts/dist-manifest.mjs` lists them for the module, and
/// `yaojian.js` fetches one when a widget asks (`yj-data-wanted`, never dispatched).
#[wasm_bindgen(js_name = dataOnDemand)]
pub fn data_on_demand() -> String {
    serde_json::to_string(widgets::DATA_ON_DEMAND).unwrap_or_default()
}

/// Tells the widgets waiting for a data file that `yaojian.js` installed what was asked:
/// each draws again ([`crate::common::data`]).
#[wasm_bindgen(js_name = dataInstalled)]
pub fn data_installed() {
    crate::common::data::installed();
}

/// Says in the browser's console that the engine was asked for a data file this module
/// was never given: a release whose module lists too few files (every e2e test fails on
/// a console error).
pub fn report_missing_data(name: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "yaojian: the data file {name} was needed and never installed"
    )));
}

thread_local! {
    /// The page's panic handler (`setPanicHandler`), told of a panic before the wasm
    /// instance stops.
    static PANIC_HANDLER: std::cell::RefCell<Option<js_sys::Function>> = const { std::cell::RefCell::new(None) };
}

/// Registers `handler(message)`, called when the engine or a widget panics. After a
/// panic this wasm instance is unusable (the panic aborts); `yaojian.js` uses the call
/// to tell each element, show the failure in words and start the other widgets again
/// on a fresh instance. The handler must not call back into this instance.
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(handler: js_sys::Function) {
    PANIC_HANDLER.with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            *h = Some(handler);
        }
    });
}

/// Installed once: a panic is logged with a clear prefix and handed to the page's panic
/// handler, instead of Yew replacing the hook on every render (several widgets share
/// one module instance).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = format!("yaojian: internal error: {info}");
        web_sys::console::error_1(&JsValue::from_str(&message));
        PANIC_HANDLER.with(|h| {
            if let Ok(h) = h.try_borrow() {
                if let Some(f) = h.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
                }
            }
        });
    }));
}

/// Panics on purpose, for the e2e test of panic containment (it imports the module's
/// glue, named in `yaojian-manifest.json`, itself; `yaojian.js` does not re-export this).
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test(message: &str) {
    panic!("test panic: {message}");
}
