//! # yaojian (药监): the engine
//!
//! Pure Rust, no web dependencies; compiles natively and to `wasm32-unknown-unknown`.
//! Widgets in `yaojian-components` render the state this crate computes and send it
//! actions; the `yaojian` command-line tool (feature `cli`) exposes the same code to
//! bureau back ends, so browser and server always agree.
//!
//! See `ARCHITECTURE.md` at the repository root for where things live.
//!
//! # Example
//!
//! Assess a case under the 药品管理法, then validate self-inspection answers as a server
//! would (the [`prelude`] has the names):
//!
//! ```
//! use yaojian::prelude::*;
//!
//! // 生产、销售假药，货值金额 3 万元: 第一百一十六条, fine 15 to 30 times the value, at
//! // least 150 万元.
//! let a = penalty::assess_json(r#"{"rule": "dal-116", "goods_value": "3万"}"#, Lang::ZhCn)?;
//! assert_eq!(a.outcome, Outcome::Fine);
//! assert!(a.steps.iter().any(|s| s.kind == StepKind::Range));
//!
//! // Answers to the built-in personal self-inspection, checked as `yaojian form
//! // validate` checks a submission: with nothing answered, every required question is
//! // an error naming its JSON path.
//! let t = form::built_in("representative-personal").expect("built in");
//! let today = parse_date("2026-12-02").expect("a date");
//! let errors = form::validate(&t, &Answers::new(), &Findings::new(), today);
//! assert!(errors.iter().any(|e| e.path == "$.answers.name" && e.code == "form.required"));
//! # Ok::<(), Errors>(())
//! ```

pub mod checklist;
pub mod csv;
pub mod data;
pub mod date;
pub mod error;
pub mod expr;
pub mod form;
pub mod i18n;
pub mod ident;
pub mod json;
pub mod money;
pub mod penalty;
pub mod requirements;
pub mod sorted;
pub mod text;

pub use error::{Errors, FieldError, LocalizedError};

/// Installs data file `name` (one of [`penalty::data::FILES`], or a built-in requirement
/// template, [`requirements::built_in_file`]) from its text, read by
/// that file's checked reader: what `yaojian.js` fetched for a widget's wasm ([`data`]).
/// Errors name the JSON path, or the file when it is none the engine knows.
pub fn install_data(name: &str, text: &str) -> Result<(), Errors> {
    if name.starts_with("requirements-") {
        return requirements::install_built_in(name, text);
    }
    penalty::data::install(name, text).unwrap_or_else(|| Err(data::unknown_file(name)))
}

/// The names most callers need, for `use yaojian::prelude::*`.
pub mod prelude {
    pub use crate::checklist::{self, Item, ItemList, Status};
    pub use crate::date::{cst_date_from_unix_millis, parse_date, Date};
    pub use crate::error::{Errors, FieldError, LocalizedError};
    pub use crate::form::{self, Answers, Findings, Submission, Template};
    pub use crate::i18n::Lang;
    pub use crate::money::Fen;
    pub use crate::penalty::assess::StepKind;
    pub use crate::penalty::{self, Assessment, Benchmark, Case, Outcome};
    pub use crate::requirements;
}
pub use i18n::Lang;
pub use money::Fen;

/// Largest JSON document (template, case, benchmark, submission) the engine accepts, in
/// bytes. serde_json limits nesting but not size.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
