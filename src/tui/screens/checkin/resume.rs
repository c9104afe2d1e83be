//! An unfinished check-in was found: resume it or start again. When a
//! new check-in would use another bank (`motive check --bank team` with a
//! `core` draft waiting), the offer says so and names both.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::checkin::CheckIn;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// What a key on the resume offer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    Resume,
    /// Ask, then discard the draft and start afresh.
    Discard,
}

/// The offer: the draft found, and the bank a fresh check-in would use
/// when that is another bank than the draft's.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub draft: CheckIn,
    pub other_bank: Option<String>,
}

impl Offer {
    /// The offer of `draft`, where a fresh start would use `fresh_bank`.
    #[must_use]
    pub fn new(draft: CheckIn, fresh_bank: Option<String>) -> Self {
        let other_bank = fresh_bank.filter(|b| *b != draft.bank.id);
        Self { draft, other_bank }
    }
}

#[must_use]
pub fn update(action: Action) -> Option<Request> {
    match action {
        Action::Resume => Some(Request::Resume),
        Action::Discard => Some(Request::Discard),
        _ => None,
    }
}

pub fn draw(theme: &Theme, offer: &Offer, frame: &mut Frame, area: Rect) {
    // On a big terminal, centred at a width that reads.
    let area = layout::readable(area);
    let draft = &offer.draft;
    let mut lines = vec![
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
    if let Some(other) = &offer.other_bank {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "A new check-in would use the {other} bank; this one is on the {} bank.",
                draft.bank.id
            ),
            theme.strong,
        ));
        lines.push(Line::from(vec![
            Span::styled("r", theme.key),
            Span::raw(format!(" resumes it on the {} bank; ", draft.bank.id)),
            Span::styled("d", theme.key),
            Span::raw(format!(
                " discards it and starts a new check-in on the {other} bank."
            )),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
