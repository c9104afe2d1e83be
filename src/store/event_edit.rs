//! Editing a life event. Event files are written once and never rewritten
//! (so a synced data dir never holds two edits of one file): an edit keeps
//! the new event as a new file, then moves the old one to `trash/events/`.
//! If the old one cannot be moved, the new file is removed again, so an
//! edit is whole or not at all.

use super::{ErrorKind, Store, StoreError};
use super::{atomic, sealed};
use crate::events::Event;
use crate::text::escape_line;

impl Store {
    /// Replace the event `id` with `event`: the new one is kept under the
    /// next free id of its day, the old one moved to the trash. An edit that
    /// changes nothing writes nothing. The caller holds the writer lock.
    ///
    /// # Errors
    /// No such event (`NotFound`), the same label on the same day as
    /// another event (`Invalid`), or a file that cannot be written or
    /// moved (`Io`); then nothing has changed.
    pub fn replace_event(&self, id: &str, event: Event) -> Result<Event, StoreError> {
        let Some(old) = self.events().events.into_iter().find(|e| e.id == id) else {
            return Err(StoreError::new(
                ErrorKind::NotFound,
                format!("no event {}; motive event list shows them", escape_line(id)),
            ));
        };
        if (old.date, &old.label, &old.note) == (event.date, &event.label, &event.note) {
            return Ok(old);
        }
        let new = self.keep_event(event, Some(id))?;
        if let Err(e) = self.trash_event(id) {
            // Plain or sealed, whichever this data dir writes.
            let path = self.events_dir().join(format!("{}.toml", new.id));
            let dir = self.events_dir();
            if sealed::remove(&path).is_ok() {
                let _ = atomic::sync_dir(&dir);
            }
            return Err(e);
        }
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::fs;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    fn ids(store: &Store) -> Vec<String> {
        store.events().events.into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn an_edit_writes_the_new_event_and_trashes_the_old() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let _lock = store.lock("test").expect("lock");
        let old = store
            .add_event(Event::new(day("2026-06-01"), "new manager", None).expect("event"))
            .expect("added");
        // Same day and label, a note added: allowed, a new file.
        let noted = store
            .replace_event(
                &old.id,
                Event::new(day("2026-06-01"), "new manager", Some("Ana")).expect("event"),
            )
            .expect("edited");
        assert_eq!(noted.id, "20260601-2");
        assert_eq!(noted.note.as_deref(), Some("Ana"));
        assert_eq!(ids(&store), ["20260601-2"]);
        assert!(dir.path().join("trash/events/20260601-1.toml").is_file());
        // Another day: the new id names it.
        let moved = store
            .replace_event(
                &noted.id,
                Event::new(day("2026-06-03"), "new manager", Some("Ana")).expect("event"),
            )
            .expect("edited");
        assert_eq!(ids(&store), ["20260603-1"]);
        // Nothing changed: nothing written.
        let same = store
            .replace_event(&moved.id, moved.clone())
            .expect("no change");
        assert_eq!(same, moved);
        assert_eq!(ids(&store), ["20260603-1"]);
        let err = store
            .replace_event("20260601-1", moved.clone())
            .expect_err("gone");
        assert_eq!(err.kind, ErrorKind::NotFound);
    }

    #[test]
    fn an_edit_into_another_events_label_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let _lock = store.lock("test").expect("lock");
        let reorg = Event::new(day("2026-06-01"), "reorg", None).expect("event");
        store.add_event(reorg.clone()).expect("added");
        let other = store
            .add_event(Event::new(day("2026-06-01"), "moved team", None).expect("event"))
            .expect("added");
        let err = store.replace_event(&other.id, reorg).expect_err("twice");
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(ids(&store), ["20260601-1", "20260601-2"]);
    }

    #[test]
    fn when_the_old_event_cannot_be_moved_the_new_one_is_taken_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let _lock = store.lock("test").expect("lock");
        let old = store
            .add_event(Event::new(day("2026-06-01"), "reorg", None).expect("event"))
            .expect("added");
        // A trash that cannot be written: the move fails.
        fs::create_dir_all(dir.path().join("trash/events")).expect("trash");
        fs::set_permissions(
            dir.path().join("trash/events"),
            fs::Permissions::from_mode(0o500),
        )
        .expect("chmod");
        let probe = dir.path().join("trash/events/probe");
        if fs::write(&probe, "").is_ok() {
            return; // root writes anywhere: nothing to see
        }
        let result = store.replace_event(
            &old.id,
            Event::new(day("2026-06-02"), "reorg", None).expect("event"),
        );
        fs::set_permissions(
            dir.path().join("trash/events"),
            fs::Permissions::from_mode(0o700),
        )
        .expect("chmod back");
        assert!(result.is_err());
        assert_eq!(ids(&store), ["20260601-1"]);
    }
}
