//! How much motive accepts, in one place: sizes, counts and numbers.
//!
//! The same limits hold wherever the thing comes from. A bank is loaded
//! under them, a check-in (snapshot) is saved, listed and imported under
//! them, so nothing one part accepts can be refused by another: a bank that
//! validates always gives a check-in that can be saved and read back, and an
//! import never writes a check-in that a listing would skip.
//!
//! [`Problems`] keeps error output bounded: the first
//! [`MAX_PROBLEMS_SHOWN`] problems are shown, the rest only counted.

use std::fmt::{self, Display, Write as _};

/// A check-in file larger than this is refused unread, and never written.
pub const MAX_SNAPSHOT_BYTES: u64 = 4 * 1024 * 1024;
/// A bank file larger than this is refused before parsing.
pub const MAX_BANK_BYTES: usize = 1024 * 1024;
/// An import file larger than this is refused unread.
pub const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;
/// The most check-ins one import may hold (a quarterly check-in for 25,000
/// years); a file claiming more is refused without reading them all.
pub const MAX_IMPORT_ENTRIES: usize = 100_000;

/// The most statements a bank may hold, and so answers a check-in may hold.
pub const MAX_STATEMENTS: usize = 500;
/// The most dimensions a bank, and so a check-in, may declare.
pub const MAX_DIMENSIONS: usize = 100;
/// The most reflection prompts a bank, and so a check-in, may hold.
pub const MAX_REFLECTIONS: usize = 100;
/// The most `ideas` one dimension of a bank may list: a short list to
/// choose from, not a catalogue.
pub const MAX_IDEAS: usize = 20;
/// The most points a scale may have (`1..=11`, say).
pub const MAX_SCALE_POINTS: i64 = 11;
/// Both ends of a scale lie within `-SCALE_BOUND..=SCALE_BOUND`.
pub const SCALE_BOUND: i64 = 1_000;

/// The smallest weight a statement may carry.
pub const MIN_WEIGHT: f64 = 0.01;
/// The largest weight a statement may carry: 500 statements at this weight
/// sum to far less than any float can hold, so a score is always a number.
pub const MAX_WEIGHT: f64 = 100.0;
/// The largest `sd` of a dimension's norms, in points of a 0-100 score.
pub const MAX_SD: f64 = 100.0;

/// The longest one-line text (a title, a name, a scale label), in characters.
pub const MAX_LINE_CHARS: usize = 2_000;
/// The longest text a bank carries (a description, a statement, a hint, a
/// prompt) and the longest label, in characters: as long as a line, though
/// it may break lines.
pub const MAX_PARAGRAPH_CHARS: usize = MAX_LINE_CHARS;
/// The longest free text a person writes (a note, a reflection, a
/// commitment), in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The longest id of a bank, dimension, statement or reflection.
pub const MAX_ID_CHARS: usize = 64;

/// Error output lists at most this many problems, then says how many more.
pub const MAX_PROBLEMS_SHOWN: usize = 20;

/// Why a weight is refused, if it is.
///
/// # Errors
/// Not finite, or outside [`MIN_WEIGHT`]..=[`MAX_WEIGHT`].
pub fn check_weight(weight: f64) -> Result<(), String> {
    if (MIN_WEIGHT..=MAX_WEIGHT).contains(&weight) {
        Ok(())
    } else {
        Err(format!(
            "must be from {MIN_WEIGHT} to {MAX_WEIGHT}, not {}",
            number(weight)
        ))
    }
}

/// Why a norm's `sd` is refused, if it is.
///
/// # Errors
/// Not above 0, or above [`MAX_SD`] (NaN included).
pub fn check_sd(sd: f64) -> Result<(), String> {
    if sd > 0.0 && sd <= MAX_SD {
        Ok(())
    } else {
        Err(format!(
            "must be above 0 and at most {MAX_SD} (points on a 0-100 scale), not {}",
            number(sd)
        ))
    }
}

/// Why a norm's `reliability` is refused, if it is.
///
/// # Errors
/// Not strictly between 0 and 1 (NaN included).
pub fn check_reliability(reliability: f64) -> Result<(), String> {
    if reliability > 0.0 && reliability < 1.0 {
        Ok(())
    } else {
        Err(format!(
            "must be between 0 and 1 (both excluded), not {}",
            number(reliability)
        ))
    }
}

/// Why a scale `min..=max` is refused, if it is.
///
/// # Errors
/// `min` not below `max`, an end beyond [`SCALE_BOUND`], or more than
/// [`MAX_SCALE_POINTS`] points.
pub fn check_scale(min: i64, max: i64) -> Result<(), String> {
    if min >= max {
        return Err(format!(
            "scale `min` ({min}) must be less than `max` ({max})"
        ));
    }
    if min < -SCALE_BOUND || max > SCALE_BOUND {
        return Err(format!(
            "scale {min} to {max} goes beyond {}..{SCALE_BOUND}; keep both ends within it",
            -SCALE_BOUND
        ));
    }
    let points = max.abs_diff(min) + 1;
    if points > MAX_SCALE_POINTS.unsigned_abs() {
        return Err(format!(
            "scale {min} to {max} has {points} points; at most {MAX_SCALE_POINTS} are allowed"
        ));
    }
    Ok(())
}

/// A number for a message: `1.7e308` rather than 309 digits.
fn number(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-4..1e6).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// Why a list of `count` things is too long for one file, if it is:
/// "120 dimensions is more than 100".
///
/// # Errors
/// `count` is above `max`.
pub fn check_count(count: usize, max: usize, what: &str) -> Result<(), String> {
    if count > max {
        Err(format!("{count} {what} is more than {max}"))
    } else {
        Ok(())
    }
}

/// Deserialize a list of at most `max` items, stopping at the first one
/// too many: a file holding a million cannot make us build a million.
///
/// # Errors
/// The items' own errors, or "more than MAX WHAT" at the first one too many.
pub fn deserialize_at_most<'de, D, T>(
    deserializer: D,
    max: usize,
    what: &'static str,
) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    struct AtMost<T> {
        max: usize,
        what: &'static str,
        items: std::marker::PhantomData<T>,
    }
    impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for AtMost<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of at most {} {}", self.max, self.what)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.max));
            while let Some(item) = seq.next_element()? {
                if items.len() == self.max {
                    return Err(serde::de::Error::custom(format_args!(
                        "more than {} {}",
                        self.max, self.what
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(AtMost {
        max,
        what,
        items: std::marker::PhantomData,
    })
}

/// Problems found in one input, kept bounded: the first
/// [`MAX_PROBLEMS_SHOWN`] are formatted and kept, the others only counted,
/// so two million bad entries cost a counter, not two million messages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Problems {
    shown: Vec<String>,
    total: usize,
}

impl Problems {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Record a problem; it is formatted only when it will be shown
    /// (pass `format_args!(...)` to keep it free otherwise).
    pub fn push(&mut self, problem: impl Display) {
        if self.shown.len() < MAX_PROBLEMS_SHOWN {
            self.shown.push(problem.to_string());
        }
        self.total += 1;
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many problems were recorded, shown or not.
    #[must_use]
    pub fn total(&self) -> usize {
        self.total
    }

    /// The problems that are shown, first found first.
    #[must_use]
    pub fn shown(&self) -> &[String] {
        &self.shown
    }

    /// How many were recorded but are not shown.
    #[must_use]
    pub fn hidden(&self) -> usize {
        self.total - self.shown.len()
    }

    /// The shown problems joined by `separator`, then "and N more".
    #[must_use]
    pub fn join(&self, separator: &str) -> String {
        let mut out = self.shown.join(separator);
        if self.hidden() > 0 {
            let _ = write!(out, "{separator}and {} more", self.hidden());
        }
        out
    }
}

impl Display for Problems {
    /// The problems on one line, `; ` between them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_show_the_first_twenty_and_count_the_rest() {
        let mut problems = Problems::new();
        for i in 1..=2_000_000 {
            problems.push(format_args!("entry {i}: bad"));
        }
        assert_eq!(problems.total(), 2_000_000);
        assert_eq!(problems.shown().len(), MAX_PROBLEMS_SHOWN);
        let text = problems.to_string();
        assert!(text.starts_with("entry 1: bad; entry 2: bad; "), "{text}");
        assert!(text.ends_with("entry 20: bad; and 1999980 more"), "{text}");
        assert!(text.len() < 400, "{}", text.len());
        let mut few = Problems::new();
        few.push("one");
        assert_eq!(few.to_string(), "one");
        assert!(Problems::new().is_empty());
    }

    #[test]
    fn numbers_are_finite_and_bounded() {
        for good in [MIN_WEIGHT, 1.0, 2.5, MAX_WEIGHT] {
            assert!(check_weight(good).is_ok(), "{good}");
        }
        for bad in [0.0, -1.0, 0.001, 100.5, 1.7e308, f64::INFINITY, f64::NAN] {
            assert!(check_weight(bad).is_err(), "{bad}");
        }
        assert!(check_sd(20.0).is_ok() && check_sd(f64::NAN).is_err());
        assert!(check_sd(0.0).is_err() && check_sd(1e300).is_err());
        assert!(check_reliability(0.8).is_ok() && check_reliability(1.0).is_err());
        assert!(check_reliability(f64::NAN).is_err());
        assert!(check_scale(1, 5).is_ok() && check_scale(-5, 5).is_ok());
        assert!(check_scale(5, 1).is_err() && check_scale(1, 12).is_err());
        assert!(check_scale(i64::MAX - 4, i64::MAX).is_err());
        assert!(check_scale(i64::MIN, i64::MIN + 4).is_err());
        assert!(check_scale(i64::MIN, i64::MAX).is_err(), "no overflow");
        assert_eq!(
            check_weight(1.7e308),
            Err("must be from 0.01 to 100, not 1.7e308".into())
        );
        assert_eq!(
            check_weight(-1.0),
            Err("must be from 0.01 to 100, not -1".into())
        );
    }
}
