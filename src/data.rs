//! The data files a widget's wasm does not carry (the penalty engine's rule table,
//! circumstances, default benchmark and translations): `yaojian.js` fetches the ones its
//! module lists and installs them (`install_data`, at the crate root) before the widget
//! renders. A file the engine is asked for and was never given is a build fault (the
//! module's list is short of it). It is said once per file, to the hook a host sets (the
//! components write it to the browser console, so every end-to-end test sees it), and
//! the engine goes on with empty data rather than panicking.

use crate::error::{Errors, FieldError};
use std::sync::atomic::{AtomicU32, Ordering};
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

/// The texts of the data files kept whole (the built-in templates a widget fetches when
/// it shows one), by name. Each is kept for the life of the wasm instance.
static TEXTS: Mutex<Vec<(String, &'static str)>> = Mutex::new(Vec::new());
/// How many times a kept text was added or grew ([`generation`]).
static GENERATION: AtomicU32 = AtomicU32::new(0);

/// Keeps data file `name`'s text, already read and checked by the caller (`check`, which
/// is given the text to keep). A template's file comes cut to one language (its texts in
/// that language and in zh-CN, `scripts/dist-manifest.mjs`): the file of another
/// language is merged into the text kept ([`merge_json`]), so that the template then
/// speaks both. The same text again changes nothing; a text that says anything else
/// differently (another version of the file) is refused (`data.already_installed`).
pub fn keep_text(
    name: &str,
    text: &str,
    check: impl FnOnce(&str) -> Result<(), Errors>,
) -> Result<(), Errors> {
    let kept = self::text(name);
    if kept == Some(text) {
        return Ok(());
    }
    let merged;
    let text = match kept {
        None => text,
        Some(kept) => {
            let other = || -> Errors {
                FieldError::new("$", "data.already_installed")
                    .with("file", name)
                    .into()
            };
            let mut doc: serde_json::Value = serde_json::from_str(kept).map_err(|_| other())?;
            let more: serde_json::Value = serde_json::from_str(text).map_err(|_| other())?;
            if !merge_json(&mut doc, &more) {
                return Err(other());
            }
            merged = doc.to_string();
            if merged == kept {
                return Ok(());
            }
            &merged
        }
    };
    check(text)?;
    let Ok(mut texts) = TEXTS.lock() else {
        return Ok(());
    };
    let leaked: &'static str = Box::leak(text.into());
    match texts.iter_mut().find(|(n, _)| n == name) {
        Some((_, t)) => *t = leaked,
        None => texts.push((name.to_string(), leaked)),
    }
    GENERATION.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

/// Adds to `kept` what `more` has and it lacks (object members, at any depth): the texts
/// of another language. Anything both have must be equal (arrays as long as each other,
/// merged item by item); else `false`, and `kept` is half merged (the caller drops it).
pub fn merge_json(kept: &mut serde_json::Value, more: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (kept, more) {
        (Value::Object(a), Value::Object(b)) => b.iter().all(|(k, v)| match a.get_mut(k) {
            Some(mine) => merge_json(mine, v),
            None => {
                a.insert(k.clone(), v.clone());
                true
            }
        }),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            a.iter_mut().zip(b).all(|(x, y)| merge_json(x, y))
        }
        (a, b) => a == b,
    }
}

/// Changes whenever a kept text is added or grows (a template's other language merged):
/// a widget that reads a built-in template keeps it until this changes.
pub fn generation() -> u32 {
    GENERATION.load(Ordering::Relaxed)
}

/// The text of data file `name`, when it was kept ([`keep_text`]).
pub fn text(name: &str) -> Option<&'static str> {
    let texts = TEXTS.lock().ok()?;
    texts.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
}

/// Built-in templates shipped as data files named `<prefix><id>` (the requirement
/// checker's, the self-inspection forms'): compiled in with feature `embedded-data`,
/// else kept as installed ([`keep_text`]).
pub struct BuiltInFiles {
    /// How a file is named before the template's id (`form-`).
    pub prefix: &'static str,
    /// The templates' ids, in menu order.
    pub ids: &'static [&'static str],
    /// Their texts, in `ids`' order, when compiled in.
    pub embedded: &'static [&'static str],
}

impl BuiltInFiles {
    /// The data file of template `id`; `None` for an id that is none of these.
    pub fn file(&self, id: &str) -> Option<String> {
        self.ids
            .contains(&id)
            .then(|| format!("{}{id}", self.prefix))
    }

    /// The JSON of template `id`: compiled in, or as installed; `None` when it is neither.
    pub fn source(&self, id: &str) -> Option<&'static str> {
        let i = self.ids.iter().position(|x| *x == id)?;
        match self.embedded.get(i) {
            Some(text) => Some(text),
            None => text(&self.file(id)?),
        }
    }

    /// The file of template `id` when it is one of these and not here yet.
    pub fn wanted(&self, id: &str) -> Option<String> {
        self.file(id).filter(|_| self.source(id).is_none())
    }

    /// Keeps data file `name` (`<prefix><id>`), whose text `read_id` reads and checks as
    /// every template is and answers with the id it says: it must be the one its name says.
    pub fn install(
        &self,
        name: &str,
        text: &str,
        read_id: impl FnOnce(&str) -> Result<String, Errors>,
    ) -> Result<(), Errors> {
        let id = name
            .strip_prefix(self.prefix)
            .filter(|id| self.ids.contains(id))
            .ok_or_else(|| unknown_file(name))?;
        keep_text(name, text, |text| {
            let said = read_id(text)?;
            if said != id {
                let e = FieldError::new("$.id", "data.other_template");
                return Err(e.with("file", name).with("id", &said).into());
            }
            Ok(())
        })
    }
}
