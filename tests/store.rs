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
                .replace("format = 2", "format = 7")
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
fn drafts_are_per_machine_private_and_replaceable() {
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
    assert_eq!(
        path.file_name().expect("name").to_string_lossy(),
        format!("{}.toml", motive::store::Machine::this().key()),
    );
    assert_eq!(mode(&path), 0o600);
    fs::write(&path, "step = ").expect("corrupt the draft");
    let err = store.load_draft::<toml::Table>().expect_err("corrupt");
    assert!(
        err.message.contains(&path.display().to_string()),
        "{}",
        err.message
    );
    fs::write(&path, b"step = \"\xff\"").expect("not UTF-8");
    let err = store.load_draft::<toml::Table>().expect_err("not UTF-8");
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert_eq!(err.message, format!("{}: not valid UTF-8", path.display()));
    assert_eq!(fs::read(&path).expect("left alone"), b"step = \"\xff\"");
    store.discard_draft().expect("discard");
    assert!(!path.exists());
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
    changed.commitments = vec!["something else".into()];
    let err = store.import_all(vec![changed]).expect_err("conflict");
    assert!(err.message.contains(&b.id), "{}", err.message);

    let c = snapshot(&core, at("2026-07-01T09:00:00+00:00"), 5);
    for evil in [
        "../20260701-090000",
        "20260701-090000/../../x",
        "a/b",
        "..",
        "20260701-090000\u{1b}[2J",
        "20260701-090000\u{7}",
    ] {
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
    huge.commitments = vec!["x".repeat(100_000)];
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

#[test]
fn subdirs_are_checked_for_privacy_when_others_can_reach_them() {
    let (_dir, store) = data_dir();
    let snapshots = store.root().join("snapshots");
    fs::set_permissions(&snapshots, fs::Permissions::from_mode(0o744)).expect("chmod");
    let drafts = store.root().join("drafts");
    fs::set_permissions(&drafts, fs::Permissions::from_mode(0o702)).expect("chmod");
    // Inside a private data dir, nobody else can reach them.
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    // A data dir others can pass through (but not list) exposes them.
    fs::set_permissions(store.root(), fs::Permissions::from_mode(0o711)).expect("chmod");
    let s = snapshots.display();
    let d = drafts.display();
    assert_eq!(
        store.warnings(),
        [
            format!("warning: {s} is readable by others; run chmod 700 {s}"),
            format!("warning: {d} is writable by others; run chmod 700 {d}"),
        ]
    );
    assert_eq!(store.privacy_warning(), store.warnings().into_iter().next());
    fs::set_permissions(store.root(), fs::Permissions::from_mode(0o775)).expect("chmod");
    let r = store.root().display();
    assert_eq!(
        store.privacy_warning(),
        Some(format!(
            "warning: {r} is readable and writable by others; run chmod 700 {r}"
        ))
    );
}

#[test]
fn opening_a_store_sweeps_only_stale_temporary_files() {
    let (_dir, store) = data_dir();
    let snapshots = store.root().join("snapshots");
    let drafts = store.root().join("drafts");
    let two_minutes_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(120);
    for path in [snapshots.join(".tmp-old"), drafts.join(".tmp-old")] {
        let file = fs::File::create(&path).expect("create");
        file.set_modified(two_minutes_ago).expect("age it");
    }
    // A write in progress in another process: too young to be a leftover.
    fs::write(snapshots.join(".tmp-young"), "half a").expect("create");
    // Not temporary, however old: never touched.
    let old_note = snapshots.join("notes.txt");
    fs::File::create(&old_note)
        .expect("create")
        .set_modified(two_minutes_ago)
        .expect("age it");
    Store::open(store.root()).expect("reopen");
    assert!(!snapshots.join(".tmp-old").exists());
    assert!(!drafts.join(".tmp-old").exists());
    assert!(snapshots.join(".tmp-young").exists());
    assert!(old_note.exists());
    let listing = store.list();
    assert!(listing.snapshots.is_empty() && listing.problems.is_empty());
}

#[test]
fn more_bad_files_each_with_a_reason_and_untouched() {
    let (_dir, store) = data_dir();
    let good = store
        .save(snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 3))
        .expect("save");
    let dir = store.root().join("snapshots");
    let good_text = fs::read_to_string(dir.join(format!("{}.toml", good.id))).expect("read");
    let as_id = |id: &str| good_text.replace(&good.id, id);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        // A newer file with fields this build has never heard of says "newer",
        // not "unknown field".
        (
            "20260201-000000.toml",
            format!(
                "mood = 1\n{}",
                as_id("20260201-000000").replace("format = 2", "format = 3")
            )
            .into_bytes(),
            "format 3 is newer than this build understands",
        ),
        (
            "20260202-000000.toml",
            b"id = \"20260202-000000\"\n\xff\xfe".to_vec(),
            "not valid UTF-8",
        ),
        (
            "20260203-000000.toml",
            as_id("20260203-000000")
                .replace("max = 5", "max = 1")
                .into_bytes(),
            "scale `min` (1) must be less than `max` (1)",
        ),
        (
            "20260204-000000.toml",
            as_id("20260204-000000")
                .replace("min = 1", "min = -9223372036854775808")
                .replace("max = 5", "max = 9223372036854775807")
                .into_bytes(),
            "goes beyond -1000..1000",
        ),
        (
            "20260205-000000.toml",
            as_id("20260205-000000")
                .replace("format = 2", "format = \"one\"")
                .into_bytes(),
            "`format` is a string, not a number",
        ),
    ];
    for (name, content, _) in &cases {
        fs::write(dir.join(name), content).expect("write fixture");
    }
    // Not snapshots at all: ignored, not reported.
    fs::write(dir.join("README.txt"), "mine").expect("write");
    fs::write(dir.join(".hidden.toml"), "x").expect("write");
    fs::write(dir.join("20260206-000000.toml~"), "editor backup").expect("write");
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
            .find(|p| p.path == dir.join(name))
            .expect(name);
        assert!(
            problem.reason.contains(reason),
            "{name}: {}",
            problem.reason
        );
        assert!(
            problem
                .to_string()
                .starts_with(&dir.join(name).display().to_string())
        );
        assert_eq!(&fs::read(dir.join(name)).expect("still there"), content);
    }
}

#[test]
fn an_oversized_file_is_reported_unread() {
    let (_dir, store) = data_dir();
    let path = store.root().join("snapshots/20260101-090000.toml");
    let limit = usize::try_from(motive::store::MAX_SNAPSHOT_BYTES).expect("fits");
    let content = format!("format = 1\n{}", "# padding\n".repeat(limit / 10 + 1));
    fs::write(&path, &content).expect("write");
    let listing = store.list();
    assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
    assert_eq!(listing.problems[0].path, path);
    assert!(
        listing.problems[0]
            .reason
            .contains("more than a check-in can hold"),
        "{}",
        listing.problems[0].reason
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read").len(),
        content.len()
    );
}

#[test]
fn trashing_the_same_id_twice_keeps_both() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let first = snapshot(&core, at("2026-06-01T09:00:00+00:00"), 2);
    store.import_all(vec![first.clone()]).expect("import");
    let a = store.trash(&first.id).expect("trash");
    store.import_all(vec![first.clone()]).expect("import again");
    let b = store.trash(&first.id).expect("trash again");
    assert_ne!(a, b);
    assert!(a.exists() && b.exists());
    assert_eq!(fs::read(&a).expect("a"), fs::read(&b).expect("b"));
    assert!(store.list().snapshots.is_empty());
}

#[test]
fn the_busy_message_says_who_and_since_when() {
    let (_dir, store) = data_dir();
    let _held = store.lock("check-in").expect("lock");
    let err = Store::read_only(store.root())
        .lock("import")
        .expect_err("busy");
    let message = err.to_string();
    assert!(message.starts_with("a check-in (started "), "{message}");
    assert!(
        message.ends_with(&format!(
            "pid {}) is already in progress",
            std::process::id()
        )),
        "{message}"
    );
}

#[test]
fn import_checks_every_entry_before_writing_any() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let a = snapshot(&core, at("2026-01-01T09:00:00+00:00"), 2);
    let mut b = snapshot(&core, at("2026-01-01T09:00:00+00:00"), 3);
    b.id = "20260101-090000-2".into();

    // Ids are kept as given, suffix included.
    let report = store
        .import_all(vec![a.clone(), b.clone()])
        .expect("import");
    assert_eq!(report.imported, [a.id.clone(), b.id.clone()]);
    assert!(
        store
            .root()
            .join("snapshots/20260101-090000-2.toml")
            .is_file()
    );

    let c = snapshot(&core, at("2026-05-01T09:00:00+00:00"), 4);
    let mut newer = snapshot(&core, at("2026-06-01T09:00:00+00:00"), 4);
    newer.format = motive::snapshot::SNAPSHOT_FORMAT + 1;
    let mut out_of_scale = snapshot(&core, at("2026-07-01T09:00:00+00:00"), 4);
    out_of_scale.answers[0].value = Some(99);
    let mut long_label = snapshot(&core, at("2026-08-01T09:00:00+00:00"), 4);
    long_label.label = Some("l".repeat(10_001));
    let bad_batches = [
        (vec![c.clone(), newer], "format 3 is not supported"),
        (vec![c.clone(), out_of_scale], "outside the scale"),
        (
            vec![c.clone(), long_label],
            "`label` is 10001 characters long; at most 2000 are allowed",
        ),
        (vec![c.clone(), c.clone()], "appears twice"),
    ];
    for (batch, reason) in bad_batches {
        let err = store.import_all(batch).expect_err(reason);
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert!(
            err.message.starts_with("nothing imported"),
            "{}",
            err.message
        );
        assert!(err.message.contains(reason), "{}", err.message);
    }

    // A file with that name that cannot be read is not silently replaced.
    let blocked = snapshot(&core, at("2026-09-01T09:00:00+00:00"), 1);
    let blocker = store.root().join(format!("snapshots/{}.toml", blocked.id));
    fs::write(&blocker, "not a snapshot").expect("write");
    let err = store
        .import_all(vec![c.clone(), blocked])
        .expect_err("blocked");
    assert!(
        err.message.contains(&blocker.display().to_string()),
        "{}",
        err.message
    );
    assert_eq!(
        fs::read_to_string(&blocker).expect("read"),
        "not a snapshot"
    );

    let listing = store.list();
    assert_eq!(
        listing.snapshots,
        vec![a, b],
        "only the first import landed"
    );
}

#[test]
fn save_to_path_writes_privately_and_never_over_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("check-in.toml");
    let saved = snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 3);
    Store::save_to_path(&saved, &path).expect("save");
    assert_eq!(mode(&path), 0o600);
    let text = fs::read_to_string(&path).expect("read");
    assert_eq!(motive::store::parse_snapshot(&text).expect("parses"), saved);
    let err = Store::save_to_path(&saved, &path).expect_err("exists");
    assert!(
        err.message.contains(&path.display().to_string()),
        "{}",
        err.message
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn reading_never_creates_the_data_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("not-yet");
    let store = Store::read_only(&root);
    let listing = store.list();
    assert!(listing.snapshots.is_empty() && listing.problems.is_empty());
    assert_eq!(store.load_draft::<toml::Table>().expect("no draft"), None);
    assert!(store.warnings().is_empty());
    assert!(!root.exists());
    store.check_writable().expect("creatable");
    for sub in ["", "snapshots", "drafts"] {
        assert_eq!(mode(&root.join(sub)), 0o700, "{sub}");
    }
}

#[test]
fn concurrent_saves_of_the_same_second_all_land_under_distinct_ids() {
    let (_dir, store) = data_dir();
    let core = bank("core");
    let when = at("2026-06-01T09:00:00+02:00");
    let ids: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..=8)
            .map(|v| {
                let (store, core) = (&store, &core);
                scope.spawn(move || {
                    // Eight different check-ins: saving one twice saves it once.
                    let mut check_in = snapshot(core, when, v % 5 + 1);
                    check_in.commitments = vec![format!("commitment {v}")];
                    store.save(check_in).expect("save").id
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 8, "{ids:?}");
    let listing = store.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.snapshots.len(), 8);
    let files = fs::read_dir(store.root().join("snapshots"))
        .expect("read dir")
        .count();
    assert_eq!(files, 8, "no temporary file is left behind");
}

#[test]
fn a_check_in_a_listing_would_refuse_is_never_written() {
    let (_dir, store) = data_dir();
    let mut s = snapshot(&bank("quick"), at("2026-06-01T09:00:00+00:00"), 3);
    s.reflections[0].text = "a very long reflection ".repeat(2_000);
    let err = store.save(s).expect_err("too long to list later");
    assert!(
        err.message.starts_with(
            "the check-in cannot be saved: reflection \"energy\" `text` is 46000 characters long"
        ),
        "{}",
        err.message
    );
    assert!(store.list().snapshots.is_empty() && store.list().problems.is_empty());
}
