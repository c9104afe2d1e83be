//! The TUI's state, its messages, and the pure `update` that turns a message
//! into a new state and a list of effects for the driver to perform.

use std::path::PathBuf;

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::keys::{self, Action, Context};
use super::mouse::{self, Target};
use super::theme::Theme;
use crate::checkin::{CheckIn, Step};
use crate::score::{self, Comparison, DimensionChange, DimensionScore};
use crate::snapshot::{Outcome, Snapshot};
use crate::store::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use crate::summary::Summary;

/// How many ticks (of [`TICK_MS`]) after the last keystroke a draft is saved.
pub const SAVE_AFTER_TICKS: u8 = 8;
/// The driver sends a [`Msg::Tick`] this often when no key arrives.
pub const TICK_MS: u64 = 250;
/// Lines one notch of the mouse wheel scrolls a check-in or a comparison.
pub const WHEEL_LINES: u16 = 3;
/// What the status line says when Ctrl-E has no editor to open.
pub const NO_EDITOR: &str = "Set $VISUAL or $EDITOR to write in your own editor.";

/// What the home, history and compare screens show; gathered by the driver
/// from the store. Only summaries: a check-in shown in full is loaded when
/// it is opened (see [`Effect::Load`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HomeInfo {
    /// Every readable check-in, oldest first.
    pub snapshots: Vec<Summary>,
    /// The latest check-in's scores.
    pub scores: Vec<DimensionScore>,
    /// "A check-in is due" or "Next check-in due on ...".
    pub due: String,
    /// An unfinished check-in waiting on this machine, described for people.
    pub draft: Option<String>,
}

impl HomeInfo {
    #[must_use]
    pub fn new(snapshots: Vec<Summary>, due: String) -> Self {
        let scores = snapshots
            .last()
            .map(|s| s.scores.clone())
            .unwrap_or_default();
        Self {
            snapshots,
            scores,
            due,
            draft: None,
        }
    }

    #[must_use]
    pub fn latest(&self) -> Option<&Summary> {
        self.snapshots.last()
    }

    /// How each dimension moved from the check-in before the latest.
    #[must_use]
    pub fn last_change(&self) -> Option<Vec<DimensionChange>> {
        match self.snapshots.as_slice() {
            [.., previous, latest] => Some(latest.changes_since(previous)),
            _ => None,
        }
    }

    /// How earlier commitments turned out: (done, followed up).
    #[must_use]
    pub fn commitments_done(&self) -> (usize, usize) {
        let outcomes: Vec<Outcome> = self.snapshots.iter().filter_map(|s| s.follow_up).collect();
        (
            outcomes.iter().filter(|o| **o == Outcome::Done).count(),
            outcomes.len(),
        )
    }
}

/// A text field being edited, and which part of the check-in it fills.
#[derive(Debug, Clone)]
pub struct Editor {
    pub field: Field,
    pub area: TextArea<'static>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note(usize),
    FollowUpNote,
    Reflection(usize),
    Commitment,
    Label,
}

/// The check-in flow: the check-in itself plus what the screen needs.
#[derive(Debug, Clone)]
pub struct Flow {
    pub checkin: CheckIn,
    /// The highlighted option on a statement's scale.
    pub highlight: i64,
    pub editor: Option<Editor>,
}

/// The result of a saved check-in.
#[derive(Debug, Clone)]
pub struct Saved {
    pub snapshot: Snapshot,
    /// Where it was written when that was not the data dir.
    pub written_to: Option<PathBuf>,
    /// Against the check-in before it, when there is one.
    pub comparison: Option<Comparison>,
}

// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Screen {
    Home,
    Resume(CheckIn),
    Flow(Flow),
    Result(Saved),
    /// Something stops the check-in from starting.
    Notice {
        title: String,
        text: String,
        busy: bool,
    },
    History(History),
    Detail(Detail),
    Compare(CompareView),
}

/// The list of check-ins beside the trend chart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Index into `HomeInfo::snapshots` (oldest first) of the selected row.
    pub selected: usize,
    /// Up to two indices marked for comparison.
    pub marked: Vec<usize>,
}

/// One check-in in full, scrollable; `explain` shows how each score was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub index: usize,
    pub snapshot: Box<Snapshot>,
    pub scroll: u16,
    pub explain: bool,
    /// Where Esc goes back to.
    pub back: Option<History>,
}

/// Two check-ins side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareView {
    pub from: usize,
    pub to: usize,
    pub earlier: Box<Snapshot>,
    pub later: Box<Snapshot>,
    /// Worked out once when opened, not on every frame.
    pub comparison: Comparison,
    pub scroll: u16,
    /// Show how the later check-in's scores were reached.
    pub explain: bool,
    pub back: Option<History>,
}

// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the screen underneath, scrolled by this many lines.
    Help {
        scroll: u16,
    },
    ConfirmQuit,
    ConfirmDiscard,
    SaveFailed(String),
    PathInput {
        reason: String,
        area: TextArea<'static>,
    },
    ConfirmDelete(usize),
}

/// Everything the TUI knows.
#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub home: HomeInfo,
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
    /// The user's own editor (`$VISUAL`, else `$EDITOR`) for Ctrl-E, as a
    /// shell command; `None` when neither is set.
    pub editor: Option<String>,
    /// The whole terminal, for telling what a mouse click landed on.
    pub size: Rect,
    pub quit: bool,
}

/// Something that happened.
// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
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
    /// A draft was found when starting: offer to resume it.
    DraftFound(CheckIn),
    /// The check-in can begin (fresh or resumed).
    Started(CheckIn),
    CannotStart {
        title: String,
        text: String,
        busy: bool,
    },
    Saved {
        snapshot: Snapshot,
        previous: Option<Snapshot>,
        written_to: Option<PathBuf>,
    },
    SaveFailed(String),
    DraftFailed(String),
    /// A check-in was moved to the trash; the listing has been reloaded.
    Deleted {
        id: String,
        home: HomeInfo,
    },
    DeleteFailed(String),
    /// The check-ins a screen needed, read in full, in the order asked.
    Loaded {
        open: Open,
        snapshots: Vec<Snapshot>,
    },
    LoadFailed(String),
}

/// A screen that shows check-ins in full, waiting for them to be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    Detail {
        index: usize,
        back: Option<History>,
    },
    Compare {
        from: usize,
        to: usize,
        back: Option<History>,
    },
}

/// Something for the driver to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Look for a draft; if none, begin a fresh check-in.
    Open,
    /// Take the writer lock, check the data dir, and begin: the draft given,
    /// or a fresh check-in.
    Begin(Option<Box<CheckIn>>),
    SaveDraft(Box<CheckIn>),
    DiscardDraft,
    SaveSnapshot(Box<CheckIn>),
    SaveSnapshotTo(Box<CheckIn>, PathBuf),
    /// Move a check-in to the trash (by id).
    Trash(String),
    /// Read these check-ins in full (by id), then open the screen.
    Load {
        ids: Vec<String>,
        open: Open,
    },
    /// Hand `text` to the user's editor (suspending the screen meanwhile),
    /// then answer with [`Msg::Edited`] or [`Msg::EditFailed`].
    Edit {
        field: Field,
        text: String,
    },
    Quit,
}

impl App {
    #[must_use]
    pub fn new(home: HomeInfo, theme: Theme) -> Self {
        Self {
            screen: Screen::Home,
            overlay: None,
            home,
            theme,
            read_only: false,
            status: None,
            status_fades: false,
            typing: None,
            editor: None,
            size: Rect::new(0, 0, 80, 24),
            quit: false,
        }
    }

    /// The key table that applies now.
    #[must_use]
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => return Context::Help,
            Some(Overlay::ConfirmQuit) => return Context::ConfirmQuit,
            Some(Overlay::ConfirmDiscard) => return Context::ConfirmDiscard,
            Some(Overlay::SaveFailed(_)) => return Context::SaveFailed,
            Some(Overlay::PathInput { .. }) => return Context::PathInput,
            Some(Overlay::ConfirmDelete(_)) => return Context::ConfirmDelete,
            None => {}
        }
        match &self.screen {
            Screen::Home if self.read_only => Context::HomeReadOnly,
            Screen::Home => Context::Home,
            Screen::Resume(_) => Context::Resume,
            Screen::Result(_) => Context::Result,
            Screen::Notice { busy: true, .. } => Context::NoticeBusy,
            Screen::Notice { .. } => Context::Notice,
            Screen::History(_) => Context::History,
            Screen::Detail(_) => Context::Detail,
            Screen::Compare(_) => Context::Compare,
            Screen::Flow(flow) => match (&flow.editor, flow.checkin.step) {
                (Some(e), _) => match e.field {
                    Field::Note(_) => Context::Note,
                    Field::FollowUpNote => Context::FollowUpNote,
                    Field::Label => Context::Label,
                    Field::Reflection(_) | Field::Commitment => Context::Text,
                },
                (None, Step::FollowUp) => Context::FollowUp,
                (None, Step::Question(_)) => Context::Question,
                (None, Step::Review) => Context::Review,
                (None, Step::Reflection(_) | Step::Commitment) => Context::Text,
            },
        }
    }

    /// Apply a message; return what the driver must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(&key),
            Msg::Mouse(event) => self.on_mouse(event),
            Msg::Resize { width, height } => {
                self.size = Rect::new(0, 0, width, height);
                vec![]
            }
            Msg::Tick => self.on_tick(),
            Msg::Edited { field, text } => self.on_edited(field, &text),
            Msg::EditFailed(reason) => {
                self.fading_status(reason);
                vec![]
            }
            Msg::DraftFound(draft) => {
                self.screen = Screen::Resume(draft);
                vec![]
            }
            Msg::Started(checkin) => {
                self.status = None;
                let mut flow = Flow {
                    checkin,
                    highlight: 0,
                    editor: None,
                };
                flow.enter_step();
                let draft = Box::new(flow.checkin.clone());
                self.screen = Screen::Flow(flow);
                vec![Effect::SaveDraft(draft)]
            }
            Msg::CannotStart { title, text, busy } => {
                self.screen = Screen::Notice { title, text, busy };
                vec![]
            }
            Msg::Saved {
                snapshot,
                previous,
                written_to,
            } => {
                let comparison = previous.as_ref().map(|p| score::compare(p, &snapshot));
                self.overlay = None;
                self.typing = None;
                self.screen = Screen::Result(Saved {
                    snapshot,
                    written_to,
                    comparison,
                });
                vec![]
            }
            Msg::SaveFailed(reason) => {
                self.overlay = Some(Overlay::SaveFailed(reason));
                vec![]
            }
            Msg::Deleted { id, home } => {
                self.home = home;
                let last = self.home.snapshots.len().saturating_sub(1);
                if let Screen::History(h) = &mut self.screen {
                    h.selected = h.selected.min(last);
                    h.marked.clear();
                }
                self.status = Some(format!(
                    "Moved check-in {id} to the trash (trash/ in the data dir)."
                ));
                vec![]
            }
            Msg::DeleteFailed(reason) | Msg::LoadFailed(reason) => {
                self.status = Some(reason);
                vec![]
            }
            Msg::Loaded { open, snapshots } => {
                self.on_loaded(open, snapshots);
                vec![]
            }
            Msg::DraftFailed(reason) => {
                self.status = Some(format!(
                    "Your answers are on screen but the draft could not be saved: {reason}"
                ));
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
            Screen::Flow(flow) => vec![Effect::SaveDraft(Box::new(flow.checkin.clone()))],
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

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        self.clear_news();
        let context = self.context();
        let Some(action) = keys::action(context, key) else {
            if context.is_text() {
                return self.type_into_editor(key);
            }
            return vec![];
        };
        if let Some(overlay) = self.overlay.take() {
            return self.on_overlay(overlay, action);
        }
        match action {
            Action::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                vec![]
            }
            Action::Quit => self.on_quit(),
            Action::ExternalEditor => self.open_external_editor(),
            _ => match &mut self.screen {
                Screen::History(_) | Screen::Detail(_) | Screen::Compare(_) => {
                    self.on_browse(action)
                }
                Screen::Home | Screen::Notice { .. } => match action {
                    Action::Start if !self.read_only => vec![Effect::Open],
                    Action::OpenHistory => {
                        self.screen = Screen::History(self.newest());
                        vec![]
                    }
                    Action::OpenCompare => self.open_compare(None),
                    Action::History => {
                        // Another process is writing: browse, but start nothing.
                        self.read_only = true;
                        self.screen = Screen::History(self.newest());
                        vec![]
                    }
                    _ => vec![],
                },
                Screen::Resume(draft) => match action {
                    Action::Resume => vec![Effect::Begin(Some(Box::new(draft.clone())))],
                    Action::Discard => {
                        self.overlay = Some(Overlay::ConfirmDiscard);
                        vec![]
                    }
                    _ => vec![],
                },
                Screen::Flow(_) => self.flow_action(action),
                Screen::Result(_) if action == Action::OpenCompare => self.open_compare(None),
                Screen::Result(_) => vec![],
            },
        }
    }

    fn flow_action(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        let effects = flow.on_action(action);
        if effects.iter().any(|e| matches!(e, Effect::SaveDraft(_))) {
            self.typing = None;
        }
        effects
    }

    /// Ctrl-E: the open text field goes to the user's editor, if there is one.
    fn open_external_editor(&mut self) -> Vec<Effect> {
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        if flow.editor.is_none() {
            return vec![];
        }
        if self.editor.is_none() {
            self.fading_status(NO_EDITOR.to_string());
            return vec![];
        }
        flow.store_editor_text();
        let Some(editor) = &flow.editor else {
            return vec![];
        };
        vec![Effect::Edit {
            field: editor.field,
            text: editor.area.lines().join("\n"),
        }]
    }

    /// What the user's editor wrote replaces the field's text; the draft is
    /// saved at once, as after any step.
    fn on_edited(&mut self, field: Field, raw: &str) -> Vec<Effect> {
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        let (text, cut) = from_editor(field, raw);
        match &flow.editor {
            Some(editor) if editor.field == field => {
                flow.open_editor(field, &text);
                flow.store_editor_text();
            }
            // The field is no longer on screen: keep the text all the same.
            _ => set_field(&mut flow.checkin, field, text),
        }
        let draft = Box::new(flow.checkin.clone());
        self.typing = None;
        self.status = None;
        self.status_fades = false;
        if let Some(limit) = cut {
            self.fading_status(format!(
                "Your editor's text was longer than the {limit} characters a field holds: the rest was left out."
            ));
        }
        vec![Effect::SaveDraft(draft)]
    }

    /// A click selects or answers what it lands on; the wheel scrolls.
    /// Text fields and overlays take no clicks: the keyboard does it all.
    fn on_mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if let Some(Overlay::Help { scroll }) = self.overlay {
            match event.kind {
                MouseEventKind::ScrollDown => self.scroll_help(scroll, true),
                MouseEventKind::ScrollUp => self.scroll_help(scroll, false),
                _ => {}
            }
            return vec![];
        }
        if self.overlay.is_some() {
            return vec![];
        }
        match event.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                let Some(target) = mouse::hit(self, event.column, event.row) else {
                    return vec![];
                };
                self.clear_news();
                self.on_click(target)
            }
            MouseEventKind::ScrollDown => self.on_wheel(Action::Down),
            MouseEventKind::ScrollUp => self.on_wheel(Action::Up),
            _ => vec![],
        }
    }

    fn on_click(&mut self, target: Target) -> Vec<Effect> {
        match (target, &mut self.screen) {
            (Target::Option(value), Screen::Flow(_)) => self.flow_action(Action::Digit(value)),
            (Target::Outcome(outcome), Screen::Flow(flow)) => {
                // Changing the outcome while writing its note keeps the note.
                flow.store_editor_text();
                let effects = flow.choose_outcome(outcome);
                self.typing = None;
                effects
            }
            (Target::HistoryRow(index), Screen::History(h)) => {
                // A click selects; a click on the selected row opens it.
                if h.selected == index {
                    self.on_browse(Action::Confirm)
                } else {
                    h.selected = index;
                    vec![]
                }
            }
            _ => vec![],
        }
    }

    fn on_wheel(&mut self, direction: Action) -> Vec<Effect> {
        match &mut self.screen {
            Screen::History(_) => self.on_browse(direction),
            Screen::Detail(Detail { scroll, .. }) | Screen::Compare(CompareView { scroll, .. }) => {
                *scroll = if direction == Action::Down {
                    scroll.saturating_add(WHEEL_LINES)
                } else {
                    scroll.saturating_sub(WHEEL_LINES)
                };
                self.clamp_scroll();
                vec![]
            }
            _ => vec![],
        }
    }

    fn on_quit(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::History(_) => {
                self.screen = Screen::Home;
                vec![]
            }
            Screen::Detail(Detail { back, .. }) | Screen::Compare(CompareView { back, .. }) => {
                self.screen = back.clone().map_or(Screen::Home, Screen::History);
                vec![]
            }
            Screen::Flow(_) => {
                self.overlay = Some(Overlay::ConfirmQuit);
                vec![]
            }
            _ => {
                self.quit = true;
                vec![Effect::Quit]
            }
        }
    }

    fn on_overlay(&mut self, overlay: Overlay, action: Action) -> Vec<Effect> {
        match (overlay, action) {
            (Overlay::Help { scroll }, Action::Up | Action::Down) => {
                self.scroll_help(scroll, action == Action::Down);
                vec![]
            }
            (Overlay::ConfirmQuit, Action::Yes) => {
                self.quit = true;
                let mut effects = self.save_draft();
                effects.push(Effect::Quit);
                effects
            }
            (Overlay::ConfirmDelete(index), Action::Yes) => match self.home.snapshots.get(index) {
                Some(s) => vec![Effect::Trash(s.id.clone())],
                None => vec![],
            },
            (Overlay::ConfirmDiscard, Action::Yes) => {
                self.screen = Screen::Home;
                vec![Effect::DiscardDraft, Effect::Begin(None)]
            }
            (Overlay::SaveFailed(_), Action::Retry) => match &self.screen {
                Screen::Flow(flow) => vec![Effect::SaveSnapshot(Box::new(flow.checkin.clone()))],
                _ => vec![],
            },
            (Overlay::SaveFailed(reason), Action::WriteElsewhere) => {
                let mut area = TextArea::new(vec![suggested_path()]);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Some(Overlay::PathInput { reason, area });
                vec![]
            }
            (Overlay::PathInput { area, reason }, Action::Confirm) => {
                let path = area.lines().join("").trim().to_string();
                let Screen::Flow(flow) = &self.screen else {
                    return vec![];
                };
                if path.is_empty() {
                    self.overlay = Some(Overlay::PathInput { reason, area });
                    return vec![];
                }
                vec![Effect::SaveSnapshotTo(
                    Box::new(flow.checkin.clone()),
                    expand_home(&path),
                )]
            }
            (Overlay::PathInput { reason, .. }, Action::Close) => {
                self.overlay = Some(Overlay::SaveFailed(reason));
                vec![]
            }
            // Help closes on its keys; "no", Esc and the rest close their overlay.
            _ => vec![],
        }
    }

    /// History with the newest check-in selected.
    fn newest(&self) -> History {
        History {
            selected: self.home.snapshots.len().saturating_sub(1),
            marked: Vec::new(),
        }
    }

    /// Compare two check-ins: the marked pair, or the selected one against the
    /// one before it, or (from home and result) the two latest.
    fn open_compare(&mut self, history: Option<History>) -> Vec<Effect> {
        let count = self.home.snapshots.len();
        if count < 2 {
            self.status = Some("Comparing needs two check-ins.".into());
            return vec![];
        }
        let (from, to) = match &history {
            Some(h) if h.marked.len() == 2 => {
                (h.marked[0].min(h.marked[1]), h.marked[0].max(h.marked[1]))
            }
            Some(h) => (h.selected.max(1) - 1, h.selected.max(1)),
            None => (count - 2, count - 1),
        };
        self.status = None;
        self.load(Open::Compare {
            from,
            to,
            back: history,
        })
    }

    /// Ask the driver for the check-ins `open` shows.
    fn load(&self, open: Open) -> Vec<Effect> {
        let id = |i: usize| self.home.snapshots.get(i).map(|s| s.id.clone());
        let ids: Option<Vec<String>> = match &open {
            Open::Detail { index, .. } => [*index].into_iter().map(id).collect(),
            Open::Compare { from, to, .. } => [*from, *to].into_iter().map(id).collect(),
        };
        ids.map_or_else(Vec::new, |ids| vec![Effect::Load { ids, open }])
    }

    fn on_loaded(&mut self, open: Open, snapshots: Vec<Snapshot>) {
        let mut snapshots = snapshots.into_iter().map(Box::new);
        self.screen = match (open, snapshots.next(), snapshots.next()) {
            (Open::Detail { index, back }, Some(snapshot), None) => Screen::Detail(Detail {
                index,
                snapshot,
                scroll: 0,
                explain: false,
                back,
            }),
            (Open::Compare { from, to, back }, Some(earlier), Some(later)) => {
                Screen::Compare(CompareView {
                    from,
                    to,
                    comparison: score::compare(&earlier, &later),
                    earlier,
                    later,
                    scroll: 0,
                    explain: false,
                    back,
                })
            }
            // Not what was asked for: stay where we are.
            _ => return,
        };
    }

    fn on_browse(&mut self, action: Action) -> Vec<Effect> {
        let count = self.home.snapshots.len();
        match &mut self.screen {
            Screen::History(h) => match action {
                Action::Up => {
                    h.selected = h.selected.saturating_add(1).min(count.saturating_sub(1))
                }
                Action::Down => h.selected = h.selected.saturating_sub(1),
                Action::Mark if count > 0 => {
                    let i = h.selected;
                    if let Some(pos) = h.marked.iter().position(|m| *m == i) {
                        h.marked.remove(pos);
                    } else {
                        if h.marked.len() == 2 {
                            h.marked.remove(0);
                        }
                        h.marked.push(i);
                    }
                }
                Action::Confirm if count > 0 => {
                    let open = Open::Detail {
                        index: h.selected,
                        back: Some(h.clone()),
                    };
                    return self.load(open);
                }
                Action::OpenCompare => {
                    let history = h.clone();
                    return self.open_compare(Some(history));
                }
                Action::Delete if count > 0 => {
                    self.overlay = Some(Overlay::ConfirmDelete(h.selected))
                }
                _ => {}
            },
            Screen::Detail(Detail {
                scroll, explain, ..
            })
            | Screen::Compare(CompareView {
                scroll, explain, ..
            }) => match action {
                Action::Up => *scroll = scroll.saturating_sub(1),
                Action::Down => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                Action::Explain => {
                    *explain = !*explain;
                    *scroll = 0;
                }
                _ => {}
            },
            _ => {}
        }
        self.clamp_scroll();
        vec![]
    }

    /// Scroll the help a line, no further than its last line.
    fn scroll_help(&mut self, scroll: u16, down: bool) {
        let last = super::view::help_last_scroll(self, self.size);
        let scroll = if down {
            scroll.saturating_add(1).min(last)
        } else {
            scroll.saturating_sub(1)
        };
        self.overlay = Some(Overlay::Help { scroll });
    }

    /// Keep a check-in's or a comparison's scroll within its text: after
    /// pressing on past the end, the first key back up moves at once.
    fn clamp_scroll(&mut self) {
        let Some(body) = super::view::areas(self, self.size).map(|a| a.body) else {
            return;
        };
        let last = match &self.screen {
            Screen::Detail(d) => {
                let lines = super::screens::detail::lines(self, d, body);
                super::screens::clamp_scroll(&lines, body, u16::MAX)
            }
            Screen::Compare(c) => {
                let lines = super::screens::compare::lines(self, c, body);
                super::screens::clamp_scroll(&lines, body, u16::MAX)
            }
            _ => return,
        };
        if let Screen::Detail(Detail { scroll, .. }) | Screen::Compare(CompareView { scroll, .. }) =
            &mut self.screen
        {
            *scroll = (*scroll).min(last);
        }
    }

    fn type_into_editor(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if let Some(Overlay::PathInput { area, .. }) = &mut self.overlay {
            if key.code != ratatui::crossterm::event::KeyCode::Enter {
                area.input(*key);
            }
            return vec![];
        }
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        let Some(editor) = &mut flow.editor else {
            return vec![];
        };
        let single_line = editor.field == Field::Label;
        if single_line && key.code == ratatui::crossterm::event::KeyCode::Enter {
            return vec![];
        }
        if editor.area.input(*key) {
            flow.store_editor_text();
            self.typing = Some(0);
        }
        vec![]
    }
}

impl Flow {
    /// Set up the screen for the current step: highlight, editor.
    fn enter_step(&mut self) {
        self.editor = None;
        let c = &self.checkin;
        match c.step {
            Step::Question(i) => {
                let mid = c.scale.min + (c.scale.max - c.scale.min) / 2;
                self.highlight = c.questions.get(i).and_then(|q| q.value).unwrap_or(mid);
            }
            Step::Reflection(i) => {
                let text = c
                    .reflections
                    .get(i)
                    .map(|r| r.text.clone())
                    .unwrap_or_default();
                self.open_editor(Field::Reflection(i), &text);
            }
            Step::Commitment => {
                let text = c.commitment.clone();
                self.open_editor(Field::Commitment, &text);
            }
            Step::FollowUp => {
                if let Some(f) = c.follow_up.as_ref().filter(|f| f.outcome.is_some()) {
                    let text = f.note.clone();
                    self.open_editor(Field::FollowUpNote, &text);
                }
            }
            Step::Review => {}
        }
    }

    fn open_editor(&mut self, field: Field, text: &str) {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = Some(Editor { field, area });
    }

    /// Copy the editor's text into the check-in, so the next draft has it.
    fn store_editor_text(&mut self) {
        let Some(editor) = &self.editor else { return };
        let text = editor.area.lines().join("\n");
        set_field(&mut self.checkin, editor.field, text);
    }

    fn go_to(&mut self, step: Step) -> Vec<Effect> {
        self.store_editor_text();
        self.checkin.step = step;
        self.enter_step();
        vec![Effect::SaveDraft(Box::new(self.checkin.clone()))]
    }

    fn next(&mut self) -> Vec<Effect> {
        let step = self.checkin.next_step();
        self.go_to(step)
    }

    fn previous(&mut self) -> Vec<Effect> {
        match self.checkin.previous_step() {
            Some(step) => self.go_to(step),
            None => vec![],
        }
    }

    fn answer(&mut self, value: Option<i64>) -> Vec<Effect> {
        if let Step::Question(i) = self.checkin.step
            && let Some(q) = self.checkin.questions.get_mut(i)
        {
            q.value = value;
        }
        self.next()
    }

    fn on_action(&mut self, action: Action) -> Vec<Effect> {
        let scale = self.checkin.scale.clone();
        match (self.checkin.step, action) {
            (_, Action::CloseEditor) => {
                self.store_editor_text();
                self.editor = None;
                vec![Effect::SaveDraft(Box::new(self.checkin.clone()))]
            }
            (Step::FollowUp, Action::Outcome(outcome)) => self.choose_outcome(outcome),
            (Step::FollowUp, Action::Previous) => {
                // From the note back to choosing the outcome.
                self.store_editor_text();
                self.editor = None;
                vec![]
            }
            (Step::Question(_), Action::Digit(d)) if scale.contains(d) => {
                self.highlight = d;
                self.answer(Some(d))
            }
            (Step::Question(_), Action::Left) => {
                self.highlight = (self.highlight - 1).max(scale.min);
                vec![]
            }
            (Step::Question(_), Action::Right) => {
                self.highlight = (self.highlight + 1).min(scale.max);
                vec![]
            }
            (Step::Question(_), Action::Confirm) => self.answer(Some(self.highlight)),
            (Step::Question(_), Action::Skip) => self.answer(None),
            (Step::Question(_), Action::Back) | (_, Action::Previous) => self.previous(),
            (Step::Question(i), Action::Note) => {
                let text = self
                    .checkin
                    .questions
                    .get(i)
                    .map(|q| q.note.clone())
                    .unwrap_or_default();
                self.open_editor(Field::Note(i), &text);
                vec![]
            }
            (_, Action::Next) => self.next(),
            (Step::Review, Action::EditLabel) => {
                let text = self.checkin.label.clone();
                self.open_editor(Field::Label, &text);
                vec![]
            }
            (Step::Review, Action::Save) => {
                vec![Effect::SaveSnapshot(Box::new(self.checkin.clone()))]
            }
            _ => vec![],
        }
    }

    fn choose_outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        let Some(f) = self.checkin.follow_up.as_mut() else {
            return vec![];
        };
        f.outcome = Some(outcome);
        let note = f.note.clone();
        self.open_editor(Field::FollowUpNote, &note);
        vec![Effect::SaveDraft(Box::new(self.checkin.clone()))]
    }
}

/// Put `text` into the part of the check-in that `field` fills.
pub fn set_field(c: &mut CheckIn, field: Field, text: String) {
    match field {
        Field::Note(i) => {
            if let Some(q) = c.questions.get_mut(i) {
                q.note = text;
            }
        }
        Field::FollowUpNote => {
            if let Some(f) = c.follow_up.as_mut() {
                f.note = text;
            }
        }
        Field::Reflection(i) => {
            if let Some(r) = c.reflections.get_mut(i) {
                r.text = text;
            }
        }
        Field::Commitment => c.commitment = text,
        Field::Label => c.label = text.replace('\n', " ").trim().to_string(),
    }
}

/// What a file from the user's editor becomes in `field`: the one trailing
/// newline editors add is dropped, as are control characters other than
/// line breaks and tabs (and line breaks too in the one-line label). Text
/// beyond what a saved check-in may hold is cut; the limit is returned then.
#[must_use]
pub fn from_editor(field: Field, raw: &str) -> (String, Option<usize>) {
    let raw = raw.replace("\r\n", "\n");
    let raw = raw.strip_suffix('\n').unwrap_or(&raw);
    let single_line = field == Field::Label;
    let mut text: String = raw
        .chars()
        .map(|c| if single_line && c == '\n' { ' ' } else { c })
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect();
    if single_line {
        text = text.trim().to_string();
    }
    let limit = if single_line {
        MAX_LINE_CHARS
    } else {
        MAX_TEXT_CHARS
    };
    match text.char_indices().nth(limit) {
        Some((at, _)) => {
            text.truncate(at);
            (text, Some(limit))
        }
        None => (text, None),
    }
}

fn suggested_path() -> String {
    std::env::var_os("HOME").map(PathBuf::from).map_or_else(
        || "motive-check-in.toml".to_string(),
        |h| h.join("motive-check-in.toml").display().to_string(),
    )
}

fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}
