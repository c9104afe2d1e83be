//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, and two side by side. Each file holds its screen's
//! state, keys and drawing.

pub mod compare;
pub mod detail;
pub mod hanging;
pub mod history;
pub mod home;
pub mod thread;
