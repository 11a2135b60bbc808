//! The statute's own words, quoted as written (in Simplified Chinese) whatever the
//! reader's language: a reader of zh-TW or English is told it is the original text.

use super::t;
use yaojian::Lang;
use yew::prelude::*;

/// A quotation of the law: one paragraph per line of `text`, marked `lang="zh-CN"`, and
/// labelled as the original when the page is in another language.
pub fn statute_quote(lang: Lang, text: &str, class: &'static str) -> Html {
    html! {
        <>
            if lang != Lang::ZhCn {
                <p class="yj-hint yj-quote-label">{ t(lang, "common.original_text") }</p>
            }
            <blockquote class={classes!("yj-quote", (!class.is_empty()).then_some(class))} lang="zh-CN">
                { for text.split('\n').map(|l| html! { <p>{ l }</p> }) }
            </blockquote>
        </>
    }
}

/// Notes of the data kept only in Chinese (a rule's notes on how it was encoded),
/// labelled as such for a reader of another language.
pub fn chinese_notes(lang: Lang, notes: &[String]) -> Html {
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <div class="yj-hint" lang="zh-CN">
            if lang != Lang::ZhCn {
                <p lang={lang.tag()}>{ t(lang, "common.notes_in_chinese") }</p>
            }
            { for notes.iter().map(|n| html! { <p>{ n }</p> }) }
        </div>
    }
}
