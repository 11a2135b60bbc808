//! 办事指南自检 widget: situation questions first, then the requirements that apply,
//! updating live; tick what you have; a summary, the printable list of what is missing,
//! and the result emitted as JSON. The engine (`yaojian::requirements`) decides what
//! applies and what is missing; this file only renders.

mod spec;

use crate::common::events::{json_of, Emitted};
use crate::common::{print_page, t, tf, use_host_value, use_id_prefix, Field, Ids};
use serde_json::{json, Map, Value};
use std::rc::Rc;
use yaojian::penalty;
use yaojian::requirements::{
    self as rq, CheckResult, ItemResult, QuestionKind, RequirementKind, Status, Template,
};
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct RequirementsProps {
    #[prop_or_default]
    pub lang: Lang,
    #[prop_or_default]
    pub on_emit: Callback<Value>,
    /// A bureau's own template in place of the built-in ones.
    #[prop_or_default]
    pub template: Option<Rc<Template>>,
    /// `{"template": id, "answers": {...}, "have": [...]}` to start from.
    #[prop_or_default]
    pub value: Option<Rc<Value>>,
    /// The penalty benchmark whose no-penalty list the 不予处罚 template uses, as the host
    /// gave it: read once the penalty data it is checked against is there.
    #[prop_or_default]
    pub benchmark: Option<Rc<Value>>,
    /// `benchmark` as read when the host set it, if the penalty data was there then (so
    /// it is read once).
    #[prop_or_default]
    pub benchmark_read: Option<Rc<penalty::Benchmark>>,
}

/// What the user has chosen, answered and ticked (everything: the engine reads only
/// what fits the template).
#[derive(Clone, PartialEq, Default)]
pub struct State {
    /// The built-in template chosen; `None`: the engine's default ([`rq::chosen_id`]).
    template_id: Option<String>,
    answers: Map<String, Value>,
    have: Vec<String>,
}

impl State {
    fn from_value(v: &Value) -> State {
        State {
            template_id: template_named(v),
            answers: v["answers"].as_object().cloned().unwrap_or_default(),
            have: v["have"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// The built-in template a value names (`template`; none, or an empty one, leaves the
/// choice to the engine).
fn template_named(v: &Value) -> Option<String> {
    v["template"].as_str().filter(|id| !id.is_empty()).map(str::to_string)
}

/// The host's benchmark: as read when it was set, or read once the penalty data it is
/// checked against is there (`ready`); one that does not read is refused then (`yj-error`
/// `benchmark.invalid`), as it would have been at once, and the default is used.
#[hook]
fn use_host_benchmark(props: &RequirementsProps, ready: bool) -> Option<Rc<penalty::Benchmark>> {
    let set = (props.benchmark.clone(), props.benchmark_read.clone());
    let read = use_memo((set, ready), |((v, read), ready)| match (v, read) {
        (_, Some(b)) => Some(Ok(b.clone())),
        (Some(v), None) if *ready => {
            Some(penalty::Benchmark::from_value((**v).clone(), "$").map(Rc::new))
        }
        _ => None,
    });
    let (on_emit, lang, read_now) = (props.on_emit.clone(), props.lang, read.clone());
    use_effect_with((props.benchmark.clone(), ready), move |_| {
        if let Some(Err(e)) = read_now.as_ref() {
            on_emit.emit(crate::common::events::refusal("property", "benchmark", e, lang));
        }
    });
    read.as_ref().as_ref().and_then(|r| r.as_ref().ok().cloned())
}

/// What the user does to the state.
pub enum Action {
    /// A value from the host.
    Load(State),
    /// Another built-in template: start again.
    Template(Option<String>),
    Answer(String, Value),
    /// A requirement ticked as met, or not.
    Have(String, bool),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Load(next) => s = next,
            Action::Template(template_id) => {
                s = State {
                    template_id,
                    ..State::default()
                }
            }
            Action::Answer(q, v) => {
                s.answers.insert(q, v);
            }
            Action::Have(id, on) => {
                s.have.retain(|x| x != &id);
                if on {
                    s.have.push(id);
                }
            }
        }
        Rc::new(s)
    }
}

/// Tells the host of every new result.
#[hook]
fn use_emit_result(on_emit: &Callback<Value>, result: &Option<CheckResult>, state: &State) {
    let (on_emit, s) = (on_emit.clone(), state.clone());
    use_effect_with(
        (result.clone(), s.answers.clone(), s.have.clone()),
        move |(result, _, _)| {
            if let Some(r) = result {
                Emitted::RequirementsResult {
                    template: r.template.clone(),
                    answers: json_of(&s.answers),
                    have: json_of(&s.have),
                    result: json_of(r),
                }
                .send(&on_emit);
            }
        },
    );
}

/// Checks the host's `value` again once its template is there: one naming a built-in
/// template not yet fetched was taken as it was (`rq::check_start`). Refused then, the
/// host hears it as it would have at once (`yj-error` `value.invalid`), and the checker
/// shows that template blank.
#[hook]
fn use_late_value_check(
    props: &RequirementsProps,
    template: &Option<Rc<Template>>,
    benchmark: &Option<Rc<penalty::Benchmark>>,
    d: &UseReducerDispatcher<State>,
) {
    let (p, b, d) = (props.clone(), benchmark.clone(), d.clone());
    // Ready once its template's files are here too (not just the template shown).
    let ready = template.is_some()
        && props.value.as_deref().is_some_and(|v| {
            props.template.is_some() || rq::files_wanted(rq::chosen_id(template_named(v).as_deref())).is_empty()
        });
    crate::common::properties::use_late_check(props.value.clone(), ready, move |v| {
        if let Err(e) = rq::check_start(v, p.template.as_deref(), b.as_deref()) {
            p.on_emit.emit(crate::common::events::refusal("property", "value", &e, p.lang));
            d.dispatch(Action::Template(template_named(v)));
        }
    });
}

/// The data files the checker waits for (asked for, and drawn again when installed):
/// the penalty data when the host gave a benchmark, and what the template chosen needs
/// (its file; the penalty data for the 不予处罚 one). And whether the template waits.
fn files_wanted(props: &RequirementsProps, chosen: &str) -> (Vec<String>, bool) {
    let for_benchmark = match props.benchmark {
        Some(_) => penalty::data::files_wanted(),
        None => Vec::new(),
    };
    let for_template = match props.template {
        Some(_) => Vec::new(),
        None => rq::files_wanted(chosen),
    };
    let waits = !for_template.is_empty();
    // Both may name the penalty data (the 不予处罚 template is built from it):
    // use_data_wanted asks for each file once.
    ([for_benchmark, for_template].concat(), waits)
}

#[function_component(Requirements)]
pub fn requirements(props: &RequirementsProps) -> Html {
    let lang = props.lang;
    let ids = Ids(use_id_prefix("yj-rq"));
    let state = {
        let v = props.value.clone();
        use_reducer(move || v.map(|v| State::from_value(&v)).unwrap_or_default())
    };
    let d = state.dispatcher();
    {
        let d = d.clone();
        use_host_value(props.value.clone(), move |v| {
            d.dispatch(Action::Load(State::from_value(v)))
        });
    }
    let chosen = rq::chosen_id(state.template_id.as_deref());
    let (wanted, loading) = files_wanted(props, chosen);
    let benchmark = use_host_benchmark(props, penalty::data::files_wanted().is_empty());
    let template = match &props.template {
        Some(t) => Some(t.clone()),
        None if loading => None,
        None => rq::built_in(chosen, benchmark.as_deref()).map(Rc::new),
    };
    crate::common::data::use_data_wanted(wanted, &props.on_emit);
    use_late_value_check(props, &template, &benchmark, &d);
    let result: Option<CheckResult> = template.as_ref().map(|tp| {
        // The state keeps everything; the engine reads only what fits the template.
        let (input, _) =
            rq::Input::lenient(&json!({ "answers": state.answers, "have": state.have }), tp);
        rq::check(tp, &input, lang)
    });
    use_emit_result(&props.on_emit, &result, &state);
    let Some(tp) = template else {
        let (key, role) = if loading { ("rq.loading", "status") } else { ("rq.no_template", "alert") };
        return html! { <div class="yj-widget yj-rq"><p {role}>{ t(lang, key) }</p></div> };
    };
    let result = result.unwrap_or_else(|| rq::check(&tp, &rq::Input::default(), lang));
    let pick = |x: &penalty::rules::I18nText| penalty::rules::pick(x, lang);
    let on_template = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let id = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            d.dispatch(Action::Template(Some(id)))
        })
    };
    html! {
        <div class="yj-widget yj-rq" lang={lang.tag()}>
            if props.template.is_none() {
                <div class="yj-field yj-no-print">
                    <label class="yj-label" for={ids.id("template")}>{ t(lang, "rq.template") }</label>
                    <select class="yj-select" id={ids.id("template")} onchange={on_template}>
                        { for rq::built_in_ids().into_iter().map(|id| html! {
                            <option value={id} selected={id == tp.id}>{ t(lang, &format!("rq.template.{id}")) }</option>
                        }) }
                    </select>
                </div>
            }
            <h3 class="yj-rq__title">{ pick(&tp.title) }</h3>
            <p>{ pick(&tp.description) }</p>
            if let Some(n) = &tp.notes { <p class="yj-sample-notice">{ pick(n) }</p> }
            <fieldset class="yj-rq__section yj-no-print">
                <legend class="yj-rq__legend">{ t(lang, "rq.step1") }</legend>
                { for tp.questions.iter().map(|q| question_view(q, &state, &ids, lang, &d)) }
            </fieldset>
            { items_section(&result, &ids, lang, &d) }
            { missing_section(&result, &ids, lang) }
        </div>
    }
}

/// One situation question, as radio buttons.
fn question_view(
    q: &rq::Question,
    state: &State,
    ids: &Ids,
    lang: Lang,
    d: &UseReducerDispatcher<State>,
) -> Html {
    let pick = |x: &penalty::rules::I18nText| penalty::rules::pick(x, lang);
    let options: Vec<(Value, String)> = match q.kind {
        QuestionKind::YesNo => vec![
            (json!(true), t(lang, "rq.yes")),
            (json!(false), t(lang, "rq.no")),
        ],
        QuestionKind::SingleChoice => q
            .options
            .iter()
            .map(|o| (json!(o.value), pick(&o.label)))
            .collect(),
    };
    let current = state.answers.get(&q.id);
    let field = Field::new(ids.id(&q.id), pick(&q.label))
        .hint(q.help.as_ref().map(pick))
        .class("yj-rq__question");
    field.group(lang, html! {
        <>
            { for options.into_iter().enumerate().map(|(i, (v, label))| {
                let id = ids.id(&format!("{}-{i}", q.id));
                let checked = current == Some(&v);
                let (d, qid) = (d.clone(), q.id.clone());
                let onchange = Callback::from(move |_: Event| d.dispatch(Action::Answer(qid.clone(), v.clone())));
                html! {
                    <div class="yj-checkbox">
                        <input type="radio" id={id.clone()} name={ids.id(&q.id)} {checked} {onchange} />
                        <label for={id}>{ label }</label>
                    </div>
                }
            }) }
        </>
    })
}

/// Step two: the summary and the requirements that apply, to tick.
fn items_section(
    result: &CheckResult,
    ids: &Ids,
    lang: Lang,
    d: &UseReducerDispatcher<State>,
) -> Html {
    let with = |ok: fn(Status) -> bool| -> Vec<&ItemResult> {
        result.items.iter().filter(|i| ok(i.status)).collect()
    };
    let to_read = with(|s| s == Status::ToRead);
    let applicable = with(|s| matches!(s, Status::Met | Status::Missing));
    let not_applicable = with(|s| s == Status::NotApplicable);
    let s = &result.summary;
    let tick = {
        let d = d.clone();
        Callback::from(move |(id, on): (String, bool)| d.dispatch(Action::Have(id, on)))
    };
    html! {
        <section class="yj-rq__section" aria-labelledby={ids.id("list-title")}>
            <h3 id={ids.id("list-title")} class="yj-rq__legend">{ t(lang, "rq.step2") }</h3>
            <p class="yj-rq__summary" role="status" data-testid="rq-summary">
                { tf(lang, "rq.summary", &[("met", &s.met.to_string()), ("missing", &s.missing.to_string()), ("na", &s.not_applicable.to_string())]) }
            </p>
            if !result.unanswered.is_empty() {
                <p class="yj-hint">{ t(lang, "rq.unanswered") }</p>
            }
            if !to_read.is_empty() {
                <h4 class="yj-rq__subhead">{ t(lang, "rq.notes_title") }</h4>
                <ul class="yj-rq__notes" data-testid="rq-notes">{ for to_read.iter().map(|i| note_view(i, lang)) }</ul>
                <h4 class="yj-rq__subhead">{ t(lang, "rq.to_meet_title") }</h4>
            }
            <ul class="yj-rq__items" data-testid="rq-applicable">
                { for applicable.iter().map(|i| item_view(i, lang, tick.clone(), ids)) }
            </ul>
            if !not_applicable.is_empty() {
                <details class="yj-rq__na yj-no-print">
                    <summary>{ tf(lang, "rq.not_applicable", &[("n", &not_applicable.len().to_string())]) }</summary>
                    <ul>{ for not_applicable.iter().map(|i| html! { <li>{ &i.title }</li> }) }</ul>
                </details>
            }
        </section>
    }
}

/// What is missing, printable.
fn missing_section(result: &CheckResult, ids: &Ids, lang: Lang) -> Html {
    let missing: Vec<&ItemResult> = result
        .items
        .iter()
        .filter(|i| i.status == Status::Missing)
        .collect();
    html! {
        <section class="yj-rq__section yj-rq__missing" aria-labelledby={ids.id("missing-title")}>
            <h3 id={ids.id("missing-title")} class="yj-rq__legend">{ t(lang, "rq.missing_title") }</h3>
            if missing.is_empty() {
                <p data-testid="rq-missing">{ t(lang, "rq.none_missing") }</p>
            } else {
                <ol data-testid="rq-missing">
                    { for missing.iter().map(|i| html! {
                        <li>{ &i.title }
                            if let Some(c) = &i.citation { <span class="yj-hint">{ yaojian::i18n::bracketed(&c.label_in(lang), lang) }</span> }
                        </li>
                    }) }
                </ol>
            }
            <div class="yj-button-row yj-no-print">
                <button type="button" class="yj-button yj-button--secondary" onclick={Callback::from(|_: MouseEvent| print_page())}>{ t(lang, "rq.print") }</button>
            </div>
        </section>
    }
}

/// The statute passage a requirement rests on, folded.
fn basis_view(i: &ItemResult, lang: Lang) -> Html {
    match (&i.citation, &i.basis_text) {
        (Some(c), Some(text)) => html! {
            <details class="yj-rq__basis">
                <summary>{ tf(lang, "common.clause_of", &[("citation", &c.label_in(lang))]) }</summary>
                { crate::common::statute_quote(lang, text, "") }
            </details>
        },
        _ => html! {},
    }
}

/// A note (须知): what the licence applied for is; to read, nothing to tick.
fn note_view(i: &ItemResult, lang: Lang) -> Html {
    html! {
        <li class="yj-rq__note">
            <p class="yj-rq__note-title">{ &i.title }</p>
            <p class="yj-hint">{ &i.explanation }</p>
            if i.sample { <p><span class="yj-sample-notice">{ t(lang, "common.sample_notice") }</span></p> }
            { basis_view(i, lang) }
        </li>
    }
}

fn item_view(i: &ItemResult, lang: Lang, tick: Callback<(String, bool)>, ids: &Ids) -> Html {
    let id = ids.id(&format!("have-{}", i.id));
    let desc = format!("{id}-desc");
    let rid = i.id.clone();
    let onchange = Callback::from(move |e: Event| {
        tick.emit((
            rid.clone(),
            e.target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked(),
        ))
    });
    let kind = match i.kind {
        RequirementKind::Condition => t(lang, "rq.kind.condition"),
        RequirementKind::Material => t(lang, "rq.kind.material"),
        RequirementKind::Note => t(lang, "rq.kind.note"),
    };
    html! {
        <li class={classes!("yj-rq__item", (i.status == Status::Missing).then_some("is-missing"))}>
            <div class="yj-checkbox">
                <input type="checkbox" id={id.clone()} checked={i.status == Status::Met} {onchange} aria-describedby={desc.clone()} />
                <label for={id}>
                    <span class="yj-rq__kind">{ kind }</span>{ &i.title }
                    <span class="yj-rq__status">{ if i.status == Status::Met { t(lang, "rq.status.met") } else { t(lang, "rq.status.missing") } }</span>
                </label>
            </div>
            <div class="yj-rq__detail" id={desc}>
                <p class="yj-hint">{ &i.explanation }</p>
                if i.sample { <p><span class="yj-sample-notice">{ t(lang, "common.sample_notice") }</span></p> }
                { basis_view(i, lang) }
            </div>
        </li>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
