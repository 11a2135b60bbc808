//! Where a widget is drawn: a Yew app over a `div` of its own, kept for the next widget
//! of its kind when the widget goes.
//!
//! Yew (0.23) never frees the event listeners it puts on an app's root
//! (`dom_bundle/subtree_root.rs`, `HostHandlers::add_listener` forgets them: its registry
//! is meant to live as long as the page), so every app destroyed would leave one closure
//! per kind of event it listened to: 1–3 KB a widget. An app is therefore never
//! destroyed here. When its widget goes, it draws nothing and waits in a small pool per
//! kind; the next widget of that kind is drawn in it, under a new key, so it starts
//! fresh. The root `div` moves into the new widget's container with its listeners.

use super::Widget;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use yew::html::Context;
use yew::virtual_dom::VChild;
use yew::{AppHandle, Component, Html, Properties};

/// Idle roots kept per kind; one more is destroyed (and leaks, as any Yew app would).
const IDLE_PER_KIND: usize = 8;

thread_local! {
    /// Idle roots with their kind (a few: a list is lighter in the wasm than a map).
    static IDLE: RefCell<Vec<(&'static str, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_KEY: Cell<u64> = const { Cell::new(1) };
}

/// What a root draws: a widget under its key, or nothing while it waits.
pub struct HostProps<W: Widget> {
    widget: Option<(u64, W::Properties)>,
}

impl<W: Widget> PartialEq for HostProps<W> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.widget, &other.widget) {
            (Some((a, p)), Some((b, q))) => a == b && p == q,
            (None, None) => true,
            _ => false,
        }
    }
}

impl<W: Widget> Properties for HostProps<W> {
    type Builder = ();
    fn builder() -> Self::Builder {}
}

/// The component at the top of a root's app.
pub struct Host<W: Widget>(PhantomData<W>);

impl<W: Widget + 'static> Component for Host<W> {
    type Message = ();
    type Properties = HostProps<W>;

    fn create(_: &Context<Self>) -> Self {
        Host(PhantomData)
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        match &ctx.props().widget {
            Some((key, props)) => VChild::<W>::new(props.clone(), Some((*key).into())).into(),
            None => Html::default(),
        }
    }
}

/// A root: its app and the `div` it draws in; the key of the widget it draws now.
pub struct Root<W: Widget + 'static> {
    app: AppHandle<Host<W>>,
    div: web_sys::Element,
    key: u64,
}

impl<W: Widget + 'static> Root<W> {
    /// A root drawing a new widget with `props` in `container`: an idle one of the kind
    /// if there is one, else a new app.
    pub fn open(container: &web_sys::Element, props: W::Properties) -> Option<Root<W>> {
        let key = NEXT_KEY.with(|k| k.replace(k.get() + 1));
        let widget = Some((key, props));
        let kind = W::spec().kind;
        let idle = IDLE.with(|i| {
            let mut idle = i.borrow_mut();
            let at = idle.iter().position(|(k, _)| *k == kind)?;
            Some(idle.swap_remove(at).1)
        });
        let root = match idle.and_then(|r| r.downcast::<Root<W>>().ok()) {
            Some(mut r) => {
                r.key = key;
                r.app.update(HostProps { widget });
                *r
            }
            None => {
                let div = web_sys::window()?.document()?.create_element("div").ok()?;
                let app = yew::Renderer::<Host<W>>::with_root_and_props(
                    div.clone(),
                    HostProps { widget },
                )
                .render();
                Root { app, div, key }
            }
        };
        container.append_child(&root.div).ok()?;
        Some(root)
    }

    /// Draws the widget again with `props`.
    pub fn update(&mut self, props: W::Properties) {
        self.app.update(HostProps {
            widget: Some((self.key, props)),
        });
    }

    /// The widget goes: the root draws nothing, leaves the page and waits for the next.
    pub fn close(mut self) {
        self.app.update(HostProps { widget: None });
        self.div.remove();
        self.key = 0;
        let kind = W::spec().kind;
        IDLE.with(|i| {
            let mut idle = i.borrow_mut();
            if idle.iter().filter(|(k, _)| *k == kind).count() < IDLE_PER_KIND {
                idle.push((kind, Box::new(self)));
            } else {
                self.app.destroy();
            }
        });
    }
}
