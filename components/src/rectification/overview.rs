//! What the board shows above its table: the counts, the progress bar and the deadline
//! flags; the search box and the filter selects (the server's list is asked for again
//! with them; the local list is filtered by the engine's `Filter`); the add button and
//! the add form.

use super::board::{Board, BoardAction, Change, Open};
use super::{forms, table};
use super::{label, LISTS, SOURCES};
use crate::common::{t, tf};
use std::rc::Rc;
use yaojian::checklist::{self as cl, ItemInput, Status};
use yaojian::date::Date;
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
            match field {
                "status" => x.status = cl::read::named(&cl::read::STATUSES, &v),
                "list" => x.list = cl::read::named(&cl::read::LIST_KINDS, &v),
                "source" => x.source = cl::read::named(&cl::read::SOURCES, &v),
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
                Status::ALL.iter()
                    .map(|x| (cl::wire_name(x), label(lang, "checklist.status.", x), f.status == Some(*x))).collect()) }
            { select_filter(lang, prefix, "list", "checklist.column.list", set_filter("list"),
                LISTS.iter().map(|x| (cl::wire_name(x), label(lang, "checklist.list.", x), f.list == Some(*x))).collect()) }
            { select_filter(lang, prefix, "source", "cl.source", set_filter("source"),
                SOURCES.iter().map(|x| (cl::wire_name(x), label(lang, "checklist.source.", x), f.source == Some(*x))).collect()) }
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

/// The add button and, once pressed, the add form: on the server (the bureau's role
/// only) it also asks for the enterprise and leaves the number to the server.
pub(super) fn add_view(
    board: &UseReducerHandle<Board>,
    ctx: &table::RowCtx,
    change: &Callback<Change>,
    today: Date,
    offered: bool,
) -> Html {
    let (lang, prefix) = (ctx.lang, ctx.prefix);
    let add_open = board.open == Some(Open::Add);
    let on_server = board.shared.is_some();
    let id = if on_server {
        String::new()
    } else {
        ctx.list.next_id(today)
    };
    let on_add_on_server = on_server.then(|| {
        let change = change.clone();
        Callback::from(move |(i, org): (ItemInput, String)| change.emit(Change::AddOnServer(i, org)))
    });
    let on_save = {
        let change = change.clone();
        Callback::from(move |i: ItemInput| change.emit(Change::Save(None, i)))
    };
    let on_open = {
        let d = board.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(BoardAction::Open(Open::Add)))
    };
    html! {
        <>
            if offered {
                <div class="yj-button-row yj-no-print">
                    <button type="button" class="yj-button" id={format!("{prefix}-add")} aria-expanded={add_open.to_string()}
                            onclick={on_open}>{ t(lang, "cl.add") }</button>
                </div>
            }
            if add_open && offered {
                <forms::ItemForm lang={lang} prefix={prefix.to_string()} editing={None::<String>}
                    initial={Rc::new(ItemInput { id, ..ItemInput::default() })}
                    errors={board.form_errors.clone()} submits={board.form_submits} units={ctx.units.clone()}
                    {on_save} {on_add_on_server}
                    on_cancel={ let c = ctx.close_form.clone(); Callback::from(move |_| c.emit(None)) } />
            }
        </>
    }
}
