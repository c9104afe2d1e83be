//! motive: a recurring check-in on autonomy, mastery and purpose.
//!
//! The core (`bank`, `score`, `snapshot`, `store`) is plain Rust that knows
//! nothing of terminals; `commands` (plain CLI) and `tui` are two faces over it.

pub mod bank;
pub mod brief;
pub mod cadence;
pub mod checkin;
pub mod checkin_event;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod commitments;
pub mod config;
pub mod crypt;
pub mod describe;
pub mod draw;
pub mod events;
pub mod exit;
pub mod last_time;
pub mod limits;
pub mod paths;
pub mod remind;
pub mod score;
pub mod search;
pub mod snapshot;
pub mod store;
pub mod summary;
pub mod text;
pub mod trend;
pub mod tui;
pub mod year_ago;
