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
const CACHE_FORMAT: u32 = 1;

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

#[derive(Debug, Serialize, Deserialize)]
struct CacheFile {
    motive: String,
    format: u32,
    entries: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    file: String,
    stamp: Stamp,
    summary: Summary,
}

/// The summaries of one data dir, by file name.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<String, (Stamp, Summary)>,
    /// The cache no longer matches the files: write it back.
    dirty: bool,
}

impl Cache {
    /// Read the cache at `path`; a missing, unreadable, damaged or foreign
    /// file gives an empty cache (to be rebuilt), never an error.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let Ok(bytes) = fs::read(path) else {
            return Self::default();
        };
        match serde_json::from_slice::<CacheFile>(&bytes) {
            Ok(file) if file.format == CACHE_FORMAT && file.motive == env!("CARGO_PKG_VERSION") => {
                Self {
                    entries: file
                        .entries
                        .into_iter()
                        .map(|e| (e.file, (e.stamp, e.summary)))
                        .collect(),
                    dirty: false,
                }
            }
            _ => Self {
                entries: HashMap::new(),
                dirty: true,
            },
        }
    }

    /// The cached summary of `file`, if its stamp still matches.
    #[must_use]
    pub fn get(&self, file: &str, stamp: &Stamp) -> Option<&Summary> {
        self.entries
            .get(file)
            .filter(|(cached, _)| cached == stamp)
            .map(|(_, summary)| summary)
    }

    /// Remember a freshly read summary, if its file has settled.
    pub fn insert(&mut self, file: String, stamp: Stamp, summary: Summary, now: SystemTime) {
        if stamp.settled(now) {
            self.entries.insert(file, (stamp, summary));
            self.dirty = true;
        }
    }

    /// Forget files that are gone or no longer readable.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        let before = self.entries.len();
        self.entries.retain(|file, _| keep(file));
        self.dirty |= self.entries.len() != before;
    }

    /// Write the cache back when it changed, creating `cache/` (mode 0700).
    /// Best effort: the result only says whether it was written.
    pub fn save(self, path: &Path) -> bool {
        if !self.dirty {
            return false;
        }
        let Some(dir) = path.parent() else {
            return false;
        };
        if !dir.is_dir() && super::create_private_dir(dir).is_err() {
            return false;
        }
        let mut entries: Vec<Entry> = self
            .entries
            .into_iter()
            .map(|(file, (stamp, summary))| Entry {
                file,
                stamp,
                summary,
            })
            .collect();
        entries.sort_by(|a, b| a.file.cmp(&b.file));
        let file = CacheFile {
            motive: env!("CARGO_PKG_VERSION").to_string(),
            format: CACHE_FORMAT,
            entries,
        };
        serde_json::to_vec(&file)
            .ok()
            .is_some_and(|bytes| atomic::write(path, &bytes, Mode::Replace).is_ok())
    }
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
        let mut cache = Cache::default();
        cache.insert("a.toml".into(), stamp(1_000), summary(), at(1_001));
        assert!(cache.get("a.toml", &stamp(1_000)).is_none());
        cache.insert("a.toml".into(), stamp(1_000), summary(), at(1_010));
        assert!(cache.get("a.toml", &stamp(1_000)).is_some());
    }

    #[test]
    fn a_changed_stamp_misses() {
        let mut cache = Cache::default();
        cache.insert("a.toml".into(), stamp(1_000), summary(), at(2_000));
        let mut edited = stamp(1_000);
        edited.ctime_ns = 5;
        assert!(cache.get("a.toml", &edited).is_none());
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let mut cache = Cache::default();
        cache.insert("a.toml".into(), stamp(1_000), summary(), at(2_000));
        assert!(cache.save(&path));
        let loaded = Cache::load(&path);
        assert_eq!(loaded.get("a.toml", &stamp(1_000)), Some(&summary()));
        assert!(!loaded.save(&path), "an unchanged cache is not rewritten");

        fs::write(&path, b"{ not json").expect("write");
        let damaged = Cache::load(&path);
        assert!(damaged.get("a.toml", &stamp(1_000)).is_none());
        assert!(damaged.dirty, "a damaged cache is rebuilt");
    }

    #[test]
    fn a_cache_from_another_build_is_ignored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let mut cache = Cache::default();
        cache.insert("a.toml".into(), stamp(1_000), summary(), at(2_000));
        assert!(cache.save(&path));
        let text = fs::read_to_string(&path).expect("read");
        let foreign = text.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        fs::write(&path, foreign).expect("write");
        assert!(Cache::load(&path).get("a.toml", &stamp(1_000)).is_none());
    }
}
