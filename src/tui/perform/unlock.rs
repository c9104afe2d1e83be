//! Unlocking the encrypted data dir with what the unlock screen was given,
//! then reading home's overview: the first the store is read.

use super::Driver;
use crate::commands::unlock::{self, Typed};
use crate::crypt::keyfile::KeyError;
use crate::tui::app::Msg;
use crate::tui::screens::unlock::{Entered, Secret};

impl Driver {
    /// One scrypt for a passphrase, none for the recovery key; on success
    /// the key is this process's for the rest of the session.
    pub(super) fn unlock(&self, entered: Entered) -> Msg {
        let typed = match entered.secret {
            Secret::Passphrase => Typed::Passphrase(entered.text),
            Secret::Recovery => Typed::Recovery(entered.text),
        };
        match unlock::with_typed(self.store.root(), typed) {
            Ok(()) => Msg::Unlocked {
                home: self.overview(),
            },
            Err(e) => Msg::UnlockFailed {
                wrong: matches!(e, KeyError::Wrong(_)),
                message: e.to_string(),
            },
        }
    }
}
