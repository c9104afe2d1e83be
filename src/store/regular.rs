//! The file-system policy, in one place: motive opens only regular files,
//! never through a symbolic link inside its data dir, and reads each one only
//! up to a limit.
//!
//! A data dir synced with git or Syncthing, or edited by hand, can hold
//! links, FIFOs and device nodes. Following a `lock` link would let motive
//! truncate and chmod any file its user can write; opening a FIFO blocks
//! until someone writes to it; reading `/dev/zero` never ends. So:
//!
//! * a file in the data dir is opened with `O_NOFOLLOW` (a link fails to
//!   open) and `O_NONBLOCK` (a FIFO or a terminal cannot block the open; it
//!   has no effect on regular files), after an `lstat` and before an `fstat`
//!   that both must say "regular file";
//! * the subdirectories (`snapshots/`, `drafts/`, `trash/`, `cache/`) must be
//!   real directories, not links ([`real_dir`], [`create_private_subdir`]);
//!   the data dir itself may be a link, since the user chose its path;
//! * a file is replaced only when it is a regular file or absent
//!   ([`check_replaceable`]);
//! * every read stops one byte past its limit ([`read`]).
//!
//! Files the user names (an import, a bank) may be links, which are
//! followed ([`Links::Follow`]), but they too must be regular files and are
//! read only up to a limit.
//!
//! A refusal is an [`io::Error`] carrying a [`Refused`]: callers keep their
//! own wording (`cannot read the draft <path>: is a symbolic link, ...`) and
//! [`is_refusal`] tells it from a failing disk.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt};
use std::path::Path;

use nix::libc;

/// Whether a symbolic link at the path itself may be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Inside the data dir: a link is refused, never followed.
    Refuse,
    /// A path the user named: the link is followed, its target must still
    /// be a regular file.
    Follow,
}

/// What was found where a regular file (or a directory) was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    found: &'static str,
    wanted: &'static str,
}

impl Refused {
    /// What is at the path: "a symbolic link", "a FIFO", "a directory"...
    #[must_use]
    pub fn found(&self) -> &'static str {
        self.found
    }

    fn link() -> Self {
        Self {
            found: "a symbolic link",
            wanted: "a regular file",
        }
    }
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.found == "a symbolic link" {
            write!(
                f,
                "is a symbolic link, which motive neither follows nor replaces here"
            )
        } else {
            write!(f, "is {}, not {}", self.found, self.wanted)
        }
    }
}

impl std::error::Error for Refused {}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> Self {
        io::Error::new(io::ErrorKind::InvalidInput, refused)
    }
}

/// The refusal inside `err`, if it is one (rather than a failing disk).
#[must_use]
pub fn refusal(err: &io::Error) -> Option<&Refused> {
    err.get_ref()
        .and_then(|inner| inner.downcast_ref::<Refused>())
}

/// Whether `err` is a refusal of what was found at a path.
#[must_use]
pub fn is_refusal(err: &io::Error) -> bool {
    refusal(err).is_some()
}

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    /// The file holds more than the limit: `len` bytes, or at least that many.
    TooLarge { len: u64 },
    /// It could not be opened or read, or is not a regular file.
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(err: io::Error) -> Self {
        Self::Io(err)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge { len } => write!(f, "{len} bytes is too large"),
            Self::Io(err) => err.fmt(f),
        }
    }
}

fn describe(file_type: fs::FileType) -> &'static str {
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a directory"
    } else if file_type.is_fifo() {
        "a FIFO"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "an unknown kind of file"
    }
}

/// `Ok` when `meta` (from an `lstat`, say) is that of a regular file.
///
/// # Errors
/// A [`Refused`] naming what it is.
pub fn check_file(meta: &fs::Metadata) -> io::Result<()> {
    Ok(require_file(meta)?)
}

fn require_file(meta: &fs::Metadata) -> Result<(), Refused> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(Refused {
            found: describe(meta.file_type()),
            wanted: "a regular file",
        })
    }
}

/// What is at `path`, looked at without following a final link when
/// `links` is [`Links::Refuse`].
fn stat(path: &Path, links: Links) -> io::Result<fs::Metadata> {
    match links {
        Links::Refuse => fs::symlink_metadata(path),
        Links::Follow => fs::metadata(path),
    }
}

/// Open flags that never block on a FIFO and, for [`Links::Refuse`], never
/// follow a final link.
fn flags(links: Links) -> i32 {
    let base = libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;
    match links {
        Links::Refuse => base | libc::O_NOFOLLOW,
        Links::Follow => base,
    }
}

/// An open that failed because the path is a link (`ELOOP` on Linux,
/// `EMLINK` on FreeBSD) reads as a [`Refused`].
fn explain_open_error(path: &Path, err: io::Error) -> io::Error {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Refused::link().into(),
        _ => err,
    }
}

/// Open with `options`, then make sure a regular file was opened; its
/// metadata comes back too, so nobody has to ask again.
fn open_checked(
    path: &Path,
    options: &mut OpenOptions,
    links: Links,
) -> io::Result<(File, fs::Metadata)> {
    let file = options
        .custom_flags(flags(links))
        .open(path)
        .map_err(|e| explain_open_error(path, e))?;
    // What was opened, not what the path pointed to a moment ago.
    let meta = file.metadata()?;
    require_file(&meta)?;
    Ok((file, meta))
}

/// Open an existing regular file for reading.
///
/// # Errors
/// The path is missing or unreadable, is a link (with [`Links::Refuse`]),
/// or is not a regular file: a FIFO, a device, a directory...
pub fn open(path: &Path, links: Links) -> io::Result<File> {
    // Looked at first, so a device or FIFO is never even opened.
    require_file(&stat(path, links)?)?;
    open_checked(path, OpenOptions::new().read(true), links).map(|(file, _)| file)
}

/// Open a regular file for reading and writing, creating it (mode 0600)
/// when it is missing; never truncates, never follows a final link.
///
/// # Errors
/// As [`open`], or the file cannot be created.
pub fn open_or_create(path: &Path) -> io::Result<File> {
    match fs::symlink_metadata(path) {
        Ok(meta) => require_file(&meta)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    open_checked(
        path,
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600),
        Links::Refuse,
    )
    .map(|(file, _)| file)
}

/// The whole of a regular file of at most `limit` bytes. At most
/// `limit + 1` bytes are read, whatever the file claims or becomes.
///
/// # Errors
/// [`ReadError::TooLarge`] past the limit, else as [`open`].
pub fn read(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    // Looked at first, so a device or FIFO is never even opened.
    check_file(&stat(path, links)?)?;
    read_opened(path, limit, links)
}

/// [`read`] of a file in the data dir that the caller has just looked at
/// without following a link (an `lstat`, or the metadata of a directory
/// entry) and found regular: it is opened without that first look, never
/// through a link and without blocking, and what was opened must still be a
/// regular file of at most `limit` bytes.
///
/// # Errors
/// As [`read`].
pub fn read_looked_at(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_opened(path, limit, Links::Refuse)
}

/// Open `path`, check what was opened, and read it whole: in one `read`
/// when the file holds the size its `fstat` gave (a short read of a regular
/// file means its end), else on until its end or one byte past `limit`.
fn read_opened(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let (mut file, meta) = open_checked(path, OpenOptions::new().read(true), links)?;
    let claimed = meta.len();
    if claimed > limit {
        return Err(ReadError::TooLarge { len: claimed });
    }
    let cap = limit.saturating_add(1);
    // One byte more than claimed, so that a file that grew is seen.
    let want = usize::try_from(claimed.saturating_add(1).min(cap)).unwrap_or(usize::MAX);
    let mut bytes = vec![0; want];
    let mut filled = 0;
    loop {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                // All it claimed, and less than was asked for: its end.
                if u64::try_from(filled).ok() == Some(claimed) {
                    break;
                }
                if filled == bytes.len() {
                    break;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    bytes.truncate(filled);
    if u64::try_from(filled).unwrap_or(u64::MAX) > claimed {
        // It grew while being read: the rest, still only up to one byte
        // past the limit.
        let rest = cap.saturating_sub(u64::try_from(filled).unwrap_or(u64::MAX));
        file.take(rest).read_to_end(&mut bytes)?;
    }
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        return Err(ReadError::TooLarge { len: read });
    }
    Ok(bytes)
}

/// `Ok` when `path` is a real directory: not a link, not a file.
///
/// # Errors
/// `NotFound` when nothing is there; a [`Refused`] for anything else.
pub fn real_dir(path: &Path) -> io::Result<()> {
    let meta = fs::symlink_metadata(path)?;
    if meta.is_dir() {
        Ok(())
    } else {
        Err(Refused {
            found: describe(meta.file_type()),
            wanted: "a directory",
        }
        .into())
    }
}

/// Make sure `path`, a subdirectory of an existing directory, is a real
/// directory, creating it with mode 0700 when it is missing.
///
/// # Errors
/// It is a link or not a directory, or it cannot be created.
pub fn create_private_subdir(path: &Path) -> io::Result<()> {
    match real_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            match fs::DirBuilder::new().mode(0o700).create(path) {
                // Another process made it first: look again at what it made.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => real_dir(path),
                created => created,
            }
        }
        checked => checked,
    }
}

/// `Ok` when a file at `path` may be replaced: there is none, or it is a
/// regular file. A link is refused rather than replaced, and so is a
/// device node (replacing `/dev/null` with a file would break the system).
///
/// # Errors
/// A [`Refused`] naming what is there, or the path cannot be looked at.
pub fn check_replaceable(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(require_file(&meta)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Make way for a derived file (a cache) at `path`: its directory is a real
/// one (created with mode 0700 when missing), and anything there but a
/// regular file (a link, a FIFO) is damage: removed, never followed.
///
/// # Errors
/// The directory is a link or cannot be created, or what is in the way
/// cannot be removed.
pub fn make_way_for_derived(path: &Path) -> io::Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no directory"))?;
    create_private_subdir(dir)?;
    if check_replaceable(path).is_err() {
        fs::remove_file(path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn fifo(path: &Path) {
        nix::unistd::mkfifo(path, nix::sys::stat::Mode::S_IRWXU).expect("mkfifo");
    }

    fn found(err: &io::Error) -> &'static str {
        refusal(err).map_or("not refused", Refused::found)
    }

    #[test]
    fn reads_a_regular_file_up_to_its_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.toml");
        fs::write(&path, b"12345").expect("write");
        assert_eq!(read(&path, 5, Links::Refuse).expect("read"), b"12345");
        assert!(matches!(
            read(&path, 4, Links::Refuse),
            Err(ReadError::TooLarge { len: 5 })
        ));
    }

    #[test]
    fn a_link_is_refused_or_followed_as_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("target");
        fs::write(&target, b"secret").expect("write");
        let link = dir.path().join("link");
        symlink(&target, &link).expect("symlink");
        let Err(ReadError::Io(err)) = read(&link, 100, Links::Refuse) else {
            panic!("a link must be refused");
        };
        assert_eq!(found(&err), "a symbolic link");
        assert_eq!(
            err.to_string(),
            "is a symbolic link, which motive neither follows nor replaces here"
        );
        assert_eq!(
            read(&link, 100, Links::Follow).expect("followed"),
            b"secret"
        );
        assert_eq!(
            found(&open_or_create(&link).expect_err("refused")),
            "a symbolic link"
        );
        assert_eq!(
            found(&check_replaceable(&link).expect_err("refused")),
            "a symbolic link"
        );
        assert_eq!(fs::read(&target).expect("read"), b"secret");
    }

    #[test]
    fn fifos_and_devices_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        for links in [Links::Refuse, Links::Follow] {
            let Err(ReadError::Io(err)) = read(&pipe, 100, links) else {
                panic!("a FIFO must be refused");
            };
            assert_eq!(err.to_string(), "is a FIFO, not a regular file");
        }
        assert_eq!(found(&open_or_create(&pipe).expect_err("fifo")), "a FIFO");
        let Err(ReadError::Io(err)) = read(Path::new("/dev/zero"), 100, Links::Follow) else {
            panic!("a device must be refused");
        };
        assert_eq!(found(&err), "a character device");
        assert_eq!(
            found(&check_replaceable(Path::new("/dev/null")).expect_err("device")),
            "a character device"
        );
        // A link to a FIFO: never opened, even when followed.
        let link = dir.path().join("link");
        symlink(&pipe, &link).expect("symlink");
        let Err(ReadError::Io(err)) = read(&link, 100, Links::Follow) else {
            panic!("refused");
        };
        assert_eq!(found(&err), "a FIFO");
    }

    #[test]
    fn a_subdir_must_be_a_real_directory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("trash");
        create_private_subdir(&sub).expect("created");
        let mode = fs::metadata(&sub).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        create_private_subdir(&sub).expect("already there");
        let link = dir.path().join("snapshots");
        symlink(elsewhere.path(), &link).expect("symlink");
        let err = create_private_subdir(&link).expect_err("a link");
        assert_eq!(found(&err), "a symbolic link");
        let file = dir.path().join("cache");
        fs::write(&file, b"").expect("write");
        let err = real_dir(&file).expect_err("a file");
        assert_eq!(err.to_string(), "is a regular file, not a directory");
    }

    #[test]
    fn open_or_create_makes_a_private_file_and_keeps_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("lock");
        drop(open_or_create(&path).expect("create"));
        let mode = fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        fs::write(&path, b"held").expect("write");
        drop(open_or_create(&path).expect("open"));
        assert_eq!(fs::read(&path).expect("read"), b"held");
    }

    #[test]
    fn a_file_looked_at_is_read_whole_and_still_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        for len in [0_usize, 1, 4095, 4096, 70_000] {
            let path = dir.path().join(format!("{len}.toml"));
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            fs::write(&path, &bytes).expect("write");
            assert_eq!(read_looked_at(&path, 70_000).expect("read"), bytes);
            assert_eq!(read(&path, 70_000, Links::Refuse).expect("read"), bytes);
        }
        let full = dir.path().join("70000.toml");
        assert!(matches!(
            read_looked_at(&full, 69_999),
            Err(ReadError::TooLarge { len: 70_000 })
        ));
        // Became a link or a FIFO since it was looked at: refused, unblocked.
        let link = dir.path().join("link.toml");
        symlink(&full, &link).expect("symlink");
        let Err(ReadError::Io(err)) = read_looked_at(&link, 100_000) else {
            panic!("a link must be refused");
        };
        assert_eq!(found(&err), "a symbolic link");
        let pipe = dir.path().join("pipe.toml");
        fifo(&pipe);
        let Err(ReadError::Io(err)) = read_looked_at(&pipe, 100) else {
            panic!("a FIFO must be refused");
        };
        assert_eq!(found(&err), "a FIFO");
    }
}
