//! Saving a check-in twice saves it once.
//!
//! Saving a check-in writes its snapshot, then removes its draft; a crash
//! between the two leaves both, and the draft would be offered and saved
//! again under a new id. A check-in is recognised by its start (to the
//! nanosecond, as the clock gave it) and its content: a saved snapshot with
//! the same `started_at` and the same bank, scale, answers, notes,
//! reflections, commitment, label and follow-up is the same check-in,
//! whatever its id and finish time.

use std::fs;

use chrono::Duration;

use super::{Store, StoreError, read_snapshot};
use crate::snapshot::Snapshot;
use crate::snapshot::id_for;

/// The finish time, and so the id, of a saved check-in is after its start;
/// this much earlier still counts, for a clock or time zone that moved.
const CLOCK_SLACK: Duration = Duration::days(2);

/// What [`Store::save_once`] did.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The check-in as it is saved, with its final id.
    pub snapshot: Snapshot,
    /// False when it had been saved before and nothing was written.
    pub new: bool,
}

impl Store {
    /// Save a finished check-in, unless it is already saved (see
    /// [`Store::find_saved`]): then nothing is written and the saved one is
    /// returned. Otherwise as [`Store::save`].
    pub fn save_once(&self, snapshot: Snapshot) -> Result<Saved, StoreError> {
        if let Some(saved) = self.find_saved(&snapshot) {
            return Ok(Saved {
                snapshot: saved,
                new: false,
            });
        }
        let hook = super::fault::hook(super::fault::Write::Snapshot);
        self.save_with(snapshot, &hook).map(|snapshot| Saved {
            snapshot,
            new: true,
        })
    }

    /// The saved snapshot of the same check-in as `snapshot` (same start,
    /// same content; any id and finish time), if there is one.
    #[must_use]
    pub fn find_saved(&self, snapshot: &Snapshot) -> Option<Snapshot> {
        // Ids are finish times: only those from around the start on can match.
        let earliest = format!("{}.toml", id_for(snapshot.started_at - CLOCK_SLACK));
        let dir = self.snapshots_dir();
        let mut names: Vec<String> = fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                super::sealed::plain_name(n).ends_with(".toml")
                    && !n.starts_with('.')
                    && *n >= earliest
            })
            .collect();
        names.sort();
        names
            .into_iter()
            .filter_map(|name| read_snapshot(&dir.join(name)).ok())
            .find(|saved| same_check_in(saved, snapshot))
    }
}

/// Whether `a` and `b` record the same check-in: everything equal but the
/// id and the finish time.
fn same_check_in(a: &Snapshot, b: &Snapshot) -> bool {
    a.started_at == b.started_at
        && *a
            == Snapshot {
                id: a.id.clone(),
                finished_at: a.finished_at,
                ..b.clone()
            }
}
