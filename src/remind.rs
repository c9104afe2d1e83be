//! Coming back on time: the few words a shell prompt shows, and the
//! calendar event for the next check-in. Plain data from the cadence;
//! `commands/due.rs` and `commands/remind.rs` print it.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike};

use crate::cadence::{Cadence, Schedule};

/// How close the next check-in must be before the prompt mentions it.
pub const PROMPT_WINDOW_DAYS: i64 = 14;

/// The words for a shell prompt: "check-in due", "due tomorrow", "due in
/// 12 days"; nothing while the next check-in is further off than
/// [`PROMPT_WINDOW_DAYS`].
#[must_use]
pub fn prompt_words(state: &Cadence) -> Option<String> {
    match state {
        Cadence::First | Cadence::Due { .. } => Some("check-in due".to_string()),
        Cadence::NotYet { days_left, .. } => match *days_left {
            ..=0 => Some("check-in due".to_string()),
            1 => Some("check-in due tomorrow".to_string()),
            n if n <= PROMPT_WINDOW_DAYS => Some(format!(
                "check-in due in {}",
                crate::text::count(usize::try_from(n).unwrap_or(0), "day", "days")
            )),
            _ => None,
        },
    }
}

/// The day the next check-in falls on: today when one is due already.
#[must_use]
pub fn next_due_day(state: &Cadence, now: DateTime<FixedOffset>) -> NaiveDate {
    match state {
        Cadence::NotYet { next, .. } => next.date_naive(),
        Cadence::First | Cadence::Due { .. } => now.date_naive(),
    }
}

/// A calendar with one all-day event on `day` that repeats every
/// `plan.every_days` days: a reminder any calendar app can import. `stamp`
/// is when it was made (the calendar's `DTSTAMP`).
#[must_use]
pub fn calendar(day: NaiveDate, plan: Schedule, stamp: DateTime<Utc>) -> String {
    let interval = crate::text::count(usize::try_from(plan.every_days).unwrap_or(0), "day", "days");
    let event = icalendar::Event::new()
        // The same id every time, so importing a newer file moves the
        // reminder instead of adding a second one.
        .uid("next-check-in@motive")
        .timestamp(stamp)
        .summary("motive check-in")
        .description(&format!(
            "Time for your check-in on autonomy, mastery and purpose: run `motive check`. It repeats every {interval}; after a check-in, run `motive remind ics` again to move it to the next due date."
        ))
        .starts(day)
        .ends(day + Duration::days(1))
        .add_property("RRULE", format!("FREQ=DAILY;INTERVAL={}", plan.every_days))
        .add_property("TRANSP", "TRANSPARENT")
        .done();
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//motive//check-in reminder//EN"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .push(event);
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("a date")
    }

    fn not_yet(days_left: i64) -> Cadence {
        Cadence::NotYet {
            last: at("2026-09-01T10:00:00+02:00"),
            days_since: 90 - days_left,
            next: at("2026-11-30T10:00:00+02:00") + Duration::days(days_left),
            days_left,
        }
    }

    #[test]
    fn the_prompt_speaks_only_when_a_check_in_is_near() {
        assert_eq!(
            prompt_words(&Cadence::First).as_deref(),
            Some("check-in due")
        );
        assert_eq!(
            prompt_words(&not_yet(1)).as_deref(),
            Some("check-in due tomorrow")
        );
        assert_eq!(
            prompt_words(&not_yet(12)).as_deref(),
            Some("check-in due in 12 days")
        );
        assert_eq!(prompt_words(&not_yet(PROMPT_WINDOW_DAYS + 1)), None);
    }

    #[test]
    fn the_calendar_holds_one_repeating_all_day_event_in_crlf_lines() {
        let plan = Schedule {
            every_days: 90,
            week_start: None,
        };
        let day = NaiveDate::from_ymd_opt(2027, 2, 28).expect("a day");
        let stamp = at("2026-11-30T09:00:00+00:00").with_timezone(&Utc);
        let text = calendar(day, plan, stamp);
        assert!(text.contains("DTSTART;VALUE=DATE:20270228\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20270301\r\n"), "{text}");
        assert!(text.contains("RRULE:FREQ=DAILY;INTERVAL=90\r\n"), "{text}");
        assert!(
            text.lines().all(|l| l.len() <= 76),
            "folded at 75 octets:\n{text}"
        );
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "CRLF line ends only"
        );
    }

    #[test]
    fn one_day_is_a_day_not_days() {
        assert_eq!(
            prompt_words(&not_yet(2)).as_deref(),
            Some("check-in due in 2 days")
        );
        let plan = Schedule {
            every_days: 1,
            week_start: None,
        };
        let day = NaiveDate::from_ymd_opt(2027, 2, 28).expect("a day");
        let stamp = at("2026-11-30T09:00:00+00:00").with_timezone(&Utc);
        let text = calendar(day, plan, stamp).replace("\r\n ", "");
        assert!(text.contains("repeats every 1 day"), "{text}");
        assert!(!text.contains("every 1 days"), "{text}");
    }
}
