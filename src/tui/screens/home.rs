//! Home: a welcome the first time; later the latest scores, whether a
//! check-in is due, and the last commitment.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::app::App;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let mut lines: Vec<Line> = Vec::new();
    match &app.home.latest {
        None => {
            lines.push(Line::styled("Welcome to motive.", t.title));
            lines.push(Line::raw(""));
            lines.push(Line::raw(
                "A short, honest check-in on the three things that keep work worth doing. Come back every few months and watch how they move.",
            ));
            lines.push(Line::raw(""));
            for (i, (id, name, text)) in WELCOME.iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{name}  "), t.dimension(id, i)),
                    Span::raw(*text),
                ]));
            }
            lines.push(Line::raw(""));
            lines.push(Line::raw(
                "It takes about ten minutes. Your answers stay on this machine.",
            ));
        }
        Some(latest) => {
            let label = latest
                .label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled("Latest check-in ", t.strong),
                Span::raw(format!("{}{label}", latest.finished_at.format("%Y-%m-%d"))),
                Span::styled(format!("  · {} in all", app.home.count), t.dim),
            ]));
            lines.push(Line::raw(""));
            let bar = usize::from(area.width.saturating_sub(30)).clamp(10, 40);
            lines.extend(super::score_lines(t, &app.home.scores, bar));
            lines.push(Line::raw(""));
            if !latest.commitment.trim().is_empty() {
                lines.push(Line::from(vec![
                    Span::styled("You said you would: ", t.strong),
                    Span::raw(latest.commitment.trim().to_string()),
                ]));
                lines.push(Line::raw(""));
            }
        }
    }
    lines.push(Line::styled(app.home.due.clone(), t.strong));
    if app.read_only {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Read-only: another check-in is in progress, so this one cannot start a new one.",
            t.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

const WELCOME: [(&str, &str, &str); 3] = [
    (
        "autonomy",
        "Autonomy",
        "Steering your own work: what you take on, how, and when. Acting by choice rather than by instruction.",
    ),
    (
        "mastery",
        "Mastery ",
        "Getting better at something that matters to you, stretched a little past what is comfortable.",
    ),
    (
        "purpose",
        "Purpose ",
        "Doing work that serves something you care about, in a direction you chose rather than a rung someone else drew.",
    ),
];
