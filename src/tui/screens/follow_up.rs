//! How did last time's commitment go?

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::snapshot::Outcome;
use crate::tui::app::Flow;
use crate::tui::theme::Theme;

fn layout(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(2),
        Constraint::Min(3),
    ])
    .areas(area)
}

/// How an outcome is shown: its key, then what it means.
fn label(outcome: Outcome) -> String {
    let key = Outcome::ALL
        .iter()
        .position(|o| *o == outcome)
        .map_or(0, |i| i + 1);
    format!(" {key} {} ", outcome.describe())
}

/// The outcomes in a row, three columns apart, clipped to `row`.
fn cells(row: Rect) -> Vec<(Outcome, Rect)> {
    let mut x = row.x;
    let mut cells = Vec::new();
    for outcome in Outcome::ALL {
        let width = u16::try_from(label(outcome).width()).unwrap_or(u16::MAX);
        let cell = Rect {
            x,
            y: row.y,
            width,
            height: 1,
        }
        .intersection(row);
        if !cell.is_empty() {
            cells.push((outcome, cell));
        }
        x = x.saturating_add(width).saturating_add(3);
    }
    cells
}

/// Each outcome and where it is drawn on the follow-up screen in `area`:
/// where a click chooses it.
#[must_use]
pub fn outcome_areas(area: Rect) -> Vec<(Outcome, Rect)> {
    let [_, options, _] = layout(area);
    cells(options)
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let Some(follow_up) = &flow.checkin.follow_up else {
        return;
    };
    let [head, options, note] = layout(area);
    let head_lines = vec![
        Line::styled("Last time you said you would:", theme.dim),
        Line::styled(follow_up.commitment.clone(), theme.strong),
        Line::raw(""),
        Line::raw("How did it go?"),
    ];
    frame.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: false }), head);
    for (outcome, cell) in cells(options) {
        let style = if follow_up.outcome == Some(outcome) {
            theme.highlight
        } else {
            theme.text
        };
        frame.render_widget(Paragraph::new(Span::styled(label(outcome), style)), cell);
    }
    if let Some(editor) = &flow.editor {
        let mut area_widget = editor.area.clone();
        area_widget.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(" A note, if you like (optional) "),
        );
        frame.render_widget(&area_widget, note);
    }
}
