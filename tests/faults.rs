//! Faults from outside, against the real binary: a disk that is full (or
//! nearly), injected with `MOTIVE_TEST_FAIL_WRITES` in debug builds or made
//! real with a file-size limit, and a draft edited by a hostile hand.

mod pty;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use motive::bank::builtin;
use motive::checkin::CheckIn;
use motive::store::{Machine, Store};
use pty::{Spawn, Term, key};
use support::at;

const FAIL_WRITES: &str = "MOTIVE_TEST_FAIL_WRITES";
const NO_SPACE: &str = "No space left on device";

fn dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = support::private_tempdir();
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    (dir, data, config)
}

fn check_in_with_failing<'a>(data: &'a Path, config: &'a Path, writes: &'a str) -> Term {
    let mut spawn = Spawn::new(data, config).args(&["check", "--bank", "quick"]);
    spawn.env.push((FAIL_WRITES, writes));
    // Wide enough that a one-line message with a temporary path fits.
    spawn.size = (24, 300);
    Term::spawn(&spawn)
}

/// Wait until `text` is on screen, wherever lines and boxes break it.
fn wait_for_wrapped(term: &Term, text: &str) {
    term.wait_until(&format!("{text:?}"), |screen| {
        let contents: String = screen
            .contents()
            .chars()
            .map(|c| {
                if ('\u{2500}'..='\u{257f}').contains(&c) {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        contents
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(text)
    });
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_disk_too_full_for_the_probe_is_said_before_the_first_statement() {
    let (_dir, data, config) = dirs();
    let term = check_in_with_failing(&data, &config, "probe");
    wait_for_wrapped(&term, NO_SPACE);
    assert!(!term.text().contains("1/6"), "{}", term.text());
    assert!(files(&data.join("drafts")).is_empty());
}

#[test]
fn a_failing_draft_write_is_shown_with_its_reason() {
    let (_dir, data, config) = dirs();
    let term = check_in_with_failing(&data, &config, "draft:1");
    term.begin();
    term.wait_for("1/6");
    term.send("4");
    term.wait_for("2/6");
    term.send("4");
    wait_for_wrapped(&term, NO_SPACE);
}

#[test]
fn a_failing_snapshot_write_saves_nothing_and_keeps_the_draft() {
    let (_dir, data, config) = dirs();
    let term = check_in_with_failing(&data, &config, "snapshot");
    pty::quick_check_in_to_review(&term, "", "");
    term.send(key::ENTER);
    wait_for_wrapped(&term, NO_SPACE);
    assert!(files(&data.join("snapshots")).is_empty());
    assert_eq!(
        files(&data.join("drafts")),
        [format!("{}.toml", Machine::this().key())]
    );
}

/// Run this test binary again as `name`, under `sh -c <shell>` (which ends
/// with `exec "$@"`), with `MOTIVE_FAULTS_CHILD` set to `dir`.
fn rerun_under(shell: &str, name: &str, dir: &Path) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(shell)
        .arg("sh")
        .arg(std::env::current_exe().expect("test binary"))
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env("MOTIVE_FAULTS_CHILD", dir)
        .output()
        .expect("run the child")
}

#[test]
fn the_start_up_probe_fails_on_a_nearly_full_disk() {
    const NAME: &str = "the_start_up_probe_fails_on_a_nearly_full_disk";
    if let Some(dir) = std::env::var_os("MOTIVE_FAULTS_CHILD") {
        // Files may grow to 64 blocks (32 or 64 KiB): a draft fits, the
        // probe does not, as on a disk with that much room left.
        let store = Store::open(Path::new(&dir)).expect("open");
        let draft = CheckIn::new(
            &builtin::get("core").expect("core"),
            &[],
            None,
            at("2026-11-22T09:30:00+01:00"),
        );
        store.save_draft(&draft).expect("a draft fits");
        let err = store.check_writable().expect_err("the probe does not");
        println!("probe error: {err}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    // Ignored signals stay ignored across exec: the limit then fails writes
    // with EFBIG instead of killing the process.
    let out = rerun_under(
        r#"trap "" XFSZ; ulimit -f 64 && exec "$@""#,
        NAME,
        dir.path(),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("probe error: cannot write to "), "{stdout}");
    assert!(stdout.contains("File too large"), "{stdout}");
}

#[test]
fn a_hostile_draft_never_crashes_the_check_in() {
    let (_dir, data, config) = dirs();
    let store = Store::open(&data).expect("open");
    let draft = CheckIn::new(
        &builtin::get("quick").expect("quick"),
        &[],
        None,
        at("2026-11-22T09:30:00+01:00"),
    );
    let text = toml::to_string(&draft)
        .expect("encode")
        .replace("max = 5", &format!("max = {}", i64::MAX));
    assert!(text.contains(&i64::MAX.to_string()));
    std::fs::write(store.draft_path(), &text).expect("write the draft");

    // Home says the draft cannot be resumed, and changes nothing.
    let mut home = Term::spawn(&Spawn::new(&data, &config));
    wait_for_wrapped(&home, "cannot be resumed");
    home.send("q");
    assert_eq!(home.wait_exit(), Some(0), "{}", home.text());

    // A check-in moves it aside (kept), says so, and starts afresh.
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    wait_for_wrapped(&term, "could not be resumed");
    wait_for_wrapped(&term, "goes beyond -1000..1000");
    term.begin();
    term.wait_for("1/6");
    term.send("q");
    term.wait_for("Leave the check-in?");
    term.send("y");
    let screen = term.text();
    assert!(!screen.contains("panicked"), "{screen}");
    assert_eq!(term.wait_exit(), Some(0), "no panic: {}", term.text());

    let kept: Vec<String> = files(&data.join("drafts"))
        .into_iter()
        .filter(|name| name.contains(".bad-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let kept = std::fs::read_to_string(data.join("drafts").join(&kept[0])).expect("read");
    assert_eq!(kept, text);
}

/// The disk fills up after the first answer: the screen says the answers
/// are not on disk, leaving offers another file, and that file is one
/// `motive import` takes back.
#[test]
fn answers_a_full_disk_would_lose_can_be_written_elsewhere_and_imported() {
    let (dir, data, config) = dirs();
    // The draft at the start and after the first answer land; then none.
    let mut spawn = Spawn::new(&data, &config).args(&["check", "--bank", "quick"]);
    spawn.env.push((FAIL_WRITES, "draft:2,snapshot"));
    let term = Term::spawn(&spawn);
    term.begin();
    term.wait_for("1/6");
    term.send("4");
    term.wait_for("2/6");
    term.send("2");
    term.wait_for("3/6");
    wait_for_wrapped(&term, "Not on disk");
    wait_for_wrapped(&term, "only on screen");
    term.send("q");
    wait_for_wrapped(&term, "Your latest answers are not on disk");
    assert!(!term.text().contains("kept as a draft"), "{}", term.text());
    term.send("w");
    term.wait_for("Write the check-in to");
    for _ in 0..200 {
        term.send(key::BACKSPACE);
    }
    let elsewhere = dir.path().join("rescued.toml");
    term.send(&elsewhere.display().to_string());
    term.send(key::ENTER);
    term.wait_for("Saved");
    wait_for_wrapped(&term, "rescued.toml");
    term.send("q");
    let mut term = term;
    assert_eq!(term.wait_exit(), Some(0));

    // Nothing reached the data dir; the file brings all of it back.
    assert!(files(&data.join("snapshots")).is_empty());
    let out = support::motive(&data)
        .arg("import")
        .arg(&elsewhere)
        .output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let latest = pty::show_latest(&data);
    let values: Vec<Option<i64>> = latest["answers"]
        .as_array()
        .expect("answers")
        .iter()
        .map(|a| a["value"].as_i64())
        .collect();
    assert_eq!(&values[..3], [Some(4), Some(2), None]);
}

/// Quitting anyway is allowed, and said in the exit status.
#[test]
fn quitting_with_answers_not_on_disk_exits_3() {
    let (_dir, data, config) = dirs();
    let mut spawn = Spawn::new(&data, &config).args(&["check", "--bank", "quick"]);
    spawn.env.push((FAIL_WRITES, "draft:2"));
    let mut term = Term::spawn(&spawn);
    term.begin();
    term.wait_for("1/6");
    term.send("4");
    term.wait_for("2/6");
    term.send("5");
    wait_for_wrapped(&term, "Not on disk");
    term.send("q");
    wait_for_wrapped(&term, "quit anyway");
    term.send("y");
    assert_eq!(term.wait_exit(), Some(3));
    assert!(term.cursor_shown() && term.is_cooked());
}
