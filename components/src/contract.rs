//! The widget contract: what every widget folder provides, and the only way `embed`,
//! the demo portal and the tests reach a widget.
//!
//! A widget is a Yew component that implements [`Widget`]: its [`Spec`] (kind, element,
//! settings, properties and events, with the documentation `docs/embedding.md` shows),
//! how it builds its props, and how a setting (an attribute) or a property (JSON data)
//! changes them. [`crate::widgets::WIDGETS`] lists every widget once; `yaojian.js`
//! defines its elements from that list (`widgetContracts()`), and an unknown name or a
//! bad value is refused the same way for settings and properties.

use serde::Serialize;
use serde_json::Value;
use yaojian::{FieldError, Lang};
use yew::html::BaseComponent;
use yew::Callback;

mod roots;

/// An attribute a widget reads: its name, the values it takes and what it does.
#[derive(Serialize, Debug)]
pub struct Setting {
    pub name: &'static str,
    pub values: &'static str,
    pub effect: &'static str,
}

/// A property a widget takes: structured (JSON data; a string the page sets is read as
/// JSON text), or `text`, whose string is the value itself (a token).
#[derive(Serialize, Debug)]
pub struct Property {
    pub name: &'static str,
    pub meaning: &'static str,
    /// The page's string is the value itself: `yaojian.js` hands it over as a JSON string.
    pub text: bool,
}

/// An event a widget fires and the `detail` it carries.
#[derive(Serialize, Debug)]
pub struct EventDoc {
    pub name: &'static str,
    pub detail: &'static str,
}

/// The `yj-error` every widget fires (see "When something is wrong" in
/// `docs/embedding.md`).
pub const ERROR_EVENT: EventDoc = EventDoc {
    name: "yj-error",
    detail: "`{type, property? | setting?, errors?: [{path, code, message}], message?}`: a refused property or setting, an unreadable draft, an internal error, or the bundle failed to load",
};

/// What a widget is, as a page sees it: the element `yj-<kind>`, its settings,
/// properties (applied in this order: a template before a value) and events.
#[derive(Serialize, Debug)]
pub struct Spec {
    pub kind: &'static str,
    pub title: &'static str,
    pub settings: &'static [Setting],
    pub properties: &'static [Property],
    pub events: &'static [EventDoc],
}

impl Spec {
    fn has_setting(&self, name: &str) -> bool {
        self.settings.iter().any(|s| s.name == name)
    }

    fn has_property(&self, name: &str) -> bool {
        self.properties.iter().any(|p| p.name == name)
    }
}

/// What every widget implements. `set` and `put` only change props; the caller
/// renders. Both are called only with names the spec lists.
pub trait Widget: BaseComponent<Properties: Clone> {
    /// The widget's spec (a `static` in its folder).
    fn spec() -> &'static Spec;
    /// The props a freshly mounted widget starts from.
    fn props(lang: Lang, on_emit: Callback<Value>) -> Self::Properties;
    /// The language in the props.
    fn lang(props: &mut Self::Properties) -> &mut Lang;
    /// Applies setting `name` (`None`: the attribute was removed). A bad value is an
    /// error whose path is the setting's name, and the props keep what they had.
    fn set(props: &mut Self::Properties, name: &str, value: Option<&str>)
        -> Result<(), FieldError>;
    /// Applies property `name` from JSON text. A refused value changes nothing.
    fn put(props: &mut Self::Properties, name: &str, json: &str) -> Result<(), Vec<FieldError>>;
    /// Whether a refused property still changes what is shown (a form's bad template
    /// is shown as a panel naming each path).
    fn shows_refused(_name: &str) -> bool {
        false
    }
    /// The `value` that starts the widget again where it was, from the detail of its
    /// last `yj-change` (after an internal error, on a fresh instance): by default the
    /// detail itself.
    fn restore(last_change: &Value) -> Option<Value> {
        Some(last_change.clone())
    }
}

/// Parses a property's JSON text as the engine reads any outside document.
pub fn parse_property(json: &str) -> Result<Value, Vec<FieldError>> {
    yaojian::json::parse_document(json, "$").map_err(|e| vec![e])
}

/// The error for a property the widget does not have (also used by `put` for a name
/// it does not handle).
pub fn unknown_property(name: &str) -> Vec<FieldError> {
    vec![FieldError::new("$", "embed.unknown_property").with("name", name)]
}

/// The error for a setting the widget does not have.
pub fn unknown_setting(name: &str) -> FieldError {
    FieldError::new(name, "embed.unknown_setting").with("name", name)
}

/// A setting's value as a whole number (`None`: the attribute was removed).
pub fn number_setting<T: std::str::FromStr>(
    name: &str,
    value: Option<&str>,
) -> Result<Option<T>, FieldError> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| FieldError::new(name, "embed.setting_number").with("value", v)),
    }
}

/// A setting that takes one of a few words (`None`: the attribute was removed).
pub fn choice_setting(
    name: &str,
    value: Option<&str>,
    choices: &'static [&'static str],
) -> Result<Option<&'static str>, FieldError> {
    match value.map(str::trim) {
        None => Ok(None),
        Some(v) => choices
            .iter()
            .copied()
            .find(|c| *c == v)
            .map(Some)
            .ok_or_else(|| {
                FieldError::new(name, "embed.setting_choice")
                    .with("value", v)
                    .with("choices", choices.join(", "))
            }),
    }
}

/// A mounted widget, whatever its kind: what `embed` and the tests hold.
pub trait Mounted {
    fn spec(&self) -> &'static Spec;
    fn lang(&mut self) -> Lang;
    fn set_lang(&mut self, lang: Lang);
    /// Applies a setting without rendering; unknown names are refused.
    fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), FieldError>;
    /// Applies a property without rendering; unknown names are refused.
    fn put(&mut self, name: &str, json: &str) -> Result<(), Vec<FieldError>>;
    fn shows_refused(&self, name: &str) -> bool;
    /// Renders into `container` (the first time) or again with the props as they are.
    fn render(&mut self, container: Option<web_sys::Element>);
    fn destroy(&mut self);

    /// Applies the settings a widget starts with (an element's attributes, an
    /// example's `settings`), before the first render; the ones refused, with why.
    /// Whatever their order: a setting read against another (a `template-id` that only
    /// an `endpoint` can publish) is tried again once the others are set.
    fn set_all(&mut self, settings: &serde_json::Map<String, Value>) -> Vec<(String, FieldError)> {
        let mut refused_once = Vec::new();
        for (name, v) in settings {
            if self.set(name, v.as_str()).is_err() {
                refused_once.push(name);
            }
        }
        let again = |name: &String| {
            self.set(name, settings[name].as_str())
                .err()
                .map(|e| (name.clone(), e))
        };
        refused_once.into_iter().filter_map(again).collect()
    }

    /// Sets a property as a page sets it: the widget is drawn again when the value is
    /// accepted, or when a refused one still shows (a form's bad template).
    fn set_property(&mut self, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        let r = self.put(name, json);
        if r.is_ok() || self.shows_refused(name) {
            self.render(None);
        }
        r
    }
}

struct Instance<W: Widget + 'static> {
    props: W::Properties,
    /// Where it is drawn, once rendered (see [`roots`]: kept for the next of its kind).
    root: Option<roots::Root<W>>,
}

impl<W: Widget + 'static> Mounted for Instance<W> {
    fn spec(&self) -> &'static Spec {
        W::spec()
    }

    fn lang(&mut self) -> Lang {
        *W::lang(&mut self.props)
    }

    fn set_lang(&mut self, lang: Lang) {
        *W::lang(&mut self.props) = lang;
    }

    fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), FieldError> {
        if !W::spec().has_setting(name) {
            return Err(unknown_setting(name));
        }
        W::set(&mut self.props, name, value)
    }

    fn put(&mut self, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        if !W::spec().has_property(name) {
            return Err(unknown_property(name));
        }
        W::put(&mut self.props, name, json)
    }

    fn shows_refused(&self, name: &str) -> bool {
        W::shows_refused(name)
    }

    fn render(&mut self, container: Option<web_sys::Element>) {
        match (&mut self.root, container) {
            (None, Some(c)) => self.root = roots::Root::open(&c, self.props.clone()),
            (Some(root), _) => root.update(self.props.clone()),
            (None, None) => {}
        }
    }

    fn destroy(&mut self) {
        if let Some(root) = self.root.take() {
            root.close();
        }
    }
}

/// One line of the widget list: a widget reached through the contract.
pub struct Entry {
    pub spec: fn() -> &'static Spec,
    pub restore: fn(&Value) -> Option<Value>,
    start: fn(Lang, Callback<Value>) -> Box<dyn Mounted>,
}

fn start<W: Widget + 'static>(lang: Lang, on_emit: Callback<Value>) -> Box<dyn Mounted> {
    Box::new(Instance::<W> {
        props: W::props(lang, on_emit),
        root: None,
    })
}

impl Entry {
    /// The entry of widget `W`.
    pub const fn of<W: Widget + 'static>() -> Entry {
        Entry {
            spec: W::spec,
            restore: W::restore,
            start: start::<W>,
        }
    }

    /// A widget of this kind, not yet rendered: settings may be applied first.
    pub fn start(&self, lang: Lang, on_emit: Callback<Value>) -> Box<dyn Mounted> {
        (self.start)(lang, on_emit)
    }
}
