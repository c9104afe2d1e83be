//! The snapshot store: the only module that touches the data dir.
//!
//! Layout of the data dir (mode 0700, every file 0600):
//! * `snapshots/<id>.toml`: one finished check-in per file, written once, never rewritten;
//! * `drafts/<machine>.toml`: the check-in in progress on this machine, one file per machine
//!   so a data dir synced between machines never holds two edits of the same file (see
//!   [`drafts`] and [`machine`]);
//! * `trash/`: deleted snapshots, moved rather than destroyed;
//! * `lock`: held by the one process that writes (a check-in, an import, a delete);
//! * `staging/`: an import on its way in, all or nothing (see [`journal`]);
//! * `key.age`, `key.recovery.age`: in an encrypted data dir, its key (see
//!   [`crate::crypt`]); every file above is then `<name>.age`, read and
//!   written through one seam ([`sealed`]) and converted by [`convert`].
//!
//! Reading never needs the lock: every write is atomic (see [`atomic`]), so a
//! reader sees a whole file or none. Nothing in the data dir is followed
//! through a link, and only regular files are read, to a limit (see
//! [`regular`]).

pub mod atomic;
pub mod cache;
pub mod canonical;
pub mod convert;
pub mod doctor;
pub mod drafts;
pub mod event_edit;
pub mod events;
pub mod fault;
mod find;
mod ids;
mod ignore;
pub mod journal;
mod lock;
mod lookup;
pub mod machine;
pub mod name_index;
pub mod names;
pub mod regular;
pub mod saved;
pub mod sealed;
pub mod text_cache;
mod validate;

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

pub use drafts::{Draft, DraftStatus, OtherDraft, validate_draft};
pub use find::{HasId, find};
pub use lock::{LockError, WriterLock};
pub use lookup::Lookup;
pub use machine::Machine;
pub use saved::Saved;
pub use validate::{
    MAX_LINE_CHARS, MAX_SNAPSHOT_BYTES, MAX_TEXT_CHARS, encode_checked, validate_snapshot,
};

use crate::limits::{MAX_IMPORT_ENTRIES, Problems};
use crate::snapshot::{SNAPSHOT_FORMAT, Snapshot};
use crate::summary::Summary;
use crate::text::{escape_line, escape_path};
use atomic::{Mode, Step, TEMP_PREFIX};

/// Called before each step of an atomic write; tests make steps fail with it.
type Hook<'a> = &'a dyn Fn(Step) -> io::Result<()>;

fn no_hook(_: Step) -> io::Result<()> {
    Ok(())
}

/// A snapshot id gets at most this many collision suffixes (`-2` ... `-N`).
const MAX_SUFFIX: u32 = 9_999;

/// Something in the store went wrong; the message names the path or id involved.
#[derive(Debug)]
pub struct StoreError {
    pub kind: ErrorKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No such check-in.
    NotFound,
    /// Input that cannot be accepted (a bad id, a conflicting import...).
    Invalid,
    /// The file system said no.
    Io,
}

impl StoreError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// `cannot <what> <path>: <err>`; a link or a FIFO where a file belongs
    /// is [`ErrorKind::Invalid`], not a failing disk.
    pub(crate) fn io(what: &str, path: &Path, err: &io::Error) -> Self {
        let kind = if regular::is_refusal(err) {
            ErrorKind::Invalid
        } else {
            ErrorKind::Io
        };
        Self::new(kind, format!("cannot {what} {}: {err}", path.display()))
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StoreError {}

/// A file in `snapshots/` that could not be used, and why. Never modified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    /// One line, safe to print: a file name and a parser's reason may both
    /// carry what the file's author chose.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            escape_path(&self.path),
            escape_line(&self.reason)
        )
    }
}

/// Every readable snapshot (or its [`Summary`]), oldest first, and the files
/// that were skipped.
#[derive(Debug)]
pub struct Listing<T = Snapshot> {
    pub snapshots: Vec<T>,
    pub problems: Vec<Problem>,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Self {
            snapshots: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// A file in `snapshots/` that may hold a check-in.
struct SnapshotFile {
    name: String,
    path: PathBuf,
    stamp: cache::Stamp,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Ids written.
    pub imported: Vec<String>,
    /// Ids that were already there with the same content.
    pub unchanged: Vec<String>,
}

/// Temporary files older than this are leftovers of a crash.
const STALE_TEMP_AGE: Duration = Duration::from_secs(60);

/// How much the start-up probe writes and flushes in each directory: more
/// than a long draft, so a full disk says so before the first statement.
const PROBE_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    /// Names this machine's draft and cache.
    machine: Machine,
}

impl Store {
    /// Open the data dir for writing, creating it (mode 0700) if needed, and
    /// clear away temporary files that a crashed writer left behind.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let store = Self::open_unswept(root)?;
        store.remove_stale_temp_files();
        Ok(store)
    }

    /// [`Store::open`] without the sweep of stale temporary files, which
    /// lists `snapshots/`: for a start that sweeps later, off the path to
    /// its first frame ([`Store::sweep_temp_files`]).
    pub fn open_unswept(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let store = Self::read_only(root);
        for dir in [store.snapshots_dir(), store.drafts_dir()] {
            store.create_subdir(&dir)?;
        }
        // What a sync tool or git must leave alone; a failure stops nothing.
        let _ = ignore::write_missing(&store.root);
        // An import a crash interrupted is finished (or undone) first.
        let _ = store.settle_import();
        Ok(store)
    }

    /// Open for reading only: never creates anything. A missing dir reads as empty.
    #[must_use]
    pub fn read_only(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            machine: Machine::this().clone(),
        }
    }

    /// The same data dir, as seen from `machine` (tests of other machines).
    #[cfg(test)]
    pub(crate) fn on_machine(self, machine: Machine) -> Self {
        Self { machine, ..self }
    }

    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }

    fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Create the data dir when needed (it may be a link: its path is the
    /// user's choice), then make sure `dir` in it is a real directory.
    fn create_subdir(&self, dir: &Path) -> Result<(), StoreError> {
        create_private_dir(&self.root)?;
        regular::create_private_subdir(dir).map_err(|e| StoreError::io("use", dir, &e))
    }

    /// A warning for each part of the data dir that other users can read or
    /// write: `warning: <dir> is readable by others; run chmod 700 <dir>`.
    /// A subdir counts only when others can get into the data dir to reach
    /// it: inside a 0700 data dir its own mode exposes nothing.
    #[must_use]
    pub fn warnings(&self) -> Vec<String> {
        let mode = |dir: &Path| fs::metadata(dir).ok().map(|m| m.permissions().mode());
        let Some(root_mode) = mode(&self.root) else {
            return Vec::new();
        };
        let mut open = vec![(self.root.clone(), root_mode)];
        if root_mode & 0o011 != 0 {
            for dir in [self.snapshots_dir(), self.drafts_dir(), self.trash_dir()] {
                if let Some(m) = mode(&dir) {
                    open.push((dir, m));
                }
            }
        }
        open.into_iter()
            .filter_map(|(dir, mode)| {
                let access = match (mode & 0o044 != 0, mode & 0o022 != 0) {
                    (true, true) => "readable and writable",
                    (true, false) => "readable",
                    (false, true) => "writable",
                    (false, false) => return None,
                };
                let dir = escape_path(&dir);
                Some(format!(
                    "warning: {dir} is {access} by others; run chmod 700 {dir}"
                ))
            })
            .collect()
    }

    /// A warning when the data dir is not there, for commands that read
    /// check-ins: a mistyped `--data-dir` must not pass for "no check-ins".
    #[must_use]
    pub fn missing_warning(&self) -> Option<String> {
        let problem = match fs::metadata(&self.root) {
            Ok(meta) if meta.is_dir() => return None,
            Ok(_) => "is not a directory".to_string(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => "does not exist".to_string(),
            Err(e) => format!("cannot be read ({e})"),
        };
        Some(format!(
            "warning: the data dir {} {problem}, so there are no check-ins to read; \
             check --data-dir and MOTIVE_DATA_DIR",
            self.root.display()
        ))
    }

    /// The first of [`Store::warnings`], if any.
    #[must_use]
    pub fn privacy_warning(&self) -> Option<String> {
        self.warnings().into_iter().next()
    }

    /// Read every snapshot in full. Unreadable, corrupt, newer-format or
    /// inconsistent files become [`Problem`]s; they are never modified.
    /// Lists and charts want [`Store::summaries`], which is much faster.
    #[must_use]
    pub fn list(&self) -> Listing {
        let (files, mut problems) = self.snapshot_files();
        let mut snapshots = Vec::with_capacity(files.len());
        let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        for (file, read) in files.iter().zip(read_all(&paths)) {
            match read {
                Ok(snapshot) => snapshots.push(snapshot),
                Err(reason) => problems.push(Problem {
                    path: file.path.clone(),
                    reason,
                }),
            }
        }
        sort_by_time(&mut snapshots, |s| (s.finished_at, &s.id));
        Listing {
            snapshots,
            problems,
        }
    }

    /// [`Store::list`], except that a file whose text `might_hold` rules
    /// out is passed over before it is parsed (parsing is most of the cost
    /// of reading a check-in): how many were passed over comes second.
    /// A file that cannot be read is a problem as in [`Store::list`].
    #[must_use]
    pub fn list_where(&self, might_hold: &(dyn Fn(&str) -> bool + Sync)) -> (Listing, usize) {
        let (files, mut problems) = self.snapshot_files();
        let paths: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
        let read = par_map(&paths, 64, |p| read_snapshot_if(p, might_hold));
        let mut snapshots = Vec::with_capacity(files.len());
        let mut passed_over = 0;
        for (file, read) in files.iter().zip(read) {
            match read {
                Ok(Some(snapshot)) => snapshots.push(snapshot),
                Ok(None) => passed_over += 1,
                Err(reason) => problems.push(Problem {
                    path: file.path.clone(),
                    reason,
                }),
            }
        }
        sort_by_time(&mut snapshots, |s| (s.finished_at, &s.id));
        let listing = Listing {
            snapshots,
            problems,
        };
        (listing, passed_over)
    }

    /// The summary of every readable snapshot, oldest first, and the files
    /// that could not be used (as [`Store::list`] reports them).
    ///
    /// Summaries come from a cache kept beside the snapshots (see
    /// [`cache`]); only files that are new or changed since it was written
    /// are read, and of those only the ones whose bytes are new are parsed.
    /// What was learned is added to the cache (appended, or the cache
    /// rewritten), if the data dir lets us; it is never the only copy of
    /// anything.
    #[must_use]
    pub fn summaries(&self) -> Listing<Summary> {
        self.summaries_at(SystemTime::now())
    }

    /// [`Store::summaries`] as if it were `now`, which decides which files
    /// have settled enough to be cached.
    fn summaries_at(&self, now: SystemTime) -> Listing<Summary> {
        let (files, mut problems) = self.snapshot_files();
        let cache_path = cache::path(&self.root, self.machine.key());
        let mut cache = cache::Cache::load(&cache_path);
        let mut summaries = Vec::with_capacity(files.len());
        // For writing the cache back: the file behind each summary, its
        // digest, and whether it was read this time.
        let mut sources: Vec<(&SnapshotFile, cache::Digest, bool)> =
            Vec::with_capacity(files.len());
        let mut missed = Vec::new();
        for file in &files {
            match cache.take(&file.name, &file.stamp) {
                cache::Found::Current(digest, summary) => {
                    summaries.push(summary);
                    sources.push((file, digest, false));
                }
                cache::Found::Moved(digest, summary) => {
                    missed.push((file, Some((digest, summary))))
                }
                cache::Found::Missing => missed.push((file, None)),
            }
        }
        cache.done_taking();
        // Read in runs, each run's summaries made to share what recurs
        // before the next is read: a summary read from its file holds its
        // own copy of every statement, so 10,000 of them at once would
        // hold 50 MB that sharing then lets go of.
        for run in missed.chunks(COLD_RUN) {
            let read = par_map(run, 64, |(file, known)| {
                read_summary(&file.path, known.as_ref())
            });
            for ((file, _), read) in run.iter().zip(read) {
                match read {
                    Ok((mut summary, digest)) => {
                        cache.share(&mut summary);
                        summaries.push(summary);
                        sources.push((file, digest, true));
                    }
                    Err(reason) => problems.push(Problem {
                        path: file.path.clone(),
                        reason,
                    }),
                }
            }
        }
        // An empty data dir gets no cache, unless one is there to correct.
        if !files.is_empty() || cache_path.symlink_metadata().is_ok() {
            let entries: Vec<cache::Update<'_>> = sources
                .iter()
                .zip(&summaries)
                .map(|((file, digest, learned), summary)| cache::Update {
                    file: &file.name,
                    stamp: file.stamp,
                    digest: *digest,
                    summary,
                    learned: *learned,
                })
                .collect();
            let wrote = cache::update(&cache_path, cache, &entries, now);
            // The cache this machine wrote under its host name is no longer read.
            if wrote && self.machine.host_file() != self.machine.key() {
                let _ = fs::remove_file(cache::path(&self.root, self.machine.host_file()));
            }
        }
        sort_by_time(&mut summaries, |s| (s.finished_at, &s.id));
        Listing {
            snapshots: summaries,
            problems,
        }
    }

    /// One snapshot in full, by its exact id.
    pub fn load(&self, id: &str) -> Result<Snapshot, StoreError> {
        validate::check_id(id).map_err(|e| StoreError::new(ErrorKind::Invalid, e))?;
        let path = sealed::existing(&self.snapshots_dir().join(format!("{id}.toml")));
        if path.symlink_metadata().is_err() {
            return Err(StoreError::new(
                ErrorKind::NotFound,
                format!(
                    "check-in {id} is no longer in {}",
                    self.snapshots_dir().display()
                ),
            ));
        }
        read_snapshot(&path).map_err(|reason| {
            StoreError::new(ErrorKind::Invalid, format!("{}: {reason}", path.display()))
        })
    }

    /// Look check-ins up by name without listing them all (`show`,
    /// `compare`, `due`): see [`Lookup`].
    #[must_use]
    pub fn lookup(&self) -> Lookup<'_> {
        Lookup::new(self)
    }

    /// The entries of `snapshots/` that may hold a check-in (`*.toml`, not
    /// hidden, not part of an import on its way in), with their names; and
    /// the problems of a `snapshots/` dir that cannot be read. No stat.
    fn snapshot_entries(&self) -> (Vec<(fs::DirEntry, String)>, Vec<Problem>) {
        let (importing, import_problem) = self.settle_import();
        let dir = self.snapshots_dir();
        let entries = match open_snapshots_dir(&dir, import_problem.clone()) {
            Ok(entries) => entries,
            Err(problems) => return (Vec::new(), problems),
        };
        let candidates: Vec<(fs::DirEntry, String)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                may_hold_check_in(&name, &importing).then_some((entry, name))
            })
            .collect();
        (
            one_form_each(candidates),
            import_problem.into_iter().collect(),
        )
    }

    /// The snapshot files, by name, with their stamps; and the problem of a
    /// `snapshots/` dir that cannot be read.
    fn snapshot_files(&self) -> (Vec<SnapshotFile>, Vec<Problem>) {
        let (candidates, mut problems) = self.snapshot_entries();
        // One stat per file: with thousands of check-ins, on every core.
        // Relative to the open dir, which is cheaper than a path lookup per
        // file, and never through a link: a link or a FIFO is a problem.
        let stats = par_map(&candidates, 512, |(entry, name)| {
            let path = entry.path();
            let meta = entry
                .metadata()
                .and_then(|meta| regular::check_file(&meta).map(|()| meta));
            match meta {
                Ok(meta) => Ok(SnapshotFile {
                    stamp: cache::Stamp::of(&meta),
                    name: name.clone(),
                    path,
                }),
                // Gone since the dir was listed: nothing to report.
                Err(e) if e.kind() == io::ErrorKind::NotFound => Err(None),
                Err(e) if regular::is_refusal(&e) => Err(Some(Problem {
                    reason: e.to_string(),
                    path,
                })),
                Err(e) => Err(Some(Problem {
                    reason: format!("cannot read: {e}"),
                    path,
                })),
            }
        });
        let mut files = Vec::new();
        for stat in stats {
            match stat {
                Ok(file) => files.push(file),
                Err(problem) => problems.extend(problem),
            }
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        (files, problems)
    }

    /// Save a finished check-in under the id it was given (see
    /// [`crate::snapshot::id_for`]), with `-2`, `-3`... on collision; never
    /// overwrites.
    /// Returns the snapshot as saved (with its final id). An error means
    /// nothing was saved, so a retry cannot leave a duplicate; a check-in
    /// that is already saved is not saved again (see [`Store::save_once`]).
    pub fn save(&self, snapshot: Snapshot) -> Result<Snapshot, StoreError> {
        self.save_once(snapshot).map(|saved| saved.snapshot)
    }

    fn save_with(&self, mut snapshot: Snapshot, hook: Hook) -> Result<Snapshot, StoreError> {
        let base = snapshot.id.clone();
        // Never write what a listing would then refuse to read.
        encode_checked(&snapshot).map_err(|reason| {
            StoreError::new(
                ErrorKind::Invalid,
                format!("the check-in cannot be saved: {reason}"),
            )
        })?;
        let dir = self.snapshots_dir();
        self.create_subdir(&dir)?;
        for n in 1..=MAX_SUFFIX {
            snapshot.id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            let path = dir.join(format!("{}.toml", snapshot.id));
            match write_snapshot(&path, &snapshot, hook, Target::Store) {
                Ok(()) => return Ok(snapshot),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io("save the check-in to", &path, &e)),
            }
        }
        Err(StoreError::new(
            ErrorKind::Io,
            format!(
                "cannot save the check-in: {} already holds {MAX_SUFFIX} check-ins named {base}",
                dir.display()
            ),
        ))
    }

    /// Write a snapshot to any path (mode 0600, atomic, never over an
    /// existing file): the way out when the data dir cannot be written.
    pub fn save_to_path(snapshot: &Snapshot, path: &Path) -> Result<(), StoreError> {
        write_snapshot(path, snapshot, &no_hook, Target::Path)
            .map_err(|e| StoreError::io("write", path, &e))
    }

    /// Check that the data dir can be written, before a person invests time:
    /// [`PROBE_BYTES`] are written and flushed to disk in `drafts/` (an
    /// empty file would succeed on a full disk), then removed; `snapshots/`,
    /// on the same disk, is asked for write permission only, since writing
    /// there would move its times and void the names index every start.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        let snapshots = self.snapshots_dir();
        self.create_subdir(&snapshots)?;
        nix::unistd::access(
            &snapshots,
            nix::unistd::AccessFlags::W_OK | nix::unistd::AccessFlags::X_OK,
        )
        .map_err(|e| StoreError::io("write to", &snapshots, &io::Error::from(e)))?;
        let drafts = self.drafts_dir();
        self.create_subdir(&drafts)?;
        let probe = drafts.join(format!("{TEMP_PREFIX}probe-{}", std::process::id()));
        let hook = fault::hook(fault::Write::Probe);
        atomic::write_with(&probe, &vec![b'#'; PROBE_BYTES], Mode::Replace, &hook)
            .and_then(|()| fs::remove_file(&probe))
            .map_err(|e| StoreError::io("write to", &drafts, &e))
    }

    /// Atomically write the draft of the check-in in progress on this machine.
    pub fn save_draft<T: Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        self.save_draft_with(draft, &fault::hook(fault::Write::Draft))
    }

    fn save_draft_with<T: Serialize>(&self, draft: &T, hook: Hook) -> Result<(), StoreError> {
        let path = self.draft_path();
        self.create_subdir(&self.drafts_dir())?;
        let text = toml::to_string(draft).map_err(|e| {
            StoreError::new(ErrorKind::Invalid, format!("cannot encode the draft: {e}"))
        })?;
        let text = self.draft_text(&text);
        sealed::write(&path, text.as_bytes(), Mode::Replace, hook)
            .map_err(|e| StoreError::io("save the draft to", &path, &e))?;
        self.forget_legacy_draft()
    }

    /// This machine's draft, if any, checked (see [`Draft`]). A draft that
    /// cannot be read or fails its check is an error naming its path (it is
    /// left alone; [`Store::claim_draft`] moves such a draft aside).
    pub fn load_draft<T: Draft>(&self) -> Result<Option<T>, StoreError> {
        let path = self.found_draft_path();
        drafts::read_draft(&path).map_err(|e| {
            let kind = match e {
                drafts::ReadError::Io(_) => ErrorKind::Io,
                drafts::ReadError::Content(_) => ErrorKind::Invalid,
            };
            StoreError::new(kind, format!("{}: {}", path.display(), e.reason()))
        })
    }

    /// Remove this machine's draft (after saving, or when the person discards it).
    pub fn discard_draft(&self) -> Result<(), StoreError> {
        match regular::real_dir(&self.drafts_dir()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(StoreError::io(
                    "remove the draft from",
                    &self.drafts_dir(),
                    &e,
                ));
            }
            _ => {}
        }
        drafts::remove_if_present(&self.draft_path(), &self.drafts_dir())?;
        self.forget_legacy_draft()
    }

    /// Move a snapshot to `trash/`. Nothing is destroyed: move it back to
    /// restore it. A link or anything but a regular file is refused, and so
    /// is a `trash` that is not a real directory.
    pub fn trash(&self, id: &str) -> Result<PathBuf, StoreError> {
        validate::check_id(id).map_err(|e| StoreError::new(ErrorKind::Invalid, e))?;
        let from = sealed::existing(&self.snapshots_dir().join(format!("{id}.toml")));
        // Held open, so the mode is set on this file whatever the path becomes.
        let file = match regular::real_dir(&self.snapshots_dir())
            .and_then(|()| regular::open(&from, regular::Links::Refuse))
        {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::new(
                    ErrorKind::NotFound,
                    format!("no check-in {id}"),
                ));
            }
            Err(e) => return Err(StoreError::io("move to the trash", &from, &e)),
        };
        let trash = self.trash_dir();
        self.create_subdir(&trash)?;
        // A sealed check-in stays sealed in the trash.
        let suffix = if from.to_string_lossy().ends_with(crate::crypt::SUFFIX) {
            crate::crypt::SUFFIX
        } else {
            ""
        };
        let mut to = trash.join(format!("{id}.toml{suffix}"));
        for n in 2.. {
            if to.symlink_metadata().is_err() {
                break;
            }
            to = trash.join(format!("{id}.{n}.toml{suffix}"));
        }
        fs::rename(&from, &to).map_err(|e| StoreError::io("move to the trash", &from, &e))?;
        // rename keeps the mode; make sure a hand-copied file does not stay readable.
        let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
        for dir in [self.snapshots_dir(), trash] {
            atomic::sync_dir(&dir).map_err(|e| StoreError::io("sync", &dir, &e))?;
        }
        Ok(to)
    }

    /// Take the writer lock. See [`WriterLock`].
    pub fn lock(&self, purpose: &str) -> Result<WriterLock, LockError> {
        create_private_dir(&self.root).map_err(LockError::Store)?;
        let lock = lock::acquire(&self.root.join("lock"), purpose)?;
        // What cannot be finished is reported by listings; it blocks no writer.
        let _ = self.finish_interrupted_import();
        Ok(lock)
    }

    /// Import snapshots, all or nothing: every entry is checked before
    /// anything is written; an id already present with the same content is
    /// left as is, with different content it is an error naming the id.
    pub fn import_all(&self, snapshots: Vec<Snapshot>) -> Result<ImportReport, StoreError> {
        self.import_all_with(snapshots, &no_hook)
    }

    fn import_all_with(
        &self,
        snapshots: Vec<Snapshot>,
        hook: Hook,
    ) -> Result<ImportReport, StoreError> {
        if snapshots.len() > MAX_IMPORT_ENTRIES {
            return Err(StoreError::new(
                ErrorKind::Invalid,
                format!(
                    "nothing imported: {} check-ins is more than one import may hold ({MAX_IMPORT_ENTRIES})",
                    snapshots.len()
                ),
            ));
        }
        let mut problems = Problems::new();
        let mut seen = std::collections::HashSet::new();
        for (i, snapshot) in snapshots.iter().enumerate() {
            // What a listing would refuse is never written: the same checks,
            // and the file it would become must fit the read limit.
            if let Err(e) = encode_checked(snapshot) {
                problems.push(format_args!(
                    "entry {} ({}): {e}",
                    i + 1,
                    escape_line(&snapshot.id)
                ));
            } else if !seen.insert(snapshot.id.clone()) {
                problems.push(format_args!(
                    "entry {}: id {} appears twice",
                    i + 1,
                    snapshot.id
                ));
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::new(
                ErrorKind::Invalid,
                format!("nothing imported: {problems}"),
            ));
        }
        let existing = self.list();
        let mut report = ImportReport::default();
        let mut new = Vec::new();
        for snapshot in snapshots {
            let path = self.snapshots_dir().join(format!("{}.toml", snapshot.id));
            match existing.snapshots.iter().find(|s| s.id == snapshot.id) {
                Some(present) if *present == snapshot => report.unchanged.push(snapshot.id),
                Some(_) => {
                    return Err(StoreError::new(
                        ErrorKind::Invalid,
                        format!(
                            "nothing imported: check-in {} already exists with different content",
                            snapshot.id
                        ),
                    ));
                }
                None if path.symlink_metadata().is_ok() => {
                    return Err(StoreError::new(
                        ErrorKind::Invalid,
                        format!(
                            "nothing imported: {} exists but cannot be read; move it away first",
                            path.display()
                        ),
                    ));
                }
                None => new.push((path, snapshot)),
            }
        }
        self.create_subdir(&self.snapshots_dir())?;
        let mut staged = Vec::with_capacity(new.len());
        for (_, snapshot) in &new {
            let text = toml::to_string(snapshot).map_err(|e| {
                StoreError::new(
                    ErrorKind::Invalid,
                    format!("nothing imported: cannot encode {}: {e}", snapshot.id),
                )
            })?;
            staged.push(journal::Staged {
                id: snapshot.id.clone(),
                text,
            });
        }
        self.import_staged(&staged, hook)?;
        report
            .imported
            .extend(new.into_iter().map(|(_, snapshot)| snapshot.id));
        Ok(report)
    }

    /// Remove the temporary files a crash left in `snapshots/` and
    /// `drafts/` (older than a minute); listings never show them.
    pub fn sweep_temp_files(&self) {
        self.remove_stale_temp_files();
    }

    fn remove_stale_temp_files(&self) {
        for dir in [self.snapshots_dir(), self.drafts_dir()] {
            let Ok(entries) = regular::real_dir(&dir).and_then(|()| fs::read_dir(&dir)) else {
                continue;
            };
            // By name first: a stat of each of thousands of check-ins
            // would cost more than the listing.
            let temps = entries
                .filter_map(Result::ok)
                .filter(|entry| entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX));
            for entry in temps {
                let stale = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| SystemTime::now().duration_since(t).ok())
                    .is_some_and(|age| age > STALE_TEMP_AGE);
                if stale {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// Oldest first; ties (two check-ins in the same second) by id.
fn sort_by_time<T>(items: &mut [T], key: impl Fn(&T) -> (DateTime<FixedOffset>, &String)) {
    items.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// Read and check every file, on all cores when there are many: parsing is
/// the cost of listing a cold store. Results are in the order of `paths`.
fn read_all(paths: &[&Path]) -> Vec<Result<Snapshot, String>> {
    par_map(paths, 64, |p| read_snapshot(p))
}

/// How many check-ins a cold listing reads at once: enough to keep both
/// cores busy, few enough that their unshared summaries stay small.
const COLD_RUN: usize = 1_024;

/// `f` over `items` in order, split across the cores once there are more
/// than `per_thread` items (a thread costs tens of microseconds).
///
/// The items are handed out in small batches to whichever thread asks
/// next, the calling thread one of them: on a machine whose other
/// programs hold a core back, the threads that run take over its share
/// rather than wait for it.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    per_thread: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};

    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len().div_ceil(per_thread.max(1)))
        .max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    // About eight batches per thread, none longer than `per_thread`.
    let batch = (items.len() / (threads * 8)).clamp(1, per_thread.max(1));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let start = next.fetch_add(batch, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = start.saturating_add(batch).min(items.len());
            done.push((start, items[start..end].iter().map(&f).collect::<Vec<_>>()));
        }
    };
    let mut batches = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut batches = work();
        for worker in workers {
            batches.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        batches
    });
    batches.sort_unstable_by_key(|(start, _)| *start);
    batches.into_iter().flat_map(|(_, done)| done).collect()
}

/// Create the data dir itself (mode 0700) and any missing parents. Unlike
/// its subdirs it may be a link: its path is the user's choice.
fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| StoreError::io("create", dir, &e))
}

/// Where a snapshot is written: into the data dir (sealed when it is
/// encrypted), or to a path the person chose.
#[derive(Clone, Copy)]
enum Target {
    Store,
    Path,
}

fn write_snapshot(path: &Path, snapshot: &Snapshot, hook: Hook, target: Target) -> io::Result<()> {
    let text = toml::to_string(snapshot).map_err(io::Error::other)?;
    match target {
        Target::Store => sealed::write(path, text.as_bytes(), Mode::NoClobber, hook),
        Target::Path => atomic::write_with(path, text.as_bytes(), Mode::NoClobber, hook),
    }
}

/// Entries of `snapshots/` (or `events/`), one per file motive knows: where
/// an interrupted `motive encrypt` or `decrypt` left both `<id>.toml` and
/// `<id>.toml.age` (the same content, verified), the one this process reads
/// best is kept.
/// `snapshots/` opened for listing; or what to report instead: nothing
/// but `import_problem` when it is missing, else why it cannot be read.
fn open_snapshots_dir(
    dir: &Path,
    import_problem: Option<Problem>,
) -> Result<fs::ReadDir, Vec<Problem>> {
    match regular::real_dir(dir).and_then(|()| fs::read_dir(dir)) {
        Ok(entries) => Ok(entries),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(import_problem.into_iter().collect()),
        Err(e) if regular::is_refusal(&e) => Err(vec![Problem {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        }]),
        Err(e) => Err(vec![Problem {
            path: dir.to_path_buf(),
            reason: format!("cannot read: {e}"),
        }]),
    }
}

/// Whether the file `name` in `snapshots/` may hold a check-in: `*.toml`
/// (or sealed), not hidden, not part of an import on its way in.
fn may_hold_check_in(name: &str, importing: &std::collections::HashSet<String>) -> bool {
    sealed::plain_name(name)
        .strip_suffix(".toml")
        .is_some_and(|id| {
            !name.starts_with('.') && (importing.is_empty() || !importing.contains(id))
        })
}

pub(crate) fn one_form_each<T>(mut entries: Vec<(T, String)>) -> Vec<(T, String)> {
    let names: std::collections::HashSet<String> =
        entries.iter().map(|(_, name)| name.clone()).collect();
    let unlocked = crate::crypt::session::keys().is_some();
    entries.retain(|(_, name)| match name.strip_suffix(crate::crypt::SUFFIX) {
        // Sealed: dropped when locked and its plain twin is there.
        Some(plain) => unlocked || !names.contains(plain),
        // Plain: dropped when unlocked and its sealed twin is there.
        None => !(unlocked && names.contains(&format!("{name}{}", crate::crypt::SUFFIX))),
    });
    entries
}

/// A regular file in the data dir, never through a link, of at most
/// [`MAX_SNAPSHOT_BYTES`] (see [`regular::read`]).
fn read_capped(path: &Path) -> Result<Vec<u8>, regular::ReadError> {
    sealed::read(path, MAX_SNAPSHOT_BYTES)
}

/// A regular file in the data dir, never through a link, of at most `limit`.
fn read_capped_to(path: &Path, limit: u64) -> Result<Vec<u8>, regular::ReadError> {
    regular::read(path, limit, regular::Links::Refuse)
}

/// Read and check one snapshot file; the error is the reason it is skipped.
fn read_snapshot(path: &Path) -> Result<Snapshot, String> {
    read_snapshot_if(path, &|_| true)?.ok_or_else(|| "passed over".to_string())
}

/// The summary of one snapshot file, which a listing just found regular,
/// and the digest of its bytes. When
/// `known` holds an earlier summary of the same bytes (a copy that did not
/// keep the times), that summary is the answer and nothing is parsed.
fn read_summary(
    path: &Path,
    known: Option<&(cache::Digest, Summary)>,
) -> Result<(Summary, cache::Digest), String> {
    let bytes = read_listed_bytes(path)?;
    let digest = cache::Digest::of(&bytes);
    if let Some((_, summary)) = known.filter(|(was, _)| *was == digest) {
        return Ok((summary.clone(), digest));
    }
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_string())?;
    let snapshot = snapshot_from_text(&text, path)?;
    Ok((Summary::of(&snapshot), digest))
}

/// [`read_snapshot`], or `None` without parsing when `might_hold` rules
/// out the file's text.
fn read_snapshot_if(
    path: &Path,
    might_hold: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<Snapshot>, String> {
    let text =
        String::from_utf8(read_snapshot_bytes(path)?).map_err(|_| "not valid UTF-8".to_string())?;
    if !might_hold(&text) {
        return Ok(None);
    }
    snapshot_from_text(&text, path).map(Some)
}

/// The bytes of a snapshot file (opened if sealed); the error is the
/// reason it is skipped.
fn read_snapshot_bytes(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(path).map_err(skip_reason)
}

/// [`read_snapshot_bytes`] of the file a listing just found regular (see
/// [`sealed::read_listed`]).
fn read_listed_bytes(path: &Path) -> Result<Vec<u8>, String> {
    sealed::read_listed(path, MAX_SNAPSHOT_BYTES).map_err(skip_reason)
}

/// Why a snapshot file that could not be read is skipped.
fn skip_reason(e: regular::ReadError) -> String {
    match e {
        regular::ReadError::TooLarge { .. } => {
            format!("larger than {MAX_SNAPSHOT_BYTES} bytes, more than a check-in can hold")
        }
        regular::ReadError::Io(e) if regular::is_refusal(&e) => e.to_string(),
        regular::ReadError::Io(e) => format!("cannot read: {e}"),
    }
}

/// The check-in the text of the file at `path` holds, checked: parsed, its
/// id the file's name, its values sound.
fn snapshot_from_text(text: &str, path: &Path) -> Result<Snapshot, String> {
    let snapshot = parse_snapshot(text)?;
    let name = path
        .file_name()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let stem = sealed::plain_name(name)
        .strip_suffix(".toml")
        .unwrap_or(name);
    if snapshot.id != stem {
        return Err(format!(
            "its id {:?} does not match the file name",
            snapshot.id
        ));
    }
    validate_snapshot(&snapshot)?;
    Ok(snapshot)
}

/// Parse snapshot TOML. A file from a newer motive says so, rather than
/// complaining about the keys this build does not know.
///
/// A file as motive writes it is read by [`canonical`]'s fast reader; any
/// other text (and any the fast reader declines) by the `toml` crate, whose
/// result is the same wherever both read a file, and whose errors are the
/// ones reported.
pub fn parse_snapshot(text: &str) -> Result<Snapshot, String> {
    let parsed = match canonical::from_str::<Snapshot>(text) {
        Some(snapshot) => Ok(snapshot),
        None => toml::from_str::<Snapshot>(text),
    };
    match parsed {
        Ok(snapshot) => check_format(snapshot.format).map(|()| snapshot),
        // Only a file that fails is parsed a second time, to find out why.
        Err(e) => Err(format_problem(text).unwrap_or_else(|| one_line_toml_error(text, &e))),
    }
}

/// What is wrong with the `format` of a document that did not parse as a
/// snapshot, if that is the problem.
fn format_problem(text: &str) -> Option<String> {
    let table: toml::Table = toml::from_str(text).ok()?;
    match table.get("format") {
        None => Some("not a motive check-in: no `format`".into()),
        Some(value) => match value.as_integer() {
            None => Some(format!(
                "not a motive check-in: `format` is a {}, not a number",
                value.type_str()
            )),
            Some(format) => check_format(format).err(),
        },
    }
}

fn check_format(format: i64) -> Result<(), String> {
    match format {
        f if f > SNAPSHOT_FORMAT => Err(format!(
            "format {f} is newer than this build understands ({SNAPSHOT_FORMAT}); upgrade motive"
        )),
        f if f >= 1 => Ok(()),
        f => Err(format!("format {f} is not a snapshot format")),
    }
}

/// `line L, column C: message` from a TOML error, on one line, escaped: the
/// parser's message may quote the file.
fn one_line_toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim().replace('\n', " ");
    let message = escape_line(&message);
    match err.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.into_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    mod summaries {
        use super::*;

        /// Late enough that every file written by the test counts as settled.
        fn later() -> SystemTime {
            SystemTime::now() + Duration::from_secs(60)
        }

        fn store_with(values: &[i64]) -> (tempfile::TempDir, Store) {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("open");
            for (i, value) in values.iter().enumerate() {
                let at = format!("2026-0{}-01T09:00:00+00:00", i + 1);
                store.save(snapshot(&at, *value)).expect("save");
            }
            (dir, store)
        }

        fn mastery(listing: &Listing<Summary>) -> Vec<Option<f64>> {
            listing
                .snapshots
                .iter()
                .map(|s| s.score("mastery"))
                .collect()
        }

        #[test]
        fn match_the_full_listing_and_are_cached_privately() {
            let (dir, store) = store_with(&[1, 3, 5]);
            let full: Vec<Summary> = store.list().snapshots.iter().map(Summary::of).collect();
            assert_eq!(store.summaries_at(later()).snapshots, full);
            let cache = cache::path(dir.path(), store.machine.key());
            let mode = fs::metadata(&cache)
                .expect("cache written")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let dir_mode = fs::metadata(cache.parent().expect("dir"))
                .expect("dir")
                .permissions();
            assert_eq!(dir_mode.mode() & 0o777, 0o700);
            assert_eq!(
                store.summaries_at(later()).snapshots,
                full,
                "from the cache"
            );
        }

        #[test]
        fn the_cache_is_named_after_the_machine_not_the_host() {
            let (dir, store) = store_with(&[1, 3]);
            let id = "3d1219c7c4c5404aaa1f6d2a48adfda4";
            let laptop = |host| {
                store
                    .clone()
                    .on_machine(Machine::from_parts(Some(id), host))
            };
            let legacy = cache::path(dir.path(), "laptop-wifi");
            fs::create_dir_all(legacy.parent().expect("dir")).expect("mkdir");
            fs::write(&legacy, "{}").expect("an old cache");
            let _ = laptop("laptop-wifi").summaries_at(later());
            assert_eq!(
                names(&dir.path().join("cache")),
                [format!("{}.json", laptop("x").machine.key())]
            );
            let _ = laptop("laptop-ethernet").summaries_at(later());
            assert_eq!(names(&dir.path().join("cache")).len(), 1);
        }

        #[test]
        fn files_written_a_moment_ago_are_read_again_not_cached() {
            let (dir, store) = store_with(&[1, 3]);
            let listing = store.summaries();
            assert_eq!(listing.snapshots.len(), 2);
            let cached = fs::read_to_string(cache::path(dir.path(), store.machine.key()));
            for s in &listing.snapshots {
                assert!(!cached.as_deref().unwrap_or_default().contains(&s.id));
            }
        }

        #[test]
        fn an_edited_file_is_read_again() {
            let (dir, store) = store_with(&[1, 3]);
            assert_eq!(
                mastery(&store.summaries_at(later())),
                [Some(0.0), Some(50.0)]
            );
            let path = dir
                .path()
                .join("snapshots")
                .join(format!("{}.toml", store.list().snapshots[1].id));
            let text = fs::read_to_string(&path).expect("read");
            // A longer file: the test's clock is fake, so the stamp must move
            // by more than a time that could fall in the same tick.
            let edited = text.replace("value = 3", "value = 5") + "# edited by hand\n";
            fs::write(&path, edited).expect("edit");
            assert_eq!(
                mastery(&store.summaries_at(later())),
                [Some(0.0), Some(100.0)]
            );
        }

        #[test]
        fn a_damaged_cache_costs_time_not_answers() {
            let (dir, store) = store_with(&[1, 3]);
            let expected = store.summaries_at(later()).snapshots;
            let cache = cache::path(dir.path(), store.machine.key());
            fs::write(&cache, b"\0\0 garbage").expect("damage");
            assert_eq!(store.summaries_at(later()).snapshots, expected);
            let text = fs::read_to_string(&cache).expect("rebuilt");
            assert!(text.starts_with('{'), "the cache was rebuilt");
        }

        #[test]
        fn the_start_up_check_leaves_the_times_of_snapshots_alone() {
            // A write there would make the names index stale on every start.
            use std::os::unix::fs::MetadataExt;
            let (dir, store) = store_with(&[3]);
            let snapshots = dir.path().join("snapshots");
            let before = fs::metadata(&snapshots).expect("snapshots");
            store.check_writable().expect("writable");
            let after = fs::metadata(&snapshots).expect("snapshots");
            assert_eq!(
                (
                    before.mtime(),
                    before.mtime_nsec(),
                    before.ctime(),
                    before.ctime_nsec()
                ),
                (
                    after.mtime(),
                    after.mtime_nsec(),
                    after.ctime(),
                    after.ctime_nsec()
                )
            );
            assert!(
                names(&dir.path().join("drafts")).is_empty(),
                "the probe is gone"
            );
        }

        #[test]
        fn problems_and_deletions_show_every_time() {
            let (dir, store) = store_with(&[1, 3]);
            let _ = store.summaries_at(later());
            let trashed = store.list().snapshots[0].id.clone();
            store.trash(&trashed).expect("trash");
            fs::write(
                dir.path().join("snapshots/20260501-090000.toml"),
                "format = [",
            )
            .expect("corrupt file");
            for _ in 0..2 {
                let listing = store.summaries_at(later());
                assert_eq!(listing.snapshots.len(), 1);
                assert!(listing.snapshots.iter().all(|s| s.id != trashed));
                assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
            }
        }

        #[test]
        fn bytes_that_hash_as_cached_are_not_parsed() {
            let (dir, store) = store_with(&[1, 3]);
            let files = names(&dir.path().join("snapshots"));
            let path = dir.path().join("snapshots").join(&files[0]);
            let bytes = fs::read(&path).expect("read");
            let parsed = read_summary(&path, None).expect("a summary");
            assert_eq!(parsed.1, cache::Digest::of(&bytes));
            // A summary no parse of this file gives: only kept unparsed.
            let mut other = parsed.0.clone();
            other.label = Some("from the cache".into());
            let known = (parsed.1, other.clone());
            assert_eq!(read_summary(&path, Some(&known)), Ok((other, parsed.1)));
            let stale = (cache::Digest::of(b"earlier bytes"), parsed.0.clone());
            assert_eq!(read_summary(&path, Some(&stale)), Ok(parsed.clone()));
            drop(store);
        }

        #[test]
        fn load_reads_one_check_in_and_refuses_a_path() {
            let (_dir, store) = store_with(&[2]);
            let id = store.summaries().snapshots[0].id.clone();
            assert_eq!(store.load(&id).expect("load").id, id);
            assert_eq!(
                store.load("../../etc/passwd").expect_err("escape").kind,
                ErrorKind::Invalid
            );
            assert_eq!(
                store.load("20990101-000000").expect_err("missing").kind,
                ErrorKind::NotFound
            );
        }
    }

    /// A one-answer check-in, parsed from TOML so fields added later with a
    /// default need no change here.
    fn snapshot(finished: &str, value: i64) -> Snapshot {
        let at = DateTime::parse_from_rfc3339(finished).expect("date");
        let mut snapshot = parse_snapshot(&format!(
            r#"
            format = {SNAPSHOT_FORMAT}
            id = "{id}"
            started_at = "{finished}"
            finished_at = "{finished}"
            bank = {{ id = "core", version = "1" }}
            scale = {{ min = 1, max = 5, labels = ["", "", "", "", ""] }}
            dimensions = [{{ id = "mastery", name = "Mastery" }}]
            answers = [{{ question = "m1", dimension = "mastery", text = "I get better at what matters to me" }}]
            "#,
            id = crate::snapshot::id_for(at),
        ))
        .expect("a valid fixture");
        snapshot.answers[0].value = Some(value);
        snapshot
    }

    /// The names of the files in `dir`, sorted.
    pub(crate) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn failing_at(step: Step) -> impl Fn(Step) -> io::Result<()> {
        move |s| {
            if s == step {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            } else {
                Ok(())
            }
        }
    }

    #[test]
    fn a_failed_save_leaves_earlier_check_ins_alone_and_says_where() {
        for step in Step::ALL {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("open");
            let first = store
                .save(snapshot("2026-03-01T09:00:00+00:00", 2))
                .expect("save");
            let before =
                fs::read(store.snapshots_dir().join("20260301-090000.toml")).expect("read");
            let err = store
                .save_with(snapshot("2026-04-01T09:00:00+00:00", 4), &failing_at(step))
                .expect_err("must fail");
            assert_eq!(err.kind, ErrorKind::Io);
            let target = store.snapshots_dir().join("20260401-090000.toml");
            assert!(
                err.message.starts_with(&format!(
                    "cannot save the check-in to {}: disk full",
                    target.display()
                )),
                "{step:?}: {}",
                err.message
            );
            let listing = store.list();
            assert_eq!(listing.snapshots, vec![first], "{step:?}");
            assert!(listing.problems.is_empty(), "{step:?}");
            assert_eq!(
                names(&store.snapshots_dir()),
                ["20260301-090000.toml"],
                "{step:?}"
            );
            assert_eq!(
                fs::read(store.snapshots_dir().join("20260301-090000.toml")).expect("read"),
                before
            );
        }
    }

    #[test]
    fn a_failed_draft_save_keeps_the_previous_draft() {
        for step in [Step::Create, Step::Write, Step::Fsync, Step::Rename] {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("open");
            let mut draft = toml::Table::new();
            draft.insert("step".into(), 1.into());
            store.save_draft(&draft).expect("save draft");
            let mut next = draft.clone();
            next.insert("step".into(), 2.into());
            let err = store
                .save_draft_with(&next, &failing_at(step))
                .expect_err("must fail");
            assert!(
                err.message
                    .contains(&store.draft_path().display().to_string()),
                "{}",
                err.message
            );
            assert_eq!(
                store.load_draft::<toml::Table>().expect("load"),
                Some(draft),
                "{step:?}"
            );
            let host_file = store
                .draft_path()
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            assert_eq!(names(&store.drafts_dir()), [host_file], "{step:?}");
        }
    }

    #[test]
    fn an_import_that_fails_midway_takes_back_what_it_wrote() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let kept = store
            .save(snapshot("2026-01-01T09:00:00+00:00", 1))
            .expect("save");
        let batch = vec![
            snapshot("2026-02-01T09:00:00+00:00", 2),
            snapshot("2026-03-01T09:00:00+00:00", 3),
            snapshot("2026-04-01T09:00:00+00:00", 4),
        ];
        let creates = std::cell::Cell::new(0);
        let third_write_fails = |step: Step| {
            if step == Step::Create {
                creates.set(creates.get() + 1);
            }
            if creates.get() == 3 {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            } else {
                Ok(())
            }
        };
        let err = store
            .import_all_with(batch.clone(), &third_write_fails)
            .expect_err("must fail");
        let third = store.snapshots_dir().join("20260401-090000.toml");
        assert!(
            err.message.contains(&third.display().to_string()) && err.message.contains("disk full"),
            "{}",
            err.message
        );
        assert!(
            err.message.starts_with("nothing imported: cannot write "),
            "{}",
            err.message
        );
        assert_eq!(store.list().snapshots, vec![kept.clone()]);
        assert_eq!(names(&store.snapshots_dir()), ["20260101-090000.toml"]);
        let report = store
            .import_all(batch)
            .expect("import when the disk has room");
        assert_eq!(report.imported.len(), 3);
        assert_eq!(store.list().snapshots.len(), 4);
    }

    #[test]
    fn par_map_keeps_the_order_of_its_items_however_they_are_batched() {
        for (len, per_thread) in [(0, 1), (1, 1), (5, 1), (100, 3), (1_000, 64), (10_001, 7)] {
            let items: Vec<usize> = (0..len).collect();
            let doubled = par_map(&items, per_thread, |i| i * 2);
            assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
