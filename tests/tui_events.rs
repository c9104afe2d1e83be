//! Life events and "a year ago" in the TUI: frame snapshots of the events
//! screen, the check-in's question about what happened, and home with what
//! was written about a year ago; and the messages that drive them.

mod support;

use chrono::{DateTime, FixedOffset, NaiveDate};
use insta::assert_snapshot;
use motive::bank::builtin;
use motive::checkin::CheckIn;
use motive::summary::Summary;
use motive::tui::app::{App, Effect, Msg, Open, Overview, Screen};
use motive::tui::theme::Theme;
use motive::tui::view::view;
use motive::year_ago::YearAgo;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{at, bank, snapshot};

fn now() -> DateTime<FixedOffset> {
    at("2026-11-22T09:30:00+01:00")
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Three core check-ins: about a year ago, a quarter ago, and last week.
fn overview_with_a_year_ago() -> Overview {
    let core = bank("core");
    let summaries = [
        "2025-11-20T09:30:00+01:00",
        "2026-08-20T09:30:00+01:00",
        "2026-11-15T09:30:00+01:00",
    ]
    .iter()
    .map(|when| Summary::of(&snapshot(&core, at(when), 3)))
    .collect();
    let mut overview = Overview::new(
        summaries,
        "Next check-in due 2027-02-13 (in 83 days).".into(),
    );
    overview.year_ago = Some(YearAgo {
        id: overview.snapshots[0].id.clone(),
        date: NaiveDate::from_ymd_opt(2025, 11, 20).expect("day"),
        days: 367,
        label: Some("Q4".into()),
        prompt: Some("Has what you want from work changed since last time? How?".into()),
        want: Some("To lead the platform team, and to write less glue code.".into()),
        commitment: "Ask Dana for the migration project".into(),
    });
    overview
}

#[test]
fn home_shows_what_was_written_about_a_year_ago() {
    let app = App::new(overview_with_a_year_ago(), Theme::monochrome());
    assert_snapshot!("home_year_ago_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("home_year_ago_60x20", draw(&app, 60, 20).backend());
}

#[test]
fn y_on_home_opens_the_check_in_of_a_year_ago() {
    let mut app = App::new(overview_with_a_year_ago(), Theme::monochrome());
    let id = app.home.snapshots[0].id.clone();
    let effects = key(&mut app, KeyCode::Char('y'));
    assert_eq!(
        effects,
        vec![Effect::Load {
            ids: vec![id],
            open: Open::Detail {
                index: 0,
                back: None
            }
        }]
    );
    // Without a year-ago block, y does nothing.
    let mut app = App::new(Overview::default(), Theme::monochrome());
    assert!(key(&mut app, KeyCode::Char('y')).is_empty());
}

#[test]
fn the_start_of_a_check_in_shows_it_too() {
    let mut app = App::new(overview_with_a_year_ago(), Theme::monochrome());
    let quick = builtin::get("quick").expect("quick");
    app.update(Msg::started(CheckIn::new(&quick, None, None, now())));
    assert_snapshot!("intro_year_ago_80x24", draw(&app, 80, 24).backend());
    assert!(matches!(app.screen, Screen::Flow(_)));
}
