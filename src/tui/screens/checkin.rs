//! The check-in, one step at a time: the follow-up on last time's
//! commitment, anything big since last time, the statements, the reflections and the commitment, the
//! review; and around it the resume offer, the result, and the notice when
//! it cannot start. Each step's keys and drawing are in its own file.

pub mod event;
pub mod flow;
pub mod follow_up;
pub mod intro;
pub mod notice;
pub mod question;
pub mod result;
pub mod resume;
pub mod review;
pub mod writing;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::checkin::Step;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use flow::Flow;

/// A key in the check-in: the current step's own keys first, then those
/// every step shares (close the text field, next, previous).
pub fn update(flow: &mut Flow, action: Action) -> Vec<Effect> {
    flow.hint = None;
    if flow.intro {
        return intro::update(flow, action);
    }
    match action {
        Action::CloseEditor => {
            flow.close_editor();
            return vec![flow.draft()];
        }
        Action::LastTime => {
            flow.show_last_time = !flow.show_last_time;
            return vec![];
        }
        _ => {}
    }
    let own = match flow.checkin.step {
        Step::FollowUp(_) => follow_up::update(flow, action),
        Step::Event => event::update(flow, action),
        Step::Question(_) => question::update(flow, action),
        Step::Review => review::update(flow, action),
        Step::Reflection(_) | Step::Commitment => writing::update(flow, action),
    };
    own.unwrap_or_else(|| match action {
        Action::Previous => flow.back(),
        Action::Next => flow.forward(),
        _ => vec![],
    })
}

/// A click at `at` on the step drawn in `body`.
pub fn click(flow: &mut Flow, body: Rect, at: Position) -> Vec<Effect> {
    if flow.intro || flow.confirm_empty {
        return vec![];
    }
    let body = layout::readable(body);
    let effects = match flow.checkin.step {
        Step::Question(_) => question::click(flow, body, at),
        Step::FollowUp(_) => follow_up::click(flow, body, at),
        _ => None,
    };
    effects.unwrap_or_default()
}

/// The screen of the current step.
pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let area = layout::readable(area);
    if flow.intro {
        intro::draw(theme, flow, frame, area);
        return;
    }
    match flow.checkin.step {
        Step::FollowUp(_) => follow_up::draw(theme, flow, frame, area),
        Step::Event => event::draw(theme, flow, frame, area),
        Step::Question(i) => question::draw(theme, flow, i, frame, area),
        Step::Reflection(_) | Step::Commitment => writing::draw(theme, flow, frame, area),
        Step::Review => review::draw(theme, flow, frame, area),
    }
}
