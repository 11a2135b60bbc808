//! The form's state and its reducer. Everything the user typed is kept (as text, even
//! when it does not parse); answers are what the engine reads. Drafts serialise this.

use serde::Serialize;
use serde_json::{Map, Value};
use std::cell::{Cell, Ref, RefCell};
use yaojian::sorted::{SortedMap, SortedSet};
use std::rc::Rc;
use yaojian::date::Date;
use yaojian::form::answers::{parse_input, question_of_path, Findings, Submission};
use yaojian::form::field::FieldRef;
use yaojian::form::live::Live;
use yaojian::form::{Kind, Template};
use yaojian::FieldError;
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Section(usize),
    Review,
    Receipt(Rc<Submission>),
}

/// What is stored in `localStorage`.
#[derive(Clone, Debug, PartialEq, Default, Serialize)]
pub struct Draft {
    pub answers: Map<String, Value>,
    /// Text as typed, by field key (`q` or `group.row.column`).
    pub raw: SortedMap<String, String>,
    pub findings: Findings,
    pub started_at: String,
    pub saved_at: String,
    pub section: usize,
}

impl Draft {
    /// The draft kept as `text`; none when it is not one. A field it lacks is empty.
    pub fn read(text: &str) -> Option<Draft> {
        use yaojian::json::read::{self as r, Object};
        let v = yaojian::json::parse_document(text, "$").ok()?;
        let o = Object::of(&v, "$").ok()?;
        Some(Draft {
            answers: o.or_default("answers", r::object).ok()?,
            raw: o.or_default("raw", r::string_map).ok()?,
            findings: o.or_default("findings", yaojian::form::answers::read_findings).ok()?,
            started_at: o.or_default("started_at", r::string).ok()?,
            saved_at: o.or_default("saved_at", r::string).ok()?,
            section: o.or_default("section", r::u32).ok()? as usize,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Storage {
    /// Nothing saved yet.
    Idle,
    Saved(String),
    /// Saving failed (quota, disabled storage): the form keeps working.
    Failed(String),
    /// A draft was found; saving waits until the user restores or discards it.
    Offer(Rc<Draft>),
    /// The kept draft could not be read; it was set aside under this key.
    Unreadable(String),
}

/// The key in `FormState::shown` under which a question's errors show: its answer's,
/// or (`finding`) those of the explanation, measure and deadline its finding asks for,
/// which wait until the user has been in those fields (or continues), not just answered
/// "yes" and moved on.
pub fn shown_key(q: &str, finding: bool) -> String {
    if finding {
        format!("{q}:finding")
    } else {
        q.to_string()
    }
}

/// The question a [`shown_key`] (or a field key, `group.row.column`) belongs to.
pub fn shown_question(key: &str) -> &str {
    key.split(['.', ':']).next().unwrap_or(key)
}

/// The engine's incremental evaluation of the draft ([`Live`]) for one template.
pub struct Synced {
    pub template: Rc<Template>,
    pub live: Live,
    /// Unique per build: views compare `(epoch, version)`, and a rebuilt evaluation
    /// starts its versions again.
    pub epoch: u32,
}

thread_local! {
    static EPOCHS: Cell<u32> = const { Cell::new(0) };
}

/// [`Synced`], shared by every state the reducer makes from one another: a change
/// updates it in place (work proportional to what the change touches, not to the
/// form), and views compare the versions it hands out, never old and new evaluations.
#[derive(Clone, Default)]
pub struct LiveCell {
    cell: Rc<RefCell<Option<Synced>>>,
    /// A change arrived while a view was reading the cell: rebuild at the next render.
    stale: Rc<Cell<bool>>,
}

impl PartialEq for LiveCell {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &o.cell)
    }
}

impl std::fmt::Debug for LiveCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LiveCell")
    }
}

impl LiveCell {
    /// Makes the cell describe `t` and `draft` as of `today`: built afresh when the
    /// template or the day is not the one it was built for, else left as it is.
    pub fn sync(&self, t: &Rc<Template>, draft: &Draft, today: Date) {
        let fresh = !self.stale.get()
            && self
                .cell
                .borrow()
                .as_ref()
                .is_some_and(|s| Rc::ptr_eq(&s.template, t) && s.live.today() == today);
        if !fresh {
            self.build(t.clone(), draft, today);
        }
    }

    fn build(&self, template: Rc<Template>, draft: &Draft, today: Date) {
        let live = Live::new(&template, &draft.answers, &draft.findings, today);
        let epoch = EPOCHS.with(|e| {
            e.set(e.get().wrapping_add(1));
            e.get()
        });
        match self.cell.try_borrow_mut() {
            Ok(mut s) => {
                *s = Some(Synced {
                    template,
                    live,
                    epoch,
                });
                self.stale.set(false);
            }
            Err(_) => self.stale.set(true),
        }
    }

    /// The whole draft was replaced (restored, or set by the host).
    fn rebuild(&self, draft: &Draft) {
        let current = self
            .cell
            .try_borrow()
            .ok()
            .and_then(|s| s.as_ref().map(|s| (s.template.clone(), s.live.today())));
        if let Some((t, today)) = current {
            self.build(t, draft, today);
        }
    }

    /// Applies `f` when the cell is built and free; a cell that is borrowed (a
    /// dispatch while a view reads it) is marked stale and rebuilt at the next render.
    fn update(&self, f: impl FnOnce(&mut Synced)) {
        match self.cell.try_borrow_mut() {
            Ok(mut s) => {
                if let Some(s) = s.as_mut() {
                    f(s)
                }
            }
            Err(_) => self.stale.set(true),
        }
    }

    fn changed(&self, draft: &Draft, key: &str) {
        let q = question_of(key);
        self.update(|s| {
            s.live
                .changed(&s.template, &draft.answers, &draft.findings, q);
        });
    }

    fn finding_changed(&self, draft: &Draft, q: &str) {
        self.update(|s| {
            s.live
                .finding_changed(&s.template, &draft.answers, &draft.findings, q)
        });
    }

    /// `key`: a field key, or a [`shown_key`].
    fn touch(&self, key: &str) {
        let q = shown_question(key);
        self.update(|s| s.live.touch(&s.template, q));
    }

    /// The evaluation, once [`LiveCell::sync`] has built it.
    pub fn get(&self) -> Option<Ref<'_, Synced>> {
        Ref::filter_map(self.cell.try_borrow().ok()?, Option::as_ref).ok()
    }
}

/// A filing on its way: what is kept until the server answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outgoing {
    pub submission: Submission,
    pub idempotency_key: String,
}

impl Outgoing {
    /// The filing kept as `text`; none when it is not one.
    pub fn read(text: &str) -> Option<Outgoing> {
        use yaojian::json::read::{string, Object};
        let v = yaojian::json::parse_document(text, "$").ok()?;
        let o = Object::of(&v, "$").ok()?;
        Some(Outgoing {
            submission: o.field("submission", Submission::read).ok()?,
            idempotency_key: o.field("idempotency_key", string).ok()?,
        })
    }
}

/// Where a filing is.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Sending {
    #[default]
    Idle,
    InFlight(Rc<Outgoing>),
    /// Kept on this device; why the last try got no answer.
    Queued(Rc<Outgoing>, String),
    /// Kept on this device; the server asked for a new sign-in (its message), refusing
    /// the token it was sent with.
    AwaitingSignIn(Rc<Outgoing>, String, Option<String>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    pub draft: Draft,
    /// Parse errors of typed text, by field key.
    pub input_errors: SortedMap<String, FieldError>,
    /// Questions whose errors are shown (blurred, or their section checked).
    pub shown: SortedSet<String>,
    pub step: Step,
    pub storage: Storage,
    /// Errors of the last submit attempt (shown in the summary).
    pub submit_errors: Vec<FieldError>,
    /// Bumped to move focus to the error summary again.
    pub focus_token: u32,
    /// An element to focus after the next render.
    pub pending_focus: Option<String>,
    /// Bumped on every change a user makes (drives autosave and yj-change).
    pub revision: u32,
    pub live: LiveCell,
    /// A filing to the server (`endpoint`): on its way, or queued on this device.
    pub sending: Sending,
}

impl FormState {
    pub fn new(started_at: String) -> Self {
        FormState {
            draft: Draft {
                started_at,
                ..Draft::default()
            },
            input_errors: SortedMap::new(),
            shown: SortedSet::new(),
            step: Step::Section(0),
            storage: Storage::Idle,
            submit_errors: Vec::new(),
            focus_token: 0,
            pending_focus: None,
            revision: 0,
            live: LiveCell::default(),
            sending: Default::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FindingField {
    Explanation,
    Measure,
    Deadline,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AttestField {
    Agreed,
    Name,
    Date,
}

pub enum Msg {
    /// A choice-type answer (yes/no, single or multiple choice).
    Set(String, Value),
    /// Typed text for field `key` of `kind`; parsed by the engine.
    Text {
        key: String,
        kind: Kind,
        text: String,
    },
    Blur(String),
    Finding(String, FindingField, String),
    Attest(String, AttestField, Value),
    AddRow(String),
    RemoveRow(String, usize),
    /// Go to a step, optionally focusing an element afterwards.
    Goto(Step, Option<String>),
    /// Show these questions' errors (a section was checked).
    Show(Vec<String>, bool),
    SubmitFailed(Vec<FieldError>),
    Submitted(Rc<Submission>),
    /// Where the filing to the server is.
    Sending(Sending),
    Storage(Storage),
    Restore,
    Discard,
    Focused,
    /// The host set a new value (answers or a draft): replace everything.
    Replace(Draft),
    /// Another person (or no one) is signed in now: an empty form, started at this time.
    StartAfresh(String),
    /// The person who just signed in takes over what was typed before: save it again.
    TakenOver,
}


fn set_at(answers: &mut Map<String, Value>, key: &str, v: Value) {
    match FieldRef::from_key(key) {
        FieldRef::Cell { group, row, column } => {
            if let Some(Value::Object(cells)) = answers
                .get_mut(&group)
                .and_then(Value::as_array_mut)
                .and_then(|rows| rows.get_mut(row))
            {
                if v.is_null() {
                    cells.shift_remove(&column);
                } else {
                    cells.insert(column, v);
                }
            }
        }
        _ => {
            if v.is_null() {
                answers.shift_remove(key);
            } else {
                answers.insert(key.to_string(), v);
            }
        }
    }
}

/// Re-keys typed text after row `removed` of `group` is deleted.
fn shift_rows<T>(map: &mut SortedMap<String, T>, group: &str, removed: usize) {
    let keys: Vec<String> = map
        .keys()
        .filter(|k| matches!(FieldRef::from_key(k), FieldRef::Cell { group: g, .. } if g == group))
        .cloned()
        .collect();
    let mut moved = Vec::new();
    for k in keys {
        let v = map.remove(&k).expect("listed above");
        if let FieldRef::Cell { group, row, column } = FieldRef::from_key(&k) {
            if row != removed {
                let row = if row > removed { row - 1 } else { row };
                moved.push((FieldRef::cell(&group, row, &column).key(), v));
            }
        }
    }
    map.extend(moved);
}

/// The top-level question a field key belongs to.
pub fn question_of(key: &str) -> &str {
    key.split('.').next().unwrap_or(key)
}

/// The changes whose handling is more than a line.
impl FormState {
    fn set_text(&mut self, key: String, kind: Kind, text: String) {
        let path = FieldRef::from_key(&key).path();
        match parse_input(kind, &text, &path) {
            Ok(v) => {
                self.input_errors.remove(&key);
                set_at(&mut self.draft.answers, &key, v);
            }
            Err(e) => {
                self.input_errors.insert(key.clone(), e);
                set_at(&mut self.draft.answers, &key, Value::Null);
            }
        }
        self.live.changed(&self.draft, &key);
        self.draft.raw.insert(key, text);
    }

    fn attest(&mut self, q: String, field: AttestField, v: Value) {
        let entry = self
            .draft
            .answers
            .entry(q.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let key = match field {
            AttestField::Agreed => "agreed",
            AttestField::Name => "name",
            AttestField::Date => "date",
        };
        if let Some(o) = entry.as_object_mut() {
            o.insert(key.to_string(), v);
        }
        self.live.changed(&self.draft, &q);
    }

    fn add_row(&mut self, g: String) {
        let rows = self
            .draft
            .answers
            .entry(g.clone())
            .or_insert_with(|| Value::Array(Vec::new()));
        if !rows.is_array() {
            *rows = Value::Array(Vec::new());
        }
        if let Some(a) = rows.as_array_mut() {
            a.push(Value::Object(Map::new()));
            let first = a.len() - 1;
            self.pending_focus = Some(format!("{g}-{first}"));
        }
        self.live.changed(&self.draft, &g);
    }

    fn remove_row(&mut self, g: String, i: usize) {
        if let Some(a) = self.draft.answers.get_mut(&g).and_then(Value::as_array_mut) {
            if i < a.len() {
                a.remove(i);
            }
            if a.is_empty() {
                self.draft.answers.shift_remove(&g);
            }
        }
        shift_rows(&mut self.draft.raw, &g, i);
        shift_rows(&mut self.input_errors, &g, i);
        self.live.changed(&self.draft, &g);
        self.pending_focus = Some(format!("{g}-add"));
    }

    fn submit_failed(&mut self, errs: Vec<FieldError>) {
        for e in &errs {
            if let Some(q) = question_of_path(&e.path) {
                self.shown
                    .insert(shown_key(q, is_finding(&e.path)));
                self.live.touch(q);
            }
        }
        self.submit_errors = errs;
        self.focus_token += 1;
    }
}

impl Reducible for FormState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        let mut changed = true;
        match msg {
            Msg::Set(q, v) => {
                set_at(&mut s.draft.answers, &q, v);
                s.live.changed(&s.draft, &q);
            }
            Msg::Text { key, kind, text } => s.set_text(key, kind, text),
            Msg::Blur(key) => {
                changed = false;
                if !s.shown.insert(question_of(&key).to_string()) {
                    return self;
                }
                s.live.touch(&key);
            }
            Msg::Finding(q, field, text) => {
                let f = s.draft.findings.entry(q.clone()).or_default();
                match field {
                    FindingField::Explanation => f.explanation = text,
                    FindingField::Measure => f.measure = text,
                    FindingField::Deadline => f.deadline = text,
                }
                s.live.finding_changed(&s.draft, &q);
            }
            Msg::Attest(q, field, v) => s.attest(q, field, v),
            Msg::AddRow(g) => s.add_row(g),
            Msg::RemoveRow(g, i) => s.remove_row(g, i),
            Msg::Goto(step, focus) => {
                changed = false;
                if let Step::Section(i) = step {
                    s.draft.section = i;
                }
                // The summary stays while its links move around the same page.
                if s.step != step {
                    s.submit_errors.clear();
                }
                s.step = step;
                s.pending_focus = focus.or(Some("heading".into()));
            }
            Msg::Show(qs, focus_summary) => {
                changed = false;
                s.shown.extend(qs.iter().map(|q| shown_key(q, true)));
                for q in &qs {
                    s.live.touch(q);
                }
                s.shown.extend(qs);
                if focus_summary {
                    s.focus_token += 1;
                }
            }
            Msg::SubmitFailed(errs) => {
                changed = false;
                s.submit_failed(errs);
            }
            Msg::Submitted(sub) => {
                changed = false;
                s.step = Step::Receipt(sub);
                s.pending_focus = Some("heading".into());
            }
            Msg::Sending(sending) => {
                // Announced by the status region; focus stays where the user is.
                changed = false;
                s.sending = sending;
            }
            Msg::Storage(st) => {
                changed = false;
                s.storage = st;
            }
            Msg::Restore => {
                if let Storage::Offer(d) = &s.storage {
                    s.draft = (**d).clone();
                    s.step = Step::Section(s.draft.section);
                    s.input_errors.clear();
                    s.live.rebuild(&s.draft);
                }
                s.storage = Storage::Idle;
                s.pending_focus = Some("heading".into());
            }
            Msg::Discard => {
                s.storage = Storage::Idle;
                s.pending_focus = Some("heading".into());
            }
            Msg::Focused => {
                changed = false;
                s.pending_focus = None;
            }
            Msg::StartAfresh(started_at) => {
                // Nothing of the previous person's stays on the page; nothing is saved
                // for the new one until they change something (revision 0).
                changed = false;
                s = FormState::new(started_at);
                s.live = self.live.clone();
                s.live.rebuild(&s.draft);
            }
            Msg::TakenOver => {}
            Msg::Replace(d) => {
                s = FormState::new(d.started_at.clone());
                s.draft = d;
                s.step = Step::Section(0);
                s.live = self.live.clone();
                s.live.rebuild(&s.draft);
            }
        }
        if changed {
            s.revision += 1;
        }
        Rc::new(s)
    }
}

/// Whether an error's path is in a finding (not an answer).
pub fn is_finding(path: &str) -> bool {
    FieldRef::parse(path).is_some_and(|f| f.is_finding())
}
