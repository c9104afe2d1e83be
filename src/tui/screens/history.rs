//! History: every check-in, newest first, beside the trend chart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use crate::draw::chart::TrendChart;
use crate::text;
use crate::trend;
use crate::tui::app::{App, History};

/// The list of check-ins (left) and the chart (right) in `area`.
#[must_use]
pub fn split(area: Rect) -> [Rect; 2] {
    let list_width = if area.width >= 110 { 54 } else { 42 };
    Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)])
        .spacing(1)
        .areas(area)
}

/// Rows are newest first, under one header row. Only the rows on screen are
/// drawn, so a long history costs nothing per frame; the window keeps the
/// selection on its last line, as a table would. Returns the selected row
/// (counted from the newest) and the first row on screen.
#[must_use]
pub fn window(list: Rect, count: usize, selected: usize) -> (usize, usize) {
    let row = count.saturating_sub(1).saturating_sub(selected);
    let visible = usize::from(list.height.saturating_sub(1)).max(1);
    (row, (row + 1).saturating_sub(visible))
}

pub fn draw(app: &App, history: &History, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let snapshots = &app.home.snapshots;
    if snapshots.is_empty() {
        frame.render_widget(
            Paragraph::new("No check-ins yet. Press Esc, then Enter to start the first one."),
            area,
        );
        return;
    }
    let [list, chart_area] = split(area);

    let dimensions = trend::dimensions_in(snapshots);
    let label_width: u16 = if area.width >= 110 { 12 } else { 6 };
    let mut header = vec![Cell::from(" "), Cell::from("Date")];
    header.push(Cell::from("Label"));
    header.push(Cell::from("Bank"));
    for (i, d) in dimensions.iter().enumerate() {
        let short = text::cut(&d.name, 3).to_owned();
        header.push(Cell::from(Span::styled(short, t.dimension(&d.id, i))));
    }
    let (row, first) = window(list, snapshots.len(), history.selected);
    let visible = usize::from(list.height.saturating_sub(1)).max(1);
    let rows: Vec<Row> = snapshots
        .iter()
        .enumerate()
        .rev()
        .skip(first)
        .take(visible)
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
            for d in &dimensions {
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
    widths.push(Constraint::Length(if area.width >= 110 { 7 } else { 5 }));
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
    let trend = TrendChart::new(snapshots)
        .colors(t.dimension_colors().clone())
        .monochrome(t.monochrome)
        .markers(true);
    frame.render_widget(&trend, chart_area);
}
