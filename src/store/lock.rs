//! One writer at a time: an advisory lock on `<data dir>/lock`.
//!
//! The kernel releases the lock when its holder exits, even by SIGKILL, so a
//! crash never leaves a stale lock behind. The file's content says who holds
//! it, for the message the next process shows.
//!
//! The lock file is opened without following a link and must be a regular
//! file (see [`super::regular`]): a `lock` link to a file elsewhere is
//! refused, and the target is never truncated, written or chmodded.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::{DateTime, SecondsFormat};
use serde::{Deserialize, Serialize};

use super::{StoreError, regular};
use crate::text::escape_line;

/// The most of a lock file read to say who holds it; a real one is ~100 bytes.
const MAX_HOLDER_BYTES: u64 = 4096;

/// Held while a check-in, an import or a delete runs; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process writes. `holder` says who and since when, e.g.
    /// "a check-in (started 2026-11-22 09:30 on host, pid 42)"; it is empty
    /// when the lock file does not say.
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

/// What the lock file says about the process holding it.
#[derive(Debug, Serialize, Deserialize)]
struct Holder {
    purpose: String,
    pid: u32,
    host: String,
    /// RFC 3339, to the second.
    started: String,
}

/// "a check-in (started 2026-11-22 09:30 on host, pid 42)", or "" when the
/// lock file does not say (an older motive, or caught mid-write).
fn describe_holder(text: &str) -> String {
    let Ok(h) = toml::from_str::<Holder>(text) else {
        return String::new();
    };
    let since = DateTime::parse_from_rfc3339(&h.started).map_or_else(
        |_| h.started.clone(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    );
    // The lock file is in the data dir, which others may sync or write.
    let purpose = escape_line(&h.purpose);
    let article = if purpose.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!(
        "{article} {purpose} (started {} on {}, pid {})",
        escape_line(&since),
        escape_line(&h.host),
        h.pid
    )
}

pub(super) fn acquire(path: &Path, purpose: &str) -> Result<WriterLock, LockError> {
    let mut file = regular::open_or_create(path)
        .map_err(|e| LockError::Store(StoreError::io("open the lock", path, &e)))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = (&file).take(MAX_HOLDER_BYTES).read_to_string(&mut text);
            return Err(LockError::Busy {
                holder: describe_holder(&text),
            });
        }
        Err(TryLockError::Error(e)) => {
            return Err(LockError::Store(StoreError::io("lock", path, &e)));
        }
    }
    let holder = Holder {
        purpose: purpose.to_string(),
        pid: std::process::id(),
        host: gethostname::gethostname().to_string_lossy().into_owned(),
        started: chrono::Local::now()
            .fixed_offset()
            .to_rfc3339_opts(SecondsFormat::Secs, false),
    };
    // Best effort: the lock itself is what matters, the text only explains it.
    if let Ok(text) = toml::to_string(&holder) {
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(text.as_bytes()));
    }
    // On the open file: the path may name something else by now.
    let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
    Ok(WriterLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn the_lock_file_says_who_holds_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lock");
        let held = acquire(&path, "check-in").expect("lock");
        let text = fs::read_to_string(&path).expect("read the lock file");
        let holder: Holder = toml::from_str(&text).expect("parses");
        assert_eq!(holder.purpose, "check-in");
        assert_eq!(holder.pid, std::process::id());
        let started = DateTime::parse_from_rfc3339(&holder.started).expect("RFC 3339");
        assert!(
            (chrono::Local::now().fixed_offset() - started)
                .num_seconds()
                .abs()
                < 60,
            "{text}"
        );
        let described = describe_holder(&text);
        assert!(described.starts_with("a check-in (started "), "{described}");
        assert!(
            described.ends_with(&format!("pid {})", std::process::id())),
            "{described}"
        );
        drop(held);
    }

    #[test]
    fn an_unreadable_lock_file_describes_nobody() {
        assert_eq!(describe_holder(""), "");
        assert_eq!(describe_holder("purpose = \"check-in\"\npid = "), "");
    }

    #[test]
    fn the_holder_is_named_with_its_article_and_nothing_raw() {
        let text =
            "purpose = \"import\"\npid = 7\nhost = \"h\\u001b[2J\"\nstarted = \"x\\u202e\"\n";
        assert_eq!(
            describe_holder(text),
            "an import (started x\\u{202e} on h\\u{1b}[2J, pid 7)"
        );
    }
}
