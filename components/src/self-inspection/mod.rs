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
mod outbox;
mod person;
mod state;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
mod views;

use crate::common::events::{json_of, Emitted, TemplateRef};
use crate::common::properties::{template_error_panel, use_late_check};
use crate::common::server::{Person, ServerTemplate};
use crate::common::{print_page, t, tf};
use fields::Ctx;
use serde_json::Value;
use state::{Draft, FormState, Msg, Step, Storage};
use yaojian::sorted::SortedMap;
use std::rc::Rc;
use views::{readonly_view, receipt_view, review_view, section_view, storage_banner, Receipt};
use yaojian::form::answers::{
    check_held_submission, display, evaluate, question_of_path, submit, submittable, Evaluation,
    Findings, ReferenceStatus, Submission,
};
use yaojian::form::field::FieldRef;
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
    /// A built-in template id (default: the personal self-inspection); with an endpoint,
    /// the id of a template published on the server.
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
    /// `value` came before its built-in template's file: checked once the file is here.
    #[prop_or_default]
    pub value_waits: bool,
    /// `yaojian-server` (`endpoint`, `auth`, `token`); without an endpoint the widget
    /// stays in the page.
    #[prop_or_default]
    pub server: crate::common::server::ServerSettings,
}

/// Where one respondent's draft and queued filing are kept: the host's `storage-key`
/// and, when a token names a person, that person (the token's `sub`). People who share
/// a browser never see each other's; without a token, only the `storage-key` counts.
fn slot(key: Option<&str>, person: Option<&Person>) -> String {
    let key = key.unwrap_or("default");
    match person {
        Some(p) => format!("{key}:by:{}", p.sub),
        None => key.to_string(),
    }
}

fn storage_key(t: &Template, slot: &str) -> String {
    format!("yaojian:form:{}:{}:{slot}", t.id, t.version)
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
            yaojian::form::answers::read_findings(&v["findings"], "$.findings").unwrap_or_default(),
        )
    });
    Draft {
        answers,
        findings,
        started_at: crate::common::now_cst_timestamp(),
        ..Draft::default()
    }
}

/// Checks the host's `value` once its built-in template's file is here (it was taken
/// as it was: `spec::check_value`). Read then as any value is; refused, the host hears
/// it as it would have at once (`yj-error` `value.invalid`) and the form starts blank.
#[hook]
fn use_late_value_check(
    props: &SelfInspectionProps,
    template: &Rc<Option<Rc<Template>>>,
    d: &UseReducerDispatcher<FormState>,
) {
    let (on_emit, lang, d, t) = (props.on_emit.clone(), props.lang, d.clone(), template.clone());
    let waiting = props.value.clone().filter(|_| props.value_waits);
    use_late_check(waiting, template.is_some(), move |v| {
        let Some(t) = t.as_ref() else {
            return;
        };
        match yaojian::form::draft::check_draft(t, v) {
            Ok(_) => d.dispatch(Msg::Replace(draft_from_value(Some(t), v))),
            Err(e) => {
                on_emit.emit(crate::common::events::refusal("property", "value", &e, lang));
                d.dispatch(Msg::Replace(draft_from_value(None, &Value::Null)));
            }
        }
    });
}

/// JSON path → element id suffix (see `fields`): an attestation's name and date and a
/// finding's parts have controls of their own, a group's own error is shown at its add
/// button, anything else at its question.
fn field_id(t: &Template, path: &str) -> String {
    let Some(f) = FieldRef::parse(path) else {
        return path.to_string();
    };
    let kind = t.question(f.question()).map(|x| x.kind);
    match (&f, kind) {
        (FieldRef::Finding { .. } | FieldRef::Cell { .. }, _) => f.dom_suffix(),
        (FieldRef::Part { part, .. }, Some(Kind::Attestation)) if part == "name" || part == "date" => {
            f.dom_suffix()
        }
        (FieldRef::Answer(q), Some(Kind::Group)) => format!("{q}-add"),
        _ => f.question().to_string(),
    }
}

fn section_of(t: &Template, path: &str) -> Option<usize> {
    t.position(question_of_path(path)?).map(|(s, _)| s)
}

/// A field key (`q` or `group.row.column`) as the JSON path the engine reports.
fn key_path(k: &str) -> String {
    FieldRef::from_key(k).path()
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
        .partition(|e| !state::is_finding(&e.path));
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
        let finding = state::is_finding(&e.path);
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
            msg = format!("{msg}{}", yaojian::i18n::bracketed(&pick(h, lang), lang));
        }
    }
    match t.question(q) {
        Some(x) => format!("{}{}{msg}", x.label(lang), yaojian::i18n::label_separator(lang)),
        None => msg,
    }
}

/// On a new template or key: looks for a draft to offer.
#[hook]
fn use_draft_offer(
    state: &UseReducerHandle<FormState>,
    template: &Rc<Option<Rc<Template>>>,
    slot: &str,
    props: &SelfInspectionProps,
) {
    let d = state.dispatcher();
    let tkey = template.as_ref().as_ref().map(|t| storage_key(t, slot));
    let readonly = props.readonly;
    let on_emit = props.on_emit.clone();
    use_effect_with(tkey, move |k| {
        use crate::common::{read_kept, unreadable_event, Kept};
        if let (Some(k), false) = (k, readonly) {
            match read_kept(k, Draft::read) {
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
    slot: &str,
    props: &SelfInspectionProps,
) {
    let saver = crate::common::use_draft_saver();
    {
        let d = state.dispatcher();
        let st = (*state).clone();
        let template = template.clone();
        let on_emit = props.on_emit.clone();
        let slot = slot.to_string();
        let saver = saver.clone();
        use_effect_with(state.revision, move |rev| {
            if *rev == 0 || matches!(st.step, Step::Receipt(_)) {
                return;
            }
            let save = move || {
                let t = template.as_ref().as_ref();
                save_and_emit(t, &st, &slot, &on_emit, &d)
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

/// Where filings go: the endpoint, the template and whose slot they are kept in.
struct SendTo<'a> {
    endpoint: &'a crate::common::server::Endpoint,
    template: &'a Template,
    slot: &'a str,
}

/// The sender of this form's filings. A filing made before anyone signed in is kept
/// without a person and taken over by the person who then signs in (`signed_in`).
fn sender_for(
    props: &SelfInspectionProps,
    to: SendTo,
    signed_in: bool,
    state: &UseReducerHandle<FormState>,
) -> outbox::Sender {
    let key = props.storage_key.as_deref();
    outbox::Sender {
        endpoint: to.endpoint.clone(),
        lang: props.lang,
        outbox_key: outbox::outbox_key(to.template, to.slot),
        adopt_from: signed_in.then(|| outbox::outbox_key(to.template, &slot(key, None))),
        needs_token: !props.server.auth_cookie,
        on_emit: props.on_emit.clone(),
        dispatch: state.dispatcher(),
    }
}

/// The template to show, or what to show instead: the host's template errors, the
/// server's template loading or refused, or no template by that id.
fn template_or_why(
    props: &SelfInspectionProps,
    from_server: &ServerTemplate,
    built_in_on_its_way: bool,
    template: &Option<Rc<Template>>,
) -> Result<Rc<Template>, Html> {
    let lang = props.lang;
    if let Some(errs) = &props.template_errors {
        return Err(template_error_panel(errs, lang));
    }
    match from_server {
        ServerTemplate::Loading => {
            return Err(html! { <p class="yj-si__loading" role="status">{ t(lang, "si.loading_template") }</p> })
        }
        ServerTemplate::Failed(errs) => return Err(template_error_panel(errs, lang)),
        _ if built_in_on_its_way => {
            return Err(html! { <p class="yj-si__loading" role="status">{ t(lang, "si.loading_built_in") }</p> })
        }
        _ => {}
    }
    template.clone().ok_or_else(|| {
        let e = FieldError::new("$.template", "requirements.no_template")
            .with("name", props.template_id.as_deref().unwrap_or(""));
        template_error_panel(&[e], lang)
    })
}

/// The title, the sample notice, the description and, when the signed-in person may
/// not file this template, why.
fn header_view(t: &Template, lang: Lang, not_a_filer: Option<&FieldError>) -> Html {
    html! {
        <header class="yj-si__header">
            <h2 class="yj-si__title">{ t.title(lang) }</h2>
            if t.sample { <p><span class="yj-sample-notice">{ crate::common::t(lang, "common.sample") }</span></p> }
            if let Some(d) = &t.description { <p class="yj-si__description">{ pick(d, lang) }</p> }
            if let Some(e) = not_a_filer { <p class="yj-si__not-filer">{ e.message(lang) }</p> }
        </header>
    }
}

#[function_component(SelfInspection)]
pub fn self_inspection(props: &SelfInspectionProps) -> Html {
    let lang = props.lang;
    let prefix = crate::common::use_id_prefix("yj-si");
    let server = props.server.endpoint();
    // The server's copy of the template, unless the host gave one.
    let crate::common::server::FormTemplate { from_server, template, built_in_on_its_way } =
        crate::common::server::use_form_template(
            server.clone(),
            props.template.clone(),
            props.template_id.clone(),
            lang,
            &props.on_emit,
        );
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
    // Read from the token once per token, not on every keystroke's render.
    let person = use_memo(props.server.token.clone(), |token| {
        token.as_deref().and_then(crate::common::server::person_of_token)
    });
    let person = (*person).clone().filter(|_| server.is_some());
    let slot = slot(key.as_deref(), person.as_ref());

    // The host replaces the value: start from it.
    {
        let (d, t) = (state.dispatcher(), template.clone());
        crate::common::use_host_value(props.value.clone(), move |v| {
            d.dispatch(Msg::Replace(draft_from_value((*t).as_deref(), v)))
        });
    }

    use_late_value_check(props, &template, &state.dispatcher());
    // Before the draft offer: a new person's form starts afresh, then their draft is offered.
    person::use_person_change(&state, person.as_ref(), template.as_ref().as_deref(), key.as_deref());
    use_draft_offer(&state, &template, &slot, props);
    use_autosave(&state, &template, &slot, props);
    use_pending_focus(&state, &root, &prefix);
    let sender = match (&server, template.as_ref()) {
        (Some(endpoint), Some(t)) if !props.readonly => {
            let (to, from) = (SendTo { endpoint, template: t, slot: &slot }, person.is_some());
            Some(sender_for(props, to, from, &state))
        }
        _ => None,
    };
    outbox::use_outbox(&state, sender.clone());

    let wrap = |body: Html| {
        html! { <div class="yj-widget yj-si" lang={lang.tag()} ref={root.clone()}>{ body }</div> }
    };

    let t = match template_or_why(props, &from_server, built_in_on_its_way, template.as_ref()) {
        Ok(t) => t,
        Err(why) => return wrap(why),
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
    let no_errors = SortedMap::new();
    let ctx = shared.ctx(live.evaluation(), &no_errors);

    let not_a_filer = person
        .as_ref()
        .and_then(|p| p.role.as_deref())
        .and_then(|role| t.check_filer(role, lang).err());
    let header = header_view(&t, lang, not_a_filer.as_ref());

    let body = match &state.step {
        Step::Section(i) => section_view(
            &shared,
            (*i).min(t.sections.len().saturating_sub(1)),
            &synced,
        ),
        Step::Review => {
            let all = errors_in(&t, &state, live, None);
            let whose = views::Whose {
                key: key.as_deref(),
                slot: &slot,
                not_a_filer: not_a_filer.as_ref(),
            };
            review_view(&ctx, &shared.template, &all, props, whose, sender.as_ref())
        }
        Step::Receipt(s) => {
            let how = if sender.is_some() { Receipt::Filed } else { Receipt::LocalOnly };
            receipt_view(&t, s, lang, &prefix, how)
        }
    };
    wrap(html! {
        <>
            { header }
            { storage_banner(&state.storage, lang, &dispatch, &prefix, matches!(state.step, Step::Receipt(_))) }
            { views::sending_view(&state.sending, sender.as_ref(), lang, &prefix) }
            { body }
        </>
    })
}

/// Emits `form.change` with the submittable answers and saves the draft (then
/// `form.draft_saved`, or the storage failure shown in the form).
fn save_and_emit(
    template: Option<&Rc<Template>>,
    st: &FormState,
    slot: &str,
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
    let k = storage_key(t, slot);
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
