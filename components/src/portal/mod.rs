//! The demo portal (feature `demo`): a page dressed as a provincial bureau portal
//! section that hosts every widget, with navigation between them and a panel showing
//! the JSON each widget emits. Widgets appear here as they land: see [`WIDGETS`].

use crate::common::{t, WidgetProps};
use yaojian::Lang;
use yew::prelude::*;

/// One widget hosted by the portal.
pub struct WidgetEntry {
    /// URL fragment and DOM id suffix, e.g. `penalty` → `#penalty`.
    pub slug: &'static str,
    /// Catalog key of the navigation label.
    pub title_key: &'static str,
    pub render: fn(WidgetProps) -> Html,
}

/// The widgets that exist. Add an entry when a widget lands; never a placeholder.
pub const WIDGETS: &[WidgetEntry] = &[
    WidgetEntry {
        slug: "self-inspection",
        title_key: "si.nav.personal",
        render: |p| html! { <crate::self_inspection::SelfInspection lang={p.lang} on_emit={p.on_emit} storage_key="demo" /> },
    },
    WidgetEntry {
        slug: "mah-self-inspection",
        title_key: "si.nav.mah",
        render: |p| html! { <crate::self_inspection::SelfInspection lang={p.lang} on_emit={p.on_emit} template_id="mah-representative-management" storage_key="demo" /> },
    },
    WidgetEntry {
        slug: "submissions-summary",
        title_key: "fs.nav",
        render: |p| html! { <crate::submissions_summary::SubmissionsSummary lang={p.lang} on_emit={p.on_emit} value={crate::submissions_summary::example_batch()} /> },
    },
    WidgetEntry {
        slug: "penalty",
        title_key: "pc.title",
        render: |p| html! { <crate::penalty_calculator::PenaltyCalculator lang={p.lang} on_emit={p.on_emit} /> },
    },
    WidgetEntry {
        slug: "requirements",
        title_key: "rq.title",
        render: |p| html! { <crate::requirements::Requirements lang={p.lang} on_emit={p.on_emit} /> },
    },
    WidgetEntry {
        slug: "rectification",
        title_key: "cl.title",
        render: |p| html! { <crate::rectification::Rectification lang={p.lang} on_emit={p.on_emit} storage_key={AttrValue::from("demo-portal")} /> },
    },
];

/// Mounts the portal on `#yj-demo` when the page has one.
pub fn mount_if_present() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("yj-demo"));
    if let Some(root) = root {
        yew::Renderer::<Portal>::with_root(root).render();
    }
}

fn current_slug() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let slug = hash.trim_start_matches('#');
    WIDGETS
        .iter()
        .find(|w| w.slug == slug)
        .map(|w| w.slug.to_string())
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.tag());
    }
}

#[function_component(Portal)]
pub fn portal() -> Html {
    let lang = use_state(Lang::default);
    let active = use_state(current_slug);
    let emitted = use_state(|| None::<String>);

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let l = Lang::parse(&v);
            set_document_lang(l);
            lang.set(l);
        })
    };
    let on_emit = {
        let emitted = emitted.clone();
        Callback::from(move |v: serde_json::Value| {
            emitted.set(Some(serde_json::to_string_pretty(&v).unwrap_or_default()));
        })
    };
    let l = *lang;

    let nav = WIDGETS.iter().map(|w| {
        let is_current = active.as_deref() == Some(w.slug);
        let onclick = {
            let active = active.clone();
            let emitted = emitted.clone();
            let slug = w.slug.to_string();
            Callback::from(move |_: MouseEvent| {
                emitted.set(None);
                active.set(Some(slug.clone()));
            })
        };
        html! {
            <li>
                <a href={format!("#{}", w.slug)} class={classes!("yj-portal__navlink", is_current.then_some("is-current"))}
                   aria-current={is_current.then_some("page")} {onclick}>{ t(l, w.title_key) }</a>
            </li>
        }
    });

    let body = match active
        .as_deref()
        .and_then(|s| WIDGETS.iter().find(|w| w.slug == s))
    {
        Some(w) => html! {
            <section class="yj-portal__widget" aria-labelledby="yj-portal-widget-title">
                <h2 id="yj-portal-widget-title" class="yj-portal__widget-title">{ t(l, w.title_key) }</h2>
                { (w.render)(WidgetProps { lang: l, on_emit: on_emit.clone() }) }
            </section>
        },
        None => html! {
            <section class="yj-portal__intro" aria-labelledby="yj-portal-intro-title">
                <h2 id="yj-portal-intro-title">{ t(l, "portal.intro.title") }</h2>
                <p>{ t(l, "portal.intro.body") }</p>
                if WIDGETS.is_empty() {
                    <p>{ t(l, "portal.intro.none") }</p>
                }
            </section>
        },
    };

    html! {
        <div class="yj-portal">
            <a class="yj-skip-link" href="#yj-main">{ t(l, "portal.skip") }</a>
            <header class="yj-portal__header">
                <div class="yj-portal__brand">
                    <span class="yj-portal__emblem" aria-hidden="true">{"药"}</span>
                    <div>
                        <p class="yj-portal__bureau">{ t(l, "portal.bureau") }</p>
                        <p class="yj-portal__section">{ t(l, "portal.section") }</p>
                    </div>
                </div>
                <div class="yj-portal__lang">
                    <label for="yj-portal-lang">{ t(l, "portal.language") }</label>
                    <select id="yj-portal-lang" onchange={on_lang}>
                        { for Lang::ALL.iter().map(|x| html! {
                            <option value={x.tag()} selected={*x == l}>{ t(*x, "portal.language.self") }</option>
                        }) }
                    </select>
                </div>
            </header>
            <nav class="yj-portal__nav" aria-label={t(l, "portal.nav")}>
                <ul>
                    <li>
                        <a href="#" class={classes!("yj-portal__navlink", active.is_none().then_some("is-current"))}
                           aria-current={active.is_none().then_some("page")}
                           onclick={ let a = active.clone(); Callback::from(move |_: MouseEvent| a.set(None)) }>
                            { t(l, "portal.home") }
                        </a>
                    </li>
                    { for nav }
                </ul>
            </nav>
            <div class="yj-portal__layout">
                <main id="yj-main" class="yj-portal__main" tabindex="-1">{ body }</main>
                <aside class="yj-portal__json" aria-labelledby="yj-json-title">
                    <h2 id="yj-json-title">{ t(l, "portal.json.title") }</h2>
                    <p class="yj-portal__json-help">{ t(l, "portal.json.help") }</p>
                    <pre class="yj-portal__json-output" tabindex="0" aria-label={t(l, "portal.json.title")} data-testid="emitted-json">
                        { emitted.as_deref().map(str::to_string).unwrap_or_else(|| t(l, "portal.json.empty")) }
                    </pre>
                </aside>
            </div>
            <footer class="yj-portal__footer">
                <p>{ t(l, "portal.footer") }</p>
            </footer>
        </div>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
