//! One question as HTML: label, hint, error, the input of its kind, and, when the
//! answer raises a finding, the explanation, measure and deadline it requires.
//!
//! The fields are plain functions. Each question is wrapped in [`QuestionView`] and
//! every 50 questions in a [`QuestionBlock`], components whose props carry the versions
//! the engine's incremental evaluation (`yaojian::form::live`) hands out, so a change
//! redraws the questions it touches and compares a few dozen props, not 1,500.

use yaojian::form::field::FieldRef;
use super::state::{AttestField, FindingField, FormState, Msg};
use crate::common::{described_by, error_message, t, Field};
use serde_json::{Map, Value};
use std::collections::HashSet;
use yaojian::sorted::SortedMap;
use std::rc::Rc;
use yaojian::form::answers::{row_state, Evaluation};
use yaojian::form::live::BLOCK;
use yaojian::form::{Kind, Question, Template};
use yaojian::penalty::rules::pick;
use yaojian::Lang;
use yew::prelude::*;

/// What every field needs to render.
pub struct Ctx<'a> {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget instance.
    pub prefix: &'a str,
    pub template: &'a Template,
    pub state: &'a FormState,
    pub ev: &'a Evaluation,
    /// Messages to show, by JSON path.
    pub errors: &'a SortedMap<String, String>,
    pub dispatch: &'a UseReducerDispatcher<FormState>,
}

/// What every field needs, owned, for [`QuestionBlock`] and [`QuestionView`].
#[derive(Clone)]
pub struct Shared {
    pub lang: Lang,
    pub prefix: Rc<String>,
    pub template: Rc<Template>,
    pub state: Rc<FormState>,
    pub dispatch: UseReducerDispatcher<FormState>,
}

impl Shared {
    pub fn ctx<'a>(&'a self, ev: &'a Evaluation, errors: &'a SortedMap<String, String>) -> Ctx<'a> {
        Ctx {
            lang: self.lang,
            prefix: &self.prefix,
            template: &self.template,
            state: &self.state,
            ev,
            errors,
            dispatch: &self.dispatch,
        }
    }

    /// Same widget, language and template.
    fn same_frame(&self, o: &Shared) -> bool {
        self.lang == o.lang && self.prefix == o.prefix && Rc::ptr_eq(&self.template, &o.template)
    }
}

/// Entries of `m` for `base` itself and below it (`base.x`, `base[0]…`), in order.
pub(crate) fn under<'a, V>(
    m: &'a SortedMap<String, V>,
    base: &'a str,
) -> impl Iterator<Item = (&'a String, &'a V)> + 'a {
    m.range_from(base)
        .take_while(move |(k, _)| k.starts_with(base))
        .filter(move |(k, _)| matches!(k.as_bytes().get(base.len()), None | Some(b'.' | b'[')))
}

#[derive(Properties, Clone)]
pub struct BlockProps {
    pub section: usize,
    /// Questions `block * BLOCK ..` of the section.
    pub block: usize,
    /// The evaluation's epoch and the block's version (see `yaojian::form::live`).
    pub version: (u32, u32),
    pub shared: Shared,
}

impl PartialEq for BlockProps {
    fn eq(&self, o: &Self) -> bool {
        (self.section, self.block, self.version) == (o.section, o.block, o.version)
            && self.shared.same_frame(&o.shared)
    }
}

/// A block of up to [`BLOCK`] questions, redrawn only when one of them changed: a
/// change in a form of 1,500 questions compares 30 blocks and the 50 questions of one,
/// not 1,500 questions.
#[function_component(QuestionBlock)]
pub fn question_block(p: &BlockProps) -> Html {
    let Some(synced) = p.shared.state.live.get() else {
        return html! {};
    };
    let t = &p.shared.template;
    let Some(section) = t.sections.get(p.section) else {
        return html! {};
    };
    let start = p.block * BLOCK;
    let end = (start + BLOCK).min(section.questions.len());
    let ev = synced.live.evaluation();
    let questions = section.questions.get(start..end).unwrap_or_default().iter();
    html! {
        <>
            { for questions.filter(|q| ev.visible(&q.id)).map(|q| {
                let version = (synced.epoch, synced.live.version(t, &q.id));
                html! { <QuestionView key={q.id.clone()} id={q.id.clone()} {version} shared={p.shared.clone()} /> }
            }) }
        </>
    }
}

#[derive(Properties, Clone)]
pub struct QuestionProps {
    /// A top-level question of `shared.template`.
    pub id: AttrValue,
    /// The evaluation's epoch and the question's version: they change whenever its
    /// answer, typed text, finding, requirement, shown errors or visibility does.
    pub version: (u32, u32),
    pub shared: Shared,
}

impl PartialEq for QuestionProps {
    fn eq(&self, o: &Self) -> bool {
        self.id == o.id && self.version == o.version && self.shared.same_frame(&o.shared)
    }
}

/// One question, redrawn only when what it shows changes (see [`QuestionProps`]).
#[function_component(QuestionView)]
pub fn question_view(p: &QuestionProps) -> Html {
    let shared = &p.shared;
    let (Some(synced), Some(q)) = (shared.state.live.get(), shared.template.question(&p.id)) else {
        return html! {};
    };
    // Its errors are worked out only once they may show (a fresh form shows none).
    let may_show = [false, true]
        .into_iter()
        .any(|finding| shared.state.shown.contains(&super::state::shown_key(&q.id, finding)));
    let shown: SortedMap<String, String> = match may_show {
        false => SortedMap::new(),
        true => super::question_errors(&shared.template, &shared.state, &synced.live, &q.id)
            .into_iter()
            .filter(|e| super::is_shown(&shared.state, e))
            .map(|e| (e.path.clone(), e.message(shared.lang)))
            .collect(),
    };
    question(&shared.ctx(synced.live.evaluation(), &shown), q)
}

impl Ctx<'_> {
    pub fn id(&self, field: &str) -> String {
        format!("{}-{}", self.prefix, field)
    }
    fn error(&self, path: &str) -> Option<&String> {
        self.errors.get(path)
    }
    /// The field whose control has the id of `field`, with the error shown at `path`.
    fn field(&self, field: &str, path: &str, label: impl Into<Html>) -> Field {
        Field::new(self.id(field), label).error(self.error(path).cloned())
    }
    fn raw(&self, key: &str) -> Option<&String> {
        self.state.draft.raw.get(key)
    }
}

/// The text shown in an input: what was typed, or the answer written out.
fn shown_text(ctx: &Ctx, key: &str, kind: Kind, v: Option<&Value>) -> String {
    if let Some(r) = ctx.raw(key) {
        return r.clone();
    }
    match (kind, v) {
        (Kind::Money, Some(Value::Number(n))) => n
            .as_i64()
            .map(|f| yaojian::Fen(f).yuan_string())
            .unwrap_or_default(),
        (_, Some(Value::String(s))) => s.clone(),
        (_, Some(Value::Number(n))) => n.to_string(),
        _ => String::new(),
    }
}

fn text_input(
    ctx: &Ctx,
    q: &Question,
    key: &str,
    path: &str,
    v: Option<&Value>,
    required: bool,
) -> Html {
    let label = html! { <>{ q.label(ctx.lang) }{ required_mark(ctx, required) }</> };
    let f = ctx
        .field(&key.replace('.', "-"), path, label)
        .hint(hint_text(ctx, q));
    let (id, invalid, described) = (f.id.clone(), f.invalid(), f.described_by());
    let value = shown_text(ctx, key, q.kind, v);
    let kind = q.kind;
    let oninput = {
        let d = ctx.dispatch.clone();
        let key = key.to_string();
        move |text: String| {
            d.dispatch(Msg::Text {
                key: key.clone(),
                kind,
                text,
            })
        }
    };
    let onblur = {
        let d = ctx.dispatch.clone();
        let key = key.to_string();
        Callback::from(move |_: FocusEvent| d.dispatch(Msg::Blur(key.clone())))
    };
    let class = classes!(
        "yj-input",
        invalid.then_some("yj-input--error"),
        format!("yj-si__input--{}", yaojian::checklist::wire_name(&kind))
    );
    let (input_type, mode, autocomplete) = match kind {
        Kind::Date => ("date", None, None),
        Kind::Email => ("email", None, Some("email")),
        Kind::Phone => ("tel", None, Some("tel")),
        Kind::Number => ("text", Some("decimal"), None),
        Kind::Money => ("text", Some("decimal"), None),
        _ => ("text", None, None),
    };
    let input = if kind == Kind::LongText {
        let oninput = Callback::from(move |e: InputEvent| {
            oninput(
                e.target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value(),
            )
        });
        html! { <textarea id={id.clone()} class={classes!(class, "yj-si__textarea")} rows="4" value={value}
        aria-invalid={invalid.to_string()} aria-describedby={described} aria-required={required.to_string()}
        maxlength={q.max_length.map(|m| m.to_string())} {oninput} {onblur} /> }
    } else {
        let oninput = Callback::from(move |e: InputEvent| {
            oninput(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        });
        html! { <input id={id.clone()} type={input_type} class={class} value={value} inputmode={mode} autocomplete={autocomplete}
        aria-invalid={invalid.to_string()} aria-describedby={described} aria-required={required.to_string()}
        spellcheck={matches!(kind, Kind::Text | Kind::LongText).then_some("true")} {oninput} {onblur} /> }
    };
    let suffix = (kind == Kind::Money)
        .then(|| html! { <span class="yj-si__suffix">{ t(ctx.lang, "form.yuan") }</span> });
    f.view(
        ctx.lang,
        html! { <div class="yj-si__input-row">{ input }{ for suffix }</div> },
    )
}

fn hint_text(ctx: &Ctx, q: &Question) -> Option<String> {
    let mut parts: Vec<String> = q
        .help
        .as_ref()
        .map(|h| pick(h, ctx.lang))
        .into_iter()
        .collect();
    if let Some(p) = &q.pattern_hint {
        parts.push(pick(p, ctx.lang));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn required_mark(ctx: &Ctx, required: bool) -> Html {
    if required {
        html! {}
    } else {
        html! { <span class="yj-si__optional">{ t(ctx.lang, "si.optional") }</span> }
    }
}

/// The answer values a choice question offers, with their labels (yes/no: true, false).
fn choice_options(lang: Lang, q: &Question) -> Vec<(Value, String)> {
    match q.kind {
        Kind::YesNo => vec![
            (Value::Bool(true), t(lang, "form.yes")),
            (Value::Bool(false), t(lang, "form.no")),
        ],
        _ => q
            .options
            .iter()
            .map(|o| (Value::String(o.value.clone()), pick(&o.label, lang)))
            .collect(),
    }
}

/// Radios (yes/no, single choice) or checkboxes (multiple choice) in a fieldset.
fn choices(ctx: &Ctx, q: &Question, v: Option<&Value>, required: bool) -> Html {
    let label = html! { <>{ q.label(ctx.lang) }{ required_mark(ctx, required) }</> };
    let f = ctx
        .field(&q.id, &FieldRef::answer(&q.id).path(), label)
        .hint(hint_text(ctx, q))
        .class("yj-si__fieldset");
    let options = choice_options(ctx.lang, q);
    let multiple = q.kind == Kind::MultipleChoice;
    let chosen: Vec<Value> = match v {
        Some(Value::Array(a)) => a.clone(),
        Some(x) => vec![x.clone()],
        None => vec![],
    };
    let name = ctx.id(&q.id);
    let items = options.into_iter().enumerate().map(|(i, (value, label))| {
        let id = if i == 0 { ctx.id(&q.id) } else { ctx.id(&format!("{}-{i}", q.id)) };
        let checked = chosen.contains(&value);
        let d = ctx.dispatch.clone();
        let qid = q.id.clone();
        let all = chosen.clone();
        let onchange = Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            let v = if multiple {
                let mut list: Vec<Value> = all.iter().filter(|x| **x != value).cloned().collect();
                if on {
                    list.push(value.clone());
                }
                if list.is_empty() { Value::Null } else { Value::Array(list) }
            } else {
                value.clone()
            };
            d.dispatch(Msg::Set(qid.clone(), v));
        });
        let d = ctx.dispatch.clone();
        let qid = q.id.clone();
        let onblur = Callback::from(move |_: FocusEvent| d.dispatch(Msg::Blur(qid.clone())));
        html! {
            <div class="yj-checkbox">
                <input type={if multiple { "checkbox" } else { "radio" }} id={id.clone()} name={name.clone()} {checked} {onchange} {onblur}
                       aria-describedby={if i == 0 { f.described_by() } else { None }} />
                <label for={id}>{ label }</label>
            </div>
        }
    });
    let inline = q.kind == Kind::YesNo;
    f.group(
        ctx.lang,
        html! { <div class={classes!("yj-si__options", inline.then_some("yj-si__options--inline"))}>{ for items }</div> },
    )
}

fn attestation(ctx: &Ctx, q: &Question, v: Option<&Value>) -> Html {
    let o = v.and_then(Value::as_object).cloned().unwrap_or_default();
    let base = FieldRef::answer(&q.id).path();
    let agreed = o.get("agreed") == Some(&Value::Bool(true));
    let agree_path = format!("{base}.agreed");
    let agree_error = ctx.error(&base).or_else(|| ctx.error(&agree_path));
    let agree_err_id = agree_error.map(|_| ctx.id(&format!("{}-error", q.id)));
    let statement_id = ctx.id(&format!("{}-statement", q.id));
    let d = ctx.dispatch.clone();
    let qid = q.id.clone();
    let onchange = Callback::from(move |e: Event| {
        let on = e
            .target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked();
        d.dispatch(Msg::Attest(
            qid.clone(),
            AttestField::Agreed,
            Value::Bool(on),
        ));
    });
    let blur = |key: &str| {
        let d = ctx.dispatch.clone();
        let k = key.to_string();
        Callback::from(move |_: FocusEvent| d.dispatch(Msg::Blur(k.clone())))
    };
    let text_field = |field: AttestField, key: &str, label: String, kind: &'static str| {
        let path = format!("{base}.{key}");
        let fid = format!("{}-{key}", q.id);
        let f = ctx.field(&fid, &path, label);
        let value = o.get(key).and_then(Value::as_str).unwrap_or("").to_string();
        let d = ctx.dispatch.clone();
        let qid = q.id.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            d.dispatch(Msg::Attest(qid.clone(), field, Value::String(v)));
        });
        f.view(ctx.lang, html! {
            <input id={f.id.clone()} type={kind} class={classes!(f.input_class(), "yj-si__input--short")} {value}
                   aria-invalid={f.aria_invalid()} aria-describedby={f.described_by()} {oninput} onblur={blur(&q.id)} />
        })
    };
    let invalid = agree_err_id.is_some();
    html! {
        <fieldset class={classes!("yj-field", "yj-si__fieldset", "yj-si__attestation", invalid.then_some("yj-field--error"))}>
            <legend class="yj-label">{ q.label(ctx.lang) }</legend>
            <p class="yj-si__statement" id={statement_id.clone()}>{ q.statement.as_ref().map(|s| pick(s, ctx.lang)).unwrap_or_default() }</p>
            if let (Some(m), Some(id)) = (agree_error, &agree_err_id) { { error_message(id, m, ctx.lang) } }
            <div class="yj-checkbox">
                <input type="checkbox" id={ctx.id(&q.id)} checked={agreed} {onchange} onblur={blur(&q.id)}
                       aria-describedby={described_by(&[Some(statement_id), agree_err_id.clone()])} />
                <label for={ctx.id(&q.id)}>{ t(ctx.lang, "si.attest_agree") }</label>
            </div>
            { text_field(AttestField::Name, "name", t(ctx.lang, "si.attest_name"), "text") }
            { text_field(AttestField::Date, "date", t(ctx.lang, "si.attest_date"), "date") }
        </fieldset>
    }
}

fn group(ctx: &Ctx, q: &Question, v: Option<&Value>) -> Html {
    let rows: Vec<Map<String, Value>> = v
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|r| r.as_object().cloned().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let f = ctx
        .field(&q.id, &FieldRef::answer(&q.id).path(), q.label(ctx.lang))
        .hint(hint_text(ctx, q))
        .class("yj-si__group");
    let d = ctx.dispatch.clone();
    let gid = q.id.clone();
    let add = Callback::from(move |_: MouseEvent| d.dispatch(Msg::AddRow(gid.clone())));
    let full = q.max_rows.is_some_and(|m| rows.len() >= m);
    let label = q.label(ctx.lang);
    let row_html = rows.iter().enumerate().map(|(r, row)| {
        let (hidden, required): (HashSet<String>, HashSet<String>) = row_state(ctx.ev, &ctx.state.draft.answers, q, row);
        let legend = crate::common::tf(ctx.lang, "si.row", &[("n", &(r + 1).to_string())]);
        let d = ctx.dispatch.clone();
        let gid = q.id.clone();
        let remove = Callback::from(move |_: MouseEvent| d.dispatch(Msg::RemoveRow(gid.clone(), r)));
        let cells = q.questions.iter().filter(|c| !hidden.contains(&c.id)).map(|c| {
            let key = format!("{}.{r}.{}", q.id, c.id);
            let cpath = FieldRef::cell(&q.id, r, &c.id).path();
            let req = required.contains(&c.id);
            match c.kind {
                Kind::YesNo | Kind::SingleChoice => cell_choice(ctx, c, &key, &cpath, row.get(&c.id), req),
                _ => text_input(ctx, c, &key, &cpath, row.get(&c.id), req),
            }
        });
        html! {
            <fieldset class="yj-si__row" id={ctx.id(&format!("{}-{r}", q.id))} tabindex="-1">
                <legend class="yj-si__row-legend">{ legend }</legend>
                { for cells }
                <button type="button" class="yj-button yj-button--secondary yj-si__remove" onclick={remove}>
                    { crate::common::tf(ctx.lang, "si.remove_row", &[("n", &(r + 1).to_string())]) }
                </button>
            </fieldset>
        }
    });
    f.group(ctx.lang, html! {
        <>
            { for row_html }
            if rows.is_empty() { <p class="yj-si__empty">{ t(ctx.lang, "si.no_rows") }</p> }
            <button type="button" class="yj-button yj-button--secondary" id={ctx.id(&format!("{}-add", q.id))} onclick={add} disabled={full}>
                { crate::common::tf(ctx.lang, "si.add_row", &[("label", &label)]) }
            </button>
        </>
    })
}

/// A yes/no or single choice inside a group row, as a select (compact in a row).
fn cell_choice(
    ctx: &Ctx,
    c: &Question,
    key: &str,
    path: &str,
    v: Option<&Value>,
    required: bool,
) -> Html {
    let label = html! { <>{ c.label(ctx.lang) }{ required_mark(ctx, required) }</> };
    let f = ctx.field(&key.replace('.', "-"), path, label);
    let options = choice_options(ctx.lang, c);
    let current = v.cloned();
    let d = ctx.dispatch.clone();
    let k = key.to_string();
    let opts = options.clone();
    let onchange = Callback::from(move |e: Event| {
        let i = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .selected_index();
        let v = if i <= 0 {
            Value::Null
        } else {
            opts.get(i as usize - 1)
                .map(|o| o.0.clone())
                .unwrap_or(Value::Null)
        };
        d.dispatch(Msg::Set(k.clone(), v));
    });
    let d = ctx.dispatch.clone();
    let k = key.to_string();
    let onblur = Callback::from(move |_: FocusEvent| d.dispatch(Msg::Blur(k.clone())));
    f.view(ctx.lang, html! {
        <select id={f.id.clone()} class={classes!("yj-select", f.invalid().then_some("yj-input--error"))} {onchange} {onblur}
                aria-invalid={f.aria_invalid()} aria-describedby={f.described_by()}>
            <option value="" selected={current.is_none()}>{ t(ctx.lang, "si.choose") }</option>
            { for options.iter().enumerate().map(|(i, (v, l))| html! {
                <option value={i.to_string()} selected={current.as_ref() == Some(v)}>{ l.clone() }</option>
            }) }
        </select>
    })
}

/// The explanation, measure and deadline a raised finding needs.
fn finding(ctx: &Ctx, q: &Question) -> Html {
    let Some(raised) = ctx.ev.raised(&q.id) else {
        return html! {};
    };
    let spec = q.finding.as_ref().expect("raised findings have a spec");
    let f = ctx
        .state
        .draft
        .findings
        .get(&q.id)
        .cloned()
        .unwrap_or_default();
    let sev = t(
        ctx.lang,
        &format!(
            "form.severity.{}",
            yaojian::checklist::wire_name(&raised.severity)
        ),
    );
    let field = |which: FindingField, key: &str, label_key: &str, value: String, long: bool| {
        let path = FieldRef::finding(&q.id, Some(key)).path();
        let f = ctx.field(&format!("{}-{key}", q.id), &path, t(ctx.lang, label_key));
        let (id, described, invalid) = (f.id.clone(), f.described_by(), f.aria_invalid());
        let d = ctx.dispatch.clone();
        let qid = q.id.clone();
        let set = move |v: String| d.dispatch(Msg::Finding(qid.clone(), which, v));
        let d = ctx.dispatch.clone();
        let key = super::state::shown_key(&q.id, true);
        let onblur = Callback::from(move |_: FocusEvent| d.dispatch(Msg::Blur(key.clone())));
        let class = f.input_class();
        let input = if long {
            let oninput = Callback::from(move |e: InputEvent| {
                set(e
                    .target_unchecked_into::<web_sys::HtmlTextAreaElement>()
                    .value())
            });
            html! { <textarea id={id.clone()} class={classes!(class, "yj-si__textarea")} rows="3" {value} aria-invalid={invalid} aria-describedby={described} aria-required="true" {oninput} {onblur} /> }
        } else {
            let oninput = Callback::from(move |e: InputEvent| {
                set(e
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value())
            });
            html! { <input id={id.clone()} type="date" class={classes!(class, "yj-si__input--short")} {value} aria-invalid={invalid} aria-describedby={described} aria-required="true" {oninput} {onblur} /> }
        };
        f.view(ctx.lang, input)
    };
    html! {
        <div class="yj-si__finding" role="group" aria-label={t(ctx.lang, "si.finding")}>
            <p class="yj-si__finding-title">
                <span class={classes!("yj-si__severity", format!("is-{}", yaojian::checklist::wire_name(&raised.severity)))}>{ sev }</span>
                { pick(&spec.title, ctx.lang) }
            </p>
            if let Some(p) = &spec.provision { <p class="yj-hint">{ pick(p, ctx.lang) }</p> }
            { field(FindingField::Explanation, "explanation", "si.finding_explanation", f.explanation.clone(), true) }
            { field(FindingField::Measure, "measure", "si.finding_measure", f.measure.clone(), true) }
            { field(FindingField::Deadline, "deadline", "si.finding_deadline", f.deadline.clone(), false) }
        </div>
    }
}

/// One visible top-level question, with its finding fields when raised.
pub fn question(ctx: &Ctx, q: &Question) -> Html {
    let v = ctx.state.draft.answers.get(&q.id);
    let required = ctx.ev.is_required(&q.id);
    let path = FieldRef::answer(&q.id).path();
    let body = match q.kind {
        Kind::YesNo | Kind::SingleChoice | Kind::MultipleChoice => choices(ctx, q, v, required),
        Kind::Attestation => attestation(ctx, q, v),
        Kind::Group => group(ctx, q, v),
        _ => text_input(ctx, q, &q.id, &path, v, required),
    };
    html! {
        <div class="yj-si__question">
            { body }
            { finding(ctx, q) }
        </div>
    }
}
