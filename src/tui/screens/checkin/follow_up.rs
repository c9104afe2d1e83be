//! How did last time's commitment go?

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::snapshot::Outcome;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// Each outcome and where it is drawn on the follow-up screen in `area`:
/// where a click chooses it.
#[must_use]
pub fn outcome_areas(area: Rect) -> Vec<(Outcome, Rect)> {
    layout::outcomes(area)
}

/// The follow-up's keys; `None` for keys the flow handles for every step.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Outcome(outcome) => Some(flow.choose_outcome(outcome)),
        Action::Previous => {
            // From the note back to choosing the outcome.
            flow.close_editor();
            Some(vec![])
        }
        _ => None,
    }
}

/// A click at `at` on the follow-up drawn in `body`: an outcome chooses it,
/// and a note being written is kept.
pub fn click(flow: &mut Flow, body: Rect, at: Position) -> Option<Vec<Effect>> {
    let (outcome, _) = outcome_areas(body)
        .into_iter()
        .find(|(_, area)| area.contains(at))?;
    flow.store_editor_text();
    Some(flow.choose_outcome(outcome))
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let Some(follow_up) = &flow.checkin.follow_up else {
        return;
    };
    let [head, _, note] = layout::follow_up(area);
    let head_lines = vec![
        Line::styled("Last time you said you would:", theme.dim),
        Line::styled(follow_up.commitment.clone(), theme.strong),
        Line::raw(""),
        Line::raw("How did it go?"),
    ];
    frame.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: false }), head);
    for (outcome, cell) in outcome_areas(area) {
        let style = if follow_up.outcome == Some(outcome) {
            theme.highlight
        } else {
            theme.text
        };
        frame.render_widget(
            Paragraph::new(Span::styled(layout::outcome_label(outcome), style)),
            cell,
        );
    }
    if let Some(editor) = &flow.editor {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" A note, if you like (optional) ");
        editor.draw(block, None, frame, note);
    }
}
