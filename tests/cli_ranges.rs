//! `--since`, `--until` and `--last` on `list`, `chart`, `export` and
//! `search`, and `export CHECK-IN` for one check-in, with the real binary.

mod support;

use motive::store::Store;
use predicates::prelude::*;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// Four core check-ins, a quarter apart in 2026, labelled q1..q4; the last
/// one late in the evening west of UTC (the next day in UTC).
fn store() -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    for (n, when) in [
        "2026-01-05T09:00:00+00:00",
        "2026-04-06T09:00:00+00:00",
        "2026-07-06T09:00:00+00:00",
        "2026-10-05T23:30:00-05:00",
    ]
    .iter()
    .enumerate()
    {
        let mut s = snapshot(&core, at(when), 3);
        s.label = Some(format!("q{}", n + 1));
        s.commitments = vec![format!("talk about the migration in q{}", n + 1)];
        store.save(s).expect("save");
    }
    dir
}

fn listed(dir: &std::path::Path, range: &[&str]) -> Vec<String> {
    let list = json(motive(dir).args(["list", "--json"]).args(range));
    list.as_array()
        .expect("array")
        .iter()
        .map(|e| e["label"].as_str().expect("label").to_string())
        .collect()
}

#[test]
fn list_takes_since_until_and_last() {
    let dir = store();
    let d = dir.path();
    assert_eq!(listed(d, &[]), ["q1", "q2", "q3", "q4"]);
    assert_eq!(listed(d, &["--since", "2026-04-06"]), ["q2", "q3", "q4"]);
    assert_eq!(listed(d, &["--until", "2026-07-06"]), ["q1", "q2", "q3"]);
    // The check-in's own day, not UTC's.
    assert_eq!(listed(d, &["--since", "2026-10-06"]), Vec::<String>::new());
    assert_eq!(
        listed(d, &["--until", "2026-10-05", "--last", "2"]),
        ["q3", "q4"]
    );
    assert_eq!(listed(d, &["--last", "1"]), ["q4"]);
    motive(d)
        .args(["list", "--since", "2027-01-01"])
        .assert()
        .success()
        .stdout("No check-ins since 2027-01-01 (4 in all; `motive list` shows their dates).\n");
}

#[test]
fn a_bad_range_is_refused_with_exit_2() {
    let dir = store();
    motive(dir.path())
        .args(["list", "--since", "2026-07-01", "--until", "2026-01-01"])
        .assert()
        .code(2)
        .stderr("motive: --since 2026-07-01 is after --until 2026-01-01: no check-in can be in between\n");
    motive(dir.path())
        .args(["chart", "--since", "July"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"July\" is not a date: write it as YYYY-MM-DD",
        ));
    motive(dir.path())
        .args(["search", "migration", "--last", "0"])
        .assert()
        .code(2);
}

#[test]
fn chart_export_and_search_take_the_same_range() {
    let dir = store();
    let d = dir.path();
    let csv = motive(d)
        .args(["export", "--format", "csv", "--last", "2"])
        .output()
        .expect("run");
    let csv = String::from_utf8_lossy(&csv.stdout).into_owned();
    assert_eq!(csv.lines().count(), 3, "a header and two rows: {csv}");
    assert!(csv.contains(",q3,") && csv.contains(",q4,"), "{csv}");
    let export = json(motive(d).args(["export", "--format", "json", "--since", "2026-07-01"]));
    assert_eq!(export["snapshots"].as_array().expect("array").len(), 2);
    let hits = json(motive(d).args(["search", "migration", "--json", "--until", "2026-04-30"]));
    let labels: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .map(|h| h["label"].as_str().expect("label"))
        .collect();
    assert_eq!(labels, ["q1", "q2"]);
    let all = motive(d).args(["chart"]).output().expect("run");
    let some = motive(d)
        .args(["chart", "--last", "2"])
        .output()
        .expect("run");
    assert!(all.status.success() && some.status.success());
    assert_ne!(all.stdout, some.stdout, "the chart draws fewer check-ins");
    motive(d)
        .args(["chart", "--until", "2025-12-31"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("No check-ins until 2025-12-31"));
}

#[test]
fn export_of_one_check_in_as_json_imports_back() {
    let dir = store();
    let one = motive(dir.path())
        .args(["export", "--format", "json", "q2"])
        .output()
        .expect("run");
    assert!(one.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&one.stdout).expect("JSON");
    let snapshots = doc["snapshots"].as_array().expect("array");
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0]["label"], "q2");
    let other = private_tempdir();
    let file = other.path().join("q2.json");
    std::fs::write(&file, &one.stdout).expect("write");
    motive(&other.path().join("data"))
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let list = json(motive(&other.path().join("data")).args(["list", "--json"]));
    assert_eq!(list[0]["label"], "q2");
}

#[test]
fn export_of_one_check_in_as_markdown_holds_its_scores_and_words() {
    let dir = store();
    let out = dir.path().join("q3.md");
    motive(dir.path())
        .args(["export", "--format", "md", "2026-07-06", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(format!(
            "wrote check-in 6 Jul 2026 · q3 to {}\n",
            out.display()
        ));
    let md = std::fs::read_to_string(&out).expect("written");
    assert!(md.starts_with("# Check-in of 6 Jul 2026 · q3\n"), "{md}");
    assert!(md.contains("| Autonomy | 50.0 | 6 of 6 |"), "{md}");
    assert!(md.contains("Before the next check-in I will: talk about the migration in q3"));
    assert!(!md.contains("q2"), "only that check-in: {md}");
    motive(dir.path())
        .args(["export", "--format", "md", "q9"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no check-in matches \"q9\""));
    motive(dir.path())
        .args(["export", "--format", "md", "q1", "--last", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn export_into_a_missing_folder_names_the_folder() {
    let dir = store();
    let missing = dir.path().join("no/such");
    let target = missing.join("x.json");
    motive(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(format!(
            "motive: cannot write {}: the folder {} does not exist\n",
            target.display(),
            missing.display()
        ));
}
