//! Saved: the id, the scores, and the change since the previous check-in
//! with its verdict and the threshold it rests on, and the life events
//! since then; then two or three of the bank's ideas for the dimension that
//! fell most or scores lowest, labelled as suggestions (`i` shows all of
//! them).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use std::path::PathBuf;

use crate::bank::Bank;
use crate::brief::{self, Suggestions};
use crate::describe::verdict_detail;
use crate::events::{self, Event};
use crate::score::{self, Comparison};
use crate::snapshot::Snapshot;
use crate::summary::Summary;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::browse::detail::{rows, scroll_step};
use crate::tui::theme::Theme;
use crate::tui::verdict;
use crate::tui::widgets::{score_lines, scrolled_text};

/// The result of a saved check-in.
#[derive(Debug, Clone)]
pub struct Saved {
    pub snapshot: Snapshot,
    /// The check-in as people name it: its date and label.
    pub name: String,
    /// The check-in before it, named, when there is one.
    pub previous_name: Option<String>,
    /// Where it was written when that was not the data dir.
    pub written_to: Option<PathBuf>,
    /// Against the check-in before it, when there is one.
    pub comparison: Option<Comparison>,
    /// The life events since the check-in before it, oldest first.
    pub between: Vec<Event>,
    /// The bank's ideas for the dimension that fell most or scores lowest,
    /// once its bank is read.
    pub ideas: Option<Suggestions>,
    /// Every idea the bank has for that dimension (`i` shows them).
    pub all_ideas: Vec<String>,
    /// Whether every idea is shown, not just the first few.
    pub more_ideas: bool,
    /// Rows scrolled, when it is taller than the screen.
    pub scroll: u16,
}

impl Saved {
    /// A check-in just saved, named `name` (and the one before it
    /// `previous_name`), with no ideas yet.
    #[must_use]
    pub fn new(
        snapshot: Snapshot,
        (name, previous_name): (String, Option<String>),
        written_to: Option<PathBuf>,
        comparison: Option<Comparison>,
        between: Vec<Event>,
    ) -> Self {
        Self {
            snapshot,
            name,
            previous_name,
            written_to,
            comparison,
            between,
            ideas: None,
            all_ideas: Vec::new(),
            more_ideas: false,
            scroll: 0,
        }
    }

    /// A key: scroll (in a body of `body`), or show more or fewer ideas.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) {
        if action == Action::MoreIdeas {
            self.more_ideas = !self.more_ideas;
        }
        let body = layout::readable(body);
        let rows = rows(&lines(theme, self, body), body);
        self.scroll = layout::scrolled(self.scroll, scroll_step(action), rows, body);
    }

    /// The ideas of `bank` for this check-in, with `summaries` every
    /// check-in (this one among them).
    pub fn find_ideas(&mut self, summaries: &[Summary], bank: &Bank) {
        self.ideas = brief::suggestions(&self.snapshot, summaries, bank);
        self.all_ideas = self
            .ideas
            .as_ref()
            .map(|s| bank.ideas(&s.dimension).to_vec())
            .unwrap_or_default();
    }
}

pub fn draw(theme: &Theme, saved: &Saved, frame: &mut Frame, area: Rect) {
    // On a big terminal, centred at a width that reads.
    let area = layout::readable(area);
    scrolled_text(lines(theme, saved, area), saved.scroll, frame, area);
}

/// Everything the screen shows, before scrolling, in the readable width
/// of `area`.
fn lines(theme: &Theme, saved: &Saved, area: Rect) -> Vec<Line<'static>> {
    let s = &saved.snapshot;
    let mut lines = vec![Line::from(vec![
        Span::styled("Saved ", theme.good),
        Span::raw(format!("check-in {}", saved.name)),
    ])];
    if let Some(path) = &saved.written_to {
        lines.push(Line::styled(format!("to {}", path.display()), theme.dim));
    }
    lines.push(Line::raw(""));
    lines.extend(score_lines(
        theme,
        &score::scores(s),
        layout::score_bar(area.width, 30),
    ));
    if let Some(comparison) = &saved.comparison {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!(
                "Since {}:",
                saved.previous_name.as_deref().unwrap_or(&comparison.from)
            ),
            theme.strong,
        ));
        for (i, d) in comparison.dimensions.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}", crate::text::pad(&d.name, 10)),
                    theme.dimension(&d.dimension, i),
                ),
                verdict::change_span(theme, d, 9),
                Span::raw("  "),
                Span::styled(
                    d.verdict.describe(),
                    verdict::verdict_style(theme, d.verdict),
                ),
            ]));
            let detail = verdict_detail(d);
            if !detail.is_empty() {
                lines.push(Line::styled(format!("    {detail}"), theme.dim));
            }
        }
    }
    let between: Vec<&Event> = saved.between.iter().collect();
    if let Some(listing) = events::listing(&between) {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Since the previous check-in: ", theme.dim),
            Span::raw(listing),
        ]));
    }
    match s.commitments.as_slice() {
        [] => {}
        [one] => {
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Before next time: ", theme.dim),
                Span::raw(one.clone()),
            ]));
        }
        several => {
            lines.push(Line::raw(""));
            lines.push(Line::styled("Before next time:", theme.dim));
            lines.extend(several.iter().map(|c| Line::raw(format!("  - {c}"))));
        }
    }
    if let Some(ideas) = &saved.ideas {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("Ideas to try", theme.strong),
            Span::styled(
                " (suggestions from the bank, not from your answers)",
                theme.dim,
            ),
        ]));
        lines.push(Line::styled(format!("  because {}:", ideas.why), theme.dim));
        let shown: &[String] = if saved.more_ideas {
            &saved.all_ideas
        } else {
            &ideas.ideas
        };
        for idea in shown {
            lines.push(Line::raw(format!("  - {idea}")));
        }
        let hidden = saved.all_ideas.len().saturating_sub(ideas.ideas.len());
        if !saved.more_ideas && hidden > 0 {
            lines.push(Line::styled(format!("  i shows {hidden} more"), theme.dim));
        }
    }
    lines
}
