//! What `update` asks the driver to do: effects as data, performed outside
//! the pure state machine (files, locks, the user's editor).

use std::path::PathBuf;

use super::field::Field;
use super::screens::browse::history::History;
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
    /// Read these check-ins in full (by id), then open the screen.
    Load {
        ids: Vec<String>,
        open: Open,
    },
    /// Hand `text` to the user's editor (suspending the screen meanwhile),
    /// then answer with `Msg::Edited` or `Msg::EditFailed`.
    Edit {
        field: Field,
        text: String,
    },
    Quit,
}

/// A screen that shows check-ins in full, waiting for them to be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    Detail {
        index: usize,
        back: Option<History>,
    },
    Compare {
        from: usize,
        to: usize,
        back: Option<History>,
    },
    /// Every commitment: reads every check-in.
    Commitments,
}
