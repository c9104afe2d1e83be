//! Compare: two check-ins side by side. Per dimension the earlier and later
//! score, the change, how far it exceeds measurement error and the
//! threshold that says so; the statements that moved most;
//! the life events between the two; and what was written then and now,
//! next to each other.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::detail::{explanation, first_prompt, rows, scroll_step};
use super::history::History;
use crate::describe::{bank_note, score_cell, signed, verdict_detail};
use crate::events::{self, Event};
use crate::score;
use crate::snapshot::Snapshot;
use crate::text::{self, wrap};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::verdict;
use crate::tui::widgets::scrolled_text;

/// How many of the statements that moved most are listed.
const MOVERS: usize = 5;

/// Two check-ins side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareView {
    pub from: usize,
    pub to: usize,
    /// The two check-ins as people name them: date and label.
    pub names: (String, String),
    pub earlier: Box<Snapshot>,
    pub later: Box<Snapshot>,
    /// Worked out once when opened, not on every frame.
    pub comparison: score::Comparison,
    pub scroll: u16,
    /// Show how the later check-in's scores were reached.
    pub explain: bool,
    /// Where Esc goes back to: the history as it was, else home.
    pub back: Option<History>,
    /// The life events between the two check-ins, oldest first.
    pub between: Vec<Event>,
}

impl CompareView {
    /// Check-ins `from` and `to` of the overview, read in full, compared.
    #[must_use]
    pub fn new(
        (from, to): (usize, usize),
        names: (String, String),
        earlier: Box<Snapshot>,
        later: Box<Snapshot>,
        back: Option<History>,
    ) -> Self {
        Self {
            from,
            to,
            names,
            comparison: score::compare(&earlier, &later),
            earlier,
            later,
            scroll: 0,
            explain: false,
            back,
            between: Vec::new(),
        }
    }

    /// The same, listing which of `events` fall between the two check-ins.
    #[must_use]
    pub fn with_events(mut self, events: &[Event]) -> Self {
        self.between = events::between(events, self.earlier.finished_at, self.later.finished_at)
            .into_iter()
            .cloned()
            .collect();
        self
    }

    /// Scroll or explain, on a screen whose body is `body`; `t` asks for
    /// the story of the first reflection prompt either check-in answered.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) -> Option<String> {
        match action {
            Action::Explain => {
                self.explain = !self.explain;
                self.scroll = 0;
            }
            Action::Thread => {
                return first_prompt(&self.later).or_else(|| first_prompt(&self.earlier));
            }
            _ => self.scroll_by(scroll_step(action), theme, body),
        }
        None
    }

    /// Scroll by `by` rows, no further than the last line.
    pub fn scroll_by(&mut self, by: i32, theme: &Theme, body: Rect) {
        let rows = rows(&lines(theme, self, body), body);
        self.scroll = layout::scrolled(self.scroll, by, rows, body);
    }
}

pub fn draw(theme: &Theme, view: &CompareView, frame: &mut Frame, area: Rect) {
    scrolled_text(lines(theme, view, area), view.scroll, frame, area);
}

/// Everything the screen shows, before scrolling; `update` uses it too, to
/// stop scrolling at the last line.
#[must_use]
pub fn lines<'a>(t: &Theme, view: &'a CompareView, area: Rect) -> Vec<Line<'a>> {
    let (from, to) = (view.earlier.as_ref(), view.later.as_ref());
    let width = usize::from(area.width);
    let comparison = &view.comparison;
    let (then, now) = (&view.names.0, &view.names.1);
    let mut lines: Vec<Line> = wrap(&format!("{then} → {now}"), width)
        .into_iter()
        .map(|l| Line::styled(l, t.title))
        .collect();
    let note_style = if comparison.same_bank {
        t.dim
    } else {
        t.strong
    };
    lines.extend(
        wrap(&bank_note(&from.bank, &to.bank), width)
            .into_iter()
            .map(|l| Line::styled(l, note_style)),
    );
    let between: Vec<&Event> = view.between.iter().collect();
    if let Some(listing) = events::listing(&between) {
        lines.extend(
            wrap(&format!("Between these check-ins: {listing}"), width)
                .into_iter()
                .map(Line::raw),
        );
    }
    lines.extend([
        Line::raw(""),
        Line::styled(
            format!("{:<12}{:>7}{:>7}{:>10}", "", "then", "now", "change"),
            t.dim,
        ),
    ]);
    for (i, d) in comparison.dimensions.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(text::pad(&d.name, 12), t.dimension(&d.dimension, i)),
            Span::raw(format!("{:>7}{:>7}", score_cell(d.from), score_cell(d.to))),
            verdict::change_span(t, d, 10),
        ]));
        let style = verdict::verdict_style(t, d.verdict);
        lines.extend(
            wrap(d.verdict.describe(), width.saturating_sub(2))
                .into_iter()
                .map(|l| Line::styled(format!("  {l}"), style)),
        );
        lines.extend(
            wrap(&verdict_detail(d), width.saturating_sub(2))
                .into_iter()
                .map(|l| Line::styled(format!("  {l}"), t.dim)),
        );
    }
    if view.explain {
        lines.push(Line::raw(""));
        lines.extend(
            wrap(&format!("Why {now} (the later) scored what it did"), width)
                .into_iter()
                .map(|l| Line::styled(l, t.strong)),
        );
        lines.extend(explanation(t, to, width));
    } else {
        movers(t, from, to, comparison, width, &mut lines);
        then_and_now(t, view, width, &mut lines);
    }
    lines
}

fn movers(
    t: &Theme,
    from: &Snapshot,
    to: &Snapshot,
    comparison: &score::Comparison,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    lines.push(Line::raw(""));
    if comparison.movers.is_empty() {
        lines.push(Line::styled("No statement answered in both moved.", t.dim));
    } else {
        lines.push(Line::styled("Statements that moved most", t.strong));
        for m in comparison.movers.iter().take(MOVERS) {
            let label = |s: &Snapshot, v: i64| {
                s.scale
                    .label(v)
                    .map_or_else(|| v.to_string(), |l| format!("{v} {l}"))
            };
            let text = wrap(&m.text, width.saturating_sub(9));
            for (i, part) in text.into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{:>7}  ", signed(m.delta))
                } else {
                    " ".repeat(9)
                };
                lines.push(Line::from(vec![
                    Span::styled(lead, t.strong),
                    Span::raw(part),
                ]));
            }
            lines.push(Line::styled(
                format!(
                    "         {} → {}",
                    label(from, m.from_value),
                    label(to, m.to_value)
                ),
                t.dim,
            ));
        }
    }
    for c in &comparison.changed_wording {
        let text = format!(
            "Changed wording, not compared: \"{}\" (was \"{}\")",
            c.to_text, c.from_text
        );
        lines.extend(
            wrap(&text, width)
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
    }
}

/// Reflections and notes of both check-ins, in two columns.
fn then_and_now(t: &Theme, view: &CompareView, width: usize, lines: &mut Vec<Line<'static>>) {
    let (from, to) = (view.earlier.as_ref(), view.later.as_ref());
    let column = width.saturating_sub(3) / 2;
    lines.push(Line::raw(""));
    let (then, now) = (
        wrap(&format!("Then ({})", view.names.0), column),
        wrap(&format!("Now ({})", view.names.1), column),
    );
    for i in 0..then.len().max(now.len()) {
        let l = then.get(i).map_or("", String::as_str);
        let r = now.get(i).map_or("", String::as_str);
        lines.push(Line::styled(
            format!("{} │ {r}", text::pad(l, column)),
            t.strong,
        ));
    }
    let mut prompts: Vec<(&str, &str)> = Vec::new();
    for r in from.reflections.iter().chain(&to.reflections) {
        if !prompts.iter().any(|(id, _)| *id == r.id) {
            prompts.push((r.id.as_str(), r.prompt.as_str()));
        }
    }
    let text_of = |s: &Snapshot, id: &str| {
        s.reflections
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.text.trim().to_string())
            .unwrap_or_default()
    };
    for (id, prompt) in prompts {
        lines.extend(
            wrap(prompt, width)
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
        side_by_side(&text_of(from, id), &text_of(to, id), column, lines);
    }
    let notes: Vec<&str> = to
        .answers
        .iter()
        .chain(&from.answers)
        .filter(|a| a.note.is_some())
        .map(|a| a.question.as_str())
        .fold(Vec::new(), |mut seen, q| {
            if !seen.contains(&q) {
                seen.push(q);
            }
            seen
        });
    let note_of = |s: &Snapshot, q: &str| {
        s.answers
            .iter()
            .find(|a| a.question == q)
            .and_then(|a| a.note.clone())
            .unwrap_or_default()
    };
    for q in notes {
        let text = to
            .answers
            .iter()
            .chain(&from.answers)
            .find(|a| a.question == q)
            .map(|a| a.text.clone());
        let heading = format!("Note on: {}", text.unwrap_or_default());
        lines.extend(
            wrap(&heading, width)
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
        side_by_side(&note_of(from, q), &note_of(to, q), column, lines);
    }
    let commitment = |s: &Snapshot| {
        if s.commitments.is_empty() {
            "(none)".to_string()
        } else {
            s.commitments.join("\n")
        }
    };
    lines.push(Line::styled("Commitment", t.dim));
    side_by_side(&commitment(from), &commitment(to), column, lines);
}

fn side_by_side(left: &str, right: &str, column: usize, lines: &mut Vec<Line<'static>>) {
    let blank = |s: &str| {
        if s.is_empty() {
            "(blank)".to_string()
        } else {
            s.to_string()
        }
    };
    let (left, right) = (wrap(&blank(left), column), wrap(&blank(right), column));
    for i in 0..left.len().max(right.len()) {
        let l = left.get(i).map_or("", String::as_str);
        let r = right.get(i).map_or("", String::as_str);
        lines.push(Line::raw(format!("{} │ {r}", text::pad(l, column))));
    }
}
