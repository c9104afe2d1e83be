//! One statement: its dimension, progress, the statement, its hint, and the
//! scale as a row of options.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};

use crate::tui::app::{Field, Flow};
use crate::tui::theme::Theme;

pub fn draw(theme: &Theme, flow: &Flow, index: usize, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let Some(q) = c.questions.get(index) else {
        return;
    };
    let total = c.questions.len();
    let dim_index = c
        .dimensions
        .iter()
        .position(|d| d.id == q.dimension)
        .unwrap_or(0);
    let dim_name = c
        .dimensions
        .get(dim_index)
        .map_or(q.dimension.as_str(), |d| d.name.as_str());
    let dim_style = theme.dimension(&q.dimension, dim_index);
    let note_open = note_open(flow);
    let [top, gauge, statement, options, note] = layout(area, note_open);

    let progress = format!("{}/{}", index + 1, total);
    let [left, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(progress.len() as u16),
    ])
    .areas(top);
    frame.render_widget(
        Paragraph::new(Span::styled(dim_name.to_string(), dim_style)),
        left,
    );
    frame.render_widget(Paragraph::new(progress).alignment(Alignment::Right), right);
    let ratio = if total == 0 {
        0.0
    } else {
        index as f64 / total as f64
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .filled_style(dim_style)
            .unfilled_style(theme.dim)
            .label(""),
        gauge,
    );

    let mut text = vec![Line::styled(q.text.clone(), theme.strong)];
    if !q.hint.trim().is_empty() {
        text.push(Line::raw(""));
        text.push(Line::styled(q.hint.clone(), theme.dim));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), statement);

    draw_options(theme, flow, q.value, frame, options);

    if let (true, Some(editor)) = (note_open, &flow.editor) {
        let mut widget = editor.area.clone();
        widget.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(" Note (Esc to return) "),
        );
        frame.render_widget(&widget, note);
    } else if !q.note.trim().is_empty() {
        let first = q.note.lines().next().unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Note: ", theme.dim),
                Span::raw(first.to_string()),
            ])),
            note,
        );
    }
}

fn note_open(flow: &Flow) -> bool {
    matches!(flow.editor.as_ref().map(|e| e.field), Some(Field::Note(_)))
}

/// The screen's rows: progress, gauge, statement, options, note (a blank
/// row after the gauge).
fn layout(area: Rect, note_open: bool) -> [Rect; 5] {
    let [top, gauge, _, statement, options, note] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(5),
        Constraint::Length(if note_open { 6 } else { 2 }),
    ])
    .areas(area);
    [top, gauge, statement, options, note]
}

/// Each point of the scale and the column it is drawn in, on a statement
/// screen drawn in `area`: where a click answers with that point.
#[must_use]
pub fn option_areas(flow: &Flow, area: Rect) -> Vec<(i64, Rect)> {
    let [_, _, _, options, _] = layout(area, note_open(flow));
    columns(flow, options)
}

/// The scale as a row of equal columns.
fn columns(flow: &Flow, area: Rect) -> Vec<(i64, Rect)> {
    let scale = &flow.checkin.scale;
    let points: Vec<i64> = (scale.min..=scale.max).collect();
    let columns = Layout::horizontal(points.iter().map(|_| Constraint::Fill(1)))
        .spacing(1)
        .split(area);
    points.into_iter().zip(columns.iter().copied()).collect()
}

/// The scale as a row of equal columns: the number, then its label wrapped.
fn draw_options(theme: &Theme, flow: &Flow, answered: Option<i64>, frame: &mut Frame, area: Rect) {
    let scale = &flow.checkin.scale;
    for (value, column) in &columns(flow, area) {
        let highlighted = *value == flow.highlight;
        let style = if highlighted {
            theme.highlight
        } else {
            theme.text
        };
        let marker = if answered == Some(*value) { "•" } else { " " };
        let label = scale.label(*value).unwrap_or_default();
        let lines = vec![
            Line::styled(format!("{marker}{value} "), style),
            Line::styled(
                label.to_string(),
                if highlighted {
                    theme.highlight
                } else {
                    theme.dim
                },
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            *column,
        );
    }
}
