//! A reflection prompt or the commitment: the prompt, what was written
//! for it last time (dimmed; a key hides it), and a text field that wraps
//! and grows into the rest of the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::Step;
use crate::snapshot::{MAX_COMMITMENTS, Outcome};
use crate::text;
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// Below this many rows the prompt's hint is left out.
const ROOMY_ROWS: u16 = 18;

/// The most rows last time's text takes: the field keeps the most room.
const LAST_TIME_SHARE: u16 = 3;

/// Last time's commitments that were only partly done or not done, while
/// this check-in's commitments are still empty: they can be carried
/// forward. Empty when there are none.
#[must_use]
pub fn carryable(flow: &Flow) -> Vec<&str> {
    let empty = flow
        .editor
        .as_ref()
        .is_none_or(|e| e.text().trim().is_empty());
    if flow.checkin.step != Step::Commitment || !empty {
        return Vec::new();
    }
    flow.checkin
        .follow_ups
        .iter()
        .filter(|f| matches!(f.outcome, Some(Outcome::Partly | Outcome::NotDone)))
        .map(|f| f.commitment.as_str())
        .collect()
}

/// The writing steps' own keys: Ctrl-R carries an unfinished commitment
/// forward into the field, to edit. `None` for the keys every step shares.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    if action != Action::CarryForward {
        return None;
    }
    let unfinished = carryable(flow);
    if unfinished.is_empty() {
        return None;
    }
    let text = unfinished.join("\n");
    flow.open_editor(Field::Commitment, &text);
    flow.store_editor_text();
    Some(vec![flow.draft()])
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let (heading, prompt, hint, id) = match c.step {
        Step::Reflection(i) => {
            let Some(r) = c.reflections.get(i) else {
                return;
            };
            (
                format!("Reflection {}/{}", i + 1, c.reflections.len()),
                r.prompt.clone(),
                r.hint.clone(),
                Some(r.id.as_str()),
            )
        }
        _ => (
            "Your commitment".to_string(),
            "What will you do before your next check-in?".to_string(),
            format!(
                "Small and concrete beats grand. One a line, up to {MAX_COMMITMENTS}; you will be asked how each went."
            ),
            None,
        ),
    };
    let width = usize::from(area.width);
    // On a short screen the writing gets the room: the hint and the blank
    // row under the prompt go.
    let roomy = area.height >= ROOMY_ROWS;
    let mut head = vec![
        Line::styled(heading, theme.dim),
        Line::styled(prompt, theme.strong),
    ];
    if roomy && !hint.trim().is_empty() {
        head.push(Line::styled(hint, theme.dim));
    }
    let head_rows: usize = head
        .iter()
        .map(|l| text::wrap(&plain(l), width).len())
        .sum();

    let earlier = id
        .and_then(|id| flow.last_time.reflection(id))
        .filter(|_| flow.show_last_time);
    let mut last = Vec::new();
    if let Some(earlier) = earlier {
        let most = usize::from((area.height / LAST_TIME_SHARE).max(2));
        last.push(Line::styled(
            format!("Last time, {} (^L hides):", earlier.date.format("%Y-%m-%d")),
            theme.dim,
        ));
        let mut rows: Vec<String> = text::wrap(&earlier.value, width.saturating_sub(2));
        if rows.len() >= most {
            rows.truncate(most - 1);
            if let Some(end) = rows.last_mut() {
                end.push_str(" …");
            }
        }
        last.extend(
            rows.into_iter()
                .map(|r| Line::styled(format!("  {r}"), theme.dim)),
        );
    }
    let unfinished = carryable(flow);
    if !unfinished.is_empty() {
        last.push(Line::styled(
            if unfinished.len() == 1 {
                "Last time's commitment is not done yet (^R carries it forward):"
            } else {
                "Last time's commitments not done yet (^R carries them forward):"
            },
            theme.dim,
        ));
        for c in unfinished {
            last.extend(
                text::wrap(c, width.saturating_sub(2))
                    .into_iter()
                    .map(|r| Line::styled(format!("  {r}"), theme.dim)),
            );
        }
    }
    let [head_area, last_area, editor] = layout::writing(
        area,
        u16::try_from(head_rows + usize::from(roomy)).unwrap_or(u16::MAX),
        u16::try_from(last.len()).unwrap_or(u16::MAX),
    );
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), head_area);
    frame.render_widget(Paragraph::new(last), last_area);
    if let Some(e) = &flow.editor {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border);
        e.draw(
            block,
            Some("Type here. Empty is fine: Tab moves on."),
            frame,
            editor,
        );
    }
}

/// A line's text without its styles.
fn plain(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}
