//! 自查汇总 widget: the bureau's view of many self-inspection submissions to one
//! template. Load files or pasted JSON (a submission or an array, added to what is
//! loaded), then read the counts per question and per finding, the submitters with
//! findings, missing attestations and submissions with problems; filter the rows and
//! download them as CSV (UTF-8 with BOM).
//!
//! The engine (`yaojian::form::summary`) reads the batch, counts, filters and writes the
//! CSV; this module loads, renders and pages.

mod server;
mod spec;
mod state;
mod tables;

use state::{initial_state, read_files, Msg, State};
use tables::{filters, findings_table, overview, questions_table, rejected_list, rows_table};

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

use crate::common::events::{json_of, Emitted, TemplateRef};
use crate::common::server::ServerTemplate;
use crate::common::{t, tf, ErrorItem, ErrorSummary, Field};
use serde_json::Value;
use std::rc::Rc;
use yaojian::checklist::wire_name;
use yaojian::form::summary::{
    finding_count, findings_csv, parse_batch, rows_csv, summarize, Filter, Row, Summary,
};
use yaojian::form::{self as engine, Kind, Severity, Template};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

/// Rows shown per page.
pub const PAGE_SIZE: usize = 50;

#[derive(Properties, PartialEq, Clone)]
pub struct SubmissionsSummaryProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A bureau's own template; else the built-in `template_id`.
    #[prop_or_default]
    pub template: Option<Rc<Template>>,
    /// A built-in template id (default: the personal self-inspection); with an endpoint,
    /// the id of a template published on the server.
    #[prop_or_default]
    pub template_id: Option<AttrValue>,
    /// Problems with a template the host supplied: shown in a panel, nothing else.
    #[prop_or_default]
    pub template_errors: Option<Rc<Vec<FieldError>>>,
    /// Submissions from the host: a JSON array (or one submission). Replaces the batch.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
    /// `yaojian-server` (`endpoint`, `auth`, `token`); without an endpoint the widget
    /// stays in the page.
    #[prop_or_default]
    pub server: crate::common::server::ServerSettings,
}

/// Offers `text` as a file download named `name` (CSV, UTF-8).
fn download(name: &str, text: &str) -> Result<(), String> {
    crate::common::download_text(name, text, "text/csv;charset=utf-8")
}

/// What goes to the host on every change of the batch: the counts, without the rows.
fn summary_event(s: &Summary) -> Emitted {
    Emitted::SummaryChange {
        template: TemplateRef {
            id: s.template.clone(),
            version: s.version.clone(),
        },
        total: s.total,
        counted: s.counted,
        with_findings: s.with_findings,
        missing_attestation: s.missing_attestation,
        invalid: s.invalid,
        rejected: s.rejected.len(),
        findings: json_of(&s.findings),
        questions: json_of(&s.questions),
        versions: json_of(&s.versions),
    }
}

/// Loading: files, pasted JSON, what is loaded, and the load errors' lines.
fn loader_view(
    state: &UseReducerHandle<State>,
    lang: Lang,
    id: &dyn Fn(&str) -> String,
    d: &UseReducerDispatcher<State>,
) -> Html {
    let on_files = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read_files(files, d.clone());
            }
            input.set_value("");
        })
    };
    let on_paste_input = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Msg::Paste(el.value()));
        })
    };
    let on_paste_load = {
        let d = d.clone();
        let text = state.paste.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Msg::Reading(1));
            d.dispatch(Msg::Loaded {
                source: String::new(),
                text: Ok(text.clone()),
                field: "paste",
            });
        })
    };
    let on_clear = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Clear))
    };
    let load_errors: Vec<ErrorItem> = state
        .errors
        .iter()
        .map(|e| {
            let what = if e.source.is_empty() {
                t(lang, "fs.pasted")
            } else {
                e.source.clone()
            };
            ErrorItem {
                field_id: id(e.field),
                message: tf(
                    lang,
                    "fs.load_failed",
                    &[("source", &what), ("detail", &e.error.message(lang))],
                ),
            }
        })
        .collect();

    let files = Field::new(id("files"), t(lang, "fs.files")).hint(Some(t(lang, "fs.files_hint")));
    html! {
        <>
        <ErrorSummary id={id("errors")} title={t(lang, "fs.load_errors")} errors={load_errors} focus_token={state.error_focus} />
        <section class="yj-fs__load yj-no-print" aria-labelledby={id("load-title")}>
            <h3 id={id("load-title")}>{ t(lang, "fs.load") }</h3>
            { files.view(lang, html! {
                <input type="file" id={files.id.clone()} class="yj-fs__file" multiple=true
                       accept=".json,application/json" aria-describedby={files.described_by()}
                       onchange={on_files} />
            }) }
            <details class="yj-fs__paste">
                <summary>{ t(lang, "fs.paste") }</summary>
                { Field::new(id("paste"), t(lang, "fs.paste_label")).view(lang, html! {
                    <textarea id={id("paste")} class="yj-input yj-fs__paste-text" rows="6"
                              value={state.paste.clone()} oninput={on_paste_input} />
                }) }
                <button type="button" class="yj-button yj-button--secondary" id={id("paste-load")}
                        onclick={on_paste_load} disabled={state.paste.trim().is_empty()}>
                    { t(lang, "fs.paste_load") }
                </button>
            </details>
            <p class="yj-fs__loaded" role="status">
                { if state.reading > 0 {
                    t(lang, "fs.reading")
                } else if state.batch.is_empty() {
                    t(lang, "fs.none_loaded")
                } else {
                    tf(lang, "fs.loaded", &[("count", &state.batch.len().to_string()), ("sources", &state.loads.to_string())])
                } }
            </p>
            if !state.batch.is_empty() {
                <button type="button" class="yj-button yj-button--secondary" id={id("clear")} onclick={on_clear}>{ t(lang, "fs.clear") }</button>
            }
        </section>
        </>
    }
}

/// Downloads, as CSV, the rows the filter lets through (one line each) or, with
/// `findings`, their findings (one line per finding, with what the filer wrote), and
/// tells the host; a download the browser refuses is said in the widget.
fn export_callback(
    tpl: &Rc<Template>,
    sum: &Rc<Summary>,
    filter: &Filter,
    props: &SubmissionsSummaryProps,
    export_error: &UseStateHandle<Option<String>>,
    findings: bool,
) -> Callback<MouseEvent> {
    let (tpl, sum, filter) = (tpl.clone(), sum.clone(), filter.clone());
    let (lang, on_emit, export_error) = (props.lang, props.on_emit.clone(), export_error.clone());
    Callback::from(move |_: MouseEvent| {
        let rows: Vec<&Row> = sum.rows.iter().filter(|r| filter.matches(r)).collect();
        let (csv, lines, prefix) = if findings {
            let lines = finding_count(&rows);
            (findings_csv(&tpl, &rows, lang), lines, "fs.file_prefix_findings")
        } else {
            (rows_csv(&tpl, &rows, lang), rows.len(), "fs.file_prefix")
        };
        let name = format!("{}-{}-{}.csv", t(lang, prefix), tpl.id, crate::common::today());
        match download(&name, &csv) {
            Ok(()) => {
                export_error.set(None);
                Emitted::SummaryExport {
                    file: name,
                    rows: lines,
                }
                .send(&on_emit);
            }
            Err(e) => export_error.set(Some(e)),
        }
    })
}

/// The template and its summary, or what to show instead: the host's template errors,
/// the server's template or the built-in one's file on its way (`loading`) or refused, or
/// no template by that id.
fn template_or_why(
    props: &SubmissionsSummaryProps,
    from_server: &ServerTemplate,
    loading: bool,
    built_in_on_its_way: bool,
    template: Option<Rc<Template>>,
    summary: Option<Rc<Summary>>,
) -> Result<(Rc<Template>, Rc<Summary>), Html> {
    let lang = props.lang;
    if let Some(errs) = &props.template_errors {
        return Err(crate::common::properties::template_error_panel(errs, lang));
    }
    if loading {
        let key = if built_in_on_its_way { "fs.loading_built_in" } else { "fs.loading_template" };
        return Err(html! { <p class="yj-fs__loading" role="status">{ t(lang, key) }</p> });
    }
    if let ServerTemplate::Failed(errs) = from_server {
        return Err(crate::common::properties::template_error_panel(errs, lang));
    }
    match (template, summary) {
        (Some(t), Some(s)) => Ok((t, s)),
        _ => {
            let e = FieldError::new("$.template", "requirements.no_template")
                .with("name", props.template_id.as_deref().unwrap_or(""));
            Err(crate::common::properties::template_error_panel(&[e], lang))
        }
    }
}

#[function_component(SubmissionsSummary)]
pub fn submissions_summary(props: &SubmissionsSummaryProps) -> Html {
    let lang = props.lang;
    let prefix = crate::common::use_id_prefix("yj-fs");
    // With `endpoint`, a template that is not built in is the server's (a bureau's own
    // form, published there); a built-in one is at hand.
    let published = props.template_id.as_deref().is_some_and(|id| !engine::is_built_in(id));
    let crate::common::server::FormTemplate { from_server, template, built_in_on_its_way } =
        crate::common::server::use_form_template(
            props.server.endpoint().filter(|_| published),
            props.template.clone(),
            props.template_id.clone(),
            lang,
            &props.on_emit,
        );
    // On its way: asked for, or about to be (the first drawing, before the request); or
    // a built-in template's file not here yet.
    let loading = from_server == ServerTemplate::Loading
        || built_in_on_its_way
        || (from_server == ServerTemplate::NotUsed && published && props.server.endpoint().is_some() && props.template.is_none());
    let state = {
        let v = props.value.clone();
        use_reducer(move || initial_state(v.as_ref()))
    };
    {
        let d = state.dispatcher();
        crate::common::use_host_value(props.value.clone(), move |v| {
            d.dispatch(Msg::Replace(Rc::new(v.clone())))
        });
    }
    let summary = {
        let t = (*template).clone();
        let key = (
            t.as_ref().map(|t| Rc::as_ptr(t) as usize),
            state.batch.clone(),
            lang,
            state.server_versions.clone(),
        );
        use_memo(key, move |(_, batch, lang, elsewhere)| {
            t.map(|t| {
                let mut sum = summarize(&t, batch.as_ref().clone(), *lang);
                // The server sends one version's filings; it names the others'.
                for (version, count) in elsewhere.iter() {
                    sum.add_uncounted(version, *count);
                }
                Rc::new(sum)
            })
        })
    };
    // The counts go to the host each time the batch changes.
    {
        let summary = (*summary).clone();
        let on_emit = props.on_emit.clone();
        use_effect_with(state.revision, move |rev| {
            if let (Some(s), true) = (summary, *rev > 0) {
                summary_event(&s).send(&on_emit);
            }
        });
    }
    let export_error = use_state(|| None::<String>);
    // Nothing is read for a template the server has not yet given.
    server::use_server_batch(props, (*template).clone().filter(|_| !loading), state.dispatcher());

    let wrap = |body: Html| html! { <div class="yj-widget yj-fs" lang={lang.tag()}>{ body }</div> };
    let (tpl, sum) = match template_or_why(props, &from_server, loading, built_in_on_its_way, (*template).clone(), (*summary).clone()) {
        Ok(both) => both,
        Err(why) => return wrap(why),
    };
    let d = state.dispatcher();
    let id = |s: &str| format!("{prefix}-{s}");

    let loader = html! {
        <>
            { server::server_panel(props, &tpl, &id, &d, &export_error) }
            { loader_view(&state, lang, &id, &d) }
        </>
    };

    let header = html! {
        <header class="yj-fs__header">
            <h2 class="yj-fs__title">{ tf(lang, "fs.title", &[("template", &tpl.title(lang))]) }</h2>
            <p class="yj-hint">{ tf(lang, "fs.template_version", &[("id", &tpl.id), ("version", &tpl.version)]) }</p>
            { tables::versions_note(&sum, lang, &id("versions")) }
            if tpl.sample { <p><span class="yj-sample-notice">{ t(lang, "common.sample") }</span></p> }
        </header>
    };

    let body = if sum.total == 0 {
        html! {}
    } else {
        let rows: Vec<&Row> = sum
            .rows
            .iter()
            .filter(|r| state.filter.matches(r))
            .collect();
        let on_export = export_callback(&tpl, &sum, &state.filter, props, &export_error, false);
        let on_export_findings =
            export_callback(&tpl, &sum, &state.filter, props, &export_error, true);
        let findings = finding_count(&rows);
        html! {
            <>
                { overview(&sum, lang, &id) }
                { findings_table(&sum, lang, &id, &state.filter, &d) }
                { filters(&sum, lang, &id, &state.filter, &d) }
                { rows_table(&tpl, &rows, lang, &id, state.page, &d) }
                <div class="yj-button-row yj-no-print">
                    <button type="button" class="yj-button" id={id("export")} onclick={on_export}>
                        { tf(lang, "fs.export", &[("count", &rows.len().to_string())]) }
                    </button>
                    <button type="button" class="yj-button yj-button--secondary" id={id("findings-csv")} onclick={on_export_findings}>
                        { tf(lang, "fs.export_findings", &[("count", &findings.to_string())]) }
                    </button>
                    <button type="button" class="yj-button yj-button--secondary" onclick={Callback::from(|_: MouseEvent| crate::common::print_page())}>
                        { t(lang, "common.print") }
                    </button>
                </div>
                if let Some(e) = &*export_error {
                    <p class="yj-error-message" role="alert">{ tf(lang, "fs.export_failed", &[("detail", e)]) }</p>
                }
                { questions_table(&sum, lang, &id) }
                { rejected_list(&sum, lang, &id) }
            </>
        }
    };

    wrap(html! {
        <>
            { header }
            { loader }
            { body }
        </>
    })
}

/// The batch of the demo example (`examples/demo.json`, made by
/// `bench/make-example.mjs`): 60 sample submissions to the personal self-inspection,
/// one to another template and one that is not a submission.
#[cfg(test)]
pub fn example_batch() -> Rc<Value> {
    let demo = crate::widgets::examples("submissions-summary").find(|e| e.0 == "demo");
    let ex: Value = demo.and_then(|e| serde_json::from_str(e.1).ok()).unwrap_or_default();
    Rc::new(ex["properties"]["value"].clone())
}
