//! 责令改正通知书: the engine's notice as the legal document it is (the issuing bureau,
//! the party and its code, each item with its provision, basis, deadline and what
//! follows if it is not corrected, the date and a place for the seal), printable alone.

use crate::common::{t, tf};
use std::rc::Rc;
use yaojian::checklist as cl;
use yaojian::date::format_date;
use yaojian::Lang;
use yew::prelude::*;

/// The notice of the items `ids` of a list kept in the browser (no server numbers it):
/// numbered with the bureau's `pattern` (or the sample's) and `seq` (or 1).
pub(super) fn local_notice(
    list: &cl::ItemList,
    ids: &[String],
    pattern: Option<&str>,
    seq: Option<u32>,
    today: yaojian::date::Date,
) -> Option<cl::Notice> {
    let items: Vec<&cl::Item> = list.items.iter().filter(|i| ids.contains(&i.id)).collect();
    let pattern = pattern.unwrap_or(cl::SAMPLE_NUMBER_PATTERN);
    cl::notice(&items, pattern, seq.unwrap_or(1), today)
}

#[derive(Properties, PartialEq)]
pub(super) struct NoticeProps {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget.
    pub prefix: String,
    pub notice: Rc<cl::Notice>,
    /// The number comes from the sample pattern (the bureau set none): say so.
    pub sample_pattern: bool,
    /// What `sample_pattern` tells to set: `notice-pattern` here, `--notice-pattern` on
    /// the server.
    #[prop_or_default]
    pub pattern_setting: AttrValue,
    pub on_close: Callback<()>,
    /// What follows the notice on screen (its services, on the server).
    #[prop_or_default]
    pub children: Html,
}

/// 责令改正通知书, printable: while it is open the host page is told to print it alone
/// (`data-yj-print-notice`, which `yaojian.js` styles).
#[function_component(NoticeView)]
pub(super) fn notice_view(p: &NoticeProps) -> Html {
    let lang = p.lang;
    let n = &p.notice;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(n.clone(), move |_| {
            let printing = heading.cast::<web_sys::HtmlElement>().map(|h| {
                let _ = h.focus();
                PrintAlone::mark(&h)
            });
            move || drop(printing)
        });
    }
    let print = Callback::from(|_: MouseEvent| crate::common::print_page());
    let close = {
        let c = p.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let sample = tf(lang, "cl.notice_sample_number", &[("setting", &p.pattern_setting)]);
    html! {
        <section class="yj-cl__notice" aria-labelledby={format!("{}-notice-title", p.prefix)} data-testid="cl-notice">
            <p class="yj-cl__notice-bureau" data-testid="cl-notice-bureau">
                { n.bureau.clone().unwrap_or_else(|| t(lang, "cl.notice_bureau_blank")) }
            </p>
            <h3 id={format!("{}-notice-title", p.prefix)} class="yj-cl__notice-title" tabindex="-1" ref={heading}>{ t(lang, "cl.notice_title") }</h3>
            <p class="yj-cl__notice-number" data-testid="cl-notice-number">{ &n.number }</p>
            if p.sample_pattern { <p class="yj-no-print"><span class="yj-sample-notice">{ sample }</span></p> }
            <dl class="yj-cl__notice-fields">
                <dt>{ t(lang, "cl.notice_party") }</dt><dd>{ &n.party }</dd>
                <dt>{ t(lang, "cl.notice_party_code") }</dt>
                <dd data-testid="cl-notice-party-code">{ n.party_code.clone().unwrap_or_else(|| t(lang, "cl.notice_blank")) }</dd>
            </dl>
            <p>{ t(lang, "cl.notice_found") }</p>
            <ol class="yj-cl__notice-items">
                { for n.items.iter().map(|i| notice_item(i, lang)) }
            </ol>
            <p>{ t(lang, "cl.notice_closing") }</p>
            <p class="yj-cl__notice-date">{ format_date(n.date) }</p>
            <p class="yj-cl__notice-seal">{ t(lang, "cl.notice_seal") }</p>
            { p.children.clone() }
            <div class="yj-button-row yj-no-print">
                <button type="button" class="yj-button" onclick={print}>{ t(lang, "common.print") }</button>
                <button type="button" class="yj-button yj-button--secondary" id={format!("{}-notice-close", p.prefix)} onclick={close}>{ t(lang, "cl.notice_close") }</button>
            </div>
        </section>
    }
}

/// One item of the notice: what was found, the provision, the basis, the deadline, the
/// requirements and, quoted, what follows if it is not corrected.
fn notice_item(i: &cl::NoticeItem, lang: Lang) -> Html {
    let deadline = match (i.mode, i.deadline) {
        (cl::Mode::Deadline, Some(d)) => {
            tf(lang, "cl.notice_deadline", &[("date", &format_date(d))])
        }
        _ => super::label(lang, "checklist.mode.", &i.mode),
    };
    let or_blank = |s: &str| {
        if s.trim().is_empty() {
            t(lang, "cl.none")
        } else {
            s.to_string()
        }
    };
    html! {
        <li class="yj-cl__notice-item" data-testid="cl-notice-item">
            <dl class="yj-cl__notice-fields">
                <dt>{ t(lang, "cl.notice_facts") }</dt><dd>{ &i.problem }</dd>
                <dt>{ t(lang, "checklist.column.provision") }</dt><dd>{ or_blank(&i.provision) }</dd>
                <dt>{ t(lang, "checklist.column.legal_basis") }</dt><dd>{ or_blank(&i.legal_basis) }</dd>
                if !i.measures.is_empty() {
                    <dt>{ t(lang, "cl.notice_requirements") }</dt>
                    <dd><ol>{ for i.measures.iter().map(|m| html! { <li>{ m }</li> }) }</ol></dd>
                }
                <dt>{ t(lang, "checklist.column.mode") }</dt><dd data-testid="cl-notice-mode">{ deadline }</dd>
                if let Some(q) = &i.consequence {
                    <dt>{ t(lang, "cl.notice_consequence") }</dt>
                    <dd>
                        { crate::common::statute_quote(lang, &q.text, "yj-cl__notice-quote") }
                        <p class="yj-cl__notice-source">{ tf(lang, "cl.notice_quote_source", &[("citation", &q.citation)]) }</p>
                    </dd>
                }
            </dl>
        </li>
    }
}

/// Marks the widget's host element and the page, while a notice is open, so that the
/// page prints the notice alone; the marks go when it closes.
struct PrintAlone(Option<web_sys::Element>);

impl PrintAlone {
    const MARK: &'static str = "data-yj-print-notice";

    fn mark(inside: &web_sys::HtmlElement) -> PrintAlone {
        use wasm_bindgen::JsCast;
        let host = inside
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()
            .map(|r| r.host());
        let page = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        for el in host.iter().chain(page.iter()) {
            let _ = el.set_attribute(Self::MARK, "");
        }
        PrintAlone(host)
    }
}

impl Drop for PrintAlone {
    fn drop(&mut self) {
        let page = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        for el in self.0.iter().chain(page.iter()) {
            let _ = el.remove_attribute(Self::MARK);
        }
    }
}
