//! The penalty calculator's contract: no settings; a benchmark and a case.
//!
//! words: pc
//! data: penalty-rules penalty-circumstances penalty-benchmark penalty-titles

use super::{PenaltyCalculator, PenaltyCalculatorProps};
use crate::common::properties::benchmark_property;
use crate::contract::{self, EventDoc, Property, Spec, Widget};
use serde_json::Value;
use std::rc::Rc;

use yaojian::{FieldError, Lang};
use yew::Callback;

static SPEC: Spec = Spec {
    kind: "penalty-calculator",
    title: "处罚裁量 penalty calculator",
    settings: &[],
    properties: &[
        Property {
            name: "benchmark",
            meaning: "a discretion benchmark document (object or JSON text) in place of the default; `null` returns to the default",
            text: false,
        },
        Property {
            name: "value",
            meaning: "read: the detail of the latest `yj-change`; write: a case, as `yaojian penalty assess` reads it",
            text: false,
        },
    ],
    events: &[
        EventDoc {
            name: "yj-change",
            detail: "`{type: \"penalty.assessment\", case, assessment}` or `{type: \"penalty.invalid\", case, errors: [{path, code, message}]}`, on every new result",
        },
        contract::ERROR_EVENT,
    ],
};

impl Widget for PenaltyCalculator {
    fn spec() -> &'static Spec {
        &SPEC
    }

    fn props(lang: Lang, on_emit: Callback<Value>) -> PenaltyCalculatorProps {
        PenaltyCalculatorProps {
            lang,
            on_emit,
            value: None,
            benchmark: None,
        }
    }

    fn lang(props: &mut PenaltyCalculatorProps) -> &mut Lang {
        &mut props.lang
    }

    fn set(_: &mut PenaltyCalculatorProps, name: &str, _: Option<&str>) -> Result<(), FieldError> {
        Err(contract::unknown_setting(name))
    }

    /// The case of the last result.
    fn restore(last: &Value) -> Option<Value> {
        last.get("case").cloned()
    }

    fn put(p: &mut PenaltyCalculatorProps, name: &str, json: &str) -> Result<(), Vec<FieldError>> {
        match name {
            "benchmark" => p.benchmark = benchmark_property(json)?,
            "value" => {
                let parsed = contract::parse_property(json)?;
                // Check the shape now so the host hears about a bad case at once.
                yaojian::penalty::Case::from_value(&parsed)?;
                p.value = Some(Rc::new(parsed));
            }
            _ => return Err(contract::unknown_property(name)),
        }
        Ok(())
    }
}
