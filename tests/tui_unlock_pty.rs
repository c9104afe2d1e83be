//! The unlock screen in the real binary, in a pseudo-terminal: an encrypted
//! data dir with no `MOTIVE_PASSPHRASE` and no `passphrase_command` opens
//! on it; a wrong passphrase is said and asked again; the right one (or the
//! recovery key) reaches home, or the check-in for `motive check`, with the
//! encrypted check-ins read. What is typed never shows on the screen.
//! (scrypt runs at a low work factor: `MOTIVE_TEST_SCRYPT_WORK_FACTOR`,
//! honoured by debug builds only.)

mod pty;
mod support;

use std::path::Path;

use pty::{Spawn, Term, key};

const PASS: &str = "zebra-quartz-7";
const WRONG: &str = "walrus-onyx-3";
const WORK_FACTOR: (&str, &str) = ("MOTIVE_TEST_SCRYPT_WORK_FACTOR", "10");

/// Two check-ins, then `motive encrypt`; returns what it printed (the
/// recovery key is in it).
fn encrypted_store(data: &Path, config: &Path) -> String {
    let store = motive::store::Store::open(data).expect("store");
    let core = support::bank("core");
    for day in ["2026-08-03T09:30:00+00:00", "2026-11-02T09:30:00+00:00"] {
        store
            .save(support::snapshot(&core, support::at(day), 3))
            .expect("save");
    }
    let out = support::motive(data)
        .env("MOTIVE_CONFIG_DIR", config)
        .env(WORK_FACTOR.0, WORK_FACTOR.1)
        .env("MOTIVE_PASSPHRASE", PASS)
        .arg("encrypt")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(
        std::fs::read_dir(data.join("snapshots"))
            .expect("snapshots")
            .flatten()
            .all(|f| f.file_name().to_string_lossy().ends_with(".toml.age")),
        "every check-in is sealed"
    );
    out
}

/// Wait for `text`, failing as soon as any of `secrets` is on the screen.
fn wait_for_without(term: &Term, text: &str, secrets: &[&str]) {
    term.wait_until(&format!("{text:?}"), |s| {
        let shown = s.contents();
        for secret in secrets {
            assert!(
                !shown.contains(secret),
                "{secret:?} is on the screen:\n{shown}"
            );
        }
        shown.contains(text)
    });
}

fn spawn<'a>(data: &'a Path, config: &'a Path, args: &[&'a str]) -> Term {
    let mut spec = Spawn::new(data, config).args(args);
    spec.env.push(WORK_FACTOR);
    Term::spawn(&spec)
}

#[test]
fn a_wrong_passphrase_is_asked_again_and_the_right_one_opens_home() {
    let (_dir, data, config) = pty::dirs().into_parts();
    encrypted_store(&data, &config);
    let secrets = [PASS, WRONG];
    let mut term = spawn(&data, &config, &[]);
    wait_for_without(&term, "This data dir is encrypted", &secrets);
    term.send(WRONG);
    wait_for_without(&term, "•••••••••••••", &secrets);
    term.send(key::ENTER);
    wait_for_without(&term, "Wrong passphrase for", &secrets);
    // The field is empty again: the next characters are the only ones.
    term.send(PASS);
    wait_for_without(&term, &"•".repeat(PASS.chars().count()), &secrets);
    assert!(
        !term.text().contains(&"•".repeat(PASS.chars().count() + 1)),
        "{}",
        term.text()
    );
    term.send(key::ENTER);
    wait_for_without(&term, "2 check-ins in all", &secrets);
    wait_for_without(&term, "Latest check-in 2 Nov 2026", &secrets);
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());
}

#[test]
fn motive_check_goes_into_the_check_in_once_unlocked() {
    let (_dir, data, config) = pty::dirs().into_parts();
    encrypted_store(&data, &config);
    let mut term = spawn(&data, &config, &["check", "--bank", "quick"]);
    wait_for_without(&term, "This data dir is encrypted", &[PASS]);
    term.send(PASS);
    term.send(key::ENTER);
    // Last time's commitment comes from the encrypted check-ins.
    term.wait_for("to begin.");
    term.wait_for("First, how last time's commitment went.");
    term.send(key::ESC);
    term.wait_for("y leave");
    term.send("y");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());
    // The draft it kept is sealed too.
    let drafts: Vec<String> = std::fs::read_dir(data.join("drafts"))
        .expect("drafts")
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(drafts.iter().all(|d| d.ends_with(".age")), "{drafts:?}");
}

#[test]
fn the_recovery_key_opens_it_too() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let printed = encrypted_store(&data, &config);
    let recovery = printed
        .split_whitespace()
        .find(|w| w.starts_with("AGE-SECRET-KEY-1"))
        .expect("a recovery key is printed")
        .to_string();
    // The screen's own hint names the prefix: the rest is the secret.
    let secret = recovery
        .strip_prefix("AGE-SECRET-KEY-1")
        .expect("the prefix")
        .to_string();
    let secrets = [recovery.as_str(), secret.as_str(), &secret[..12]];
    let mut term = spawn(&data, &config, &[]);
    wait_for_without(&term, "Tab recovery key", &secrets);
    term.send(key::TAB);
    wait_for_without(&term, "Recovery key", &secrets);
    term.send(&recovery);
    term.send(key::ENTER);
    wait_for_without(&term, "2 check-ins in all", &secrets);
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());
}

#[test]
fn a_missing_key_file_is_said_on_screen_and_q_quits_with_the_input_status() {
    let (_dir, data, config) = pty::dirs().into_parts();
    encrypted_store(&data, &config);
    std::fs::remove_file(data.join("key.age")).expect("remove the key file");
    let mut term = spawn(&data, &config, &[]);
    term.wait_for("This data dir cannot be unlocked");
    term.wait_for("is missing");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(2), "{}", term.text());
}

#[test]
fn motive_passphrase_still_unlocks_before_the_screen_and_a_wrong_one_stops_there() {
    let (_dir, data, config) = pty::dirs().into_parts();
    encrypted_store(&data, &config);
    let mut spec = Spawn::new(&data, &config);
    spec.env.push(WORK_FACTOR);
    spec.env.push(("MOTIVE_PASSPHRASE", PASS));
    let mut term = Term::spawn(&spec);
    term.wait_for("2 check-ins in all");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());

    let mut spec = Spawn::new(&data, &config);
    spec.env.push(WORK_FACTOR);
    spec.env.push(("MOTIVE_PASSPHRASE", WRONG));
    let mut term = Term::spawn(&spec);
    assert_eq!(term.wait_exit(), Some(2), "{}", term.text());
    assert!(
        term.text().contains("motive: wrong passphrase for"),
        "{}",
        term.text()
    );
}
