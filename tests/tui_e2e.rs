//! The real binary in a pseudo-terminal: keys in, screen text out.

mod pty;
mod support;

use std::path::Path;

use motive::bank::builtin;
use motive::score;
use pty::{Spawn, Term, key, show_latest};

#[test]
fn a_full_quick_check_in_is_saved_with_the_expected_scores() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    let bank = builtin::get("quick").expect("quick");
    let total = bank.questions.len();
    term.begin();
    term.wait_for(&format!("1/{total}"));
    // Answer 4, 2, 4, 2...: digits answer and move on.
    for i in 0..total {
        term.wait_for(&format!("{}/{total}", i + 1));
        term.send(if i % 2 == 0 { "4" } else { "2" });
    }
    term.wait_for("Reflection 1/1");
    term.send("Find someone who has done this before");
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send("Ask Sam for an hour");
    term.send(key::TAB);
    term.wait_for("Review");
    term.send(key::ENTER);
    term.wait_for("Saved");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0));
    assert!(term.is_cooked(), "the terminal is back in cooked mode");
    assert!(!term.on_alternate_screen(), "the alternate screen was left");

    let shown = show_latest(&data);
    let answers: Vec<motive::snapshot::Answer> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| motive::snapshot::Answer {
            question: q.id.clone(),
            dimension: q.dimension.clone(),
            text: q.text.clone(),
            reverse: q.reverse,
            weight: q.weight,
            value: Some(if i % 2 == 0 { 4 } else { 2 }),
            note: None,
            fingerprint: None,
        })
        .collect();
    for s in score::scores_of(&bank.scale, &bank.dimensions, &answers) {
        let expected = score::round1(s.score.expect("a score"));
        assert_eq!(shown["scores"][&s.dimension], expected, "{}", s.dimension);
    }
    assert_eq!(
        shown["reflections"][0]["text"],
        "Find someone who has done this before"
    );
    assert_eq!(shown["commitments"][0], "Ask Sam for an hour");
}

fn draft_path(data: &Path) -> std::path::PathBuf {
    let drafts = data.join("drafts");
    let mut files: Vec<_> = std::fs::read_dir(&drafts)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    assert_eq!(
        files.len(),
        1,
        "one draft in {}: {files:?}",
        drafts.display()
    );
    files.remove(0)
}

/// Start a quick check-in and answer the first `n` statements with 5.
fn answered(data: &Path, config: &Path, n: usize) -> Term {
    let term = Term::spawn(&Spawn::new(data, config).args(&["check", "--bank", "quick"]));
    let total = builtin::get("quick").expect("quick").questions.len();
    term.begin();
    for i in 0..n {
        term.wait_for(&format!("{}/{total}", i + 1));
        term.send("5");
    }
    if n < total {
        term.wait_for(&format!("{}/{total}", n + 1));
    }
    term
}

#[test]
fn a_killed_check_in_resumes_with_its_answers() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = answered(&data, &config, 3);
    term.signal(nix::sys::signal::Signal::SIGKILL);
    assert_eq!(term.wait_exit(), None, "killed by the signal");
    drop(term);

    // Home says so before anything is pressed.
    let mut home = Term::spawn(&Spawn::new(&data, &config));
    home.wait_for("You have an unfinished check-in");
    home.wait_for("stopped at statement");
    home.send("q");
    assert_eq!(home.wait_exit(), Some(0));

    let term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.wait_for("Resume");
    term.wait_for("3 of 6 statements answered");
    term.send("r");
    term.wait_for("4/6");
    // back to the third statement: its answer is kept and marked
    term.send(key::BACKSPACE);
    term.wait_for("3/6");
    term.wait_for("•5");
}

#[test]
fn no_color_still_shows_the_highlighted_option() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let term = Term::spawn(
        &Spawn::new(&data, &config)
            .args(&["check", "--bank", "quick"])
            .no_color(),
    );
    term.begin();
    term.wait_for("1/6");
    term.send(key::RIGHT);
    term.send(key::RIGHT);
    term.send(key::RIGHT);
    // The first arrow lands mid-scale (3), two more right is 5: its cells
    // are in reverse video.
    term.wait_until("option 5 in reverse video", |screen| {
        let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
        (0..rows).any(|r| {
            (0..cols).any(|c| {
                screen
                    .cell(r, c)
                    .is_some_and(|cell| cell.inverse() && cell.contents() == "5")
            })
        })
    });
    let colours = term.coloured_cells();
    assert_eq!(colours, 0, "NO_COLOR: no cell has a colour");
}

fn assert_restored_with_draft(mut term: Term, data: &Path, expected_code: Option<u32>) {
    let code = term.wait_exit();
    assert_eq!(code, expected_code);
    assert!(term.is_cooked(), "raw mode was left");
    assert!(!term.on_alternate_screen(), "the alternate screen was left");
    assert!(term.cursor_shown(), "the cursor is back");
    let draft: motive::checkin::CheckIn =
        toml::from_str(&std::fs::read_to_string(draft_path(data)).expect("read the draft"))
            .expect("a valid draft");
    assert_eq!(draft.questions[0].value, Some(5));
    assert_eq!(draft.questions[1].value, Some(5));
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_draft() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let term = answered(&data, &config, 2);
    term.signal(nix::sys::signal::Signal::SIGTERM);
    assert_restored_with_draft(term, &data, Some(143));
}

/// SIGINT and SIGQUIT only come from outside (raw mode reads Ctrl-C as a
/// key), and end motive like SIGTERM.
#[test]
fn sigint_and_sigquit_restore_the_terminal_and_keep_the_draft() {
    use nix::sys::signal::Signal;
    for (signal, code) in [(Signal::SIGINT, 130), (Signal::SIGQUIT, 131)] {
        let (_dir, data, config) = pty::dirs().into_parts();
        let term = answered(&data, &config, 2);
        term.signal(signal);
        assert_restored_with_draft(term, &data, Some(code));
    }
}

#[test]
fn sighup_restores_the_terminal_and_keeps_the_draft() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let term = answered(&data, &config, 2);
    term.signal(nix::sys::signal::Signal::SIGHUP);
    assert_restored_with_draft(term, &data, Some(129));
}

#[test]
fn an_internal_error_restores_the_terminal_and_keeps_the_draft() {
    let (_dir, data, config) = pty::dirs().into_parts();
    // Draft saves: 1 at the start, then one per answer: panic after the second answer.
    let mut spawn = Spawn::new(&data, &config).args(&["check", "--bank", "quick"]);
    spawn.env.push(("MOTIVE_FAULT", "panic-after-draft:3"));
    let term = Term::spawn(&spawn);
    term.begin();
    term.wait_for("1/6");
    term.send("5");
    term.wait_for("2/6");
    term.send("5");
    let code = {
        let mut term = term;
        let code = term.wait_exit();
        assert!(term.is_cooked(), "raw mode was left after the panic");
        assert!(
            !term.on_alternate_screen(),
            "the alternate screen was left after the panic"
        );
        assert!(term.cursor_shown(), "the cursor is back after the panic");
        code
    };
    assert_ne!(code, Some(0), "an internal error is not a success");
    let draft: motive::checkin::CheckIn =
        toml::from_str(&std::fs::read_to_string(draft_path(&data)).expect("read")).expect("draft");
    assert_eq!(draft.questions[1].value, Some(5));
}

#[test]
fn a_second_check_in_is_told_one_is_in_progress() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let first = answered(&data, &config, 1);
    let second = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    second.wait_for("A check-in is already in progress");
    second.wait_for("started");
    second.send("h");
    second.wait_for("history (read-only)");
    drop(first);
}

#[test]
fn an_unusable_data_dir_is_reported_before_the_first_question() {
    let (dir, _, config) = pty::dirs().into_parts();
    // A file where the data dir should be: nothing can be saved there.
    let data = dir.path().join("not-a-dir");
    std::fs::write(&data, "").expect("write");
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.wait_for("Cannot use the data dir");
    assert!(!term.text().contains("1/6"), "no question was asked");
    term.send("q");
    assert_eq!(
        term.wait_exit(),
        Some(2),
        "a check-in that could not start is a failure"
    );
}

#[test]
fn a_bad_bank_is_a_one_line_error_before_the_screen_is_taken() {
    let (dir, data, _) = pty::dirs().into_parts();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motive"))
        .args(["check", "--bank", "nope"])
        .env("MOTIVE_DATA_DIR", &data)
        .env("MOTIVE_CONFIG_DIR", dir.path().join("config"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nope") && err.contains("core") && err.contains("quick"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no escape codes when failing early");
}

#[test]
fn history_then_compare_two_marked_check_ins() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let store = motive::store::Store::open(&data).expect("store");
    let core = support::bank("core");
    for (when, value) in [
        ("2026-01-05", 2),
        ("2026-04-06", 3),
        ("2026-07-06", 4),
        ("2026-10-05", 5),
    ] {
        store
            .save(support::snapshot(
                &core,
                support::at(&format!("{when}T09:30:00+00:00")),
                value,
            ))
            .expect("save");
    }
    let term = Term::spawn(&Spawn::new(&data, &config));
    term.wait_for("4 check-ins in all");
    term.send("h");
    term.wait_for("2026-10-05");
    term.wait_for("Space mark");
    // newest first: move down to 2026-07-06 and mark it, then 2026-01-05
    term.send(key::DOWN);
    term.send(" ");
    term.wait_for("●");
    term.send(key::DOWN);
    term.send(key::DOWN);
    term.send(" ");
    term.wait_until("two marks", |s| s.contents().matches('●').count() == 2);
    term.send("c");
    term.wait_for("5 Jan 2026 → 6 Jul 2026");
    // every statement 2 -> 4: five forward statements 25 -> 75, the reverse
    // one 75 -> 25: 33.3 -> 66.7 per dimension, shown as +33.4, beyond the
    // threshold of 24.8
    // A frame can arrive in more than one read: wait for all three rows.
    term.wait_until("three rises", |s| {
        s.contents().matches("↑ +33.4").count() == 3
    });
    term.wait_for("larger than measurement error");
    term.send(key::ESC);
    term.wait_for("Space mark");
}

#[test]
fn a_resize_redraws_and_a_tiny_terminal_says_so() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.begin();
    term.wait_for("1/6");
    term.resize(15, 50);
    term.wait_for("Terminal too small");
    term.wait_for("this one is 50x15");
    term.resize(30, 100);
    term.wait_for("1/6");
    term.wait_until("the footer at the new width", |s| {
        s.contents()
            .lines()
            .any(|l| l.contains("Bksp back") && l.contains("q quit"))
    });
}

#[test]
fn sigterm_keeps_text_typed_a_moment_ago() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = answered(&data, &config, 6);
    term.wait_for("Reflection 1/1");
    term.send("half a thought");
    term.wait_for("half a thought");
    // No pause for the debounced save: the signal itself must keep the text.
    term.signal(nix::sys::signal::Signal::SIGTERM);
    assert_eq!(term.wait_exit(), Some(143));
    assert!(term.is_cooked());
    let draft: motive::checkin::CheckIn =
        toml::from_str(&std::fs::read_to_string(draft_path(&data)).expect("read")).expect("draft");
    assert_eq!(draft.reflections[0].text, "half a thought");
}

/// Where option `value` of the scale is on screen (0-based row, column):
/// the row of the option numbers, then the digit in it.
fn option_cell(screen: &vt100::Screen, value: char) -> Option<(u16, u16)> {
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    (0..rows).find_map(|r| {
        let line: Vec<String> = (0..cols)
            .map(|c| {
                let text = screen.cell(r, c).map(|x| x.contents()).unwrap_or_default();
                if text.is_empty() {
                    " ".to_string()
                } else {
                    text.to_string()
                }
            })
            .collect();
        let words: String = line.concat();
        let numbers: Vec<&str> = words.split_whitespace().collect();
        let scale = numbers
            .iter()
            .map(|w| w.trim_start_matches('•'))
            .eq(["1", "2", "3", "4", "5"]);
        if !scale {
            return None;
        }
        let col = line.iter().position(|c| c.starts_with(value))?;
        Some((r, u16::try_from(col).ok()?))
    })
}

#[test]
fn a_click_answers_and_quitting_turns_mouse_reports_off() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.begin();
    term.wait_for("1/6");
    assert_ne!(
        term.with_screen(vt100::Screen::mouse_protocol_mode),
        vt100::MouseProtocolMode::None,
        "mouse reports are on"
    );
    // A frame can arrive in more than one read: wait for the whole scale.
    term.wait_until("the scale", |s| option_cell(s, '4').is_some());
    let (row, col) = term
        .with_screen(|s| option_cell(s, '4'))
        .expect("the scale is on screen");
    // SGR reports are 1-based: press, then release.
    term.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
    term.wait_for("2/6");
    term.send(key::BACKSPACE);
    term.wait_for("1/6");
    term.wait_for("•4");
    term.send("q");
    term.wait_for("Leave the check-in?");
    term.send("y");
    assert_eq!(term.wait_exit(), Some(0));
    assert_eq!(
        term.with_screen(vt100::Screen::mouse_protocol_mode),
        vt100::MouseProtocolMode::None,
        "mouse reports are off after quitting"
    );
    assert!(term.is_cooked());
}

#[test]
fn sigterm_turns_mouse_reports_off() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = answered(&data, &config, 1);
    term.signal(nix::sys::signal::Signal::SIGTERM);
    assert_eq!(term.wait_exit(), Some(143));
    assert_eq!(
        term.with_screen(vt100::Screen::mouse_protocol_mode),
        vt100::MouseProtocolMode::None
    );
}

/// A paste arrives as one event (bracketed paste), not as thousands of
/// keys: 30 KB into a reflection lands at once, cut at the field's limit,
/// and the next key is handled straight after. Leaving turns the mode off.
#[test]
fn a_large_paste_is_one_edit_and_the_terminal_gets_its_mode_back() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = answered(&data, &config, 6);
    term.wait_for("Reflection 1/");
    assert!(
        term.with_screen(vt100::Screen::bracketed_paste),
        "motive asks for bracketed paste"
    );
    let pasted = "so much to say ".repeat(2_000);
    term.send(&format!("\x1b[200~{pasted}\x1b[201~"));
    term.wait_for("Reflection 1 is full");
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send(key::ESC);
    term.wait_for("Leave the check-in?");
    term.send("y");
    assert_eq!(term.wait_exit(), Some(0));
    assert!(
        !term.with_screen(vt100::Screen::bracketed_paste),
        "bracketed paste is off again"
    );
    let draft: motive::checkin::CheckIn =
        toml::from_str(&std::fs::read_to_string(draft_path(&data)).expect("read the draft"))
            .expect("a valid draft");
    assert_eq!(
        draft.reflections[0].text.chars().count(),
        motive::store::MAX_TEXT_CHARS
    );
}

/// A long reflection wraps inside its field: every word of 400 characters
/// is on screen at once, at 80x24 and at 60x20, none cut off at the edge.
#[test]
fn a_400_character_reflection_is_all_on_screen() {
    for (rows, cols) in [(24, 80), (20, 60)] {
        let (_dir, data, config) = pty::dirs().into_parts();
        let mut spawn = Spawn::new(&data, &config).args(&["check", "--bank", "quick"]);
        spawn.size = (rows, cols);
        let term = Term::spawn(&spawn);
        pty::quick_to_reflection(&term);
        // Fifty words of eight characters: 400 characters in all.
        let words: Vec<String> = (0..50).map(|i| format!("word{i:03}")).collect();
        let text = words.join(" ") + " ";
        assert_eq!(text.chars().count(), 400);
        term.send(&text);
        term.wait_until("every word of the reflection on screen", |screen| {
            let shown = screen.contents();
            words.iter().all(|w| shown.contains(w.as_str()))
        });
    }
}

/// While the terminal is too small to show anything, keys wait: a digit
/// answers nothing, `?` opens nothing; `q` leaves at once and the draft
/// is kept for next time.
#[test]
fn nothing_acts_behind_the_too_small_screen() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.begin();
    term.wait_for("1/6");
    term.resize(12, 40);
    term.wait_for("Terminal too small");
    term.send("4");
    term.send("?");
    term.send("n");
    // Read while small: only then does enlarging the window come after them.
    term.wait_for("3 keys ignored");
    term.resize(24, 80);
    term.wait_for("1/6");
    let text = term.text();
    assert!(!text.contains("•4"), "statement 1 was not answered: {text}");
    assert!(!text.contains("close the help"), "no help opened: {text}");
    assert!(!text.contains("Note (Esc"), "no note opened: {text}");
    term.resize(12, 40);
    term.wait_for("Terminal too small");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0));
    assert!(
        std::fs::read_dir(data.join("drafts"))
            .map(|d| d.count())
            .unwrap_or(0)
            > 0,
        "the draft is kept"
    );
}
