//! The condition pickers: `visible_if`, `required_if` and `finding.when` built by
//! picking an earlier question, a test and a value, never typed as code. The engine
//! (`form::builder::Condition`) reads and writes the expression; the questions offered
//! are those it says the condition may read. An expression the pickers cannot show is
//! shown as written, and can be removed.

use super::fields::Ctx;
use crate::common::{error_message, t, tf};
use serde_json::Value;
use std::rc::Rc;
use yaojian::form::builder::{
    choices, readable, shown_value, text_in, typed_value, value_at, Clause, Condition, Edit, Readable, Test, OPERATORS,
};
use yew::prelude::*;

/// What a control makes of a test: the new test from the old one and the control's value
/// (none: no change).
type ClauseChange = Rc<dyn Fn(&Clause, String) -> Option<Clause>>;

/// Where a condition goes and what it is called.
pub struct Place {
    /// The JSON path of the condition (`$.sections[0].questions[2].visible_if`).
    pub path: String,
    /// The suffix of its element ids, which is where its errors are shown.
    pub suffix: String,
    pub legend: String,
    /// What holds when there is no condition ("shown always").
    pub without: String,
}

/// The first test offered on a question: its first value, or "answered".
fn first_clause(r: &Readable) -> Clause {
    let test = match choices(&r.kind, &r.options).into_iter().next() {
        Some(v) => Test::Is(v),
        None => Test::Answered,
    };
    Clause { question: r.id.clone(), test }
}

/// What a value of question `r` is called: 是/否, an option's label, or the value.
fn value_label(r: Option<&Readable>, v: &Value, lang: yaojian::Lang) -> String {
    match (r, v) {
        (_, Value::Bool(true)) => t(lang, "form.yes"),
        (_, Value::Bool(false)) => t(lang, "form.no"),
        (Some(r), Value::String(s)) => r
            .options
            .iter()
            .find(|o| &o.value == s)
            .map(|o| text_in(&o.label, lang))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| s.clone()),
        (_, other) => shown_value(&Value::Null, other),
    }
}

/// The condition at `place`: its tests, a button to add one, or the expression as written.
pub fn condition(ctx: &Ctx, place: &Place) -> Html {
    let lang = ctx.lang;
    let id = ctx.id(&place.suffix);
    let error = ctx.error(&place.suffix);
    let error_id = error.as_ref().map(|_| format!("{id}-error"));
    let body = match value_at(&ctx.doc, &place.path).filter(|v| !v.is_null()) {
        None => {
            let offered = readable(&ctx.doc, &place.path);
            match offered.first() {
                None => html! { <p class="yj-hint" id={id.clone()}>{ t(lang, "fb.cond.nothing_to_read") }</p> },
                Some(r) => {
                    let start = Condition { any: false, clauses: vec![first_clause(r)] };
                    html! {
                        <>
                            <p class="yj-hint">{ place.without.clone() }</p>
                            <button type="button" class="yj-button yj-button--secondary" id={id.clone()} aria-describedby={error_id.clone()}
                                    onclick={ctx.edit(Edit::Set { path: place.path.clone(), value: start.to_value() })}>
                                { t(lang, "fb.cond.add") }<span class="yj-visually-hidden">{ format!(" {}", place.legend) }</span>
                            </button>
                        </>
                    }
                }
            }
        }
        Some(v) => match Condition::read(v) {
            Some(c) => tests(ctx, place, &c, &id, error_id.clone()),
            None => html! {
                <>
                    <p class="yj-hint">{ t(lang, "fb.cond.as_written") }</p>
                    <pre class="yj-fb__expr">{ v.to_string() }</pre>
                    { remove_button(ctx, place, &id, error_id.clone()) }
                </>
            },
        },
    };
    html! {
        <fieldset class={classes!("yj-fb__condition", error.is_some().then_some("yj-field--error"))}>
            <legend class="yj-label">{ place.legend.clone() }</legend>
            if let (Some(e), Some(eid)) = (&error, &error_id) { { error_message(eid, e, lang) } }
            { body }
        </fieldset>
    }
}

fn remove_button(ctx: &Ctx, place: &Place, id: &str, described: Option<String>) -> Html {
    html! {
        <button type="button" class="yj-button yj-button--secondary" id={id.to_string()} aria-describedby={described}
                onclick={ctx.edit(Edit::Set { path: place.path.clone(), value: Value::Null })}>
            { t(ctx.lang, "fb.cond.remove") }<span class="yj-visually-hidden">{ format!(" {}", place.legend) }</span>
        </button>
    }
}

/// The tests of a condition the pickers can show, how they join, and buttons to add one
/// or remove the whole condition.
fn tests(ctx: &Ctx, place: &Place, c: &Condition, id: &str, error_id: Option<String>) -> Html {
    let lang = ctx.lang;
    let offered = Rc::new(readable(&ctx.doc, &place.path));
    let set = |c: Condition| Edit::Set { path: place.path.clone(), value: c.to_value() };
    let join = {
        let (d, c, path) = (ctx.d.clone(), c.clone(), place.path.clone());
        Callback::from(move |e: Event| {
            let any = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value() == "any";
            let value = Condition { any, ..c.clone() }.to_value();
            d.dispatch(super::Msg::Edit(Edit::Set { path: path.clone(), value }));
        })
    };
    let mut more = c.clone();
    if let Some(r) = offered.first() {
        more.clauses.push(first_clause(r));
    }
    html! {
        <>
            if c.clauses.len() > 1 {
                <div class="yj-field">
                    <label class="yj-label" for={format!("{id}-join")}>{ t(lang, "fb.cond.join") }</label>
                    <select class="yj-select" id={format!("{id}-join")} onchange={join}>
                        <option value="all" selected={!c.any}>{ t(lang, "fb.cond.all") }</option>
                        <option value="any" selected={c.any}>{ t(lang, "fb.cond.any") }</option>
                    </select>
                </div>
            }
            { for c.clauses.iter().enumerate().map(|(i, _)| clause(ctx, place, c, i, &offered, id, error_id.clone())) }
            <div class="yj-button-row">
                <button type="button" class="yj-button yj-button--secondary" id={format!("{id}-more")} onclick={ctx.edit(set(more))}>
                    { t(lang, "fb.cond.more") }<span class="yj-visually-hidden">{ format!(" {}", place.legend) }</span>
                </button>
                { remove_button(ctx, place, &format!("{id}-remove"), None) }
            </div>
        </>
    }
}

/// Test `i`: question, operator, value(s), and a button removing it when there are others.
/// The first test's question picker carries the condition's id (its errors link there).
fn clause(ctx: &Ctx, place: &Place, c: &Condition, i: usize, offered: &Rc<Vec<Readable>>, id: &str, error_id: Option<String>) -> Html {
    let lang = ctx.lang;
    let cl = &c.clauses[i];
    let r = offered.iter().find(|r| r.id == cl.question);
    let base = format!("{id}-c{i}");
    let question_id = if i == 0 { id.to_string() } else { format!("{base}-question") };
    let (d, path) = (ctx.d.clone(), place.path.clone());
    // Condition `c` with test `i` replaced by what `f` makes of the control's value.
    let change = move |f: ClauseChange| {
        let (d, path, c) = (d.clone(), path.clone(), c.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut c = c.clone();
            if let Some(new) = f(&c.clauses[i], v) {
                c.clauses[i] = new;
                d.dispatch(super::Msg::Edit(Edit::Set { path: path.clone(), value: c.to_value() }));
            }
        })
    };
    let on_question = change(Rc::new({
        let offered = offered.clone();
        move |_, q| offered.iter().find(|r| r.id == q).map(first_clause)
    }));
    let first = r.and_then(|r| choices(&r.kind, &r.options).into_iter().next()).unwrap_or(Value::String(String::new()));
    let on_op = change(Rc::new(move |cl, op| cl.test.with_operator(&op, &first).map(|test| Clause { test, ..cl.clone() })));
    let ops: Vec<&str> = OPERATORS
        .into_iter()
        .filter(|op| *op != "one_of" || cl.test.operator() == "one_of" || r.is_some_and(|r| !choices(&r.kind, &r.options).is_empty()))
        .collect();
    let mut without = c.clone();
    without.clauses.remove(i);
    let n = (i + 1).to_string();
    html! {
        <fieldset class="yj-fb__clause">
            <legend class="yj-visually-hidden">{ tf(lang, "fb.cond.test_n", &[("n", &n)]) }</legend>
            <div class="yj-field">
                <label class="yj-label" for={question_id.clone()}>{ t(lang, "fb.cond.question") }</label>
                <select class="yj-select" id={question_id} onchange={on_question} aria-describedby={error_id}>
                    if r.is_none() {
                        <option value={cl.question.clone()} selected=true>{ tf(lang, "fb.cond.unreadable", &[("id", &cl.question)]) }</option>
                    }
                    <OfferedQuestions offered={offered.clone()} chosen={AttrValue::from(cl.question.clone())} {lang} />
                </select>
            </div>
            <div class="yj-field">
                <label class="yj-label" for={format!("{base}-op")}>{ t(lang, "fb.cond.operator") }</label>
                <select class="yj-select" id={format!("{base}-op")} onchange={on_op}>
                    { for ops.iter().map(|op| html! {
                        <option value={*op} selected={*op == cl.test.operator()}>{ t(lang, &format!("fb.op.{op}")) }</option>
                    }) }
                </select>
            </div>
            { value_picker(ctx, cl, r, &base, change) }
            if c.clauses.len() > 1 {
                <button type="button" class="yj-button yj-button--secondary" id={format!("{base}-delete")}
                        onclick={ctx.edit(Edit::Set { path: place.path.clone(), value: without.to_value() })}>
                    { t(lang, "fb.delete") }<span class="yj-visually-hidden">{ format!(" {}", tf(lang, "fb.cond.test_n", &[("n", &n)])) }</span>
                </button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct OfferedProps {
    offered: Rc<Vec<Readable>>,
    chosen: AttrValue,
    lang: yaojian::Lang,
}

/// The questions a test may read, as the options of its question picker: a component, so
/// that an edit elsewhere in a long form (hundreds of pickers, each offering every
/// earlier question) does not draw them all again.
#[function_component(OfferedQuestions)]
fn offered_questions(p: &OfferedProps) -> Html {
    html! {
        { for p.offered.iter().map(|o| html! {
            <option value={o.id.clone()} selected={o.id == p.chosen.as_str()}>{ format!("{} {}", o.id, text_in(&o.label, p.lang)) }</option>
        }) }
    }
}

/// The value a test compares with: picked from the question's values, or typed; for
/// "one of", a checkbox per value.
fn value_picker(
    ctx: &Ctx,
    cl: &Clause,
    r: Option<&Readable>,
    base: &str,
    change: impl Fn(ClauseChange) -> Callback<Event>,
) -> Html {
    let lang = ctx.lang;
    let values = r.map(|r| choices(&r.kind, &r.options)).unwrap_or_default();
    let kind = r.map(|r| r.kind.clone()).unwrap_or(Value::Null);
    let value_id = format!("{base}-value");
    let label = html! { <label class="yj-label" for={value_id.clone()}>{ t(lang, "fb.cond.value") }</label> };
    match &cl.test {
        Test::Answered | Test::NotAnswered => html! {},
        Test::Is(v) | Test::IsNot(v) if !values.is_empty() => {
            let picked = values.clone();
            let on = change(Rc::new(move |cl, i| {
                let v = picked.get(i.parse::<usize>().ok()?)?.clone();
                Some(Clause { test: cl.test.with_value(v), ..cl.clone() })
            }));
            html! {
                <div class="yj-field">{ label }
                    <select class="yj-select" id={value_id} onchange={on}>
                        { for values.iter().enumerate().map(|(i, x)| html! {
                            <option value={i.to_string()} selected={x == v}>{ value_label(r, x, lang) }</option>
                        }) }
                    </select>
                </div>
            }
        }
        Test::Is(v) | Test::IsNot(v) => {
            let shown = shown_value(&kind, v);
            let on = change(Rc::new(move |cl, text| {
                Some(Clause { test: cl.test.with_value(typed_value(&kind, &text)), ..cl.clone() })
            }));
            html! { <div class="yj-field">{ label }<input type="text" class="yj-input" id={value_id} value={shown} onchange={on} /></div> }
        }
        Test::OneOf(chosen) => {
            // Values the question no longer offers stay listed, to be unticked.
            let mut shown = values.clone();
            shown.extend(chosen.iter().filter(|v| !values.contains(v)).cloned());
            let picked = shown.clone();
            let on = change(Rc::new(move |cl, i| {
                let v = picked.get(i.parse::<usize>().ok()?)?.clone();
                let Test::OneOf(mut list) = cl.test.clone() else { return None };
                match list.iter().position(|x| *x == v) {
                    Some(at) => {
                        list.remove(at);
                    }
                    None => list.push(v),
                }
                Some(Clause { test: Test::OneOf(list), ..cl.clone() })
            }));
            html! {
                <fieldset class="yj-fb__one-of">
                    <legend class="yj-label">{ t(lang, "fb.cond.values") }</legend>
                    { for shown.iter().enumerate().map(|(i, x)| {
                        let box_id = format!("{base}-v{i}");
                        html! {
                            <div class="yj-checkbox">
                                <input type="checkbox" class="yj-checkbox__input" id={box_id.clone()} value={i.to_string()}
                                       checked={chosen.contains(x)} onchange={on.clone()} />
                                <label class="yj-checkbox__label" for={box_id}>{ value_label(r, x, lang) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
            }
        }
    }
}
