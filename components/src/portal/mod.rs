//! The demo portal (feature `demo`): a page dressed as a provincial bureau portal
//! section that hosts every widget, with navigation between them and a panel showing
//! the JSON each widget emits. Each page is a widget's example marked `demo` (see
//! [`pages`]), mounted through the widget contract as a portal's page would mount it.

mod published;
mod signin;

use crate::common::t;
use crate::contract::Mounted;
use crate::widgets;
use published::FormChoice;
use serde_json::Value;
use signin::{use_sample_users, Session, SignIn, DEMO_ENDPOINT};
use std::rc::Rc;
use yaojian::Lang;
use yew::prelude::*;

/// One page of the portal: an example of a widget marked `"demo": {"slug", "nav"}`.
#[derive(Clone, PartialEq)]
pub struct DemoPage {
    /// URL fragment, e.g. `penalty` → `#penalty`.
    pub slug: String,
    /// Catalog key of the navigation label.
    pub title_key: String,
    pub kind: &'static str,
    pub example: Rc<Value>,
}

/// The portal's pages: every widget's demo examples, in the order of the widget list.
/// A widget appears here when its folder has one; never a placeholder.
pub fn pages() -> Vec<DemoPage> {
    widgets::specs()
        .flat_map(|spec| {
            widgets::examples::by_kind(spec.kind)
                .iter()
                .filter_map(move |(_, json)| {
                    let ex: Value = serde_json::from_str(json).ok()?;
                    let demo = ex.get("demo")?;
                    Some(DemoPage {
                        slug: demo["slug"].as_str()?.to_string(),
                        title_key: demo["nav"].as_str()?.to_string(),
                        kind: spec.kind,
                        example: Rc::new(ex),
                    })
                })
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct HostProps {
    page: DemoPage,
    lang: Lang,
    on_emit: Callback<Value>,
    /// Served by the demo server: the widgets that talk to it get its endpoint.
    server: bool,
    /// Who is signed in: those widgets get their token, or lose it on sign-out, without
    /// being mounted again (as a portal's page would hand it over).
    session: Option<Session>,
}

/// The widgets that file to or read from the server.
fn uses_server(kind: &str) -> bool {
    matches!(
        kind,
        "self-inspection" | "submissions-summary" | "rectification" | "form-builder"
    )
}

/// The widgets that show a form template a bureau may have published on the server.
fn shows_published_forms(kind: &str) -> bool {
    matches!(kind, "self-inspection" | "submissions-summary")
}

/// A widget mounted through the contract, as `yaojian.js` mounts it: the example's
/// settings, then its properties in the order the spec lists them.
#[function_component(ContractHost)]
fn contract_host(p: &HostProps) -> Html {
    let node = use_node_ref();
    let mounted = use_mut_ref(|| None::<Box<dyn Mounted>>);
    // The form chosen on the page, when the server offers its published ones: the widget
    // is mounted again for it, so nothing typed for one form shows in another.
    let chosen = use_state(|| None::<String>);
    {
        let (node, mounted, lang, on_emit, session) = (
            node.clone(),
            mounted.clone(),
            p.lang,
            p.on_emit.clone(),
            p.session.clone(),
        );
        use_effect_with(
            (p.page.clone(), p.server, (*chosen).clone()),
            move |(page, server, chosen)| {
                let (Some(el), Some(entry)) =
                    (node.cast::<web_sys::Element>(), widgets::entry(page.kind))
                else {
                    return Box::new(|| ()) as Box<dyn FnOnce()>;
                };
                let mut w = entry.start(lang, on_emit);
                let mut settings = page.example["settings"]
                    .as_object()
                    .cloned()
                    .unwrap_or_default();
                let server = *server && uses_server(page.kind);
                if server {
                    settings.insert("endpoint".into(), DEMO_ENDPOINT.into());
                    if let Some(id) = chosen {
                        settings.insert("template-id".into(), id.clone().into());
                    }
                }
                w.set_all(&settings);
                // Whoever is signed in when the page opens, from the first drawing on.
                if let Some(s) = session.as_ref().filter(|_| server) {
                    let _ = w.put("token", &Value::String(s.token.clone()).to_string());
                }
                w.render(Some(el));
                for prop in (entry.spec)().properties {
                    if let Some(v) = page.example["properties"].get(prop.name) {
                        // The server's submissions take the place of the example's.
                        if !(server && prop.name == "value") {
                            let _ = w.set_property(prop.name, &v.to_string());
                        }
                    }
                }
                *mounted.borrow_mut() = Some(w);
                Box::new(move || {
                    if let Some(mut w) = mounted.borrow_mut().take() {
                        w.destroy();
                    }
                })
            },
        );
    }
    {
        // Signing in hands the token over; signing out takes it back.
        let mounted = mounted.clone();
        let token = p.session.as_ref().map(|s| s.token.clone());
        let takes_token = p.server && uses_server(p.page.kind);
        use_effect_with((token, takes_token), move |(token, takes_token)| {
            if let (Some(w), true) = (mounted.borrow_mut().as_mut(), *takes_token) {
                let json = token.clone().map_or(Value::Null, Value::String).to_string();
                let _ = w.set_property("token", &json);
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(p.lang, move |lang| {
            if let Some(w) = mounted.borrow_mut().as_mut() {
                w.set_lang(*lang);
                w.render(None);
            }
        });
    }
    let choice = (p.server && shows_published_forms(p.page.kind)).then(|| {
        let example = yaojian::form::chosen_id(p.page.example["settings"]["template-id"].as_str());
        let shown = AttrValue::from((*chosen).clone().unwrap_or_else(|| example.to_string()));
        let on_choose = {
            let chosen = chosen.clone();
            Callback::from(move |id: String| chosen.set(Some(id)))
        };
        html! { <FormChoice lang={p.lang} chosen={shown} {on_choose} /> }
    });
    html! { <>{ for choice }<div ref={node}></div></> }
}

/// Mounts the portal on `#yj-demo` when the page has one.
pub fn mount_if_present() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("yj-demo"));
    if let Some(root) = root {
        yew::Renderer::<Portal>::with_root(root).render();
    }
}

/// What the address's `#…` names: the home page (`Some(None)`: none or `#`), a page
/// (`Some(Some(slug))`), or neither (an anchor within the page: `None`).
fn page_of_hash() -> Option<Option<String>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let slug = hash.trim_start_matches('#');
    if slug.is_empty() {
        return Some(None);
    }
    pages()
        .into_iter()
        .find(|w| w.slug == slug)
        .map(|w| Some(w.slug))
}

fn current_slug() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let slug = hash.trim_start_matches('#');
    pages().into_iter().find(|w| w.slug == slug).map(|w| w.slug)
}

/// Where the portal keeps the reader's language, so that it survives a reload.
const LANG_KEY: &str = "yaojian.portal.lang";

/// The language chosen before (this browser), else the default.
fn saved_lang() -> Lang {
    crate::common::store_get(LANG_KEY)
        .ok()
        .flatten()
        .map_or_else(Lang::default, |tag| Lang::parse(&tag))
}

/// The page's `lang` and title in `lang`: "page · portal" on a widget's page.
fn set_document_lang(lang: Lang, page: Option<&DemoPage>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.document_element() {
        let _ = el.set_attribute("lang", lang.tag());
    }
    let portal = t(lang, "portal.page_title");
    doc.set_title(&match page {
        Some(p) => format!("{} · {portal}", t(lang, &p.title_key)),
        None => portal,
    });
}

#[function_component(Portal)]
pub fn portal() -> Html {
    let lang = use_state(saved_lang);
    let active = use_state(current_slug);
    let emitted = use_state(|| None::<String>);
    // Back, forward and a typed `#page` change the page too.
    {
        let (active, emitted) = (active.clone(), emitted.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    // An anchor in the page (the skip link's #yj-main) is not a page.
                    let Some(now) = page_of_hash() else { return };
                    if *active != now {
                        emitted.set(None);
                        active.set(now);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let users = use_sample_users();
    let session = use_state(|| None::<Session>);

    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let l = Lang::parse(&v);
            // A browser that keeps nothing still switches; only the reload forgets.
            let _ = crate::common::store_set(LANG_KEY, l.tag());
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

    let pages = use_memo((), |_| pages());
    {
        let pages = pages.clone();
        use_effect_with((l, (*active).clone()), move |(l, active)| {
            let page = pages.iter().find(|p| Some(&p.slug) == active.as_ref());
            set_document_lang(*l, page);
        });
    }
    let nav = pages.iter().map(|w| {
        let is_current = active.as_deref() == Some(w.slug.as_str());
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
                   aria-current={is_current.then_some("page")} {onclick}>{ t(l, &w.title_key) }</a>
            </li>
        }
    });

    let body = match active
        .as_deref()
        .and_then(|s| pages.iter().find(|w| w.slug == s))
    {
        Some(w) => html! {
            <section class="yj-portal__widget" aria-labelledby="yj-portal-widget-title">
                <h2 id="yj-portal-widget-title" class="yj-portal__widget-title">{ t(l, &w.title_key) }</h2>
                // Generated data shown in place of the server's: said to be samples.
                if w.example["demo"]["sample"] == true && !(users.is_some() && uses_server(w.kind)) {
                    <p data-testid="portal-sample-data"><span class="yj-sample-notice">{ t(l, "portal.sample_data") }</span></p>
                }
                <ContractHost key={w.slug.clone()} page={w.clone()} lang={l} on_emit={on_emit.clone()} server={users.is_some()} session={(*session).clone()} />
            </section>
        },
        None => html! {
            <section class="yj-portal__intro" aria-labelledby="yj-portal-intro-title">
                <h2 id="yj-portal-intro-title">{ t(l, "portal.intro.title") }</h2>
                <p>{ t(l, "portal.intro.body") }</p>
                if pages.is_empty() {
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
            if let Some(users) = users {
                <SignIn lang={l} {users} session={(*session).clone()}
                        on_change={ let s = session.clone(); Callback::from(move |x| s.set(x)) } />
            }
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
