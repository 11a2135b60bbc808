//! 自查汇总 widget: the bureau's view of many self-inspection submissions to one
//! template. Load files or pasted JSON (a submission or an array, added to what is
//! loaded), then read the counts per question and per finding, the submitters with
//! findings, missing attestations and submissions with problems; filter the rows and
//! download them as CSV (UTF-8 with BOM).
//!
//! The engine (`yaojian::form::summary`) reads the batch, counts, filters and writes the
//! CSV; this module loads, renders and pages.

mod spec;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

use crate::common::events::{json_of, Emitted, TemplateRef};
use crate::common::{t, tf, ErrorItem, ErrorSummary};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yaojian::checklist::wire_name;
use yaojian::form::summary::{parse_batch, rows_csv, summarize, Filter, Row, Summary};
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
    /// A built-in template id (default: the personal self-inspection).
    #[prop_or_default]
    pub template_id: Option<AttrValue>,
    /// Problems with a template the host supplied: shown in a panel, nothing else.
    #[prop_or_default]
    pub template_errors: Option<Rc<Vec<FieldError>>>,
    /// Submissions from the host: a JSON array (or one submission). Replaces the batch.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
}

/// A source that could not be read, and where to go to fix it.
#[derive(Clone, PartialEq, Debug)]
pub struct LoadError {
    pub source: String,
    pub error: FieldError,
    pub field: &'static str,
}

#[derive(Clone, PartialEq, Default)]
pub struct State {
    pub batch: Rc<Vec<Value>>,
    /// How many loads (files, pastes, host values) the batch is made of.
    pub loads: usize,
    pub errors: Vec<LoadError>,
    pub filter: Filter,
    pub page: usize,
    pub paste: String,
    /// Files being read.
    pub reading: usize,
    /// Bumped when the error summary should take focus.
    pub error_focus: u32,
    /// Bumped on every change of the batch (drives the emitted summary).
    pub revision: u32,
}

pub enum Msg {
    /// The text of a source, or why it could not be read. `field` is the input to fix.
    Loaded {
        source: String,
        text: Result<String, String>,
        field: &'static str,
    },
    Reading(usize),
    /// The host set `value`.
    Replace(Rc<Value>),
    Clear,
    Paste(String),
    Filter(Filter),
    Page(usize),
}

impl State {
    /// A new batch in place of everything loaded (and its errors).
    fn start_over(&mut self, batch: Vec<Value>, loads: usize) {
        self.batch = Rc::new(batch);
        self.loads = loads;
        self.errors.clear();
        self.page = 0;
        self.revision += 1;
    }
}

impl Reducible for State {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Reading(n) => {
                s.reading += n;
                if n > 0 {
                    s.errors.clear();
                }
            }
            Msg::Loaded {
                source,
                text,
                field,
            } => {
                s.reading = s.reading.saturating_sub(1);
                let parsed = text
                    .map_err(|e| FieldError::new("$", "fs.read_failed").with("detail", e))
                    .and_then(|t| parse_batch(&t));
                match parsed {
                    Ok(items) => {
                        s.loads += 1;
                        Rc::make_mut(&mut s.batch).extend(items);
                        s.revision += 1;
                        s.page = 0;
                        if field == "paste" {
                            s.paste.clear();
                        }
                    }
                    Err(error) => {
                        s.errors.push(LoadError {
                            source,
                            error,
                            field,
                        });
                        s.error_focus += 1;
                    }
                }
            }
            Msg::Replace(v) => {
                let items = match &*v {
                    Value::Array(a) => a.clone(),
                    Value::Null => Vec::new(),
                    one => vec![one.clone()],
                };
                s.start_over(items, 1);
            }
            Msg::Clear => s.start_over(Vec::new(), 0),
            Msg::Paste(p) => s.paste = p,
            Msg::Filter(f) => {
                s.filter = f;
                s.page = 0;
            }
            Msg::Page(p) => s.page = p,
        }
        Rc::new(s)
    }
}

fn initial_state(value: Option<&Rc<Value>>) -> State {
    let s = Rc::new(State::default());
    match value {
        Some(v) => (*s.reduce(Msg::Replace(v.clone()))).clone(),
        None => (*s).clone(),
    }
}

/// Reads the chosen files one by one (text), each reported as a `Msg::Loaded`.
fn read_files(files: web_sys::FileList, d: UseReducerDispatcher<State>) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if files.is_empty() {
        return;
    }
    let total: f64 = files.iter().map(|f| f.size()).sum();
    if total > engine::summary::MAX_BATCH_BYTES as f64 {
        d.dispatch(Msg::Reading(1));
        d.dispatch(Msg::Loaded {
            source: files
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join("、"),
            text: Err(format!(
                "{} MB > {} MB",
                (total / 1_048_576.0).ceil(),
                engine::summary::MAX_BATCH_BYTES / 1_048_576
            )),
            field: "files",
        });
        return;
    }
    d.dispatch(Msg::Reading(files.len()));
    yew::platform::spawn_local(async move {
        for f in files {
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .map(|v| v.as_string().unwrap_or_default())
                .map_err(|e| crate::common::js_error_text(&e));
            d.dispatch(Msg::Loaded {
                source: f.name(),
                text,
                field: "files",
            });
        }
    });
}

/// Offers `text` as a file download named `name` (CSV, UTF-8).
fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let err = |e: wasm_bindgen::JsValue| crate::common::js_error_text(&e);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
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
    }
}

fn severity_name(s: Severity, lang: Lang) -> String {
    t(lang, &format!("form.severity.{}", wire_name(&s)))
}

fn parse_severity(v: &str) -> Option<Severity> {
    match v {
        "high" => Some(Severity::High),
        "medium" => Some(Severity::Medium),
        "low" => Some(Severity::Low),
        _ => None,
    }
}

#[function_component(SubmissionsSummary)]
pub fn submissions_summary(props: &SubmissionsSummaryProps) -> Html {
    let lang = props.lang;
    let prefix = crate::common::use_id_prefix("yj-fs");
    let template =
        crate::common::properties::use_template(props.template.clone(), props.template_id.clone());
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
        );
        use_memo(key, move |(_, batch, lang)| {
            t.map(|t| Rc::new(summarize(&t, batch.as_ref().clone(), *lang)))
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

    let wrap = |body: Html| html! { <div class="yj-widget yj-fs" lang={lang.tag()}>{ body }</div> };
    if let Some(errs) = &props.template_errors {
        return wrap(crate::common::properties::template_error_panel(errs, lang));
    }
    let (Some(tpl), Some(sum)) = ((*template).clone(), (*summary).clone()) else {
        let e = FieldError::new("$.template", "requirements.no_template")
            .with("name", props.template_id.as_deref().unwrap_or(""));
        return wrap(crate::common::properties::template_error_panel(&[e], lang));
    };
    let d = state.dispatcher();
    let id = |s: &str| format!("{prefix}-{s}");

    // Loading.
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

    let loader = html! {
        <section class="yj-fs__load yj-no-print" aria-labelledby={id("load-title")}>
            <h3 id={id("load-title")}>{ t(lang, "fs.load") }</h3>
            <div class="yj-field">
                <label class="yj-label" for={id("files")}>{ t(lang, "fs.files") }</label>
                <span class="yj-hint" id={id("files-hint")}>{ t(lang, "fs.files_hint") }</span>
                <input type="file" id={id("files")} class="yj-fs__file" multiple=true
                       accept=".json,application/json" aria-describedby={id("files-hint")}
                       onchange={on_files} />
            </div>
            <details class="yj-fs__paste">
                <summary>{ t(lang, "fs.paste") }</summary>
                <div class="yj-field">
                    <label class="yj-label" for={id("paste")}>{ t(lang, "fs.paste_label") }</label>
                    <textarea id={id("paste")} class="yj-input yj-fs__paste-text" rows="6"
                              value={state.paste.clone()} oninput={on_paste_input} />
                </div>
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
    };

    let header = html! {
        <header class="yj-fs__header">
            <h2 class="yj-fs__title">{ tf(lang, "fs.title", &[("template", &tpl.title(lang))]) }</h2>
            <p class="yj-hint">{ tf(lang, "fs.template_version", &[("id", &tpl.id), ("version", &tpl.version)]) }</p>
            if tpl.sample { <p><span class="yj-sample-notice">{ t(lang, "si.sample") }</span></p> }
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
        let on_export = {
            let tpl = tpl.clone();
            let sum = sum.clone();
            let filter = state.filter.clone();
            let on_emit = props.on_emit.clone();
            let export_error = export_error.clone();
            Callback::from(move |_: MouseEvent| {
                let rows: Vec<&Row> = sum.rows.iter().filter(|r| filter.matches(r)).collect();
                let csv = rows_csv(&tpl, &rows, lang);
                let name = format!(
                    "{}-{}-{}.csv",
                    t(lang, "fs.file_prefix"),
                    tpl.id,
                    crate::common::today()
                );
                match download(&name, &csv) {
                    Ok(()) => {
                        export_error.set(None);
                        Emitted::SummaryExport {
                            file: name,
                            rows: rows.len(),
                        }
                        .send(&on_emit);
                    }
                    Err(e) => export_error.set(Some(e)),
                }
            })
        };
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
                    <button type="button" class="yj-button yj-button--secondary" onclick={Callback::from(|_: MouseEvent| crate::common::print_page())}>
                        { t(lang, "si.print") }
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
            <ErrorSummary id={id("errors")} title={t(lang, "fs.load_errors")} errors={load_errors} focus_token={state.error_focus} />
            { loader }
            { body }
        </>
    })
}

fn overview(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
    let item = |key: &str, n: usize| {
        html! { <div class="yj-fs__stat"><dt>{ t(lang, key) }</dt><dd>{ n }</dd></div> }
    };
    html! {
        <section class="yj-fs__overview" aria-labelledby={id("overview-title")}>
            <h3 id={id("overview-title")}>{ t(lang, "fs.overview") }</h3>
            <dl class="yj-fs__stats" id={id("stats")}>
                { item("fs.total", s.total) }
                { item("fs.counted", s.counted) }
                { item("fs.with_findings", s.with_findings) }
                { item("fs.missing_attestation", s.missing_attestation) }
                { item("fs.invalid", s.invalid) }
                { item("fs.rejected", s.rejected.len()) }
            </dl>
        </section>
    }
}

fn findings_table(
    s: &Summary,
    lang: Lang,
    id: &dyn Fn(&str) -> String,
    filter: &Filter,
    d: &UseReducerDispatcher<State>,
) -> Html {
    if s.findings.is_empty() {
        return html! {};
    }
    html! {
        <section aria-labelledby={id("findings-title")}>
            <h3 id={id("findings-title")}>{ t(lang, "fs.findings") }</h3>
            <table class="yj-fs__table" id={id("findings")}>
                <thead><tr>
                    <th scope="col">{ t(lang, "fs.finding") }</th>
                    <th scope="col">{ t(lang, "fs.severity") }</th>
                    <th scope="col" class="yj-fs__num">{ t(lang, "fs.count") }</th>
                    <th scope="col" class="yj-no-print"><span class="yj-visually-hidden">{ t(lang, "fs.actions") }</span></th>
                </tr></thead>
                <tbody>
                    { for s.findings.iter().map(|f| {
                        let show = {
                            let d = d.clone();
                            let mut next = filter.clone();
                            next.finding = Some(f.question.clone());
                            let target = id("rows-title");
                            Callback::from(move |_: MouseEvent| {
                                d.dispatch(Msg::Filter(next.clone()));
                                crate::common::focus_id(&target);
                            })
                        };
                        html! {
                            <tr>
                                <th scope="row">{ f.title.clone() }</th>
                                <td>{ severity_name(f.severity, lang) }</td>
                                <td class="yj-fs__num">{ f.count }</td>
                                <td class="yj-no-print">
                                    if f.count > 0 {
                                        <button type="button" class="yj-button yj-button--secondary yj-fs__small" onclick={show}>
                                            { t(lang, "fs.show_rows") }<span class="yj-visually-hidden">{ format!("：{}", f.title) }</span>
                                        </button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

fn filters(
    s: &Summary,
    lang: Lang,
    id: &dyn Fn(&str) -> String,
    filter: &Filter,
    d: &UseReducerDispatcher<State>,
) -> Html {
    let set = |f: fn(&mut Filter, String)| {
        let d = d.clone();
        let current = filter.clone();
        move |value: String| {
            let mut next = current.clone();
            f(&mut next, value);
            d.dispatch(Msg::Filter(next));
        }
    };
    let on_finding = {
        let set = set(|f, v| f.finding = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| {
            set(e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value())
        })
    };
    let on_severity = {
        let set = set(|f, v| f.severity = parse_severity(&v));
        Callback::from(move |e: Event| {
            set(e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value())
        })
    };
    let on_search = {
        let set = set(|f, v| f.search = v);
        Callback::from(move |e: InputEvent| {
            set(e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value())
        })
    };
    let check = |name: &str, key: &str, on: bool, f: fn(&mut Filter, bool)| {
        let d = d.clone();
        let current = filter.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut next = current.clone();
            f(
                &mut next,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            );
            d.dispatch(Msg::Filter(next));
        });
        html! {
            <div class="yj-checkbox">
                <input type="checkbox" id={id(name)} checked={on} {onchange} />
                <label for={id(name)}>{ t(lang, key) }</label>
            </div>
        }
    };
    let reset = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Filter(Filter::default())))
    };
    let sev = filter.severity.map(|s| wire_name(&s)).unwrap_or_default();
    html! {
        <fieldset class="yj-fs__filters yj-no-print">
            <legend class="yj-fs__legend">{ t(lang, "fs.filters") }</legend>
            <div class="yj-field">
                <label class="yj-label" for={id("f-finding")}>{ t(lang, "fs.finding") }</label>
                <select class="yj-select" id={id("f-finding")} onchange={on_finding}>
                    <option value="" selected={filter.finding.is_none()}>{ t(lang, "fs.any") }</option>
                    { for s.findings.iter().map(|f| html! {
                        <option value={f.question.clone()} selected={filter.finding.as_deref() == Some(f.question.as_str())}>{ f.title.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="yj-field">
                <label class="yj-label" for={id("f-severity")}>{ t(lang, "fs.severity_at_least") }</label>
                <select class="yj-select" id={id("f-severity")} onchange={on_severity}>
                    <option value="" selected={sev.is_empty()}>{ t(lang, "fs.any") }</option>
                    { for [Severity::High, Severity::Medium, Severity::Low].into_iter().map(|s| {
                        let w = wire_name(&s);
                        html! { <option value={w.clone()} selected={sev == w}>{ severity_name(s, lang) }</option> }
                    }) }
                </select>
            </div>
            <div class="yj-field">
                <label class="yj-label" for={id("f-search")}>{ t(lang, "fs.search") }</label>
                <input type="search" class="yj-input" id={id("f-search")} value={filter.search.clone()} oninput={on_search} />
            </div>
            <div class="yj-field">
                { check("f-with", "fs.only_with_findings", filter.with_findings, |f, v| f.with_findings = v) }
                { check("f-unattested", "fs.only_missing_attestation", filter.missing_attestation, |f, v| f.missing_attestation = v) }
                { check("f-invalid", "fs.only_invalid", filter.invalid, |f, v| f.invalid = v) }
            </div>
            <button type="button" class="yj-button yj-button--secondary" id={id("f-reset")} onclick={reset}>{ t(lang, "fs.reset") }</button>
        </fieldset>
    }
}

fn rows_table(
    tpl: &Template,
    rows: &[&Row],
    lang: Lang,
    id: &dyn Fn(&str) -> String,
    page: usize,
    d: &UseReducerDispatcher<State>,
) -> Html {
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages - 1);
    let (from, to) = crate::common::page_bounds(rows.len(), PAGE_SIZE, page);
    let shown = &rows[from..to];
    let on_page = {
        let d = d.clone();
        Callback::from(move |p: usize| d.dispatch(Msg::Page(p)))
    };
    let finding_title = |q: &str| {
        tpl.question(q)
            .and_then(|x| x.finding.as_ref())
            .map(|f| yaojian::penalty::rules::pick(&f.title, lang))
            .unwrap_or_else(|| q.to_string())
    };
    let range = if rows.is_empty() {
        t(lang, "fs.no_rows")
    } else {
        tf(
            lang,
            "fs.rows_range",
            &[
                ("from", &(from + 1).to_string()),
                ("to", &(from + shown.len()).to_string()),
                ("total", &rows.len().to_string()),
            ],
        )
    };
    html! {
        <section aria-labelledby={id("rows-title")}>
            <h3 id={id("rows-title")} tabindex="-1">{ t(lang, "fs.rows") }</h3>
            <p class="yj-fs__range" id={id("range")} role="status">{ range.clone() }</p>
            if !rows.is_empty() {
                <div class="yj-fs__scroll" tabindex="0" role="region" aria-labelledby={id("rows-title")}>
                <table class="yj-fs__table" id={id("rows")}>
                    <caption class="yj-visually-hidden">{ range }</caption>
                    <thead><tr>
                        <th scope="col">{ t(lang, "fs.col.name") }</th>
                        <th scope="col">{ t(lang, "fs.col.identifier") }</th>
                        <th scope="col">{ t(lang, "fs.col.reference") }</th>
                        <th scope="col">{ t(lang, "fs.col.findings") }</th>
                        <th scope="col">{ t(lang, "fs.col.attested") }</th>
                        <th scope="col">{ t(lang, "fs.problems") }</th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().map(|r| html! {
                            <tr key={r.index} class={classes!("yj-fs__row", r.highest.map(|s| format!("is-{}", wire_name(&s))))}>
                                <th scope="row">
                                    { if r.name.is_empty() { "—".to_string() } else { r.name.clone() } }
                                    if !r.organisation.is_empty() { <span class="yj-fs__sub">{ r.organisation.clone() }</span> }
                                </th>
                                <td>{ r.identifier.clone() }</td>
                                <td>
                                    { r.reference.clone() }
                                    <span class="yj-fs__sub">{ r.submitted_at.replace('T', " ").chars().take(16).collect::<String>() }</span>
                                </td>
                                <td>
                                    if let Some(h) = r.highest {
                                        <span class="yj-fs__severity">{ tf(lang, "fs.highest", &[("severity", &severity_name(h, lang))]) }</span>
                                        <ul class="yj-fs__findings">{ for r.findings.iter().map(|q| html! { <li>{ finding_title(q) }</li> }) }</ul>
                                    } else {
                                        { t(lang, "fs.no_findings") }
                                    }
                                </td>
                                <td>{ t(lang, if r.attested { "form.yes" } else { "fs.not_attested" }) }</td>
                                <td>
                                    if r.problems.is_empty() {
                                        { "—" }
                                    } else {
                                        <ul class="yj-fs__problems">{ for r.problems.iter().map(|p| html! {
                                            <li><code>{ p.path.clone() }</code>{ " " }{ p.message.clone() }</li>
                                        }) }</ul>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                <crate::common::Pagination {lang} id={id("pages")} current={page} {pages} on_page={on_page} />
            }
        </section>
    }
}

fn questions_table(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
    let counted: Vec<_> = s
        .questions
        .iter()
        .filter(|q| !matches!(q.kind, Kind::Group))
        .collect();
    html! {
        <section aria-labelledby={id("questions-title")}>
            <h3 id={id("questions-title")}>{ t(lang, "fs.questions") }</h3>
            <div class="yj-fs__scroll" tabindex="0" role="region" aria-labelledby={id("questions-title")}>
            <table class="yj-fs__table" id={id("questions")}>
                <thead><tr>
                    <th scope="col">{ t(lang, "fs.question") }</th>
                    <th scope="col" class="yj-fs__num">{ t(lang, "fs.answered") }</th>
                    <th scope="col">{ t(lang, "fs.values") }</th>
                </tr></thead>
                <tbody>
                    { for counted.iter().map(|q| html! {
                        <tr>
                            <th scope="row">{ q.label.clone() }</th>
                            <td class="yj-fs__num">{ q.answered }</td>
                            <td>
                                if !q.values.is_empty() {
                                    <ul class="yj-fs__values">{ for q.values.iter().map(|v| html! {
                                        <li>{ format!("{}{}{}", v.label, if lang == Lang::En { ": " } else { "：" }, v.count) }</li>
                                    }) }</ul>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn rejected_list(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
    if s.rejected.is_empty() {
        return html! {};
    }
    html! {
        <section class="yj-fs__rejected" aria-labelledby={id("rejected-title")}>
            <h3 id={id("rejected-title")}>{ tf(lang, "fs.rejected_title", &[("count", &s.rejected.len().to_string())]) }</h3>
            <p class="yj-hint">{ t(lang, "fs.rejected_hint") }</p>
            <ul id={id("rejected")}>
                { for s.rejected.iter().map(|r| html! {
                    <li>
                        { tf(lang, "fs.item", &[("n", &(r.index + 1).to_string())]) }
                        <ul>{ for r.errors.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message.clone() }</li> }) }</ul>
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// The example batch (`sample-batch.json`, made by
/// `bench/make-example.mjs`): 60 sample submissions to the personal self-inspection,
/// one to another template and one that is not a submission.
#[cfg(any(feature = "demo", test))]
pub fn example_batch() -> Rc<Value> {
    Rc::new(serde_json::from_str(include_str!("sample-batch.json")).unwrap_or_default())
}
