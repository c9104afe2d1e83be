//! A derived cache of what people wrote: `cache/<machine>.text.json` in the
//! data dir, beside the summary cache ([`super::cache`]) and under the same
//! rules.
//!
//! `motive search` and `motive thread` (and the TUI's `/` and thread) need
//! only the written text of each check-in ([`Writing`]), not its scores;
//! parsing every check-in's TOML for it was most of their cost. The cache
//! keeps each check-in's [`Writing`] stamped with its file's
//! [`Stamp`]; a file whose stamp differs is read again, so the check-in
//! files stay the only source of truth: deleting the cache, or any damage
//! to it, costs time and nothing else.
//!
//! * One file per machine, named like the summary cache: a data dir synced
//!   between machines never sees two writers of the same cache file.
//! * A file changed within the summary cache's settling time of being read
//!   is not cached ([`Stamp::settled`]): an edit in the same tick of the
//!   file clock could keep the same stamp.
//! * Written atomically (mode 0600), through [`super::sealed`] (sealed in an
//!   encrypted data dir, like every other file), and only when something
//!   changed; a failure to write is ignored, since the data dir may be
//!   read-only to this user.
//! * Read only from a regular file in a real `cache/` directory, up to
//!   [`MAX_TEXT_CACHE_BYTES`]; none larger is written. A link, a FIFO or a
//!   device there reads as damage and is removed when the cache is written
//!   again. An entry holding text no valid check-in could hold (a control
//!   character, an id that is not one) voids the whole file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::atomic::Mode;
use super::cache::Stamp;
use super::{Listing, Problem, SnapshotFile, Store, regular};
use crate::limits::{MAX_REFLECTIONS, MAX_STATEMENTS};
use crate::search::Writing;
use crate::snapshot::MAX_COMMITMENTS;
use crate::text::policy::{self, Kind};

/// Bump when [`Writing`] changes shape or meaning; the build's version is
/// checked as well.
const TEXT_CACHE_FORMAT: u32 = 1;

/// A text cache larger than this is damaged (or not ours): ignored unread,
/// and none this large is written. The synthetic history's check-ins take
/// about 5 KiB each (51 MB at 10,000), so this holds some 25,000 of them;
/// beyond that search works as well, only without the cache's head start.
pub const MAX_TEXT_CACHE_BYTES: u64 = 128 * 1024 * 1024;

/// The first line of the file: what it is and which build wrote it.
#[derive(Debug, Serialize, Deserialize)]
struct Header<'a> {
    cache: &'a str,
    motive: &'a str,
    format: u32,
}

const WHAT: &str = "text";

/// Every other line: one check-in file's stamp and writing.
#[derive(Debug, Deserialize)]
struct Line {
    file: String,
    stamp: Stamp,
    writing: Writing,
}

/// What is written: the same shape, borrowed.
#[derive(Serialize)]
struct LineRef<'a> {
    file: &'a str,
    stamp: Stamp,
    writing: &'a Writing,
}

/// The writings of one data dir as last cached, by file name.
#[derive(Debug)]
pub struct TextCache {
    entries: HashMap<String, (Stamp, Writing)>,
    /// The file was missing, damaged or from another build, or held a
    /// check-in that has changed since.
    stale: bool,
}

impl TextCache {
    /// Read the text cache at `path`; a missing, unreadable, damaged or
    /// foreign file gives an empty, stale cache, never an error.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let entries = path
            .parent()
            .and_then(|dir| regular::real_dir(dir).ok())
            .and_then(|()| super::sealed::read(path, MAX_TEXT_CACHE_BYTES).ok())
            .and_then(|bytes| decode(&bytes));
        Self {
            stale: entries.is_none(),
            entries: entries
                .unwrap_or_default()
                .into_iter()
                .map(|line| (line.file, (line.stamp, line.writing)))
                .collect(),
        }
    }

    /// Take out the cached writing of `file`, if its stamp still matches.
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Option<Writing> {
        let (cached, writing) = self.entries.remove(file)?;
        if cached == *stamp {
            Some(writing)
        } else {
            self.stale = true;
            None
        }
    }

    /// After every current file was asked for: whether the file on disk no
    /// longer matches the check-ins (a changed one, or one that is gone).
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.stale || !self.entries.is_empty()
    }
}

/// The lines of a text cache file, or `None` when it is not one this build
/// wrote, or any line is damaged. Large caches are decoded on every core.
fn decode(bytes: &[u8]) -> Option<Vec<Line>> {
    let mut lines = bytes.split(|b| *b == b'\n').filter(|line| !line.is_empty());
    let header: Header<'_> = serde_json::from_slice(lines.next()?).ok()?;
    let ours = header.cache == WHAT
        && header.format == TEXT_CACHE_FORMAT
        && header.motive == env!("CARGO_PKG_VERSION");
    if !ours {
        return None;
    }
    let lines: Vec<&[u8]> = lines.collect();
    let decoded = super::par_map(&lines, 1024, |line| {
        serde_json::from_slice::<Line>(line)
            .ok()
            .filter(|line| is_sound(&line.writing))
    });
    decoded.into_iter().collect()
}

/// Whether a cached writing holds only what a check-in that passed
/// [`super::validate_snapshot`] could have given it, under the same rules
/// for each text.
fn is_sound(w: &Writing) -> bool {
    let texts = w
        .label
        .iter()
        .map(|l| (l.as_str(), Kind::Paragraph))
        .chain(w.notes.iter().flat_map(|n| {
            [
                (n.statement.as_str(), Kind::Paragraph),
                (n.text.as_str(), Kind::Text),
            ]
        }))
        .chain(w.reflections.iter().flat_map(|r| {
            [
                (r.id.as_str(), Kind::Line),
                (r.prompt.as_str(), Kind::Paragraph),
                (r.text.as_str(), Kind::Text),
            ]
        }))
        .chain(w.commitments.iter().map(|c| (c.as_str(), Kind::Text)))
        .chain(w.follow_up_notes.iter().map(|n| (n.as_str(), Kind::Text)));
    super::validate::check_id(&w.id).is_ok()
        && w.notes.len() <= MAX_STATEMENTS
        && w.reflections.len() <= MAX_REFLECTIONS
        && w.commitments.len() <= MAX_COMMITMENTS
        && w.follow_up_notes.len() <= MAX_COMMITMENTS
        && texts
            .into_iter()
            .all(|(text, kind)| policy::check(text, kind).is_ok())
}

/// Write the text cache of `entries` (file name, stamp, writing), leaving
/// out files that have not settled by `now`; creates `cache/` (mode 0700).
/// One JSON line per file after a header line. Best effort: the result
/// only says whether it was written.
pub fn write<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = (&'a str, Stamp, &'a Writing)>,
    now: SystemTime,
) -> bool {
    if regular::make_way_for_derived(path).is_err() {
        return false;
    }
    let header = Header {
        cache: WHAT,
        motive: env!("CARGO_PKG_VERSION"),
        format: TEXT_CACHE_FORMAT,
    };
    let Ok(mut bytes) = serde_json::to_vec(&header) else {
        return false;
    };
    for (file, stamp, writing) in entries {
        if !stamp.settled(now) {
            continue;
        }
        bytes.push(b'\n');
        let line = LineRef {
            file,
            stamp,
            writing,
        };
        if serde_json::to_writer(&mut bytes, &line).is_err() {
            return false;
        }
        // A cache too large to be read back would only cost a write every time.
        if u64::try_from(bytes.len()).map_or(true, |len| len >= MAX_TEXT_CACHE_BYTES) {
            return false;
        }
    }
    bytes.push(b'\n');
    super::sealed::write(path, &bytes, Mode::Replace, &|_| Ok(())).is_ok()
}

/// Where this machine's text cache lives in the data dir `root`.
#[must_use]
pub fn path(root: &Path, machine: &str) -> PathBuf {
    root.join("cache").join(format!("{machine}.{WHAT}.json"))
}

impl Store {
    /// What was written in every readable check-in, oldest first, and the
    /// files that could not be used (as [`Store::list`] reports them): all
    /// that search and the threads of reflection prompts read.
    ///
    /// The writings come from the text cache (see [`self`]); only files
    /// that are new or changed since it was written are parsed, and then
    /// learned. Like [`Store::summaries`], it never is the only copy of
    /// anything.
    #[must_use]
    pub fn writings(&self) -> Listing<Writing> {
        self.writings_at(SystemTime::now())
    }

    /// [`Store::writings`] as if it were `now`, which decides which files
    /// have settled enough to be cached.
    #[must_use]
    pub fn writings_at(&self, now: SystemTime) -> Listing<Writing> {
        let (files, mut problems) = self.snapshot_files();
        let cache_path = path(&self.root, self.machine.key());
        let mut cache = TextCache::load(&cache_path);
        let mut known: Vec<(&SnapshotFile, Writing)> = Vec::with_capacity(files.len());
        let mut missed: Vec<&SnapshotFile> = Vec::new();
        for file in &files {
            match cache.take(&file.name, &file.stamp) {
                Some(writing) => known.push((file, writing)),
                None => missed.push(file),
            }
        }
        let paths: Vec<&Path> = missed.iter().map(|f| f.path.as_path()).collect();
        let mut learned = false;
        for (file, read) in missed.into_iter().zip(super::read_all(&paths)) {
            match read {
                Ok(snapshot) => {
                    learned |= file.stamp.settled(now);
                    known.push((file, Writing::of(&snapshot)));
                }
                Err(reason) => problems.push(Problem {
                    path: file.path.clone(),
                    reason,
                }),
            }
        }
        // As the summary cache: none for an empty data dir, and a stale one
        // is rewritten so it stops holding what is gone.
        let has_something = !files.is_empty() || cache_path.symlink_metadata().is_ok();
        if learned || (has_something && cache.is_stale()) {
            let lines = known
                .iter()
                .map(|(file, writing)| (file.name.as_str(), file.stamp, writing));
            write(&cache_path, lines, now);
        }
        let mut writings: Vec<Writing> = known.into_iter().map(|(_, w)| w).collect();
        super::sort_by_time(&mut writings, |w| (w.finished_at, &w.id));
        Listing {
            snapshots: writings,
            problems,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::time::Duration;

    use super::*;
    use crate::snapshot::Snapshot;

    /// Late enough that every file written by the test counts as settled.
    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    /// A store of `n` check-ins, each with a note, a reflection and a
    /// commitment of its own.
    fn store_with(n: u32) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        for i in 1..=n {
            let mut s = Snapshot::empty_for_tests(&format!("2026-0{i}-01T09:00:00+00:00"));
            s.label = Some(format!("Q{i}"));
            s.commitments = vec![format!("Ship part {i}")];
            s.reflections = vec![crate::snapshot::ReflectionAnswer {
                id: "want-changed".into(),
                prompt: "What do you actually want?".into(),
                text: format!("Answer number {i}, Résumé"),
            }];
            store.save(s).expect("save");
        }
        (dir, store)
    }

    /// What reading every check-in in full gives.
    fn uncached(store: &Store) -> Vec<Writing> {
        store.list().snapshots.iter().map(Writing::of).collect()
    }

    fn cache_of(dir: &tempfile::TempDir, store: &Store) -> PathBuf {
        path(dir.path(), store.machine.key())
    }

    #[test]
    fn writings_match_the_full_read_and_are_cached_privately() {
        let (dir, store) = store_with(3);
        let full = uncached(&store);
        assert_eq!(full.len(), 3);
        assert_eq!(store.writings_at(later()).snapshots, full);
        let cache = cache_of(&dir, &store);
        let mode = fs::metadata(&cache).expect("written").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let text = fs::read_to_string(&cache).expect("read");
        assert!(text.contains("Answer number 2, Résumé"), "{text}");
        // Now from the cache: nothing is learned, nothing rewritten.
        let before = fs::metadata(&cache)
            .expect("cache")
            .modified()
            .expect("mtime");
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(store.writings_at(later()).snapshots, full);
        let after = fs::metadata(&cache)
            .expect("cache")
            .modified()
            .expect("mtime");
        assert_eq!(before, after, "an unchanged cache is not written again");
    }

    #[test]
    fn files_written_a_moment_ago_are_read_but_not_cached() {
        let (dir, store) = store_with(2);
        assert_eq!(store.writings().snapshots, uncached(&store));
        let text = fs::read_to_string(cache_of(&dir, &store)).unwrap_or_default();
        assert!(!text.contains("Answer number"), "{text}");
    }

    #[test]
    fn an_edited_file_is_read_again() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later());
        let file = dir.path().join("snapshots/20260201-090000.toml");
        let text = fs::read_to_string(&file).expect("read");
        let edited = text.replace("Answer number 2", "An answer rewritten by hand, longer");
        fs::write(&file, edited).expect("edit");
        let writings = store.writings_at(later()).snapshots;
        assert_eq!(writings, uncached(&store));
        assert_eq!(
            writings[1].reflections[0].text,
            "An answer rewritten by hand, longer, Résumé"
        );
    }

    #[test]
    fn damage_another_build_or_hostile_text_cost_time_not_answers() {
        let (dir, store) = store_with(2);
        let full = uncached(&store);
        let _ = store.writings_at(later());
        let cache = cache_of(&dir, &store);
        let good = fs::read_to_string(&cache).expect("read");
        let summary_cache = super::super::cache::path(dir.path(), store.machine.key());
        let foreign = fs::read_to_string(&summary_cache).unwrap_or_else(|_| "{}".into());
        for damage in [
            "\0\0 garbage".to_string(),
            good[..good.len() - 10].to_string(),
            good.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other"),
            good.replace("Answer number 1", "\\u001b]0;pwned\\u0007"),
            good.replace("20260101-090000\"", "../../etc/passwd\""),
            foreign.clone(),
        ] {
            fs::write(&cache, &damage).expect("damage");
            assert!(TextCache::load(&cache).is_stale(), "{damage:?}");
            assert_eq!(store.writings_at(later()).snapshots, full, "{damage:?}");
            assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
        }
        fs::remove_file(&cache).expect("delete");
        assert_eq!(store.writings_at(later()).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
    }

    #[test]
    fn a_link_in_place_of_the_cache_is_not_followed() {
        let (dir, store) = store_with(1);
        let cache = cache_of(&dir, &store);
        fs::create_dir_all(cache.parent().expect("dir")).expect("mkdir");
        let elsewhere = dir.path().join("elsewhere.json");
        fs::write(&elsewhere, "keep me").expect("write");
        std::os::unix::fs::symlink(&elsewhere, &cache).expect("link");
        assert_eq!(store.writings_at(later()).snapshots, uncached(&store));
        assert_eq!(fs::read_to_string(&elsewhere).expect("read"), "keep me");
        assert!(fs::symlink_metadata(&cache).expect("cache").is_file());
    }

    #[test]
    fn problems_and_deletions_show_every_time() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later());
        store.trash("20260101-090000").expect("trash");
        fs::write(
            dir.path().join("snapshots/20260501-090000.toml"),
            "format = [",
        )
        .expect("corrupt file");
        for _ in 0..2 {
            let listing = store.writings_at(later());
            let ids: Vec<&str> = listing.snapshots.iter().map(|w| w.id.as_str()).collect();
            assert_eq!(ids, ["20260201-090000"]);
            assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
        }
        let text = fs::read_to_string(cache_of(&dir, &store)).expect("read");
        assert!(!text.contains("20260101-090000"), "the trashed one is gone");
    }

    #[test]
    fn an_empty_data_dir_gets_no_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        assert!(store.writings_at(later()).snapshots.is_empty());
        assert!(!dir.path().join("cache").exists());
    }
}
