//! The requirement checker's contract: no settings; a template, a benchmark, a value.
//!
//! words: rq
//! data: requirements-drug-production-licence
//! data-on-demand: penalty-rules penalty-circumstances penalty-benchmark requirements-drug-trading-licence requirements-mr-filing-readiness

use super::{Requirements, RequirementsProps};
use crate::contract::{self, EventDoc, Property, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;
use yaojian::penalty::Benchmark;
use yaojian::requirements::Template;
use yaojian::{FieldError, Lang};
use yew::Callback;

static SPEC: Spec = Spec {
    kind: "requirements",
    title: "办事指南自检 requirement checker (built-in templates, or yours via `template`)",
    settings: &[],
    properties: &[
        Property {
            name: "benchmark",
            meaning: "a discretion benchmark document whose no-penalty list the 不予处罚 template uses; `null` returns to the default",
            text: false,
        },
        Property {
            name: "template",
            meaning: "a requirement template ([schema](../schemas/requirements.schema.json)) in place of the built-in ones; `null` returns to them",
            text: false,
        },
        Property {
            name: "value",
            meaning: "read: the detail of the latest `yj-change`; write: `{template, answers, have}` to start from; it must name a template the checker has",
            text: false,
        },
    ],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"requirements.result\", template, answers, have, result}`, on every change",
        },
        contract::ERROR_EVENT,
    ],
};

impl Widget for Requirements {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> RequirementsProps {
        RequirementsProps {
            lang,
            on_emit,
            template: None,
            value: None,
            benchmark: None,
            benchmark_read: None,
        }
    }

    fn lang(props: &mut RequirementsProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(_: &mut RequirementsProps, name: &str, _: Option<&str>) -> Result<(), FieldError> {
        Err(contract::unknown_setting(name))
    }

    /// A `value` names a template the checker has and fits it
    /// (`yaojian::requirements::check_start`).
    fn put(p: &mut RequirementsProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        let parsed = contract::parse_property(json)?;
        // The penalty data a benchmark is checked against (and the 不予处罚 template
        // built from) may not be fetched yet: then the widget reads it once it is.
        let penalty_there = yaojian::penalty::data::files_wanted().is_empty();
        match name {
            "benchmark" if parsed.is_null() => (p.benchmark, p.benchmark_read) = (None, None),
            "benchmark" => {
                // All but the ids its no-penalty list names, until the data is there.
                p.benchmark_read = match penalty_there {
                    true => Some(Rc::new(Benchmark::from_value(parsed.clone(), "$")?)),
                    false => Benchmark::from_value_unlinked(&parsed, "$").map(|_| None)?,
                };
                p.benchmark = Some(Rc::new(parsed));
            }
            "template" if parsed.is_null() => p.template = None,
            "template" => p.template = Some(Rc::new(Template::from_value(parsed)?)),
            "value" if parsed.is_null() => p.value = None,
            "value" => {
                // A benchmark set before the penalty data came is read now, once.
                if let (Some(b), None, true) = (&p.benchmark, &p.benchmark_read, penalty_there) {
                    p.benchmark_read = Benchmark::from_value((**b).clone(), "$").ok().map(Rc::new);
                }
                let (own, bench) = (p.template.as_deref(), p.benchmark_read.as_deref());
                yaojian::requirements::check_start(&parsed, own, bench)?;
                p.value = Some(Rc::new(parsed));
            }
            _ => return Err(contract::unknown_property(name)),
        }
        Ok(())
    }
}
