//! Rectification checklists (整改清单): items tracked until closed out (闭环管理).
//!
//! Status machine: 待整改 → 整改中 → 待复查 → 已销号. A re-inspection (复查) that finds
//! the problem 部分改正 or 未改正 sends the item back to 整改中; close-out (销号) needs a
//! passing re-inspection (已改正) after the last report. Every transition is recorded
//! (who, when, from, to, note); an illegal one is refused with a reason.
//! Deadlines are calendar dates in UTC+8; "today" is passed in, never read from a clock.

mod item;
mod list;
mod notice;
mod report;
mod request;

pub use item::*;
pub use list::*;
pub use notice::*;
pub use report::*;
pub use request::*;

pub use crate::json::wire_name;
