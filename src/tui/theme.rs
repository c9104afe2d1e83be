//! One place for every style. Whether to colour at all (`--color`,
//! `NO_COLOR`) is decided once in `main` and passed to [`Theme::new`].

use ratatui::style::{Color, Modifier, Style};

use crate::config::DimensionColors;
use crate::draw::color::terminal;

/// The styles the TUI draws with. [`Theme::monochrome`] is used without
/// colour (`NO_COLOR`, `--color never`): the highlight still shows by
/// reverse video and bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub monochrome: bool,
    pub title: Style,
    pub text: Style,
    pub strong: Style,
    pub dim: Style,
    pub highlight: Style,
    pub key: Style,
    pub error: Style,
    pub good: Style,
    pub bad: Style,
    pub border: Style,
    dimensions: DimensionColors,
}

impl Theme {
    #[must_use]
    pub fn color() -> Self {
        Self {
            monochrome: false,
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            text: Style::new(),
            strong: Style::new().add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            highlight: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            good: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            bad: Style::new().fg(Color::Red),
            border: Style::new().fg(Color::DarkGray),
            dimensions: DimensionColors::default(),
        }
    }

    #[must_use]
    pub fn monochrome() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            monochrome: true,
            title: bold,
            text: Style::new(),
            strong: bold,
            dim: Style::new().add_modifier(Modifier::DIM),
            highlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: bold,
            error: bold,
            good: bold,
            bad: Style::new(),
            border: Style::new(),
            dimensions: DimensionColors::default(),
        }
    }

    /// [`Theme::color`] or, without `color`, [`Theme::monochrome`]; either
    /// way with these dimension colours (shown only in colour).
    #[must_use]
    pub fn new(color: bool, dimensions: DimensionColors) -> Self {
        let theme = if color {
            Self::color()
        } else {
            Self::monochrome()
        };
        Self {
            dimensions,
            ..theme
        }
    }

    /// The colours of each dimension, as the trend chart draws them.
    #[must_use]
    pub fn dimension_colors(&self) -> &DimensionColors {
        &self.dimensions
    }

    /// The style of a dimension's name: its colour, bold.
    #[must_use]
    pub fn dimension(&self, id: &str, index: usize) -> Style {
        if self.monochrome {
            self.strong
        } else {
            Style::new()
                .fg(terminal(self.dimensions.color(id, index)))
                .add_modifier(Modifier::BOLD)
        }
    }
}
