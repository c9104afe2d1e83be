//! What opens over a screen: the help, and the dialogs that ask before
//! something happens (leave, discard, delete) or after saving failed. Each
//! with its keys and its drawing.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::field::expand_home;
use super::keys::{self, Action, Context};
use super::layout;
use super::theme::Theme;
use super::widgets::key_rows;
use crate::text;

/// The file "write it to another file" suggests, in the home directory.
const SUGGESTED_FILE: &str = "motive-check-in.toml";

// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys of the screen underneath, scrolled by this many lines.
    Help {
        scroll: u16,
    },
    ConfirmQuit,
    /// Leaving while the draft cannot be written (why): what is on screen
    /// would be lost.
    Unsaved(String),
    ConfirmDiscard,
    SaveFailed(String),
    /// A file to write the check-in to; Esc goes back to `back`.
    PathInput {
        back: Box<Overlay>,
        area: TextArea<'static>,
    },
    /// Delete the check-in at this index of the overview.
    ConfirmDelete(usize),
    /// Remove the life event at this index of the overview's events,
    /// named as people know it.
    ConfirmDeleteEvent {
        index: usize,
        name: String,
    },
}

/// What a key in an overlay asks of the app.
// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Answer {
    /// Close it: Esc, "no", or a key it does not know.
    Close,
    /// Keep it open, as it now is.
    Keep(Overlay),
    /// Leave the check-in (its draft is kept).
    Leave,
    /// Leave although the answers on screen are not on disk.
    LeaveUnsaved,
    /// Try writing the draft again.
    RetryDraft,
    /// Discard the unfinished check-in and start afresh.
    Discard,
    /// Move the check-in at this index to the trash.
    Delete(usize),
    /// Move the life event at this index to the trash.
    DeleteEvent(usize),
    /// Try saving again.
    Retry,
    /// Save the check-in to this file instead.
    WriteTo(PathBuf),
}

/// What an overlay is drawn over.
#[derive(Debug, Clone)]
pub struct Under<'a> {
    pub theme: &'a Theme,
    /// The screen's own keys, which the help lists.
    pub context: Context,
    /// The digit keys that answer on the current scale, e.g. `1-5`.
    pub digits: Option<&'a str>,
    /// Why the draft cannot be written, when it cannot.
    pub draft_failed: Option<&'a str>,
    /// The check-in a delete would move, as people know it.
    pub deleting: Option<String>,
}

impl Overlay {
    /// The key table that applies while it is open.
    #[must_use]
    pub fn context(&self) -> Context {
        match self {
            Self::Help { .. } => Context::Help,
            Self::ConfirmQuit => Context::ConfirmQuit,
            Self::Unsaved(_) => Context::Unsaved,
            Self::ConfirmDiscard => Context::ConfirmDiscard,
            Self::SaveFailed(_) => Context::SaveFailed,
            Self::PathInput { .. } => Context::PathInput,
            Self::ConfirmDelete(_) | Self::ConfirmDeleteEvent { .. } => Context::ConfirmDelete,
        }
    }

    /// A key: `help_limit` is how far the help can scroll, `home` the
    /// user's home directory (for the suggested file and `~/`).
    #[must_use]
    pub fn update(self, action: Action, help_limit: u16, home: Option<&Path>) -> Answer {
        match (self, action) {
            (Self::Help { scroll }, Action::Up | Action::Down) => Answer::Keep(Self::Help {
                scroll: if action == Action::Down {
                    scroll.saturating_add(1).min(help_limit)
                } else {
                    scroll.saturating_sub(1)
                },
            }),
            (Self::ConfirmQuit, Action::Yes) => Answer::Leave,
            (Self::Unsaved(_), Action::Yes) => Answer::LeaveUnsaved,
            (Self::Unsaved(_), Action::Retry) => Answer::RetryDraft,
            (Self::ConfirmDelete(index), Action::Yes) => Answer::Delete(index),
            (Self::ConfirmDeleteEvent { index, .. }, Action::Yes) => Answer::DeleteEvent(index),
            (Self::ConfirmDiscard, Action::Yes) => Answer::Discard,
            (Self::SaveFailed(_), Action::Retry) => Answer::Retry,
            (back @ (Self::SaveFailed(_) | Self::Unsaved(_)), Action::WriteElsewhere) => {
                let suggested = home.map_or_else(
                    || SUGGESTED_FILE.to_string(),
                    |h| h.join(SUGGESTED_FILE).display().to_string(),
                );
                let mut area = TextArea::new(vec![suggested]);
                area.move_cursor(CursorMove::End);
                Answer::Keep(Self::PathInput {
                    back: Box::new(back),
                    area,
                })
            }
            (Self::PathInput { area, back }, Action::Confirm) => {
                let path = area.lines().join("").trim().to_string();
                if path.is_empty() {
                    return Answer::Keep(Self::PathInput { back, area });
                }
                Answer::WriteTo(expand_home(&path, home))
            }
            (Self::PathInput { back, .. }, Action::Close) => Answer::Keep(*back),
            // Help closes on its keys; "no", Esc and the rest close their overlay.
            _ => Answer::Close,
        }
    }
}

impl Overlay {
    /// A key typed into the path dialog's field (Enter writes the file).
    pub fn type_key(&mut self, key: &KeyEvent) {
        if let Self::PathInput { area, .. } = self
            && key.code != KeyCode::Enter
        {
            area.input(*key);
        }
    }

    /// A path pasted into the path dialog's field: one line.
    pub fn paste(&mut self, text: &str) {
        if let Self::PathInput { area, .. } = self {
            let line: String = text.chars().filter(|c| !c.is_control()).collect();
            area.insert_str(line.trim());
        }
    }
}

/// A line of one style wrapped at word boundaries to `width` columns; a
/// line of several (the key hints, already fitted) as it is.
fn wrap_line(line: Line<'_>, width: usize) -> Vec<Line<'_>> {
    match line.spans.as_slice() {
        [span] if span.width() > width => {
            let style = span.style;
            text::wrap(&span.content, width)
                .into_iter()
                .map(|row| Line::styled(row, style))
                .collect()
        }
        _ => vec![line],
    }
}

/// How far the help over `under` scrolls on a screen of `area`.
#[must_use]
pub fn help_limit(under: &Under<'_>, area: Rect) -> u16 {
    let width = layout::overlay_width(area);
    let lines = help_lines(under, usize::from(width.saturating_sub(2)));
    layout::help_box(area, lines.len()).1
}

pub fn draw(overlay: &Overlay, under: &Under<'_>, frame: &mut Frame, area: Rect) {
    let t = under.theme;
    let (title, mut lines): (&str, Vec<Line>) = match overlay {
        Overlay::Help { scroll } => return draw_help(under, *scroll, frame, area),
        Overlay::ConfirmQuit => (
            "Leave the check-in?",
            vec![
                Line::raw("Everything you entered is kept as a draft;"),
                Line::raw("the next start offers to resume it."),
            ],
        ),
        Overlay::ConfirmDiscard => (
            "Discard the unfinished check-in?",
            vec![Line::raw("Its answers and notes will be gone.")],
        ),
        Overlay::Unsaved(reason) => (
            "Your latest answers are not on disk",
            vec![
                Line::styled(format!("The draft cannot be written: {reason}"), t.error),
                Line::raw(""),
                Line::raw(
                    "Leaving now loses what is only on screen. Try again, or write everything to another file; motive import brings that file back.",
                ),
            ],
        ),
        Overlay::SaveFailed(reason) => (
            "Could not save",
            vec![
                Line::styled(reason.clone(), t.error),
                Line::raw(""),
                Line::raw(match under.draft_failed {
                    None => "Nothing is lost: your answers are still here and in the draft.",
                    Some(_) => {
                        "Your answers are only on screen: the draft cannot be written either. Write them to another file (w) to keep them."
                    }
                }),
            ],
        ),
        Overlay::ConfirmDelete(_) => (
            "Delete this check-in?",
            vec![Line::raw(format!(
                "{} moves to trash/ in the data dir; move it back to restore it.",
                under.deleting.as_deref().unwrap_or("It")
            ))],
        ),
        Overlay::ConfirmDeleteEvent { name, .. } => (
            "Remove this event?",
            vec![Line::raw(format!(
                "The event {name} moves to trash/events/ in the data dir; move it back to restore it."
            ))],
        ),
        Overlay::PathInput { .. } => (
            "Write the check-in to",
            vec![
                Line::raw("A file that does not exist yet:"),
                Line::styled("motive import FILE adds it to your history later.", t.dim),
            ],
        ),
    };
    lines.push(Line::raw(""));
    // The keys, wrapped between keys as the footer is.
    let inner_width = usize::from(layout::overlay_width(area).saturating_sub(2));
    lines.extend(key_rows(t, overlay.context(), None, inner_width));
    let field_rows = if matches!(overlay, Overlay::PathInput { .. }) {
        3
    } else {
        0
    };
    // Wrapped here, so the box is exactly as tall as its text.
    let mut lines: Vec<Line> = lines
        .into_iter()
        .flat_map(|line| wrap_line(line, inner_width))
        .collect();
    let rows = lines.len();
    let popup = layout::dialog(area, rows, field_rows);
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" {title} "), t.strong));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if let Overlay::PathInput { area: input, .. } = overlay {
        let [text, field] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(inner);
        frame.render_widget(Paragraph::new(lines.remove(0)), text);
        let mut input = input.clone();
        input.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border),
        );
        frame.render_widget(&input, field);
        let rest = Rect {
            y: field.bottom(),
            height: inner.bottom().saturating_sub(field.bottom()),
            ..inner
        };
        frame.render_widget(Paragraph::new(lines), rest);
    } else {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}

fn draw_help(under: &Under<'_>, scroll: u16, frame: &mut Frame, area: Rect) {
    let t = under.theme;
    let width = layout::overlay_width(area);
    let lines = help_lines(under, usize::from(width.saturating_sub(2)));
    let (popup, last) = layout::help_box(area, lines.len());
    let scroll = scroll.min(last);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Help ", t.strong));
    if last > 0 {
        let below = last - scroll;
        let hint = match (scroll, below) {
            (0, _) => format!(" ↓ {below} more "),
            (_, 0) => " ↑ ".to_string(),
            _ => format!(" ↑↓ {below} more "),
        };
        block = block.title_bottom(Line::styled(hint, t.key).right_aligned());
    }
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The help: what the screen underneath is for, then every key of its
/// table, wrapped to `width` columns with descriptions hanging under each
/// other.
fn help_lines(under: &Under<'_>, width: usize) -> Vec<Line<'static>> {
    const KEY_COLUMN: usize = 12;
    let t = under.theme;
    let table = keys::table(under.context);
    let width = width.max(KEY_COLUMN + 10);
    let dim = |text: &str, indent: usize, lines: &mut Vec<Line<'static>>| {
        for row in text::wrap(text, width - indent) {
            lines.push(Line::styled(format!("{}{row}", " ".repeat(indent)), t.dim));
        }
    };
    let mut lines = Vec::new();
    dim(table.purpose, 0, &mut lines);
    lines.push(Line::raw(""));
    for b in table.bindings {
        let label = match (b.action, under.digits) {
            (Action::Digit(_), Some(digits)) => digits,
            _ => b.label,
        };
        let key = format!("  {}", text::pad(label, KEY_COLUMN - 2));
        for (i, row) in text::wrap(b.help, width - KEY_COLUMN)
            .into_iter()
            .enumerate()
        {
            lines.push(Line::from(vec![
                match i {
                    0 => Span::styled(key.clone(), t.key),
                    _ => Span::raw(" ".repeat(KEY_COLUMN)),
                },
                Span::raw(row),
            ]));
        }
    }
    if under.context.is_text() {
        lines.push(Line::raw(""));
        let enter = keys::Key::Code(ratatui::crossterm::event::KeyCode::Enter);
        dim(
            if table.bindings.iter().any(|b| b.keys.contains(&enter)) {
                "In a text field every other key types."
            } else {
                "In a text field every other key types; Enter starts a new line."
            },
            2,
            &mut lines,
        );
    }
    if let Some(mouse) = table.mouse {
        lines.push(Line::raw(""));
        dim(&format!("Mouse: {mouse}"), 2, &mut lines);
    }
    lines.push(Line::raw(""));
    dim("Esc, ? or F1 closes this help.", 2, &mut lines);
    lines
}
