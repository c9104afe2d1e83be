//! Scoring: pure functions from recorded answers to 0-100 scores, and the
//! reliable-change rule used to tell a real change from noise.
//!
//! * An answer `v` on a scale `min..=max` is worth `100 * (v - min) / (max - min)`
//!   points; a reverse-worded statement is worth `100` minus that.
//! * A dimension's score is the weighted mean of its answered statements'
//!   points, given only when the answered statements carry at least half of
//!   the dimension's total weight. Skipped statements never count as low answers.
//! * A change between two snapshots is reliable when both used the same bank
//!   and `|delta| > 1.96 * sqrt(2) * sd * sqrt(1 - reliability)`
//!   (Jacobson & Truax, 1991). Without norms, reliability is unknown.

pub mod explain;

use serde::{Deserialize, Serialize};

use crate::bank::{Dimension, Scale};
use crate::snapshot::{Answer, Snapshot};

/// The points (0-100) an answer is worth.
#[must_use]
pub fn item_points(scale: &Scale, value: i64, reverse: bool) -> f64 {
    let span = (scale.max - scale.min) as f64;
    let forward = if span > 0.0 {
        100.0 * (value - scale.min) as f64 / span
    } else {
        0.0
    };
    let forward = forward.clamp(0.0, 100.0);
    if reverse { 100.0 - forward } else { forward }
}

/// The score of one dimension from the answers that belong to it, or `None`
/// when the answered statements carry less than half of its total weight.
#[must_use]
pub fn dimension_score<'a>(
    scale: &Scale,
    answers: impl IntoIterator<Item = &'a Answer>,
) -> Option<f64> {
    let mut total_weight = 0.0;
    let mut answered_weight = 0.0;
    let mut weighted_points = 0.0;
    for answer in answers {
        total_weight += answer.weight;
        if let Some(value) = answer.value {
            answered_weight += answer.weight;
            weighted_points += answer.weight * item_points(scale, value, answer.reverse);
        }
    }
    if answered_weight <= 0.0 || answered_weight * 2.0 < total_weight {
        return None;
    }
    // Checked weights keep this a number; a score that is not one anyway
    // (weights from a file no check saw) is no score, never a `NaN` shown.
    let score = weighted_points / answered_weight;
    score.is_finite().then(|| score.clamp(0.0, 100.0))
}

/// One dimension's score, with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub dimension: String,
    pub name: String,
    pub score: Option<f64>,
    pub answered: usize,
    pub skipped: usize,
}

/// Scores of every dimension, in the order the dimensions are declared.
#[must_use]
pub fn scores_of(
    scale: &Scale,
    dimensions: &[Dimension],
    answers: &[Answer],
) -> Vec<DimensionScore> {
    dimensions
        .iter()
        .map(|dimension| {
            let own = || answers.iter().filter(|a| a.dimension == dimension.id);
            let answered = own().filter(|a| a.value.is_some()).count();
            DimensionScore {
                dimension: dimension.id.clone(),
                name: dimension.name.clone(),
                score: dimension_score(scale, own()),
                answered,
                skipped: own().count() - answered,
            }
        })
        .collect()
}

/// Scores of every dimension of a snapshot.
#[must_use]
pub fn scores(snapshot: &Snapshot) -> Vec<DimensionScore> {
    scores_of(&snapshot.scale, &snapshot.dimensions, &snapshot.answers)
}

/// The smallest `|delta|` that counts as a reliable change, in points.
#[must_use]
pub fn reliable_change_threshold(sd: f64, reliability: f64) -> f64 {
    1.96 * 2f64.sqrt() * sd * (1.0 - reliability).sqrt()
}

/// Whether a change is bigger than measurement noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reliability {
    /// Bigger than the reliable-change threshold.
    Reliable,
    /// Within the noise of the measure.
    Noise,
    /// Cannot tell.
    Unknown(UnknownReason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownReason {
    /// The two snapshots used different banks.
    DifferentBanks,
    /// The bank declares no `sd` and `reliability` for this dimension.
    NoNorms,
    /// One of the two scores is missing.
    MissingScore,
}

impl Reliability {
    /// `true`, `false` or `None` (unknown), as in JSON output.
    #[must_use]
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Self::Reliable => Some(true),
            Self::Noise => Some(false),
            Self::Unknown(_) => None,
        }
    }

    /// Words for people.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Reliable => "reliable change",
            Self::Noise => "within noise",
            Self::Unknown(UnknownReason::DifferentBanks) => "unknown (different banks)",
            Self::Unknown(UnknownReason::NoNorms) => "unknown (no norms)",
            Self::Unknown(UnknownReason::MissingScore) => "unknown (not enough answers)",
        }
    }
}

/// How one dimension moved between two snapshots.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionChange {
    pub dimension: String,
    pub name: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// `to - from`, when both are present.
    pub delta: Option<f64>,
    pub reliability: Reliability,
    /// The reliable-change threshold in points, when norms are known.
    pub threshold: Option<f64>,
}

/// A statement answered in both snapshots, and how far it moved.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemMove {
    pub question: String,
    pub dimension: String,
    pub text: String,
    pub from_value: i64,
    pub to_value: i64,
    /// Change in points (0-100 scale, reverse items already mirrored).
    pub delta: f64,
}

/// Everything that changed between an earlier and a later snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub from: String,
    pub to: String,
    /// Both snapshots used the same bank id.
    pub same_bank: bool,
    pub dimensions: Vec<DimensionChange>,
    /// Statements answered in both, biggest movement first.
    pub movers: Vec<ItemMove>,
    /// Statements with the same id whose wording, direction or scale changed
    /// between the two: listed, never compared.
    pub changed_wording: Vec<ChangedStatement>,
}

/// A statement asked in both check-ins under one id but not in the same words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedStatement {
    pub question: String,
    pub from_text: String,
    pub to_text: String,
}

/// Compare an earlier snapshot with a later one.
#[must_use]
pub fn compare(earlier: &Snapshot, later: &Snapshot) -> Comparison {
    let same_bank = earlier.bank.id == later.bank.id;
    Comparison {
        from: earlier.id.clone(),
        to: later.id.clone(),
        same_bank,
        dimensions: dimension_changes(
            same_bank,
            &scores(earlier),
            &scores(later),
            &later.dimensions,
        ),
        movers: movers(earlier, later),
        changed_wording: changed_wording(earlier, later),
    }
}

/// How each dimension scored in both `from` and `to` moved, judged against
/// the norms the later check-in declared (`dimensions`). Changes across
/// different banks are never judged.
#[must_use]
pub fn dimension_changes(
    same_bank: bool,
    from_scores: &[DimensionScore],
    to_scores: &[DimensionScore],
    dimensions: &[Dimension],
) -> Vec<DimensionChange> {
    to_scores
        .iter()
        .filter_map(|to| {
            let from = from_scores.iter().find(|f| f.dimension == to.dimension)?;
            let delta = match (from.score, to.score) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
            let norms = dimensions
                .iter()
                .find(|d| d.id == to.dimension)
                .and_then(|d| Some((d.sd?, d.reliability?)));
            let threshold = norms.map(|(sd, r)| reliable_change_threshold(sd, r));
            let reliability = match (same_bank, threshold, delta) {
                (false, _, _) => Reliability::Unknown(UnknownReason::DifferentBanks),
                (true, None, _) => Reliability::Unknown(UnknownReason::NoNorms),
                (true, Some(_), None) => Reliability::Unknown(UnknownReason::MissingScore),
                (true, Some(t), Some(d)) if d.abs() > t => Reliability::Reliable,
                (true, Some(_), Some(_)) => Reliability::Noise,
            };
            Some(DimensionChange {
                dimension: to.dimension.clone(),
                name: to.name.clone(),
                from: from.score,
                to: to.score,
                delta,
                reliability,
                threshold: if same_bank { threshold } else { None },
            })
        })
        .collect()
}

/// Pairs of answers with the same id and the same fingerprint: like with like.
fn same_statement<'a>(earlier: &'a Snapshot, later: &Snapshot, to: &Answer) -> Option<&'a Answer> {
    let print = to.fingerprint_on(&later.scale);
    earlier
        .answers
        .iter()
        .find(|a| a.question == to.question && a.fingerprint_on(&earlier.scale) == print)
}

fn changed_wording(earlier: &Snapshot, later: &Snapshot) -> Vec<ChangedStatement> {
    later
        .answers
        .iter()
        .filter_map(|to| {
            let from = earlier.answers.iter().find(|a| a.question == to.question)?;
            same_statement(earlier, later, to)
                .is_none()
                .then(|| ChangedStatement {
                    question: to.question.clone(),
                    from_text: from.text.clone(),
                    to_text: to.text.clone(),
                })
        })
        .collect()
}

fn movers(earlier: &Snapshot, later: &Snapshot) -> Vec<ItemMove> {
    let mut moves: Vec<ItemMove> = later
        .answers
        .iter()
        .filter_map(|to| {
            let from = same_statement(earlier, later, to)?;
            let (from_value, to_value) = (from.value?, to.value?);
            let delta = item_points(&later.scale, to_value, to.reverse)
                - item_points(&earlier.scale, from_value, from.reverse);
            Some(ItemMove {
                question: to.question.clone(),
                dimension: to.dimension.clone(),
                text: to.text.clone(),
                from_value,
                to_value,
                delta,
            })
        })
        .filter(|m| m.delta != 0.0)
        .collect();
    moves.sort_by(|a, b| b.delta.abs().total_cmp(&a.delta.abs()));
    moves
}

/// Round to one decimal, as JSON output does.
#[must_use]
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(min: i64, max: i64) -> Scale {
        Scale {
            min,
            max,
            labels: (min..=max).map(|v| v.to_string()).collect(),
        }
    }

    fn answer(dimension: &str, value: Option<i64>, reverse: bool, weight: f64) -> Answer {
        Answer {
            question: format!("{dimension}-{value:?}-{reverse}-{weight}"),
            dimension: dimension.into(),
            text: String::new(),
            reverse,
            weight,
            value,
            note: None,
            fingerprint: None,
        }
    }

    #[test]
    fn item_points_span_the_scale() {
        let s = scale(1, 5);
        assert_eq!(item_points(&s, 1, false), 0.0);
        assert_eq!(item_points(&s, 3, false), 50.0);
        assert_eq!(item_points(&s, 5, false), 100.0);
        assert_eq!(item_points(&s, 5, true), 0.0);
        assert_eq!(item_points(&s, 2, true), 75.0);
    }

    /// Worked by hand on a 1-7 scale:
    /// * `a` = 7, weight 1            -> 100 points
    /// * `b` = 2, reverse, weight 2   -> 100 - 100 * 1/6 = 83.33 points
    /// * `c` = 4, weight 1            -> 50 points
    /// * `d` skipped, weight 1        -> not counted
    ///
    /// Answered weight 4 of 5 (>= half), score = (100 + 2 * 83.33 + 50) / 4 = 79.1667.
    #[test]
    fn hand_computed_dimension_score_on_a_seven_point_scale() {
        let s = scale(1, 7);
        let answers = [
            answer("m", Some(7), false, 1.0),
            answer("m", Some(2), true, 2.0),
            answer("m", Some(4), false, 1.0),
            answer("m", None, false, 1.0),
        ];
        let score = dimension_score(&s, &answers).expect("enough answers");
        assert!((score - 79.166_666).abs() < 1e-4, "{score}");
        assert_eq!(round1(score), 79.2);
    }

    #[test]
    fn a_dimension_needs_half_its_weight_answered() {
        let s = scale(1, 5);
        // weight 2 answered of 4: exactly half is enough
        let half = [
            answer("a", Some(5), false, 2.0),
            answer("a", None, false, 1.0),
            answer("a", None, false, 1.0),
        ];
        assert_eq!(dimension_score(&s, &half), Some(100.0));
        // weight 1 answered of 3: not enough, absent rather than 0
        let too_few = [
            answer("a", Some(5), false, 1.0),
            answer("a", None, false, 2.0),
        ];
        assert_eq!(dimension_score(&s, &too_few), None);
        assert_eq!(dimension_score(&s, &[]), None);
    }

    #[test]
    fn threshold_matches_the_jacobson_truax_formula() {
        // sd 15, r 0.8: 1.96 * 1.41421 * 15 * 0.44721 = 18.594
        let t = reliable_change_threshold(15.0, 0.8);
        assert!((t - 18.594).abs() < 1e-3, "{t}");
    }

    fn snapshot(id: &str, bank: &str, value: i64, norms: Option<(f64, f64)>) -> Snapshot {
        let mut s = Snapshot {
            id: id.into(),
            dimensions: vec![Dimension {
                id: "autonomy".into(),
                name: "Autonomy".into(),
                description: String::new(),
                sd: norms.map(|n| n.0),
                reliability: norms.map(|n| n.1),
            }],
            answers: vec![Answer {
                question: "q1".into(),
                ..answer("autonomy", Some(value), false, 1.0)
            }],
            ..Snapshot::empty_for_tests("2026-01-01T10:00:00+00:00")
        };
        s.bank.id = bank.into();
        s
    }

    #[test]
    fn reliable_change_uses_declared_norms() {
        // threshold 18.594 points; 1 -> 2 is 25 points, 2 -> 2 is none.
        let norms = Some((15.0, 0.8));
        let a = snapshot("a", "core", 1, norms);
        let b = snapshot("b", "core", 2, norms);
        let c = compare(&a, &b);
        assert_eq!(c.dimensions[0].delta, Some(25.0));
        assert_eq!(c.dimensions[0].reliability, Reliability::Reliable);
        let same = compare(&b, &b);
        assert_eq!(same.dimensions[0].reliability, Reliability::Noise);
        // a wider sd makes the same 25 points noise
        let wide = compare(
            &snapshot("a", "core", 1, Some((40.0, 0.8))),
            &snapshot("b", "core", 2, Some((40.0, 0.8))),
        );
        assert_eq!(wide.dimensions[0].reliability, Reliability::Noise);
        assert_eq!(c.movers.len(), 1);
        assert_eq!(c.movers[0].delta, 25.0);
    }

    #[test]
    fn reliability_is_unknown_without_norms_or_across_banks() {
        let c = compare(
            &snapshot("a", "core", 1, None),
            &snapshot("b", "core", 5, None),
        );
        assert_eq!(
            c.dimensions[0].reliability,
            Reliability::Unknown(UnknownReason::NoNorms)
        );
        assert_eq!(c.dimensions[0].reliability.as_bool(), None);
        let norms = Some((15.0, 0.8));
        let c = compare(
            &snapshot("a", "core", 1, norms),
            &snapshot("b", "quick", 5, norms),
        );
        assert_eq!(
            c.dimensions[0].reliability,
            Reliability::Unknown(UnknownReason::DifferentBanks)
        );
    }

    #[test]
    fn weights_no_check_saw_give_no_score_rather_than_nan() {
        let s = scale(1, 5);
        let huge = [
            answer("a", Some(5), false, 1.7e308),
            answer("a", Some(1), false, 1.7e308),
        ];
        assert_eq!(dimension_score(&s, &huge), None);
    }
}
