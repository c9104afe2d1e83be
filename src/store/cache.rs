//! A derived cache of check-in summaries: `cache/<machine>.json` in the data dir.
//!
//! Reading thousands of snapshot files means parsing thousands of TOML
//! documents; the lists, charts and home screen only need each one's
//! [`Summary`]. The cache keeps those, each stamped with its file's size,
//! inode, and change and modification times. A file whose stamp differs is
//! read again, so the snapshot files stay the only source of truth: deleting
//! the cache, or any damage to it, costs time and nothing else.
//!
//! * One file per machine, named like drafts (see [`super::machine`]): a
//!   data dir synced between machines never sees two writers of the same
//!   cache file.
//! * A file changed within [`SETTLE`] of being read is not cached: file times
//!   tick coarsely, so an edit in the same tick could keep the same stamp
//!   (the "racy" case git's index also guards against).
//! * Written atomically (mode 0600) and only when something changed; a failure
//!   to write is ignored, since the data dir may be read-only to this user.
//! * Read only from a regular file in a real `cache/` directory, up to
//!   `MAX_CACHE_BYTES` (64 MiB): a link, a FIFO or a device there reads as damage,
//!   and the link or FIFO is removed when the cache is written again.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::atomic::Mode;
use super::regular;
use crate::summary::Summary;

/// Bump when [`Summary`] or the scoring behind it changes shape or meaning;
/// the build's version is checked as well.
const CACHE_FORMAT: u32 = 5;

/// A cache file larger than this is damaged (or not ours): ignored unread,
/// and none this large is written. A summary line is about 1 KiB (more with
/// long commitments), so this holds tens of thousands of check-ins; beyond
/// that listing works as well, only without the cache's head start.
const MAX_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// Files changed more recently than this are read again next time.
const SETTLE: Duration = Duration::from_secs(2);

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    ino: u64,
    mtime: i64,
    mtime_ns: i64,
    ctime: i64,
    ctime_ns: i64,
}

impl Stamp {
    #[must_use]
    pub fn of(meta: &fs::Metadata) -> Self {
        Self {
            len: meta.len(),
            ino: meta.ino(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
            ctime: meta.ctime(),
            ctime_ns: meta.ctime_nsec(),
        }
    }

    /// Changed long enough before `now` that a later change must move the
    /// stamp: only such files are cached (see [`write`]).
    #[must_use]
    pub fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let latest = self.mtime.max(self.ctime);
        i64::try_from(now.saturating_sub(SETTLE).as_secs()).is_ok_and(|limit| latest < limit)
    }
}

/// The first line of the file: which build wrote it.
#[derive(Debug, Serialize, Deserialize)]
struct Header<'a> {
    motive: &'a str,
    format: u32,
}

/// Every other line: one file's stamp and summary.
#[derive(Debug, Deserialize)]
struct Entry {
    file: String,
    stamp: Stamp,
    summary: Summary,
}

/// What is written: the same shape, borrowed.
#[derive(Serialize)]
struct EntryRef<'a> {
    file: &'a str,
    stamp: Stamp,
    summary: &'a Summary,
}

/// The summaries of one data dir as last written, in file-name order.
#[derive(Debug)]
pub struct Cache {
    entries: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    /// The file was missing, damaged or from another build, or held a file
    /// that has changed or gone since.
    stale: bool,
}

impl Cache {
    /// Read the cache at `path`; a missing, unreadable, damaged or foreign
    /// file gives an empty cache (to be rebuilt), never an error.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let mut entries = path
            .parent()
            .and_then(|dir| regular::real_dir(dir).ok())
            .and_then(|()| super::sealed::read(path, MAX_CACHE_BYTES).ok())
            .and_then(|bytes| decode(&bytes));
        if let Some(entries) = &mut entries {
            // Written sorted; sorting again costs one pass and guards the merge.
            entries.sort_by(|a, b| a.file.cmp(&b.file));
        }
        Self {
            stale: entries.is_none(),
            entries: entries.unwrap_or_default().into_iter().peekable(),
        }
    }

    /// Take out the cached summary of `file`, if its stamp still matches.
    /// Files must be asked for in name order (a merge with the cache).
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Option<Summary> {
        while self.entries.next_if(|e| e.file.as_str() < file).is_some() {
            self.stale = true; // a file that is gone
        }
        let entry = self.entries.next_if(|e| e.file == file)?;
        if entry.stamp == *stamp {
            Some(entry.summary)
        } else {
            self.stale = true;
            None
        }
    }

    /// After every current file was asked for: whether the cache on disk no
    /// longer matches the files.
    #[must_use]
    pub fn is_stale(&mut self) -> bool {
        self.stale || self.entries.peek().is_some()
    }
}

/// The entries of a cache file, or `None` when it is not one this build
/// wrote. Large caches are decoded on every core, a share of lines each.
fn decode(bytes: &[u8]) -> Option<Vec<Entry>> {
    let newline = bytes.iter().position(|b| *b == b'\n')?;
    let header: Header<'_> = serde_json::from_slice(&bytes[..newline]).ok()?;
    if header.format != CACHE_FORMAT || header.motive != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let lines: Vec<&[u8]> = bytes[newline + 1..]
        .split(|b| *b == b'\n')
        .filter(|line| !line.is_empty())
        .collect();
    // A summary that no valid check-in could give (text that would drive
    // the terminal, a score that is not a number) voids the whole cache.
    super::par_map(&lines, 1024, |line| {
        serde_json::from_slice::<Entry>(line)
            .ok()
            .filter(|entry| super::validate::summary_is_sound(&entry.summary))
    })
    .into_iter()
    .collect()
}

/// Write the cache of `entries` (file name, stamp, summary), leaving out
/// files that have not settled by `now`; creates `cache/` (mode 0700). One
/// JSON line per file after a header line. Best effort: the result only
/// says whether it was written.
pub fn write<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = (&'a str, Stamp, &'a Summary)>,
    now: SystemTime,
) -> bool {
    if !regular::make_way_for_derived(path) {
        return false;
    }
    let mut entries: Vec<EntryRef<'a>> = entries
        .into_iter()
        .filter(|(_, stamp, _)| stamp.settled(now))
        .map(|(file, stamp, summary)| EntryRef {
            file,
            stamp,
            summary,
        })
        .collect();
    entries.sort_by(|a, b| a.file.cmp(b.file));
    let header = Header {
        motive: env!("CARGO_PKG_VERSION"),
        format: CACHE_FORMAT,
    };
    let mut bytes = Vec::new();
    let encoded = serde_json::to_writer(&mut bytes, &header).is_ok()
        && entries.iter().all(|entry| {
            bytes.push(b'\n');
            serde_json::to_writer(&mut bytes, entry).is_ok()
        });
    bytes.push(b'\n');
    // A cache too large to be read back would only cost a write every time.
    let readable = u64::try_from(bytes.len()).is_ok_and(|len| len <= MAX_CACHE_BYTES);
    encoded && readable && super::sealed::write(path, &bytes, Mode::Replace, &|_| Ok(())).is_ok()
}

/// Where this host's cache lives in the data dir `root`.
#[must_use]
pub fn path(root: &Path, host: &str) -> PathBuf {
    root.join("cache").join(format!("{host}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(secs: i64) -> Stamp {
        Stamp {
            len: 10,
            ino: 1,
            mtime: secs,
            mtime_ns: 0,
            ctime: secs,
            ctime_ns: 0,
        }
    }

    fn summary() -> Summary {
        let mut snapshot = crate::snapshot::Snapshot::empty_for_tests("2026-01-05T09:00:00Z");
        snapshot.commitments = vec!["Ship it".into()];
        Summary::of(&snapshot)
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// A cache of `names` (each with `stamp(1_000)`) written at `now`.
    fn written(names: &[&str], now: SystemTime) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let summary = summary();
        let entries = names.iter().map(|n| (*n, stamp(1_000), &summary));
        assert!(write(&path, entries, now));
        (dir, path)
    }

    #[test]
    fn a_file_changed_a_moment_ago_is_not_cached() {
        assert!(!stamp(1_000).settled(at(1_001)));
        assert!(stamp(1_000).settled(at(1_010)));
        let (_dir, path) = written(&["a.toml"], at(1_001));
        assert!(Cache::load(&path).take("a.toml", &stamp(1_000)).is_none());
    }

    #[test]
    fn a_changed_stamp_misses_and_leaves_the_cache_stale() {
        let (_dir, path) = written(&["a.toml"], at(2_000));
        let mut edited = stamp(1_000);
        edited.ctime_ns = 5;
        let mut cache = Cache::load(&path);
        assert!(cache.take("a.toml", &edited).is_none());
        assert!(cache.is_stale());
        let mut cache = Cache::load(&path);
        assert_eq!(cache.take("a.toml", &stamp(1_000)), Some(summary()));
        assert!(!cache.is_stale(), "every entry was used");
    }

    #[test]
    fn a_file_gone_from_the_middle_leaves_the_cache_stale() {
        let (_dir, path) = written(&["a.toml", "b.toml", "c.toml"], at(2_000));
        let mut cache = Cache::load(&path);
        assert!(cache.take("a.toml", &stamp(1_000)).is_some());
        let c = cache.take("c.toml", &stamp(1_000));
        assert!(c.is_some(), "b is skipped");
        assert!(cache.is_stale());
    }

    #[test]
    fn many_entries_decode_on_every_core_in_order() {
        let names: Vec<String> = (0..5_000).map(|i| format!("{i:05}.toml")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (_dir, path) = written(&names, at(2_000));
        let mut cache = Cache::load(&path);
        for name in &names {
            assert!(cache.take(name, &stamp(1_000)).is_some(), "{name}");
        }
        assert!(!cache.is_stale());
    }

    #[test]
    fn damage_or_another_build_gives_an_empty_stale_cache() {
        let (dir, path) = written(&["a.toml"], at(2_000));
        let text = fs::read_to_string(&path).expect("read");
        let foreign = text.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        fs::write(&path, foreign).expect("write");
        let mut foreign = Cache::load(&path);
        assert!(foreign.take("a.toml", &stamp(1_000)).is_none());
        assert!(foreign.is_stale());
        fs::write(&path, b"{ not json").expect("write");
        assert!(Cache::load(&path).is_stale());
        fs::write(&path, &text[..text.len() - 10]).expect("write");
        assert!(Cache::load(&path).is_stale(), "a torn last line");
        assert!(Cache::load(&dir.path().join("missing.json")).is_stale());
    }
}
