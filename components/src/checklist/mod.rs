//! 整改清单 widget: the list with counts and a progress bar, filters and search, each
//! item's deadline in text as well as colour, and status actions that ask for exactly
//! what the transition needs. The engine (`yaojian::checklist`) decides every
//! transition, flag and count; this file only renders and sends actions.

use crate::common::{now_cst_timestamp, t, tf, today, use_host_value};
use serde_json::{json, Value};
use std::rc::Rc;
use yaojian::checklist::{
    self as cl, Action, CloseOut, Conclusion, Evidence, Item, ItemList, Reinspection, Status,
};
use yaojian::date::{parse_date, Date, DeadlineState};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// The sample list the demo starts from (labelled sample in the UI).
pub const SAMPLE: &str = include_str!("examples/sample.json");

#[derive(Properties, PartialEq, Clone)]
pub struct ChecklistProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A list in the `yaojian/checklist/1` format; without it the sample list is shown.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
    /// The day deadlines are judged on (default: today in China Standard Time).
    #[prop_or_default]
    pub today: Option<Date>,
}

#[derive(Clone, PartialEq, Default)]
struct Filters {
    status: String,
    list: String,
    overdue_only: bool,
    search: String,
}

/// The action form that is open: item id and action name.
#[derive(Clone, PartialEq)]
struct Open {
    id: String,
    action: &'static str,
}

fn load(v: Option<&Value>) -> (ItemList, bool) {
    match v {
        Some(v) => (
            ItemList::from_json(&v.to_string()).unwrap_or(ItemList {
                schema: cl::SCHEMA.into(),
                items: vec![],
            }),
            false,
        ),
        None => (
            ItemList::from_json(SAMPLE).unwrap_or(ItemList {
                schema: cl::SCHEMA.into(),
                items: vec![],
            }),
            true,
        ),
    }
}

fn label<T: serde::Serialize>(lang: Lang, prefix: &str, v: &T) -> String {
    t(lang, &format!("checklist.{prefix}.{}", cl::wire_name(v)))
}

#[function_component(ChecklistBoard)]
pub fn checklist_board(props: &ChecklistProps) -> Html {
    let lang = props.lang;
    let today = props.today.unwrap_or_else(today);
    let list = {
        let v = props.value.clone();
        use_state(move || load(v.as_deref()).0)
    };
    let sample = props.value.is_none();
    {
        let list = list.clone();
        use_host_value(props.value.clone(), move |v| list.set(load(Some(v)).0));
    }
    let filters = use_state(Filters::default);
    let open = use_state(|| None::<Open>);
    let error = use_state(|| None::<FieldError>);
    let announce = use_state(String::new);

    let report = cl::report(&list, today, 7, lang);
    {
        let on_emit = props.on_emit.clone();
        let v = serde_json::to_value(&*list).unwrap_or(Value::Null);
        use_effect_with(v.clone(), move |_| {
            on_emit.emit(json!({ "type": "checklist.change", "list": v }))
        });
    }

    let apply = {
        let list = list.clone();
        let open = open.clone();
        let error = error.clone();
        let announce = announce.clone();
        Callback::from(move |(id, action, note): (String, Action, String)| {
            let mut next = (*list).clone();
            let Some(item) = next.items.iter_mut().find(|i| i.id == id) else {
                return;
            };
            match item.apply(action, &t(lang, "cl.actor"), &now_cst_timestamp(), &note) {
                Ok(status) => {
                    announce.set(tf(
                        lang,
                        "cl.done",
                        &[("id", &id), ("status", &label(lang, "status", &status))],
                    ));
                    list.set(next);
                    open.set(None);
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };

    let f = (*filters).clone();
    let visible: Vec<&Item> = {
        let mut v: Vec<&Item> = list
            .items
            .iter()
            .filter(|i| f.status.is_empty() || cl::wire_name(&i.status) == f.status)
            .filter(|i| f.list.is_empty() || cl::wire_name(&i.list) == f.list)
            .filter(|i| !f.overdue_only || i.is_overdue(today))
            .filter(|i| {
                let q = f.search.trim();
                q.is_empty()
                    || [&i.id, &i.problem, &i.unit, &i.person, &i.provision]
                        .iter()
                        .any(|s| s.contains(q))
            })
            .collect();
        // By deadline, items without one last.
        v.sort_by_key(|i| (i.deadline.is_none(), i.deadline));
        v
    };

    let set_filter = |field: &'static str| {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let mut x = (*filters).clone();
            let target = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            match field {
                "status" => x.status = target.value(),
                "list" => x.list = target.value(),
                "overdue" => x.overdue_only = target.checked(),
                _ => x.search = target.value(),
            }
            filters.set(x);
        })
    };
    let on_search = {
        let filters = filters.clone();
        Callback::from(move |e: InputEvent| {
            let mut x = (*filters).clone();
            x.search = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            filters.set(x);
        })
    };

    let c = report.counts;
    html! {
        <div class="yj-widget yj-cl" lang={lang.tag()}>
            if sample { <p><span class="yj-sample-notice">{ t(lang, "cl.sample") }</span></p> }
            <section class="yj-cl__summary" aria-labelledby="yj-cl-summary-title">
                <h3 id="yj-cl-summary-title" class="yj-cl__legend">{ t(lang, "cl.progress") }</h3>
                <p data-testid="cl-summary">{ &report.summary }</p>
                <label for="yj-cl-progress">{ tf(lang, "cl.closed_of", &[("closed", &c.closed.to_string()), ("total", &c.items.to_string())]) }</label>
                <progress id="yj-cl-progress" max={c.items.max(1).to_string()} value={c.closed.to_string()}></progress>
                <p data-testid="cl-flags">{ tf(lang, "cl.flags", &[("overdue", &c.overdue.to_string()), ("soon", &c.due_soon.to_string())]) }</p>
            </section>
            <fieldset class="yj-cl__filters yj-no-print">
                <legend class="yj-cl__legend">{ t(lang, "cl.filters") }</legend>
                <div class="yj-field">
                    <label class="yj-label" for="yj-cl-search">{ t(lang, "cl.search") }</label>
                    <input class="yj-input" id="yj-cl-search" type="search" value={f.search.clone()} oninput={on_search} />
                </div>
                <div class="yj-field">
                    <label class="yj-label" for="yj-cl-status">{ t(lang, "checklist.column.status") }</label>
                    <select class="yj-select" id="yj-cl-status" onchange={set_filter("status")}>
                        <option value="" selected={f.status.is_empty()}>{ t(lang, "cl.all") }</option>
                        { for [Status::Pending, Status::InProgress, Status::AwaitingReinspection, Status::Closed].iter().map(|s| {
                            let v = cl::wire_name(s);
                            html! { <option value={v.clone()} selected={f.status == v}>{ label(lang, "status", s) }</option> }
                        }) }
                    </select>
                </div>
                <div class="yj-field">
                    <label class="yj-label" for="yj-cl-list">{ t(lang, "checklist.column.list") }</label>
                    <select class="yj-select" id="yj-cl-list" onchange={set_filter("list")}>
                        <option value="" selected={f.list.is_empty()}>{ t(lang, "cl.all") }</option>
                        { for ["risk_hazard", "problem_lead", "rectification"].iter().map(|k| html! {
                            <option value={*k} selected={f.list == *k}>{ t(lang, &format!("checklist.list.{k}")) }</option>
                        }) }
                    </select>
                </div>
                <div class="yj-checkbox">
                    <input type="checkbox" id="yj-cl-overdue" checked={f.overdue_only} onchange={set_filter("overdue")} />
                    <label for="yj-cl-overdue">{ t(lang, "cl.overdue_only") }</label>
                </div>
            </fieldset>
            <p class="yj-visually-hidden" role="status">{ (*announce).clone() }</p>
            <table class="yj-cl__table" data-testid="cl-table">
                <caption>{ tf(lang, "cl.caption", &[("n", &visible.len().to_string()), ("total", &c.items.to_string())]) }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "checklist.column.id") }</th>
                    <th scope="col">{ t(lang, "checklist.column.problem") }</th>
                    <th scope="col">{ t(lang, "cl.owner") }</th>
                    <th scope="col">{ t(lang, "checklist.column.deadline") }</th>
                    <th scope="col">{ t(lang, "checklist.column.status") }</th>
                    <th scope="col" class="yj-no-print">{ t(lang, "cl.actions") }</th>
                </tr></thead>
                <tbody>
                    { for visible.iter().map(|i| row(i, lang, today, &open, &error, apply.clone())) }
                </tbody>
            </table>
        </div>
    }
}

fn deadline_text(i: &Item, lang: Lang, today: Date) -> (String, &'static str) {
    match i.deadline_state(today, 7) {
        Some(DeadlineState::Overdue { days }) => (
            tf(lang, "cl.overdue_days", &[("days", &days.to_string())]),
            "is-overdue",
        ),
        Some(DeadlineState::DueSoon { days }) => (
            tf(lang, "cl.due_in", &[("days", &days.to_string())]),
            "is-soon",
        ),
        _ => (String::new(), ""),
    }
}

fn actions_for(status: Status) -> &'static [&'static str] {
    match status {
        Status::Pending => &["start"],
        Status::InProgress => &["report"],
        Status::AwaitingReinspection => &["reinspect", "close_out"],
        Status::Closed => &[],
    }
}

fn row(
    i: &Item,
    lang: Lang,
    today: Date,
    open: &UseStateHandle<Option<Open>>,
    error: &UseStateHandle<Option<FieldError>>,
    apply: Callback<(String, Action, String)>,
) -> Html {
    let (deadline_note, class) = deadline_text(i, lang, today);
    let is_open = open.as_ref().filter(|o| o.id == i.id).cloned();
    let buttons = actions_for(i.status).iter().map(|a| {
        let open = open.clone();
        let error = error.clone();
        let id = i.id.clone();
        let action = *a;
        let onclick = Callback::from(move |_: MouseEvent| {
            error.set(None);
            open.set(Some(Open {
                id: id.clone(),
                action,
            }));
        });
        html! {
            <button type="button" class="yj-button yj-button--secondary yj-cl__action" {onclick}
                    aria-label={format!("{} {}", t(lang, &format!("cl.action.{a}")), i.id)}>
                { t(lang, &format!("cl.action.{a}")) }
            </button>
        }
    });
    html! {
        <>
            <tr class={classes!("yj-cl__row", (!class.is_empty()).then_some(class))}>
                <th scope="row">{ &i.id }</th>
                <td>{ &i.problem }<span class="yj-hint yj-cl__sub">{ format!("{} · {}", label(lang, "list", &i.list), label(lang, "source", &i.source)) }</span></td>
                <td>{ &i.unit }<span class="yj-hint yj-cl__sub">{ &i.person }</span></td>
                <td>
                    { i.deadline.map(yaojian::date::format_date).unwrap_or_else(|| label(lang, "mode", &i.mode)) }
                    if !deadline_note.is_empty() { <span class="yj-cl__flag">{ deadline_note }</span> }
                </td>
                <td data-testid={format!("cl-status-{}", i.id)}>{ label(lang, "status", &i.status) }</td>
                <td class="yj-no-print">{ for buttons }</td>
            </tr>
            if let Some(o) = is_open {
                <tr class="yj-cl__form-row"><td colspan="6">
                    <ActionForm lang={lang} id={i.id.clone()} action={o.action} error={(**error).clone()} apply={apply.clone()}
                        on_cancel={ let open = open.clone(); Callback::from(move |_| open.set(None)) } />
                </td></tr>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ActionFormProps {
    lang: Lang,
    id: String,
    action: &'static str,
    error: Option<FieldError>,
    apply: Callback<(String, Action, String)>,
    on_cancel: Callback<()>,
}

/// Asks for exactly what the transition needs, then sends it to the engine.
#[function_component(ActionForm)]
fn action_form(p: &ActionFormProps) -> Html {
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
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let field = |key: &str, kind: &'static str, state: &UseStateHandle<String>| {
        let id = format!("yj-cl-f-{key}");
        html! {
            <div class="yj-field">
                <label class="yj-label" for={id.clone()}>{ t(lang, &format!("cl.field.{key}")) }</label>
                <input class="yj-input" id={id} type={kind} value={(**state).clone()} oninput={input(state)}
                       aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                       aria-describedby={p.error.as_ref().map(|_| "yj-cl-f-error")} />
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
        let apply = p.apply.clone();
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
            apply.emit((id.clone(), action, (*note).clone()));
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
    let title_id = format!("yj-cl-form-{}", p.id);
    html! {
        <div class="yj-cl__form" role="group" aria-labelledby={title_id.clone()}>
            <h4 id={title_id} tabindex="-1" ref={heading}>{ format!("{}：{}", t(lang, &format!("cl.action.{}", p.action)), p.id) }</h4>
            if let Some(e) = &p.error {
                <p class="yj-error-message" id="yj-cl-f-error" role="alert">{ e.message(lang) }</p>
            }
            if p.action != "start" { { field("date", "date", &date) } }
            if p.action == "report" { { field("evidence", "text", &text) } }
            if p.action == "reinspect" {
                { field("inspector", "text", &person) }
                <div class="yj-field">
                    <label class="yj-label" for="yj-cl-f-conclusion">{ t(lang, "cl.field.conclusion") }</label>
                    <select class="yj-select" id="yj-cl-f-conclusion" onchange={on_conclusion}>
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
