//! Rectification checklists (整改清单): items tracked until closed out (闭环管理).
//!
//! Status machine: 待整改 → 整改中 → 待复查 → 已销号. A re-inspection (复查) that finds
//! the problem 部分改正 or 未改正 sends the item back to 整改中; close-out (销号) needs a
//! passing re-inspection (已改正) after the last report. Every transition is recorded
//! (who, when, from, to, note); an illegal one is refused with a reason.
//! Deadlines are calendar dates in UTC+8; "today" is passed in, never read from a clock.

use crate::csv::to_csv;
use crate::date::{deadline_state, Date, DeadlineState};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 风险隐患清单
    RiskHazard,
    /// 问题线索清单
    ProblemLead,
    /// 整改销号清单
    Rectification,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 监督检查
    Inspection,
    /// 监督抽检
    Sampling,
    /// 投诉举报
    Complaint,
    /// 问题线索
    Lead,
    /// 自查
    SelfInspection,
    /// 风险会商
    RiskConsultation,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 立即改正
    Immediate,
    /// 限期改正
    Deadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待整改
    Pending,
    /// 整改中
    InProgress,
    /// 待复查
    AwaitingReinspection,
    /// 已销号
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    /// 已改正
    Corrected,
    /// 部分改正
    PartlyCorrected,
    /// 未改正
    NotCorrected,
}

/// A file the host stored; the checklist keeps only its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub name: String,
    pub size: u64,
    #[serde(rename = "type")]
    pub mime: String,
    pub checksum: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub date: Date,
    pub text: String,
    #[serde(default)]
    pub file: Option<FileRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reinspection {
    pub date: Date,
    pub inspector: String,
    pub conclusion: Conclusion,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseOut {
    pub approver: String,
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    /// Who did it.
    pub by: String,
    /// When, as an ISO timestamp with +08:00.
    pub at: String,
    pub from: Status,
    pub to: Status,
    #[serde(default)]
    pub note: String,
    /// An edit of the item's fields, not a transition: `from` and `to` are its status
    /// and the note names the fields changed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub list: ListKind,
    pub source: Source,
    /// 问题
    pub problem: String,
    /// 违反的规定
    pub provision: String,
    /// 法律依据
    pub legal_basis: String,
    /// The penalty rule (a `yaojian penalty rules` id) that applies if it is not corrected in time.
    #[serde(default)]
    pub rule: Option<String>,
    /// 整改措施
    pub measures: Vec<String>,
    /// 责任单位 and 责任人
    pub unit: String,
    pub person: String,
    pub mode: Mode,
    pub deadline: Option<Date>,
    pub status: Status,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub reinspections: Vec<Reinspection>,
    #[serde(default)]
    pub close_out: Option<CloseOut>,
    #[serde(default)]
    pub history: Vec<Transition>,
}

/// What can be done to an item; each carries exactly what its transition needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// 待整改 → 整改中
    Start,
    /// 整改中 → 待复查: the party reports its rectification, with evidence.
    Report { evidence: Vec<Evidence> },
    /// In 待复查: 已改正 stays (ready for close-out); 部分改正 / 未改正 → 整改中.
    Reinspect(Reinspection),
    /// 待复查 → 已销号, after a passing re-inspection.
    CloseOut(CloseOut),
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Report { .. } => "report",
            Action::Reinspect(_) => "reinspect",
            Action::CloseOut(_) => "close_out",
        }
    }
}

/// Why a transition was refused; the catalog key is `error.checklist.<code>`.
fn refuse(code: &str) -> FieldError {
    FieldError::new("$.action", format!("checklist.{code}"))
}

impl Item {
    /// The re-inspection that counts now: the last one after the last report.
    fn passing_reinspection(&self) -> bool {
        let last_report = self.evidence.iter().map(|e| e.date).max();
        self.reinspections.last().is_some_and(|r| {
            r.conclusion == Conclusion::Corrected && last_report.is_none_or(|d| r.date >= d)
        })
    }

    /// Applies `action` by `by` at `at` (ISO timestamp, +08:00), recording the
    /// transition. An illegal action changes nothing and says why.
    pub fn apply(
        &mut self,
        action: Action,
        by: &str,
        at: &str,
        note: &str,
    ) -> Result<Status, FieldError> {
        let from = self.status;
        let to = match (&action, from) {
            (_, Status::Closed) => return Err(refuse("closed")),
            (Action::Start, Status::Pending) => Status::InProgress,
            (Action::Start, _) => return Err(refuse("already_started")),
            (Action::Report { evidence }, Status::InProgress) => {
                if evidence.is_empty() || evidence.iter().any(|e| e.text.trim().is_empty()) {
                    return Err(refuse("evidence_required"));
                }
                self.evidence.extend(evidence.iter().cloned());
                Status::AwaitingReinspection
            }
            (Action::Report { .. }, _) => return Err(refuse("not_in_progress")),
            (Action::Reinspect(r), Status::AwaitingReinspection) => {
                if r.inspector.trim().is_empty() {
                    return Err(refuse("inspector_required"));
                }
                self.reinspections.push(r.clone());
                match r.conclusion {
                    Conclusion::Corrected => Status::AwaitingReinspection,
                    Conclusion::PartlyCorrected | Conclusion::NotCorrected => Status::InProgress,
                }
            }
            (Action::Reinspect(_), _) => return Err(refuse("nothing_to_reinspect")),
            (Action::CloseOut(c), Status::AwaitingReinspection) => {
                if !self.passing_reinspection() {
                    return Err(refuse("reinspection_required"));
                }
                if c.approver.trim().is_empty() {
                    return Err(refuse("approver_required"));
                }
                self.close_out = Some(c.clone());
                Status::Closed
            }
            (Action::CloseOut(_), _) => return Err(refuse("reinspection_required")),
        };
        self.status = to;
        self.history.push(Transition {
            by: by.to_string(),
            at: at.to_string(),
            from,
            to,
            note: note.to_string(),
            edit: false,
        });
        Ok(to)
    }

    /// Where the deadline stands on `today` (UTC+8); `None` when closed or with no deadline.
    pub fn deadline_state(&self, today: Date, soon_days: i64) -> Option<DeadlineState> {
        if self.status == Status::Closed {
            return None;
        }
        self.deadline.map(|d| deadline_state(today, d, soon_days))
    }

    pub fn is_overdue(&self, today: Date) -> bool {
        matches!(
            self.deadline_state(today, 0),
            Some(DeadlineState::Overdue { .. })
        )
    }

    /// For an overdue item whose rule fines only after a missed deadline (126, 127,
    /// 134): the rule to open a case under. `None` when not overdue or no such rule.
    pub fn suggested_case_rule(&self, today: Date) -> Option<&str> {
        let rule = self.rule.as_deref()?;
        let fines_after_deadline = crate::penalty::rule_table().get(rule).is_some_and(|r| {
            r.fine_requires_deadline_missed || !r.deadline_missed_sanctions.is_empty()
        });
        (self.is_overdue(today) && fines_after_deadline).then_some(rule)
    }
}

/// Progress as bureaus report it: 核查问题线索N件，实施整改措施N项，整改销号N件.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    pub items: usize,
    /// Items on the 问题线索 list that have been taken up (no longer 待整改).
    pub leads_verified: usize,
    /// Measures of items whose rectification has been reported (待复查 or 已销号).
    pub measures_implemented: usize,
    pub closed: usize,
    pub overdue: usize,
    pub due_soon: usize,
}

/// Counts over `items` on `today`; `soon_days` sets "due soon".
pub fn counts<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    today: Date,
    soon_days: i64,
) -> Counts {
    let mut c = Counts::default();
    for i in items {
        c.items += 1;
        if i.list == ListKind::ProblemLead && i.status != Status::Pending {
            c.leads_verified += 1;
        }
        if matches!(i.status, Status::AwaitingReinspection | Status::Closed) {
            c.measures_implemented += i.measures.len();
        }
        if i.status == Status::Closed {
            c.closed += 1;
        }
        match i.deadline_state(today, soon_days) {
            Some(DeadlineState::Overdue { .. }) => c.overdue += 1,
            Some(DeadlineState::DueSoon { .. }) => c.due_soon += 1,
            _ => {}
        }
    }
    c
}

/// A checklist document: `{"schema": "yaojian/checklist/1", "items": [...]}`. (`Eq`
/// lets an `Rc<ItemList>` compare by pointer first, so views compare a long list cheaply.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemList {
    pub schema: String,
    pub items: Vec<Item>,
}

pub const SCHEMA: &str = "yaojian/checklist/1";

/// "Due soon" means a deadline within this many days [practice]: the widget's flags and
/// counts and the CLI report's default.
pub const DUE_SOON_DAYS: i64 = 7;

/// An empty list.
impl Default for ItemList {
    fn default() -> Self {
        ItemList {
            schema: SCHEMA.into(),
            items: vec![],
        }
    }
}

/// Which items a list view shows. Empty fields match everything.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub list: Option<ListKind>,
    pub source: Option<Source>,
    /// The responsible unit, exactly.
    pub unit: Option<String>,
    /// Only items past their deadline (UTC+8) and not closed.
    pub overdue_only: bool,
    /// Text to find in the id, problem, unit, person or provision.
    pub search: String,
}

impl Filter {
    pub fn matches(&self, i: &Item, today: Date) -> bool {
        let q = self.search.trim();
        let q = if q.is_empty() {
            String::new()
        } else {
            q.to_lowercase()
        };
        self.status.is_none_or(|s| i.status == s)
            && self.list.is_none_or(|l| i.list == l)
            && self.source.is_none_or(|s| i.source == s)
            && self.unit.as_ref().is_none_or(|u| &i.unit == u)
            && (!self.overdue_only || i.is_overdue(today))
            && (q.is_empty()
                || [&i.id, &i.problem, &i.unit, &i.person, &i.provision]
                    .iter()
                    .any(|s| s.to_lowercase().contains(&q)))
    }
}

impl ItemList {
    /// The responsible units named in the list, sorted, each once.
    pub fn units(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> = self
            .items
            .iter()
            .map(|i| i.unit.as_str())
            .filter(|u| !u.is_empty())
            .collect();
        set.into_iter().collect()
    }
}

impl ItemList {
    /// Parses and checks a list; every error names its JSON path.
    pub fn from_json(src: &str) -> Result<ItemList, Vec<FieldError>> {
        let list: ItemList = crate::json::parse_str_at(src, "$").map_err(|e| vec![e])?;
        let mut errs = Vec::new();
        if list.schema != SCHEMA {
            errs.push(FieldError::new("$.schema", "checklist.schema").with("expected", SCHEMA));
        }
        let mut ids: Vec<&str> = Vec::new();
        for (n, i) in list.items.iter().enumerate() {
            let p = format!("$.items[{n}]");
            if i.id.trim().is_empty() || ids.contains(&i.id.as_str()) {
                errs.push(FieldError::new(format!("{p}.id"), "checklist.id").with("id", &i.id));
            }
            ids.push(&i.id);
            errs.extend(item_errors(i, &p));
        }
        if errs.is_empty() {
            Ok(list)
        } else {
            Err(errs)
        }
    }
}

/// What a stored item must satisfy beyond its JSON shape; paths start at `p`.
pub fn item_errors(i: &Item, p: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if i.problem.trim().is_empty() {
        errs.push(FieldError::new(format!("{p}.problem"), "required"));
    }
    if i.mode == Mode::Deadline && i.deadline.is_none() {
        errs.push(FieldError::new(
            format!("{p}.deadline"),
            "checklist.deadline_required",
        ));
    }
    if let Some(r) = &i.rule {
        if crate::penalty::rule_table().get(r).is_none() {
            errs.push(FieldError::new(format!("{p}.rule"), "penalty.unknown_rule").with("id", r));
        }
    }
    if i.status == Status::Closed && i.close_out.is_none() {
        errs.push(FieldError::new(
            format!("{p}.close_out"),
            "checklist.close_out_missing",
        ));
    }
    // What does not show must not be in a list from outside either (a host's value, a
    // kept draft, the CLI): the same check as the add/edit form.
    let measures = i.measures.iter().enumerate();
    let texts = [("id", &i.id, true), ("problem", &i.problem, false)]
        .into_iter()
        .map(|(f, v, one)| (f.to_string(), v, one))
        .chain(
            [("unit", &i.unit, true), ("person", &i.person, true)]
                .map(|(f, v, one)| (f.to_string(), v, one)),
        )
        .chain(
            [("provision", &i.provision), ("legal_basis", &i.legal_basis)]
                .map(|(f, v)| (f.to_string(), v, false)),
        )
        .chain(measures.map(|(n, m)| (format!("measures[{n}]"), m, false)));
    for (field, v, single_line) in texts {
        if let Err(e) = crate::text::check_hidden(v, single_line, &format!("{p}.{field}")) {
            errs.push(e);
        }
    }
    errs
}

/// The add/edit form of an item, as typed: free text stays text (the deadline too) so
/// nothing typed is lost to a parse; [`ItemInput::to_item`] checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemInput {
    pub id: String,
    pub list: ListKind,
    pub source: Source,
    pub problem: String,
    pub provision: String,
    pub legal_basis: String,
    /// A penalty rule id, or empty.
    pub rule: String,
    /// One measure a line; blank lines are dropped.
    pub measures: String,
    pub unit: String,
    pub person: String,
    pub mode: Mode,
    /// `YYYY-MM-DD`; read only when the mode is 限期.
    pub deadline: String,
}

impl Default for ItemInput {
    fn default() -> Self {
        ItemInput {
            id: String::new(),
            list: ListKind::Rectification,
            source: Source::Inspection,
            problem: String::new(),
            provision: String::new(),
            legal_basis: String::new(),
            rule: String::new(),
            measures: String::new(),
            unit: String::new(),
            person: String::new(),
            mode: Mode::Deadline,
            deadline: String::new(),
        }
    }
}

/// The fields of [`ItemInput`] in form order: error paths are `$.<field>`.
pub const INPUT_FIELDS: [&str; 12] = [
    "id",
    "list",
    "source",
    "problem",
    "provision",
    "legal_basis",
    "rule",
    "measures",
    "unit",
    "person",
    "mode",
    "deadline",
];

impl ItemInput {
    /// The form filled with `item`, for editing.
    pub fn from_item(i: &Item) -> ItemInput {
        ItemInput {
            id: i.id.clone(),
            list: i.list,
            source: i.source,
            problem: i.problem.clone(),
            provision: i.provision.clone(),
            legal_basis: i.legal_basis.clone(),
            rule: i.rule.clone().unwrap_or_default(),
            measures: i.measures.join("\n"),
            unit: i.unit.clone(),
            person: i.person.clone(),
            mode: i.mode,
            deadline: i.deadline.map(crate::date::format_date).unwrap_or_default(),
        }
    }

    /// Checks the form and builds the item's fields on top of `base` (its status,
    /// evidence, re-inspections and history are kept). Every error names its field
    /// (`$.problem`, `$.deadline`, …), in form order.
    pub fn to_item(&self, base: Item) -> Result<Item, Vec<FieldError>> {
        let mut errs = Vec::new();
        let text = |s: &str| s.trim().to_string();
        for (field, v) in [
            ("id", &self.id),
            ("problem", &self.problem),
            ("unit", &self.unit),
            ("person", &self.person),
        ] {
            if v.trim().is_empty() {
                errs.push(FieldError::new(format!("$.{field}"), "required"));
            }
        }
        for (field, v, single_line) in [
            ("id", &self.id, true),
            ("problem", &self.problem, false),
            ("provision", &self.provision, false),
            ("legal_basis", &self.legal_basis, false),
            ("measures", &self.measures, false),
            ("unit", &self.unit, true),
            ("person", &self.person, true),
        ] {
            if let Err(e) = crate::text::check_hidden(v, single_line, &format!("$.{field}")) {
                errs.push(e);
            }
        }
        let measures: Vec<String> = self
            .measures
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        if measures.is_empty() {
            errs.push(FieldError::new("$.measures", "checklist.measures_required"));
        }
        let rule = text(&self.rule);
        if !rule.is_empty() && crate::penalty::rule_table().get(&rule).is_none() {
            errs.push(FieldError::new("$.rule", "penalty.unknown_rule").with("id", &rule));
        }
        let deadline = match self.mode {
            Mode::Immediate => None,
            Mode::Deadline => match crate::date::parse_date(&self.deadline) {
                Ok(d) => Some(d),
                Err(crate::date::DateError::Empty) => {
                    errs.push(FieldError::new("$.deadline", "checklist.deadline_required"));
                    None
                }
                Err(e) => {
                    errs.push(e.at("$.deadline"));
                    None
                }
            },
        };
        errs.sort_by_key(|e| {
            INPUT_FIELDS
                .iter()
                .position(|f| e.path == format!("$.{f}"))
                .unwrap_or(usize::MAX)
        });
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Item {
            id: text(&self.id),
            list: self.list,
            source: self.source,
            problem: text(&self.problem),
            provision: text(&self.provision),
            legal_basis: text(&self.legal_basis),
            rule: (!rule.is_empty()).then_some(rule),
            measures,
            unit: text(&self.unit),
            person: text(&self.person),
            mode: self.mode,
            deadline,
            ..base
        })
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

impl ItemList {
    /// The next free id of the form `ZG-<year of today>-<nnn>` (one more than the
    /// highest of that year).
    pub fn next_id(&self, today: Date) -> String {
        use chrono::Datelike;
        let prefix = format!("ZG-{}-", today.year());
        let n = self
            .items
            .iter()
            .filter_map(|i| i.id.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{:03}", n.saturating_add(1))
    }

    /// Adds the item the form describes, as 待整改 (a new item has no history yet).
    /// Refuses a taken id; returns the new item's position.
    pub fn add(&mut self, input: &ItemInput) -> Result<usize, Vec<FieldError>> {
        let base = Item {
            id: String::new(),
            list: input.list,
            source: input.source,
            problem: String::new(),
            provision: String::new(),
            legal_basis: String::new(),
            rule: None,
            measures: vec![],
            unit: String::new(),
            person: String::new(),
            mode: input.mode,
            deadline: None,
            status: Status::Pending,
            evidence: vec![],
            reinspections: vec![],
            close_out: None,
            history: vec![],
        };
        let id = input.id.trim();
        let taken = (!id.is_empty() && self.items.iter().any(|i| i.id == id))
            .then(|| FieldError::new("$.id", "checklist.id").with("id", id));
        match (input.to_item(base), taken) {
            (Ok(item), None) => {
                self.items.push(item);
                Ok(self.items.len() - 1)
            }
            (Ok(_), Some(e)) => Err(vec![e]),
            (Err(errs), taken) => Err(taken.into_iter().chain(errs).collect()),
        }
    }

    /// Changes the item `id` to what the form says. Its id, status and records stay;
    /// a closed item cannot be edited. The change is recorded in the history as an
    /// edit entry (`edit: true`, from and to its status) whose note lists the fields changed
    /// (`changed` gives each field's label in the user's language). Returns whether
    /// anything changed.
    pub fn edit(
        &mut self,
        id: &str,
        input: &ItemInput,
        by: &str,
        at: &str,
        changed: impl Fn(&str) -> String,
    ) -> Result<bool, Vec<FieldError>> {
        let Some(item) = self.items.iter_mut().find(|i| i.id == id) else {
            return Err(vec![FieldError::new("$.id", "checklist.id").with("id", id)]);
        };
        if item.status == Status::Closed {
            return Err(vec![refuse("closed")]);
        }
        let mut form = input.clone();
        form.id = item.id.clone();
        let mut next = form.to_item(item.clone())?;
        // The id stays exactly as it was (the form trims what it reads).
        next.id = item.id.clone();
        let old = ItemInput::from_item(item);
        let new = ItemInput::from_item(&next);
        // The fields of the form (the id cannot change), compared as the form writes them.
        let (old_v, new_v) = (
            serde_json::to_value(&old).unwrap_or_default(),
            serde_json::to_value(&new).unwrap_or_default(),
        );
        let diff: Vec<String> = INPUT_FIELDS
            .iter()
            .filter(|f| **f != "id" && old_v[**f] != new_v[**f])
            .map(|f| match *f {
                // A moved deadline is what a reviewer looks for: say from what to what.
                "deadline" => format!(
                    "{}（{} → {}）",
                    changed(f),
                    or_dash(&old.deadline),
                    or_dash(&new.deadline)
                ),
                _ => changed(f),
            })
            .collect();
        if diff.is_empty() {
            return Ok(false);
        }
        let status = next.status;
        *item = next;
        item.history.push(Transition {
            by: by.to_string(),
            at: at.to_string(),
            from: status,
            to: status,
            note: diff.join("、"),
            edit: true,
        });
        Ok(true)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineEntry {
    pub id: String,
    pub person: String,
    pub deadline: Date,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSuggestion {
    pub id: String,
    pub rule: String,
    pub citation: crate::penalty::rules::Citation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub today: Date,
    pub counts: Counts,
    /// `核查问题线索N件，实施整改措施N项，整改销号N件`
    pub summary: String,
    pub by_list: std::collections::BTreeMap<String, Counts>,
    pub by_owner: std::collections::BTreeMap<String, Counts>,
    pub overdue: Vec<DeadlineEntry>,
    pub due_soon: Vec<DeadlineEntry>,
    /// 未按期整改: overdue items whose rule allows a case once the deadline is missed.
    pub open_case: Vec<CaseSuggestion>,
}

pub use crate::json::wire_name;

/// The progress line as bureaus write it: 核查问题线索N件，实施整改措施N项，整改销号N件.
pub fn summary_line(counts: &Counts, lang: crate::Lang) -> String {
    crate::i18n::tf(
        lang,
        "checklist.summary",
        &[
            ("leads", &counts.leads_verified.to_string()),
            ("measures", &counts.measures_implemented.to_string()),
            ("closed", &counts.closed.to_string()),
        ],
    )
}

/// Counts, overdue and due-soon items, and case suggestions for a list on `today`.
pub fn report(list: &ItemList, today: Date, soon_days: i64, lang: crate::Lang) -> Report {
    let mut by_list: std::collections::BTreeMap<String, Vec<&Item>> = Default::default();
    let mut by_owner: std::collections::BTreeMap<String, Vec<&Item>> = Default::default();
    let (mut overdue, mut due_soon, mut open_case) = (Vec::new(), Vec::new(), Vec::new());
    for i in &list.items {
        by_list.entry(wire_name(&i.list)).or_default().push(i);
        by_owner
            .entry(format!("{} {}", i.unit, i.person).trim().to_string())
            .or_default()
            .push(i);
        let entry = |days| DeadlineEntry {
            id: i.id.clone(),
            person: i.person.clone(),
            deadline: i.deadline.unwrap_or(today),
            days,
        };
        match i.deadline_state(today, soon_days) {
            Some(DeadlineState::Overdue { days }) => overdue.push(entry(days)),
            Some(DeadlineState::DueSoon { days }) => due_soon.push(entry(days)),
            _ => {}
        }
        if let Some(rule) = i.suggested_case_rule(today) {
            if let Some(r) = crate::penalty::rule_table().get(rule) {
                open_case.push(CaseSuggestion {
                    id: i.id.clone(),
                    rule: rule.to_string(),
                    citation: r.citation(),
                });
            }
        }
    }
    overdue.sort_by_key(|e| std::cmp::Reverse(e.days));
    due_soon.sort_by_key(|e| e.days);
    let counts = counts(&list.items, today, soon_days);
    let summary = summary_line(&counts, lang);
    let group = |m: std::collections::BTreeMap<String, Vec<&Item>>| {
        m.into_iter()
            .map(|(k, v)| (k, self::counts(v, today, soon_days)))
            .collect()
    };
    Report {
        today,
        counts,
        summary,
        by_list: group(by_list),
        by_owner: group(by_owner),
        overdue,
        due_soon,
        open_case,
    }
}

/// The list as CSV (UTF-8 with BOM), one row an item, headers in `lang`.
pub fn items_csv(list: &ItemList, today: Date, lang: crate::Lang) -> String {
    let keys = [
        "id",
        "list",
        "source",
        "problem",
        "provision",
        "legal_basis",
        "measures",
        "unit",
        "person",
        "mode",
        "deadline",
        "status",
        "overdue",
    ];
    let header: Vec<String> = keys
        .iter()
        .map(|k| crate::i18n::t(lang, &format!("checklist.column.{k}")))
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let label = |prefix: &str, v: String| crate::i18n::t(lang, &format!("checklist.{prefix}.{v}"));
    let rows: Vec<Vec<String>> = list
        .items
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                label("list", wire_name(&i.list)),
                label("source", wire_name(&i.source)),
                i.problem.clone(),
                i.provision.clone(),
                i.legal_basis.clone(),
                i.measures.join("；"),
                i.unit.clone(),
                i.person.clone(),
                label("mode", wire_name(&i.mode)),
                i.deadline.map(crate::date::format_date).unwrap_or_default(),
                label("status", wire_name(&i.status)),
                if i.is_overdue(today) {
                    crate::i18n::t(lang, "checklist.overdue")
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    to_csv(&header, &rows)
}

/// The fields of a 责令改正通知书 for one or more items of the same party.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// From the pattern: `{year}` and `{seq}` (`{seq:3}` pads to three digits).
    pub number: String,
    pub party: String,
    pub facts: Vec<String>,
    pub provisions: Vec<String>,
    pub legal_basis: Vec<String>,
    pub mode: Mode,
    /// The earliest deadline of the items, for 限期改正.
    pub deadline: Option<Date>,
    pub requirements: Vec<String>,
    pub date: Date,
}

/// The widest `{seq:N}` a number pattern may ask for: a `u32` has at most 10 digits.
pub const MAX_SEQ_WIDTH: usize = 10;

/// Checks a document-number pattern before it is used: only `{year}`, `{seq}` and
/// `{seq:N}` (N from 1 to [`MAX_SEQ_WIDTH`]) in braces, and a `{seq…}` somewhere, so two
/// notices never get the same number. The error's path is `path`.
pub fn check_number_pattern(pattern: &str, path: &str) -> Result<(), FieldError> {
    let bad = |code: &str| Err(FieldError::new(path, code).with("value", pattern));
    let mut rest = pattern;
    let mut has_seq = false;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..]
            .find('}')
            .filter(|_| !rest[..open].contains('}'))
        else {
            return bad("checklist.pattern_unclosed");
        };
        let spec = &rest[open + 1..open + len];
        match spec.strip_prefix("seq") {
            Some("") => has_seq = true,
            Some(w) => match w.strip_prefix(':').and_then(|w| w.parse::<usize>().ok()) {
                Some(1..=MAX_SEQ_WIDTH) => has_seq = true,
                _ => return bad("checklist.pattern_width"),
            },
            None if spec == "year" => {}
            None => return bad("checklist.pattern_placeholder"),
        }
        rest = &rest[open + len + 1..];
    }
    if rest.contains('}') || !has_seq {
        return bad(if has_seq {
            "checklist.pattern_unclosed"
        } else {
            "checklist.pattern_no_seq"
        });
    }
    Ok(())
}

/// Fills a document-number pattern such as `某药监责改〔{year}〕{seq:3}号`. Never
/// panics: a width outside 1..=[`MAX_SEQ_WIDTH`] is clamped (check a pattern from
/// outside with [`check_number_pattern`] first, to tell its author).
pub fn document_number(pattern: &str, year: i32, seq: u32) -> String {
    let mut out = String::with_capacity(pattern.len() + MAX_SEQ_WIDTH);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(len) = rest[open..].find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let spec = &rest[open + 1..open + len];
        if spec == "year" {
            out.push_str(&year.to_string());
        } else if let Some(w) = spec.strip_prefix("seq") {
            let width = w.trim_start_matches(':').parse().unwrap_or(0);
            let width: usize = std::cmp::min(width, MAX_SEQ_WIDTH);
            out.push_str(&format!("{seq:0width$}"));
        } else {
            out.push_str(&rest[open..=open + len]);
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The notice for `items` (one party), dated `date`, numbered from `pattern` and `seq`.
pub fn notice(items: &[&Item], pattern: &str, seq: u32, date: Date) -> Option<Notice> {
    use chrono::Datelike;
    let first = items.first()?;
    let uniq = |f: &dyn Fn(&Item) -> Vec<String>| {
        let mut v: Vec<String> = Vec::new();
        for i in items {
            for x in f(i) {
                if !x.trim().is_empty() && !v.contains(&x) {
                    v.push(x);
                }
            }
        }
        v
    };
    let mode = if items.iter().all(|i| i.mode == Mode::Immediate) {
        Mode::Immediate
    } else {
        Mode::Deadline
    };
    Some(Notice {
        number: document_number(pattern, date.year(), seq),
        party: first.unit.clone(),
        facts: uniq(&|i| vec![i.problem.clone()]),
        provisions: uniq(&|i| vec![i.provision.clone()]),
        legal_basis: uniq(&|i| vec![i.legal_basis.clone()]),
        mode,
        deadline: items
            .iter()
            .filter_map(|i| i.deadline)
            .min()
            .filter(|_| mode == Mode::Deadline),
        requirements: uniq(&|i| i.measures.clone()),
        date,
    })
}
