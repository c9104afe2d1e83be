//! Text fields: which part of a check-in a field fills, the field being
//! edited, and how text from the keyboard or the user's own editor becomes
//! that part's text.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

use crate::checkin::CheckIn;
use crate::store::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

/// A part of the check-in that is written rather than chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note(usize),
    FollowUpNote,
    Reflection(usize),
    Commitment,
    Label,
}

impl Field {
    /// The label is one line; every other field takes line breaks.
    #[must_use]
    pub fn is_single_line(self) -> bool {
        self == Self::Label
    }
}

/// A text field being edited, and which part of the check-in it fills.
#[derive(Debug, Clone)]
pub struct TextField {
    pub field: Field,
    pub area: TextArea<'static>,
}

impl TextField {
    /// A field holding `text`, with the cursor at its end.
    #[must_use]
    pub fn new(field: Field, text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { field, area }
    }

    /// What the field holds.
    #[must_use]
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Type a key; true when the text changed. Enter does nothing in a
    /// one-line field.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        if self.field.is_single_line() && key.code == KeyCode::Enter {
            return false;
        }
        self.area.input(*key)
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
    let single_line = field.is_single_line();
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
