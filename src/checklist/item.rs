//! The item and its status machine: 待整改 → 整改中 → 待复查 → 待销号 → 已销号, each
//! transition recorded with who, when, from, to and note; an illegal one refused with a
//! reason; [`Item::allowed_actions`] says which actions the status allows.

use crate::date::{deadline_state, Date, DeadlineState};
use crate::error::FieldError;
use serde::Serialize;

/// Which of the bureau's lists an item is on (风险隐患、问题线索、整改销号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// 风险隐患清单
    RiskHazard,
    /// 问题线索清单
    ProblemLead,
    /// 整改销号清单
    Rectification,
}

/// Where a problem came from (监督检查、抽检、投诉举报、自查, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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

/// How the item is to be corrected: at once (立即改正) or by a deadline (限期改正).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 立即改正
    Immediate,
    /// 限期改正
    Deadline,
}

/// Where an item stands: 待整改 → 整改中 → 待复查 → 待销号 → 已销号 (a re-inspection that
/// finds it partly or not corrected sends it back to 整改中).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 待整改
    Pending,
    /// 整改中
    InProgress,
    /// 待复查
    AwaitingReinspection,
    /// 待销号: re-inspected and found corrected, waiting for the close-out.
    ReadyForCloseOut,
    /// 已销号
    Closed,
}

impl Status {
    /// Every status, in the order of the process.
    pub const ALL: [Status; 5] = [
        Status::Pending,
        Status::InProgress,
        Status::AwaitingReinspection,
        Status::ReadyForCloseOut,
        Status::Closed,
    ];
}

/// What a re-inspection (复查) found: 已改正, 部分改正 or 未改正.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRef {
    pub name: String,
    pub size: u64,
    #[serde(rename = "type")]
    pub mime: String,
    pub checksum: String,
}

/// What the enterprise reported as done, with its file references.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    #[serde(with = "crate::date::iso")]
    pub date: Date,
    pub text: String,
    pub file: Option<FileRef>,
}

/// One re-inspection: who, when, what it found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reinspection {
    #[serde(with = "crate::date::iso")]
    pub date: Date,
    pub inspector: String,
    pub conclusion: Conclusion,
    pub notes: String,
}

/// The close-out (销号): who approved it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloseOut {
    pub approver: String,
    #[serde(with = "crate::date::iso")]
    pub date: Date,
}

/// One recorded change of an item: who, when, from, to and the note (or an edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    /// Who did it.
    pub by: String,
    /// When, as an ISO timestamp with +08:00.
    pub at: String,
    pub from: Status,
    pub to: Status,
    pub note: String,
    /// An edit of the item's fields, not a transition: `from` and `to` are its status
    /// and the note names the fields changed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub edit: bool,
    /// The number of a 责令改正通知书 issued for the item, which this entry records: not a
    /// transition either (`from` and `to` are its status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// One rectification item: the problem, its basis, owner, deadline, status and history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    pub rule: Option<String>,
    /// 整改措施
    pub measures: Vec<String>,
    /// 责任单位 and 责任人
    pub unit: String,
    pub person: String,
    pub mode: Mode,
    #[serde(with = "crate::date::iso_opt")]
    pub deadline: Option<Date>,
    pub status: Status,
    pub evidence: Vec<Evidence>,
    pub reinspections: Vec<Reinspection>,
    pub close_out: Option<CloseOut>,
    pub history: Vec<Transition>,
}

/// What can be done to an item; each carries exactly what its transition needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// 待整改 → 整改中
    Start,
    /// 整改中 → 待复查: the party reports its rectification, with evidence.
    Report { evidence: Vec<Evidence> },
    /// 待复查 → 待销号 when 已改正; 部分改正 / 未改正 → 整改中.
    Reinspect(Reinspection),
    /// 待销号 → 已销号.
    CloseOut(CloseOut),
}

impl Action {
    /// The action's wire name (`start`, `report`, `reinspect`, `close_out`).
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
pub(super) fn refuse(code: &str) -> FieldError {
    FieldError::new("$.action", format!("checklist.{code}"))
}

impl Item {
    /// The actions the item's status allows, by wire name, in the order of the process:
    /// what a list offers (the party doing it is checked apart, `request::check_actor`).
    pub fn allowed_actions(&self) -> &'static [&'static str] {
        match self.status {
            Status::Pending => &["start"],
            Status::InProgress => &["report"],
            Status::AwaitingReinspection => &["reinspect"],
            Status::ReadyForCloseOut => &["close_out"],
            Status::Closed => &[],
        }
    }

    /// Whether the re-inspection that counts now (the last one, after the last report)
    /// found the problem corrected.
    pub fn passing_reinspection(&self) -> bool {
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
                    Conclusion::Corrected => Status::ReadyForCloseOut,
                    Conclusion::PartlyCorrected | Conclusion::NotCorrected => Status::InProgress,
                }
            }
            (Action::Reinspect(_), _) => return Err(refuse("nothing_to_reinspect")),
            (Action::CloseOut(c), Status::ReadyForCloseOut) => {
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
            notice: None,
        });
        Ok(to)
    }

    /// An item written before 待销号 was a status of its own stayed 待复查 after a passing
    /// re-inspection: it is 待销号. Documents from outside (a kept list, a host's value,
    /// the CLI, a stored item) are read through this.
    pub fn settle_status(&mut self) {
        if self.status == Status::AwaitingReinspection && self.passing_reinspection() {
            self.status = Status::ReadyForCloseOut;
        }
    }

    /// Where the deadline stands on `today` (UTC+8); `None` when closed or with no deadline.
    pub fn deadline_state(&self, today: Date, soon_days: i64) -> Option<DeadlineState> {
        if self.status == Status::Closed {
            return None;
        }
        self.deadline.map(|d| deadline_state(today, d, soon_days))
    }

    /// Whether the deadline has passed on `today` and the item is not closed out.
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
