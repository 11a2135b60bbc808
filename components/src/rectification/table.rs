//! The rows of the checklist table (one page of them), each item's details, and the
//! page navigation. Element ids carry the widget's prefix and the item's position in
//! the list (item ids are the host's text and need not be valid HTML ids).

use super::board::{row_id, Change, Open};
use super::forms::{ActionForm, ItemForm};
use super::label;
use super::issued::NoticeOf;
use super::shared::Shared;
use crate::common::{t, tf};
use yaojian::sorted::SortedSet;
use std::rc::Rc;
use yaojian::checklist::{self as cl, Item, ItemInput, ItemList, Party, Status};
use yaojian::date::{format_date, Date, DeadlineState};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// What every row needs from the board.
pub(super) struct RowCtx<'a> {
    pub list: &'a ItemList,
    pub lang: Lang,
    pub today: Date,
    pub prefix: &'a str,
    pub open: &'a Option<Open>,
    /// Opens a form under a row (clearing the errors of any form before).
    pub open_with: Callback<Open>,
    pub error: &'a Option<FieldError>,
    pub expanded: &'a SortedSet<String>,
    /// Opens or closes an item's details.
    pub on_details: Callback<String>,
    pub change: Callback<Change>,
    /// Shows a 责令改正通知书: made here (the local list) or by the server.
    pub show_notice: Callback<NoticeOf>,
    pub form_errors: Rc<Vec<FieldError>>,
    pub form_submits: u32,
    /// Closes the open form and focuses the element with the given id.
    pub close_form: Callback<Option<String>>,
    pub units: Rc<Vec<String>>,
    /// With `endpoint`: the list on the server (revisions, rows being saved).
    pub shared: Option<&'a Shared>,
    /// The parties whose actions the signed-in role may take (`None`: all).
    pub parties: Option<Vec<Party>>,
}

impl RowCtx<'_> {
    /// Whether the role may take the actions of `party`.
    pub fn may(&self, party: Party) -> bool {
        self.parties.as_ref().is_none_or(|p| p.contains(&party))
    }
}

/// Who takes an action of the row: the rectifying party starts and reports; the bureau
/// re-inspects and closes out.
fn party_of(action: &str) -> Party {
    match action {
        "start" | "report" => Party::Rectifying,
        _ => Party::Bureau,
    }
}

fn deadline_text(i: &Item, lang: Lang, today: Date) -> (String, &'static str) {
    match i.deadline_state(today, cl::DUE_SOON_DAYS) {
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

/// The row of the item at position `n`, with its details and open form under it.
pub(super) fn row(r: &RowCtx, n: usize) -> Html {
    let (lang, prefix) = (r.lang, r.prefix);
    let i = &r.list.items[n];
    let (deadline_note, class) = deadline_text(i, lang, r.today);
    let is_expanded = r.expanded.contains(&i.id);
    let details_id = format!("{prefix}-details-{n}");
    let on_details = {
        let (on_details, id) = (r.on_details.clone(), i.id.clone());
        Callback::from(move |_: MouseEvent| on_details.emit(id.clone()))
    };
    let opener = |what: Open| {
        let open_with = r.open_with.clone();
        Callback::from(move |_: MouseEvent| open_with.emit(what.clone()))
    };
    let saving = r.shared.is_some_and(|s| s.saving.contains(&i.id));
    // A change waiting on the device for the server: the row takes no other until then.
    let queued = r.shared.is_some_and(|s| s.outbox.contains_key(&i.id));
    let busy = saving || queued;
    let offered = i.allowed_actions().iter().filter(|a| r.may(party_of(a)));
    let buttons = offered.map(|a| {
        let onclick = opener(Open::Action {
            id: i.id.clone(),
            action: a,
        });
        html! {
            <button type="button" class="yj-button yj-button--secondary yj-cl__action" {onclick} disabled={busy}
                    aria-label={format!("{} {}", t(lang, &format!("cl.action.{a}")), i.id)}>
                { t(lang, &format!("cl.action.{a}")) }
            </button>
        }
    });
    let back_to_row = {
        let (close, id) = (r.close_form.clone(), row_id(prefix, n));
        Callback::from(move |_| close.emit(Some(id.clone())))
    };
    let form = match r.open {
        Some(Open::Action { id, action }) if *id == i.id => html! {
            <tr role="row" class="yj-cl__form-row"><td role="cell" colspan="6">
                // Keyed by the action, so another action on the row starts a fresh form.
                <ActionForm key={*action} lang={lang} prefix={prefix.to_string()} id={i.id.clone()} action={*action} error={r.error.clone()}
                    change={r.change.clone()} on_cancel={back_to_row} {saving} />
            </td></tr>
        },
        Some(Open::Edit(id)) if *id == i.id => {
            let change = r.change.clone();
            let id = id.clone();
            html! {
                <tr role="row" class="yj-cl__form-row"><td role="cell" colspan="6">
                    <ItemForm lang={lang} prefix={prefix.to_string()} editing={Some(i.id.clone())}
                        initial={Rc::new(ItemInput::from_item(i))} errors={r.form_errors.clone()} submits={r.form_submits}
                        units={r.units.clone()}
                        on_save={Callback::from(move |input: ItemInput| change.emit(Change::Save(Some(id.clone()), input)))}
                        on_cancel={back_to_row} />
                </td></tr>
            }
        }
        _ => html! {},
    };
    html! {
        <>
            <tr role="row" class={classes!("yj-cl__row", (!class.is_empty()).then_some(class))}>
                <th scope="row" role="rowheader" data-label={t(lang, "checklist.column.id")} id={row_id(prefix, n)} tabindex="-1">{ &i.id }</th>
                <td role="cell" data-label={t(lang, "checklist.column.problem")}>{ &i.problem }<span class="yj-hint yj-cl__sub">{ format!("{} · {}", label(lang, "checklist.list.", &i.list), label(lang, "checklist.source.", &i.source)) }</span></td>
                <td role="cell" data-label={t(lang, "cl.owner")}>{ &i.unit }<span class="yj-hint yj-cl__sub">{ &i.person }</span></td>
                <td role="cell" data-label={t(lang, "checklist.column.deadline")}>
                    { i.deadline.map(format_date).unwrap_or_else(|| label(lang, "checklist.mode.", &i.mode)) }
                    if !deadline_note.is_empty() { <span class="yj-cl__flag">{ deadline_note }</span> }
                </td>
                <td role="cell" data-label={t(lang, "checklist.column.status")} data-testid={format!("cl-status-{}", i.id)}>
                    { label(lang, "checklist.status.", &i.status) }
                    if saving { <span class="yj-hint yj-cl__sub" role="status">{ t(lang, "cl.saving") }</span> }
                    else if queued { <span class="yj-hint yj-cl__sub" role="status">{ t(lang, "cl.queued") }</span> }
                </td>
                <td role="cell" class="yj-no-print">
                    <button type="button" class="yj-button yj-button--secondary yj-cl__action" onclick={on_details}
                            aria-expanded={is_expanded.to_string()} aria-controls={details_id.clone()}
                            aria-label={format!("{} {}", t(lang, "cl.details"), i.id)}>{ t(lang, "cl.details") }</button>
                    if i.status != Status::Closed && r.may(Party::Bureau) {
                        <button type="button" class="yj-button yj-button--secondary yj-cl__action" disabled={busy}
                                onclick={opener(Open::Edit(i.id.clone()))}
                                aria-label={format!("{} {}", t(lang, "cl.action.edit"), i.id)}>{ t(lang, "cl.action.edit") }</button>
                    }
                    { for buttons }
                </td>
            </tr>
            if is_expanded {
                <tr role="row" class="yj-cl__details-row" id={details_id} data-testid={format!("cl-details-{}", i.id)}><td role="cell" colspan="6">
                    { details(i, r) }
                </td></tr>
            }
            { form }
        </>
    }
}

/// A file size in words: bytes, KB or MB with one decimal (integer arithmetic, in u64:
/// u128's formatter would add ~2 KB to the wasm for sizes no file reaches).
pub(super) fn file_size(bytes: u64) -> String {
    let tenths = |unit: u64| {
        let x = (bytes / unit) * 10 + ((bytes % unit) * 10 + unit / 2) / unit;
        format!("{}.{}", x / 10, x % 10)
    };
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", tenths(1024)),
        _ => format!("{} MB", tenths(1024 * 1024)),
    }
}

/// Everything recorded about an item: the breach, measures, evidence with the file
/// references the host stored, re-inspections, close-out and every transition and
/// edit; and the 责令改正通知书 for it or for every open item of its unit.
fn details(i: &Item, r: &RowCtx) -> Html {
    let lang = r.lang;
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
        html! { <li>{ line }if !r.notes.is_empty() { { yaojian::i18n::bracketed(&r.notes, lang) } }</li> }
    });
    let history = i.history.iter().map(|h| {
        let at = h.at.replace('T', " ").replace("+08:00", "");
        // An edit of the item; its note lists the fields changed.
        if h.edit {
            let line = tf(
                lang,
                "cl.history_edit",
                &[("at", &at), ("by", &h.by), ("fields", &h.note)],
            );
            return html! { <li>{ line }</li> };
        }
        if let Some(number) = &h.notice {
            let line = tf(lang, "cl.history_notice", &[("at", &at), ("by", &h.by), ("number", number)]);
            return html! { <li>{ line }</li> };
        }
        let line = tf(
            lang,
            "cl.history_entry",
            &[
                ("at", &at),
                ("by", &h.by),
                ("from", &label(lang, "checklist.status.", &h.from)),
                ("to", &label(lang, "checklist.status.", &h.to)),
            ],
        );
        html! { <li>{ line }if !h.note.is_empty() { { yaojian::i18n::bracketed(&h.note, lang) } }</li> }
    });
    let notices = notice_buttons(i, r);
    html! {
        <div class="yj-cl__details" role="group" aria-label={tf(lang, "cl.details_title", &[("id", &i.id)])}>
            <dl class="yj-cl__details-list">
                <dt>{ t(lang, "checklist.column.provision") }</dt><dd>{ or_none(&i.provision) }</dd>
                <dt>{ t(lang, "checklist.column.legal_basis") }</dt><dd>{ or_none(&i.legal_basis) }</dd>
                <dt>{ t(lang, "checklist.column.measures") }</dt>
                <dd>if i.measures.is_empty() { { t(lang, "cl.none") } } else { <ol>{ for i.measures.iter().map(|m| html! { <li>{ m }</li> }) }</ol> }</dd>
                <dt>{ t(lang, "checklist.column.mode") }</dt><dd>{ label(lang, "checklist.mode.", &i.mode) }</dd>
                <dt>{ t(lang, "cl.evidence") }</dt>
                <dd>if i.evidence.is_empty() { { t(lang, "cl.no_evidence") } } else { <ul class="yj-cl__evidence">{ for evidence }</ul> }</dd>
                <dt>{ t(lang, "cl.reinspections") }</dt>
                <dd>if i.reinspections.is_empty() { { t(lang, "cl.none") } } else { <ul>{ for reinspections }</ul> }</dd>
                <dt>{ t(lang, "cl.close_out") }</dt>
                <dd>{ i.close_out.as_ref().map(|c| tf(lang, "cl.closed_by", &[("date", &format_date(c.date)), ("approver", &c.approver)])).unwrap_or_else(|| t(lang, "cl.none")) }</dd>
                <dt>{ t(lang, "cl.history") }</dt>
                <dd>if i.history.is_empty() { { t(lang, "cl.none") } } else { <ul>{ for history }</ul> }</dd>
            </dl>
            { notices }
        </div>
    }
}

/// The notices offered in an item's details: for it, or for every open item of its unit,
/// made here from the local list; on the server, issued there by the bureau, and every
/// notice the item's history names, to read again.
fn notice_buttons(i: &Item, r: &RowCtx) -> Html {
    let lang = r.lang;
    let button = |text: String, of: NoticeOf| {
        let cb = r.show_notice.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(of.clone()));
        html! { <button type="button" class="yj-button yj-button--secondary" {onclick}>{ text }</button> }
    };
    let open = i.status != Status::Closed;
    let Some(shared) = r.shared else {
        let unit_open: Vec<String> = (r.list.items.iter())
            .filter(|x| x.unit == i.unit && x.status != Status::Closed)
            .map(|x| x.id.clone())
            .collect();
        let n = unit_open.len().to_string();
        return html! {
            if open {
                <div class="yj-button-row yj-no-print">
                    { button(t(lang, "cl.notice_item"), NoticeOf::Items(vec![i.id.clone()])) }
                    if unit_open.len() > 1 {
                        { button(tf(lang, "cl.notice_unit", &[("unit", &i.unit), ("n", &n)]), NoticeOf::Items(unit_open)) }
                    }
                </div>
            }
        };
    };
    let issues = open && r.may(Party::Bureau);
    let org = shared.orgs.get(&i.id).filter(|o| !o.is_empty());
    let issued = shared.notices.get(&i.id).map_or(&[][..], Vec::as_slice);
    html! {
        <div class="yj-button-row yj-no-print">
            if issues {
                { button(t(lang, "cl.notice_issue_item"), NoticeOf::Items(vec![i.id.clone()])) }
                if let Some(org) = org {
                    { button(tf(lang, "cl.notice_unit_all", &[("unit", &i.unit)]), NoticeOf::Unit { unit: i.unit.clone(), org: org.clone() }) }
                }
            }
            { for issued.iter().map(|n| button(tf(lang, "cl.notice_view", &[("number", n)]), NoticeOf::Number(n.clone()))) }
        </div>
    }
}
