//! The input side of the penalty widget. Every field has a label, errors are tied to
//! their input with aria-describedby, and only the inputs the chosen rule needs appear.

use super::{field_id, menu_examples, Action, Inputs};
use crate::common::{t, tf, Field};
use std::rc::Rc;
use yaojian::penalty::{self, Benchmark, Group};
use yaojian::{FieldError, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MenuProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// "Load an example case".
#[function_component(ExampleMenu)]
pub fn example_menu(p: &MenuProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let onchange = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if !v.is_empty() {
                d.emit(Action::Example(v));
            }
        })
    };
    html! {
        <div class="yj-field yj-pc__examples yj-no-print">
            <label class="yj-label" for={ids.id("example")}>{ t(lang, "pc.example") }</label>
            <select class="yj-select" id={ids.id("example")} {onchange}>
                <option value="" selected=true>{ t(lang, "pc.example.choose") }</option>
                { for menu_examples().iter().map(|(name, _)| html! {
                    <option value={*name}>{ t(lang, &format!("pc.example.{name}")) }</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub lang: Lang,
    pub inputs: Inputs,
    pub dispatch: Callback<Action>,
}

/// Step 1: find the violation by article number or keywords.
#[function_component(RulePicker)]
pub fn rule_picker(p: &FormProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let table = penalty::rule_table();
    let mut matches = table.search(&p.inputs.query);
    // Keep the chosen rule visible whatever the search says.
    if let Some(r) = table.get(&p.inputs.rule) {
        if !matches.iter().any(|m| m.id == r.id) {
            matches.insert(0, r);
        }
    }
    let on_query = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            d.emit(Action::Text(
                "query",
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            ))
        })
    };
    let on_rule = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            d.emit(Action::Rule(
                e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            ))
        })
    };
    let selected = table.get(&p.inputs.rule);
    let query = Field::new(ids.id("query"), t(lang, "pc.query")).hint(Some(t(lang, "pc.query.hint")));
    html! {
        <fieldset class="yj-pc__section">
            <legend class="yj-pc__legend">{ t(lang, "pc.step1") }</legend>
            { query.view(lang, html! {
                <input class="yj-input" id={query.id.clone()} type="search" autocomplete="off" aria-describedby={query.described_by()}
                       value={p.inputs.query.clone()} oninput={on_query} />
            }) }
            <div class="yj-field">
                <label class="yj-label" for={ids.id("rule")}>{ t(lang, "pc.rule") }</label>
                <span class="yj-hint" id={ids.id("rule-count")} aria-live="polite">{ tf(lang, "pc.rule.count", &[("n", &matches.len().to_string())]) }</span>
                <select class="yj-select yj-pc__rules" id={ids.id("rule")} size="8" aria-describedby={ids.id("rule-count")} onchange={on_rule}>
                    { for matches.iter().map(|r| html! {
                        <option value={r.id.clone()} selected={r.id == p.inputs.rule}>{ rule_label(r, lang) }</option>
                    }) }
                </select>
            </div>
            if let Some(r) = selected {
                <details class="yj-pc__clause">
                    <summary>{ tf(lang, "common.clause_of", &[("citation", &r.citation().label_in(lang))]) }</summary>
                    { crate::common::statute_quote(lang, &[Some(r.text.as_str()), r.item_text.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n"), "") }
                    { crate::common::chinese_notes(lang, &r.notes) }
                </details>
            }
        </fieldset>
    }
}

/// `第116条 生产、销售假药` / `第127条第1款第3项 …`; `Art. 116: Producing or selling
/// falsified drugs` in English.
pub fn rule_label(r: &penalty::Rule, lang: Lang) -> String {
    let multi = penalty::rule_table()
        .rules
        .iter()
        .filter(|x| x.article == r.article)
        .count()
        > 1;
    let paragraph = (multi && r.item.is_none()).then_some(r.paragraph);
    let title = penalty::translations::in_lang(&r.title, lang);
    if lang == Lang::En {
        let mut s = format!("Art. {}", r.article);
        if let Some(p) = paragraph {
            s.push_str(&format!("({p})"));
        }
        if let Some(i) = r.item {
            s.push_str(&format!(" item {i}"));
        }
        return format!("{s}: {title}");
    }
    let (article, item) = if lang == Lang::ZhTw { ("條", "項") } else { ("条", "项") };
    let mut s = format!("第{}{article}", r.article);
    if let Some(p) = paragraph {
        s.push_str(&format!("第{p}款"));
    }
    if let Some(i) = r.item {
        s.push_str(&format!("第{i}{item}"));
    }
    format!("{s} {title}")
}

#[derive(Properties, PartialEq)]
pub struct CaseProps {
    pub lang: Lang,
    pub inputs: Inputs,
    pub dispatch: Callback<Action>,
    pub on_blur: Callback<String>,
    pub errors: Vec<FieldError>,
}

/// Where in the chain the act happened (production, wholesale, retail), for the rules
/// whose fine floor depends on it.
fn channel_field(p: &CaseProps, ids: &crate::common::Ids, error: Option<String>) -> Html {
    let lang = p.lang;
    let d = p.dispatch.clone();
    let onchange = Callback::from(move |e: Event| d.emit(Action::Text("channel", e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())));
    let f = Field::new(ids.id("channel"), t(lang, "pc.field.channel")).error(error);
    f.view(lang, html! {
        <select class="yj-select" id={f.id.clone()} {onchange} aria-invalid={f.aria_invalid()} aria-describedby={f.described_by()}>
            <option value="" selected={p.inputs.channel.is_empty()}>{ t(lang, "pc.choose") }</option>
            { for ["production", "wholesale", "retail"].iter().map(|c| html! {
                <option value={*c} selected={p.inputs.channel == *c}>{ t(lang, &format!("pc.channel.{c}")) }</option>
            }) }
        </select>
    })
}

/// Step 2: the facts this rule needs.
#[function_component(CaseFields)]
pub fn case_fields(p: &CaseProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let Some(rule) = penalty::rule_table().get(&p.inputs.rule) else {
        return html! {};
    };
    let error_for = |key: &str| {
        p.errors
            .iter()
            .find(|e| field_id(&ids, &e.path) == ids.id(key))
            .map(|e| e.message(lang))
    };
    let mut amounts: Vec<&'static str> = rule.bases().iter().map(|b| b.case_key()).collect();
    if rule.needs_unit_income() && !amounts.contains(&"unit_income") {
        amounts.push("unit_income");
    }
    let text_field = |key: &'static str, value: &str, kind: &'static str| {
        let f = Field::new(ids.id(key), t(lang, &format!("pc.field.{key}")))
            .hint(Some(t(lang, &format!("pc.field.{key}.hint"))))
            .error(error_for(key));
        let d = p.dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            d.emit(Action::Text(
                key,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            ))
        });
        let b = p.on_blur.clone();
        let onblur = Callback::from(move |_: FocusEvent| b.emit(key.to_string()));
        let (input_type, mode) = if kind == "date" {
            ("date", None)
        } else {
            ("text", Some("decimal"))
        };
        f.view(lang, html! {
            <input class={f.input_class()} id={f.id.clone()} type={input_type}
                   inputmode={mode} autocomplete="off" spellcheck="false" value={value.to_string()}
                   aria-invalid={f.aria_invalid()} aria-describedby={f.described_by()}
                   {oninput} {onblur} />
        })
    };

    let channel = rule
        .needs_channel()
        .then(|| channel_field(p, &ids, error_for("channel")));
    let checkbox = |key: &'static str, checked: bool, shown: bool| {
        if !shown {
            return html! {};
        }
        let d = p.dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            d.emit(Action::Toggle(
                key,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            ))
        });
        let id = ids.id(key);
        html! {
            <div class="yj-checkbox">
                <input type="checkbox" id={id.clone()} {checked} {onchange} aria-describedby={format!("{id}-hint")} />
                <label for={id.clone()}>
                    { t(lang, &format!("pc.field.{key}")) }
                    <span class="yj-hint" id={format!("{id}-hint")}>{ t(lang, &format!("pc.field.{key}.hint")) }</span>
                </label>
            </div>
        }
    };
    let radio_group = |key: &'static str, options: &[&'static str], current: &str| {
        let current = if current.is_empty() {
            options[0]
        } else {
            current
        };
        html! {
            <fieldset class="yj-field yj-pc__radios">
                <legend class="yj-label">{ t(lang, &format!("pc.field.{key}")) }</legend>
                { for options.iter().map(|o| {
                    let d = p.dispatch.clone();
                    let value = o.to_string();
                    let onchange = Callback::from(move |_: Event| d.emit(Action::Text(key, value.clone())));
                    let id = ids.id(&format!("{key}-{o}"));
                    html! {
                        <div class="yj-checkbox">
                            <input type="radio" name={ids.id(key)} id={id.clone()} value={*o} checked={current == *o} {onchange} />
                            <label for={id}>{ t(lang, &format!("pc.{key}.{o}")) }</label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    };

    html! {
        <fieldset class="yj-pc__section">
            <legend class="yj-pc__legend">{ t(lang, "pc.step2") }</legend>
            { for amounts.iter().map(|k| text_field(k, p.inputs.amount(k), "amount")) }
            { channel.unwrap_or_default() }
            { checkbox("serious", p.inputs.serious, rule.has_serious_tier()) }
            { checkbox("deadline_missed", p.inputs.deadline_missed, rule.depends_on_deadline()) }
            { radio_group("party", &["organisation", "individual"], &p.inputs.party) }
            <fieldset class="yj-field yj-pc__dates">
                <legend class="yj-label">{ t(lang, "pc.dates") }</legend>
                <span class="yj-hint">{ t(lang, "pc.dates.hint") }</span>
                { text_field("violation_date", &p.inputs.violation_date, "date") }
                { text_field("violation_end_date", &p.inputs.violation_end_date, "date") }
                { text_field("discovery_date", &p.inputs.discovery_date, "date") }
            </fieldset>
        </fieldset>
    }
}

/// Step 3: circumstances, grouped, each with its clause on demand.
#[function_component(CircumstanceFields)]
pub fn circumstance_fields(p: &FormProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    if p.inputs.rule.is_empty() {
        return html! {};
    }
    let all = &penalty::circumstances().circumstances;
    let group = |g: Group, key: &str| {
        let items: Vec<_> = all.iter().filter(|c| c.group == g).collect();
        html! {
            <fieldset class="yj-pc__group">
                <legend class="yj-pc__group-title">{ t(lang, key) }</legend>
                { for items.iter().map(|c| {
                    let id = ids.id(&format!("c-{}", c.id));
                    let d = p.dispatch.clone();
                    let cid = c.id.clone();
                    let onchange = Callback::from(move |e: Event| d.emit(Action::Circumstance(cid.clone(), e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())));
                    html! {
                        <div class="yj-pc__circumstance">
                            <div class="yj-checkbox">
                                <input type="checkbox" id={id.clone()} checked={p.inputs.circumstances.contains(&c.id)} {onchange} />
                                <label for={id}>{ c.label(lang) }</label>
                            </div>
                            <details class="yj-pc__clause yj-pc__clause--small">
                                <summary>{ tf(lang, "common.clause_of", &[("citation", &c.citation().label_in(lang))]) }</summary>
                                { crate::common::statute_quote(lang, &c.text, "") }
                            </details>
                        </div>
                    }
                }) }
            </fieldset>
        }
    };
    let mitigating = all
        .iter()
        .any(|c| c.group == Group::Mitigating && p.inputs.circumstances.contains(&c.id));
    let mode = if p.inputs.mitigation.is_empty() {
        "lighter"
    } else {
        p.inputs.mitigation.as_str()
    };
    html! {
        <fieldset class="yj-pc__section">
            <legend class="yj-pc__legend">{ t(lang, "pc.step3") }</legend>
            { group(Group::Aggravating, "pc.group.aggravating") }
            { group(Group::Mitigating, "pc.group.mitigating") }
            if mitigating {
                <fieldset class="yj-field yj-pc__radios">
                    <legend class="yj-label">{ t(lang, "pc.field.mitigation") }</legend>
                    { for ["lighter", "reduced"].iter().map(|o| {
                        let d = p.dispatch.clone();
                        let value = o.to_string();
                        let onchange = Callback::from(move |_: Event| d.emit(Action::Text("mitigation", value.clone())));
                        let id = ids.id(&format!("mitigation-{o}"));
                        html! {
                            <div class="yj-checkbox">
                                <input type="radio" name={ids.id("mitigation")} id={id.clone()} value={*o} checked={mode == *o} {onchange} />
                                <label for={id}>{ t(lang, &format!("pc.mitigation.{o}")) }</label>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            { group(Group::Exempting, "pc.group.exempting") }
            { group(Group::Condition, "pc.group.condition") }
            { group(Group::Limitation, "pc.group.limitation") }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct BenchmarkProps {
    pub lang: Lang,
    pub benchmark: Rc<Benchmark>,
    pub custom: bool,
    pub text: String,
    pub errors: Vec<FieldError>,
    pub on_text: Callback<InputEvent>,
    pub on_load: Callback<MouseEvent>,
    pub on_reset: Callback<MouseEvent>,
}

/// The benchmark in force, and loading a bureau's own (JSON).
#[function_component(BenchmarkPanel)]
pub fn benchmark_panel(p: &BenchmarkProps) -> Html {
    let ids = crate::common::use_ids();
    let lang = p.lang;
    let bm = &p.benchmark;
    let has_errors = !p.errors.is_empty();
    html! {
        <section class="yj-pc__section yj-pc__benchmark yj-no-print" aria-labelledby={ids.id("bm-title")}>
            <h3 id={ids.id("bm-title")} class="yj-pc__legend">{ t(lang, "pc.benchmark") }</h3>
            <p>
                <strong>{ penalty::rules::pick(&bm.title, lang) }</strong>
                if bm.is_default { {" "}<span class="yj-sample-notice">{ t(lang, "pc.benchmark.default_label") }</span> }
            </p>
            if !bm.note.is_empty() { <p class="yj-hint">{ penalty::rules::pick(&bm.note, lang) }</p> }
            if let Some(list) = &bm.no_penalty_list {
                <p class="yj-hint">
                    { penalty::rules::pick(&list.title, lang) }{ tf(lang, "pc.benchmark.items", &[("n", &list.items.len().to_string())]) }
                    if list.sample { {" "}<span class="yj-sample-notice">{ t(lang, "common.sample_notice") }</span> }
                </p>
            }
            <details>
                <summary>{ t(lang, "pc.benchmark.load") }</summary>
                <div class={classes!("yj-field", has_errors.then_some("yj-field--error"))}>
                    <label class="yj-label" for={ids.id("bm-json")}>{ t(lang, "pc.benchmark.json") }</label>
                    <span class="yj-hint" id={ids.id("bm-hint")}>{ t(lang, "pc.benchmark.hint") }</span>
                    if has_errors {
                        <ul class="yj-error-message" id={ids.id("bm-errors")}>
                            { for p.errors.iter().map(|e| html! { <li><code>{ &e.path }</code>{"："}{ e.message(lang) }</li> }) }
                        </ul>
                    }
                    <textarea class="yj-input yj-pc__bm-text" id={ids.id("bm-json")} rows="6" spellcheck="false"
                              aria-invalid={if has_errors { "true" } else { "false" }}
                              aria-describedby={if has_errors { format!("{} {}", ids.id("bm-hint"), ids.id("bm-errors")) } else { ids.id("bm-hint") }}
                              value={p.text.clone()} oninput={p.on_text.clone()} />
                </div>
                <div class="yj-button-row">
                    <button type="button" class="yj-button yj-button--secondary" onclick={p.on_load.clone()}>{ t(lang, "pc.benchmark.apply") }</button>
                    if p.custom {
                        <button type="button" class="yj-button yj-button--secondary" onclick={p.on_reset.clone()}>{ t(lang, "pc.benchmark.reset") }</button>
                    }
                </div>
            </details>
        </section>
    }
}
