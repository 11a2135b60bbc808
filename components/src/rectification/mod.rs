//! 整改清单 widget: the list with counts and a progress bar, filters and search, pages
//! of rows sorted by deadline, each item's deadline in text as well as colour, add and
//! edit with validation, status actions that ask for exactly what the transition needs,
//! each item's details and the 责令改正通知书. The engine (`yaojian::checklist`) decides
//! every transition, check, flag and count; these files only render and send actions.
//!
//! - `mod.rs`: the board: the list (changed in place, with a revision), what is derived
//!   from it per revision, saving and emitting after the change is on screen.
//! - `table.rs`: rows, details and the page navigation.
//! - `forms.rs`: the status-action form and the add/edit form.
//! - `notice.rs`: the printable notice. `import.rs`: findings from self-inspections.

mod spec;

mod draft;
mod forms;
mod import;
mod notice;
mod table;

use crate::common::events::Emitted;
use crate::common::{now_cst_timestamp, t, tf, today, use_host_value};
use serde_json::Value;
use std::rc::Rc;
use yaojian::checklist::{self as cl, Action, Item, ItemInput, ItemList, ListKind, Source, Status};
use yaojian::date::Date;
use yaojian::{FieldError, Lang};
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
}

/// The document-number pattern used until the host sets its own (labelled sample).
pub const SAMPLE_NOTICE_PATTERN: &str = "示例药监责改〔{year}〕{seq:3}号";

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

fn label<T: serde::Serialize>(lang: Lang, prefix: &str, v: &T) -> String {
    t(lang, &format!("checklist.{prefix}.{}", cl::wire_name(v)))
}

/// The list, changed in place; `rev` moves with every change so views derived from it
/// (counts, the filtered order, the draft) know when to recompute.
#[derive(Default)]
struct Store {
    list: ItemList,
    rev: u64,
}

/// What is open: a status action or the edit form under a row, or the add form.
#[derive(Clone, PartialEq)]
enum Open {
    Action { id: String, action: &'static str },
    Edit(String),
    Add,
}

/// A change to the list, sent by a row, a form or the import.
#[derive(Clone)]
enum Change {
    /// Item id, action, note.
    Transition(String, Action, String),
    /// The item being edited (none: a new one) and the form.
    Save(Option<String>, ItemInput),
    Import(Vec<Item>),
}

/// What the engine made of a change.
enum Outcome {
    /// Done: the item concerned (to show and focus), what to announce, whether it is new.
    Changed(Option<String>, String, bool),
    /// A transition the engine refused, with its reason.
    Refused(FieldError),
    /// A form with errors, each naming its field.
    Invalid(Vec<FieldError>),
}

fn apply_change(list: &mut ItemList, c: Change, lang: Lang) -> Outcome {
    let (actor, at) = (t(lang, "cl.actor"), now_cst_timestamp());
    match c {
        Change::Transition(id, action, note) => {
            let Some(item) = list.items.iter_mut().find(|i| i.id == id) else {
                return Outcome::Refused(FieldError::new("$.id", "checklist.id").with("id", &id));
            };
            match item.apply(action, &actor, &at, &note) {
                Ok(status) => {
                    let said = tf(
                        lang,
                        "cl.done",
                        &[("id", &id), ("status", &label(lang, "status", &status))],
                    );
                    Outcome::Changed(Some(id), said, false)
                }
                Err(e) => Outcome::Refused(e),
            }
        }
        Change::Save(Some(id), input) => {
            let field = |f: &str| t(lang, &format!("checklist.column.{f}"));
            match list.edit(&id, &input, &actor, &at, field) {
                Ok(_) => {
                    let said = tf(lang, "cl.edited", &[("id", &id)]);
                    Outcome::Changed(Some(id), said, false)
                }
                Err(errs) => Outcome::Invalid(errs),
            }
        }
        Change::Save(None, input) => match list.add(&input) {
            Ok(n) => {
                let id = list.items[n].id.clone();
                let said = tf(lang, "cl.added", &[("id", &id)]);
                Outcome::Changed(Some(id), said, true)
            }
            Err(errs) => Outcome::Invalid(errs),
        },
        Change::Import(items) => {
            list.items.extend(items);
            Outcome::Changed(None, String::new(), false)
        }
    }
}

#[function_component(Rectification)]
pub fn rectification(props: &RectificationProps) -> Html {
    let lang = props.lang;
    let today = props.today.unwrap_or_else(today);
    let page_size = props.page_size.unwrap_or(PAGE_SIZE).max(1);
    let prefix = crate::common::use_id_prefix("yj-cl");
    let redraw = use_force_update();
    // The host's value first; else a draft kept under the storage key; else the sample.
    let store = use_mut_ref(Store::default);
    let kept = {
        let (v, key, store) = (
            props.value.clone(),
            props.storage_key.clone(),
            store.clone(),
        );
        use_state(move || {
            let (draft, kept) = match v {
                Some(_) => (None, KeptDraft::default()),
                None => read_draft(key.as_deref()),
            };
            store.borrow_mut().list = draft.unwrap_or_else(|| load(v.as_deref()));
            kept
        })
    };
    let restored = kept.restored;
    let sample = props.value.is_none() && !restored;
    // Set when the next revision is a reload, not a change to keep as a draft.
    let skip_save = use_mut_ref(|| true);
    let replace = {
        let (store, redraw, skip) = (store.clone(), redraw.clone(), skip_save.clone());
        Rc::new(move |list: ItemList| {
            let mut s = store.borrow_mut();
            if s.list != list {
                *skip.borrow_mut() = true;
                s.list = list;
                s.rev += 1;
                redraw.force_update();
            }
        })
    };
    {
        let replace = replace.clone();
        use_host_value(props.value.clone(), move |v| replace(load(Some(v))));
    }
    // A storage key set later (an attribute the page adds): show what is kept under it,
    // before any change is saved there. The host's value still comes first.
    {
        let (kept, replace, value) = (kept.clone(), replace.clone(), props.value.clone());
        let (on_emit, first) = (props.on_emit.clone(), use_mut_ref(|| true));
        use_effect_with(props.storage_key.clone(), move |key| {
            let now = if std::mem::replace(&mut *first.borrow_mut(), false) {
                (*kept).clone()
            } else if value.is_none() {
                let (draft, now) = read_draft(key.as_deref());
                if let Some(list) = draft {
                    replace(list);
                }
                kept.set(now.clone());
                now
            } else {
                return;
            };
            if let (Some(k), Some(aside)) = (key, &now.unreadable) {
                crate::common::unreadable_event(&draft_key(k), aside).send(&on_emit);
            }
        });
    }
    let filters = use_state(cl::Filter::default);
    // The page on show (set by the navigation, a filter, or an add or edit through `goto`).
    let page = use_mut_ref(|| 0usize);
    let goto = use_mut_ref(|| None::<String>);
    let open = use_state(|| None::<Open>);
    let error = use_state(|| None::<FieldError>);
    let form_errors = use_state(|| Rc::new(Vec::<FieldError>::new()));
    let form_submits = use_state(|| 0u32);
    let announce = use_state(String::new);
    let expanded = use_state(std::collections::BTreeSet::<String>::new);
    // The items of the notice on show.
    let notice_of = use_state(|| None::<Vec<String>>);
    let storage_error = use_state(|| None::<String>);
    // The element (by id) to focus once the next render is on screen.
    let focus_next = use_mut_ref(|| None::<String>);
    let root = use_node_ref();

    let rev = store.borrow().rev;
    // The counts the summary shows (the full report, by list and owner, is the CLI's).
    let counts = {
        let store = store.clone();
        use_memo((rev, today), move |_| {
            cl::counts(&store.borrow().list.items, today, cl::DUE_SOON_DAYS)
        })
    };
    let units = {
        let store = store.clone();
        use_memo(rev, move |_| {
            let s = store.borrow();
            Rc::new(
                s.list
                    .units()
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>(),
            )
        })
    };
    // Positions of the items the filters let through, by deadline (none last).
    let visible = {
        let store = store.clone();
        use_memo((rev, (*filters).clone(), today), move |(_, f, today)| {
            let s = store.borrow();
            let mut v: Vec<usize> = (0..s.list.items.len())
                .filter(|&n| f.matches(&s.list.items[n], *today))
                .collect();
            v.sort_by_key(|&n| {
                let d = s.list.items[n].deadline;
                (d.is_none(), d)
            });
            v
        })
    };

    // Saving the draft and telling the host read the whole list: done once the change
    // is on screen (or at once when the page is left), and only for the newest revision
    // when several come in one frame.
    let drafts = crate::common::use_draft_saver();
    // Saves the list as it is now (with this render's key and host), `true`: as a draft.
    let saver: Rc<std::cell::RefCell<Saver>> = use_mut_ref(|| Rc::new(|_: bool| {}) as Saver);
    *saver.borrow_mut() = {
        let on_emit = props.on_emit.clone();
        let key = props.storage_key.clone();
        let (storage_error, store) = (storage_error.clone(), store.clone());
        Rc::new(move |as_draft: bool| {
            let v = serde_json::to_value(&store.borrow().list).unwrap_or(Value::Null);
            Emitted::ChecklistChange { list: v.clone() }.send(&on_emit);
            // The list as loaded (or reloaded) is not a draft.
            let Some(key) = key.clone().filter(|_| as_draft) else {
                return;
            };
            let k = draft_key(&key);
            match crate::common::store_set(&k, &v.to_string()) {
                Ok(()) => {
                    storage_error.set(None);
                    Emitted::ChecklistDraftSaved {
                        storage_key: k.to_string(),
                        saved_at: now_cst_timestamp(),
                    }
                    .send(&on_emit);
                }
                Err(e) => storage_error.set(Some(e)),
            }
        })
    };
    {
        let (skip, drafts, saver) = (skip_save.clone(), drafts.clone(), saver.clone());
        use_effect_with(rev, move |rev| {
            let as_draft = !std::mem::replace(&mut *skip.borrow_mut(), false);
            drafts.after_paint(*rev, save_job(&saver, as_draft));
        });
    }
    // Focus what the last change asked for, once it is in the DOM; the table's caption
    // when that is gone (an item the filters now hide).
    {
        let (focus_next, root, prefix) = (focus_next.clone(), root.clone(), prefix.clone());
        use_effect(move || {
            let Some(root) = root.cast::<web_sys::Element>() else {
                return;
            };
            let Some(id) = focus_next.borrow_mut().take() else {
                return;
            };
            use crate::common::focus_within;
            if !focus_within(&root, &id) {
                focus_within(&root, &format!("{prefix}-caption"));
            }
        });
    }

    let on_discard = {
        let (kept, key, value, replace) = (
            kept.clone(),
            props.storage_key.clone(),
            props.value.clone(),
            replace.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let (Some(k), Ok(s)) = (key.as_deref(), crate::common::local_storage()) {
                let _ = s.remove_item(&draft_key(k));
            }
            kept.set(KeptDraft::default());
            replace(load(value.as_deref()));
        })
    };

    // Every change goes through here: the engine decides, the board redraws.
    let change = {
        let (store, redraw) = (store.clone(), redraw.clone());
        let (drafts, saver) = (drafts.clone(), saver.clone());
        let (open, error, announce, form_errors, form_submits) = (
            open.clone(),
            error.clone(),
            announce.clone(),
            form_errors.clone(),
            form_submits.clone(),
        );
        let (filters, goto, focus_next, prefix) = (
            filters.clone(),
            goto.clone(),
            focus_next.clone(),
            prefix.clone(),
        );
        Callback::from(move |c: Change| {
            let outcome = apply_change(&mut store.borrow_mut().list, c, lang);
            match outcome {
                Outcome::Changed(id, said, added) => {
                    // Kept at once should the page be left before the change is drawn.
                    drafts.if_left(save_job(&saver, true));
                    {
                        let mut s = store.borrow_mut();
                        s.rev += 1;
                        if let Some(id) = &id {
                            let n = s.list.items.iter().position(|i| &i.id == id);
                            // A new item the filters would hide: clear them to show it.
                            if added && n.is_some_and(|n| !filters.matches(&s.list.items[n], today))
                            {
                                filters.set(cl::Filter::default());
                            }
                            *focus_next.borrow_mut() = n.map(|n| table::row_id(&prefix, n));
                            *goto.borrow_mut() = Some(id.clone());
                        }
                    }
                    if !said.is_empty() {
                        announce.set(said);
                    }
                    open.set(None);
                    error.set(None);
                    form_errors.set(Rc::new(vec![]));
                    redraw.force_update();
                }
                Outcome::Refused(e) => error.set(Some(e)),
                Outcome::Invalid(errs) => {
                    form_errors.set(Rc::new(errs));
                    form_submits.set(*form_submits + 1);
                }
            }
        })
    };

    let show_notice = {
        let notice_of = notice_of.clone();
        Callback::from(move |ids: Vec<String>| notice_of.set(Some(ids)))
    };
    let s = store.borrow();
    let list = &s.list;
    let notice_items: Vec<&Item> = notice_of
        .as_ref()
        .map(|ids| list.items.iter().filter(|i| ids.contains(&i.id)).collect())
        .unwrap_or_default();
    let pattern = props
        .notice_pattern
        .as_deref()
        .unwrap_or(SAMPLE_NOTICE_PATTERN);
    let notice = cl::notice(&notice_items, pattern, props.notice_seq.unwrap_or(1), today);

    // The page on show: after a change, the one with that item.
    let pages = visible.len().div_ceil(page_size).max(1);
    let wanted = goto.borrow_mut().take().and_then(|id| {
        visible
            .iter()
            .position(|&n| list.items[n].id == id)
            .map(|p| p / page_size)
    });
    let current = wanted.unwrap_or(*page.borrow()).min(pages - 1);
    *page.borrow_mut() = current;
    let shown = &visible
        [(current * page_size).min(visible.len())..((current + 1) * page_size).min(visible.len())];

    let f = (*filters).clone();
    let set_filter = |field: &'static str| {
        let (filters, page) = (filters.clone(), page.clone());
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
            *page.borrow_mut() = 0;
        })
    };
    let on_search = {
        let (filters, page) = (filters.clone(), page.clone());
        Callback::from(move |e: InputEvent| {
            let mut x = (*filters).clone();
            x.search = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            filters.set(x);
            *page.borrow_mut() = 0;
        })
    };
    let on_page = {
        let (page, focus_next, prefix, redraw) = (
            page.clone(),
            focus_next.clone(),
            prefix.clone(),
            redraw.clone(),
        );
        Callback::from(move |n: usize| {
            *page.borrow_mut() = n;
            redraw.force_update();
            // Start reading the new page from the table's caption.
            *focus_next.borrow_mut() = Some(format!("{prefix}-caption"));
        })
    };

    // Findings of self-inspection submissions become items (the engine checks each
    // submission as the server does and skips items already in the list).
    let on_import = {
        let (store, change) = (store.clone(), change.clone());
        Callback::from(move |batch: Vec<Value>| -> yaojian::form::Import {
            let got =
                yaojian::form::import_findings(&store.borrow().list, batch, None, today, lang);
            if !got.added.is_empty() {
                change.emit(Change::Import(got.added.clone()));
            }
            got
        })
    };
    // Opening a form clears what the last one was told.
    let open_with = {
        let (open, error, form_errors) = (open.clone(), error.clone(), form_errors.clone());
        Callback::from(move |what: Open| {
            error.set(None);
            form_errors.set(Rc::new(vec![]));
            open.set(Some(what));
        })
    };
    let open_add = {
        let open_with = open_with.clone();
        Callback::from(move |_: MouseEvent| open_with.emit(Open::Add))
    };
    let close_form = {
        let (open, form_errors, focus_next, prefix) = (
            open.clone(),
            form_errors.clone(),
            focus_next.clone(),
            prefix.clone(),
        );
        Callback::from(move |back_to: Option<String>| {
            form_errors.set(Rc::new(vec![]));
            open.set(None);
            *focus_next.borrow_mut() = Some(back_to.unwrap_or_else(|| format!("{prefix}-add")));
        })
    };

    let c = *counts;
    let from = if shown.is_empty() {
        0
    } else {
        current * page_size + 1
    };
    let caption = tf(
        lang,
        "cl.caption_page",
        &[
            ("from", &from.to_string()),
            ("to", &(current * page_size + shown.len()).to_string()),
            ("n", &visible.len().to_string()),
            ("total", &c.items.to_string()),
        ],
    );
    let ctx = table::RowCtx {
        list,
        lang,
        today,
        prefix: &prefix,
        open: &open,
        open_with,
        error: &error,
        expanded: &expanded,
        change: change.clone(),
        show_notice: show_notice.clone(),
        form_errors: (*form_errors).clone(),
        form_submits: *form_submits,
        close_form: close_form.clone(),
        units: (*units).clone(),
    };
    html! {
        <div class={classes!("yj-widget", "yj-cl", notice.is_some().then_some("yj-cl--notice"))} lang={lang.tag()} ref={root}>
            if sample { <p><span class="yj-sample-notice">{ t(lang, "cl.sample") }</span></p> }
            if restored {
                <p class="yj-cl__draft yj-no-print" role="status">
                    { t(lang, "cl.draft_restored") }{ " " }
                    <button type="button" class="yj-link-button" id={format!("{prefix}-discard")} onclick={on_discard}>{ t(lang, "cl.draft_discard") }</button>
                </p>
            }
            if let Some(aside) = &kept.unreadable {
                <p class="yj-error-message yj-no-print" role="alert">{ tf(lang, "draft.unreadable", &[("key", aside)]) }</p>
            }
            if let Some(e) = storage_error.as_ref().or(kept.failed.as_ref()) {
                <p class="yj-error-message yj-no-print" role="alert">{ tf(lang, "cl.storage_failed", &[("error", e)]) }</p>
            }
            if let Some(n) = &notice {
                <notice::NoticeView lang={lang} prefix={(*prefix).clone()} notice={Rc::new(n.clone())} sample_pattern={props.notice_pattern.is_none()}
                    on_close={ let notice_of = notice_of.clone(); Callback::from(move |_| notice_of.set(None)) } />
            }
            <section class="yj-cl__summary" aria-labelledby={format!("{prefix}-summary-title")}>
                <h3 id={format!("{prefix}-summary-title")} class="yj-cl__legend">{ t(lang, "cl.progress") }</h3>
                <p data-testid="cl-summary">{ cl::summary_line(&c, lang) }</p>
                <label for={format!("{prefix}-progress")}>{ tf(lang, "cl.closed_of", &[("closed", &c.closed.to_string()), ("total", &c.items.to_string())]) }</label>
                <progress id={format!("{prefix}-progress")} max={c.items.max(1).to_string()} value={c.closed.to_string()}></progress>
                <p data-testid="cl-flags">{ tf(lang, "cl.flags", &[("overdue", &c.overdue.to_string()), ("soon", &c.due_soon.to_string())]) }</p>
            </section>
            <fieldset class="yj-cl__filters yj-no-print">
                <legend class="yj-cl__legend">{ t(lang, "cl.filters") }</legend>
                <div class="yj-field">
                    <label class="yj-label" for={format!("{prefix}-search")}>{ t(lang, "cl.search") }</label>
                    <input class="yj-input" id={format!("{prefix}-search")} type="search" value={f.search.clone()} oninput={on_search} />
                </div>
                { select_filter(lang, &prefix, "status", "checklist.column.status", set_filter("status"),
                    [Status::Pending, Status::InProgress, Status::AwaitingReinspection, Status::Closed].iter()
                        .map(|x| (cl::wire_name(x), label(lang, "status", x), f.status == Some(*x))).collect()) }
                { select_filter(lang, &prefix, "list", "checklist.column.list", set_filter("list"),
                    LISTS.iter().map(|x| (cl::wire_name(x), label(lang, "list", x), f.list == Some(*x))).collect()) }
                { select_filter(lang, &prefix, "source", "cl.source", set_filter("source"),
                    SOURCES.iter().map(|x| (cl::wire_name(x), label(lang, "source", x), f.source == Some(*x))).collect()) }
                { select_filter(lang, &prefix, "unit", "cl.unit", set_filter("unit"),
                    units.iter().map(|u| (u.clone(), u.clone(), f.unit.as_deref() == Some(u.as_str()))).collect()) }
                <div class="yj-checkbox">
                    <input type="checkbox" id={format!("{prefix}-overdue")} checked={f.overdue_only} onchange={set_filter("overdue")} />
                    <label for={format!("{prefix}-overdue")}>{ t(lang, "cl.overdue_only") }</label>
                </div>
            </fieldset>
            <import::ImportFindings lang={lang} prefix={(*prefix).clone()} on_import={on_import} />
            <div class="yj-button-row yj-no-print">
                <button type="button" class="yj-button" id={format!("{prefix}-add")} onclick={open_add}
                        aria-expanded={(*open == Some(Open::Add)).to_string()}>{ t(lang, "cl.add") }</button>
            </div>
            if *open == Some(Open::Add) {
                <forms::ItemForm lang={lang} prefix={(*prefix).clone()} editing={None::<String>}
                    initial={Rc::new(ItemInput { id: list.next_id(today), ..ItemInput::default() })}
                    errors={(*form_errors).clone()} submits={*form_submits} units={(*units).clone()}
                    on_save={ let change = change.clone(); Callback::from(move |i: ItemInput| change.emit(Change::Save(None, i))) }
                    on_cancel={ let c = close_form.clone(); Callback::from(move |_| c.emit(None)) } />
            }
            <p class="yj-visually-hidden" role="status">{ (*announce).clone() }</p>
            <table class="yj-cl__table" data-testid="cl-table">
                <caption id={format!("{prefix}-caption")} tabindex="-1">{ caption }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "checklist.column.id") }</th>
                    <th scope="col">{ t(lang, "checklist.column.problem") }</th>
                    <th scope="col">{ t(lang, "cl.owner") }</th>
                    <th scope="col">{ t(lang, "checklist.column.deadline") }</th>
                    <th scope="col">{ t(lang, "checklist.column.status") }</th>
                    <th scope="col" class="yj-no-print">{ t(lang, "cl.actions") }</th>
                </tr></thead>
                <tbody>
                    { for shown.iter().map(|&n| table::row(&ctx, n)) }
                </tbody>
            </table>
            <crate::common::Pagination {lang} id={format!("{prefix}-pages")} {current} {pages} {on_page} />
        </div>
    }
}

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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
