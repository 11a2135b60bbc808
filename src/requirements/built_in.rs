//! The built-in requirement templates (`data/requirements/<id>.json`), each a data file
//! named `requirements-<id>`:
//! - with feature `embedded-data` (the CLI, the server, the engine's tests) they are
//!   compiled in;
//! - a widget's wasm carries none: `yaojian.js` fetches the file of the template shown
//!   (the first one with the widget's words, another when the applicant picks it) and
//!   hands it to [`install_built_in`]. Until then [`built_in`] has no such template and
//!   [`files_wanted`] says which file to ask for.
//!
//! The 不予处罚 template is not a file: it is built from the penalty benchmark, so it
//! wants the penalty data files in a wasm that fetches them only for it.

use super::{no_penalty_template, Template};
use crate::data::BuiltInFiles;
use crate::error::Errors;
use crate::penalty::rules::Benchmark;

/// The ids of the templates that are files, in menu order (the first is shown when a
/// page names none).
pub const BUILT_IN_FILES: [&str; 3] = [
    "drug-production-licence",
    "drug-trading-licence",
    "mr-filing-readiness",
];

/// The id of the template built from the penalty benchmark.
pub const NO_PENALTY_ID: &str = "no-penalty-eligibility";

/// The templates' data files, `requirements-<id>` (compiled in with feature
/// `embedded-data`).
const FILES: BuiltInFiles = BuiltInFiles {
    prefix: "requirements-",
    ids: &BUILT_IN_FILES,
    #[cfg(feature = "embedded-data")]
    embedded: &[
        include_str!("../../data/requirements/drug-production-licence.json"),
        include_str!("../../data/requirements/drug-trading-licence.json"),
        include_str!("../../data/requirements/mr-filing-readiness.json"),
    ],
    #[cfg(not(feature = "embedded-data"))]
    embedded: &[],
};

/// Ids of every built-in template, in menu order.
pub fn built_in_ids() -> Vec<&'static str> {
    BUILT_IN_FILES
        .into_iter()
        .chain(std::iter::once(NO_PENALTY_ID))
        .collect()
}

/// The built-in template a value or page names: `id`, or the first in menu order when
/// it names none.
pub fn chosen_id(id: Option<&str>) -> &str {
    id.unwrap_or(BUILT_IN_FILES[0])
}

/// The data file of built-in template `id` (`requirements-<id>`); `None` for the
/// 不予处罚 template and for ids that are no built-in.
pub fn built_in_file(id: &str) -> Option<String> {
    FILES.file(id)
}

/// The JSON of built-in template `id`: compiled in, or as installed; `None` when it is
/// neither (not yet fetched, or no such template).
pub fn built_in_source(id: &str) -> Option<&'static str> {
    FILES.source(id)
}

/// The data files built-in template `id` needs and a widget's wasm has not installed, in
/// the order they are installed: its own file ([`built_in_file`]), or for the 不予处罚
/// template the penalty rule table, circumstances and default benchmark. Empty when the
/// template can be read, and for an id that is no built-in.
pub fn files_wanted(id: &str) -> Vec<String> {
    if id == NO_PENALTY_ID {
        return crate::penalty::data::files_wanted();
    }
    FILES.wanted(id).into_iter().collect()
}

/// A built-in template by id (the 不予处罚 one from `benchmark`'s list, by default the
/// default benchmark's); `None` for an id that is no built-in, or whose files are not
/// installed ([`files_wanted`]).
pub fn built_in(id: &str, benchmark: Option<&Benchmark>) -> Option<Template> {
    if id == NO_PENALTY_ID {
        let benchmark = benchmark.unwrap_or_else(|| crate::penalty::default_benchmark());
        return Some(no_penalty_template(benchmark));
    }
    Template::from_json(built_in_source(id)?).ok()
}

/// Installs data file `name` (`requirements-<id>`): the template is read and checked as
/// every template is, and must be the one its name says.
pub fn install_built_in(name: &str, text: &str) -> Result<(), Errors> {
    FILES.install(name, text, |text| Ok(Template::from_json(text)?.id))
}
