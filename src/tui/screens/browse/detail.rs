//! One check-in in full: scores, every answer with its note, reflections,
//! commitment and follow-up; or, with `x`, how each score was reached.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::hanging::{hanging, indented};
use super::history::History;
use crate::score::{self, explain};
use crate::snapshot::Snapshot;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;
use crate::tui::widgets::{score_lines, scrolled_text};

/// One check-in in full, scrollable; `explain` shows how each score was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub index: usize,
    /// The check-in as people name it: its date and label.
    pub name: String,
    pub snapshot: Box<Snapshot>,
    pub scroll: u16,
    pub explain: bool,
    /// Where Esc goes back to: the history as it was, else home.
    pub back: Option<History>,
}

impl Detail {
    /// Check-in `index` of the overview, read in full, named `name`, at
    /// its top.
    #[must_use]
    pub fn new(index: usize, name: String, snapshot: Box<Snapshot>, back: Option<History>) -> Self {
        Self {
            index,
            name,
            snapshot,
            scroll: 0,
            explain: false,
            back,
        }
    }

    /// Scroll or explain, on a screen whose body is `body`; `t` asks for
    /// the story of the check-in's first reflection prompt.
    pub fn update(&mut self, action: Action, theme: &Theme, body: Rect) -> Option<String> {
        let by = match action {
            Action::Explain => {
                self.explain = !self.explain;
                self.scroll = 0;
                return None;
            }
            Action::Thread => return first_prompt(&self.snapshot),
            _ => scroll_step(action),
        };
        self.scroll_by(by, theme, body);
        None
    }

    /// Scroll so that the first line holding `text` is at the top, when
    /// there is one (a search opens the check-in at what it found).
    pub fn seek(&mut self, text: &str, theme: &Theme, body: Rect) {
        let lines = lines(theme, self, body);
        // Its start: a long line is wrapped over several on screen.
        let start: String = text.trim().chars().take(SEEK_CHARS).collect();
        let Some(at) = lines.iter().position(|l| l.to_string().contains(&start)) else {
            return;
        };
        let above = rows(&lines[..at], body);
        self.scroll = 0;
        self.scroll_by(i32::try_from(above).unwrap_or(i32::MAX), theme, body);
    }

    /// Scroll by `by` rows, no further than the last line.
    pub fn scroll_by(&mut self, by: i32, theme: &Theme, body: Rect) {
        let rows = rows(&lines(theme, self, body), body);
        self.scroll = layout::scrolled(self.scroll, by, rows, body);
    }
}

/// How much of a found line's start is looked for on screen: enough to
/// tell it apart, short enough to sit on the first row of a wrapped line.
const SEEK_CHARS: usize = 20;

/// The id of the first reflection prompt `s` answered, if any.
#[must_use]
pub fn first_prompt(s: &Snapshot) -> Option<String> {
    s.reflections.first().map(|r| r.id.clone())
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

/// The rows `lines` take in `area`, wrapped at words as drawing wraps them.
#[must_use]
pub fn rows(lines: &[Line<'_>], area: Rect) -> usize {
    crate::tui::widgets::wrapped_height(lines, area)
}

pub fn draw(theme: &Theme, detail: &Detail, frame: &mut Frame, area: Rect) {
    scrolled_text(lines(theme, detail, area), detail.scroll, frame, area);
}

/// Everything the screen shows, before scrolling; `update` uses it too, to
/// stop scrolling at the last line.
#[must_use]
pub fn lines<'a>(t: &Theme, detail: &'a Detail, area: Rect) -> Vec<Line<'a>> {
    let s = detail.snapshot.as_ref();
    let width = usize::from(area.width);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("Check-in {}", detail.name), t.title),
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
        lines.extend(explanation(t, s, width));
    } else {
        lines.extend(everything(t, s, width));
    }
    lines
}

/// Every answer with its note, the reflections, the commitment and follow-up.
fn everything(t: &Theme, s: &Snapshot, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, d) in s.dimensions.iter().enumerate() {
        lines.push(Line::styled(d.name.clone(), t.dimension(&d.id, i)));
        for a in s.answers.iter().filter(|a| a.dimension == d.id) {
            let answer = match a.value {
                Some(v) => format!("{v} {}", s.scale.label(v).unwrap_or_default()),
                None => "skipped".to_string(),
            };
            lines.extend(hanging(
                Span::styled(format!("  [{answer}] "), t.strong),
                &a.text,
                t.text,
                width,
            ));
            if let Some(note) = &a.note {
                lines.extend(hanging(
                    Span::styled("      note: ", t.dim),
                    note,
                    t.dim,
                    width,
                ));
            }
        }
    }
    if !s.reflections.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Reflections", t.strong));
        for r in &s.reflections {
            lines.extend(indented(2, &r.prompt, t.dim, width));
            let text = if r.text.trim().is_empty() {
                "(left blank)"
            } else {
                r.text.trim()
            };
            lines.extend(indented(4, text, t.text, width));
        }
    }
    lines.push(Line::raw(""));
    if s.commitments.is_empty() {
        lines.extend(hanging(
            Span::styled("Commitment: ", t.strong),
            "(none)",
            t.text,
            width,
        ));
    }
    for c in &s.commitments {
        lines.extend(hanging(
            Span::styled("Commitment: ", t.strong),
            c,
            t.text,
            width,
        ));
    }
    for f in &s.follow_ups {
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        lines.extend(hanging(
            Span::styled("Last time's commitment: ", t.strong),
            &format!("{}: {}{note}", f.commitment, f.outcome.describe()),
            t.text,
            width,
        ));
    }
    lines
}

/// How each statement made up its dimension's score.
#[must_use]
pub fn explanation(t: &Theme, s: &Snapshot, width: usize) -> Vec<Line<'static>> {
    let mut lines = indented(
        0,
        "How the scores were reached: each answer's points (0-100, reverse statements mirrored) times its share of the answered weight.",
        t.dim,
        width,
    );
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
            let lead = match &st.counted {
                Some(c) => format!(
                    "  {:>5.1} pts x {:>3.0}% = {:>5.1}   [{}{reverse}, weight {}] ",
                    c.points,
                    c.share * 100.0,
                    c.contribution,
                    c.value,
                    st.weight,
                ),
                None => format!(
                    "  not counted (skipped)        [weight {}{reverse}] ",
                    st.weight
                ),
            };
            // The numbers stay on one line; the statement wraps under itself.
            lines.extend(hanging(Span::raw(lead), &st.text, t.text, width));
        }
    }
    lines
}
