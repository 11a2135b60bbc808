//! A form being filled in, evaluated and validated incrementally.
//!
//! [`evaluate`] and [`validate`](super::answers::validate) walk the whole template. A
//! widget calling them after every keystroke does work that grows with the form: on a
//! template of 1,500 questions, a "yes" that reveals one field costs as much as
//! re-reading all 1,500. [`Live`] keeps both results and, after one answer changes,
//! recomputes only what can differ: that question, the sections and questions whose
//! conditions read it, and, when one of those appears or goes, the ones that read
//! *that* (conditions refer only to earlier questions, so one pass in template order
//! settles everything).
//!
//! Each question carries a version that changes whenever anything about it does, and
//! each block of [`BLOCK`] questions one that changes with any of its questions, so a
//! view can redraw exactly those.
//!
//! Invariants (checked after random edits by `tests/form_live.rs`):
//! - [`Live::evaluation`] equals `evaluate(t, answers)`;
//! - [`Live::errors`] equals `validate(t, submittable(t, answers, findings))`, in
//!   template order with a question's answer errors before its finding's.

use super::answers::{
    answer_errors, evaluate, filled, finding_errors, visible_value, Answers, Evaluation, Findings,
    Raised, View,
};
use super::template::Template;
use crate::date::Date;
use crate::error::FieldError;
use crate::expr::Expr;
use crate::sorted::SortedSet;
use std::collections::HashMap;

/// Questions per block: the unit a view can skip as a whole ([`Live::block_version`]).
pub const BLOCK: usize = 50;

/// What a condition decides, in template order: `(section, 0, 0)` is a section's
/// visibility, `(section, 1, index)` the state of a question.
type Node = (usize, u8, usize);

/// The evaluation and errors of one set of answers, kept up to date change by change.
#[derive(Debug, Clone)]
pub struct Live {
    ev: Evaluation,
    /// Flat index of each section's first question.
    offsets: Vec<usize>,
    /// Question id → what has a condition reading it (its own finding excepted).
    dependents: HashMap<String, Vec<Node>>,
    /// Whether each question counts as answered in the progress figures.
    answered: Vec<bool>,
    /// Each question's errors, by flat index.
    errors: Vec<Vec<FieldError>>,
    /// Questions with errors, per section.
    with_errors: Vec<usize>,
    versions: Vec<u32>,
    blocks: Vec<Vec<u32>>,
    today: Date,
    recomputed: usize,
}

impl Live {
    /// Evaluates and validates everything once (O(template)).
    pub fn new(t: &Template, answers: &Answers, findings: &Findings, today: Date) -> Live {
        let ev = evaluate(t, answers);
        let mut offsets = Vec::with_capacity(t.sections.len());
        let mut n = 0;
        for s in &t.sections {
            offsets.push(n);
            n += s.questions.len();
        }
        let mut dependents: HashMap<String, Vec<Node>> = HashMap::new();
        let mut depend = |e: &Expr, node: Node, own: Option<&str>| {
            for r in e.questions() {
                if Some(r) != own && t.question(r).is_some() {
                    dependents.entry(r.to_string()).or_default().push(node);
                }
            }
        };
        for (si, s) in t.sections.iter().enumerate() {
            if let Some(e) = &s.visible_if {
                depend(e, (si, 0, 0), None);
            }
            for (qi, q) in s.questions.iter().enumerate() {
                let node = (si, 1, qi);
                let own = Some(q.id.as_str());
                let columns = q
                    .questions
                    .iter()
                    .flat_map(|c| [&c.visible_if, &c.required_if]);
                for e in [&q.visible_if, &q.required_if]
                    .into_iter()
                    .chain(columns)
                    .flatten()
                    .chain(q.finding.as_ref().map(|f| &f.when))
                {
                    depend(e, node, own);
                }
            }
        }
        let mut live = Live {
            ev,
            offsets,
            dependents,
            answered: vec![false; n],
            errors: vec![Vec::new(); n],
            with_errors: vec![0; t.sections.len()],
            versions: vec![0; n],
            blocks: t
                .sections
                .iter()
                .map(|s| vec![0; s.questions.len().div_ceil(BLOCK)])
                .collect(),
            today,
            recomputed: n + t.sections.len(),
        };
        for (si, s) in t.sections.iter().enumerate() {
            for (qi, q) in s.questions.iter().enumerate() {
                let flat = live.offsets[si] + qi;
                live.answered[flat] = live.ev.is_required(&q.id) && filled(q, answers.get(&q.id));
                let errs = live.question_errors(t, answers, findings, si, qi);
                if !errs.is_empty() {
                    live.with_errors[si] += 1;
                }
                live.errors[flat] = errs;
            }
        }
        live
    }

    /// After the answer to top-level question `q` changed (a group's cell counts as its
    /// group's): brings everything up to date and returns the ids of the questions whose
    /// state, errors or answer changed, in template order. An unknown id changes
    /// nothing.
    pub fn changed(
        &mut self,
        t: &Template,
        answers: &Answers,
        findings: &Findings,
        q: &str,
    ) -> Vec<String> {
        let Some((si, qi)) = t.position(q) else {
            return Vec::new();
        };
        let mut work = SortedSet::from([(si, 1, qi)]);
        self.enqueue(q, &mut work);
        self.recomputed = 0;
        let mut touched = Vec::new();
        while let Some(node) = work.pop_first() {
            self.recomputed += 1;
            match node {
                (si, 0, _) => {
                    let s = &t.sections[si];
                    let view = View {
                        answers,
                        hidden: &self.ev.hidden,
                    };
                    let shown = s.visible_if.as_ref().is_none_or(|e| e.eval(&view));
                    if shown != self.ev.sections[si].visible {
                        self.ev.sections[si].visible = shown;
                        work.extend((0..s.questions.len()).map(|qi| (si, 1, qi)));
                    }
                }
                (s, _, i) => {
                    let (visibility, any) = self.recompute(t, answers, findings, s, i);
                    let id = &t.sections[s].questions[i].id;
                    if visibility {
                        self.enqueue(id, &mut work);
                    }
                    if any || id == q {
                        self.bump(s, i);
                        touched.push(id.clone());
                    }
                }
            }
        }
        touched
    }

    /// After what the respondent says about `q`'s finding changed: re-checks it.
    pub fn finding_changed(
        &mut self,
        t: &Template,
        answers: &Answers,
        findings: &Findings,
        q: &str,
    ) {
        if let Some((si, qi)) = t.position(q) {
            self.recomputed = 1;
            self.recompute(t, answers, findings, si, qi);
            self.bump(si, qi);
        }
    }

    /// Marks `q` as changed for views (its typed text or shown errors changed).
    pub fn touch(&mut self, t: &Template, q: &str) {
        if let Some((si, qi)) = t.position(q) {
            self.bump(si, qi);
        }
    }

    /// The evaluation of the answers as they are now.
    pub fn evaluation(&self) -> &Evaluation {
        &self.ev
    }

    /// The day errors were judged against (dates "not in the future", deadlines).
    pub fn today(&self) -> Date {
        self.today
    }

    /// Sections and questions the last change re-evaluated (a figure for tests and
    /// benchmarks: it should not grow with the template).
    pub fn recomputed(&self) -> usize {
        self.recomputed
    }

    /// The errors of top-level question `q`: its answer's, then its finding's.
    pub fn errors_of(&self, t: &Template, q: &str) -> &[FieldError] {
        self.index(t, q).map_or(&[], |i| &self.errors[i])
    }

    /// Whether section `section` has an error the respondent has been shown.
    pub fn section_has_errors(&self, section: usize) -> bool {
        self.with_errors.get(section).is_some_and(|n| *n > 0)
    }

    /// The errors of one section, in order.
    pub fn section_errors<'a>(
        &'a self,
        t: &Template,
        section: usize,
    ) -> impl Iterator<Item = &'a FieldError> + 'a {
        let start = self.offsets.get(section).copied().unwrap_or(0);
        let len = t.sections.get(section).map_or(0, |s| s.questions.len());
        self.errors[start..start + len].iter().flatten()
    }

    /// Every error, in template order.
    pub fn errors(&self) -> impl Iterator<Item = &FieldError> {
        self.errors.iter().flatten()
    }

    /// Changes whenever anything about question `q` does.
    pub fn version(&self, t: &Template, q: &str) -> u32 {
        self.index(t, q).map_or(0, |i| self.versions[i])
    }

    /// Changes whenever anything about a question of block `block` (questions
    /// `block * BLOCK ..`) of `section` does.
    pub fn block_version(&self, section: usize, block: usize) -> u32 {
        self.blocks
            .get(section)
            .and_then(|b| b.get(block))
            .copied()
            .unwrap_or(0)
    }

    fn enqueue(&self, q: &str, work: &mut SortedSet<Node>) {
        if let Some(ds) = self.dependents.get(q) {
            work.extend(ds.iter().copied());
        }
    }

    fn bump(&mut self, si: usize, qi: usize) {
        let v = &mut self.versions[self.offsets[si] + qi];
        *v = v.wrapping_add(1);
        let b = &mut self.blocks[si][qi / BLOCK];
        *b = b.wrapping_add(1);
    }

    /// The flat index of top-level question `q`.
    fn index(&self, t: &Template, q: &str) -> Option<usize> {
        t.position(q).map(|(si, qi)| self.offsets[si] + qi)
    }

    /// [`Live::index`], unknown questions last.
    fn flat(&self, t: &Template, q: &str) -> usize {
        self.index(t, q).unwrap_or(usize::MAX)
    }

    /// Re-evaluates one question as [`evaluate`] would; returns whether its visibility
    /// changed and whether anything about it did.
    fn recompute(
        &mut self,
        t: &Template,
        answers: &Answers,
        findings: &Findings,
        si: usize,
        qi: usize,
    ) -> (bool, bool) {
        let q = &t.sections[si].questions[qi];
        let flat = self.offsets[si] + qi;
        let was_visible = self.ev.visible(&q.id);
        let was_required = self.ev.is_required(&q.id);
        let was_raised = self.ev.raised(&q.id).map(|r| r.severity);
        let view = View {
            answers,
            hidden: &self.ev.hidden,
        };
        let visible =
            self.ev.sections[si].visible && q.visible_if.as_ref().is_none_or(|e| e.eval(&view));
        if visible != was_visible {
            if visible {
                self.ev.hidden.remove(&q.id);
            } else {
                self.ev.hidden.insert(q.id.clone());
            }
        }
        // A finding's condition may read the question itself, now visible or not.
        let view = View {
            answers,
            hidden: &self.ev.hidden,
        };
        let required =
            visible && (q.required || q.required_if.as_ref().is_some_and(|e| e.eval(&view)));
        let answered = required && filled(q, answers.get(&q.id));
        let raised = if visible {
            q.finding
                .as_ref()
                .filter(|f| f.when.eval(&view))
                .map(|f| f.severity)
        } else {
            None
        };
        let progress = &mut self.ev.sections[si].progress;
        if required != was_required {
            if required {
                self.ev.required.insert(q.id.clone());
                progress.required += 1;
                self.ev.progress.required += 1;
            } else {
                self.ev.required.remove(&q.id);
                progress.required -= 1;
                self.ev.progress.required -= 1;
            }
        }
        if answered != self.answered[flat] {
            if answered {
                progress.answered += 1;
                self.ev.progress.answered += 1;
            } else {
                progress.answered -= 1;
                self.ev.progress.answered -= 1;
            }
            self.answered[flat] = answered;
        }
        if raised != was_raised {
            self.ev.raised.retain(|r| r.question != q.id);
            if let Some(severity) = raised {
                let at = self
                    .ev
                    .raised
                    .partition_point(|r| self.flat(t, &r.question) < flat);
                self.ev.raised.insert(
                    at,
                    Raised {
                        question: q.id.clone(),
                        severity,
                    },
                );
            }
        }
        let errs = self.question_errors(t, answers, findings, si, qi);
        let errors_changed = errs != self.errors[flat];
        if errors_changed {
            match (self.errors[flat].is_empty(), errs.is_empty()) {
                (true, false) => self.with_errors[si] += 1,
                (false, true) => self.with_errors[si] -= 1,
                _ => {}
            }
            self.errors[flat] = errs;
        }
        let visibility = visible != was_visible;
        let any = visibility || required != was_required || raised != was_raised || errors_changed;
        (visibility, any)
    }

    /// One question's errors as `validate` reports them on the submittable answers.
    fn question_errors(
        &self,
        t: &Template,
        answers: &Answers,
        findings: &Findings,
        si: usize,
        qi: usize,
    ) -> Vec<FieldError> {
        let q = &t.sections[si].questions[qi];
        let mut errs = Vec::new();
        if !self.ev.visible(&q.id) {
            return errs;
        }
        let view = View {
            answers,
            hidden: &self.ev.hidden,
        };
        let v = answers.get(&q.id).and_then(|v| visible_value(q, v, &view));
        let required = self.ev.is_required(&q.id);
        answer_errors(q, v.as_ref(), required, self.today, &view, &mut errs);
        if let Some(r) = self.ev.raised(&q.id) {
            finding_errors(r, findings.get(&q.id), self.today, &mut errs);
        }
        errs
    }
}
