//! Snapshot formats: format 2 holds several commitments and follow-ups;
//! format 1 files (one `commitment`, one `follow_up`), as earlier builds
//! wrote them, are still read, listed, shown, exported and imported.

mod support;

use std::fs;
use std::path::Path;

use motive::snapshot::{FollowUp, MAX_COMMITMENTS, Outcome, SNAPSHOT_FORMAT};
use motive::store::Store;
use serde_json::Value;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// A check-in saved by a format-1 build: one commitment, one follow-up.
const FORMAT_1: &str = include_str!("fixtures/snapshots/20250502-174500.toml");

fn with_format_1(data: &Path) {
    fs::create_dir_all(data.join("snapshots")).expect("mkdir");
    fs::write(data.join("snapshots/20250502-174500.toml"), FORMAT_1).expect("write");
}

#[test]
fn a_format_1_check_in_reads_as_one_commitment_and_one_follow_up() {
    let dir = private_tempdir();
    with_format_1(dir.path());
    let shown = json(motive(dir.path()).args(["show", "--json"]));
    assert_eq!(
        shown["commitments"],
        serde_json::json!(["Pair with Ana on the billing service"])
    );
    assert_eq!(shown["follow_ups"][0]["outcome"], "partly");
    assert_eq!(shown["follow_ups"][0]["note"], "Got half of it");
    let listed = json(motive(dir.path()).args(["commitments", "--json"]));
    assert_eq!(listed[0]["text"], "Pair with Ana on the billing service");
    assert_eq!(listed[0]["outcome"], Value::Null, "still open");
    // Searched, and in the Markdown report.
    let found = json(motive(dir.path()).args(["search", "billing", "--json"]));
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    let report = motive(dir.path())
        .args(["export", "--format", "md"])
        .output()
        .expect("run");
    let report = String::from_utf8(report.stdout).expect("utf8");
    assert!(
        report.contains("Before the next check-in I will: Pair with Ana on the billing service"),
        "{report}"
    );
    assert!(
        report.contains("Ask for the gnarly migration (**partly**)"),
        "{report}"
    );
}

#[test]
fn an_export_of_a_format_1_check_in_imports_as_format_2_and_back_unchanged() {
    let dir = private_tempdir();
    with_format_1(dir.path());
    let export = dir.path().join("all.json");
    motive(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .assert()
        .success();
    let written: Value =
        serde_json::from_str(&fs::read_to_string(&export).expect("read")).expect("json");
    assert_eq!(written["format"], SNAPSHOT_FORMAT);
    let entry = &written["snapshots"][0];
    assert_eq!(
        entry["commitments"],
        serde_json::json!(["Pair with Ana on the billing service"])
    );
    assert_eq!(entry["follow_ups"][0]["outcome"], "partly");

    // An export made by a format-1 build: its entries in format 1.
    let old = serde_json::json!({
        "format": 1,
        "snapshots": [toml::from_str::<Value>(FORMAT_1).expect("toml")],
    });
    let elsewhere = private_tempdir();
    let old_export = elsewhere.path().join("old.json");
    fs::write(&old_export, old.to_string()).expect("write");
    motive(elsewhere.path())
        .arg("import")
        .arg(&old_export)
        .assert()
        .success();
    let imported = json(motive(elsewhere.path()).args(["show", "--json"]));
    let original = json(motive(dir.path()).args(["show", "--json"]));
    assert_eq!(imported, original);
}

#[test]
fn several_commitments_are_each_followed_up_and_listed() {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let mut first = snapshot(&bank("quick"), at("2026-01-05T09:00:00+00:00"), 3);
    first.commitments = vec![
        "Ship the migration".into(),
        "Mentor Bo".into(),
        "Write the runbook".into(),
    ];
    store.save(first).expect("save");
    let mut second = snapshot(&bank("quick"), at("2026-04-05T09:00:00+00:00"), 3);
    second.commitments.clear();
    second.follow_ups = vec![
        FollowUp {
            commitment: "Ship the migration".into(),
            outcome: Outcome::Done,
            note: None,
        },
        FollowUp {
            commitment: "Mentor Bo".into(),
            outcome: Outcome::NotDone,
            note: Some("Bo moved teams".into()),
        },
    ];
    store.save(second).expect("save");

    let listed = json(motive(dir.path()).args(["commitments", "--json"]));
    let rows: Vec<(String, Value)> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap_or("").to_owned(),
                c["outcome"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ship the migration".to_owned(), Value::from("done")),
            ("Mentor Bo".to_owned(), Value::from("not done")),
            ("Write the runbook".to_owned(), Value::Null),
        ]
    );
    let shown = motive(dir.path())
        .args(["show", "latest~1"])
        .output()
        .expect("run");
    let shown = String::from_utf8(shown.stdout).expect("utf8");
    assert!(shown.contains("Commitments for next time"), "{shown}");
    assert!(shown.contains("Write the runbook"), "{shown}");
}

#[test]
fn mixed_or_too_many_commitments_are_refused_by_name() {
    let dir = private_tempdir();
    with_format_1(dir.path());
    // A format-1 file with format 2's list, and a format-2 file with six.
    let mixed = FORMAT_1.replacen(
        "commitment = \"Pair with Ana on the billing service\"",
        "commitments = [\"a\"]",
        1,
    );
    let six = FORMAT_1
        .replacen("format = 1", "format = 2", 1)
        .replacen(
            "commitment = \"Pair with Ana on the billing service\"",
            &format!(
                "commitments = [{}]",
                ["\"x\""; MAX_COMMITMENTS + 1].join(", ")
            ),
            1,
        )
        .replacen("[follow_up]", "[[follow_ups]]", 1);
    for (id, text) in [("20250601-090000", mixed), ("20250701-090000", six)] {
        let path = dir.path().join(format!("snapshots/{id}.toml"));
        fs::write(&path, text.replacen("20250502-174500", id, 1)).expect("write");
        let out = motive(dir.path()).args(["show", id]).output().expect("run");
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}");
        let warning = said
            .lines()
            .find(|l| l.contains(&format!("{id}.toml")))
            .unwrap_or_else(|| panic!("names the file: {said}"));
        assert!(warning.contains("commitments"), "says why: {said}");
    }
}
