//! Self-inspection forms (自查表): templates as data, answers, validation, submissions,
//! findings that become rectification items, and the bureau's summary of many
//! submissions.
//!
//! - [`template`]: the template format (`yaojian/form/1`) and its parser.
//! - [`answers`]: visibility, progress, findings, validation, the submission document.
//! - [`builder`]: a template being written: edits at JSON paths, undo and redo, ids,
//!   what a condition may read, every text in every language, what changed between versions.
//! - [`draft`]: what a host may set as a form's value, checked before it is used.
//! - [`live`]: the same, kept up to date answer by answer for a form being filled in.
//! - [`submission`]: the submission document, its checks and its receipt reference.
//! - [`summary`]: counts over many submissions, submitters with findings, CSV.
//! - `xlsform` (feature `xlsx`): templates from and to XLSForm spreadsheets.
//!
//! Built-in templates (`data/forms/*.json`, [`built_in`]) are sample content and say so.

pub mod answers;
pub mod builder;
mod built_in;
pub mod draft;
pub mod field;
pub mod live;
pub mod submission;
pub mod summary;
pub mod template;
#[cfg(feature = "xlsx")]
pub mod xlsform;

pub use answers::{
    evaluate, parse_submission, submit, validate, Answers, Evaluation, FindingAnswer, Findings,
    Submission,
};
pub use built_in::*;
pub use template::{Filer, Kind, Question, Severity, Template};

use crate::checklist::{Item, ItemList, ListKind, Mode, Source, Status};
use crate::i18n::pick;
use crate::FieldError;
use crate::Lang;
use serde_json::Value;

/// The published JSON Schema of the template format.
pub const TEMPLATE_SCHEMA: &str = include_str!("../../schemas/form.schema.json");
/// The published JSON Schema of the submission document.
pub const SUBMISSION_SCHEMA_JSON: &str = include_str!("../../schemas/submission.schema.json");

fn answer_text(t: &Template, s: &Submission, id: Option<&String>, lang: Lang) -> String {
    id.and_then(|id| {
        let q = t.question(id)?;
        Some(answers::display(q, s.answers.get(id)?, lang))
    })
    .unwrap_or_default()
}

/// Who submitted: (name, organisation, identifier) as the template designates them.
pub fn submitter(t: &Template, s: &Submission, lang: Lang) -> (String, String, String) {
    (
        answer_text(t, s, t.submitter.name.as_ref(), lang),
        answer_text(t, s, t.submitter.organisation.as_ref(), lang),
        answer_text(t, s, t.submitter.identifier.as_ref(), lang),
    )
}

/// What importing the findings of submissions into a checklist gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Import {
    /// New items, one per finding, in batch order.
    pub added: Vec<Item>,
    /// Findings whose item is already in the list (same id), left as they are.
    pub already: usize,
    /// Submissions that could not be taken, by JSON path in the batch (`$[i]…`).
    pub errors: Vec<FieldError>,
    /// Submissions taken whose reference a server issued under its secret: checked in
    /// every other respect, but their reference only that server can check
    /// ([`answers::ReferenceStatus::IssuedByServer`]).
    pub issued_by_server: usize,
}

/// The findings of `batch` (submissions to a built-in template, or to `own`) as items
/// not yet in `list`. Each submission is checked as the server checks it
/// ([`answers::check_held_submission`], with `today` the importer's day: a reference a
/// server issued is counted in [`Import::issued_by_server`], not refused); one that
/// fails is reported and skipped.
pub fn import_findings(
    list: &ItemList,
    batch: Vec<Value>,
    own: Option<&Template>,
    today: crate::date::Date,
    lang: Lang,
) -> Import {
    let mut out = Import::default();
    let mut seen: std::collections::HashSet<String> =
        list.items.iter().map(|i| i.id.clone()).collect();
    for (n, v) in batch.into_iter().enumerate() {
        let at = |e: FieldError| FieldError {
            path: e.path.replacen('$', &format!("$[{n}]"), 1),
            ..e
        };
        let id = v["template"]["id"].as_str().unwrap_or_default().to_string();
        let built;
        let t = match own.filter(|t| t.id == id) {
            Some(t) => t,
            None => match built_in(&id) {
                Some(t) => {
                    built = t;
                    &built
                }
                None => {
                    out.errors.push(at(FieldError::new(
                        "$.template.id",
                        "requirements.no_template",
                    )
                    .with("name", &id)));
                    continue;
                }
            },
        };
        match answers::check_held_submission(t, v, today) {
            Ok((s, status)) => {
                if status == answers::ReferenceStatus::IssuedByServer {
                    out.issued_by_server += 1;
                }
                for item in rectification_items(t, &s, lang) {
                    if seen.insert(item.id.clone()) {
                        out.added.push(item);
                    } else {
                        out.already += 1;
                    }
                }
            }
            Err(errs) => out.errors.extend(errs.into_iter().map(at)),
        }
    }
    out
}

/// The rectification items a submission's findings become (source 自查), one per
/// finding, ready for the checklist: id `<reference>-<question>`, problem = finding
/// title and explanation, the measure, the deadline, the submitter as responsible.
pub fn rectification_items(t: &Template, s: &Submission, lang: Lang) -> Vec<Item> {
    let (name, org, _) = submitter(t, s, lang);
    s.findings
        .iter()
        .filter_map(|(qid, f)| {
            let spec = t.question(qid)?.finding.as_ref()?;
            let title = pick(&spec.title, lang);
            let provision = spec
                .provision
                .as_ref()
                .map(|p| pick(p, lang))
                .unwrap_or_default();
            let sep = crate::i18n::label_separator(lang);
            Some(Item {
                id: format!("{}-{qid}", s.reference),
                list: ListKind::Rectification,
                source: Source::SelfInspection,
                problem: format!("{title}{sep}{}", f.explanation),
                provision: provision.clone(),
                legal_basis: provision,
                rule: spec.rule.clone(),
                measures: vec![f.measure.clone()],
                unit: if org.is_empty() {
                    name.clone()
                } else {
                    org.clone()
                },
                person: name.clone(),
                mode: Mode::Deadline,
                deadline: crate::date::parse_date(&f.deadline).ok(),
                status: Status::Pending,
                evidence: Vec::new(),
                reinspections: Vec::new(),
                close_out: None,
                history: Vec::new(),
            })
        })
        .collect()
}
