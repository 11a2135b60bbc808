//! `yaojian-server`: receives what the widgets produce, re-validates it with the engine,
//! stores it (SQLite or PostgreSQL), scopes every read by the portal's signed token and
//! serves the widgets. It holds no domain rule of its own: every check is `yaojian`'s.
//!
//! Data flows one way: `startup` builds the router from `routes`; a request passes
//! `log` and `auth` to a handler (`handlers/`), which calls the engine and the `store`
//! and answers. The store never imports handlers or `auth`; handlers write no SQL
//! (`tests/layering.rs`).

pub mod auth;
pub mod body;
pub mod digest;
pub mod error;
pub mod handlers;
pub mod identity;
pub mod listen;
pub mod log;
pub mod messages;
pub mod routes;
pub mod startup;
pub mod state;
pub mod store;
pub mod token;

pub use startup::{api, app, Options};
pub use state::AppState;
