//! Review: the scores so far, what was answered and skipped, the label,
//! save. A check-in without a single score is saved only after a yes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::score;
use crate::snapshot::MAX_COMMITMENTS;
use crate::text::{self, count};
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
        Action::Save if !flow.checkin.has_scores() => {
            flow.confirm_empty = true;
            Some(vec![])
        }
        Action::Save | Action::Yes if flow.checkin.has_scores() || flow.confirm_empty => {
            flow.confirm_empty = false;
            Some(vec![Effect::SaveSnapshot(Box::new(flow.checkin.clone()))])
        }
        Action::No => {
            flow.confirm_empty = false;
            Some(vec![])
        }
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
    if !scores.iter().any(|s| s.score.is_some()) {
        lines.push(Line::styled(
            "No dimension has a score: too few statements were answered. Saved like this, it would be a check-in with no scores to show.",
            theme.error,
        ));
    }
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
            "{written} of {} written.",
            count(c.reflections.len(), "reflection", "reflections")
        )));
    }
    if let Some(event) = c.event.as_ref().filter(|e| !e.is_skipped()) {
        lines.push(super::event::review_line(theme, event));
    }
    // The commitments go where the label and the prompt are; drawn once
    // they are known to fit (one a row, else in one paragraph).
    let commitments_at = lines.len();
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
    if flow.confirm_empty {
        lines.push(Line::from(vec![
            Span::styled("Save it without scores? ", theme.strong),
            Span::styled("y", theme.key),
            Span::raw(" saves it anyway, "),
            Span::styled("n", theme.key),
            Span::raw(" goes back."),
        ]));
    } else if !editing_label {
        // While the label is edited, Enter closes it: it saves nothing.
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled("Enter", theme.key),
            Span::raw(" to save."),
        ]));
    }
    let label_rows = editing_label.then(|| {
        let width = usize::from(inner.width.saturating_sub(2));
        u16::try_from(text::wrap(&c.label, width).len()).unwrap_or(u16::MAX)
    });
    let [body, label] = layout::review(inner, label_rows);
    let commitments = c.commitments();
    let mut listed = lines.clone();
    listed.splice(
        commitments_at..commitments_at,
        commitment_lines(theme, &commitments, false),
    );
    let fits = layout::wrapped_rows(listed.iter().map(Line::width), usize::from(body.width))
        <= usize::from(body.height);
    let lines = if fits {
        listed
    } else {
        lines.splice(
            commitments_at..commitments_at,
            commitment_lines(theme, &commitments, true),
        );
        lines
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    if let (true, Some(editor)) = (editing_label, &flow.editor) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Label ");
        editor.draw(block, None, frame, label);
    }
}

/// The commitments as the review shows them: one a row, or all in one
/// paragraph when `compact`; and a warning when more than
/// [`MAX_COMMITMENTS`] were written.
fn commitment_lines(theme: &Theme, commitments: &[String], compact: bool) -> Vec<Line<'static>> {
    let kept = &commitments[..commitments.len().min(MAX_COMMITMENTS)];
    let mut out = match kept {
        [] => vec![Line::from(vec![
            Span::styled("Commitment: ", theme.dim),
            Span::raw("(none)"),
        ])],
        [one] => vec![Line::from(vec![
            Span::styled("Commitment: ", theme.dim),
            Span::raw(one.clone()),
        ])],
        many if compact => {
            let numbered: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{}. {c}", i + 1))
                .collect();
            vec![Line::from(vec![
                Span::styled("Commitments: ", theme.dim),
                Span::raw(numbered.join("  ")),
            ])]
        }
        many => std::iter::once(Line::styled("Commitments:", theme.dim))
            .chain(
                many.iter()
                    .enumerate()
                    .map(|(i, c)| Line::raw(format!("{}. {c}", i + 1))),
            )
            .collect(),
    };
    if commitments.len() > MAX_COMMITMENTS {
        out.push(Line::styled(
            format!("Only the first {MAX_COMMITMENTS} are kept: Shift-Tab to choose."),
            theme.error,
        ));
    }
    out
}
