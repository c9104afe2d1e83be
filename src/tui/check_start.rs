//! `motive check` to its first screen without every check-in's summary:
//! what the check-in's first screens need (the check-in of a year ago, the
//! commitments to follow up, last time's answers) comes from the names in
//! `snapshots/` and the few files they lead to (see
//! [`crate::store::Lookup`]); home's overview, which needs every summary,
//! is read after the first frame is drawn.
//!
//! The start-up check that the data dir can keep the check-in (a probe
//! written and flushed to disk, then the first draft) also follows the
//! first frame, before the first key is read ([`Driver::prove_room`]):
//! nothing can have been typed yet, and a disk that cannot take the draft
//! is said before the first statement, as before.

use super::app::{App, Msg, Screen};
use super::overview::Overview;
use super::perform::{Driver, fault_injection, said};
use crate::checkin::CheckIn;
use crate::last_time::LastTime;
use crate::store::{Lookup, Store};
use crate::summary::Summary;
use crate::year_ago::YearAgo;

/// How many of the newest check-ins are read, in turn, to find the latest
/// that made a commitment, before every summary is read instead.
const COMMITMENT_LOOK_BACK: [usize; 2] = [1, 8];

/// Home as the TUI starts with it: in full, or for `motive check` only
/// what the check-in shows of it (the year ago), the rest to come from
/// [`load_home`] after the first frame.
#[must_use]
pub fn first_home(driver: &Driver, check_in: bool) -> Overview {
    if !check_in {
        return driver.overview();
    }
    let today = (driver.now)().date_naive();
    Overview {
        year_ago: driver
            .store
            .lookup()
            .year_ago(today)
            .map(|snapshot| YearAgo::of(&snapshot, today))
            .filter(|y| !y.is_empty()),
        ..Overview::default()
    }
}

/// Read home's overview in full, once the check-in's first frame is on
/// screen (before the first key is read).
pub fn load_home(driver: &Driver, app: &mut App) {
    app.home = driver.overview();
}

/// The first draft of a check-in begun on screen, held until the data dir
/// has shown it can keep it: the check-in as it started, or as the latest
/// draft asked for (`Effect::SaveDraft`) since.
#[derive(Debug)]
pub struct FirstDraft(Box<CheckIn>);

impl FirstDraft {
    #[must_use]
    pub fn of(checkin: &CheckIn) -> Self {
        Self(Box::new(checkin.clone()))
    }

    /// Keep this later state of the check-in instead.
    pub fn hold(&mut self, checkin: Box<CheckIn>) {
        self.0 = checkin;
    }
}

impl Driver {
    /// Once the check-in's first frame is on screen: check that the data
    /// dir can be written (see [`Store::check_writable`]), then write the
    /// first draft, flushed to disk, sweep the temporary files a crash
    /// left, and read what was answered at earlier check-ins. `None` when no check-in waits for it; else why the
    /// check-in cannot start (the writer lock is then let go), or
    /// `DraftSaved` and `LastTimeRead`.
    pub fn prove_room(&mut self) -> Option<Vec<Msg>> {
        let FirstDraft(checkin) = self.first_draft.take()?;
        Some(match self.room_for(&checkin) {
            Err(cannot) => vec![*cannot],
            Ok(()) => {
                self.store.sweep_temp_files();
                let last_time = LastTime::from_lookup(&mut self.store.lookup(), &checkin);
                vec![Msg::DraftSaved, Msg::LastTimeRead(last_time)]
            }
        })
    }

    /// The start-up check and the first draft of `checkin`, or the
    /// message that says why the check-in cannot start.
    fn room_for(&mut self, checkin: &CheckIn) -> Result<(), Box<Msg>> {
        let cannot = |title: &str, text: String| {
            Box::new(Msg::CannotStart {
                title: title.into(),
                text,
                busy: false,
            })
        };
        if let Err(e) = self.store.check_writable() {
            self.lock = None;
            return Err(cannot(
                "Your check-in could not be saved here",
                format!(
                    "{}\n\nFix the permissions or pass --data-dir, then start again.",
                    said(&e)
                ),
            ));
        }
        if let Err(e) = self.store.save_draft(checkin) {
            self.lock = None;
            return Err(cannot(
                "Your answers could not be kept here",
                format!(
                    "The draft of this check-in cannot be written: {}\n\nFree some space or fix the permissions, or pass --data-dir, then start again.",
                    said(&e)
                ),
            ));
        }
        self.drafts_saved += 1;
        fault_injection(self.drafts_saved);
        Ok(())
    }
}

/// Once a check-in's first frame is drawn, before any key is read: its
/// start-up check, first draft and last time's answers
/// ([`Driver::prove_room`]). `None` when no check-in waited for them;
/// else whether the screen changed (a refusal, or last time's answers
/// beside a statement of a resumed check-in).
pub fn after_first_frame(
    driver: &mut Driver,
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
) -> Option<bool> {
    let msgs = driver.prove_room()?;
    let mut changed = false;
    for msg in msgs {
        // The bank's instructions show no earlier answer, and nothing
        // shows that a draft was saved.
        let unseen = matches!(msg, Msg::DraftSaved)
            || matches!(msg, Msg::LastTimeRead(_))
                && matches!(&app.screen, Screen::Flow(flow) if flow.intro);
        changed |= !unseen;
        let effects = app.update(msg);
        driver.perform_all(terminal, app, effects);
    }
    Some(changed)
}

/// The commitments a new check-in follows up (see
/// [`crate::commitments::open`]), and whether there is any readable
/// check-in before it. Reads the newest check-in, then a few more, and
/// every summary only when none of those made a commitment.
#[must_use]
pub fn open_commitments(store: &Store, lookup: &mut Lookup<'_>) -> (Vec<String>, bool) {
    let open_in = |summaries: &[Summary]| {
        let open = crate::commitments::open(summaries).map(|(_, open)| open);
        let open = open.unwrap_or_default().into_iter().map(str::to_string);
        (open.collect(), !summaries.is_empty())
    };
    for count in COMMITMENT_LOOK_BACK {
        let newest = lookup.newest(count);
        let summaries: Vec<Summary> = newest.iter().rev().map(Summary::of).collect();
        let made = summaries
            .iter()
            .any(|s| s.commitments.iter().any(|c| !c.trim().is_empty()));
        // Everything from the latest commitment made on is here, or there
        // is no more.
        if made || newest.len() < count {
            return open_in(&summaries);
        }
    }
    open_in(&store.summaries().snapshots)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{DateTime, Duration, FixedOffset};

    use super::*;
    use crate::bank::builtin;
    use crate::checkin::CheckIn;
    use crate::snapshot::{FollowUp, Outcome, ReflectionAnswer};

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-30T09:00:00+01:00").expect("time")
    }

    /// Days ago, the commitments made, those followed up.
    type Made<'a> = (i64, &'a [&'a str], &'a [&'a str]);

    /// A store with a check-in `days_ago` for each entry, making the
    /// commitments and following up those beside it.
    fn store_with(check_ins: &[Made<'_>]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let bank = builtin::get("quick").expect("quick");
        for &(days_ago, made, followed) in check_ins {
            let at = now() - Duration::days(days_ago);
            let mut snapshot = CheckIn::new(&bank, &[], None, at).to_snapshot(at);
            snapshot.commitments = made.iter().map(|c| (*c).to_string()).collect();
            snapshot.follow_ups = followed
                .iter()
                .map(|c| FollowUp {
                    commitment: (*c).to_string(),
                    outcome: Outcome::Done,
                    note: None,
                })
                .collect();
            snapshot.reflections.push(ReflectionAnswer {
                id: crate::year_ago::WANT_PROMPT.into(),
                prompt: "What do you want from work?".into(),
                text: format!("wanted, {days_ago} days ago"),
            });
            store.save(snapshot).expect("save");
        }
        (dir, store)
    }

    /// What the check-in followed up before: from every summary.
    fn from_the_listing(store: &Store) -> (Vec<String>, bool) {
        let summaries = store.summaries().snapshots;
        let open = crate::commitments::open(&summaries).map(|(_, open)| open);
        let open = open.unwrap_or_default().into_iter().map(str::to_string);
        (open.collect(), !summaries.is_empty())
    }

    #[test]
    fn the_open_commitments_are_the_listings() {
        let one: &[&str] = &["Ask Sam for an hour"];
        let two: &[&str] = &["Ship it", "Rest"];
        let none: &[&str] = &[];
        let cases: Vec<Vec<Made<'_>>> = vec![
            vec![],
            vec![(10, none, none)],
            vec![(30, one, none), (20, none, none)],
            // Made three back, one followed up since.
            vec![
                (40, two, none),
                (30, none, &["Rest"]),
                (20, none, none),
                (10, none, none),
            ],
            // Made twelve back: past the look-back, the listing decides.
            (0..12)
                .map(|n| (100 - n * 7, if n == 0 { two } else { none }, none))
                .collect(),
            // The latest made none and followed all up.
            vec![(20, one, none), (10, none, one)],
        ];
        for case in cases {
            let (_dir, store) = store_with(&case);
            assert_eq!(
                open_commitments(&store, &mut store.lookup()),
                from_the_listing(&store),
                "{case:?}"
            );
        }
    }

    fn driver(store: Store) -> Driver {
        Driver {
            shared: Arc::new(super::super::signals::Shared::default()),
            edit_file: None,
            store,
            config_dir: std::path::PathBuf::new(),
            bank: None,
            default_bank: "quick".into(),
            schedule: crate::config::Config::default().schedule(None),
            label: None,
            lock: None,
            now,
            drafts_saved: 0,
            told: None,
            first_draft: None,
        }
    }

    #[test]
    fn a_check_in_starts_with_the_year_ago_home_would_show_and_no_summaries() {
        let none: &[&str] = &[];
        let (_dir, store) = store_with(&[
            (400, &["Learn Rust"], none),
            (362, none, none),
            (30, none, none),
        ]);
        let driver = driver(store);
        let first = first_home(&driver, true);
        assert!(first.snapshots.is_empty(), "no summary read");
        let full = driver.overview();
        assert_eq!(full.snapshots.len(), 3);
        let year_ago = first.year_ago.expect("a year ago");
        assert_eq!(year_ago.days, 362);
        assert_eq!(Some(year_ago), full.year_ago);
        assert_eq!(first_home(&driver, false), full);
    }

    fn a_check_in() -> CheckIn {
        CheckIn::new(&builtin::get("quick").expect("quick"), &[], None, now())
    }

    #[test]
    fn the_first_draft_is_written_once_room_is_proven() {
        let (dir, store) = store_with(&[]);
        let mut driver = driver(store);
        assert!(driver.prove_room().is_none(), "no check-in waits");
        let started = a_check_in();
        driver.first_draft = Some(FirstDraft::of(&started));
        // A draft asked for before the first frame: its latest state is kept.
        let mut later = started.clone();
        later.label = "later".into();
        if let Some(first) = &mut driver.first_draft {
            first.hold(Box::new(later.clone()));
        }
        let draft_path = driver.store.draft_path();
        assert!(
            !draft_path.exists(),
            "nothing written before the first frame"
        );
        assert!(matches!(
            driver.prove_room().as_deref(),
            Some([Msg::DraftSaved, Msg::LastTimeRead(_)])
        ));
        let on_disk: Option<CheckIn> = driver.store.load_draft().expect("read the draft");
        assert_eq!(on_disk, Some(later));
        assert_eq!(driver.drafts_saved, 1);
        assert!(driver.prove_room().is_none(), "proven once");
        // The probe left nothing behind.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("drafts"))
            .expect("drafts")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 1, "{left:?}");
    }

    #[test]
    fn a_data_dir_that_cannot_keep_the_check_in_stops_it_and_lets_go_of_the_lock() {
        let (dir, store) = store_with(&[]);
        let mut driver = driver(store);
        driver.lock = Some(driver.store.lock("check-in").expect("lock"));
        driver.first_draft = Some(FirstDraft::of(&a_check_in()));
        // Where the probe and the draft go, a file: nothing can be written.
        let drafts = dir.path().join("drafts");
        std::fs::remove_dir_all(&drafts).expect("remove drafts/");
        std::fs::write(&drafts, "not a directory").expect("a file");
        match driver.prove_room().as_deref() {
            Some([Msg::CannotStart { title, busy, .. }]) => {
                assert_eq!(title, "Your check-in could not be saved here");
                assert!(!*busy);
            }
            other => panic!("expected CannotStart, got {other:?}"),
        }
        assert!(driver.lock.is_none(), "the writer lock is let go");
        assert_eq!(driver.drafts_saved, 0);
    }
}
