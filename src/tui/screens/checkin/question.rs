//! One statement: its dimension, progress, the statement, its hint, and the
//! scale as a row of options.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::Step;
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::layout;
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
    let [top, gauge, statement, _, note] = layout::question(area, note_open);

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

    draw_options(theme, flow, q.value, frame, area);

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
    matches!(flow.open_field(), Some(Field::Note(_)))
}

/// Each point of the scale and where it is drawn on a statement screen in
/// `area`: where a click answers with that point.
#[must_use]
pub fn option_areas(flow: &Flow, area: Rect) -> Vec<(i64, Rect)> {
    let scale = &flow.checkin.scale;
    layout::scale_options(scale.min, scale.max, area, note_open(flow))
}

/// A click at `at` on the statement drawn in `body`: an option answers with
/// it. An open note takes no clicks.
pub fn click(flow: &mut Flow, body: Rect, at: Position) -> Option<Vec<Effect>> {
    if flow.editor.is_some() {
        return None;
    }
    let (value, _) = option_areas(flow, body)
        .into_iter()
        .find(|(_, area)| area.contains(at))?;
    update(flow, Action::Digit(value))
}

/// The keys of statement `index`; `None` for keys the flow handles for
/// every step.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    let scale = flow.checkin.scale.clone();
    Some(match action {
        Action::Digit(d) if scale.contains(d) => {
            flow.highlight = d;
            answer(flow, Some(d))
        }
        Action::Left => {
            flow.highlight = (flow.highlight - 1).max(scale.min);
            vec![]
        }
        Action::Right => {
            flow.highlight = (flow.highlight + 1).min(scale.max);
            vec![]
        }
        Action::Confirm => answer(flow, Some(flow.highlight)),
        Action::Skip => answer(flow, None),
        Action::Back => flow.back(),
        Action::Note => {
            let Step::Question(i) = flow.checkin.step else {
                return None;
            };
            let text = flow
                .checkin
                .questions
                .get(i)
                .map(|q| q.note.clone())
                .unwrap_or_default();
            flow.open_editor(Field::Note(i), &text);
            vec![]
        }
        _ => return None,
    })
}

/// Answer the current statement (`None` skips it) and move on.
fn answer(flow: &mut Flow, value: Option<i64>) -> Vec<Effect> {
    if let Step::Question(i) = flow.checkin.step
        && let Some(q) = flow.checkin.questions.get_mut(i)
    {
        q.value = value;
    }
    flow.forward()
}

/// The scale as a row of equal columns: the number, then its label wrapped.
fn draw_options(theme: &Theme, flow: &Flow, answered: Option<i64>, frame: &mut Frame, area: Rect) {
    let scale = &flow.checkin.scale;
    for (value, column) in &option_areas(flow, area) {
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
