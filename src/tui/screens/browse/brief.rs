//! The brief: one check-in's one-page brief for a conversation with your
//! manager. Every part has a checkbox (Space includes or leaves it out;
//! the parts holding what you wrote start left out), beside a live,
//! scrollable preview; `w` asks for a file name and writes it.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use super::detail::{Detail, rows, scroll_step};
use crate::bank::Bank;
use crate::brief::{self, Part};
use crate::config::DimensionColors;
use crate::events::Event;
use crate::snapshot::Snapshot;
use crate::summary::Summary;
use crate::tui::effect::Effect;
use crate::tui::field::expand_home;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::screens::checkin::result::Saved;
use crate::tui::theme::Theme;
use crate::tui::widgets::scrolled_text;

/// Where Esc goes back to.
// One value at a time, never in a collection: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Back {
    Home,
    Detail(Detail),
    Result(Saved),
}

/// Where the file names typed on the screen lead.
#[derive(Debug, Clone, Copy, Default)]
pub struct Places<'a> {
    /// Where motive was started: a name without a directory goes there.
    pub work: Option<&'a Path>,
    /// The home directory, for `~/`.
    pub home: Option<&'a Path>,
}

/// The brief of one check-in, its parts as chosen so far.
#[derive(Debug, Clone)]
pub struct BriefView {
    pub snapshot: Box<Snapshot>,
    /// Every check-in, for the chart, the verdicts and past commitments.
    pub summaries: Vec<Summary>,
    /// Every life event, for the chart and "what happened".
    pub events: Vec<Event>,
    /// The check-in's bank as found now, for the ideas (`None`: none yet,
    /// or the bank cannot be found).
    pub bank: Option<Box<Bank>>,
    pub parts: Vec<Part>,
    /// The colours the HTML's chart draws each dimension in.
    pub palette: DimensionColors,
    /// Index into [`Part::ALL`] of the part the cursor is on.
    pub cursor: usize,
    /// Rows the preview is scrolled.
    pub scroll: u16,
    /// The file name being typed, after `w`.
    pub naming: Option<TextArea<'static>>,
    /// Where the brief was last written, until the choice of parts changes.
    pub written: Option<PathBuf>,
    pub back: Back,
}

impl BriefView {
    /// The brief of `snapshot` with `parts` included, at its top; its
    /// chart in the colours of `palette`.
    #[must_use]
    pub fn new(
        snapshot: Box<Snapshot>,
        summaries: Vec<Summary>,
        events: Vec<Event>,
        parts: Vec<Part>,
        palette: DimensionColors,
        back: Back,
    ) -> Self {
        Self {
            snapshot,
            summaries,
            events,
            bank: None,
            parts,
            palette,
            cursor: 0,
            scroll: 0,
            naming: None,
            written: None,
            back,
        }
    }

    /// The brief as chosen now.
    #[must_use]
    pub fn built(&self) -> brief::Brief {
        brief::build(
            &self.snapshot,
            &self.summaries,
            self.bank.as_deref(),
            &self.events,
            &self.parts,
        )
    }

    /// Whether `part` is included.
    #[must_use]
    pub fn has(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }

    /// The file a brief is written to unless the person names another:
    /// `brief-YYYY-MM-DD.html` in `dir` (where motive was started).
    #[must_use]
    pub fn default_file(&self, dir: Option<&Path>) -> PathBuf {
        let name = format!(
            "brief-{}.html",
            crate::describe::date(self.snapshot.finished_at)
        );
        dir.map_or_else(|| PathBuf::from(&name), |d| d.join(&name))
    }

    /// A key on the screen, whose body is `body`; `places` says where file
    /// names lead, `remembered` the parts the settings hold now. Writing is
    /// asked of the driver.
    pub fn update(
        &mut self,
        action: Action,
        body: Rect,
        places: Places<'_>,
        remembered: &[Part],
    ) -> Option<Effect> {
        let dir = places.work;
        if let Some(field) = self.naming.take() {
            return match action {
                Action::Confirm => {
                    let typed = field.lines().join("").trim().to_owned();
                    if typed.is_empty() {
                        self.naming = Some(field);
                        return None;
                    }
                    let path = expand_home(&typed, places.home);
                    let path = match dir.filter(|_| path.is_relative()) {
                        Some(dir) => dir.join(path),
                        None => path,
                    };
                    let text = self.text_for(&path);
                    Some(Effect::WriteBrief {
                        path,
                        text,
                        parts: self.parts.clone(),
                        remember: remembered != self.parts.as_slice(),
                    })
                }
                // Esc: not written, the choice of parts stays.
                _ => None,
            };
        }
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(Part::ALL.len() - 1),
            Action::Mark => {
                let part = Part::ALL[self.cursor.min(Part::ALL.len() - 1)];
                if self.has(part) {
                    self.parts.retain(|p| *p != part);
                } else {
                    self.parts.push(part);
                    self.parts.sort();
                }
                // The file written holds the old choice: no longer this brief.
                self.written = None;
                self.scroll = 0;
            }
            Action::PageUp | Action::PageDown => self.scroll_by(scroll_step(action), body),
            Action::Save => {
                let file = self.default_file(dir).display().to_string();
                let mut field = TextArea::new(vec![file]);
                field.move_cursor(CursorMove::End);
                self.naming = Some(field);
            }
            _ => {}
        }
        None
    }

    /// Scroll the preview by `by` rows, no further than its last line.
    pub fn scroll_by(&mut self, by: i32, body: Rect) {
        let preview = preview_area(self, body);
        let rows = rows(&preview_lines(&self.built()), preview);
        self.scroll = layout::scrolled(self.scroll, by, rows, preview);
    }

    /// A key typed into the file name.
    pub fn type_key(&mut self, key: &KeyEvent) {
        if let Some(field) = &mut self.naming {
            field.input(*key);
        }
    }

    /// Text pasted into the file name, as one line.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = &mut self.naming {
            let line: String = text.chars().filter(|c| !c.is_control()).collect();
            field.insert_str(line.trim());
        }
    }

    /// The brief as the file at `path` holds it: Markdown for a name
    /// ending in `.md`, else one HTML page.
    #[must_use]
    pub fn text_for(&self, path: &Path) -> String {
        let built = self.built();
        if is_markdown(path) {
            brief::markdown::render(&built)
        } else {
            brief::html::render_in(&built, &self.palette)
        }
    }
}

/// Whether a brief written to `path` is Markdown (`.md`, `.markdown`).
#[must_use]
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The brief screen's parts (see [`layout::brief`]) in a body of `body`.
#[must_use]
pub fn areas(view: &BriefView, body: Rect) -> [Rect; 3] {
    let bottom = match (&view.naming, &view.written) {
        (Some(_), _) => layout::BRIEF_NAMING_ROWS,
        (None, Some(path)) => {
            let width = usize::from(body.width.max(1));
            let rows = written_line(path).width().div_ceil(width);
            u16::try_from(rows + 1).unwrap_or(2)
        }
        (None, None) => 0,
    };
    layout::brief(body, bottom)
}

/// The preview's text area (inside its border) in a body of `body`.
#[must_use]
pub fn preview_area(view: &BriefView, body: Rect) -> Rect {
    let [_, preview, _] = areas(view, body);
    Block::default().borders(Borders::ALL).inner(preview)
}

/// Where the brief was written, as the screen says it.
fn written_line(path: &Path) -> Line<'static> {
    Line::from(vec![
        Span::raw("Written to "),
        Span::raw(crate::text::escape_line(&path.display().to_string()).into_owned()),
        Span::raw(" (mode 0600: only you can read it)."),
    ])
}

/// The preview: the brief as its Markdown says it.
fn preview_lines(built: &brief::Brief) -> Vec<Line<'static>> {
    brief::markdown::render(built)
        .lines()
        .map(|l| Line::raw(l.to_owned()))
        .collect()
}

pub fn draw(t: &Theme, view: &BriefView, frame: &mut Frame, area: Rect) {
    let [list, preview, bottom] = areas(view, area);
    let mut lines = vec![Line::styled("Include", t.strong)];
    for (i, part) in Part::ALL.iter().enumerate() {
        let mark = if view.has(*part) { "[x]" } else { "[ ]" };
        let text = format!("{mark} {}", part.name());
        lines.push(if i == view.cursor {
            Line::styled(format!("{text:<16}"), t.highlight)
        } else {
            Line::raw(text)
        });
    }
    let selected = Part::ALL[view.cursor.min(Part::ALL.len() - 1)];
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{}: {}.", selected.name(), selected.describe()),
        t.dim,
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), list);

    match (&view.naming, &view.written) {
        (Some(field), _) => {
            let [label, input] =
                Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(bottom);
            frame.render_widget(
                Paragraph::new(Line::styled(
                    "Write it to (a name ending in .md: Markdown; else HTML):",
                    t.strong,
                )),
                label,
            );
            let mut field = field.clone();
            field.set_block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(t.border),
            );
            frame.render_widget(&field, input);
        }
        (None, Some(path)) => {
            let [_, text] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(bottom);
            frame.render_widget(
                Paragraph::new(written_line(path).style(t.good)).wrap(Wrap { trim: false }),
                text,
            );
        }
        (None, None) => {}
    }

    frame.render_widget(
        Block::default()
            .borders(Borders::ALL)
            .border_style(t.border)
            .title(Span::styled(" Preview ", t.strong)),
        preview,
    );
    let inner = preview_area(view, area);
    scrolled_text(preview_lines(&view.built()), view.scroll, frame, inner);
}
