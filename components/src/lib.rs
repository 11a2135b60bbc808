//! # yaojian-components
//!
//! Yew widgets for drug-regulation portals. Each widget lives in its own folder
//! (component, styles, examples, browser tests). Widgets render engine state and send
//! engine actions; they never compute a domain result themselves (that is `yaojian`).
//!
//! With the `demo` feature the crate also carries the demo portal (`portal/`), mounted
//! on `#yj-demo` by `index.html`. The embeddable bundle in `dist/` is built without it.

pub mod common;
pub mod contract;
pub mod embed;
#[cfg(feature = "demo")]
pub mod portal;
pub mod widgets;

use wasm_bindgen::prelude::*;

/// Entry point run when the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    embed::install_panic_hook();
    yaojian::data::on_missing(embed::report_missing_data);
    #[cfg(feature = "demo")]
    portal::mount_if_present();
}
