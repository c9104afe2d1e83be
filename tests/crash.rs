//! Crash consistency: writers killed with SIGKILL at random moments never
//! leave a snapshot that does not parse, never lose one they reported as
//! saved, and never leave a temporary file that a listing shows.
//!
//! The child process is this same test binary, re-run with an env var.

mod support;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Duration as Span;
use motive::store::{Store, parse_snapshot};
use support::{at, bank, snapshot};

const CHILD_ENV: &str = "MOTIVE_CRASH_CHILD_DIR";
const ROUNDS: u64 = 200;
const SAVES_PER_ROUND: i64 = 6;

#[test]
fn writers_killed_at_random_moments_never_break_the_store() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        write_until_killed(Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("motive");
    let snapshots_dir = data.join("snapshots");
    let mut reported: Vec<String> = Vec::new();
    let mut checked: HashSet<String> = HashSet::new();
    let mut rng = 0x2545_f491_4f6c_dd1d_u64; // fixed seed: failures reproduce
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "writers_killed_at_random_moments_never_break_the_store",
            ])
            // --quiet: the harness prints no "test name ... " before our lines.
            .args(["--nocapture", "--test-threads=1", "--quiet"])
            .env(CHILD_ENV, &data)
            .env("MOTIVE_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        // Wait until the child has opened the store, so the delay below
        // lands in its write loop rather than in process start-up.
        let mut line = String::new();
        while !line.trim_end().ends_with("ready") {
            line.clear();
            let read = out.read_line(&mut line).expect("read the writer");
            assert!(
                read > 0,
                "round {round}: the writer ended before it was ready"
            );
        }
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_micros(rng % 30_001)); // 0 to 30 ms
        child.kill().expect("SIGKILL the writer");
        child.wait().expect("reap the writer");
        let saved = out.lines().map_while(Result::ok);
        reported
            .extend(saved.filter_map(|l| l.rsplit_once("saved ").map(|(_, id)| id.to_string())));

        // Every file a writer left is a whole snapshot or a temporary file.
        // Only files new since the last round are parsed: listing a thousand
        // files two hundred times would dominate the test's time.
        if let Ok(entries) = std::fs::read_dir(&snapshots_dir) {
            for entry in entries {
                let name = entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned();
                if name.starts_with(".tmp-") || checked.contains(&name) {
                    continue;
                }
                let text = std::fs::read_to_string(snapshots_dir.join(&name)).expect("read");
                parse_snapshot(&text).unwrap_or_else(|e| panic!("round {round}: {name}: {e}"));
                checked.insert(name);
            }
        }
        for id in &reported {
            let file = format!("{id}.toml");
            assert!(
                checked.contains(&file),
                "round {round}: saved {id} is missing"
            );
        }
        let draft: Option<toml::Table> = Store::read_only(&data)
            .load_draft()
            .unwrap_or_else(|e| panic!("round {round}: a torn draft: {e}"));
        if let Some(draft) = draft {
            assert!(draft.contains_key("step"), "round {round}: draft {draft:?}");
        }
    }
    assert!(
        reported.len() > 20,
        "too few saves to prove anything: {}",
        reported.len()
    );

    // Leftover temporary files are never listed.
    let listing = Store::read_only(&data).list();
    assert!(listing.problems.is_empty(), "{:#?}", listing.problems);
    assert_eq!(listing.snapshots.len(), checked.len());
    for id in &reported {
        assert!(
            listing.snapshots.iter().any(|s| &s.id == id),
            "saved {id} is not listed"
        );
    }
    // Leftover temporary files, once old enough to be sure no writer owns
    // them, are swept by the next writer to open the store.
    let leftovers = temp_files(&data);
    let long_ago = std::time::SystemTime::now() - Duration::from_secs(120);
    for path in &leftovers {
        std::fs::File::options()
            .write(true)
            .open(path)
            .and_then(|f| f.set_modified(long_ago))
            .expect("age a leftover");
    }
    let store = Store::open(&data).expect("open after the crashes");
    assert_eq!(temp_files(&data), Vec::<std::path::PathBuf>::new());
    eprintln!(
        "{ROUNDS} rounds: {} snapshots reported saved, {} files, {} leftovers swept",
        reported.len(),
        checked.len(),
        leftovers.len()
    );
    // And it works normally.
    store
        .save(snapshot(&bank("quick"), at("2030-01-01T09:00:00+00:00"), 3))
        .expect("save");
    assert_eq!(store.list().snapshots.len(), checked.len() + 1);
}

/// Save drafts and snapshots as fast as possible, reporting each saved id.
fn write_until_killed(dir: &Path) {
    let round: i64 = std::env::var("MOTIVE_CRASH_ROUND")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0);
    let store = Store::open(dir).expect("open");
    let quick = bank("quick");
    let base = at("2026-01-01T09:00:00+00:00") + Span::days(round);
    let mut stdout = std::io::stdout();
    writeln!(stdout, "ready").expect("report");
    stdout.flush().expect("flush");
    for i in 0.. {
        let mut draft = toml::Table::new();
        draft.insert("step".into(), i.into());
        draft.insert("notes".into(), "a long note ".repeat(200).into());
        store.save_draft(&draft).expect("save draft");
        // A few snapshots per round, two to a second so the collision suffix
        // is exercised; then drafts only.
        if i < SAVES_PER_ROUND {
            let finished = base + Span::seconds(i / 2);
            let saved = store
                .save(snapshot(&quick, finished, i % 5 + 1))
                .expect("save");
            writeln!(stdout, "saved {}", saved.id).expect("report");
            stdout.flush().expect("flush");
        }
    }
}

/// Temporary files left in the store's directories.
fn temp_files(data: &Path) -> Vec<std::path::PathBuf> {
    ["snapshots", "drafts"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(data.join(sub)).ok())
        .flat_map(|entries| entries.map(|e| e.expect("entry").path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".tmp-"))
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The real binary killed where a crash used to cost a check-in: just after
// Enter on the review (a duplicate), and in the middle of an import (part of
// it). `scripts/crash-loop.sh` runs these with hundreds of rounds; `cargo
// test` runs a few. Rounds come from MOTIVE_CRASH_SAVE_ROUNDS and
// MOTIVE_CRASH_IMPORT_ROUNDS, the seed from MOTIVE_CRASH_SEED.

mod pty;

mod kill_loops {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use motive::checkin::CheckIn;
    use motive::store::{DraftStatus, Store};

    use super::pty::{Spawn, Term, key, quick_check_in_to_review};
    use super::support::{at, bank, snapshot};

    fn rounds(var: &str, default: usize) -> usize {
        std::env::var(var)
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(default)
    }

    fn rng() -> fastrand::Rng {
        let seed = std::env::var("MOTIVE_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0x5eed_u64);
        eprintln!("seed {seed} (MOTIVE_CRASH_SEED)");
        fastrand::Rng::with_seed(seed)
    }

    /// `.toml` files in `dir`, set-aside drafts left out.
    fn toml_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| {
                        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                        name.is_some_and(|n| {
                            n.ends_with(".toml") && !n.starts_with('.') && !n.contains(".bad-")
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Answer a whole quick check-in and stop on its review.
    fn up_to_review(data: &Path, config: &Path) -> Term {
        let term = Term::spawn(&Spawn::new(data, config).args(&["check", "--bank", "quick"]));
        quick_check_in_to_review(
            &term,
            "Find someone who has done this before",
            "Ask Sam for an hour",
        );
        term
    }

    /// Where a kill after Enter on the review left the check-in.
    #[derive(Debug, Default)]
    struct SaveTally {
        rounds: usize,
        /// Killed before the snapshot was written: the draft holds it.
        before: usize,
        /// The snapshot written and the draft still there: the window
        /// where a duplicate used to be born.
        window: usize,
        /// Saved and the draft removed.
        after: usize,
        duplicates: usize,
        losses: usize,
    }

    #[test]
    fn a_check_in_killed_just_after_enter_on_review_is_saved_exactly_once() {
        let rounds = rounds("MOTIVE_CRASH_SAVE_ROUNDS", 10);
        let mut rng = rng();
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("config");

        // How long Enter takes to show "Saved": kills land between 0 and that.
        let calibrate = dir.path().join("calibrate");
        let term = up_to_review(&calibrate, &config);
        let start = Instant::now();
        term.send(key::ENTER);
        term.wait_for("Saved");
        let span = start.elapsed().max(Duration::from_millis(5));
        drop(term);

        let mut tally = SaveTally::default();
        for round in 0..rounds {
            let data = dir.path().join(format!("round-{round}"));
            let mut term = up_to_review(&data, &config);
            term.send(key::ENTER);
            if round % 2 == 0 {
                // Anywhere in the save.
                std::thread::sleep(span.mul_f64(rng.f64() * 1.2));
            } else {
                // Aimed at the window: as the snapshot appears, or just after.
                let deadline = Instant::now() + span * 3;
                while toml_files(&data.join("snapshots")).is_empty() && Instant::now() < deadline {
                    std::hint::spin_loop();
                }
                std::thread::sleep(Duration::from_micros(rng.u64(0..1_500)));
            }
            term.signal(nix::sys::signal::Signal::SIGKILL);
            let _ = term.wait_exit();
            drop(term);

            let saved = toml_files(&data.join("snapshots")).len();
            let drafts = toml_files(&data.join("drafts")).len();
            tally.rounds += 1;
            match (saved, drafts) {
                (0, 1) => tally.before += 1,
                (1, 1) => tally.window += 1,
                (1, 0) => tally.after += 1,
                (0, 0) => tally.losses += 1,
                _ => tally.duplicates += 1,
            }
            assert_eq!(
                (tally.losses, tally.duplicates),
                (0, 0),
                "round {round}: {saved} snapshots, {drafts} drafts after the kill"
            );

            // The next start, as the check-in screen makes it: take the
            // lock, claim the draft, and save what is offered.
            let store = Store::open(&data).expect("open");
            let lock = store.lock("check-in").expect("lock");
            match store.claim_draft(&lock).expect("claim") {
                DraftStatus::None => assert_eq!(saved, 1, "round {round}"),
                DraftStatus::AlreadySaved { removed, .. } => {
                    assert_eq!(saved, 1, "round {round}");
                    assert!(removed);
                }
                DraftStatus::Unfinished(checkin) => {
                    assert_eq!(saved, 0, "round {round}: a saved draft was offered again");
                    store
                        .save(checkin.to_snapshot(at("2030-01-01T09:00:00+00:00")))
                        .expect("save the resumed check-in");
                    store.discard_draft().expect("discard");
                }
                other => panic!("round {round}: {other:?}"),
            }
            let listing = store.list();
            assert!(listing.problems.is_empty(), "{:?}", listing.problems);
            assert_eq!(listing.snapshots.len(), 1, "round {round}: saved once");
            assert!(toml_files(&data.join("drafts")).is_empty(), "round {round}");
            assert_eq!(listing.snapshots[0].commitments, ["Ask Sam for an hour"]);
        }
        eprintln!(
            "save kill loop: {} rounds (half killed 0 to {} ms after Enter, half as the snapshot appeared): {} before the save, {} in the save window, {} after; {} duplicates, {} losses",
            tally.rounds,
            span.mul_f64(1.2).as_millis(),
            tally.before,
            tally.window,
            tally.after,
            tally.duplicates,
            tally.losses
        );
    }

    #[test]
    fn saving_a_resumed_draft_that_was_already_saved_writes_nothing() {
        // What the window leaves, made by hand: the snapshot and the draft.
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let mut checkin = CheckIn::new(&bank("quick"), &[], None, at("2026-05-01T09:00:00+02:00"));
        checkin.questions[0].value = Some(3);
        store.save_draft(&checkin).expect("draft");
        let first = store
            .save(checkin.to_snapshot(at("2026-05-01T09:12:00+02:00")))
            .expect("save");
        let draft: CheckIn = store.load_draft().expect("load").expect("the draft");
        let again = store
            .save(draft.to_snapshot(at("2026-05-02T10:00:00+02:00")))
            .expect("save again");
        assert_eq!(again, first);
        assert_eq!(store.list().snapshots, vec![first]);
    }

    /// Where a kill left an import.
    #[derive(Debug, Default)]
    struct ImportTally {
        rounds: usize,
        /// Killed as it began, before its first file.
        nothing_pending: usize,
        /// Staged, not committed: the next start removed it.
        rolled_back: usize,
        /// Committed: the next start finished it.
        rolled_forward: usize,
        /// Done before the kill.
        completed: usize,
        partial: usize,
    }

    #[test]
    fn an_import_killed_at_random_points_lands_whole_or_not_at_all() {
        const COUNT: usize = 1_000;
        let rounds = rounds("MOTIVE_CRASH_IMPORT_ROUNDS", 6);
        let mut rng = rng();
        let dir = tempfile::tempdir().expect("tempdir");
        let quick = bank("quick");
        let base = at("2026-01-01T09:00:00+00:00");
        let entries: Vec<serde_json::Value> = (0..COUNT)
            .map(|i| {
                let minutes = i64::try_from(i).expect("small") * 97;
                let s = snapshot(&quick, base + chrono::Duration::minutes(minutes), 3);
                serde_json::to_value(s).expect("json")
            })
            .collect();
        let export = dir.path().join("export.json");
        std::fs::write(
            &export,
            serde_json::json!({ "format": 1, "snapshots": entries }).to_string(),
        )
        .expect("write the export");

        let motive = |data: &Path| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_motive"));
            cmd.env("MOTIVE_DATA_DIR", data)
                .env("MOTIVE_CONFIG_DIR", dir.path().join("config"))
                .env("NO_COLOR", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            cmd
        };
        let listed = |data: &Path| -> usize {
            // Killed before it made the data dir: nothing landed (and a
            // named data dir that is missing is an error to `list`).
            if !data.exists() {
                return 0;
            }
            let out = motive(data)
                .args(["list", "--json"])
                .output()
                .expect("list");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout)
                .expect("json")
                .len()
        };

        // Start a kill-able import; return once `mark` appears in the data
        // dir (or the import has ended), or at once without a mark.
        let begin = |data: &Path, mark: Option<&str>| {
            let mut child = motive(data)
                .arg("import")
                .arg(&export)
                .spawn()
                .expect("spawn the import");
            if let Some(mark) = mark.map(|m| data.join(m)) {
                while !mark.exists() && child.try_wait().expect("try_wait").is_none() {
                    std::thread::sleep(Duration::from_micros(100));
                }
            }
            child
        };
        const STAGING: &str = "staging";
        const JOURNAL: &str = "staging/journal.json";
        // How long the staging and the moves take: kills land in them.
        let calibrate = dir.path().join("calibrate");
        let spawned = Instant::now();
        let mut child = begin(&calibrate, Some(STAGING));
        let start = Instant::now();
        while !calibrate.join(JOURNAL).exists() && child.try_wait().expect("try").is_none() {
            std::thread::sleep(Duration::from_micros(100));
        }
        let staging_span = start.elapsed();
        assert!(child.wait().expect("wait").success());
        let moving_span = start.elapsed() - staging_span;
        let whole_span = spawned.elapsed();
        assert_eq!(listed(&calibrate), COUNT);

        let mut tally = ImportTally::default();
        for round in 0..rounds {
            let data = dir.path().join(format!("round-{round}"));
            // Anywhere in the run, while staging, or once committed.
            let (mark, span) = match round % 3 {
                0 => (None, whole_span),
                1 => (Some(STAGING), staging_span),
                _ => (Some(JOURNAL), moving_span),
            };
            let mut child = begin(&data, mark);
            std::thread::sleep(span.mul_f64(rng.f64() * 1.1));
            let _ = child.kill();
            let status = child.wait().expect("reap");

            let staging = data.join("staging");
            let committed = staging.join("journal.json").exists();
            let pending = staging.exists();
            // The next start of any command finishes or undoes it.
            let count = listed(&data);
            tally.rounds += 1;
            match (count, pending, committed) {
                (0, false, _) => tally.nothing_pending += 1,
                (0, true, false) => tally.rolled_back += 1,
                (COUNT, true, true) => tally.rolled_forward += 1,
                (COUNT, false, _) => tally.completed += 1,
                _ => tally.partial += 1,
            }
            assert!(
                count == 0 || count == COUNT,
                "round {round}: {count} of {COUNT} landed ({status})"
            );
            assert!(!staging.exists(), "round {round}: the staging dir is gone");
            let out = motive(&data)
                .arg("import")
                .arg(&export)
                .output()
                .expect("again");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(listed(&data), COUNT, "round {round}");
        }
        eprintln!(
            "import kill loop: {} rounds of {COUNT} check-ins (killed 0 to {} ms after start, into staging or into the moves, by thirds): {} before the first file, {} rolled back, {} rolled forward, {} completed; {} partial",
            tally.rounds,
            whole_span.mul_f64(1.1).as_millis(),
            tally.nothing_pending,
            tally.rolled_back,
            tally.rolled_forward,
            tally.completed,
            tally.partial
        );
    }
}
