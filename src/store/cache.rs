//! A derived cache of check-in summaries: `cache/<host>.json` in the data dir.
//!
//! Reading thousands of snapshot files means parsing thousands of TOML
//! documents; the lists, charts and home screen only need each one's
//! [`Summary`]. The cache keeps those, each stamped with its file's size,
//! inode, and change and modification times. A file whose stamp differs is
//! read again, so the snapshot files stay the only source of truth: deleting
//! the cache, or any damage to it, costs time and nothing else.
//!
//! * One file per host, like drafts: a data dir synced between machines
//!   never sees two writers of the same cache file.
//! * A file changed within [`SETTLE`] of being read is not cached: file times
//!   tick coarsely, so an edit in the same tick could keep the same stamp
//!   (the "racy" case git's index also guards against).
//! * Written atomically (mode 0600) and only when something changed; a failure
//!   to write is ignored, since the data dir may be read-only to this user.

use std::collections::HashMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Mode};
use crate::summary::Summary;

/// Bump when [`Summary`] or the scoring behind it changes shape or meaning;
/// the build's version is checked as well.
const CACHE_FORMAT: u32 = 2;

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

    /// Changed long enough before `now` that a later change must move the stamp.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let latest = self.mtime.max(self.ctime);
        i64::try_from(now.saturating_sub(SETTLE).as_secs()).is_ok_and(|limit| latest < limit)
    }
}

#[derive(Debug, Deserialize)]
struct CacheFile {
    motive: String,
    format: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    file: String,
    stamp: Stamp,
    summary: Summary,
}

/// What is written: the same shape, borrowed.
#[derive(Serialize)]
struct CacheFileRef<'a> {
    motive: &'a str,
    format: u32,
    entries: Vec<EntryRef<'a>>,
}

#[derive(Serialize)]
struct EntryRef<'a> {
    file: &'a str,
    stamp: Stamp,
    summary: &'a Summary,
}

/// The summaries of one data dir, by file name, as last written.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<String, (Stamp, Summary)>,
    /// The file was missing, damaged or from another build.
    unusable: bool,
}

impl Cache {
    /// Read the cache at `path`; a missing, unreadable, damaged or foreign
    /// file gives an empty cache (to be rebuilt), never an error.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let parsed = fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|file| file.format == CACHE_FORMAT && file.motive == env!("CARGO_PKG_VERSION"));
        match parsed {
            Some(file) => Self {
                entries: file
                    .entries
                    .into_iter()
                    .map(|e| (e.file, (e.stamp, e.summary)))
                    .collect(),
                unusable: false,
            },
            None => Self {
                entries: HashMap::new(),
                unusable: true,
            },
        }
    }

    /// Take out the cached summary of `file`, if its stamp still matches.
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Option<Summary> {
        match self.entries.get(file) {
            Some((cached, _)) if cached == stamp => self.entries.remove(file).map(|(_, s)| s),
            _ => None,
        }
    }

    /// After every current file was taken or read: whether the file on disk
    /// no longer matches (it was unusable, or holds files that changed or
    /// went away).
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.unusable || !self.entries.is_empty()
    }
}

/// Write the cache of `entries` (file name, stamp, summary), leaving out
/// files that have not settled by `now`; creates `cache/` (mode 0700). Best
/// effort: the result only says whether it was written.
pub fn write<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = (&'a str, Stamp, &'a Summary)>,
    now: SystemTime,
) -> bool {
    let Some(dir) = path.parent() else {
        return false;
    };
    if !dir.is_dir() && super::create_private_dir(dir).is_err() {
        return false;
    }
    let file = CacheFileRef {
        motive: env!("CARGO_PKG_VERSION"),
        format: CACHE_FORMAT,
        entries: entries
            .into_iter()
            .filter(|(_, stamp, _)| stamp.settled(now))
            .map(|(file, stamp, summary)| EntryRef {
                file,
                stamp,
                summary,
            })
            .collect(),
    };
    serde_json::to_vec(&file)
        .ok()
        .is_some_and(|bytes| atomic::write(path, &bytes, Mode::Replace).is_ok())
}

/// Whether a freshly read file would be kept by [`write`].
#[must_use]
pub fn settled(stamp: &Stamp, now: SystemTime) -> bool {
    stamp.settled(now)
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
        snapshot.commitment = "Ship it".into();
        Summary::of(&snapshot)
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn a_file_changed_a_moment_ago_is_not_cached() {
        assert!(!settled(&stamp(1_000), at(1_001)));
        assert!(settled(&stamp(1_000), at(1_010)));
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let summary = summary();
        assert!(write(
            &path,
            [("a.toml", stamp(1_000), &summary)],
            at(1_001)
        ));
        assert!(Cache::load(&path).take("a.toml", &stamp(1_000)).is_none());
    }

    #[test]
    fn a_changed_stamp_misses_and_leaves_the_cache_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let summary = summary();
        assert!(write(
            &path,
            [("a.toml", stamp(1_000), &summary)],
            at(2_000)
        ));
        let mut edited = stamp(1_000);
        edited.ctime_ns = 5;
        let mut cache = Cache::load(&path);
        assert!(cache.take("a.toml", &edited).is_none());
        assert!(cache.is_stale());
        assert_eq!(cache.take("a.toml", &stamp(1_000)), Some(summary));
        assert!(!cache.is_stale(), "every entry was used");
    }

    #[test]
    fn damage_or_another_build_gives_an_empty_stale_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let summary = summary();
        assert!(write(
            &path,
            [("a.toml", stamp(1_000), &summary)],
            at(2_000)
        ));
        let text = fs::read_to_string(&path).expect("read");
        fs::write(
            &path,
            text.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other"),
        )
        .expect("write");
        let mut foreign = Cache::load(&path);
        assert!(foreign.take("a.toml", &stamp(1_000)).is_none());
        assert!(foreign.is_stale());
        fs::write(&path, b"{ not json").expect("write");
        assert!(Cache::load(&path).is_stale());
        assert!(Cache::load(&dir.path().join("missing.json")).is_stale());
    }
}
