//! Drawing the whole app: the frame around every screen (title, status
//! line, footer), the screen itself from its own file, and any overlay.
//! Nothing here changes state.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::overlay;
use super::screens::browse::{brief, commitments, compare, detail, events, history, home, thread};
use super::screens::checkin::{self, notice, result, resume};
use super::screens::unlock;
use super::theme::Theme;
use super::widgets;

/// Draw the whole app.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(areas) = app.areas_in(area) else {
        too_small(
            &app.theme,
            (matches!(app.screen, Screen::Flow(_)), app.ignored_keys),
            frame,
            area,
        );
        return;
    };
    let t = &app.theme;
    frame.render_widget(Paragraph::new(title_line(app)), areas.header);
    let body = areas.body;
    match &app.screen {
        Screen::Unlock(u) => unlock::draw(t, u, frame, body),
        Screen::Home => home::draw(t, &app.home, app.read_only, frame, body),
        Screen::Resume(offer) => resume::draw(t, offer, frame, body),
        Screen::Flow(flow) => checkin::draw(t, flow, frame, body),
        Screen::Result(saved) => result::draw(t, saved, frame, body),
        Screen::Notice(n) => notice::draw(t, n, frame, body),
        Screen::History(h) => history::draw(t, &app.home, h, frame, body),
        Screen::Detail(d) => detail::draw(t, d, frame, body),
        Screen::Commitments(c) => commitments::draw(t, c, frame, body),
        Screen::Compare(c) => compare::draw(t, c, frame, body),
        Screen::Thread { view, .. } => thread::draw(t, view, frame, body),
        Screen::Events(e) => events::draw(t, &app.home.events, e, app.read_only, frame, body),
        Screen::Brief(b) => brief::draw(t, b, frame, body),
    }
    if let Some(message) = app.status_line() {
        frame.render_widget(
            Paragraph::new(Span::styled(message, t.error)).wrap(Wrap { trim: true }),
            areas.status,
        );
    }
    let digits = app.digits();
    let footer = widgets::key_rows(t, app.context(), digits.as_deref(), area.width.into());
    frame.render_widget(Paragraph::new(footer), areas.footer);
    if let Some(open) = &app.overlay {
        overlay::draw(open, &app.under(digits.as_deref()), frame, area);
    }
}

fn title_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" motive ", t.title)];
    let subtitle = match &app.screen {
        Screen::Unlock(_) => "locked".to_string(),
        Screen::Home if app.read_only => "home (read-only)".to_string(),
        Screen::Home => "home".to_string(),
        Screen::Resume(_) => "unfinished check-in".to_string(),
        Screen::Flow(flow) => format!("check-in · {}", flow.checkin.bank.title),
        Screen::Result(_) => "check-in saved".to_string(),
        // The notice's own first line says what happened: not twice.
        Screen::Notice(_) => "the check-in cannot start".to_string(),
        Screen::History(_) if app.read_only => "history (read-only)".to_string(),
        Screen::History(_) => "history".to_string(),
        Screen::Detail(_) => "check-in".to_string(),
        Screen::Compare(_) => "compare".to_string(),
        Screen::Thread { .. } => "thread".to_string(),
        Screen::Events(_) if app.read_only => "life events (read-only)".to_string(),
        Screen::Events(_) => "life events".to_string(),
        Screen::Brief(b) => format!(
            "brief · check-in of {}",
            crate::describe::date(b.snapshot.finished_at)
        ),
        Screen::Commitments(_) => "commitments".to_string(),
    };
    spans.push(Span::styled(format!("· {subtitle}"), t.dim));
    Line::from(spans)
}

/// Only `q` and Ctrl-C act while this is on screen (see `App::too_small`);
/// it counts the keys it ignored.
fn too_small(theme: &Theme, (in_check_in, ignored): (bool, usize), frame: &mut Frame, area: Rect) {
    let mut text = vec![
        Line::styled("Terminal too small", theme.strong),
        Line::raw(format!("motive needs at least {MIN_WIDTH}x{MIN_HEIGHT};")),
        Line::raw(format!("this one is {}x{}.", area.width, area.height)),
        Line::raw(if in_check_in {
            "Enlarge the window, or press q to quit (your answers are kept)."
        } else {
            "Enlarge the window, or press q to quit."
        }),
    ];
    if ignored > 0 {
        text.push(Line::styled(
            format!(
                "{} ignored until it is larger.",
                crate::text::count(ignored, "key", "keys")
            ),
            theme.dim,
        ));
    }
    let rows: usize = text
        .iter()
        .map(|l| {
            let plain: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::text::wrap(&plain, usize::from(area.width)).len()
        })
        .sum();
    let height = u16::try_from(rows).unwrap_or(u16::MAX).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::{Position, Rect};

    use super::*;
    use crate::bank::builtin;
    use crate::checkin::CheckIn;
    use crate::summary::Summary;
    use crate::tui::app::{History, Overview};

    fn history_app(n: usize, selected: usize, width: u16, height: u16) -> App {
        let bank = builtin::get("quick").expect("quick");
        let start =
            chrono::DateTime::parse_from_rfc3339("2020-01-06T09:30:00+00:00").expect("date");
        let summaries = (0..n)
            .map(|i| {
                let when = start + chrono::Duration::days(7 * i64::try_from(i).unwrap_or(0));
                Summary::of(&CheckIn::new(&bank, &[], None, when).to_snapshot(when))
            })
            .collect();
        let mut app = App::new(Overview::new(summaries, String::new()), Theme::monochrome());
        app.screen = Screen::History(History {
            selected,
            ..History::default()
        });
        app.size = Rect::new(0, 0, width, height);
        app
    }

    /// The row a click lands on is the row the history screen draws that
    /// check-in on: the two cannot drift apart unnoticed.
    #[test]
    fn history_rows_are_where_the_screen_draws_them() {
        for (n, selected, width, height) in [
            (3, 2, 80, 24),
            (40, 39, 80, 24),
            (40, 5, 80, 24),
            (40, 0, 120, 40),
        ] {
            let app = history_app(n, selected, width, height);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
            terminal.draw(|frame| view(&app, frame)).expect("draw");
            let buffer = terminal.backend().buffer().clone();
            let mut found = 0;
            // The list only: the chart beside it has years on its axis.
            let list_end = if width >= 114 { 56 } else { 44 };
            for y in 0..height {
                let line: String = (0..list_end)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                let body = app.areas().expect("big enough").body;
                let Screen::History(h) = &app.screen else {
                    panic!("on the history")
                };
                let count = app.home.snapshots.len();
                match history::row_at(body, count, h, Position::new(6, y)) {
                    Some(index) => {
                        let day = app.home.snapshots[index].finished_at.format("%Y-%m-%d");
                        assert!(
                            line.contains(&day.to_string()),
                            "row {y} should show {day}: {line:?}"
                        );
                        found += 1;
                    }
                    other => assert!(
                        !line.contains(" 20"),
                        "row {y} shows a check-in but hits {other:?}: {line:?}"
                    ),
                }
            }
            assert!(found > 0, "{n} check-ins, some row is clickable");
        }
    }
}
