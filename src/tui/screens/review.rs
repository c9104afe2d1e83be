//! Review: the scores so far, what was answered and skipped, the label, save.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::score;
use crate::tui::app::{Field, Flow};
use crate::tui::theme::Theme;

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
    let bar = usize::from(inner.width.saturating_sub(32)).clamp(10, 40);
    let mut lines = super::score_lines(theme, &scores, bar);
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
    let editing_label = matches!(flow.editor.as_ref().map(|e| e.field), Some(Field::Label));
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
    let [body, label] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(if editing_label { 3 } else { 0 }),
    ])
    .areas(inner);
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
