//! When the next check-in is due: pure date arithmetic, shared by
//! `motive due` and the home screen.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveTime, Weekday};

/// The longest cadence accepted, in days (a century): far beyond any sensible
/// check-in rhythm, and small enough that date arithmetic never overflows.
pub const MAX_EVERY_DAYS: u32 = 36_500;

/// How often check-ins fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Days from one check-in to the next.
    pub every_days: u32,
    /// When set, a due date moves back to the start of its week.
    pub week_start: Option<Weekday>,
}

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
    schedule(
        last,
        now,
        Schedule {
            every_days: every,
            week_start: None,
        },
    )
}

/// Pure: where `now` stands against `plan`, the last check-in being `last`.
#[must_use]
pub fn schedule(
    last: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    plan: Schedule,
) -> Cadence {
    let Some(last) = last else {
        return Cadence::First;
    };
    let next = due_date(last, plan);
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

/// When the check-in after one taken at `last` falls due: `every_days` later,
/// then, with a `week_start`, back to the start of that week, so it is due as
/// the week begins. The move never lands on or before the day of `last`
/// itself (possible with a cadence under a week); then the plain date stands.
#[must_use]
pub fn due_date(last: DateTime<FixedOffset>, plan: Schedule) -> DateTime<FixedOffset> {
    let days = plan.every_days.min(MAX_EVERY_DAYS);
    let next = last + Duration::days(i64::from(days));
    match plan.week_start {
        Some(first_day) => {
            let moved = start_of_week(next, first_day);
            if moved.date_naive() > last.date_naive() {
                moved
            } else {
                next
            }
        }
        None => next,
    }
}

/// Pure: midnight (in `at`'s own offset) of the day that begins the week
/// containing `at`, for weeks that begin on `first_day`.
#[must_use]
pub fn start_of_week(at: DateTime<FixedOffset>, first_day: Weekday) -> DateTime<FixedOffset> {
    let back = at.weekday().days_since(first_day);
    let day = at.date_naive() - Duration::days(i64::from(back));
    let midnight = day.and_time(NaiveTime::MIN);
    // A fixed offset maps every local time to exactly one instant.
    midnight
        .and_local_timezone(*at.offset())
        .single()
        .unwrap_or(at)
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

    #[test]
    fn start_of_week_moves_back_to_midnight_of_the_first_day() {
        // 2026-04-01 is a Wednesday.
        let wednesday = at("2026-04-01T15:45:00+02:00");
        assert_eq!(
            start_of_week(wednesday, Weekday::Mon),
            at("2026-03-30T00:00:00+02:00")
        );
        assert_eq!(
            start_of_week(wednesday, Weekday::Sun),
            at("2026-03-29T00:00:00+02:00")
        );
        assert_eq!(
            start_of_week(wednesday, Weekday::Wed),
            at("2026-04-01T00:00:00+02:00"),
            "a day that begins the week stays put"
        );
        assert_eq!(
            start_of_week(wednesday, Weekday::Thu),
            at("2026-03-26T00:00:00+02:00"),
            "the week that contains a Wednesday began the Thursday before"
        );
        // Across a year boundary, in a negative offset.
        assert_eq!(
            start_of_week(at("2027-01-01T08:00:00-05:00"), Weekday::Mon),
            at("2026-12-28T00:00:00-05:00")
        );
    }

    #[test]
    fn a_week_start_moves_the_due_date_back_to_the_start_of_its_week() {
        let last = at("2026-01-01T09:00:00+00:00"); // a Thursday
        let plain = Schedule {
            every_days: 90,
            week_start: None,
        };
        // 90 days later is Wednesday 2026-04-01; its week began on Monday the 30th.
        assert_eq!(due_date(last, plain), at("2026-04-01T09:00:00+00:00"));
        let monday = Schedule {
            week_start: Some(Weekday::Mon),
            ..plain
        };
        assert_eq!(due_date(last, monday), at("2026-03-30T00:00:00+00:00"));
        // Due on that Monday, not yet on the Sunday before.
        assert!(matches!(
            schedule(Some(last), at("2026-03-30T00:00:00+00:00"), monday),
            Cadence::Due { .. }
        ));
        match schedule(Some(last), at("2026-03-29T12:00:00+00:00"), monday) {
            Cadence::NotYet {
                next, days_left, ..
            } => {
                assert_eq!(next, at("2026-03-30T00:00:00+00:00"));
                assert_eq!(days_left, 1);
            }
            other => panic!("{other:?}"),
        }
        // Without a week start nothing changes.
        assert_eq!(
            schedule(Some(last), at("2026-03-30T00:00:00+00:00"), plain),
            cadence(Some(last), at("2026-03-30T00:00:00+00:00"), 90)
        );
    }

    #[test]
    fn a_short_cadence_never_moves_the_due_date_to_or_before_the_last_check_in() {
        let wednesday = at("2026-04-01T09:00:00+00:00");
        let plan = Schedule {
            every_days: 2,
            week_start: Some(Weekday::Mon),
        };
        // Friday's week began on Monday, before Wednesday: keep Friday.
        assert_eq!(due_date(wednesday, plan), at("2026-04-03T09:00:00+00:00"));
        let weekly = Schedule {
            every_days: 7,
            ..plan
        };
        assert_eq!(due_date(wednesday, weekly), at("2026-04-06T00:00:00+00:00"));
    }

    #[test]
    fn the_longest_cadence_does_not_overflow() {
        let last = at("2026-01-01T09:00:00+00:00");
        for every in [MAX_EVERY_DAYS, u32::MAX] {
            let plan = Schedule {
                every_days: every,
                week_start: Some(Weekday::Sun),
            };
            assert!(due_date(last, plan) > last);
        }
    }
}
