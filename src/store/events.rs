//! Life events on disk: `events/<id>.toml`, one file per event, written
//! once (atomically, mode 0600) and never rewritten, like check-ins, so a
//! synced data dir never holds two edits of one file. Deleting moves the
//! file to `trash/events/`.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use super::atomic::{self, Mode};
use super::{ErrorKind, Problem, Store, StoreError, regular};
use crate::events::{Event, id_for};
use crate::limits::MAX_SNAPSHOT_BYTES;
use crate::text::escape_line;

/// Events are a few lines: a file larger than this is not one motive wrote.
const MAX_EVENT_BYTES: u64 = 64 * 1024;

/// The most events kept for one day.
const MAX_PER_DAY: u32 = 99;

/// Every readable event, by date (then id), and the files that were skipped.
#[derive(Debug, Default)]
pub struct Events {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
}

impl Store {
    pub(super) fn events_dir(&self) -> PathBuf {
        self.root().join("events")
    }

    /// Every event, oldest first. A file that cannot be read is a problem,
    /// named with its path and never changed.
    #[must_use]
    pub fn events(&self) -> Events {
        let dir = self.events_dir();
        let mut out = Events::default();
        let entries = match regular::real_dir(&dir).and_then(|()| fs::read_dir(&dir)) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return out,
            Err(e) => {
                out.problems.push(Problem {
                    path: dir,
                    reason: e.to_string(),
                });
                return out;
            }
        };
        let named: Vec<(fs::DirEntry, String)> = entries
            .flatten()
            .map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                (entry, name)
            })
            .collect();
        for (entry, name) in super::one_form_each(named) {
            let path = entry.path();
            if !super::sealed::plain_name(&name).ends_with(".toml") || name.starts_with('.') {
                continue;
            }
            match read_event(&path) {
                Ok(event) => out.events.push(event),
                Err(reason) => out.problems.push(Problem { path, reason }),
            }
        }
        out.events
            .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
        out.problems.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Keep a new event, under the next free id of its day. The caller
    /// holds the writer lock.
    ///
    /// # Errors
    /// The same label on the same day is there already (`Invalid`), or the
    /// file cannot be written (`Io`).
    pub fn add_event(&self, event: Event) -> Result<Event, StoreError> {
        self.keep_event(event, None)
    }

    /// [`Store::add_event`], where the event `replacing` (by id) does not
    /// count as the same event: an edit of it may keep its day and label.
    pub(super) fn keep_event(
        &self,
        mut event: Event,
        replacing: Option<&str>,
    ) -> Result<Event, StoreError> {
        event
            .check()
            .map_err(|e| StoreError::new(ErrorKind::Invalid, e.to_string()))?;
        let existing = self.events();
        if let Some(same) = existing
            .events
            .iter()
            .filter(|e| Some(e.id.as_str()) != replacing)
            .find(|e| e.date == event.date && e.label.to_lowercase() == event.label.to_lowercase())
        {
            return Err(StoreError::new(
                ErrorKind::Invalid,
                format!(
                    "there is already an event \"{}\" on {} ({}); nothing added",
                    escape_line(&same.label),
                    same.date,
                    same.id
                ),
            ));
        }
        let dir = self.events_dir();
        self.create_subdir(&dir)?;
        for n in 1..=MAX_PER_DAY {
            event.id = id_for(event.date, n);
            let path = dir.join(format!("{}.toml", event.id));
            let text = toml::to_string(&event).map_err(|e| {
                StoreError::new(ErrorKind::Invalid, format!("cannot encode the event: {e}"))
            })?;
            match super::sealed::write(&path, text.as_bytes(), Mode::NoClobber, &|_| Ok(())) {
                Ok(()) => return Ok(event),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(StoreError::io("save the event to", &path, &e)),
            }
        }
        Err(StoreError::new(
            ErrorKind::Invalid,
            format!(
                "{} already has {MAX_PER_DAY} events; nothing added",
                event.date
            ),
        ))
    }

    /// Move an event to `trash/events/`; move it back to restore it. The
    /// caller holds the writer lock.
    ///
    /// # Errors
    /// No such event (`NotFound`), or it cannot be moved.
    pub fn trash_event(&self, id: &str) -> Result<PathBuf, StoreError> {
        let Some(event) = self.events().events.into_iter().find(|e| e.id == id) else {
            return Err(StoreError::new(
                ErrorKind::NotFound,
                format!("no event {}; motive event list shows them", escape_line(id)),
            ));
        };
        let from = super::sealed::existing(&self.events_dir().join(format!("{}.toml", event.id)));
        let suffix = if from.to_string_lossy().ends_with(crate::crypt::SUFFIX) {
            crate::crypt::SUFFIX
        } else {
            ""
        };
        let file = regular::open(&from, regular::Links::Refuse)
            .map_err(|e| StoreError::io("move to the trash", &from, &e))?;
        let trash = self.root().join("trash");
        self.create_subdir(&trash)?;
        let trash = trash.join("events");
        self.create_subdir(&trash)?;
        let mut to = trash.join(format!("{}.toml{suffix}", event.id));
        for n in 2.. {
            if to.symlink_metadata().is_err() {
                break;
            }
            to = trash.join(format!("{}.{n}.toml{suffix}", event.id));
        }
        fs::rename(&from, &to).map_err(|e| StoreError::io("move to the trash", &from, &e))?;
        let _ = file.set_permissions(fs::Permissions::from_mode(0o600));
        for dir in [self.events_dir(), trash] {
            atomic::sync_dir(&dir).map_err(|e| StoreError::io("sync", &dir, &e))?;
        }
        Ok(to)
    }
}

/// One event file, checked: never through a link, never past its size.
fn read_event(path: &std::path::Path) -> Result<Event, String> {
    let bytes = super::sealed::read(path, MAX_EVENT_BYTES.min(MAX_SNAPSHOT_BYTES))
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_string())?;
    let event: Event =
        toml::from_str(&text).map_err(|e| escape_line(e.message().trim()).replace('\n', " "))?;
    event.check().map_err(|e| e.to_string())?;
    let expected = format!("{}.toml", event.id);
    if path
        .file_name()
        .is_none_or(|n| super::sealed::plain_name(&n.to_string_lossy()) != expected)
    {
        return Err(format!("its id {} does not match its file name", event.id));
    }
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a day")
    }

    #[test]
    fn events_are_kept_one_file_each_listed_by_date_and_trashed_not_destroyed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let _lock = store.lock("test").expect("lock");
        let reorg = store
            .add_event(Event::new(day("2026-09-01"), "reorg", None).expect("event"))
            .expect("added");
        let manager = store
            .add_event(Event::new(day("2026-06-01"), "new manager", Some("Ana")).expect("event"))
            .expect("added");
        let moved = store
            .add_event(Event::new(day("2026-06-01"), "moved team", None).expect("event"))
            .expect("added");
        assert_eq!(
            (manager.id.as_str(), moved.id.as_str(), reorg.id.as_str()),
            ("20260601-1", "20260601-2", "20260901-1")
        );
        let listed: Vec<String> = store.events().events.into_iter().map(|e| e.id).collect();
        assert_eq!(listed, ["20260601-1", "20260601-2", "20260901-1"]);
        let mode = fs::metadata(dir.path().join("events/20260601-1.toml"))
            .expect("file")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);

        let err = store
            .add_event(Event::new(day("2026-06-01"), "New Manager", None).expect("event"))
            .expect_err("twice");
        assert!(err.message.contains("already an event"), "{}", err.message);

        let kept = store.trash_event("20260601-1").expect("trashed");
        assert!(kept.ends_with("trash/events/20260601-1.toml"));
        assert_eq!(store.events().events.len(), 2);
        let err = store.trash_event("20260601-1").expect_err("gone");
        assert_eq!(err.kind, ErrorKind::NotFound);
    }

    #[test]
    fn a_hand_edited_event_is_a_problem_named_by_its_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        fs::create_dir(dir.path().join("events")).expect("dir");
        fs::write(
            dir.path().join("events/20260601-1.toml"),
            "format = 1\nid = \"20260601-1\"\ndate = \"2026-06-02\"\nlabel = \"x\"\n",
        )
        .expect("write");
        let listed = store.events();
        assert!(listed.events.is_empty());
        assert_eq!(listed.problems.len(), 1);
        assert!(listed.problems[0].reason.contains("does not name its day"));
    }
}
