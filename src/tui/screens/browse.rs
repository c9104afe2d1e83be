//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, two side by side, and the story of one question. Each
//! file holds its screen's state, keys and drawing; `hanging` wraps their
//! text.

pub mod compare;
pub mod detail;
pub mod hanging;
pub mod history;
pub mod home;
pub mod thread;
