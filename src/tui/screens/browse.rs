//! Looking back: home, the history list beside the trend chart, one
//! check-in in full, two side by side, the story of one question, the life
//! events, every commitment, and the one-page brief. Each file holds its
//! screen's state, keys and drawing; `hanging` wraps their text.

pub mod brief;
pub mod commitments;
pub mod compare;
pub mod detail;
pub mod events;
pub mod hanging;
pub mod history;
pub mod home;
pub mod thread;
