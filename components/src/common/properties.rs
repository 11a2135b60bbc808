//! Settings and properties more than one widget takes (a form template for the
//! self-inspection and the summary, a benchmark for the calculator and the checker),
//! and the template view they share.

use super::t;
use crate::contract::{self, Property, Setting};
use serde_json::Value;
use std::rc::Rc;
use yaojian::form::{self as engine, Template};
use yaojian::penalty::Benchmark;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// The `template-id` setting, of every form-template widget.
pub const TEMPLATE_ID: Setting = Setting {
    name: "template-id",
    values: "`representative-personal` (default), `mah-representative-management`; with `endpoint`, the id of any template published on the server",
    effect: "which template: a built-in one, or with `endpoint` (set before it) the latest version the server has published under that id, such as a form written in `<yj-form-builder>`",
};

/// The `template` property, of every form-template widget.
pub const TEMPLATE: Property = Property {
    name: "template",
    meaning: "a self-inspection template ([schema](../schemas/form.schema.json)) in place of the built-in ones; `null` returns to them. A malformed one shows an error panel naming each JSON path (also fetched from the `template-src` attribute)",
    text: false,
};

/// A `template-id` setting: the id of a built-in form template, or none; for a widget
/// that reads its template from a server (`published`), the id of any template the
/// server may have published.
pub fn form_template_id(
    name: &str,
    id: Option<&str>,
    published: bool,
) -> Result<Option<AttrValue>, FieldError> {
    match id {
        Some(id) if published && yaojian::form::template::valid_template_id(id) => {
            Ok(Some(AttrValue::from(id.to_string())))
        }
        Some(id) if !engine::is_built_in(id) => {
            Err(FieldError::new(name, "requirements.no_template").with("name", id))
        }
        id => Ok(id.map(|id| AttrValue::from(id.to_string()))),
    }
}

/// A `template` property: `null` clears it; a bad one is kept as errors, which the
/// widget shows in a panel naming each JSON path, and returned so the host hears of
/// them too.
pub fn template_property(
    parsed: Value,
    template: &mut Option<Rc<Template>>,
    errors: &mut Option<Rc<Vec<FieldError>>>,
) -> Result<(), Vec<FieldError>> {
    *template = None;
    *errors = None;
    if !parsed.is_null() {
        let t =
            Template::from_value(parsed).inspect_err(|e| *errors = Some(Rc::new(e.to_vec())))?;
        *template = Some(Rc::new(t));
    }
    Ok(())
}

/// A `benchmark` property: `null` returns to the default.
pub fn benchmark_property(json: &str) -> Result<Option<Rc<Benchmark>>, Vec<FieldError>> {
    match contract::parse_property(json)? {
        Value::Null => Ok(None),
        v => Ok(Some(Rc::new(Benchmark::from_value(v, "$")?))),
    }
}

/// The template a widget shows ([`use_template`]).
pub struct ShownTemplate {
    /// The host's template, else the built-in one; `None` while that one's file is on
    /// its way.
    pub template: Rc<Option<Rc<Template>>>,
    /// Whether the built-in template is needed and its file is not here yet (asked for).
    pub on_its_way: bool,
}

/// The template a widget shows, recomputed only when the host gives another one or the
/// built-in one's file arrives: compared by pointer, not by walking every question on
/// every render. A built-in template not fetched yet is asked for (`data.wanted`, through
/// `on_emit`) while it is `needed` (not while the server's copy is shown), and is `None`
/// until it is here.
#[hook]
pub fn use_template(
    template: Option<Rc<Template>>,
    id: Option<AttrValue>,
    needed: bool,
    on_emit: &Callback<Value>,
) -> ShownTemplate {
    let wanted = match template {
        None if needed => engine::files_wanted([engine::chosen_id(id.as_deref())]),
        _ => Vec::new(),
    };
    // A built-in template grows when a language switch brings its texts in that
    // language (`yaojian::data::generation`): read it again then.
    let key = (
        template.as_ref().map(|t| Rc::as_ptr(t) as usize),
        id.clone(),
        wanted.is_empty(),
        yaojian::data::generation(),
    );
    let on_its_way = !wanted.is_empty();
    crate::common::data::use_data_wanted(wanted, on_emit);
    let template = use_memo(key, move |_| template_of(&template, id.as_deref()));
    ShownTemplate {
        template,
        on_its_way,
    }
}

/// The host's template, else the built-in `id` (by default the engine's,
/// [`engine::chosen_id`]); `None` while that one's file is on its way.
pub fn template_of(template: &Option<Rc<Template>>, id: Option<&str>) -> Option<Rc<Template>> {
    match template {
        Some(t) => Some(t.clone()),
        None => engine::built_in(engine::chosen_id(id)).map(Rc::new),
    }
}

/// Whether the template a host's value is checked against is a built-in one whose file
/// is not here yet (a widget's render reads [`ShownTemplate::on_its_way`]).
pub fn template_on_its_way(template: &Option<Rc<Template>>, id: Option<&str>) -> bool {
    template.is_none() && !engine::files_wanted([engine::chosen_id(id)]).is_empty()
}

/// Runs `check` on the host's `value` once its template is here (`ready`): a value
/// taken before then (its template's file on its way) is checked late, each value once,
/// not again when the template changes later on (which would bring it back over what was
/// typed since).
#[hook]
pub fn use_late_check<F>(value: Option<Rc<Value>>, ready: bool, check: F)
where
    F: FnOnce(&Rc<Value>) + 'static,
{
    let checked = use_mut_ref(|| None::<Rc<Value>>);
    use_effect_with((value, ready), move |(value, ready)| {
        let Some(v) = value.as_ref().filter(|_| *ready) else {
            return;
        };
        if checked.borrow().as_ref().is_some_and(|c| Rc::ptr_eq(c, v)) {
            return;
        }
        *checked.borrow_mut() = Some(v.clone());
        check(v);
    });
}

pub fn template_error_panel(errs: &[FieldError], lang: Lang) -> Html {
    html! {
        <div class="yj-error-summary" role="alert">
            <h2 class="yj-error-summary__title">{ t(lang, "common.template_invalid") }</h2>
            <ul class="yj-si__template-errors">
                { for errs.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message(lang) }</li> }) }
            </ul>
        </div>
    }
}
