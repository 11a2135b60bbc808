//! Data files a widget asks for when it needs them (`//! data-on-demand:` in its spec: a
//! built-in template the user picks). The widget sends `{"type": "data.wanted", "files":
//! [name]}` to its host, which `yaojian.js` takes (the page never sees it): it fetches
//! the file, installs it in this wasm instance and calls `dataInstalled`, and every
//! widget waiting draws again. A file that cannot be had is said by `yaojian.js` in the
//! widget's place, with a button to try again; what was typed stays in the widget.

use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use yew::prelude::*;

thread_local! {
    /// The widgets waiting for a file: how to draw each again, by a number of its own.
    static WAITING: RefCell<Vec<(u32, Callback<()>)>> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// A file was installed: every widget waiting draws again (and asks again for what it
/// still lacks).
pub fn installed() {
    let waiting: Vec<Callback<()>> =
        WAITING.with(|w| w.borrow().iter().map(|(_, c)| c.clone()).collect());
    for redraw in waiting {
        redraw.emit(());
    }
}

/// Asks the host for the data files `wanted` (in the order they are installed, each once
/// however often it is named; none when empty) and draws the widget again once they are
/// installed. Asked again when the names change or the widget mounts afresh.
#[hook]
pub fn use_data_wanted(named: Vec<String>, on_emit: &Callback<Value>) {
    let wanted = each_once(named);
    let redraw = use_force_update();
    let on_emit = on_emit.clone();
    use_effect_with(wanted, move |wanted| {
        let waiting = (!wanted.is_empty()).then(|| {
            let n = NEXT.with(|c| c.replace(c.get().wrapping_add(1)));
            let redraw = Callback::from(move |()| redraw.force_update());
            WAITING.with(|w| w.borrow_mut().push((n, redraw)));
            on_emit.emit(json!({ "type": "data.wanted", "files": wanted }));
            n
        });
        move || {
            if let Some(n) = waiting {
                WAITING.with(|w| w.borrow_mut().retain(|(i, _)| *i != n));
            }
        }
    });
}

/// `names` in their order, each once.
fn each_once(names: Vec<String>) -> Vec<String> {
    let mut once: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if !once.contains(&n) {
            once.push(n);
        }
    }
    once
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn a_file_named_by_two_needs_is_asked_for_once_in_first_order() {
        let names = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let both = names(&[
            "penalty-rules",
            "penalty-benchmark",
            "penalty-rules",
            "requirements-x",
        ]);
        assert_eq!(
            super::each_once(both),
            names(&["penalty-rules", "penalty-benchmark", "requirements-x"])
        );
        assert!(super::each_once(Vec::new()).is_empty());
    }
}
