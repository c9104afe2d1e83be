//! A data dir that is not there is said on stderr by every command that
//! reads check-ins: a mistyped `--data-dir` must not pass for "no check-ins".

mod support;

use support::{motive, private_tempdir};

#[test]
fn every_reading_command_says_the_data_dir_is_missing() {
    let dir = private_tempdir();
    let typo = dir.path().join("typo");
    let warning = format!(
        "warning: the data dir {} does not exist, so there are no check-ins to read; \
         check --data-dir and MOTIVE_DATA_DIR\n",
        typo.display()
    );
    let commands: [&[&str]; 6] = [
        &["list"],
        &["show"],
        &["compare"],
        &["export", "--format", "csv"],
        &["chart"],
        &["due"],
    ];
    for args in commands {
        let out = motive(&typo).args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.starts_with(&warning), "{args:?}: {stderr}");
    }
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
        .success()
        .stderr(predicates::str::starts_with(format!(
            "warning: the data dir {} is not a directory",
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
