//! 导入自查发现: findings of self-inspection submissions become checklist items.

use crate::common::{t, tf};
use serde_json::Value;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// What the last import did.
#[derive(Clone, Debug, Default, PartialEq)]
struct Outcome {
    added: usize,
    already: usize,
    /// Taken, with a reference the server issued that the browser cannot check.
    issued_by_server: usize,
    errors: Vec<FieldError>,
}

impl Outcome {
    fn status(&self, lang: Lang) -> String {
        let counts = [("added", self.added.to_string()), ("already", self.already.to_string())];
        let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut text = tf(lang, "cl.imported", &counts);
        if self.issued_by_server > 0 {
            let n = self.issued_by_server.to_string();
            text.push(' ');
            text.push_str(&tf(lang, "cl.imported_issued", &[("count", &n)]));
        }
        text
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct ImportProps {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget.
    pub prefix: String,
    /// Takes the submissions read, returns what the engine made of them.
    pub on_import: Callback<Vec<Value>, yaojian::form::Import>,
    /// The widget's events: the built-in templates' files are asked for through it.
    pub on_emit: Callback<Value>,
}

/// 导入自查发现: paste self-inspection submissions (one, or an array) and add their
/// findings as items. What was pasted stays until it is taken in full. The built-in
/// templates the submissions are checked against are fetched when the panel is opened;
/// until they are here the button waits.
#[function_component(ImportFindings)]
pub(super) fn import_findings(p: &ImportProps) -> Html {
    let lang = p.lang;
    let opened = use_state(|| false);
    let wanted = match *opened {
        true => yaojian::form::files_wanted(yaojian::form::BUILT_IN_IDS),
        false => Vec::new(),
    };
    let loading = !wanted.is_empty();
    crate::common::data::use_data_wanted(wanted, &p.on_emit);
    let on_toggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            opened.set(e.target_unchecked_into::<web_sys::Element>().has_attribute("open"))
        })
    };
    let text = use_state(String::new);
    let outcome = use_state(|| None::<Outcome>);
    let focus = use_state(|| 0u32);
    let on_input = crate::common::bind_text(&text);
    let on_import = {
        let text = text.clone();
        let outcome = outcome.clone();
        let focus = focus.clone();
        let cb = p.on_import.clone();
        Callback::from(move |_: MouseEvent| {
            let got = match yaojian::form::summary::parse_batch(&text) {
                Ok(batch) => {
                    let got = cb.emit(batch);
                    Outcome {
                        added: got.added.len(),
                        already: got.already,
                        issued_by_server: got.issued_by_server,
                        errors: got.errors,
                    }
                }
                Err(e) => Outcome {
                    errors: vec![e],
                    ..Outcome::default()
                },
            };
            if got.errors.is_empty() {
                text.set(String::new());
            } else {
                focus.set(*focus + 1);
            }
            outcome.set(Some(got));
        })
    };
    let errors: Vec<crate::common::ErrorItem> = outcome
        .as_ref()
        .map(|o| {
            o.errors
                .iter()
                .map(|e| crate::common::ErrorItem {
                    field_id: format!("{}-import-text", p.prefix),
                    message: format!("{} {}", e.path, e.message(lang)),
                })
                .collect()
        })
        .unwrap_or_default();
    let field = crate::common::Field::new(format!("{}-import-text", p.prefix), t(lang, "cl.import_label"))
        .hint(Some(t(lang, "cl.import_hint")));
    html! {
        <details class="yj-cl__import yj-no-print" ontoggle={on_toggle}>
            <summary>{ t(lang, "cl.import") }</summary>
            <crate::common::ErrorSummary id={format!("{}-import-errors", p.prefix)} title={t(lang, "cl.import_errors")} {errors} focus_token={*focus} />
            { field.view(lang, html! {
                <textarea id={field.id.clone()} class="yj-input yj-cl__import-text" rows="5"
                          aria-describedby={field.described_by()} value={(*text).clone()} oninput={on_input} />
            }) }
            <button type="button" class="yj-button yj-button--secondary" id={format!("{}-import", p.prefix)}
                    disabled={text.trim().is_empty() || loading} onclick={on_import}>{ t(lang, "cl.import_button") }</button>
            <p role="status" id={format!("{}-import-status", p.prefix)}>
                if loading { { t(lang, "cl.import_loading") } } else { { outcome.as_ref().map(|o| o.status(lang)).unwrap_or_default() } }
            </p>
        </details>
    }
}
