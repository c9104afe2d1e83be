//! The check-in in progress and moving between its steps. Each step's keys
//! and drawing are in the step's own file; this is what they share.

use ratatui::crossterm::event::KeyEvent;

use crate::checkin::{CheckIn, Step};
use crate::last_time::LastTime;
use crate::snapshot::Outcome;
use crate::tui::effect::Effect;
use crate::tui::field::{Field, TextField, Typed, from_editor, set_field};
use crate::tui::keys::Context;
use crate::year_ago::YearAgo;

/// The check-in flow: the check-in itself plus what the screen needs.
#[derive(Debug, Clone)]
pub struct Flow {
    pub checkin: CheckIn,
    /// The highlighted option on a statement's scale: none until the
    /// person chooses one (a digit, an arrow, a click).
    pub highlight: Option<i64>,
    /// A digit typed that may begin a two-digit answer (`1` on a 0-10
    /// scale): it is highlighted, and the next digit completes it.
    pub pending: Option<i64>,
    /// The text field being written in, if any.
    pub editor: Option<TextField>,
    /// The bank's instructions are on screen, before anything is asked.
    pub intro: bool,
    /// What was answered and written at earlier check-ins.
    pub last_time: LastTime,
    /// Whether last time's answers are shown (a key hides them).
    pub show_last_time: bool,
    /// A word about the last key, e.g. why Enter did nothing; gone with
    /// the next key.
    pub hint: Option<String>,
    /// Saving was asked for a check-in with no score: waiting for a yes.
    pub confirm_empty: bool,
    /// What the check-in of about a year ago said, for the intro.
    pub year_ago: Option<YearAgo>,
}

impl Flow {
    /// A flow at the check-in's current step, with last time's answers
    /// beside it. A check-in where nothing is answered yet opens with the
    /// bank's instructions.
    #[must_use]
    pub fn new(checkin: CheckIn, last_time: LastTime) -> Self {
        let intro = checkin.is_untouched();
        let mut flow = Self {
            checkin,
            highlight: None,
            pending: None,
            editor: None,
            intro,
            last_time,
            show_last_time: true,
            hint: None,
            confirm_empty: false,
            year_ago: None,
        };
        flow.enter_step();
        flow
    }

    /// Save the check-in as it is now.
    #[must_use]
    pub fn draft(&self) -> Effect {
        Effect::SaveDraft(Box::new(self.checkin.clone()))
    }

    /// Set up the screen for the current step: highlight, text field.
    pub fn enter_step(&mut self) {
        self.editor = None;
        self.pending = None;
        self.confirm_empty = false;
        let c = &self.checkin;
        match c.step {
            Step::Question(i) => {
                self.highlight = c.questions.get(i).and_then(|q| q.value);
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
            Step::FollowUp(_) => {
                if let Some(f) = c.current_follow_up().filter(|f| f.outcome.is_some()) {
                    let text = f.note.clone();
                    self.open_editor(Field::FollowUpNote, &text);
                }
            }
            Step::Event => {
                let text = c
                    .event
                    .as_ref()
                    .map(|e| e.label.clone())
                    .unwrap_or_default();
                self.open_editor(Field::EventLabel, &text);
            }
            Step::Review => {}
        }
    }

    /// The key table of the current step, or of its open text field.
    #[must_use]
    pub fn context(&self) -> Context {
        if self.intro {
            return Context::Intro;
        }
        if self.confirm_empty {
            return Context::ConfirmEmpty;
        }
        match (self.open_field(), self.checkin.step) {
            (Some(Field::Note(_)), _) => Context::Note,
            (Some(Field::FollowUpNote), _) => Context::FollowUpNote,
            (Some(Field::Label), _) => Context::Label,
            (Some(Field::EventDay | Field::EventLabel | Field::EventNote), _)
            | (None, Step::Event) => Context::Event,
            (Some(Field::Reflection(_) | Field::Commitment), _) => Context::Text,
            (None, Step::FollowUp(_)) => Context::FollowUp,
            (None, Step::Question(_)) => Context::Question,
            (None, Step::Review) => Context::Review,
            (None, Step::Reflection(_) | Step::Commitment) => Context::Text,
        }
    }

    /// Type a key into the open text field.
    pub fn type_key(&mut self, key: &KeyEvent) -> Typed {
        let typed = self
            .editor
            .as_mut()
            .map_or(Typed::Unchanged, |e| e.input(key));
        self.after_typing(typed)
    }

    /// Paste into the open text field, as one edit.
    pub fn paste(&mut self, text: &str) -> Typed {
        let typed = self
            .editor
            .as_mut()
            .map_or(Typed::Unchanged, |e| e.paste(text));
        self.after_typing(typed)
    }

    fn after_typing(&mut self, typed: Typed) -> Typed {
        if typed != Typed::Unchanged {
            self.store_editor_text();
        }
        typed
    }

    /// Hand the open text field to the user's editor.
    pub fn to_editor(&mut self) -> Option<Effect> {
        self.store_editor_text();
        let editor = self.editor.as_ref()?;
        Some(Effect::Edit {
            field: editor.field,
            text: editor.text(),
        })
    }

    /// What the user's editor wrote becomes `field`'s text, cleaned as typed
    /// text is; the limit is returned when some had to be left out.
    pub fn edited(&mut self, field: Field, raw: &str) -> Option<usize> {
        let (text, cut) = from_editor(field, raw);
        if self.open_field() == Some(field) {
            // Back from the editor, the text is read from its start.
            self.editor = Some(TextField::at_start(field, &text));
            self.store_editor_text();
        } else {
            // The field is no longer on screen: keep the text all the same.
            set_field(&mut self.checkin, field, text);
        }
        cut
    }

    pub fn open_editor(&mut self, field: Field, text: &str) {
        self.editor = Some(TextField::new(field, text));
    }

    /// Which field is open, if any.
    #[must_use]
    pub fn open_field(&self) -> Option<Field> {
        self.editor.as_ref().map(|e| e.field)
    }

    /// Copy the text field into the check-in, so the next draft has it.
    pub fn store_editor_text(&mut self) {
        let Some(editor) = &self.editor else { return };
        let text = editor.text();
        set_field(&mut self.checkin, editor.field, text);
    }

    /// Keep the open field's text and close it.
    pub fn close_editor(&mut self) {
        self.store_editor_text();
        self.editor = None;
    }

    pub fn go_to(&mut self, step: Step) -> Vec<Effect> {
        self.store_editor_text();
        self.checkin.step = step;
        self.enter_step();
        vec![self.draft()]
    }

    pub fn forward(&mut self) -> Vec<Effect> {
        let step = self.checkin.next_step();
        self.go_to(step)
    }

    pub fn back(&mut self) -> Vec<Effect> {
        match self.checkin.previous_step() {
            Some(step) => self.go_to(step),
            None => vec![],
        }
    }

    /// How the commitment on screen went; its note opens.
    pub fn choose_outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        let Some(f) = CheckIn::follow_up_index(self.checkin.step)
            .and_then(|i| self.checkin.follow_ups.get_mut(i))
        else {
            return vec![];
        };
        f.outcome = Some(outcome);
        let note = f.note.clone();
        self.open_editor(Field::FollowUpNote, &note);
        vec![self.draft()]
    }
}
