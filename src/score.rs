//! Scoring: pure functions from recorded answers to 0-100 scores (the
//! self-reflection indicators), and the comparison of two check-ins.
//!
//! * An answer `v` on a scale `min..=max` is worth `100 * (v - min) / (max - min)`
//!   points; a reverse-worded statement is worth `100` minus that.
//! * A dimension's score is the weighted mean of its answered statements'
//!   points, given only when the answered statements carry at least half of
//!   the dimension's total weight. Skipped statements never count as low answers.
//! * Two check-ins of one bank id and version (with the same statements)
//!   compare their dimension scores. Across banks or versions they compare
//!   on the statements both answered with the same fingerprint (id, wording,
//!   direction, scale), both scores recomputed on those alone.
//! * How far a change exceeds measurement error is in [`verdict`].
//! * [`round1`] rounds every number shown or exported.

pub mod explain;
pub mod verdict;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::bank::{Dimension, Scale};
use crate::snapshot::{Answer, BankRef, Snapshot};
pub use verdict::{NormsSource, UnknownReason, Verdict};

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
    weighted_score(answers.into_iter().map(|answer| {
        (
            answer.weight,
            answer
                .value
                .map(|value| item_points(scale, value, answer.reverse)),
        )
    }))
}

/// The weighted mean of `(weight, points)` pairs (`None` points: skipped),
/// or `None` when the answered ones carry less than half of the total weight.
#[must_use]
pub fn weighted_score(statements: impl IntoIterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let mut total_weight = 0.0;
    let mut answered_weight = 0.0;
    let mut weighted_points = 0.0;
    for (weight, points) in statements {
        total_weight += weight;
        if let Some(points) = points {
            answered_weight += weight;
            weighted_points += weight * points;
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

/// One statement of a dimension as a comparison needs it: which statement,
/// in which words, and the points its answer was worth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementPoints {
    /// Shared: the same few dozen statements recur in every check-in, and a
    /// listing of thousands holds each once (see [`crate::store::cache`]).
    pub statement: Arc<StatementKey>,
    /// Points (0-100, reverse wording mirrored); `None` when skipped.
    pub points: Option<f64>,
}

/// A statement as asked: its id, its fingerprint and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementKey {
    pub question: String,
    /// See [`crate::snapshot::fingerprint`].
    pub fingerprint: String,
    pub weight: f64,
}

/// One dimension's score, with what it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionScore {
    pub dimension: String,
    pub name: String,
    pub score: Option<f64>,
    pub answered: usize,
    pub skipped: usize,
    /// Every statement of the dimension, in the order asked.
    #[serde(default)]
    pub statements: Vec<StatementPoints>,
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
                statements: own()
                    .map(|a| StatementPoints {
                        statement: Arc::new(StatementKey {
                            question: a.question.clone(),
                            fingerprint: a.fingerprint_on(scale),
                            weight: a.weight,
                        }),
                        points: a.value.map(|v| item_points(scale, v, a.reverse)),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Scores of every dimension of a snapshot.
#[must_use]
pub fn scores(snapshot: &Snapshot) -> Vec<DimensionScore> {
    scores_of(&snapshot.scale, &snapshot.dimensions, &snapshot.answers)
}

/// What was compared: the dimension scores, or the statements both shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The same bank and version: the dimension scores as they are.
    Dimension,
    /// Different banks or versions: both scores recomputed on this many
    /// statements both check-ins answered with the same fingerprint.
    Shared(usize),
}

/// How one dimension moved between two check-ins.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionChange {
    pub dimension: String,
    pub name: String,
    /// The scores compared: the dimension scores, or with [`Basis::Shared`]
    /// the scores on the shared statements alone.
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// `to - from`, unrounded, when both are present. Show [`Self::shown_delta`].
    pub delta: Option<f64>,
    pub verdict: Verdict,
    /// The change needed to exceed measurement error, in points; `None` when
    /// the verdict is unknown.
    pub threshold: Option<f64>,
    /// Default norms when either check-in declared none.
    pub norms: NormsSource,
    /// Statements the compared scores rest on, earlier and later.
    pub statements: (usize, usize),
    pub basis: Basis,
}

impl DimensionChange {
    /// The change as shown: the shown "now" minus the shown "then".
    #[must_use]
    pub fn shown_delta(&self) -> Option<f64> {
        Some(round1(round1(self.to?) - round1(self.from?)))
    }
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

/// One side of a comparison: which bank, the dimensions as declared (with
/// their norms), and the scores with their statements.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub bank: &'a BankRef,
    pub dimensions: &'a [Dimension],
    pub scores: &'a [DimensionScore],
}

/// Compare an earlier snapshot with a later one.
#[must_use]
pub fn compare(earlier: &Snapshot, later: &Snapshot) -> Comparison {
    let (from_scores, to_scores) = (scores(earlier), scores(later));
    Comparison {
        from: earlier.id.clone(),
        to: later.id.clone(),
        same_bank: earlier.bank.id == later.bank.id,
        dimensions: dimension_changes(
            Side {
                bank: &earlier.bank,
                dimensions: &earlier.dimensions,
                scores: &from_scores,
            },
            Side {
                bank: &later.bank,
                dimensions: &later.dimensions,
                scores: &to_scores,
            },
        ),
        movers: movers(earlier, later),
        changed_wording: changed_wording(earlier, later),
    }
}

/// How each dimension scored in both `from` and `to` moved, and how far the
/// change exceeds measurement error, by the rules in [`verdict`].
#[must_use]
pub fn dimension_changes(from: Side<'_>, to: Side<'_>) -> Vec<DimensionChange> {
    let same_bank = from.bank.id == to.bank.id && from.bank.version == to.bank.version;
    to.scores
        .iter()
        .filter_map(|b| {
            let a = from.scores.iter().find(|f| f.dimension == b.dimension)?;
            Some(dimension_change(
                same_bank,
                (a, from.dimensions),
                (b, to.dimensions),
            ))
        })
        .collect()
}

fn dimension_change(
    same_bank: bool,
    (a, a_dimensions): (&DimensionScore, &[Dimension]),
    (b, b_dimensions): (&DimensionScore, &[Dimension]),
) -> DimensionChange {
    let norms = |score: &DimensionScore, dimensions: &[Dimension]| {
        let declared = dimensions.iter().find(|d| d.id == score.dimension);
        verdict::Norms::of(declared, score.answered + score.skipped)
    };
    let (norms_a, norms_b) = (norms(a, a_dimensions), norms(b, b_dimensions));
    let same_statements = a.statements.len() == b.statements.len()
        && a.statements.iter().zip(&b.statements).all(|(x, y)| {
            x.statement.question == y.statement.question
                && x.statement.fingerprint == y.statement.fingerprint
        });
    // Same bank and version, and (as a guard against a bank file edited
    // without a new version) the same statements: like with like as it is.
    let basis = if same_bank && same_statements {
        Basis::Dimension
    } else {
        Basis::Shared(shared(a, b).len())
    };
    let (from, to, statements) = match basis {
        Basis::Dimension => (a.score, b.score, (a.answered, b.answered)),
        Basis::Shared(m) => {
            let pairs = shared(a, b);
            let earlier = weighted_score(pairs.iter().map(|(p, _)| (p.statement.weight, p.points)));
            let later = weighted_score(pairs.iter().map(|(_, p)| (p.statement.weight, p.points)));
            (earlier, later, (m, m))
        }
    };
    let delta = match (from, to) {
        (Some(x), Some(y)) => Some(y - x),
        _ => None,
    };
    let unknown = if a.score.is_none() || b.score.is_none() {
        Some(UnknownReason::MissingScore)
    } else if !verdict::enough_answered(a.answered, a.answered + a.skipped)
        || !verdict::enough_answered(b.answered, b.answered + b.skipped)
    {
        Some(UnknownReason::TooFewAnswered)
    } else if basis == Basis::Shared(0) || delta.is_none() {
        Some(UnknownReason::NoSharedStatements)
    } else {
        None
    };
    let threshold = verdict::threshold(norms_a.sem(statements.0), norms_b.sem(statements.1));
    let (verdict, threshold) = match (unknown, delta) {
        (None, Some(delta)) => (Verdict::of(delta, threshold, norms_b.sd), Some(threshold)),
        (Some(reason), _) => (Verdict::Unknown(reason), None),
        (None, None) => (Verdict::Unknown(UnknownReason::MissingScore), None),
    };
    let norms = if norms_a.source == NormsSource::Bank && norms_b.source == NormsSource::Bank {
        NormsSource::Bank
    } else {
        NormsSource::Default
    };
    DimensionChange {
        dimension: b.dimension.clone(),
        name: b.name.clone(),
        from,
        to,
        delta,
        verdict,
        threshold,
        norms,
        statements,
        basis,
    }
}

/// The statements of a dimension both check-ins answered, with the same id
/// and fingerprint, in the later check-in's order.
fn shared<'a>(
    a: &'a DimensionScore,
    b: &'a DimensionScore,
) -> Vec<(&'a StatementPoints, &'a StatementPoints)> {
    b.statements
        .iter()
        .filter(|later| later.points.is_some())
        .filter_map(|later| {
            let earlier = a.statements.iter().find(|earlier| {
                earlier.statement.question == later.statement.question
                    && earlier.statement.fingerprint == later.statement.fingerprint
                    && earlier.points.is_some()
            })?;
            Some((earlier, later))
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

/// Round to one decimal, halves away from zero (`81.25` -> `81.3`,
/// `-0.25` -> `-0.3`), never `-0.0`. The one rounding of every number
/// shown or exported.
#[must_use]
pub fn round1(value: f64) -> f64 {
    // `+ 0.0` turns a `-0.0` into `0.0`.
    (value * 10.0).round() / 10.0 + 0.0
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

    /// A 1-7 bank: one dimension `m` of four statements, declared
    /// `sd = 20`, `reliability = 0.8` (so `r_1 = 0.8 / (4 - 3 * 0.8) = 0.5`).
    fn seven_point(bank: &str, version: &str, values: [Option<i64>; 4]) -> Snapshot {
        let texts = ["Grows", "Stalls", "Stretches", "Learns"];
        let answers = values
            .iter()
            .enumerate()
            .map(|(i, value)| Answer {
                question: format!("m{}", i + 1),
                text: texts[i].into(),
                ..answer("m", *value, i == 1, if i == 1 { 2.0 } else { 1.0 })
            })
            .collect();
        let mut s = Snapshot {
            id: format!("{bank}-{version}"),
            scale: scale(1, 7),
            dimensions: vec![Dimension {
                id: "m".into(),
                name: "Mastery".into(),
                description: String::new(),
                sd: Some(20.0),
                reliability: Some(0.8),
            }],
            answers,
            ..Snapshot::empty_for_tests("2026-01-01T10:00:00+00:00")
        };
        s.bank.id = bank.into();
        s.bank.version = version.into();
        s
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-3
    }

    /// Earlier: m1 = 7 (100), m2 = 2 reverse weight 2 (83.333), m3 = 4 (50),
    /// m4 skipped: score (100 + 166.667 + 50) / 4 = 79.167 on 3 of 4
    /// statements (3 * 4 >= 4 * 3: enough).
    /// SEM = 20 * sqrt(1 - r_3) with r_3 = 1.5 / 2 = 0.75: 10.
    /// Later, all four answered: SEM = 20 * sqrt(1 - 0.8) = 8.944.
    /// T = 1.96 * sqrt(100 + 80) = 26.296; half an sd is 10.
    #[test]
    fn hand_computed_verdicts_on_a_seven_point_bank_with_weights_and_skips() {
        let earlier = seven_point("t", "1", [Some(7), Some(2), Some(4), None]);
        let cases = [
            // m1 4 (50), m2 5 rev (33.333) x2, m3 3 (33.333), m4 2 (16.667):
            // 166.667 / 5 = 33.333; delta -45.833 > T
            (
                [Some(4), Some(5), Some(3), Some(2)],
                33.333,
                Verdict::Reliable,
            ),
            // 83.333 + 2 * 66.667 + 50 + 66.667 = 333.333 / 5 = 66.667;
            // delta -12.5: at least 10, within T
            (
                [Some(6), Some(3), Some(4), Some(5)],
                66.667,
                Verdict::Possible,
            ),
            // 100 + 2 * 83.333 + 50 + 50 = 366.667 / 5 = 73.333; delta -5.833
            (
                [Some(7), Some(2), Some(4), Some(4)],
                73.333,
                Verdict::Little,
            ),
        ];
        for (values, score, verdict) in cases {
            let c = compare(&earlier, &seven_point("t", "1", values));
            let d = &c.dimensions[0];
            assert_eq!(d.basis, Basis::Dimension);
            assert!(close(d.from.expect("from"), 79.167));
            assert!(close(d.to.expect("to"), score), "{:?}", d.to);
            assert_eq!(d.statements, (3, 4));
            assert_eq!(d.norms, NormsSource::Bank);
            let threshold = d.threshold.expect("threshold");
            assert!(close(threshold, 26.296), "{threshold}");
            assert_eq!(d.verdict, verdict, "{values:?}");
        }
    }

    /// Two of four answered (weight 3 of 5: a score, by the half-weight
    /// rule), but 2 * 4 < 4 * 3: no verdict.
    #[test]
    fn fewer_than_three_quarters_answered_is_unknown() {
        let earlier = seven_point("t", "1", [Some(7), Some(2), None, None]);
        let later = seven_point("t", "1", [Some(1), Some(7), Some(1), Some(1)]);
        let d = &compare(&earlier, &later).dimensions[0];
        assert!(close(d.from.expect("a score"), 88.889));
        assert_eq!(d.verdict, Verdict::Unknown(UnknownReason::TooFewAnswered));
        assert_eq!(d.verdict.as_bool(), None);
        assert_eq!(d.threshold, None);
        assert_eq!(d.statements, (2, 4));
        // and the same the other way round
        let d = &compare(&later, &earlier).dimensions[0];
        assert_eq!(d.verdict, Verdict::Unknown(UnknownReason::TooFewAnswered));
    }

    /// Version 2 rewords m3 and drops m4 for a new m5. Shared and answered
    /// in both: m1 and m2.
    /// Earlier on them: (100 + 2 * 83.333) / 3 = 88.889;
    /// later: m1 = 6 (83.333), m2 = 4 reverse (50) x2: 183.333 / 3 = 61.111.
    /// delta = -27.778. Each score rests on 2 statements: r_2 = 1 / 1.5,
    /// SEM = 20 * sqrt(1/3) = 11.547, T = 1.96 * sqrt(2 * 133.333) = 32.007:
    /// more than 10, within T: possible.
    #[test]
    fn across_versions_only_the_shared_statements_are_compared() {
        let earlier = seven_point("t", "1", [Some(7), Some(2), Some(4), Some(3)]);
        let mut later = seven_point("t", "2", [Some(6), Some(4), Some(4), Some(5)]);
        later.answers[2].text = "Stretches, reworded".into();
        later.answers[3].question = "m5".into();
        let d = &compare(&earlier, &later).dimensions[0];
        assert_eq!(d.basis, Basis::Shared(2));
        assert_eq!(d.statements, (2, 2));
        assert!(close(d.from.expect("from"), 88.889));
        assert!(close(d.to.expect("to"), 61.111));
        assert!(close(d.delta.expect("delta"), -27.778));
        assert!(close(d.threshold.expect("threshold"), 32.007));
        assert_eq!(d.verdict, Verdict::Possible);
        // the same statements under one id and version: compared as they are
        let same = compare(
            &earlier,
            &seven_point("t", "1", [Some(6), Some(4), Some(4), Some(5)]),
        );
        assert_eq!(same.dimensions[0].basis, Basis::Dimension);
        // nothing in common: unknown, with the reason
        let mut strange = later.clone();
        for a in &mut strange.answers {
            a.text.push('!');
        }
        let d = &compare(&earlier, &strange).dimensions[0];
        assert_eq!(d.basis, Basis::Shared(0));
        assert_eq!(
            d.verdict,
            Verdict::Unknown(UnknownReason::NoSharedStatements)
        );
    }

    #[test]
    fn without_declared_norms_the_default_norms_judge_and_say_so() {
        let mut earlier = seven_point("t", "1", [Some(7), Some(2), Some(4), Some(3)]);
        earlier.dimensions[0].sd = None;
        earlier.dimensions[0].reliability = None;
        let later = seven_point("t", "1", [Some(7), Some(2), Some(4), Some(3)]);
        let d = &compare(&earlier, &later).dimensions[0];
        assert_eq!(d.norms, NormsSource::Default);
        // earlier: sd 20, r_1 .4, r_4 = 1.6 / 2.2; later: r_4 = .8
        let sem_a = 20.0 * (1.0 - 1.6 / 2.2f64).sqrt();
        let sem_b = 20.0 * 0.2f64.sqrt();
        let t = 1.96 * (sem_a * sem_a + sem_b * sem_b).sqrt();
        assert!(close(d.threshold.expect("threshold"), t));
        assert_eq!(d.verdict, Verdict::Little);
    }

    #[test]
    fn a_missing_score_is_unknown() {
        let earlier = seven_point("t", "1", [None, None, None, Some(3)]);
        let later = seven_point("t", "1", [Some(7), Some(2), Some(4), Some(3)]);
        let d = &compare(&earlier, &later).dimensions[0];
        assert_eq!(d.from, None);
        assert_eq!(d.delta, None);
        assert_eq!(d.shown_delta(), None);
        assert_eq!(d.verdict, Verdict::Unknown(UnknownReason::MissingScore));
    }

    #[test]
    fn one_rounding_halves_away_from_zero_and_shown_change_adds_up() {
        assert_eq!(round1(81.25), 81.3);
        assert_eq!(round1(-81.25), -81.3);
        assert_eq!(round1(62.5), 62.5);
        assert_eq!(round1(0.04), 0.0);
        assert!(round1(-0.04).is_sign_positive(), "never -0.0");
        let change = DimensionChange {
            dimension: "m".into(),
            name: "M".into(),
            from: Some(62.5),
            to: Some(81.25),
            delta: Some(18.75),
            verdict: Verdict::Little,
            threshold: None,
            norms: NormsSource::Bank,
            statements: (4, 4),
            basis: Basis::Dimension,
        };
        // shown 62.5 -> 81.3: +18.8
        assert_eq!(change.shown_delta(), Some(18.8));
        // 10.04 -> 10.16 shows as 10.0 -> 10.2, so the change shows +0.2, not +0.1
        let change = DimensionChange {
            from: Some(10.04),
            to: Some(10.16),
            ..change
        };
        assert_eq!(change.shown_delta(), Some(0.2));
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
