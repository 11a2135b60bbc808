//! The forms under a row or above the table: a status action asking for exactly what
//! its transition needs, and the add/edit form of an item. Both send what was typed to
//! the board, which asks the engine; what the engine refuses comes back as errors
//! naming their fields, and what was typed stays.

use super::board::Change;
use super::{label, LISTS, SOURCES};
use crate::common::{t, today, ErrorItem, ErrorSummary, Field};
use std::rc::Rc;
use yaojian::checklist::{
    self as cl, Action, CloseOut, Conclusion, Evidence, ItemInput, Mode, Reinspection,
};
use yaojian::date::parse_date;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct ActionFormProps {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget.
    pub prefix: String,
    pub id: String,
    pub action: &'static str,
    pub error: Option<FieldError>,
    pub change: Callback<Change>,
    pub on_cancel: Callback<()>,
    /// The change is on its way to the server: confirming again sends nothing.
    #[prop_or_default]
    pub saving: bool,
}

/// Asks for exactly what the transition needs, then sends it to the engine.
#[function_component(ActionForm)]
pub(super) fn action_form(p: &ActionFormProps) -> Html {
    let lang = p.lang;
    let date = use_state(|| yaojian::date::format_date(today()));
    let text = use_state(String::new);
    let person = use_state(String::new);
    let conclusion = use_state(|| "corrected".to_string());
    let note = use_state(String::new);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let input = crate::common::bind_text;
    let field = |key: &str, kind: &'static str, state: &UseStateHandle<String>| {
        // The form's one error (below) describes every field.
        let f = Field::new(format!("{}-f-{key}", p.prefix), t(lang, &format!("cl.field.{key}")));
        f.view(lang, html! {
            <input class="yj-input" id={f.id.clone()} type={kind} value={(**state).clone()} oninput={input(state)}
                   aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                   aria-describedby={p.error.as_ref().map(|_| format!("{}-f-error", p.prefix))} />
        })
    };
    let on_submit = {
        let (date, text, person, conclusion, note) = (
            date.clone(),
            text.clone(),
            person.clone(),
            conclusion.clone(),
            note.clone(),
        );
        let change = p.change.clone();
        let id = p.id.clone();
        let action_name = p.action;
        Callback::from(move |_: MouseEvent| {
            let day = parse_date(&date).unwrap_or_else(|_| today());
            let action = match action_name {
                "start" => Action::Start,
                "report" => Action::Report {
                    evidence: vec![Evidence {
                        date: day,
                        text: (*text).clone(),
                        file: None,
                    }],
                },
                "reinspect" => Action::Reinspect(Reinspection {
                    date: day,
                    inspector: (*person).clone(),
                    conclusion: match conclusion.as_str() {
                        "partly_corrected" => Conclusion::PartlyCorrected,
                        "not_corrected" => Conclusion::NotCorrected,
                        _ => Conclusion::Corrected,
                    },
                    notes: (*note).clone(),
                }),
                _ => Action::CloseOut(CloseOut {
                    approver: (*person).clone(),
                    date: day,
                }),
            };
            change.emit(Change::Transition(id.clone(), action, (*note).clone()));
        })
    };
    let on_conclusion = {
        let conclusion = conclusion.clone();
        Callback::from(move |e: Event| {
            conclusion.set(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
        })
    };
    let title_id = format!("{}-form-title", p.prefix);
    html! {
        <div class="yj-cl__form" role="group" aria-labelledby={title_id.clone()}>
            <h4 id={title_id} tabindex="-1" ref={heading}>{ format!("{}{}{}", t(lang, &format!("cl.action.{}", p.action)), yaojian::i18n::label_separator(lang), p.id) }</h4>
            if let Some(e) = &p.error {
                <p class="yj-error-message" id={format!("{}-f-error", p.prefix)} role="alert">{ e.message(lang) }</p>
            }
            if p.action != "start" { { field("date", "date", &date) } }
            if p.action == "report" { { field("evidence", "text", &text) } }
            if p.action == "reinspect" {
                { field("inspector", "text", &person) }
                <div class="yj-field">
                    <label class="yj-label" for={format!("{}-f-conclusion", p.prefix)}>{ t(lang, "cl.field.conclusion") }</label>
                    <select class="yj-select" id={format!("{}-f-conclusion", p.prefix)} onchange={on_conclusion}>
                        { for ["corrected", "partly_corrected", "not_corrected"].iter().map(|c| html! {
                            <option value={*c} selected={conclusion.as_str() == *c}>{ t(lang, &format!("cl.conclusion.{c}")) }</option>
                        }) }
                    </select>
                </div>
            }
            if p.action == "close_out" { { field("approver", "text", &person) } }
            { field("note", "text", &note) }
            <div class="yj-button-row">
                <button type="button" class="yj-button" onclick={on_submit} disabled={p.saving}>{ t(lang, "cl.confirm") }</button>
                <button type="button" class="yj-button yj-button--secondary" onclick={ let c = p.on_cancel.clone(); Callback::from(move |_: MouseEvent| c.emit(())) }>{ t(lang, "cl.cancel") }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ItemFormProps {
    pub lang: Lang,
    pub prefix: String,
    /// The id of the item being edited; none for a new item.
    pub editing: Option<String>,
    /// What the form starts with.
    pub initial: Rc<ItemInput>,
    /// The engine's errors for the last save, each naming its field (`$.problem`, …).
    pub errors: Rc<Vec<FieldError>>,
    /// Moves with every refused save, so the error summary takes focus again.
    pub submits: u32,
    /// Units already in the list, offered as suggestions.
    pub units: Rc<Vec<String>>,
    pub on_save: Callback<ItemInput>,
    pub on_cancel: Callback<()>,
    /// A new item on the server: the form also asks for the enterprise's 统一社会信用代码
    /// and saves through this instead of `on_save`.
    #[prop_or_default]
    pub on_add_on_server: Option<Callback<(ItemInput, String)>>,
}

/// Add or edit an item: every field of the form the engine checks, an error summary
/// linking to each field, and messages tied to their fields with `aria-describedby`.
/// Label, hint, message and control of one field of the item form; `control` gets the
/// field, for its id, `aria-invalid` and `aria-describedby`.
fn field_view(p: &ItemFormProps, f: &str, hint: Option<String>, control: &dyn Fn(&Field) -> Html) -> Html {
    let path = format!("$.{f}");
    let error = p.errors.iter().find(|e| e.path == path).map(|e| e.message(p.lang));
    let field = Field::new(format!("{}-i-{f}", p.prefix), t(p.lang, &format!("checklist.column.{f}")))
        .hint(hint)
        .error(error);
    field.view(p.lang, control(&field))
}

/// The rule select's options: none, then every rule of the statute table.
fn rule_options(lang: Lang) -> Vec<(String, String)> {
    std::iter::once((String::new(), t(lang, "cl.rule_none")))
        .chain(yaojian::penalty::rule_table().rules.iter().map(|r| {
            let (c, title) = (r.citation(), yaojian::penalty::translations::in_lang(&r.title, lang));
            (r.id.clone(), format!("{}{}", c.label_in(lang), yaojian::i18n::bracketed(&title, lang)))
        }))
        .collect()
}

/// The error summary's lines. Each error links to its field; one about no field of the
/// form (an item closed meanwhile) links to the form's heading. A deadline no longer
/// asked for is no error.
fn summary_items(p: &ItemFormProps, mode: Mode) -> Vec<ErrorItem> {
    let lang = p.lang;
    p.errors
        .iter()
        .filter(|e| !(e.path == "$.deadline" && mode == Mode::Immediate))
        .map(|e| {
            let f = e.path.trim_start_matches("$.");
            if cl::INPUT_FIELDS.contains(&f) || f == "org" {
                let label = t(lang, &format!("checklist.column.{f}"));
                ErrorItem {
                    field_id: format!("{}-i-{f}", p.prefix),
                    message: format!("{label}{}{}", yaojian::i18n::label_separator(lang), e.message(lang)),
                }
            } else {
                ErrorItem {
                    field_id: format!("{}-i-title", p.prefix),
                    message: e.message(lang),
                }
            }
        })
        .collect()
}

/// The controls of the item form, each bound to one field of the `ItemInput` as typed.
struct ItemControls<'a> {
    p: &'a ItemFormProps,
    input: UseStateHandle<ItemInput>,
}

/// Writes what was typed into one field of the item.
type Apply = fn(&mut ItemInput, String);

impl ItemControls<'_> {
    /// Sets one field from an input, textarea or select.
    fn set(&self, apply: Apply) -> Callback<Event> {
        let input = self.input.clone();
        Callback::from(move |e: Event| {
            let mut x = (*input).clone();
            apply(&mut x, crate::common::target_value(&e));
            input.set(x);
        })
    }

    fn set_text(&self, apply: Apply) -> Callback<InputEvent> {
        let cb = self.set(apply);
        Callback::from(move |e: InputEvent| cb.emit(e.into()))
    }

    fn text_input(&self, f: &str, value: &str, apply: Apply, hint: Option<String>, list: Option<String>) -> Html {
        let oninput = self.set_text(apply);
        let readonly = f == "id" && self.p.editing.is_some();
        field_view(self.p, f, hint, &|fd: &Field| html! {
            <input class="yj-input" type="text" id={fd.id.clone()} value={value.to_string()} oninput={oninput.clone()} {readonly}
                   aria-invalid={fd.aria_invalid()} aria-describedby={fd.described_by()} list={list.clone()} />
        })
    }

    fn textarea(&self, f: &str, value: &str, apply: Apply, hint: Option<String>) -> Html {
        let oninput = self.set_text(apply);
        field_view(self.p, f, hint, &|fd: &Field| html! {
            <textarea class="yj-input" rows="3" id={fd.id.clone()} value={value.to_string()} oninput={oninput.clone()}
                      aria-invalid={fd.aria_invalid()} aria-describedby={fd.described_by()} />
        })
    }

    fn select(&self, f: &str, options: Vec<(String, String)>, selected: String, apply: Apply) -> Html {
        let onchange = self.set(apply);
        field_view(self.p, f, None, &|fd: &Field| html! {
            <select class="yj-select" id={fd.id.clone()} onchange={onchange.clone()} aria-invalid={fd.aria_invalid()} aria-describedby={fd.described_by()}>
                { for options.iter().map(|(v, text)| html! { <option value={v.clone()} selected={*v == selected}>{ text }</option> }) }
            </select>
        })
    }

    /// Immediate or by a deadline; the deadline's field when by a deadline.
    fn mode_fieldset(&self) -> Html {
        let (p, lang, x) = (self.p, self.p.lang, &*self.input);
        let on_mode = |mode: Mode| {
            let input = self.input.clone();
            Callback::from(move |_: Event| {
                let mut x = (*input).clone();
                x.mode = mode;
                input.set(x);
            })
        };
        html! {
            <fieldset class="yj-field yj-cl__fieldset">
                <legend class="yj-label">{ t(lang, "checklist.column.mode") }</legend>
                { for [Mode::Immediate, Mode::Deadline].into_iter().map(|m| {
                    let id = format!("{}-i-mode-{}", p.prefix, cl::wire_name(&m));
                    html! {
                        <div class="yj-checkbox">
                            <input type="radio" id={id.clone()} name={format!("{}-i-mode", p.prefix)} value={cl::wire_name(&m)}
                                   checked={x.mode == m} onchange={on_mode(m)} />
                            <label for={id}>{ label(lang, "checklist.mode.", &m) }</label>
                        </div>
                    }
                }) }
                if x.mode == Mode::Deadline {
                    <div class="yj-cl__reveal">
                        { field_view(p, "deadline", Some(t(lang, "cl.deadline_hint")), &|fd: &Field| html! {
                            <input class="yj-input yj-input--date" type="date" id={fd.id.clone()} value={x.deadline.clone()}
                                   oninput={self.set_text(|x, v| x.deadline = v)} aria-invalid={fd.aria_invalid()} aria-describedby={fd.described_by()} />
                        }) }
                    </div>
                }
            </fieldset>
        }
    }
}

#[function_component(ItemForm)]
pub(super) fn item_form(p: &ItemFormProps) -> Html {
    let lang = p.lang;
    let input = use_state(|| (*p.initial).clone());
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let c = ItemControls {
        p,
        input: input.clone(),
    };
    let x = &*input;
    let rules = rule_options(lang);
    let org = use_state(String::new);
    let on_save = {
        let (input, save, org) = (input.clone(), p.on_save.clone(), org.clone());
        let on_server = p.on_add_on_server.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match &on_server {
                Some(add) => add.emit(((*input).clone(), (*org).clone())),
                None => save.emit((*input).clone()),
            }
        })
    };
    let org_field = p.on_add_on_server.is_some().then(|| {
        let oninput = crate::common::bind_text(&org);
        field_view(p, "org", Some(t(lang, "cl.org_hint")), &|fd: &Field| html! {
            <input class="yj-input" type="text" id={fd.id.clone()} value={(*org).clone()} oninput={oninput.clone()}
                   aria-invalid={fd.aria_invalid()} aria-describedby={fd.described_by()} />
        })
    });
    let errors = summary_items(p, x.mode);
    let title_id = format!("{}-i-title", p.prefix);
    let title = match &p.editing {
        Some(id) => crate::common::tf(lang, "cl.item_edit", &[("id", id)]),
        None => t(lang, "cl.item_add"),
    };
    let units_id = format!("{}-i-units", p.prefix);
    html! {
        <form class="yj-cl__form yj-cl__item-form" aria-labelledby={title_id.clone()} novalidate=true onsubmit={on_save}>
            <h4 id={title_id} tabindex="-1" ref={heading}>{ title }</h4>
            <ErrorSummary id={format!("{}-i-errors", p.prefix)} title={t(lang, "cl.item_errors")} {errors} focus_token={p.submits} />
            { org_field.unwrap_or_default() }
            { c.text_input("id", &x.id, |x, v| x.id = v, Some(t(lang, if p.editing.is_some() { "cl.id_fixed" } else { "cl.id_hint" })), None) }
            { c.select("list", LISTS.iter().map(|l| (cl::wire_name(l), label(lang, "checklist.list.", l))).collect(), cl::wire_name(&x.list),
                |x, v| if let Some(l) = cl::read::named(&cl::read::LIST_KINDS, &v) { x.list = l }) }
            { c.select("source", SOURCES.iter().map(|s| (cl::wire_name(s), label(lang, "checklist.source.", s))).collect(), cl::wire_name(&x.source),
                |x, v| if let Some(s) = cl::read::named(&cl::read::SOURCES, &v) { x.source = s }) }
            { c.textarea("problem", &x.problem, |x, v| x.problem = v, None) }
            { c.text_input("provision", &x.provision, |x, v| x.provision = v, None, None) }
            { c.select("rule", rules, x.rule.clone(), |x, v| {
                // The rule's citation is the legal basis unless one was typed.
                if x.legal_basis.trim().is_empty() {
                    if let Some(r) = yaojian::penalty::rule_table().get(&v) {
                        x.legal_basis = r.citation().label;
                    }
                }
                x.rule = v;
            }) }
            { c.text_input("legal_basis", &x.legal_basis, |x, v| x.legal_basis = v, None, None) }
            { c.textarea("measures", &x.measures, |x, v| x.measures = v, Some(t(lang, "cl.measures_hint"))) }
            { c.text_input("unit", &x.unit, |x, v| x.unit = v, None, Some(units_id.clone())) }
            <datalist id={units_id}>{ for p.units.iter().map(|u| html! { <option value={u.clone()} /> }) }</datalist>
            { c.text_input("person", &x.person, |x, v| x.person = v, None, None) }
            { c.mode_fieldset() }
            <div class="yj-button-row">
                <button type="submit" class="yj-button" id={format!("{}-i-save", p.prefix)}>{ t(lang, "cl.item_save") }</button>
                <button type="button" class="yj-button yj-button--secondary"
                        onclick={ let c = p.on_cancel.clone(); Callback::from(move |_: MouseEvent| c.emit(())) }>{ t(lang, "cl.cancel") }</button>
            </div>
        </form>
    }
}
