//! The snapshot store: the only module that touches the data dir.
//!
//! Layout of the data dir (mode 0700, every file 0600):
//! * `snapshots/<id>.toml`: one finished check-in per file, written once, never rewritten;
//! * `drafts/<host>.toml`: the check-in in progress on this machine;
//! * `trash/`: deleted snapshots, moved rather than destroyed;
//! * `lock`: held by the one process that writes.
//!
//! OWNER: store helper. Contract below; bodies to be written.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::snapshot::Snapshot;

/// Something in the store went wrong; the message names the path involved.
#[derive(Debug)]
pub struct StoreError {
    pub message: String,
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

/// Every readable snapshot, oldest first, and the files that were skipped.
#[derive(Debug, Default)]
pub struct Listing {
    pub snapshots: Vec<Snapshot>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Open (creating with mode 0700 if needed) the data dir.
    pub fn open(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let _ = root.into();
        todo!("store helper")
    }

    /// Open for reading only: never creates anything. A missing dir reads as empty.
    #[must_use]
    pub fn read_only(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Read every snapshot; unreadable or newer-format files become problems.
    #[must_use]
    pub fn list(&self) -> Listing {
        todo!("store helper")
    }

    /// Save a finished check-in. Its id is derived from `finished_at`
    /// (see [`id_for`]), with `-2`, `-3`... on collision; never overwrites.
    /// Returns the snapshot as saved (with its final id).
    pub fn save(&self, snapshot: Snapshot) -> Result<Snapshot, StoreError> {
        let _ = snapshot;
        todo!("store helper")
    }

    /// Check that the data dir can be written, before a person invests time.
    pub fn check_writable(&self) -> Result<(), StoreError> {
        todo!("store helper")
    }

    /// Atomically write the draft of the check-in in progress on this host.
    pub fn save_draft<T: Serialize>(&self, draft: &T) -> Result<(), StoreError> {
        let _ = draft;
        todo!("store helper")
    }

    /// The draft of this host, if any.
    pub fn load_draft<T: DeserializeOwned>(&self) -> Result<Option<T>, StoreError> {
        todo!("store helper")
    }

    /// Remove this host's draft (after saving, or when the person discards it).
    pub fn discard_draft(&self) -> Result<(), StoreError> {
        todo!("store helper")
    }
}

/// The id of a snapshot finished at `at`: local time `YYYYMMDD-HHMMSS`.
#[must_use]
pub fn id_for(at: DateTime<FixedOffset>) -> String {
    at.format("%Y%m%d-%H%M%S").to_string()
}

/// Find a snapshot by `latest`, `latest~N`, an exact id or a unique prefix.
/// `snapshots` are oldest first.
pub fn find<'a>(snapshots: &'a [Snapshot], spec: &str) -> Result<&'a Snapshot, StoreError> {
    let _ = (snapshots, spec);
    todo!("store helper")
}
