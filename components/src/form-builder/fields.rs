//! What every part of the editor shares: the context (language, document, errors,
//! dispatcher) and the text field, its error (the engine's) beside it.

use super::{field_suffix, Msg, State};
use crate::common::error_message;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::rc::Rc;
use yaojian::form::builder::Edit;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// What every part of the editor needs.
pub struct Ctx {
    pub lang: Lang,
    /// The document being edited.
    pub doc: Rc<Value>,
    pub prefix: Rc<String>,
    /// The first error at each field, by the field's id suffix ([`field_suffix`]).
    pub errors: Rc<HashMap<String, FieldError>>,
    pub d: UseReducerDispatcher<State>,
}

impl Ctx {
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.prefix)
    }

    /// The first error shown at the field `suffix`.
    pub fn error(&self, suffix: &str) -> Option<String> {
        self.errors.get(suffix).map(|e| e.message(self.lang))
    }

    pub fn edit(&self, e: Edit) -> Callback<MouseEvent> {
        let d = self.d.clone();
        let e = Rc::new(e);
        Callback::from(move |_| d.dispatch(Msg::Edit((*e).clone())))
    }
}

/// A text field of the document: where it is, what it is called, and how it is kept.
#[derive(Clone)]
pub struct TextField {
    suffix: String,
    label: String,
    path: String,
    /// A text in several languages: the input edits its zh-CN text, the others are kept.
    i18n: bool,
    /// Blank removes the field.
    optional: bool,
}

impl TextField {
    pub fn plain(suffix: String, label: String, path: String) -> TextField {
        TextField { suffix, label, path, i18n: false, optional: false }
    }

    pub fn i18n(suffix: String, label: String, path: String) -> TextField {
        TextField { i18n: true, ..TextField::plain(suffix, label, path) }
    }

    pub fn optional(self) -> TextField {
        TextField { optional: true, ..self }
    }

    /// What the field becomes when `typed` is in the input and `current` was there.
    fn value(&self, current: &Value, typed: String) -> Value {
        let blank = typed.trim().is_empty();
        if !self.i18n {
            return if blank && self.optional { Value::Null } else { Value::String(typed) };
        }
        let mut m = match current {
            Value::Object(m) => m.clone(),
            _ => Map::new(),
        };
        m.insert("zh-CN".into(), Value::String(typed));
        let others = m.iter().any(|(k, v)| k != "zh-CN" && v.as_str().is_some_and(|s| !s.trim().is_empty()));
        if blank && self.optional && !others {
            Value::Null
        } else {
            Value::Object(m)
        }
    }
}

/// A text input for `field`, its error (the engine's) beside it.
pub fn text_input(ctx: &Ctx, field: &TextField, current: &Value) -> Html {
    let id = ctx.id(&field.suffix);
    let error = ctx.error(&field.suffix);
    let value = if field.i18n {
        current.get("zh-CN").and_then(Value::as_str).or(current.as_str()).unwrap_or_default().to_string()
    } else {
        current.as_str().unwrap_or_default().to_string()
    };
    let oninput = {
        let (d, current, f) = (ctx.d.clone(), current.clone(), Rc::new(field.clone()));
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            d.dispatch(Msg::Edit(Edit::Set { path: f.path.clone(), value: f.value(&current, v) }));
        })
    };
    let error_id = error.as_ref().map(|_| format!("{id}-error"));
    html! {
        <div class={classes!("yj-field", error.is_some().then_some("yj-field--error"))}>
            <label class="yj-label" for={id.clone()}>{ field.label.clone() }</label>
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, ctx.lang) } }
            <input type="text" class="yj-input" id={id} {value} {oninput}
                   aria-invalid={error.is_some().then_some("true")} aria-describedby={error_id} />
        </div>
    }
}


/// The first error at each field, by the field's id suffix: worked out once per change,
/// not once per field drawn.
pub fn errors_by_field(errors: &[FieldError]) -> HashMap<String, FieldError> {
    let mut by_field = HashMap::new();
    for e in errors {
        by_field.entry(field_suffix(&e.path)).or_insert_with(|| e.clone());
    }
    by_field
}
