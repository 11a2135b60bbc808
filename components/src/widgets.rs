//! The widget list: every widget the bundle carries, once. A new widget is a folder
//! named after its element (`src/<kind>/`, with `spec.rs` implementing
//! [`crate::contract::Widget`] and `examples/*.json`) and one line in `widgets!` below.

use crate::contract::{Entry, Spec};

/// Declares each widget's module (its folder, named after its element) and lists it in
/// [`WIDGETS`].
macro_rules! widgets {
    ($($folder:literal => $module:ident :: $widget:ident,)*) => {
        $(
            #[path = $folder]
            pub mod $module;
        )*
        /// Every widget the bundle carries, in the order the demo shows them.
        pub const WIDGETS: &[Entry] = &[$(Entry::of::<$module::$widget>()),*];
    };
}

widgets! {
    "self-inspection/mod.rs" => self_inspection::SelfInspection,
    "submissions-summary/mod.rs" => submissions_summary::SubmissionsSummary,
    "rectification/mod.rs" => rectification::Rectification,
    "penalty-calculator/mod.rs" => penalty_calculator::PenaltyCalculator,
    "requirements/mod.rs" => requirements::Requirements,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The widget of `kind`.
pub fn entry(kind: &str) -> Option<&'static Entry> {
    WIDGETS.iter().find(|e| (e.spec)().kind == kind)
}

/// Every widget's spec, in list order.
pub fn specs() -> impl Iterator<Item = &'static Spec> {
    WIDGETS.iter().map(|e| (e.spec)())
}

/// The examples of widget `kind`: (name, JSON text), by name. Only the tests read them
/// all; a widget that shows its own examples names its static (`examples::PENALTY_CALCULATOR`).
#[cfg(test)]
pub fn examples(kind: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    examples::by_kind(kind).iter().copied()
}
