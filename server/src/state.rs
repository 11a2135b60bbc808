//! What every handler shares: the store, the key, and the parsed templates.

use crate::store::{self, Db};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use yaojian::form::Template;

/// Parsed template versions by (id, version). A published version never changes, so an
/// entry never goes stale.
pub type TemplateCache = Arc<RwLock<HashMap<(String, String), Arc<Template>>>>;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub key: crate::token::Key,
    /// Parsed template versions (a published version never changes).
    pub templates: TemplateCache,
    /// Sample sign-in for the demo portal (`serve --demo`).
    pub demo: bool,
    /// The bureau's document-number pattern of the 责令改正通知书 (`--notice-pattern`),
    /// checked by the engine; `None`: the engine's sample pattern, said to be one.
    pub notice_pattern: Option<String>,
    /// The issuing bureau named on its notices (`--bureau`); `None`: a line to fill in.
    pub bureau: Option<String>,
}

impl AppState {
    pub fn new(db: Db, key: crate::token::Key, demo: bool) -> AppState {
        AppState {
            db,
            key,
            templates: Arc::default(),
            demo,
            notice_pattern: None,
            bureau: None,
        }
    }

    /// The same state with the bureau's notice number pattern, once the engine has
    /// checked it.
    pub fn with_notice_pattern(self, pattern: &str) -> Result<AppState, yaojian::FieldError> {
        yaojian::checklist::check_number_pattern(pattern, "--notice-pattern")?;
        Ok(AppState {
            notice_pattern: Some(pattern.to_string()),
            ..self
        })
    }

    /// The same state with the issuing bureau's name (发文机关), which its notices print;
    /// one line of at most 100 characters.
    pub fn with_bureau(self, name: &str) -> Result<AppState, yaojian::FieldError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(yaojian::FieldError::new("--bureau", "notice.bureau").with("value", name));
        }
        Ok(AppState {
            bureau: Some(name.to_string()),
            ..self
        })
    }

    /// The notice number pattern in use: the bureau's, else the engine's sample.
    pub fn notice_pattern(&self) -> &str {
        self.notice_pattern
            .as_deref()
            .unwrap_or(yaojian::checklist::SAMPLE_NUMBER_PATTERN)
    }

    /// A parsed template version (the latest when `version` is `None`), from the cache or
    /// the store. A stored template that does not parse is a fault of the store.
    pub async fn template(
        &self,
        id: &str,
        version: Option<&str>,
    ) -> Result<Option<Arc<Template>>, sqlx::Error> {
        if let Some(t) = version.and_then(|v| self.cached(id, v)) {
            return Ok(Some(t));
        }
        let Some(src) = store::templates::source(&self.db, id, version).await? else {
            return Ok(None);
        };
        let t = Template::from_json(&src.json).map_err(|e| {
            sqlx::Error::Decode(format!("stored template {id} {}: {e:?}", src.version).into())
        })?;
        let t = Arc::new(t);
        if let Ok(mut cache) = self.templates.write() {
            cache.insert((id.to_string(), src.version), t.clone());
        }
        Ok(Some(t))
    }

    fn cached(&self, id: &str, version: &str) -> Option<Arc<Template>> {
        let cache = self.templates.read().ok()?;
        cache.get(&(id.to_string(), version.to_string())).cloned()
    }
}
