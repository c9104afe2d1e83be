//! The interactive face: the home screen and the guided check-in.
//!
//! `app` holds the state and the pure `update`; `view` and `screens` draw it;
//! `keys` maps keys to actions. This file is the small driver around them: it
//! reads terminal events, feeds them to `update`, and performs the effects
//! (files, locks) that `update` asks for.

pub mod app;
pub mod keys;
pub mod mouse;
pub mod screens;
pub mod theme;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::bank::{self, Bank};
use crate::cadence::{Cadence, Schedule, schedule};
use crate::checkin::CheckIn;
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::store::{LockError, Store, WriterLock};
use app::{App, Effect, Field, HomeInfo, Msg, TICK_MS};
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
                    return Ok(ExitCode::from(crate::exit::INPUT));
                }
            }
        }
        None => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "motive: the check-in and home screens need a terminal; in scripts use the plain commands (motive list, show, compare, export, due; see motive --help)"
        );
        return Ok(ExitCode::from(crate::exit::INPUT));
    }
    let theme = Theme::new(color, config.dimension_colors());
    // Colour was decided with NO_COLOR and --color in mind. Left alone,
    // crossterm would drop colours under NO_COLOR (ignoring --color always)
    // and also reset the reverse/bold that shows the monochrome highlight.
    ratatui::crossterm::style::force_color_output(true);
    let shared = Arc::new(Shared::default());
    let mut driver = Driver {
        shared: Arc::clone(&shared),
        edit_file: None,
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
    app.editor = editor_command();

    // What to keep if a signal ends us: the check-in in progress, refreshed
    // after every message. A watcher thread, not the event loop, acts on
    // SIGTERM/SIGHUP, because a hung-up terminal can leave the loop stuck.
    // SIGINT and SIGQUIT only arrive from outside (raw mode reads Ctrl-C as
    // a key), or from Ctrl-C in the user's editor, which is the editor's to
    // handle: while it runs they are ignored, as `git commit` does.
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    {
        let shared = Arc::clone(&shared);
        let store = driver.store.clone();
        std::thread::spawn(move || {
            for signal in signals.forever() {
                let editor_running = lock(&shared.editing)
                    .as_ref()
                    .is_some_and(|e| e.pid.is_some());
                if editor_running && matches!(signal, SIGINT | SIGQUIT) {
                    continue;
                }
                shared.end(&store, signal);
            }
        });
    }
    let mut terminal = {
        let _terminal = lock(&shared.terminal);
        match ratatui::try_init().and_then(|t| enable_mouse().map(|()| t)) {
            Ok(terminal) => terminal,
            Err(e) => {
                restore_terminal();
                eprintln!("motive: cannot take over the terminal: {e}");
                return Ok(ExitCode::from(crate::exit::SYSTEM));
            }
        }
    };
    // ratatui's panic hook restores the terminal; the mouse is ours to release.
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let result = event_loop(&mut terminal, &mut app, &mut driver, check.is_some());
    if result.is_err() {
        // The terminal failed under us: keep what was typed before reporting it.
        if let app::Screen::Flow(flow) = &app.screen {
            let _ = driver.store.save_draft(&flow.checkin);
        }
    }
    let _terminal = lock(&shared.terminal);
    restore_terminal();
    result
}

/// State the signal watcher shares with the event loop.
#[derive(Default)]
struct Shared {
    /// The check-in in progress, refreshed after every message.
    in_progress: Mutex<Option<CheckIn>>,
    /// Held while the terminal changes hands (to the user's editor and
    /// back, and at the end), so a signal never restores it half-way.
    terminal: Mutex<()>,
    /// The user's editor, while a field is out for editing.
    editing: Mutex<Option<Editing>>,
}

/// A field out in the user's editor.
struct Editing {
    field: Field,
    /// The file the editor was given.
    path: PathBuf,
    /// The editor's process, until it has exited.
    pid: Option<u32>,
}

impl Shared {
    /// A signal ends motive: keep the check-in in progress as a draft (with
    /// whatever the user's editor has written to its file so far), let a
    /// running editor end first, restore the terminal and exit.
    fn end(&self, store: &Store, signal: i32) -> ! {
        let _terminal = lock(&self.terminal);
        let mut draft = lock(&self.in_progress).clone();
        let editing = lock(&self.editing)
            .as_ref()
            .map(|e| (e.field, e.path.clone(), e.pid));
        if let Some((field, path, pid)) = editing {
            if let (Some(checkin), Ok(raw)) = (draft.as_mut(), read_capped(&path)) {
                app::set_field(checkin, field, app::from_editor(field, &raw).0);
            }
            if let Some(pid) = pid {
                self.stop_editor(pid, signal);
            }
        }
        if let Some(checkin) = draft {
            let _ = store.save_draft(&checkin);
        }
        restore_terminal();
        std::process::exit(128 + signal);
    }

    /// Pass the signal on to the editor and give it a moment to restore the
    /// terminal it holds.
    fn stop_editor(&self, pid: u32, signal: i32) {
        use nix::sys::signal::{Signal, kill};
        if let (Ok(pid), Ok(signal)) = (i32::try_from(pid), Signal::try_from(signal)) {
            let _ = kill(nix::unistd::Pid::from_raw(pid), signal);
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline
            && lock(&self.editing)
                .as_ref()
                .is_some_and(|e| e.pid.is_some())
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A lock that a panic elsewhere does not make unusable: what it guards is
/// still the best there is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Mouse reports: clicks and the wheel (1000), in the SGR encoding (1006).
/// Not crossterm's `EnableMouseCapture`, which also asks for every movement
/// (1003): nothing here uses those, and each would cost a redraw.
struct EnableMouse;

impl Command for EnableMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

fn enable_mouse() -> std::io::Result<()> {
    execute!(std::io::stdout(), EnableMouse)
}

/// Give the terminal back as it was: mouse reports off (every mode
/// crossterm knows), raw mode off, the main screen back.
fn restore_terminal() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// The user's editor as a shell command: `$VISUAL`, else `$EDITOR`.
fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"].into_iter().find_map(|var| {
        std::env::var(var)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

/// A file the user's editor wrote, up to the size a check-in may have.
fn read_capped(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(crate::store::MAX_SNAPSHOT_BYTES)
        .read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    driver: &mut Driver,
    start_check_in: bool,
) -> color_eyre::Result<ExitCode> {
    let size = terminal.size()?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    if start_check_in {
        driver.perform_all(terminal, app, vec![Effect::Open]);
    }
    loop {
        driver.remember(app);
        terminal.draw(|frame| view::view(app, frame))?;
        let msg = if event::poll(Duration::from_millis(TICK_MS))? {
            match event::read()? {
                Event::Key(key) if key.is_press() => Msg::Key(key),
                Event::Mouse(mouse) => Msg::Mouse(mouse),
                Event::Resize(width, height) => Msg::Resize { width, height },
                _ => continue, // the rest: redraw
            }
        } else {
            Msg::Tick
        };
        let effects = app.update(msg);
        driver.perform_all(terminal, app, effects);
        if app.quit {
            // Leaving from "the check-in cannot start" is a failure for scripts.
            let failed = matches!(app.screen, app::Screen::Notice { .. });
            return Ok(if failed {
                ExitCode::from(crate::exit::INPUT)
            } else {
                ExitCode::SUCCESS
            });
        }
    }
}

/// Performs effects against the store and feeds the outcome back as messages.
struct Driver {
    shared: Arc<Shared>,
    /// The file a field went to the user's editor in, until its text is in
    /// the check-in (a signal meanwhile still finds it there).
    edit_file: Option<tempfile::NamedTempFile>,
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
    fn perform_all(&mut self, terminal: &mut DefaultTerminal, app: &mut App, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            let msg = match effect {
                Effect::Edit { field, text } => {
                    self.remember(app);
                    let editor = app.editor.clone().unwrap_or_default();
                    let msg = self.edit(terminal, &editor, field, &text);
                    if let Ok(size) = terminal.size() {
                        queue.extend(app.update(Msg::Resize {
                            width: size.width,
                            height: size.height,
                        }));
                    }
                    Some(msg)
                }
                effect => self.perform(effect),
            };
            if let Some(msg) = msg {
                if let Msg::Saved { .. } = &msg {
                    app.home = self.home_info();
                }
                let edited = matches!(msg, Msg::Edited { .. } | Msg::EditFailed(_));
                queue.extend(app.update(msg));
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
    fn remember(&self, app: &App) {
        *lock(&self.shared.in_progress) = match &app.screen {
            app::Screen::Flow(flow) => Some(flow.checkin.clone()),
            _ => None,
        };
    }

    /// Hand `text` to the user's editor as `git commit` does: in a private
    /// temporary file, through the shell (so `code --wait` works), with the
    /// screen given back to the editor until it exits.
    fn edit(
        &mut self,
        terminal: &mut DefaultTerminal,
        editor: &str,
        field: Field,
        text: &str,
    ) -> Msg {
        let file = tempfile::Builder::new()
            .prefix("motive-")
            .suffix(".md")
            .tempfile()
            .and_then(|mut file| {
                let mut contents = text.to_string();
                if !contents.is_empty() {
                    contents.push('\n');
                }
                file.write_all(contents.as_bytes())?;
                file.as_file().sync_all()?;
                Ok(file)
            });
        let file = match file {
            Ok(file) => file,
            Err(e) => {
                return Msg::EditFailed(format!(
                    "Could not hand the text to your editor ({e}); it is unchanged."
                ));
            }
        };
        let path = file.path().to_path_buf();
        self.edit_file = Some(file);
        *lock(&self.shared.editing) = Some(Editing {
            field,
            path: path.clone(),
            pid: None,
        });
        let outcome = self.run_editor(terminal, editor, &path);
        match outcome {
            Ok(status) if status.success() => match read_capped(&path) {
                Ok(text) => Msg::Edited { field, text },
                Err(e) => Msg::EditFailed(format!(
                    "Could not read back what your editor wrote ({e}); the text is unchanged."
                )),
            },
            Ok(status) => Msg::EditFailed(match status.code() {
                Some(127) => format!(
                    "Your editor ({editor}) was not found (exit status 127); the text is unchanged."
                ),
                Some(code) => format!(
                    "Your editor ({editor}) exited with status {code}; the text is unchanged."
                ),
                None => format!("Your editor ({editor}) was stopped; the text is unchanged."),
            }),
            Err(e) => Msg::EditFailed(format!(
                "Could not start your editor ({editor}): {e}; the text is unchanged."
            )),
        }
    }

    /// Leave the screen to the editor, wait for it, take the screen back.
    fn run_editor(
        &self,
        terminal: &mut DefaultTerminal,
        editor: &str,
        path: &Path,
    ) -> std::io::Result<std::process::ExitStatus> {
        {
            let _terminal = lock(&self.shared.terminal);
            let mut out = std::io::stdout();
            execute!(out, DisableMouseCapture, LeaveAlternateScreen)?;
            disable_raw_mode()?;
        }
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("motive-editor")
            .arg(path)
            .spawn()
            .and_then(|mut child| {
                if let Some(editing) = lock(&self.shared.editing).as_mut() {
                    editing.pid = Some(child.id());
                }
                // Polled rather than waited on, so that the lock above is
                // free for the signal watcher while the editor runs.
                loop {
                    if let Some(status) = child.try_wait()? {
                        return Ok(status);
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        if let Some(editing) = lock(&self.shared.editing).as_mut() {
            editing.pid = None;
        }
        {
            let _terminal = lock(&self.shared.terminal);
            enable_raw_mode()?;
            execute!(std::io::stdout(), EnterAlternateScreen, EnableMouse)?;
        }
        // Whatever the editor left on screen is not what ratatui thinks is there.
        terminal.clear()?;
        status
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
            // Needs the terminal: done in `perform_all`.
            Effect::Edit { .. } | Effect::Quit => None,
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
