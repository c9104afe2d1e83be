//! Atomic file writes: a temporary file in the same directory, written,
//! fsynced, renamed into place, then the directory fsynced. A reader sees the
//! old file or the new one, never half of one; a crash leaves at worst a
//! `.tmp-*` file that listings ignore and the next writer removes.
//!
//! Errors keep their [`io::ErrorKind`] (a no-clobber collision is
//! `AlreadyExists`) and say which step failed; the caller names the path.

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
    /// Fsync the directory, making the rename durable.
    SyncDir,
}

impl Step {
    /// Every step, in the order a write takes them.
    pub const ALL: [Step; 5] = [
        Self::Create,
        Self::Write,
        Self::Fsync,
        Self::Rename,
        Self::SyncDir,
    ];

    fn doing(self) -> &'static str {
        match self {
            Self::Create => "creating a temporary file",
            Self::Write => "writing",
            Self::Fsync => "flushing to disk",
            Self::Rename => "moving into place",
            Self::SyncDir => "flushing the directory",
        }
    }

    /// Add this step to an error, keeping its kind.
    fn explain(self, err: io::Error) -> io::Error {
        io::Error::new(err.kind(), format!("{err} (while {})", self.doing()))
    }
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
///
/// Only a regular file is replaced: a link, a device node or a FIFO at
/// `path` is refused (see [`super::regular::check_replaceable`]), never
/// replaced or written through.
///
/// On error nothing changed at `path`, with one exception: in
/// [`Mode::Replace`], a failure to flush the directory leaves the new content
/// in place (the old one is gone by then). In [`Mode::NoClobber`] the new file
/// is removed again, so an error always means "not written".
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
    write_streamed_with(path, mode, &mut |out| out.write_all(bytes), hook)
}

/// [`write`] of what `fill` writes, through a buffer: for outputs too large
/// to hold in memory at once. An error from `fill` leaves `path` alone.
pub fn write_streamed(
    path: &Path,
    mode: Mode,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    write_streamed_with(path, mode, fill, &|_| Ok(()))
}

fn write_streamed_with(
    path: &Path,
    mode: Mode,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    hook: &dyn Fn(Step) -> io::Result<()>,
) -> io::Result<()> {
    if mode == Mode::Replace {
        super::regular::check_replaceable(path)?;
    }
    let failed = |step: Step| move |e: io::Error| step.explain(e);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = hook(Step::Create)
        .and_then(|()| {
            Builder::new()
                .prefix(TEMP_PREFIX)
                .permissions(fs::Permissions::from_mode(0o600))
                .tempfile_in(dir)
        })
        .map_err(failed(Step::Create))?;
    // From here on, dropping `temp` on an error removes the temporary file.
    hook(Step::Write)
        .and_then(|()| {
            let mut out = io::BufWriter::with_capacity(64 * 1024, temp.as_file_mut());
            fill(&mut out)?;
            out.flush()
        })
        .map_err(failed(Step::Write))?;
    hook(Step::Fsync)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(failed(Step::Fsync))?;
    hook(Step::Rename).map_err(failed(Step::Rename))?;
    match mode {
        Mode::Replace => temp.persist(path),
        Mode::NoClobber => temp.persist_noclobber(path),
    }
    .map_err(|e| Step::Rename.explain(e.error))?;
    let synced = hook(Step::SyncDir)
        .and_then(|()| sync_dir(dir))
        .map_err(failed(Step::SyncDir));
    if synced.is_err() && mode == Mode::NoClobber {
        // The file is ours and new: take it back so the error means "not saved".
        let _ = fs::remove_file(path);
    }
    synced
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
        for step in Step::ALL {
            for mode in [Mode::Replace, Mode::NoClobber] {
                let dir = tempfile::tempdir().expect("tempdir");
                let path = dir.path().join("draft.toml");
                if mode == Mode::Replace {
                    write(&path, b"previous", mode).expect("first write");
                }
                let fail = |s: Step| {
                    if s == step {
                        Err(io::Error::new(
                            io::ErrorKind::StorageFull,
                            format!("injected failure at {s:?}"),
                        ))
                    } else {
                        Ok(())
                    }
                };
                let err = write_with(&path, b"next", mode, &fail).expect_err("must fail");
                assert_eq!(err.kind(), io::ErrorKind::StorageFull, "{step:?}");
                let message = err.to_string();
                assert!(message.contains("injected failure"), "{message}");
                assert!(message.contains(step.doing()), "{message}");
                match (mode, step) {
                    // The rename happened; only its durability is in doubt.
                    (Mode::Replace, Step::SyncDir) => {
                        assert_eq!(fs::read(&path).expect("read"), b"next");
                        assert_eq!(visible_files(dir.path()), ["draft.toml"]);
                    }
                    (Mode::Replace, _) => {
                        assert_eq!(fs::read(&path).expect("read"), b"previous", "{step:?}");
                        assert_eq!(visible_files(dir.path()), ["draft.toml"], "{step:?}");
                    }
                    (Mode::NoClobber, _) => {
                        assert!(!path.exists(), "{step:?}");
                        assert!(visible_files(dir.path()).is_empty(), "{step:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_real_failure_names_its_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing").join("a.toml");
        let err = write(&path, b"x", Mode::Replace).expect_err("no such dir");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert!(
            err.to_string().contains("creating a temporary file"),
            "{err}"
        );
    }
}
