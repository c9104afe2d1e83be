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
