//! `motive chart` as people run it: the real binary against a temp data dir.

use std::path::Path;

mod support;

use assert_cmd::Command;
use motive::snapshot::{Answer, BankRef, SNAPSHOT_FORMAT, Snapshot};
use predicates::prelude::*;
use tempfile::TempDir;

/// A check-in finished at `at` (RFC 3339) with one answer on a 1-5 scale per
/// dimension.
fn snapshot(at: &str, values: [i64; 3]) -> Snapshot {
    support::scored(at, values.map(Some))
}

/// Write `snapshot` where the store keeps it, as the store writes it.
fn write(data: &Path, snapshot: &Snapshot) {
    support::write_snapshot(data, snapshot);
}

/// A data dir with three check-ins over a quarter.
fn quarter() -> TempDir {
    let dir = support::private_tempdir();
    for (at, values) in [
        ("2026-01-12T09:00:00+01:00", [2, 4, 3]),
        ("2026-02-20T17:45:00+01:00", [3, 4, 4]),
        ("2026-04-06T08:30:00+02:00", [5, 3, 4]),
    ] {
        write(dir.path(), &snapshot(at, values));
    }
    dir
}

fn motive(data: &Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("motive");
    cmd.env("MOTIVE_DATA_DIR", data)
        .env("MOTIVE_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .env_remove("CI");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().expect("run motive");
    assert!(
        output.status.success(),
        "status {:?}, stderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "unexpected stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !output.stdout.contains(&0x1b),
        "escape bytes in plain output"
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn draws_every_dimension_with_dates_at_the_default_size() {
    let data = quarter();
    let text = stdout_of(motive(data.path()).arg("chart"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20, "{text}");
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{text}");
    for (_, name) in support::DIMENSIONS {
        assert!(
            lines[0].contains(name),
            "{name} missing from legend: {}",
            lines[0]
        );
    }
    let dates = lines[19];
    assert!(dates.contains("2026-01-12"), "first date: {dates}");
    assert!(dates.contains("2026-04-06"), "last date: {dates}");
    assert!(text.contains("100") && text.contains(" 50") && text.contains("  0"));
    insta::assert_snapshot!("quarter_80x20", text);
}

#[test]
fn size_follows_width_and_height() {
    let data = quarter();
    let text = stdout_of(motive(data.path()).args(["chart", "--width", "100", "--height", "25"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 25);
    assert!(lines.iter().all(|l| l.chars().count() <= 100));
    // the last date label ends at the right edge
    assert_eq!(lines[24].chars().count(), 100, "{}", lines[24]);

    let small = stdout_of(motive(data.path()).args(["chart", "--width", "20", "--height", "8"]));
    assert_eq!(small.lines().count(), 8, "{small}");
    assert!(small.lines().all(|l| l.chars().count() <= 20), "{small}");
}

#[test]
fn dimension_limits_the_lines_shown() {
    let data = quarter();
    let text = stdout_of(motive(data.path()).args(["chart", "--dimension", "purpose"]));
    let legend = text.lines().next().expect("legend");
    assert!(legend.contains("Purpose"), "{legend}");
    assert!(
        !legend.contains("Autonomy") && !legend.contains("Mastery"),
        "{legend}"
    );

    let two = stdout_of(motive(data.path()).args([
        "chart",
        "--dimension",
        "mastery",
        "--dimension",
        "autonomy",
    ]));
    let legend = two.lines().next().expect("legend");
    let (mastery, autonomy) = (legend.find("Mastery"), legend.find("Autonomy"));
    assert!(
        mastery.is_some() && autonomy.is_some() && mastery < autonomy,
        "{legend}"
    );
    assert!(!legend.contains("Purpose"), "{legend}");
}

#[test]
fn an_unknown_dimension_lists_the_known_ones() {
    let data = quarter();
    motive(data.path())
        .args(["chart", "--dimension", "joy"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicates::str::contains("`joy`").and(predicates::str::contains(
                "known dimensions: autonomy, mastery, purpose",
            )),
        );
}

#[test]
fn out_of_range_sizes_are_usage_errors() {
    let data = quarter();
    for args in [
        ["--width", "19"],
        ["--width", "401"],
        ["--height", "7"],
        ["--height", "201"],
        ["--width", "wide"],
    ] {
        motive(data.path())
            .arg("chart")
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains(args[0]));
    }
    motive(data.path())
        .args(["chart", "--colour"])
        .assert()
        .code(2);
}

#[test]
fn no_check_ins_is_a_friendly_line_and_creates_nothing() {
    let parent = support::private_tempdir();
    let data = parent.path().join("never-used");
    std::fs::create_dir(&data).expect("mkdir");
    let output = motive(&data).arg("chart").output().expect("run");
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("No check-ins yet"), "{text}");
    assert_eq!(
        std::fs::read_dir(&data).expect("read").count(),
        0,
        "nothing created"
    );
    // A data dir that is not there is said, in case its path is mistyped.
    let typo = parent.path().join("typo");
    let output = motive(&typo).arg("chart").output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!typo.exists(), "{} was created", typo.display());
}

#[test]
fn one_check_in_still_draws_a_point_and_its_date() {
    let data = support::private_tempdir();
    write(
        data.path(),
        &snapshot("2026-07-01T12:00:00+00:00", [5, 1, 3]),
    );
    let text = stdout_of(motive(data.path()).args(["chart", "--height", "12"]));
    assert_eq!(text.lines().count(), 12);
    assert!(text.contains("2026-07-01"), "{text}");
    // one point per dimension, plus its marker in the legend
    for marker in ['•', '+', 'x'] {
        assert_eq!(text.matches(marker).count(), 2, "{marker}:\n{text}");
    }
}

#[test]
fn unreadable_files_are_skipped_with_a_warning() {
    let data = quarter();
    let broken = data.path().join("snapshots/20260301-120000.toml");
    std::fs::write(&broken, "format = 1\nid = [unclosed\n").expect("write");
    let output = motive(data.path())
        .arg("chart")
        .output()
        .expect("run motive");
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    let warning = stderr.lines().next().unwrap_or_default();
    assert!(
        warning.starts_with("warning: skipped ") && warning.contains("20260301-120000.toml: "),
        "{stderr}"
    );
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(stdout.lines().count(), 20);
    assert!(stdout.contains("2026-01-12") && stdout.contains("2026-04-06"));
    assert_eq!(
        std::fs::read_to_string(&broken).expect("still there"),
        "format = 1\nid = [unclosed\n",
        "a file motive cannot read is left as it was"
    );
}

/// A check-in on the built-in `core` bank where every statement of a
/// dimension got that dimension's value from `values` (autonomy, mastery,
/// purpose), except that the last statement of each dimension is skipped.
fn core_check_in(at: &str, values: [i64; 3]) -> Snapshot {
    let bank = motive::bank::builtin::get("core").expect("built-in core bank");
    let at = chrono::DateTime::parse_from_rfc3339(at).expect("fixture date");
    let value_of = |dimension: &str| {
        let index = support::DIMENSIONS
            .iter()
            .position(|(id, _)| *id == dimension);
        values[index.expect("a core dimension")]
    };
    let answers = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let last_of_dimension = bank
                .questions
                .get(i + 1)
                .is_none_or(|next| next.dimension != q.dimension);
            Answer {
                question: q.id.clone(),
                dimension: q.dimension.clone(),
                text: q.text.clone(),
                reverse: q.reverse,
                weight: q.weight,
                value: (!last_of_dimension).then_some(value_of(&q.dimension)),
                note: None,
                fingerprint: None,
            }
        })
        .collect();
    Snapshot {
        format: SNAPSHOT_FORMAT,
        id: motive::snapshot::id_for(at),
        label: None,
        started_at: at,
        finished_at: at,
        commitments: Vec::new(),
        bank: BankRef {
            id: bank.id.clone(),
            version: bank.version.clone(),
            title: bank.title.clone(),
        },
        scale: bank.scale.clone(),
        dimensions: bank.dimensions.clone(),
        answers,
        reflections: vec![],
        follow_ups: Vec::new(),
    }
}

#[test]
fn charts_check_ins_saved_by_the_store() {
    let data = support::private_tempdir();
    let store = motive::store::Store::open(data.path()).expect("open store");
    for (at, values) in [
        ("2025-11-03T10:00:00+01:00", [1, 3, 5]),
        ("2026-02-02T10:00:00+01:00", [2, 4, 1]),
        ("2026-05-04T10:00:00+02:00", [5, 2, 3]),
    ] {
        store.save(core_check_in(at, values)).expect("save");
    }
    let text = stdout_of(motive(data.path()).args(["chart", "--width", "90"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 20);
    let bank = motive::bank::builtin::get("core").expect("core");
    for dimension in &bank.dimensions {
        assert!(lines[0].contains(&dimension.name), "{}", lines[0]);
    }
    assert!(lines[19].contains("2025-11-03") && lines[19].contains("2026-05-04"));
    // every dimension has a line: its marker appears beyond the legend
    for marker in ['•', '+', 'x'] {
        assert!(
            lines[1..18].iter().any(|l| l.contains(marker)),
            "{marker}:\n{text}"
        );
    }
}
