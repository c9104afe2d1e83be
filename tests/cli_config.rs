//! `config.toml` and `motive config`, run as a user runs them: the real
//! binary with MOTIVE_CONFIG_DIR and MOTIVE_DATA_DIR in temporary dirs.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, Local};
use motive::store::Store;
use predicates::prelude::*;
use support::{bank, motive, private_tempdir, snapshot};

/// The settings file `motive` reads when run by `support::motive(data)`.
fn config_file(data: &Path) -> PathBuf {
    data.join("config").join("config.toml")
}

fn write_config(data: &Path, text: &str) -> PathBuf {
    let path = config_file(data);
    fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    fs::write(&path, text).expect("write config");
    path
}

/// A data dir holding one core check-in finished `days_ago` days ago.
fn one_check_in(days_ago: i64) -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let finished = Local::now().fixed_offset() - Duration::days(days_ago);
    store
        .save(snapshot(&bank("core"), finished, 3))
        .expect("save");
    dir
}

#[test]
fn config_path_names_the_file_whether_or_not_it_exists() {
    let dir = private_tempdir();
    let expected = format!("{}\n", config_file(dir.path()).display());
    motive(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(expected.clone());
    assert!(!config_file(dir.path()).exists(), "path creates nothing");
    write_config(dir.path(), "cadence_days = 30\n");
    motive(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn config_init_writes_a_private_file_once_and_never_clobbers() {
    let dir = private_tempdir();
    let path = config_file(dir.path());
    motive(dir.path())
        .args(["config", "init"])
        .assert()
        .success()
        .stdout(predicate::str::contains(path.display().to_string()));
    let mode = fs::metadata(&path).expect("written").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let written = fs::read_to_string(&path).expect("read");
    for key in [
        "# bank = ",
        "# cadence_days = ",
        "# week_start = ",
        "# [colors]",
    ] {
        assert!(written.contains(key), "{key} in\n{written}");
    }
    // What it wrote is valid: every command reads it without complaint.
    motive(dir.path())
        .args(["config", "show"])
        .assert()
        .success()
        .stdout(predicate::str::contains("cadence_days = 90  # default"));
    motive(dir.path()).arg("list").assert().success().stderr("");

    // Someone edits it; a second init refuses and leaves the edit alone.
    let edited = format!("{written}cadence_days = 30\n");
    fs::write(&path, &edited).expect("edit");
    motive(dir.path())
        .args(["config", "init"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("already exists")
                .and(predicate::str::contains(path.display().to_string())),
        );
    assert_eq!(fs::read_to_string(&path).expect("read"), edited);
}

#[test]
fn config_init_creates_the_missing_config_dir() {
    let dir = private_tempdir();
    let config_dir = dir.path().join("deep").join("er");
    motive(dir.path())
        .env("MOTIVE_CONFIG_DIR", &config_dir)
        .args(["config", "init"])
        .assert()
        .success();
    assert!(config_dir.join("config.toml").is_file());
    let mode = fs::metadata(&config_dir).expect("dir").permissions().mode();
    assert_eq!(mode & 0o777, 0o700, "{mode:o}");
}

#[test]
fn a_bad_config_stops_commands_with_one_line_and_exit_2() {
    let dir = private_tempdir();
    let path = write_config(dir.path(), "bank = \"core\"\n\ncadense = 30\n");
    let expected = format!(
        "motive: {}:3:1: unknown key `cadense`, expected one of bank, cadence_days, week_start, brief_include, passphrase_command, colors\n",
        path.display()
    );
    for args in [&["list"][..], &["due"], &["chart"], &["check"], &[]] {
        motive(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(expected.clone());
    }
    // The commands that help fix it still work.
    motive(dir.path())
        .args(["config", "path"])
        .assert()
        .success();
    motive(dir.path())
        .args(["config", "show"])
        .assert()
        .code(2)
        .stderr(expected);
    motive(dir.path())
        .args(["completions", "bash"])
        .assert()
        .success();
}

#[test]
fn a_wrong_value_names_the_line_and_the_key() {
    let dir = private_tempdir();
    for (text, place, key) in [
        ("cadence_days = 0\n", ":1:16: ", "`cadence_days`"),
        ("\nweek_start = \"someday\"\n", ":2:14: ", "`week_start`"),
        (
            "[colors]\nmastery = \"plaid\"\n",
            ":2:11: ",
            "`colors.mastery`",
        ),
    ] {
        let path = write_config(dir.path(), text);
        let err = motive(dir.path())
            .arg("list")
            .assert()
            .code(2)
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(err).expect("UTF-8");
        assert!(
            err.starts_with(&format!("motive: {}{place}", path.display())),
            "{err}"
        );
        assert!(err.contains(key), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn cadence_days_sets_when_motive_due_says_due() {
    let dir = one_check_in(40);
    // The default cadence is 90 days: not yet.
    motive(dir.path())
        .arg("due")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("every 90 days"));
    write_config(dir.path(), "cadence_days = 30\n");
    motive(dir.path())
        .arg("due")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("A check-in is due (every 30 days"));
    // --every still wins over the file.
    motive(dir.path())
        .args(["due", "--every", "60"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("every 60 days"));
}

#[test]
fn week_start_makes_a_check_in_due_from_the_start_of_its_week() {
    // Due tomorrow by the plain cadence; in a week that begins today, it is
    // due from this morning.
    let dir = one_check_in(6);
    write_config(dir.path(), "cadence_days = 7\n");
    motive(dir.path())
        .args(["due", "-q"])
        .assert()
        .code(1)
        .stdout("");
    let today = Local::now().weekday();
    let name = motive::config::day_name(today).to_uppercase();
    write_config(
        dir.path(),
        &format!("cadence_days = 7\nweek_start = \"{name}\"\n"),
    );
    motive(dir.path())
        .arg("due")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(format!(
            "week_start = {}",
            motive::config::day_name(today)
        )));
}

#[test]
fn the_bank_setting_is_what_check_uses_without_bank() {
    let dir = private_tempdir();
    // A bank that does not exist is reported, with where it was set.
    let path = write_config(dir.path(), "bank = \"nosuch\"\n");
    motive(dir.path()).arg("check").assert().code(2).stderr(
        predicate::str::contains("nosuch")
            .and(predicate::str::contains(path.display().to_string())),
    );
    // --bank wins: the bank is fine, and only the missing terminal stops it.
    motive(dir.path())
        .args(["check", "--bank", "quick"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("need a terminal"));
    // A valid setting gets as far as --bank does.
    write_config(dir.path(), "bank = \"quick\"\n");
    motive(dir.path()).arg("check").assert().code(2).stderr(
        predicate::str::contains("need a terminal").and(predicate::str::contains("bank").not()),
    );
}

#[test]
fn dimension_colours_from_the_file_colour_the_chart() {
    let dir = one_check_in(3);
    write_config(
        dir.path(),
        "[colors]\nautonomy = \"#ff0000\"\npurpose = \"214\"\n",
    );
    motive(dir.path())
        .args(["--color", "always", "chart"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\x1b[38;2;255;0;0m• Autonomy")
                .and(predicate::str::contains("\x1b[38;5;214mx Purpose"))
                // mastery keeps its default, Okabe-Ito orange
                .and(predicate::str::contains("\x1b[38;5;178m+ Mastery")),
        );
}

/// A FIFO where the settings file should be would block every command on
/// opening it; it is refused at once, naming the file.
#[test]
fn a_fifo_as_the_settings_file_is_refused_not_waited_on() {
    let dir = private_tempdir();
    let config = dir.path().join("config");
    fs::create_dir(&config).expect("config dir");
    let file = config.join("config.toml");
    nix::unistd::mkfifo(&file, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    motive(dir.path())
        .arg("list")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("config.toml").and(predicate::str::contains("FIFO")));
}
