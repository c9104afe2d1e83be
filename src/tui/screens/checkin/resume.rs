//! An unfinished check-in was found: resume it or start again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checkin::CheckIn;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;

/// What a key on the resume offer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Resume,
    /// Ask, then discard the draft and start afresh.
    Discard,
}

#[must_use]
pub fn update(action: Action) -> Option<Request> {
    match action {
        Action::Resume => Some(Request::Resume),
        Action::Discard => Some(Request::Discard),
        _ => None,
    }
}

pub fn draw(theme: &Theme, draft: &CheckIn, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled("Resume your unfinished check-in?", theme.title),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Started "),
            Span::styled(
                draft.started_at.format("%Y-%m-%d %H:%M").to_string(),
                theme.strong,
            ),
            Span::raw(format!(
                " with the {} bank; you got as far as {}.",
                draft.bank.id,
                draft.progress()
            )),
        ]),
        Line::raw(format!(
            "{} of {} answered.",
            draft.answered(),
            crate::text::count(draft.questions.len(), "statement", "statements")
        )),
        Line::raw(""),
        Line::raw("Resume picks up exactly where you stopped, with every answer and note."),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
