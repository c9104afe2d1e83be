//! Text fields: which part of a check-in a field fills, the field being
//! edited, and how text from the keyboard or the user's own editor becomes
//! that part's text; a file name typed with `~/`.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::checkin::CheckIn;
use crate::store::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use crate::text::policy::{self, Kind};

/// A part of the check-in that is written rather than chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Note(usize),
    FollowUpNote,
    Reflection(usize),
    Commitment,
    Label,
    /// The day of a life event, as typed: `2026-06-01` or `today`.
    EventDay,
    /// What happened, in a few words.
    EventLabel,
    /// A note on a life event (the events screen's form).
    EventNote,
}

impl Field {
    /// The label is one line; every other field takes line breaks.
    #[must_use]
    pub fn is_single_line(self) -> bool {
        matches!(
            self,
            Self::Label | Self::EventDay | Self::EventLabel | Self::EventNote
        )
    }

    /// The most characters the field holds: what a saved check-in may hold.
    #[must_use]
    pub fn limit(self) -> usize {
        if self == Self::EventLabel {
            crate::events::MAX_LABEL_CHARS
        } else if self.is_single_line() {
            MAX_LINE_CHARS
        } else {
            MAX_TEXT_CHARS
        }
    }

    /// The field as people name it, e.g. "the note on statement 3".
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Note(i) => format!("The note on statement {}", i + 1),
            Self::FollowUpNote => "The note on last time's commitment".to_string(),
            Self::Reflection(i) => format!("Reflection {}", i + 1),
            Self::Commitment => "The commitment".to_string(),
            Self::Label => "The label".to_string(),
            Self::EventDay => "The day".to_string(),
            Self::EventLabel => "What happened".to_string(),
            Self::EventNote => "The note".to_string(),
        }
    }

    /// What a full field says when more is typed or pasted into it.
    #[must_use]
    pub fn full(self) -> String {
        format!(
            "{} is full: a field holds at most {} characters, so the rest was left out.",
            self.describe(),
            grouped(self.limit())
        )
    }
}

/// `20000` as people read it: `20,000`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a key or a paste did to a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Changed,
    Unchanged,
    /// The field is at its limit: some or all of it was left out.
    Full,
}

/// A text field being edited, and which part of the check-in it fills.
#[derive(Debug, Clone)]
pub struct TextField {
    pub field: Field,
    pub area: TextArea<'static>,
}

impl TextField {
    /// A field holding `text`, with the cursor at its end (where writing
    /// goes on). Lines wrap at word boundaries; a word wider than the field
    /// breaks rather than running out of sight.
    #[must_use]
    pub fn new(field: Field, text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Self { field, area }
    }

    /// A field holding `text` with the cursor at its start, so its first
    /// lines are on screen (after the user's own editor, say).
    #[must_use]
    pub fn at_start(field: Field, text: &str) -> Self {
        let mut this = Self::new(field, text);
        this.area.move_cursor(CursorMove::Top);
        this.area.move_cursor(CursorMove::Head);
        this
    }

    /// Draw the field inside `block` in `area`. The field itself is drawn,
    /// not a copy, so where it is scrolled to is kept from frame to frame
    /// and the cursor stays in view.
    pub fn draw(&self, block: Block<'_>, placeholder: Option<&str>, frame: &mut Frame, area: Rect) {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if let (Some(text), true) = (placeholder, self.area.is_empty()) {
            // The placeholder is drawn by the field only when it has one:
            // a copy with it set costs nothing while the field is empty.
            let mut empty = self.area.clone();
            empty.set_placeholder_text(text);
            frame.render_widget(&empty, inner);
        } else {
            frame.render_widget(&self.area, inner);
        }
    }

    /// What the field holds.
    #[must_use]
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// How many characters the field holds now (a line break counts one).
    #[must_use]
    pub fn chars(&self) -> usize {
        let lines = self.area.lines();
        lines.iter().map(|l| l.chars().count()).sum::<usize>() + lines.len().saturating_sub(1)
    }

    /// Type a key. Enter does nothing in a one-line field, and a full field
    /// takes no more characters.
    pub fn input(&mut self, key: &KeyEvent) -> Typed {
        let adds = matches!(key.code, KeyCode::Char(_) | KeyCode::Tab)
            || (key.code == KeyCode::Enter && !self.field.is_single_line());
        if self.field.is_single_line() && key.code == KeyCode::Enter {
            return Typed::Unchanged;
        }
        if adds && self.chars() >= self.field.limit() {
            return Typed::Full;
        }
        // What no saved text may hold (a control or bidi character) is not
        // typed in; a joiner is, for the emoji and scripts that need it.
        if let KeyCode::Char(c) = key.code
            && policy::refused(c).is_some()
            && !matches!(c, '\u{200C}' | '\u{200D}')
        {
            return Typed::Unchanged;
        }
        if self.area.input(*key) {
            Typed::Changed
        } else {
            Typed::Unchanged
        }
    }

    /// Paste `raw` at the cursor as one edit, cleaned as the user's editor's
    /// text is, and cut at the field's limit.
    pub fn paste(&mut self, raw: &str) -> Typed {
        // Terminals paste line breaks as carriage returns.
        let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
        let (text, over) = clean(self.field, &raw);
        let room = self.field.limit().saturating_sub(self.chars());
        let fits: String = text.chars().take(room).collect();
        let cut = over.is_some() || fits.len() < text.len();
        let changed = self.area.insert_str(&fits);
        match (cut, changed) {
            (true, _) => Typed::Full,
            (false, true) => Typed::Changed,
            (false, false) => Typed::Unchanged,
        }
    }
}

/// Put `text` into the part of the check-in that `field` fills, as the text
/// policy lets a check-in hold it (a joiner left stray is dropped).
pub fn set_field(c: &mut CheckIn, field: Field, text: String) {
    let text = policy::clean(&text, Kind::Text);
    match field {
        Field::Note(i) => {
            if let Some(q) = c.questions.get_mut(i) {
                q.note = text;
            }
        }
        Field::FollowUpNote => {
            if let Some(f) = CheckIn::follow_up_index(c.step).and_then(|i| c.follow_ups.get_mut(i))
            {
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
        Field::EventDay | Field::EventLabel => {
            if let Some(e) = c.event.as_mut() {
                let line = text.replace('\n', " ");
                if field == Field::EventDay {
                    e.day = line;
                } else {
                    e.label = line;
                }
            }
        }
        // Only the events screen's form has a note; it keeps its own text.
        Field::EventNote => {}
    }
}

/// What a file from the user's editor becomes in `field`: the one trailing
/// newline editors add is dropped, as are control characters other than
/// line breaks and tabs (and line breaks too in the one-line label). Text
/// beyond what a saved check-in may hold is cut; the limit is returned then.
#[must_use]
pub fn from_editor(field: Field, raw: &str) -> (String, Option<usize>) {
    let raw = raw.replace("\r\n", "\n");
    clean(field, raw.strip_suffix('\n').unwrap_or(&raw))
}

/// Text from outside the field (a file, a paste) as the field takes it,
/// by the one text policy every check-in is saved under (the label on one
/// line, trimmed), cut at the field's limit, which is returned when it cut.
fn clean(field: Field, raw: &str) -> (String, Option<usize>) {
    let mut text = if field.is_single_line() {
        policy::clean(raw, Kind::Line).trim().to_string()
    } else {
        policy::clean(raw, Kind::Text)
    };
    let limit = field.limit();
    match text.char_indices().nth(limit) {
        Some((at, _)) => {
            text.truncate(at);
            (text, Some(limit))
        }
        None => (text, None),
    }
}

/// `~/x` in the home directory; any other path as it is.
#[must_use]
pub fn expand_home(path: &str, home: Option<&Path>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}
