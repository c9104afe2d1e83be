//! Something stops the check-in from starting: say what, and how to go on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::layout;
use crate::tui::theme::Theme;

/// Why the check-in cannot start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub text: String,
    /// Another process is writing: the history can still be read.
    pub busy: bool,
}

pub fn draw(theme: &Theme, notice: &Notice, frame: &mut Frame, area: Rect) {
    // On a big terminal, centred at a width that reads.
    let area = layout::readable(area);
    // One line per line of the text: its blank lines separate what went
    // wrong from what to do about it.
    let mut lines = vec![
        Line::styled(notice.title.clone(), theme.error),
        Line::raw(""),
    ];
    lines.extend(notice.text.lines().map(|l| Line::raw(l.to_string())));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
