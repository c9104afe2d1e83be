//! The brief screen and the ideas on the result screen, driven by messages
//! (no terminal) and drawn into a test backend: what opens it, what Space
//! and `w` do, that nothing the person wrote is in it unless they include
//! it, and frame snapshots at 80x24 and 60x20.

mod brief_fixture;
mod pty;
mod support;

use std::path::{Path, PathBuf};

use insta::assert_snapshot;
use motive::brief::Part;
use motive::events::Event;
use motive::snapshot::Snapshot;
use motive::store::Store;
use motive::summary::Summary;
use motive::tui::app::{App, Effect, Msg, Open, Overview, Screen};
use motive::tui::keys::Context;
use motive::tui::theme::Theme;
use motive::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c))
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view(app, frame)).expect("draw");
    terminal
}

/// The synthetic history of `brief_fixture`: its summaries, each
/// check-in in full, oldest first, and its life events.
fn history() -> (Vec<Summary>, Vec<Snapshot>, Vec<Event>) {
    let dir = support::private_tempdir();
    brief_fixture::history(dir.path());
    let store = Store::read_only(dir.path());
    let summaries = store.summaries().snapshots;
    let full = summaries
        .iter()
        .map(|s| store.load(&s.id).expect("a check-in"))
        .collect();
    (summaries, full, store.events().events)
}

/// Home over the fixture's history, started in /work/here, at 80x24.
fn home() -> (App, Vec<Snapshot>) {
    let (summaries, full, events) = history();
    let mut overview = Overview::new(summaries, "Next check-in due 2027-02-17.".into());
    overview.events = events;
    let mut app = App::new(overview, Theme::monochrome());
    app.work_dir = Some(PathBuf::from("/work/here"));
    (app, full)
}

/// `b` on home, answered as the driver would: the latest check-in read,
/// then its bank.
fn open_from_home(app: &mut App, full: &[Snapshot]) {
    let effects = ch(app, 'b');
    let latest = full.last().expect("a check-in");
    let [Effect::Load { ids, open }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(ids, std::slice::from_ref(&latest.id));
    assert_eq!(
        open,
        &Open::Brief {
            index: full.len() - 1
        }
    );
    let effects = app.update(Msg::Loaded {
        open: open.clone(),
        snapshots: vec![latest.clone()],
    });
    assert_eq!(effects, [Effect::ReadBank("core".into())]);
    app.update(Msg::BankRead(Some(Box::new(support::bank("core")))));
    assert_eq!(app.context(), Context::Brief);
}

fn parts(app: &App) -> Vec<Part> {
    match &app.screen {
        Screen::Brief(b) => b.parts.clone(),
        _ => panic!("not on the brief"),
    }
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Press `w`, then Enter on the name offered (or on `name`, typed over it).
fn write(app: &mut App, name: Option<&str>) -> (PathBuf, String, Vec<Part>, bool) {
    assert!(ch(app, 'w').is_empty());
    assert_eq!(app.context(), Context::BriefName);
    if let Some(name) = name {
        let Screen::Brief(b) = &app.screen else {
            unreachable!()
        };
        let offered = b.naming.as_ref().expect("naming").lines().join("");
        for _ in offered.chars() {
            key(app, KeyCode::Backspace);
        }
        for c in name.chars() {
            ch(app, c);
        }
    }
    let effects = key(app, KeyCode::Enter);
    let [
        Effect::WriteBrief {
            path,
            text,
            parts,
            remember,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    (path.clone(), text.clone(), parts.clone(), *remember)
}

#[test]
fn b_opens_the_latest_brief_from_home_with_only_the_parts_that_hold_nothing_written() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    assert_eq!(parts(&app), Part::DEFAULT);
    let shown = text(&draw(&app, 80, 24));
    for (part, words) in brief_fixture::PRIVATE {
        assert!(!shown.contains(words), "{part} shown by default:\n{shown}");
    }
    let (path, html, parts, remember) = write(&mut app, None);
    assert_eq!(path, Path::new("/work/here/brief-2026-11-19.html"));
    assert!(html.starts_with("<!DOCTYPE html>"), "HTML unless named .md");
    for (part, words) in brief_fixture::PRIVATE {
        assert!(!html.contains(words), "{part} written by default");
    }
    assert!(html.contains("Things to discuss (suggestions)"));
    assert!(
        html.contains(&support::bank("core").ideas("purpose")[0]),
        "the ideas come from the bank read"
    );
    assert_eq!(parts, Part::DEFAULT);
    assert!(
        !remember,
        "the default choice is not written to the settings"
    );
    assert_eq!(app.context(), Context::Brief, "still on the brief");
    assert!(ch(&mut app, 'q').is_empty());
    assert!(matches!(app.screen, Screen::Home));
}

#[test]
fn space_includes_each_part_and_the_preview_and_file_hold_it_only_then() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    // Include every private part, one at a time, checking the preview.
    let mut included = Part::DEFAULT.to_vec();
    for (i, part) in Part::ALL.iter().enumerate() {
        if i > 0 {
            key(&mut app, KeyCode::Down);
        }
        if !part.is_private() {
            continue;
        }
        assert!(ch(&mut app, ' ').is_empty());
        included.push(*part);
        included.sort();
        assert_eq!(parts(&app), included);
        let Screen::Brief(b) = &app.screen else {
            unreachable!()
        };
        let markdown = motive::brief::markdown::render(&b.built());
        let (_, words) = brief_fixture::PRIVATE
            .iter()
            .find(|(name, _)| *name == part.name())
            .expect("private text for each private part");
        assert!(markdown.contains(words), "{}: {markdown}", part.name());
    }
    // Down stops at the last part; Space there leaves notes out again.
    key(&mut app, KeyCode::Down);
    ch(&mut app, ' ');
    assert!(!parts(&app).contains(&Part::Notes));
    let (path, md, chosen, remember) = write(&mut app, Some("for-ana.md"));
    assert_eq!(
        path,
        Path::new("/work/here/for-ana.md"),
        "relative to where motive started"
    );
    assert!(
        md.starts_with("# Check-in brief, 2026-11-19 · after the reorg"),
        "{md}"
    );
    assert!(md.contains("I want to lead the platform work next year"));
    assert!(!md.contains("Mostly the on-call weeks"), "notes left out");
    assert!(remember, "a changed choice is remembered");
    // The driver wrote it: the screen says where, until the choice changes.
    app.update(Msg::BriefWritten {
        path: path.clone(),
        parts: chosen.clone(),
    });
    assert_eq!(app.brief_include.as_deref(), Some(chosen.as_slice()));
    let shown = text(&draw(&app, 80, 24));
    assert!(
        shown.contains("Written to /work/here/for-ana.md (mode 0600"),
        "{shown}"
    );
    ch(&mut app, ' ');
    let shown = text(&draw(&app, 80, 24));
    assert!(!shown.contains("Written to"), "{shown}");
    // Next time the brief opens with the parts chosen last.
    ch(&mut app, 'q');
    open_from_home(&mut app, &full);
    assert_eq!(parts(&app), app.brief_include.clone().expect("remembered"));
}

#[test]
fn esc_while_naming_writes_nothing_and_an_empty_name_is_not_taken() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    ch(&mut app, 'w');
    assert!(key(&mut app, KeyCode::Esc).is_empty());
    assert_eq!(app.context(), Context::Brief);
    ch(&mut app, 'w');
    for _ in 0.."/work/here/brief-2026-11-19.html".len() {
        key(&mut app, KeyCode::Backspace);
    }
    assert!(key(&mut app, KeyCode::Enter).is_empty());
    assert_eq!(app.context(), Context::BriefName, "asks again");
    // A failure is said on the status line.
    key(&mut app, KeyCode::Esc);
    app.update(Msg::BriefFailed(
        "The brief was not written: cannot write /x: denied".into(),
    ));
    assert_eq!(
        app.status_line().as_deref(),
        Some("The brief was not written: cannot write /x: denied")
    );
}

#[test]
fn b_opens_the_brief_of_the_check_in_on_the_detail_screen_and_esc_goes_back_there() {
    let (mut app, full) = home();
    app.update(Msg::Loaded {
        open: Open::Detail {
            index: 1,
            back: None,
            seek: None,
        },
        snapshots: vec![full[1].clone()],
    });
    assert_eq!(app.context(), Context::Detail);
    assert_eq!(ch(&mut app, 'b'), [Effect::ReadBank("core".into())]);
    let Screen::Brief(b) = &app.screen else {
        panic!("not on the brief")
    };
    assert_eq!(b.snapshot.id, full[1].id);
    assert_eq!(b.built().history.len(), 2, "the year up to that check-in");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Detail);
}

#[test]
fn b_on_home_with_no_check_in_says_a_brief_needs_one() {
    let mut app = App::new(Overview::default(), Theme::monochrome());
    assert!(ch(&mut app, 'b').is_empty());
    assert_eq!(
        app.status_line().as_deref(),
        Some("A brief needs a check-in first.")
    );
}

/// The latest check-in just saved, over the history before it.
fn result() -> App {
    let (summaries, full, _) = history();
    let mut app = App::new(
        Overview::new(summaries, "Next check-in due 2027-02-17.".into()),
        Theme::monochrome(),
    );
    let n = full.len();
    let effects = app.update(Msg::Saved {
        snapshot: full[n - 1].clone(),
        previous: Some(full[n - 2].clone()),
        written_to: None,
    });
    assert_eq!(effects, [Effect::ReadBank("core".into())]);
    app
}

#[test]
fn the_result_screen_suggests_ideas_for_the_dimension_that_fell_most_and_i_shows_all() {
    let mut app = result();
    let before = text(&draw(&app, 80, 24));
    assert!(!before.contains("Ideas to try"), "no bank read yet");
    app.update(Msg::BankRead(Some(Box::new(support::bank("core")))));
    let core = support::bank("core");
    let ideas = core.ideas("purpose");
    let shown = text(&draw(&app, 80, 24));
    assert!(
        shown.contains("Ideas to try (suggestions from the bank, not from your answers)"),
        "{shown}"
    );
    assert!(
        shown.contains("because Purpose fell the most since 2026-08-20:"),
        "{shown}"
    );
    let count = |shown: &str| ideas.iter().filter(|i| shown.contains(&i[..40])).count();
    assert_eq!(count(&shown), 2, "the first two fit: {shown}");
    // The screen scrolls to the rest.
    key(&mut app, KeyCode::PageDown);
    let shown = text(&draw(&app, 80, 24));
    assert_eq!(count(&shown), 3, "{shown}");
    assert!(shown.contains("i shows 1 more"), "{shown}");
    assert!(ch(&mut app, 'i').is_empty());
    let all = text(&draw(&app, 80, 30));
    assert_eq!(count(&all), ideas.len(), "{all}");
    // A bank that is not the check-in's gives no ideas.
    let mut app = result();
    app.update(Msg::BankRead(Some(Box::new(support::bank("quick")))));
    assert!(!text(&draw(&app, 80, 24)).contains("Ideas to try"));
}

#[test]
fn b_on_the_result_screen_opens_its_brief_and_esc_comes_back() {
    let mut app = result();
    app.update(Msg::BankRead(Some(Box::new(support::bank("core")))));
    assert_eq!(ch(&mut app, 'b'), [Effect::ReadBank("core".into())]);
    assert_eq!(app.context(), Context::Brief);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Result);
    assert!(
        text(&draw(&app, 80, 24)).contains("Ideas to try"),
        "ideas kept"
    );
}

#[test]
fn brief_screen_80x24() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn brief_screen_60x20_with_want_included_and_scrolled() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    key(&mut app, KeyCode::Down);
    ch(&mut app, ' ');
    key(&mut app, KeyCode::PageDown);
    assert_snapshot!(draw(&app, 60, 20).backend());
}

#[test]
fn brief_screen_naming_the_file_80x24() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    ch(&mut app, 'w');
    assert_snapshot!(draw(&app, 80, 24).backend());
    assert_snapshot!(
        "brief_screen_naming_the_file_60x20",
        draw(&app, 60, 20).backend()
    );
}

#[test]
fn brief_screen_written_60x20() {
    let (mut app, full) = home();
    open_from_home(&mut app, &full);
    app.update(Msg::BriefWritten {
        path: PathBuf::from("/work/here/brief-2026-11-19.html"),
        parts: Part::DEFAULT.to_vec(),
    });
    assert_snapshot!(draw(&app, 60, 20).backend());
}

#[test]
fn result_with_ideas_80x24() {
    let mut app = result();
    app.update(Msg::BankRead(Some(Box::new(support::bank("core")))));
    assert_snapshot!(draw(&app, 80, 24).backend());
}

/// The real binary in a terminal: `b` on home, Space on `want`, `w` and
/// Enter write the brief where motive was started, mode 0600, and the
/// choice of parts lands in config.toml (not in any check-in).
#[test]
fn the_brief_is_written_where_motive_started_private_and_its_parts_remembered() {
    use std::os::unix::fs::PermissionsExt;
    let dirs = pty::dirs();
    brief_fixture::history(&dirs.data);
    let work = dirs.bin.join("work");
    std::fs::create_dir(&work).expect("work dir");
    let before: Vec<Vec<u8>> = snapshot_bytes(&dirs.data);
    let mut spawn = pty::Spawn::new(&dirs.data, &dirs.config);
    spawn.cwd = Some(&work);
    let mut term = pty::Term::spawn(&spawn);
    term.wait_for("b brief");
    term.send("b");
    term.wait_for("Preview");
    term.send(pty::key::DOWN);
    term.send(" ");
    term.wait_for("[x] want");
    term.send("w");
    term.wait_for("Write it to");
    term.send(pty::key::ENTER);
    term.wait_for("Written to");
    term.send(pty::key::ESC);
    term.wait_for("Enter start a new check-in");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0));

    let file = work.join("brief-2026-11-19.html");
    let mode = std::fs::metadata(&file)
        .expect("the brief")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "only the owner can read it");
    let html = std::fs::read_to_string(&file).expect("UTF-8");
    roxmltree::Document::parse(html.trim_start_matches("<!DOCTYPE html>\n")).expect("well-formed");
    assert!(html.contains("I want to lead the platform work next year"));
    assert!(
        !html.contains("An introduction to the platform team's lead"),
        "help left out"
    );
    let config = std::fs::read_to_string(dirs.config.join("config.toml")).expect("config");
    assert!(
        config.contains("brief_include = [\"want\", \"scores\", \"chart\", \"ideas\"]"),
        "{config}"
    );
    assert_eq!(snapshot_bytes(&dirs.data), before, "no check-in changed");
}

/// Every check-in file's bytes, in name order.
fn snapshot_bytes(data: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data.join("snapshots"))
        .expect("snapshots")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect()
}

#[test]
fn a_name_with_a_tilde_goes_to_the_home_directory_and_an_absolute_one_stays() {
    let (mut app, full) = home();
    app.home_dir = Some(PathBuf::from("/home/ana"));
    open_from_home(&mut app, &full);
    let (path, _, _, _) = write(&mut app, Some("~/briefs/q4.md"));
    assert_eq!(path, Path::new("/home/ana/briefs/q4.md"));
    let (path, html, _, _) = write(&mut app, Some("/tmp/q4.HTML"));
    assert_eq!(path, Path::new("/tmp/q4.HTML"));
    assert!(html.starts_with("<!DOCTYPE html>"));
}
