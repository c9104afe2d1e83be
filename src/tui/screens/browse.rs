//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, two side by side, the life events, and the one-page
//! brief. Each file holds its screen's state, keys and drawing.

pub mod brief;
pub mod compare;
pub mod detail;
pub mod events;
pub mod history;
pub mod home;
