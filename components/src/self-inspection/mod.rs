//! 自查表 widget: a self-inspection form built from a template. One section at a time
//! with progress per section; validation on blur and on continue/submit with an error
//! summary that takes focus; findings ask for explanation, measure and deadline;
//! drafts saved to `localStorage` on every change (restore or discard on return);
//! a check-your-answers page; submit emits the submission JSON and shows a receipt; a
//! read-only, printable view of any submission.
//!
//! The engine (`yaojian::form`) decides visibility, requirement, progress, findings,
//! validation and the submission; this module renders and stores drafts.

pub(crate) mod spec;

mod fields;
mod state;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

use crate::common::events::{json_of, Emitted, TemplateRef};
use crate::common::properties::{template_error_panel, use_template};
use crate::common::{print_page, t, tf};
use fields::Ctx;
use serde_json::Value;
use state::{Draft, FormState, Msg, Step, Storage};
use std::collections::BTreeMap;
use std::rc::Rc;
use yaojian::form::answers::{
    check_submission, display, evaluate, question_of_path, submit, submittable, Evaluation,
    Findings, Submission,
};
use yaojian::form::live::{Live, BLOCK};
use yaojian::form::{Kind, Template};
use yaojian::penalty::rules::pick;
use yaojian::{FieldError, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct SelfInspectionProps {
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
    /// The host's key for this respondent; drafts are stored under it.
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
    /// Show `value` (a submission) read-only.
    #[prop_or_default]
    pub readonly: bool,
    /// Answers to start from (`{"answers": …, "findings": …}` or a submission).
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
}

fn storage_key(t: &Template, key: Option<&str>) -> String {
    format!(
        "yaojian:form:{}:{}:{}",
        t.id,
        t.version,
        key.unwrap_or("default")
    )
}

/// The host's value as a draft: read by the engine (`check_draft`, identifiers
/// normalised) when it fits the template; the embedding layer refuses one that does not
/// before it gets here.
fn draft_from_value(t: Option<&Template>, v: &Value) -> Draft {
    let read = t.and_then(|t| yaojian::form::draft::check_draft(t, v).ok());
    let (answers, findings) = read.unwrap_or_else(|| {
        let answers = v["answers"].as_object().cloned().unwrap_or_default();
        (
            answers,
            serde_json::from_value(v["findings"].clone()).unwrap_or_default(),
        )
    });
    Draft {
        answers,
        findings,
        started_at: crate::common::now_cst_timestamp(),
        ..Draft::default()
    }
}

/// JSON path → element id suffix (see `fields`).
fn field_id(t: &Template, path: &str) -> String {
    if let Some(rest) = path.strip_prefix("$.findings.") {
        return rest.replace('.', "-");
    }
    let rest = path.strip_prefix("$.answers.").unwrap_or(path);
    let q = rest.split(['.', '[']).next().unwrap_or(rest);
    match t.question(q).map(|x| x.kind) {
        Some(Kind::Attestation) if rest.ends_with(".name") || rest.ends_with(".date") => {
            rest.replace('.', "-")
        }
        Some(Kind::Group) if rest == q => format!("{q}-add"),
        Some(Kind::Group) => rest.replace(['[', '.'], "-").replace(']', ""),
        _ => q.to_string(),
    }
}

fn section_of(t: &Template, path: &str) -> Option<usize> {
    t.position(question_of_path(path)?).map(|(s, _)| s)
}

/// A field key (`q` or `group.row.column`) as the JSON path the engine reports.
fn key_path(k: &str) -> String {
    match state::split_key(k) {
        Some((g, r, c)) => format!("$.answers.{g}[{r}].{c}"),
        None => format!("$.answers.{k}"),
    }
}

/// The errors of top-level question `q` as the form shows them: the engine's
/// ([`Live`]), with typed text that did not parse taking the place of the engine's view
/// of that field; a hidden question has none. A question's answer errors come before
/// its finding's.
pub(crate) fn question_errors(
    t: &Template,
    st: &FormState,
    live: &Live,
    q: &str,
) -> Vec<FieldError> {
    if !live.evaluation().visible(q) {
        return Vec::new();
    }
    let typed: Vec<FieldError> = fields::under(&st.input_errors, q)
        .map(|(k, e)| {
            let mut e = e.clone();
            e.path = key_path(k);
            e
        })
        .collect();
    let engine = live.errors_of(t, q);
    let (answer, finding): (Vec<&FieldError>, Vec<&FieldError>) = engine
        .iter()
        .filter(|e| !typed.iter().any(|x| x.path == e.path))
        .partition(|e| !e.path.starts_with("$.findings."));
    answer
        .into_iter()
        .cloned()
        .chain(typed)
        .chain(finding.into_iter().cloned())
        .collect()
}

/// Whether error `e` is on show: the user has left its field, or continued.
pub(crate) fn is_shown(st: &FormState, e: &FieldError) -> bool {
    question_of_path(&e.path).is_some_and(|q| {
        let finding = e.path.starts_with("$.findings.");
        st.shown.contains(&state::shown_key(q, finding))
    })
}

/// Every current error of section `i` (all sections: `None`), in template order.
fn errors_in(t: &Template, st: &FormState, live: &Live, i: Option<usize>) -> Vec<FieldError> {
    t.sections
        .iter()
        .enumerate()
        .filter(|(si, _)| i.is_none_or(|i| i == *si))
        .flat_map(|(_, s)| s.questions.iter())
        .flat_map(|q| question_errors(t, st, live, &q.id))
        .collect()
}

/// Whether section `i` has any error, without listing them.
fn section_has_errors(t: &Template, st: &FormState, live: &Live, i: usize) -> bool {
    live.section_has_errors(i)
        || st.input_errors.keys().any(|k| {
            let q = state::question_of(k);
            live.evaluation().visible(q) && t.position(q).is_some_and(|(s, _)| s == i)
        })
}

/// The question's label, to prefix messages in the summary ("姓名：此项必填").
fn labelled(t: &Template, e: &FieldError, lang: Lang) -> String {
    let q = question_of_path(&e.path).unwrap_or_default();
    let mut msg = e.message(lang);
    if e.code == "form.pattern" {
        if let Some(h) = t.question(q).and_then(|x| x.pattern_hint.as_ref()) {
            msg = format!("{msg}（{}）", pick(h, lang));
        }
    }
    match t.question(q) {
        Some(x) => format!("{}{}{msg}", x.label(lang), t_sep(lang)),
        None => msg,
    }
}

fn t_sep(lang: Lang) -> &'static str {
    if lang == Lang::En {
        ": "
    } else {
        "："
    }
}

/// On a new template or key: looks for a draft to offer.
#[hook]
fn use_draft_offer(
    state: &UseReducerHandle<FormState>,
    template: &Rc<Option<Rc<Template>>>,
    key: Option<&str>,
    props: &SelfInspectionProps,
) {
    let d = state.dispatcher();
    let tkey = template.as_ref().as_ref().map(|t| storage_key(t, key));
    let readonly = props.readonly;
    let on_emit = props.on_emit.clone();
    use_effect_with(tkey, move |k| {
        use crate::common::{read_kept, unreadable_event, Kept};
        if let (Some(k), false) = (k, readonly) {
            match read_kept(k, |text| serde_json::from_str::<Draft>(text).ok()) {
                Kept::Found(draft) if !draft.answers.is_empty() || !draft.findings.is_empty() => {
                    d.dispatch(Msg::Storage(Storage::Offer(Rc::new(draft))))
                }
                Kept::Found(_) | Kept::Nothing => {}
                Kept::Unreadable { kept_as } => {
                    unreadable_event(k, &kept_as).send(&on_emit);
                    d.dispatch(Msg::Storage(Storage::Unreadable(kept_as)))
                }
                Kept::Failed(e) => d.dispatch(Msg::Storage(Storage::Failed(e))),
            }
        }
    });
}

/// Autosave and yj-change on every change the user makes, once the change is on
/// screen: both read the whole draft, which the user should not wait on. Changes made
/// within one frame are saved once, with the last of them; a save still waiting when
/// the page is left is made at once. Once submitted, a save still waiting for its
/// frame must not bring the draft back.
#[hook]
fn use_autosave(
    state: &UseReducerHandle<FormState>,
    template: &Rc<Option<Rc<Template>>>,
    key: Option<&str>,
    props: &SelfInspectionProps,
) {
    let saver = crate::common::use_draft_saver();
    {
        let d = state.dispatcher();
        let st = (*state).clone();
        let template = template.clone();
        let on_emit = props.on_emit.clone();
        let key = key.map(str::to_string);
        let saver = saver.clone();
        use_effect_with(state.revision, move |rev| {
            if *rev == 0 || matches!(st.step, Step::Receipt(_)) {
                return;
            }
            let save = move || {
                let t = template.as_ref().as_ref();
                save_and_emit(t, &st, key.as_deref(), &on_emit, &d)
            };
            saver.after_paint(u64::from(*rev), Box::new(save));
        });
    }

    {
        let submitted = matches!(state.step, Step::Receipt(_));
        use_effect_with(submitted, move |submitted| {
            if *submitted {
                saver.cancel();
            }
        });
    }
}

/// Moves focus where the last action asked.
#[hook]
fn use_pending_focus(state: &UseReducerHandle<FormState>, root: &NodeRef, prefix: &Rc<String>) {
    let d = state.dispatcher();
    let root = root.clone();
    let prefix = prefix.clone();
    use_effect_with(state.pending_focus.clone(), move |f| {
        let Some(f) = f.clone() else {
            return;
        };
        let find = move || {
            root.cast::<web_sys::Element>()
                .and_then(|r| r.query_selector(&format!("#{prefix}-{f}")).ok().flatten())
        };
        let focus = |el: web_sys::Element| {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        };
        match find() {
            Some(el) => {
                focus(el);
                d.dispatch(Msg::Focused);
            }
            // Inside a question component that has not redrawn yet (a new group
            // row): try again once the scheduler is done.
            None => yew::platform::spawn_local(async move {
                crate::common::next_task().await;
                if let Some(el) = find() {
                    focus(el);
                }
                d.dispatch(Msg::Focused);
            }),
        }
    });
}

#[function_component(SelfInspection)]
pub fn self_inspection(props: &SelfInspectionProps) -> Html {
    let lang = props.lang;
    let prefix = crate::common::use_id_prefix("yj-si");
    let template = use_template(props.template.clone(), props.template_id.clone());
    let state = {
        let (v, t) = (props.value.clone(), template.clone());
        use_reducer(move || {
            let mut s = FormState::new(crate::common::now_cst_timestamp());
            if let Some(v) = v {
                s.draft = draft_from_value((*t).as_deref(), &v);
            }
            s
        })
    };
    let root = use_node_ref();
    let key = props.storage_key.as_deref().map(str::to_string);

    // The host replaces the value: start from it.
    {
        let (d, t) = (state.dispatcher(), template.clone());
        crate::common::use_host_value(props.value.clone(), move |v| {
            d.dispatch(Msg::Replace(draft_from_value((*t).as_deref(), v)))
        });
    }

    use_draft_offer(&state, &template, key.as_deref(), props);
    use_autosave(&state, &template, key.as_deref(), props);
    use_pending_focus(&state, &root, &prefix);

    let wrap = |body: Html| {
        html! { <div class="yj-widget yj-si" lang={lang.tag()} ref={root.clone()}>{ body }</div> }
    };

    if let Some(errs) = &props.template_errors {
        return wrap(template_error_panel(errs, lang));
    }
    let Some(t) = template.as_ref().clone() else {
        let e = FieldError::new("$.template", "requirements.no_template")
            .with("name", props.template_id.as_deref().unwrap_or(""));
        return wrap(template_error_panel(&[e], lang));
    };

    if props.readonly {
        return wrap(readonly_view(&t, props.value.as_deref(), lang, &prefix));
    }

    state.live.sync(&t, &state.draft, crate::common::today());
    let Some(synced) = state.live.get() else {
        return wrap(html! {});
    };
    let live = &synced.live;
    let dispatch = state.dispatcher();
    let shared = fields::Shared {
        lang,
        prefix: prefix.clone(),
        template: t.clone(),
        state: Rc::new((*state).clone()),
        dispatch: dispatch.clone(),
    };
    let no_errors = BTreeMap::new();
    let ctx = shared.ctx(live.evaluation(), &no_errors);

    let header = html! {
        <header class="yj-si__header">
            <h2 class="yj-si__title">{ t.title(lang) }</h2>
            if t.sample { <p><span class="yj-sample-notice">{ crate::common::t(lang, "si.sample") }</span></p> }
            if let Some(d) = &t.description { <p class="yj-si__description">{ pick(d, lang) }</p> }
        </header>
    };

    let body = match &state.step {
        Step::Section(i) => section_view(
            &shared,
            (*i).min(t.sections.len().saturating_sub(1)),
            &synced,
        ),
        Step::Review => {
            let all = errors_in(&t, &state, live, None);
            review_view(&ctx, &shared.template, &all, props, key.as_deref())
        }
        Step::Receipt(s) => receipt_view(&t, s, lang, &prefix),
    };
    wrap(html! {
        <>
            { header }
            { storage_banner(&state.storage, lang, &dispatch, &prefix) }
            { body }
        </>
    })
}

/// Emits `form.change` with the submittable answers and saves the draft (then
/// `form.draft_saved`, or the storage failure shown in the form).
fn save_and_emit(
    template: Option<&Rc<Template>>,
    st: &FormState,
    key: Option<&str>,
    on_emit: &Callback<Value>,
    d: &UseReducerDispatcher<FormState>,
) {
    let Some(t) = template else {
        return;
    };
    let (answers, findings) = submittable(t, &st.draft.answers, &st.draft.findings);
    let progress = evaluate(t, &answers).progress;
    Emitted::FormChange {
        template: TemplateRef {
            id: t.id.clone(),
            version: t.version.clone(),
        },
        answers: json_of(&answers),
        findings: json_of(&findings),
        progress: json_of(&progress),
    }
    .send(on_emit);
    if matches!(st.storage, Storage::Offer(_)) {
        return;
    }
    let mut draft = st.draft.clone();
    draft.saved_at = crate::common::now_cst_timestamp();
    let k = storage_key(t, key);
    let text = serde_json::to_string(&draft).unwrap_or_default();
    match crate::common::store_set(&k, &text) {
        Ok(()) => {
            Emitted::FormDraftSaved {
                storage_key: k.clone(),
                saved_at: draft.saved_at.clone(),
            }
            .send(on_emit);
            d.dispatch(Msg::Storage(Storage::Saved(draft.saved_at)));
        }
        Err(e) => d.dispatch(Msg::Storage(Storage::Failed(e))),
    }
}

fn storage_banner(
    s: &Storage,
    lang: Lang,
    d: &UseReducerDispatcher<FormState>,
    prefix: &str,
) -> Html {
    match s {
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
            <p class="yj-si__storage yj-si__storage--failed" role="alert">{ tf(lang, "draft.unreadable", &[("key", kept_as)]) }</p>
        },
        Storage::Saved(at) => html! {
            <p class="yj-si__storage" role="status">{ tf(lang, "si.saved", &[("time", &at.chars().skip(11).take(5).collect::<String>())]) }</p>
        },
        Storage::Idle => html! { <p class="yj-si__storage" role="status"></p> },
    }
}

fn progress_bar(lang: Lang, answered: usize, required: usize, prefix: &str) -> Html {
    let label_id = format!("{prefix}-progress-label");
    html! {
        <div class="yj-si__progress">
            <span id={label_id.clone()}>{ tf(lang, "si.progress", &[("answered", &answered.to_string()), ("required", &required.to_string())]) }</span>
            <progress max={required.max(1).to_string()} value={answered.to_string()} aria-labelledby={label_id}></progress>
        </div>
    }
}

fn summary_box(ctx: &Ctx, errs: &[&FieldError], on_review: bool) -> Html {
    if errs.is_empty() || ctx.state.submit_errors.is_empty() {
        return html! {};
    }
    let items = errs.iter().map(|e| {
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

fn section_view(shared: &fields::Shared, i: usize, synced: &state::Synced) -> Html {
    let live = &synced.live;
    let no_errors = BTreeMap::new();
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
        qs.sort();
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
        let st = &ctx.ev.sections[*s];
        let d = ctx.dispatch.clone();
        let s = *s;
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Msg::Goto(Step::Section(s), None)));
        let current = s == i;
        let done = st.progress.answered == st.progress.required;
        html! {
            <li class={classes!("yj-si__nav-item", current.then_some("is-current"), done.then_some("is-done"))}>
                <button type="button" class="yj-si__nav-button" aria-current={current.then_some("step")} {onclick}>
                    <span class="yj-si__nav-title">{ pick(&t.sections[s].title, lang) }</span>
                    <span class="yj-si__nav-count">{ tf(lang, "si.section_progress", &[("answered", &st.progress.answered.to_string()), ("required", &st.progress.required.to_string())]) }</span>
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
fn answers_list(
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

fn t_str(lang: Lang, key: &str) -> String {
    t(lang, key)
}

fn review_view(
    ctx: &Ctx,
    template: &Rc<Template>,
    all_errors: &[FieldError],
    props: &SelfInspectionProps,
    key: Option<&str>,
) -> Html {
    let t = ctx.template;
    let lang = ctx.lang;
    let errs: Vec<&FieldError> = all_errors.iter().collect();
    let on_submit = {
        let d = ctx.dispatch.clone();
        let tpl = template.clone();
        let draft = ctx.state.draft.clone();
        let on_emit = props.on_emit.clone();
        let key = key.map(str::to_string);
        let typed_errors = !ctx.state.input_errors.is_empty() && !all_errors.is_empty();
        let all: Vec<FieldError> = all_errors.to_vec();
        Callback::from(move |_: MouseEvent| {
            if typed_errors {
                return d.dispatch(Msg::SubmitFailed(all.clone()));
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
                    Emitted::FormSubmit {
                        submission: json_of(&s),
                    }
                    .send(&on_emit);
                    if let Ok(st) = crate::common::local_storage() {
                        let _ = st.remove_item(&storage_key(&tpl, key.as_deref()));
                    }
                    d.dispatch(Msg::Submitted(Rc::new(s)));
                }
                Err(e) => d.dispatch(Msg::SubmitFailed(e)),
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
                <button type="button" class="yj-button" id={ctx.id("submit")} onclick={on_submit}>{ t_str(lang, "si.submit") }</button>
            </div>
        </>
    }
}

fn receipt_view(t: &Template, s: &Submission, lang: Lang, prefix: &str) -> Html {
    let ev = evaluate(t, &s.answers);
    let print = Callback::from(|_: MouseEvent| print_page());
    html! {
        <>
            <div class="yj-si__receipt" role="status">
                <h3 class="yj-si__receipt-title" id={format!("{prefix}-heading")} tabindex="-1">{ t_str(lang, "si.receipt_title") }</h3>
                <p class="yj-si__reference">{ t_str(lang, "si.reference") }<strong class="yj-si__reference-number">{ s.reference.clone() }</strong></p>
                <p>{ tf(lang, "si.submitted_at", &[("time", &s.submitted_at.replace('T', " ").replace("+08:00", " (UTC+8)"))]) }</p>
                <p>{ tf(lang, "si.receipt_findings", &[("count", &s.findings.len().to_string())]) }</p>
            </div>
            <div class="yj-button-row yj-si__no-print">
                <button type="button" class="yj-button yj-button--secondary" onclick={print}>{ t_str(lang, "si.print") }</button>
            </div>
            <h3 class="yj-si__section-title">{ t_str(lang, "si.your_answers") }</h3>
            { answers_list(t, &s.answers, &s.findings, &ev, lang, None) }
        </>
    }
}

fn readonly_view(t: &Template, value: Option<&Value>, lang: Lang, prefix: &str) -> Html {
    let Some(v) = value else {
        return html! { <p class="yj-si__empty">{ t_str(lang, "si.readonly_empty") }</p> };
    };
    match check_submission(t, v.clone(), crate::common::today()) {
        Ok(s) => receipt_view(t, &s, lang, prefix),
        Err(errs) => html! {
            <div class="yj-error-summary" role="alert">
                <h2 class="yj-error-summary__title">{ t_str(lang, "si.submission_invalid") }</h2>
                <ul>{ for errs.iter().map(|e| html! { <li><code>{ e.path.clone() }</code>{ " " }{ e.message(lang) }</li> }) }</ul>
            </div>
        },
    }
}
