//! 处罚裁量 widget: find the violation, enter only what that rule needs, tick the
//! circumstances, and read the engine's assessment: range bar, outcome, sanctions and
//! the numbered, cited explanation. A bureau's benchmark can be loaded in place of the
//! default. Every number comes from `yaojian::penalty`; this file only renders.

mod spec;

mod form;
mod result;
mod state;

pub use state::{Action, State};

use crate::common::events::{json_of, Emitted};
use crate::common::{t, use_host_value, ErrorItem, ErrorSummary, Ids};
use serde_json::{json, Map, Value};
use yaojian::sorted::SortedSet;
use std::rc::Rc;
use yaojian::penalty::{self, Assessment, Benchmark};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// The example cases of the "load an example" menu: the widget's examples that carry a
/// case and hand-computed figures (`expect`), as (name, case).
/// Read once, not on every render of the menu.
pub fn menu_examples() -> &'static [(&'static str, Value)] {
    static MENU: std::sync::OnceLock<Vec<(&'static str, Value)>> = std::sync::OnceLock::new();
    MENU.get_or_init(|| {
        crate::widgets::examples::PENALTY_CALCULATOR
            .iter()
            .filter_map(|&(name, json)| {
                let ex: Value = serde_json::from_str(json).ok()?;
                ex.get("expect")?;
                Some((name, ex["properties"]["value"].clone()))
            })
            .collect()
    })
}

/// What the user has entered, exactly as typed.
#[derive(Clone, PartialEq, Default)]
pub struct Inputs {
    pub query: String,
    pub rule: String,
    pub goods_value: String,
    pub illegal_income: String,
    pub income: String,
    pub unit_income: String,
    pub channel: String,
    pub serious: bool,
    pub deadline_missed: bool,
    pub circumstances: SortedSet<String>,
    pub mitigation: String,
    pub party: String,
    pub violation_date: String,
    pub violation_end_date: String,
    pub discovery_date: String,
}

impl Inputs {
    /// The case as the engine and the CLI read it. Only the fields the chosen rule
    /// uses are included, so a value typed for another rule does not interfere.
    pub fn to_case(&self) -> Value {
        let mut m = Map::new();
        m.insert("rule".into(), json!(self.rule));
        let rule = penalty::rule_table().get(&self.rule);
        let mut amounts: Vec<&str> = rule
            .map(|r| r.bases().iter().map(|b| b.case_key()).collect())
            .unwrap_or_default();
        if rule.is_some_and(|r| r.needs_unit_income()) {
            amounts.push("unit_income");
        }
        for key in amounts {
            let v = self.amount(key);
            if !v.trim().is_empty() {
                m.insert(key.into(), json!(v));
            }
        }
        if rule.is_some_and(|r| r.needs_channel()) && !self.channel.is_empty() {
            m.insert("channel".into(), json!(self.channel));
        }
        if rule.is_some_and(|r| r.has_serious_tier()) {
            m.insert("serious".into(), json!(self.serious));
        }
        if rule.is_some_and(|r| r.depends_on_deadline()) {
            m.insert("deadline_missed".into(), json!(self.deadline_missed));
        }
        if !self.circumstances.is_empty() {
            m.insert("circumstances".into(), json!(self.circumstances));
        }
        if self.mitigation == "reduced" {
            m.insert("mitigation".into(), json!("reduced"));
        }
        if self.party == "individual" {
            m.insert("party".into(), json!("individual"));
        }
        for (k, v) in [
            ("violation_date", &self.violation_date),
            ("violation_end_date", &self.violation_end_date),
            ("discovery_date", &self.discovery_date),
        ] {
            if !v.is_empty() {
                m.insert(k.into(), json!(v));
            }
        }
        Value::Object(m)
    }

    pub fn amount(&self, key: &str) -> &str {
        match key {
            "goods_value" => &self.goods_value,
            "illegal_income" => &self.illegal_income,
            "income" => &self.income,
            _ => &self.unit_income,
        }
    }

    fn set(&mut self, key: &str, v: String) {
        match key {
            "query" => self.query = v,
            "goods_value" => self.goods_value = v,
            "illegal_income" => self.illegal_income = v,
            "income" => self.income = v,
            "unit_income" => self.unit_income = v,
            "channel" => self.channel = v,
            "mitigation" => self.mitigation = v,
            "party" => self.party = v,
            "violation_date" => self.violation_date = v,
            "violation_end_date" => self.violation_end_date = v,
            "discovery_date" => self.discovery_date = v,
            _ => {}
        }
    }

    /// Reads an example or saved case (the CLI's case format) into the form. An amount
    /// the case gives as a JSON number (whole yuan, as the CLI reads it) is shown as
    /// that number's text, so the widget and the CLI read one case alike.
    pub fn from_case(v: &Value) -> Inputs {
        let s = |k: &str| match v.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let b = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        Inputs {
            query: String::new(),
            rule: s("rule"),
            goods_value: s("goods_value"),
            illegal_income: s("illegal_income"),
            income: s("income"),
            unit_income: s("unit_income"),
            channel: s("channel"),
            serious: b("serious"),
            deadline_missed: b("deadline_missed"),
            circumstances: v
                .get("circumstances")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            mitigation: s("mitigation"),
            party: s("party"),
            violation_date: s("violation_date"),
            violation_end_date: s("violation_end_date"),
            discovery_date: s("discovery_date"),
        }
    }
}

/// The engine's answer for the current inputs.
#[derive(Clone, PartialEq)]
pub enum Evaluation {
    /// No rule chosen yet.
    Empty,
    Done(Rc<Assessment>),
    Invalid(Vec<FieldError>),
}

pub fn evaluate(inputs: &Inputs, bm: &Benchmark, lang: Lang) -> Evaluation {
    if inputs.rule.is_empty() {
        return Evaluation::Empty;
    }
    match penalty::Case::from_value(&inputs.to_case())
        .and_then(|(case, _)| penalty::assess(&case, bm, lang))
    {
        Ok(a) => Evaluation::Done(Rc::new(a)),
        Err(e) => Evaluation::Invalid(e.into()),
    }
}

/// The top-level field a JSON path points into (`$.goods_value` → `goods_value`).
fn path_key(path: &str) -> &str {
    path.trim_start_matches("$.")
        .split(['.', '['])
        .next()
        .unwrap_or("")
}

/// The DOM id of the input behind a JSON path (`$.goods_value` → `yj-pc-goods_value`).
pub fn field_id(ids: &Ids, path: &str) -> String {
    ids.id(path_key(path))
}

/// An error line names the field: "货值金额（元）：此项为必填项" (the error summary and the
/// result panel's list alike).
pub(super) fn summary_message(e: &FieldError, lang: Lang) -> String {
    let key = path_key(&e.path);
    let label_key = format!("pc.field.{key}");
    let label = t(lang, &label_key);
    if label == label_key || key == "rule" {
        e.message(lang)
    } else {
        format!("{label}{}{}", yaojian::i18n::label_separator(lang), e.message(lang))
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PenaltyCalculatorProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A case to show, in the CLI's case format. Setting a new one replaces the form.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
    /// The host's benchmark in place of the default (a user may still load another).
    #[prop_or_default]
    pub benchmark: Option<Rc<Benchmark>>,
}

/// Tells the host of every new result.
#[hook]
fn use_emit_result(
    on_emit: &Callback<Value>,
    inputs: &Inputs,
    evaluation: &Evaluation,
    lang: Lang,
) {
    let on_emit = on_emit.clone();
    let case = inputs.to_case();
    use_effect_with(
        (case, evaluation.clone(), lang),
        move |(case, evaluation, lang)| {
            let detail = match evaluation {
                Evaluation::Done(a) => Emitted::PenaltyAssessment {
                    case: case.clone(),
                    assessment: json_of(&**a),
                },
                Evaluation::Invalid(e) => Emitted::PenaltyInvalid {
                    case: case.clone(),
                    errors: json_of(&e.iter().map(|x| x.localized(*lang)).collect::<Vec<_>>()),
                },
                Evaluation::Empty => return,
            };
            detail.send(&on_emit);
        },
    );
}

/// The errors shown inline (those of touched fields, or all after "check") and the
/// error summary's lines (after "check").
fn shown_errors(
    state: &State,
    evaluation: &Evaluation,
    ids: &Ids,
    lang: Lang,
) -> (Vec<FieldError>, Vec<ErrorItem>) {
    let errors: &[FieldError] = match evaluation {
        Evaluation::Invalid(e) => e,
        _ => &[],
    };
    let inline = errors
        .iter()
        .filter(|e| state.show_summary || state.touched.contains(path_key(&e.path)))
        .cloned()
        .collect();
    let summary = match state.show_summary {
        true => errors
            .iter()
            .map(|e| ErrorItem {
                field_id: field_id(ids, &e.path),
                message: summary_message(e, lang),
            })
            .collect(),
        false => Vec::new(),
    };
    (inline, summary)
}

#[function_component(PenaltyCalculator)]
pub fn penalty_calculator(props: &PenaltyCalculatorProps) -> Html {
    let lang = props.lang;
    let ids = Ids(crate::common::use_id_prefix("yj-pc"));
    let state = {
        let value = props.value.clone();
        use_reducer(move || State::from_case(value.as_deref()))
    };
    let d = state.dispatcher();
    {
        let d = d.clone();
        use_host_value(props.value.clone(), move |v| {
            d.dispatch(Action::Load(Box::new(Inputs::from_case(v))))
        });
    }
    // A new benchmark from the host replaces one the user loaded.
    {
        let d = d.clone();
        use_effect_with(props.benchmark.clone(), move |_| {
            d.dispatch(Action::ResetBenchmark)
        });
    }
    let benchmark: &Benchmark = match (
        state.custom_benchmark.as_deref(),
        props.benchmark.as_deref(),
    ) {
        (Some(b), _) | (None, Some(b)) => b,
        (None, None) => penalty::default_benchmark(),
    };
    let evaluation = evaluate(&state.inputs, benchmark, lang);
    use_emit_result(&props.on_emit, &state.inputs, &evaluation, lang);
    let (inline_errors, summary_items) = shown_errors(&state, &evaluation, &ids, lang);

    let dispatch = {
        let d = d.clone();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    let on_blur = {
        let d = d.clone();
        Callback::from(move |key: String| d.dispatch(Action::Blur(key)))
    };
    let on_check = {
        let d = d.clone();
        let no_rule = state.inputs.rule.is_empty();
        let rule_id = ids.id("rule");
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Check);
            if no_rule {
                crate::common::focus_id(&rule_id);
            }
        })
    };
    let on_bm_text = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            d.dispatch(Action::BenchmarkText(crate::common::target_value(&e)))
        })
    };
    let on_bm_load = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::LoadBenchmark))
    };
    let on_bm_reset = Callback::from(move |_: MouseEvent| d.dispatch(Action::ResetBenchmark));
    let inputs = state.inputs.clone();

    html! {
        <ContextProvider<Ids> context={ids.clone()}>
        <div class="yj-widget yj-pc" lang={lang.tag()}>
            <ErrorSummary id={ids.id("error-summary")} title={t(lang, "pc.error_summary")} errors={summary_items} focus_token={state.summary_token} />
            <div class="yj-pc__layout">
                <div class="yj-pc__form">
                    <form::ExampleMenu {lang} dispatch={dispatch.clone()} />
                    <form::RulePicker {lang} inputs={inputs.clone()} dispatch={dispatch.clone()} />
                    <form::CaseFields {lang} inputs={inputs.clone()} dispatch={dispatch.clone()} {on_blur} errors={inline_errors} />
                    <form::CircumstanceFields {lang} {inputs} {dispatch} />
                    <div class="yj-button-row yj-no-print">
                        <button type="button" class="yj-button" onclick={on_check}>{ t(lang, "pc.check") }</button>
                    </div>
                    <result::Brief {lang} evaluation={evaluation.clone()} />
                    <form::BenchmarkPanel {lang} benchmark={Rc::new(benchmark.clone())} custom={state.custom_benchmark.is_some()}
                        text={state.bm_text.clone()} errors={state.bm_errors.clone()} on_text={on_bm_text} on_load={on_bm_load} on_reset={on_bm_reset} />
                </div>
                <result::ResultPanel {lang} {evaluation} />
            </div>
        </div>
        </ContextProvider<Ids>>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
