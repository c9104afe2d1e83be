//! One check-in in full: scores, every answer with its note, reflections,
//! commitment and follow-up; or, with `x`, how each score was reached.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::score::{self, explain};
use crate::snapshot::Snapshot;
use crate::tui::app::{App, Detail};
use crate::tui::theme::Theme;

pub fn draw(app: &App, detail: &Detail, frame: &mut Frame, area: Rect) {
    let lines = lines(app, detail, area);
    let scroll = super::clamp_scroll(&lines, area, detail.scroll);
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
pub fn lines<'a>(app: &'a App, detail: &'a Detail, area: Rect) -> Vec<Line<'a>> {
    let s = detail.snapshot.as_ref();
    let t = &app.theme;
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
    let bar = usize::from(area.width.saturating_sub(32)).clamp(10, 40);
    lines.extend(super::score_lines(t, &score::scores(s), bar));
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
    let commitment = if s.commitment.is_empty() {
        "(none)"
    } else {
        s.commitment.as_str()
    };
    lines.push(Line::from(vec![
        Span::styled("Commitment: ", t.strong),
        Span::raw(commitment.to_string()),
    ]));
    if let Some(f) = &s.follow_up {
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
            Some(score) => format!("{score:.1}"),
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
