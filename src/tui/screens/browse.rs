//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, two side by side, and every commitment. Each file holds its screen's
//! state, keys and drawing.

pub mod commitments;
pub mod compare;
pub mod detail;
pub mod history;
pub mod home;
