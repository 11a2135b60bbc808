//! The built-in self-inspection templates (`data/forms/<id>.json`, sample content that
//! says so), each a data file named `form-<id>`:
//! - with feature `embedded-data` (the CLI, the server, the engine's tests) they are
//!   compiled in;
//! - a widget's wasm carries none: `yaojian.js` fetches the file of a template when a
//!   widget shows it (the form its default, the summary the one it counts, the list's
//!   imports every one) and hands it to [`install_built_in`]. Until then [`built_in`]
//!   has no such template and [`files_wanted`] says which file to ask for.

use super::Template;
use crate::data::BuiltInFiles;
use crate::error::Errors;

/// The ids of the built-in templates, in menu order.
pub const BUILT_IN_IDS: [&str; 2] = ["mah-representative-management", "representative-personal"];

/// The template a form shows when a page names none: the representative's own
/// self-inspection.
pub const DEFAULT_ID: &str = "representative-personal";

/// The templates' data files, `form-<id>` (compiled in with feature `embedded-data`).
const FILES: BuiltInFiles = BuiltInFiles {
    prefix: "form-",
    ids: &BUILT_IN_IDS,
    #[cfg(feature = "embedded-data")]
    embedded: &[
        include_str!("../../data/forms/mah-representative-management.json"),
        include_str!("../../data/forms/representative-personal.json"),
    ],
    #[cfg(not(feature = "embedded-data"))]
    embedded: &[],
};

/// Ids of the built-in templates, in menu order.
pub fn built_in_ids() -> Vec<&'static str> {
    BUILT_IN_IDS.to_vec()
}

/// Whether `id` names a built-in template (fetched or not).
pub fn is_built_in(id: &str) -> bool {
    BUILT_IN_IDS.contains(&id)
}

/// The built-in template a page names: `id`, or [`DEFAULT_ID`] when it names none.
pub fn chosen_id(id: Option<&str>) -> &str {
    id.unwrap_or(DEFAULT_ID)
}

/// The data file of built-in template `id` (`form-<id>`); `None` for an id that is no
/// built-in.
pub fn built_in_file(id: &str) -> Option<String> {
    FILES.file(id)
}

/// The JSON of built-in template `id`: compiled in, or as installed; `None` when it is
/// neither (not yet fetched, or no such template).
pub fn built_in_source(id: &str) -> Option<&'static str> {
    FILES.source(id)
}

/// The data files of the built-in templates `ids` that a widget's wasm has not
/// installed, each once, in the order given. Empty when every one can be read; an id
/// that is no built-in wants nothing (it is refused where it is read).
pub fn files_wanted<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut wanted = Vec::new();
    for file in ids.into_iter().filter_map(|id| FILES.wanted(id)) {
        if !wanted.contains(&file) {
            wanted.push(file);
        }
    }
    wanted
}

/// A built-in template by id; `None` for an id that is no built-in, or whose file is not
/// installed ([`files_wanted`]).
pub fn built_in(id: &str) -> Option<Template> {
    Template::from_json(built_in_source(id)?).ok()
}

/// Installs data file `name` (`form-<id>`): the template is read and checked as every
/// template is, and must be the one its name says.
pub fn install_built_in(name: &str, text: &str) -> Result<(), Errors> {
    FILES.install(name, text, |text| Ok(Template::from_json(text)?.id))
}
