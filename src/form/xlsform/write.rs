//! Template → spreadsheet: the sheets the reader reads back as the same template. Each
//! section is a `begin_group` … `end_group`, a group question a `begin_repeat` …
//! `end_repeat`, each choice question's options a list named after the question, and
//! only the columns some row uses are written.

use super::columns::{
    header, name_in, Headers, CHOICES, CHOICE_COLUMNS, SETTINGS, SETTING_COLUMNS, SURVEY,
    SURVEY_COLUMNS,
};
use super::sheets::{Sheet, Workbook};
use super::{condition, constraint};
use crate::error::FieldError;
use crate::expr::Expr;
use crate::form::{Kind, Question, Severity, Template};
use crate::i18n::I18nText;
use crate::sorted::{SortedMap, SortedSet};

/// Cells of one row by column (English name, language; `None`: zh-CN).
type Cells = SortedMap<(&'static str, Option<String>), String>;

/// Rows being written, and the columns they use.
struct Table {
    rows: Vec<Cells>,
}

impl Table {
    /// The sheet: a header row of the columns used, in `order`, then the rows. The
    /// first `always` columns are written even when no row uses them.
    fn sheet(
        self,
        name: &str,
        order: &[(&'static str, Option<&'static str>)],
        always: usize,
        headers: Headers,
    ) -> Sheet {
        let mut used: SortedSet<(&'static str, Option<String>)> =
            self.rows.iter().flat_map(|r| r.keys().cloned()).collect();
        used.extend(order.iter().take(always).map(|(en, _)| (*en, None)));
        let mut columns: Vec<(&'static str, Option<String>)> = Vec::new();
        for &(en, _) in order {
            let mut langs: Vec<Option<String>> = used
                .iter()
                .filter(|(c, _)| *c == en)
                .map(|(_, l)| l.clone())
                .collect();
            // zh-CN (the default language) first, then zh-TW, en and any other.
            crate::sorted::sort_by_key(&mut langs, |l| (lang_rank(l.as_deref()), l.clone()));
            columns.extend(langs.into_iter().map(|l| (en, l)));
        }
        let mut rows = vec![columns
            .iter()
            .map(|(c, l)| {
                let pair = *order
                    .iter()
                    .find(|(en, _)| en == c)
                    .expect("a known column");
                header(name_in(pair, headers), l.as_deref())
            })
            .collect::<Vec<_>>()];
        for r in &self.rows {
            rows.push(
                columns
                    .iter()
                    .map(|k| r.get(k).cloned().unwrap_or_default())
                    .collect(),
            );
        }
        Sheet::new(name, rows)
    }
}

fn lang_rank(l: Option<&str>) -> usize {
    match l {
        None => 0,
        Some("zh-TW") => 1,
        Some("en") => 2,
        Some(_) => 3,
    }
}

/// Puts a text's languages into `cells` under `column` (zh-CN in the unsuffixed one).
fn put_text(cells: &mut Cells, column: &'static str, text: Option<&I18nText>) {
    for (lang, v) in text.into_iter().flatten() {
        let lang = (lang != "zh-CN").then(|| lang.clone());
        cells.insert((column, lang), v.clone());
    }
}

fn put(cells: &mut Cells, column: &'static str, v: impl Into<String>) {
    let v = v.into();
    if !v.is_empty() {
        cells.insert((column, None), v);
    }
}

/// The `type` cell of a question.
fn type_text(q: &Question) -> String {
    match q.kind {
        Kind::SingleChoice => format!("select_one {}", q.id),
        Kind::MultipleChoice => format!("select_multiple {}", q.id),
        Kind::Number if q.integer => "integer".into(),
        Kind::Number => "decimal".into(),
        Kind::Group => "begin_repeat".into(),
        other => crate::json::wire_name(&other),
    }
}

struct Writer {
    /// Every question's kind, group columns included, for the conditions that read it.
    kinds: std::collections::HashMap<String, Kind>,
    survey: Vec<Cells>,
    choices: Vec<Cells>,
    errs: Vec<FieldError>,
}

impl Writer {
    fn kind_of(&self, q: &str) -> Option<Kind> {
        self.kinds.get(q).copied()
    }

    fn condition(
        &mut self,
        cells: &mut Cells,
        column: &'static str,
        e: Option<&Expr>,
        path: String,
    ) {
        let Some(e) = e else { return };
        match condition::write(e, &|q| self.kind_of(q)) {
            Ok(s) => put(cells, column, s),
            Err(condition::WriteError(v)) => {
                self.errs
                    .push(FieldError::new(path, "xlsform.unwritable").with("value", v));
            }
        }
    }

    fn question(&mut self, q: &Question, p: &str) {
        let mut cells = Cells::new();
        put(&mut cells, "type", type_text(q));
        put(&mut cells, "name", q.id.clone());
        put_text(&mut cells, "label", Some(&q.label));
        put_text(&mut cells, "hint", q.help.as_ref());
        put_text(&mut cells, "constraint_message", q.pattern_hint.as_ref());
        put_text(&mut cells, "statement", q.statement.as_ref());
        if q.required {
            put(&mut cells, "required", "yes");
        }
        self.condition(
            &mut cells,
            "relevant",
            q.visible_if.as_ref(),
            format!("{p}.visible_if"),
        );
        self.condition(
            &mut cells,
            "required_if",
            q.required_if.as_ref(),
            format!("{p}.required_if"),
        );
        match constraint::write(q) {
            Ok(c) => put(&mut cells, "constraint", c.unwrap_or_default()),
            Err(v) => self.errs.push(
                FieldError::new(format!("{p}.pattern"), "xlsform.unwritable").with("value", v),
            ),
        }
        if let Some(f) = &q.finding {
            put(&mut cells, "finding", severity_text(f.severity));
            let default = (q.kind == Kind::YesNo)
                .then(|| Expr::Equals(q.id.clone(), serde_json::Value::Bool(true)));
            if default.as_ref() != Some(&f.when) {
                self.condition(
                    &mut cells,
                    "finding_when",
                    Some(&f.when),
                    format!("{p}.finding.when"),
                );
            }
            put_text(&mut cells, "finding_title", Some(&f.title));
            put_text(&mut cells, "finding_provision", f.provision.as_ref());
            put(
                &mut cells,
                "finding_rule",
                f.rule.clone().unwrap_or_default(),
            );
        }
        self.survey.push(cells);
        for o in &q.options {
            let mut c = Cells::new();
            put(&mut c, "list_name", q.id.clone());
            put(&mut c, "name", o.value.clone());
            put_text(&mut c, "label", Some(&o.label));
            self.choices.push(c);
        }
        if q.kind == Kind::Group {
            for (i, col) in q.questions.iter().enumerate() {
                self.question(col, &format!("{p}.questions[{i}]"));
            }
            let mut end = Cells::new();
            put(&mut end, "type", "end_repeat");
            self.survey.push(end);
        }
    }
}

fn severity_text(s: Severity) -> &'static str {
    match s {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// The settings sheet's one row.
fn settings(t: &Template) -> Cells {
    let mut c = Cells::new();
    put(&mut c, "form_id", t.id.clone());
    put_text(&mut c, "form_title", Some(&t.title));
    put(&mut c, "version", t.version.clone());
    put(&mut c, "default_language", "zh-CN");
    put_text(&mut c, "description", t.description.as_ref());
    if t.sample {
        put(&mut c, "sample", "yes");
    }
    let filers: Vec<&str> = t.filers.iter().map(|f| f.code()).collect();
    put(&mut c, "filers", filers.join(" "));
    let s = &t.submitter;
    for (column, id) in [
        ("submitter_name", &s.name),
        ("submitter_organisation", &s.organisation),
        ("submitter_identifier", &s.identifier),
    ] {
        put(&mut c, column, id.clone().unwrap_or_default());
    }
    c
}

/// The template as a workbook, in `headers`' names; an error for a condition or
/// pattern the spreadsheet's syntax cannot write (at its JSON path).
pub(super) fn workbook(t: &Template, headers: Headers) -> Result<Workbook, crate::Errors> {
    let kinds = t
        .questions()
        .flat_map(|q| std::iter::once(q).chain(&q.questions))
        .map(|q| (q.id.clone(), q.kind))
        .collect();
    let mut w = Writer {
        kinds,
        survey: Vec::new(),
        choices: Vec::new(),
        errs: Vec::new(),
    };
    for (si, s) in t.sections.iter().enumerate() {
        let p = format!("$.sections[{si}]");
        let mut begin = Cells::new();
        put(&mut begin, "type", "begin_group");
        put(&mut begin, "name", s.id.clone());
        put_text(&mut begin, "label", Some(&s.title));
        put_text(&mut begin, "hint", s.help.as_ref());
        w.condition(
            &mut begin,
            "relevant",
            s.visible_if.as_ref(),
            format!("{p}.visible_if"),
        );
        w.survey.push(begin);
        for (qi, q) in s.questions.iter().enumerate() {
            w.question(q, &format!("{p}.questions[{qi}]"));
        }
        let mut end = Cells::new();
        put(&mut end, "type", "end_group");
        w.survey.push(end);
    }
    if !w.errs.is_empty() {
        return Err(w.errs.into());
    }
    let pick = |names: [&'static str; 2]| name_in((names[0], Some(names[1])), headers);
    let mut sheets = vec![Table { rows: w.survey }.sheet(pick(SURVEY), SURVEY_COLUMNS, 3, headers)];
    let choices = Table { rows: w.choices };
    sheets.push(choices.sheet(pick(CHOICES), CHOICE_COLUMNS, 3, headers));
    let settings = Table {
        rows: vec![settings(t)],
    };
    sheets.push(settings.sheet(pick(SETTINGS), SETTING_COLUMNS, 3, headers));
    Ok(Workbook { sheets })
}
