//! The TUI's state, its messages, and the pure `update` that turns a message
//! into a new state and a list of effects for the driver to perform. Each
//! screen handles its own keys, clicks and drawing (see `screens/`); this
//! file holds what they share and sends each message where it belongs.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::Rect;

pub use super::effect::{Effect, Open};
pub use super::field::{Field, from_editor, set_field};
use super::keys::Context;
use super::layout::{self, Areas};
use super::names;
pub use super::overlay::Overlay;
use super::overlay::Under;
pub use super::overview::Overview;
pub use super::screens::browse::brief::{self as brief_screen, BriefView};
pub use super::screens::browse::commitments::CommitmentList;
pub use super::screens::browse::{
    compare::CompareView, detail::Detail, events::EventsView, history::History, thread::Story,
    thread::ThreadView,
};
use super::screens::checkin;
use super::screens::checkin::notice::Notice;
use super::screens::checkin::resume;
pub use super::screens::checkin::{flow::Flow, result::Saved};
pub use super::screens::unlock::Unlock;
use super::theme::Theme;
use super::widgets;
use crate::bank::Bank;
use crate::brief::Part;
use crate::checkin::CheckIn;
use crate::last_time::LastTime;
use crate::score;
use crate::snapshot::Snapshot;

/// How many ticks (of [`TICK_MS`]) after the last keystroke a draft is saved.
pub const SAVE_AFTER_TICKS: u8 = 8;
/// The driver sends a [`Msg::Tick`] this often when no key arrives.
pub const TICK_MS: u64 = 250;
/// Lines one notch of the mouse wheel scrolls a check-in or a comparison.
pub const WHEEL_LINES: u16 = 3;
/// What the status line says when Ctrl-E has no editor to open.
pub const NO_EDITOR: &str = "Set $VISUAL or $EDITOR to write in your own editor.";

// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Screen {
    /// The encrypted data dir's passphrase, asked before anything is read.
    Unlock(Unlock),
    Home,
    Resume(resume::Offer),
    Commitments(CommitmentList),
    Flow(Flow),
    Result(Saved),
    /// Something stops the check-in from starting.
    Notice(Notice),
    History(History),
    Detail(Detail),
    Compare(CompareView),
    /// The story of one question, over the check-in or comparison it was
    /// opened from (where Esc goes back to).
    Thread {
        view: ThreadView,
        back: Box<Screen>,
    },
    /// The life events, from history.
    Events(EventsView),
    /// One check-in's brief: choose its parts, preview it, write it.
    Brief(BriefView),
}

/// Everything the TUI knows.
#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub home: Overview,
    pub theme: Theme,
    /// No check-in can be started (another process holds the writer lock).
    pub read_only: bool,
    /// A one-line message at the bottom, e.g. when a draft could not be saved.
    pub status: Option<String>,
    /// The status line is news until the next key, even during a check-in
    /// (where a failed draft save otherwise stays on screen).
    pub status_fades: bool,
    /// Ticks since the last keystroke in a text field, while a save is pending.
    pub typing: Option<u8>,
    /// Why the last draft could not be written: until one is, what is on
    /// screen is not all on disk, and the screen says so.
    pub draft_failed: Option<String>,
    /// Left with answers that are not on disk: the exit status says so.
    pub lost: bool,
    /// The user's own editor (`$VISUAL`, else `$EDITOR`) for Ctrl-E, as a
    /// shell command; `None` when neither is set.
    pub editor: Option<String>,
    /// The user's home directory (`$HOME`), for files they name.
    pub home_dir: Option<PathBuf>,
    /// Where motive was started: a brief's file goes there unless the
    /// person names another place.
    pub work_dir: Option<PathBuf>,
    /// The parts the last brief held (`brief_include` in the settings);
    /// `None`: the default parts.
    pub brief_include: Option<Vec<Part>>,
    /// The whole terminal, for telling what a mouse click landed on.
    pub size: Rect,
    /// Keys pressed while the terminal was too small, all ignored: the
    /// screen says so, so that a key that did nothing is not a mystery.
    pub ignored_keys: usize,
    pub quit: bool,
}

/// Something that happened.
// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal, whole.
    Paste(String),
    /// A click or a turn of the wheel.
    Mouse(MouseEvent),
    /// The terminal has this many columns and rows (at start and on resize).
    Resize {
        width: u16,
        height: u16,
    },
    Tick,
    /// The user's editor wrote this for `field`: it replaces the field's text.
    Edited {
        field: Field,
        text: String,
    },
    /// The user's editor could not run or failed: the text stays as it was.
    EditFailed(String),
    /// A draft was found when starting: offer to resume it. `fresh_bank`
    /// is the bank a new check-in would use (`--bank`, else the setting),
    /// when known.
    DraftFound {
        draft: CheckIn,
        fresh_bank: Option<String>,
    },
    /// The check-in can begin (fresh or resumed), with what was answered
    /// at earlier check-ins, read once by the driver.
    Started {
        checkin: CheckIn,
        last_time: LastTime,
    },
    CannotStart {
        title: String,
        text: String,
        busy: bool,
    },
    /// What was answered at earlier check-ins, read once the check-in's
    /// first frame was drawn.
    LastTimeRead(LastTime),
    Saved {
        snapshot: Snapshot,
        previous: Option<Snapshot>,
        written_to: Option<PathBuf>,
    },
    SaveFailed(String),
    /// The check-in in progress is on disk as a draft.
    DraftSaved,
    /// Something the person should know, for the status line.
    Told(String),
    DraftFailed(String),
    /// A check-in was moved to the trash; the listing has been reloaded.
    Deleted {
        id: String,
        home: Overview,
    },
    DeleteFailed(String),
    /// The check-ins a screen needed, read in full, in the order asked.
    Loaded {
        open: Open,
        snapshots: Vec<Snapshot>,
    },
    LoadFailed(String),
    /// The check-ins (by id, oldest first) whose writing holds the words
    /// of the history's search for `query`, each with the first line that
    /// matched.
    Found {
        query: String,
        hits: Vec<(String, String)>,
    },
    /// Every prompt's story, read for the thread of `prompt`.
    Threaded {
        prompt: String,
        stories: Vec<Story>,
    },
    /// A life event was kept, edited or moved to the trash; the listing
    /// has been reloaded. `id` is the event kept, `note` what to say.
    EventsChanged {
        home: Overview,
        id: Option<String>,
        note: String,
    },
    /// A life event could not be kept or moved: why.
    EventFailed(String),
    /// The bank a check-in was made with, as found now (`None`: it cannot
    /// be found or read), for its ideas.
    BankRead(Option<Box<Bank>>),
    /// A brief was written to `path`, holding `parts`.
    BriefWritten {
        path: PathBuf,
        parts: Vec<Part>,
    },
    /// A brief could not be written (or its parts not remembered): why.
    BriefFailed(String),
    /// The data dir is unlocked for this session; `home` read after it.
    Unlocked {
        home: Overview,
    },
    /// It was not: `wrong` when typing again can help, and why.
    UnlockFailed {
        wrong: bool,
        message: String,
    },
}

impl Msg {
    /// The check-in can begin, with nothing from earlier check-ins.
    #[must_use]
    pub fn started(checkin: CheckIn) -> Self {
        Self::Started {
            checkin,
            last_time: LastTime::default(),
        }
    }
}

mod browse;
mod events;
mod input;
mod mouse;
mod unlock;

impl App {
    #[must_use]
    pub fn new(home: Overview, theme: Theme) -> Self {
        Self {
            screen: Screen::Home,
            overlay: None,
            home,
            theme,
            read_only: false,
            status: None,
            status_fades: false,
            typing: None,
            draft_failed: None,
            lost: false,
            editor: None,
            home_dir: None,
            work_dir: None,
            brief_include: None,
            size: Rect::new(0, 0, 80, 24),
            ignored_keys: 0,
            quit: false,
        }
    }

    /// The key table that applies now.
    #[must_use]
    pub fn context(&self) -> Context {
        self.overlay
            .as_ref()
            .map_or_else(|| self.screen_context(), Overlay::context)
    }

    /// The key table of the screen, under any overlay.
    #[must_use]
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Unlock(u) => u.context(),
            Screen::Home if self.read_only => Context::HomeReadOnly,
            Screen::Home if self.home.resumable => Context::HomeDraft,
            Screen::Home => Context::Home,
            Screen::Resume(_) => Context::Resume,
            Screen::Result(_) => Context::Result,
            Screen::Notice(n) if n.busy => Context::NoticeBusy,
            Screen::Notice(_) => Context::Notice,
            Screen::History(h) if h.typing() => Context::HistorySearch,
            Screen::History(h) => match (h.filtered(), self.read_only) {
                (false, false) => Context::History,
                (false, true) => Context::HistoryReadOnly,
                (true, false) => Context::HistoryFound,
                (true, true) => Context::HistoryFoundReadOnly,
            },
            Screen::Detail(_) => Context::Detail,
            Screen::Compare(_) => Context::Compare,
            Screen::Thread { .. } => Context::Thread,
            Screen::Events(e) if e.form.is_some() => Context::EventForm,
            Screen::Events(_) if self.read_only => Context::EventsReadOnly,
            Screen::Events(_) => Context::Events,
            Screen::Brief(b) if b.naming.is_some() => Context::BriefName,
            Screen::Brief(_) => Context::Brief,
            Screen::Commitments(_) => Context::Commitments,
            Screen::Flow(flow) => flow.context(),
        }
    }

    /// The numbers typed to answer on the current scale: `1-5`, `0-10`.
    #[must_use]
    pub fn digits(&self) -> Option<String> {
        let Screen::Flow(flow) = &self.screen else {
            return None;
        };
        let scale = &flow.checkin.scale;
        Some(checkin::question::digits(
            scale.min.max(0),
            scale.max.max(0),
        ))
    }

    /// The terminal is too small to show anything but a request to
    /// enlarge it.
    #[must_use]
    pub fn too_small(&self) -> bool {
        self.areas().is_none()
    }

    /// Where the parts of the frame are on the terminal; `None` when it is
    /// too small. Clicks and scrolling use it; drawing uses [`App::areas_in`]
    /// with the frame it draws in, which is the same size outside tests.
    #[must_use]
    pub fn areas(&self) -> Option<Areas> {
        self.areas_in(self.size)
    }

    /// Where the parts of the frame are on a terminal of `size`.
    #[must_use]
    pub fn areas_in(&self, size: Rect) -> Option<Areas> {
        let digits = self.digits();
        let rows = widgets::key_rows(
            &self.theme,
            self.context(),
            digits.as_deref(),
            size.width.into(),
        )
        .len();
        let status_rows = self.status_line().map_or(0, |s| {
            layout::wrapped_rows(
                [unicode_width::UnicodeWidthStr::width(s.as_str())],
                usize::from(size.width),
            )
        });
        layout::areas(size, rows, status_rows)
    }

    /// The line above the footer: news, else the warning that answers on
    /// screen are not on disk, which stays until a draft is written.
    #[must_use]
    pub fn status_line(&self) -> Option<String> {
        if let Some(status) = &self.status {
            return Some(status.clone());
        }
        match (&self.draft_failed, &self.screen) {
            (Some(reason), Screen::Flow(_)) => {
                // The whole reason, path and all, is in the dialog `q` opens.
                let why = reason
                    .rsplit_once(": ")
                    .map_or(reason.as_str(), |(_, why)| why);
                Some(format!(
                    "Not on disk: {why}. Your latest answers are only on screen; q says what you can do."
                ))
            }
            _ => None,
        }
    }

    /// What an overlay is drawn over, with `digits` from [`App::digits`].
    #[must_use]
    pub fn under<'a>(&'a self, digits: Option<&'a str>) -> Under<'a> {
        Under {
            theme: &self.theme,
            context: self.screen_context(),
            digits,
            draft_failed: self.draft_failed.as_deref(),
            deleting: match self.overlay {
                Some(Overlay::ConfirmDelete(i)) if i < self.home.snapshots.len() => {
                    Some(names::name_at(&self.home.snapshots, i))
                }
                _ => None,
            },
        }
    }

    /// Apply a message; return what the driver must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(&key),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Mouse(event) => self.on_mouse(event),
            Msg::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                if !self.too_small() {
                    self.ignored_keys = 0;
                }
                vec![]
            }
            Msg::Tick => self.on_tick(),
            Msg::Edited { field, text } => self.on_edited(field, &text),
            Msg::EditFailed(reason) => {
                self.fading_status(reason);
                vec![]
            }
            Msg::DraftFound { draft, fresh_bank } => {
                self.screen = Screen::Resume(resume::Offer::new(draft, fresh_bank));
                vec![]
            }
            Msg::Started { checkin, last_time } => {
                self.status = None;
                let mut flow = Flow::new(checkin, last_time);
                flow.year_ago.clone_from(&self.home.year_ago);
                let draft = flow.draft();
                self.screen = Screen::Flow(flow);
                vec![draft]
            }
            Msg::CannotStart { title, text, busy } => {
                self.screen = Screen::Notice(Notice { title, text, busy });
                vec![]
            }
            Msg::LastTimeRead(last_time) => {
                if let Screen::Flow(flow) = &mut self.screen {
                    flow.last_time = last_time;
                }
                vec![]
            }
            Msg::Saved {
                snapshot,
                previous,
                written_to,
            } => {
                let comparison = previous.as_ref().map(|p| score::compare(p, &snapshot));
                let known = self.home.snapshots.iter().map(|s| &s.finished_at);
                let name = names::name_among(
                    snapshot.finished_at,
                    snapshot.label.as_deref(),
                    known.chain([&snapshot.finished_at]),
                );
                let previous_name = previous.as_ref().map(|p| {
                    let known = self.home.snapshots.iter().map(|s| &s.finished_at);
                    names::name_among(
                        p.finished_at,
                        p.label.as_deref(),
                        known.chain([&snapshot.finished_at]),
                    )
                });
                let between = previous.as_ref().map_or_else(Vec::new, |p| {
                    crate::events::between(&self.home.events, p.finished_at, snapshot.finished_at)
                        .into_iter()
                        .cloned()
                        .collect()
                });
                self.overlay = None;
                self.typing = None;
                let bank = snapshot.bank.id.clone();
                let in_store = written_to.is_none();
                self.screen = Screen::Result(Saved::new(
                    snapshot,
                    (name, previous_name),
                    written_to,
                    comparison,
                    between,
                ));
                // Ideas for what to try, from the bank as it is now.
                if in_store {
                    vec![Effect::ReadBank(bank)]
                } else {
                    vec![]
                }
            }
            Msg::SaveFailed(reason) => {
                self.overlay = Some(Overlay::SaveFailed(reason));
                vec![]
            }
            Msg::Deleted { id, home } => {
                let name = names::name_of(&self.home.snapshots, &id);
                self.home = home;
                let last = self.home.snapshots.len().saturating_sub(1);
                if let Screen::History(h) = &mut self.screen {
                    h.selected = h.selected.min(last);
                    h.marked.clear();
                }
                self.status = Some(format!(
                    "Moved check-in {name} to the trash (trash/ in the data dir)."
                ));
                vec![]
            }
            Msg::DeleteFailed(reason) | Msg::LoadFailed(reason) => {
                self.status = Some(reason);
                vec![]
            }
            Msg::Loaded { open, snapshots } => self.on_loaded(open, snapshots),
            Msg::BankRead(bank) => self.on_bank_read(bank),
            Msg::BriefWritten { path, parts } => {
                if let Screen::Brief(b) = &mut self.screen {
                    b.written = Some(path);
                }
                // The screen says where it went, for as long as it is true.
                self.brief_include = Some(parts);
                vec![]
            }
            Msg::BriefFailed(reason) => {
                self.status = Some(reason);
                vec![]
            }
            Msg::Found { query, hits } => {
                self.on_found(&query, hits);
                vec![]
            }
            Msg::Threaded { prompt, stories } => {
                self.on_threaded(&prompt, stories);
                vec![]
            }
            Msg::EventsChanged { home, id, note } => {
                self.on_events_changed(home, id.as_deref(), note);
                vec![]
            }
            Msg::EventFailed(reason) => {
                self.on_event_failed(reason);
                vec![]
            }
            Msg::Told(note) => {
                self.fading_status(note);
                vec![]
            }
            Msg::DraftSaved => {
                self.draft_failed = None;
                vec![]
            }
            Msg::Unlocked { home } => self.on_unlocked(home),
            Msg::UnlockFailed { wrong, message } => {
                if let Screen::Unlock(u) = &mut self.screen {
                    u.failed(wrong, &message);
                }
                vec![]
            }
            Msg::DraftFailed(reason) => {
                if self.quit && matches!(self.screen, Screen::Flow(_)) {
                    // Leaving, but the last answers did not reach the disk:
                    // stay, and ask again with the truth.
                    self.quit = false;
                    self.overlay = Some(Overlay::Unsaved(reason.clone()));
                }
                self.draft_failed = Some(reason);
                vec![]
            }
        }
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        let Some(ticks) = self.typing else {
            return vec![];
        };
        if ticks + 1 < SAVE_AFTER_TICKS {
            self.typing = Some(ticks + 1);
            return vec![];
        }
        self.typing = None;
        self.save_draft()
    }

    fn save_draft(&self) -> Vec<Effect> {
        match &self.screen {
            Screen::Flow(flow) => vec![flow.draft()],
            _ => vec![],
        }
    }

    /// A one-line message that goes away with the next key.
    fn fading_status(&mut self, message: String) {
        self.status = Some(message);
        self.status_fades = true;
    }

    /// A status line outside the check-in is news until the next key.
    fn clear_news(&mut self) {
        if !matches!(self.screen, Screen::Flow(_)) || self.status_fades {
            self.status = None;
            self.status_fades = false;
        }
    }
}
