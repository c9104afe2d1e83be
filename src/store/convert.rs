//! Converting a data dir between plain and encrypted (`motive encrypt`,
//! `motive decrypt`), under the writer lock, one file at a time.
//!
//! Each file is written in its new form atomically, read back and checked
//! against the old one, and only then is the old one removed. While a
//! conversion runs, the file `converting` in the data dir says so, and
//! plain and sealed files are both read (see [`super::sealed`]): a run that
//! is killed leaves a store that reads whole, and the next run resumes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{self, Mode};
use super::regular::{self, Links};
use super::sealed::sealed_path;
use super::{ErrorKind, MAX_SNAPSHOT_BYTES, Store, StoreError, WriterLock};
use crate::crypt::{self, Keys, SUFFIX, keyfile};

/// Present while a conversion runs or after one was interrupted.
pub const MARKER: &str = "converting";

/// Anything stored but the cache is at most a check-in's size, sealed or not.
const MAX_FILE_BYTES: u64 = MAX_SNAPSHOT_BYTES + MAX_SNAPSHOT_BYTES / 1024 + 4096;

/// A file's new path and bytes; `None` to leave it as it is; or why it
/// cannot be converted.
type Conversion = Result<Option<(PathBuf, Vec<u8>)>, String>;

/// What a conversion did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Converted {
    /// Files converted by this run.
    pub files: usize,
    /// Plain files left in `trash/` (encrypt without `--trash`).
    pub plain_in_trash: usize,
}

/// Whether a conversion of the data dir at `root` is under way or was interrupted.
#[must_use]
pub fn is_converting(root: &Path) -> bool {
    root.join(MARKER).symlink_metadata().is_ok()
}

impl Store {
    /// The dirs whose files are sealed: what motive stores, and the trash.
    fn stored_dirs(&self) -> (Vec<PathBuf>, Vec<PathBuf>) {
        let stored = vec![
            self.snapshots_dir(),
            self.drafts_dir(),
            self.root.join("events"),
        ];
        let trash = vec![self.trash_dir(), self.trash_dir().join("events")];
        (stored, trash)
    }

    /// Say (durably) that a conversion runs.
    ///
    /// # Errors
    /// The marker cannot be written.
    pub fn start_conversion(&self, _lock: &WriterLock, what: &str) -> Result<(), StoreError> {
        let path = self.root.join(MARKER);
        atomic::write(&path, format!("{what}\n").as_bytes(), Mode::Replace)
            .map_err(|e| StoreError::io("write", &path, &e))
    }

    /// The conversion is complete.
    ///
    /// # Errors
    /// The marker cannot be removed.
    pub fn finish_conversion(&self, _lock: &WriterLock) -> Result<(), StoreError> {
        let path = self.root.join(MARKER);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(StoreError::io("remove", &path, &e))
            }
            _ => atomic::sync_dir(&self.root).map_err(|e| StoreError::io("sync", &self.root, &e)),
        }
    }

    /// Seal every plain file of the store (and of `trash/` when `trash`)
    /// with `keys`. The plain cache is removed: it is rebuilt, sealed.
    ///
    /// # Errors
    /// A file cannot be read, written or checked; the files done so far
    /// stay done, the rest stay plain.
    pub fn seal_all(
        &self,
        lock: &WriterLock,
        keys: &Keys,
        trash: bool,
    ) -> Result<Converted, StoreError> {
        let mut done = Converted::default();
        let (stored, trash_dirs) = self.stored_dirs();
        for dir in &stored {
            done.files +=
                self.convert_dir(lock, dir, &|path, bytes| seal_one(keys, path, bytes))?;
        }
        for dir in &trash_dirs {
            if trash {
                done.files +=
                    self.convert_dir(lock, dir, &|path, bytes| seal_one(keys, path, bytes))?;
            } else {
                done.plain_in_trash += plain_files(dir).len();
            }
        }
        // The cache is derived: a plain one is removed, never copied.
        for path in plain_files(&self.root.join("cache")) {
            fs::remove_file(&path).map_err(|e| StoreError::io("remove", &path, &e))?;
        }
        Ok(done)
    }

    /// Open every sealed file of the store and of `trash/` back to plain.
    ///
    /// # Errors
    /// A file cannot be opened (another key, damage), written or checked;
    /// the files done so far stay done.
    pub fn open_all(&self, lock: &WriterLock, keys: &Keys) -> Result<Converted, StoreError> {
        let mut done = Converted::default();
        let (stored, trash) = self.stored_dirs();
        for dir in stored.iter().chain(&trash) {
            done.files +=
                self.convert_dir(lock, dir, &|path, bytes| open_one(keys, path, bytes))?;
        }
        for path in sealed_files(&self.root.join("cache")) {
            fs::remove_file(&path).map_err(|e| StoreError::io("remove", &path, &e))?;
        }
        Ok(done)
    }

    /// Convert each file of `dir` that `convert` takes (it returns the new
    /// path and bytes, or `None` to leave the file): written, read back,
    /// checked, and then the old file removed.
    fn convert_dir(
        &self,
        _lock: &WriterLock,
        dir: &Path,
        convert: &dyn Fn(&Path, Vec<u8>) -> Conversion,
    ) -> Result<usize, StoreError> {
        let mut done = 0;
        for path in files_of(dir) {
            let bytes = match regular::read(&path, MAX_FILE_BYTES, Links::Refuse) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return Err(StoreError::new(
                        ErrorKind::Invalid,
                        format!("{}: {e}; nothing more converted", path.display()),
                    ));
                }
            };
            let Some((target, new)) = convert(&path, bytes.clone()).map_err(|reason| {
                StoreError::new(
                    ErrorKind::Invalid,
                    format!("{}: {reason}; nothing more converted", path.display()),
                )
            })?
            else {
                continue;
            };
            atomic::write(&target, &new, Mode::Replace)
                .map_err(|e| StoreError::io("write", &target, &e))?;
            let back = regular::read(&target, MAX_FILE_BYTES, Links::Refuse).map_err(|e| {
                StoreError::new(ErrorKind::Io, format!("{}: {e}", target.display()))
            })?;
            if back != new {
                return Err(StoreError::new(
                    ErrorKind::Io,
                    format!(
                        "{} does not read back as written; {} is kept",
                        target.display(),
                        path.display()
                    ),
                ));
            }
            fs::remove_file(&path).map_err(|e| StoreError::io("remove", &path, &e))?;
            atomic::sync_dir(dir).map_err(|e| StoreError::io("sync", dir, &e))?;
            done += 1;
        }
        Ok(done)
    }
}

/// `path` sealed, beside it as `<name>.age`, checked to open to `plain`;
/// `None` for a file that is sealed already.
fn seal_one(
    keys: &Keys,
    path: &Path,
    plain: Vec<u8>,
) -> Result<Option<(PathBuf, Vec<u8>)>, String> {
    if crypt::is_sealed(&plain) || path.to_string_lossy().ends_with(SUFFIX) {
        return Ok(None);
    }
    let sealed = keys.seal(&plain).map_err(|e| e.to_string())?;
    if keys.open(&sealed).map_err(|e| e.to_string())? != plain {
        return Err("sealing it does not give it back; left plain".to_string());
    }
    Ok(Some((sealed_path(path), sealed)))
}

/// `path` (`<name>.age`) opened, beside it as `<name>`; `None` for a plain file.
fn open_one(
    keys: &Keys,
    path: &Path,
    sealed: Vec<u8>,
) -> Result<Option<(PathBuf, Vec<u8>)>, String> {
    let name = path.to_string_lossy();
    let Some(plain_path) = name.strip_suffix(SUFFIX) else {
        return Ok(None);
    };
    if !crypt::is_sealed(&sealed) {
        return Ok(None);
    }
    let plain = keys.open(&sealed).map_err(|e| e.to_string())?;
    Ok(Some((PathBuf::from(plain_path), plain)))
}

/// The regular files of `dir` that may hold something stored: not hidden,
/// not temporary. None when `dir` is missing or not a real directory.
fn files_of(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = regular::real_dir(dir).and_then(|()| fs::read_dir(dir)) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    paths
}

/// The files of `dir` that are plain (by name).
#[must_use]
pub fn plain_files(dir: &Path) -> Vec<PathBuf> {
    files_of(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(SUFFIX))
        .collect()
}

/// The files of `dir` that are sealed (by name).
fn sealed_files(dir: &Path) -> Vec<PathBuf> {
    files_of(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(SUFFIX))
        .collect()
}

/// The plain files of an encrypted data dir outside a conversion: each one
/// arrived from elsewhere (a device without encryption) and is not read.
#[must_use]
pub fn strays(store: &Store) -> Vec<PathBuf> {
    if !keyfile::is_encrypted(store.root()) || is_converting(store.root()) {
        return Vec::new();
    }
    let (stored, _) = store.stored_dirs();
    stored.iter().flat_map(|dir| plain_files(dir)).collect()
}
