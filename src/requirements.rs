//! Requirement checks (办事指南自检): an applicant answers a few situation questions,
//! sees which legal conditions and materials apply, ticks what they have, and gets what
//! is missing, each item with its legal basis.
//!
//! Templates are data (`data/requirements/*.json`, schema
//! `schemas/requirements.schema.json`); conditions use the forms' language ([`crate::expr`]).
//! The 不予处罚 eligibility template is built from the penalty benchmark's no-penalty list.

use crate::error::FieldError;
use crate::expr::Expr;
use crate::i18n::{pick, I18nText};
use crate::json::{parse_document, parse_value_at};
use crate::penalty::rules::{circumstances, Benchmark, Citation, NoPenaltyList};
use crate::Lang;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub const SCHEMA: &str = "yaojian/requirements/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answered with JSON `true` / `false`.
    YesNo,
    /// Answered with one option's `value`.
    SingleChoice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: I18nText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub label: I18nText,
    #[serde(default)]
    pub help: Option<I18nText>,
    #[serde(default)]
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// A legal condition (条件).
    Condition,
    /// A document to prepare (申请材料).
    Material,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Basis {
    pub law: String,
    pub article: u32,
    #[serde(default)]
    pub paragraph: Option<u32>,
    #[serde(default)]
    pub item: Option<u32>,
    /// The statute's words, verbatim.
    pub text: String,
}

impl Basis {
    pub fn citation(&self) -> Citation {
        Citation::new(&self.law, self.article, self.paragraph, self.item)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub id: String,
    pub kind: RequirementKind,
    pub title: I18nText,
    pub explanation: I18nText,
    pub basis: Option<Basis>,
    pub applies_if: Option<Expr>,
    /// Sample content (示例), not verbatim law: the UI says so.
    pub sample: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Template {
    pub schema: String,
    pub id: String,
    pub version: String,
    pub title: I18nText,
    pub description: I18nText,
    pub notes: Option<I18nText>,
    pub questions: Vec<Question>,
    pub requirements: Vec<Requirement>,
}

/// The template as written, before conditions are parsed.
#[derive(Deserialize)]
struct RawTemplate {
    schema: String,
    id: String,
    version: String,
    title: I18nText,
    description: I18nText,
    #[serde(default)]
    notes: Option<I18nText>,
    questions: Vec<Question>,
    requirements: Vec<RawRequirement>,
}

#[derive(Deserialize)]
struct RawRequirement {
    id: String,
    kind: RequirementKind,
    title: I18nText,
    explanation: I18nText,
    #[serde(default)]
    basis: Option<Basis>,
    #[serde(default)]
    applies_if: Option<Value>,
    #[serde(default)]
    sample: bool,
}

use crate::expr::valid_id;

impl Template {
    /// Parses and checks a template; every error names its JSON path.
    pub fn from_json(src: &str) -> Result<Template, Vec<FieldError>> {
        let v = parse_document(src, "$").map_err(|e| vec![e])?;
        Template::from_value(v)
    }

    pub fn from_value(v: Value) -> Result<Template, Vec<FieldError>> {
        let raw: RawTemplate = parse_value_at(v, "$").map_err(|e| vec![e])?;
        let mut errs = Vec::new();
        if raw.schema != SCHEMA {
            errs.push(FieldError::new("$.schema", "requirements.schema").with("expected", SCHEMA));
        }
        let mut seen = Vec::new();
        for (i, q) in raw.questions.iter().enumerate() {
            let p = format!("$.questions[{i}]");
            if !valid_id(&q.id) || seen.contains(&q.id.as_str()) {
                errs.push(FieldError::new(format!("{p}.id"), "requirements.id").with("id", &q.id));
            }
            seen.push(&q.id);
            if q.kind == QuestionKind::SingleChoice && q.options.is_empty() {
                errs.push(FieldError::new(
                    format!("{p}.options"),
                    "requirements.no_options",
                ));
            }
            if !q.label.contains_key("zh-CN") {
                errs.push(FieldError::new(format!("{p}.label"), "requirements.label"));
            }
        }
        let known = |q: &str| raw.questions.iter().any(|x| x.id == q);
        let mut requirements = Vec::new();
        let mut ids: Vec<&str> = Vec::new();
        for (i, r) in raw.requirements.iter().enumerate() {
            let p = format!("$.requirements[{i}]");
            if !valid_id(&r.id) || ids.contains(&r.id.as_str()) {
                errs.push(FieldError::new(format!("{p}.id"), "requirements.id").with("id", &r.id));
            }
            ids.push(&r.id);
            let applies_if = match &r.applies_if {
                None | Some(Value::Null) => None,
                Some(e) => match Expr::parse(e, &format!("{p}.applies_if"), Some(&known)) {
                    Ok(e) => Some(e),
                    Err(mut e) => {
                        errs.append(&mut e);
                        None
                    }
                },
            };
            requirements.push(Requirement {
                id: r.id.clone(),
                kind: r.kind,
                title: r.title.clone(),
                explanation: r.explanation.clone(),
                basis: r.basis.clone(),
                applies_if,
                sample: r.sample,
            });
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(Template {
            schema: raw.schema,
            id: raw.id,
            version: raw.version,
            title: raw.title,
            description: raw.description,
            notes: raw.notes,
            questions: raw.questions,
            requirements,
        })
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// Where one requirement stands for this applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Missing,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub id: String,
    pub kind: RequirementKind,
    pub title: String,
    pub explanation: String,
    pub status: Status,
    pub citation: Option<Citation>,
    pub basis_text: Option<String>,
    pub sample: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub met: usize,
    pub missing: usize,
    pub not_applicable: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub template: String,
    pub version: String,
    pub title: String,
    /// Questions still unanswered: until they are, some requirements may change.
    pub unanswered: Vec<String>,
    pub items: Vec<ItemResult>,
    pub summary: Summary,
}

/// What the applicant said: answers to the questions and the requirements they have.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Input {
    pub answers: serde_json::Map<String, Value>,
    pub have: Vec<String>,
}

impl Input {
    /// Reads `{"answers": {...}, "have": [...]}` and checks it against the template.
    pub fn from_value(v: &Value, t: &Template) -> Result<Input, Vec<FieldError>> {
        match Input::lenient(v, t) {
            (input, errs) if errs.is_empty() => Ok(input),
            (_, errs) => Err(errs),
        }
    }

    /// Like [`Input::from_value`], but keeps every part that fits the template and
    /// returns the rest as errors: a widget keeps working on a host's partly wrong value.
    pub fn lenient(v: &Value, t: &Template) -> (Input, Vec<FieldError>) {
        let mut errs = Vec::new();
        let Some(obj) = v.as_object() else {
            return (
                Input::default(),
                vec![FieldError::new("$", "case.not_object")],
            );
        };
        for k in obj.keys() {
            if k != "answers" && k != "have" {
                errs.push(FieldError::new(format!("$.{k}"), "case.unknown_field").with("field", k));
            }
        }
        let mut input = Input::default();
        match obj.get("answers") {
            None | Some(Value::Null) => {}
            Some(Value::Object(a)) => {
                for (q, val) in a {
                    let p = format!("$.answers.{q}");
                    match t.question(q) {
                        None => errs.push(
                            FieldError::new(p, "requirements.unknown_question").with("id", q),
                        ),
                        Some(_) if val.is_null() => {}
                        Some(question) => match question.kind {
                            QuestionKind::YesNo if !val.is_boolean() => {
                                errs.push(FieldError::new(p, "case.bool"))
                            }
                            QuestionKind::SingleChoice
                                if !question
                                    .options
                                    .iter()
                                    .any(|o| val.as_str() == Some(&o.value)) =>
                            {
                                errs.push(
                                    FieldError::new(p, "requirements.not_an_option")
                                        .with("value", val),
                                )
                            }
                            _ => {
                                input.answers.insert(q.clone(), val.clone());
                            }
                        },
                    }
                }
            }
            Some(_) => errs.push(FieldError::new("$.answers", "requirements.answers_object")),
        }
        match obj.get("have") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                for (i, x) in list.iter().enumerate() {
                    match x.as_str() {
                        Some(id) if t.requirements.iter().any(|r| r.id == id) => {
                            input.have.push(id.to_string())
                        }
                        Some(id) => errs.push(
                            FieldError::new(
                                format!("$.have[{i}]"),
                                "requirements.unknown_requirement",
                            )
                            .with("id", id),
                        ),
                        None => errs.push(FieldError::new(format!("$.have[{i}]"), "case.string")),
                    }
                }
            }
            Some(_) => errs.push(FieldError::new("$.have", "case.string_list")),
        }
        (input, errs)
    }
}

/// Which requirements apply, which are met, which are missing.
pub fn check(t: &Template, input: &Input, lang: Lang) -> CheckResult {
    let mut summary = Summary::default();
    let items = t
        .requirements
        .iter()
        .map(|r| {
            let applies = r.applies_if.as_ref().is_none_or(|e| e.eval(&input.answers));
            let status = match (applies, input.have.contains(&r.id)) {
                (false, _) => Status::NotApplicable,
                (true, true) => Status::Met,
                (true, false) => Status::Missing,
            };
            match status {
                Status::Met => summary.met += 1,
                Status::Missing => summary.missing += 1,
                Status::NotApplicable => summary.not_applicable += 1,
            }
            ItemResult {
                id: r.id.clone(),
                kind: r.kind,
                title: pick(&r.title, lang),
                explanation: pick(&r.explanation, lang),
                status,
                citation: r.basis.as_ref().map(Basis::citation),
                basis_text: r.basis.as_ref().map(|b| b.text.clone()),
                sample: r.sample,
            }
        })
        .collect();
    let unanswered = t
        .questions
        .iter()
        .filter(|q| !crate::expr::is_answered(input.answers.get(&q.id)))
        .map(|q| q.id.clone())
        .collect();
    CheckResult {
        template: t.id.clone(),
        version: t.version.clone(),
        title: pick(&t.title, lang),
        unanswered,
        items,
        summary,
    }
}

/// Reads `{"answers", "have"}` JSON and checks it: the CLI's `requirements check`.
pub fn check_json(t: &Template, src: &str, lang: Lang) -> Result<CheckResult, Vec<FieldError>> {
    let v = parse_document(src, "$").map_err(|e| vec![e])?;
    let input = Input::from_value(&v, t)?;
    Ok(check(t, &input, lang))
}

pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "drug-production-licence",
        include_str!("../data/requirements/drug-production-licence.json"),
    ),
    (
        "drug-trading-licence",
        include_str!("../data/requirements/drug-trading-licence.json"),
    ),
    (
        "mr-filing-readiness",
        include_str!("../data/requirements/mr-filing-readiness.json"),
    ),
];

/// The id of the template built from the penalty benchmark.
pub const NO_PENALTY_ID: &str = "no-penalty-eligibility";

/// A built-in template by id (the 不予处罚 one from `benchmark`'s list).
pub fn built_in(id: &str, benchmark: &Benchmark) -> Option<Template> {
    if id == NO_PENALTY_ID {
        return Some(no_penalty_template(benchmark));
    }
    BUILT_IN
        .iter()
        .find(|(i, _)| *i == id)
        .and_then(|(_, src)| Template::from_json(src).ok())
}

/// Checks what a host sets as the checker's `value`: `{"template": id, "answers": {…},
/// "have": […]}`, where `template` (optional) names a built-in template (with `own`, the
/// host's template is the one used),
/// and the answers and items fit that template ([`Input::from_value`]). The checker's
/// own `requirements.result` event is accepted as it is (its `type` and `result` are
/// not read), so a host can set back what it was sent.
pub fn check_start(
    v: &Value,
    own: Option<&Template>,
    benchmark: &Benchmark,
) -> Result<(), Vec<FieldError>> {
    let Some(obj) = v.as_object() else {
        return Err(vec![FieldError::new("$", "case.not_object")]);
    };
    let id = match obj.get("template") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.as_str()),
        Some(_) => return Err(vec![FieldError::new("$.template", "case.string")]),
    };
    let built;
    let t = match (own, id) {
        // The checker shows the host's own template whatever the id says.
        (Some(t), _) => t,
        (None, id) => {
            let id = id.unwrap_or(built_in_ids()[0]);
            built = built_in(id, benchmark).ok_or_else(|| {
                vec![FieldError::new("$.template", "requirements.no_template").with("name", id)]
            })?;
            &built
        }
    };
    let mut rest = obj.clone();
    for k in ["template", "type", "result"] {
        rest.remove(k);
    }
    Input::from_value(&Value::Object(rest), t).map(|_| ())
}

/// Ids of every built-in template.
pub fn built_in_ids() -> Vec<&'static str> {
    BUILT_IN
        .iter()
        .map(|(i, _)| *i)
        .chain(std::iter::once(NO_PENALTY_ID))
        .collect()
}

fn i18n(zh: &str, tw: &str, en: &str) -> I18nText {
    [("zh-CN", zh), ("zh-TW", tw), ("en", en)]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A condition requirement from a circumstance of the penalty catalog, citing its clause.
fn from_circumstance(
    id: &str,
    c_id: &str,
    applies_if: Option<Expr>,
    sample: bool,
) -> Option<Requirement> {
    let c = circumstances().get(c_id)?;
    Some(Requirement {
        id: id.to_string(),
        kind: RequirementKind::Condition,
        title: c.label.clone(),
        explanation: i18n(&c.text, &c.text, &c.text),
        basis: Some(Basis {
            law: c.law.clone(),
            article: c.article,
            paragraph: c.paragraph,
            item: c.item,
            text: c.text.clone(),
        }),
        applies_if,
        sample,
    })
}

/// 不予处罚 eligibility (行政处罚法第三十三条), with the benchmark's no-penalty list: the
/// applicant picks the route, and the conditions of that route are the requirements.
pub fn no_penalty_template(bm: &Benchmark) -> Template {
    let list = bm.no_penalty_list.as_ref();
    let mut routes = vec![
        (
            "minor",
            i18n(
                "违法行为轻微并及时改正，没有造成危害后果（不予处罚）",
                "違法行為輕微並及時改正，沒有造成危害後果（不予處罰）",
                "Minor, corrected promptly, no harm (no penalty)",
            ),
        ),
        (
            "first",
            i18n(
                "初次违法且危害后果轻微并及时改正（可以不予处罚）",
                "初次違法且危害後果輕微並及時改正（可以不予處罰）",
                "First violation, slight harm, corrected promptly (penalty may be waived)",
            ),
        ),
        (
            "no_fault",
            i18n(
                "有证据足以证明没有主观过错（不予处罚）",
                "有證據足以證明沒有主觀過錯（不予處罰）",
                "Evidence proves no fault (no penalty)",
            ),
        ),
    ];
    if list.is_some_and(|l| !l.items.is_empty()) {
        routes.push((
            "listed",
            i18n(
                "属于本地不予处罚清单所列事项",
                "屬於本地不予處罰清單所列事項",
                "An item on the local no-penalty list",
            ),
        ));
    }
    let mut questions = vec![Question {
        id: "q_route".into(),
        kind: QuestionKind::SingleChoice,
        label: i18n(
            "您希望核对哪一种不予处罚情形？",
            "您希望核對哪一種不予處罰情形？",
            "Which no-penalty route do you want to check?",
        ),
        help: Some(i18n(
            "依据《中华人民共和国行政处罚法》第三十三条及本地清单",
            "依據《中華人民共和國行政處罰法》第三十三條及本地清單",
            "Under article 33 of the Administrative Penalty Law and the local list",
        )),
        options: routes
            .iter()
            .map(|(v, l)| Choice {
                value: v.to_string(),
                label: l.clone(),
            })
            .collect(),
    }];
    let route = |r: &str| Some(Expr::Equals("q_route".into(), json!(r)));
    let mut requirements = Vec::new();
    let mut condition = |id: &str, c_id: &str, applies: Option<Expr>| {
        if let Some(r) = from_circumstance(id, c_id, applies, false) {
            requirements.push(r);
        }
    };
    condition("r_minor", "minor", route("minor"));
    condition("r_minor_corrected", "corrected", route("minor"));
    condition("r_no_harm", "no_harm", route("minor"));
    condition("r_first_offence", "first_offence", route("first"));
    condition("r_minor_harm", "minor_harm", route("first"));
    condition("r_first_corrected", "corrected", route("first"));
    condition("r_no_fault", "apl33_no_fault", route("no_fault"));
    if let Some(list) = list.filter(|l| !l.items.is_empty()) {
        add_listed(list, &mut questions, &mut requirements);
    }
    Template {
        schema: SCHEMA.into(),
        id: NO_PENALTY_ID.into(),
        version: bm.id.clone(),
        title: i18n("不予行政处罚条件自检", "不予行政處罰條件自檢", "Eligibility for no administrative penalty"),
        description: i18n(
            "核对是否符合《中华人民共和国行政处罚法》第三十三条或本地不予处罚清单的全部条件。清单并未穷尽第三十三条。",
            "核對是否符合《中華人民共和國行政處罰法》第三十三條或本地不予處罰清單的全部條件。清單並未窮盡第三十三條。",
            "Check every condition of article 33 of the Administrative Penalty Law or of the local no-penalty list. The list never exhausts article 33.",
        ),
        notes: list.filter(|l| l.sample).map(|_| i18n("清单为示例，请以本地规定为准。", "清單為示例，請以本地規定為準。", "The list is sample content: check your local rules.")),
        questions,
        requirements,
    }
}

/// The local list's question (which item) and, for each item, its act and conditions,
/// asked when the user checks the "listed" route.
fn add_listed(
    list: &NoPenaltyList,
    questions: &mut Vec<Question>,
    requirements: &mut Vec<Requirement>,
) {
    questions.push(Question {
        id: "q_item".into(),
        kind: QuestionKind::SingleChoice,
        label: i18n(
            "清单中的哪一项？",
            "清單中的哪一項？",
            "Which item of the list?",
        ),
        help: Some(list.title.clone()),
        options: list
            .items
            .iter()
            .map(|i| Choice {
                value: i.id.clone(),
                label: i18n(&i.name, &i.name, &i.name),
            })
            .collect(),
    });
    for item in &list.items {
        let applies = || {
            Some(Expr::And(vec![
                Expr::Equals("q_route".into(), json!("listed")),
                Expr::Equals("q_item".into(), json!(item.id)),
            ]))
        };
        requirements.push(Requirement {
            id: format!("r_{}_act", item.id.replace('-', "_")),
            kind: RequirementKind::Condition,
            title: i18n(
                &format!("违法行为属于清单所列：{}", item.name),
                &format!("違法行為屬於清單所列：{}", item.name),
                &format!("The act is on the list: {}", item.name),
            ),
            explanation: i18n(
                &format!("法律依据：{}", item.basis),
                &format!("法律依據：{}", item.basis),
                &format!("Legal basis: {}", item.basis),
            ),
            basis: None,
            applies_if: applies(),
            sample: list.sample,
        });
        for c_id in &item.conditions {
            let id = format!("r_{}_{}", item.id.replace('-', "_"), c_id);
            requirements.extend(from_circumstance(&id, c_id, applies(), list.sample));
        }
    }
}
