//! The TUI's state, its messages, and the pure `update` that turns a message
//! into a new state and a list of effects for the driver to perform.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::keys::{self, Action, Context};
use super::theme::Theme;
use crate::checkin::{CheckIn, Step};
use crate::score::{self, Comparison, DimensionScore};
use crate::snapshot::{Outcome, Snapshot};

/// How many ticks (of [`TICK_MS`]) after the last keystroke a draft is saved.
pub const SAVE_AFTER_TICKS: u8 = 8;
/// The driver sends a [`Msg::Tick`] this often when no key arrives.
pub const TICK_MS: u64 = 250;

/// What the home screen shows; gathered by the driver from the store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HomeInfo {
    /// The latest check-in, if any.
    pub latest: Option<Snapshot>,
    /// Its scores.
    pub scores: Vec<DimensionScore>,
    /// "A check-in is due" or "Next check-in due on ...".
    pub due: String,
    /// How many check-ins there are.
    pub count: usize,
}

impl HomeInfo {
    #[must_use]
    pub fn new(latest: Option<Snapshot>, count: usize, due: String) -> Self {
        let scores = latest.as_ref().map(score::scores).unwrap_or_default();
        Self {
            latest,
            scores,
            due,
            count,
        }
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
}

// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    ConfirmDiscard,
    SaveFailed(String),
    PathInput {
        reason: String,
        area: TextArea<'static>,
    },
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
    /// Ticks since the last keystroke in a text field, while a save is pending.
    pub typing: Option<u8>,
    pub quit: bool,
}

/// Something that happened.
// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Tick,
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
            typing: None,
            quit: false,
        }
    }

    /// The key table that applies now.
    #[must_use]
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::ConfirmQuit) => return Context::ConfirmQuit,
            Some(Overlay::ConfirmDiscard) => return Context::ConfirmDiscard,
            Some(Overlay::SaveFailed(_)) => return Context::SaveFailed,
            Some(Overlay::PathInput { .. }) => return Context::PathInput,
            None => {}
        }
        match &self.screen {
            Screen::Home if self.read_only => Context::HomeReadOnly,
            Screen::Home => Context::Home,
            Screen::Resume(_) => Context::Resume,
            Screen::Result(_) => Context::Result,
            Screen::Notice { busy: true, .. } => Context::NoticeBusy,
            Screen::Notice { .. } => Context::Notice,
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
            Msg::Tick => self.on_tick(),
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

    fn on_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
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
                self.overlay = Some(Overlay::Help);
                vec![]
            }
            Action::Quit => self.on_quit(),
            _ => match &mut self.screen {
                Screen::Home | Screen::Notice { .. } => match action {
                    Action::Start => vec![Effect::Open],
                    Action::History => {
                        self.read_only = true;
                        self.screen = Screen::Home;
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
                Screen::Flow(flow) => {
                    let effects = flow.on_action(action);
                    if effects.iter().any(|e| matches!(e, Effect::SaveDraft(_))) {
                        self.typing = None;
                    }
                    effects
                }
                Screen::Result(_) => vec![],
            },
        }
    }

    fn on_quit(&mut self) -> Vec<Effect> {
        match self.screen {
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
            (Overlay::ConfirmQuit, Action::Yes) => {
                self.quit = true;
                let mut effects = self.save_draft();
                effects.push(Effect::Quit);
                effects
            }
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
        let c = &mut self.checkin;
        match editor.field {
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
