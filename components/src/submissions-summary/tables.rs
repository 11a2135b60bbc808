//! The summary's tables: the overview, findings, filters, the rows (paged) and the
//! per-question counts, and what was set aside.

use super::*;

pub(super) fn severity_name(s: Severity, lang: Lang) -> String {
    t(lang, &format!("form.severity.{}", wire_name(&s)))
}

pub(super) fn parse_severity(v: &str) -> Option<Severity> {
    match v {
        "high" => Some(Severity::High),
        "medium" => Some(Severity::Medium),
        "low" => Some(Severity::Low),
        _ => None,
    }
}

pub(super) fn overview(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
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

pub(super) fn findings_table(
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
                                            { t(lang, "fs.show_rows") }<span class="yj-visually-hidden">{ format!("{}{}", yaojian::i18n::label_separator(lang), f.title) }</span>
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

pub(super) fn filters(
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

pub(super) fn rows_table(
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
                <table class="yj-fs__table yj-cards" role="table" id={id("rows")}>
                    <caption class="yj-visually-hidden">{ range }</caption>
                    <thead><tr role="row">
                        <th scope="col" role="columnheader">{ t(lang, "fs.col.name") }</th>
                        <th scope="col" role="columnheader">{ t(lang, "fs.col.identifier") }</th>
                        <th scope="col" role="columnheader">{ t(lang, "fs.col.reference") }</th>
                        <th scope="col" role="columnheader">{ t(lang, "fs.col.findings") }</th>
                        <th scope="col" role="columnheader">{ t(lang, "fs.col.attested") }</th>
                        <th scope="col" role="columnheader">{ t(lang, "fs.problems") }</th>
                    </tr></thead>
                    <tbody>
                        { for shown.iter().map(|r| html! {
                            <tr role="row" key={r.index} class={classes!("yj-fs__row", r.highest.map(|s| format!("is-{}", wire_name(&s))))}>
                                <th scope="row" role="rowheader">
                                    { if r.name.is_empty() { "—".to_string() } else { r.name.clone() } }
                                    if !r.organisation.is_empty() { <span class="yj-fs__sub">{ r.organisation.clone() }</span> }
                                </th>
                                <td role="cell" data-label={t(lang, "fs.col.identifier")}>{ r.identifier.clone() }</td>
                                <td role="cell" data-label={t(lang, "fs.col.reference")}>
                                    { r.reference.clone() }
                                    <span class="yj-fs__sub">{ r.submitted_at.replace('T', " ").chars().take(16).collect::<String>() }</span>
                                </td>
                                <td role="cell" data-label={t(lang, "fs.col.findings")}>
                                    if let Some(h) = r.highest {
                                        <span class="yj-fs__severity">{ tf(lang, "fs.highest", &[("severity", &severity_name(h, lang))]) }</span>
                                        <ul class="yj-fs__findings">{ for r.findings.iter().map(|q| html! { <li>{ finding_title(q) }</li> }) }</ul>
                                    } else {
                                        { t(lang, "fs.no_findings") }
                                    }
                                </td>
                                <td role="cell" data-label={t(lang, "fs.col.attested")}>{ t(lang, if r.attested { "form.yes" } else { "fs.not_attested" }) }</td>
                                <td role="cell" data-label={t(lang, "fs.problems")}>
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

pub(super) fn questions_table(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
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
                                        <li>{ format!("{}{}{}", v.label, yaojian::i18n::label_separator(lang), v.count) }</li>
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

pub(super) fn rejected_list(s: &Summary, lang: Lang, id: &dyn Fn(&str) -> String) -> Html {
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

/// Which versions the summary counts, when its submissions are on more than the
/// template's: those counted anyway (each flagged with a version problem) and those the
/// server holds that it does not count.
pub(super) fn versions_note(s: &Summary, lang: Lang, id: &str) -> Html {
    let list = |counted: bool| -> String {
        let sep = yaojian::i18n::enumeration_separator(lang);
        s.versions
            .iter()
            .skip(1)
            .filter(|v| v.counted == counted)
            .map(|v| tf(lang, "fs.version_count", &[("version", &v.version), ("count", &v.count.to_string())]))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (counted, uncounted) = (list(true), list(false));
    if counted.is_empty() && uncounted.is_empty() {
        return html! {};
    }
    html! {
        <div class="yj-hint" id={id.to_string()}>
            if !counted.is_empty() {
                <p>{ tf(lang, "fs.versions_counted", &[("versions", &counted)]) }</p>
            }
            if !uncounted.is_empty() {
                <p>{ tf(lang, "fs.versions_uncounted", &[("versions", &uncounted)]) }</p>
            }
        </div>
    }
}
