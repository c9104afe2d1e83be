//! The one place a stored file's bytes are read ([`read`]) and written
//! ([`write`]), so a plain and an encrypted data dir share every other line.
//!
//! In a plain data dir both pass bytes through. When this process unlocked
//! the data dir's key (see [`crate::crypt::session`]), every file is written
//! sealed with age as `<name>.age` (`snapshots/<id>.toml.age`, the draft,
//! events, the cache), and read back opened. Whatever the name, a file is
//! taken as sealed by its first line, so a store half-way through `motive
//! encrypt` or `motive decrypt` reads whole. A plain file in an encrypted
//! store is refused with a reason that says how to adopt it; a sealed file
//! without the key says the store is locked. Nothing plain is ever written
//! into a data dir that has a key file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{self, Mode, Step};
use super::regular::{self, Links, ReadError};
use crate::crypt::{self, SUFFIX, keyfile, session};

/// An age file is a little larger than what it holds: a header of a few
/// hundred bytes and 16 bytes per 64 KiB chunk.
fn sealed_limit(limit: u64) -> u64 {
    limit.saturating_add(limit / 1024).saturating_add(4096)
}

/// `<path>.age`.
#[must_use]
pub fn sealed_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// A file name without its `.age`: `<id>.toml.age` is `<id>.toml`.
#[must_use]
pub fn plain_name(name: &str) -> &str {
    name.strip_suffix(SUFFIX).unwrap_or(name)
}

/// The file that holds what motive knows as `path` (`x.toml`): `x.toml.age`
/// or `x.toml`, whichever is there, the sealed one first when the store is
/// unlocked. A path already ending in `.age` is itself.
#[must_use]
pub fn existing(path: &Path) -> PathBuf {
    if path.as_os_str().to_string_lossy().ends_with(SUFFIX) {
        return path.to_path_buf();
    }
    let sealed = sealed_path(path);
    let order = if session::keys().is_some() {
        [&sealed, &path.to_path_buf()]
    } else {
        [&path.to_path_buf(), &sealed]
    };
    order
        .into_iter()
        .find(|p| p.symlink_metadata().is_ok())
        .cloned()
        .unwrap_or_else(|| path.to_path_buf())
}

/// The data dir a stored file belongs to: `<root>/<subdir>/<file>`.
fn root_of(path: &Path) -> Option<&Path> {
    path.parent()?.parent()
}

fn refusal(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

/// The bytes of the stored file motive knows as `path` (see [`existing`]),
/// opened if sealed: at most `limit` of them, never through a link.
///
/// # Errors
/// As [`regular::read`]; and `InvalidData` for a sealed file this process
/// cannot open (locked, another key, damaged), or a plain file in an
/// encrypted store.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let path = existing(path);
    let bytes = regular::read(&path, sealed_limit(limit), Links::Refuse)?;
    unseal(&path, bytes, limit)
}

/// [`read`] of the very file a directory listing just found regular (the
/// form of a check-in [`crate::store`] chose): no second look for its other
/// form, no second `lstat` (see [`regular::read_looked_at`]).
///
/// # Errors
/// As [`read`].
pub fn read_listed(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let bytes = regular::read_looked_at(path, sealed_limit(limit))?;
    unseal(path, bytes, limit)
}

/// `bytes` from the file at `path`, opened if sealed, refused if plain in
/// an encrypted store, and at most `limit` of them.
fn unseal(path: &Path, bytes: Vec<u8>, limit: u64) -> Result<Vec<u8>, ReadError> {
    let keys = session::keys();
    let plain = if crypt::is_sealed(&bytes) {
        let Some(keys) = keys else {
            let has_key = root_of(path).is_some_and(keyfile::is_encrypted);
            return Err(ReadError::Io(refusal(if has_key {
                "encrypted, and this data dir is locked".to_string()
            } else {
                format!(
                    "encrypted, but the data dir has no key file ({}); restore it from a copy",
                    keyfile::KEY_FILE
                )
            })));
        };
        keys.open(&bytes)
            .map_err(|e| ReadError::Io(refusal(e.to_string())))?
    } else if keys.is_some() && !root_of(path).is_some_and(super::convert::is_converting) {
        return Err(ReadError::Io(refusal(
            "plain text in an encrypted data dir (from a device without encryption?); \
             `motive encrypt` adopts it"
                .to_string(),
        )));
    } else {
        bytes
    };
    let len = u64::try_from(plain.len()).unwrap_or(u64::MAX);
    if len > limit {
        return Err(ReadError::TooLarge { len });
    }
    Ok(plain)
}

/// Write what motive knows as `path` atomically (see [`atomic::write`]):
/// sealed as `<path>.age` when the store is unlocked, plain otherwise.
/// Replacing a sealed file removes a plain one left beside it; writing a
/// new one never passes over a file of the same name in either form.
///
/// # Errors
/// As [`atomic::write`]; and a refusal to write into an encrypted data dir
/// this process has not unlocked.
pub fn write(
    path: &Path,
    bytes: &[u8],
    mode: Mode,
    hook: &dyn Fn(Step) -> io::Result<()>,
) -> io::Result<()> {
    let Some(keys) = session::keys() else {
        if root_of(path).is_some_and(keyfile::is_encrypted) {
            return Err(io::Error::other(
                "the data dir is encrypted and not unlocked; nothing written",
            ));
        }
        if mode == Mode::NoClobber && sealed_path(path).symlink_metadata().is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                "an encrypted file of that name exists",
            ));
        }
        return atomic::write_with(path, bytes, mode, hook);
    };
    if mode == Mode::NoClobber && path.symlink_metadata().is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a plain file of that name exists",
        ));
    }
    let sealed = keys.seal(bytes)?;
    atomic::write_with(&sealed_path(path), &sealed, mode, hook)?;
    if mode == Mode::Replace {
        remove_plain(path)?;
    }
    Ok(())
}

/// Remove the plain file at `path` if it is there (a regular file only).
fn remove_plain(path: &Path) -> io::Result<()> {
    match regular::check_replaceable(path).and_then(|()| fs::remove_file(path)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Remove what motive knows as `path`, in both forms; `Ok` when neither is there.
///
/// # Errors
/// A removal failed.
pub fn remove(path: &Path) -> io::Result<()> {
    for p in [path.to_path_buf(), sealed_path(path)] {
        match fs::remove_file(&p) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}
