//! How far a change between two check-ins exceeds measurement error: the
//! norms a check-in's score is judged by, its standard error, the threshold
//! between two check-ins, and the verdict.
//!
//! * A dimension that declares `reliability = r_k` for its `k` statements
//!   has per-statement reliability `r_1 = r_k / (k - (k - 1) r_k)`
//!   (Spearman-Brown, inverted). Without declared norms: `sd = 20`,
//!   `r_1 = 0.40` ("default norms").
//! * A score resting on `m` answered statements has reliability
//!   `r_m = m r_1 / (1 + (m - 1) r_1)` and standard error
//!   `SEM = sd * sqrt(1 - r_m)`. Weights do not enter reliability.
//! * Between check-ins a and b: `T = 1.96 * sqrt(SEM_a^2 + SEM_b^2)`.
//! * With `delta` unrounded and `sd` the later check-in's: `reliable` when
//!   `|delta| > T`, `possible` when `sd / 2 <= |delta| <= T`, `little` when
//!   `|delta| < sd / 2`.

use crate::bank::Dimension;

/// The spread (in points) assumed for a dimension that declares no norms.
pub const DEFAULT_SD: f64 = 20.0;
/// The per-statement reliability assumed for a dimension that declares no norms.
pub const DEFAULT_ITEM_RELIABILITY: f64 = 0.40;
/// The two-sided 95% point of the normal distribution.
const Z: f64 = 1.96;

/// Per-statement reliability from the reliability `r_k` of `k` statements
/// (Spearman-Brown, inverted).
#[must_use]
pub fn item_reliability(r_k: f64, k: usize) -> f64 {
    let k = k as f64;
    r_k / (k - (k - 1.0) * r_k)
}

/// Reliability of a score resting on `m` statements, each of reliability `r_1`
/// (Spearman-Brown).
#[must_use]
pub fn score_reliability(r_1: f64, m: usize) -> f64 {
    let m = m as f64;
    m * r_1 / (1.0 + (m - 1.0) * r_1)
}

/// Where a check-in's norms came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormsSource {
    /// Declared by the bank the check-in used.
    Bank,
    /// Not declared: `sd` 20 and per-statement reliability 0.40.
    Default,
}

impl NormsSource {
    /// `"bank"` or `"default"`, as in JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bank => "bank",
            Self::Default => "default",
        }
    }
}

/// What one check-in's score of one dimension is judged by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Norms {
    /// Spread of the score, in points.
    pub sd: f64,
    /// Reliability of one statement.
    pub item_reliability: f64,
    pub source: NormsSource,
}

impl Norms {
    /// The norms of `dimension` as a check-in declared it, for a dimension
    /// with `statements` statements (answered or not); default norms when it
    /// declares none (or has no statements to scale them by).
    #[must_use]
    pub fn of(dimension: Option<&Dimension>, statements: usize) -> Self {
        match dimension.and_then(|d| Some((d.sd?, d.reliability?))) {
            Some((sd, r_k)) if statements > 0 => Self {
                sd,
                item_reliability: item_reliability(r_k, statements),
                source: NormsSource::Bank,
            },
            _ => Self {
                sd: DEFAULT_SD,
                item_reliability: DEFAULT_ITEM_RELIABILITY,
                source: NormsSource::Default,
            },
        }
    }

    /// The standard error of a score resting on `m` answered statements.
    #[must_use]
    pub fn sem(&self, m: usize) -> f64 {
        let r_m = score_reliability(self.item_reliability, m);
        self.sd * (1.0 - r_m).max(0.0).sqrt()
    }
}

/// The smallest `|delta|` that exceeds measurement error between two scores
/// with these standard errors.
#[must_use]
pub fn threshold(sem_a: f64, sem_b: f64) -> f64 {
    Z * sem_a.hypot(sem_b)
}

/// How a change compares with measurement error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// `|delta|` above the threshold.
    Reliable,
    /// At least half an `sd`, but within the threshold.
    Possible,
    /// Less than half an `sd`.
    Little,
    /// Cannot be judged.
    Unknown(UnknownReason),
}

/// Why a change cannot be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownReason {
    /// One of the two scores is missing.
    MissingScore,
    /// Fewer than three quarters of the dimension's statements were answered
    /// in one of the two check-ins.
    TooFewAnswered,
    /// Different banks or versions, and no statement answered in both with
    /// the same wording and scale.
    NoSharedStatements,
}

impl Verdict {
    /// Judge `delta` (unrounded) against `threshold`, with `sd` the later
    /// check-in's spread.
    #[must_use]
    pub fn of(delta: f64, threshold: f64, sd: f64) -> Self {
        let size = delta.abs();
        if size > threshold {
            Self::Reliable
        } else if size >= sd / 2.0 {
            Self::Possible
        } else {
            Self::Little
        }
    }

    /// `"reliable"`, `"possible"`, `"little"` or `"unknown"`, as in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reliable => "reliable",
            Self::Possible => "possible",
            Self::Little => "little",
            Self::Unknown(_) => "unknown",
        }
    }

    /// `true` only for a reliable change, as the JSON `reliable` field;
    /// `None` when unknown.
    #[must_use]
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Self::Reliable => Some(true),
            Self::Possible | Self::Little => Some(false),
            Self::Unknown(_) => None,
        }
    }

    /// Words for people.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Reliable => "larger than measurement error",
            Self::Possible => "possible change: look at your statements and notes",
            Self::Little => "little change",
            Self::Unknown(reason) => reason.describe(),
        }
    }

    /// A few words for narrow places (the home screen).
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Self::Reliable => "beyond error",
            Self::Possible => "possible",
            Self::Little => "little",
            Self::Unknown(_) => "unknown",
        }
    }
}

impl UnknownReason {
    /// `"missing score"` and the like, as in JSON `reason`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingScore => "missing score",
            Self::TooFewAnswered => "fewer than three quarters answered",
            Self::NoSharedStatements => "no shared statements",
        }
    }

    /// Words for people.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::MissingScore => "unknown: a score is missing (too few answers)",
            Self::TooFewAnswered => {
                "unknown: fewer than three quarters of the statements were answered"
            }
            Self::NoSharedStatements => {
                "unknown: the two check-ins share no statement with the same wording"
            }
        }
    }
}

/// Whether enough of a dimension's statements were answered to judge a
/// change: at least three quarters (`answered * 4 >= total * 3`).
#[must_use]
pub fn enough_answered(answered: usize, total: usize) -> bool {
    total > 0 && answered * 4 >= total * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn dimension(sd: Option<f64>, reliability: Option<f64>) -> Dimension {
        Dimension {
            id: "d".into(),
            name: "D".into(),
            description: String::new(),
            sd,
            reliability,
        }
    }

    /// r_4 = 0.8: r_1 = 0.8 / (4 - 3 * 0.8) = 0.8 / 1.6 = 0.5.
    /// Back up: r_4 = 4 * 0.5 / (1 + 3 * 0.5) = 2 / 2.5 = 0.8.
    /// r_2 = 2 * 0.5 / 1.5 = 2/3; r_3 = 1.5 / 2 = 0.75.
    #[test]
    fn spearman_brown_both_ways_by_hand() {
        assert!(close(item_reliability(0.8, 4), 0.5));
        assert!(close(score_reliability(0.5, 4), 0.8));
        assert!(close(score_reliability(0.5, 2), 2.0 / 3.0));
        assert!(close(score_reliability(0.5, 3), 0.75));
        assert!(close(score_reliability(0.5, 1), 0.5));
        // the defaults: six statements .80, two .57
        assert!(close(score_reliability(DEFAULT_ITEM_RELIABILITY, 6), 0.8));
        assert!(close(
            score_reliability(DEFAULT_ITEM_RELIABILITY, 2),
            0.8 / 1.4
        ));
    }

    /// sd 20, r_1 0.5: SEM with 4 answered = 20 * sqrt(0.2) = 8.944;
    /// with 3 answered = 20 * sqrt(0.25) = 10.
    /// T = 1.96 * sqrt(80 + 100) = 1.96 * 13.416 = 26.296.
    #[test]
    fn sem_and_threshold_by_hand() {
        let norms = Norms::of(Some(&dimension(Some(20.0), Some(0.8))), 4);
        assert_eq!(norms.source, NormsSource::Bank);
        assert!(close(norms.item_reliability, 0.5));
        assert!(close(norms.sem(4), 20.0 * 0.2f64.sqrt()));
        assert!(close(norms.sem(3), 10.0));
        let t = threshold(norms.sem(4), norms.sem(3));
        assert!(close(t, 1.96 * 180f64.sqrt()), "{t}");
        assert!((t - 26.296).abs() < 1e-3);
    }

    #[test]
    fn no_declared_norms_means_default_norms() {
        for d in [
            dimension(None, None),
            dimension(Some(15.0), None),
            dimension(None, Some(0.7)),
        ] {
            let norms = Norms::of(Some(&d), 4);
            assert_eq!(norms.source, NormsSource::Default);
            assert!(close(norms.sd, 20.0));
            assert!(close(norms.item_reliability, 0.4));
        }
        // six statements at .40 each: r_6 = 2.4 / 3 = 0.8, SEM = 20 * sqrt(0.2)
        let norms = Norms::of(None, 6);
        assert!(close(norms.sem(6), 20.0 * 0.2f64.sqrt()));
    }

    #[test]
    fn verdict_bands_by_hand() {
        // T = 26.3, sd 20: half an sd is 10
        let t = 26.3;
        assert_eq!(Verdict::of(26.4, t, 20.0), Verdict::Reliable);
        assert_eq!(Verdict::of(-30.0, t, 20.0), Verdict::Reliable);
        assert_eq!(Verdict::of(26.3, t, 20.0), Verdict::Possible);
        assert_eq!(Verdict::of(-10.0, t, 20.0), Verdict::Possible);
        assert_eq!(Verdict::of(9.99, t, 20.0), Verdict::Little);
        assert_eq!(Verdict::of(0.0, t, 20.0), Verdict::Little);
        // a threshold below half an sd: above it is reliable, never "possible"
        assert_eq!(Verdict::of(8.0, 7.0, 20.0), Verdict::Reliable);
        assert_eq!(Verdict::Reliable.as_bool(), Some(true));
        assert_eq!(Verdict::Possible.as_bool(), Some(false));
        assert_eq!(
            Verdict::Unknown(UnknownReason::MissingScore).as_bool(),
            None
        );
    }

    #[test]
    fn three_quarters_answered_rule() {
        assert!(enough_answered(3, 4));
        assert!(!enough_answered(2, 4));
        assert!(enough_answered(5, 6));
        assert!(!enough_answered(4, 6));
        assert!(enough_answered(2, 2));
        assert!(!enough_answered(1, 2));
        assert!(!enough_answered(0, 0));
    }

    /// The README's worked example, number for number.
    #[test]
    fn the_readme_worked_example() {
        let core = Norms::of(Some(&dimension(Some(20.0), Some(0.8))), 6);
        assert!(close(core.item_reliability, 0.4));
        assert!((core.sem(6) - 8.94).abs() < 0.005);
        assert!((core.sem(5) - 9.61).abs() < 0.005);
        let t = threshold(core.sem(6), core.sem(5));
        assert_eq!(crate::score::round1(t), 25.7);
        assert_eq!(Verdict::of(50.0 - 66.667, t, 20.0), Verdict::Possible);
        let quick = Norms::of(Some(&dimension(Some(20.0), Some(0.57))), 2);
        assert!((core.sem(2) - 13.09).abs() < 0.005);
        let t = threshold(core.sem(2), quick.sem(2));
        assert_eq!(crate::score::round1(t), 36.3);
    }
}
