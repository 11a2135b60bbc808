//! 整改清单 widget: the list with counts and a progress bar, filters and search, pages
//! of rows sorted by deadline, each item's deadline in text as well as colour, add and
//! edit with validation, status actions that ask for exactly what the transition needs,
//! each item's details and the 责令改正通知书. The engine (`yaojian::checklist`) decides
//! every transition, check, flag and count; these files only render and send actions.
//!
//! - `board.rs`: the state, one reducer (the list changed in place, with a revision).
//! - `mod.rs`: the board view: what is derived from the list per revision, saving and
//!   emitting after the change is on screen, the summary and the filters.
//! - `table.rs`: rows and details.
//! - `forms.rs`: the status-action form and the add/edit form.
//! - `overview.rs`: the counts and progress above the table, the search and filters.
//! - `notice.rs`: the printable notice. `import.rs`: findings from self-inspections.
//!   On the server, `issued.rs` has the notice issued (or read back) there,
//!   `server_notice.rs` shows it and `service_form.rs` records its service (送达).
//! - With `endpoint` (the list shared on `yaojian-server`): `remote.rs` asks the server
//!   and reads its answers, `shared.rs` is the board's part of it (revisions, rows being
//!   saved, the page's cursors) and its events, `answers.rs` what the board makes of
//!   them, `on_server.rs` the hooks and views that load pages and send changes.

mod spec;

mod answers;
mod board;
mod draft;
mod overview;
mod forms;
mod import;
mod issued;
mod notice;
mod on_server;
mod outbox;
mod remote;
mod retries;
mod server_import;
mod server_notice;
mod service_form;
mod shared;
mod table;

use crate::common::events::Emitted;
use crate::common::{now_cst_timestamp, t, tf, today, use_host_value, DraftSaver};
use board::{Board, BoardAction, Change, Open};
use issued::NoticeOf;
use shared::ServerEvent;
use serde_json::Value;
use std::rc::Rc;
use yaojian::checklist::{self as cl, ItemList, ListKind, Source};
use yaojian::date::Date;
use yaojian::Lang;
use yew::prelude::*;

/// The sample list the demo starts from (labelled sample in the UI).
pub const SAMPLE: &str = include_str!("sample-list.json");

/// Rows a page shows unless the host says otherwise.
pub const PAGE_SIZE: usize = 50;

#[derive(Properties, PartialEq, Clone, Default)]
pub struct RectificationProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A list (`yaojian/checklist/1`, checked by `ItemList::from_json`); without it the
    /// sample list is shown.
    #[prop_or_default]
    pub value: Option<Rc<ItemList>>,
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
    /// Rows per page (default [`PAGE_SIZE`]).
    #[prop_or_default]
    pub page_size: Option<usize>,
    /// `yaojian-server` (`endpoint`, `auth`, `token`); without an endpoint the widget
    /// stays in the page.
    #[prop_or_default]
    pub server: crate::common::server::ServerSettings,
}

use draft::{draft_key, read_draft, KeptDraft};

/// Saves the list as it is (emits `checklist.change`; `true`: also as the draft).
type Saver = Rc<dyn Fn(bool)>;

/// The pending work that calls the latest saver.
fn save_job(saver: &Rc<std::cell::RefCell<Saver>>, as_draft: bool) -> Box<dyn FnOnce()> {
    let saver = saver.clone();
    Box::new(move || {
        let save = saver.borrow().clone();
        save(as_draft)
    })
}

/// The host's list, or the sample without one.
fn load(v: Option<&ItemList>) -> ItemList {
    match v {
        Some(v) => v.clone(),
        None => ItemList::from_json(SAMPLE).unwrap_or_default(),
    }
}

/// The words of `v` in group `group` (`"checklist.status."`: the group is named in full,
/// so the release can tell which modules show it).
fn label<T: serde::Serialize>(lang: Lang, group: &str, v: &T) -> String {
    t(lang, &format!("{group}{}", cl::wire_name(v)))
}

/// The board, started from the host's value, else the draft kept under the storage
/// key, else the sample; a new value from the host replaces the list, and a storage key
/// set later shows what is kept under it (the host's value still comes first).
#[hook]
fn use_board(props: &RectificationProps) -> UseReducerHandle<Board> {
    let board = {
        let (v, key) = (props.value.clone(), props.storage_key.clone());
        let on_server = on_server::endpoint_of(props).is_some();
        use_reducer(move || {
            if on_server {
                return Board::on_server();
            }
            let (draft, kept) = match v {
                Some(_) => (None, KeptDraft::default()),
                None => read_draft(key.as_deref()),
            };
            Board::new(draft.unwrap_or_else(|| load(v.as_deref())), kept)
        })
    };
    {
        let d = board.dispatcher();
        use_host_value(props.value.clone(), move |v| {
            d.dispatch(BoardAction::Replace(load(Some(v))))
        });
    }
    let (d, value, on_emit) = (
        board.dispatcher(),
        props.value.clone(),
        props.on_emit.clone(),
    );
    let (first, initial) = (use_mut_ref(|| true), board.kept.clone());
    use_effect_with(props.storage_key.clone(), move |key| {
        let now = if std::mem::replace(&mut *first.borrow_mut(), false) {
            initial
        } else if value.is_none() {
            let (draft, now) = read_draft(key.as_deref());
            if let Some(list) = draft {
                d.dispatch(BoardAction::Replace(list));
            }
            d.dispatch(BoardAction::Kept(now.clone()));
            now
        } else {
            return;
        };
        if let (Some(k), Some(aside)) = (key, &now.unreadable) {
            crate::common::unreadable_event(&draft_key(k), aside).send(&on_emit);
        }
    });
    board
}

/// Saving the draft and telling the host read the whole list: done once the change is
/// on screen (or at once when the page is left), and only for the newest revision when
/// several come in one frame. The saver writes the list as it is now, with this
/// render's key and host (`true`: also as the draft).
#[hook]
fn use_list_saver(
    board: &UseReducerHandle<Board>,
    props: &RectificationProps,
) -> (DraftSaver, Rc<std::cell::RefCell<Saver>>) {
    let drafts = crate::common::use_draft_saver();
    let saver: Rc<std::cell::RefCell<Saver>> = use_mut_ref(|| Rc::new(|_: bool| {}) as Saver);
    *saver.borrow_mut() = {
        let (on_emit, key) = (props.on_emit.clone(), props.storage_key.clone());
        let (list, d) = (board.list.clone(), board.dispatcher());
        // The list on the server is neither kept on this device nor sent to the host.
        let on_server = board.shared.is_some();
        Rc::new(move |as_draft: bool| {
            if on_server {
                return;
            }
            let v = serde_json::to_value(&*list.borrow()).unwrap_or(Value::Null);
            Emitted::ChecklistChange { list: v.clone() }.send(&on_emit);
            // The list as loaded (or reloaded) is not a draft.
            let Some(key) = key.clone().filter(|_| as_draft) else {
                return;
            };
            let k = draft_key(&key);
            match crate::common::store_set(&k, &v.to_string()) {
                Ok(()) => {
                    d.dispatch(BoardAction::StorageError(None));
                    let saved_at = now_cst_timestamp();
                    Emitted::ChecklistDraftSaved {
                        storage_key: k,
                        saved_at,
                    }
                    .send(&on_emit);
                }
                Err(e) => d.dispatch(BoardAction::StorageError(Some(e))),
            }
        })
    };
    let (as_draft, job) = (board.keep_as_draft, (drafts.clone(), saver.clone()));
    use_effect_with(board.rev, move |rev| {
        job.0.after_paint(*rev, save_job(&job.1, as_draft))
    });
    (drafts, saver)
}

/// Focuses what the last change asked for, once it is in the DOM; the table (named by
/// its caption) when that is gone (an item the filters now hide).
#[hook]
fn use_focus_request(focus: &(u32, Option<String>), root: &NodeRef, prefix: &str) {
    let (root, prefix) = (root.clone(), prefix.to_string());
    use_effect_with(focus.clone(), move |(_, id)| {
        let (Some(root), Some(id)) = (root.cast::<web_sys::Element>(), id) else {
            return;
        };
        use crate::common::focus_within;
        if !focus_within(&root, id) {
            focus_within(&root, &format!("{prefix}-table"));
        }
    });
}

/// Positions of the items the filters let through, by deadline (none last).
fn visible_items(list: &ItemList, f: &cl::Filter, today: Date) -> Vec<usize> {
    let mut v: Vec<usize> = (0..list.items.len())
        .filter(|&n| f.matches(&list.items[n], today))
        .collect();
    yaojian::sorted::sort_by_key(&mut v, |&n| {
        let d = list.items[n].deadline;
        (d.is_none(), d)
    });
    v
}

/// What the board shows, memoised per revision of the list: the counts of the summary
/// (the full report, by list and owner, is the CLI's), the units offered as
/// suggestions, and the positions of the items the filters let through.
struct BoardViews {
    counts: Rc<cl::Counts>,
    units: Rc<Vec<String>>,
    visible: Rc<Vec<usize>>,
}

#[hook]
fn use_board_views(board: &UseReducerHandle<Board>, today: Date) -> BoardViews {
    let (rev, list) = (board.rev, board.list.clone());
    let counts = {
        let list = list.clone();
        use_memo((rev, today), move |_| {
            cl::counts(&list.borrow().items, today, cl::DUE_SOON_DAYS)
        })
    };
    let units = {
        let list = list.clone();
        use_memo(rev, move |_| {
            let list = list.borrow();
            Rc::new(list.units().into_iter().map(String::from).collect::<Vec<_>>())
        })
    };
    let visible = use_memo((rev, board.filters.clone(), today), move |(_, f, today)| {
        visible_items(&list.borrow(), f, *today)
    });
    BoardViews {
        counts,
        units: (*units).clone(),
        visible,
    }
}

fn table_head(lang: Lang) -> Html {
    html! {
        <thead><tr role="row">
            <th scope="col" role="columnheader">{ t(lang, "checklist.column.id") }</th>
            <th scope="col" role="columnheader">{ t(lang, "checklist.column.problem") }</th>
            <th scope="col" role="columnheader">{ t(lang, "cl.owner") }</th>
            <th scope="col" role="columnheader">{ t(lang, "checklist.column.deadline") }</th>
            <th scope="col" role="columnheader">{ t(lang, "checklist.column.status") }</th>
            <th scope="col" role="columnheader" class="yj-no-print">{ t(lang, "cl.actions") }</th>
        </tr></thead>
    }
}

#[function_component(Rectification)]
pub fn rectification(props: &RectificationProps) -> Html {
    let lang = props.lang;
    let today = props.today.unwrap_or_else(today);
    let page_size = props.page_size.unwrap_or(PAGE_SIZE).max(1);
    let prefix = crate::common::use_id_prefix("yj-cl");
    let board = use_board(props);
    let (drafts, saver) = use_list_saver(&board, props);
    let root = use_node_ref();
    use_focus_request(&board.focus, &root, &prefix);
    let list_rc = board.list.clone();
    let BoardViews {
        counts,
        units,
        visible,
    } = use_board_views(&board, today);
    // On the server the page holds a few units; the reports name them all.
    let units = match &board.shared {
        Some(s) => Rc::new(s.units.iter().cloned().collect()),
        None => units,
    };
    let d = board.dispatcher();
    // Every change goes through the engine; one that took is kept at once should the
    // page be left before it is drawn.
    // The server the list is on (none: the list is in the page).
    let endpoint = on_server::endpoint_of(props).filter(|_| board.shared.is_some());
    on_server::use_server_page(&board, props, page_size, prefix.clone());
    let sending = endpoint.as_ref().map(|e| retries::Sending::new(e, props, today, prefix.clone()));
    retries::use_retries(&board, sending.clone());
    let change = {
        let (board, prefix) = (board.clone(), prefix.clone());
        Callback::from(move |c: Change| {
            if let Some(s) = &sending {
                on_server::send_change(&board, s, c);
                return;
            }
            let before = board.rev;
            board.dispatch(BoardAction::Change(Box::new(c), lang, today, prefix.clone()));
            if board.rev != before {
                drafts.if_left(save_job(&saver, true));
            }
        })
    };
    let list = list_rc.borrow();
    let shown = shown_rows(&board, &list, &visible, page_size, counts.items, lang);
    let counts = match &board.shared {
        Some(s) => Rc::new(s.counts),
        None => counts,
    };
    let on_page = {
        let (d, table) = (d.clone(), format!("{prefix}-table"));
        Callback::from(move |n: usize| d.dispatch(BoardAction::Page(n, table.clone())))
    };
    let role = (props.server.token.as_deref()).and_then(crate::common::server::person_of_token);
    let ctx = table::RowCtx {
        list: &list,
        lang,
        today,
        prefix: &prefix,
        open: &board.open,
        open_with: {
            let d = d.clone();
            Callback::from(move |o: Open| d.dispatch(BoardAction::Open(o)))
        },
        error: &board.error,
        expanded: &board.expanded,
        on_details: {
            let (board, endpoint, prefix) = (board.clone(), endpoint.clone(), prefix.clone());
            Callback::from(move |id: String| {
                // Opening an item's details on the server reads its whole history.
                if let (Some(e), false) = (endpoint.clone(), board.expanded.contains(&id)) {
                    on_server::fetch_item(&board, e, id.clone(), lang, prefix.clone());
                }
                board.dispatch(BoardAction::Details(id))
            })
        },
        change: change.clone(),
        show_notice: {
            let (d, on_server, prefix) = (d.clone(), board.shared.is_some(), prefix.clone());
            let (board, change) = (board.clone(), change.clone());
            let (pattern, seq) = (props.notice_pattern.clone(), props.notice_seq);
            Callback::from(move |of: NoticeOf| match of {
                _ if on_server => {
                    let e = Box::new(ServerEvent::Notice(Some(of)));
                    d.dispatch(BoardAction::Server(e, prefix.clone()))
                }
                NoticeOf::Items(ids) => {
                    // Issued here: each item's history records it (once per number).
                    let made = notice::local_notice(&board.list.borrow(), &ids, pattern.as_deref(), seq, today);
                    if let Some(n) = made {
                        change.emit(Change::Notice(n));
                    }
                    d.dispatch(BoardAction::Notice(Some(ids)))
                }
                NoticeOf::Unit { .. } | NoticeOf::Number(_) => {}
            })
        },
        form_errors: board.form_errors.clone(),
        form_submits: board.form_submits,
        close_form: close_form(&d, &prefix),
        units: units.clone(),
        shared: board.shared.as_ref(),
        parties: shared::parties_of_role(role.as_ref().and_then(|p| p.role.as_deref())),
    };
    let local = board.shared.is_none();
    // The bureau's role, signed in, adds and imports on the server.
    let bureau = ctx.may(cl::Party::Bureau) && props.server.signed_in();
    let imports_on_server = endpoint.filter(|_| bureau);
    let adds = local || imports_on_server.is_some();
    let (from, to, current, pages) = (shown.from, shown.to, shown.current, shown.pages);
    html! {
        <div class={classes!("yj-widget", "yj-cl", board.notice_open().then_some("yj-cl--notice"))} lang={lang.tag()} ref={root}>
            { board_notes(props, &board, &list, today, &prefix) }
            { on_server::server_notes(&board, props, &prefix) }
            { on_server::server_notice(&board, props, &prefix, today, ctx.may(cl::Party::Bureau)) }
            { overview::summary_view(lang, &counts, &prefix) }
            { overview::filters_view(lang, &prefix, &board.filters, &units, &d) }
            if let Some(endpoint) = imports_on_server {
                <server_import::ServerImport {lang} prefix={(*prefix).clone()} {endpoint} on_added={on_server::reload(&d, &prefix)} />
            }
            if local {
                <import::ImportFindings lang={lang} prefix={(*prefix).clone()} on_import={on_import(&list_rc, &change, today, lang)} on_emit={props.on_emit.clone()} />
            }
            { overview::add_view(&board, &ctx, &change, today, adds) }
            <p class="yj-visually-hidden" role="status">{ board.announce.clone() }</p>
            // Focusable itself, not its caption: a focusable caption is not a child a
            // table may have (axe: aria-required-children).
            <table class="yj-cl__table yj-cards" role="table" data-testid="cl-table" id={format!("{prefix}-table")} tabindex="-1">
                <caption>{ shown.caption }</caption>
                { table_head(lang) }
                <tbody>
                    { for visible[from..to].iter().map(|&n| table::row(&ctx, n)) }
                </tbody>
            </table>
            if local {
                <crate::common::Pagination {lang} id={format!("{prefix}-pages")} {current} {pages} {on_page} />
            }
            { on_server::server_pages(&board, lang, &prefix) }
        </div>
    }
}

/// The rows on show and what the caption says of them.
struct ShownRows {
    from: usize,
    to: usize,
    current: usize,
    pages: usize,
    caption: String,
}

/// The page of the visible rows on show: after a change, the one with that item. The
/// list on the server is one page already: all of it is shown.
fn shown_rows(
    board: &Board,
    list: &ItemList,
    visible: &[usize],
    page_size: usize,
    total: usize,
    lang: Lang,
) -> ShownRows {
    if let Some(s) = &board.shared {
        let caption = tf(
            lang,
            "cl.caption_server",
            &[
                ("page", &s.cursors.len().to_string()),
                ("n", &visible.len().to_string()),
                ("total", &s.counts.items.to_string()),
            ],
        );
        let (from, to, current, pages) = (0, visible.len(), 0, 1);
        return ShownRows { from, to, current, pages, caption };
    }
    let pages = visible.len().div_ceil(page_size).max(1);
    let wanted = board
        .goto
        .as_ref()
        .and_then(|id| visible.iter().position(|&n| &list.items[n].id == id));
    let current = wanted
        .map(|p| p / page_size)
        .unwrap_or(board.page)
        .min(pages - 1);
    let (from, to) = crate::common::page_bounds(visible.len(), page_size, current);
    let caption = tf(
        lang,
        "cl.caption_page",
        &[
            ("from", &(if from == to { 0 } else { from + 1 }).to_string()),
            ("to", &to.to_string()),
            ("n", &visible.len().to_string()),
            ("total", &total.to_string()),
        ],
    );
    ShownRows {
        from,
        to,
        current,
        pages,
        caption,
    }
}

/// Closes the open form and focuses the given element (else the add button).
fn close_form(d: &UseReducerDispatcher<Board>, prefix: &str) -> Callback<Option<String>> {
    let (d, add) = (d.clone(), format!("{prefix}-add"));
    Callback::from(move |back_to: Option<String>| {
        d.dispatch(BoardAction::Close(back_to.unwrap_or_else(|| add.clone())))
    })
}

/// Findings of self-inspection submissions become items (the engine checks each
/// submission as the server does and skips items already in the list).
fn on_import(
    list: &Rc<std::cell::RefCell<ItemList>>,
    change: &Callback<Change>,
    today: Date,
    lang: Lang,
) -> Callback<Vec<Value>, yaojian::form::Import> {
    let (list, change) = (list.clone(), change.clone());
    Callback::from(move |batch: Vec<Value>| -> yaojian::form::Import {
        let got = yaojian::form::import_findings(&list.borrow(), batch, None, today, lang);
        if !got.added.is_empty() {
            change.emit(Change::Import(got.added.clone()));
        }
        got
    })
}

/// What the board says above the list: a sample, a kept draft, storage trouble, and
/// the notice on show.
fn board_notes(
    props: &RectificationProps,
    board: &UseReducerHandle<Board>,
    list: &ItemList,
    today: Date,
    prefix: &str,
) -> Html {
    let lang = props.lang;
    let kept = &board.kept;
    let sample = props.value.is_none() && !kept.restored;
    let on_discard = {
        let (d, key, value) = (
            board.dispatcher(),
            props.storage_key.clone(),
            props.value.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let (Some(k), Ok(s)) = (key.as_deref(), crate::common::local_storage()) {
                let _ = s.remove_item(&draft_key(k));
            }
            d.dispatch(BoardAction::Kept(KeptDraft::default()));
            d.dispatch(BoardAction::Replace(load(value.as_deref())));
        })
    };
    let notice = board.notice_of.as_ref().and_then(|ids| {
        notice::local_notice(list, ids, props.notice_pattern.as_deref(), props.notice_seq, today)
    });
    let on_close = {
        let d = board.dispatcher();
        Callback::from(move |_| d.dispatch(BoardAction::Notice(None)))
    };
    html! {
        <>
            if sample { <p><span class="yj-sample-notice">{ t(lang, "cl.sample") }</span></p> }
            if kept.restored {
                <p class="yj-cl__draft yj-no-print" role="status">
                    { t(lang, "cl.draft_restored") }{ " " }
                    <button type="button" class="yj-link-button" id={format!("{prefix}-discard")} onclick={on_discard}>{ t(lang, "cl.draft_discard") }</button>
                </p>
            }
            if let Some(aside) = &kept.unreadable {
                <p class="yj-error-message yj-no-print" role="alert">{ tf(lang, "common.draft_unreadable", &[("key", aside)]) }</p>
            }
            if let Some(e) = board.storage_error.as_ref().or(kept.failed.as_ref()) {
                <p class="yj-error-message yj-no-print" role="alert">{ tf(lang, "cl.storage_failed", &[("error", e)]) }</p>
            }
            if let Some(n) = notice {
                <notice::NoticeView lang={lang} prefix={prefix.to_string()} notice={Rc::new(n)} sample_pattern={props.notice_pattern.is_none()} pattern_setting="notice-pattern" {on_close} />
            }
        </>
    }
}

/// The lists and sources the filters and the item form offer, in menu order.
const LISTS: [ListKind; 3] = [
    ListKind::RiskHazard,
    ListKind::ProblemLead,
    ListKind::Rectification,
];
const SOURCES: [Source; 7] = [
    Source::Inspection,
    Source::Sampling,
    Source::Complaint,
    Source::Lead,
    Source::SelfInspection,
    Source::RiskConsultation,
    Source::Other,
];

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
