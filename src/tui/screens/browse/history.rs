//! History: every check-in, newest first, beside the trend chart. Select,
//! jump a page or to either end, mark two to compare, open one, delete one,
//! and `/` to keep only the check-ins whose writing holds some words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::bank::Dimension;
use crate::draw::chart::TrendChart;
use crate::text;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::overview::Overview;
use crate::tui::theme::Theme;

/// The list's selection, marks and search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Index into `Overview::snapshots` (oldest first) of the selected row.
    pub selected: usize,
    /// Up to two indices marked for comparison.
    pub marked: Vec<usize>,
    /// Words to find (`/`): while it is open, the list shows only the
    /// check-ins that hold them.
    pub search: Option<Search>,
}

/// A search of what was written in the check-ins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The words, as typed.
    pub query: String,
    /// The words are still being typed: Enter searches.
    pub typing: bool,
    /// The check-ins that hold the words, oldest first, once the driver has
    /// looked; `None` before.
    pub found: Option<Vec<Found>>,
}

/// A check-in that holds the words searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into `Overview::snapshots`.
    pub index: usize,
    /// The first line that matched, where its check-in opens.
    pub line: String,
}

/// What the history asks of the app, beyond moving its own selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Open this check-in in full, at this line when one is given.
    Open(usize, Option<String>),
    /// Compare the marked pair, or the selected one with the one before.
    Compare,
    /// Ask, then move this check-in to the trash.
    Delete(usize),
    /// Find the check-ins that hold these words.
    Search(Vec<String>),
    /// Open the life events.
    Events,
}

impl History {
    /// The list with the newest of `count` check-ins selected.
    #[must_use]
    pub fn newest(count: usize) -> Self {
        Self {
            selected: count.saturating_sub(1),
            ..Self::default()
        }
    }

    /// The pair to compare: the two marked, else the selected check-in and
    /// the one before it.
    #[must_use]
    pub fn pair(&self) -> (usize, usize) {
        match self.marked.as_slice() {
            [a, b] => ((*a).min(*b), (*a).max(*b)),
            _ => (self.selected.max(1) - 1, self.selected.max(1)),
        }
    }

    /// The check-ins listed, newest first, as indices into the `count`
    /// check-ins: all of them, or those a search found.
    #[must_use]
    pub fn rows(&self, count: usize) -> Vec<usize> {
        let listed = self.listed(count);
        (0..listed.len()).filter_map(|at| listed.get(at)).collect()
    }

    /// [`History::rows`] without building them: a key or a frame costs
    /// the rows on screen, not the length of the history.
    fn listed(&self, count: usize) -> Listed<'_> {
        match self.search.as_ref().and_then(|s| s.found.as_ref()) {
            Some(found) => Listed::Found(found),
            None => Listed::All(count),
        }
    }

    /// Words are being typed into the search.
    #[must_use]
    pub fn typing(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.typing)
    }

    /// A search has found what it found: the list is filtered.
    #[must_use]
    pub fn filtered(&self) -> bool {
        self.search.as_ref().is_some_and(|s| !s.typing)
    }

    /// Apply a key among `count` check-ins, `page` rows to a screenful.
    pub fn update(&mut self, action: Action, count: usize, page: usize) -> Option<Request> {
        if self.typing() {
            return self.update_search(action);
        }
        let rows = self.listed(count);
        let at = rows.position(self.selected);
        let last = rows.len().saturating_sub(1);
        let go = |to: usize| rows.get(to.min(last));
        let moved = match action {
            Action::Up => at.and_then(|p| go(p.saturating_sub(1))).or_else(|| go(0)),
            Action::Down => at.and_then(|p| go(p + 1)).or_else(|| go(0)),
            Action::PageUp => at
                .and_then(|p| go(p.saturating_sub(page)))
                .or_else(|| go(0)),
            Action::PageDown => at.and_then(|p| go(p + page)).or_else(|| go(0)),
            Action::Top => go(0),
            Action::Bottom => go(last),
            _ => None,
        };
        if let Some(index) = moved {
            self.selected = index;
            return None;
        }
        let shown = at.is_some();
        match action {
            Action::Mark if shown => {
                let i = self.selected;
                if let Some(pos) = self.marked.iter().position(|m| *m == i) {
                    self.marked.remove(pos);
                } else {
                    if self.marked.len() == 2 {
                        self.marked.remove(0);
                    }
                    self.marked.push(i);
                }
            }
            Action::Confirm if shown => {
                return Some(Request::Open(self.selected, self.found_line()));
            }
            Action::OpenCompare => return Some(Request::Compare),
            Action::Delete if shown => return Some(Request::Delete(self.selected)),
            Action::OpenEvents => return Some(Request::Events),
            Action::Search => {
                self.search = Some(Search {
                    typing: true,
                    ..Search::default()
                });
            }
            // Esc on a filtered list: every check-in again.
            Action::Close => self.search = None,
            _ => {}
        }
        None
    }

    /// Enter searches for the words typed; Esc leaves the search.
    fn update_search(&mut self, action: Action) -> Option<Request> {
        let search = self.search.as_mut()?;
        match action {
            Action::Confirm => {
                let words: Vec<String> =
                    search.query.split_whitespace().map(String::from).collect();
                if words.is_empty() {
                    self.search = None;
                    return None;
                }
                search.typing = false;
                search.found = None;
                Some(Request::Search(words))
            }
            Action::Close => {
                self.search = None;
                None
            }
            _ => None,
        }
    }

    /// A key typed into the search: a character, or Backspace.
    pub fn type_char(&mut self, c: Option<char>) {
        if let Some(search) = self.search.as_mut().filter(|s| s.typing) {
            match c {
                Some(c) if !c.is_control() && search.query.chars().count() < SEARCH_MAX => {
                    search.query.push(c);
                }
                Some(_) => {}
                None => {
                    search.query.pop();
                }
            }
        }
    }

    /// What the search for `query` found: the check-ins (indices, oldest
    /// first) and the line that matched in each. The newest is selected.
    pub fn found(&mut self, query: &str, found: Vec<Found>) {
        let Some(search) = self
            .search
            .as_mut()
            .filter(|s| !s.typing && s.query == query)
        else {
            return;
        };
        if let Some(newest) = found.last() {
            self.selected = newest.index;
        }
        search.found = Some(found);
    }

    /// The line a search found in the selected check-in.
    fn found_line(&self) -> Option<String> {
        let found = self.search.as_ref()?.found.as_ref()?;
        found
            .iter()
            .find(|f| f.index == self.selected)
            .map(|f| f.line.clone())
    }

    /// A click at `at` on the history drawn in `body`: it selects a row, and
    /// a click on the selected row opens it.
    pub fn click(&mut self, count: usize, body: Rect, at: Position) -> Option<Request> {
        let index = row_at(body, count, self, at)?;
        if index == self.selected {
            return Some(Request::Open(index, self.found_line()));
        }
        self.selected = index;
        None
    }
}

/// The most characters the search takes.
const SEARCH_MAX: usize = 200;

/// The check-in drawn on the list's row at `at`, if any.
#[must_use]
pub fn row_at(body: Rect, count: usize, history: &History, at: Position) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let [list, _] = layout::history(body);
    let (_, table) = layout::history_search(list, history.search.is_some());
    if !table.contains(at) || at.y == table.y {
        return None;
    }
    let rows = history.listed(count);
    let (_, first) = window(&rows, history.selected, table);
    rows.get(first + usize::from(at.y - table.y - 1))
}

/// Where the selected check-in is among `rows` (from the top) and the
/// first row on screen, in a table drawn in `table`.
fn window(rows: &Listed<'_>, selected: usize, table: Rect) -> (usize, usize) {
    let at = rows.position(selected).unwrap_or(0);
    (at, (at + 1).saturating_sub(layout::history_rows(table)))
}

/// The rows of the list, newest first, as indices into the check-ins:
/// every one of `count`, or those a search found (oldest first).
enum Listed<'a> {
    All(usize),
    Found(&'a [Found]),
}

impl Listed<'_> {
    fn len(&self) -> usize {
        match self {
            Self::All(count) => *count,
            Self::Found(found) => found.len(),
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The check-in on row `at` (from the top).
    fn get(&self, at: usize) -> Option<usize> {
        let from_end = self.len().checked_sub(at + 1)?;
        match self {
            Self::All(_) => Some(from_end),
            Self::Found(found) => found.get(from_end).map(|f| f.index),
        }
    }

    /// The row (from the top) of check-in `index`, if it is listed.
    fn position(&self, index: usize) -> Option<usize> {
        let from_end = match self {
            Self::All(count) => (index < *count).then_some(index)?,
            Self::Found(found) => found.iter().position(|f| f.index == index)?,
        };
        Some(self.len() - 1 - from_end)
    }
}

pub fn draw(t: &Theme, overview: &Overview, history: &History, frame: &mut Frame, area: Rect) {
    let snapshots = &overview.snapshots;
    if snapshots.is_empty() {
        frame.render_widget(
            Paragraph::new("No check-ins yet. Press Esc, then Enter to start the first one."),
            area,
        );
        return;
    }
    let [list, chart_area] = layout::history(area);
    let wide = layout::history_is_wide(area);
    let (search_area, table_area) = layout::history_search(list, history.search.is_some());
    let rows = history.listed(snapshots.len());
    if let (Some(search), Some(at)) = (&history.search, search_area) {
        frame.render_widget(Paragraph::new(search_line(t, search, snapshots.len())), at);
    }

    let label_width: u16 = if wide { 12 } else { 6 };
    let bank_width: u16 = if wide { 7 } else { 5 };
    // Mark, date, label and bank, each followed by a column's space; what
    // is left takes as many dimensions as fit, the most used first.
    let fixed = 1 + 1 + DATE_WIDTH + 1 + label_width + 1 + bank_width + 1;
    let room = usize::from(table_area.width.saturating_sub(fixed));
    let dimensions = columns(overview, room / 4);
    let mut header = vec![
        Cell::from(" "),
        Cell::from("Date"),
        Cell::from("Label"),
        Cell::from("Bank"),
    ];
    for (i, d) in &dimensions {
        let short = text::cut(&d.name, 3).to_owned();
        header.push(Cell::from(Span::styled(short, t.dimension(&d.id, *i))));
    }
    let (row, first) = window(&rows, history.selected, table_area);
    let shown: Vec<Row> = (first..first + layout::history_rows(table_area))
        .filter_map(|at| rows.get(at))
        .filter_map(|index| snapshots.get(index).map(|s| (index, s)))
        .map(|(index, s)| {
            let mark = if history.marked.contains(&index) {
                "●"
            } else {
                " "
            };
            let label = text::shorten(
                s.label.as_deref().unwrap_or_default(),
                usize::from(label_width),
            );
            let mut cells = vec![
                Cell::from(mark),
                Cell::from(s.finished_at.format("%Y-%m-%d").to_string()),
                Cell::from(label),
                Cell::from(text::shorten(&s.bank.id, usize::from(bank_width))),
            ];
            for (_, d) in &dimensions {
                let text = s
                    .score(&d.id)
                    .map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
                cells.push(Cell::from(Line::from(text).right_aligned()));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(1),
        Constraint::Length(DATE_WIDTH),
        Constraint::Length(label_width),
        Constraint::Length(bank_width),
    ];
    widths.extend(dimensions.iter().map(|_| Constraint::Length(3)));
    let table = Table::new(shown, widths)
        .header(Row::new(header).style(t.strong))
        .row_highlight_style(t.highlight)
        .block(
            Block::default()
                .borders(Borders::RIGHT)
                .border_style(t.border),
        );
    let selected = (!rows.is_empty()).then(|| row - first);
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, table_area, &mut state);

    // Each line in its colour and with its own marker, named in the legend:
    // never told apart by colour alone.
    let trend = TrendChart::of(&overview.trend)
        .colors(t.dimension_colors().clone())
        .monochrome(t.monochrome)
        .markers(true)
        .events(&overview.events);
    frame.render_widget(&trend, chart_area);
}

/// The date column: `2026-11-30`, never cut.
const DATE_WIDTH: u16 = 10;

/// The search above the list: the words being typed, or what they found.
fn search_line(t: &Theme, search: &Search, count: usize) -> Line<'static> {
    let query = text::escape_line(&search.query).into_owned();
    if search.typing {
        return Line::from(vec![
            Span::styled("/", t.key),
            Span::raw(query),
            Span::styled("▏", t.key),
        ]);
    }
    let said = match &search.found {
        None => "searching…".to_string(),
        Some(found) if found.is_empty() => "no check-in holds it".to_string(),
        Some(found) => format!("{} of {count}", found.len()),
    };
    Line::from(vec![
        Span::styled("/", t.key),
        Span::raw(query),
        Span::styled(format!("  {said}"), t.dim),
    ])
}

/// The dimensions the table has room for (`fit` columns), each with its
/// place among all of them (for its colour), in their usual order: those
/// scored in the most check-ins first, so a bank used once does not push
/// the ones used every time off the table.
fn columns(overview: &Overview, fit: usize) -> Vec<(usize, &Dimension)> {
    let all = overview.trend.dimensions();
    // Counted once with the trend, not over every check-in on every frame.
    let used = overview.trend.scored();
    let mut ranked: Vec<(usize, usize)> = (0..all.len())
        .map(|i| (i, used.get(i).copied().unwrap_or(0)))
        .collect();
    ranked.sort_by_key(|(i, n)| (std::cmp::Reverse(*n), *i));
    let mut keep: Vec<usize> = ranked.into_iter().take(fit).map(|(i, _)| i).collect();
    keep.sort_unstable();
    keep.into_iter()
        .filter_map(|i| all.get(i).map(|d| (i, d)))
        .collect()
}
