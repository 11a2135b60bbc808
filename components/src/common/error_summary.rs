//! The error summary (after GOV.UK's pattern): a list of problems at the top of a
//! form, each linking to its field. It takes focus when it appears so screen-reader
//! and keyboard users land on it.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct ErrorItem {
    /// The id of the input the link moves focus to.
    pub field_id: String,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub errors: Vec<ErrorItem>,
    /// Changes each time the summary should take focus again (e.g. every submit).
    #[prop_or_default]
    pub focus_token: u32,
    pub id: AttrValue,
}

#[function_component(ErrorSummary)]
pub fn error_summary(props: &ErrorSummaryProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let show = !props.errors.is_empty();
        use_effect_with(props.focus_token, move |_| {
            if show {
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    if props.errors.is_empty() {
        return html! {};
    }
    let title_id = format!("{}-title", props.id);
    html! {
        <div class="yj-error-summary" id={props.id.clone()} ref={node} tabindex="-1"
             role="alert" aria-labelledby={title_id.clone()}>
            <h2 class="yj-error-summary__title" id={title_id}>{ props.title.clone() }</h2>
            <ul class="yj-error-summary__list">
                { for props.errors.iter().map(|e| {
                    let onclick = super::focus_link(e.field_id.clone());
                    html! { <li><a href={format!("#{}", e.field_id)} {onclick}>{ e.message.clone() }</a></li> }
                }) }
            </ul>
        </div>
    }
}
