//! Small drawing pieces several screens share: score bars, key hints and
//! scrolled text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keys::{self, Action, Context};
use super::layout;
use super::theme::Theme;
use crate::score::DimensionScore;

/// `lines`, wrapped in `area` and scrolled `scroll` rows, no further than
/// their last row.
pub fn scrolled_text(lines: Vec<Line<'_>>, scroll: u16, frame: &mut Frame, area: Rect) {
    let scroll = scroll.min(layout::scroll_limit(wrapped_height(&lines, area), area));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// The rows `lines` take wrapped in `area`, exactly as a wrapping
/// paragraph draws them (at words, so often more than their width over
/// the area's).
#[must_use]
pub fn wrapped_height(lines: &[Line<'_>], area: Rect) -> usize {
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(area.width.max(1))
}

/// One line per dimension: name, a bar, the score.
#[must_use]
pub fn score_lines(
    theme: &Theme,
    scores: &[DimensionScore],
    bar_width: usize,
) -> Vec<Line<'static>> {
    let name_width = scores
        .iter()
        .map(|s| crate::text::width(&s.name))
        .max()
        .unwrap_or(0);
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let style = theme.dimension(&s.dimension, i);
            let name = format!("{}  ", crate::text::pad(&s.name, name_width));
            let mut spans = vec![Span::styled(name, style)];
            match s.score {
                Some(score) => {
                    // Rounded to whole cells; score is within 0..=100.
                    let filled = ((score / 100.0) * bar_width as f64).round() as usize;
                    spans.push(Span::styled("█".repeat(filled.min(bar_width)), style));
                    spans.push(Span::styled(
                        "░".repeat(bar_width - filled.min(bar_width)),
                        theme.dim,
                    ));
                    spans.push(Span::raw(format!(" {:>5}", crate::describe::number(score))));
                }
                None => spans.push(Span::styled("not enough answers", theme.dim)),
            }
            Line::from(spans)
        })
        .collect()
}

/// The keys of `context` that its footer shows, one item each (the key, then
/// its word), the first with the footer's leading space. `digits` names the
/// digit keys that answer on the current scale (e.g. `1-5`).
#[must_use]
fn key_hints(theme: &Theme, context: Context, digits: Option<&str>) -> Vec<Vec<Span<'static>>> {
    keys::table(context)
        .bindings
        .iter()
        .filter(|b| b.footer)
        .enumerate()
        .map(|(i, binding)| {
            let label = match (binding.action, digits) {
                (Action::Digit(_), Some(digits)) => digits.to_string(),
                _ => binding.label.to_string(),
            };
            let mut item = Vec::with_capacity(3);
            if i == 0 {
                item.push(Span::raw(" "));
            }
            item.push(Span::styled(label, theme.key));
            item.push(Span::raw(format!(" {}", short(binding.short))));
            item
        })
        .collect()
}

/// Key hints in rows of at most `width` columns, broken between keys,
/// never inside one (see [`layout::footer_rows`]).
#[must_use]
pub fn key_rows(
    theme: &Theme,
    context: Context,
    digits: Option<&str>,
    width: usize,
) -> Vec<Line<'static>> {
    let mut hints: Vec<Option<Vec<Span<'static>>>> = key_hints(theme, context, digits)
        .into_iter()
        .map(Some)
        .collect();
    let widths: Vec<usize> = hints
        .iter()
        .flatten()
        .map(|item| item.iter().map(Span::width).sum())
        .collect();
    layout::footer_rows(&widths, width)
        .into_iter()
        .enumerate()
        .map(|(row, items)| {
            let items = items
                .into_iter()
                .filter_map(|i| hints.get_mut(i).and_then(Option::take))
                .collect();
            join(theme, items, row > 0)
        })
        .collect()
}

/// Items on one line with ` · ` between them; `indent` starts it one column in.
fn join(theme: &Theme, items: Vec<Vec<Span<'static>>>, indent: bool) -> Line<'static> {
    let mut spans = Vec::new();
    if indent {
        spans.push(Span::raw(" "));
    }
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        spans.extend(item);
    }
    Line::from(spans)
}

/// The first words of a help text, for the footer.
fn short(help: &str) -> &str {
    help.split([';', '(']).next().unwrap_or(help).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_height_counts_rows_as_words_wrap_not_as_characters_divide() {
        let area = Rect::new(0, 0, 6, 10);
        // 12 columns over 6 would be 2 rows; at words it is "abc", "defg", "hij".
        assert_eq!(wrapped_height(&[Line::raw("abc defg hij")], area), 3);
        assert_eq!(
            wrapped_height(&[Line::raw(""), Line::raw("abcdef")], area),
            2
        );
    }
}
