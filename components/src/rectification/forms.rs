//! The forms under a row or above the table: a status action asking for exactly what
//! its transition needs, and the add/edit form of an item. Both send what was typed to
//! the board, which asks the engine; what the engine refuses comes back as errors
//! naming their fields, and what was typed stays.

use super::board::Change;
use super::{label, LISTS, SOURCES};
use crate::common::{t, today, ErrorItem, ErrorSummary};
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
        let id = format!("{}-f-{key}", p.prefix);
        html! {
            <div class="yj-field">
                <label class="yj-label" for={id.clone()}>{ t(lang, &format!("cl.field.{key}")) }</label>
                <input class="yj-input" id={id} type={kind} value={(**state).clone()} oninput={input(state)}
                       aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                       aria-describedby={p.error.as_ref().map(|_| format!("{}-f-error", p.prefix))} />
            </div>
        }
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
            <h4 id={title_id} tabindex="-1" ref={heading}>{ format!("{}：{}", t(lang, &format!("cl.action.{}", p.action)), p.id) }</h4>
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
                <button type="button" class="yj-button" onclick={on_submit}>{ t(lang, "cl.confirm") }</button>
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
}

/// Add or edit an item: every field of the form the engine checks, an error summary
/// linking to each field, and messages tied to their fields with `aria-describedby`.
/// Label, hint, message and control of one field of the item form; `control` gets the
/// control's id, whether it is invalid and what describes it.
fn field_view(
    p: &ItemFormProps,
    f: &str,
    hint: Option<String>,
    control: &dyn Fn(String, bool, Option<String>) -> Html,
) -> Html {
    let lang = p.lang;
    let id = format!("{}-i-{f}", p.prefix);
    let path = format!("$.{f}");
    let err = p.errors.iter().find(|e| e.path == path);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let err_id = err.map(|_| format!("{id}-error"));
    let described = [hint_id.clone(), err_id.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <div class={classes!("yj-field", err.is_some().then_some("yj-field--error"))}>
            <label class="yj-label" for={id.clone()}>{ t(lang, &format!("checklist.column.{f}")) }</label>
            if let (Some(h), Some(hid)) = (&hint, &hint_id) { <span class="yj-hint" id={hid.clone()}>{ h }</span> }
            if let (Some(e), Some(eid)) = (err, &err_id) {
                <span class="yj-error-message" id={eid.clone()}>
                    <span class="yj-visually-hidden">{ t(lang, "common.error_prefix") }</span>{ e.message(lang) }
                </span>
            }
            { control(id, err.is_some(), (!described.is_empty()).then_some(described)) }
        </div>
    }
}

/// The rule select's options: none, then every rule of the statute table.
fn rule_options(lang: Lang) -> Vec<(String, String)> {
    std::iter::once((String::new(), t(lang, "cl.rule_none")))
        .chain(yaojian::penalty::rule_table().rules.iter().map(|r| {
            let c = r.citation();
            (r.id.clone(), format!("{}（{}）", c.label, r.title))
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
            if cl::INPUT_FIELDS.contains(&f) {
                let label = t(lang, &format!("checklist.column.{f}"));
                ErrorItem {
                    field_id: format!("{}-i-{f}", p.prefix),
                    message: format!("{label}：{}", e.message(lang)),
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
    let field_label = |f: &str| t(lang, &format!("checklist.column.{f}"));
    // Sets one field from an input, textarea or select.
    let set = |apply: fn(&mut ItemInput, String)| {
        let input = input.clone();
        Callback::from(move |e: Event| {
            let mut x = (*input).clone();
            apply(&mut x, crate::common::target_value(&e));
            input.set(x);
        })
    };
    let set_text = |apply: fn(&mut ItemInput, String)| {
        let cb = set(apply);
        Callback::from(move |e: InputEvent| cb.emit(e.into()))
    };
    let field =
        |f: &str, hint: Option<String>, control: &dyn Fn(String, bool, Option<String>) -> Html| {
            field_view(p, f, hint, control)
        };
    let text_input = |f: &str,
                      value: &str,
                      apply: fn(&mut ItemInput, String),
                      hint: Option<String>,
                      extra: Option<String>| {
        let oninput = set_text(apply);
        let value = value.to_string();
        let readonly = f == "id" && p.editing.is_some();
        field(f, hint, &|id, invalid, described| {
            html! {
                <input class="yj-input" type="text" id={id} value={value.clone()} oninput={oninput.clone()} readonly={readonly}
                       aria-invalid={invalid.to_string()} aria-describedby={described} list={extra.clone()} />
            }
        })
    };
    let textarea = |f: &str,
                    value: &str,
                    apply: fn(&mut ItemInput, String),
                    hint: Option<String>| {
        let oninput = set_text(apply);
        let value = value.to_string();
        field(f, hint, &|id, invalid, described| {
            html! {
                <textarea class="yj-input" rows="3" id={id} value={value.clone()} oninput={oninput.clone()}
                          aria-invalid={invalid.to_string()} aria-describedby={described} />
            }
        })
    };
    let select = |f: &str,
                  options: Vec<(String, String)>,
                  selected: String,
                  apply: fn(&mut ItemInput, String)| {
        let onchange = set(apply);
        field(f, None, &|id, invalid, described| {
            html! {
                <select class="yj-select" id={id} onchange={onchange.clone()} aria-invalid={invalid.to_string()} aria-describedby={described}>
                    { for options.iter().map(|(v, text)| html! { <option value={v.clone()} selected={*v == selected}>{ text }</option> }) }
                </select>
            }
        })
    };
    let x = &*input;
    let rules = rule_options(lang);
    let on_mode = |mode: Mode| {
        let input = input.clone();
        Callback::from(move |_: Event| {
            let mut x = (*input).clone();
            x.mode = mode;
            input.set(x);
        })
    };
    let on_save = {
        let (input, save) = (input.clone(), p.on_save.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit((*input).clone());
        })
    };
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
            { text_input("id", &x.id, |x, v| x.id = v, Some(t(lang, if p.editing.is_some() { "cl.id_fixed" } else { "cl.id_hint" })), None) }
            { select("list", LISTS.iter().map(|l| (cl::wire_name(l), label(lang, "list", l))).collect(), cl::wire_name(&x.list),
                |x, v| if let Ok(l) = serde_json::from_value(serde_json::Value::String(v)) { x.list = l }) }
            { select("source", SOURCES.iter().map(|s| (cl::wire_name(s), label(lang, "source", s))).collect(), cl::wire_name(&x.source),
                |x, v| if let Ok(s) = serde_json::from_value(serde_json::Value::String(v)) { x.source = s }) }
            { textarea("problem", &x.problem, |x, v| x.problem = v, None) }
            { text_input("provision", &x.provision, |x, v| x.provision = v, None, None) }
            { select("rule", rules, x.rule.clone(), |x, v| {
                // The rule's citation is the legal basis unless one was typed.
                if x.legal_basis.trim().is_empty() {
                    if let Some(r) = yaojian::penalty::rule_table().get(&v) {
                        x.legal_basis = r.citation().label;
                    }
                }
                x.rule = v;
            }) }
            { text_input("legal_basis", &x.legal_basis, |x, v| x.legal_basis = v, None, None) }
            { textarea("measures", &x.measures, |x, v| x.measures = v, Some(t(lang, "cl.measures_hint"))) }
            { text_input("unit", &x.unit, |x, v| x.unit = v, None, Some(units_id.clone())) }
            <datalist id={units_id}>{ for p.units.iter().map(|u| html! { <option value={u.clone()} /> }) }</datalist>
            { text_input("person", &x.person, |x, v| x.person = v, None, None) }
            <fieldset class="yj-field yj-cl__fieldset">
                <legend class="yj-label">{ field_label("mode") }</legend>
                { for [Mode::Immediate, Mode::Deadline].into_iter().map(|m| {
                    let id = format!("{}-i-mode-{}", p.prefix, cl::wire_name(&m));
                    html! {
                        <div class="yj-checkbox">
                            <input type="radio" id={id.clone()} name={format!("{}-i-mode", p.prefix)} value={cl::wire_name(&m)}
                                   checked={x.mode == m} onchange={on_mode(m)} />
                            <label for={id}>{ label(lang, "mode", &m) }</label>
                        </div>
                    }
                }) }
                if x.mode == Mode::Deadline {
                    <div class="yj-cl__reveal">
                        { field("deadline", Some(t(lang, "cl.deadline_hint")), &|id, invalid, described| html! {
                            <input class="yj-input yj-input--date" type="date" id={id} value={x.deadline.clone()}
                                   oninput={set_text(|x, v| x.deadline = v)} aria-invalid={invalid.to_string()} aria-describedby={described} />
                        }) }
                    </div>
                }
            </fieldset>
            <div class="yj-button-row">
                <button type="submit" class="yj-button" id={format!("{}-i-save", p.prefix)}>{ t(lang, "cl.item_save") }</button>
                <button type="button" class="yj-button yj-button--secondary"
                        onclick={ let c = p.on_cancel.clone(); Callback::from(move |_: MouseEvent| c.emit(())) }>{ t(lang, "cl.cancel") }</button>
            </div>
        </form>
    }
}
