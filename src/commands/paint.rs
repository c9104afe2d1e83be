//! Colour for plain output: ANSI escapes written by crossterm's style
//! commands, from the same ratatui colours the screens use. Whether to colour
//! at all is decided once, in `main` (see `cli::ColorChoice::enabled`).

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Buffer;
use ratatui::crossterm::Command;
use ratatui::crossterm::style::{Attribute, SetAttribute, SetForegroundColor};
use ratatui::style::Color;

/// Paints text when colour is on; passes it through untouched when off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

impl Paint {
    #[must_use]
    pub fn new(on: bool) -> Self {
        if on {
            // crossterm writes nothing for a colour when NO_COLOR is set, even
            // when asked explicitly; the decision was already made, with
            // NO_COLOR taken into account, so let it through.
            ratatui::crossterm::style::force_color_output(true);
        }
        Self { on }
    }

    /// `text` in `color`.
    #[must_use]
    pub fn fg(self, text: &str, color: Color) -> String {
        if !self.on || text.is_empty() {
            return text.to_owned();
        }
        let mut out = String::new();
        set_fg(&mut out, color);
        out.push_str(text);
        set_fg(&mut out, Color::Reset);
        out
    }

    /// `text` in bold and `color`.
    #[must_use]
    pub fn strong(self, text: &str, color: Color) -> String {
        if !self.on || text.is_empty() {
            return text.to_owned();
        }
        let mut out = String::new();
        command(&mut out, &SetAttribute(Attribute::Bold));
        out.push_str(&self.fg(text, color));
        command(&mut out, &SetAttribute(Attribute::NormalIntensity));
        out
    }

    /// Every row of `buf` as text, each cell in its foreground colour,
    /// trailing blanks trimmed, each row ending in a newline. Without colour,
    /// the same as [`crate::draw::chart::buffer_text`].
    #[must_use]
    pub fn buffer(self, buf: &Buffer) -> String {
        if !self.on {
            return crate::draw::chart::buffer_text(buf);
        }
        let area = buf.area;
        let mut text = String::new();
        for y in area.top()..area.bottom() {
            let cells: Vec<_> = (area.left()..area.right()).map(|x| &buf[(x, y)]).collect();
            let used = cells
                .iter()
                .rposition(|c| !c.symbol().trim().is_empty())
                .map_or(0, |last| last + 1);
            let mut current = Color::Reset;
            for cell in &cells[..used] {
                // A blank keeps the colour around it: fewer escapes, same look.
                if cell.fg != current && !cell.symbol().trim().is_empty() {
                    set_fg(&mut text, cell.fg);
                    current = cell.fg;
                }
                text.push_str(cell.symbol());
            }
            if current != Color::Reset {
                set_fg(&mut text, Color::Reset);
            }
            text.push('\n');
        }
        text
    }
}

fn set_fg(out: &mut String, color: Color) {
    command(out, &SetForegroundColor(color.into_crossterm()));
}

fn command(out: &mut String, command: &impl Command) {
    // Writing into a String cannot fail.
    let _ = command.write_ansi(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draw::chart::buffer_text;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn plain(text: &str) -> String {
        strip_ansi_escapes::strip_str(text)
    }

    #[test]
    fn off_means_untouched() {
        let paint = Paint::new(false);
        assert_eq!(paint.fg("rise", Color::Indexed(36)), "rise");
        assert_eq!(paint.strong("rise", Color::Indexed(36)), "rise");
    }

    #[test]
    fn on_wraps_text_in_a_colour_and_resets_it() {
        let paint = Paint::new(true);
        assert_eq!(
            paint.fg("rise", Color::Indexed(36)),
            "\x1b[38;5;36mrise\x1b[39m"
        );
        assert_eq!(
            paint.fg("x", Color::Rgb(0x5f, 0xaf, 0xd7)),
            "\x1b[38;2;95;175;215mx\x1b[39m"
        );
        let strong = paint.strong("fall", Color::Indexed(166));
        assert!(strong.starts_with("\x1b[1m") && strong.ends_with("\x1b[22m"));
        assert_eq!(plain(&strong), "fall");
        assert_eq!(paint.fg("", Color::Red), "");
    }

    #[test]
    fn a_buffer_keeps_its_text_and_gains_its_colours() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        buf.set_string(0, 0, "ab", Style::new().fg(Color::Indexed(74)));
        buf.set_string(3, 0, "cd", Style::new().fg(Color::Indexed(74)));
        buf.set_string(6, 0, "e", Style::new());
        buf.set_string(2, 2, "•", Style::new().fg(Color::Indexed(178)));
        let painted = Paint::new(true).buffer(&buf);
        assert_eq!(plain(&painted), buffer_text(&buf));
        let rows: Vec<&str> = painted.lines().collect();
        assert_eq!(rows[0], "\x1b[38;5;74mab cd \x1b[39me");
        assert_eq!(rows[1], "");
        assert_eq!(rows[2], "  \x1b[38;5;178m•\x1b[39m");
        assert_eq!(Paint::new(false).buffer(&buf), buffer_text(&buf));
    }
}
