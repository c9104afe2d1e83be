//! The index of names in `snapshots/` (`cache/<machine>.names`), through
//! the real binary: `show latest`, `compare` and `due --short` give the
//! same answers with it, without it, and after another process adds or
//! removes a check-in; it is private, sealed in an encrypted data dir, and
//! never written plain into one.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use motive::store::Store;
use support::{at, bank, motive, private_tempdir, snapshot};

/// A data dir with a check-in on each of `days` (in January 2026).
fn store_with(days: &[u32]) -> (tempfile::TempDir, PathBuf) {
    let dir = private_tempdir();
    let data = dir.path().join("motive");
    let store = Store::open(&data).expect("open");
    for day in days {
        save(&store, *day);
    }
    (dir, data)
}

fn save(store: &Store, day: u32) {
    let finished = at(&format!("2026-01-{day:02}T09:00:00+00:00"));
    store
        .save(snapshot(&bank("core"), finished, 3))
        .expect("save");
}

/// A directory changed less than 2 s ago (in whole seconds) is not
/// indexed: wait that out.
fn settle() {
    std::thread::sleep(Duration::from_millis(3_100));
}

fn out(data: &Path, args: &[&str]) -> String {
    let output = motive(data)
        .env("MOTIVE_NOW", "2026-06-01T09:00:00+00:00")
        .args(args)
        .output()
        .expect("run");
    assert!(output.stderr.is_empty(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// What the three commands say.
fn answers(data: &Path) -> [String; 3] {
    [
        out(data, &["show", "latest", "--json"]),
        out(data, &["compare", "--json"]),
        out(data, &["due", "--short"]),
    ]
}

/// The index files in the data dir's `cache/`.
fn indexes(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(data.join("cache")) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".names"))
        .collect();
    found.sort();
    found
}

#[test]
fn answers_are_the_same_with_the_index_and_after_other_processes_change_snapshots() {
    let (_dir, data) = store_with(&[3, 10, 17]);
    let without = answers(&data);
    assert!(without[0].contains("20260117-090000"), "{}", without[0]);
    assert!(
        indexes(&data).is_empty(),
        "a directory changed a moment ago is not indexed"
    );
    settle();
    assert_eq!(answers(&data), without);
    let index = indexes(&data);
    assert_eq!(index.len(), 1, "{index:?}");
    let mode = fs::metadata(&index[0]).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(answers(&data), without, "from the index");

    // Another process adds one: seen at once.
    let store = Store::read_only(&data);
    save(&store, 24);
    let added = answers(&data);
    assert!(added[0].contains("20260124-090000"), "{}", added[0]);
    assert_ne!(added[1], without[1]);
    // And removes it again (as a sync tool would): the answers go back.
    fs::remove_file(data.join("snapshots/20260124-090000.toml")).expect("remove");
    assert_eq!(answers(&data), without);

    // A damaged index costs a listing, not an answer.
    settle();
    assert_eq!(answers(&data), without);
    fs::write(&index[0], "motive-names 1 0.0.0\n1 2 3\nend 0\n").expect("damage");
    assert_eq!(answers(&data), without);
}

/// `motive` with a cheap scrypt (debug builds only) and the passphrase.
fn unlocked(data: &Path) -> assert_cmd::Command {
    let mut cmd = motive(data);
    cmd.env("MOTIVE_TEST_SCRYPT_WORK_FACTOR", "10")
        .env("MOTIVE_PASSPHRASE", "correct horse battery")
        .env("MOTIVE_NOW", "2026-06-01T09:00:00+00:00");
    cmd
}

#[test]
fn in_an_encrypted_data_dir_the_index_is_sealed_and_never_written_locked() {
    let (_dir, data) = store_with(&[3, 10]);
    unlocked(&data).arg("encrypt").assert().success();
    settle();
    // Locked: `due` works from the names and writes nothing.
    let locked = out(&data, &["due", "--short"]);
    assert_eq!(locked, "check-in due\n");
    assert!(indexes(&data).is_empty(), "{:?}", indexes(&data));
    // Unlocked: the index is written sealed, and used.
    let shown = unlocked(&data)
        .args(["show", "latest", "--json"])
        .output()
        .expect("run");
    assert!(shown.status.success(), "{shown:?}");
    let index = indexes(&data);
    assert_eq!(index.len(), 1, "{index:?}");
    assert!(
        index[0].to_string_lossy().ends_with(".names.age"),
        "{index:?}"
    );
    let bytes = fs::read(&index[0]).expect("read");
    assert!(bytes.starts_with(b"age-encryption.org/v1"), "sealed");
    assert!(
        !String::from_utf8_lossy(&bytes).contains("20260110"),
        "no name in plain text"
    );
    let again = unlocked(&data)
        .args(["show", "latest", "--json"])
        .output()
        .expect("run");
    assert_eq!(again.stdout, shown.stdout);
    // Locked again: the sealed index cannot be read; the names still answer.
    assert_eq!(out(&data, &["due", "--short"]), locked);
}
