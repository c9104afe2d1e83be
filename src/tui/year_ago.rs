//! The "a year ago" block as home and the start of a check-in draw it:
//! when, the label, what was written about what you want from work, and
//! the commitment made then.

use ratatui::text::{Line, Span};

use crate::text::{self, shorten};
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

/// The block for a screen with `room` rows left: in full when it fits,
/// else one line (the commitment, or what you wanted), else nothing.
#[must_use]
pub fn fitted(
    t: &Theme,
    y: &YearAgo,
    width: usize,
    room: usize,
    key: Option<&str>,
) -> Vec<Line<'static>> {
    let full = lines(t, y, width, key);
    if rows(&full, width) <= room {
        return full;
    }
    let (name, said) = if y.commitment.is_empty() {
        ("you wanted", y.want.as_deref().unwrap_or_default())
    } else {
        ("you said you would", y.commitment.as_str())
    };
    let head = format!("{} {name}: ", y.age());
    let flat = said.split_whitespace().collect::<Vec<_>>().join(" ");
    let room_for_text = width.saturating_sub(text::width(&head)).max(12);
    let line = Line::from(vec![
        Span::styled(head, t.strong),
        Span::raw(shorten(&flat, room_for_text)),
    ]);
    if room >= 1 && !said.is_empty() {
        vec![line]
    } else {
        Vec::new()
    }
}

/// The rows `lines` take wrapped at word boundaries to `width` columns.
#[must_use]
pub fn rows(lines: &[Line<'_>], width: usize) -> usize {
    lines
        .iter()
        .map(|l| {
            let plain: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            text::wrap(&plain, width).len().max(1)
        })
        .sum()
}
