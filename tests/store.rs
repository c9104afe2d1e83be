//! The snapshot store through its library API, on temporary data dirs.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use motive::store::{ErrorKind, LockError, Store, find};
use support::{at, bank, snapshot};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn data_dir() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("motive")).expect("open store");
    (dir, store)
}

#[test]
fn saved_check_ins_list_oldest_first_with_private_permissions() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let later = store
        .save(snapshot(&core, at("2026-06-01T09:00:00+02:00"), 4))
        .expect("save");
    let earlier = store
        .save(snapshot(&core, at("2026-03-01T09:00:00+01:00"), 2))
        .expect("save");
    assert_eq!(later.id, "20260601-090000");
    let listing = store.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.snapshots, vec![earlier, later]);
    assert_eq!(mode(store.root()), 0o700);
    assert_eq!(mode(&store.root().join("snapshots")), 0o700);
    assert_eq!(
        mode(&store.root().join("snapshots/20260601-090000.toml")),
        0o600
    );
}

#[test]
fn a_colliding_id_gets_a_suffix_and_nothing_is_overwritten() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let when = at("2026-06-01T09:00:00+02:00");
    let ids: Vec<String> = (1..=3)
        .map(|v| store.save(snapshot(&core, when, v)).expect("save").id)
        .collect();
    assert_eq!(
        ids,
        ["20260601-090000", "20260601-090000-2", "20260601-090000-3"]
    );
    let values: Vec<Option<i64>> = store
        .list()
        .snapshots
        .iter()
        .map(|s| s.answers[0].value)
        .collect();
    assert_eq!(values, [Some(1), Some(2), Some(3)]);
}

#[test]
fn bad_files_are_reported_skipped_and_left_untouched() {
    let (_dir, store) = data_dir();
    let good = store
        .save(snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 3))
        .expect("save");
    let good_text =
        fs::read_to_string(store.root().join(format!("snapshots/{}.toml", good.id))).expect("read");
    let dir = store.root().join("snapshots");
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "20260101-000000.toml",
            "this is { not toml".into(),
            "line 1",
        ),
        (
            "20260102-000000.toml",
            good_text[..good_text.len() / 2].to_string(),
            "line",
        ),
        (
            "20260103-000000.toml",
            good_text
                .replace("format = 1", "format = 7")
                .replace(&good.id, "20260103-000000"),
            "format 7 is newer",
        ),
        (
            "20260104-000000.toml",
            format!(
                "mood = \"great\"\n{}",
                good_text.replace(&good.id, "20260104-000000")
            ),
            "unknown field `mood`",
        ),
        (
            "20260105-000000.toml",
            good_text.clone(),
            "does not match the file name",
        ),
        (
            "20260106-000000.toml",
            good_text
                .replace("value = 3", "value = 9")
                .replace(&good.id, "20260106-000000"),
            "outside the scale",
        ),
    ];
    for (name, content, _) in &cases {
        fs::write(dir.join(name), content).expect("write fixture");
    }
    fs::write(dir.join(".tmp-abc123"), "half a snapsh").expect("temp");
    let listing = store.list();
    assert_eq!(listing.snapshots, vec![good]);
    assert_eq!(
        listing.problems.len(),
        cases.len(),
        "{:#?}",
        listing.problems
    );
    for (name, content, reason) in &cases {
        let problem = listing
            .problems
            .iter()
            .find(|p| p.path.ends_with(name))
            .expect(name);
        assert!(
            problem.reason.contains(reason),
            "{name}: {}",
            problem.reason
        );
        assert_eq!(
            &fs::read_to_string(dir.join(name)).expect("still there"),
            content
        );
    }
}

#[test]
fn drafts_are_per_host_private_and_replaceable() {
    let (_dir, store) = data_dir();
    assert_eq!(store.load_draft::<toml::Table>().expect("no draft"), None);
    let mut draft = toml::Table::new();
    draft.insert("step".into(), 3.into());
    store.save_draft(&draft).expect("save draft");
    draft.insert("step".into(), 4.into());
    store.save_draft(&draft).expect("save draft again");
    assert_eq!(
        store.load_draft::<toml::Table>().expect("draft"),
        Some(draft)
    );
    let path = store.draft_path();
    let host = gethostname_for_test();
    assert!(
        path.file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with(&host),
        "{path:?}"
    );
    assert_eq!(mode(&path), 0o600);
    fs::write(&path, "step = ").expect("corrupt the draft");
    let err = store.load_draft::<toml::Table>().expect_err("corrupt");
    assert!(
        err.message.contains(&path.display().to_string()),
        "{}",
        err.message
    );
    store.discard_draft().expect("discard");
    assert!(!path.exists());
}

fn gethostname_for_test() -> String {
    let host = std::process::Command::new("hostname")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    host.ok()
        .filter(|h| !h.is_empty())
        .map(|h| h.chars().take(3).collect())
        .unwrap_or_default()
}

#[test]
fn trash_moves_rather_than_destroys() {
    let (_dir, store) = data_dir();
    let saved = store
        .save(snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 3))
        .expect("save");
    let moved = store.trash(&saved.id).expect("trash");
    assert!(store.list().snapshots.is_empty());
    assert!(moved.starts_with(store.root().join("trash")));
    assert_eq!(mode(&moved), 0o600);
    assert_eq!(mode(&store.root().join("trash")), 0o700);
    assert_eq!(
        store.trash(&saved.id).expect_err("gone").kind,
        ErrorKind::NotFound
    );
    assert_eq!(
        store.trash("../x").expect_err("evil").kind,
        ErrorKind::Invalid
    );
}

#[test]
fn one_writer_at_a_time() {
    let (_dir, store) = data_dir();
    let held = store.lock("check-in").expect("first lock");
    let second = Store::open(store.root()).expect("open again");
    match second.lock("import") {
        Err(LockError::Busy { holder }) => assert!(holder.contains("check-in"), "{holder}"),
        other => panic!("expected busy, got {other:?}"),
    }
    drop(held);
    second.lock("import").expect("free again");
    assert_eq!(mode(&store.root().join("lock")), 0o600);
}

#[test]
fn import_is_all_or_nothing_and_idempotent() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let a = snapshot(&core, at("2026-01-01T09:00:00+00:00"), 2);
    let b = snapshot(&core, at("2026-04-01T09:00:00+00:00"), 4);
    let report = store
        .import_all(vec![a.clone(), b.clone()])
        .expect("import");
    assert_eq!(report.imported.len(), 2);
    let again = store
        .import_all(vec![a.clone(), b.clone()])
        .expect("import again");
    assert!(again.imported.is_empty());
    assert_eq!(again.unchanged.len(), 2);

    let mut changed = b.clone();
    changed.commitment = "something else".into();
    let err = store.import_all(vec![changed]).expect_err("conflict");
    assert!(err.message.contains(&b.id), "{}", err.message);

    let c = snapshot(&core, at("2026-07-01T09:00:00+00:00"), 5);
    for evil in ["../20260701-090000", "a/b", "20260701-090000\u{7}"] {
        let mut bad = snapshot(&core, at("2026-08-01T09:00:00+00:00"), 1);
        bad.id = evil.into();
        let err = store.import_all(vec![c.clone(), bad]).expect_err(evil);
        assert!(
            err.message.starts_with("nothing imported"),
            "{}",
            err.message
        );
    }
    let mut huge = snapshot(&core, at("2026-09-01T09:00:00+00:00"), 1);
    huge.commitment = "x".repeat(100_000);
    store
        .import_all(vec![c.clone(), huge])
        .expect_err("oversized");
    assert_eq!(
        store.list().snapshots.len(),
        2,
        "nothing from the bad files was imported"
    );
}

#[test]
fn find_works_on_a_listing() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    for month in ["01", "04", "07"] {
        store
            .save(snapshot(
                &core,
                at(&format!("2026-{month}-01T09:00:00+00:00")),
                3,
            ))
            .expect("save");
    }
    let all = store.list().snapshots;
    assert_eq!(find(&all, "latest~1").expect("found").id, "20260401-090000");
    assert_eq!(find(&all, "202607").expect("found").id, "20260701-090000");
}

#[test]
fn an_open_data_dir_draws_a_warning() {
    let (_dir, store) = data_dir();
    assert_eq!(store.privacy_warning(), None);
    fs::set_permissions(store.root(), fs::Permissions::from_mode(0o755)).expect("chmod");
    let warning = store.privacy_warning().expect("a warning");
    assert!(warning.contains("chmod 700"), "{warning}");
}
