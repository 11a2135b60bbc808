//! The output side: outcome in words, range bar, amounts, sanctions, individual
//! liability, and the numbered explanation with a citation on every step.

use super::{summary_message, Evaluation};
use crate::common::{copy_to_clipboard, print_page, t, tf};
use yaojian::i18n::{bracketed, label_separator, list_separator};
use yaojian::money::Fen;
use yaojian::penalty::{Assessment, Outcome};
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultProps {
    pub lang: Lang,
    pub evaluation: Evaluation,
}

#[function_component(ResultPanel)]
pub fn result_panel(p: &ResultProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let copied = use_state(|| false);
    let body = match &p.evaluation {
        Evaluation::Empty => {
            html! { <p class="yj-pc__placeholder">{ t(lang, "pc.result.empty") }</p> }
        }
        Evaluation::Invalid(errors) => html! {
            <div class="yj-pc__placeholder">
                <p>{ t(lang, "pc.result.incomplete") }</p>
                <ul>{ for errors.iter().map(|e| html! { <li>{ summary_message(e, lang) }</li> }) }</ul>
            </div>
        },
        Evaluation::Done(a) => {
            let text = plain_text(a, lang);
            let on_copy = {
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| copied.set(copy_to_clipboard(&text)))
            };
            html! {
                <>
                    <Summary lang={lang} assessment={(**a).clone()} />
                    <div class="yj-button-row yj-no-print">
                        <button type="button" class="yj-button yj-button--secondary" onclick={on_copy}>{ t(lang, "pc.copy") }</button>
                        <button type="button" class="yj-button yj-button--secondary" onclick={Callback::from(|_: MouseEvent| print_page())}>{ t(lang, "pc.print") }</button>
                        <span class="yj-pc__copied" role="status">{ if *copied { t(lang, "pc.copied") } else { String::new() } }</span>
                    </div>
                    <Steps lang={lang} assessment={(**a).clone()} />
                </>
            }
        }
    };
    html! {
        <section class="yj-pc__result" aria-labelledby={ids.id("result-title")}>
            <h3 id={ids.id("result-title")} class="yj-pc__legend">{ t(lang, "pc.result") }</h3>
            <div aria-live="polite" data-testid="pc-result">{ body }</div>
        </section>
    }
}

/// The result in brief, right after the inputs, for a narrow screen where the full
/// result sits below the whole form (CSS shows it only there): outcome, range,
/// suggested fine and hearing, with a link to the steps.
#[function_component(Brief)]
pub fn brief(p: &ResultProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let Evaluation::Done(a) = &p.evaluation else {
        return html! {};
    };
    let hearing = a.hearing.as_ref().is_some_and(|h| h.required);
    let steps = ids.id("steps-title");
    html! {
        <section class="yj-pc__brief" aria-labelledby={ids.id("brief-title")} data-testid="pc-brief">
            <h3 id={ids.id("brief-title")} class="yj-pc__subhead">{ t(lang, "pc.brief") }</h3>
            <dl class="yj-pc__amounts">
                <div><dt>{ t(lang, "pc.outcome") }</dt><dd>{ &a.outcome_label }</dd></div>
                if let (Some(min), Some(max)) = (a.statutory_min, a.statutory_max) {
                    <div><dt>{ t(lang, "pc.statutory_range") }</dt><dd>{ range(min, max, lang) }</dd></div>
                    <div class="yj-pc__suggested"><dt>{ t(lang, "pc.suggested") }</dt><dd>{ money(a.fine_suggested, lang) }</dd></div>
                }
            </dl>
            <p>{ t(lang, if hearing { "pc.brief.hearing_required" } else { "pc.brief.no_hearing" }) }</p>
            <p><a href={format!("#{steps}")} onclick={crate::common::focus_link(steps.clone())}>{ t(lang, "pc.brief.to_steps") }</a></p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AssessmentProps {
    lang: Lang,
    assessment: Assessment,
}

fn money(v: Option<Fen>, lang: Lang) -> String {
    v.map(|x| x.in_lang(lang)).unwrap_or_else(|| "—".into())
}

/// A range of amounts: `30万元 – 300万元`, `¥300,000 – ¥3,000,000`.
fn range(min: Fen, max: Fen, lang: Lang) -> String {
    format!("{} – {}", min.in_lang(lang), max.in_lang(lang))
}

#[function_component(Summary)]
fn summary(p: &AssessmentProps) -> Html {
    let lang = p.lang;
    let a = &p.assessment;
    let outcome_class = match a.outcome {
        Outcome::NoPenalty | Outcome::TimeBarred => "yj-pc__outcome--none",
        Outcome::Warning | Outcome::SanctionsOnly => "yj-pc__outcome--warning",
        _ => "yj-pc__outcome--fine",
    };
    html! {
        <div class="yj-pc__summary">
            <p class={classes!("yj-pc__outcome", outcome_class)} data-testid="pc-outcome">
                <span class="yj-pc__outcome-label">{ t(lang, "pc.outcome") }</span>
                <strong>{ &a.outcome_label }</strong>
            </p>
            if a.may_exempt {
                <p class="yj-pc__notice">{ t(lang, "pc.may_exempt") }</p>
            }
            <p class="yj-hint">{ &a.rule.title }{" · "}{ &a.rule.citation.label }{" · "}{ &a.rule.enforcer }</p>
            if let (Some(min), Some(max)) = (a.statutory_min, a.statutory_max) {
                <RangeBar lang={lang} assessment={a.clone()} />
                <dl class="yj-pc__amounts">
                    <div><dt>{ t(lang, "pc.statutory_range") }</dt><dd>{ range(min, max, lang) }</dd></div>
                    if let Some(b) = &a.band_label {
                        <div><dt>{ t(lang, "pc.band") }</dt><dd>{ format!("{b}{}{} – {}", label_separator(lang), money(a.fine_min, lang), money(a.fine_max, lang)) }</dd></div>
                    }
                    <div class="yj-pc__suggested"><dt>{ t(lang, "pc.suggested") }</dt>
                        <dd data-testid="pc-suggested">{ money(a.fine_suggested, lang) }
                            if lang != Lang::En {
                                <span class="yj-hint">{ a.fine_suggested.map(|s| bracketed(&s.to_display(), lang)).unwrap_or_default() }</span>
                            }
                        </dd></div>
                </dl>
            }
            if !a.sanctions.is_empty() {
                <h4 class="yj-pc__subhead">{ t(lang, "pc.sanctions") }</h4>
                <ul class="yj-pc__sanctions">
                    { for a.sanctions.iter().map(|s| html! {
                        <li>{ &s.text }<span class="yj-hint">{ bracketed(&t(lang, &format!("pc.when.{}", s.when)), lang) }</span></li>
                    }) }
                </ul>
            }
            if let Some(ind) = &a.individual {
                <h4 class="yj-pc__subhead">{ t(lang, "pc.individual") }</h4>
                <p>{ &ind.who }<span class="yj-hint">{ bracketed(&ind.citation.label, lang) }</span></p>
                if ind.missing.is_some() {
                    <p class="yj-pc__notice">{ t(lang, "pc.individual.missing") }</p>
                } else if let (Some(min), Some(max)) = (ind.statutory_min, ind.statutory_max) {
                    <p>{ tf(lang, "pc.individual.range", &[("min", &min.in_lang(lang)), ("max", &max.in_lang(lang)), ("suggested", &money(ind.fine_suggested, lang))]) }</p>
                }
                if !ind.sanctions.is_empty() {
                    <ul class="yj-pc__sanctions">{ for ind.sanctions.iter().map(|s| html! { <li>{ &s.text }</li> }) }</ul>
                }
                if let Some(h) = ind.hearing.as_ref().filter(|h| h.required) {
                    <p class="yj-pc__notice">{ t(lang, "pc.hearing_individual") }{ h.reasons.join(list_separator(lang)) }</p>
                }
            }
            if let Some(h) = a.hearing.as_ref().filter(|h| h.required) {
                <p class="yj-pc__notice">{ t(lang, "pc.hearing") }{ h.reasons.join(list_separator(lang)) }</p>
            }
            <p class="yj-hint" data-testid="pc-law">{ tf(lang, "pc.law.applied", &[("law", &a.law.label(lang))]) }</p>
            <p class="yj-hint" data-testid="pc-benchmark">{ tf(lang, "pc.benchmark.applied", &[("title", &benchmark_label(&a.benchmark, lang))]) }</p>
        </div>
    }
}

/// The statutory range, the band and the suggested point, drawn with SVG geometry
/// (attributes, not inline styles, so a strict CSP keeps it) and described in text.
#[function_component(RangeBar)]
fn range_bar(p: &AssessmentProps) -> Html {
    let a = &p.assessment;
    let lang = p.lang;
    let (Some(smin), Some(smax)) = (a.statutory_min, a.statutory_max) else {
        return html! {};
    };
    let lo = a.fine_min.map_or(smin, |v| v.min(smin));
    let span = (smax.0 - lo.0).max(1) as i128;
    let x = |v: Fen| -> i64 { ((v.0 - lo.0).clamp(0, span as i64) as i128 * 1000 / span) as i64 };
    let label = tf(
        lang,
        "pc.bar.label",
        &[
            ("min", &smin.in_lang(lang)),
            ("max", &smax.in_lang(lang)),
            ("band_min", &money(a.fine_min, lang)),
            ("band_max", &money(a.fine_max, lang)),
            ("suggested", &money(a.fine_suggested, lang)),
        ],
    );
    html! {
        <figure class="yj-pc__bar">
            <svg viewBox="0 0 1000 48" role="img" aria-label={label.clone()} preserveAspectRatio="none" class="yj-pc__bar-svg">
                <rect class="yj-pc__bar-statutory" x={x(smin).to_string()} y="14" width={(x(smax) - x(smin)).max(1).to_string()} height="20" />
                if let (Some(bl), Some(bh)) = (a.fine_min, a.fine_max) {
                    <rect class="yj-pc__bar-band" x={x(bl).to_string()} y="10" width={(x(bh) - x(bl)).max(4).to_string()} height="28" />
                }
                if let Some(s) = a.fine_suggested {
                    <rect class="yj-pc__bar-point" x={(x(s) - 3).clamp(0, 994).to_string()} y="2" width="6" height="44" />
                }
            </svg>
            <figcaption class="yj-visually-hidden">{ label }</figcaption>
            <div class="yj-pc__bar-scale" aria-hidden="true"><span>{ lo.in_lang(lang) }</span><span>{ smax.in_lang(lang) }</span></div>
        </figure>
    }
}

#[function_component(Steps)]
fn steps(p: &AssessmentProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    html! {
        <>
            <h4 class="yj-pc__subhead" id={ids.id("steps-title")} tabindex="-1">{ t(lang, "pc.steps") }</h4>
            <ol class="yj-pc__steps" data-testid="pc-steps">
                { for p.assessment.steps.iter().map(|s| html! {
                    <li class="yj-pc__step">
                        <p>{ &s.text }</p>
                        if let Some(c) = &s.citation {
                            if let Some(q) = &s.quote {
                                <details class="yj-pc__clause yj-pc__clause--small">
                                    <summary>{ tf(lang, "common.clause_of", &[("citation", &c.label)]) }</summary>
                                    { crate::common::statute_quote(lang, q, "") }
                                </details>
                            } else {
                                <p class="yj-hint yj-pc__cite">{ tf(lang, "pc.basis", &[("citation", &c.label)]) }</p>
                            }
                        }
                    </li>
                }) }
            </ol>
        </>
    }
}

/// The assessment as plain text, for the clipboard, punctuated as `lang` writes.
fn plain_text(a: &Assessment, lang: Lang) -> String {
    let colon = label_separator(lang);
    let mut out = vec![
        format!("{}{colon}{}", t(lang, "pc.outcome"), a.outcome_label),
        format!("{}{colon}{}", a.rule.citation.label, a.rule.title),
    ];
    if let (Some(min), Some(max)) = (a.statutory_min, a.statutory_max) {
        let statutory = t(lang, "pc.statutory_range");
        out.push(format!("{statutory}{colon}{}", range(min, max, lang)));
    }
    if let Some(s) = a.fine_suggested {
        let exact = if lang == Lang::En { String::new() } else { bracketed(&s.to_display(), lang) };
        out.push(format!("{}{colon}{}{exact}", t(lang, "pc.suggested"), s.in_lang(lang)));
    }
    for s in &a.steps {
        let cite = s.citation.as_ref().map(|c| match lang {
            Lang::En => format!(" [{}]", c.label),
            _ => format!("〔{}〕", c.label),
        });
        out.push(format!("{}. {}{}", s.n, s.text, cite.unwrap_or_default()));
    }
    out.join("\n")
}

/// The benchmark's title, with its 文号 and dates when it has them.
fn benchmark_label(b: &yaojian::penalty::assess::BenchmarkSummary, lang: Lang) -> String {
    let mut out = b.title.clone();
    if let Some(doc) = &b.document {
        out.push_str(&bracketed(doc, lang));
    }
    if let Some(from) = b.effective_from {
        let from = yaojian::date::format_date(from);
        match lang {
            Lang::En => out.push_str(&format!(", in force from {from}")),
            _ => out.push_str(&format!("，{from}起施行")),
        }
    }
    out
}
