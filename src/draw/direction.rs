//! The colours of a change's direction, shared by the TUI and the plain
//! commands so both faces draw a rise and a fall alike. From the
//! colour-blind-safe Okabe-Ito palette; the arrow says the same without
//! colour. A fall is never drawn in the rise colour, and neither colour
//! says whether a change exceeds measurement error: the verdict does.

use ratatui::style::Color;

use crate::config::color::okabe_ito;
use crate::describe::Direction;
use crate::draw::color::terminal;

/// The colour of a rise.
#[must_use]
pub fn rise() -> Color {
    terminal(okabe_ito::BLUISH_GREEN)
}

/// The colour of a fall.
#[must_use]
pub fn fall() -> Color {
    terminal(okabe_ito::VERMILLION)
}

/// The colour of a change in `direction`; none for no change.
#[must_use]
pub fn color(direction: Direction) -> Option<Color> {
    match direction {
        Direction::Rise => Some(rise()),
        Direction::Fall => Some(fall()),
        Direction::Flat => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rise_and_a_fall_never_share_a_colour() {
        assert_ne!(rise(), fall());
        assert_eq!(color(Direction::Fall), Some(fall()));
        assert_eq!(color(Direction::Rise), Some(rise()));
        assert_eq!(color(Direction::Flat), None);
    }
}
