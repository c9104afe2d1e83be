//! What the driver reads from the store for the home, history and compare
//! screens: every check-in's summary, when the next is due, and whether an
//! unfinished check-in waits.

use crate::events::Event;
use crate::score::{DimensionChange, DimensionScore};
use crate::summary::Summary;
use crate::trend::TrendData;
use crate::year_ago::YearAgo;

/// The check-ins at a glance. Only summaries: a check-in shown in full is
/// loaded when it is opened (the `Load` effect).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    /// Every readable check-in, oldest first.
    pub snapshots: Vec<Summary>,
    /// Their trend, for the history's chart and columns: worked out once in
    /// [`Overview::new`], not on every frame.
    pub trend: TrendData,
    /// The scores of the latest check-in that has any: one saved with
    /// every statement skipped does not hide them.
    pub scores: Vec<DimensionScore>,
    /// "A check-in is due" or "Next check-in due on ...".
    pub due: String,
    /// An unfinished check-in waiting on this machine, described for people.
    pub draft: Option<String>,
    /// That draft can be resumed (home's Enter resumes it, d discards it).
    pub resumable: bool,
    /// Unfinished check-ins other machines left in this (synced) data dir.
    pub other_drafts: Vec<String>,
    /// Every readable life event, oldest first, for the charts and the
    /// screens that say what happened between check-ins.
    pub events: Vec<Event>,
    /// The check-in of about a year ago and what it said, when there is
    /// one more than 300 days old (see `crate::year_ago`).
    pub year_ago: Option<YearAgo>,
}

impl Overview {
    #[must_use]
    pub fn new(snapshots: Vec<Summary>, due: String) -> Self {
        let scores = latest_scored(&snapshots)
            .map(|s| s.scores.clone())
            .unwrap_or_default();
        Self {
            trend: TrendData::of(&snapshots),
            snapshots,
            scores,
            due,
            draft: None,
            resumable: false,
            other_drafts: Vec::new(),
            events: Vec::new(),
            year_ago: None,
        }
    }

    /// The latest check-in with at least one score.
    #[must_use]
    pub fn latest_scored(&self) -> Option<&Summary> {
        latest_scored(&self.snapshots)
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

    /// The two latest check-ins, as indices, when there are two.
    #[must_use]
    pub fn latest_pair(&self) -> Option<(usize, usize)> {
        let count = self.snapshots.len();
        (count >= 2).then(|| (count - 2, count - 1))
    }
}

/// The latest of `snapshots` (oldest first) with at least one score.
#[must_use]
pub fn latest_scored(snapshots: &[Summary]) -> Option<&Summary> {
    snapshots
        .iter()
        .rev()
        .find(|s| s.scores.iter().any(|d| d.score.is_some()))
}
