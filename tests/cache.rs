//! The summary cache seen from outside, through the real binary: a copy of
//! the data dir, a new check-in, and a damaged cache change how much is
//! read, never what is listed.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use support::{at, bank, motive, private_tempdir, snapshot, write_snapshot};

/// Set a file's modification time to an hour ago: settled, so cached.
fn settle(path: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(old))
        .expect("set the time");
}

fn snapshot_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(data.join("snapshots"))
        .expect("snapshots")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// A data dir with `n` settled check-ins, one a month.
fn data_with(n: u32) -> tempfile::TempDir {
    let data = private_tempdir();
    let core = bank("core");
    for i in 0..n {
        let finished = at(&format!("2026-{:02}-03T09:00:00+01:00", i + 1));
        write_snapshot(
            data.path(),
            &snapshot(&core, finished, i64::from(i % 5 + 1)),
        );
    }
    for file in snapshot_files(data.path()) {
        settle(&file);
    }
    data
}

fn list_json(data: &Path) -> Vec<u8> {
    let out = motive(data).args(["list", "--json"]).assert().success();
    out.get_output().stdout.clone()
}

/// The one cache file in the data dir.
fn cache_file(data: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(data.join("cache"))
        .expect("a cache dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

fn copy(args: &[&str], from: &Path) -> tempfile::TempDir {
    let to = private_tempdir();
    let status = Command::new("cp")
        .args(args)
        .arg(format!("{}/.", from.display()))
        .arg(to.path())
        .status()
        .expect("cp");
    assert!(status.success());
    to
}

#[test]
fn a_copy_that_keeps_times_reads_no_check_in() {
    let data = data_with(3);
    let listed = list_json(data.path());
    let cache = fs::read(cache_file(data.path())).expect("a cache");
    let copied = copy(&["-a"], data.path());
    // Proof that no check-in is read: the copy's files keep their size and
    // time but not their bytes; the listing still comes from the cache.
    for file in snapshot_files(copied.path()) {
        let len = fs::metadata(&file).expect("stat").len();
        let time = fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("time");
        fs::write(&file, vec![b'#'; usize::try_from(len).expect("small")]).expect("overwrite");
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(time))
            .expect("keep the time");
    }
    let cache_path = cache_file(copied.path());
    let cache_time = fs::metadata(&cache_path).and_then(|m| m.modified());
    assert_eq!(list_json(copied.path()), listed);
    assert_eq!(
        fs::read(&cache_path).expect("cache"),
        cache,
        "not rewritten"
    );
    assert_eq!(
        fs::metadata(&cache_path).and_then(|m| m.modified()).ok(),
        cache_time.ok(),
        "not written at all"
    );
}

#[test]
fn a_plain_copy_reads_every_check_in_again_with_the_same_answers() {
    let data = data_with(3);
    let listed = list_json(data.path());
    let copied = copy(&["-r"], data.path());
    assert_eq!(list_json(copied.path()), listed, "files just copied");
    for file in snapshot_files(copied.path()) {
        settle(&file);
    }
    assert_eq!(list_json(copied.path()), listed, "the cache updated");
    assert_eq!(list_json(copied.path()), listed, "from the cache");
    let (before, after) = (
        fs::read_to_string(cache_file(data.path())).expect("cache"),
        fs::read_to_string(cache_file(copied.path())).expect("cache"),
    );
    // Three moved stamps are few enough to be appended.
    assert!(after.starts_with(&before));
    assert_eq!(after.lines().count(), before.lines().count() + 3);
}

#[test]
fn a_new_check_in_is_appended_to_the_cache_and_reads_as_a_rebuild() {
    let data = data_with(3);
    let _ = list_json(data.path());
    let cache = cache_file(data.path());
    let before = fs::read_to_string(&cache).expect("a cache");
    let finished = at("2026-09-03T09:00:00+01:00");
    write_snapshot(data.path(), &snapshot(&bank("core"), finished, 4));
    for file in snapshot_files(data.path()) {
        settle(&file);
    }
    let listed = list_json(data.path());
    let after = fs::read_to_string(&cache).expect("a cache");
    assert!(after.starts_with(&before), "appended, not rewritten");
    assert!(after.lines().count() > before.lines().count());
    assert_eq!(list_json(data.path()), listed, "read back");
    fs::remove_file(&cache).expect("remove the cache");
    assert_eq!(list_json(data.path()), listed, "rebuilt");
    assert_eq!(list_json(data.path()), listed, "the rebuilt cache");
}

#[test]
fn a_damaged_or_torn_cache_costs_time_only() {
    let data = data_with(3);
    let listed = list_json(data.path());
    let cache = cache_file(data.path());
    let text = fs::read_to_string(&cache).expect("a cache");
    for damage in [
        text[..text.len() - 20].to_string(),
        text.replace("\"parts\"", "\"pasts\""),
        text.replace(":[", ":{"),
        "\0\0 garbage".to_string(),
    ] {
        fs::write(&cache, &damage).expect("damage");
        assert_eq!(list_json(data.path()), listed, "{damage}");
        assert_eq!(list_json(data.path()), listed, "{damage}, then mended");
    }
}
