//! What a person wrote in one check-in, apart from the rest of it: the
//! label, statement notes, reflections (with their prompts), commitments and
//! the notes on how last time's commitments went. It is all that `motive
//! search` and `motive thread` read, and what the text cache keeps (see
//! [`crate::store::text_cache`]), so neither has to parse every check-in.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::snapshot::{ReflectionAnswer, Snapshot};
use crate::store::HasId;

/// The written text of one check-in, and which check-in it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writing {
    pub id: String,
    pub finished_at: DateTime<FixedOffset>,
    pub label: Option<String>,
    /// The notes on statements, in the check-in's order.
    pub notes: Vec<Note>,
    /// Every reflection, blank ones too (a prompt asked counts as answered).
    pub reflections: Vec<ReflectionAnswer>,
    pub commitments: Vec<String>,
    /// The notes on how last time's commitments went, where one was written.
    pub follow_up_notes: Vec<String>,
}

/// A note on a statement, with the statement it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub statement: String,
    pub text: String,
}

impl Writing {
    #[must_use]
    pub fn of(s: &Snapshot) -> Self {
        Self {
            id: s.id.clone(),
            finished_at: s.finished_at,
            label: s.label.clone(),
            notes: s
                .answers
                .iter()
                .filter_map(|a| {
                    a.note.as_ref().map(|note| Note {
                        statement: a.text.clone(),
                        text: note.clone(),
                    })
                })
                .collect(),
            reflections: s.reflections.clone(),
            commitments: s.commitments.clone(),
            follow_up_notes: s.follow_ups.iter().filter_map(|f| f.note.clone()).collect(),
        }
    }
}

impl HasId for Writing {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    fn finished_at(&self) -> DateTime<FixedOffset> {
        self.finished_at
    }
}
