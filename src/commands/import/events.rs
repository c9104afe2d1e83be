//! The life events of a JSON export (`"events": [...]`, as `motive export
//! --format json` writes them): each read and checked as the store checks
//! an event file, and sorted into those to add and those already kept.
//!
//! An event is the same as one already kept when it has the same day and
//! the same label (case aside), the rule `motive event add` uses; it is
//! then skipped, as a check-in already present is. Ids are not compared:
//! each data dir numbers the events of a day itself, so a kept event gets
//! the next free id of its day.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::events::Event;
use crate::limits::{MAX_IMPORT_ENTRIES, Problems};

/// The `events` array, one entry at a time, into `events`; what is wrong
/// with an entry goes to `problems`, named by its number and id.
pub struct EventEntries<'a> {
    pub events: &'a mut Vec<Event>,
    pub problems: &'a mut Problems,
    /// Set when the array holds more than an import may.
    pub too_many: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for EventEntries<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EventEntries<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of life events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            n += 1;
            if n > MAX_IMPORT_ENTRIES {
                *self.too_many = true;
                return Err(de::Error::custom("too many events"));
            }
            match read(raw.get()) {
                Ok(event) => self.events.push(event),
                Err(reason) => self.problems.push(format_args!("event {n}{reason}")),
            }
        }
        Ok(())
    }
}

/// One entry, checked; the error starts with its id in brackets when it
/// has a readable one.
fn read(raw: &str) -> Result<Event, String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<String>,
    }
    let named = || {
        serde_json::from_str::<IdOnly>(raw)
            .ok()
            .and_then(|e| e.id)
            .map(|id| format!(" ({})", crate::text::escape_line(&id)))
            .unwrap_or_default()
    };
    let event: Event = serde_json::from_str(raw).map_err(|e| {
        let text = e.to_string();
        let text = text
            .rfind(" at line ")
            .map_or(text.as_str(), |i| &text[..i]);
        format!("{}: {text}", named())
    })?;
    event.check().map_err(|e| format!("{}: {e}", named()))?;
    Ok(event)
}

/// What an import does with its events.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// To add, in the order given.
    pub new: Vec<Event>,
    /// Already kept (same day and label), skipped.
    pub present: usize,
}

/// Sort `incoming` against the events `kept` already.
///
/// # Errors
/// Two entries of the import are the same event: nothing is imported then,
/// as when a check-in appears twice.
pub fn plan(incoming: Vec<Event>, kept: &[Event]) -> Result<Plan, String> {
    let same =
        |a: &Event, b: &Event| a.date == b.date && a.label.to_lowercase() == b.label.to_lowercase();
    let mut problems = Problems::new();
    let mut plan = Plan::default();
    for (i, event) in incoming.into_iter().enumerate() {
        if plan.new.iter().any(|e| same(e, &event)) {
            problems.push(format_args!(
                "event {}: \"{}\" on {} appears twice",
                i + 1,
                crate::text::escape_line(&event.label),
                event.date
            ));
        } else if kept.iter().any(|e| same(e, &event)) {
            plan.present += 1;
        } else {
            plan.new.push(event);
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(format!("nothing imported: {problems}"))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn event(day: &str, label: &str) -> Event {
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a day");
        Event::new(date, label, None).expect("an event")
    }

    #[test]
    fn events_kept_already_are_skipped_and_new_ones_added() {
        let kept = [event("2026-06-01", "New manager")];
        let incoming = vec![
            event("2026-06-01", "new manager"),
            event("2026-06-01", "moved team"),
        ];
        let plan = plan(incoming, &kept).expect("a plan");
        assert_eq!(plan.present, 1);
        assert_eq!(plan.new, [event("2026-06-01", "moved team")]);
    }

    #[test]
    fn the_same_event_twice_in_one_import_is_refused() {
        let incoming = vec![event("2026-06-01", "reorg"), event("2026-06-01", "Reorg")];
        let err = plan(incoming, &[]).expect_err("twice");
        assert!(
            err.contains("event 2") && err.contains("appears twice"),
            "{err}"
        );
    }

    #[test]
    fn an_entry_is_checked_as_an_event_file_is() {
        let ok = r#"{"format":1,"id":"20260601-1","date":"2026-06-01","label":"new manager"}"#;
        assert_eq!(read(ok), Ok(event("2026-06-01", "new manager")));
        for (bad, says) in [
            (
                r#"{"format":1,"id":"20260602-1","date":"2026-06-01","label":"x"}"#,
                "does not name its day",
            ),
            (
                r#"{"format":1,"id":"20260601-1","date":"2026-06-01","label":" "}"#,
                "label is empty",
            ),
            (
                r#"{"format":1,"id":"20260601-1","date":"2026-02-30","label":"x"}"#,
                "(20260601-1)",
            ),
            (
                r#"{"format":1,"id":"20260601-1","date":"2026-06-01","label":"x","colour":1}"#,
                "unknown field",
            ),
        ] {
            let err = read(bad).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
