//! The check-in's answer to "Anything big since last time?" as a life
//! event: made from the draft's text when the check-in is saved, and kept
//! once (saving again after a failure does not add it twice).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::checkin::{CheckIn, DraftEvent};
use crate::events::{Event, Invalid, parse_day};
use crate::store::Store;
use crate::text::escape_line;

/// The event the answer describes, dated `today` unless another day was
/// typed; `None` when the question was skipped (or never asked).
///
/// # Errors
/// A day that is not one, or a label too long to keep.
pub fn event_of(answer: Option<&DraftEvent>, today: NaiveDate) -> Result<Option<Event>, Invalid> {
    let Some(answer) = answer.filter(|a| !a.is_skipped()) else {
        return Ok(None);
    };
    let day = answer.day.trim();
    let date = if day.is_empty() {
        today
    } else {
        parse_day(day, today)?
    };
    Event::new(date, &answer.label, None).map(Some)
}

/// Keep the check-in's event, if it has one, in `store` (whose writer lock
/// the caller holds); what to tell the person when one was added.
///
/// # Errors
/// Why the event cannot be kept, in one line for the screen.
pub fn keep(
    store: &Store,
    checkin: &CheckIn,
    now: DateTime<FixedOffset>,
) -> Result<Option<String>, String> {
    let cannot = |why: String| format!("The event cannot be kept: {why}");
    let Some(event) = event_of(checkin.event.as_ref(), now.date_naive())
        .map_err(|e| cannot(escape_line(&e.0).into_owned()))?
    else {
        return Ok(None);
    };
    let already = store
        .events()
        .events
        .iter()
        .any(|e| e.date == event.date && e.label.to_lowercase() == event.label.to_lowercase());
    if already {
        // Kept by an earlier try at saving this check-in (or by hand).
        return Ok(None);
    }
    let kept = store
        .add_event(event)
        .map_err(|e| cannot(escape_line(&e.message).into_owned()))?;
    Ok(Some(format!(
        "Kept the event \"{}\" ({}); motive event list shows it.",
        escape_line(&kept.label),
        kept.date
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
    }

    fn answer(label: &str, day: &str) -> DraftEvent {
        DraftEvent {
            label: label.into(),
            day: day.into(),
        }
    }

    #[test]
    fn an_answer_is_an_event_today_or_on_the_day_typed() {
        assert_eq!(event_of(None, today()), Ok(None));
        assert_eq!(
            event_of(Some(&answer("  ", "2026-01-01")), today()),
            Ok(None)
        );
        let e = event_of(Some(&answer(" new manager ", "")), today())
            .expect("ok")
            .expect("an event");
        assert_eq!((e.date, e.label.as_str()), (today(), "new manager"));
        let e = event_of(Some(&answer("reorg", "today")), today())
            .expect("ok")
            .expect("an event");
        assert_eq!(e.date, today());
        let e = event_of(Some(&answer("reorg", " 2026-06-01 ")), today())
            .expect("ok")
            .expect("an event");
        assert_eq!(e.date.to_string(), "2026-06-01");
        let err = event_of(Some(&answer("reorg", "June")), today()).expect_err("no day");
        assert!(err.0.contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn it_is_kept_once_however_often_saving_is_tried() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let _lock = store.lock("test").expect("lock");
        let bank = crate::bank::builtin::get("quick").expect("quick");
        let now = DateTime::parse_from_rfc3339("2026-11-30T09:00:00+01:00").expect("now");
        let mut c = CheckIn::new(&bank, &[], None, now);
        assert_eq!(keep(&store, &c, now), Ok(None));
        c.event = Some(answer("moved team", ""));
        let told = keep(&store, &c, now).expect("kept").expect("told");
        assert!(told.contains("moved team"), "{told}");
        assert_eq!(keep(&store, &c, now), Ok(None));
        assert_eq!(store.events().events.len(), 1);
        c.event = Some(answer("x", "30 Nov"));
        let err = keep(&store, &c, now).expect_err("bad day");
        assert!(err.starts_with("The event cannot be kept"), "{err}");
    }
}
