//! The interactive face: the home screen and the guided check-in.
//!
//! `app` holds the state and the pure `update`; `view` and `screens` draw it;
//! `keys` maps keys to actions. This file is the small driver around them: it
//! reads terminal events, feeds them to `update`, and performs the effects
//! (files, locks) that `update` asks for.

pub mod app;
pub mod keys;
pub mod screens;
pub mod theme;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::bank::{self, Bank};
use crate::cadence::{Cadence, Schedule, schedule};
use crate::checkin::CheckIn;
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::store::{LockError, Store, WriterLock};
use app::{App, Effect, HomeInfo, Msg, TICK_MS};
use theme::Theme;

/// Open the home screen (`check` is `None`) or go straight into a check-in,
/// with the settings in `config`, in colour when `color` (else monochrome).
pub fn run(
    data_dir: PathBuf,
    config_dir: PathBuf,
    check: Option<CheckArgs>,
    config: &Config,
    color: bool,
) -> color_eyre::Result<ExitCode> {
    // A bad --bank is a plain one-line error, before the screen is taken over.
    let bank = match &check {
        Some(args) => {
            match bank::resolve::resolve(args.bank.as_deref().unwrap_or(config.bank()), &config_dir)
            {
                Ok(bank) => Some(bank),
                Err(diagnostics) => {
                    for d in diagnostics {
                        eprintln!("motive: {d}");
                    }
                    if args.bank.is_none() && config.bank.is_some() {
                        let file = Config::path_in(&config_dir);
                        eprintln!(
                            "motive: (that bank is the `bank` setting in {})",
                            file.display()
                        );
                    }
                    return Ok(ExitCode::from(2));
                }
            }
        }
        None => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "motive: the check-in and home screens need a terminal; in scripts use the plain commands (motive list, show, compare, export, due; see motive --help)"
        );
        return Ok(ExitCode::from(2));
    }
    let theme = Theme::new(color, config.dimension_colors());
    // Colour was decided with NO_COLOR and --color in mind. Left alone,
    // crossterm would drop colours under NO_COLOR (ignoring --color always)
    // and also reset the reverse/bold that shows the monochrome highlight.
    ratatui::crossterm::style::force_color_output(true);
    let mut driver = Driver {
        store: Store::read_only(&data_dir),
        config_dir,
        bank,
        default_bank: config.bank().to_owned(),
        schedule: config.schedule(None),
        label: check.as_ref().and_then(|c| c.label.clone()),
        lock: None,
        now: crate::clock::now,
        drafts_saved: 0,
    };
    if let Some(warning) = driver.store.privacy_warning() {
        eprintln!("motive: {warning}");
    }
    let mut app = App::new(driver.home_info(), theme);

    // What to keep if a signal ends us: the check-in in progress, refreshed
    // after every message. A watcher thread, not the event loop, acts on
    // SIGTERM/SIGHUP, because a hung-up terminal can leave the loop stuck.
    let in_progress: Arc<Mutex<Option<CheckIn>>> = Arc::default();
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    {
        let in_progress = Arc::clone(&in_progress);
        let store = driver.store.clone();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                if let Some(checkin) = in_progress.lock().ok().and_then(|c| c.clone()) {
                    let _ = store.save_draft(&checkin);
                }
                ratatui::restore();
                std::process::exit(128 + signal);
            }
        });
    }
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(e) => {
            eprintln!("motive: cannot take over the terminal: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let result = event_loop(
        &mut terminal,
        &mut app,
        &mut driver,
        &in_progress,
        check.is_some(),
    );
    if result.is_err() {
        // The terminal failed under us: keep what was typed before reporting it.
        if let app::Screen::Flow(flow) = &app.screen {
            let _ = driver.store.save_draft(&flow.checkin);
        }
    }
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    driver: &mut Driver,
    in_progress: &Mutex<Option<CheckIn>>,
    start_check_in: bool,
) -> color_eyre::Result<ExitCode> {
    if start_check_in {
        driver.perform_all(app, vec![Effect::Open]);
    }
    loop {
        if let Ok(mut guard) = in_progress.lock() {
            *guard = match &app.screen {
                app::Screen::Flow(flow) => Some(flow.checkin.clone()),
                _ => None,
            };
        }
        terminal.draw(|frame| view::view(app, frame))?;
        let msg = if event::poll(Duration::from_millis(TICK_MS))? {
            match event::read()? {
                Event::Key(key) if key.is_press() => Msg::Key(key),
                _ => continue, // resize and the rest: redraw
            }
        } else {
            Msg::Tick
        };
        let effects = app.update(msg);
        driver.perform_all(app, effects);
        if app.quit {
            // Leaving from "the check-in cannot start" is a failure for scripts.
            let failed = matches!(app.screen, app::Screen::Notice { .. });
            return Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            });
        }
    }
}

/// Performs effects against the store and feeds the outcome back as messages.
struct Driver {
    store: Store,
    config_dir: PathBuf,
    /// The bank given with `motive check --bank`, already resolved.
    bank: Option<Bank>,
    /// The bank a check-in started from the home screen uses.
    default_bank: String,
    /// When check-ins fall due, for the home screen.
    schedule: Schedule,
    label: Option<String>,
    lock: Option<WriterLock>,
    now: fn() -> DateTime<FixedOffset>,
    drafts_saved: usize,
}

impl Driver {
    fn perform_all(&mut self, app: &mut App, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if let Some(msg) = self.perform(effect) {
                if let Msg::Saved { .. } = &msg {
                    app.home = self.home_info();
                }
                queue.extend(app.update(msg));
            }
        }
    }

    fn perform(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::Open => {
                // The lock first: a draft another process is still writing is not ours to offer.
                if let Err(msg) = self.acquire() {
                    return Some(*msg);
                }
                Some(match self.store.load_draft::<CheckIn>() {
                    Ok(Some(draft)) => Msg::DraftFound(draft),
                    Ok(None) => self.begin(None),
                    Err(e) => Msg::CannotStart {
                        title: "The unfinished check-in cannot be read".into(),
                        text: format!(
                            "{e}\n\nMove that file away to start afresh; it is left untouched."
                        ),
                        busy: false,
                    },
                })
            }
            Effect::Begin(resume) => Some(self.begin(resume.map(|b| *b))),
            Effect::SaveDraft(checkin) => {
                let result = self.store.save_draft(&*checkin);
                self.drafts_saved += 1;
                fault_injection(self.drafts_saved);
                result.err().map(|e| Msg::DraftFailed(e.message))
            }
            Effect::DiscardDraft => self
                .store
                .discard_draft()
                .err()
                .map(|e| Msg::DraftFailed(e.message)),
            Effect::SaveSnapshot(checkin) => {
                // The check-in to compare the new one with; if it cannot be
                // read, the result screen simply shows no comparison.
                let previous = self
                    .store
                    .summaries()
                    .snapshots
                    .pop()
                    .and_then(|latest| self.store.load(&latest.id).ok());
                let snapshot = checkin.to_snapshot((self.now)());
                Some(match self.store.save(snapshot) {
                    Ok(saved) => {
                        let _ = self.store.discard_draft();
                        self.lock = None;
                        Msg::Saved {
                            snapshot: saved,
                            previous,
                            written_to: None,
                        }
                    }
                    Err(e) => Msg::SaveFailed(e.message),
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
                    Err(e) => Msg::SaveFailed(e.message),
                })
            }
            Effect::Trash(id) => Some(self.trash(&id)),
            Effect::Load { ids, open } => Some(
                ids.iter()
                    .map(|id| self.store.load(id))
                    .collect::<Result<Vec<_>, _>>()
                    .map_or_else(
                        |e| Msg::LoadFailed(format!("Cannot open that check-in: {e}")),
                        |snapshots| Msg::Loaded { open, snapshots },
                    ),
            ),
            Effect::Quit => None,
        }
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
        let store = Store::open(self.store.root()).map_err(|e| cannot(e.message))?;
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
            Err(LockError::Store(e)) => Err(cannot(e.message)),
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
        let store = match Store::open(self.store.root()) {
            Ok(store) => store,
            Err(e) => return cannot("Cannot use the data dir", e.message),
        };
        if let Err(e) = store.check_writable() {
            self.lock = None;
            return cannot(
                "Your check-in could not be saved here",
                format!(
                    "{}\n\nFix the permissions or pass --data-dir, then start again.",
                    e.message
                ),
            );
        }
        if let Some(draft) = resume {
            return Msg::Started(draft);
        }
        let bank = match self.bank.clone() {
            Some(bank) => bank,
            None => match bank::resolve::resolve(&self.default_bank, &self.config_dir) {
                Ok(bank) => bank,
                Err(d) => return cannot("The question bank cannot be loaded", join(&d)),
            },
        };
        let previous = store.summaries().snapshots.pop();
        let commitment = previous.as_ref().map(|p| p.commitment.as_str());
        Msg::Started(CheckIn::new(
            &bank,
            commitment,
            self.label.as_deref(),
            (self.now)(),
        ))
    }

    /// Move a check-in to the trash, under the writer lock.
    fn trash(&self, id: &str) -> Msg {
        let result = Store::open(self.store.root())
            .map_err(|e| e.message)
            .and_then(|store| {
                let _lock = store
                    .lock("delete")
                    .map_err(|e| format!("Cannot delete now: {e}"))?;
                store.trash(id).map_err(|e| e.message)
            });
        match result {
            Ok(_) => Msg::Deleted {
                id: id.to_string(),
                home: self.home_info(),
            },
            Err(reason) => Msg::DeleteFailed(reason),
        }
    }

    fn home_info(&self) -> HomeInfo {
        let listing = self.store.summaries();
        let latest = listing.snapshots.last();
        let now = (self.now)();
        let day = |d: DateTime<FixedOffset>| d.format("%Y-%m-%d").to_string();
        let due = match schedule(latest.as_ref().map(|s| s.finished_at), now, self.schedule) {
            Cadence::First => "Your first check-in is ready when you are.".to_string(),
            Cadence::Due { due_since, .. } => {
                format!("A check-in is due (since {}).", day(due_since))
            }
            Cadence::NotYet {
                next, days_left, ..
            } => {
                format!("Next check-in due {} (in {days_left} days).", day(next))
            }
        };
        let mut info = HomeInfo::new(listing.snapshots, due);
        info.draft = self.store.load_draft::<CheckIn>().ok().flatten().map(|d| {
            format!(
                "You have an unfinished check-in from {}, stopped at {}: Enter resumes it.",
                d.started_at.format("%Y-%m-%d %H:%M"),
                d.progress()
            )
        });
        info
    }
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
fn fault_injection(drafts_saved: usize) {
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
