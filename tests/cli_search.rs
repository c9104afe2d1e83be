//! `motive search` and `motive thread`: finding what you wrote, as people
//! do it, against the real binary.

mod support;

use motive::store::Store;
use predicates::prelude::*;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// Two check-ins with notes and reflections worth finding.
fn written() -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let b = bank("core");
    let mut first = snapshot(&b, at("2026-03-02T10:00:00+01:00"), 3);
    first.label = Some("Q1".into());
    first.reflections[0].text = "Lead the Résumé service migration.".into();
    first.answers[0].note = Some("My manager decides the order of work.".into());
    first.commitments = vec!["Ask Ana for the migration".into()];
    let mut second = snapshot(&b, at("2026-06-01T10:00:00+02:00"), 4);
    second.reflections[0].text = "Still the resume service, and a team of my own.".into();
    store.save(first).expect("save");
    store.save(second).expect("save");
    dir
}

#[test]
fn search_finds_words_across_check_ins_whatever_their_case_and_accents() {
    let dir = written();
    let out = motive(dir.path())
        .args(["search", "RESUME", "service"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("2 Mar 2026 · Q1"), "{text}");
    assert!(
        text.contains("Lead the [Résumé] [service] migration."),
        "{text}"
    );
    assert!(text.contains("1 Jun 2026"), "{text}");
    assert!(text.contains("Still the [resume] [service]"), "{text}");
    let hits = json(motive(dir.path()).args(["search", "migration", "--json"]));
    let places: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["where"].as_str())
        .collect();
    // The second check-in keeps the fixture's own commitment, about a migration too.
    assert_eq!(places, ["reflection", "commitment", "commitment"]);
    assert_eq!(hits[0]["matches"][0]["start"], 24);
    motive(dir.path())
        .args(["search", "manager"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note on \""));
    motive(dir.path())
        .args(["search", "nowhere"])
        .assert()
        .success()
        .stdout("Nothing found in 2 check-ins.\n");
}

#[test]
fn a_thread_is_every_answer_to_one_prompt_oldest_first() {
    let dir = written();
    let id = bank("core").reflections[0].id.clone();
    let out = motive(dir.path())
        .args(["thread", &id])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let first = text.find("Lead the Résumé").expect("first answer");
    let second = text.find("Still the resume").expect("second answer");
    assert!(first < second, "oldest first:\n{text}");
    let listed = String::from_utf8(
        motive(dir.path())
            .arg("thread")
            .output()
            .expect("run")
            .stdout,
    )
    .expect("UTF-8");
    assert!(listed.contains(&id), "{listed}");
    motive(dir.path())
        .args(["thread", "nope"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no reflection prompt nope")
                .and(predicate::str::contains(&id)),
        );
}
