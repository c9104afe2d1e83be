//! The unlock screen: an encrypted data dir, and no passphrase given by
//! `MOTIVE_PASSPHRASE` or `passphrase_command`, so the TUI asks for it in a
//! masked field before it reads anything of the store. Tab switches the
//! field to the recovery key. Its state, its keys and its drawing.
//!
//! The typed text is never drawn (every character shows as the mask), has
//! no undo history, and leaves the field when Enter hands it over: the
//! field's lines are wiped, and the text travels as a `SecretString`,
//! which wipes itself when dropped.

use age::secrecy::zeroize::Zeroize;
use age::secrecy::{ExposeSecret, SecretString};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use crate::text::escape_line;
use crate::tui::keys::{Action, Context};
use crate::tui::layout;
use crate::tui::theme::Theme;

/// Each typed character is drawn as this.
pub const MASK: char = '•';

/// No passphrase or recovery key is longer: more is not taken.
pub const MAX_CHARS: usize = 1024;

/// What the field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secret {
    Passphrase,
    /// The recovery key `motive encrypt` printed.
    Recovery,
}

/// Where the app goes once the data dir is unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Home,
    /// `motive check`: straight into a check-in.
    CheckIn,
}

/// Where the screen is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Typing,
    /// Enter was pressed on this many characters: the driver is unlocking
    /// (one scrypt, about a second).
    Unlocking(usize),
    /// The key file cannot be unlocked at all (missing, damaged): why, in
    /// the CLI's own words. Only quitting is left.
    Cannot(String),
}

/// What Enter hands to the driver: which secret, and its text.
#[derive(Clone)]
pub struct Entered {
    pub secret: Secret,
    pub text: SecretString,
}

impl std::fmt::Debug for Entered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entered")
            .field("secret", &self.secret)
            .finish_non_exhaustive()
    }
}

impl PartialEq for Entered {
    fn eq(&self, other: &Self) -> bool {
        self.secret == other.secret && self.text.expose_secret() == other.text.expose_secret()
    }
}

/// The unlock screen.
#[derive(Clone)]
pub struct Unlock {
    /// The data dir, as the screen names it.
    pub dir: String,
    pub secret: Secret,
    pub state: State,
    /// Why the last try did not unlock, to type again.
    pub wrong: Option<String>,
    /// How many tries did not unlock.
    pub tries: usize,
    pub then: Then,
    field: TextArea<'static>,
}

impl std::fmt::Debug for Unlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unlock")
            .field("dir", &self.dir)
            .field("secret", &self.secret)
            .field("state", &self.state)
            .field("wrong", &self.wrong)
            .field("tries", &self.tries)
            .field("then", &self.then)
            .field("typed", &self.typed_chars())
            .finish()
    }
}

impl Drop for Unlock {
    fn drop(&mut self) {
        self.clear();
    }
}

/// An empty field that keeps no undo history (it would hold the text).
fn empty_field(secret: Secret) -> TextArea<'static> {
    let mut field = TextArea::default();
    field.set_max_histories(0);
    field.set_mask_char(MASK);
    field.set_cursor_line_style(Style::default());
    field.set_block(field_block(secret));
    field
}

/// The field's border, titled with what it takes.
fn field_block(secret: Secret) -> Block<'static> {
    Block::bordered().title(match secret {
        Secret::Passphrase => " Passphrase ",
        Secret::Recovery => " Recovery key ",
    })
}

impl Unlock {
    /// The screen for the data dir `dir`; `usable` is `Err` with why when
    /// its key file cannot be unlocked at all.
    #[must_use]
    pub fn new(dir: &std::path::Path, then: Then, usable: Result<(), String>) -> Self {
        Self {
            dir: escape_line(&dir.display().to_string()).into_owned(),
            secret: Secret::Passphrase,
            state: usable.map_or_else(
                |why| State::Cannot(escape_line(&why).into_owned()),
                |()| State::Typing,
            ),
            wrong: None,
            tries: 0,
            then,
            field: empty_field(Secret::Passphrase),
        }
    }

    /// The key table that applies.
    #[must_use]
    pub fn context(&self) -> Context {
        match (&self.state, self.secret) {
            (State::Cannot(_), _) => Context::UnlockCannot,
            (_, Secret::Passphrase) => Context::Unlock,
            (_, Secret::Recovery) => Context::UnlockRecovery,
        }
    }

    /// How many characters are typed (never what they are).
    #[must_use]
    pub fn typed_chars(&self) -> usize {
        self.field.lines().iter().map(|l| l.chars().count()).sum()
    }

    /// Empty the field, wiping what it held.
    fn clear(&mut self) {
        let old = std::mem::replace(&mut self.field, empty_field(self.secret));
        for mut line in old.into_lines() {
            line.zeroize();
        }
    }

    /// Take the typed text out of the field, which is left empty.
    fn take(&mut self) -> SecretString {
        let old = std::mem::replace(&mut self.field, empty_field(self.secret));
        let mut lines = old.into_lines();
        // Sized once, so that no copy of the text is left behind by growing.
        let mut text = String::with_capacity(lines.iter().map(String::len).sum());
        for line in &mut lines {
            text.push_str(line);
            line.zeroize();
        }
        SecretString::from(text)
    }

    /// A key from the screen's table: Enter hands the text over (the
    /// driver unlocks, see `Effect::Unlock`), Tab switches between the
    /// passphrase and the recovery key.
    pub fn update(&mut self, action: Action) -> Option<Entered> {
        if let (State::Cannot(_), Action::SwitchSecret) = (&self.state, action) {
            // The key file cannot be unlocked: the recovery key may still
            // open its own file, `key.recovery.age`.
            self.state = State::Typing;
        } else if self.state != State::Typing {
            return None;
        }
        match action {
            Action::Confirm if self.typed_chars() == 0 => {
                self.wrong = Some(match self.secret {
                    Secret::Passphrase => "Type the passphrase first, then press Enter.".into(),
                    Secret::Recovery => "Type the recovery key first, then press Enter.".into(),
                });
                None
            }
            Action::Confirm => {
                self.state = State::Unlocking(self.typed_chars());
                Some(Entered {
                    secret: self.secret,
                    text: self.take(),
                })
            }
            Action::SwitchSecret => {
                self.secret = match self.secret {
                    Secret::Passphrase => Secret::Recovery,
                    Secret::Recovery => Secret::Passphrase,
                };
                self.wrong = None;
                self.clear();
                None
            }
            _ => None,
        }
    }

    /// A key typed into the field: characters, Backspace, Delete, the
    /// arrows, Home and End; Ctrl-U empties it. Nothing that would copy
    /// the text elsewhere (the field's cut and paste) is passed on.
    pub fn type_key(&mut self, key: &KeyEvent) {
        if self.state != State::Typing {
            return;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => self.clear(),
            KeyCode::Char(c) if plain && !c.is_control() && self.typed_chars() < MAX_CHARS => {
                self.field.insert_char(c);
            }
            KeyCode::Backspace => {
                self.field.delete_char();
            }
            KeyCode::Delete => {
                self.field.delete_next_char();
            }
            KeyCode::Left => self.field.move_cursor(CursorMove::Back),
            KeyCode::Right => self.field.move_cursor(CursorMove::Forward),
            KeyCode::Home => self.field.move_cursor(CursorMove::Head),
            KeyCode::End => self.field.move_cursor(CursorMove::End),
            _ => {}
        }
    }

    /// Text pasted into the field: its first line, without control characters.
    pub fn paste(&mut self, text: &str) {
        if self.state != State::Typing {
            return;
        }
        let room = MAX_CHARS.saturating_sub(self.typed_chars());
        for c in text
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .take(room)
        {
            self.field.insert_char(c);
        }
    }

    /// The driver could not unlock: when `wrong`, say so and take another
    /// try; else nothing typed can help, and the screen says why.
    pub fn failed(&mut self, wrong: bool, message: &str) {
        let message = escape_line(message);
        if wrong {
            self.tries += 1;
            self.state = State::Typing;
            self.wrong = Some(format!(
                "{}. Type it again ({} so far).",
                capitalised(&message),
                crate::text::count(self.tries, "wrong try", "wrong tries")
            ));
        } else {
            self.state = State::Cannot(message.into_owned());
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The field's height: one line between its borders.
const FIELD_ROWS: u16 = 3;

pub fn draw(theme: &Theme, unlock: &Unlock, frame: &mut Frame, area: Rect) {
    let area = layout::readable(area);
    if let State::Cannot(why) = &unlock.state {
        let lines = vec![
            Line::styled("This data dir cannot be unlocked", theme.error),
            Line::raw(""),
            Line::raw(capitalised(why)),
            Line::raw(""),
            Line::raw("Nothing was read or changed."),
            Line::raw(match unlock.secret {
                Secret::Passphrase => "Tab: type the recovery key instead. q quits.",
                Secret::Recovery => "Tab: type the passphrase instead. q quits.",
            }),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    }
    let how = match unlock.secret {
        Secret::Passphrase => {
            "Type its passphrase to read your check-ins. Each character shows as a dot."
        }
        Secret::Recovery => {
            "Type the recovery key that motive encrypt printed (AGE-SECRET-KEY-1…). Each character shows as a dot."
        }
    };
    let intro = vec![
        Line::styled("This data dir is encrypted", theme.strong),
        Line::styled(unlock.dir.clone(), theme.dim),
        Line::raw(""),
        Line::raw(how),
    ];
    let width = usize::from(area.width);
    let intro_rows = intro
        .iter()
        .map(|l| {
            let plain: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::text::wrap(&plain, width).len().max(1)
        })
        .sum::<usize>();
    let [top, _, field, _, below] = Layout::vertical([
        Constraint::Length(u16::try_from(intro_rows).unwrap_or(u16::MAX)),
        Constraint::Length(1),
        Constraint::Length(FIELD_ROWS),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: false }), top);
    // Drawn as it is: a copy of the field would be a copy of the text.
    let field = Rect {
        width: field.width.min(60),
        ..field
    };
    match unlock.state {
        // The text has left the field: as many masks as it had, no cursor.
        State::Unlocking(chars) => frame.render_widget(
            Paragraph::new(MASK.to_string().repeat(chars.min(usize::from(field.width))))
                .block(field_block(unlock.secret)),
            field,
        ),
        _ => frame.render_widget(&unlock.field, field),
    }
    let note = match (&unlock.state, &unlock.wrong) {
        (State::Unlocking(_), _) => Some(Line::styled(
            "Unlocking… (this takes about a second)",
            theme.strong,
        )),
        (_, Some(wrong)) => Some(Line::styled(wrong.clone(), theme.error)),
        _ => None,
    };
    if let Some(note) = note {
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: false }), below);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(unlock: &mut Unlock, text: &str) {
        for c in text.chars() {
            unlock.type_key(&key(KeyCode::Char(c)));
        }
    }

    fn screen() -> Unlock {
        Unlock::new(Path::new("/data"), Then::Home, Ok(()))
    }

    #[test]
    fn typing_fills_the_field_and_enter_hands_the_text_over_once() {
        let mut unlock = screen();
        typed(&mut unlock, "correct horze");
        unlock.type_key(&key(KeyCode::Backspace));
        unlock.type_key(&key(KeyCode::Backspace));
        typed(&mut unlock, "se");
        assert_eq!(unlock.typed_chars(), 13);
        let entered = unlock.update(Action::Confirm).expect("handed over");
        assert_eq!(entered.secret, Secret::Passphrase);
        assert_eq!(entered.text.expose_secret(), "correct horse");
        assert_eq!(unlock.state, State::Unlocking(13));
        assert_eq!(unlock.typed_chars(), 0, "the field is emptied");
        // While unlocking, nothing is typed or handed over again.
        typed(&mut unlock, "x");
        assert_eq!(unlock.typed_chars(), 0);
        assert_eq!(unlock.update(Action::Confirm), None);
    }

    #[test]
    fn enter_on_an_empty_field_asks_for_the_text_first() {
        let mut unlock = screen();
        assert_eq!(unlock.update(Action::Confirm), None);
        assert_eq!(unlock.state, State::Typing);
        assert!(unlock.wrong.as_deref().is_some_and(|w| w.contains("first")));
    }

    #[test]
    fn tab_switches_to_the_recovery_key_and_back_emptying_the_field() {
        let mut unlock = screen();
        typed(&mut unlock, "half a passphrase");
        assert_eq!(unlock.update(Action::SwitchSecret), None);
        assert_eq!(unlock.secret, Secret::Recovery);
        assert_eq!(unlock.typed_chars(), 0);
        typed(&mut unlock, "AGE-SECRET-KEY-1X");
        let entered = unlock.update(Action::Confirm).expect("handed over");
        assert_eq!(entered.secret, Secret::Recovery);
        assert_eq!(entered.text.expose_secret(), "AGE-SECRET-KEY-1X");
        unlock.failed(
            true,
            "that recovery key does not open /data/key.recovery.age",
        );
        unlock.update(Action::SwitchSecret);
        assert_eq!(unlock.secret, Secret::Passphrase);
        assert_eq!(unlock.wrong, None);
    }

    #[test]
    fn a_wrong_passphrase_says_so_counts_and_leaves_an_empty_field_to_type_again() {
        let mut unlock = screen();
        for n in 1..=2 {
            typed(&mut unlock, "wrong");
            assert!(unlock.update(Action::Confirm).is_some());
            unlock.failed(true, "wrong passphrase for /data/key.age");
            assert_eq!(unlock.state, State::Typing);
            assert_eq!(unlock.typed_chars(), 0);
            assert_eq!(unlock.tries, n);
        }
        assert_eq!(
            unlock.wrong.as_deref(),
            Some("Wrong passphrase for /data/key.age. Type it again (2 wrong tries so far).")
        );
        typed(&mut unlock, "right");
        assert_eq!(
            unlock
                .update(Action::Confirm)
                .map(|e| e.text.expose_secret().to_string()),
            Some("right".to_string())
        );
    }

    #[test]
    fn a_key_file_that_cannot_be_unlocked_leaves_only_quitting() {
        let mut unlock = screen();
        typed(&mut unlock, "pw");
        assert!(unlock.update(Action::Confirm).is_some());
        unlock.failed(false, "the key file /data/key.age is missing");
        assert_eq!(
            unlock.state,
            State::Cannot("the key file /data/key.age is missing".into())
        );
        typed(&mut unlock, "more");
        assert_eq!(unlock.typed_chars(), 0);
        assert_eq!(unlock.update(Action::Confirm), None);
        let at_start = Unlock::new(Path::new("/d"), Then::CheckIn, Err("damaged".into()));
        assert_eq!(at_start.state, State::Cannot("damaged".into()));
    }

    #[test]
    fn the_text_is_never_in_its_debug_form_and_paste_takes_one_line() {
        let mut unlock = screen();
        unlock.paste("hunter2\nsecond line");
        assert_eq!(unlock.typed_chars(), 7);
        let shown = format!("{unlock:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        let entered = unlock.update(Action::Confirm).expect("handed over");
        assert!(!format!("{entered:?}").contains("hunter2"));
        // Ctrl-U empties the field; control keys type nothing.
        typed(&mut unlock, "");
        let mut unlock = screen();
        typed(&mut unlock, "abc");
        unlock.type_key(&KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(unlock.typed_chars(), 0);
        unlock.type_key(&KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(unlock.typed_chars(), 0);
    }

    #[test]
    fn the_field_holds_at_most_max_chars() {
        let mut unlock = screen();
        unlock.paste(&"x".repeat(MAX_CHARS + 10));
        typed(&mut unlock, "y");
        assert_eq!(unlock.typed_chars(), MAX_CHARS);
    }
}
