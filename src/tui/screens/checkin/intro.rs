//! Before the first question: the bank's own instructions, what the
//! check-in asks and about how long it takes, that any statement can be
//! skipped, and what you wrote about a year ago.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::flow::Flow;
use crate::text::count;
use crate::tui::effect::Effect;
use crate::tui::keys::Action;
use crate::tui::screens::browse::hanging::hanging;
use crate::tui::theme::Theme;
use crate::tui::year_ago;

/// The intro's keys: Enter begins; the app handles quit and help.
pub fn update(flow: &mut Flow, action: Action) -> Vec<Effect> {
    if action == Action::Confirm {
        flow.intro = false;
    }
    vec![]
}

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut lines = Vec::new();
    if !c.description.trim().is_empty() {
        lines.extend(c.description.lines().map(|l| Line::raw(l.to_string())));
        lines.push(Line::raw(""));
    }
    let label = |v: i64| {
        c.scale
            .label(v)
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{v} ({l})"))
            .unwrap_or_else(|| v.to_string())
    };
    let mut steps = Vec::new();
    match c.follow_ups.len() {
        0 => {}
        1 => steps.push("First, how last time's commitment went.".to_string()),
        n => steps.push(format!(
            "First, how each of last time's {n} commitments went."
        )),
    }
    if c.event.is_some() {
        steps.push("Whether anything big happened since last time (skip it if not).".to_string());
    }
    if !c.questions.is_empty() {
        steps.push(format!(
            "{}: how true each is for you lately, from {} to {}. Any statement can be skipped (s); a skipped one does not count.",
            count(c.questions.len(), "statement", "statements"),
            label(c.scale.min),
            label(c.scale.max),
        ));
    }
    let reflections = c.reflections.len();
    steps.push(if reflections == 0 {
        "Then a commitment or a few for the weeks ahead (one a line), if you like.".to_string()
    } else {
        format!(
            "Then {} to write and a commitment or a few; any of them can stay empty.",
            count(reflections, "reflection", "reflections")
        )
    });
    steps.push(format!(
        "About {}, writing included. Your answers are kept as you go: q leaves, and you can resume later.",
        count(c.minutes(), "minute", "minutes")
    ));
    // Each step wraps under its own text, not under the bullet.
    for step in steps {
        lines.extend(hanging(
            Span::styled("· ", theme.dim),
            &step,
            Style::default(),
            width,
        ));
    }
    // The title repeats the header's, so it is the first thing a short
    // screen gives up; how to begin always stays on screen.
    if year_ago::rows(&lines, width) + 4 <= height {
        lines.splice(
            0..0,
            [
                Line::styled(c.bank.title.clone(), theme.title),
                Line::raw(""),
            ],
        );
    }
    if let Some(y) = &flow.year_ago {
        // Only in the room left, below a blank line and above how to begin.
        let used = year_ago::rows(&lines, width) + 2;
        let room = height.saturating_sub(used + 1);
        let block = year_ago::fitted(theme, y, width, room, None);
        if !block.is_empty() {
            lines.push(Line::raw(""));
            lines.extend(block);
        }
    }
    let begin = Line::from(vec![
        Span::raw("Press "),
        Span::styled("Enter", theme.key),
        Span::raw(" to begin."),
    ]);
    let body_rows = year_ago::rows(&lines, width);
    if body_rows + 2 <= height {
        lines.push(Line::raw(""));
        lines.push(begin);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    } else {
        // Too short for everything: the steps are cut, never the way on.
        let [body, last] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
        frame.render_widget(Paragraph::new(begin), last);
    }
}
