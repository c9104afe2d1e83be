//! The plain commands, run as a user runs them: the real binary against a
//! temporary data dir filled through the library.

mod support;

use std::fs;

use motive::snapshot::{FollowUp, Outcome, Snapshot};
use motive::store::Store;
use predicates::prelude::*;
use serde_json::Value;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// Three core check-ins a quarter apart, every statement answered 3, 4, 5:
/// scores 50, 62.5, 75 on every dimension (three forward statements and one
/// reverse per dimension: (3 * 75 + 25) / 4 = 62.5, (3 * 100 + 0) / 4 = 75).
fn three_quarters() -> (tempfile::TempDir, Vec<Snapshot>) {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    let mut saved = Vec::new();
    for (date, value) in [("2026-01-05", 3), ("2026-04-06", 4), ("2026-07-06", 5)] {
        let mut s = snapshot(&core, at(&format!("{date}T09:30:00+00:00")), value);
        s.label = Some(format!("q{value}"));
        saved.push(store.save(s).expect("save"));
    }
    (dir, saved)
}

#[test]
fn list_prints_a_table_and_json_oldest_first() {
    let (dir, saved) = three_quarters();
    motive(dir.path())
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("ID  ").and(predicate::str::contains("AUTONOMY")))
        .stdout(predicate::str::contains(
            "20260105-093000  2026-01-05  q3     core 2      50.0     50.0     50.0",
        ));
    let list = json(motive(dir.path()).args(["list", "--json"]));
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, saved.iter().map(|s| s.id.as_str()).collect::<Vec<_>>());
    let first = &list[0];
    assert_eq!(first["taken_at"], "2026-01-05T09:30:00+00:00");
    assert_eq!(first["label"], "q3");
    assert_eq!(
        first["bank"],
        serde_json::json!({"id": "core", "version": "2"})
    );
    assert_eq!(
        first["scores"],
        serde_json::json!({"autonomy": 50.0, "mastery": 50.0, "purpose": 50.0})
    );
    assert_eq!(list[1]["scores"]["purpose"], 66.7);
}

#[test]
fn an_empty_store_is_friendly_and_untouched() {
    // The default data dir, before the first check-in (a data dir named
    // with --data-dir or MOTIVE_DATA_DIR must exist: see missing_data_dir).
    let dir = private_tempdir();
    let data = dir.path().join("xdg").join("motive");
    let first_run = |args: &[&str]| {
        let mut cmd = motive(&data);
        cmd.env_remove("MOTIVE_DATA_DIR")
            .env("XDG_DATA_HOME", dir.path().join("xdg"))
            .args(args);
        cmd
    };
    first_run(&["list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No check-ins yet"));
    first_run(&["list", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    first_run(&["show"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no check-ins yet"));
    assert!(
        !data.exists(),
        "reading commands must not create the data dir"
    );
}

#[test]
fn show_has_everything_and_the_documented_json_shape() {
    let (dir, saved) = three_quarters();
    let store = Store::open(dir.path()).expect("store");
    let mut s = snapshot(&bank("quick"), at("2026-10-05T09:30:00+00:00"), 4);
    s.answers[0].note = Some("the reorg took a lot".into());
    s.answers[1].value = None;
    s.follow_ups = vec![FollowUp {
        commitment: saved[2].commitments.join("\n"),
        outcome: Outcome::Partly,
        note: Some("halfway".into()),
    }];
    let s = store.save(s).expect("save");

    motive(dir.path())
        .arg("show")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Check-in {}", s.id)))
        .stdout(predicate::str::contains("note: the reorg took a lot"))
        .stdout(predicate::str::contains("[skipped]"))
        .stdout(predicate::str::contains("partly"))
        .stdout(predicate::str::contains("Ask for the gnarly migration"));
    let shown = json(motive(dir.path()).args(["show", "latest", "--json"]));
    assert_eq!(shown["id"], s.id.as_str());
    assert_eq!(shown["answers"][0]["note"], "the reorg took a lot");
    assert_eq!(shown["answers"][1]["value"], Value::Null);
    assert_eq!(shown["answers"][0]["value"], 4);
    for key in ["question", "dimension", "text", "value", "note"] {
        assert!(shown["answers"][0].get(key).is_some(), "answers[].{key}");
    }
    assert_eq!(shown["reflections"][0]["id"], s.reflections[0].id.as_str());
    assert_eq!(shown["commitments"][0], "Ask for the gnarly migration");
    assert_eq!(shown["follow_ups"][0]["outcome"], "partly");
    assert_eq!(shown["follow_ups"][0]["note"], "halfway");

    let older = json(motive(dir.path()).args(["show", "latest~3", "--json"]));
    assert_eq!(older["id"], saved[0].id.as_str());
    assert_eq!(older["follow_ups"], Value::Array(Vec::new()));
    let by_prefix = json(motive(dir.path()).args(["show", "202604", "--json"]));
    assert_eq!(by_prefix["id"], saved[1].id.as_str());
}

#[test]
fn unknown_and_ambiguous_ids_are_one_line_errors() {
    let (dir, _) = three_quarters();
    for (spec, message) in [
        ("1999", "no check-in matches \"1999\""),
        ("2026", "\"2026\" matches 3 check-ins"),
        ("latest~7", "latest~7: there are only 3 check-ins"),
    ] {
        let out = motive(dir.path())
            .args(["show", spec])
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).expect("utf8");
        assert!(err.contains(message), "{spec}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("Backtrace"),
            "{err}"
        );
    }
}

/// Core 2 declares sd 20 and reliability .80 for six statements (per
/// statement .40): with all six answered on both sides,
/// T = 1.96 * sqrt(2) * 20 * sqrt(1 - .8) = 24.8 points; half an sd is 10.
#[test]
fn compare_gives_verdicts_with_their_thresholds() {
    let (dir, saved) = three_quarters();
    // 50 -> 83.3: +33.3 exceeds 24.8.
    let reliable = json(motive(dir.path()).args(["compare", &saved[0].id, &saved[2].id, "--json"]));
    assert_eq!(reliable["from"], saved[0].id.as_str());
    assert_eq!(reliable["to"], saved[2].id.as_str());
    for d in ["autonomy", "mastery", "purpose"] {
        assert_eq!(
            reliable["dimensions"][d],
            serde_json::json!({
                "from": 50.0, "to": 83.3, "delta": 33.3, "reliable": true,
                "verdict": "reliable", "reason": null, "threshold": 24.8,
                "norms": "bank", "statements": [6, 6],
            })
        );
    }
    // default: the two latest, 66.7 -> 83.3: +16.6 is at least 10 and within
    // 24.8: a possible change.
    let possible = json(motive(dir.path()).args(["compare", "--json"]));
    assert_eq!(possible["from"], saved[1].id.as_str());
    assert_eq!(possible["dimensions"]["mastery"]["delta"], 16.6);
    assert_eq!(possible["dimensions"]["mastery"]["reliable"], false);
    assert_eq!(possible["dimensions"]["mastery"]["verdict"], "possible");
    motive(dir.path())
        .arg("compare")
        .assert()
        .success()
        .stdout(predicate::str::contains("Both used bank core 2."))
        .stdout(predicate::str::contains(
            "66.7  83.3  ↑ +16.6  possible change: look at your statements and notes\n  \
             needs ±24.8 to exceed measurement error; this is +16.6\n",
        ))
        .stdout(predicate::str::contains(
            "50 is the middle of the answer scale",
        ))
        .stdout(predicate::str::contains("Statements that moved most"));

    // A quick check-in: compared with core on the two statements per
    // dimension both share. Answering 5 everywhere, both score
    // (100 + 0) / 2 = 50 on them.
    let store = Store::open(dir.path()).expect("store");
    store
        .save(snapshot(&bank("quick"), at("2026-10-05T09:30:00+00:00"), 5))
        .expect("save");
    let across = json(motive(dir.path()).args(["compare", "--json"]));
    assert_eq!(across["same_bank"], false);
    assert_eq!(
        across["dimensions"]["purpose"],
        serde_json::json!({
            "from": 50.0, "to": 50.0, "delta": 0.0, "reliable": false,
            "verdict": "little", "reason": null,
            "threshold": across["dimensions"]["purpose"]["threshold"].clone(),
            "norms": "bank", "statements": [2, 2],
        })
    );
    motive(dir.path())
        .arg("compare")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Different banks (core 2, quick 2)",
        ))
        .stdout(predicate::str::contains(
            "compared on the 2 statements both check-ins share",
        ));
}

#[test]
fn compare_needs_two_check_ins() {
    let dir = private_tempdir();
    Store::open(dir.path())
        .expect("store")
        .save(snapshot(&bank("quick"), at("2026-10-05T09:30:00+00:00"), 5))
        .expect("save");
    motive(dir.path())
        .arg("compare")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is only one"));
    motive(dir.path())
        .args(["compare", "latest", "latest"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name two different ones"));
}

#[test]
fn export_import_round_trip_is_exact() {
    let (dir, _) = three_quarters();
    let export = dir.path().join("export.json");
    motive(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .assert()
        .success();
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &fs::metadata(&export).expect("meta").permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    let doc: Value = serde_json::from_slice(&fs::read(&export).expect("read")).expect("json");
    assert_eq!(doc["snapshots"][2]["scores"]["autonomy"], 83.3);

    let other = private_tempdir();
    motive(other.path())
        .arg("import")
        .arg(&export)
        .assert()
        .success()
        .stdout("imported 3 check-ins; 0 already present\n");
    motive(other.path())
        .arg("import")
        .arg(&export)
        .assert()
        .success()
        .stdout("imported 0 check-ins; 3 already present\n");
    let again = motive(other.path())
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(again).expect("utf8"),
        fs::read_to_string(&export).expect("read")
    );
}

#[test]
fn import_refuses_conflicts_bad_json_and_bad_entries_all_or_nothing() {
    let (dir, _) = three_quarters();
    let export = motive(dir.path())
        .args(["export", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(export).expect("utf8");
    let work = private_tempdir();

    let conflict = work.path().join("conflict.json");
    fs::write(
        &conflict,
        text.replacen("Ask for the gnarly migration", "Something else", 1),
    )
    .expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&conflict)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "20260105-093000 already exists with different content",
        ));

    let broken = work.path().join("broken.json");
    fs::write(&broken, "{\n  \"format\": 1,\n  \"snapshots\": [\n    {,\n").expect("write");
    motive(dir.path())
        .arg("import")
        .arg(&broken)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "motive: {}:4:6: ",
            broken.display()
        )));

    let target = private_tempdir();
    for (name, evil) in [
        (
            "escape.json",
            text.replacen("\"id\": \"20260706-093000\"", "\"id\": \"../../etc/x\"", 1),
        ),
        (
            "date.json",
            text.replacen("2026-07-06T09:30:00Z", "the seventh of July", 1),
        ),
        (
            "huge.json",
            text.replacen("Ask for the gnarly migration", &"x".repeat(50_000), 1),
        ),
    ] {
        let path = work.path().join(name);
        fs::write(&path, evil).expect("write");
        motive(target.path())
            .arg("import")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("nothing imported"));
        motive(target.path())
            .args(["list", "--json"])
            .assert()
            .success()
            .stdout("[]\n");
    }
}

#[test]
fn csv_and_markdown_exports() {
    let (dir, _) = three_quarters();
    motive(dir.path())
        .args(["export", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,taken_at,label,bank,bank_version,autonomy,mastery,purpose\n20260105-093000,2026-01-05T09:30:00+00:00,q3,core,2,50.0,50.0,50.0\n"));
    motive(dir.path())
        .args(["export", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Scores over time"))
        .stdout(predicate::str::contains(
            "| 2026-07-06 | q5 | core 2 | 83.3 | 83.3 | 83.3 |",
        ))
        .stdout(predicate::str::contains("## Latest against previous"))
        .stdout(predicate::str::contains(
            "| Purpose | 66.7 | 83.3 | ↑ +16.6 | possible change: look at your statements and notes \
             (needs ±24.8 to exceed measurement error; this is +16.6) |",
        ))
        .stdout(predicate::str::contains("```text\n• Autonomy"))
        .stdout(predicate::str::contains(
            "Before the next check-in I will: Ask for the gnarly migration",
        ));
}

#[test]
fn due_follows_the_cadence_with_exit_codes() {
    let dir = private_tempdir();
    motive(dir.path())
        .arg("due")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("first one is due now"));
    let store = Store::open(dir.path()).expect("store");
    let ten_days_ago = chrono::Local::now().fixed_offset() - chrono::Duration::days(10);
    store
        .save(snapshot(&bank("quick"), ten_days_ago, 3))
        .expect("save");
    motive(dir.path()).arg("due").assert().code(1).stdout(
        predicate::str::contains("10 days ago").and(predicate::str::contains("in 80 days")),
    );
    motive(dir.path())
        .args(["due", "-q"])
        .assert()
        .code(1)
        .stdout("");
    motive(dir.path())
        .args(["due", "--every", "7"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("A check-in is due"));
    motive(dir.path())
        .args(["due", "--every", "0"])
        .assert()
        .code(2);
}

#[test]
fn a_corrupt_snapshot_is_skipped_with_a_warning_and_left_untouched() {
    let (dir, _) = three_quarters();
    let bad = dir.path().join("snapshots/20260301-000000.toml");
    fs::write(&bad, "format = 1\nid = \"20260301-000000\"\n[bank\n").expect("write");
    let out = motive(dir.path())
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let list: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list.as_array().expect("array").len(), 3);
    let err = String::from_utf8(out.stderr).expect("utf8");
    assert!(
        err.starts_with(&format!("warning: skipped {}: line 3", bad.display())),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&bad).expect("read"),
        "format = 1\nid = \"20260301-000000\"\n[bank\n"
    );
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    let dir = private_tempdir();
    motive(dir.path()).arg("frobnicate").assert().code(2);
    motive(dir.path())
        .args(["export", "--format", "xml"])
        .assert()
        .code(2);
    for cmd in [
        "list", "show", "compare", "export", "import", "due", "check", "chart",
    ] {
        motive(dir.path())
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}

#[test]
fn a_statement_whose_wording_changed_is_listed_not_compared() {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    let before = snapshot(&core, at("2026-01-05T09:30:00+00:00"), 2);
    let mut after = snapshot(&core, at("2026-04-06T09:30:00+00:00"), 4);
    after.bank.version = "3".into();
    let reworded = &mut after.answers[0];
    reworded.text = "I decide how I do my work, most days.".into();
    reworded.fingerprint = Some(motive::snapshot::fingerprint(
        &reworded.text,
        reworded.reverse,
        &after.scale,
    ));
    let question = reworded.question.clone();
    store.save(before).expect("save");
    store.save(after).expect("save");

    let compared = json(motive(dir.path()).args(["compare", "--json"]));
    let changed = compared["changed_wording"].as_array().expect("array");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["question"], question.as_str());
    assert_eq!(
        changed[0]["to_text"],
        "I decide how I do my work, most days."
    );
    let movers = compared["movers"].as_array().expect("movers");
    assert_eq!(
        movers.len(),
        core.questions.len() - 1,
        "every other statement moved"
    );
    assert!(movers.iter().all(|m| m["question"] != question.as_str()));
    // Across versions, autonomy is compared on the five statements left.
    assert_eq!(
        compared["dimensions"]["autonomy"]["statements"],
        serde_json::json!([5, 5])
    );
    assert_eq!(
        compared["dimensions"]["mastery"]["statements"],
        serde_json::json!([6, 6])
    );
    motive(dir.path())
        .arg("compare")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Same bank core, different versions (2 and 3)",
        ))
        .stdout(predicate::str::contains("Changed wording, not compared"))
        .stdout(predicate::str::contains(
            "now:  I decide how I do my work, most days.",
        ));
}

#[test]
fn the_screens_without_a_terminal_are_a_clear_error_not_a_crash() {
    let dir = private_tempdir();
    for args in [&[][..], &["check"][..]] {
        motive(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("need a terminal")
                    .and(predicate::str::contains("panicked").not()),
            )
            .stdout("");
    }
}

#[test]
fn a_data_dir_open_to_others_draws_a_warning_on_stderr_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _) = three_quarters();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let out = motive(dir.path())
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).expect("utf8");
    assert!(
        err.contains("readable by others") && err.contains("chmod 700"),
        "{err}"
    );
    let list: Value = serde_json::from_slice(&out.stdout).expect("stdout is still clean JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    motive(dir.path()).args(["due", "-q"]).assert().stderr("");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    // Enough check-ins that the export is far bigger than a pipe's buffer.
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    let start = at("2010-01-04T09:00:00+00:00");
    for i in 0..60 {
        store
            .save(snapshot(
                &core,
                start + chrono::Duration::days(91 * i),
                1 + i % 5,
            ))
            .expect("save");
    }
    // `motive export --format json | head -c 10`: the pipe closes early.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_motive"))
        .args(["export", "--format", "json"])
        .env("MOTIVE_DATA_DIR", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 10];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("read");
    // stdout is dropped here: the pipe is closed with most of the export unread
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
