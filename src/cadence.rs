//! When the next check-in is due: pure date arithmetic, shared by
//! `motive due` and the home screen.

use chrono::{DateTime, Duration, FixedOffset};

/// When the next check-in is due, relative to now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cadence {
    /// Nothing recorded yet: the first check-in is due.
    First,
    Due {
        last: DateTime<FixedOffset>,
        days_since: i64,
        due_since: DateTime<FixedOffset>,
    },
    NotYet {
        last: DateTime<FixedOffset>,
        days_since: i64,
        next: DateTime<FixedOffset>,
        days_left: i64,
    },
}

/// Pure: where `now` stands against a check-in every `every` days after `last`.
#[must_use]
pub fn cadence(
    last: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    every: u32,
) -> Cadence {
    let Some(last) = last else {
        return Cadence::First;
    };
    let next = last + Duration::days(i64::from(every));
    let days_since = (now - last).num_days();
    if now >= next {
        Cadence::Due {
            last,
            days_since,
            due_since: next,
        }
    } else {
        // Round up: due "in 1 day" until the moment it is due.
        let left = next - now;
        let days_left = left.num_days() + i64::from(left.num_seconds() % 86_400 != 0);
        Cadence::NotYet {
            last,
            days_since,
            next,
            days_left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("date")
    }

    #[test]
    fn due_after_the_cadence_not_before() {
        let last = at("2026-01-01T09:00:00+00:00");
        assert_eq!(cadence(None, last, 90), Cadence::First);
        match cadence(Some(last), at("2026-03-31T09:00:00+00:00"), 90) {
            Cadence::NotYet {
                days_left,
                days_since,
                ..
            } => assert_eq!((days_left, days_since), (1, 89)),
            other => panic!("{other:?}"),
        }
        match cadence(Some(last), at("2026-04-01T09:00:00+00:00"), 90) {
            Cadence::Due { days_since, .. } => assert_eq!(days_since, 90),
            other => panic!("{other:?}"),
        }
        match cadence(Some(last), at("2026-03-31T10:00:00+00:00"), 90) {
            Cadence::NotYet { days_left, .. } => {
                assert_eq!(days_left, 1, "23 hours left rounds up")
            }
            other => panic!("{other:?}"),
        }
    }
}
