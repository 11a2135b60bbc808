//! The bureau's view of many submissions to one template: counts per question and per
//! finding, submitters with findings, missing attestations, and two CSVs (UTF-8 with
//! BOM): one line per submission, and one line per finding with what its filer wrote.
//!
//! A submission that is not even shaped like one (or belongs to another template) is
//! set aside with its errors. One that is shaped right but fails validation is still
//! counted, and flagged with its problems: the bureau wants to see it, not lose it.

use super::answers::{evaluate, filled, validate, Submission};
use super::template::{Kind, Severity, Template};
use crate::csv::to_csv;
use crate::error::LocalizedError;
use crate::i18n::pick;
use crate::json::wire_name;
use crate::sorted::SortedMap;
use crate::Lang;
use serde::Serialize;
use serde_json::Value;

/// Largest batch of submissions read at once (a JSON array or several files), bytes.
pub const MAX_BATCH_BYTES: usize = 64 * 1024 * 1024;

/// How many chose one value (yes, no, an option).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueCount {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// One question's counts: answered, and per value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionCount {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    /// Submissions answering it.
    pub answered: usize,
    /// For yes/no and choices: how often each value was chosen.
    pub values: Vec<ValueCount>,
}

/// How many submissions raised one finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingCount {
    pub question: String,
    pub title: String,
    pub severity: Severity,
    pub count: usize,
}

/// A finding one submission raised, as its filer described it (the findings CSV).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingLine {
    /// The question that raised it.
    pub question: String,
    /// 情况说明
    pub explanation: String,
    /// 整改措施
    pub measure: String,
    /// 整改期限, as the filer gave it.
    pub deadline: String,
}

/// One counted submission: who, when, its findings and problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Position in the batch, from 0.
    pub index: usize,
    pub reference: String,
    pub name: String,
    pub organisation: String,
    pub identifier: String,
    pub submitted_at: String,
    /// Question ids of the findings raised, in template order.
    pub findings: Vec<String>,
    /// The same findings with what the filer wrote of each (not in the JSON: the
    /// findings CSV reads them).
    #[serde(skip)]
    pub finding_lines: Vec<FindingLine>,
    pub highest: Option<Severity>,
    /// Every required attestation is agreed to.
    pub attested: bool,
    /// Validation problems (empty when the submission is valid).
    pub problems: Vec<LocalizedError>,
}

/// A submission set aside (another template, or not a submission), with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub index: usize,
    pub errors: Vec<LocalizedError>,
}

/// How many submissions of one version of the template a summary holds (`counted`), or
/// knows of without counting them (filed on another version, summarised with that one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionCount {
    pub version: String,
    pub count: usize,
    pub counted: bool,
}

/// The bureau's counts over a batch of submissions to one template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub template: String,
    pub version: String,
    pub total: usize,
    pub counted: usize,
    pub with_findings: usize,
    pub missing_attestation: usize,
    pub invalid: usize,
    pub questions: Vec<QuestionCount>,
    pub findings: Vec<FindingCount>,
    pub rows: Vec<Row>,
    pub rejected: Vec<Rejected>,
    /// Which versions it counts: the template's first (even with none), then any other
    /// its submissions were filed on (counted, each with a version problem), then those
    /// a caller added as not counted ([`Summary::add_uncounted`]).
    pub versions: Vec<VersionCount>,
}

impl Summary {
    /// Notes `count` submissions filed on another `version` of the template that this
    /// summary does not count (a server filters them out by version).
    pub fn add_uncounted(&mut self, version: &str, count: usize) {
        if count > 0 && !self.versions.iter().any(|v| v.version == version) {
            self.versions.push(VersionCount {
                version: version.to_string(),
                count,
                counted: false,
            });
        }
    }
}

/// Reads a batch, up to [`MAX_BATCH_BYTES`]: a JSON array of submissions or one
/// submission, where each may also be a stored filing as the server's API returns it
/// (`{reference, owner, submission, …}`), or a page of the server's list (`{items}`).
pub fn parse_batch(src: &str) -> Result<Vec<Value>, crate::FieldError> {
    // The strict reader: a key named twice is refused here as everywhere.
    let batch = match crate::json::parse_document_capped(src, "$", MAX_BATCH_BYTES)? {
        Value::Array(items) => items,
        // A page of the server's list (`GET /submissions`).
        Value::Object(mut page) if page.get("items").is_some_and(Value::is_array) => {
            match page.shift_remove("items") {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            }
        }
        one => vec![one],
    };
    // Stored filings as the server's API returns them carry the submission inside.
    Ok(batch
        .into_iter()
        .map(super::answers::unwrap_record)
        .collect())
}

/// Summarises `submissions` (JSON values) against `t`, messages in `lang`.
pub fn summarize(t: &Template, submissions: Vec<Value>, lang: Lang) -> Summary {
    let mut s = Summarizer::new(t, lang);
    for v in submissions {
        s.add(v);
    }
    s.finish()
}

/// The summary built one submission at a time, so a caller reading thousands from a
/// database holds only the rows, never every document at once.
pub struct Summarizer<'t> {
    template: &'t Template,
    lang: Lang,
    questions: Vec<QuestionCount>,
    slot: SortedMap<&'t str, usize>,
    finding_counts: SortedMap<String, usize>,
    rows: Vec<Row>,
    rejected: Vec<Rejected>,
    total: usize,
    /// Counted submissions by the version they were filed on, in the order first seen
    /// (a list: a template has few versions, and a map would weigh on the widget's wasm).
    by_version: Vec<(String, usize)>,
}

impl<'t> Summarizer<'t> {
    pub fn new(t: &'t Template, lang: Lang) -> Summarizer<'t> {
        Summarizer {
            template: t,
            lang,
            questions: question_counts(t, lang),
            slot: t
                .questions()
                .enumerate()
                .map(|(i, q)| (q.id.as_str(), i))
                .collect(),
            finding_counts: SortedMap::new(),
            rows: Vec::new(),
            rejected: Vec::new(),
            total: 0,
            by_version: Vec::new(),
        }
    }

    /// Counts the next submission of the batch (position [`Summarizer::total`]).
    pub fn add(&mut self, v: Value) {
        let (t, lang, index) = (self.template, self.lang, self.total);
        self.total += 1;
        let s = match Submission::read(&v, &format!("$[{index}]")) {
            Ok(s) => s,
            Err(e) => {
                self.rejected.push(Rejected {
                    index,
                    errors: vec![e.localized(lang)],
                });
                return;
            }
        };
        if s.template.id != t.id {
            let e =
                crate::FieldError::new(format!("$[{index}].template.id"), "form.template_mismatch")
                    .with("expected", &t.id)
                    .with("found", &s.template.id);
            self.rejected.push(Rejected {
                index,
                errors: vec![e.localized(lang)],
            });
            return;
        }
        let today =
            super::answers::parse_cst_timestamp(&s.submitted_at).unwrap_or(chrono::NaiveDate::MAX);
        let mut problems: Vec<LocalizedError> = Vec::new();
        match self
            .by_version
            .iter_mut()
            .find(|(v, _)| *v == s.template.version)
        {
            Some((_, n)) => *n += 1,
            None => self.by_version.push((s.template.version.clone(), 1)),
        }
        if s.template.version != t.version {
            problems.push(
                crate::FieldError::new("$.template.version", "form.template_mismatch")
                    .with("expected", &t.version)
                    .with("found", &s.template.version)
                    .localized(lang),
            );
        }
        problems.extend(
            validate(t, &s.answers, &s.findings, today)
                .iter()
                .map(|e| e.localized(lang)),
        );
        let ev = evaluate(t, &s.answers);
        count_answers(&mut self.questions, &self.slot, &s.answers);
        for r in &ev.raised {
            *self.finding_counts.entry(r.question.clone()).or_default() += 1;
        }
        let attested = t
            .questions()
            .filter(|q| q.kind == Kind::Attestation && ev.is_required(&q.id))
            .all(|q| filled(q, s.answers.get(&q.id)));
        let (name, organisation, identifier) = super::submitter(t, &s, lang);
        self.rows.push(Row {
            index,
            reference: s.reference.clone(),
            name,
            organisation,
            identifier,
            submitted_at: s.submitted_at.clone(),
            findings: ev.raised.iter().map(|r| r.question.clone()).collect(),
            finding_lines: ev
                .raised
                .iter()
                .map(|r| {
                    let said = s.findings.get(&r.question);
                    let text = |f: fn(&super::answers::FindingAnswer) -> &String| {
                        said.map(|a| f(a).clone()).unwrap_or_default()
                    };
                    FindingLine {
                        question: r.question.clone(),
                        explanation: text(|a| &a.explanation),
                        measure: text(|a| &a.measure),
                        deadline: text(|a| &a.deadline),
                    }
                })
                .collect(),
            highest: ev.raised.iter().map(|r| r.severity).min(),
            attested,
            problems,
        });
    }

    /// How many submissions were added.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The summary of everything added.
    pub fn finish(self) -> Summary {
        let (t, lang) = (self.template, self.lang);
        let findings = t
            .questions()
            .filter_map(|q| {
                let f = q.finding.as_ref()?;
                Some(FindingCount {
                    question: q.id.clone(),
                    title: pick(&f.title, lang),
                    severity: f.severity,
                    count: self.finding_counts.get(&q.id).copied().unwrap_or(0),
                })
            })
            .collect();
        let rows = self.rows;
        let mut by_version = self.by_version;
        let own = match by_version.iter().position(|(v, _)| *v == t.version) {
            Some(i) => by_version.remove(i).1,
            None => 0,
        };
        let versions = std::iter::once((t.version.clone(), own))
            .chain(by_version)
            .map(|(version, count)| VersionCount {
                version,
                count,
                counted: true,
            })
            .collect();
        Summary {
            template: t.id.clone(),
            version: t.version.clone(),
            total: self.total,
            counted: rows.len(),
            with_findings: rows.iter().filter(|r| !r.findings.is_empty()).count(),
            missing_attestation: rows.iter().filter(|r| !r.attested).count(),
            invalid: rows.iter().filter(|r| !r.problems.is_empty()).count(),
            questions: self.questions,
            findings,
            rows,
            rejected: self.rejected,
            versions,
        }
    }
}

/// A count for every question, each value (yes, no, each option) at zero.
fn question_counts(t: &Template, lang: Lang) -> Vec<QuestionCount> {
    t.questions()
        .map(|q| QuestionCount {
            id: q.id.clone(),
            label: q.label(lang),
            kind: q.kind,
            answered: 0,
            values: match q.kind {
                Kind::YesNo => [(true, "form.yes"), (false, "form.no")]
                    .iter()
                    .map(|(v, k)| ValueCount {
                        value: v.to_string(),
                        label: crate::i18n::t(lang, k),
                        count: 0,
                    })
                    .collect(),
                Kind::SingleChoice | Kind::MultipleChoice => q
                    .options
                    .iter()
                    .map(|o| ValueCount {
                        value: o.value.clone(),
                        label: pick(&o.label, lang),
                        count: 0,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect()
}

/// Adds one submission's answers to the counts: answered, and each value chosen.
fn count_answers(
    questions: &mut [QuestionCount],
    slot: &SortedMap<&str, usize>,
    answers: &super::answers::Answers,
) {
    for (id, v) in answers {
        let Some(&i) = slot.get(id.as_str()) else {
            continue;
        };
        let qc = &mut questions[i];
        if !crate::expr::is_answered(Some(v)) {
            continue;
        }
        qc.answered += 1;
        let chosen: Vec<String> = match v {
            Value::Bool(b) => vec![b.to_string()],
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        for c in chosen {
            if let Some(vc) = qc.values.iter_mut().find(|vc| vc.value == c) {
                vc.count += 1;
            }
        }
    }
}

/// Which rows to show or export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filter {
    /// Only rows raising this finding (question id).
    pub finding: Option<String>,
    /// Only rows whose highest severity is at least this.
    pub severity: Option<Severity>,
    pub with_findings: bool,
    pub missing_attestation: bool,
    pub invalid: bool,
    /// Text to find in name, organisation, identifier or reference.
    pub search: String,
}

impl Filter {
    /// Whether row `r` passes the filter.
    pub fn matches(&self, r: &Row) -> bool {
        self.finding.as_ref().is_none_or(|f| r.findings.contains(f))
            && self
                .severity
                .is_none_or(|s| r.highest.is_some_and(|h| h <= s))
            && (!self.with_findings || !r.findings.is_empty())
            && (!self.missing_attestation || !r.attested)
            && (!self.invalid || !r.problems.is_empty())
            && crate::text::search_matches(
                &self.search,
                &[&r.name, &r.organisation, &r.identifier, &r.reference],
            )
    }
}

/// The rows as CSV, UTF-8 with BOM, headers in `lang`; findings named by title.
pub fn rows_csv(t: &Template, rows: &[&Row], lang: Lang) -> String {
    let header = csv_header(lang);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    to_csv(&header, &csv_cells(t, rows, lang))
}

/// [`rows_csv`] written in parts: the rows without BOM or header, for the parts after
/// the first.
pub fn rows_csv_continued(t: &Template, rows: &[&Row], lang: Lang) -> String {
    crate::csv::csv_lines(&csv_cells(t, rows, lang))
}

fn csv_header(lang: Lang) -> [String; 9] {
    let tr = |k: &str| crate::i18n::t(lang, k);
    [
        tr("fs.col.reference"),
        tr("fs.col.name"),
        tr("fs.col.organisation"),
        tr("fs.col.identifier"),
        tr("fs.col.submitted_at"),
        tr("fs.col.findings"),
        tr("fs.col.severity"),
        tr("fs.col.attested"),
        tr("fs.col.problems"),
    ]
}

fn csv_cells(t: &Template, rows: &[&Row], lang: Lang) -> Vec<Vec<String>> {
    let tr = |k: &str| crate::i18n::t(lang, k);
    let sep = if lang == Lang::En { "; " } else { "；" };
    rows.iter()
        .map(|r| {
            vec![
                r.reference.clone(),
                r.name.clone(),
                r.organisation.clone(),
                r.identifier.clone(),
                r.submitted_at.clone(),
                r.findings
                    .iter()
                    .map(|id| {
                        t.question(id)
                            .and_then(|q| q.finding.as_ref())
                            .map(|f| pick(&f.title, lang))
                            .unwrap_or_else(|| id.clone())
                    })
                    .collect::<Vec<_>>()
                    .join(sep),
                r.highest
                    .map(|s| tr(&format!("form.severity.{}", wire_name(&s))))
                    .unwrap_or_default(),
                tr(if r.attested { "form.yes" } else { "form.no" }),
                r.problems.len().to_string(),
            ]
        })
        .collect()
}

/// How many lines [`findings_csv`] writes for `rows`: their findings.
pub fn finding_count(rows: &[&Row]) -> usize {
    rows.iter().map(|r| r.finding_lines.len()).sum()
}

/// The findings of `rows`, one line each: the submission (reference, name, unit), the
/// finding with its severity and provision from the template, and what its filer wrote:
/// 情况说明, 整改措施, 整改期限. A bureau turns these into rectification items.
pub fn findings_csv(t: &Template, rows: &[&Row], lang: Lang) -> String {
    let tr = |k: &str| crate::i18n::t(lang, k);
    let header = [
        "fs.col.reference",
        "fs.col.name",
        "fs.col.organisation",
        "fs.col.finding",
        "fs.col.finding_severity",
        "fs.col.provision",
        "fs.col.explanation",
        "fs.col.measure",
        "fs.col.deadline",
    ]
    .map(tr);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .flat_map(|r| r.finding_lines.iter().map(move |f| (r, f)))
        .map(|(r, f)| {
            let spec = t.question(&f.question).and_then(|q| q.finding.as_ref());
            vec![
                r.reference.clone(),
                r.name.clone(),
                r.organisation.clone(),
                spec.map(|s| pick(&s.title, lang))
                    .unwrap_or_else(|| f.question.clone()),
                spec.map(|s| tr(&format!("form.severity.{}", wire_name(&s.severity))))
                    .unwrap_or_default(),
                spec.and_then(|s| s.provision.as_ref())
                    .map(|p| pick(p, lang))
                    .unwrap_or_default(),
                f.explanation.clone(),
                f.measure.clone(),
                f.deadline.clone(),
            ]
        })
        .collect();
    to_csv(&header, &cells)
}
