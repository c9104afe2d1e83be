//! What the person wrote and answered at earlier check-ins, for showing
//! beside this one: for each reflection prompt (by id), each statement's
//! answer and each statement's note, the latest earlier check-in that has
//! one. Plain data, found once when a check-in starts.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::checkin::CheckIn;
use crate::snapshot::{Snapshot, fingerprint};
use crate::store::Store;

/// Something from an earlier check-in, and the day it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier<T> {
    pub date: NaiveDate,
    pub value: T,
}

/// Last time's answers to what this check-in asks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastTime {
    /// By reflection prompt id: the text written.
    pub reflections: HashMap<String, Earlier<String>>,
    /// By statement id: the point of the scale chosen.
    pub values: HashMap<String, Earlier<i64>>,
    /// By statement id: the note written on it.
    pub notes: HashMap<String, Earlier<String>>,
}

/// How many earlier check-ins are read at most, newest first: enough for
/// years of quarterly check-ins, and a bound on how long starting takes.
pub const MAX_READ: usize = 40;

impl LastTime {
    /// Last time's answers for `checkin` from `earlier` check-ins, given
    /// newest first. A statement counts as the same only when its id and
    /// its fingerprint (wording, direction, scale) match, so an answer on
    /// another scale or to a reworded statement is not shown as last time's.
    /// Reflections match by prompt id; empty texts and notes do not count.
    #[must_use]
    pub fn of<'a>(checkin: &CheckIn, earlier: impl IntoIterator<Item = &'a Snapshot>) -> Self {
        let mut found = Self::default();
        let wanted: HashMap<&str, String> = checkin
            .questions
            .iter()
            .map(|q| {
                (
                    q.id.as_str(),
                    fingerprint(&q.text, q.reverse, &checkin.scale),
                )
            })
            .collect();
        let prompts: Vec<&str> = checkin.reflections.iter().map(|r| r.id.as_str()).collect();
        for snapshot in earlier {
            let date = snapshot.finished_at.date_naive();
            for r in &snapshot.reflections {
                if prompts.contains(&r.id.as_str()) && !r.text.trim().is_empty() {
                    found
                        .reflections
                        .entry(r.id.clone())
                        .or_insert_with(|| Earlier {
                            date,
                            value: r.text.clone(),
                        });
                }
            }
            for a in &snapshot.answers {
                let same = wanted
                    .get(a.question.as_str())
                    .is_some_and(|f| *f == a.fingerprint_on(&snapshot.scale));
                if !same {
                    continue;
                }
                if let Some(value) = a.value {
                    found
                        .values
                        .entry(a.question.clone())
                        .or_insert(Earlier { date, value });
                }
                if let Some(note) = a.note.as_ref().filter(|n| !n.trim().is_empty()) {
                    found
                        .notes
                        .entry(a.question.clone())
                        .or_insert_with(|| Earlier {
                            date,
                            value: note.clone(),
                        });
                }
            }
            if found.is_complete(checkin) {
                break;
            }
        }
        found
    }

    /// Last time's answers for `checkin` from the check-ins in `store`,
    /// reading at most [`MAX_READ`] of them, newest first, and stopping as
    /// soon as everything asked has an earlier answer. A check-in that
    /// cannot be read is passed over: this is only a help to the person.
    #[must_use]
    pub fn from_store(store: &Store, checkin: &CheckIn) -> Self {
        Self::from_lookup(&mut store.lookup(), checkin)
    }

    /// [`LastTime::from_store`] through a lookup already made.
    #[must_use]
    pub fn from_lookup(lookup: &mut crate::store::Lookup<'_>, checkin: &CheckIn) -> Self {
        // By name (see `Store::lookup`): the newest one, a few, then up to
        // the limit; reading further back than needed changes nothing.
        let mut read = Vec::new();
        for count in [1, 4, MAX_READ] {
            read = lookup.newest(count);
            let found = Self::of(checkin, &read);
            if read.len() < count || found.is_complete(checkin) {
                return found;
            }
        }
        Self::of(checkin, &read)
    }

    /// Every statement has an earlier answer and a note, and every prompt
    /// an earlier text: reading further back would change nothing.
    fn is_complete(&self, checkin: &CheckIn) -> bool {
        checkin
            .questions
            .iter()
            .all(|q| self.values.contains_key(&q.id) && self.notes.contains_key(&q.id))
            && checkin
                .reflections
                .iter()
                .all(|r| self.reflections.contains_key(&r.id))
    }

    /// Last time's text for reflection prompt `id`.
    #[must_use]
    pub fn reflection(&self, id: &str) -> Option<&Earlier<String>> {
        self.reflections.get(id)
    }

    /// Last time's answer to statement `id`.
    #[must_use]
    pub fn value(&self, id: &str) -> Option<&Earlier<i64>> {
        self.values.get(id)
    }

    /// Last time's note on statement `id`.
    #[must_use]
    pub fn note(&self, id: &str) -> Option<&Earlier<String>> {
        self.notes.get(id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, FixedOffset};

    use super::*;
    use crate::bank::builtin;

    fn day(n: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-01-05T09:30:00+01:00").expect("date") + Duration::days(n)
    }

    fn finished(c: &CheckIn, n: i64) -> Snapshot {
        c.to_snapshot(day(n))
    }

    #[test]
    fn the_latest_earlier_answer_of_each_kind_wins() {
        let bank = builtin::get("quick").expect("quick");
        let mut old = CheckIn::new(&bank, &[], None, day(0));
        old.questions[0].value = Some(2);
        old.questions[0].note = "old note".into();
        old.reflections[0].text = "old text".into();
        let mut newer = CheckIn::new(&bank, &[], None, day(90));
        newer.questions[0].value = Some(4);
        // No note and no reflection this time: the older ones show.
        let now = CheckIn::new(&bank, &[], None, day(180));
        let snapshots = [finished(&newer, 90), finished(&old, 0)];
        let last = LastTime::of(&now, &snapshots);
        let id = &now.questions[0].id;
        assert_eq!(last.value(id).map(|e| e.value), Some(4));
        assert_eq!(last.value(id).map(|e| e.date), Some(day(90).date_naive()));
        assert_eq!(last.note(id).map(|e| e.value.as_str()), Some("old note"));
        assert_eq!(last.note(id).map(|e| e.date), Some(day(0).date_naive()));
        let prompt = &now.reflections[0].id;
        assert_eq!(
            last.reflection(prompt).map(|e| e.value.as_str()),
            Some("old text")
        );
        assert_eq!(last.value(&now.questions[1].id), None, "never answered");
    }

    #[test]
    fn a_reworded_statement_or_another_scale_is_not_last_time() {
        let bank = builtin::get("quick").expect("quick");
        let mut old = CheckIn::new(&bank, &[], None, day(0));
        old.questions[0].value = Some(2);
        old.questions[0].text = "Something else entirely".into();
        old.questions[1].value = Some(5);
        let mut wider = old.clone();
        wider.scale.max = 7;
        wider.questions[1].value = Some(7);
        let now = CheckIn::new(&bank, &[], None, day(180));
        let snapshots = [finished(&wider, 10), finished(&old, 0)];
        let last = LastTime::of(&now, &snapshots);
        assert_eq!(last.value(&now.questions[0].id), None);
        assert_eq!(
            last.value(&now.questions[1].id).map(|e| e.value),
            Some(5),
            "the answer on the same scale, older as it is"
        );
    }
}
