//! The names in `snapshots/`, kept in `cache/<machine>.names` so that
//! finding `latest`, `latest~N`, a date or an id prefix needs no walk of
//! a directory of thousands of files when nothing in it changed.
//!
//! * The index holds every file name the directory listed, sorted, and the
//!   directory's stamp when it was listed: device, inode, and change and
//!   modification times to the nanosecond. Creating, renaming or removing
//!   a file in `snapshots/` moves those times, so an index whose stamp
//!   differs is not used: the directory is listed again and the index
//!   rewritten. Editing a check-in in place changes no name.
//! * A directory changed within [`SETTLE`] of being listed is not indexed:
//!   times tick coarsely, so a change in the same tick could keep the same
//!   stamp (the "racy" case `cache.rs` guards against for files).
//! * Derived and best effort, like the summary cache: written atomically
//!   (mode 0600) through [`super::sealed`] (sealed in an encrypted store,
//!   never written into one that is locked), read only from a regular file
//!   in a real `cache/` directory. Missing, damaged, from another build or
//!   another directory: the directory is listed, as without an index.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::atomic::Mode;
use super::{Problem, Store, regular};

/// The first line of an index this build writes.
const HEADER: &str = concat!("motive-names 1 ", env!("CARGO_PKG_VERSION"));

/// An index larger than this is not ours: ignored unread. Far more than
/// the names of 100,000 check-ins.
const MAX_INDEX_BYTES: u64 = 16 * 1024 * 1024;

/// A directory changed more recently than this is not indexed.
const SETTLE: Duration = Duration::from_secs(2);

/// What identifies one state of a directory's list of names without
/// listing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DirStamp {
    dev: u64,
    ino: u64,
    mtime: i64,
    mtime_ns: i64,
    ctime: i64,
    ctime_ns: i64,
}

impl DirStamp {
    /// The stamp of the real directory `dir`; `None` when it is not one
    /// (missing, a link, a file): then only a listing says what is wrong.
    fn of(dir: &Path) -> Option<Self> {
        let meta = fs::symlink_metadata(dir).ok()?;
        meta.is_dir().then(|| Self {
            dev: meta.dev(),
            ino: meta.ino(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
            ctime: meta.ctime(),
            ctime_ns: meta.ctime_nsec(),
        })
    }

    /// Changed long enough before `now` that any later change must move
    /// the stamp.
    fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let latest = self.mtime.max(self.ctime);
        i64::try_from(now.saturating_sub(SETTLE).as_secs()).is_ok_and(|limit| latest < limit)
    }

    fn line(&self) -> String {
        format!(
            "{} {} {} {} {} {}",
            self.dev, self.ino, self.mtime, self.mtime_ns, self.ctime, self.ctime_ns
        )
    }

    fn parse(line: &str) -> Option<Self> {
        let mut fields = line.split(' ');
        let mut next = || fields.next()?.parse::<i64>().ok();
        let stamp = Self {
            dev: u64::try_from(next()?).ok()?,
            ino: u64::try_from(next()?).ok()?,
            mtime: next()?,
            mtime_ns: next()?,
            ctime: next()?,
            ctime_ns: next()?,
        };
        fields.next().is_none().then_some(stamp)
    }
}

/// Where this machine's index of the data dir `root` lives.
#[must_use]
pub fn path(root: &Path, machine: &str) -> PathBuf {
    root.join("cache").join(format!("{machine}.names"))
}

/// The names the index at `path` holds, sorted, when it was written for a
/// directory whose stamp is `stamp`; `None` when it is missing, damaged,
/// from another build or stale.
fn read(path: &Path, stamp: &DirStamp) -> Option<Vec<String>> {
    regular::real_dir(path.parent()?).ok()?;
    let bytes = super::sealed::read(path, MAX_INDEX_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.split('\n');
    if lines.next()? != HEADER || DirStamp::parse(lines.next()?)? != *stamp {
        return None;
    }
    // The last line counts the names: a file cut short is not an index.
    let body = text.strip_suffix('\n')?;
    let (names, count) = body.rsplit_once('\n')?;
    let count: usize = count.strip_prefix("end ")?.parse().ok()?;
    let names: Vec<String> = names.split('\n').skip(2).map(str::to_string).collect();
    let sorted = names.windows(2).all(|w| w[0] < w[1]);
    (names.len() == count && sorted && names.iter().all(|n| !n.is_empty())).then_some(names)
}

/// Write the index of `names` (sorted, distinct) for a directory stamped
/// `stamp`, unless the directory changed too recently before `now` to be
/// trusted, or a name cannot be kept on one line. Best effort: the result
/// only says whether it was written.
fn write(path: &Path, stamp: &DirStamp, names: &[String], now: SystemTime) -> bool {
    if !stamp.settled(now) || names.iter().any(|n| n.is_empty() || n.contains('\n')) {
        return false;
    }
    if !regular::make_way_for_derived(path) {
        return false;
    }
    let mut text = format!("{HEADER}\n{}\n", stamp.line());
    for name in names {
        text.push_str(name);
        text.push('\n');
    }
    text.push_str(&format!("end {}\n", names.len()));
    let fits = u64::try_from(text.len()).is_ok_and(|len| len <= MAX_INDEX_BYTES);
    fits && super::sealed::write(path, text.as_bytes(), Mode::Replace, &|_| Ok(())).is_ok()
}

impl Store {
    /// The names of the files in `snapshots/` that may hold a check-in
    /// (as [`Store::snapshot_entries`] gives them, sorted), from the index
    /// when the directory has not changed since it was written, else
    /// listed (and the index written); and the problems of a `snapshots/`
    /// dir that cannot be read. No stat of any file.
    pub(super) fn snapshot_names(&self) -> (Vec<String>, Vec<Problem>) {
        self.snapshot_names_at(SystemTime::now())
    }

    /// [`Store::snapshot_names`] as if it were `now`, which decides whether
    /// the directory has settled enough to be indexed.
    pub(super) fn snapshot_names_at(&self, now: SystemTime) -> (Vec<String>, Vec<Problem>) {
        let (importing, import_problem) = self.settle_import();
        let dir = self.snapshots_dir();
        let index = path(&self.root, self.machine.key());
        // The stamp before the listing: a change during it moves the stamp.
        let stamp = DirStamp::of(&dir);
        let indexed = stamp.as_ref().and_then(|stamp| read(&index, stamp));
        let all = match indexed {
            Some(names) => names,
            None => {
                let entries = match super::open_snapshots_dir(&dir, import_problem.clone()) {
                    Ok(entries) => entries,
                    Err(problems) => return (Vec::new(), problems),
                };
                let mut names: Vec<String> = entries
                    .filter_map(Result::ok)
                    .filter_map(|entry| entry.file_name().into_string().ok())
                    .collect();
                names.sort_unstable();
                if let Some(stamp) = &stamp {
                    write(&index, stamp, &names, now);
                }
                names
            }
        };
        let candidates: Vec<((), String)> = all
            .into_iter()
            .filter(|name| super::may_hold_check_in(name, &importing))
            .map(|name| ((), name))
            .collect();
        let names = super::one_form_each(candidates)
            .into_iter()
            .map(|((), name)| name)
            .collect();
        (names, import_problem.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    /// A store with check-in files named `ids` (their content does not
    /// matter to the names).
    fn store_with(ids: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::read_only(dir.path());
        fs::create_dir(dir.path().join("snapshots")).expect("snapshots");
        for id in ids {
            add(&store, id);
        }
        (dir, store)
    }

    fn add(store: &Store, id: &str) {
        fs::write(store.snapshots_dir().join(format!("{id}.toml")), "x").expect("write");
    }

    fn index_of(store: &Store) -> PathBuf {
        path(store.root(), store.machine.key())
    }

    fn names(store: &Store, now: SystemTime) -> Vec<String> {
        let (names, problems) = store.snapshot_names_at(now);
        assert!(problems.is_empty(), "{problems:?}");
        names
    }

    /// What a listing without the index gives.
    fn listed(store: &Store) -> Vec<String> {
        let (entries, _) = store.snapshot_entries();
        let mut names: Vec<String> = entries.into_iter().map(|(_, name)| name).collect();
        names.sort();
        names
    }

    #[test]
    fn a_settled_directory_is_indexed_and_the_index_is_used() {
        let (_dir, store) = store_with(&["20260101-090000", "20260201-090000"]);
        let expected = listed(&store);
        assert_eq!(names(&store, later()), expected);
        let index = index_of(&store);
        let text = fs::read_to_string(&index).expect("an index");
        assert!(text.ends_with("20260201-090000.toml\nend 2\n"), "{text}");
        let mode = fs::metadata(&index).expect("meta").mode() & 0o777;
        assert_eq!(mode, 0o600);
        // The index, not the directory, answers now: a name only the index
        // holds shows that.
        let forged = text.replace(
            "20260201-090000.toml\nend 2",
            "20260201-090000.toml\n20260301-090000.toml\nend 3",
        );
        fs::write(&index, forged).expect("write");
        let from_index = names(&store, later());
        assert_eq!(
            from_index.last().map(String::as_str),
            Some("20260301-090000.toml")
        );
    }

    #[test]
    fn a_directory_changed_a_moment_ago_is_not_indexed() {
        let (_dir, store) = store_with(&["20260101-090000"]);
        assert_eq!(names(&store, SystemTime::now()), listed(&store));
        assert!(
            index_of(&store).symlink_metadata().is_err(),
            "racy: not written"
        );
    }

    #[test]
    fn a_file_added_or_removed_by_another_process_is_seen() {
        let (_dir, store) = store_with(&["20260101-090000", "20260201-090000"]);
        names(&store, later());
        add(&store, "20260301-090000");
        assert_eq!(names(&store, later()), listed(&store));
        assert_eq!(names(&store, later()).len(), 3);
        fs::remove_file(store.snapshots_dir().join("20260101-090000.toml")).expect("remove");
        assert_eq!(names(&store, later()), listed(&store));
        assert_eq!(names(&store, later()).len(), 2);
        fs::rename(
            store.snapshots_dir().join("20260201-090000.toml"),
            store.snapshots_dir().join("20260202-090000.toml"),
        )
        .expect("rename");
        assert_eq!(names(&store, later()), listed(&store));
    }

    #[test]
    fn a_stale_stamp_is_not_trusted() {
        let (_dir, store) = store_with(&["20260101-090000"]);
        names(&store, later());
        let index = index_of(&store);
        let text = fs::read_to_string(&index).expect("an index");
        let mut lines: Vec<&str> = text.lines().collect();
        let mut stamp: Vec<String> = lines[1].split(' ').map(str::to_string).collect();
        stamp[3] = "1".into(); // another mtime_ns
        let stamp = stamp.join(" ");
        lines[1] = &stamp;
        let stale = format!("{}\n", lines.join("\n"))
            .replace("20260101-090000.toml\nend 1", "x.toml\nend 1");
        fs::write(&index, stale).expect("write");
        assert_eq!(names(&store, later()), listed(&store));
    }

    #[test]
    fn damage_or_another_build_falls_back_to_the_listing() {
        let (_dir, store) = store_with(&["20260101-090000", "20260201-090000"]);
        names(&store, later());
        let index = index_of(&store);
        let text = fs::read_to_string(&index).expect("an index");
        let extra = |t: &str| {
            t.replace(
                "20260101-090000.toml\n",
                "20260101-090000.toml\n20260102-090000.toml\n",
            )
        };
        let damaged = [
            extra(&text)
                .replace(env!("CARGO_PKG_VERSION"), "0.0.0-other")
                .replace("end 2", "end 3"),
            extra(&text),
            extra(&text[..text.len() - 1]),
            extra(&text).replace("\nend 2\n", "\n"),
            extra(&text)
                .replace(
                    "20260101-090000.toml\n20260102",
                    "20260103-090000.toml\n20260102",
                )
                .replace("end 2", "end 3"),
            "{ not an index".to_string(),
            String::new(),
        ];
        for bad in damaged {
            fs::write(&index, &bad).expect("write");
            assert_eq!(names(&store, SystemTime::now()), listed(&store), "{bad:?}");
        }
        fs::remove_file(&index).expect("remove");
        std::os::unix::fs::symlink("/dev/null", &index).expect("link");
        assert_eq!(names(&store, later()), listed(&store));
        assert!(
            fs::symlink_metadata(&index).expect("rewritten").is_file(),
            "a link is replaced by a file"
        );
    }

    #[test]
    fn hidden_and_foreign_names_are_left_out_as_in_a_listing() {
        let (_dir, store) = store_with(&["20260101-090000"]);
        for name in [".hidden.toml", "notes.txt", ".motive-tmp-1"] {
            fs::write(store.snapshots_dir().join(name), "x").expect("write");
        }
        let first = names(&store, later());
        assert_eq!(first, listed(&store));
        assert_eq!(names(&store, later()), first, "the same from the index");
    }

    #[test]
    fn a_missing_snapshots_dir_is_no_names_and_no_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::read_only(dir.path());
        assert!(names(&store, later()).is_empty());
        assert!(
            !dir.path().join("cache").exists(),
            "a read never creates the data dir"
        );
    }

    #[test]
    fn stamps_read_back_as_written() {
        let (dir, _store) = store_with(&[]);
        let stamp = DirStamp::of(dir.path()).expect("a dir");
        assert_eq!(DirStamp::parse(&stamp.line()), Some(stamp));
        assert_eq!(DirStamp::parse(&format!("{} 7", stamp.line())), None);
        assert_eq!(DirStamp::parse("1 2 3"), None);
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(32))]
            /// Whatever other processes add and remove between two runs,
            /// the names from the index are the names a listing gives.
            #[test]
            fn the_index_gives_what_a_listing_gives(
                steps in proptest::collection::vec((any::<bool>(), 0u32..40), 1..25),
            ) {
                let (_dir, store) = store_with(&[]);
                for (adding, n) in steps {
                    let id = format!("2026{:02}{:02}-090000", 1 + n % 12, 1 + n % 28);
                    let file = store.snapshots_dir().join(format!("{id}.toml"));
                    if adding {
                        fs::write(&file, "x").expect("write");
                    } else {
                        let _ = fs::remove_file(&file);
                    }
                    prop_assert_eq!(names(&store, later()), listed(&store));
                    prop_assert_eq!(names(&store, later()), listed(&store), "from the index");
                }
            }
        }
    }
}
