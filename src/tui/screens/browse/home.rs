//! Home: a welcome the first time; later the latest scores with the change
//! since the check-in before and its verdict, each dimension's trend (broken
//! where the bank or its version changes), when the next check-in is due,
//! and how commitments have turned out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use ratatui::style::Style;

use crate::commitments;
use crate::describe;
use crate::score::Verdict;
use crate::summary::Summary;
use crate::text::escape_line;
use crate::trend;
use crate::tui::keys::Action;
use crate::tui::names;
use crate::tui::overview::Overview;
use crate::tui::theme::Theme;
use crate::tui::verdict;
use crate::tui::widgets::score_lines;
use crate::tui::year_ago;

/// What a key on the home screen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Begin a check-in (resuming a draft if there is one).
    Start,
    History,
    /// Compare the two latest check-ins.
    Compare,
    /// Ask, then discard the unfinished check-in and start afresh.
    Discard,
    /// Open the check-in of about a year ago.
    YearAgo,
    /// Every commitment and how it went.
    Commitments,
}

/// The home screen's keys; `read_only` when another process is writing.
#[must_use]
pub fn update(action: Action, read_only: bool) -> Option<Request> {
    match action {
        Action::Start if !read_only => Some(Request::Start),
        Action::OpenHistory => Some(Request::History),
        Action::OpenCompare => Some(Request::Compare),
        Action::Discard if !read_only => Some(Request::Discard),
        Action::YearAgo => Some(Request::YearAgo),
        Action::OpenCommitments => Some(Request::Commitments),
        _ => None,
    }
}

pub fn draw(t: &Theme, overview: &Overview, read_only: bool, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    match overview.latest() {
        None => welcome(t, &mut lines),
        Some(latest) => {
            let count = overview.snapshots.len();
            let name = |i: usize| names::name_at(&overview.snapshots, i);
            lines.push(Line::from(vec![
                Span::styled("Latest check-in ", t.strong),
                Span::raw(name(count - 1)),
                Span::styled(
                    format!(
                        "  ({count} check-in{} in all)",
                        if count == 1 { "" } else { "s" }
                    ),
                    t.dim,
                ),
            ]));
            lines.extend(older_scores(t, overview, area.width));
            lines.push(Line::raw(""));
            let change = overview.last_change();
            let trend_width = usize::from(area.width.saturating_sub(58)).clamp(4, 40);
            let bar = usize::from(area.width.saturating_sub(36 + trend_width as u16)).clamp(8, 30);
            for (i, line) in score_lines(t, &overview.scores, bar)
                .into_iter()
                .enumerate()
            {
                let mut spans = line.spans;
                let Some(score) = overview.scores.get(i) else {
                    continue;
                };
                let moved = change
                    .as_ref()
                    .and_then(|c| c.iter().find(|d| d.dimension == score.dimension));
                match moved {
                    Some(d) => {
                        spans.push(Span::raw(" "));
                        spans.push(verdict::change_span(t, d, 8));
                        let (mark, style) = verdict_mark(t, d.verdict);
                        spans.push(Span::styled(format!(" {mark}"), style));
                        spans.push(Span::raw(" "));
                    }
                    None => spans.push(Span::raw(" ".repeat(12))),
                }
                spans.push(Span::styled(
                    sparkline(overview, &score.dimension, trend_width),
                    t.dimension(&score.dimension, i),
                ));
                lines.push(Line::from(spans));
            }
            if change.is_some() {
                lines.push(Line::styled(
                    "Changes: bold beyond measurement error, ~ within it, ? unknown.",
                    t.dim,
                ));
            }
            if let Some(banks) = bank_stretches(overview, trend_width) {
                lines.push(Line::styled(
                    format!("Trend: {banks} (│ marks the change)."),
                    t.dim,
                ));
            }
            lines.push(Line::raw(""));
            // The open commitment, even when the latest check-in set none.
            if let Some((made, open)) = commitments::open(&overview.snapshots) {
                let when = if made.id == latest.id {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        describe::name(made.finished_at, made.label.as_deref())
                    )
                };
                lines.push(Line::from(vec![
                    Span::styled("You said you would: ", t.strong),
                    Span::raw(format!("{}{when}", open.join("; "))),
                ]));
            }
            if let Some(tally) = overview.tally.clone() {
                lines.push(Line::from(vec![
                    Span::styled("Commitments so far: ", t.dim),
                    Span::raw(tally),
                ]));
            }
            lines.push(Line::raw(""));
        }
    }
    match &overview.draft {
        Some(draft) => lines.push(Line::styled(draft.clone(), t.strong)),
        None => lines.push(Line::styled(overview.due.clone(), t.strong)),
    }
    for other in &overview.other_drafts {
        lines.push(Line::styled(other.clone(), t.dim));
    }
    if overview.unreadable > 0 {
        lines.push(Line::styled(
            format!(
                "{} could not be read; motive list shows which.",
                crate::text::count(overview.unreadable, "check-in file", "check-in files")
            ),
            t.error,
        ));
    }
    // Below when the next check-in is due, which matters more.
    if let Some(y) = &overview.year_ago {
        lines.push(Line::raw(""));
        lines.extend(year_ago::lines(t, y, usize::from(area.width), Some("y")));
    }
    if read_only {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Read-only: another check-in is in progress, so a new one cannot start here.",
            t.dim,
        ));
    }
    // On a short terminal the blank lines between parts go first, last
    // first, so the lines at the end (when the next check-in is due, files
    // that could not be read) stay on screen.
    let rows = |lines: &[Line]| {
        crate::tui::layout::wrapped_rows(lines.iter().map(Line::width), usize::from(area.width))
    };
    while rows(&lines) > usize::from(area.height) {
        match lines.iter().rposition(|l| l.width() == 0) {
            Some(blank) => {
                lines.remove(blank);
            }
            None => break,
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// Which scores come from check-ins before the latest (one saved with
/// every statement skipped, or on a bank that did not ask them), and from
/// which: "Autonomy, Mastery: from 30 Aug 2026 · Q3."
fn older_scores(t: &Theme, overview: &Overview, width: u16) -> Vec<Line<'static>> {
    let latest = overview.snapshots.len().saturating_sub(1);
    let mut from: Vec<(usize, Vec<&str>)> = Vec::new();
    for (score, &i) in overview.scores.iter().zip(&overview.scored_in) {
        if i == latest {
            continue;
        }
        match from.iter_mut().find(|(at, _)| *at == i) {
            Some((_, names)) => names.push(&score.name),
            None => from.push((i, vec![&score.name])),
        }
    }
    let mut lines = Vec::new();
    for (i, dimensions) in from {
        let said = if overview.scored_in.iter().all(|&s| s != latest) {
            format!(
                "The latest check-in has no scores; these are from {}.",
                names::name_at(&overview.snapshots, i)
            )
        } else {
            format!(
                "{}: from {}, the latest check-in did not score {}.",
                dimensions.join(", "),
                names::name_at(&overview.snapshots, i),
                if dimensions.len() == 1 { "it" } else { "them" }
            )
        };
        lines.extend(
            crate::text::wrap(&escape_line(&said), usize::from(width))
                .into_iter()
                .map(|l| Line::styled(l, t.dim)),
        );
    }
    lines
}

fn welcome(t: &Theme, lines: &mut Vec<Line>) {
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
    lines.push(Line::raw(""));
}

/// How a change's verdict is marked beside it: nothing beyond measurement
/// error (the change is bold), `~` within it (dim for little change), `?`
/// when it cannot be judged.
fn verdict_mark(t: &Theme, verdict: Verdict) -> (&'static str, Style) {
    match verdict {
        Verdict::Reliable => (" ", t.text),
        Verdict::Possible => ("~", t.text),
        Verdict::Little => ("~", t.dim),
        Verdict::Unknown(_) => ("?", t.dim),
    }
}

/// The check-ins the sparkline shows, latest last: as many as fit in
/// `width` with one `│` wherever the bank or its version changes.
fn shown(home: &Overview, width: usize) -> &[Summary] {
    let all = &home.snapshots;
    let mut used = 0;
    let mut start = all.len();
    while start > 0 {
        let breaks = usize::from(start < all.len() && bank_changes(&all[start - 1], &all[start]));
        if used + 1 + breaks > width {
            break;
        }
        used += 1 + breaks;
        start -= 1;
    }
    &all[start..]
}

fn bank_changes(a: &Summary, b: &Summary) -> bool {
    !trend::same_bank(&a.bank, &b.bank)
}

/// A dimension's scores across the latest check-ins that fit in `width`,
/// one block character each (`▁` low to `█` high; a space where there is
/// no score), with `│` where the bank or its version changes.
fn sparkline(home: &Overview, dimension: &str, width: usize) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let shown = shown(home, width);
    let mut line = String::new();
    for (i, s) in shown.iter().enumerate() {
        if i > 0 && bank_changes(&shown[i - 1], s) {
            line.push('│');
        }
        // 0..=100 onto the eight blocks
        line.push(s.score(dimension).map_or(' ', |v| {
            BLOCKS[((v / 100.0) * 7.0).round().clamp(0.0, 7.0) as usize]
        }));
    }
    line
}

/// Which bank each stretch of the sparkline used (`core 1, then core 2`),
/// when it shows more than one.
fn bank_stretches(home: &Overview, width: usize) -> Option<String> {
    trend::stretches_line(&trend::stretches(
        shown(home, width).iter().map(|s| &*s.bank),
    ))
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
