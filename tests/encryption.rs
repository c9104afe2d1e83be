//! Encryption at rest, through the real binary: `motive encrypt`, reading
//! and writing an encrypted data dir, the recovery key, a new passphrase,
//! the errors, a locked data dir, plain files that arrive, `motive decrypt`,
//! and `motive encrypt` killed at random moments.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use motive::checkin::CheckIn;
use motive::store::Store;
use support::{at, bank, motive, private_tempdir, snapshot};

const PASS: &str = "correct horse battery";
/// Words written into check-ins, the draft and an event: never on disk in
/// plain text once the data dir is encrypted.
const SECRETS: [&str; 4] = ["gnarly migration", "thoughts on", "DRAFTNOTE", "EVENTNOTE"];

/// `motive` with a cheap scrypt (debug builds only) and the passphrase.
fn cmd(data: &Path) -> assert_cmd::Command {
    let mut cmd = motive(data);
    cmd.env("MOTIVE_TEST_SCRYPT_WORK_FACTOR", "10")
        .env("MOTIVE_PASSPHRASE", PASS)
        .env_remove("MOTIVE_NEW_PASSPHRASE")
        .env_remove("MOTIVE_RECOVERY_KEY");
    cmd
}

/// A data dir with `n` check-ins, an event with a note, and a draft with a note.
fn store_with(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = private_tempdir();
    let data = dir.path().join("motive");
    let store = Store::open(&data).expect("open");
    let core = bank("core");
    for i in 0..n {
        let day =
            at("2024-01-01T09:00:00+00:00") + chrono::Duration::days(i64::try_from(i).expect("n"));
        store.save(snapshot(&core, day, 3)).expect("save");
    }
    let mut draft = CheckIn::new(&core, &[], None, at("2026-11-01T09:00:00+00:00"));
    draft.questions[0].value = Some(4);
    draft.questions[0].note = "DRAFTNOTE about my manager".into();
    store.save_draft(&draft).expect("draft");
    cmd(&data)
        .args([
            "event",
            "add",
            "2024-03-01",
            "new manager",
            "--note",
            "EVENTNOTE Ana",
        ])
        .assert()
        .success();
    (dir, data)
}

/// Every file under `dir`, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// The files under `dir` that hold any of [`SECRETS`] in plain text.
fn plain_secrets(dir: &Path) -> Vec<PathBuf> {
    files(dir)
        .into_iter()
        .filter(|(_, bytes)| {
            SECRETS
                .iter()
                .any(|s| bytes.windows(s.len()).any(|w| w == s.as_bytes()))
        })
        .map(|(path, _)| path)
        .collect()
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("utf-8")
}

/// Run a command that must fail with status 2 and one line on stderr.
fn fails_with(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().code(2).get_output().clone();
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

/// `motive list --json` with the passphrase: how many, and what it warned.
fn list_json(data: &Path) -> (usize, String) {
    let out = cmd(data)
        .args(["list", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let listed = serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("json");
    (
        listed.len(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn listed(data: &Path) -> usize {
    list_json(data).0
}

fn encrypt(data: &Path) -> String {
    stdout(cmd(data).arg("encrypt"))
}

/// The recovery key in `motive encrypt`'s output.
fn recovery_key(out: &str) -> String {
    out.split_whitespace()
        .find(|w| w.starts_with("AGE-SECRET-KEY-1"))
        .expect("a recovery key is printed")
        .to_string()
}

#[test]
fn a_store_round_trips_through_encrypt_and_decrypt_and_nothing_plain_is_written() {
    let (_dir, data) = store_with(100);
    assert!(
        !plain_secrets(&data).is_empty(),
        "the scan finds plain text"
    );
    let before_list = stdout(cmd(&data).args(["list", "--json"]));
    let before_show = stdout(cmd(&data).args(["show", "latest"]));

    let out = encrypt(&data);
    assert!(recovery_key(&out).len() > 20);
    assert_eq!(plain_secrets(&data), Vec::<PathBuf>::new());
    let names: Vec<String> = files(&data.join("snapshots"))
        .keys()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 100);
    assert!(names.iter().all(|n| n.ends_with(".toml.age")), "{names:?}");

    // Reading, and writing: an event, the cache, a draft; all sealed.
    assert_eq!(stdout(cmd(&data).args(["list", "--json"])), before_list);
    assert_eq!(stdout(cmd(&data).args(["show", "latest"])), before_show);
    cmd(&data)
        .args([
            "event",
            "add",
            "2024-04-01",
            "moved team",
            "--note",
            "EVENTNOTE two",
        ])
        .assert()
        .success();
    assert!(stdout(cmd(&data).args(["event", "list"])).contains("moved team"));
    let _ = stdout(cmd(&data).args(["list"]));
    assert!(
        files(&data.join("cache"))
            .keys()
            .all(|p| p.to_string_lossy().ends_with(".json.age")),
        "{:?}",
        files(&data.join("cache")).keys()
    );
    assert!(
        !files(&data.join("cache")).is_empty(),
        "the cache is written, sealed"
    );
    assert_eq!(plain_secrets(&data), Vec::<PathBuf>::new());

    let out = stdout(cmd(&data).arg("decrypt"));
    assert!(out.contains("decrypted"), "{out}");
    assert!(!data.join("key.age").exists());
    assert!(
        files(&data)
            .keys()
            .all(|p| !p.to_string_lossy().ends_with(".age"))
    );
    let mut plain = motive(&data);
    assert_eq!(stdout(plain.args(["list", "--json"])), before_list);
    assert!(stdout(motive(&data).args(["event", "list"])).contains("moved team"));
}

#[test]
fn the_recovery_key_opens_every_file_and_sets_a_new_passphrase() {
    let (_dir, data) = store_with(2);
    let key = recovery_key(&encrypt(&data));
    // Wrong recovery key: one line, status 2, nothing changed.
    let before = files(&data);
    let err = fails_with(cmd(&data).args(["unlock", "--recovery"]).env(
        "MOTIVE_RECOVERY_KEY",
        "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
    ));
    assert!(err.starts_with("motive: "), "{err}");
    assert_eq!(files(&data), before);

    cmd(&data)
        .args(["unlock", "--recovery"])
        .env("MOTIVE_RECOVERY_KEY", key.to_lowercase())
        .env("MOTIVE_NEW_PASSPHRASE", "a new one")
        .assert()
        .success();
    let mut renewed = cmd(&data);
    renewed.env("MOTIVE_PASSPHRASE", "a new one");
    assert!(stdout(renewed.args(["show", "latest"])).contains("gnarly migration"));
    let err = fails_with(cmd(&data).args(["show", "latest"]));
    assert!(err.contains("wrong passphrase"), "{err}");
}

#[test]
fn a_new_passphrase_rewrites_the_key_file_only() {
    let (_dir, data) = store_with(3);
    encrypt(&data);
    let before = files(&data);
    cmd(&data)
        .arg("passphrase")
        .env("MOTIVE_NEW_PASSPHRASE", "another")
        .assert()
        .success();
    let after = files(&data);
    // The lock file says who last wrote; it holds nothing of the check-ins.
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(bytes) && !path.ends_with("lock"))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(changed, [&data.join("key.age")]);
    assert_eq!(before.len(), after.len());
    let err = fails_with(cmd(&data).args(["show", "latest"]));
    assert!(err.contains("wrong passphrase"), "{err}");
    assert!(
        stdout(
            cmd(&data)
                .env("MOTIVE_PASSPHRASE", "another")
                .args(["show", "latest"])
        )
        .contains("gnarly migration")
    );
}

#[test]
fn each_error_is_one_line_with_status_2_and_changes_nothing() {
    let (_dir, data) = store_with(2);
    encrypt(&data);
    let id = stdout(cmd(&data).args(["list", "--json"]));
    let ids: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&id)
        .expect("json")
        .iter()
        .map(|s| s["id"].as_str().expect("id").to_string())
        .collect();
    let sealed = |id: &str| data.join("snapshots").join(format!("{id}.toml.age"));

    // Wrong passphrase.
    let before = files(&data);
    let err = fails_with(
        cmd(&data)
            .env("MOTIVE_PASSPHRASE", "nope")
            .args(["show", "latest"]),
    );
    assert!(err.contains("wrong passphrase for "), "{err}");
    assert_eq!(files(&data), before);

    // Corrupted ciphertext: one bit flipped.
    let mut bytes = std::fs::read(sealed(&ids[0])).expect("read");
    let at = bytes.len() - 20;
    bytes[at] ^= 0x04;
    std::fs::write(sealed(&ids[0]), &bytes).expect("flip");
    let before = files(&data);
    let err = fails_with(cmd(&data).args(["show", &ids[0]]));
    assert!(err.contains("damaged"), "{err}");
    assert_eq!(files(&data), before);

    // A file encrypted to another key (another data dir's).
    let (_other_dir, other) = store_with(1);
    encrypt(&other);
    let theirs = files(&other.join("snapshots"));
    let (their_path, their_bytes) = theirs.iter().next().expect("a file");
    let stranger = data
        .join("snapshots")
        .join(their_path.file_name().expect("name"));
    std::fs::write(&stranger, their_bytes).expect("copy");
    let stranger_id = stranger
        .file_name()
        .expect("name")
        .to_string_lossy()
        .trim_end_matches(".toml.age")
        .to_string();
    let before = files(&data);
    let err = fails_with(cmd(&data).args(["show", &stranger_id]));
    assert!(err.contains("encrypted to another key"), "{err}");
    assert_eq!(files(&data), before);

    // The key file is missing.
    std::fs::rename(data.join("key.age"), data.join("key.age.away")).expect("move");
    let before = files(&data);
    let err = fails_with(cmd(&data).args(["show", "latest"]));
    assert!(err.contains("is missing"), "{err}");
    assert_eq!(files(&data), before);
}

#[test]
fn a_locked_store_still_says_when_a_check_in_is_due_and_lists_dates() {
    let (_dir, data) = store_with(2);
    encrypt(&data);
    let mut locked = motive(&data);
    locked
        .env("MOTIVE_NOW", "2024-01-05T09:00:00+00:00")
        .env_remove("MOTIVE_PASSPHRASE");
    let out = locked
        .arg("due")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(out.contains("Last check-in: 2024-01-02"), "{out}");

    let out = motive(&data)
        .env_remove("MOTIVE_PASSPHRASE")
        .arg("list")
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        stdout.contains("20240101-090000") && stdout.contains("2024-01-02"),
        "{stdout}"
    );
    assert!(stderr.contains("locked"), "{stderr}");
    // Content needs the key: a clear line, status 2.
    let err = fails_with(
        motive(&data)
            .env_remove("MOTIVE_PASSPHRASE")
            .args(["show", "latest"]),
    );
    assert!(
        err.contains("no terminal to ask for the passphrase"),
        "{err}"
    );
}

#[test]
fn a_plain_file_arriving_in_an_encrypted_store_is_reported_then_adopted() {
    let (_dir, data) = store_with(1);
    encrypt(&data);
    // A second device without encryption saves a check-in.
    let (_other_dir, other) = store_with(0);
    let later = snapshot(&bank("core"), at("2025-06-01T09:00:00+00:00"), 5);
    Store::open(&other)
        .expect("open")
        .save(later)
        .expect("save");
    let plain = other.join("snapshots/20250601-090000.toml");
    std::fs::copy(&plain, data.join("snapshots/20250601-090000.toml")).expect("copy");

    let (_, stderr) = list_json(&data);
    assert!(
        stderr.contains("20250601-090000.toml") && stderr.contains("`motive encrypt` adopts it"),
        "{stderr}"
    );
    assert_eq!(listed(&data), 1, "never silently mixed in");
    // motive doctor names it, once, says what adopts it, and changes nothing.
    let before = files(&data);
    let report = stdout(cmd(&data).arg("doctor"));
    let named: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("20250601-090000.toml"))
        .collect();
    assert_eq!(named.len(), 1, "{report}");
    assert!(
        report.contains("a plain file in an encrypted data dir")
            && report.contains("motive encrypt adopts it"),
        "{report}"
    );
    assert!(
        !report.contains("a listing cannot read"),
        "sealed check-ins read with the key: {report}"
    );
    assert_eq!(files(&data), before, "doctor without --fix changes nothing");
    encrypt(&data);
    assert_eq!(listed(&data), 2);
    assert!(data.join("snapshots/20250601-090000.toml.age").exists());
    assert!(!data.join("snapshots/20250601-090000.toml").exists());
}

/// `motive encrypt` killed at random moments always leaves a store that
/// lists whole (with the passphrase), and the next run finishes the job.
#[test]
fn encrypt_killed_at_random_moments_leaves_a_readable_store_and_resumes() {
    let (_dir, template) = store_with(60);
    kill_loop(&template, "encrypt");
}

/// The same for `motive decrypt`.
#[test]
fn decrypt_killed_at_random_moments_leaves_a_readable_store_and_resumes() {
    let (_dir, template) = store_with(60);
    encrypt(&template);
    kill_loop(&template, "decrypt");
}

/// Run `command` on copies of `template`, killed at random moments; after
/// each kill the copy lists whole, and a second run finishes.
fn kill_loop(template: &Path, command: &str) {
    let parent = private_tempdir();
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    // How long a whole run takes, to spread the kills over it.
    let calibrate = parent.path().join("calibrate");
    copy_dir(template, &calibrate);
    let started = std::time::Instant::now();
    cmd(&calibrate).arg(command).assert().success();
    let span = started.elapsed();
    // Rounds killed half-way: some plain files, some sealed.
    let mut mixed = 0;
    for round in 0..25 {
        let data = parent.path().join(format!("round-{round}"));
        copy_dir(template, &data);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("motive"))
            .arg(command)
            .env("MOTIVE_DATA_DIR", &data)
            .env("MOTIVE_CONFIG_DIR", data.join("config"))
            .env("MOTIVE_TEST_SCRYPT_WORK_FACTOR", "10")
            .env("MOTIVE_PASSPHRASE", PASS)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let micros = u64::try_from(span.as_micros()).expect("span") * (rng % 1000) / 1000;
        std::thread::sleep(Duration::from_micros(micros));
        let _ = child.kill();
        child.wait().expect("reap");
        let names = files(&data.join("snapshots"));
        let sealed = names
            .keys()
            .filter(|p| p.to_string_lossy().ends_with(".age"));
        if (1..names.len()).contains(&sealed.count()) {
            mixed += 1;
        }
        let (listed, stderr) = list_json(&data);
        assert_eq!(listed, 60, "round {round}: {stderr}");
        assert!(!stderr.contains("cannot"), "round {round}: {stderr}");
        let events = stdout(cmd(&data).args(["event", "list"]));
        assert_eq!(
            events.matches("new manager").count(),
            1,
            "round {round}: {events}"
        );
        // A decrypt that finished before the kill has nothing left to do.
        let finished = command == "decrypt"
            && !data.join("key.age").exists()
            && !data.join("converting").exists();
        if !finished {
            cmd(&data).arg(command).assert().success();
        }
        let secrets = plain_secrets(&data);
        if command == "encrypt" {
            assert_eq!(secrets, Vec::<PathBuf>::new(), "round {round}");
        } else {
            assert!(!secrets.is_empty(), "round {round}: decrypted");
            assert!(!data.join("key.recovery.age").exists(), "round {round}");
        }
        assert!(!data.join("converting").exists());
    }
    assert!(mixed > 0, "no kill landed half-way through a run");
}

fn copy_dir(from: &Path, to: &Path) {
    for (path, bytes) in files(from) {
        let target = to.join(path.strip_prefix(from).expect("inside"));
        std::fs::create_dir_all(target.parent().expect("dir")).expect("mkdir");
        std::fs::write(&target, bytes).expect("write");
    }
}

#[test]
fn passphrase_command_is_run_only_by_commands_that_decrypt() {
    let (_dir, data) = store_with(2);
    encrypt(&data);
    let ran = data.join("ran");
    let config = data.join("config");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "passphrase_command = \"touch '{}'; echo '{PASS}'\"\n",
            ran.display()
        ),
    )
    .expect("config");
    let mut no_env = cmd(&data);
    no_env.env_remove("MOTIVE_PASSPHRASE");
    no_env
        .env("MOTIVE_NOW", "2024-01-05T09:00:00+00:00")
        .arg("due")
        .assert()
        .code(1);
    assert!(!ran.exists(), "due needs no passphrase");
    let mut no_env = cmd(&data);
    no_env.env_remove("MOTIVE_PASSPHRASE");
    assert!(stdout(no_env.args(["show", "latest"])).contains("gnarly migration"));
    assert!(ran.exists(), "show ran passphrase_command");
}

#[test]
fn trash_is_named_in_the_warning_and_encrypted_when_asked() {
    let (_dir, data) = store_with(2);
    let first = stdout(motive(&data).args(["list", "--json"]));
    let first: Vec<serde_json::Value> = serde_json::from_str(&first).expect("json");
    let id = first[0]["id"].as_str().expect("id").to_string();
    Store::open(&data).expect("open").trash(&id).expect("trash");
    let out = cmd(&data)
        .arg("encrypt")
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        stderr.contains("git history") && stderr.contains("Syncthing"),
        "{stderr}"
    );
    assert!(stderr.contains("`motive encrypt --trash`"), "{stderr}");
    assert_eq!(
        plain_secrets(&data),
        [data.join(format!("trash/{id}.toml"))]
    );
    cmd(&data).args(["encrypt", "--trash"]).assert().success();
    assert_eq!(plain_secrets(&data), Vec::<PathBuf>::new());
}

/// Syncthing's copy of a sealed check-in (`<id>.toml.sync-conflict-….age`)
/// is named by `motive doctor`, and `--fix` removes it when it holds the
/// same check-in.
#[test]
fn doctor_knows_a_conflict_copy_of_a_sealed_check_in() {
    let (_dir, data) = store_with(1);
    encrypt(&data);
    let snapshots = data.join("snapshots");
    let sealed = std::fs::read_dir(&snapshots)
        .expect("snapshots")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".toml.age"))
        .expect("a sealed check-in");
    let copy = snapshots.join(sealed.replace(
        ".toml.age",
        ".toml.sync-conflict-20261201-101010-ABCDEFG.age",
    ));
    std::fs::copy(snapshots.join(&sealed), &copy).expect("copy");
    let report = stdout(cmd(&data).arg("doctor"));
    assert!(
        report.contains("conflict copy identical to check-in"),
        "{report}"
    );
    assert!(!report.contains("a listing cannot read"), "{report}");
    let fixed = stdout(cmd(&data).args(["doctor", "--fix"]));
    assert!(fixed.contains("removed"), "{fixed}");
    assert!(!copy.exists());
    assert!(snapshots.join(&sealed).exists());
    assert_eq!(listed(&data), 1);
}

/// The text cache `search` and `thread` keep (what people wrote, the most
/// private part) is sealed like the rest, and answers as the files do.
#[test]
fn the_text_cache_of_search_and_thread_is_sealed() {
    let (_dir, data) = store_with(3);
    encrypt(&data);
    // Only files older than two seconds (in whole seconds) are cached.
    std::thread::sleep(Duration::from_millis(3_100));
    let first = stdout(cmd(&data).args(["search", "gnarly", "--json"]));
    assert!(first.contains("gnarly migration"), "{first}");
    let _ = stdout(cmd(&data).args(["thread"]));
    let cache = files(&data.join("cache"));
    let text: Vec<&PathBuf> = cache
        .keys()
        .filter(|p| p.to_string_lossy().contains(".text.json"))
        .collect();
    assert_eq!(text.len(), 1, "{:?}", cache.keys());
    assert!(text[0].to_string_lossy().ends_with(".text.json.age"));
    assert!(cache[text[0]].len() > 1_000, "it holds the check-ins' text");
    assert_eq!(plain_secrets(&data), Vec::<PathBuf>::new());
    assert_eq!(
        stdout(cmd(&data).args(["search", "gnarly", "--json"])),
        first
    );
}
