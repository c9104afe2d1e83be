//! History: every check-in, newest first, beside the trend chart. Select,
//! mark two to compare, open one, delete one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::draw::chart::TrendChart;
use crate::text;
use crate::tui::keys::Action;
use crate::tui::layout;
use crate::tui::overview::Overview;
use crate::tui::theme::Theme;

/// The list's selection and marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Index into `Overview::snapshots` (oldest first) of the selected row.
    pub selected: usize,
    /// Up to two indices marked for comparison.
    pub marked: Vec<usize>,
}

/// What the history asks of the app, beyond moving its own selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Open this check-in in full.
    Open(usize),
    /// Compare the marked pair, or the selected one with the one before.
    Compare,
    /// Ask, then move this check-in to the trash.
    Delete(usize),
    /// Open the life events.
    Events,
}

impl History {
    /// The list with the newest of `count` check-ins selected.
    #[must_use]
    pub fn newest(count: usize) -> Self {
        Self {
            selected: count.saturating_sub(1),
            marked: Vec::new(),
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

    /// Apply a key among `count` check-ins.
    pub fn update(&mut self, action: Action, count: usize) -> Option<Request> {
        match action {
            Action::Up => {
                self.selected = self.selected.saturating_add(1).min(count.saturating_sub(1))
            }
            Action::Down => self.selected = self.selected.saturating_sub(1),
            Action::Mark if count > 0 => {
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
            Action::Confirm if count > 0 => return Some(Request::Open(self.selected)),
            Action::OpenCompare => return Some(Request::Compare),
            Action::Delete if count > 0 => return Some(Request::Delete(self.selected)),
            Action::OpenEvents => return Some(Request::Events),
            _ => {}
        }
        None
    }

    /// A click at `at` on the history drawn in `body`: it selects a row, and
    /// a click on the selected row opens it.
    pub fn click(&mut self, count: usize, body: Rect, at: Position) -> Option<Request> {
        let index = row_at(body, count, self.selected, at)?;
        if index == self.selected {
            return Some(Request::Open(index));
        }
        self.selected = index;
        None
    }
}

/// The check-in drawn on the list's row at `at`, if any.
#[must_use]
pub fn row_at(body: Rect, count: usize, selected: usize, at: Position) -> Option<usize> {
    if count == 0 {
        return None;
    }
    let [list, _] = layout::history(body);
    if !list.contains(at) || at.y == list.y {
        return None;
    }
    let (_, first) = layout::history_window(list, count, selected);
    let row = first + usize::from(at.y - list.y - 1);
    // Rows count from the newest; indices from the oldest.
    (row < count).then(|| count - 1 - row)
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

    let dimensions = overview.trend.dimensions();
    let label_width: u16 = if wide { 12 } else { 6 };
    let mut header = vec![Cell::from(" "), Cell::from("Date")];
    header.push(Cell::from("Label"));
    header.push(Cell::from("Bank"));
    for (i, d) in dimensions.iter().enumerate() {
        let short = text::cut(&d.name, 3).to_owned();
        header.push(Cell::from(Span::styled(short, t.dimension(&d.id, i))));
    }
    let (row, first) = layout::history_window(list, snapshots.len(), history.selected);
    let rows: Vec<Row> = snapshots
        .iter()
        .enumerate()
        .rev()
        .skip(first)
        .take(layout::history_rows(list))
        .map(|(index, s)| {
            let mark = if history.marked.contains(&index) {
                "●"
            } else {
                " "
            };
            let mut cells = vec![
                Cell::from(mark),
                Cell::from(s.finished_at.format("%Y-%m-%d").to_string()),
            ];
            let label = text::cut(
                s.label.as_deref().unwrap_or_default(),
                usize::from(label_width),
            );
            cells.push(Cell::from(label.to_owned()));
            cells.push(Cell::from(s.bank.id.clone()));
            for d in dimensions {
                let text = s
                    .score(&d.id)
                    .map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
                cells.push(Cell::from(Line::from(text).right_aligned()));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(1), Constraint::Length(10)];
    widths.push(Constraint::Length(label_width));
    widths.push(Constraint::Length(if wide { 7 } else { 5 }));
    widths.extend(dimensions.iter().map(|_| Constraint::Length(3)));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(t.strong))
        .row_highlight_style(t.highlight)
        .block(
            Block::default()
                .borders(Borders::RIGHT)
                .border_style(t.border),
        );
    let mut state = TableState::default().with_selected(Some(row - first));
    frame.render_stateful_widget(table, list, &mut state);

    // Each line in its colour and with its own marker, named in the legend:
    // never told apart by colour alone.
    let trend = TrendChart::of(&overview.trend)
        .colors(t.dimension_colors().clone())
        .monochrome(t.monochrome)
        .markers(true)
        .events(&overview.events);
    frame.render_widget(&trend, chart_area);
}
