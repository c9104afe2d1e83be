//! The "a year ago" block as home and the start of a check-in draw it:
//! when, the label, what was written about what you want from work, and
//! the commitment made then.

use ratatui::text::{Line, Span};

use crate::text::shorten;
use crate::tui::theme::Theme;
use crate::year_ago::YearAgo;

/// Lines of the block for a screen `width` columns wide; `key` names the
/// key that opens the check-in, where one does.
#[must_use]
pub fn lines(t: &Theme, y: &YearAgo, width: usize, key: Option<&str>) -> Vec<Line<'static>> {
    let label = y
        .label
        .as_deref()
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    let mut out = vec![Line::from(vec![
        Span::styled(y.age(), t.strong),
        Span::raw(format!(", on {}{label}:", y.date.format("%Y-%m-%d"))),
    ])];
    // One row each, a reminder: the whole text is in the check-in itself.
    let row = |name: &'static str, text: &str| {
        let room = width.saturating_sub(name.len()).max(12);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        Line::from(vec![
            Span::styled(name, t.dim),
            Span::raw(shorten(&flat, room)),
        ])
    };
    if let Some(want) = &y.want {
        out.push(row("  What you wanted: ", want));
    }
    if !y.commitment.is_empty() {
        out.push(row("  You said you would: ", &y.commitment));
    }
    if let Some(key) = key {
        out.push(Line::from(vec![
            Span::styled("  ", t.dim),
            Span::styled(key.to_string(), t.key),
            Span::styled(" opens that check-in.", t.dim),
        ]));
    }
    out
}
