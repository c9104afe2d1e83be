//! Saved: the id, the scores, and the change since the previous check-in
//! with its verdict and the threshold it rests on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use std::path::PathBuf;

use crate::describe::verdict_detail;
use crate::score::{self, Comparison};
use crate::snapshot::Snapshot;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::verdict;
use crate::tui::widgets::score_lines;

/// The result of a saved check-in.
#[derive(Debug, Clone)]
pub struct Saved {
    pub snapshot: Snapshot,
    /// Where it was written when that was not the data dir.
    pub written_to: Option<PathBuf>,
    /// Against the check-in before it, when there is one.
    pub comparison: Option<Comparison>,
}

pub fn draw(theme: &Theme, saved: &Saved, frame: &mut Frame, area: Rect) {
    // On a big terminal, centred at a width that reads.
    let area = layout::readable(area);
    let s = &saved.snapshot;
    let mut lines = vec![Line::from(vec![
        Span::styled("Saved ", theme.good),
        Span::raw(format!("check-in {}", s.id)),
    ])];
    if let Some(path) = &saved.written_to {
        lines.push(Line::styled(format!("to {}", path.display()), theme.dim));
    }
    lines.push(Line::raw(""));
    lines.extend(score_lines(
        theme,
        &score::scores(s),
        layout::score_bar(area.width, 30),
    ));
    if let Some(comparison) = &saved.comparison {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Since {}:", comparison.from),
            theme.strong,
        ));
        for (i, d) in comparison.dimensions.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", crate::text::pad(&d.name, 10)),
                    theme.dimension(&d.dimension, i),
                ),
                verdict::change_span(theme, d, 9),
                Span::raw("  "),
                Span::styled(
                    d.verdict.describe(),
                    verdict::verdict_style(theme, d.verdict),
                ),
            ]));
            let detail = verdict_detail(d);
            if !detail.is_empty() {
                lines.push(Line::styled(format!("    {detail}"), theme.dim));
            }
        }
    }
    if !s.commitments.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Before next time: ", theme.dim),
            Span::raw(s.commitments.join("; ")),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
