//! 处罚裁量 widget: find the violation, enter only what that rule needs, tick the
//! circumstances, and read the engine's assessment: range bar, outcome, sanctions and
//! the numbered, cited explanation. A bureau's benchmark can be loaded in place of the
//! default. Every number comes from `yaojian::penalty`; this file only renders.

mod form;
mod result;

use crate::common::{t, use_host_value, ErrorItem, ErrorSummary};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::rc::Rc;
use yaojian::penalty::{self, Assessment, Benchmark};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// Example cases shipped with the widget: they drive its browser tests, the e2e tests
/// and the "load an example" menu.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "fake-drug-small",
        include_str!("examples/fake-drug-small.json"),
    ),
    (
        "substandard-retail-mitigated",
        include_str!("examples/substandard-retail-mitigated.json"),
    ),
    (
        "gmp-deadline-pending",
        include_str!("examples/gmp-deadline-pending.json"),
    ),
    (
        "traceability-first-offence",
        include_str!("examples/traceability-first-offence.json"),
    ),
    ("kickbacks", include_str!("examples/kickbacks.json")),
    ("time-barred", include_str!("examples/time-barred.json")),
    (
        "invalid-amount",
        include_str!("examples/invalid-amount.json"),
    ),
];

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
    pub circumstances: BTreeSet<String>,
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

/// Messages sent by the form parts.
pub enum Msg {
    Text(&'static str, String),
    Rule(String),
    Toggle(&'static str, bool),
    Circumstance(String, bool),
    Example(String),
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
        Err(e) => Evaluation::Invalid(e),
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
pub fn field_id(path: &str) -> String {
    format!("yj-pc-{}", path_key(path))
}

/// An error-summary line names the field: "货值金额（元）：此项为必填项".
fn summary_message(e: &FieldError, lang: Lang) -> String {
    let key = path_key(&e.path);
    let label_key = format!("pc.field.{key}");
    let label = t(lang, &label_key);
    if label == label_key || key == "rule" {
        e.message(lang)
    } else {
        format!("{label}：{}", e.message(lang))
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PenaltyProps {
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

#[function_component(PenaltyCalculator)]
pub fn penalty_calculator(props: &PenaltyProps) -> Html {
    let lang = props.lang;
    let inputs = {
        let value = props.value.clone();
        use_state(move || value.map(|v| Inputs::from_case(&v)).unwrap_or_default())
    };
    {
        let inputs = inputs.clone();
        use_host_value(props.value.clone(), move |v| {
            inputs.set(Inputs::from_case(v))
        });
    }
    let custom_benchmark = use_state(|| None::<Rc<Benchmark>>);
    // A new benchmark from the host replaces one the user loaded.
    {
        let custom = custom_benchmark.clone();
        use_effect_with(props.benchmark.clone(), move |_| custom.set(None));
    }
    let bm_errors = use_state(Vec::<FieldError>::new);
    let bm_text = use_state(String::new);
    // Fields the user has left: their errors show inline from then on.
    let touched = use_state(BTreeSet::<String>::new);
    let summary_token = use_state(|| 0u32);
    let show_summary = use_state(|| false);

    let benchmark: &Benchmark = match (custom_benchmark.as_deref(), props.benchmark.as_deref()) {
        (Some(b), _) | (None, Some(b)) => b,
        (None, None) => penalty::default_benchmark(),
    };
    let evaluation = evaluate(&inputs, benchmark, lang);

    // Emit every new result to the host.
    {
        let on_emit = props.on_emit.clone();
        let case = inputs.to_case();
        let evaluation = evaluation.clone();
        use_effect_with((case.clone(), evaluation.clone(), lang), move |_| {
            let detail = match &evaluation {
                Evaluation::Done(a) => {
                    Some(json!({ "type": "penalty.assessment", "case": case, "assessment": **a }))
                }
                Evaluation::Invalid(e) => Some(json!({
                    "type": "penalty.invalid",
                    "case": case,
                    "errors": e.iter().map(|x| x.localized(lang)).collect::<Vec<_>>(),
                })),
                Evaluation::Empty => None,
            };
            if let Some(d) = detail {
                on_emit.emit(d);
            }
        });
    }

    let dispatch = {
        let inputs = inputs.clone();
        let touched = touched.clone();
        let show_summary = show_summary.clone();
        Callback::from(move |msg: Msg| {
            let mut next = (*inputs).clone();
            match msg {
                Msg::Text(k, v) => next.set(k, v),
                Msg::Rule(r) => {
                    next.rule = r;
                    show_summary.set(false);
                }
                Msg::Toggle("serious", b) => next.serious = b,
                Msg::Toggle(_, b) => next.deadline_missed = b,
                Msg::Circumstance(id, on) => {
                    if on {
                        next.circumstances.insert(id);
                    } else {
                        next.circumstances.remove(&id);
                    }
                }
                Msg::Example(name) => {
                    if let Some(v) = EXAMPLES
                        .iter()
                        .find(|e| e.0 == name)
                        .and_then(|e| serde_json::from_str::<Value>(e.1).ok())
                    {
                        next = Inputs::from_case(&v["case"]);
                        touched.set(
                            next.to_case()
                                .as_object()
                                .map(|o| o.keys().cloned().collect())
                                .unwrap_or_default(),
                        );
                        show_summary.set(false);
                    }
                }
            }
            inputs.set(next);
        })
    };
    let on_blur = {
        let touched = touched.clone();
        Callback::from(move |key: String| {
            if !touched.contains(&key) {
                let mut t = (*touched).clone();
                t.insert(key);
                touched.set(t);
            }
        })
    };

    // Errors shown inline: those of touched fields, or all after "check".
    let errors: Vec<FieldError> = match &evaluation {
        Evaluation::Invalid(e) => e.clone(),
        _ => Vec::new(),
    };
    let visible: Vec<FieldError> = errors
        .iter()
        .filter(|e| *show_summary || touched.contains(path_key(&e.path)))
        .cloned()
        .collect();
    let summary_items: Vec<ErrorItem> = if *show_summary {
        errors
            .iter()
            .map(|e| ErrorItem {
                field_id: field_id(&e.path),
                message: summary_message(e, lang),
            })
            .collect()
    } else {
        Vec::new()
    };

    let on_check = {
        let show_summary = show_summary.clone();
        let summary_token = summary_token.clone();
        let inputs = inputs.clone();
        Callback::from(move |_: MouseEvent| {
            show_summary.set(true);
            summary_token.set(*summary_token + 1);
            if inputs.rule.is_empty() {
                crate::common::focus_id("yj-pc-rule");
            }
        })
    };

    let on_bm_text = crate::common::bind_text(&bm_text);
    let on_bm_load = {
        let bm_text = bm_text.clone();
        let custom = custom_benchmark.clone();
        let bm_errors = bm_errors.clone();
        Callback::from(move |_: MouseEvent| match Benchmark::from_json(&bm_text) {
            Ok(b) => {
                custom.set(Some(Rc::new(b)));
                bm_errors.set(Vec::new());
            }
            Err(e) => bm_errors.set(e),
        })
    };
    let on_bm_reset = {
        let custom = custom_benchmark.clone();
        let bm_errors = bm_errors.clone();
        Callback::from(move |_: MouseEvent| {
            custom.set(None);
            bm_errors.set(Vec::new());
        })
    };

    html! {
        <div class="yj-widget yj-pc" lang={lang.tag()}>
            <ErrorSummary id="yj-pc-error-summary" title={t(lang, "pc.error_summary")} errors={summary_items} focus_token={*summary_token} />
            <div class="yj-pc__layout">
                <div class="yj-pc__form">
                    <form::ExampleMenu {lang} dispatch={dispatch.clone()} />
                    <form::RulePicker {lang} inputs={(*inputs).clone()} dispatch={dispatch.clone()} />
                    <form::CaseFields {lang} inputs={(*inputs).clone()} dispatch={dispatch.clone()} on_blur={on_blur.clone()} errors={visible.clone()} />
                    <form::CircumstanceFields {lang} inputs={(*inputs).clone()} dispatch={dispatch.clone()} />
                    <div class="yj-button-row yj-no-print">
                        <button type="button" class="yj-button" onclick={on_check}>{ t(lang, "pc.check") }</button>
                    </div>
                    <form::BenchmarkPanel {lang} benchmark={Rc::new(benchmark.clone())} custom={custom_benchmark.is_some()}
                        text={(*bm_text).clone()} errors={(*bm_errors).clone()} on_text={on_bm_text} on_load={on_bm_load} on_reset={on_bm_reset} />
                </div>
                <result::ResultPanel {lang} evaluation={evaluation.clone()} />
            </div>
        </div>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
