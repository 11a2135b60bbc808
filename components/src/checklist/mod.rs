//! 整改清单 widget: the list with counts and a progress bar, filters and search, each
//! item's deadline in text as well as colour, and status actions that ask for exactly
//! what the transition needs. The engine (`yaojian::checklist`) decides every
//! transition, flag and count; this file only renders and sends actions.

use crate::common::{now_cst_timestamp, t, tf, today, use_host_value};
use serde_json::{json, Value};
use std::rc::Rc;
use yaojian::checklist::{
    self as cl, Action, CloseOut, Conclusion, Evidence, Item, ItemList, ListKind, Reinspection,
    Source, Status,
};
use yaojian::date::{parse_date, Date, DeadlineState};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// The sample list the demo starts from (labelled sample in the UI).
pub const SAMPLE: &str = include_str!("examples/sample.json");

#[derive(Properties, PartialEq, Clone, Default)]
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
    /// Where the list is kept as a draft in `localStorage` (every change is saved and
    /// reported as `checklist.draft_saved`); a stored draft is shown when the host sets
    /// no value. Without a key nothing is stored.
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
    /// Document-number pattern of the 责令改正通知书: `{year}`, `{seq}`, `{seq:3}`.
    #[prop_or_default]
    pub notice_pattern: Option<AttrValue>,
    /// The number the next notice takes (default 1).
    #[prop_or_default]
    pub notice_seq: Option<u32>,
}

/// The document-number pattern used until the host sets its own (labelled sample).
pub const SAMPLE_NOTICE_PATTERN: &str = "示例药监责改〔{year}〕{seq:3}号";

fn draft_key(key: &str) -> String {
    format!("yaojian:checklist:{key}")
}

/// The list stored under `key`, if any and if it is still a valid list.
fn stored_draft(key: Option<&str>) -> Option<ItemList> {
    let text = crate::common::store_get(&draft_key(key?)).ok()??;
    ItemList::from_json(&text).ok()
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
    // The host's value first; else a draft kept under the storage key; else the sample.
    let restored = use_state(|| false);
    let list = {
        let v = props.value.clone();
        let key = props.storage_key.clone();
        let restored = restored.clone();
        use_state(move || match (v.is_none(), stored_draft(key.as_deref())) {
            (true, Some(draft)) => {
                restored.set(true);
                draft
            }
            _ => load(v.as_deref()).0,
        })
    };
    let sample = props.value.is_none() && !*restored;
    {
        let list = list.clone();
        use_host_value(props.value.clone(), move |v| list.set(load(Some(v)).0));
    }
    let filters = use_state(cl::Filter::default);
    let open = use_state(|| None::<Open>);
    let error = use_state(|| None::<FieldError>);
    let announce = use_state(String::new);

    let expanded = use_state(std::collections::BTreeSet::<String>::new);
    // The items of the notice on show.
    let notice_of = use_state(|| None::<Vec<String>>);
    let storage_error = use_state(|| None::<String>);

    let report = cl::report(&list, today, 7, lang);
    let skip_save = use_mut_ref(|| true);
    {
        let on_emit = props.on_emit.clone();
        let key = props.storage_key.clone();
        let storage_error = storage_error.clone();
        let v = serde_json::to_value(&*list).unwrap_or(Value::Null);
        let skip = skip_save.clone();
        use_effect_with(v.clone(), move |_| {
            on_emit.emit(json!({ "type": "checklist.change", "list": v }));
            // Stored from the first change on: the list as loaded (or reloaded after
            // discarding the draft) is not a draft.
            if std::mem::replace(&mut *skip.borrow_mut(), false) {
                return;
            }
            let Some(key) = key else { return };
            let k = draft_key(&key);
            let saved = crate::common::store_set(&k, &v.to_string());
            match saved {
                Ok(()) => {
                    storage_error.set(None);
                    on_emit.emit(json!({ "type": "checklist.draft_saved", "storage_key": k, "saved_at": now_cst_timestamp() }));
                }
                Err(e) => storage_error.set(Some(e)),
            }
        });
    }
    let on_discard = {
        let (list, restored, key, value) = (
            list.clone(),
            restored.clone(),
            props.storage_key.clone(),
            props.value.clone(),
        );
        let skip = skip_save.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(k), Ok(s)) = (key.as_deref(), crate::common::local_storage()) {
                let _ = s.remove_item(&draft_key(k));
            }
            restored.set(false);
            let fresh = load(value.as_deref()).0;
            // The reload is not a change to save (an equal list triggers no save at all).
            *skip.borrow_mut() = fresh != *list;
            list.set(fresh);
        })
    };
    let show_notice = {
        let notice_of = notice_of.clone();
        Callback::from(move |ids: Vec<String>| notice_of.set(Some(ids)))
    };
    let notice_items: Vec<&Item> = notice_of
        .as_ref()
        .map(|ids| list.items.iter().filter(|i| ids.contains(&i.id)).collect())
        .unwrap_or_default();
    let pattern = props
        .notice_pattern
        .as_deref()
        .unwrap_or(SAMPLE_NOTICE_PATTERN);
    let notice = cl::notice(&notice_items, pattern, props.notice_seq.unwrap_or(1), today);

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
        let mut v: Vec<&Item> = list.items.iter().filter(|i| f.matches(i, today)).collect();
        // By deadline, items without one last.
        v.sort_by_key(|i| (i.deadline.is_none(), i.deadline));
        v
    };

    let set_filter = |field: &'static str| {
        let filters = filters.clone();
        Callback::from(move |e: Event| {
            let mut x = (*filters).clone();
            let target = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            let v = target.value();
            // Select values are wire names; "" is "all".
            let wire = |v: &str| (!v.is_empty()).then(|| Value::String(v.to_string()));
            match field {
                "status" => x.status = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "list" => x.list = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "source" => x.source = wire(&v).and_then(|w| serde_json::from_value(w).ok()),
                "unit" => x.unit = (!v.is_empty()).then_some(v),
                "overdue" => x.overdue_only = target.checked(),
                _ => x.search = v,
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

    // Findings of self-inspection submissions become items (the engine checks each
    // submission as the server does and skips items already in the list).
    let on_import = {
        let list = list.clone();
        Callback::from(move |batch: Vec<Value>| -> yaojian::form::Import {
            let got = yaojian::form::import_findings(&list, batch, None, lang);
            if !got.added.is_empty() {
                let mut next = (*list).clone();
                next.items.extend(got.added.iter().cloned());
                list.set(next);
            }
            got
        })
    };

    let c = report.counts;
    html! {
        <div class={classes!("yj-widget", "yj-cl", notice.is_some().then_some("yj-cl--notice"))} lang={lang.tag()}>
            if sample { <p><span class="yj-sample-notice">{ t(lang, "cl.sample") }</span></p> }
            if *restored {
                <p class="yj-cl__draft yj-no-print" role="status">
                    { t(lang, "cl.draft_restored") }{ " " }
                    <button type="button" class="yj-link-button" id="yj-cl-discard" onclick={on_discard}>{ t(lang, "cl.draft_discard") }</button>
                </p>
            }
            if let Some(e) = &*storage_error {
                <p class="yj-error-message yj-no-print" role="alert">{ tf(lang, "cl.storage_failed", &[("error", e)]) }</p>
            }
            if let Some(n) = &notice {
                <NoticeView lang={lang} notice={Rc::new(n.clone())} sample_pattern={props.notice_pattern.is_none()}
                    on_close={ let notice_of = notice_of.clone(); Callback::from(move |_| notice_of.set(None)) } />
            }
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
                { select_filter(lang, "status", "checklist.column.status", set_filter("status"),
                    [Status::Pending, Status::InProgress, Status::AwaitingReinspection, Status::Closed].iter()
                        .map(|x| (cl::wire_name(x), label(lang, "status", x), f.status == Some(*x))).collect()) }
                { select_filter(lang, "list", "checklist.column.list", set_filter("list"),
                    [ListKind::RiskHazard, ListKind::ProblemLead, ListKind::Rectification].iter()
                        .map(|x| (cl::wire_name(x), label(lang, "list", x), f.list == Some(*x))).collect()) }
                { select_filter(lang, "source", "cl.source", set_filter("source"),
                    [Source::Inspection, Source::Sampling, Source::Complaint, Source::Lead, Source::SelfInspection, Source::RiskConsultation, Source::Other].iter()
                        .map(|x| (cl::wire_name(x), label(lang, "source", x), f.source == Some(*x))).collect()) }
                { select_filter(lang, "unit", "cl.unit", set_filter("unit"),
                    list.units().into_iter()
                        .map(|u| (u.to_string(), u.to_string(), f.unit.as_deref() == Some(u))).collect()) }
                <div class="yj-checkbox">
                    <input type="checkbox" id="yj-cl-overdue" checked={f.overdue_only} onchange={set_filter("overdue")} />
                    <label for="yj-cl-overdue">{ t(lang, "cl.overdue_only") }</label>
                </div>
            </fieldset>
            <ImportFindings lang={lang} on_import={on_import} />
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
                    { for visible.iter().map(|i| row(&Row { item: i, list: &list, lang, today, open: &open, error: &error, expanded: &expanded, apply: apply.clone(), show_notice: show_notice.clone() })) }
                </tbody>
            </table>
        </div>
    }
}

/// A filter select `#yj-cl-<name>`: "all" first, then `(value, label, selected)`.
fn select_filter(
    lang: Lang,
    name: &str,
    label_key: &str,
    onchange: Callback<Event>,
    options: Vec<(String, String, bool)>,
) -> Html {
    let id = format!("yj-cl-{name}");
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

/// What one table row needs.
struct Row<'a> {
    item: &'a Item,
    list: &'a ItemList,
    lang: Lang,
    today: Date,
    open: &'a UseStateHandle<Option<Open>>,
    error: &'a UseStateHandle<Option<FieldError>>,
    expanded: &'a UseStateHandle<std::collections::BTreeSet<String>>,
    apply: Callback<(String, Action, String)>,
    show_notice: Callback<Vec<String>>,
}

fn row(r: &Row) -> Html {
    let (i, lang, today, open, error, apply) =
        (r.item, r.lang, r.today, r.open, r.error, r.apply.clone());
    let (deadline_note, class) = deadline_text(i, lang, today);
    let is_expanded = r.expanded.contains(&i.id);
    let details_id = format!("yj-cl-details-{}", i.id);
    let on_details = {
        let (expanded, id) = (r.expanded.clone(), i.id.clone());
        Callback::from(move |_: MouseEvent| {
            let mut x = (*expanded).clone();
            if !x.remove(&id) {
                x.insert(id.clone());
            }
            expanded.set(x);
        })
    };
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
                <td class="yj-no-print">
                    <button type="button" class="yj-button yj-button--secondary yj-cl__action" onclick={on_details}
                            aria-expanded={is_expanded.to_string()} aria-controls={details_id.clone()}
                            aria-label={format!("{} {}", t(lang, "cl.details"), i.id)}>{ t(lang, "cl.details") }</button>
                    { for buttons }
                </td>
            </tr>
            if is_expanded {
                <tr class="yj-cl__details-row" id={details_id}><td colspan="6">
                    { details(i, r.list, lang, r.show_notice.clone()) }
                </td></tr>
            }
            if let Some(o) = is_open {
                <tr class="yj-cl__form-row"><td colspan="6">
                    <ActionForm lang={lang} id={i.id.clone()} action={o.action} error={(**error).clone()} apply={apply.clone()}
                        on_cancel={ let open = open.clone(); Callback::from(move |_| open.set(None)) } />
                </td></tr>
            }
        </>
    }
}

/// A file size in words: bytes, KB or MB with one decimal (integer arithmetic).
fn file_size(bytes: u64) -> String {
    let tenths = |unit: u64| {
        let x = (bytes * 10 + unit / 2) / unit;
        format!("{}.{}", x / 10, x % 10)
    };
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", tenths(1024)),
        _ => format!("{} MB", tenths(1024 * 1024)),
    }
}

/// Everything recorded about an item: the breach, measures, evidence with the file
/// references the host stored, re-inspections, close-out and every transition; and the
/// 责令改正通知书 for it or for every open item of its unit.
fn details(i: &Item, list: &ItemList, lang: Lang, show_notice: Callback<Vec<String>>) -> Html {
    use yaojian::date::format_date;
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            t(lang, "cl.none")
        } else {
            s.to_string()
        }
    };
    let evidence = i.evidence.iter().map(|e| {
        html! {
            <li>
                { format!("{} {}", format_date(e.date), e.text) }
                if let Some(f) = &e.file {
                    <span class="yj-cl__file">
                        { tf(lang, "cl.file", &[("name", &f.name), ("size", &file_size(f.size)), ("type", &f.mime)]) }
                        <code class="yj-cl__checksum">{ &f.checksum }</code>
                    </span>
                }
            </li>
        }
    });
    let reinspections = i.reinspections.iter().map(|r| {
        let line = tf(
            lang,
            "cl.reinspection",
            &[
                ("date", &format_date(r.date)),
                ("inspector", &r.inspector),
                (
                    "conclusion",
                    &t(
                        lang,
                        &format!("cl.conclusion.{}", cl::wire_name(&r.conclusion)),
                    ),
                ),
            ],
        );
        html! { <li>{ line }if !r.notes.is_empty() { { format!("（{}）", r.notes) } }</li> }
    });
    let history = i.history.iter().map(|h| {
        let line = tf(
            lang,
            "cl.history_entry",
            &[
                ("at", &h.at.replace('T', " ").replace("+08:00", "")),
                ("by", &h.by),
                ("from", &label(lang, "status", &h.from)),
                ("to", &label(lang, "status", &h.to)),
            ],
        );
        html! { <li>{ line }if !h.note.is_empty() { { format!("（{}）", h.note) } }</li> }
    });
    let unit_open: Vec<String> = list
        .items
        .iter()
        .filter(|x| x.unit == i.unit && x.status != Status::Closed)
        .map(|x| x.id.clone())
        .collect();
    let notice_one = {
        let (cb, id) = (show_notice.clone(), i.id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(vec![id.clone()]))
    };
    let notice_unit = {
        let (cb, ids) = (show_notice, unit_open.clone());
        Callback::from(move |_: MouseEvent| cb.emit(ids.clone()))
    };
    html! {
        <div class="yj-cl__details" role="group" aria-label={tf(lang, "cl.details_title", &[("id", &i.id)])}>
            <dl class="yj-cl__details-list">
                <dt>{ t(lang, "checklist.column.provision") }</dt><dd>{ or_none(&i.provision) }</dd>
                <dt>{ t(lang, "checklist.column.legal_basis") }</dt><dd>{ or_none(&i.legal_basis) }</dd>
                <dt>{ t(lang, "checklist.column.measures") }</dt>
                <dd>if i.measures.is_empty() { { t(lang, "cl.none") } } else { <ol>{ for i.measures.iter().map(|m| html! { <li>{ m }</li> }) }</ol> }</dd>
                <dt>{ t(lang, "checklist.column.mode") }</dt><dd>{ label(lang, "mode", &i.mode) }</dd>
                <dt>{ t(lang, "cl.evidence") }</dt>
                <dd>if i.evidence.is_empty() { { t(lang, "cl.no_evidence") } } else { <ul class="yj-cl__evidence">{ for evidence }</ul> }</dd>
                <dt>{ t(lang, "cl.reinspections") }</dt>
                <dd>if i.reinspections.is_empty() { { t(lang, "cl.none") } } else { <ul>{ for reinspections }</ul> }</dd>
                <dt>{ t(lang, "cl.close_out") }</dt>
                <dd>{ i.close_out.as_ref().map(|c| tf(lang, "cl.closed_by", &[("date", &format_date(c.date)), ("approver", &c.approver)])).unwrap_or_else(|| t(lang, "cl.none")) }</dd>
                <dt>{ t(lang, "cl.history") }</dt>
                <dd>if i.history.is_empty() { { t(lang, "cl.none") } } else { <ul>{ for history }</ul> }</dd>
            </dl>
            if i.status != Status::Closed {
                <div class="yj-button-row yj-no-print">
                    <button type="button" class="yj-button yj-button--secondary" onclick={notice_one}>{ t(lang, "cl.notice_item") }</button>
                    if unit_open.len() > 1 {
                        <button type="button" class="yj-button yj-button--secondary" onclick={notice_unit}>
                            { tf(lang, "cl.notice_unit", &[("unit", &i.unit), ("n", &unit_open.len().to_string())]) }
                        </button>
                    }
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeProps {
    lang: Lang,
    notice: Rc<cl::Notice>,
    /// The number comes from the sample pattern (the host set none): say so.
    sample_pattern: bool,
    on_close: Callback<()>,
}

/// 责令改正通知书: the engine's notice fields, printable (the rest of the widget is
/// left out of the print).
#[function_component(NoticeView)]
fn notice_view(p: &NoticeProps) -> Html {
    use yaojian::date::format_date;
    let lang = p.lang;
    let n = &p.notice;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(n.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let list =
        |xs: &[String]| html! { <ol>{ for xs.iter().map(|x| html! { <li>{ x }</li> }) }</ol> };
    let mode = match (n.mode, n.deadline) {
        (cl::Mode::Deadline, Some(d)) => {
            tf(lang, "cl.notice_deadline", &[("date", &format_date(d))])
        }
        _ => label(lang, "mode", &n.mode),
    };
    let print = Callback::from(|_: MouseEvent| crate::common::print_page());
    let close = {
        let c = p.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    html! {
        <section class="yj-cl__notice" aria-labelledby="yj-cl-notice-title" data-testid="cl-notice">
            <h3 id="yj-cl-notice-title" class="yj-cl__notice-title" tabindex="-1" ref={heading}>{ t(lang, "cl.notice_title") }</h3>
            <p class="yj-cl__notice-number" data-testid="cl-notice-number">{ &n.number }</p>
            if p.sample_pattern { <p><span class="yj-sample-notice">{ t(lang, "cl.notice_sample_number") }</span></p> }
            <dl class="yj-cl__notice-fields">
                <dt>{ t(lang, "cl.notice_party") }</dt><dd>{ &n.party }</dd>
                <dt>{ t(lang, "cl.notice_facts") }</dt><dd>{ list(&n.facts) }</dd>
                <dt>{ t(lang, "checklist.column.provision") }</dt><dd>{ list(&n.provisions) }</dd>
                <dt>{ t(lang, "checklist.column.legal_basis") }</dt><dd>{ list(&n.legal_basis) }</dd>
                <dt>{ t(lang, "checklist.column.mode") }</dt><dd data-testid="cl-notice-mode">{ mode }</dd>
                <dt>{ t(lang, "cl.notice_requirements") }</dt><dd>{ list(&n.requirements) }</dd>
                <dt>{ t(lang, "cl.notice_date") }</dt><dd>{ format_date(n.date) }</dd>
            </dl>
            <div class="yj-button-row yj-no-print">
                <button type="button" class="yj-button" onclick={print}>{ t(lang, "si.print") }</button>
                <button type="button" class="yj-button yj-button--secondary" id="yj-cl-notice-close" onclick={close}>{ t(lang, "cl.notice_close") }</button>
            </div>
        </section>
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
    let input = crate::common::bind_text;
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

#[derive(Properties, PartialEq)]
struct ImportProps {
    lang: Lang,
    /// Takes the submissions read, returns what the engine made of them.
    on_import: Callback<Vec<Value>, yaojian::form::Import>,
}

/// 导入自查发现: paste self-inspection submissions (one, or an array) and add their
/// findings as items. What was pasted stays until it is taken in full.
#[function_component(ImportFindings)]
fn import_findings(p: &ImportProps) -> Html {
    let lang = p.lang;
    let text = use_state(String::new);
    let outcome = use_state(|| None::<(usize, usize, Vec<FieldError>)>);
    let focus = use_state(|| 0u32);
    let on_input = crate::common::bind_text(&text);
    let on_import = {
        let text = text.clone();
        let outcome = outcome.clone();
        let focus = focus.clone();
        let cb = p.on_import.clone();
        Callback::from(move |_: MouseEvent| {
            let (added, already, errors) = match yaojian::form::summary::parse_batch(&text) {
                Ok(batch) => {
                    let got = cb.emit(batch);
                    (got.added.len(), got.already, got.errors)
                }
                Err(e) => (0, 0, vec![e]),
            };
            if errors.is_empty() {
                text.set(String::new());
            } else {
                focus.set(*focus + 1);
            }
            outcome.set(Some((added, already, errors)));
        })
    };
    let errors: Vec<crate::common::ErrorItem> = outcome
        .as_ref()
        .map(|(_, _, errs)| {
            errs.iter()
                .map(|e| crate::common::ErrorItem {
                    field_id: "yj-cl-import-text".into(),
                    message: format!("{} {}", e.path, e.message(lang)),
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <details class="yj-cl__import yj-no-print">
            <summary>{ t(lang, "cl.import") }</summary>
            <crate::common::ErrorSummary id="yj-cl-import-errors" title={t(lang, "cl.import_errors")} {errors} focus_token={*focus} />
            <div class="yj-field">
                <label class="yj-label" for="yj-cl-import-text">{ t(lang, "cl.import_label") }</label>
                <span class="yj-hint" id="yj-cl-import-hint">{ t(lang, "cl.import_hint") }</span>
                <textarea id="yj-cl-import-text" class="yj-input yj-cl__import-text" rows="5"
                          aria-describedby="yj-cl-import-hint" value={(*text).clone()} oninput={on_input} />
            </div>
            <button type="button" class="yj-button yj-button--secondary" id="yj-cl-import"
                    disabled={text.trim().is_empty()} onclick={on_import}>{ t(lang, "cl.import_button") }</button>
            <p role="status" id="yj-cl-import-status">
                { outcome.as_ref().map(|(added, already, _)| tf(lang, "cl.imported", &[("added", &added.to_string()), ("already", &already.to_string())])).unwrap_or_default() }
            </p>
        </details>
    }
}
