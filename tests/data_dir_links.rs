//! Links, FIFOs and devices inside the data dir (as git or Syncthing can
//! bring them) are refused, never followed: no file outside the data dir is
//! read, written, moved or chmodded, and nothing hangs.

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::time::Duration;

use motive::store::{ErrorKind, LockError, Store};
use support::{at, bank, motive, private_tempdir, snapshot};

/// Long enough for a slow machine, short enough that a hang fails the test.
const DEADLINE: Duration = Duration::from_secs(20);

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// A data dir holding one check-in, and a dir beside it standing for
/// "anywhere else on the system".
struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    outside: PathBuf,
    id: String,
}

fn setup() -> Setup {
    let dir = private_tempdir();
    let store = Store::open(dir.path().join("data")).expect("open");
    let saved = store
        .save(snapshot(&bank("quick"), at("2026-03-01T09:00:00+00:00"), 3))
        .expect("save");
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).expect("outside dir");
    Setup {
        _dir: dir,
        store,
        outside,
        id: saved.id,
    }
}

/// A file outside the data dir that nothing may touch: readable by all.
fn precious(dir: &Path) -> PathBuf {
    let path = dir.join("precious.txt");
    fs::write(&path, "do not touch\n").expect("write");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    path
}

fn assert_untouched(path: &Path) {
    assert_eq!(fs::read_to_string(path).expect("read"), "do not touch\n");
    assert_eq!(mode(path), 0o644, "{}", path.display());
}

fn mkfifo(path: &Path) {
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
}

/// `motive list`, which must end within [`DEADLINE`].
fn list(data: &Path) -> std::process::Output {
    motive(data)
        .arg("list")
        .timeout(DEADLINE)
        .output()
        .expect("run")
}

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_lock_link_is_refused_and_its_target_untouched() {
    let s = setup();
    let target = precious(&s.outside);
    let lock = s.store.root().join("lock");
    symlink(&target, &lock).expect("symlink");

    match s.store.lock("check-in") {
        Err(LockError::Store(e)) => {
            assert_eq!(e.kind, ErrorKind::Invalid);
            assert_eq!(
                e.message,
                format!(
                    "cannot open the lock {}: is a symbolic link, which motive neither follows nor replaces here",
                    lock.display()
                )
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_untouched(&target);

    // The same through the binary: an import takes the lock.
    let export = s.outside.join("export.json");
    motive(s.store.root())
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .assert()
        .success();
    let out = motive(s.store.root())
        .arg("import")
        .arg(&export)
        .timeout(DEADLINE)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(stderr.contains(&lock.display().to_string()), "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_untouched(&target);
    assert!(
        fs::symlink_metadata(&lock)
            .expect("still there")
            .is_symlink()
    );
}

#[test]
fn a_lock_fifo_is_refused_without_hanging() {
    let s = setup();
    let lock = s.store.root().join("lock");
    mkfifo(&lock);
    match s.store.lock("import") {
        Err(LockError::Store(e)) => assert!(e.message.contains("is a FIFO"), "{}", e.message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_trash_link_is_refused_and_nothing_moves_outside() {
    let s = setup();
    let trash = s.store.root().join("trash");
    symlink(&s.outside, &trash).expect("symlink");
    let err = s.store.trash(&s.id).expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert_eq!(
        err.message,
        format!(
            "cannot use {}: is a symbolic link, which motive neither follows nor replaces here",
            trash.display()
        )
    );
    assert_eq!(fs::read_dir(&s.outside).expect("read").count(), 0);
    assert_eq!(s.store.list().snapshots.len(), 1, "the check-in stays");
}

#[test]
fn trashing_a_snapshot_link_never_chmods_its_target() {
    let s = setup();
    // A valid check-in file outside, linked into snapshots/ under its own id.
    let elsewhere = Store::open(s.outside.join("other")).expect("open");
    let saved = elsewhere
        .save(snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 4))
        .expect("save");
    let target = elsewhere
        .root()
        .join("snapshots")
        .join(format!("{}.toml", saved.id));
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).expect("chmod");
    let content = fs::read(&target).expect("read");
    let link = s
        .store
        .root()
        .join("snapshots")
        .join(format!("{}.toml", saved.id));
    symlink(&target, &link).expect("symlink");

    let err = s.store.trash(&saved.id).expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(
        err.message.starts_with(&format!(
            "cannot move to the trash {}: is a symbolic link",
            link.display()
        )),
        "{}",
        err.message
    );
    assert_eq!(mode(&target), 0o644);
    assert_eq!(fs::read(&target).expect("read"), content);
    assert!(fs::symlink_metadata(&link).expect("kept").is_symlink());

    // Listing reports the link by its path and reads nothing through it.
    let listing = s.store.summaries();
    assert_eq!(listing.snapshots.len(), 1);
    assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
    assert_eq!(listing.problems[0].path, link);
    assert!(listing.problems[0].reason.contains("symbolic link"));
    assert!(
        s.store.load(&saved.id).is_err(),
        "not loaded through a link"
    );
}

#[test]
fn a_snapshots_or_drafts_link_is_refused_for_reading_and_writing() {
    let s = setup();
    let snapshots = s.store.root().join("snapshots");
    fs::rename(&snapshots, s.outside.join("moved")).expect("move away");
    symlink(s.outside.join("moved"), &snapshots).expect("symlink");
    let listing = s.store.list();
    assert!(listing.snapshots.is_empty());
    assert_eq!(listing.problems.len(), 1);
    assert_eq!(listing.problems[0].path, snapshots);
    let err = s
        .store
        .save(snapshot(&bank("quick"), at("2026-09-01T09:00:00+00:00"), 2))
        .expect_err("refused");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains("symbolic link"), "{}", err.message);
    assert!(Store::open(s.store.root()).is_err());

    let drafts = s.store.root().join("drafts");
    fs::remove_dir(&drafts).expect("remove");
    symlink(&s.outside, &drafts).expect("symlink");
    let mut draft = toml::Table::new();
    draft.insert("step".into(), 1.into());
    assert!(s.store.save_draft(&draft).is_err());
    assert_eq!(
        fs::read_dir(&s.outside).expect("read").count(),
        1,
        "only moved/"
    );
}

#[test]
fn a_draft_link_is_neither_read_nor_replaced() {
    let s = setup();
    let target = precious(&s.outside);
    symlink(&target, s.store.draft_path()).expect("symlink");
    let err = s
        .store
        .load_draft::<toml::Table>()
        .expect_err("a link is refused");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert!(err.message.contains("symbolic link"), "{}", err.message);
    let mut draft = toml::Table::new();
    draft.insert("step".into(), 1.into());
    let err = s.store.save_draft(&draft).expect_err("not replaced");
    assert!(
        err.message
            .contains(&s.store.draft_path().display().to_string()),
        "{}",
        err.message
    );
    assert_untouched(&target);
}

/// The cache file motive wrote for this host.
fn cache_file(root: &Path) -> PathBuf {
    let dir = root.join("cache");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.remove(0)
}

#[test]
fn a_cache_pointing_at_dev_zero_or_a_fifo_is_rebuilt_quickly() {
    let s = setup();
    motive(s.store.root()).arg("list").assert().success();
    let cache = cache_file(s.store.root());
    for damage in ["link to /dev/zero", "FIFO", "link to a file outside"] {
        fs::remove_file(&cache).expect("remove");
        let outside = precious(&s.outside);
        match damage {
            "FIFO" => mkfifo(&cache),
            "link to /dev/zero" => symlink("/dev/zero", &cache).expect("symlink"),
            _ => symlink(&outside, &cache).expect("symlink"),
        }
        let out = list(s.store.root());
        assert!(out.status.success(), "{damage}: {}", stderr_of(&out));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("2026-03-01"),
            "{damage}"
        );
        let rebuilt = fs::symlink_metadata(&cache).expect("cache");
        assert!(rebuilt.is_file(), "{damage}: rebuilt as a regular file");
        assert_eq!(mode(&cache), 0o600, "{damage}");
        assert_untouched(&outside);
    }
}

#[test]
fn a_cache_dir_link_is_not_written_through() {
    let s = setup();
    symlink(&s.outside, s.store.root().join("cache")).expect("symlink");
    let out = list(s.store.root());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(fs::read_dir(&s.outside).expect("read").count(), 0);
}

#[test]
fn a_fifo_or_device_named_like_a_snapshot_is_reported_not_read() {
    let s = setup();
    let dir = s.store.root().join("snapshots");
    mkfifo(&dir.join("20260601-090000.toml"));
    symlink("/dev/zero", dir.join("20260701-090000.toml")).expect("symlink");
    let out = list(s.store.root());
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("20260601-090000.toml: is a FIFO, not a regular file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("20260701-090000.toml: is a symbolic link"),
        "{stderr}"
    );
}
