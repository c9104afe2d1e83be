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
    /// How the commitments followed up went, as home says it ("done 2,
    /// partly 1 of 3"): counted once in [`Overview::new`], not over every
    /// check-in on every frame.
    pub tally: Option<String>,
    /// Each dimension's latest score from any check-in and any bank: a
    /// check-in on a bank without Autonomy does not hide its last score,
    /// nor does one saved with every statement skipped.
    pub scores: Vec<DimensionScore>,
    /// For each of `scores`, the index into `snapshots` it comes from.
    pub scored_in: Vec<usize>,
    /// How many check-in files could not be read (`motive list` names them).
    pub unreadable: usize,
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
        let trend = TrendData::of(&snapshots);
        let (scores, scored_in) = latest_scores(&snapshots, &trend);
        Self {
            tally: crate::commitments::tally_line(&snapshots),
            trend,
            snapshots,
            scores,
            scored_in,
            unreadable: 0,
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

    /// How each dimension moved between the latest two check-ins that
    /// can share statements ([`Overview::latest_comparable_pair`]).
    #[must_use]
    pub fn last_change(&self) -> Option<Vec<DimensionChange>> {
        let (earlier, later) = self.latest_comparable_pair()?;
        Some(self.snapshots[later].changes_since(&self.snapshots[earlier]))
    }

    /// The two latest check-ins, as indices, when there are two.
    #[must_use]
    pub fn latest_pair(&self) -> Option<(usize, usize)> {
        let count = self.snapshots.len();
        (count >= 2).then(|| (count - 2, count - 1))
    }

    /// The latest two check-ins that can share statements (the same
    /// bank, any version), as indices; else the two latest. After one
    /// check-in on another bank, home still compares like with like.
    #[must_use]
    pub fn latest_comparable_pair(&self) -> Option<(usize, usize)> {
        let all = &self.snapshots;
        (1..all.len())
            .rev()
            .find_map(|later| {
                (0..later)
                    .rev()
                    .find(|&earlier| all[earlier].bank.id == all[later].bank.id)
                    .map(|earlier| (earlier, later))
            })
            .or_else(|| self.latest_pair())
    }
}

/// Each dimension's latest score, in the trend's order (first seen first),
/// with the index of the check-in it comes from.
fn latest_scores(snapshots: &[Summary], trend: &TrendData) -> (Vec<DimensionScore>, Vec<usize>) {
    trend
        .dimensions()
        .iter()
        .filter_map(|d| {
            snapshots.iter().enumerate().rev().find_map(|(i, s)| {
                s.scores
                    .iter()
                    .find(|score| score.dimension == d.id && score.score.is_some())
                    .map(|score| (score.clone(), i))
            })
        })
        .unzip()
}

/// The latest of `snapshots` (oldest first) with at least one score.
#[must_use]
pub fn latest_scored(snapshots: &[Summary]) -> Option<&Summary> {
    snapshots
        .iter()
        .rev()
        .find(|s| s.scores.iter().any(|d| d.score.is_some()))
}
