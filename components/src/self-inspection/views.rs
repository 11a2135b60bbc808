//! The form's views: the draft banner, progress, the error summary, a section, the
//! review page, the receipt and the read-only view of a submission.

use yaojian::sorted::SortedMap;
use super::*;

/// What the form says about its draft. Once `submitted`, there is no draft to speak of:
/// only a storage failure is still told.
pub(super) fn storage_banner(
    s: &Storage,
    lang: Lang,
    d: &UseReducerDispatcher<FormState>,
    prefix: &str,
    submitted: bool,
) -> Html {
    match s {
        Storage::Saved(_) | Storage::Offer(_) if submitted => {
            html! { <p class="yj-si__storage" role="status"></p> }
        }
        Storage::Offer(draft) => {
            let restore = {
                let d = d.clone();
                Callback::from(move |_: MouseEvent| d.dispatch(Msg::Restore))
            };
            let discard = {
                let d = d.clone();
                Callback::from(move |_: MouseEvent| d.dispatch(Msg::Discard))
            };
            let when = if draft.saved_at.is_empty() {
                String::new()
            } else {
                draft.saved_at.replace('T', " ").chars().take(16).collect()
            };
            html! {
                <section class="yj-si__draft" aria-labelledby={format!("{prefix}-draft-title")}>
                    <h3 id={format!("{prefix}-draft-title")} class="yj-si__draft-title">{ t_str(lang, "si.draft_found") }</h3>
                    <p>{ tf(lang, "si.draft_found_text", &[("time", &when)]) }</p>
                    <div class="yj-button-row">
                        <button type="button" class="yj-button" id={format!("{prefix}-restore")} onclick={restore}>{ t_str(lang, "si.draft_restore") }</button>
                        <button type="button" class="yj-button yj-button--secondary" onclick={discard}>{ t_str(lang, "si.draft_discard") }</button>
                    </div>
                </section>
            }
        }
        Storage::Failed(e) => html! {
            <p class="yj-si__storage yj-si__storage--failed" role="status">{ tf(lang, "si.storage_failed", &[("detail", e)]) }</p>
        },
        Storage::Unreadable(kept_as) => html! {
            <p class="yj-si__storage yj-si__storage--failed" role="alert">{ tf(lang, "common.draft_unreadable", &[("key", kept_as)]) }</p>
        },
        Storage::Saved(at) => html! {
            <p class="yj-si__storage" role="status">{ tf(lang, "si.saved", &[("time", &at.chars().skip(11).take(5).collect::<String>())]) }</p>
        },
        Storage::Idle => html! { <p class="yj-si__storage" role="status"></p> },
    }
}

pub(super) fn progress_bar(lang: Lang, answered: usize, required: usize, prefix: &str) -> Html {
    let label_id = format!("{prefix}-progress-label");
    html! {
        <div class="yj-si__progress">
            <span id={label_id.clone()}>{ tf(lang, "si.progress", &[("answered", &answered.to_string()), ("required", &required.to_string())]) }</span>
            <progress max={required.max(1).to_string()} value={answered.to_string()} aria-labelledby={label_id}></progress>
        </div>
    }
}

pub(super) fn summary_box(ctx: &Ctx, errs: &[&FieldError], on_review: bool) -> Html {
    if errs.is_empty() || ctx.state.submit_errors.is_empty() {
        return html! {};
    }
    let items = errs.iter().map(|e| {
        if question_of_path(&e.path).is_none() {
            // About the whole form (who may file it, the sign-in): no field to link to.
            return html! { <li>{ e.message(ctx.lang) }</li> };
        }
        let id = field_id(ctx.template, &e.path);
        let section = section_of(ctx.template, &e.path);
        let d = ctx.dispatch.clone();
        let onclick = Callback::from(move |ev: MouseEvent| {
            ev.prevent_default();
            if let Some(s) = section {
                d.dispatch(Msg::Goto(Step::Section(s), Some(id.clone())));
            }
        });
        let href = format!("#{}", ctx.id(&field_id(ctx.template, &e.path)));
        html! { <li><a {href} {onclick}>{ labelled(ctx.template, e, ctx.lang) }</a></li> }
    });
    let title = if on_review {
        "si.errors_submit"
    } else {
        "si.errors_title"
    };
    html! {
        <SummaryFocus token={ctx.state.focus_token} id={ctx.id("errors")} title={t(ctx.lang, title)}>
            { for items }
        </SummaryFocus>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryFocusProps {
    token: u32,
    id: AttrValue,
    title: String,
    children: Html,
}

/// The error summary box: takes focus each time `token` changes.
#[function_component(SummaryFocus)]
fn summary_focus(p: &SummaryFocusProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(p.token, move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let title_id = format!("{}-title", p.id);
    html! {
        <div class="yj-error-summary" id={p.id.clone()} ref={node} tabindex="-1" role="alert" aria-labelledby={title_id.clone()}>
            <h2 class="yj-error-summary__title" id={title_id}>{ p.title.clone() }</h2>
            <ul class="yj-error-summary__list">{ p.children.clone() }</ul>
        </div>
    }
}

/// Questions in a section above which off-screen ones skip layout (forms.css).
const LONG_SECTION: usize = 100;

pub(super) fn section_view(shared: &fields::Shared, i: usize, synced: &state::Synced) -> Html {
    let live = &synced.live;
    let no_errors = SortedMap::new();
    let ctx = &shared.ctx(live.evaluation(), &no_errors);
    let t = ctx.template;
    let lang = ctx.lang;
    let st = ctx.state;
    let section = &t.sections[i];
    let visible: Vec<usize> = (0..t.sections.len())
        .filter(|s| ctx.ev.sections[*s].visible)
        .collect();
    let pos = visible.iter().position(|s| *s == i);
    let prev = pos.and_then(|p| p.checked_sub(1)).map(|p| visible[p]);
    let next = pos.and_then(|p| visible.get(p + 1)).copied();
    // The summary lists the errors on show; it is there only after a continue or
    // submit, so the list is not made on every keystroke.
    let in_section: Vec<FieldError> = if st.submit_errors.is_empty() {
        Vec::new()
    } else {
        let mut qs: Vec<(usize, &str)> = st
            .shown
            .iter()
            .map(|k| state::shown_question(k))
            .filter_map(|q| Some((t.position(q).filter(|(s, _)| *s == i)?.1, q)))
            .collect();
        yaojian::sorted::sort(&mut qs);
        qs.dedup();
        qs.iter()
            .flat_map(|(_, q)| question_errors(t, st, live, q))
            .filter(|e| is_shown(st, e))
            .collect()
    };
    let in_section: Vec<&FieldError> = in_section.iter().collect();
    let section_qs: Vec<String> = section.questions.iter().map(|q| q.id.clone()).collect();
    let on_continue = {
        let d = ctx.dispatch.clone();
        let (t, st) = (shared.template.clone(), shared.state.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(synced) = st.live.get() else {
                return;
            };
            if section_has_errors(&t, &st, &synced.live, i) {
                let errs = errors_in(&t, &st, &synced.live, Some(i));
                drop(synced);
                d.dispatch(Msg::Show(section_qs.clone(), false));
                d.dispatch(Msg::SubmitFailed(errs));
            } else {
                drop(synced);
                d.dispatch(Msg::Goto(
                    next.map(Step::Section).unwrap_or(Step::Review),
                    None,
                ));
            }
        })
    };
    let nav = visible.iter().map(|s| {
        let sec = &ctx.ev.sections[*s];
        let d = ctx.dispatch.clone();
        let s = *s;
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Section(s), None)));
        let current = s == i;
        // Every required answer in, and none of them wrong: done. All in but some wrong:
        // the tab says so, never a green count.
        let complete = sec.progress.answered == sec.progress.required;
        let wrong = complete && section_has_errors(t, st, live, s);
        let done = complete && !wrong;
        let count_key = if wrong { "si.section_progress_invalid" } else { "si.section_progress" };
        let count = tf(lang, count_key, &[("answered", &sec.progress.answered.to_string()), ("required", &sec.progress.required.to_string())]);
        html! {
            <li class={classes!("yj-si__nav-item", current.then_some("is-current"), done.then_some("is-done"), wrong.then_some("is-invalid"))}>
                <button type="button" class="yj-si__nav-button" aria-current={current.then_some("step")} {onclick}>
                    <span class="yj-si__nav-title">{ pick(&t.sections[s].title, lang) }</span>
                    <span class="yj-si__nav-count">{ count }</span>
                </button>
            </li>
        }
    });
    let blocks = (0..section.questions.len().div_ceil(BLOCK)).map(|b| {
        let version = (synced.epoch, live.block_version(i, b));
        html! { <fields::QuestionBlock key={b} section={i} block={b} {version} shared={shared.clone()} /> }
    });
    let long = section.questions.len() > LONG_SECTION;
    let to_review = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Review, None)))
    };
    let on_prev = prev.map(|p| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Section(p), None)))
    });
    html! {
        <>
            { progress_bar(lang, ctx.ev.progress.answered, ctx.ev.progress.required, ctx.prefix) }
            <nav class="yj-si__nav" aria-label={t_str(lang, "si.sections")}>
                <ol class="yj-si__nav-list">
                    { for nav }
                    <li class="yj-si__nav-item">
                        <button type="button" class="yj-si__nav-button" onclick={to_review}>
                            <span class="yj-si__nav-title">{ t_str(lang, "si.check_answers") }</span>
                        </button>
                    </li>
                </ol>
            </nav>
            { summary_box(ctx, &in_section, false) }
            <form class="yj-si__section" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <h3 class="yj-si__section-title" id={ctx.id("heading")} tabindex="-1">
                    <span class="yj-si__step">{ tf(lang, "si.step", &[("n", &(pos.unwrap_or(0) + 1).to_string()), ("total", &visible.len().to_string())]) }</span>
                    { pick(&section.title, lang) }
                </h3>
                if let Some(h) = &section.help { <p class="yj-hint">{ pick(h, lang) }</p> }
                // Its own element: every child keyed, so a question that appears or goes
                // is one insertion or removal (a list mixing keyed and unkeyed children
                // is diffed by position, redrawing every question after the change).
                <div class={classes!("yj-si__questions", long.then_some("yj-si__questions--long"))}>{ for blocks }</div>
                <div class="yj-button-row">
                    if let Some(cb) = on_prev { <button type="button" class="yj-button yj-button--secondary" onclick={cb}>{ t_str(lang, "si.previous") }</button> }
                    <button type="button" class="yj-button" id={ctx.id("continue")} onclick={on_continue}>
                        { t_str(lang, if next.is_some() { "si.continue" } else { "si.check_answers" }) }
                    </button>
                </div>
            </form>
        </>
    }
}

/// Answers written out, section by section; `change` adds a change link per answer.
pub(super) fn answers_list(
    t: &Template,
    answers: &serde_json::Map<String, Value>,
    findings: &Findings,
    ev: &Evaluation,
    lang: Lang,
    change: Option<&UseReducerDispatcher<FormState>>,
) -> Html {
    let sections = t.sections.iter().enumerate().filter(|(i, _)| ev.sections[*i].visible).map(|(si, s)| {
        let rows = s.questions.iter().filter(|q| ev.visible(&q.id)).map(|q| {
            let v = answers.get(&q.id).cloned().unwrap_or(Value::Null);
            let shown = match (q.kind, &v) {
                (Kind::Group, Value::Array(rows)) if !rows.is_empty() => html! {
                    <table class="yj-si__table">
                        <thead><tr>{ for q.questions.iter().map(|c| html! { <th scope="col">{ c.label(lang) }</th> }) }</tr></thead>
                        <tbody>{ for rows.iter().map(|r| html! {
                            <tr>{ for q.questions.iter().map(|c| html! { <td>{ display(c, r.get(&c.id).unwrap_or(&Value::Null), lang) }</td> }) }</tr>
                        }) }</tbody>
                    </table>
                },
                _ => {
                    let text = display(q, &v, lang);
                    if text.is_empty() { html! { <span class="yj-si__unanswered">{ t_str(lang, "si.not_answered") }</span> } } else { html! { { text } } }
                }
            };
            let finding = ev.raised(&q.id).map(|r| {
                let f = findings.get(&q.id).cloned().unwrap_or_default();
                let spec = q.finding.as_ref().map(|s| pick(&s.title, lang)).unwrap_or_default();
                html! {
                    <div class="yj-si__finding-review">
                        <p><span class={classes!("yj-si__severity", format!("is-{}", yaojian::checklist::wire_name(&r.severity)))}>{ t_str(lang, &format!("form.severity.{}", yaojian::checklist::wire_name(&r.severity))) }</span>{ spec }</p>
                        <dl class="yj-si__finding-list">
                            <dt>{ t_str(lang, "si.finding_explanation") }</dt><dd>{ f.explanation }</dd>
                            <dt>{ t_str(lang, "si.finding_measure") }</dt><dd>{ f.measure }</dd>
                            <dt>{ t_str(lang, "si.finding_deadline") }</dt><dd>{ f.deadline }</dd>
                        </dl>
                    </div>
                }
            });
            let link = change.map(|d| {
                let d = d.clone();
                let qid = q.id.clone();
                let focus = match q.kind { Kind::Group => format!("{qid}-add"), _ => qid.clone() };
                let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Section(si), Some(focus.clone()))));
                html! {
                    <dd class="yj-si__change">
                        <button type="button" class="yj-link-button" {onclick}>
                            { t_str(lang, "si.change") }<span class="yj-visually-hidden">{ format!(" {}", q.label(lang)) }</span>
                        </button>
                    </dd>
                }
            });
            html! {
                <div class="yj-si__answer-row">
                    <dt class="yj-si__answer-key">{ q.label(lang) }</dt>
                    <dd class="yj-si__answer-value">{ shown }{ for finding }</dd>
                    { for link }
                </div>
            }
        });
        html! {
            <section class="yj-si__review-section">
                <h4 class="yj-si__review-title">{ pick(&s.title, lang) }</h4>
                <dl class="yj-si__answers">{ for rows }</dl>
            </section>
        }
    });
    html! { <>{ for sections }</> }
}

pub(super) fn t_str(lang: Lang, key: &str) -> String {
    t(lang, key)
}

/// Whose form this is: the host's `storage-key` (written into the submission), the slot
/// the draft is kept under, and, when the token's role does not file this template, why
/// (`Template::check_filer`, asked once by the form).
pub(super) struct Whose<'a> {
    pub key: Option<&'a str>,
    pub slot: &'a str,
    pub not_a_filer: Option<&'a FieldError>,
}

pub(super) fn review_view(
    ctx: &Ctx,
    template: &Rc<Template>,
    all_errors: &[FieldError],
    props: &SelfInspectionProps,
    whose: Whose,
    sender: Option<&super::outbox::Sender>,
) -> Html {
    let t = ctx.template;
    let lang = ctx.lang;
    // The form's own errors; when it has none, what the server refused.
    let errs: Vec<&FieldError> = if all_errors.is_empty() {
        ctx.state.submit_errors.iter().collect()
    } else {
        all_errors.iter().collect()
    };
    // One filing at a time: a second would be another submission, not a retry.
    let busy = !matches!(ctx.state.sending, super::state::Sending::Idle);
    let on_submit = {
        let d = ctx.dispatch.clone();
        let tpl = template.clone();
        let draft = ctx.state.draft.clone();
        let on_emit = props.on_emit.clone();
        let key = whose.key.map(str::to_string);
        let draft_key = storage_key(template, whose.slot);
        let not_a_filer = whose.not_a_filer.cloned();
        let typed_errors = !ctx.state.input_errors.is_empty() && !all_errors.is_empty();
        let all: Vec<FieldError> = all_errors.to_vec();
        let sender = sender.cloned();
        Callback::from(move |_: MouseEvent| {
            if typed_errors {
                return d.dispatch(Msg::SubmitFailed(all.clone()));
            }
            if let Some(e) = &not_a_filer {
                return d.dispatch(Msg::SubmitFailed(vec![e.clone()]));
            }
            let now = js_sys::Date::now() as i64;
            match submit(
                &tpl,
                &draft.answers,
                &draft.findings,
                key.as_deref(),
                Some(&draft.started_at)
                    .filter(|s| !s.is_empty())
                    .map(String::as_str),
                now,
                lang,
            ) {
                Ok(s) => {
                    if let Some(sender) = &sender {
                        // Kept in the outbox first, so the draft may go.
                        let _ = super::outbox::file(sender, s);
                    } else {
                        Emitted::FormSubmit {
                            submission: json_of(&s),
                        }
                        .send(&on_emit);
                        d.dispatch(Msg::Submitted(Rc::new(s)));
                    }
                    if let Ok(st) = crate::common::local_storage() {
                        let _ = st.remove_item(&draft_key);
                    }
                }
                Err(e) => d.dispatch(Msg::SubmitFailed(e.into())),
            }
        })
    };
    let back = {
        let d = ctx.dispatch.clone();
        let last = (0..t.sections.len())
            .rev()
            .find(|s| ctx.ev.sections[*s].visible)
            .unwrap_or(0);
        Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Section(last), None)))
    };
    html! {
        <>
            { summary_box(ctx, &errs, true) }
            <h3 class="yj-si__section-title" id={ctx.id("heading")} tabindex="-1">{ t_str(lang, "si.review_title") }</h3>
            { progress_bar(lang, ctx.ev.progress.answered, ctx.ev.progress.required, ctx.prefix) }
            { answers_list(t, &ctx.state.draft.answers, &ctx.state.draft.findings, ctx.ev, lang, Some(ctx.dispatch)) }
            <p class="yj-hint">{ t_str(lang, "si.submit_hint") }</p>
            <div class="yj-button-row">
                <button type="button" class="yj-button yj-button--secondary" onclick={back}>{ t_str(lang, "si.previous") }</button>
                <button type="button" class="yj-button" id={ctx.id("submit")} onclick={on_submit} disabled={busy}>{ t_str(lang, "si.submit") }</button>
            </div>
        </>
    }
}

/// Where a filing to the server is: on its way, or kept on this device with a way to
/// try again now. A status region, so screen readers hear it without losing their place.
pub(super) fn sending_view(
    sending: &super::state::Sending,
    sender: Option<&super::outbox::Sender>,
    lang: Lang,
    prefix: &str,
) -> Html {
    use super::outbox::RETRY_SECONDS;
    use super::state::Sending;
    let id = format!("{prefix}-sending");
    let (o, sender, title, detail) = match (sending, sender) {
        (Sending::InFlight(_), _) => {
            return html! { <p class="yj-si__sending" role="status" id={id}>{ t_str(lang, "si.sending") }</p> }
        }
        (Sending::Queued(o, _), Some(sender)) => {
            let every = tf(lang, "si.queued_detail", &[("seconds", &RETRY_SECONDS.to_string())]);
            (o, sender, "si.queued", html! { <p class="yj-hint">{ every }</p> })
        }
        (Sending::AwaitingSignIn(_, why, _), Some(sender)) if sender.waits_for_sign_in() => {
            // Nobody signed in yet: nothing to retry until somebody does.
            return html! {
                <div class="yj-si__queued" role="status" id={id}>
                    <p class="yj-si__queued-title">{ t_str(lang, "si.signin_first") }</p>
                    <p class="yj-hint">{ why.clone() }</p>
                </div>
            };
        }
        (Sending::AwaitingSignIn(o, why, _), Some(sender)) => {
            let detail = html! {
                <>
                    <p class="yj-hint">{ why.clone() }</p>
                    <p class="yj-hint">{ t_str(lang, "si.signin_needed_detail") }</p>
                </>
            };
            (o, sender, "si.signin_needed", detail)
        }
        _ => return html! {},
    };
    let retry = {
        let (sender, o) = (sender.clone(), o.clone());
        Callback::from(move |_: MouseEvent| sender.send(o.clone()))
    };
    html! {
        <div class="yj-si__queued" role="status" id={id}>
            <p class="yj-si__queued-title">{ t_str(lang, title) }</p>
            { detail }
            <button type="button" class="yj-button yj-button--secondary" id={format!("{prefix}-retry")} onclick={retry}>{ t_str(lang, "si.retry") }</button>
        </div>
    }
}

/// Where a receipt's submission went: how its reference may be read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Receipt {
    /// Filed to the server, which issued the reference.
    Filed,
    /// No server: the submission stayed in this browser, handed to the page only.
    LocalOnly,
    /// A submission shown read-only, its reference checked against its content.
    Checked,
    /// A submission shown read-only, its reference issued by a server (not checkable here).
    IssuedByServer,
}

pub(super) fn receipt_view(t: &Template, s: &Submission, lang: Lang, prefix: &str, how: Receipt) -> Html {
    let ev = evaluate(t, &s.answers);
    let print = Callback::from(|_: MouseEvent| print_page());
    html! {
        <>
            <div class="yj-si__receipt" role="status">
                <h3 class="yj-si__receipt-title" id={format!("{prefix}-heading")} tabindex="-1">{ t_str(lang, if how == Receipt::LocalOnly { "si.receipt_title_local" } else { "si.receipt_title" }) }</h3>
                <p class="yj-si__reference">{ t_str(lang, "si.reference") }<strong class="yj-si__reference-number">{ s.reference.clone() }</strong></p>
                if how == Receipt::IssuedByServer { <p class="yj-si__reference-note">{ t_str(lang, "si.reference_issued") }</p> }
                if how == Receipt::LocalOnly { <p class="yj-si__reference-note yj-si__local-only">{ t_str(lang, "si.receipt_local") }</p> }
                <p>{ tf(lang, "si.submitted_at", &[("time", &s.submitted_at.replace('T', " ").replace("+08:00", " (UTC+8)"))]) }</p>
                <p>{ tf(lang, "si.receipt_findings", &[("count", &s.findings.len().to_string())]) }</p>
            </div>
            <div class="yj-button-row yj-si__no-print">
                <button type="button" class="yj-button yj-button--secondary" onclick={print}>{ t_str(lang, "common.print") }</button>
            </div>
            <h3 class="yj-si__section-title">{ t_str(lang, "si.your_answers") }</h3>
            { answers_list(t, &s.answers, &s.findings, &ev, lang, None) }
        </>
    }
}

pub(super) fn readonly_view(t: &Template, value: Option<&Value>, lang: Lang, prefix: &str) -> Html {
    let Some(v) = value else {
        return html! { <p class="yj-si__empty">{ t_str(lang, "si.readonly_empty") }</p> };
    };
    match check_held_submission(t, v.clone(), crate::common::today()) {
        Ok((s, ReferenceStatus::IssuedByServer)) => receipt_view(t, &s, lang, prefix, Receipt::IssuedByServer),
        Ok((s, ReferenceStatus::Matches)) => receipt_view(t, &s, lang, prefix, Receipt::Checked),
        Err(errs) => html! {
            <div class="yj-error-summary" role="alert">
                <h2 class="yj-error-summary__title">{ t_str(lang, "si.submission_invalid") }</h2>
                <ul>{ for errs.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message(lang) }</li> }) }</ul>
            </div>
        },
    }
}
