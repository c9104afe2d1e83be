//! A change and its verdict as the screens draw them: the arrow and number
//! in the direction's colour (the same colours as the plain commands, from
//! [`crate::draw::direction`]), the verdict words styled by how far the
//! change exceeds measurement error, never by its direction.

use ratatui::style::Style;
use ratatui::text::Span;

use crate::describe::{self, Direction};
use crate::draw::direction;
use crate::score::{DimensionChange, Verdict};
use crate::tui::theme::Theme;

/// The style of a change in `direction`: its colour, bold when the change
/// exceeds measurement error; plain without colour (the arrow still shows).
#[must_use]
pub fn change_style(t: &Theme, change: &DimensionChange) -> Style {
    let strong = if change.verdict == Verdict::Reliable {
        t.strong
    } else {
        Style::new()
    };
    let colour = change
        .shown_delta()
        .map(Direction::of)
        .and_then(direction::color);
    match colour {
        Some(colour) if !t.monochrome => strong.fg(colour),
        _ => strong,
    }
}

/// The style of the verdict words: bold beyond measurement error, plain for
/// a possible change, dim for little change and unknown.
#[must_use]
pub fn verdict_style(t: &Theme, verdict: Verdict) -> Style {
    match verdict {
        Verdict::Reliable => t.strong,
        Verdict::Possible => t.text,
        Verdict::Little | Verdict::Unknown(_) => t.dim,
    }
}

/// The change cell (`↓ -8.0`), right-aligned in `width`, in its style.
#[must_use]
pub fn change_span(t: &Theme, change: &DimensionChange, width: usize) -> Span<'static> {
    Span::styled(
        format!("{:>width$}", describe::delta_cell(change.shown_delta())),
        change_style(t, change),
    )
}
