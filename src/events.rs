//! Life events: what happened between check-ins ("new manager", "moved
//! team"), so a chart of three scores can be read next to the squiggle it
//! belongs to. An event is a day, a short label and an optional note.
//! Plain data; the store keeps one file per event (see `store::events`).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::text::policy::{self, Kind};

mod between;
pub use between::{between, listing};

/// The version of the event file format this build writes and reads.
pub const EVENT_FORMAT: i64 = 1;

/// The longest label, in characters: a few words for a chart's legend.
pub const MAX_LABEL_CHARS: usize = 80;

/// Something that happened, on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub format: i64,
    /// `YYYYMMDD-N`: its day, and which event of that day it is.
    pub id: String,
    pub date: NaiveDate,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why an event cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Event {
    /// A new event on `date`, its label and note cleaned as typed text is.
    ///
    /// # Errors
    /// An empty or too long label.
    pub fn new(date: NaiveDate, label: &str, note: Option<&str>) -> Result<Self, Invalid> {
        let label = policy::clean(label, Kind::Line).trim().to_string();
        let note = note
            .map(|n| policy::clean(n, Kind::Text).trim().to_string())
            .filter(|n| !n.is_empty());
        let event = Self {
            format: EVENT_FORMAT,
            id: id_for(date, 1),
            date,
            label,
            note,
        };
        event.check()?;
        Ok(event)
    }

    /// Whether the event is one this build can keep and show.
    ///
    /// # Errors
    /// What is wrong with it, in one line.
    pub fn check(&self) -> Result<(), Invalid> {
        if self.format != EVENT_FORMAT {
            return Err(Invalid(format!(
                "event format {} is not one this motive reads (it reads {EVENT_FORMAT})",
                self.format
            )));
        }
        if !is_valid_id(&self.id, self.date) {
            return Err(Invalid(format!(
                "the id {:?} does not name its day {} (YYYYMMDD-N)",
                crate::text::escape_line(&self.id),
                self.date
            )));
        }
        if self.label.trim().is_empty() {
            return Err(Invalid(
                "the label is empty; say in a few words what happened".into(),
            ));
        }
        let chars = self.label.chars().count();
        if chars > MAX_LABEL_CHARS {
            return Err(Invalid(format!(
                "the label is {chars} characters long; keep it to {MAX_LABEL_CHARS} (put the rest in --note)"
            )));
        }
        policy::check(&self.label, Kind::Line).map_err(|r| Invalid(format!("the label {r}")))?;
        if let Some(note) = &self.note {
            policy::check(note, Kind::Text).map_err(|r| Invalid(format!("the note {r}")))?;
        }
        Ok(())
    }
}

/// The id of the `n`-th event of `date`: `YYYYMMDD-N`.
#[must_use]
pub fn id_for(date: NaiveDate, n: u32) -> String {
    format!("{}-{n}", date.format("%Y%m%d"))
}

/// Whether `id` is `YYYYMMDD-N` for `date`, with `N` from 1.
#[must_use]
pub fn is_valid_id(id: &str, date: NaiveDate) -> bool {
    let Some((day, n)) = id.split_once('-') else {
        return false;
    };
    day == date.format("%Y%m%d").to_string()
        && !n.starts_with('0')
        && n.len() <= 4
        && n.parse::<u32>().is_ok_and(|n| n >= 1)
}

/// A day as people type it: `2026-06-01`, or `today`.
///
/// # Errors
/// What was expected, naming the text.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    if text.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        Invalid(format!(
            "{:?} is not a day; give it as YYYY-MM-DD (2026-06-01) or today",
            crate::text::escape_line(text)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    #[test]
    fn an_event_is_a_day_a_short_label_and_maybe_a_note() {
        let e = Event::new(day("2026-06-01"), "  new manager\u{1b}[2J ", Some(" \n ")).expect("ok");
        assert_eq!(e.id, "20260601-1");
        assert_eq!(e.label, "new manager[2J");
        assert_eq!(e.note, None);
        assert!(Event::new(day("2026-06-01"), "   ", None).is_err());
        let long = "x".repeat(MAX_LABEL_CHARS + 1);
        let err = Event::new(day("2026-06-01"), &long, None).expect_err("too long");
        assert!(err.0.contains("--note"), "{err}");
    }

    #[test]
    fn ids_name_their_day() {
        let d = day("2026-06-01");
        assert!(is_valid_id("20260601-1", d));
        assert!(is_valid_id("20260601-12", d));
        for bad in [
            "20260602-1",
            "20260601-0",
            "20260601-01",
            "20260601",
            "x-1",
            "20260601-1/..",
        ] {
            assert!(!is_valid_id(bad, d), "{bad}");
        }
    }

    #[test]
    fn days_are_typed_as_iso_dates_or_today() {
        let today = day("2026-11-30");
        assert_eq!(parse_day("today", today), Ok(today));
        assert_eq!(parse_day("2026-06-01", today), Ok(day("2026-06-01")));
        let err = parse_day("2026-02-30", today).expect_err("no such day");
        assert!(err.0.contains("YYYY-MM-DD"), "{err}");
    }
}
