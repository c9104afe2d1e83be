//! Which life events fall between two check-ins, and an event as the few
//! words a listing or a legend shows ("new manager (1 Jun 2026)").

use chrono::{DateTime, FixedOffset};

use super::Event;
use crate::text::escape_line;

/// The events after the day of `from` up to and including the day of `to`
/// (each day as the check-in's own clock saw it), in the order given: what
/// happened between two check-ins. An event on the earlier check-in's day
/// counts as before it, one on the later check-in's day as before that one,
/// so every event falls between exactly one pair of neighbours.
#[must_use]
pub fn between(
    events: &[Event],
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> Vec<&Event> {
    let (after, until) = (from.date_naive(), to.date_naive());
    events
        .iter()
        .filter(|e| e.date > after && e.date <= until)
        .collect()
}

impl Event {
    /// Its label and day on one line: `new manager (1 Jun 2026)`.
    #[must_use]
    pub fn line(&self) -> String {
        format!(
            "{} ({})",
            escape_line(&self.label),
            self.date.format("%-d %b %Y")
        )
    }
}

/// The events as one line, `new manager (1 Jun 2026); moved team (3 Aug
/// 2026)`; `None` for none.
#[must_use]
pub fn listing(events: &[&Event]) -> Option<String> {
    (!events.is_empty()).then(|| {
        events
            .iter()
            .map(|e| e.line())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn event(day: &str, label: &str) -> Event {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a day");
        Event::new(date, label, None).expect("an event")
    }

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("a time")
    }

    #[test]
    fn between_takes_the_days_after_the_first_up_to_the_second() {
        let events = [
            event("2026-03-01", "on the first day"),
            event("2026-03-02", "the day after"),
            event("2026-06-01", "on the second day"),
            event("2026-06-02", "after both"),
        ];
        let found = between(
            &events,
            at("2026-03-01T23:30:00+02:00"),
            at("2026-06-01T08:00:00+02:00"),
        );
        let labels: Vec<&str> = found.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["the day after", "on the second day"]);
        assert_eq!(
            listing(&found).as_deref(),
            Some("the day after (2 Mar 2026); on the second day (1 Jun 2026)")
        );
        assert_eq!(listing(&[]), None);
    }

    #[test]
    fn each_check_in_sees_its_own_day_on_its_own_clock() {
        // 23:30 in UTC+2 is still 1 March there, though 21:30 UTC.
        let events = [event("2026-03-02", "next morning")];
        let found = between(
            &events,
            at("2026-03-01T23:30:00+02:00"),
            at("2026-03-02T09:00:00+02:00"),
        );
        assert_eq!(found.len(), 1);
        assert!(
            between(
                &events,
                at("2026-03-02T00:30:00+02:00"),
                at("2026-06-01T09:00:00+02:00")
            )
            .is_empty()
        );
    }
}
