//! Every screen drawn into a test backend, compared with a text snapshot,
//! plus direct checks of the styles that carry meaning (colour is not in
//! the text).

mod support;

use chrono::{DateTime, FixedOffset};
use insta::assert_snapshot;
use motive::bank::builtin;
use motive::checkin::{CheckIn, Step};
use motive::snapshot::Outcome;
use motive::snapshot::{FollowUp, Snapshot};
use motive::summary::Summary;
use motive::tui::app::{App, Msg, Overview, Screen};
use motive::tui::app::{CompareView, Detail, History};
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
        Overview::new(
            Vec::new(),
            "Your first check-in is ready when you are.".into(),
        ),
        Theme::monochrome(),
    )
}

/// A core check-in whose previous commitment was to ask for the migration.
fn in_flow(theme: Theme) -> App {
    let mut app = App::new(Overview::default(), theme);
    let core = builtin::get("core").expect("core");
    app.update(Msg::started(CheckIn::new(
        &core,
        &["Ask for the gnarly migration"],
        None,
        now(),
    )));
    // Past the bank's instructions.
    key(&mut app, KeyCode::Enter);
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
        // The answers these screens have always shown: 3 on every third
        // statement after the first, 4 on the others.
        match flow.checkin.step {
            Step::Question(i) if i > 0 && i % 3 == 0 => key(&mut app, KeyCode::Char('3')),
            Step::Question(_) => key(&mut app, KeyCode::Char('4')),
            _ => key(&mut app, KeyCode::Tab),
        }
    }
    app
}

#[test]
fn home_first_time() {
    assert_snapshot!(draw(&first_time(), 80, 24).backend());
}

#[test]
fn resume_offer() {
    let mut app = first_time();
    let quick = builtin::get("quick").expect("quick");
    let mut draft = CheckIn::new(&quick, &[], None, now());
    draft.questions[0].value = Some(3);
    draft.step = Step::Question(1);
    app.update(Msg::DraftFound {
        draft,
        fresh_bank: Some("quick".into()),
    });
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
    saved.follow_ups.clear();
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
    assert_eq!(
        cell.fg,
        motive::draw::color::terminal(motive::config::color::okabe_ito::SKY_BLUE)
    );
    assert!(cell.modifier.contains(Modifier::BOLD));
}

#[test]
fn the_highlight_shows_without_colour() {
    let mut app = in_flow(Theme::monochrome());
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right); // nothing -> 3
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
        reversed.contains('4') && reversed.contains("Mostly"),
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
        flow.checkin.follow_ups.first().and_then(|f| f.outcome),
        Some(Outcome::Done)
    );
}

/// A check-in where autonomy, mastery and purpose got these answers (every
/// statement of a dimension the same), so their lines differ on a chart.
fn varied(bank_id: &str, when: &str, values: [i64; 3]) -> Snapshot {
    let mut s = snapshot(&bank(bank_id), at(when), 3);
    for a in &mut s.answers {
        let v = match a.dimension.as_str() {
            "autonomy" => values[0],
            "mastery" => values[1],
            _ => values[2],
        };
        a.value = Some(v);
    }
    s.label = Some(format!("v{}{}{}", values[0], values[1], values[2]));
    s
}

/// `n` quarterly core check-ins from 2017, with a year's gap after the
/// eighth; with `other_bank` the last one uses the quick bank.
fn quarters(n: usize, other_bank: bool) -> Vec<Snapshot> {
    (0..n)
        .map(|i| {
            let quarter = i + if i >= 8 { 4 } else { 0 };
            let (year, month) = (2017 + quarter / 4, 1 + 3 * (quarter % 4));
            let when = format!("{year}-{month:02}-10T09:30:00+00:00");
            let wave = |offset: usize| 1 + ((i + offset) % 5) as i64;
            let bank_id = if other_bank && i + 1 == n {
                "quick"
            } else {
                "core"
            };
            let mut s = varied(bank_id, &when, [wave(0), wave(2), wave(4)]);
            if i > 0 {
                let outcome = [
                    motive::snapshot::Outcome::Done,
                    motive::snapshot::Outcome::Partly,
                ][i % 2];
                s.follow_ups = vec![FollowUp {
                    commitment: "Ask for the gnarly migration".into(),
                    outcome,
                    note: None,
                }];
            }
            s
        })
        .collect()
}

fn browsing(snapshots: Vec<Snapshot>, screen: Screen) -> App {
    let mut app = App::new(
        Overview::new(
            snapshots.iter().map(Summary::of).collect(),
            "Next check-in due 2027-02-20 (in 90 days).".into(),
        ),
        Theme::monochrome(),
    );
    app.screen = screen;
    app
}

#[test]
fn home_at_each_stage() {
    for n in [1, 2, 40] {
        let app = browsing(quarters(n, false), Screen::Home);
        assert_snapshot!(
            format!("home_{n}_check_ins_80x24"),
            draw(&app, 80, 24).backend()
        );
    }
    let app = browsing(quarters(40, false), Screen::Home);
    assert_snapshot!("home_40_check_ins_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn history_at_each_stage() {
    for (n, other) in [(1, false), (2, false), (40, true)] {
        let selected = n - 1;
        let app = browsing(
            quarters(n, other),
            Screen::History(History {
                selected,
                marked: vec![],
                ..History::default()
            }),
        );
        assert_snapshot!(format!("history_{n}_80x24"), draw(&app, 80, 24).backend());
    }
    let app = browsing(
        quarters(40, true),
        Screen::History(History {
            selected: 37,
            marked: vec![36, 38],
            ..History::default()
        }),
    );
    assert_snapshot!("history_40_marked_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn history_with_no_check_ins() {
    let app = browsing(Vec::new(), Screen::History(History::default()));
    assert_snapshot!("history_0_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn history_draws_each_dimension_in_its_colour_and_with_its_own_marker() {
    let mut app = browsing(
        quarters(12, false),
        Screen::History(History {
            selected: 11,
            marked: vec![],
            ..History::default()
        }),
    );
    app.theme = Theme::color();
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    use motive::config::color::okabe_ito;
    use motive::draw::color::terminal as colour_of;
    // Lines and legend: the same marker in the same colour, per dimension.
    for (marker, colour) in [
        ("•", okabe_ito::SKY_BLUE),
        ("+", okabe_ito::ORANGE),
        ("x", okabe_ito::REDDISH_PURPLE),
    ] {
        let cells = buffer
            .content
            .iter()
            .filter(|c| c.symbol() == marker && c.fg == colour_of(colour))
            .count();
        assert!(cells > 10, "{marker} {colour:?}: {cells} line cells");
        let others = buffer
            .content
            .iter()
            .filter(|c| c.symbol() == marker && c.fg != colour_of(colour) && c.fg != Color::Reset)
            .count();
        assert_eq!(others, 0, "{marker} is only ever drawn in {colour:?}");
    }
}

#[test]
fn detail_and_its_explanation() {
    let mut snapshots = quarters(2, false);
    snapshots[1].answers[0].note = Some("A quieter quarter; more room to choose.".into());
    snapshots[1].answers[1].value = None;
    let detail = |explain| {
        Screen::Detail(Detail {
            index: 1,
            snapshot: Box::new(snapshots[1].clone()),
            name: named(&snapshots[1]),
            scroll: 0,
            explain,
            back: None,
        })
    };
    let app = browsing(snapshots.clone(), detail(false));
    assert_snapshot!("detail_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("detail_120x40", draw(&app, 120, 40).backend());
    let app = browsing(snapshots.clone(), detail(true));
    assert_snapshot!("detail_explained_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn compare_side_by_side() {
    let mut snapshots = quarters(3, true);
    snapshots[0].reflections[0].text = "To lead the platform work.".into();
    snapshots[1].reflections[0].text = "To teach what I learned leading the platform work.".into();
    snapshots[1].answers[0].note = Some("Reorg: less say for now.".into());
    let view = |from: usize, to: usize| compare_screen(&snapshots, from, to);
    let app = browsing(snapshots.clone(), view(0, 1));
    assert_snapshot!("compare_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("compare_120x40", draw(&app, 120, 40).backend());
    let app = browsing(snapshots.clone(), view(1, 2));
    assert_snapshot!(
        "compare_different_banks_80x24",
        draw(&app, 80, 24).backend()
    );
}

#[test]
fn the_footer_wraps_between_keys_never_inside_one() {
    let app = at_step(Step::Question(0));
    let terminal = draw(&app, 60, 20);
    let buffer = terminal.backend().buffer();
    let row = |y: u16| (0..60).map(|x| buffer[(x, y)].symbol()).collect::<String>();
    let (last, before) = (row(19), row(18));
    assert!(
        before.contains("1-5 answer") && before.trim_end().ends_with("s skip"),
        "{before:?}"
    );
    assert!(last.contains("q quit"), "{last:?}");
}

#[test]
fn home_mentions_an_unfinished_check_in() {
    let mut app = browsing(quarters(2, false), Screen::Home);
    app.home.draft = Some("You have an unfinished check-in from 2026-11-20 18:02, stopped at statement 5 of 12: Enter resumes it.".into());
    assert_snapshot!("home_with_a_draft_80x24", draw(&app, 80, 24).backend());
}

#[test]
fn scrolling_past_the_end_still_shows_the_last_lines() {
    let snapshots = quarters(2, false);
    let detail = Screen::Detail(Detail {
        index: 1,
        snapshot: Box::new(snapshots[1].clone()),
        name: named(&snapshots[1]),
        scroll: 5_000,
        explain: false,
        back: None,
    });
    let terminal = draw(&browsing(snapshots, detail), 80, 24);
    let text: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(
        text.contains("Commitment:"),
        "the end of the check-in is on screen"
    );
    assert!(
        !text.contains("Check-in 2017"),
        "and it is scrolled, not from the top"
    );
}

mod any_language {
    use super::*;
    use motive::bank::{Bank, load};

    fn japanese() -> Bank {
        load::parse("ja.toml", include_str!("fixtures/banks/ja.toml")).expect("a valid bank")
    }

    /// A finished check-in on the Japanese bank, with a note and a
    /// reflection that mix CJK, Latin and combining accents (é written as
    /// e + U+0301).
    fn checkin(at: &str, value: i64) -> Snapshot {
        let when = support::at(at);
        let mut c = CheckIn::new(&japanese(), &[], Some("第3四半期"), when);
        for q in &mut c.questions {
            q.value = Some(value);
        }
        c.questions[0].note =
            "新しいチームで、進め方を任されるようになった。Cafe\u{301} chats helped.".into();
        c.reflections[0].text = format!(
            "レビューの進め方を自分から提案する。Re\u{301}sume\u{301} the design doc first{}。",
            "!".repeat(usize::try_from(value).unwrap_or(0))
        );
        c.commitment = "毎週金曜に学んだことを三行で書く".into();
        c.to_snapshot(when)
    }

    /// Every row of the frame is exactly as wide as the terminal: nothing
    /// spills or leaves half a wide character behind.
    fn rows_fit(terminal: &Terminal<TestBackend>) {
        let buffer = terminal.backend().buffer();
        let width = buffer.area.width;
        for y in 0..buffer.area.height {
            let mut columns = 0;
            let mut x = 0;
            while x < width {
                let cell = &buffer[(x, y)];
                let w = motive::text::width(cell.symbol()).max(1);
                columns += w;
                x += u16::try_from(w).expect("narrow");
            }
            assert_eq!(columns, usize::from(width), "row {y}");
        }
    }

    #[test]
    fn the_question_screen_wraps_japanese_statements() {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        app.update(Msg::started(CheckIn::new(&japanese(), &[], None, now())));
        key(&mut app, KeyCode::Enter);
        for (w, h) in [(80, 24), (60, 20)] {
            let terminal = draw(&app, w, h);
            rows_fit(&terminal);
            assert_snapshot!(format!("ja_question_{w}x{h}"), terminal.backend());
        }
    }

    #[test]
    fn home_detail_and_compare_line_up_wide_and_combining_characters() {
        let all = [
            checkin("2026-08-01T09:00:00+09:00", 2),
            checkin("2026-11-01T09:00:00+09:00", 4),
        ];
        let summaries: Vec<Summary> = all.iter().map(Summary::of).collect();
        let home = Overview::new(summaries, "次の点検は 2027-01-30 です。".into());
        let screens = [
            ("home", Screen::Home),
            (
                "history",
                Screen::History(History {
                    selected: 1,
                    marked: vec![],
                    ..History::default()
                }),
            ),
            (
                "detail",
                Screen::Detail(Detail {
                    index: 1,
                    snapshot: Box::new(all[1].clone()),
                    name: named(&all[1]),
                    scroll: 0,
                    explain: false,
                    back: None,
                }),
            ),
            (
                "compare",
                Screen::Compare(CompareView {
                    from: 0,
                    to: 1,
                    names: (named(&all[0]), named(&all[1])),
                    comparison: motive::score::compare(&all[0], &all[1]),
                    earlier: Box::new(all[0].clone()),
                    later: Box::new(all[1].clone()),
                    scroll: 0,
                    explain: false,
                    back: None,
                    between: Vec::new(),
                }),
            ),
        ];
        for (name, screen) in screens {
            let mut app = App::new(home.clone(), Theme::monochrome());
            app.screen = screen;
            let terminal = draw(&app, 80, 24);
            rows_fit(&terminal);
            assert_snapshot!(format!("ja_{name}_80x24"), terminal.backend());
        }
    }
}

#[test]
fn help_taller_than_the_screen_scrolls_to_its_last_line_and_no_further() {
    let mut app = at_step(Step::Question(1));
    app.size = ratatui::layout::Rect::new(0, 0, 60, 20);
    key(&mut app, KeyCode::Char('?'));
    let first = draw(&app, 60, 20);
    assert_snapshot!("help_60x20_top", first.backend());
    for _ in 0..20 {
        key(&mut app, KeyCode::Down);
    }
    let Some(motive::tui::app::Overlay::Help { scroll }) = app.overlay else {
        panic!("help is still open");
    };
    assert!((1..5).contains(&scroll), "stops at the last line: {scroll}");
    let last = draw(&app, 60, 20);
    assert_snapshot!("help_60x20_bottom", last.backend());
    key(&mut app, KeyCode::Up);
    assert!(
        matches!(app.overlay, Some(motive::tui::app::Overlay::Help { scroll: s }) if s == scroll - 1)
    );
}

/// A full disk: the draft cannot be written, and no screen says it was.
#[test]
fn unsaved_answers_are_said_and_kept() {
    let mut app = at_step(Step::Question(2));
    app.update(Msg::DraftFailed(
        "cannot save the draft to /home/ana/.local/share/motive/drafts/laptop.toml: No space left on device (os error 28)".into(),
    ));
    let question = draw(&app, 80, 24);
    assert_snapshot!("draft_failed_question_80x24", question.backend());
    key(&mut app, KeyCode::Char('q'));
    assert_snapshot!("draft_failed_quit_80x24", draw(&app, 80, 24).backend());
    assert_snapshot!("draft_failed_quit_60x20", draw(&app, 60, 20).backend());
    let text = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(!text.contains("kept as a draft"), "{text}");
}

/// Issue 14: wrapped fields, last time beside this time, the intro.
mod writing {
    use super::*;
    use motive::last_time::{Earlier, LastTime};

    fn core_started(last_time: LastTime) -> App {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let core = builtin::get("core").expect("core");
        app.update(Msg::Started {
            checkin: CheckIn::new(&core, &["Ask for the gnarly migration"], None, now()),
            last_time,
        });
        app
    }

    fn last_time() -> LastTime {
        let core = builtin::get("core").expect("core");
        let date = at("2026-08-20T09:30:00+01:00").date_naive();
        let mut last = LastTime::default();
        last.reflections.insert(
            core.reflections[0].id.clone(),
            Earlier {
                date,
                value: "A team where I choose the hard problems, and time to learn the storage layer properly before anyone asks me to own it.".into(),
            },
        );
        last.values
            .insert(core.questions[0].id.clone(), Earlier { date, value: 2 });
        last.notes.insert(
            core.questions[0].id.clone(),
            Earlier {
                date,
                value: "Everything went through the lead.".into(),
            },
        );
        last
    }

    fn to(app: &mut App, step: Step) {
        while let Screen::Flow(flow) = &app.screen {
            if flow.checkin.step == step {
                break;
            }
            match flow.checkin.step {
                Step::Question(_) => key(app, KeyCode::Char('4')),
                _ => key(app, KeyCode::Tab),
            }
        }
    }

    #[test]
    fn intro() {
        let app = core_started(LastTime::default());
        assert_snapshot!("intro_80x24", draw(&app, 80, 24).backend());
        assert_snapshot!("intro_60x20", draw(&app, 60, 20).backend());
    }

    #[test]
    fn last_time_on_a_statement() {
        let mut app = core_started(last_time());
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Tab);
        assert_snapshot!("last_time_statement_80x24", draw(&app, 80, 24).backend());
        assert_snapshot!("last_time_statement_60x20", draw(&app, 60, 20).backend());
    }

    #[test]
    fn last_time_on_a_reflection_and_a_long_text_wrapped() {
        let mut app = core_started(last_time());
        key(&mut app, KeyCode::Enter);
        to(&mut app, Step::Reflection(0));
        typed(
            &mut app,
            "More than a rung: I want to choose the hard problems myself, to learn the storage layer properly, and https://example.com/a-very-long-address-that-has-no-spaces-at-all-in-it-anywhere to stay readable.",
        );
        assert_snapshot!("last_time_reflection_80x24", draw(&app, 80, 24).backend());
        assert_snapshot!("last_time_reflection_60x20", draw(&app, 60, 20).backend());
        // Ctrl-L hides it: the field takes its rows.
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('l'),
            KeyModifiers::CONTROL,
        )));
        assert_snapshot!(
            "reflection_hidden_last_time_60x20",
            draw(&app, 60, 20).backend()
        );
    }

    #[test]
    fn an_eleven_point_scale() {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let bank = support::eleven_points();
        app.update(Msg::started(CheckIn::new(&bank, &[], None, now())));
        key(&mut app, KeyCode::Enter);
        assert_snapshot!("eleven_points_80x24", draw(&app, 80, 24).backend());
        assert_snapshot!("eleven_points_60x20", draw(&app, 60, 20).backend());
    }

    #[test]
    fn an_empty_check_in_asks_before_it_is_saved() {
        let mut app = core_started(LastTime::default());
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Tab);
        while let Screen::Flow(flow) = &app.screen {
            match flow.checkin.step {
                Step::Review => break,
                Step::Question(_) => key(&mut app, KeyCode::Char('s')),
                _ => key(&mut app, KeyCode::Tab),
            }
        }
        key(&mut app, KeyCode::Enter);
        assert_snapshot!("empty_review_confirm_80x24", draw(&app, 80, 24).backend());
        assert_snapshot!("empty_review_confirm_60x20", draw(&app, 60, 20).backend());
    }
}

/// Every change cell (`↑ +16.6`, `↓ -66.6`, `→ 0.0`) and verdict line of a
/// frame, with the colour and weight it is drawn in: what the text
/// snapshots cannot show.
fn styled_changes(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut run: Option<(String, Color, bool)> = None;
        let mut flush = |run: &mut Option<(String, Color, bool)>| {
            if let Some((text, fg, bold)) = run.take() {
                let text = text.trim().to_string();
                let is_change = text.starts_with(['↑', '↓', '→'])
                    && text.chars().nth(2).is_some_and(|c| "+-0".contains(c));
                let is_verdict = ["larger than", "possible change", "little change", "unknown"]
                    .iter()
                    .any(|v| text.starts_with(v));
                if is_change || is_verdict {
                    let weight = if bold { " bold" } else { "" };
                    out.push_str(&format!("{text:<55} {fg:?}{weight}\n"));
                }
            }
        };
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            let bold = cell.modifier.contains(Modifier::BOLD);
            match &mut run {
                Some((text, fg, b)) if *fg == cell.fg && *b == bold => text.push_str(cell.symbol()),
                _ => {
                    flush(&mut run);
                    run = Some((cell.symbol().to_string(), cell.fg, bold));
                }
            }
        }
        flush(&mut run);
    }
    out
}

/// The compare screen on check-ins `from` and `to` of `snapshots`.
/// A check-in as the screens name it when no other shares its date.
fn named(s: &Snapshot) -> String {
    motive::describe::name(s.finished_at, s.label.as_deref())
}

fn compare_screen(snapshots: &[Snapshot], from: usize, to: usize) -> Screen {
    let (earlier, later) = (&snapshots[from], &snapshots[to]);
    Screen::Compare(CompareView {
        from,
        to,
        names: (named(earlier), named(later)),
        comparison: motive::score::compare(earlier, later),
        earlier: Box::new(earlier.clone()),
        later: Box::new(later.clone()),
        scroll: 0,
        explain: false,
        back: None,
        between: Vec::new(),
    })
}

fn in_colour(mut app: App) -> App {
    app.theme = Theme::color();
    app
}

/// The compare, result and home screens in colour: a rise in bluish
/// green, a fall in vermillion, bold only beyond measurement error, and
/// the verdict words never in a direction's colour.
#[test]
fn verdict_lines_and_their_colours() {
    let snapshots = quarters(3, false);
    let app = in_colour(browsing(
        snapshots.clone(),
        compare_screen(&snapshots, 0, 1),
    ));
    let compare_frame = draw(&app, 80, 24);
    let home = in_colour(browsing(snapshots.clone(), Screen::Home));
    let home_frame = draw(&home, 80, 24);
    assert_snapshot!(
        "verdict_colours",
        format!(
            "compare\n{}\nhome\n{}",
            styled_changes(&compare_frame),
            styled_changes(&home_frame)
        )
    );
}

/// No fall is ever drawn in the rise colour (nor a rise in the fall
/// colour), on any screen that shows a change, for falls and rises of
/// every size.
#[test]
fn no_fall_is_drawn_in_the_rise_colour() {
    let rise = motive::draw::direction::rise();
    let fall = motive::draw::direction::fall();
    let snapshots = quarters(6, false);
    let mut checked = (0, 0);
    for from in 0..snapshots.len() {
        for to in 0..snapshots.len() {
            if from == to {
                continue;
            }
            let screen = compare_screen(&snapshots, from, to);
            let mut home_list = snapshots.clone();
            home_list.truncate(to.max(from) + 1);
            let frames = [
                draw(&in_colour(browsing(snapshots.clone(), screen)), 80, 24),
                draw(&in_colour(browsing(home_list, Screen::Home)), 80, 24),
            ];
            for frame in &frames {
                let buffer = frame.backend().buffer();
                let area = buffer.area;
                for y in 0..area.height {
                    let row: Vec<&ratatui::buffer::Cell> =
                        (0..area.width).map(|x| &buffer[(x, y)]).collect();
                    for (x, cell) in row.iter().enumerate() {
                        // a change cell: an arrow, a space, a sign
                        let signed = row
                            .get(x + 2)
                            .is_some_and(|c| c.symbol() == "+" || c.symbol() == "-");
                        match cell.symbol() {
                            "↓" if signed => {
                                assert_ne!(cell.fg, rise, "a fall in the rise colour");
                                assert_eq!(cell.fg, fall);
                                assert_eq!(row[x + 2].fg, fall);
                                checked.0 += 1;
                            }
                            "↑" if signed => {
                                assert_ne!(cell.fg, fall, "a rise in the fall colour");
                                assert_eq!(cell.fg, rise);
                                assert_eq!(row[x + 2].fg, rise);
                                checked.1 += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
    }
    assert!(checked.0 > 10 && checked.1 > 10, "{checked:?}");
}

/// The result screen draws a fall in the fall colour too.
#[test]
fn the_result_screen_draws_a_fall_in_the_fall_colour() {
    let mut app = in_colour(at_step(Step::Review));
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    let mut saved = flow.checkin.to_snapshot(now());
    saved.follow_ups.clear();
    let previous = snapshot(&bank("core"), at("2026-08-20T09:30:00+01:00"), 5);
    app.update(Msg::Saved {
        snapshot: saved,
        previous: Some(previous),
        written_to: None,
    });
    let frame = draw(&app, 80, 24);
    let lines = styled_changes(&frame);
    assert!(lines.contains("↓"), "{lines}");
    for cell in &frame.backend().buffer().content {
        if cell.symbol() == "↓" {
            assert_eq!(cell.fg, motive::draw::direction::fall());
        }
        assert_ne!(cell.symbol(), "✔", "no tick anywhere");
    }
    assert_snapshot!("result_fall_colours", lines);
}

/// Two life events, as the driver reads them into the overview.
fn two_events() -> Vec<motive::events::Event> {
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day");
    vec![
        motive::events::Event::new(day("2018-03-01"), "new manager", None).expect("an event"),
        motive::events::Event::new(day("2019-06-15"), "moved team", None).expect("an event"),
    ]
}

/// The history's chart numbers each event on its day, names it in the
/// legend, and marks where the bank changed.
#[test]
fn history_chart_with_two_events_and_a_change_of_bank() {
    let mut app = browsing(
        quarters(12, true),
        Screen::History(History {
            selected: 11,
            ..History::default()
        }),
    );
    app.home.events = two_events();
    let frame = draw(&app, 80, 24);
    let text = format!("{}", frame.backend());
    for expected in [
        "1 new manager (1 Mar 2018)",
        "2 moved team (15 Jun 2019)",
        "┆ core 2 → quick 2",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert_snapshot!("history_two_events_80x24", frame.backend());
    assert_snapshot!("history_two_events_60x20", draw(&app, 60, 20).backend());
}

/// Compare says what happened between the two check-ins.
#[test]
fn compare_lists_an_event_between_the_check_ins() {
    let all = quarters(12, false);
    let mut app = browsing(all.clone(), Screen::Home);
    app.home.events = two_events();
    // 10 Jan 2018 to 10 Apr 2018: the new manager of 1 March between.
    app.screen = match compare_screen(&all, 4, 5) {
        Screen::Compare(view) => Screen::Compare(view.with_events(&app.home.events)),
        other => other,
    };
    let frame = draw(&app, 80, 24);
    let text = format!("{}", frame.backend());
    assert!(
        text.contains("Between these check-ins: new manager (1 Mar 2018)"),
        "{text}"
    );
    assert!(!text.contains("moved team"), "{text}");
    assert_snapshot!("compare_with_an_event_80x24", frame.backend());
}

/// The result screen lists the events since the previous check-in.
#[test]
fn result_lists_the_events_since_the_previous_check_in() {
    let mut app = at_step(Step::Review);
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day");
    app.home.events = vec![
        motive::events::Event::new(day("2026-08-20"), "before", None).expect("an event"),
        motive::events::Event::new(day("2026-10-01"), "reorg", None).expect("an event"),
    ];
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    let mut saved = flow.checkin.to_snapshot(now());
    saved.follow_ups.clear();
    let previous = snapshot(&bank("core"), at("2026-08-20T09:30:00+01:00"), 3);
    app.update(Msg::Saved {
        snapshot: saved,
        previous: Some(previous),
        written_to: None,
    });
    let Screen::Result(result) = &app.screen else {
        unreachable!()
    };
    let labels: Vec<&str> = result.between.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["reorg"]);
    let text = format!("{}", draw(&app, 80, 40).backend());
    assert!(
        text.contains("Since the previous check-in: reorg (1 Oct 2026)"),
        "{text}"
    );
}

#[test]
fn resume_offer_on_another_bank() {
    let quick = builtin::get("quick").expect("quick");
    let draft = CheckIn::new(&quick, &[], None, now());
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = first_time();
        app.update(Msg::DraftFound {
            draft: draft.clone(),
            fresh_bank: Some("team".into()),
        });
        assert_snapshot!(
            format!("resume_offer_on_another_bank_{w}x{h}"),
            draw(&app, w, h).backend()
        );
    }
}

/// Four check-ins' commitments: done with a note, partly with a long note,
/// dropped without one, and the latest still open.
fn commitment_list() -> Screen {
    let texts = [
        "Ask for the gnarly migration",
        "Pair with Ana every week on the billing service, and write down what I learn from each session so the next quarter starts from it",
        "Give the platform talk",
        "Mentor Bo",
    ];
    let outcomes = [
        (Outcome::Done, Some("Got it, and it went live in May.")),
        (
            Outcome::Partly,
            Some(
                "Five sessions out of twelve; the notes are in the team wiki, the rest slipped when the release came.",
            ),
        ),
        (Outcome::Dropped, None),
    ];
    let mut all: Vec<Snapshot> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let when = format!("2026-{:02}-10T09:30:00+00:00", 1 + 3 * i);
            let mut s = snapshot(&bank("core"), at(&when), 3);
            s.commitments = vec![(*text).into()];
            s.label = (i == 1).then(|| "new team".into());
            s
        })
        .collect();
    for (i, (outcome, note)) in outcomes.iter().enumerate() {
        all[i + 1].follow_ups = vec![FollowUp {
            commitment: texts[i].into(),
            outcome: *outcome,
            note: note.map(Into::into),
        }];
    }
    Screen::Commitments(motive::tui::app::CommitmentList::new(&all))
}

#[test]
fn commitments_list() {
    for (w, h) in [(80, 24), (60, 20)] {
        let app = browsing(Vec::new(), commitment_list());
        assert_snapshot!(format!("commitments_{w}x{h}"), draw(&app, w, h).backend());
    }
    let empty = browsing(
        Vec::new(),
        Screen::Commitments(motive::tui::app::CommitmentList::new(&[])),
    );
    assert_snapshot!("commitments_none_60x20", draw(&empty, 60, 20).backend());
}

#[test]
fn follow_up_shows_a_long_commitment_in_full() {
    let long = "Pair with Ana every week on the billing service, write down what I learn from each session, and present the three most useful findings at the team's end-of-quarter review so the next quarter starts from them";
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let core = builtin::get("core").expect("core");
        app.update(Msg::started(CheckIn::new(&core, &[long], None, now())));
        key(&mut app, KeyCode::Enter);
        app.update(Msg::Resize {
            width: w,
            height: h,
        });
        let terminal = draw(&app, w, h);
        let screen: String = format!("{:?}", terminal.backend());
        assert!(screen.contains("end-of-quarter"), "{screen}");
        assert!(screen.contains("starts from them"), "{screen}");
        // Where a click chooses an outcome is where it is drawn.
        let Screen::Flow(flow) = &app.screen else {
            panic!("in the flow");
        };
        let body = app.areas().expect("big enough").body;
        let buffer = terminal.backend().buffer();
        for (outcome, cell) in motive::tui::screens::checkin::follow_up::outcome_areas(flow, body) {
            let drawn: String = (cell.x..cell.x + cell.width)
                .map(|x| buffer[(x, cell.y)].symbol())
                .collect();
            assert!(
                drawn.contains(outcome.describe()),
                "{drawn:?} at {cell:?} in {screen}"
            );
        }
        assert_snapshot!(format!("follow_up_long_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn review_wraps_a_long_commitment() {
    let long = "Pair with Ana every week on the billing service and present what we found at the end-of-quarter review";
    let mut app = reviewing(&[long]);
    for (w, h) in [(80, 24), (60, 20)] {
        let (terminal, screen) = drawn_at(&mut app, w, h);
        assert!(screen.contains("end-of-quarter review"), "{screen}");
        assert_snapshot!(
            format!("review_long_commitment_{w}x{h}"),
            terminal.backend()
        );
    }
}

#[test]
fn while_the_label_is_edited_the_review_does_not_say_enter_saves() {
    let mut app = at_step(Step::Review);
    let before = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(before.contains("Press Enter to save."), "{before}");
    key(&mut app, KeyCode::Char('e'));
    typed(&mut app, "Q4");
    let editing = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(!editing.contains("to save."), "{editing}");
    key(&mut app, KeyCode::Enter);
    let after = format!("{:?}", draw(&app, 80, 24).backend());
    assert!(after.contains("Press Enter to save."), "{after}");
}

#[test]
fn several_commitments_followed_up_and_reviewed() {
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let quick = builtin::get("quick").expect("quick");
        app.update(Msg::started(CheckIn::new(
            &quick,
            &["Ship the migration", "Mentor Bo"],
            None,
            now(),
        )));
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('1'));
        key(&mut app, KeyCode::Tab);
        assert_snapshot!(
            format!("follow_up_second_of_two_{w}x{h}"),
            draw(&app, w, h).backend()
        );
        while let Screen::Flow(flow) = &app.screen {
            match flow.checkin.step {
                Step::Commitment => break,
                Step::Question(_) => key(&mut app, KeyCode::Char('4')),
                _ => key(&mut app, KeyCode::Tab),
            }
        }
        for (i, c) in ["Mentor Bo", "Write the runbook", "Give the platform talk"]
            .iter()
            .enumerate()
        {
            if i > 0 {
                key(&mut app, KeyCode::Enter);
            }
            typed(&mut app, c);
        }
        key(&mut app, KeyCode::Tab);
        assert_snapshot!(
            format!("review_several_commitments_{w}x{h}"),
            draw(&app, w, h).backend()
        );
    }
}

#[test]
fn on_a_big_terminal_the_resume_offer_is_centred() {
    let quick = builtin::get("quick").expect("quick");
    let mut app = first_time();
    app.update(Msg::DraftFound {
        draft: CheckIn::new(&quick, &[], None, now()),
        fresh_bank: None,
    });
    let terminal = draw(&app, 200, 50);
    let buffer = terminal.backend().buffer();
    let row = (0..50)
        .find(|&y| {
            let line: String = (0..200).map(|x| buffer[(x, y)].symbol()).collect();
            line.contains("Resume your unfinished check-in?")
        })
        .expect("drawn");
    let indent = (0..200)
        .take_while(|&x| buffer[(x, row)].symbol() == " ")
        .count();
    assert!(indent > 40, "centred, not at the left edge: {indent}");
}

#[test]
fn more_than_five_commitments_are_said_and_the_review_still_fits() {
    let mut app = reviewing(&[
        "Ship the migration",
        "Mentor Bo",
        "Write the runbook",
        "Give the platform talk",
        "Pair with Ana",
        "Learn Rust macros",
    ]);
    for (w, h) in [(80, 24), (60, 20)] {
        let (terminal, screen) = drawn_at(&mut app, w, h);
        assert!(screen.contains("with Ana"), "the fifth is kept: {screen}");
        assert!(
            !screen.contains("Learn Rust"),
            "the sixth is not kept: {screen}"
        );
        assert!(screen.contains("Only the first 5 are kept"), "{screen}");
        assert!(screen.contains("Press Enter to save."), "{screen}");
        assert_snapshot!(
            format!("review_six_commitments_{w}x{h}"),
            terminal.backend()
        );
    }
}

/// The review after writing `commitments`, one a line.
fn reviewing(commitments: &[&str]) -> App {
    let mut app = at_step(Step::Commitment);
    for (i, c) in commitments.iter().enumerate() {
        if i > 0 {
            key(&mut app, KeyCode::Enter);
        }
        typed(&mut app, c);
    }
    key(&mut app, KeyCode::Tab);
    app
}

/// `app` resized to and drawn at `width` x `height`, and the frame's text.
fn drawn_at(app: &mut App, width: u16, height: u16) -> (Terminal<TestBackend>, String) {
    app.update(Msg::Resize { width, height });
    let terminal = draw(app, width, height);
    let screen = format!("{:?}", terminal.backend());
    (terminal, screen)
}
