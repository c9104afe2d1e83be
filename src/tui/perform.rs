//! Performing what `update` asks for: unlocking an encrypted data dir,
//! the writer lock, drafts, saving, deleting and reading check-ins,
//! reading a bank, writing a brief, the user's editor. Each outcome goes
//! back to `update` as a message.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::DefaultTerminal;

use super::app::{App, Msg, Screen};
use super::editor::{self, lock};
use super::effect::Effect;
use super::overview::Overview;
use super::screens::browse::thread;
use super::signals::Shared;
use crate::bank::{self, Bank};
use crate::brief::Part;
use crate::cadence::{Cadence, Schedule, schedule};
use crate::checkin::CheckIn;
use crate::checkin_event;
use crate::config::Config;
use crate::last_time::LastTime;
use crate::search;
use crate::store::{DraftStatus, LockError, Store, StoreError, WriterLock};
use crate::summary::Summary;
use crate::text::escape_line;
use crate::year_ago::YearAgo;

mod events;
mod unlock;

/// Performs effects against the store and feeds the outcome back as messages.
pub struct Driver {
    pub(super) shared: Arc<Shared>,
    /// The file a field went to the user's editor in, until its text is in
    /// the check-in (a signal meanwhile still finds it there).
    pub(super) edit_file: Option<tempfile::NamedTempFile>,
    pub(super) store: Store,
    pub(super) config_dir: PathBuf,
    /// The bank given with `motive check --bank`, already resolved.
    pub(super) bank: Option<Bank>,
    /// The bank a check-in started from the home screen uses.
    pub(super) default_bank: String,
    /// When check-ins fall due, for the home screen.
    pub(super) schedule: Schedule,
    pub(super) label: Option<String>,
    pub(super) lock: Option<WriterLock>,
    pub(super) now: fn() -> DateTime<FixedOffset>,
    pub(super) drafts_saved: usize,
    /// Something to tell the person after the message an effect answers
    /// with (a leftover draft removed, say).
    pub(super) told: Option<String>,
    /// A check-in on screen whose data dir has yet to show it can keep it:
    /// its first draft, written once the first frame is drawn (see
    /// [`super::check_start::FirstDraft`]).
    pub(super) first_draft: Option<super::check_start::FirstDraft>,
}

impl Driver {
    pub fn perform_all(
        &mut self,
        terminal: &mut DefaultTerminal,
        app: &mut App,
        effects: Vec<Effect>,
    ) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let msg = match effect {
                Effect::Edit { field, text } => {
                    self.remember(app);
                    let editor = app.editor.clone().unwrap_or_default();
                    let msg = editor::edit(
                        self.shared.handover(),
                        &mut self.edit_file,
                        terminal,
                        &editor,
                        field,
                        &text,
                    );
                    if let Ok(size) = terminal.size() {
                        queue.extend(app.update(Msg::Resize {
                            width: size.width,
                            height: size.height,
                        }));
                    }
                    Some(msg)
                }
                effect @ (Effect::Search { .. } | Effect::Thread(_) | Effect::Unlock(_)) => {
                    // Every check-in is read (a moment with years of them),
                    // or one scrypt runs (about a second): the screen says
                    // "searching…" or "Unlocking…" meanwhile.
                    let _ = terminal.draw(|frame| super::view::view(app, frame));
                    self.perform(effect)
                }
                effect => self.perform(effect),
            };
            if let Some(msg) = msg {
                if let Msg::Saved { .. } = &msg {
                    app.home = self.overview();
                }
                let edited = matches!(msg, Msg::Edited { .. } | Msg::EditFailed(_));
                queue.extend(app.update(msg));
                if let Some(note) = self.told.take() {
                    queue.extend(app.update(Msg::Told(note)));
                }
                if edited {
                    // The text is in the check-in now: the file can go.
                    self.remember(app);
                    *lock(&self.shared.editing) = None;
                    self.edit_file = None;
                }
            }
        }
    }

    /// Keep the check-in in progress where the signal watcher finds it.
    pub fn remember(&self, app: &App) {
        *lock(&self.shared.in_progress) = match &app.screen {
            Screen::Flow(flow) => Some(flow.checkin.clone()),
            _ => None,
        };
    }

    fn perform(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::Open => {
                // The lock first: a draft another process is still writing is not ours to offer.
                if let Err(msg) = self.acquire() {
                    return Some(*msg);
                }
                // Opened when the lock was taken: once is enough.
                let claimed = match &self.lock {
                    Some(lock) => self.store.claim_draft(lock),
                    None => Ok(DraftStatus::None),
                };
                Some(match claimed {
                    Ok(DraftStatus::Unfinished(draft)) => Msg::DraftFound {
                        draft: *draft,
                        fresh_bank: self.fresh_bank_id(),
                    },
                    Ok(status) => {
                        // Already saved, or unusable and moved aside (kept):
                        // say so, and start afresh.
                        self.told = status.message().map(|m| escape_line(&m).into_owned());
                        self.begin(None)
                    }
                    Err(e) => Msg::CannotStart {
                        title: "The unfinished check-in cannot be read".into(),
                        text: format!(
                            "{}\n\nMove that file away to start afresh; it is left untouched.",
                            said(&e)
                        ),
                        busy: false,
                    },
                })
            }
            Effect::Begin(resume) => Some(self.begin(resume.map(|b| *b))),
            Effect::SaveDraft(checkin) => {
                if let Some(first) = &mut self.first_draft {
                    // Written with the start-up check after the first frame.
                    first.hold(checkin);
                    return None;
                }
                let result = self.store.save_draft(&*checkin);
                self.drafts_saved += 1;
                fault_injection(self.drafts_saved);
                Some(result.map_or_else(|e| Msg::DraftFailed(said(&e)), |()| Msg::DraftSaved))
            }
            Effect::DiscardDraft => self
                .store
                .discard_draft()
                .err()
                .map(|e| Msg::DraftFailed(said(&e))),
            Effect::SaveSnapshot(checkin) => {
                // The check-in to compare the new one with; if it cannot be
                // read, the result screen simply shows no comparison.
                let previous = self.store.lookup().find("latest").ok();
                // The answer to "Anything big since last time?" first: if
                // it cannot be kept, nothing is saved and the draft stays.
                match checkin_event::keep(&self.store, &checkin, (self.now)()) {
                    Ok(kept) => self.told = kept,
                    Err(reason) => return Some(Msg::SaveFailed(reason)),
                }
                let snapshot = checkin.to_snapshot((self.now)());
                Some(match self.store.save_once(snapshot) {
                    Ok(saved) => {
                        let _ = self.store.discard_draft();
                        self.lock = None;
                        if !saved.new {
                            self.told = Some(format!(
                                "This check-in was already saved, as {}; it is not saved twice.",
                                crate::describe::name(
                                    saved.snapshot.finished_at,
                                    saved.snapshot.label.as_deref()
                                )
                            ));
                        }
                        Msg::Saved {
                            snapshot: saved.snapshot,
                            previous,
                            written_to: None,
                        }
                    }
                    Err(e) => Msg::SaveFailed(said(&e)),
                })
            }
            Effect::SaveSnapshotTo(checkin, path) => {
                let snapshot = checkin.to_snapshot((self.now)());
                Some(match Store::save_to_path(&snapshot, &path) {
                    // The draft stays, so the check-in can still be saved
                    // into the data dir once it is writable again.
                    Ok(()) => Msg::Saved {
                        snapshot,
                        previous: None,
                        written_to: Some(path),
                    },
                    Err(e) => Msg::SaveFailed(said(&e)),
                })
            }
            Effect::Trash(id) => Some(self.trash(&id)),
            Effect::SaveEvent {
                replacing,
                day,
                label,
                note,
            } => Some(self.save_event(replacing.as_deref(), &day, &label, &note)),
            Effect::TrashEvent(id) => Some(self.trash_event(&id)),
            Effect::Load { ids, open } => Some(
                ids.iter()
                    .map(|id| self.store.load(id))
                    .collect::<Result<Vec<_>, _>>()
                    .map_or_else(
                        |e| Msg::LoadFailed(format!("Cannot open that check-in: {e}")),
                        |snapshots| Msg::Loaded { open, snapshots },
                    ),
            ),
            Effect::ReadBank(id) => Some(Msg::BankRead(self.read_bank(&id).map(Box::new))),
            Effect::WriteBrief {
                path,
                text,
                parts,
                remember,
            } => Some(self.write_brief(path, &text, parts, remember)),
            Effect::Search { query, words } => {
                let listing = self
                    .store
                    .writings_where(&|line| search::might_hold(line, &words));
                let mut hits: Vec<(String, String)> = Vec::new();
                for hit in search::search(&listing.snapshots, &words) {
                    if hits.last().is_none_or(|(id, _)| *id != hit.writing.id) {
                        hits.push((hit.writing.id.clone(), hit.line.to_string()));
                    }
                }
                Some(Msg::Found { query, hits })
            }
            Effect::Unlock(entered) => Some(self.unlock(entered)),
            Effect::Thread(prompt) => Some(Msg::Threaded {
                prompt,
                stories: thread::stories(&self.store.writings().snapshots),
            }),
            // Needs the terminal: done in `perform_all`.
            Effect::Edit { .. } | Effect::Quit => None,
        }
    }

    /// The bank `id` as it is now: the one `motive check --bank` gave, else
    /// found by id; `None` when it cannot be found or read.
    fn read_bank(&self, id: &str) -> Option<Bank> {
        match &self.bank {
            Some(bank) if bank.id == id => Some(bank.clone()),
            _ => bank::resolve::resolve(id, &self.config_dir).ok(),
        }
    }

    /// Write a brief (atomically, mode 0600; never through a link), then
    /// remember its parts in the settings when asked.
    fn write_brief(&self, path: PathBuf, text: &str, parts: Vec<Part>, remember: bool) -> Msg {
        if let Err(e) = crate::commands::output::write_file(&path, text.as_bytes()) {
            return Msg::BriefFailed(format!(
                "The brief was not written: {}",
                escape_line(&e.to_string())
            ));
        }
        if remember {
            let settings = Config::path_in(&self.config_dir);
            if let Err(e) = crate::config::remember_brief_include(&settings, &parts) {
                return Msg::BriefFailed(format!(
                    "Wrote the brief to {}, but the choice of parts was not remembered: cannot write {}: {}",
                    escape_line(&path.display().to_string()),
                    escape_line(&settings.display().to_string()),
                    escape_line(&e.to_string())
                ));
            }
        }
        Msg::BriefWritten { path, parts }
    }

    /// Take the writer lock for this check-in, unless it is already held.
    fn acquire(&mut self) -> Result<(), Box<Msg>> {
        if self.lock.is_some() {
            return Ok(());
        }
        let cannot = |text: String| {
            Box::new(Msg::CannotStart {
                title: "Cannot use the data dir".into(),
                text,
                busy: false,
            })
        };
        // Opened (an import settled) once, here: the rest of the
        // check-in's start reads it under the lock; temporary files are
        // swept after the first frame (`check_start`).
        let store = Store::open_unswept(self.store.root()).map_err(|e| cannot(said(&e)))?;
        match store.lock("check-in") {
            Ok(lock) => {
                self.lock = Some(lock);
                Ok(())
            }
            Err(LockError::Busy { holder }) => Err(Box::new(Msg::CannotStart {
                title: "A check-in is already in progress".into(),
                text: format!(
                    "{}.\n\nFinish it there first. Meanwhile you can look at your history read-only.",
                    if holder.is_empty() {
                        "Another motive is writing to this data dir".to_string()
                    } else {
                        capitalise(&holder)
                    }
                ),
                busy: true,
            })),
            Err(LockError::Store(e)) => Err(cannot(said(&e))),
        }
    }

    /// The id of the bank a fresh check-in would use: `--bank`, else the
    /// setting; `None` when that bank cannot be loaded (starting says why).
    fn fresh_bank_id(&self) -> Option<String> {
        match &self.bank {
            Some(bank) => Some(bank.id.clone()),
            None => bank::resolve::resolve(&self.default_bank, &self.config_dir)
                .ok()
                .map(|b| b.id),
        }
    }

    /// Lock, check the data dir, and begin the check-in.
    fn begin(&mut self, resume: Option<CheckIn>) -> Msg {
        let cannot = |title: &str, text: String| Msg::CannotStart {
            title: title.into(),
            text,
            busy: false,
        };
        if let Err(msg) = self.acquire() {
            return *msg;
        }
        if let Some(draft) = resume {
            return self.start(draft);
        }
        // Opened by `acquire` when it took the lock.
        let store = self.store.clone();
        // The ids, listed once under the writer lock: everything the
        // start of the check-in asks below is answered from them.
        let mut lookup = store.lookup();
        lookup.list_now();
        let bank = match self.bank.clone() {
            Some(bank) => bank,
            None => match bank::resolve::resolve(&self.default_bank, &self.config_dir) {
                Ok(bank) => bank,
                Err(d) => {
                    return cannot(
                        &format!(
                            "The question bank {} cannot be loaded",
                            escape_line(&self.default_bank)
                        ),
                        bank_problem(&d),
                    );
                }
            },
        };
        // The open commitment: the latest one made, even when the latest
        // check-in set none, until a check-in follows it up.
        let (open, any_before) = super::check_start::open_commitments(&store, &mut lookup);
        let open: Vec<&str> = open.iter().map(String::as_str).collect();
        let mut checkin = CheckIn::new(&bank, &open, self.label.as_deref(), (self.now)());
        if any_before {
            // "Anything big since last time?" needs a last time.
            checkin.ask_about_events();
        }
        self.start(checkin)
    }

    /// Begin the check-in on screen; the start-up check, its draft and
    /// what was answered at earlier check-ins follow the first frame,
    /// before the first key is read (see [`Driver::prove_room`]): a disk
    /// that cannot take it is said before the first statement, not after
    /// the answers are typed.
    fn start(&mut self, checkin: CheckIn) -> Msg {
        self.first_draft = Some(super::check_start::FirstDraft::of(&checkin));
        Msg::Started {
            checkin,
            last_time: LastTime::default(),
        }
    }

    /// Move a check-in to the trash, under the writer lock.
    fn trash(&self, id: &str) -> Msg {
        let result = Store::open(self.store.root())
            .map_err(|e| said(&e))
            .and_then(|store| {
                let _lock = store
                    .lock("delete")
                    .map_err(|e| format!("Cannot delete now: {e}"))?;
                store.trash(id).map_err(|e| said(&e))
            });
        match result {
            Ok(_) => Msg::Deleted {
                id: id.to_string(),
                home: self.overview(),
            },
            Err(reason) => Msg::DeleteFailed(reason),
        }
    }

    pub fn overview(&self) -> Overview {
        let listing = self.store.summaries();
        // A check-in saved without scores does not reset when the next is due.
        let latest = super::overview::latest_scored(&listing.snapshots);
        let now = (self.now)();
        let day = |d: DateTime<FixedOffset>| d.format("%Y-%m-%d").to_string();
        let due = match schedule(latest.map(|s| s.finished_at), now, self.schedule) {
            Cadence::First => "Your first check-in is ready when you are.".to_string(),
            Cadence::Due { due_since, .. } => {
                format!("A check-in is due (since {}).", day(due_since))
            }
            Cadence::NotYet {
                next, days_left, ..
            } => {
                let left = usize::try_from(days_left).unwrap_or(0);
                format!(
                    "Next check-in due {} (in {}).",
                    day(next),
                    crate::text::count(left, "day", "days")
                )
            }
        };
        let mut info = Overview::new(listing.snapshots, due);
        info.unreadable = listing.problems.len();
        let draft = self.store.peek_draft();
        info.resumable = matches!(draft, DraftStatus::Unfinished(_));
        info.draft = match &draft {
            DraftStatus::Unfinished(d) => Some(format!(
                "You have an unfinished check-in from {}, stopped at {}: Enter resumes it, d discards it.",
                d.started_at.format("%Y-%m-%d %H:%M"),
                d.progress()
            )),
            other => other.message().map(|m| escape_line(&m).into_owned()),
        };
        info.other_drafts = self
            .store
            .other_drafts()
            .iter()
            .map(|d| escape_line(&d.describe()).into_owned())
            .collect();
        info.events = self.store.events().events;
        info.year_ago = self.year_ago(&info.snapshots, now.date_naive());
        info
    }

    /// What the check-in of about a year ago said; nothing when there is
    /// none, it cannot be read, or it holds nothing to show.
    fn year_ago(&self, snapshots: &[Summary], today: NaiveDate) -> Option<YearAgo> {
        let index = crate::year_ago::nearest(snapshots, today)?;
        let snapshot = self.store.load(&snapshots.get(index)?.id).ok()?;
        Some(YearAgo::of(&snapshot, today)).filter(|y| !y.is_empty())
    }
}

/// A store error as the screen shows it: nothing from a file reaches the
/// terminal raw.
pub(super) fn said(e: &StoreError) -> String {
    escape_line(&e.message).into_owned()
}

/// What is wrong with a bank, and how to check it again: a file is
/// checked with `motive bank validate`; an unknown id lists the banks there are.
fn bank_problem(diagnostics: &[bank::load::Diagnostic]) -> String {
    let file = diagnostics
        .iter()
        .map(|d| d.file.as_str())
        .find(|f| std::path::Path::new(f).exists());
    let how = file.map_or_else(
        || "motive bank list shows the banks you have.".to_string(),
        |f| format!("Check it with: motive bank validate {}", escape_line(f)),
    );
    format!("{}\n\n{how}", join(diagnostics))
}

fn join(diagnostics: &[bank::load::Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Tests of the terminal's restoration need an internal error at a known
/// moment: debug builds panic after the N-th draft save when
/// `MOTIVE_FAULT=panic-after-draft:N` is set. Release builds ignore it.
pub(super) fn fault_injection(drafts_saved: usize) {
    if cfg!(debug_assertions)
        && let Ok(spec) = std::env::var("MOTIVE_FAULT")
        && let Some(n) = spec
            .strip_prefix("panic-after-draft:")
            .and_then(|n| n.parse::<usize>().ok())
        && n == drafts_saved
    {
        panic!("injected fault after draft {n} (MOTIVE_FAULT)");
    }
}
