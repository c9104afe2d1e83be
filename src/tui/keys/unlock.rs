//! The unlock screen's key tables: typing the passphrase, typing the
//! recovery key, and the key file that cannot be unlocked.

use super::{Action, Binding, Ctrl, ENTER, ESC, HELP_F1, QUIT, TAB, bind, with_short};

/// Esc or Ctrl-C: leave (q types into the field).
const LEAVE: Binding = bind(&[ESC, Ctrl('c')], "Esc", "quit", Action::Quit);

const UNLOCK: Binding = bind(&[ENTER], "Enter", "unlock", Action::Confirm);

pub(super) const PASSPHRASE: &[Binding] = &[
    UNLOCK,
    with_short(
        bind(
            &[TAB],
            "Tab",
            "use the recovery key instead of the passphrase",
            Action::SwitchSecret,
        ),
        "recovery key",
    ),
    HELP_F1,
    LEAVE,
];

pub(super) const RECOVERY: &[Binding] = &[
    UNLOCK,
    with_short(
        bind(
            &[TAB],
            "Tab",
            "use the passphrase instead of the recovery key",
            Action::SwitchSecret,
        ),
        "passphrase",
    ),
    HELP_F1,
    LEAVE,
];

pub(super) const CANNOT: &[Binding] = &[
    with_short(
        bind(
            &[TAB],
            "Tab",
            "switch between the passphrase and the recovery key",
            Action::SwitchSecret,
        ),
        "switch key",
    ),
    QUIT,
];

pub(super) const PURPOSE: &str = "This data dir is encrypted: its passphrase (or the recovery key) opens it for this session. What you type is never shown.";
pub(super) const CANNOT_PURPOSE: &str = "The data dir's key file cannot be unlocked: nothing was read or changed. The recovery key opens its own file.";
