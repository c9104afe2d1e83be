//! One check-in in full: scores, every answer with its note, reflections,
//! commitment and follow-up; or, with `x`, how each score was reached.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::history::History;
use crate::score::{self, explain};
use crate::snapshot::Snapshot;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::score_lines;

/// One check-in in full, scrollable; `explain` shows how each score was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub index: usize,
    pub snapshot: Box<Snapshot>,
    pub scroll: u16,
    pub explain: bool,
    /// Where Esc goes back to: the history as it was, else home.
    pub back: Option<History>,
}

impl Detail {
    /// Check-in `index` of the overview, read in full, at its top.
    #[must_use]
    pub fn new(index: usize, snapshot: Box<Snapshot>, back: Option<History>) -> Self {
        Self {
            index,
            snapshot,
            scroll: 0,
            explain: false,
            back,
        }
    }

    /// Scroll or explain, on a screen whose body is `body`.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) {
        let by = match action {
            Action::Explain => {
                self.explain = !self.explain;
                self.scroll = 0;
                return;
            }
            _ => scroll_step(action),
        };
        self.scroll_by(by, theme, body);
    }

    /// Scroll by `by` rows, no further than the last line.
    pub fn scroll_by(&mut self, by: i32, theme: &Theme, body: Rect) {
        let rows = rows(&lines(theme, self, body), body);
        self.scroll = layout::scrolled(self.scroll, by, rows, body);
    }
}

/// How far a key scrolls a check-in or a comparison.
#[must_use]
pub fn scroll_step(action: Action) -> i32 {
    match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -10,
        Action::PageDown => 10,
        _ => 0,
    }
}

/// The rows `lines` take in `area`, wrapped.
#[must_use]
pub fn rows(lines: &[Line<'_>], area: Rect) -> usize {
    layout::wrapped_rows(lines.iter().map(Line::width), usize::from(area.width))
}

pub fn draw(theme: &Theme, detail: &Detail, frame: &mut Frame, area: Rect) {
    draw_scrolled(lines(theme, detail, area), detail.scroll, frame, area);
}

/// `lines`, wrapped, scrolled by `scroll` rows but no further than the
/// last line.
pub fn draw_scrolled(lines: Vec<Line<'_>>, scroll: u16, frame: &mut Frame, area: Rect) {
    let scroll = scroll.min(layout::scroll_limit(rows(&lines, area), area));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// Everything the screen shows, before scrolling; `update` uses it too, to
/// stop scrolling at the last line.
#[must_use]
pub fn lines<'a>(t: &Theme, detail: &'a Detail, area: Rect) -> Vec<Line<'a>> {
    let s = detail.snapshot.as_ref();
    let label = s
        .label
        .as_deref()
        .map(|l| format!("  ({l})"))
        .unwrap_or_default();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("Check-in {}{label}", s.id), t.title),
            Span::styled(format!("  · {} {}", s.bank.id, s.bank.version), t.dim),
        ]),
        Line::raw(""),
    ];
    lines.extend(score_lines(
        t,
        &score::scores(s),
        layout::score_bar(area.width, 32),
    ));
    lines.push(Line::raw(""));
    if detail.explain {
        lines.extend(explanation(t, s));
    } else {
        lines.extend(everything(t, s));
    }
    lines
}

/// Every answer with its note, the reflections, the commitment and follow-up.
fn everything(t: &Theme, s: &Snapshot) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, d) in s.dimensions.iter().enumerate() {
        lines.push(Line::styled(d.name.clone(), t.dimension(&d.id, i)));
        for a in s.answers.iter().filter(|a| a.dimension == d.id) {
            let answer = match a.value {
                Some(v) => format!("{v} {}", s.scale.label(v).unwrap_or_default()),
                None => "skipped".to_string(),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  [{answer}] "), t.strong),
                Span::raw(a.text.clone()),
            ]));
            if let Some(note) = &a.note {
                lines.push(Line::styled(format!("      note: {note}"), t.dim));
            }
        }
    }
    if !s.reflections.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Reflections", t.strong));
        for r in &s.reflections {
            lines.push(Line::styled(format!("  {}", r.prompt), t.dim));
            let text = if r.text.trim().is_empty() {
                "(left blank)"
            } else {
                r.text.trim()
            };
            lines.extend(text.lines().map(|l| Line::raw(format!("    {l}"))));
        }
    }
    lines.push(Line::raw(""));
    if s.commitments.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Commitment: ", t.strong),
            Span::raw("(none)"),
        ]));
    }
    for c in &s.commitments {
        lines.push(Line::from(vec![
            Span::styled("Commitment: ", t.strong),
            Span::raw(c.clone()),
        ]));
    }
    for f in &s.follow_ups {
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled("Last time's commitment: ", t.strong),
            Span::raw(format!("{}: {}{note}", f.commitment, f.outcome.describe())),
        ]));
    }
    lines
}

/// How each statement made up its dimension's score.
#[must_use]
pub fn explanation(t: &Theme, s: &Snapshot) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        "How the scores were reached: each answer's points (0-100, reverse statements mirrored) times its share of the answered weight.",
        t.dim,
    )];
    for (i, d) in explain::explain(s).dimensions.iter().enumerate() {
        lines.push(Line::raw(""));
        let verdict = match d.score {
            Some(score) => crate::describe::number(score),
            None => "no score: less than half of its weight answered".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(d.name.clone(), t.dimension(&d.dimension, i)),
            Span::raw(format!(
                "  {verdict}  (answered weight {} of {})",
                d.answered_weight, d.total_weight
            )),
        ]));
        for st in &d.statements {
            let reverse = if st.reverse { " reverse" } else { "" };
            let line = match &st.counted {
                Some(c) => format!(
                    "  {:>5.1} pts x {:>3.0}% = {:>5.1}   [{}{reverse}, weight {}] {}",
                    c.points,
                    c.share * 100.0,
                    c.contribution,
                    c.value,
                    st.weight,
                    st.text
                ),
                None => format!(
                    "  not counted (skipped)        [weight {}{reverse}] {}",
                    st.weight, st.text
                ),
            };
            lines.push(Line::raw(line));
        }
    }
    lines
}
