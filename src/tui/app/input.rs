//! Keys: to the overlay if one is open, else to the screen's own `update`,
//! and what either asks of the app; text typed into a field.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::brief_screen::{Back, Places};
use super::{App, CompareView, Detail, Effect, History, NO_EDITOR, Open, Overlay, Screen};
use crate::brief::Part;
use crate::tui::field::{Field, Typed};
use crate::tui::keys::{self, Action};
use crate::tui::layout;
use crate::tui::overlay::{self as dialog, Answer};
use crate::tui::screens::browse::{history, home};
use crate::tui::screens::checkin::{self, resume};

impl App {
    pub(super) fn on_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        if self.too_small() {
            return self.on_key_too_small(key);
        }
        self.clear_news();
        let context = self.context();
        let Some(action) = keys::action(context, key) else {
            return if context.is_text() {
                self.type_into_field(key)
            } else {
                vec![]
            };
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
            _ => self.on_screen_key(action),
        }
    }

    /// While the terminal is too small to show anything, nothing acts
    /// unseen: `q` and Ctrl-C leave at once (a check-in in progress is kept
    /// as its draft), and every other key waits.
    fn on_key_too_small(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        let q = key.code == KeyCode::Char('q') && !key.modifiers.contains(KeyModifiers::CONTROL);
        if !(q || ctrl_c) {
            self.ignored_keys += 1;
            return vec![];
        }
        self.overlay = None;
        self.quit = true;
        let mut effects = self.save_draft();
        effects.push(Effect::Quit);
        effects
    }

    /// A key for the screen itself: each screen's own `update` says what it
    /// does; what it asks of the app is done here.
    pub(super) fn on_screen_key(&mut self, action: Action) -> Vec<Effect> {
        let count = self.home.snapshots.len();
        let body = self.areas().map(|a| a.body);
        if action == Action::Brief {
            return self.open_brief();
        }
        match &mut self.screen {
            Screen::Unlock(u) => u.update(action).map(Effect::Unlock).into_iter().collect(),
            Screen::Home => match home::update(action, self.read_only) {
                Some(home::Request::Start) => vec![Effect::Open],
                Some(home::Request::History) => self.open_history(),
                Some(home::Request::Compare) => self.open_compare(None),
                Some(home::Request::Commitments) => self.load(Open::Commitments),
                Some(home::Request::Discard) => {
                    self.overlay = Some(Overlay::ConfirmDiscard);
                    vec![]
                }
                Some(home::Request::YearAgo) => self.open_year_ago(),
                None => vec![],
            },
            Screen::Notice(notice) if notice.busy && action == Action::History => {
                // Another process is writing: browse, but start nothing.
                self.read_only = true;
                self.open_history()
            }
            Screen::Notice(_) => vec![],
            Screen::Resume(offer) => match resume::update(action) {
                Some(resume::Request::Resume) => {
                    vec![Effect::Begin(Some(Box::new(offer.draft.clone())))]
                }
                Some(resume::Request::Discard) => {
                    self.overlay = Some(Overlay::ConfirmDiscard);
                    vec![]
                }
                None => vec![],
            },
            Screen::Flow(flow) => {
                let effects = checkin::update(flow, action);
                self.after_flow(effects)
            }
            Screen::Result(_) if action == Action::OpenCompare => self.open_compare(None),
            Screen::Result(saved) => {
                if let Some(body) = body {
                    saved.update(action, &self.theme, body);
                }
                vec![]
            }
            Screen::History(h) => {
                let page = body.map_or(1, |body| {
                    let [list, _] = layout::history(body);
                    let (_, table) = layout::history_search(list, h.search.is_some());
                    layout::history_rows(table)
                });
                match h.update(action, count, page) {
                    Some(request) => {
                        let h = h.clone();
                        self.on_history(h, request)
                    }
                    None => vec![],
                }
            }
            Screen::Detail(d) => {
                let asked = body.and_then(|body| d.update(action, &self.theme, body));
                self.thread_of(action, asked)
            }
            Screen::Commitments(c) => {
                if let Some(body) = body {
                    c.update(action, &self.theme, body);
                }
                vec![]
            }
            Screen::Compare(c) => {
                let asked = body.and_then(|body| c.update(action, &self.theme, body));
                self.thread_of(action, asked)
            }
            Screen::Thread { view, .. } => {
                if let Some(body) = body {
                    view.update(action, &self.theme, body);
                }
                vec![]
            }
            Screen::Events(_) => self.on_events_key(action),
            Screen::Brief(b) => {
                let remembered = self.brief_include.as_deref().unwrap_or(&Part::DEFAULT);
                let places = Places {
                    work: self.work_dir.as_deref(),
                    home: self.home_dir.as_deref(),
                };
                body.and_then(|body| b.update(action, body, places, remembered))
                    .into_iter()
                    .collect()
            }
        }
    }

    /// `t` on a check-in or a comparison: the driver reads the story of
    /// the prompt asked for; with no reflection to follow, the status says so.
    fn thread_of(&mut self, action: Action, prompt: Option<String>) -> Vec<Effect> {
        match prompt {
            Some(prompt) => vec![Effect::Thread(prompt)],
            None if action == Action::Thread => {
                self.fading_status("No reflection here to follow over time.".into());
                vec![]
            }
            None => vec![],
        }
    }

    pub(super) fn on_history(&mut self, h: History, request: history::Request) -> Vec<Effect> {
        match request {
            history::Request::Open(index, seek) => self.load(Open::Detail {
                index,
                back: Some(h),
                seek,
            }),
            history::Request::Search(words) => {
                let query = h.search.map(|s| s.query).unwrap_or_default();
                vec![Effect::Search { query, words }]
            }
            history::Request::Compare => self.open_compare(Some(h)),
            history::Request::Delete(index) => {
                self.overlay = Some(Overlay::ConfirmDelete(index));
                vec![]
            }
            history::Request::Events => self.open_events(h),
        }
    }

    /// Effects from the check-in: a saved draft ends the wait for typing.
    pub(super) fn after_flow(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        if effects.iter().any(|e| matches!(e, Effect::SaveDraft(_))) {
            self.typing = None;
        }
        effects
    }

    /// Ctrl-E: the open text field goes to the user's editor, if there is one.
    pub(super) fn open_external_editor(&mut self) -> Vec<Effect> {
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        match (flow.editor.is_some(), self.editor.is_some()) {
            (false, _) => vec![],
            (true, false) => {
                self.fading_status(NO_EDITOR.to_string());
                vec![]
            }
            (true, true) => flow.to_editor().into_iter().collect(),
        }
    }

    /// What the user's editor wrote replaces the field's text; the draft is
    /// saved at once, as after any step.
    pub(super) fn on_edited(&mut self, field: Field, raw: &str) -> Vec<Effect> {
        let Screen::Flow(flow) = &mut self.screen else {
            return vec![];
        };
        let cut = flow.edited(field, raw);
        let draft = flow.draft();
        self.typing = None;
        self.status = None;
        self.status_fades = false;
        if let Some(limit) = cut {
            self.fading_status(format!(
                "Your editor's text was longer than the {limit} characters a field holds: the rest was left out."
            ));
        }
        vec![draft]
    }

    pub(super) fn on_quit(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::History(_) | Screen::Commitments(_) => {
                self.screen = Screen::Home;
                vec![]
            }
            Screen::Events(e) => {
                self.screen = Screen::History(e.back.clone());
                vec![]
            }
            Screen::Detail(Detail { back, .. }) | Screen::Compare(CompareView { back, .. }) => {
                self.screen = back.clone().map_or(Screen::Home, Screen::History);
                vec![]
            }
            Screen::Brief(_) => {
                let screen = std::mem::replace(&mut self.screen, Screen::Home);
                if let Screen::Brief(b) = screen {
                    self.screen = match b.back {
                        Back::Home => Screen::Home,
                        Back::Detail(d) => Screen::Detail(d),
                        Back::Result(saved) => Screen::Result(saved),
                    };
                }
                vec![]
            }
            Screen::Thread { back, .. } => {
                self.screen = (**back).clone();
                vec![]
            }
            Screen::Flow(_) => {
                self.overlay = Some(match &self.draft_failed {
                    Some(reason) => Overlay::Unsaved(reason.clone()),
                    None => Overlay::ConfirmQuit,
                });
                vec![]
            }
            _ => {
                self.quit = true;
                vec![Effect::Quit]
            }
        }
    }

    pub(super) fn on_overlay(&mut self, overlay: Overlay, action: Action) -> Vec<Effect> {
        let digits = self.digits();
        let help_limit = dialog::help_limit(&self.under(digits.as_deref()), self.size);
        match overlay.update(action, help_limit, self.home_dir.as_deref()) {
            Answer::Close => vec![],
            Answer::Keep(overlay) => {
                self.overlay = Some(overlay);
                vec![]
            }
            Answer::Leave => {
                self.quit = true;
                let mut effects = self.save_draft();
                effects.push(Effect::Quit);
                effects
            }
            Answer::LeaveUnsaved => {
                self.quit = true;
                self.lost = true;
                vec![Effect::Quit]
            }
            Answer::RetryDraft => self.save_draft(),
            Answer::Delete(index) => match self.home.snapshots.get(index) {
                Some(s) => vec![Effect::Trash(s.id.clone())],
                None => vec![],
            },
            Answer::DeleteEvent(index) => self.delete_event(index),
            Answer::Discard => {
                self.screen = Screen::Home;
                vec![Effect::DiscardDraft, Effect::Begin(None)]
            }
            Answer::Retry => match &self.screen {
                Screen::Flow(flow) => vec![Effect::SaveSnapshot(Box::new(flow.checkin.clone()))],
                _ => vec![],
            },
            Answer::WriteTo(path) => match &self.screen {
                Screen::Flow(flow) => {
                    vec![Effect::SaveSnapshotTo(Box::new(flow.checkin.clone()), path)]
                }
                _ => vec![],
            },
        }
    }

    /// A key that types into the open text field (or the path dialog).
    pub(super) fn type_into_field(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let typed = match (&mut self.overlay, &mut self.screen) {
            (Some(overlay), _) => {
                overlay.type_key(key);
                Typed::Unchanged
            }
            (None, Screen::Flow(flow)) => flow.type_key(key),
            (None, Screen::History(h)) => {
                match key.code {
                    _ if key.modifiers.contains(KeyModifiers::CONTROL) => {}
                    KeyCode::Char(c) => h.type_char(Some(c)),
                    KeyCode::Backspace => h.type_char(None),
                    _ => {}
                }
                return vec![];
            }
            (None, Screen::Events(_)) => self.type_into_event_form(key),
            (None, Screen::Brief(b)) => {
                b.type_key(key);
                Typed::Unchanged
            }
            (None, Screen::Unlock(u)) => {
                u.type_key(key);
                Typed::Unchanged
            }
            _ => Typed::Unchanged,
        };
        self.after_typing(typed)
    }

    /// Pasted text (bracketed paste): one edit of the open field, however
    /// long, never thousands of keys.
    pub(super) fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        if self.too_small() {
            return vec![];
        }
        self.clear_news();
        let typed = match (&mut self.overlay, &mut self.screen) {
            (Some(overlay), _) => {
                overlay.paste(text);
                Typed::Unchanged
            }
            (None, Screen::Flow(flow)) => flow.paste(text),
            (None, Screen::History(h)) => {
                // One line of words: line breaks become spaces.
                text.chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .for_each(|c| h.type_char(Some(c)));
                return vec![];
            }
            (None, Screen::Events(_)) => self.paste_into_event_form(text),
            (None, Screen::Brief(b)) => {
                b.paste(text);
                Typed::Unchanged
            }
            (None, Screen::Unlock(u)) => {
                u.paste(text);
                Typed::Unchanged
            }
            _ => Typed::Unchanged,
        };
        self.after_typing(typed)
    }

    /// The draft is saved a moment after typing stops; a full field says so.
    fn after_typing(&mut self, typed: Typed) -> Vec<Effect> {
        if typed != Typed::Unchanged {
            self.typing = Some(0);
        }
        if typed == Typed::Full
            && let Screen::Flow(flow) = &self.screen
            && let Some(field) = flow.open_field()
        {
            self.fading_status(field.full());
        }
        vec![]
    }
}
