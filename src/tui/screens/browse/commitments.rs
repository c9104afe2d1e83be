//! Every commitment and how it went, newest first, opened from home: the
//! check-in that made it (date and label), its text, and the outcome with
//! the note written on it when a later check-in followed it up. Scrollable.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::detail::{rows, scroll_step};
use crate::commitments;
use crate::snapshot::{Outcome, Snapshot};
use crate::text::{self, escape_line, escape_text};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::scrolled_text;

/// One commitment as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub made_at: DateTime<FixedOffset>,
    pub label: Option<String>,
    pub text: String,
    /// How it went, the note on that, and when it was said.
    pub outcome: Option<(Outcome, Option<String>, DateTime<FixedOffset>)>,
}

/// The list, newest first, and how far it is scrolled.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentList {
    pub rows: Vec<Row>,
    /// "done 3, partly 2 of 5", when any was followed up.
    pub tally: Option<String>,
    pub scroll: u16,
}

impl CommitmentList {
    /// The commitments made and followed up in `snapshots` (oldest first).
    #[must_use]
    pub fn new(snapshots: &[Snapshot]) -> Self {
        let listed = commitments::all(snapshots);
        let followed: Vec<Outcome> = listed
            .iter()
            .filter_map(|c| c.outcome.map(|(o, _, _)| o))
            .collect();
        // Newest check-in first; one check-in's in the order made.
        let mut ordered: Vec<&commitments::Commitment<'_>> = listed.iter().collect();
        ordered.sort_by_key(|c| std::cmp::Reverse(c.made.finished_at));
        let rows = ordered
            .into_iter()
            .map(|c| Row {
                made_at: c.made.finished_at,
                label: c.made.label.clone(),
                text: c.text.to_string(),
                outcome: c
                    .outcome
                    .map(|(o, note, by)| (o, note.map(str::to_string), by.finished_at)),
            })
            .collect();
        Self {
            rows,
            tally: commitments::tally_of(&followed),
            scroll: 0,
        }
    }

    /// Scroll, on a screen whose body is `body`.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) {
        self.scroll_by(scroll_step(action), theme, body);
    }

    /// Scroll by `by` rows, no further than the last line.
    pub fn scroll_by(&mut self, by: i32, theme: &Theme, body: Rect) {
        let area = layout::commitments(body);
        let rows = rows(&lines(theme, self, area), area);
        self.scroll = layout::scrolled(self.scroll, by, rows, area);
    }
}

pub fn draw(theme: &Theme, list: &CommitmentList, frame: &mut Frame, body: Rect) {
    let area = layout::commitments(body);
    scrolled_text(lines(theme, list, area), list.scroll, frame, area);
}

/// Everything the list shows in `area`. The texts are wrapped here, so
/// their indent holds on every row; a date line wider than `area` wraps
/// when drawn.
#[must_use]
pub fn lines(t: &Theme, list: &CommitmentList, area: Rect) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let mut out = vec![Line::styled("Your commitments, newest first", t.title)];
    if let Some(tally) = &list.tally {
        out.push(Line::styled(format!("How they went: {tally}."), t.dim));
    }
    out.push(Line::raw(""));
    if list.rows.is_empty() {
        out.extend(
            text::wrap(
                "No commitments yet: each check-in ends by asking for one, and the next asks how it went.",
                width,
            )
            .into_iter()
            .map(Line::raw),
        );
        return out;
    }
    let indented = |text: &str, style| {
        text::wrap(&escape_text(text), width.saturating_sub(2).max(1))
            .into_iter()
            .map(move |row| Line::styled(format!("  {row}"), style))
    };
    for row in &list.rows {
        let mut head = vec![Span::styled(
            row.made_at.format("%Y-%m-%d").to_string(),
            t.strong,
        )];
        if let Some(label) = row.label.as_deref().filter(|l| !l.trim().is_empty()) {
            head.push(Span::styled(format!(" ({})", escape_line(label)), t.dim));
        }
        head.push(Span::raw(" · "));
        match &row.outcome {
            Some((outcome, _, said)) => {
                head.push(Span::styled(outcome.describe(), outcome_style(t, *outcome)));
                head.push(Span::styled(
                    format!(" (said {})", said.format("%Y-%m-%d")),
                    t.dim,
                ));
            }
            None => head.push(Span::styled(
                "open (the next check-in asks how it went)",
                t.dim,
            )),
        }
        out.push(Line::from(head));
        out.extend(indented(&row.text, t.text));
        if let Some(note) = row.outcome.as_ref().and_then(|(_, n, _)| n.as_deref()) {
            out.extend(indented(&format!("Note: {note}"), t.dim));
        }
        out.push(Line::raw(""));
    }
    out.pop();
    out
}

fn outcome_style(t: &Theme, outcome: Outcome) -> ratatui::style::Style {
    match outcome {
        Outcome::Done => t.good,
        Outcome::Partly | Outcome::NotDone | Outcome::Dropped => t.text,
    }
}
