//! Drawing both faces share: the trend chart widget (the TUI's history and
//! `motive chart`) and the terminal colour of a setting. The data they draw
//! comes from the core ([`crate::trend`], [`crate::config::color`]).

pub mod chart;
pub mod color;
