//! Rectification checklists (整改清单): items tracked until closed out (闭环管理).
//!
//! Status machine: 待整改 → 整改中 → 待复查 → 待销号 → 已销号. A re-inspection (复查)
//! that finds the problem 已改正 makes it 待销号, ready for close-out (销号); 部分改正 or
//! 未改正 sends it back to 整改中. Every transition is recorded (who, when, from, to,
//! note), and so is each notice issued for an item; an illegal transition is refused with
//! a reason, and a list offers only what the status allows (`Item::allowed_actions`).
//! Deadlines are calendar dates in UTC+8; "today" is passed in, never read from a clock.

mod item;
mod list;
mod notice;
pub mod read;
mod report;
mod request;

pub use item::*;
pub use list::*;
pub use notice::*;
pub use report::*;
pub use request::*;

pub use crate::json::wire_name;
