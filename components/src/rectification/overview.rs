//! What the board shows above its table: the counts, the progress bar and the deadline
//! flags; the search box and the filter selects (the server's list is asked for again
//! with them; the local list is filtered by the engine's `Filter`).

use super::board::{Board, BoardAction};
use super::{label, LISTS, SOURCES};
use crate::common::{t, tf};
use serde_json::Value;
use yaojian::checklist::{self as cl, Status};
use yaojian::Lang;
use yew::prelude::*;

/// The counts, the progress bar and the deadline flags.
pub(super) fn summary_view(lang: Lang, c: &cl::Counts, prefix: &str) -> Html {
    html! {
        <section class="yj-cl__summary" aria-labelledby={format!("{prefix}-summary-title")}>
            <h3 id={format!("{prefix}-summary-title")} class="yj-cl__legend">{ t(lang, "cl.progress") }</h3>
            <p data-testid="cl-summary">{ cl::summary_line(c, lang) }</p>
            <label for={format!("{prefix}-progress")}>{ tf(lang, "cl.closed_of", &[("closed", &c.closed.to_string()), ("total", &c.items.to_string())]) }</label>
            <progress id={format!("{prefix}-progress")} max={c.items.max(1).to_string()} value={c.closed.to_string()}></progress>
            <p data-testid="cl-flags">{ tf(lang, "cl.flags", &[("overdue", &c.overdue.to_string()), ("soon", &c.due_soon.to_string())]) }</p>
        </section>
    }
}

/// The search box and the filter selects; every change starts again at page one.
pub(super) fn filters_view(
    lang: Lang,
    prefix: &str,
    f: &cl::Filter,
    units: &[String],
    d: &UseReducerDispatcher<Board>,
) -> Html {
    let set_filter = |field: &'static str| {
        let (d, f) = (d.clone(), f.clone());
        Callback::from(move |e: Event| {
            let mut x = f.clone();
            let target = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let v = target.value();
            // Select values are wire names; "" is "all".
            let wire = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
            match field {
                "status" => x.status = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "list" => x.list = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "source" => x.source = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "unit" => x.unit = (!v.is_empty()).then_some(v),
                _ => x.overdue_only = target.checked(),
            }
            d.dispatch(BoardAction::Filters(x));
        })
    };
    let on_search = {
        let (d, f) = (d.clone(), f.clone());
        Callback::from(move |e: InputEvent| {
            let search = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            d.dispatch(BoardAction::Filters(cl::Filter {
                search,
                ..f.clone()
            }));
        })
    };
    html! {
        <fieldset class="yj-cl__filters yj-no-print">
            <legend class="yj-cl__legend">{ t(lang, "cl.filters") }</legend>
            <div class="yj-field">
                <label class="yj-label" for={format!("{prefix}-search")}>{ t(lang, "cl.search") }</label>
                <input class="yj-input" id={format!("{prefix}-search")} type="search" value={f.search.clone()} oninput={on_search} />
            </div>
            { select_filter(lang, prefix, "status", "checklist.column.status", set_filter("status"),
                [Status::Pending, Status::InProgress, Status::AwaitingReinspection, Status::Closed].iter()
                    .map(|x| (cl::wire_name(x), label(lang, "status", x), f.status == Some(*x))).collect()) }
            { select_filter(lang, prefix, "list", "checklist.column.list", set_filter("list"),
                LISTS.iter().map(|x| (cl::wire_name(x), label(lang, "list", x), f.list == Some(*x))).collect()) }
            { select_filter(lang, prefix, "source", "cl.source", set_filter("source"),
                SOURCES.iter().map(|x| (cl::wire_name(x), label(lang, "source", x), f.source == Some(*x))).collect()) }
            { select_filter(lang, prefix, "unit", "cl.unit", set_filter("unit"),
                units.iter().map(|u| (u.clone(), u.clone(), f.unit.as_deref() == Some(u.as_str()))).collect()) }
            <div class="yj-checkbox">
                <input type="checkbox" id={format!("{prefix}-overdue")} checked={f.overdue_only} onchange={set_filter("overdue")} />
                <label for={format!("{prefix}-overdue")}>{ t(lang, "cl.overdue_only") }</label>
            </div>
        </fieldset>
    }
}

/// A filter select `#<prefix>-<name>`: "all" first, then `(value, label, selected)`.
fn select_filter(
    lang: Lang,
    prefix: &str,
    name: &str,
    label_key: &str,
    onchange: Callback<Event>,
    options: Vec<(String, String, bool)>,
) -> Html {
    let id = format!("{prefix}-{name}");
    let none = !options.iter().any(|o| o.2);
    html! {
        <div class="yj-field">
            <label class="yj-label" for={id.clone()}>{ t(lang, label_key) }</label>
            <select class="yj-select" {id} {onchange}>
                <option value="" selected={none}>{ t(lang, "cl.all") }</option>
                { for options.into_iter().map(|(value, text, selected)| html! { <option {value} {selected}>{ text }</option> }) }
            </select>
        </div>
    }
}
