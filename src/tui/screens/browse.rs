//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, two side by side, and the life events. Each file holds its screen's
//! state, keys and drawing.

pub mod compare;
pub mod detail;
pub mod events;
pub mod history;
pub mod home;
