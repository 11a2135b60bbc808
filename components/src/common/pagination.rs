//! The one page navigation every long list uses: previous, numbered pages with gaps,
//! next, as buttons inside a labelled `<nav>`; nothing when one page holds all.

use super::{t, tf};
use yaojian::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PaginationProps {
    pub lang: Lang,
    /// The element id of the `<nav>`; its buttons are `<id>-prev`, `<id>-next`.
    pub id: AttrValue,
    /// The page shown, from 0.
    pub current: usize,
    pub pages: usize,
    pub on_page: Callback<usize>,
}

/// The pages to offer around `current`: the first, the last and the neighbours, with
/// gaps marked `None`.
pub fn page_window(current: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for p in 0..pages {
        let near = p == 0 || p + 1 == pages || p.abs_diff(current) <= 1;
        if near {
            out.push(Some(p));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

/// The rows of page `page` of `len` rows, `size` a page: (first index, end index), with
/// the page clamped to the last one.
pub fn page_bounds(len: usize, size: usize, page: usize) -> (usize, usize) {
    let size = size.max(1);
    let pages = len.div_ceil(size).max(1);
    let from = page.min(pages - 1) * size;
    (from.min(len), (from + size).min(len))
}

#[function_component(Pagination)]
pub fn pagination(p: &PaginationProps) -> Html {
    let (lang, current, pages) = (p.lang, p.current, p.pages);
    if pages < 2 {
        return html! {};
    }
    let go = |to: usize| {
        let on_page = p.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(to))
    };
    let numbers = page_window(current, pages).into_iter().map(|n| match n {
        Some(n) => {
            let label = (n + 1).to_string();
            html! {
                <li class={classes!("yj-pagination__item", (n == current).then_some("is-current"))}>
                    <button type="button" class="yj-pagination__link" onclick={go(n)}
                            aria-current={(n == current).then_some("page")}
                            aria-label={tf(lang, "common.pager.page_n", &[("n", &label)])}>{ label.clone() }</button>
                </li>
            }
        }
        None => html! { <li class="yj-pagination__item yj-pagination__gap" aria-hidden="true">{ "…" }</li> },
    });
    html! {
        <nav class="yj-pagination yj-no-print" id={p.id.clone()} aria-label={t(lang, "common.pager.label")}>
            <ul class="yj-pagination__list">
                <li class="yj-pagination__item">
                    <button type="button" class="yj-pagination__link" id={format!("{}-prev", p.id)}
                            disabled={current == 0} onclick={go(current.saturating_sub(1))}>{ t(lang, "common.pager.prev") }</button>
                </li>
                { for numbers }
                <li class="yj-pagination__item">
                    <button type="button" class="yj-pagination__link" id={format!("{}-next", p.id)}
                            disabled={current + 1 >= pages} onclick={go(current + 1)}>{ t(lang, "common.pager.next") }</button>
                </li>
            </ul>
        </nav>
    }
}
