//! Explain my score: how each statement of a check-in adds up to its
//! dimension's score.
//!
//! A dimension's score is the weighted mean of its answered statements'
//! points (see [`crate::score`]). Written as a sum, each answered statement
//! contributes `weight * points / answered_weight`, and these contributions
//! add up to the score exactly. Skipped statements contribute nothing and do
//! not pull the score down; they only count towards the half-weight rule.

use crate::bank::Scale;
use crate::score::{dimension_score, item_points};
use crate::snapshot::{Answer, Snapshot};

/// Why every dimension of one check-in scored what it did.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// One entry per dimension, in the order the snapshot declares them.
    pub dimensions: Vec<DimensionExplanation>,
}

impl Explanation {
    /// The explanation of the dimension `id`, if the snapshot has it.
    #[must_use]
    pub fn dimension(&self, id: &str) -> Option<&DimensionExplanation> {
        self.dimensions.iter().find(|d| d.dimension == id)
    }
}

/// How one dimension's score was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionExplanation {
    /// The dimension id.
    pub dimension: String,
    /// The dimension's name, for people.
    pub name: String,
    /// The score (0-100), as [`dimension_score`] gives it; `None` when the
    /// answered statements carry less than half of the total weight.
    pub score: Option<f64>,
    /// Weight of the statements that were answered.
    pub answered_weight: f64,
    /// Weight of every statement of the dimension, answered or skipped.
    pub total_weight: f64,
    /// Whether the answered weight reached half of the total weight (and is
    /// more than zero), so that the dimension has a score.
    pub enough_answered: bool,
    /// Every statement of the dimension, in the order it was asked.
    pub statements: Vec<StatementExplanation>,
}

impl DimensionExplanation {
    /// The statements that were answered and so count towards the score.
    pub fn counted(&self) -> impl Iterator<Item = (&StatementExplanation, &Counted)> {
        self.statements
            .iter()
            .filter_map(|s| s.counted.as_ref().map(|c| (s, c)))
    }

    /// The statements that were skipped and so are not counted.
    pub fn skipped(&self) -> impl Iterator<Item = &StatementExplanation> {
        self.statements.iter().filter(|s| s.counted.is_none())
    }
}

/// One statement of a dimension and its part in the score.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementExplanation {
    /// The question id.
    pub question: String,
    /// The statement as it was asked.
    pub text: String,
    /// A reverse-worded statement: its points are mirrored (agreeing lowers the score).
    pub reverse: bool,
    /// The statement's weight within its dimension.
    pub weight: f64,
    /// The answer and what it contributed; `None` when skipped (not counted).
    pub counted: Option<Counted>,
}

/// What an answered statement contributed.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    /// The answer on the bank's scale.
    pub value: i64,
    /// The scale's label for the answer, if it has one.
    pub label: Option<String>,
    /// Points the answer is worth, 0-100, reverse wording already mirrored.
    pub points: f64,
    /// This statement's share of the dimension's answered weight, 0-1.
    pub share: f64,
    /// `weight * points / answered_weight`: its part of the score, in points.
    /// The contributions of a dimension's answered statements add up to the
    /// score; when the dimension has no score (too little answered), they
    /// add up to the score it would have had.
    pub contribution: f64,
}

/// Explain every dimension's score of `snapshot`.
#[must_use]
pub fn explain(snapshot: &Snapshot) -> Explanation {
    Explanation {
        dimensions: snapshot
            .dimensions
            .iter()
            .map(|dimension| {
                let answers: Vec<&Answer> = snapshot
                    .answers
                    .iter()
                    .filter(|a| a.dimension == dimension.id)
                    .collect();
                explain_dimension(&snapshot.scale, &dimension.id, &dimension.name, &answers)
            })
            .collect(),
    }
}

/// Explain one dimension's score from the answers that belong to it.
#[must_use]
pub fn explain_dimension(
    scale: &Scale,
    id: &str,
    name: &str,
    answers: &[&Answer],
) -> DimensionExplanation {
    let total_weight: f64 = answers.iter().map(|a| a.weight).sum();
    let answered_weight: f64 = answers
        .iter()
        .filter(|a| a.value.is_some())
        .map(|a| a.weight)
        .sum();
    let statements = answers
        .iter()
        .map(|answer| StatementExplanation {
            question: answer.question.clone(),
            text: answer.text.clone(),
            reverse: answer.reverse,
            weight: answer.weight,
            counted: answer.value.map(|value| {
                let points = item_points(scale, value, answer.reverse);
                let share = if answered_weight > 0.0 {
                    answer.weight / answered_weight
                } else {
                    0.0
                };
                Counted {
                    value,
                    label: scale.label(value).map(str::to_owned),
                    points,
                    share,
                    contribution: share * points,
                }
            }),
        })
        .collect();
    let score = dimension_score(scale, answers.iter().copied());
    DimensionExplanation {
        dimension: id.to_owned(),
        name: name.to_owned(),
        score,
        answered_weight,
        total_weight,
        enough_answered: score.is_some(),
        statements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Dimension;

    fn answer(question: &str, dimension: &str, value: Option<i64>, reverse: bool) -> Answer {
        Answer {
            question: question.into(),
            dimension: dimension.into(),
            text: format!("Statement {question}"),
            reverse,
            weight: 1.0,
            value,
            note: None,
            fingerprint: None,
        }
    }

    fn dimension(id: &str, name: &str) -> Dimension {
        Dimension {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            sd: None,
            reliability: None,
        }
    }

    /// A 1-7 scale ("Not at all" .. "Completely"):
    ///
    /// mastery
    /// * m1 = 7, weight 1           -> 100 points
    /// * m2 = 2, reverse, weight 2  -> 100 - 100 * (2 - 1) / 6 = 83.333 points
    /// * m3 = 4, weight 1           -> 100 * 3 / 6 = 50 points
    /// * m4 skipped, weight 1       -> not counted
    ///
    /// Answered weight 4 of 5 (at least half: scored). Shares 1/4, 2/4, 1/4;
    /// contributions 25 + 41.667 + 12.5 = 79.167 = the score.
    ///
    /// purpose
    /// * p1 = 5, weight 1 -> 66.667 points
    /// * p2 skipped, weight 3
    ///
    /// Answered weight 1 of 4 (less than half: no score).
    fn fixture() -> Snapshot {
        let mut answers = vec![
            answer("m1", "mastery", Some(7), false),
            answer("m2", "mastery", Some(2), true),
            answer("p1", "purpose", Some(5), false),
            answer("m3", "mastery", Some(4), false),
            answer("m4", "mastery", None, false),
            answer("p2", "purpose", None, false),
        ];
        answers[1].weight = 2.0;
        answers[5].weight = 3.0;
        Snapshot {
            scale: Scale {
                min: 1,
                max: 7,
                labels: [
                    "Not at all",
                    "Barely",
                    "A little",
                    "Somewhat",
                    "Mostly",
                    "Very much",
                    "Completely",
                ]
                .map(String::from)
                .to_vec(),
            },
            dimensions: vec![
                dimension("mastery", "Mastery"),
                dimension("purpose", "Purpose"),
            ],
            answers,
            ..Snapshot::empty_for_tests("2026-05-04T18:30:00+02:00")
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn hand_computed_contributions_on_a_seven_point_scale() {
        let explanation = explain(&fixture());
        let mastery = explanation.dimension("mastery").expect("mastery");
        assert_eq!(mastery.name, "Mastery");
        assert!(close(mastery.answered_weight, 4.0));
        assert!(close(mastery.total_weight, 5.0));
        assert!(mastery.enough_answered);

        // (question, value, label, reverse, points, share, contribution)
        let expected = [
            ("m1", 7, "Completely", false, 100.0, 0.25, 25.0),
            ("m2", 2, "Barely", true, 250.0 / 3.0, 0.5, 125.0 / 3.0),
            ("m3", 4, "Somewhat", false, 50.0, 0.25, 12.5),
        ];
        assert_eq!(mastery.counted().count(), expected.len());
        for ((statement, counted), want) in mastery.counted().zip(expected) {
            let (question, value, label, reverse, points, share, contribution) = want;
            assert_eq!(statement.question, question);
            assert_eq!(counted.value, value);
            assert_eq!(counted.label.as_deref(), Some(label));
            assert_eq!(statement.reverse, reverse);
            assert!(close(counted.points, points), "points of {question}");
            assert!(close(counted.share, share), "share of {question}");
            assert!(
                close(counted.contribution, contribution),
                "part of {question}"
            );
        }

        let skipped: Vec<&str> = mastery.skipped().map(|s| s.question.as_str()).collect();
        assert_eq!(skipped, ["m4"]);

        let score = mastery.score.expect("scored");
        assert!(close(score, 25.0 + 125.0 / 3.0 + 12.5), "{score}");
        let sum: f64 = mastery.counted().map(|(_, c)| c.contribution).sum();
        assert!(close(sum, score));
    }

    #[test]
    fn too_little_answered_weight_means_no_score() {
        let explanation = explain(&fixture());
        let purpose = explanation.dimension("purpose").expect("purpose");
        assert!(close(purpose.answered_weight, 1.0));
        assert!(close(purpose.total_weight, 4.0));
        assert!(!purpose.enough_answered);
        assert_eq!(purpose.score, None);
        let (statement, counted) = purpose.counted().next().expect("p1 counted");
        assert_eq!(statement.question, "p1");
        assert!(close(counted.points, 200.0 / 3.0));
        assert!(close(counted.share, 1.0));
        assert_eq!(purpose.skipped().count(), 1);
    }

    #[test]
    fn statements_keep_their_order_and_dimensions_follow_the_snapshot() {
        let explanation = explain(&fixture());
        let ids: Vec<&str> = explanation
            .dimensions
            .iter()
            .map(|d| d.dimension.as_str())
            .collect();
        assert_eq!(ids, ["mastery", "purpose"]);
        let mastery: Vec<&str> = explanation.dimensions[0]
            .statements
            .iter()
            .map(|s| s.question.as_str())
            .collect();
        assert_eq!(mastery, ["m1", "m2", "m3", "m4"]);
    }

    #[test]
    fn nothing_answered_has_no_score_and_no_shares() {
        let mut snapshot = fixture();
        for answer in &mut snapshot.answers {
            answer.value = None;
        }
        let explanation = explain(&snapshot);
        for dimension in &explanation.dimensions {
            assert_eq!(dimension.score, None);
            assert!(close(dimension.answered_weight, 0.0));
            assert_eq!(dimension.counted().count(), 0);
            assert_eq!(dimension.skipped().count(), dimension.statements.len());
        }
    }

    #[test]
    fn contributions_sum_to_the_score_of_every_dimension() {
        // Agreement with `score::scores` on the fixture and on a variant where
        // every skipped statement was answered at the extremes.
        let mut full = fixture();
        for (i, answer) in full.answers.iter_mut().enumerate() {
            answer.value.get_or_insert(if i % 2 == 0 { 1 } else { 7 });
        }
        for snapshot in [fixture(), full] {
            let scores = crate::score::scores(&snapshot);
            let explanation = explain(&snapshot);
            for (score, explained) in scores.iter().zip(&explanation.dimensions) {
                assert_eq!(score.dimension, explained.dimension);
                assert_eq!(score.score.is_some(), explained.enough_answered);
                if let Some(expected) = score.score {
                    let sum: f64 = explained.counted().map(|(_, c)| c.contribution).sum();
                    assert!(
                        close(sum, expected),
                        "{}: {sum} vs {expected}",
                        score.dimension
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Whatever the answers, the contributions add up to `dimension_score`.
        #[test]
        fn contributions_always_add_up_to_the_score(
            (min, width) in (-3i64..=3, 1i64..=9),
            items in proptest::collection::vec(
                (proptest::option::weighted(0.7, 0i64..=9), proptest::bool::ANY, 0.1f64..5.0),
                1..10,
            ),
        ) {
            let scale = Scale { min, max: min + width, labels: vec![] };
            let answers: Vec<Answer> = items
                .iter()
                .enumerate()
                .map(|(i, (value, reverse, weight))| Answer {
                    weight: *weight,
                    ..answer(&format!("q{i}"), "d", value.map(|v| min + v % (width + 1)), *reverse)
                })
                .collect();
            let refs: Vec<&Answer> = answers.iter().collect();
            let explained = explain_dimension(&scale, "d", "D", &refs);
            let score = dimension_score(&scale, &answers);
            proptest::prop_assert_eq!(explained.score, score);
            if let Some(score) = score {
                let sum: f64 = explained.counted().map(|(_, c)| c.contribution).sum();
                proptest::prop_assert!((sum - score).abs() < 1e-9, "{} vs {}", sum, score);
                let shares: f64 = explained.counted().map(|(_, c)| c.share).sum();
                proptest::prop_assert!((shares - 1.0).abs() < 1e-9);
            }
        }
    }
}
