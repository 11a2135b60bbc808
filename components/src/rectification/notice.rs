//! 责令改正通知书: the engine's notice fields, printable on their own.

use super::label;
use crate::common::{t, tf};
use std::rc::Rc;
use yaojian::checklist as cl;
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct NoticeProps {
    pub lang: Lang,
    /// Prefix of element ids, unique per widget.
    pub prefix: String,
    pub notice: Rc<cl::Notice>,
    /// The number comes from the sample pattern (the host set none): say so.
    pub sample_pattern: bool,
    pub on_close: Callback<()>,
}

/// 责令改正通知书: the engine's notice fields, printable (the rest of the widget is
/// left out of the print).
#[function_component(NoticeView)]
pub(super) fn notice_view(p: &NoticeProps) -> Html {
    use yaojian::date::format_date;
    let lang = p.lang;
    let n = &p.notice;
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(n.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let list =
        |xs: &[String]| html! { <ol>{ for xs.iter().map(|x| html! { <li>{ x }</li> }) }</ol> };
    let mode = match (n.mode, n.deadline) {
        (cl::Mode::Deadline, Some(d)) => {
            tf(lang, "cl.notice_deadline", &[("date", &format_date(d))])
        }
        _ => label(lang, "mode", &n.mode),
    };
    let print = Callback::from(|_: MouseEvent| crate::common::print_page());
    let close = {
        let c = p.on_close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    html! {
        <section class="yj-cl__notice" aria-labelledby={format!("{}-notice-title", p.prefix)} data-testid="cl-notice">
            <h3 id={format!("{}-notice-title", p.prefix)} class="yj-cl__notice-title" tabindex="-1" ref={heading}>{ t(lang, "cl.notice_title") }</h3>
            <p class="yj-cl__notice-number" data-testid="cl-notice-number">{ &n.number }</p>
            if p.sample_pattern { <p><span class="yj-sample-notice">{ t(lang, "cl.notice_sample_number") }</span></p> }
            <dl class="yj-cl__notice-fields">
                <dt>{ t(lang, "cl.notice_party") }</dt><dd>{ &n.party }</dd>
                <dt>{ t(lang, "cl.notice_facts") }</dt><dd>{ list(&n.facts) }</dd>
                <dt>{ t(lang, "checklist.column.provision") }</dt><dd>{ list(&n.provisions) }</dd>
                <dt>{ t(lang, "checklist.column.legal_basis") }</dt><dd>{ list(&n.legal_basis) }</dd>
                <dt>{ t(lang, "checklist.column.mode") }</dt><dd data-testid="cl-notice-mode">{ mode }</dd>
                <dt>{ t(lang, "cl.notice_requirements") }</dt><dd>{ list(&n.requirements) }</dd>
                <dt>{ t(lang, "cl.notice_date") }</dt><dd>{ format_date(n.date) }</dd>
            </dl>
            <div class="yj-button-row yj-no-print">
                <button type="button" class="yj-button" onclick={print}>{ t(lang, "common.print") }</button>
                <button type="button" class="yj-button yj-button--secondary" id={format!("{}-notice-close", p.prefix)} onclick={close}>{ t(lang, "cl.notice_close") }</button>
            </div>
        </section>
    }
}
