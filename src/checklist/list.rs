//! The list document (`yaojian/checklist/1`): reading and checking it, filters, the
//! add/edit form as typed (`ItemInput`), adding and editing items.

use super::item::refuse;
use super::*;
use crate::date::Date;
use crate::error::FieldError;
use crate::sorted::SortedSet;
use serde::Serialize;

/// A checklist document: `{"schema": "yaojian/checklist/1", "items": [...]}`. (`Eq`
/// lets an `Rc<ItemList>` compare by pointer first, so views compare a long list cheaply.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemList {
    pub schema: String,
    pub items: Vec<Item>,
}

/// The `schema` of a list document (`schemas/checklist.schema.json`).
pub const SCHEMA: &str = "yaojian/checklist/1";

/// "Due soon" means a deadline within this many days \[practice\]: the widget's flags and
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
    /// Whether item `i` passes every filter on `today`.
    pub fn matches(&self, i: &Item, today: Date) -> bool {
        self.status.is_none_or(|s| i.status == s)
            && self.list.is_none_or(|l| i.list == l)
            && self.source.is_none_or(|s| i.source == s)
            && self.unit.as_ref().is_none_or(|u| &i.unit == u)
            && (!self.overdue_only || i.is_overdue(today))
            && crate::text::search_matches(
                &self.search,
                &[&i.id, &i.problem, &i.unit, &i.person, &i.provision],
            )
    }
}

impl ItemList {
    /// The responsible units named in the list, sorted, each once.
    pub fn units(&self) -> Vec<&str> {
        let set: SortedSet<&str> = self
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
    pub fn from_json(src: &str) -> Result<ItemList, crate::Errors> {
        let mut list = super::read::item_list(&crate::json::parse_document(src, "$")?, "$")?;
        for i in &mut list.items {
            i.settle_status();
        }
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
            Err(errs.into())
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
    if i.status == Status::ReadyForCloseOut && !i.passing_reinspection() {
        errs.push(FieldError::new(
            format!("{p}.reinspections"),
            "checklist.reinspection_required",
        ));
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    pub fn to_item(&self, base: Item) -> Result<Item, crate::Errors> {
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
            let path = format!("$.{field}");
            let checked = crate::text::check_hidden(v, single_line, &path)
                .and_then(|_| check_length(v, field, &path));
            if let Err(e) = checked {
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
        crate::sorted::sort_by_key(&mut errs, |e| {
            INPUT_FIELDS
                .iter()
                .position(|f| e.path == format!("$.{f}"))
                .unwrap_or(usize::MAX)
        });
        if !errs.is_empty() {
            return Err(errs.into());
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

/// What every item id numbered in the year of `today` starts with: `ZG-<year>-`.
pub fn id_prefix(today: Date) -> String {
    format!("ZG-{}-", crate::date::year_of(today))
}

/// The `n`th item id of the year of `today`: `ZG-<year>-<nnn>` (at least three digits).
pub fn numbered_id(today: Date, n: u64) -> String {
    format!("{}{n:03}", id_prefix(today))
}

impl ItemList {
    /// The next free id of the form `ZG-<year of today>-<nnn>` (one more than the
    /// highest of that year).
    pub fn next_id(&self, today: Date) -> String {
        let prefix = id_prefix(today);
        let n = self
            .items
            .iter()
            .filter_map(|i| i.id.strip_prefix(&prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        numbered_id(today, n.saturating_add(1))
    }

    /// Adds the item the form describes, as 待整改 (a new item has no history yet).
    /// Refuses a taken id; returns the new item's position.
    pub fn add(&mut self, input: &ItemInput) -> Result<usize, crate::Errors> {
        let id = input.id.trim();
        let taken = (!id.is_empty() && self.items.iter().any(|i| i.id == id))
            .then(|| FieldError::new("$.id", "checklist.id").with("id", id));
        match (new_item(input), taken) {
            (Ok(item), None) => {
                self.items.push(item);
                Ok(self.items.len() - 1)
            }
            (Ok(_), Some(e)) => Err(vec![e].into()),
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
    ) -> Result<bool, crate::Errors> {
        let Some(item) = self.items.iter_mut().find(|i| i.id == id) else {
            return Err(vec![FieldError::new("$.id", "checklist.id").with("id", id)].into());
        };
        if item.status == Status::Closed {
            return Err(vec![refuse("closed")].into());
        }
        let mut form = input.clone();
        form.id = item.id.clone();
        let mut next = form.to_item(item.clone())?;
        // The id stays exactly as it was (the form trims what it reads).
        next.id = item.id.clone();
        let diff = field_changes(item, &next, &changed);
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
            notice: None,
        });
        Ok(true)
    }
}

/// The fields of the add/edit form that differ between `old` and `new` (the id aside),
/// each named by `label`; a moved deadline says from what to what.
fn field_changes(old: &Item, new: &Item, label: &dyn Fn(&str) -> String) -> Vec<String> {
    let (old, new) = (ItemInput::from_item(old), ItemInput::from_item(new));
    // Compared as the form writes them.
    let (old_v, new_v) = (
        serde_json::to_value(&old).unwrap_or_default(),
        serde_json::to_value(&new).unwrap_or_default(),
    );
    INPUT_FIELDS
        .iter()
        .filter(|f| **f != "id" && old_v[**f] != new_v[**f])
        .map(|f| match *f {
            // A moved deadline is what a reviewer looks for: say from what to what.
            "deadline" => format!(
                "{}（{} → {}）",
                label(f),
                or_dash(&old.deadline),
                or_dash(&new.deadline)
            ),
            _ => label(f),
        })
        .collect()
}

/// What differs between an item as `before` and as `now`, in `lang`: its status (from
/// what to what), the fields of the form, and the records added (evidence,
/// re-inspections, close-out). Said to a person whose change met someone else's.
pub fn what_changed(before: &Item, now: &Item, lang: crate::Lang) -> Vec<String> {
    use crate::i18n::{t, tf};
    let mut said = Vec::new();
    if before.status != now.status {
        let status = |s: &Status| t(lang, &format!("checklist.status.{}", wire_name(s)));
        said.push(tf(
            lang,
            "checklist.changed.status",
            &[
                ("from", &status(&before.status)),
                ("to", &status(&now.status)),
            ],
        ));
    }
    let label = |f: &str| t(lang, &format!("checklist.column.{f}"));
    said.extend(field_changes(before, now, &label));
    let records = [
        ("evidence", now.evidence.len(), before.evidence.len()),
        (
            "reinspections",
            now.reinspections.len(),
            before.reinspections.len(),
        ),
        (
            "close_out",
            usize::from(now.close_out.is_some()),
            usize::from(before.close_out.is_some()),
        ),
    ];
    for (what, n, m) in records {
        if n > m {
            said.push(t(lang, &format!("checklist.changed.{what}")));
        }
    }
    said
}
