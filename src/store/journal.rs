//! Imports that land whole or not at all, across a crash too.
//!
//! An import does not write into `snapshots/` one file at a time. It stages:
//!
//! 1. every new check-in is written to `staging/<id>.toml` and flushed to disk;
//! 2. `staging/journal.json`, listing them, is written atomically: that is
//!    the commit, after which the import counts as done;
//! 3. each staged file is moved into `snapshots/`; then the journal and the
//!    staging dir are removed.
//!
//! A crash before step 2 leaves a staging dir without a journal: the next
//! writer removes it (nothing landed). A crash after leaves the journal: the
//! next writer finishes the moves (everything landed). The next writer is
//! whoever takes the writer lock, or any command that lists check-ins and
//! finds the lock free. A listing that cannot finish the import (the lock
//! is held, the data dir read-only) leaves out the check-ins the journal
//! names, so it never shows part of an import.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::{self, Mode, Step};
use super::drafts::unused_path;
use super::{ErrorKind, Hook, Problem, Store, StoreError, lock, read_capped, validate};

const STAGING: &str = "staging";
const JOURNAL: &str = "journal.json";
/// A journal larger than this is not one motive wrote.
const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// The commit record of an import: the ids staged, to be moved.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    ids: Vec<String>,
}

/// One check-in to import: its id and its file's text.
pub(super) struct Staged {
    pub id: String,
    pub text: String,
}

impl Store {
    fn staging_dir(&self) -> PathBuf {
        self.root.join(STAGING)
    }

    fn journal_path(&self) -> PathBuf {
        self.staging_dir().join(JOURNAL)
    }

    /// Whether an interrupted import is waiting to be finished or removed.
    fn import_pending(&self) -> bool {
        self.staging_dir().exists()
    }

    /// Write `files` into `snapshots/` all or nothing (see the module doc).
    /// The caller holds the writer lock. An error before the commit means
    /// nothing was written; the message names the file that failed.
    pub(super) fn import_staged(&self, files: &[Staged], hook: Hook) -> Result<(), StoreError> {
        self.finish_interrupted_import()?;
        let staging = self.staging_dir();
        self.create_subdir(&staging)?;
        let journal = Journal {
            ids: files.iter().map(|f| f.id.clone()).collect(),
        };
        let committed = stage(&staging, files, hook).and_then(|()| {
            serde_json::to_vec(&journal)
                .map_err(io::Error::other)
                .and_then(|text| atomic::write(&self.journal_path(), &text, Mode::NoClobber))
                .map_err(|e| (self.journal_path(), e))
        });
        if let Err((path, e)) = committed {
            let _ = fs::remove_dir_all(&staging);
            return Err(StoreError::new(
                ErrorKind::Io,
                format!("nothing imported: cannot write {}: {e}", path.display()),
            ));
        }
        // Committed: from here on a crash finishes the import.
        self.finish_interrupted_import().map_err(|e| {
            StoreError::new(
                e.kind,
                format!(
                    "the import is recorded but not all in place ({e}); the next motive command finishes it"
                ),
            )
        })
    }

    /// Finish or undo an import that was interrupted, if any. The caller
    /// holds the writer lock.
    pub(super) fn finish_interrupted_import(&self) -> Result<(), StoreError> {
        let staging = self.staging_dir();
        if !staging.exists() {
            return Ok(());
        }
        let journal = match read_journal(&self.journal_path()) {
            Ok(Some(journal)) => journal,
            // Never committed: nothing of it counts.
            Ok(None) => {
                return fs::remove_dir_all(&staging)
                    .map_err(|e| StoreError::io("remove the unfinished import", &staging, &e));
            }
            Err(reason) => {
                return Err(StoreError::new(
                    ErrorKind::Invalid,
                    format!(
                        "cannot finish an interrupted import: {}: {reason}; move {} away",
                        self.journal_path().display(),
                        staging.display()
                    ),
                ));
            }
        };
        let snapshots = self.snapshots_dir();
        self.create_subdir(&snapshots)?;
        for id in &journal.ids {
            // Staged sealed or plain, it lands under the same name.
            let from = super::sealed::existing(&staging.join(format!("{id}.toml")));
            let to = snapshots.join(from.file_name().unwrap_or_default());
            move_no_clobber(&from, &to, &self.trash_dir())?;
        }
        atomic::sync_dir(&snapshots).map_err(|e| StoreError::io("sync", &snapshots, &e))?;
        fs::remove_dir_all(&staging)
            .map_err(|e| StoreError::io("remove the finished import", &staging, &e))?;
        atomic::sync_dir(&self.root).map_err(|e| StoreError::io("sync", &self.root, &e))
    }

    /// Before a listing: finish an interrupted import if no writer is
    /// running, else say which ids to leave out, and any problem with it.
    pub(super) fn settle_import(&self) -> (HashSet<String>, Option<Problem>) {
        if !self.import_pending() {
            return (HashSet::new(), None);
        }
        if let Ok(_lock) = lock::acquire(&self.root.join("lock"), "recovery") {
            let _ = self.finish_interrupted_import();
        }
        match read_journal(&self.journal_path()) {
            Ok(journal) => (
                journal
                    .map(|j| j.ids.into_iter().collect())
                    .unwrap_or_default(),
                None,
            ),
            Err(reason) => (
                HashSet::new(),
                Some(Problem {
                    path: self.journal_path(),
                    reason: format!("an interrupted import cannot be finished: {reason}"),
                }),
            ),
        }
    }
}

/// Write each file to `staging`, flushed; then flush the dir. An error
/// names the file where it will land, as the person knows it.
fn stage(staging: &Path, files: &[Staged], hook: Hook) -> Result<(), (PathBuf, io::Error)> {
    let snapshots = staging.with_file_name("snapshots");
    let locked = staging
        .parent()
        .is_some_and(crate::crypt::keyfile::is_encrypted)
        && crate::crypt::session::keys().is_none();
    if locked {
        return Err((
            snapshots,
            io::Error::other("the data dir is encrypted and not unlocked"),
        ));
    }
    for file in files {
        let name = format!("{}.toml", file.id);
        // In an unlocked data dir a check-in is staged sealed, as it will stay.
        let staged = match crate::crypt::session::keys() {
            Some(keys) => keys
                .seal(file.text.as_bytes())
                .map(|bytes| (format!("{name}{}", crate::crypt::SUFFIX), bytes)),
            None => Ok((name.clone(), file.text.clone().into_bytes())),
        };
        staged
            .and_then(|(staged_name, bytes)| {
                write_flushed(&staging.join(staged_name), &bytes, hook)
            })
            .map_err(|e| (snapshots.join(&name), e))?;
    }
    atomic::sync_dir(staging).map_err(|e| (staging.to_path_buf(), e))
}

/// Create `path` (mode 0600, never over a file), write `bytes`, fsync.
fn write_flushed(path: &Path, bytes: &[u8], hook: Hook) -> io::Result<()> {
    hook(Step::Create)?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    hook(Step::Write)?;
    file.write_all(bytes)?;
    hook(Step::Fsync)?;
    file.sync_all()
}

/// Move a staged file into place, unless it is already there (an earlier,
/// interrupted attempt moved it). A different file in its place is kept,
/// and the staged one goes to `trash` rather than over it.
fn move_no_clobber(from: &Path, to: &Path, trash: &Path) -> Result<(), StoreError> {
    if !from.exists() {
        return Ok(()); // moved before the interruption
    }
    if to.exists() {
        if read_capped(from).ok() == read_capped(to).ok() {
            return fs::remove_file(from).map_err(|e| StoreError::io("remove", from, &e));
        }
        super::regular::create_private_subdir(trash)
            .map_err(|e| StoreError::io("use", trash, &e))?;
        let stem = from
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let aside = unused_path(trash, &format!("{stem}.import-conflict"));
        return fs::rename(from, &aside).map_err(|e| StoreError::io("move aside", from, &e));
    }
    // Staged files were created 0600: the mode moves with them.
    fs::rename(from, to).map_err(|e| StoreError::io("move into place", from, &e))
}

/// The journal, if there is one; an error when it is not one motive wrote
/// (its ids must be check-in ids, which cannot name another path).
fn read_journal(path: &Path) -> Result<Option<Journal>, String> {
    let bytes = match super::read_capped_to(path, MAX_JOURNAL_BYTES) {
        Ok(bytes) => bytes,
        Err(super::regular::ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let journal: Journal =
        serde_json::from_slice(&bytes).map_err(|e| format!("not an import journal: {e}"))?;
    for id in &journal.ids {
        validate::check_id(id)?;
    }
    Ok(Some(journal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Snapshot;

    fn snapshots(n: usize) -> Vec<Snapshot> {
        (0..n)
            .map(|i| {
                let at = chrono::DateTime::parse_from_rfc3339(&format!(
                    "2026-01-{:02}T09:00:00+00:00",
                    i + 1
                ))
                .expect("date");
                Snapshot {
                    id: crate::snapshot::id_for(at),
                    ..Snapshot::empty_for_tests(&at.to_rfc3339())
                }
            })
            .collect()
    }

    /// The state a crash leaves after staging `batch`, with the journal
    /// written when `committed`, and the first `moved` files in place.
    fn interrupted(store: &Store, batch: &[Snapshot], committed: bool, moved: usize) {
        let files: Vec<Staged> = batch
            .iter()
            .map(|s| Staged {
                id: s.id.clone(),
                text: toml::to_string(s).expect("encode"),
            })
            .collect();
        store.create_subdir(&store.staging_dir()).expect("staging");
        stage(&store.staging_dir(), &files, &|_| Ok(())).expect("stage");
        if committed {
            let ids = files.iter().map(|f| f.id.clone()).collect();
            let text = serde_json::to_vec(&Journal { ids }).expect("encode");
            atomic::write(&store.journal_path(), &text, Mode::NoClobber).expect("journal");
        }
        for file in &files[..moved] {
            let name = format!("{}.toml", file.id);
            fs::rename(
                store.staging_dir().join(&name),
                store.snapshots_dir().join(&name),
            )
            .expect("move");
        }
    }

    fn ids(store: &Store) -> Vec<String> {
        store.list().snapshots.into_iter().map(|s| s.id).collect()
    }

    #[test]
    fn an_import_that_never_committed_is_removed_by_the_next_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let kept = snapshots(1);
        store.import_all(kept.clone()).expect("import");
        interrupted(&store, &snapshots(5)[1..], false, 0);
        assert_eq!(ids(&Store::read_only(dir.path())), [kept[0].id.clone()]);
        Store::open(dir.path()).expect("open again");
        assert!(!store.staging_dir().exists());
        assert_eq!(ids(&store), [kept[0].id.clone()]);
    }

    #[test]
    fn a_committed_import_is_finished_by_the_next_listing() {
        for moved in [0, 2, 4] {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path()).expect("open");
            let batch = snapshots(4);
            interrupted(&store, &batch, true, moved);
            let all: Vec<String> = batch.iter().map(|s| s.id.clone()).collect();
            assert_eq!(ids(&Store::read_only(dir.path())), all, "moved {moved}");
            assert!(!store.staging_dir().exists(), "moved {moved}");
            assert!(store.summaries().problems.is_empty());
            // And importing the same again changes nothing.
            let report = store.import_all(batch).expect("again");
            assert_eq!(report.unchanged, all);
        }
    }

    #[test]
    fn while_a_writer_holds_the_lock_a_listing_shows_none_of_a_committed_import() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let earlier = snapshots(1);
        store.import_all(earlier.clone()).expect("import");
        let batch = &snapshots(6)[1..];
        interrupted(&store, batch, true, 3);
        let held = lock::acquire(&store.root.join("lock"), "import").expect("lock");
        for _ in 0..2 {
            assert_eq!(ids(&store), [earlier[0].id.clone()]);
            assert_eq!(store.summaries().snapshots.len(), 1);
        }
        drop(held);
        // The next writer finishes it.
        let _lock = store.lock("check-in").expect("lock");
        assert!(!store.staging_dir().exists());
        assert_eq!(store.list().snapshots.len(), 6);
    }

    #[test]
    fn a_damaged_journal_is_reported_and_blocks_nobody() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        interrupted(&store, &snapshots(2), false, 0);
        fs::write(store.journal_path(), br#"{"ids": ["../../etc/passwd"]}"#).expect("write");
        let listing = store.summaries();
        assert_eq!(listing.problems.len(), 1);
        assert_eq!(listing.problems[0].path, store.journal_path());
        assert!(
            listing.problems[0].reason.contains("is not a check-in id"),
            "{}",
            listing.problems[0].reason
        );
        let _lock = store.lock("check-in").expect("a writer still works");
        assert!(
            store.staging_dir().exists(),
            "left for the person to look at"
        );
        let err = store.import_all(snapshots(3)).expect_err("not over it");
        assert!(err.message.contains("move"), "{}", err.message);
    }

    #[test]
    fn a_file_already_in_place_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let batch = snapshots(2);
        interrupted(&store, &batch, true, 0);
        // A sync tool brought a different file of the same id meanwhile.
        let theirs = store.snapshots_dir().join(format!("{}.toml", batch[0].id));
        fs::write(&theirs, "format = 1 # theirs").expect("write");
        let _lock = store.lock("import").expect("lock");
        assert_eq!(
            fs::read_to_string(&theirs).expect("read"),
            "format = 1 # theirs"
        );
        let aside = store
            .trash_dir()
            .join(format!("{}.import-conflict.toml", batch[0].id));
        assert!(aside.exists(), "kept in the trash");
        assert!(!store.staging_dir().exists());
    }
}
