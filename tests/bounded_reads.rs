//! Only regular files are read, and never past their limit: a device, a
//! FIFO or an oversized file given to `import` or `bank validate` is refused
//! at once with a one-line message, instead of being read without end.

mod support;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use support::{at, bank, motive, private_tempdir, snapshot};

/// Long enough for a slow machine, short enough that a hang fails the test.
const DEADLINE: Duration = Duration::from_secs(20);

fn mkfifo(path: &Path) {
    nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
}

/// Run `args` against `data`; it must fail with exit 2 within the deadline
/// and say one line on stderr, which is returned.
fn refused(data: &Path, args: &[&std::ffi::OsStr]) -> String {
    let out = motive(data)
        .args(args)
        .timeout(DEADLINE)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn import_refuses_devices_and_fifos_at_once() {
    let dir = private_tempdir();
    let data = dir.path().join("data");
    let pipe = dir.path().join("export.json");
    mkfifo(&pipe);
    let stderr = refused(&data, &["import".as_ref(), "/dev/zero".as_ref()]);
    assert_eq!(
        stderr,
        "motive: /dev/zero: is a character device, not a regular file\n"
    );
    // Nobody ever writes to the FIFO: reading it would wait for ever.
    let stderr = refused(&data, &["import".as_ref(), pipe.as_os_str()]);
    assert_eq!(
        stderr,
        format!(
            "motive: {}: is a FIFO, not a regular file\n",
            pipe.display()
        )
    );
    assert!(!data.join("snapshots").exists(), "nothing was written");
}

#[test]
fn import_follows_a_link_the_user_names_to_a_regular_file() {
    let dir = private_tempdir();
    let from = dir.path().join("from");
    let store = motive::store::Store::open(&from).expect("open");
    store
        .save(snapshot(&bank("quick"), at("2026-03-01T09:00:00+00:00"), 3))
        .expect("save");
    let export = dir.path().join("backup.json");
    motive(&from)
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .assert()
        .success();
    let link = dir.path().join("latest-backup.json");
    symlink(&export, &link).expect("symlink");
    motive(&dir.path().join("to"))
        .arg("import")
        .arg(&link)
        .timeout(DEADLINE)
        .assert()
        .success()
        .stdout("imported 1 check-in; 0 already present\n");
}

#[test]
fn an_oversized_import_is_refused_unread() {
    let dir = private_tempdir();
    let big = dir.path().join("big.json");
    // Sparse: no disk used, but far past the limit.
    fs::File::create(&big)
        .and_then(|f| f.set_len(300 * 1024 * 1024))
        .expect("sparse file");
    let stderr = refused(
        &dir.path().join("data"),
        &["import".as_ref(), big.as_os_str()],
    );
    assert!(
        stderr.contains("314572800 bytes is too large for an export"),
        "{stderr}"
    );
}

#[test]
fn bank_validate_refuses_devices_and_fifos_at_once() {
    let dir = private_tempdir();
    let pipe = dir.path().join("bank.toml");
    mkfifo(&pipe);
    let data = dir.path().join("data");
    let stderr = refused(
        &data,
        &["bank".as_ref(), "validate".as_ref(), pipe.as_os_str()],
    );
    assert_eq!(
        stderr,
        format!("{}: is a FIFO, not a bank file\n", pipe.display())
    );
    let stderr = refused(
        &data,
        &["bank".as_ref(), "validate".as_ref(), "/dev/zero".as_ref()],
    );
    assert_eq!(
        stderr,
        "/dev/zero: is a character device, not a bank file\n"
    );
}
