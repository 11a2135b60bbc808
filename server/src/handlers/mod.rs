//! The handlers: each takes a request, calls the engine and the store, and answers. They
//! write no SQL (`tests/layering.rs`).

pub mod csv_stream;
pub mod demo;
pub mod engine_api;
pub mod health;
pub mod item_changes;
pub mod item_import;
pub mod item_reports;
pub mod items;
pub mod notices;
pub mod submissions;
pub mod summary;
pub mod templates;
