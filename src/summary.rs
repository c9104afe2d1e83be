//! What lists, charts and the home screen need of a check-in: when, which
//! bank, the scores and the commitment, without the statements, notes and
//! reflections. A summary is small, so thousands load in milliseconds (the
//! store keeps them in a cache it can always rebuild); screens that show a
//! check-in in full load that one snapshot.
//!
//! What recurs across check-ins (the bank, the dimensions, each statement's
//! id, fingerprint and weight) is shared (`Arc`), so a listing of thousands
//! holds it once: [`crate::store::cache`] hands out shared copies.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::Dimension;
use crate::score::{self, DimensionChange, DimensionScore};
use crate::snapshot::{BankRef, Outcome, Snapshot};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    pub bank: Arc<BankRef>,
    /// The dimensions as the check-in declared them: ids, names and norms.
    /// Descriptions are left out; they are for the person answering.
    pub dimensions: Arc<[Dimension]>,
    /// One score per dimension, in `dimensions` order.
    pub scores: Vec<DimensionScore>,
    /// What the check-in committed to (none to a handful).
    pub commitments: Vec<String>,
    /// How each of the previous check-in's commitments turned out, as
    /// answered.
    pub follow_ups: Vec<FollowedUp>,
}

/// A commitment followed up, and how it went (the note is left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowedUp {
    pub commitment: String,
    pub outcome: Outcome,
}

impl Summary {
    #[must_use]
    pub fn of(snapshot: &Snapshot) -> Self {
        Self {
            id: snapshot.id.clone(),
            label: snapshot.label.clone(),
            started_at: snapshot.started_at,
            finished_at: snapshot.finished_at,
            bank: Arc::new(snapshot.bank.clone()),
            dimensions: snapshot
                .dimensions
                .iter()
                .map(|d| Dimension {
                    description: String::new(),
                    ..d.clone()
                })
                .collect::<Vec<_>>()
                .into(),
            scores: score::scores(snapshot),
            commitments: snapshot.commitments.clone(),
            follow_ups: snapshot
                .follow_ups
                .iter()
                .map(|f| FollowedUp {
                    commitment: f.commitment.trim().to_string(),
                    outcome: f.outcome,
                })
                .collect(),
        }
    }

    /// The score of one dimension, when it has one.
    #[must_use]
    pub fn score(&self, dimension: &str) -> Option<f64> {
        self.scores
            .iter()
            .find(|s| s.dimension == dimension)
            .and_then(|s| s.score)
    }

    /// How each dimension moved since `earlier`, and whether the change is
    /// beyond measurement error (the same rule as [`score::compare`]).
    #[must_use]
    pub fn changes_since(&self, earlier: &Summary) -> Vec<DimensionChange> {
        score::dimension_changes(earlier.side(), self.side())
    }

    /// This check-in as one side of a comparison.
    #[must_use]
    pub fn side(&self) -> score::Side<'_> {
        score::Side {
            bank: &self.bank,
            dimensions: &self.dimensions,
            scores: &self.scores,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::checkin::CheckIn;

    fn checkin(value: i64, at: &str) -> Snapshot {
        let bank = builtin::get("core").expect("core");
        let at = DateTime::parse_from_rfc3339(at).expect("date");
        let mut c = CheckIn::new(&bank, &[], Some("Q1"), at);
        for q in &mut c.questions {
            q.value = Some(value);
        }
        c.commitment = "Ask for the migration".into();
        c.to_snapshot(at)
    }

    #[test]
    fn a_summary_carries_the_same_scores_as_the_snapshot() {
        let snapshot = checkin(4, "2026-01-05T09:00:00+01:00");
        let summary = Summary::of(&snapshot);
        assert_eq!(summary.scores, score::scores(&snapshot));
        assert_eq!(summary.id, snapshot.id);
        assert_eq!(summary.label.as_deref(), Some("Q1"));
        assert_eq!(summary.commitments, ["Ask for the migration"]);
    }

    #[test]
    fn changes_between_summaries_match_a_full_comparison() {
        let earlier = checkin(2, "2026-01-05T09:00:00+01:00");
        let later = checkin(5, "2026-04-05T09:00:00+01:00");
        let full = score::compare(&earlier, &later).dimensions;
        assert_eq!(
            Summary::of(&later).changes_since(&Summary::of(&earlier)),
            full
        );
        assert!(!full.is_empty());
    }
}
