//! Scoring invariants, checked on generated answers.

use motive::bank::Scale;
use motive::score::{dimension_score, item_points};
use motive::snapshot::Answer;
use proptest::prelude::*;

fn scale_strategy() -> impl Strategy<Value = Scale> {
    (-3i64..=3, 1i64..=10).prop_map(|(min, width)| Scale {
        min,
        max: min + width,
        labels: (0..=width).map(|i| format!("p{i}")).collect(),
    })
}

/// A scale and answers on it: (value or skipped, reverse, weight).
fn answers_strategy() -> impl Strategy<Value = (Scale, Vec<Answer>)> {
    scale_strategy().prop_flat_map(|scale| {
        let item = (
            prop::option::weighted(0.8, scale.min..=scale.max),
            any::<bool>(),
            0.1f64..10.0,
        );
        (Just(scale), prop::collection::vec(item, 1..12)).prop_map(|(scale, items)| {
            let answers = items
                .into_iter()
                .enumerate()
                .map(|(i, (value, reverse, weight))| answer(i, value, reverse, weight))
                .collect();
            (scale, answers)
        })
    })
}

fn answer(i: usize, value: Option<i64>, reverse: bool, weight: f64) -> Answer {
    Answer {
        question: format!("q{i}"),
        dimension: "d".into(),
        text: format!("statement {i}"),
        reverse,
        weight,
        value,
        note: None,
        fingerprint: None,
    }
}

proptest! {
    #[test]
    fn scores_stay_within_0_and_100((scale, answers) in answers_strategy()) {
        for a in &answers {
            if let Some(v) = a.value {
                let p = item_points(&scale, v, a.reverse);
                prop_assert!((0.0..=100.0).contains(&p), "item points {p}");
            }
        }
        if let Some(score) = dimension_score(&scale, &answers) {
            prop_assert!((0.0..=100.0).contains(&score), "score {score}");
        }
    }

    #[test]
    fn a_reverse_item_mirrors_its_forward_twin(scale in scale_strategy(), offset in 0i64..=10) {
        let value = scale.min + offset.min(scale.max - scale.min);
        let forward = item_points(&scale, value, false);
        let reverse = item_points(&scale, value, true);
        prop_assert!((forward + reverse - 100.0).abs() < 1e-9);
        // and the reverse of an answer equals the forward of its mirror on the scale
        let mirrored = scale.max - (value - scale.min);
        prop_assert!((reverse - item_points(&scale, mirrored, false)).abs() < 1e-9);
    }

    #[test]
    fn scaling_every_weight_changes_nothing(
        (scale, answers) in answers_strategy(),
        factor in 0.01f64..100.0,
    ) {
        let scaled: Vec<Answer> = answers
            .iter()
            .map(|a| Answer { weight: a.weight * factor, ..a.clone() })
            .collect();
        let before = dimension_score(&scale, &answers);
        let after = dimension_score(&scale, &scaled);
        match (before, after) {
            (Some(b), Some(a)) => prop_assert!((a - b).abs() < 1e-6, "{b} vs {a}"),
            (None, None) => {}
            // Only floating-point rounding at exactly half the weight may tip it.
            (b, a) => {
                let total: f64 = answers.iter().map(|x| x.weight).sum();
                let answered: f64 = answers.iter().filter(|x| x.value.is_some()).map(|x| x.weight).sum();
                prop_assert!((answered * 2.0 - total).abs() < 1e-9 * total, "{b:?} vs {a:?}");
            }
        }
    }

    #[test]
    fn a_skipped_item_never_counts_as_a_low_answer(
        (scale, answers) in answers_strategy(),
        weight in 0.1f64..10.0,
    ) {
        let mut with_skip = answers.clone();
        with_skip.push(answer(99, None, false, weight));
        // When both have a score, the skipped item changed nothing.
        if let (Some(a), Some(b)) = (dimension_score(&scale, &answers), dimension_score(&scale, &with_skip)) {
            prop_assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        }
        // And it is not the same as answering the lowest point.
        let mut with_low = answers.clone();
        with_low.push(answer(99, Some(scale.min), false, weight));
        if let (Some(skip), Some(low)) = (dimension_score(&scale, &with_skip), dimension_score(&scale, &with_low)) {
            let had_points = answers.iter().any(|a| a.value.is_some_and(|v| item_points(&scale, v, a.reverse) > 0.0));
            if had_points {
                prop_assert!(low < skip, "low {low} skip {skip}");
            }
        }
    }
}
