//! Where `-o FILE` sends a command's output: standard output for `-` and
//! `/dev/stdout`, else a regular file written atomically with mode 0600.
//! A link or a device node at FILE is refused, never replaced or written
//! through: as root, replacing `/dev/null` with a file would break the system.

use std::io::Write;
use std::path::Path;

use super::Error;
use crate::store::{atomic, regular};

/// Where output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Stdout,
    File(&'a Path),
}

impl<'a> Target<'a> {
    /// The target `-o` names (`None`: no `-o`, standard output).
    #[must_use]
    pub fn of(output: Option<&'a Path>) -> Self {
        match output {
            None => Self::Stdout,
            Some(path) if path == Path::new("-") || path == Path::new("/dev/stdout") => {
                Self::Stdout
            }
            Some(path) => Self::File(path),
        }
    }
}

/// Whether something (of any kind) is at `path` already.
#[must_use]
pub fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Write `bytes` to the regular file `path`, atomically, mode 0600.
///
/// # Errors
/// `cannot write <path>: <why>`; a link, a device node or a FIFO at `path`
/// is bad input (exit 2) and says what to do instead.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_file_streamed(path, &mut |out| out.write_all(bytes).map_err(Error::from))
}

/// [`write_file`] of what `fill` writes, as it writes it (through a
/// buffer). An error of `fill` leaves `path` as it was and is returned.
///
/// # Errors
/// `fill`'s own, or those of [`write_file`].
pub fn write_file_streamed(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> Result<(), Error>,
) -> Result<(), Error> {
    if let Some(folder) = missing_folder(path) {
        return Err(Error::input(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            folder.display()
        )));
    }
    let mut failed = None;
    let written = atomic::write_streamed(path, atomic::Mode::Replace, &mut |out| {
        fill(out).map_err(|e| {
            failed = Some(e);
            std::io::Error::other("the output could not be made")
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    written.map_err(|e| {
        let hint = match regular::refusal(&e).map(regular::Refused::found) {
            None => "",
            Some("a symbolic link") => "; name the file it points to instead",
            Some(_) => "; only a regular file is written (-o - writes to standard output)",
        };
        Error::io(format!("cannot write {}: {e}{hint}", path.display()), &e)
    })
}

/// The folder `path` would be written in, when it is not there (said
/// before the write, which would otherwise name its temporary file).
fn missing_folder(path: &Path) -> Option<&Path> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    match folder.metadata() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(folder),
        _ => None,
    }
}

/// Send `bytes` where `-o` says: standard output (`out`), or the regular
/// file, written as [`write_file`] does. The file's path is returned, for
/// the line on stderr that says where the output went.
///
/// # Errors
/// As [`write_file`], or standard output cannot be written.
pub fn deliver<'a>(
    output: Option<&'a Path>,
    bytes: &[u8],
    out: &mut dyn std::io::Write,
) -> Result<Option<&'a Path>, Error> {
    match Target::of(output) {
        Target::Stdout => {
            out.write_all(bytes)?;
            Ok(None)
        }
        Target::File(path) => {
            write_file(path, bytes)?;
            Ok(Some(path))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_and_dev_stdout_mean_standard_output() {
        assert_eq!(Target::of(None), Target::Stdout);
        assert_eq!(Target::of(Some(Path::new("-"))), Target::Stdout);
        assert_eq!(Target::of(Some(Path::new("/dev/stdout"))), Target::Stdout);
        assert_eq!(
            Target::of(Some(Path::new("./-"))),
            Target::File(Path::new("./-")),
            "a file named - can still be written as ./-"
        );
    }

    #[test]
    fn anything_but_a_regular_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pipe = dir.path().join("out.json");
        nix::unistd::mkfifo(&pipe, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
        let err = write_file(&pipe, b"x").expect_err("refused");
        assert_eq!(err.code, crate::exit::INPUT);
        assert_eq!(
            err.message,
            format!(
                "cannot write {}: is a FIFO, not a regular file; \
                 only a regular file is written (-o - writes to standard output)",
                pipe.display()
            )
        );
        let meta = std::fs::symlink_metadata(&pipe).expect("still there");
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));
    }
}
