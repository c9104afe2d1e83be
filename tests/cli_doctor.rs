//! `motive doctor [--fix]` on a data dir a sync tool has been through: a
//! Syncthing conflict copy that differs, one that is identical, a leftover
//! temporary file, an open mode, a link, a broken file, a missing
//! `.gitignore`. Without `--fix` nothing changes; with it, each is repaired
//! or left with advice. And `.stignore`/`.gitignore` are written once.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use motive::store::Store;
use support::{at, bank, json, listed_ids, motive, private_tempdir, snapshot};

const CONFLICT: &str = ".sync-conflict-20261201-101010-ABCDEFG.toml";

/// Every file under `dir` with its mode and bytes (links by their target).
fn contents(dir: &Path) -> BTreeMap<PathBuf, (u32, Vec<u8>)> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read_dir") {
            let path = entry.expect("entry").path();
            let meta = path.symlink_metadata().expect("meta");
            let mode = meta.permissions().mode();
            if meta.is_dir() {
                stack.push(path.clone());
                all.insert(path, (mode, Vec::new()));
            } else if meta.file_type().is_symlink() {
                let target = fs::read_link(&path).expect("link");
                all.insert(path, (mode, target.into_os_string().into_encoded_bytes()));
            } else {
                all.insert(path.clone(), (mode, fs::read(&path).expect("read")));
            }
        }
    }
    all
}

/// Two check-ins and everything a doctor should find.
fn troubled() -> (tempfile::TempDir, String, String) {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    let first = store
        .save(snapshot(&core, at("2026-08-03T09:00:00+00:00"), 3))
        .expect("save");
    let second = store
        .save(snapshot(&core, at("2026-11-30T09:00:00+00:00"), 4))
        .expect("save");
    let snapshots = dir.path().join("snapshots");
    let text = |id: &str| fs::read_to_string(snapshots.join(format!("{id}.toml"))).expect("read");
    // The other machine's edit of the first: a different commitment.
    let edited = text(&first.id).replace(
        "Ask for the gnarly migration",
        "Pair with Ana on the release tooling",
    );
    assert_ne!(edited, text(&first.id));
    fs::write(snapshots.join(format!("{}{CONFLICT}", first.id)), edited).expect("write");
    fs::write(
        snapshots.join(format!("{}{CONFLICT}", second.id)),
        text(&second.id),
    )
    .expect("write");
    // A crashed write, long ago.
    let temp = snapshots.join(".tmp-abc123");
    fs::write(&temp, "half a check-in").expect("write");
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&temp)
        .and_then(|f| f.set_modified(old))
        .expect("age it");
    // A hand copy others can read.
    let open = snapshots.join(format!("{}.toml", second.id));
    fs::set_permissions(&open, fs::Permissions::from_mode(0o644)).expect("chmod");
    std::os::unix::fs::symlink("/etc/hostname", snapshots.join("20260101-090000.toml"))
        .expect("link");
    let broken = snapshots.join("20260202-090000.toml");
    fs::write(&broken, "format = [").expect("write");
    fs::set_permissions(&broken, fs::Permissions::from_mode(0o600)).expect("chmod");
    fs::remove_file(dir.path().join(".gitignore")).expect("remove");
    (dir, first.id, second.id)
}

fn run(dir: &Path, args: &[&str]) -> String {
    let out = motive(dir).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn without_fix_it_says_what_it_would_do_and_changes_nothing() {
    let (dir, first, second) = troubled();
    let before = contents(dir.path());
    let report = run(dir.path(), &["doctor"]);
    let expected = [
        format!(
            "snapshots/{first}{CONFLICT}: a Syncthing conflict copy of check-in {first} that \
             differs from it, so it is not listed; would adopt it as a new check-in ({first}-2), \
             then remove the copy"
        ),
        format!(
            "snapshots/{second}{CONFLICT}: a Syncthing conflict copy identical to check-in \
             {second}; would remove it"
        ),
        "snapshots/.tmp-abc123: a temporary file; would remove it".to_string(),
        format!("snapshots/{second}.toml: a file others can reach (mode 644); would chmod 600 it"),
        "snapshots/20260101-090000.toml: a symbolic link: motive never follows one inside the \
         data dir; left for you: replace it with the file or directory it points to"
            .to_string(),
    ];
    for line in &expected {
        assert!(report.contains(line), "missing {line:?} in\n{report}");
    }
    assert!(report.contains("snapshots/20260202-090000.toml: a listing cannot read it: "));
    assert!(report.contains(".gitignore: missing: sync tools and git would copy"));
    assert!(
        report
            .ends_with("7 findings; nothing was changed. Run `motive doctor --fix` to repair 5.\n"),
        "{report}"
    );
    let after = contents(dir.path());
    assert!(
        after == before,
        "changed: {:?}",
        after.keys().collect::<Vec<_>>()
    );
}

#[test]
fn fix_adopts_a_differing_copy_removes_an_identical_one_and_repairs_the_rest() {
    let (dir, first, second) = troubled();
    let report = run(dir.path(), &["doctor", "--fix"]);
    assert!(
        report.contains(&format!("adopted as check-in {first}-2")),
        "{report}"
    );
    assert!(report.ends_with("Fixed 5 of 7 findings.\n"), "{report}");
    let snapshots = dir.path().join("snapshots");
    assert!(!snapshots.join(format!("{first}{CONFLICT}")).exists());
    assert!(!snapshots.join(format!("{second}{CONFLICT}")).exists());
    assert!(!snapshots.join(".tmp-abc123").exists());
    let mode = fs::metadata(snapshots.join(format!("{second}.toml")))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(dir.path().join(".gitignore").is_file());
    // The other machine's words are listed now, beside the original.
    let ids = listed_ids(dir.path());
    assert_eq!(ids, [first.clone(), format!("{first}-2"), second.clone()]);
    let adopted = json(motive(dir.path()).args(["show", &format!("{first}-2"), "--json"]));
    assert_eq!(
        adopted["commitments"][0],
        "Pair with Ana on the release tooling"
    );
    // What needs a person stays, and says so; a second run changes nothing.
    let again = run(dir.path(), &["doctor", "--fix"]);
    assert!(
        again.contains("20260101-090000.toml: a symbolic link"),
        "{again}"
    );
    assert!(again.ends_with("Fixed 0 of 2 findings.\n"), "{again}");
}

#[test]
fn a_healthy_data_dir_needs_nothing_and_a_missing_one_is_an_error() {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    store
        .save(snapshot(&bank("core"), at("2026-11-30T09:00:00+00:00"), 3))
        .expect("save");
    assert_eq!(
        run(dir.path(), &["doctor"]),
        format!("Nothing needs attention in {}.\n", dir.path().display())
    );
    let missing = dir.path().join("typo");
    motive(&missing)
        .arg("doctor")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
}

#[test]
fn the_ignore_files_are_written_once_and_never_over_an_edit() {
    let dir = private_tempdir();
    let data = dir.path().join("data");
    Store::open(&data).expect("store");
    let stignore = fs::read_to_string(data.join(".stignore")).expect("written");
    for rule in ["/lock", "/cache", "(?d).tmp-*"] {
        assert!(stignore.lines().any(|l| l == rule), "{rule} in {stignore}");
    }
    let gitignore = fs::read_to_string(data.join(".gitignore")).expect("written");
    for rule in ["/lock", "/cache/", ".tmp-*"] {
        assert!(
            gitignore.lines().any(|l| l == rule),
            "{rule} in {gitignore}"
        );
    }
    let mode = fs::metadata(data.join(".stignore"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    fs::write(data.join(".stignore"), "// my own\n").expect("edit");
    Store::open(&data).expect("again");
    assert_eq!(
        fs::read_to_string(data.join(".stignore")).expect("read"),
        "// my own\n"
    );
}
