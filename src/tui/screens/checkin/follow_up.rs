//! How did last time's commitment go?

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::CheckIn;
use crate::snapshot::Outcome;
use crate::text;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// Each outcome and where it is drawn on the follow-up screen in `area`:
/// where a click chooses it.
#[must_use]
pub fn outcome_areas(flow: &Flow, area: Rect) -> Vec<(Outcome, Rect)> {
    layout::outcomes(area, head_rows(&head(&Theme::monochrome(), flow), area))
}

/// What the follow-up says above the outcomes: the commitment in full,
/// and which of several it is.
fn head(theme: &Theme, flow: &Flow) -> Vec<Line<'static>> {
    let c = &flow.checkin;
    let commitment = c
        .current_follow_up()
        .map(|f| f.commitment.clone())
        .unwrap_or_default();
    let of = match (CheckIn::follow_up_index(c.step), c.follow_ups.len()) {
        (Some(i), n) if n > 1 => format!(" ({} of {n})", i + 1),
        _ => String::new(),
    };
    vec![
        Line::styled(format!("Last time you said you would{of}:"), theme.dim),
        Line::styled(commitment, theme.strong),
        Line::raw(""),
        Line::raw("How did it go?"),
    ]
}

/// The rows `head` takes wrapped in `area`, and one blank row under it.
fn head_rows(head: &[Line], area: Rect) -> u16 {
    let width = usize::from(area.width);
    let rows: usize = head
        .iter()
        .map(|l| {
            let plain: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            // An empty line still takes its row.
            text::wrap(&plain, width).len().max(1)
        })
        .sum();
    u16::try_from(rows + 1).unwrap_or(u16::MAX)
}

/// The follow-up's keys; `None` for keys the flow handles for every step.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Outcome(outcome) => Some(flow.choose_outcome(outcome)),
        Action::Previous if flow.editor.is_some() => {
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
    let (outcome, _) = outcome_areas(flow, body)
        .into_iter()
        .find(|(_, area)| area.contains(at))?;
    flow.store_editor_text();
    Some(flow.choose_outcome(outcome))
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let Some(follow_up) = flow.checkin.current_follow_up() else {
        return;
    };
    let head_lines = head(theme, flow);
    let rows = head_rows(&head_lines, area);
    let [head_area, _, note] = layout::follow_up(area, rows);
    frame.render_widget(
        Paragraph::new(head_lines).wrap(Wrap { trim: true }),
        head_area,
    );
    for (outcome, cell) in layout::outcomes(area, rows) {
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
