//! What `update` asks the driver to do: effects as data, performed outside
//! the pure state machine (files, locks, the user's editor).

use std::path::PathBuf;

use super::field::Field;
use super::screens::browse::history::History;
use super::screens::unlock::Entered;
use crate::brief::Part;
use crate::checkin::CheckIn;

/// Something for the driver to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Look for a draft; if none, begin a fresh check-in.
    Open,
    /// Take the writer lock, check the data dir, and begin: the draft given,
    /// or a fresh check-in.
    Begin(Option<Box<CheckIn>>),
    SaveDraft(Box<CheckIn>),
    DiscardDraft,
    SaveSnapshot(Box<CheckIn>),
    SaveSnapshotTo(Box<CheckIn>, PathBuf),
    /// Move a check-in to the trash (by id).
    Trash(String),
    /// Keep a life event, in place of the one `replacing` names when it
    /// is an edit; `day` as typed (`2026-06-01` or `today`).
    SaveEvent {
        replacing: Option<String>,
        day: String,
        label: String,
        note: String,
    },
    /// Move a life event to the trash (by id).
    TrashEvent(String),
    /// Read these check-ins in full (by id), then open the screen.
    Load {
        ids: Vec<String>,
        open: Open,
    },
    /// Find the check-ins whose writing holds every one of `words` (the
    /// history's search for `query`), then answer with `Msg::Found`.
    Search {
        query: String,
        words: Vec<String>,
    },
    /// Read every check-in for the story of reflection prompt `prompt`
    /// (and of the others), then answer with `Msg::Threaded`.
    Thread(String),
    /// Hand `text` to the user's editor (suspending the screen meanwhile),
    /// then answer with `Msg::Edited` or `Msg::EditFailed`.
    Edit {
        field: Field,
        text: String,
    },
    /// Find the bank of this id as it is now (for its ideas), then answer
    /// with `Msg::BankRead`.
    ReadBank(String),
    /// Write a brief to `path` (mode 0600, atomically); with `remember`,
    /// keep `parts` as the settings' `brief_include` for next time.
    WriteBrief {
        path: PathBuf,
        text: String,
        parts: Vec<Part>,
        remember: bool,
    },
    /// Unlock the encrypted data dir with what the unlock screen was
    /// given (the screen shows "Unlocking…" first: one scrypt takes about
    /// a second), then answer with `Msg::Unlocked` or `Msg::UnlockFailed`.
    Unlock(Entered),
    Quit,
}

/// A screen that shows check-ins in full, waiting for them to be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    Detail {
        index: usize,
        back: Option<History>,
        /// A line to scroll to (what a search found), when there is one.
        seek: Option<String>,
    },
    Compare {
        from: usize,
        to: usize,
        back: Option<History>,
    },
    /// The brief of the check-in `index` of the overview, from home.
    Brief { index: usize },
    /// Every commitment: reads every check-in.
    Commitments,
}
