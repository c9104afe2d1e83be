//! Atomic file writes: a temporary file in the same directory, written,
//! fsynced, renamed into place, then the directory fsynced. A reader sees the
//! old file or the new one, never half of one; a crash leaves at worst a
//! `.tmp-*` file that listings ignore and the next writer removes.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use tempfile::Builder;

/// Prefix of temporary files; anything starting with it is never a snapshot.
pub const TEMP_PREFIX: &str = ".tmp-";

/// The steps of an atomic write, named so tests can make each one fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Create,
    Write,
    Fsync,
    Rename,
}

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Replace it (drafts, exports).
    Replace,
    /// Fail with `ErrorKind::AlreadyExists` (snapshots are written once).
    NoClobber,
}

/// Write `bytes` to `path` atomically with permissions 0600.
pub fn write(path: &Path, bytes: &[u8], mode: Mode) -> io::Result<()> {
    write_with(path, bytes, mode, &|_| Ok(()))
}

/// [`write`], calling `hook` before each step; a hook error aborts the write
/// at that step, as a real failure there would.
pub(crate) fn write_with(
    path: &Path,
    bytes: &[u8],
    mode: Mode,
    hook: &dyn Fn(Step) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    hook(Step::Create)?;
    let mut temp = Builder::new()
        .prefix(TEMP_PREFIX)
        .permissions(fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    hook(Step::Write)?;
    temp.write_all(bytes)?;
    hook(Step::Fsync)?;
    temp.as_file().sync_all()?;
    hook(Step::Rename)?;
    match mode {
        Mode::Replace => temp.persist(path).map_err(|e| e.error)?,
        Mode::NoClobber => temp.persist_noclobber(path).map_err(|e| e.error)?,
    };
    sync_dir(dir)
}

/// Make a rename or removal in `dir` durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible_files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_with_private_permissions() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.toml");
        write(&path, b"one", Mode::Replace).expect("write");
        assert_eq!(fs::read(&path).expect("read"), b"one");
        let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn no_clobber_refuses_an_existing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.toml");
        write(&path, b"first", Mode::NoClobber).expect("write");
        let err = write(&path, b"second", Mode::NoClobber).expect_err("must refuse");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).expect("read"), b"first");
        assert_eq!(visible_files(dir.path()), ["a.toml"]);
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_previous_file_intact() {
        for step in [Step::Create, Step::Write, Step::Fsync, Step::Rename] {
            for mode in [Mode::Replace, Mode::NoClobber] {
                let dir = tempfile::tempdir().expect("tempdir");
                let path = dir.path().join("draft.toml");
                if mode == Mode::Replace {
                    write(&path, b"previous", mode).expect("first write");
                }
                let fail = |s: Step| {
                    if s == step {
                        Err(io::Error::other(format!("injected failure at {s:?}")))
                    } else {
                        Ok(())
                    }
                };
                let err = write_with(&path, b"next", mode, &fail).expect_err("must fail");
                assert!(err.to_string().contains("injected failure"), "{err}");
                if mode == Mode::Replace {
                    assert_eq!(fs::read(&path).expect("read"), b"previous", "{step:?}");
                    assert_eq!(visible_files(dir.path()), ["draft.toml"], "{step:?}");
                } else {
                    assert!(!path.exists(), "{step:?}");
                    assert!(visible_files(dir.path()).is_empty(), "{step:?}");
                }
            }
        }
    }
}
