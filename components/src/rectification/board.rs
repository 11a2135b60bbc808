//! The board's state: one reducer, in the style of Yew's `function_todomvc`. The list
//! itself is changed in place (a change to one of 5,000 items copies none of them);
//! `rev` moves with every change, so what is derived from the list (counts, the
//! filtered order, the draft) is recomputed only then. Every change goes to the engine
//! through `apply_change`.

use super::draft::KeptDraft;
use super::label;
use super::shared::{ServerEvent, Shared};
use crate::common::{now_cst_timestamp, t, tf};
use std::cell::RefCell;
use yaojian::sorted::SortedSet;
use std::rc::Rc;
use yaojian::checklist::{self as cl, Action, Item, ItemInput, ItemList};
use yaojian::date::Date;
use yaojian::{FieldError, Lang};
use yew::Reducible;

/// The id of the row header of the item at `n`: the table gives it to the row, and the
/// board sends focus there after a change to the item.
pub(super) fn row_id(prefix: &str, n: usize) -> String {
    format!("{prefix}-row-{n}")
}

/// What is open: a status action or the edit form under a row, or the add form.
#[derive(Clone, PartialEq)]
pub enum Open {
    Action { id: String, action: &'static str },
    Edit(String),
    Add,
}

/// A change to the list, sent by a row, a form or the import.
#[derive(Clone)]
pub enum Change {
    /// Item id, action, note.
    Transition(String, Action, String),
    /// The item being edited (none: a new one) and the form.
    Save(Option<String>, ItemInput),
    /// A new item for the list on the server, and its enterprise's 统一社会信用代码.
    AddOnServer(ItemInput, String),
    Import(Vec<Item>),
    /// A notice issued for items of a list kept here: their histories record it.
    Notice(cl::Notice),
}

/// What the engine (or the server, with the engine) made of a change.
pub(super) enum Outcome {
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
                    let status = label(lang, "checklist.status.", &status);
                    let said = tf(lang, "cl.done", &[("id", &id), ("status", &status)]);
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
                Err(errs) => Outcome::Invalid(errs.into()),
            }
        }
        Change::Save(None, input) | Change::AddOnServer(input, _) => match list.add(&input) {
            Ok(n) => {
                let id = list.items[n].id.clone();
                let said = tf(lang, "cl.added", &[("id", &id)]);
                Outcome::Changed(Some(id), said, true)
            }
            Err(errs) => Outcome::Invalid(errs.into()),
        },
        Change::Import(items) => {
            list.items.extend(items);
            Outcome::Changed(None, String::new(), false)
        }
        Change::Notice(notice) => {
            list.record_notice(&notice, &actor, &at);
            Outcome::Changed(None, String::new(), false)
        }
    }
}

#[derive(Clone)]
pub struct Board {
    /// The list, shared by every state the reducer makes and changed in place.
    pub list: Rc<RefCell<ItemList>>,
    pub rev: u64,
    /// Whether the newest revision is a change to keep as a draft (not a reload).
    pub keep_as_draft: bool,
    /// What the board says about the draft kept under the storage key.
    pub kept: KeptDraft,
    pub filters: cl::Filter,
    /// The page on show, unless `goto` names an item whose page is shown.
    pub page: usize,
    pub goto: Option<String>,
    pub open: Option<Open>,
    /// A transition the engine refused.
    pub error: Option<FieldError>,
    /// The errors of the add or edit form, and a count of its submits (for focus).
    pub form_errors: Rc<Vec<FieldError>>,
    pub form_submits: u32,
    /// What the live region announces.
    pub announce: String,
    /// Items whose details are open.
    pub expanded: SortedSet<String>,
    /// The items of the notice on show.
    pub notice_of: Option<Vec<String>>,
    pub storage_error: Option<String>,
    /// The element to focus once drawn, and a count that moves with every request.
    pub focus: (u32, Option<String>),
    /// With `endpoint`: the list on the server (the list above is then its page).
    pub shared: Option<Shared>,
}

/// What happens to the board.
pub enum BoardAction {
    /// The host's list, a kept draft or the sample replaces the list (not a draft).
    Replace(ItemList),
    /// What is kept under the storage key.
    Kept(KeptDraft),
    /// A change by the user: the engine decides. Carries the language, the day and
    /// the id prefix the outcome is told in.
    Change(Box<Change>, Lang, Date, Rc<String>),
    Filters(cl::Filter),
    /// A page of the navigation; focus moves to the element with this id.
    Page(usize, String),
    /// Opening a form clears what the last one was told.
    Open(Open),
    /// The form closes; focus moves to the element with this id.
    Close(String),
    Details(String),
    Notice(Option<Vec<String>>),
    StorageError(Option<String>),
    /// What happens to the list on the server, told with the id prefix.
    Server(Box<ServerEvent>, Rc<String>),
}

impl Board {
    /// Whether a notice is on show (here or from the server): the print is it alone.
    pub fn notice_open(&self) -> bool {
        self.notice_of.is_some() || self.shared.as_ref().is_some_and(|s| s.notice.is_some())
    }

    /// The board of the list on the server: no rows until the first page comes.
    pub fn on_server() -> Board {
        Board {
            shared: Some(Shared::new()),
            ..Board::new(ItemList::default(), KeptDraft::default())
        }
    }

    pub fn new(list: ItemList, kept: KeptDraft) -> Board {
        Board {
            list: Rc::new(RefCell::new(list)),
            rev: 0,
            keep_as_draft: false,
            kept,
            filters: cl::Filter::default(),
            page: 0,
            goto: None,
            open: None,
            error: None,
            form_errors: Rc::new(Vec::new()),
            form_submits: 0,
            announce: String::new(),
            expanded: SortedSet::new(),
            notice_of: None,
            storage_error: None,
            focus: (0, None),
            shared: None,
        }
    }

    /// The list changed, but not by this user's hand (a host's value, a draft, the
    /// server's page): a new revision that is no draft.
    pub(super) fn reloaded(&mut self) {
        self.rev += 1;
        self.keep_as_draft = false;
    }

    fn focus_on(&mut self, id: String) {
        self.focus = (self.focus.0 + 1, Some(id));
    }

    pub(super) fn changed(&mut self, outcome: Outcome, today: Date, prefix: &str) {
        match outcome {
            Outcome::Changed(id, said, added) => {
                self.rev += 1;
                self.keep_as_draft = true;
                if let Some(id) = id {
                    let list = self.list.borrow();
                    let n = list.items.iter().position(|i| i.id == id);
                    // A new item the filters would hide: clear them to show it.
                    if added && n.is_some_and(|n| !self.filters.matches(&list.items[n], today)) {
                        self.filters = cl::Filter::default();
                    }
                    drop(list);
                    if let Some(n) = n {
                        self.focus_on(row_id(prefix, n));
                    }
                    self.goto = Some(id);
                }
                if !said.is_empty() {
                    self.announce = said;
                }
                self.open = None;
                self.error = None;
                self.form_errors = Rc::new(Vec::new());
            }
            Outcome::Refused(e) => self.error = Some(e),
            Outcome::Invalid(errs) => {
                self.form_errors = Rc::new(errs);
                self.form_submits += 1;
            }
        }
    }
}

impl Reducible for Board {
    type Action = BoardAction;

    fn reduce(self: Rc<Self>, action: BoardAction) -> Rc<Self> {
        let mut b = (*self).clone();
        match action {
            BoardAction::Replace(list) => {
                if *b.list.borrow() == list {
                    return self;
                }
                *b.list.borrow_mut() = list;
                b.reloaded();
            }
            BoardAction::Kept(kept) => b.kept = kept,
            BoardAction::Change(change, lang, today, prefix) => {
                let outcome = apply_change(&mut b.list.borrow_mut(), *change, lang);
                b.changed(outcome, today, &prefix);
            }
            BoardAction::Filters(f) => {
                b.filters = f;
                b.page = 0;
                b.goto = None;
                if let Some(s) = b.shared.as_mut() {
                    s.restart();
                }
            }
            BoardAction::Page(n, focus) => {
                b.page = n;
                b.goto = None;
                b.focus_on(focus);
            }
            BoardAction::Open(what) => {
                b.error = None;
                b.form_errors = Rc::new(Vec::new());
                b.open = Some(what);
            }
            BoardAction::Close(focus) => {
                b.form_errors = Rc::new(Vec::new());
                b.open = None;
                b.focus_on(focus);
            }
            BoardAction::Details(id) => {
                if !b.expanded.remove(&id) {
                    b.expanded.insert(id);
                }
            }
            BoardAction::Notice(ids) => b.notice_of = ids,
            BoardAction::StorageError(e) => b.storage_error = e,
            BoardAction::Server(e, prefix) => b.apply_server_event(*e, &prefix),
        }
        Rc::new(b)
    }
}
