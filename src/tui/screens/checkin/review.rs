//! Review: the scores so far, what was answered and skipped, the label, save.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::flow::Flow;
use crate::score;
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::score_lines;

/// The review's keys; `None` for keys the flow handles for every step.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::EditLabel => {
            let text = flow.checkin.label.clone();
            flow.open_editor(Field::Label, &text);
            Some(vec![])
        }
        Action::Save => Some(vec![Effect::SaveSnapshot(Box::new(flow.checkin.clone()))]),
        _ => None,
    }
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Review your check-in ", theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let answers = c.answers();
    let scores = score::scores_of(&c.scale, &c.dimensions, &answers);
    let answered = c.answered();
    let skipped = c.questions.len() - answered;
    let mut lines = score_lines(theme, &scores, layout::score_bar(inner.width, 32));
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "{answered} answered, {skipped} skipped."
    )));
    let written = c
        .reflections
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .count();
    if !c.reflections.is_empty() {
        lines.push(Line::raw(format!(
            "{written} of {} reflections written.",
            c.reflections.len()
        )));
    }
    let commitment = c.commitment.trim();
    lines.push(Line::from(vec![
        Span::styled("Commitment: ", theme.dim),
        Span::raw(if commitment.is_empty() {
            "(none)".to_string()
        } else {
            commitment.to_string()
        }),
    ]));
    let editing_label = flow.open_field() == Some(Field::Label);
    if !editing_label {
        lines.push(Line::from(vec![
            Span::styled("Label: ", theme.dim),
            Span::raw(if c.label.is_empty() {
                "(none; e to add one)".to_string()
            } else {
                c.label.clone()
            }),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled("Enter", theme.key),
        Span::raw(" to save."),
    ]));
    let [body, label] = layout::review(inner, editing_label);
    frame.render_widget(Paragraph::new(lines), body);
    if let (true, Some(editor)) = (editing_label, &flow.editor) {
        let mut widget = editor.area.clone();
        widget.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(" Label "),
        );
        frame.render_widget(&widget, label);
    }
}
