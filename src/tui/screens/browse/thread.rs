//! The story of one question: every answer to a reflection prompt over
//! time, oldest first, in one scrollable view; ←→ go to the other prompts.
//! Opened with `t` from a check-in or a comparison; built from the same core
//! as `motive thread` ([`crate::search::thread`]).

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::detail::{rows, scroll_step};
use super::hanging::indented;
use crate::search::{self, Writing};
use crate::text::{escape_line, escape_text};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::names;
use crate::tui::theme::Theme;
use crate::tui::widgets::scrolled_text;

/// Every answer to one prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The prompt's id, as in the bank.
    pub id: String,
    /// Its latest wording.
    pub prompt: String,
    /// The answers, oldest first; blank ones are left out.
    pub answers: Vec<Told>,
}

/// One answer in a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    /// The check-in it was written in, as people name it.
    pub name: String,
    /// The prompt's wording then, when it differs from the latest.
    pub asked_as: Option<String>,
    pub text: String,
}

/// The stories of every prompt answered in `writings` (oldest first), in
/// the order they were first asked.
#[must_use]
pub fn stories(writings: &[Writing]) -> Vec<Story> {
    let near = |i: usize| {
        writings[i.saturating_sub(1)..writings.len().min(i + 2)]
            .iter()
            .map(|s| &s.finished_at)
    };
    let named: HashMap<&str, String> = writings
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = names::name_among(s.finished_at, s.label.as_deref(), near(i));
            (s.id.as_str(), name)
        })
        .collect();
    search::prompts(writings)
        .into_iter()
        .map(|(id, prompt)| {
            let answers = search::thread(writings, &id)
                .into_iter()
                .map(|(s, r)| Told {
                    name: named.get(s.id.as_str()).cloned().unwrap_or_default(),
                    asked_as: (r.prompt != prompt).then(|| r.prompt.clone()),
                    text: r.text.trim().to_string(),
                })
                .collect();
            Story {
                id,
                prompt,
                answers,
            }
        })
        .collect()
}

/// The stories, one shown at a time, scrollable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadView {
    pub stories: Vec<Story>,
    /// The story shown.
    pub current: usize,
    pub scroll: u16,
}

impl ThreadView {
    /// The stories, showing prompt `id` (the first when it has none).
    #[must_use]
    pub fn new(stories: Vec<Story>, id: &str) -> Self {
        let current = stories.iter().position(|s| s.id == id).unwrap_or(0);
        Self {
            stories,
            current,
            scroll: 0,
        }
    }

    /// Scroll, or go to the next or the previous prompt.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) {
        let count = self.stories.len().max(1);
        match action {
            Action::Right => {
                self.current = (self.current + 1) % count;
                self.scroll = 0;
            }
            Action::Left => {
                self.current = (self.current + count - 1) % count;
                self.scroll = 0;
            }
            _ => self.scroll_by(scroll_step(action), theme, body),
        }
    }

    /// Scroll by `by` rows, no further than the last line.
    pub fn scroll_by(&mut self, by: i32, theme: &Theme, body: Rect) {
        let rows = rows(&lines(theme, self, body), body);
        self.scroll = layout::scrolled(self.scroll, by, rows, body);
    }
}

pub fn draw(theme: &Theme, view: &ThreadView, frame: &mut Frame, area: Rect) {
    scrolled_text(lines(theme, view, area), view.scroll, frame, area);
}

/// Everything the screen shows, wrapped to `area`, before scrolling.
#[must_use]
pub fn lines(t: &Theme, view: &ThreadView, area: Rect) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let Some(story) = view.stories.get(view.current) else {
        return indented(
            0,
            "No reflections yet: they come with your check-ins.",
            t.dim,
            width,
        );
    };
    let mut lines = indented(0, &escape_line(&story.prompt), t.title, width);
    let count = crate::text::count(story.answers.len(), "answer", "answers");
    let place = if view.stories.len() > 1 {
        format!(
            "{count}, oldest first · prompt {} of {} (←→ for the others)",
            view.current + 1,
            view.stories.len()
        )
    } else {
        format!("{count}, oldest first")
    };
    lines.extend(indented(0, &place, t.dim, width));
    if story.answers.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(indented(
            0,
            "Every answer so far was left blank.",
            t.dim,
            width,
        ));
    }
    for told in &story.answers {
        lines.push(Line::raw(""));
        lines.extend(indented(0, &told.name, t.strong, width));
        if let Some(asked) = &told.asked_as {
            lines.extend(indented(
                2,
                &format!("(asked as: {})", escape_line(asked)),
                t.dim,
                width,
            ));
        }
        lines.extend(indented(2, &escape_text(&told.text), t.text, width));
    }
    lines
}
