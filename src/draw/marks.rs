//! What a terminal chart marks across its plot besides the lines: a dashed
//! column `┆` where the bank or its version changes, and a column `│` for
//! each life event, numbered at its top. And the legend rows that name
//! them ("┆ bank: core 1, then core 2", "1 new manager (1 Jun 2026)").
//!
//! They are drawn before the lines, so a line is never hidden by a mark.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::events::Event;
use crate::trend::{self, Stretch};

/// The column drawn where the bank or its version changes.
pub const BANK_CHANGE: &str = "┆";
/// The column drawn on an event's day.
pub const EVENT: &str = "│";

/// The style of the marks and their legend: dim, so the lines stand out,
/// and in no colour, so no mark is read as a dimension or a direction.
#[must_use]
pub fn style() -> Style {
    Style::default().add_modifier(Modifier::DIM)
}

/// The graph inside a chart drawn by ratatui's `Chart` in `plot` with
/// three-character y labels and a row of x labels: where its canvas
/// paints (the same arithmetic as `Chart`'s own layout).
#[must_use]
pub fn graph_area(plot: Rect) -> Rect {
    let labels = 3.min(plot.width / 3);
    let mut x = plot.x + labels;
    if x + 1 < plot.right() {
        x += 1;
    }
    let mut bottom = plot.bottom().saturating_sub(1);
    for _ in 0..2 {
        if bottom > plot.top() {
            bottom -= 1;
        }
    }
    Rect::new(
        x,
        plot.y,
        plot.right().saturating_sub(x),
        bottom.saturating_sub(plot.top()) + 1,
    )
    .intersection(plot)
}

/// The column of `x` on a graph `graph` wide over `bounds`, as the canvas
/// places it; `None` outside.
fn column(graph: Rect, bounds: [f64; 2], x: f64) -> Option<u16> {
    let width = bounds[1] - bounds[0];
    if graph.width == 0 || width <= 0.0 || x < bounds[0] || x > bounds[1] {
        return None;
    }
    let cells = f64::from(graph.width - 1);
    // Within the graph, so the cast cannot overflow.
    let offset = ((x - bounds[0]) * cells / width).round() as u16;
    Some(graph.x + offset.min(graph.width - 1))
}

/// Draw the marks into `graph` (see [`graph_area`]), whose x runs over
/// `bounds`: a `┆` column at each x of `bank_changes`, a `│` column at each
/// x of `events` (in order) with its number, from 1, on the top row.
pub fn draw(buf: &mut Buffer, graph: Rect, bounds: [f64; 2], bank_changes: &[f64], events: &[f64]) {
    if graph.is_empty() {
        return;
    }
    let style = style();
    let mut fill = |x: f64, symbol: &str, from: u16| {
        let col = column(graph, bounds, x)?;
        for y in from..graph.bottom() {
            buf[(col, y)].set_symbol(symbol).set_style(style);
        }
        Some(col)
    };
    for &x in bank_changes {
        fill(x, BANK_CHANGE, graph.top());
    }
    let mut numbers: Vec<(u16, String)> = Vec::new();
    for (i, &x) in events.iter().enumerate() {
        if let Some(col) = fill(x, EVENT, graph.top().saturating_add(1)) {
            numbers.push((col, (i + 1).to_string()));
        }
    }
    // Numbers left to right; one that would overlap the last moves right.
    let mut free = graph.x;
    let number_style = style
        .remove_modifier(Modifier::DIM)
        .add_modifier(Modifier::BOLD);
    for (col, number) in numbers {
        let start = col.max(free);
        for (k, ch) in number.chars().enumerate() {
            let at = start.saturating_add(u16::try_from(k).unwrap_or(u16::MAX));
            if at >= graph.right() {
                break;
            }
            buf[(at, graph.top())]
                .set_symbol(ch.encode_utf8(&mut [0; 4]))
                .set_style(number_style);
        }
        free = start.saturating_add(u16::try_from(number.len()).unwrap_or(u16::MAX) + 1);
    }
}

/// The legend entries of the marks, for a legend `width` cells wide:
/// which bank each stretch used, when more than one, and each event by
/// number. Each in full when it fits (`┆ bank changed: core 1, then core
/// 2`, `1 new manager (1 Jun 2026)`), else shorter (`┆ core 1 → core 2`,
/// `1 new manager`), cut to the width if need be: one line each.
#[must_use]
pub fn legend(stretches: &[Stretch], events: &[Event], width: u16) -> Vec<Span<'static>> {
    let columns = usize::from(width);
    let fit = |full: String, short: String| {
        let text = if crate::text::width(&full) <= columns {
            full
        } else {
            crate::text::shorten(&short, columns)
        };
        Span::styled(text, style())
    };
    let mut spans = Vec::new();
    if let Some(banks) = trend::stretches_line(stretches) {
        let names: Vec<String> = stretches.iter().map(Stretch::name).collect();
        spans.push(fit(
            format!("{BANK_CHANGE} bank changed: {banks}"),
            format!("{BANK_CHANGE} {}", names.join(" → ")),
        ));
    }
    for (i, event) in events.iter().enumerate() {
        spans.push(fit(
            format!("{} {}", i + 1, event.line()),
            format!("{} {}", i + 1, crate::text::escape_line(&event.label)),
        ));
    }
    spans
}

/// `entries` packed into lines at most `width` cells wide, two spaces
/// apart; an entry wider than a line is wrapped at its words onto lines of
/// its own.
#[must_use]
pub fn pack(entries: Vec<Span<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut used = 0;
    for entry in entries {
        let w = entry.width();
        match lines.last_mut() {
            Some(line) if used + 2 + w <= width => {
                line.push(Span::raw("  "));
                line.push(entry);
                used += 2 + w;
            }
            _ if w > width => {
                let style = entry.style;
                let parts = crate::text::wrap(&entry.content, width);
                used = parts.last().map_or(0, |p| crate::text::width(p));
                lines.extend(parts.into_iter().map(|p| vec![Span::styled(p, style)]));
            }
            _ => {
                used = w;
                lines.push(vec![entry]);
            }
        }
    }
    lines.into_iter().map(Line::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_area_matches_the_charts_own_layout() {
        // y labels "100" and the axis take four columns, the x labels and
        // the axis two rows.
        assert_eq!(graph_area(Rect::new(2, 3, 40, 10)), Rect::new(6, 3, 36, 8));
        assert!(graph_area(Rect::new(0, 0, 0, 0)).is_empty());
    }

    #[test]
    fn marks_sit_on_their_day_and_numbers_never_overlap() {
        let graph = Rect::new(0, 0, 11, 4);
        let mut buf = Buffer::empty(graph);
        draw(&mut buf, graph, [0.0, 10.0], &[5.0], &[0.0, 0.0, 10.0]);
        let row = |y: u16| -> String { (0..11).map(|x| buf[(x, y)].symbol()).collect() };
        assert_eq!(row(0), "1 2  ┆    3");
        assert_eq!(row(1), "│    ┆    │");
    }

    #[test]
    fn entries_pack_into_lines_of_the_width() {
        let spans = ["aaaa", "bb", "cccccc"]
            .map(|t| Span::raw(t.to_owned()))
            .to_vec();
        let lines = pack(spans, 9);
        let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["aaaa  bb", "cccccc"]);
    }
}
