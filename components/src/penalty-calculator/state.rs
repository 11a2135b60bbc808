//! The calculator's state, one reducer in the style of Yew's `function_todomvc`:
//! everything the user has typed and chosen, changed only by [`Action`]s. What the
//! engine makes of it is computed from it on every render (`evaluate`).

use super::{menu_examples, Inputs};
use yaojian::sorted::SortedSet;
use std::rc::Rc;
use yaojian::penalty::Benchmark;
use yaojian::FieldError;
use yew::Reducible;

#[derive(Clone, PartialEq, Default)]
pub struct State {
    /// The case as typed.
    pub inputs: Inputs,
    /// A benchmark the user loaded in place of the host's or the default.
    pub custom_benchmark: Option<Rc<Benchmark>>,
    /// The benchmark JSON being pasted, and what was wrong with the last one loaded.
    pub bm_text: String,
    pub bm_errors: Vec<FieldError>,
    /// Fields the user has left: their errors show inline from then on.
    pub touched: SortedSet<String>,
    /// After "check": every error shows, in the summary too.
    pub show_summary: bool,
    /// Moves on every "check", so the error summary takes focus again.
    pub summary_token: u32,
}

/// What the form parts and the host do to the state.
pub enum Action {
    /// A text field (`goods_value`, `query`, …) as typed.
    Text(&'static str, String),
    Rule(String),
    /// `serious` or `deadline_missed`.
    Toggle(&'static str, bool),
    Circumstance(String, bool),
    /// An example of the menu, by name.
    Example(String),
    /// A case the host set.
    Load(Box<Inputs>),
    /// The user left a field.
    Blur(String),
    Check,
    BenchmarkText(String),
    /// Load the pasted benchmark (its errors, each with its path, when it is bad).
    LoadBenchmark,
    /// Back to the host's benchmark (or the default).
    ResetBenchmark,
}

impl State {
    /// The state a case starts from (`None`: an empty form).
    pub fn from_case(case: Option<&serde_json::Value>) -> State {
        State {
            inputs: case.map(Inputs::from_case).unwrap_or_default(),
            ..State::default()
        }
    }

    /// An example, or a case loaded, shows its own errors at once.
    fn show_case(&mut self, inputs: Inputs) {
        self.touched = inputs
            .to_case()
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        self.inputs = inputs;
        self.show_summary = false;
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Text(k, v) => s.inputs.set(k, v),
            Action::Rule(r) => {
                s.inputs.rule = r;
                s.show_summary = false;
            }
            Action::Toggle("serious", b) => s.inputs.serious = b,
            Action::Toggle(_, b) => s.inputs.deadline_missed = b,
            Action::Circumstance(id, true) => {
                s.inputs.circumstances.insert(id);
            }
            Action::Circumstance(id, false) => {
                s.inputs.circumstances.remove(&id);
            }
            Action::Example(name) => match menu_examples().iter().find(|e| e.0 == name) {
                Some((_, case)) => s.show_case(Inputs::from_case(case)),
                None => return self,
            },
            Action::Load(inputs) => s.inputs = *inputs,
            Action::Blur(key) if self.touched.contains(&key) => return self,
            Action::Blur(key) => {
                s.touched.insert(key);
            }
            Action::Check => {
                s.show_summary = true;
                s.summary_token += 1;
            }
            Action::BenchmarkText(t) => s.bm_text = t,
            Action::LoadBenchmark => match Benchmark::from_json(&s.bm_text) {
                Ok(b) => {
                    s.custom_benchmark = Some(Rc::new(b));
                    s.bm_errors.clear();
                }
                Err(e) => s.bm_errors = e.into(),
            },
            Action::ResetBenchmark => {
                s.custom_benchmark = None;
                s.bm_errors.clear();
            }
        }
        Rc::new(s)
    }
}
