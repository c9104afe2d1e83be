//! What a mouse click lands on. The screens say where they draw what can be
//! clicked (from the same layout functions they draw with), so `update` can
//! stay pure: it asks [`hit`] with the terminal size kept in [`App`].

use ratatui::layout::{Position, Rect};

use super::app::{App, Screen};
use super::keys::Context;
use super::screens;
use super::view;
use crate::checkin::Step;
use crate::snapshot::Outcome;

/// Something on screen a click can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A point on a statement's scale.
    Option(i64),
    /// How last time's commitment went.
    Outcome(Outcome),
    /// A check-in in the history list (index into `HomeInfo::snapshots`).
    HistoryRow(usize),
}

/// What is at `column`, `row` (0-based, as the terminal reports them).
#[must_use]
pub fn hit(app: &App, column: u16, row: u16) -> Option<Target> {
    let at = Position::new(column, row);
    let body = view::areas(app, app.size)?.body;
    match (&app.screen, app.context()) {
        (Screen::Flow(flow), Context::Question) => screens::question::option_areas(flow, body)
            .into_iter()
            .find(|(_, area)| area.contains(at))
            .map(|(value, _)| Target::Option(value)),
        (Screen::Flow(flow), Context::FollowUp | Context::FollowUpNote)
            if flow.checkin.step == Step::FollowUp =>
        {
            screens::follow_up::outcome_areas(body)
                .into_iter()
                .find(|(_, area)| area.contains(at))
                .map(|(outcome, _)| Target::Outcome(outcome))
        }
        (Screen::History(history), Context::History) => {
            history_row(body, app.home.snapshots.len(), history.selected, at)
                .map(Target::HistoryRow)
        }
        _ => None,
    }
}

/// The check-in drawn on the history list's row at `at`, if any, by the
/// layout `screens::history` draws with.
fn history_row(body: Rect, count: usize, selected: usize, at: Position) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let [list, _] = screens::history::split(body);
    if !list.contains(at) || at.y == list.y {
        return None;
    }
    let (_, first) = screens::history::window(list, count, selected);
    let row = first + usize::from(at.y - list.y - 1);
    // Rows count from the newest; indices from the oldest.
    (row < count).then(|| count - 1 - row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::bank::builtin;
    use crate::checkin::CheckIn;
    use crate::summary::Summary;
    use crate::tui::app::{History, HomeInfo};
    use crate::tui::theme::Theme;

    fn history_app(n: usize, selected: usize, width: u16, height: u16) -> App {
        let bank = builtin::get("quick").expect("quick");
        let start =
            chrono::DateTime::parse_from_rfc3339("2020-01-06T09:30:00+00:00").expect("date");
        let summaries = (0..n)
            .map(|i| {
                let when = start + chrono::Duration::days(7 * i64::try_from(i).unwrap_or(0));
                Summary::of(&CheckIn::new(&bank, None, None, when).to_snapshot(when))
            })
            .collect();
        let mut app = App::new(HomeInfo::new(summaries, String::new()), Theme::monochrome());
        app.screen = Screen::History(History {
            selected,
            marked: Vec::new(),
        });
        app.size = Rect::new(0, 0, width, height);
        app
    }

    /// The row the hit test names is the row the history screen draws that
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
            terminal
                .draw(|frame| view::view(&app, frame))
                .expect("draw");
            let buffer = terminal.backend().buffer().clone();
            let mut found = 0;
            // The list only: the chart beside it has years on its axis.
            let list_end = if width >= 114 { 56 } else { 44 };
            for y in 0..height {
                let line: String = (0..list_end)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect();
                match hit(&app, 6, y) {
                    Some(Target::HistoryRow(index)) => {
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
