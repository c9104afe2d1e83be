//! The two key files of an encrypted data dir: `key.age` (the store's key,
//! locked with the passphrase by age's scrypt) and `key.recovery.age` (the
//! same key, sealed to the recovery key). Both sync with the data dir; both
//! are written atomically, mode 0600, and read to a small limit.

use std::io;
use std::iter;
use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use super::{Keys, OpenError, open_with, work_factor};
use crate::store::atomic::{self, Mode};
use crate::store::regular::{self, Links, ReadError};

/// The key file, locked with the passphrase.
pub const KEY_FILE: &str = "key.age";
/// The key file, sealed to the recovery key.
pub const RECOVERY_FILE: &str = "key.recovery.age";

/// A key file is a few hundred bytes: anything larger is not one.
const MAX_KEY_BYTES: u64 = 16 * 1024;

/// What unlocks the store's key.
pub enum Secret {
    Passphrase(SecretString),
    /// The recovery key (`AGE-SECRET-KEY-1...`) printed by `motive encrypt`.
    Recovery(x25519::Identity),
}

impl Secret {
    /// A recovery key as typed: spaces around it and letter case do not matter.
    ///
    /// # Errors
    /// It is not an age secret key.
    pub fn recovery(text: &str) -> Result<Self, KeyError> {
        text.trim()
            .to_ascii_uppercase()
            .parse()
            .map(Self::Recovery)
            .map_err(|_| {
                KeyError::Wrong(
                    "that is not a recovery key: it starts with AGE-SECRET-KEY-1".to_string(),
                )
            })
    }
}

/// Why the key could not be unlocked or written: one line each.
#[derive(Debug)]
pub enum KeyError {
    /// A wrong passphrase or recovery key: the person's input (exit 2),
    /// and worth typing again.
    Wrong(String),
    /// A missing or damaged key file, no way to ask: the person's input
    /// (exit 2), which typing again does not mend.
    Input(String),
    /// The file system failed (exit 3).
    Io(String),
}

impl KeyError {
    /// The exit status (see [`crate::exit`]).
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Wrong(_) | Self::Input(_) => crate::exit::INPUT,
            Self::Io(_) => crate::exit::SYSTEM,
        }
    }

    fn io(what: &str, path: &Path, err: &io::Error) -> Self {
        let message = format!("cannot {what} {}: {err}", path.display());
        if regular::is_refusal(err) {
            Self::Input(message)
        } else {
            Self::Io(message)
        }
    }
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Wrong(m) | Self::Input(m) | Self::Io(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for KeyError {}

/// `root/key.age`.
#[must_use]
pub fn key_path(root: &Path) -> PathBuf {
    root.join(KEY_FILE)
}

/// `root/key.recovery.age`.
#[must_use]
pub fn recovery_path(root: &Path) -> PathBuf {
    root.join(RECOVERY_FILE)
}

/// Whether the data dir at `root` is encrypted: its key file is there (as
/// anything at all, so a link in its place is not taken for "plain"), or
/// its recovery file is, outside a `motive encrypt` that was interrupted
/// before it wrote the key file.
#[must_use]
pub fn is_encrypted(root: &Path) -> bool {
    key_path(root).symlink_metadata().is_ok()
        || (recovery_path(root).symlink_metadata().is_ok()
            && !crate::store::convert::is_converting(root))
}

/// Make a new key for the data dir at `root`, lock it with `passphrase`,
/// and return it with the recovery key (to be printed once). Never replaces
/// an existing key file.
///
/// # Errors
/// A key file is there already, or cannot be written.
pub fn create(
    root: &Path,
    passphrase: &SecretString,
) -> Result<(Keys, x25519::Identity), KeyError> {
    let (keys, recovery) = Keys::generate();
    let text = keys.to_text();
    let to_recovery = age::encrypt(&recovery.to_public(), text.as_bytes())
        .map_err(|e| KeyError::Io(format!("cannot seal the key: {e}")))?;
    // A recovery file without a key file is left from an interrupted
    // `motive encrypt` that sealed nothing yet: replaced.
    let path = recovery_path(root);
    atomic::write(&path, &to_recovery, Mode::Replace)
        .map_err(|e| KeyError::io("write the recovery key file", &path, &e))?;
    lock(root, &keys, passphrase, Mode::NoClobber)?;
    Ok((keys, recovery))
}

/// Write `key.age`: the key locked with `passphrase` at [`work_factor`].
///
/// # Errors
/// It cannot be written (or, with [`Mode::NoClobber`], is there already).
pub fn lock(
    root: &Path,
    keys: &Keys,
    passphrase: &SecretString,
    mode: Mode,
) -> Result<(), KeyError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(work_factor());
    let locked = age::encrypt(&recipient, keys.to_text().as_bytes())
        .map_err(|e| KeyError::Io(format!("cannot lock the key: {e}")))?;
    let path = key_path(root);
    atomic::write(&path, &locked, mode).map_err(|e| KeyError::io("write the key file", &path, &e))
}

/// Unlock the key of the data dir at `root` with `secret`: one scrypt for
/// a passphrase, none for the recovery key.
///
/// # Errors
/// The key file is missing or damaged, or the secret is wrong.
pub fn unlock(root: &Path, secret: &Secret) -> Result<Keys, KeyError> {
    let path = match secret {
        Secret::Passphrase(_) => key_path(root),
        Secret::Recovery(_) => recovery_path(root),
    };
    let bytes = read_key_file(&path)?;
    let opened = match secret {
        Secret::Passphrase(passphrase) => {
            let mut identity = age::scrypt::Identity::new(passphrase.clone());
            identity.set_max_work_factor(work_factor());
            open_passphrase(&identity, &bytes)
        }
        Secret::Recovery(identity) => open_with(identity, &bytes).map_err(|e| match e {
            OpenError::OtherKey => Unlock::Wrong,
            OpenError::Damaged => Unlock::Damaged,
        }),
    };
    let text = opened.map_err(|e| match (e, secret) {
        (Unlock::Wrong, Secret::Passphrase(_)) => {
            KeyError::Wrong(format!("wrong passphrase for {}", path.display()))
        }
        (Unlock::Wrong, Secret::Recovery(_)) => KeyError::Wrong(format!(
            "that recovery key does not open {}",
            path.display()
        )),
        (Unlock::Damaged, _) => damaged(&path),
    })?;
    std::str::from_utf8(&text)
        .ok()
        .and_then(Keys::from_text)
        .ok_or_else(|| KeyError::Input(format!("{}: does not hold a motive key", path.display())))
}

/// Whether `key.age` of the data dir at `root` is there and looks like a
/// passphrase-locked key file, without the scrypt: so that a missing or
/// damaged one is said before anyone types a passphrase for it.
///
/// # Errors
/// As [`unlock`] for a missing, unreadable or damaged key file.
pub fn check(root: &Path) -> Result<(), KeyError> {
    let path = key_path(root);
    let bytes = read_key_file(&path)?;
    match age::Decryptor::new(&bytes[..]) {
        Ok(decryptor) if decryptor.is_scrypt() => Ok(()),
        _ => Err(damaged(&path)),
    }
}

/// The bytes of the key file at `path`, read to a small limit, never
/// through a link.
fn read_key_file(path: &Path) -> Result<Vec<u8>, KeyError> {
    match regular::read(path, MAX_KEY_BYTES, Links::Refuse) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
            Err(KeyError::Input(format!(
                "the key file {} is missing, so nothing in this data dir can be decrypted; \
                 restore it from a copy of the data dir, or use `motive unlock --recovery`",
                path.display()
            )))
        }
        Err(ReadError::Io(e)) => Err(KeyError::io("read the key file", path, &e)),
        Err(ReadError::TooLarge { .. }) => Err(KeyError::Input(format!(
            "{}: larger than a key file; it is not one motive wrote",
            path.display()
        ))),
    }
}

fn damaged(path: &Path) -> KeyError {
    KeyError::Input(format!(
        "{}: damaged, not a key file motive wrote; restore it from a copy of the data dir",
        path.display()
    ))
}

/// How opening a key file failed.
enum Unlock {
    Wrong,
    Damaged,
}

/// Open a passphrase-locked file. A wrong passphrase fails the stanza's
/// own check; anything else is damage.
fn open_passphrase(identity: &age::scrypt::Identity, bytes: &[u8]) -> Result<Vec<u8>, Unlock> {
    let decryptor = age::Decryptor::new(bytes).map_err(|_| Unlock::Damaged)?;
    if !decryptor.is_scrypt() {
        return Err(Unlock::Damaged);
    }
    let mut reader = decryptor
        .decrypt(iter::once(identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                Unlock::Wrong
            }
            _ => Unlock::Damaged,
        })?;
    let mut plain = Vec::new();
    io::Read::read_to_end(&mut reader, &mut plain).map_err(|_| Unlock::Damaged)?;
    Ok(plain)
}

/// The recovery key as printed: its secret line.
#[must_use]
pub fn recovery_text(recovery: &x25519::Identity) -> String {
    recovery.to_string().expose_secret().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pass(text: &str) -> SecretString {
        SecretString::from(text.to_string())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Truncated or altered key files are a one-line input error, never
        /// a panic and never a key. (Locked at a low work factor here, set
        /// on the age types directly, so each case costs milliseconds.)
        #[test]
        fn damaged_key_files_never_panic(cut in 0usize..1000, flip in 0usize..1000, bit in 0u8..8) {
            let dir = tempfile::tempdir().expect("tempdir");
            let (keys, recovery) = Keys::generate();
            let mut low = age::scrypt::Recipient::new(pass("pw"));
            low.set_work_factor(4);
            let locked = age::encrypt(&low, keys.to_text().as_bytes()).expect("lock");
            let sealed = age::encrypt(&recovery.to_public(), keys.to_text().as_bytes()).expect("seal");
            for (bytes, name) in [(locked, KEY_FILE), (sealed, RECOVERY_FILE)] {
                let mut damaged = bytes.clone();
                if cut < damaged.len() {
                    damaged.truncate(cut);
                } else {
                    let at = flip % damaged.len();
                    damaged[at] ^= 1 << bit;
                }
                std::fs::write(dir.path().join(name), &damaged).expect("write");
            }
            let mut identity = age::scrypt::Identity::new(pass("pw"));
            identity.set_max_work_factor(4);
            let bytes = std::fs::read(key_path(dir.path())).expect("read");
            let opened = open_passphrase(&identity, &bytes).ok().and_then(|t| String::from_utf8(t).ok());
            proptest::prop_assert!(opened.is_none_or(|t| t == keys.to_text()));
            let fine = match unlock(dir.path(), &Secret::Recovery(recovery)) {
                Err(KeyError::Input(m) | KeyError::Wrong(m)) => !m.contains('\n'),
                Err(KeyError::Io(_)) => false,
                Ok(back) => format!("{back:?}") == format!("{keys:?}"),
            };
            proptest::prop_assert!(fine);
        }
    }

    /// `check` says a missing, damaged or foreign key file without any
    /// scrypt, in the words `unlock` uses, and passes a passphrase-locked one.
    #[test]
    fn check_tells_a_missing_or_damaged_key_file_before_any_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = check(dir.path()).expect_err("missing");
        assert!(missing.to_string().contains("is missing"), "{missing}");
        assert_eq!(missing.exit_code(), crate::exit::INPUT);
        let (keys, recovery) = Keys::generate();
        let mut low = age::scrypt::Recipient::new(pass("pw"));
        low.set_work_factor(4);
        let locked = age::encrypt(&low, keys.to_text().as_bytes()).expect("lock");
        std::fs::write(key_path(dir.path()), &locked).expect("write");
        check(dir.path()).expect("a passphrase-locked key file");
        for damaged in [
            locked[..locked.len() / 3].to_vec(),
            b"not age at all".to_vec(),
            age::encrypt(&recovery.to_public(), b"x").expect("seal"),
        ] {
            std::fs::write(key_path(dir.path()), &damaged).expect("write");
            let err = check(dir.path()).expect_err("damaged");
            assert!(err.to_string().contains("damaged"), "{err}");
            assert!(!matches!(err, KeyError::Wrong(_)));
        }
    }

    /// The real work factor, once: what a release build locks with.
    #[test]
    fn a_key_locked_at_the_real_work_factor_unlocks_with_its_passphrase_only() {
        // No override is set in this process's environment for unit tests.
        assert_eq!(std::env::var(super::super::WORK_FACTOR_ENV).ok(), None);
        assert_eq!(work_factor(), super::super::WORK_FACTOR);
        let dir = tempfile::tempdir().expect("tempdir");
        let (keys, recovery) = create(dir.path(), &pass("correct horse")).expect("create");
        let header = std::fs::read(key_path(dir.path())).expect("read");
        let header = String::from_utf8_lossy(&header);
        assert!(header.contains("-> scrypt "), "{header}");
        assert!(
            header
                .lines()
                .any(|l| l.starts_with("-> scrypt ") && l.ends_with(" 18")),
            "{header}"
        );
        let unlocked =
            unlock(dir.path(), &Secret::Passphrase(pass("correct horse"))).expect("unlock");
        assert_eq!(format!("{unlocked:?}"), format!("{keys:?}"));
        let wrong = unlock(dir.path(), &Secret::Passphrase(pass("wrong"))).expect_err("wrong");
        assert!(
            wrong.to_string().starts_with("wrong passphrase for "),
            "{wrong}"
        );
        assert_eq!(wrong.exit_code(), crate::exit::INPUT);
        assert!(matches!(wrong, KeyError::Wrong(_)), "worth typing again");
        let by_recovery = unlock(dir.path(), &Secret::Recovery(recovery)).expect("recovery");
        assert_eq!(format!("{by_recovery:?}"), format!("{keys:?}"));
        let (_, stranger) = Keys::generate();
        let err = unlock(dir.path(), &Secret::Recovery(stranger)).expect_err("stranger");
        assert!(err.to_string().contains("does not open"), "{err}");
    }
}
