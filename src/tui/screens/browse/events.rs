//! Life events, from history (`e`): every event, newest first, and a form
//! to add one (its day, today unless another is typed; what happened; a
//! note if you like) or edit one. Removing asks first and moves the event
//! to the trash. Writes are effects the driver performs under the writer
//! lock; read-only (another process holds it), the list only shows.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::history::History;
use crate::events::Event;
use crate::text;
use crate::tui::field::{Field, TextField, Typed};
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::theme::Theme;

/// The events screen: the selection, the form when one is open, and the
/// history to go back to.
#[derive(Debug, Clone)]
pub struct EventsView {
    /// Index into `Overview::events` (oldest first) of the selected row.
    pub selected: usize,
    pub form: Option<EventForm>,
    pub back: History,
}

/// Adding or editing one event.
#[derive(Debug, Clone)]
pub struct EventForm {
    /// The id of the event being edited; `None` for a new one.
    pub editing: Option<String>,
    /// The field being typed in: day, what happened, note.
    pub focus: usize,
    pub fields: [TextField; 3],
    /// Why the last try to save did not.
    pub error: Option<String>,
}

/// What the events screen asks of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Keep this event, in place of `replacing` when it is an edit. The day
    /// is as typed; the driver reads it with today's date.
    Save {
        replacing: Option<String>,
        day: String,
        label: String,
        note: String,
    },
    /// Ask, then move the event at this index to the trash.
    Delete(usize),
}

const TITLES: [&str; 3] = [
    " When: YYYY-MM-DD, or today ",
    " What happened ",
    " A note (optional) ",
];

impl EventForm {
    fn new(editing: Option<&Event>) -> Self {
        let (day, label, note) = editing.map_or_else(
            || ("today".to_string(), String::new(), String::new()),
            |e| {
                (
                    e.date.to_string(),
                    e.label.clone(),
                    e.note.clone().unwrap_or_default().replace('\n', " "),
                )
            },
        );
        Self {
            editing: editing.map(|e| e.id.clone()),
            // A new event starts at what happened: the day is usually today.
            focus: 1,
            fields: [
                TextField::new(Field::EventDay, &day),
                TextField::new(Field::EventLabel, &label),
                TextField::new(Field::EventNote, &note),
            ],
            error: None,
        }
    }

    /// Type a key into the field in focus.
    pub fn type_key(&mut self, key: &KeyEvent) -> Typed {
        self.fields[self.focus].input(key)
    }

    /// Paste into the field in focus, as one edit.
    pub fn paste(&mut self, text: &str) -> Typed {
        self.fields[self.focus].paste(text)
    }

    fn request(&self) -> Request {
        let [day, label, note] = &self.fields;
        Request::Save {
            replacing: self.editing.clone(),
            day: day.text(),
            label: label.text(),
            note: note.text(),
        }
    }
}

impl EventsView {
    /// The list with the newest of `count` events selected.
    #[must_use]
    pub fn new(count: usize, back: History) -> Self {
        Self {
            selected: count.saturating_sub(1),
            form: None,
            back,
        }
    }

    /// Open the form for a new event (as from the `a` key).
    pub fn add(&mut self) {
        self.form = Some(EventForm::new(None));
    }

    /// Apply a key among `events`; `read_only` when nothing may be written.
    pub fn update(&mut self, action: Action, events: &[Event], read_only: bool) -> Option<Request> {
        if let Some(form) = &mut self.form {
            match action {
                Action::Next => form.focus = (form.focus + 1) % 3,
                Action::Previous => form.focus = (form.focus + 2) % 3,
                Action::Confirm => return Some(form.request()),
                Action::Close => self.form = None,
                _ => {}
            }
            return None;
        }
        let count = events.len();
        match action {
            Action::Up => {
                self.selected = self.selected.saturating_add(1).min(count.saturating_sub(1));
            }
            Action::Down => self.selected = self.selected.saturating_sub(1),
            Action::Add if !read_only => self.add(),
            Action::Confirm if !read_only => {
                if let Some(event) = events.get(self.selected) {
                    self.form = Some(EventForm::new(Some(event)));
                }
            }
            Action::Delete if !read_only && count > 0 => {
                return Some(Request::Delete(self.selected.min(count - 1)));
            }
            _ => {}
        }
        None
    }

    /// After the events changed: the form closes and `id` is selected.
    pub fn changed(&mut self, events: &[Event], id: Option<&str>) {
        self.form = None;
        self.selected = id
            .and_then(|id| events.iter().position(|e| e.id == id))
            .unwrap_or(self.selected)
            .min(events.len().saturating_sub(1));
    }
}

/// An event as a confirmation names it: its label and day.
#[must_use]
pub fn name(event: &Event) -> String {
    format!("\"{}\" ({})", event.label, event.date)
}

pub fn draw(
    t: &Theme,
    events: &[Event],
    view: &EventsView,
    read_only: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let area = layout::readable(area);
    if let Some(form) = &view.form {
        draw_form(t, form, frame, area);
        return;
    }
    let mut head = vec![Line::styled(
        "What happened between check-ins, shown beside your scores.",
        t.dim,
    )];
    if read_only {
        head.push(Line::styled(
            "Read-only: another motive is writing to this data dir.",
            t.dim,
        ));
    }
    if events.is_empty() {
        head.push(Line::raw(""));
        head.push(Line::raw(if read_only {
            "No events yet."
        } else {
            "No events yet. Press a to add one: a new manager, a move, a promotion, a reorg."
        }));
        frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), area);
        return;
    }
    head.push(Line::raw(""));
    let head_rows = layout::wrapped_rows(head.iter().map(Line::width), usize::from(area.width));
    let head_rows = u16::try_from(head_rows).unwrap_or(u16::MAX);
    let (head_area, _, list) = layout::form(area, head_rows, 0);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: true }), head_area);
    let note_width = usize::from(list.width.saturating_sub(12));
    let rows: Vec<Row> = events
        .iter()
        .rev()
        .map(|e| {
            let mut what = vec![Span::raw(e.label.clone())];
            if let Some(note) = &e.note {
                let room = note_width.saturating_sub(text::width(&e.label) + 3);
                if room > 4 {
                    let flat = note.split_whitespace().collect::<Vec<_>>().join(" ");
                    what.push(Span::styled(
                        format!(" · {}", text::shorten(&flat, room)),
                        t.dim,
                    ));
                }
            }
            Row::new(vec![
                Cell::from(e.date.to_string()),
                Cell::from(Line::from(what)),
            ])
        })
        .collect();
    let selected = events.len().saturating_sub(1).saturating_sub(view.selected);
    let table = Table::new(rows, [Constraint::Length(10), Constraint::Min(10)])
        .column_spacing(2)
        .header(Row::new(vec!["Date", "What happened"]).style(t.strong))
        .row_highlight_style(t.highlight)
        .block(Block::default().borders(Borders::NONE));
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, list, &mut state);
}

fn draw_form(t: &Theme, form: &EventForm, frame: &mut Frame, area: Rect) {
    let heading = if form.editing.is_some() {
        "Edit the event"
    } else {
        "Add an event"
    };
    let head = vec![Line::styled(heading, t.strong), Line::raw("")];
    let (head_area, cells, rest) = layout::form(area, 2, 3);
    frame.render_widget(Paragraph::new(head), head_area);
    for (i, (field, cell)) in form.fields.iter().zip(cells).enumerate() {
        let focused = i == form.focus;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(if focused { t.key } else { t.border })
            .title(TITLES[i]);
        if focused {
            field.draw(block, None, frame, cell);
        } else {
            frame.render_widget(Paragraph::new(field.text()).block(block), cell);
        }
    }
    let mut lines = Vec::new();
    if let Some(error) = &form.error {
        lines.push(Line::styled(error.clone(), t.error));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), rest);
}
