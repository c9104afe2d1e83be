//! "Anything big since last time?": after the follow-up, a life event in a
//! few words and its day (today unless another is typed). Enter on an
//! empty answer skips it; an answer is kept in the draft and saved as an
//! event with the check-in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::DraftEvent;
use crate::events::parse_day;
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// The question as the screen asks it.
pub const QUESTION: &str = "Anything big since last time?";

/// The step's keys: Enter and Tab go on (skipping when nothing is
/// written, and only with a day that is one); ↑↓ move between the two
/// fields. `None` for the keys every step shares.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Confirm | Action::Next => {
            flow.store_editor_text();
            match problem(flow) {
                Some(problem) => {
                    flow.hint = Some(problem);
                    flow.open_editor(Field::EventDay, &answer(flow).day);
                    Some(vec![flow.draft()])
                }
                None => Some(flow.forward()),
            }
        }
        Action::Up | Action::Down => {
            flow.store_editor_text();
            let (field, text) = match flow.open_field() {
                Some(Field::EventLabel) => (Field::EventDay, answer(flow).day),
                _ => (Field::EventLabel, answer(flow).label),
            };
            flow.open_editor(field, &text);
            Some(vec![])
        }
        _ => None,
    }
}

/// The answer as the review shows it: what happened, and when.
#[must_use]
pub fn review_line(theme: &Theme, answer: &DraftEvent) -> Line<'static> {
    let day = match answer.day.trim() {
        "" => "today",
        day => day,
    };
    Line::from(vec![
        Span::styled("Event: ", theme.dim),
        Span::raw(format!(
            "{} ({day}), kept when you save",
            answer.label.trim()
        )),
    ])
}

/// The answer so far.
fn answer(flow: &Flow) -> DraftEvent {
    flow.checkin.event.clone().unwrap_or_default()
}

/// Why the answer cannot be kept as it is: a day that is not one. A
/// skipped answer has nothing wrong with it.
fn problem(flow: &Flow) -> Option<String> {
    let answer = answer(flow);
    let day = answer.day.trim();
    if answer.is_skipped() || day.is_empty() {
        return None;
    }
    parse_day(day, flow.checkin.started_at.date_naive())
        .err()
        .map(|e| e.to_string())
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let answer = answer(flow);
    let head = vec![
        Line::styled(QUESTION, theme.strong),
        Line::styled(
            "A new manager, a move, a promotion, a reorg: a few words, and it is kept as an event beside your scores. Enter on an empty answer skips it.",
            theme.dim,
        ),
        Line::raw(""),
    ];
    let head_rows = layout::wrapped_rows(head.iter().map(Line::width), usize::from(area.width));
    let head_rows = u16::try_from(head_rows).unwrap_or(u16::MAX);
    let (head_area, fields, rest) = layout::form(area, head_rows, 2);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), head_area);
    let parts = [
        (Field::EventLabel, " What happened ", answer.label.as_str()),
        (
            Field::EventDay,
            " When: YYYY-MM-DD, or today ",
            answer.day.as_str(),
        ),
    ];
    for ((field, title, text), cell) in parts.into_iter().zip(fields) {
        let focused = flow.open_field() == Some(field);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { theme.key } else { theme.border })
            .title(title);
        match (&flow.editor, focused) {
            (Some(editor), true) => {
                let placeholder = (field == Field::EventDay).then_some("today");
                editor.draw(block, placeholder, frame, cell);
            }
            _ => {
                let shown = if field == Field::EventDay && text.trim().is_empty() {
                    Line::styled("today", theme.dim)
                } else {
                    Line::raw(text.to_string())
                };
                frame.render_widget(Paragraph::new(shown).block(block), cell);
            }
        }
    }
    if let Some(hint) = &flow.hint {
        frame.render_widget(
            Paragraph::new(Line::styled(hint.clone(), theme.error)).wrap(Wrap { trim: true }),
            rest,
        );
    }
}
