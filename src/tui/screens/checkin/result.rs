//! Saved: the id, the scores, and the change since the previous check-in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::describe::delta_cell;
use std::path::PathBuf;

use crate::score::{self, Comparison, Reliability};
use crate::snapshot::Snapshot;
use crate::tui::layout;
use crate::tui::theme::Theme;
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
        if !comparison.same_bank {
            lines.push(Line::styled(
                "(a different bank: whether a change is real cannot be judged)",
                theme.dim,
            ));
        }
        for (i, d) in comparison.dimensions.iter().enumerate() {
            let verdict_style = match d.reliability {
                Reliability::Reliable => theme.good,
                _ => theme.dim,
            };
            let mark = if d.reliability == Reliability::Reliable {
                " *"
            } else {
                ""
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", crate::text::pad(&d.name, 10)),
                    theme.dimension(&d.dimension, i),
                ),
                Span::raw(format!("{:>9}  ", delta_cell(d.delta))),
                Span::styled(format!("{}{mark}", d.reliability.describe()), verdict_style),
            ]));
        }
    }
    if !s.commitment.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Before next time: ", theme.dim),
            Span::raw(s.commitment.clone()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
