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
                back: None,
                seek: None,
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
    app.update(Msg::started(CheckIn::new(&quick, &[], None, now())));
    assert_snapshot!("intro_year_ago_80x24", draw(&app, 80, 24).backend());
    assert!(matches!(app.screen, Screen::Flow(_)));
}

fn event(date: &str, label: &str, note: Option<&str>, n: u32) -> motive::events::Event {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("day");
    let mut e = motive::events::Event::new(date, label, note).expect("event");
    e.id = motive::events::id_for(date, n);
    e
}

/// History over two check-ins and three events.
fn history_with_events() -> App {
    let core = bank("core");
    let summaries = ["2026-05-10T09:30:00+01:00", "2026-08-10T09:30:00+01:00"]
        .iter()
        .map(|when| Summary::of(&snapshot(&core, at(when), 3)))
        .collect();
    let mut overview = Overview::new(summaries, String::new());
    overview.events = vec![
        event(
            "2026-06-01",
            "new manager",
            Some("Ana, from the platform team"),
            1,
        ),
        event("2026-06-01", "moved team", None, 2),
        event("2026-09-15", "reorg", None, 1),
    ];
    let mut app = App::new(overview, Theme::monochrome());
    key(&mut app, KeyCode::Char('h'));
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn e_in_history_opens_the_events_and_esc_goes_back() {
    let mut app = history_with_events();
    assert!(matches!(app.screen, Screen::History(_)));
    key(&mut app, KeyCode::Char('e'));
    let Screen::Events(view) = &app.screen else {
        panic!("on the events screen")
    };
    assert_eq!(view.selected, 2, "the newest is selected");
    assert_snapshot!("events_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("events_60x20", draw(&app, 60, 20).backend());
    key(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen, Screen::History(_)));
}

#[test]
fn a_adds_an_event_dated_today_unless_another_day_is_typed() {
    let mut app = history_with_events();
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Char('a'));
    assert_snapshot!("event_form_80x24", draw(&app, 80, 24).backend());
    typed(&mut app, "promotion");
    assert_snapshot!("event_form_60x20", draw(&app, 60, 20).backend());
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "senior at last");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::SaveEvent {
            replacing: None,
            day: "today".into(),
            label: "promotion".into(),
            note: "senior at last".into(),
        }]
    );
    // The day field: Tab cycles back to it.
    key(&mut app, KeyCode::Tab);
    for _ in 0.."today".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-10-01");
    let effects = key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&effects[..], [Effect::SaveEvent { day, .. }] if day == "2026-10-01"),
        "{effects:?}"
    );
    // A failure keeps the form and what was typed, and says why.
    app.update(Msg::EventFailed("\"x\" is not a day".into()));
    let Screen::Events(view) = &app.screen else {
        panic!("still on the events screen")
    };
    let form = view.form.as_ref().expect("the form stays");
    assert_eq!(form.error.as_deref(), Some("\"x\" is not a day"));
    // Kept: the listing is reloaded and the new event selected.
    let mut home = app.home.clone();
    home.events.push(event("2026-10-01", "promotion", None, 1));
    app.update(Msg::EventsChanged {
        home,
        id: Some("20261001-1".into()),
        note: "Added the event.".into(),
    });
    let Screen::Events(view) = &app.screen else {
        panic!("on the events screen")
    };
    assert!(view.form.is_none());
    assert_eq!(view.selected, 3);
}

#[test]
fn enter_edits_the_selected_event_and_d_asks_before_removing_it() {
    let mut app = history_with_events();
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Down); // the older: moved team
    key(&mut app, KeyCode::Enter);
    typed(&mut app, " again");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::SaveEvent {
            replacing: Some("20260601-2".into()),
            day: "2026-06-01".into(),
            label: "moved team again".into(),
            note: String::new(),
        }]
    );
    key(&mut app, KeyCode::Esc); // the form closes; nothing saved
    assert!(key(&mut app, KeyCode::Char('d')).is_empty());
    assert_snapshot!("event_remove_80x24", draw(&app, 80, 24).backend());
    assert!(key(&mut app, KeyCode::Char('n')).is_empty());
    key(&mut app, KeyCode::Char('d'));
    assert_eq!(
        key(&mut app, KeyCode::Char('y')),
        vec![Effect::TrashEvent("20260601-2".into())]
    );
}

#[test]
fn read_only_events_offer_no_editing() {
    let mut app = history_with_events();
    app.read_only = true;
    key(&mut app, KeyCode::Char('e'));
    for code in [KeyCode::Char('a'), KeyCode::Enter, KeyCode::Char('d')] {
        assert!(key(&mut app, code).is_empty(), "{code:?}");
    }
    let Screen::Events(view) = &app.screen else {
        panic!("on the events screen")
    };
    assert!(view.form.is_none());
    assert!(app.overlay.is_none());
    let text = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(text.contains("Read-only"), "{text}");
    assert!(!text.contains("add"), "{text}");
}

/// A quick check-in with a last time, at "Anything big since last time?".
fn at_the_question() -> App {
    let mut app = App::new(Overview::default(), Theme::monochrome());
    let quick = builtin::get("quick").expect("quick");
    let mut checkin = CheckIn::new(&quick, &[], None, now());
    checkin.ask_about_events();
    app.update(Msg::started(checkin));
    key(&mut app, KeyCode::Enter); // past the intro
    app
}

fn step(app: &App) -> motive::checkin::Step {
    match &app.screen {
        Screen::Flow(flow) => flow.checkin.step,
        _ => panic!("in the check-in"),
    }
}

#[test]
fn the_question_is_skipped_with_enter_on_an_empty_answer() {
    let mut app = at_the_question();
    assert_eq!(step(&app), motive::checkin::Step::Event);
    assert_snapshot!("question_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("question_60x20", draw(&app, 60, 20).backend());
    key(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), motive::checkin::Step::Question(0));
    let Screen::Flow(flow) = &app.screen else {
        panic!("in the check-in")
    };
    assert!(flow.checkin.event.as_ref().is_some_and(|e| e.is_skipped()));
}

#[test]
fn an_answer_is_kept_in_the_draft_with_its_day() {
    let mut app = at_the_question();
    typed(&mut app, "new manager");
    key(&mut app, KeyCode::Down);
    typed(&mut app, "June");
    // Not a day: the answer stays, and the screen says what is expected.
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), motive::checkin::Step::Event);
    assert_snapshot!("question_bad_day_60x20", draw(&app, 60, 20).backend());
    let Some(Effect::SaveDraft(draft)) = effects.first() else {
        panic!("the draft is saved: {effects:?}")
    };
    let answer = draft.event.clone().expect("asked");
    assert_eq!(
        (answer.label.as_str(), answer.day.as_str()),
        ("new manager", "June")
    );
    for _ in 0.."June".len() {
        key(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2026-11-01");
    let effects = key(&mut app, KeyCode::Enter);
    assert_eq!(step(&app), motive::checkin::Step::Question(0));
    let Some(Effect::SaveDraft(draft)) = effects.first() else {
        panic!("the draft is saved: {effects:?}")
    };
    let answer = draft.event.clone().expect("asked");
    assert_eq!(answer.day, "2026-11-01");
    // And back: the answer is there to change.
    key(&mut app, KeyCode::Backspace);
    assert_eq!(step(&app), motive::checkin::Step::Event);
}

#[test]
fn on_a_full_intro_a_year_ago_shrinks_and_how_to_begin_stays() {
    let mut app = App::new(overview_with_a_year_ago(), Theme::monochrome());
    let core = builtin::get("core").expect("core");
    let mut checkin = CheckIn::new(&core, &["Ask for the gnarly migration"], None, now());
    checkin.ask_about_events();
    app.update(Msg::started(checkin));
    let text = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(text.contains("Press Enter to begin."), "{text}");
    assert!(
        text.contains("12 months ago you said you would: Ask Dana for the migration project"),
        "{text}"
    );
    assert!(!text.contains("What you wanted"), "{text}");
}

#[test]
fn the_review_names_the_event_it_will_keep() {
    let mut app = App::new(Overview::default(), Theme::monochrome());
    let quick = builtin::get("quick").expect("quick");
    let mut checkin = CheckIn::new(&quick, &[], None, now());
    checkin.ask_about_events();
    checkin.event = Some(motive::checkin::DraftEvent {
        label: "new manager".into(),
        day: String::new(),
    });
    checkin.step = motive::checkin::Step::Review;
    app.update(Msg::started(checkin));
    let text = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(
        text.contains("Event: new manager (today), kept when you save"),
        "{text}"
    );
}
