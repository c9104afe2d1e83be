//! Where things go on screen: the frame's parts, the options a click can
//! choose, the history list's window, how far a text can scroll. Drawing,
//! `update` and mouse hit-testing all read this one module, so what is drawn
//! and what a click or a scroll acts on cannot drift apart.

use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use unicode_width::UnicodeWidthStr;

use crate::snapshot::Outcome;

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// The parts of the frame around every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The current screen's own area, inside its margin.
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// The frame on a terminal of `size`, with a footer of `footer_rows` rows
/// and a status of `status_rows`; `None` when the terminal is too small.
#[must_use]
pub fn areas(size: Rect, footer_rows: usize, status_rows: usize) -> Option<Areas> {
    if size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::try_from(status_rows.min(3)).unwrap_or(1)),
        Constraint::Length(u16::try_from(footer_rows).unwrap_or(1)),
    ])
    .areas(size);
    let body = body.inner(Margin {
        horizontal: 2,
        vertical: 1,
    });
    Some(Areas {
        header,
        body,
        status,
        footer,
    })
}

/// The footer's items (of these widths, in columns) in rows of at most
/// `width` columns: items are kept whole, three columns apart (` · `), and
/// rows after the first start one column in.
#[must_use]
pub fn footer_rows(widths: &[usize], width: usize) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0;
    for (item, &item_width) in widths.iter().enumerate() {
        let continuing = rows.len() > 1;
        let Some(row) = rows.last_mut() else { break };
        let needed = if row.is_empty() {
            item_width
        } else {
            item_width + 3
        };
        if !row.is_empty() && used + needed > width {
            rows.push(vec![item]);
            used = 1 + item_width;
            continue;
        }
        used += if row.is_empty() && continuing {
            1 + item_width
        } else {
            needed
        };
        row.push(item);
    }
    rows
}

/// How many rows lines of these widths take, wrapped at `width` columns.
#[must_use]
pub fn wrapped_rows(widths: impl IntoIterator<Item = usize>, width: usize) -> usize {
    let width = width.max(1);
    widths.into_iter().map(|w| w.max(1).div_ceil(width)).sum()
}

/// The furthest a text of `rows` rows scrolls in `area`: scrolling stops
/// with its last row at the bottom instead of an empty screen.
#[must_use]
pub fn scroll_limit(rows: usize, area: Rect) -> u16 {
    let max = rows.saturating_sub(usize::from(area.height));
    u16::try_from(max).unwrap_or(u16::MAX)
}

/// `scroll` moved by `by` rows, within a text of `rows` rows in `area`.
#[must_use]
pub fn scrolled(scroll: u16, by: i32, rows: usize, area: Rect) -> u16 {
    let moved = i64::from(scroll) + i64::from(by);
    let limit = i64::from(scroll_limit(rows, area));
    u16::try_from(moved.clamp(0, limit)).unwrap_or(0)
}

/// A box of the given size centred in `area`, clipped to it.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// How wide a dialog or the help is on a screen of `area`.
#[must_use]
pub fn overlay_width(area: Rect) -> u16 {
    area.width.saturating_sub(8).min(76)
}

/// The help box for `rows` rows of help on a screen of `area`, and the
/// furthest it can scroll (0 when it fits).
#[must_use]
pub fn help_box(area: Rect, rows: usize) -> (Rect, u16) {
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let popup = centered(area, overlay_width(area), rows.saturating_add(2));
    (popup, rows.saturating_sub(popup.height.saturating_sub(2)))
}

/// A dialog of `rows` rows of text (and `field_rows` of text field) on a
/// screen of `area`.
#[must_use]
pub fn dialog(area: Rect, rows: usize, field_rows: u16) -> Rect {
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2 + field_rows);
    centered(area, overlay_width(area), height)
}

/// The widest and tallest a check-in screen grows: on a big terminal the
/// statement and its scale stay together, centred, at a width that reads.
pub const READABLE_WIDTH: u16 = 96;
pub const READABLE_HEIGHT: u16 = 32;

/// A check-in screen's part of `area`: at most [`READABLE_WIDTH`] by
/// [`READABLE_HEIGHT`], centred.
#[must_use]
pub fn readable(area: Rect) -> Rect {
    centered(
        area,
        area.width.min(READABLE_WIDTH),
        area.height.min(READABLE_HEIGHT),
    )
}

/// How many rows each part of a statement's screen needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionRows {
    /// The statement and its hint, wrapped.
    pub statement: u16,
    /// The scale: the numbers, then their labels.
    pub options: u16,
    /// Last time's answer and note (0 when hidden or none).
    pub last_time: u16,
    /// The note is being written: it takes the rows that are left.
    pub note_open: bool,
}

/// The rows of a statement: progress, gauge, statement, options, last
/// time, note (a blank row after the gauge and after the statement). The statement gets what it
/// needs; an open note grows into the rest of the screen.
#[must_use]
pub fn question(area: Rect, rows: QuestionRows) -> [Rect; 6] {
    let [top, gauge, _, statement, _, options, last_time, note, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(rows.statement.max(1)),
        Constraint::Length(1),
        Constraint::Length(rows.options),
        Constraint::Length(rows.last_time),
        if rows.note_open {
            Constraint::Fill(1)
        } else {
            Constraint::Length(2)
        },
        Constraint::Fill(if rows.note_open { 0 } else { 1 }),
    ])
    .areas(area);
    [top, gauge, statement, options, last_time, note]
}

/// Each point of a `min..=max` scale and its column in the options rows:
/// where its number is drawn and where a click answers with it.
#[must_use]
pub fn scale_columns(min: i64, max: i64, options: Rect) -> Vec<(i64, Rect)> {
    let points: Vec<i64> = (min..=max).collect();
    let columns = Layout::horizontal(points.iter().map(|_| Constraint::Fill(1)))
        .spacing(1)
        .split(options);
    points.into_iter().zip(columns.iter().copied()).collect()
}

/// How a scale's labels fit under its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleLabels {
    /// Each label under its own number, wrapped at word boundaries, in
    /// this many rows.
    Under(u16),
    /// Too narrow for that: the labels of both ends and the middle, each
    /// in a third of the width, in this many rows.
    Ends(u16),
}

/// How labels of these texts fit under `count` columns in `width`
/// columns: under each number when no word is wider than a column.
#[must_use]
pub fn scale_labels(labels: &[&str], count: usize, width: u16) -> ScaleLabels {
    let count = u16::try_from(count.max(1)).unwrap_or(u16::MAX);
    let column = usize::from(width.saturating_sub(count - 1) / count).max(1);
    let words_fit = labels
        .iter()
        .flat_map(|l| l.split_whitespace())
        .all(|w| w.width() <= column);
    let rows = |labels: &[&str], columns: usize| {
        labels
            .iter()
            .map(|l| crate::text::wrap(l, columns).len())
            .max()
            .unwrap_or(0)
    };
    if words_fit {
        ScaleLabels::Under(u16::try_from(rows(labels, column)).unwrap_or(u16::MAX))
    } else {
        let third = usize::from(width / 3).max(1);
        ScaleLabels::Ends(u16::try_from(rows(labels, third)).unwrap_or(u16::MAX))
    }
}

/// The three places of [`ScaleLabels::Ends`] in the labels' `area`: left,
/// middle, right.
#[must_use]
pub fn scale_ends(area: Rect) -> [Rect; 3] {
    Layout::horizontal([Constraint::Fill(1); 3])
        .spacing(1)
        .areas(area)
}

/// The rows of the follow-up: last time's commitment (`head` rows, as
/// many as it takes wrapped, leaving the outcomes and a note field room),
/// the outcomes, the note.
#[must_use]
pub fn follow_up(area: Rect, head: u16) -> [Rect; 3] {
    let head = head.min(area.height.saturating_sub(2 + 3));
    Layout::vertical([
        Constraint::Length(head),
        Constraint::Length(2),
        Constraint::Min(3),
    ])
    .areas(area)
}

/// How an outcome is shown: its key, then what it means.
#[must_use]
pub fn outcome_label(outcome: Outcome) -> String {
    let key = Outcome::ALL
        .iter()
        .position(|o| *o == outcome)
        .map_or(0, |i| i + 1);
    format!(" {key} {} ", outcome.describe())
}

/// Each outcome and its cell on a follow-up drawn in `area` under a head
/// of `head` rows, in a row three columns apart: where it is drawn and
/// where a click chooses it.
#[must_use]
pub fn outcomes(area: Rect, head: u16) -> Vec<(Outcome, Rect)> {
    let [_, row, _] = follow_up(area, head);
    let mut x = row.x;
    let mut cells = Vec::new();
    for outcome in Outcome::ALL {
        let width = u16::try_from(outcome_label(outcome).width()).unwrap_or(u16::MAX);
        let cell = Rect {
            x,
            y: row.y,
            width,
            height: 1,
        }
        .intersection(row);
        if !cell.is_empty() {
            cells.push((outcome, cell));
        }
        x = x.saturating_add(width).saturating_add(3);
    }
    cells
}

/// A reflection or the commitment: the prompt above (`head` rows), last
/// time's text (`last_time` rows), the text field below in all the rest.
#[must_use]
pub fn writing(area: Rect, head: u16, last_time: u16) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(head),
        Constraint::Length(last_time),
        Constraint::Min(3),
    ])
    .areas(area)
}

/// The list of commitments in a screen's `body`: at most
/// [`READABLE_WIDTH`] wide, centred, all its height.
#[must_use]
pub fn commitments(body: Rect) -> Rect {
    centered(body, body.width.min(READABLE_WIDTH), body.height)
}

/// The review's summary and, while it is being edited, the label field
/// with its text wrapped in `label_rows` rows.
#[must_use]
pub fn review(inner: Rect, label_rows: Option<u16>) -> [Rect; 2] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(label_rows.map_or(0, |rows| rows.clamp(1, 6) + 2)),
    ])
    .areas(inner)
}

/// Whether history shows its wide layout (longer labels, wider bank column).
#[must_use]
pub fn history_is_wide(area: Rect) -> bool {
    area.width >= 110
}

/// The list of check-ins (left) and the chart (right) in `area`.
#[must_use]
pub fn history(area: Rect) -> [Rect; 2] {
    let list_width = if history_is_wide(area) { 54 } else { 42 };
    Layout::horizontal([Constraint::Length(list_width), Constraint::Min(10)])
        .spacing(1)
        .areas(area)
}

/// The history list's rows are newest first, under one header row. Only the
/// rows on screen are drawn, so a long history costs nothing per frame; the
/// window keeps the selection on its last line, as a table would. Returns
/// the selected row (counted from the newest) and the first row on screen.
#[must_use]
pub fn history_window(list: Rect, count: usize, selected: usize) -> (usize, usize) {
    let row = count.saturating_sub(1).saturating_sub(selected);
    (row, (row + 1).saturating_sub(history_rows(list)))
}

/// The history list's search line (its first row, while a search is open)
/// and the table under it.
#[must_use]
pub fn history_search(list: Rect, searching: bool) -> (Option<Rect>, Rect) {
    if !searching || list.height < 3 {
        return (None, list);
    }
    let [line, table] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(list);
    (Some(line), table)
}

/// How many check-ins the history list shows at once.
#[must_use]
pub fn history_rows(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(1)).max(1)
}

/// The width of the score bars in a body `width` columns wide, leaving
/// `reserved` columns for the name and the number.
#[must_use]
pub fn score_bar(width: u16, reserved: u16) -> usize {
    usize::from(width.saturating_sub(reserved)).clamp(10, 40)
}

/// A form of one-line fields: `head` rows of text, then `fields` boxed
/// fields of three rows each, then what is left (for a message).
#[must_use]
pub fn form(area: Rect, head: u16, fields: usize) -> (Rect, Vec<Rect>, Rect) {
    let mut constraints = vec![Constraint::Length(head)];
    constraints.extend(std::iter::repeat_n(Constraint::Length(3), fields));
    constraints.push(Constraint::Min(0));
    let parts = Layout::vertical(constraints).split(area);
    let rest = parts[parts.len() - 1];
    (parts[0], parts[1..=fields].to_vec(), rest)
}

/// The brief screen in `body`: the list of parts on the left, the preview
/// on the right, and along the bottom `bottom` rows (the file name being
/// typed, or where the brief was written; 0 for neither).
#[must_use]
pub fn brief(body: Rect, bottom: u16) -> [Rect; 3] {
    let [top, bottom] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(bottom)]).areas(body);
    let [list, _, preview] = Layout::horizontal([
        Constraint::Length(BRIEF_LIST_WIDTH),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(top);
    [list, preview, bottom]
}

/// How wide the brief's list of parts is.
pub const BRIEF_LIST_WIDTH: u16 = 22;

/// Rows the file name takes on the brief screen: a line that says what to
/// type, and the field in its box.
pub const BRIEF_NAMING_ROWS: u16 = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footer_items_wrap_whole_and_rows_after_the_first_start_one_in() {
        assert_eq!(footer_rows(&[5, 5, 5], 80), [vec![0, 1, 2]]);
        // 5 + 3 + 5 = 13 fits in 13; the third starts a row: 1 + 5.
        assert_eq!(footer_rows(&[5, 5, 5], 13), [vec![0, 1], vec![2]]);
        // An item wider than the row still gets a row of its own.
        assert_eq!(footer_rows(&[20, 3], 10), [vec![0], vec![1]]);
        assert_eq!(footer_rows(&[], 10), [Vec::<usize>::new()]);
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let area = Rect::new(0, 0, 10, 5);
        assert_eq!(scroll_limit(3, area), 0);
        assert_eq!(scroll_limit(12, area), 7);
        assert_eq!(scrolled(0, -1, 12, area), 0);
        assert_eq!(scrolled(6, 3, 12, area), 7);
        assert_eq!(
            scrolled(u16::MAX, -1, 12, area),
            7,
            "beyond the end (the text got shorter) it comes back to the end"
        );
    }
}
