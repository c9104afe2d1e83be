//! Edges of the plain commands: a bank without norms, arguments in either
//! order, text that could break a table or a report, a clock that runs behind.

mod support;

use std::fs;

use assert_cmd::Command;
use motive::bank::{Dimension, Scale};
use motive::snapshot::{Answer, BankRef, SNAPSHOT_FORMAT, Snapshot};
use motive::store::Store;
use predicates::prelude::*;
use serde_json::{Value, json};
use support::{at, json, motive};
use unicode_width::UnicodeWidthStr;

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

/// A hand-made bank with no norms and no title: one dimension, "craft", on a
/// 1-5 scale, with a forward statement `c1` and a reverse-worded `c2`.
fn craft(finished: &str, c1: i64, c2: i64) -> Snapshot {
    let finished = at(finished);
    let answer = |question: &str, text: &str, reverse: bool, value: i64| Answer {
        question: question.into(),
        dimension: "craft".into(),
        text: text.into(),
        reverse,
        weight: 1.0,
        value: Some(value),
        note: None,
        fingerprint: None,
    };
    Snapshot {
        format: SNAPSHOT_FORMAT,
        id: motive::snapshot::id_for(finished),
        label: None,
        started_at: finished,
        finished_at: finished,
        commitments: Vec::new(),
        bank: BankRef {
            id: "team".into(),
            version: "2".into(),
            title: String::new(),
        },
        scale: Scale {
            min: 1,
            max: 5,
            labels: ["never", "rarely", "sometimes", "often", "always"]
                .map(String::from)
                .to_vec(),
        },
        dimensions: vec![Dimension {
            id: "craft".into(),
            name: "Craft".into(),
            description: String::new(),
            sd: None,
            reliability: None,
        }],
        answers: vec![
            answer("c1", "I finish work I am proud of", false, c1),
            answer("c2", "I rush things out half done", true, c2),
        ],
        reflections: vec![],
        follow_ups: Vec::new(),
    }
}

/// Two check-ins on the no-norms bank, and a third one later.
/// * first:  c1 = 2 -> 25 points, c2 = 4 reversed -> 25 points: score 25.
/// * second: c1 = 5 -> 100, c2 = 1 reversed -> 100: score 100.
/// * third:  c1 = 4 -> 75, c2 = 2 reversed -> 75: score 75.
fn three_crafts() -> (tempfile::TempDir, Vec<String>) {
    let dir = support::private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let ids = [
        craft("2026-02-01T08:00:00+00:00", 2, 4),
        craft("2026-05-01T08:00:00+00:00", 5, 1),
        craft("2026-08-01T08:00:00+00:00", 4, 2),
    ]
    .into_iter()
    .map(|s| store.save(s).expect("save").id)
    .collect();
    (dir, ids)
}

/// No norms declared: the default norms (sd 20, per-statement reliability
/// .40) judge, and say so. Two statements: r_2 = .8 / 1.4, SEM = 20 *
/// sqrt(1 - r_2) = 13.09, T = 1.96 * sqrt(2) * 13.09 = 36.3; 75 exceeds it.
#[test]
fn without_norms_the_default_norms_judge_and_say_so() {
    let (dir, ids) = three_crafts();
    let c = json(motive(dir.path()).args(["compare", &ids[0], &ids[1], "--json"]));
    assert_eq!(c["same_bank"], true);
    assert_eq!(
        c["dimensions"]["craft"],
        json!({
            "from": 25.0, "to": 100.0, "delta": 75.0, "reliable": true,
            "verdict": "reliable", "reason": null, "threshold": 36.3,
            "norms": "default", "statements": [2, 2],
        })
    );
    let movers: Vec<(&str, f64)> = c["movers"]
        .as_array()
        .expect("movers")
        .iter()
        .map(|m| {
            (
                m["question"].as_str().expect("id"),
                m["delta"].as_f64().expect("delta"),
            )
        })
        .collect();
    assert_eq!(movers.len(), 2);
    assert!(
        movers.iter().all(|(_, d)| (d - 75.0).abs() < 1e-9),
        "{movers:?}"
    );
    let text = stdout_of(motive(dir.path()).args(["compare", &ids[0], &ids[1]]));
    assert!(
        text.contains("needs ±36.3 to exceed measurement error; this is +75.0; default norms"),
        "{text}"
    );
    assert!(text.contains("2 rarely -> 5 always"), "{text}");
}

#[test]
fn compare_reads_from_the_earlier_and_defaults_b_to_latest() {
    let (dir, ids) = three_crafts();
    // B before A in time: compared from B to A all the same (issue 15.3).
    let back = json(motive(dir.path()).args(["compare", &ids[1], &ids[0], "--json"]));
    assert_eq!(back["from"], ids[0].as_str());
    assert_eq!(back["to"], ids[1].as_str());
    assert_eq!(back["dimensions"]["craft"]["delta"], 75.0);
    // Only A: compared with the latest (100 -> 75).
    let with_latest = json(motive(dir.path()).args(["compare", &ids[1], "--json"]));
    assert_eq!(with_latest["to"], ids[2].as_str());
    assert_eq!(with_latest["dimensions"]["craft"]["delta"], -25.0);
    // A prefix and latest~N name check-ins too.
    let by_name = json(motive(dir.path()).args(["compare", "20260201", "latest~1", "--json"]));
    assert_eq!(
        (by_name["from"].clone(), by_name["to"].clone()),
        (json!(ids[0]), json!(ids[1]))
    );
    motive(dir.path())
        .args(["compare", "latest~9"])
        .assert()
        .code(2)
        .stderr("motive: latest~9: there are only 3 check-ins\n");
}

#[test]
fn show_reads_well_without_a_title_and_with_a_multiline_label() {
    let dir = support::private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let mut first = craft("2026-02-01T08:00:00+00:00", 2, 4);
    first.label = Some("after the\nreorg".into());
    store.save(first).expect("save");
    store
        .save(craft("2026-05-01T08:00:00+00:00", 5, 1))
        .expect("save");
    let text = stdout_of(motive(dir.path()).args(["show", "latest~1"]));
    assert!(
        text.starts_with("Check-in 20260201-080000  (after the reorg)\n"),
        "{text}"
    );
    assert!(
        text.contains("with bank team 2\n"),
        "no empty title: {text}"
    );
    assert!(!text.contains("()"), "{text}");
    assert!(
        text.contains("[2 rarely] I finish work I am proud of\n"),
        "{text}"
    );
    assert!(
        text.contains("[4 often] I rush things out half done (reverse)\n"),
        "{text}"
    );
    let shown = json(motive(dir.path()).args(["show", "latest~1", "--json"]));
    assert_eq!(
        shown["label"], "after the\nreorg",
        "JSON keeps the text as typed"
    );
    assert_eq!(shown["scores"], json!({ "craft": 25.0 }));
}

#[test]
fn list_columns_line_up_with_wide_labels() {
    let dir = support::private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    for (finished, label) in [
        ("2026-02-01T08:00:00+00:00", "日本チーム"),
        ("2026-05-01T08:00:00+00:00", "q2"),
        ("2026-08-01T08:00:00+00:00", "two\nlines"),
    ] {
        let mut s = craft(finished, 3, 3);
        s.label = Some(label.into());
        store.save(s).expect("save");
    }
    let text = stdout_of(motive(dir.path()).arg("list"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "a header and one line per check-in: {text}");
    assert!(lines[3].contains("two lines"), "{text}");
    // Right-aligned scores: every line ends at the same terminal column.
    let widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}\n{text}");
    assert!(lines[1].ends_with("50.0"), "{text}");
}

#[test]
fn due_says_when_the_last_check_in_is_in_the_future() {
    let dir = support::private_tempdir();
    let ahead = chrono::Local::now().fixed_offset()
        + chrono::Duration::days(3)
        + chrono::Duration::hours(1);
    let mut s = craft("2026-01-01T00:00:00+00:00", 3, 3);
    s.started_at = ahead;
    s.finished_at = ahead;
    s.id = motive::snapshot::id_for(ahead);
    Store::open(dir.path())
        .expect("store")
        .save(s)
        .expect("save");
    motive(dir.path())
        .args(["due", "--every", "30"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "3 days from now; is this computer's clock right?",
        ));
}

#[test]
fn export_and_import_name_the_file_that_failed() {
    let (dir, _) = three_crafts();
    let missing = dir.path().join("no-such-dir").join("out.json");
    motive(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "motive: cannot write {}",
            missing.display()
        )));
    let absent = dir.path().join("absent.json");
    motive(dir.path())
        .arg("import")
        .arg(&absent)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "motive: {}: ",
            absent.display()
        )));
    // Not an export at all, though valid JSON.
    let other = dir.path().join("other.json");
    fs::write(&other, "[1, 2]").expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a motive export"));
    // Empty, or cut short: said plainly, positions count from 1.
    fs::write(&other, "").expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(format!(
            "motive: {}: the file is empty; expected a JSON export (`motive export --format json`) or a check-in .toml file\n",
            other.display()
        ));
    fs::write(&other, "{\n").expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(format!(
            "motive: {}:2:1: EOF while parsing an object\n",
            other.display()
        ));
    // Bad JSON: FILE:LINE:COL.
    fs::write(&other, "{\n  \"format\": 1,\n  \"snapshots\": [,]\n}").expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "motive: {}:3:17: ",
            other.display()
        )));
}

#[test]
fn a_markdown_report_keeps_free_text_inside_its_place() {
    let dir = support::private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let mut first = craft("2026-02-01T08:00:00+00:00", 2, 4);
    first.label = Some("a | b".into());
    first.commitments = vec!["Pair with Sam\n# not a heading\n- not an item".into()];
    store.save(first).expect("save");
    store
        .save(craft("2026-05-01T08:00:00+00:00", 5, 1))
        .expect("save");
    let md = stdout_of(motive(dir.path()).args(["export", "--format", "md"]));
    assert!(
        md.contains("| 2026-02-01 | a \\| b | team 2 | 25.0 |"),
        "{md}"
    );
    assert!(
        md.contains(
            "- Before the next check-in I will: Pair with Sam\n  # not a heading\n  - not an item\n"
        ),
        "{md}"
    );
    assert!(!md.lines().any(|l| l.starts_with("# not")), "{md}");
    assert!(
        md.contains(
            "| Craft | 25.0 | 100.0 | ↑ +75.0 | larger than measurement error \
             (needs ±36.3 to exceed measurement error; this is +75.0; default norms) |"
        ),
        "{md}"
    );
}

#[test]
fn a_malformed_entry_is_named_by_position_and_id_and_nothing_is_imported() {
    let (source, _) = three_crafts();
    let export = stdout_of(motive(source.path()).args(["export", "--format", "json"]));
    let mut doc: Value = serde_json::from_str(&export).expect("export is JSON");
    let second = &mut doc["snapshots"][1];
    let id = second["id"].as_str().expect("id").to_string();
    second.as_object_mut().expect("an object").remove("scale");
    let file = source.path().join("broken.json");
    fs::write(&file, serde_json::to_string_pretty(&doc).expect("encode")).expect("write");
    let target = support::private_tempdir();
    motive(target.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "nothing imported: entry 2 ({id}): missing field `scale`"
        )));
    let listed = json(motive(target.path()).args(["list", "--json"]));
    assert_eq!(listed, json!([]), "all or nothing");
}

#[test]
fn import_waits_for_no_one_while_a_check_in_holds_the_lock() {
    let (source, _) = three_crafts();
    let file = source.path().join("backup.json");
    motive(source.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&file)
        .assert()
        .success();
    let target = support::private_tempdir();
    let store = Store::open(target.path()).expect("store");
    let lock = store.lock("check-in").expect("lock");
    motive(target.path())
        .arg("import")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "motive: cannot import now: a check-in (started ",
        ));
    assert!(
        store.list().snapshots.is_empty(),
        "nothing written while locked"
    );
    drop(lock);
    // Another test thread may fork (to spawn its own motive) while this one
    // holds the lock; the forked child shares the locked file description
    // until it execs, a few milliseconds. So "released" may take a moment.
    let mut output = None;
    for _ in 0..100 {
        let out = motive(target.path())
            .arg("import")
            .arg(&file)
            .output()
            .expect("run");
        if out.status.success()
            || !String::from_utf8_lossy(&out.stderr).contains("cannot import now")
        {
            output = Some(out);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = output.expect("the lock was released");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "imported 3 check-ins; 0 already present\n"
    );
}

/// Exit 2 is the user's mistake, exit 3 the machine's: a script can retry
/// the one and must fix the other.
#[test]
fn a_failing_machine_exits_3_and_bad_input_exits_2() {
    let dir = support::private_tempdir();
    let export = dir.path().join("backup.json");
    fs::write(&export, "[]").expect("write an empty export");
    // A data dir that is a file: nothing can be created under it.
    let blocked = dir.path().join("not-a-dir");
    fs::write(&blocked, "").expect("write a file");
    motive(&blocked)
        .args(["import"])
        .arg(&export)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("not-a-dir"));
    // An export that is not there is the user's mistake.
    motive(dir.path())
        .args(["import"])
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));
}

#[test]
fn help_lists_the_exit_statuses() {
    let help = stdout_of(motive(std::path::Path::new("/nonexistent")).arg("--help"));
    for line in ["2 bad input or usage", "3 the system failed"] {
        assert!(help.contains(line), "{line:?} missing from --help:\n{help}");
    }
}
