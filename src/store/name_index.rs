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
//! * The ids carry a checksum (CRC-32) of their lines: a damaged index is
//!   listed again rather than used, and a read checks the ids in one pass
//!   over the text, without splitting them apart (see [`Ids`]).
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
use super::ids::Ids;
use super::{Problem, Store, regular};

/// The first line of an index this build writes.
const HEADER: &str = concat!("motive-names 2 ", env!("CARGO_PKG_VERSION"));

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

/// What the names in `snapshots/` say: the ids of the files that may hold
/// a check-in, sorted, and the names of those that cannot (not a check-in
/// id: the listing reports them).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Names {
    pub ids: Ids,
    pub misnamed: Vec<String>,
}

/// A file name as a listing could give it: one path component, `*.toml`
/// (or sealed), not hidden.
fn plausible_name(name: &str) -> bool {
    !name.contains('/') && super::may_hold_check_in(name, &std::collections::HashSet::new())
}

/// The names the index at `path` holds when it was written for a
/// directory whose stamp is `stamp`; `None` when it is missing, damaged,
/// from another build or stale. The ids stay in the text as read (see
/// [`Ids`]): one pass checks that they are digits and `-` only and as many
/// as the index says, and their checksum that they are the ones written,
/// in the order written (sorted).
fn read(path: &Path, stamp: &DirStamp) -> Option<Names> {
    regular::real_dir(path.parent()?).ok()?;
    let bytes = super::sealed::read(path, MAX_INDEX_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut lines = text.split_inclusive('\n');
    let mut line = || lines.next()?.strip_suffix('\n');
    let (header, stamp_line, count_line) = (line()?, line()?, line()?);
    if header != HEADER || DirStamp::parse(stamp_line)? != *stamp {
        return None;
    }
    let mut fields = count_line.strip_prefix("ids ")?.split(' ');
    let count: usize = fields.next()?.parse().ok()?;
    let checksum = fields.next().filter(|hex| hex.len() == 8)?;
    let checksum = u32::from_str_radix(checksum, 16).ok()?;
    if fields.next().is_some() {
        return None;
    }
    // Where the ids start: after the three lines just read.
    let start = header.len() + stamp_line.len() + count_line.len() + 3;
    // Ids hold no letters: the first line that does ends them.
    let end = start + text.get(start - 1..)?.find("\nmisnamed ")?;
    if crc32fast::hash(text.get(start..end)?.as_bytes()) != checksum {
        return None;
    }
    let mut rest = text.get(end..)?.strip_suffix('\n')?.split('\n');
    let misnamed_count: usize = rest.next()?.strip_prefix("misnamed ")?.parse().ok()?;
    let misnamed: Vec<String> = rest
        .by_ref()
        .take(misnamed_count)
        .map(str::to_string)
        .collect();
    let sound = misnamed.len() == misnamed_count
        && misnamed.iter().all(|n| plausible_name(n))
        && rest.next()? == "end"
        && rest.next().is_none();
    if !sound {
        return None;
    }
    let ids = Ids::in_text(text, start..end, count)?;
    Some(Names { ids, misnamed })
}

/// The text of the index of `names` for a directory stamped `stamp`: the
/// header, the stamp, `ids <count> <checksum of their lines, hex>`, one id
/// a line, `misnamed <count>`, one name a line, and `end`.
fn text_of(stamp: &DirStamp, names: &Names) -> String {
    let mut ids = String::new();
    for id in names.ids.iter() {
        ids.push_str(id);
        ids.push('\n');
    }
    let mut text = format!(
        "{HEADER}\n{}\nids {} {:08x}\n{ids}misnamed {}\n",
        stamp.line(),
        names.ids.len(),
        crc32fast::hash(ids.as_bytes()),
        names.misnamed.len()
    );
    for name in &names.misnamed {
        text.push_str(name);
        text.push('\n');
    }
    text.push_str("end\n");
    text
}

/// Write the index of `names` for a directory stamped `stamp`, unless the
/// directory changed too recently before `now` to be trusted, or a name
/// cannot be kept on one line. Best effort: the result only says whether
/// it was written.
fn write(path: &Path, stamp: &DirStamp, names: &Names, now: SystemTime) -> bool {
    let one_line = |n: &String| !n.is_empty() && !n.contains('\n');
    if !stamp.settled(now) || !names.misnamed.iter().all(one_line) {
        return false;
    }
    if regular::make_way_for_derived(path).is_err() {
        return false;
    }
    let text = text_of(stamp, names);
    let fits = u64::try_from(text.len()).is_ok_and(|len| len <= MAX_INDEX_BYTES);
    fits && super::sealed::write(path, text.as_bytes(), Mode::Replace, &|_| Ok(())).is_ok()
}

impl Store {
    /// The ids of the files in `snapshots/` that may hold a check-in (as
    /// [`Store::snapshot_entries`] gives them), sorted, and the names of
    /// those that are not check-in ids; from the index when the directory
    /// has not changed since it was written, else listed (and the index
    /// written); and the problems of a `snapshots/` dir that cannot be
    /// read. No stat of any file.
    pub(super) fn snapshot_ids(&self) -> (Names, Vec<Problem>) {
        self.snapshot_ids_at(SystemTime::now())
    }

    /// [`Store::snapshot_ids`] as if it were `now`, which decides whether
    /// the directory has settled enough to be indexed.
    pub(super) fn snapshot_ids_at(&self, now: SystemTime) -> (Names, Vec<Problem>) {
        let (importing, import_problem) = self.settle_import();
        let dir = self.snapshots_dir();
        let index = path(&self.root, self.machine.key());
        // While an import is on its way in, its files are left out: the
        // index, written without that, does not apply.
        let usable = importing.is_empty();
        // The stamp before the listing: a change during it moves the stamp.
        let stamp = DirStamp::of(&dir).filter(|_| usable);
        if let Some(names) = stamp.as_ref().and_then(|stamp| read(&index, stamp)) {
            return (names, import_problem.into_iter().collect());
        }
        let entries = match super::open_snapshots_dir(&dir, import_problem.clone()) {
            Ok(entries) => entries,
            Err(problems) => return (Names::default(), problems),
        };
        let mut all: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|name| super::may_hold_check_in(name, &importing))
            .collect();
        // Only a store with both plain and sealed files can hold one
        // check-in in both forms, and which is used then depends on
        // whether it is unlocked: such a directory is not indexed.
        let sealed = all
            .iter()
            .filter(|name| name.ends_with(crate::crypt::SUFFIX))
            .count();
        let one_form = sealed == 0 || sealed == all.len();
        if !one_form {
            let candidates: Vec<((), String)> = all.into_iter().map(|name| ((), name)).collect();
            all = super::one_form_each(candidates)
                .into_iter()
                .map(|((), name)| name)
                .collect();
        }
        let mut ids = Vec::new();
        let mut misnamed = Vec::new();
        for mut name in all {
            let plain = super::sealed::plain_name(&name);
            let id_len = plain.strip_suffix(".toml").unwrap_or(plain).len();
            if super::validate::check_id(&name[..id_len]).is_ok() {
                // The name's own buffer becomes the id.
                name.truncate(id_len);
                ids.push(name);
            } else {
                misnamed.push(name);
            }
        }
        ids.sort_unstable();
        misnamed.sort_unstable();
        let names = Names {
            ids: Ids::from(ids),
            misnamed,
        };
        if let Some(stamp) = stamp.filter(|_| one_form) {
            write(&index, &stamp, &names, now);
        }
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

    /// The index `text` as if written with `ids` (and no misnamed file).
    fn forge(text: &str, ids: &[&str]) -> String {
        let stamp = text.lines().nth(1).and_then(DirStamp::parse);
        let ids: Vec<String> = ids.iter().map(|id| (*id).to_string()).collect();
        let names = Names {
            ids: Ids::from(ids),
            misnamed: Vec::new(),
        };
        text_of(&stamp.expect("a stamp"), &names)
    }

    fn index_of(store: &Store) -> PathBuf {
        path(store.root(), store.machine.key())
    }

    fn names(store: &Store, now: SystemTime) -> Names {
        let (names, problems) = store.snapshot_ids_at(now);
        assert!(problems.is_empty(), "{problems:?}");
        names
    }

    /// What the listing behind `motive list` gives: every name, each as
    /// an id or as a name no check-in has.
    fn listed(store: &Store) -> Names {
        let (entries, _) = store.snapshot_entries();
        let (mut ids, mut misnamed) = (Vec::new(), Vec::new());
        for (_, name) in entries {
            let id = crate::store::sealed::plain_name(&name).trim_end_matches(".toml");
            if crate::store::validate::check_id(id).is_ok() {
                ids.push(id.to_string());
            } else {
                misnamed.push(name);
            }
        }
        ids.sort();
        misnamed.sort();
        Names {
            ids: Ids::from(ids),
            misnamed,
        }
    }

    #[test]
    fn a_settled_directory_is_indexed_and_the_index_is_used() {
        let (_dir, store) = store_with(&["20260101-090000", "20260201-090000"]);
        let expected = listed(&store);
        assert_eq!(names(&store, later()), expected);
        let index = index_of(&store);
        let text = fs::read_to_string(&index).expect("an index");
        let ids = "20260101-090000\n20260201-090000\n";
        assert!(
            text.ends_with(&format!(
                "ids 2 {:08x}\n{ids}misnamed 0\nend\n",
                crc32fast::hash(ids.as_bytes())
            )),
            "{text}"
        );
        let mode = fs::metadata(&index).expect("meta").mode() & 0o777;
        assert_eq!(mode, 0o600);
        // The index, not the directory, answers now: a name only the index
        // holds shows that.
        let forged = forge(
            &text,
            &["20260101-090000", "20260201-090000", "20260301-090000"],
        );
        fs::write(&index, forged).expect("write");
        let from_index = names(&store, later());
        assert_eq!(from_index.ids.iter().last(), Some("20260301-090000"));
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
        assert_eq!(names(&store, later()).ids.len(), 3);
        fs::remove_file(store.snapshots_dir().join("20260101-090000.toml")).expect("remove");
        assert_eq!(names(&store, later()), listed(&store));
        assert_eq!(names(&store, later()).ids.len(), 2);
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
        // Each holds one more id than the directory, so that using it
        // would show.
        let extra = forge(
            &text,
            &["20260101-090000", "20260102-090000", "20260201-090000"],
        );
        let damaged = [
            extra.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other"),
            extra.replace("ids 3 ", "ids 2 "),
            extra.replace("ids 3 ", "ids 3 0"),
            extra[..extra.len() - 1].to_string(),
            extra.replace("\nend\n", "\n"),
            extra.replace("\nend\n", "\nend\nmore\n"),
            // Out of order, or another plausible id: the checksum.
            extra.replace("20260102-090000\n", "20260301-090000\n"),
            extra.replace("20260102-090000\n", "20260103-090000\n"),
            extra.replace("20260102-090000\n", "../../etc/passwd\n"),
            extra.replace("misnamed 0\n", "misnamed 1\n../x.toml\n"),
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
        for name in [".hidden.toml", "notes.txt", ".motive-tmp-1", "notes.toml"] {
            fs::write(store.snapshots_dir().join(name), "x").expect("write");
        }
        let first = names(&store, later());
        assert_eq!(first, listed(&store));
        assert_eq!(first.misnamed, ["notes.toml"]);
        assert_eq!(names(&store, later()), first, "the same from the index");
    }

    #[test]
    fn a_missing_snapshots_dir_is_no_names_and_no_index() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::read_only(dir.path());
        assert_eq!(names(&store, later()), Names::default());
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
