//! Drawing both faces share: the trend chart widget (the TUI's history and
//! `motive chart`), the trend as SVG (`svg`), the terminal colour of a setting, and the colours of a
//! change's direction. The data they draw
//! comes from the core ([`crate::trend`], [`crate::config::color`]).

pub mod chart;
pub mod color;
pub mod direction;
pub mod marks;
pub mod svg;
