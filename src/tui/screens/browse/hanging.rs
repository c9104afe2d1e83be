//! Text wrapped with a hanging indent: the first line starts with its lead
//! ("  [4 often] ", "      note: "), and every further line starts under
//! the text, not at the left edge, so a wrapped note still reads as one.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::{self, wrap};

/// `body` after `lead`, wrapped to `width` columns; lines after the first
/// are indented by the lead's width (at most half the width).
#[must_use]
pub fn hanging(lead: Span<'static>, body: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let lead_width = text::width(&lead.content);
    let indent = lead_width.min(width / 2);
    let room = width.saturating_sub(indent).max(1);
    let mut parts = wrap(body, width.saturating_sub(lead_width).max(1)).into_iter();
    let first = parts.next().unwrap_or_default();
    // The rest wraps again in the room under the lead, which is wider
    // than beside it when the lead is long.
    let rest = match body.strip_prefix(first.as_str()) {
        Some(rest) if !rest.trim().is_empty() => wrap(rest.trim_start(), room),
        Some(_) => Vec::new(),
        None => parts.collect(),
    };
    let mut lines = vec![Line::from(vec![lead, Span::styled(first, style)])];
    lines.extend(
        rest.into_iter()
            .map(|part| Line::styled(format!("{}{part}", " ".repeat(indent)), style)),
    );
    lines
}

/// `body` wrapped to `width` with every line behind `indent` spaces.
#[must_use]
pub fn indented(indent: usize, body: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let room = width.saturating_sub(indent).max(1);
    wrap(body, room)
        .into_iter()
        .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), style))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn wrapped_lines_start_under_the_text() {
        let lines = hanging(
            Span::raw("  note: "),
            "one two three four five six",
            Style::default(),
            20,
        );
        assert_eq!(
            texts(&lines),
            ["  note: one two", "        three four", "        five six"]
        );
        // A lead wider than half the width: the rest wraps wider under it.
        let lines = hanging(
            Span::raw("  12.5 pts x 17% = 2.1 "),
            "I chose most of the work I took on.",
            Style::default(),
            30,
        );
        assert_eq!(
            texts(&lines),
            [
                "  12.5 pts x 17% = 2.1 I chose",
                "               most of the",
                "               work I took on."
            ]
        );
        let lines = indented(4, "alpha beta gamma", Style::default(), 14);
        assert_eq!(texts(&lines), ["    alpha beta", "    gamma"]);
    }
}
