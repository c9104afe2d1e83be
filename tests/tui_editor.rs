//! Ctrl-E in a real terminal: the field goes to `$EDITOR` (a fake one, a
//! shell script), the screen comes back with what it wrote, and a signal
//! while it runs still keeps the draft.

mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{Dirs, Spawn, Term, dirs, key, show_latest};

const CTRL_E: &str = "\x05";

/// An executable `#!/bin/sh` script with `body`, standing in for an editor.
fn fake_editor(dir: &Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write the script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path.display().to_string()
}

/// A quick check-in answered through to its reflection, with `EDITOR` set
/// (or not).
fn at_reflection(dirs: &Dirs, editor: Option<&str>) -> Term {
    let mut spawn = Spawn::new(&dirs.data, &dirs.config).args(&["check", "--bank", "quick"]);
    if let Some(editor) = editor {
        spawn.env.push(("EDITOR", editor));
    }
    let term = Term::spawn(&spawn);
    pty::quick_to_reflection(&term);
    term.wait_for("^E editor");
    term
}

#[test]
fn text_written_in_the_editor_comes_back_and_is_saved() {
    let dirs = dirs();
    // Keeps what it was given and adds a line, writing a new file over the
    // old one as many editors do.
    let editor = fake_editor(
        &dirs.bin,
        "editor",
        r#"{ cat "$1"; printf 'Written in my editor\n'; } > "$1.new" && mv "$1.new" "$1""#,
    );
    let mut term = at_reflection(&dirs, Some(&editor));
    term.send("Typed first");
    term.wait_for("Typed first");
    term.send(CTRL_E);
    term.wait_until("the check-in again, with the editor's text", |s| {
        s.alternate_screen() && s.contents().contains("Written in my editor")
    });
    assert!(term.text().contains("Typed first"), "{}", term.text());
    assert!(!term.is_cooked(), "raw mode again after the editor");
    assert!(term.on_alternate_screen());
    assert_ne!(
        term.with_screen(vt100::Screen::mouse_protocol_mode),
        vt100::MouseProtocolMode::None,
        "mouse reports on again after the editor"
    );
    // Back from the editor the text shows from its start, where the
    // cursor is: typing goes in there.
    term.send("Note: ");
    term.wait_for("Note: Typed first");
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send(key::TAB);
    term.wait_for("Review");
    term.send(key::ENTER);
    term.wait_for("Saved");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0));
    assert_eq!(
        show_latest(&dirs.data)["reflections"][0]["text"],
        "Note: Typed first\nWritten in my editor"
    );
}

#[test]
fn visual_comes_before_editor_and_runs_through_the_shell() {
    let dirs = dirs();
    // Writes its first argument (from the variable) into the file (second).
    let visual = fake_editor(&dirs.bin, "visual", r#"printf '%s\n' "$1" > "$2""#);
    let editor = fake_editor(&dirs.bin, "editor", "exit 1");
    let mut spawn = Spawn::new(&dirs.data, &dirs.config).args(&["check", "--bank", "quick"]);
    // Arguments in the variable reach the editor, as `code --wait` needs.
    let command = format!("{visual} 'from VISUAL, with an argument'");
    spawn.env.push(("VISUAL", &command));
    spawn.env.push(("EDITOR", &editor));
    let term = Term::spawn(&spawn);
    term.begin();
    term.wait_for("1/6");
    term.send("n");
    term.wait_for("^E editor");
    term.send(CTRL_E);
    term.wait_until("the note from VISUAL", |s| {
        s.alternate_screen() && s.contents().contains("from VISUAL, with an argument")
    });
}

#[test]
fn a_failing_editor_keeps_the_text_and_says_so() {
    let dirs = dirs();
    let editor = fake_editor(&dirs.bin, "editor", r#"printf 'lost\n' > "$1"; exit 3"#);
    let term = at_reflection(&dirs, Some(&editor));
    term.send("still here");
    term.send(CTRL_E);
    term.wait_for("exited with status 3");
    assert!(term.text().contains("still here"), "{}", term.text());
    assert!(!term.text().contains("lost"), "{}", term.text());
    assert!(term.on_alternate_screen());
}

#[test]
fn without_an_editor_ctrl_e_says_how_to_set_one() {
    let dirs = dirs();
    let term = at_reflection(&dirs, None);
    term.send("mine");
    term.send(CTRL_E);
    term.wait_for("Set $VISUAL or $EDITOR");
    assert!(term.on_alternate_screen());
    term.send("!");
    term.wait_for("mine!");
}

#[test]
fn sigterm_while_the_editor_runs_keeps_what_it_wrote() {
    let dirs = dirs();
    let marker = dirs.bin.join("editor-started");
    // Writes, says it is running, then waits (at most ten seconds) to be stopped.
    let body = format!(
        "printf 'half in the editor\\n' > \"$1\"\ntouch '{}'\ni=0\nwhile [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done",
        marker.display()
    );
    let editor = fake_editor(&dirs.bin, "editor", &body);
    let mut term = at_reflection(&dirs, Some(&editor));
    term.send(CTRL_E);
    let start = Instant::now();
    while !marker.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the editor never started; screen:\n{}",
            term.text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        term.is_cooked(),
        "the editor gets the terminal in cooked mode"
    );
    assert!(!term.on_alternate_screen(), "and on the main screen");
    term.signal(nix::sys::signal::Signal::SIGTERM);
    assert_eq!(term.wait_exit(), Some(143));
    assert!(term.is_cooked(), "raw mode was left");
    assert!(!term.on_alternate_screen(), "the alternate screen was left");
    assert_eq!(
        term.with_screen(vt100::Screen::mouse_protocol_mode),
        vt100::MouseProtocolMode::None
    );
    let drafts = dirs.data.join("drafts");
    let draft = std::fs::read_dir(&drafts)
        .expect("the drafts dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .expect("a draft");
    let draft: motive::checkin::CheckIn =
        toml::from_str(&std::fs::read_to_string(draft).expect("read")).expect("a valid draft");
    assert_eq!(draft.reflections[0].text, "half in the editor");
}
