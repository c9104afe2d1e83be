//! What the driver reads from the store for the home, history and compare
//! screens: every check-in's summary, when the next is due, and whether an
//! unfinished check-in waits.

use crate::score::{DimensionChange, DimensionScore};
use crate::snapshot::Outcome;
use crate::summary::Summary;
use crate::trend::TrendData;

/// The check-ins at a glance. Only summaries: a check-in shown in full is
/// loaded when it is opened (the `Load` effect).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    /// Every readable check-in, oldest first.
    pub snapshots: Vec<Summary>,
    /// Their trend, for the history's chart and columns: worked out once in
    /// [`Overview::new`], not on every frame.
    pub trend: TrendData,
    /// The latest check-in's scores.
    pub scores: Vec<DimensionScore>,
    /// "A check-in is due" or "Next check-in due on ...".
    pub due: String,
    /// An unfinished check-in waiting on this machine, described for people.
    pub draft: Option<String>,
    /// Unfinished check-ins other machines left in this (synced) data dir.
    pub other_drafts: Vec<String>,
}

impl Overview {
    #[must_use]
    pub fn new(snapshots: Vec<Summary>, due: String) -> Self {
        let scores = snapshots
            .last()
            .map(|s| s.scores.clone())
            .unwrap_or_default();
        Self {
            trend: TrendData::of(&snapshots),
            snapshots,
            scores,
            due,
            draft: None,
            other_drafts: Vec::new(),
        }
    }

    #[must_use]
    pub fn latest(&self) -> Option<&Summary> {
        self.snapshots.last()
    }

    /// How each dimension moved from the check-in before the latest.
    #[must_use]
    pub fn last_change(&self) -> Option<Vec<DimensionChange>> {
        match self.snapshots.as_slice() {
            [.., previous, latest] => Some(latest.changes_since(previous)),
            _ => None,
        }
    }

    /// How earlier commitments turned out: (done, followed up).
    #[must_use]
    pub fn commitments_done(&self) -> (usize, usize) {
        let outcomes: Vec<Outcome> = self.snapshots.iter().filter_map(|s| s.follow_up).collect();
        (
            outcomes.iter().filter(|o| **o == Outcome::Done).count(),
            outcomes.len(),
        )
    }

    /// The two latest check-ins, as indices, when there are two.
    #[must_use]
    pub fn latest_pair(&self) -> Option<(usize, usize)> {
        let count = self.snapshots.len();
        (count >= 2).then(|| (count - 2, count - 1))
    }
}
