//! A data dir named by `--data-dir` or `MOTIVE_DATA_DIR` that is not there
//! is refused (exit 2) by every command that reads check-ins: a mistyped
//! path must not pass for "no check-ins". `due` only warns.

mod support;

use support::{motive, private_tempdir};

#[test]
fn every_reading_command_refuses_a_named_data_dir_that_is_missing() {
    let dir = private_tempdir();
    let typo = dir.path().join("typo");
    let error = format!(
        "motive: the data dir {} does not exist, so there are no check-ins to read; \
         check --data-dir and MOTIVE_DATA_DIR\n",
        typo.display()
    );
    let commands: [&[&str]; 7] = [
        &["list"],
        &["show"],
        &["compare"],
        &["export", "--format", "csv"],
        &["chart"],
        &["search", "manager"],
        &["doctor"],
    ];
    for args in commands {
        motive(&typo)
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(error.clone());
    }
    // The flag as well as the variable.
    motive(dir.path())
        .env_remove("MOTIVE_DATA_DIR")
        .arg("--data-dir")
        .arg(&typo)
        .arg("list")
        .assert()
        .code(2)
        .stderr(error.clone());
    // `due` only warns: a shell prompt asks it before the first check-in.
    let due = motive(&typo).arg("due").output().expect("run");
    assert_eq!(due.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&due.stderr).starts_with(&format!(
            "warning: the data dir {} does not exist",
            typo.display()
        )),
        "{}",
        String::from_utf8_lossy(&due.stderr)
    );
    assert!(!typo.exists(), "reading never creates the data dir");
}

#[test]
fn a_data_dir_that_is_a_file_is_said_too() {
    let dir = private_tempdir();
    let file = dir.path().join("data");
    std::fs::write(&file, "").expect("write");
    motive(&file)
        .env("MOTIVE_CONFIG_DIR", dir.path().join("config"))
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicates::str::starts_with(format!(
            "motive: the data dir {} is not a directory",
            file.display()
        )));
}

#[test]
fn an_existing_data_dir_draws_no_warning() {
    let dir = private_tempdir();
    motive(dir.path()).arg("list").assert().success().stderr("");
    motive(dir.path())
        .args(["due", "-q"])
        .assert()
        .code(0)
        .stderr("");
}
