//! Import takes what motive writes and writes only what motive reads back;
//! export never leaves a check-in out silently; every count, size and number
//! has a bound, and a bad file costs a short message, not memory.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use motive::snapshot::Snapshot;
use motive::store::Store;
use serde_json::{Value, json};
use support::{at, bank, motive, private_tempdir, snapshot};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn import(data: &Path, file: &Path) -> Output {
    motive(data)
        .arg("import")
        .arg(file)
        .output()
        .expect("run motive")
}

fn export_of(snapshots: &[Snapshot]) -> String {
    let entries: Vec<Value> = snapshots
        .iter()
        .map(|s| serde_json::to_value(s).expect("encode"))
        .collect();
    json!({ "format": 1, "snapshots": entries }).to_string()
}

fn quick(finished: &str) -> Snapshot {
    snapshot(&bank("quick"), at(finished), 3)
}

#[test]
fn a_single_check_in_file_imports_like_an_export() {
    let from = private_tempdir();
    let saved = Store::open(from.path())
        .expect("store")
        .save(quick("2026-02-01T09:00:00+00:00"))
        .expect("save");
    // As written when the data dir could not take it, and as in snapshots/.
    let written = from.path().join("motive-check-in.toml");
    Store::save_to_path(&saved, &written).expect("write elsewhere");
    let in_store = from.path().join(format!("snapshots/{}.toml", saved.id));
    let no_extension = from.path().join("check-in");
    fs::copy(&in_store, &no_extension).expect("copy");

    let to = private_tempdir();
    let out = import(to.path(), &written);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "imported 1 check-in; 0 already present\n");
    for again in [&in_store, &no_extension] {
        let out = import(to.path(), again);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out), "imported 0 check-ins; 1 already present\n");
    }
    assert_eq!(Store::read_only(to.path()).list().snapshots, vec![saved]);

    // Anything else is said plainly, naming the file.
    let notes = from.path().join("notes.txt");
    fs::write(&notes, "remember the milk").expect("write");
    let out = import(to.path(), &notes);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!(
            "motive: {}: not a file import reads (import reads a JSON export (`motive export --format json`, \
             which begins `{{\"format\": 1, \"snapshots\": [`) or one check-in's .toml file (as in the data \
             dir's snapshots/, which begins `format = 1`)); read as TOML: line 1, column ",
            notes.display()
        )),
        "{}",
        stderr(&out)
    );
    let bank_file = from.path().join("team.toml");
    fs::write(&bank_file, motive::commands::bank::TEMPLATE).expect("write");
    let out = import(to.path(), &bank_file);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("team.toml: "), "{}", stderr(&out));
}

#[test]
fn import_never_writes_what_a_listing_would_skip() {
    let dir = private_tempdir();
    // Every text within its limit, the whole beyond what a check-in file
    // may take: 500 statements with a 19,000-character note each.
    let mut big = quick("2026-02-01T09:00:00+00:00");
    let answer = big.answers[0].clone();
    big.answers = (0..500)
        .map(|i| {
            let mut a = answer.clone();
            a.question = format!("q{i}");
            a.note = Some("n".repeat(19_000));
            a
        })
        .collect();
    let mut wide = quick("2026-03-01T09:00:00+00:00");
    let dimension = wide.dimensions[0].clone();
    wide.dimensions = (0..90_000)
        .map(|i| {
            let mut d = dimension.clone();
            d.id = format!("d{i}");
            d
        })
        .collect();
    for (what, s, reason) in [
        (
            "6 MB of notes",
            big,
            "bytes on disk; a check-in may take at most 4194304",
        ),
        ("90,000 dimensions", wide, "more than 100 dimensions"),
    ] {
        let file = dir.path().join("export.json");
        fs::write(&file, export_of(&[quick("2026-01-01T09:00:00+00:00"), s])).expect("write");
        let out = import(dir.path(), &file);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(reason), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains("nothing imported"), "{what}");
        let listing = Store::read_only(dir.path()).list();
        assert!(
            listing.snapshots.is_empty() && listing.problems.is_empty(),
            "{what}"
        );
    }
}

#[test]
fn export_fails_naming_what_it_cannot_read_unless_told_to_skip_it() {
    let dir = private_tempdir();
    Store::open(dir.path())
        .expect("store")
        .save(quick("2026-02-01T09:00:00+00:00"))
        .expect("save");
    let broken = dir.path().join("snapshots/20260301-090000.toml");
    fs::write(&broken, "format = [").expect("write");
    let backup = dir.path().join("backup.json");
    fs::write(&backup, "the good old backup").expect("write");
    let out = motive(dir.path())
        .args(["export", "--format", "json", "-o"])
        .arg(&backup)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "warning: skipped {}: line 1, column 11: unclosed array, expected `]`\n\
             motive: nothing exported: 1 check-in file cannot be read (it is listed above); \
             fix or move it, or pass --skip-unreadable to export the others\n",
            broken.display()
        )
    );
    assert_eq!(
        fs::read_to_string(&backup).expect("read"),
        "the good old backup",
        "a failed export replaces nothing"
    );
    let out = motive(dir.path())
        .args(["export", "--format", "json", "--skip-unreadable"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("warning: skipped "),
        "{}",
        stderr(&out)
    );
    let export: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(export["snapshots"].as_array().map(Vec::len), Some(1));
}

#[test]
fn two_million_empty_entries_cost_one_short_line() {
    let dir = private_tempdir();
    let file = dir.path().join("export.json");
    let text = format!(
        "{{\"format\": 1, \"snapshots\": [{}{{}}]}}",
        "{},".repeat(2_000_000)
    );
    fs::write(&file, text).expect("write");
    let started = Instant::now();
    // Under a 512 MiB address-space limit: reading them all at once took
    // 442 MB of memory, and 20 million entries aborted the process.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 524288 && exec \"$0\" import \"$1\"")
        .arg(assert_cmd::cargo::cargo_bin!("motive"))
        .arg(&file)
        .env("MOTIVE_DATA_DIR", dir.path())
        .env("MOTIVE_CONFIG_DIR", dir.path().join("config"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "motive: {}: nothing imported: more than 100000 check-ins, more than one import may hold\n",
            file.display()
        )
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn bad_entries_are_counted_and_the_first_twenty_named() {
    let dir = private_tempdir();
    let file = dir.path().join("export.json");
    let entries: Vec<Value> = (0..500).map(|_| json!({ "format": 1 })).collect();
    fs::write(
        &file,
        json!({ "format": 1, "snapshots": entries }).to_string(),
    )
    .expect("write");
    let out = import(dir.path(), &file);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1);
    assert_eq!(
        message.matches("missing field `id`").count(),
        20,
        "{message}"
    );
    assert!(message.ends_with("; and 480 more\n"), "{message}");
}

#[test]
fn a_check_in_of_a_hundred_thousand_dimensions_is_refused_quickly() {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let saved = store
        .save(quick("2026-02-01T09:00:00+00:00"))
        .expect("save");
    let path = dir.path().join(format!("snapshots/{}.toml", saved.id));
    let mut text = fs::read_to_string(&path).expect("read");
    for i in 0..100_000 {
        text.push_str(&format!("\n[[dimensions]]\nid = \"d{i}\"\nname = \"n\"\n"));
    }
    let wide = dir.path().join("snapshots/20260301-090000.toml");
    fs::write(&wide, text.replacen(&saved.id, "20260301-090000", 1)).expect("write");
    assert!(fs::metadata(&wide).expect("stat").len() < 4 * 1024 * 1024);
    let started = Instant::now();
    let out = motive(dir.path()).arg("list").output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("more than 100 dimensions"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 2, "the good one is listed");
    // It took 36 s in a release build; now parsing (slow unoptimised) is
    // most of it.
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn numbers_and_ids_are_real() {
    let dir = private_tempdir();
    let mut huge = quick("2026-02-01T09:00:00+00:00");
    huge.answers[0].weight = 1.7e308;
    huge.answers[1].weight = 1.7e308;
    let mut impossible = quick("2026-03-01T09:00:00+00:00");
    impossible.id = "20271399-256199".into();
    let file = dir.path().join("export.json");
    fs::write(&file, export_of(&[huge.clone(), impossible])).expect("write");
    let out = import(dir.path(), &file);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("`weight` must be from 0.01 to 100, not 1.7e308"),
        "{message}"
    );
    assert!(
        message.contains(
            "id \"20271399-256199\" is not a check-in id (YYYYMMDD-HHMMSS of a real date and time"
        ),
        "{message}"
    );
    // Such a check-in put in the data dir by hand is skipped, and nothing
    // shows NaN.
    let store = Store::open(dir.path()).expect("store");
    store
        .save(quick("2026-01-01T09:00:00+00:00"))
        .expect("save");
    let path = dir.path().join(format!("snapshots/{}.toml", huge.id));
    fs::write(&path, toml::to_string(&huge).expect("encode")).expect("write");
    for args in [
        &["list"][..],
        &["export", "--format", "csv", "--skip-unreadable"],
        &["export", "--format", "md", "--skip-unreadable"],
        &["export", "--format", "json", "--skip-unreadable"],
    ] {
        let out = motive(dir.path()).args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("`weight` must be from 0.01 to 100"),
            "{args:?}"
        );
        assert!(!stdout(&out).contains("NaN"), "{args:?}: {}", stdout(&out));
    }
}
