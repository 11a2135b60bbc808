//! # yaojian (药监): the engine
//!
//! Pure Rust, no web dependencies; compiles natively and to `wasm32-unknown-unknown`.
//! Widgets in `yaojian-components` render the state this crate computes and send it
//! actions; the `yaojian` command-line tool (feature `cli`) exposes the same code to
//! bureau back ends, so browser and server always agree.
//!
//! See `ARCHITECTURE.md` at the repository root for where things live.

pub mod checklist;
pub mod csv;
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
pub mod text;

pub use error::{FieldError, LocalizedError};
pub use i18n::Lang;
pub use money::Fen;

/// Largest JSON document (template, case, benchmark, submission) the engine accepts, in
/// bytes. serde_json limits nesting but not size.
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;
