//! Clearer errors, with the real binary: every mistake in the settings file
//! at once, `config show` flagging a bank that does not exist, and `import`
//! of a file it does not read saying what it reads.

mod support;

use std::fs;

use predicates::prelude::*;
use support::{motive, private_tempdir};

#[test]
fn every_mistake_in_the_settings_file_is_reported_at_once() {
    let dir = private_tempdir();
    let config = dir.path().join("config");
    fs::create_dir(&config).expect("mkdir");
    let file = config.join("config.toml");
    fs::write(
        &file,
        "cadence_days = 0\nfoo = 1\nweek_start = \"someday\"\n",
    )
    .expect("write");
    let f = file.display();
    motive(dir.path())
        .arg("list")
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "motive: {f}:1:16: `cadence_days` must be a whole number of days from 1 to 36500 \
             (cadence_days = 90); found 0\n\
             motive: {f}:2:1: unknown key `foo`, expected one of bank, cadence_days, week_start, \
             brief_include, passphrase_command, colors\n\
             motive: {f}:3:14: `week_start` must be a day of the week, monday to sunday \
             (week_start = \"monday\"); found \"someday\"\n"
        ));
    // config show says the same, all at once.
    let shown = motive(dir.path())
        .args(["config", "show"])
        .output()
        .expect("run");
    assert_eq!(shown.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&shown.stderr).lines().count(), 3);
}

#[test]
fn config_show_flags_a_bank_that_does_not_exist() {
    let dir = private_tempdir();
    let config = dir.path().join("config");
    fs::create_dir(&config).expect("mkdir");
    fs::write(config.join("config.toml"), "bank = \"nope\"\n").expect("write");
    motive(dir.path())
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bank = \"nope\"\n"))
        .stderr(
            "warning: bank = \"nope\": no bank has this id; available: core, quick (or give the \
             path of a bank file). motive check would stop on it.\n",
        );
    fs::write(config.join("config.toml"), "bank = \"quick\"\n").expect("write");
    motive(dir.path())
        .args(["config", "show"])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn import_of_a_csv_export_says_what_import_reads() {
    let dir = private_tempdir();
    let csv = dir.path().join("exp.csv");
    fs::write(
        &csv,
        "id,taken_at,label\n20261130-090000,2026-11-30T09:00:00+00:00,Q4\n",
    )
    .expect("write");
    motive(&dir.path().join("data"))
        .arg("import")
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(format!(
            "motive: {}: a CSV export holds only part of each check-in, so it cannot be \
             imported; import reads a JSON export (`motive export --format json`, which begins \
             `{{\"format\": 1, \"snapshots\": [`) or one check-in's .toml file (as in the data \
             dir's snapshots/, which begins `format = 1`)\n",
            csv.display()
        ));
    assert!(!dir.path().join("data").join("snapshots").exists());
}
