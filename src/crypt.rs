//! Encryption at rest with age: the store's key, sealing and opening files.
//!
//! An encrypted data dir holds one age identity (an X25519 key), kept in
//! `key.age` locked with the passphrase (age's scrypt, work factor
//! [`WORK_FACTOR`], fixed so that slower devices can open it too), and in
//! `key.recovery.age` locked with the recovery key printed once by
//! `motive encrypt`. Every check-in, draft, event and cache file is sealed
//! to both the store's key and the recovery key, so `age -d -i <key>` (or
//! `rage`) can always read them; unlocking costs one scrypt per process,
//! not one per file. See [`keyfile`] for the key files, [`passphrase`] for
//! where the passphrase comes from, and [`session`] for the key of this
//! process.

pub mod keyfile;
pub mod passphrase;
pub mod session;

use std::io::{Read, Write};
use std::iter;

use age::secrecy::ExposeSecret;
use age::x25519;

/// The scrypt work factor of the key file: about 1 s and 256 MiB.
pub const WORK_FACTOR: u8 = 18;

/// Debug builds only: a lower work factor for tests (release builds ignore
/// it, see [`work_factor`]).
pub const WORK_FACTOR_ENV: &str = "MOTIVE_TEST_SCRYPT_WORK_FACTOR";

/// The first line of every age file.
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// The suffix of a sealed file: `<id>.toml.age`, `<machine>.json.age`.
pub const SUFFIX: &str = ".age";

/// The work factor to lock a key file with and to accept when unlocking:
/// [`WORK_FACTOR`], or in a debug build the value of [`WORK_FACTOR_ENV`].
#[must_use]
pub fn work_factor() -> u8 {
    if cfg!(debug_assertions)
        && let Some(factor) = std::env::var(WORK_FACTOR_ENV)
            .ok()
            .and_then(|v| v.parse::<u8>().ok())
            .filter(|f| (1..=WORK_FACTOR).contains(f))
    {
        return factor;
    }
    WORK_FACTOR
}

/// Whether `bytes` are an age file (rather than plain text).
#[must_use]
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// Why a file could not be opened; each is one line for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Sealed to keys that are not this store's.
    OtherKey,
    /// Not a whole age file: truncated, flipped bits, not age at all.
    Damaged,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::OtherKey => "encrypted to another key, not this data dir's",
            Self::Damaged => "damaged: not a whole age file (truncated or changed)",
        })
    }
}

impl std::error::Error for OpenError {}

/// The store's key, unlocked: what seals and opens every file.
pub struct Keys {
    identity: x25519::Identity,
    /// The recovery key's recipient: every file is sealed to it too.
    recovery: x25519::Recipient,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("recipient", &self.identity.to_public().to_string())
            .field("recovery", &self.recovery.to_string())
            .finish_non_exhaustive()
    }
}

impl Keys {
    /// A new store key and a new recovery key (to print once).
    #[must_use]
    pub fn generate() -> (Self, x25519::Identity) {
        let recovery = x25519::Identity::generate();
        let keys = Self {
            identity: x25519::Identity::generate(),
            recovery: recovery.to_public(),
        };
        (keys, recovery)
    }

    /// The key as the key files hold it: the identity, then the recovery
    /// key's recipient, one per line.
    fn to_text(&self) -> String {
        format!(
            "# motive data dir key: the identity, then the recovery key's recipient\n{}\n{}\n",
            self.identity.to_string().expose_secret(),
            self.recovery
        )
    }

    /// The key from [`Keys::to_text`]; `None` when it is not one.
    fn from_text(text: &str) -> Option<Self> {
        let mut lines = text.lines().filter(|l| !l.starts_with('#'));
        let identity = lines.next()?.trim().parse().ok()?;
        let recovery = lines.next()?.trim().parse().ok()?;
        Some(Self { identity, recovery })
    }

    /// Seal `plain` to the store's key and the recovery key.
    ///
    /// # Errors
    /// Only if writing to memory fails, which it does not.
    pub fn seal(&self, plain: &[u8]) -> std::io::Result<Vec<u8>> {
        let own = self.identity.to_public();
        let recipients: [&dyn age::Recipient; 2] = [&own, &self.recovery];
        let encryptor = age::Encryptor::with_recipients(recipients.into_iter())
            .map_err(std::io::Error::other)?;
        let mut out = Vec::with_capacity(plain.len() + 512);
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(plain)?;
        writer.finish()?;
        Ok(out)
    }

    /// Open a file sealed by [`Keys::seal`].
    ///
    /// # Errors
    /// It is sealed to other keys, or damaged.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
        open_with(&self.identity, sealed)
    }
}

/// Open an age file with one identity, never panicking on any input.
fn open_with(identity: &dyn age::Identity, sealed: &[u8]) -> Result<Vec<u8>, OpenError> {
    let decryptor = age::Decryptor::new(sealed).map_err(|_| OpenError::Damaged)?;
    let mut reader = decryptor
        .decrypt(iter::once(identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => OpenError::OtherKey,
            _ => OpenError::Damaged,
        })?;
    let mut plain = Vec::with_capacity(sealed.len());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| OpenError::Damaged)?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sealed_files_open_with_the_store_key_and_the_recovery_key_only() {
        let (keys, recovery) = Keys::generate();
        let sealed = keys.seal(b"answer: my manager").expect("seal");
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(7).any(|w| w == b"manager"));
        assert_eq!(keys.open(&sealed).expect("open"), b"answer: my manager");
        assert_eq!(
            open_with(&recovery, &sealed).expect("recovery"),
            b"answer: my manager"
        );
        let (other, _) = Keys::generate();
        assert_eq!(other.open(&sealed), Err(OpenError::OtherKey));
    }

    #[test]
    fn the_key_text_round_trips() {
        let (keys, _) = Keys::generate();
        let back = Keys::from_text(&keys.to_text()).expect("parse");
        assert_eq!(format!("{back:?}"), format!("{keys:?}"));
        assert!(Keys::from_text("not a key").is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Truncated or flipped files are damage or another key, never a panic
        /// and never wrong text.
        #[test]
        fn damaged_files_never_panic(cut in 0usize..2000, flip in 0usize..2000, bit in 0u8..8) {
            static KEYS: std::sync::OnceLock<(Keys, Vec<u8>)> = std::sync::OnceLock::new();
            let (keys, sealed) = KEYS.get_or_init(|| {
                let (keys, _) = Keys::generate();
                let sealed = keys.seal(&b"note = \"a long note\"\n".repeat(40)).expect("seal");
                (keys, sealed)
            });
            let mut truncated = sealed.clone();
            truncated.truncate(cut.min(sealed.len().saturating_sub(1)));
            prop_assert!(keys.open(&truncated).is_err());
            let mut flipped = sealed.clone();
            let at = flip % flipped.len();
            flipped[at] ^= 1 << bit;
            prop_assert!(keys.open(&flipped).is_err());
        }
    }
}
