//! `export -o` writes only regular files: standard output for `-` and
//! `/dev/stdout`, a refusal for a link, a FIFO or a device node, and no
//! empty export over an existing file without `--force`.

mod support;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use motive::store::Store;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// A data dir with one check-in, in a private temp dir.
fn one_check_in() -> (tempfile::TempDir, PathBuf) {
    let dir = private_tempdir();
    let data = dir.path().join("data");
    Store::open(&data)
        .expect("open")
        .save(snapshot(&bank("quick"), at("2026-03-01T09:00:00+00:00"), 3))
        .expect("save");
    (dir, data)
}

fn export_to(data: &Path, target: &Path) -> assert_cmd::assert::Assert {
    motive(data)
        .args(["export", "--format", "json", "-o"])
        .arg(target)
        .assert()
}

#[test]
fn a_dash_or_dev_stdout_writes_to_standard_output() {
    let (_dir, data) = one_check_in();
    let expected = json(motive(&data).args(["export", "--format", "json"]));
    assert_eq!(expected["snapshots"][0]["id"], "20260301-090000");
    for target in ["-", "/dev/stdout"] {
        let written = json(motive(&data).args(["export", "--format", "json", "-o", target]));
        assert_eq!(written, expected, "-o {target}");
    }
    assert!(!Path::new("-").exists(), "no file named -");
}

#[test]
fn a_link_given_to_o_is_refused_and_left_alone() {
    let (dir, data) = one_check_in();
    let target = dir.path().join("precious.txt");
    fs::write(&target, "do not touch\n").expect("write");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).expect("chmod");
    let link = dir.path().join("backup.json");
    symlink(&target, &link).expect("symlink");
    export_to(&data, &link).code(2).stderr(format!(
        "motive: cannot write {}: is a symbolic link, which motive neither follows nor replaces here; \
         name the file it points to instead\n",
        link.display()
    ));
    assert!(fs::symlink_metadata(&link).expect("kept").is_symlink());
    assert_eq!(fs::read_to_string(&target).expect("read"), "do not touch\n");
    let mode = fs::metadata(&target).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o644);
}

#[test]
fn a_fifo_or_device_node_given_to_o_is_refused_and_left_alone() {
    let (dir, data) = one_check_in();
    let pipe = dir.path().join("pipe.json");
    nix::unistd::mkfifo(&pipe, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    let mut nodes = vec![(pipe, "a FIFO")];
    // A null device of our own, where the system lets us make one (as root):
    // should the refusal ever break, only this copy is replaced.
    let null = dir.path().join("null");
    let made = nix::sys::stat::mknod(
        &null,
        nix::sys::stat::SFlag::S_IFCHR,
        nix::sys::stat::Mode::S_IRUSR | nix::sys::stat::Mode::S_IWUSR,
        nix::sys::stat::makedev(1, 3),
    );
    if made.is_ok() {
        nodes.push((null, "a character device"));
    }
    for (node, found) in nodes {
        export_to(&data, &node).code(2).stderr(format!(
            "motive: cannot write {}: is {found}, not a regular file; \
             only a regular file is written (-o - writes to standard output)\n",
            node.display()
        ));
        let kind = fs::symlink_metadata(&node).expect("kept").file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device(),
            "{}",
            node.display()
        );
    }
}

#[test]
fn an_empty_export_does_not_replace_a_backup_without_force() {
    let (dir, data) = one_check_in();
    let backup = dir.path().join("backup.json");
    export_to(&data, &backup).success();
    let good = fs::read(&backup).expect("read");
    let typo = dir.path().join("typo");
    export_to(&typo, &backup).code(2).stderr(format!(
        "motive: the data dir {typo} does not exist, so there are no check-ins to read; \
         check --data-dir and MOTIVE_DATA_DIR\n",
        typo = typo.display(),
    ));
    assert_eq!(fs::read(&backup).expect("read"), good, "the backup is kept");

    // A data dir that is there but empty (the wrong one, say).
    let typo = dir.path().join("empty");
    fs::create_dir(&typo).expect("mkdir");
    fs::set_permissions(&typo, fs::Permissions::from_mode(0o700)).expect("chmod");
    export_to(&typo, &backup).code(2).stderr(format!(
        "motive: not replacing {backup} with an export of no check-ins (none in {typo}); \
         pass --force to replace it anyway\n",
        typo = typo.display(),
        backup = backup.display()
    ));
    assert_eq!(fs::read(&backup).expect("read"), good, "the backup is kept");

    // A new file may hold an empty export, and --force replaces on purpose.
    let fresh = dir.path().join("fresh.json");
    export_to(&typo, &fresh).success();
    motive(&typo)
        .args(["export", "--format", "json", "--force", "-o"])
        .arg(&backup)
        .assert()
        .success();
    let replaced = fs::read_to_string(&backup).expect("read");
    assert!(replaced.contains("\"snapshots\": []"), "{replaced}");
}

/// More check-ins than `export` reads at once (it streams them in batches),
/// finished in several time zones so that ids and finish times disagree in
/// order, with a follow-up and a label here and there.
fn many_check_ins(count: i64) -> (tempfile::TempDir, PathBuf) {
    let dir = private_tempdir();
    let data = dir.path().join("data");
    let store = Store::open(&data).expect("open");
    let banks = [bank("core"), bank("quick")];
    let mut previous: Option<motive::snapshot::Snapshot> = None;
    for i in 0..count {
        let hours = [14, -12, 0][usize::try_from(i % 3).expect("small")];
        let zone = chrono::FixedOffset::east_opt(hours * 3600).expect("offset");
        let day = (at("2020-01-01T12:00:00+00:00") + chrono::Duration::hours(20 * i))
            .with_timezone(&zone);
        let mut s = snapshot(
            &banks[usize::try_from(i % 2).expect("small")],
            day,
            1 + i % 5,
        );
        if i % 7 == 0 {
            s.label = Some(format!("quarter {i} | with a pipe"));
        }
        if let Some(p) = &previous {
            s.follow_ups = vec![motive::snapshot::FollowUp {
                commitment: p.commitments.join("\n"),
                outcome: motive::snapshot::Outcome::Partly,
                note: Some("half of it".into()),
            }];
        }
        previous = Some(store.save(s).expect("save"));
    }
    (dir, data)
}

#[test]
fn the_streamed_export_is_the_document_built_at_once() {
    let (dir, data) = many_check_ins(300);
    let all = Store::read_only(&data).list();
    assert!(all.problems.is_empty());
    let ids: Vec<&str> = all.snapshots.iter().map(|s| s.id.as_str()).collect();
    let mut by_name = ids.clone();
    by_name.sort_unstable();
    assert_ne!(ids, by_name, "ids and finish times disagree in order");
    let stdout = |format: &str| {
        motive(&data)
            .args(["export", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let expected = motive::commands::export::json(&all.snapshots, &[]).expect("json");
    assert_eq!(String::from_utf8(stdout("json")).expect("utf8"), expected);
    let file = dir.path().join("backup.json");
    export_to(&data, &file).success();
    assert_eq!(fs::read_to_string(&file).expect("read"), expected);
    assert_eq!(
        String::from_utf8(stdout("md")).expect("utf8"),
        motive::commands::export::markdown(&all.snapshots, &[])
    );
    assert_eq!(
        String::from_utf8(stdout("csv")).expect("utf8"),
        motive::commands::export::csv(&all.snapshots).expect("csv")
    );
}

#[test]
fn an_empty_streamed_export_keeps_its_shape() {
    let dir = private_tempdir();
    let out = json(motive(dir.path()).args(["export", "--format", "json"]));
    assert_eq!(out, serde_json::json!({"format": 2, "snapshots": []}));
    let text = motive(dir.path())
        .args(["export", "--format", "json"])
        .output()
        .expect("run")
        .stdout;
    assert_eq!(
        String::from_utf8(text).expect("utf8"),
        motive::commands::export::json(&[], &[]).expect("json")
    );
}

/// `show` and `compare` find check-ins by name, yet in the order of their
/// finish times, as `list` has them.
#[test]
fn show_and_compare_find_what_list_lists() {
    let (_dir, data) = many_check_ins(30);
    let all = Store::read_only(&data).list().snapshots;
    for back in [0, 1, 2, 5, 29] {
        let shown = json(motive(&data).args(["show", &format!("latest~{back}"), "--json"]));
        assert_eq!(
            shown["id"],
            all[all.len() - 1 - back].id.as_str(),
            "latest~{back}"
        );
    }
    let middle = &all[11].id;
    let shown = json(motive(&data).args(["show", &middle[..13], "--json"]));
    assert_eq!(shown["id"], middle.as_str());
    let compared = motive(&data)
        .arg("compare")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let first_line = String::from_utf8(compared).expect("utf8");
    let expected = format!("{} (", all[all.len() - 2].id);
    assert!(first_line.starts_with(&expected), "{first_line}");
}
