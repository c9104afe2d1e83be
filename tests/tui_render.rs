//! Every screen drawn into a test backend, compared with a text snapshot,
//! plus direct checks of the styles that carry meaning (colour is not in
//! the text).

mod support;

use chrono::{DateTime, FixedOffset};
use insta::assert_snapshot;
use motive::bank::builtin;
use motive::checkin::{CheckIn, Step};
use motive::snapshot::Outcome;
use motive::tui::app::{App, HomeInfo, Msg, Screen};
use motive::tui::theme::Theme;
use motive::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use support::{at, bank, snapshot};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").expect("date")
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn first_time() -> App {
    App::new(
        HomeInfo::new(None, 0, "Your first check-in is ready when you are.".into()),
        Theme::monochrome(),
    )
}

/// A core check-in whose previous commitment was to ask for the migration.
fn in_flow(theme: Theme) -> App {
    let mut app = App::new(HomeInfo::default(), theme);
    let core = builtin::get("core").expect("core");
    app.update(Msg::Started(CheckIn::new(
        &core,
        Some("Ask for the gnarly migration"),
        None,
        now(),
    )));
    app
}

fn at_step(step: Step) -> App {
    let mut app = in_flow(Theme::monochrome());
    key(&mut app, KeyCode::Char('2'));
    typed(&mut app, "Started, then the quarter got busy.");
    key(&mut app, KeyCode::Tab);
    while let Screen::Flow(flow) = &app.screen {
        if flow.checkin.step == step {
            break;
        }
        match flow.checkin.step {
            Step::Question(i) => key(&mut app, KeyCode::Char(if i % 3 == 0 { 'l' } else { '4' })),
            _ => key(&mut app, KeyCode::Tab),
        }
        // 'l' only moves the highlight: confirm it
        if let Screen::Flow(flow) = &app.screen
            && matches!(flow.checkin.step, Step::Question(i) if i % 3 == 0)
            && flow.checkin.step != step
        {
            key(&mut app, KeyCode::Enter);
        }
    }
    app
}

#[test]
fn home_first_time() {
    assert_snapshot!(draw(&first_time(), 80, 24).backend());
}

#[test]
fn home_with_a_latest_check_in() {
    let latest = snapshot(&bank("core"), at("2026-10-01T09:30:00+01:00"), 4);
    let app = App::new(
        HomeInfo::new(
            Some(latest),
            3,
            "Next check-in due 2026-12-30 (in 38 days).".into(),
        ),
        Theme::monochrome(),
    );
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn resume_offer() {
    let mut app = first_time();
    let quick = builtin::get("quick").expect("quick");
    let mut draft = CheckIn::new(&quick, None, None, now());
    draft.questions[0].value = Some(3);
    draft.step = Step::Question(1);
    app.update(Msg::DraftFound(draft));
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn follow_up() {
    let mut app = in_flow(Theme::monochrome());
    key(&mut app, KeyCode::Char('2'));
    typed(&mut app, "Started, then the quarter got busy.");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn question_at_80x24() {
    assert_snapshot!(draw(&at_step(Step::Question(4)), 80, 24).backend());
}

#[test]
fn question_at_120x40() {
    assert_snapshot!(draw(&at_step(Step::Question(4)), 120, 40).backend());
}

#[test]
fn question_at_60x20() {
    assert_snapshot!(draw(&at_step(Step::Question(4)), 60, 20).backend());
}

#[test]
fn question_with_a_note_open() {
    let mut app = at_step(Step::Question(2));
    key(&mut app, KeyCode::Char('n'));
    typed(&mut app, "Depends on the week.");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn reflection() {
    let mut app = at_step(Step::Reflection(0));
    typed(&mut app, "To lead the platform work.");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn commitment() {
    let mut app = at_step(Step::Commitment);
    typed(&mut app, "Book an hour with Sam.");
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn review() {
    let mut app = at_step(Step::Review);
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "Q4");
    key(&mut app, KeyCode::Enter);
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn result_with_the_change_since_last_time() {
    let mut app = at_step(Step::Review);
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    let mut saved = flow.checkin.to_snapshot(now());
    saved.follow_up = None;
    let previous = snapshot(&bank("core"), at("2026-08-20T09:30:00+01:00"), 3);
    app.update(Msg::Saved {
        snapshot: saved,
        previous: Some(previous),
        written_to: None,
    });
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn help_overlay() {
    let mut app = at_step(Step::Question(1));
    key(&mut app, KeyCode::Char('?'));
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn confirm_quit() {
    let mut app = at_step(Step::Question(1));
    key(&mut app, KeyCode::Char('q'));
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn save_failed() {
    let mut app = at_step(Step::Review);
    key(&mut app, KeyCode::Enter);
    app.update(Msg::SaveFailed("cannot save the check-in to /home/ana/.local/share/motive/snapshots/20261122-093000.toml: No space left on device (os error 28)".into()));
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn busy_notice() {
    let mut app = first_time();
    app.update(Msg::CannotStart {
        title: "A check-in is already in progress".into(),
        text: "A check-in (started 2026-11-22 09:12 on laptop, pid 4242).\n\nFinish it there first. Meanwhile you can look at your history read-only.".into(),
        busy: true,
    });
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn too_small() {
    assert_snapshot!(draw(&at_step(Step::Question(0)), 59, 19).backend());
}

#[test]
fn the_dimension_is_drawn_in_its_colour() {
    let app = in_flow(Theme::color());
    let mut app = app;
    key(&mut app, KeyCode::Tab); // skip the follow-up
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    // "Autonomy" starts the body, two cells in and two rows down.
    let cell = &buffer[(2, 2)];
    assert_eq!(cell.symbol(), "A");
    assert_eq!(cell.fg, Color::Cyan);
    assert!(cell.modifier.contains(Modifier::BOLD));
}

#[test]
fn the_highlight_shows_without_colour() {
    let mut app = in_flow(Theme::monochrome());
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right); // 3 -> 4
    let terminal = draw(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let reversed: String = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        .map(|(x, y)| buffer[(x, y)].symbol().to_string())
        .collect();
    assert!(
        reversed.contains('4') && reversed.contains("Agree"),
        "{reversed:?}"
    );
    assert!(
        !reversed.contains('3'),
        "only the highlighted option: {reversed:?}"
    );
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "no colour under NO_COLOR"
    );
}

#[test]
fn follow_up_choice_is_highlighted() {
    let mut app = in_flow(Theme::monochrome());
    key(&mut app, KeyCode::Char('1'));
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        flow.checkin.follow_up.as_ref().and_then(|f| f.outcome),
        Some(Outcome::Done)
    );
}
