//! The unlocked key of this process, set once: the store seals every file it
//! writes with it and opens sealed files with it (see `store/sealed.rs`).
//! Unset, the process works on a plain data dir, or on an encrypted one
//! locked (file names only).

use std::sync::OnceLock;

use super::Keys;

static KEYS: OnceLock<Keys> = OnceLock::new();

/// Keep `keys` for the rest of the process. A second call changes nothing.
pub fn set(keys: Keys) {
    let _ = KEYS.set(keys);
}

/// The unlocked key, if this process unlocked one.
#[must_use]
pub fn keys() -> Option<&'static Keys> {
    KEYS.get()
}
