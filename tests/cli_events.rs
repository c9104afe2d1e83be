//! `motive event add|list|rm` as people use them: the real binary against a
//! temporary data dir.

mod support;

use predicates::prelude::*;
use support::{json, motive, private_tempdir};

#[test]
fn events_are_added_listed_and_removed_to_the_trash() {
    let dir = private_tempdir();
    let data = dir.path();
    motive(data)
        .args(["event", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No events yet"));
    motive(data)
        .args(["event", "add", "2026-06-01", "new manager", "--note", "Ana"])
        .assert()
        .success()
        .stdout("Added 20260601-1: new manager (2026-06-01)\n");
    motive(data)
        .env("MOTIVE_NOW", "2026-11-30T09:00:00+01:00")
        .args(["event", "add", "today", "promotion"])
        .assert()
        .success()
        .stdout(predicate::str::contains("20261130-1"));
    let listed = json(motive(data).args(["event", "list", "--json"]));
    assert_eq!(listed[0]["label"], "new manager");
    assert_eq!(listed[0]["note"], "Ana");
    assert_eq!(listed[1]["date"], "2026-11-30");
    motive(data)
        .args(["event", "rm", "20260601-1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("trash/events/20260601-1.toml"));
    assert!(data.join("trash/events/20260601-1.toml").exists());
    let listed = json(motive(data).args(["event", "list", "--json"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
}

#[test]
fn bad_dates_duplicates_and_unknown_ids_are_one_line_errors() {
    let dir = private_tempdir();
    let data = dir.path();
    for (args, says) in [
        (vec!["event", "add", "2026-02-30", "x"], "is not a day"),
        (vec!["event", "add", "June 1st", "x"], "YYYY-MM-DD"),
        (vec!["event", "add", "2026-06-01", "   "], "label is empty"),
        (vec!["event", "rm", "20260601-9"], "no event 20260601-9"),
    ] {
        motive(data).args(&args).assert().code(2).stderr(
            predicate::str::contains(says)
                .and(predicate::str::is_match("^motive: [^\n]*\n$").expect("regex")),
        );
    }
    motive(data)
        .args(["event", "add", "2026-06-01", "reorg"])
        .assert()
        .success();
    motive(data)
        .args(["event", "add", "2026-06-01", "Reorg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "already an event \"reorg\" on 2026-06-01 (20260601-1)",
        ));
}

#[test]
fn a_hostile_label_never_reaches_the_terminal_raw() {
    let dir = private_tempdir();
    let data = dir.path();
    motive(data)
        .args([
            "event",
            "add",
            "2026-06-01",
            "\u{1b}]0;owned\u{7}reorg\u{202e}",
        ])
        .assert()
        .success();
    let out = motive(data).args(["event", "list"]).output().expect("run");
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{202e}'));
}
