//! The data files a widget's wasm does not carry (the penalty engine's rule table,
//! circumstances, default benchmark and translations): `yaojian.js` fetches the ones its
//! module lists and installs them (`install_data`, at the crate root) before the widget
//! renders. A file the engine is asked for and was never given is a build fault (the
//! module's list is short of it). It is said once per file, to the hook a host sets (the
//! components write it to the browser console, so every end-to-end test sees it), and
//! the engine goes on with empty data rather than panicking.

use crate::error::{Errors, FieldError};
use std::sync::Mutex;

/// The refusal of a file whose name the engine does not know.
pub fn unknown_file(name: &str) -> Errors {
    FieldError::new("$", "data.unknown_file")
        .with("file", name)
        .into()
}

/// What hears of a data file that was asked for and never installed.
static MISSING_HOOK: Mutex<Option<fn(&str)>> = Mutex::new(None);
/// The files already said to be missing (each is said once).
static SAID: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

/// Sets what hears of a missing data file (its name, as the release names it).
pub fn on_missing(hook: fn(&str)) {
    if let Ok(mut h) = MISSING_HOOK.lock() {
        *h = Some(hook);
    }
}

/// Data file `name` was asked for and never installed.
pub fn missing(name: &'static str) {
    let first = SAID.lock().is_ok_and(|mut said| {
        let first = !said.contains(&name);
        if first {
            said.push(name);
        }
        first
    });
    let hook = MISSING_HOOK.lock().ok().and_then(|h| *h);
    if let (true, Some(hook)) = (first, hook) {
        hook(name);
    }
}

/// The files said to be missing so far.
pub fn said_missing() -> Vec<&'static str> {
    SAID.lock().map(|s| s.clone()).unwrap_or_default()
}
