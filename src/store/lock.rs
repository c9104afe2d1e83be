//! One writer at a time: an advisory lock on `<data dir>/lock`.
//!
//! The kernel releases the lock when its holder exits, even by SIGKILL, so a
//! crash never leaves a stale lock behind. The file's content says who holds
//! it, for the message the next process shows.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::StoreError;

/// Held while a check-in, an import or a delete runs; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process writes: who and since when, as it wrote them.
    Busy {
        holder: String,
    },
    Store(StoreError),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Busy { holder } if holder.is_empty() => {
                f.write_str("another motive is writing to this data dir")
            }
            Self::Busy { holder } => write!(f, "{holder} is already in progress"),
            Self::Store(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LockError {}

pub(super) fn acquire(path: &Path, purpose: &str) -> Result<WriterLock, LockError> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|e| LockError::Store(StoreError::io("open the lock", path, &e)))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            return Err(LockError::Busy {
                holder: holder.trim().to_string(),
            });
        }
        Err(TryLockError::Error(e)) => {
            return Err(LockError::Store(StoreError::io("lock", path, &e)));
        }
    }
    let since = chrono::Local::now().format("%Y-%m-%d %H:%M");
    let host = gethostname::gethostname().to_string_lossy().into_owned();
    let who = format!(
        "a {purpose} (started {since} on {host}, pid {})",
        std::process::id()
    );
    // Best effort: the lock itself is what matters, the text only explains it.
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(who.as_bytes()));
    let _ = fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600));
    Ok(WriterLock { _file: file })
}
