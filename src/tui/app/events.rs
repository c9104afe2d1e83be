//! The life events screen's part of the app: opening it from history, what
//! its keys ask for (the form's save, a removal after the dialog), typing
//! into its form, and the driver's answer once the events have changed.

use ratatui::crossterm::event::KeyEvent;

use super::{App, Effect, History, Overlay, Overview, Screen};
use crate::tui::field::Typed;
use crate::tui::keys::Action;
use crate::tui::screens::browse::events::{self, EventForm, EventsView, Request};

impl App {
    /// The events, from the history as it is (Esc goes back to it).
    pub(super) fn open_events(&mut self, back: History) -> Vec<Effect> {
        self.screen = Screen::Events(EventsView::new(self.home.events.len(), back));
        vec![]
    }

    /// A key on the events screen or in its form.
    pub(super) fn on_events_key(&mut self, action: Action) -> Vec<Effect> {
        let read_only = self.read_only;
        let Screen::Events(view) = &mut self.screen else {
            return vec![];
        };
        match view.update(action, &self.home.events, read_only) {
            Some(Request::Save {
                replacing,
                day,
                label,
                note,
            }) => vec![Effect::SaveEvent {
                replacing,
                day,
                label,
                note,
            }],
            Some(Request::Delete(index)) => {
                if let Some(event) = self.home.events.get(index) {
                    self.overlay = Some(Overlay::ConfirmDeleteEvent {
                        index,
                        name: events::name(event),
                    });
                }
                vec![]
            }
            None => vec![],
        }
    }

    /// "Yes" in the removal dialog.
    pub(super) fn delete_event(&self, index: usize) -> Vec<Effect> {
        self.home
            .events
            .get(index)
            .map(|e| Effect::TrashEvent(e.id.clone()))
            .into_iter()
            .collect()
    }

    /// The form, when the events screen has it open.
    fn event_form(&mut self) -> Option<&mut EventForm> {
        match &mut self.screen {
            Screen::Events(view) => view.form.as_mut(),
            _ => None,
        }
    }

    /// A key typed into the form, if it is open.
    pub(super) fn type_into_event_form(&mut self, key: &KeyEvent) -> Typed {
        self.event_form()
            .map_or(Typed::Unchanged, |form| form.type_key(key))
    }

    /// Text pasted into the form, if it is open.
    pub(super) fn paste_into_event_form(&mut self, text: &str) -> Typed {
        self.event_form()
            .map_or(Typed::Unchanged, |form| form.paste(text))
    }

    /// The events changed on disk: the listing is reloaded, `id` (the
    /// event kept) selected, and `note` says what happened.
    pub(super) fn on_events_changed(&mut self, home: Overview, id: Option<&str>, note: String) {
        self.home = home;
        if let Screen::Events(view) = &mut self.screen {
            view.changed(&self.home.events, id);
        }
        self.fading_status(note);
    }

    /// A change could not be made: the form, if open, says why and keeps
    /// what was typed; otherwise the status line does.
    pub(super) fn on_event_failed(&mut self, reason: String) {
        match self.event_form() {
            Some(form) => form.error = Some(reason),
            None => self.fading_status(reason),
        }
    }
}
