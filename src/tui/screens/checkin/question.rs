//! One statement: its dimension, progress, the statement, its hint, the
//! scale as a row of options, and what was answered last time.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::{DraftQuestion, Step};
use crate::text;
use crate::tui::effect::Effect;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::layout::{self, QuestionRows, ScaleLabels};
use crate::tui::theme::Theme;

/// The statement on screen, if the flow is on one.
fn current(flow: &Flow) -> Option<(usize, &DraftQuestion)> {
    let Step::Question(i) = flow.checkin.step else {
        return None;
    };
    flow.checkin.questions.get(i).map(|q| (i, q))
}

/// The dimension's description, shown with its first statement.
fn dimension_intro(flow: &Flow, index: usize) -> Option<&str> {
    let c = &flow.checkin;
    let q = c.questions.get(index)?;
    let first = c.questions.iter().position(|o| o.dimension == q.dimension) == Some(index);
    let d = c.dimensions.iter().find(|d| d.id == q.dimension)?;
    (first && !d.description.trim().is_empty()).then_some(d.description.as_str())
}

/// The statement's text as drawn: the dimension's description the first
/// time (when `about` and there is room), the statement, its hint.
fn statement_lines<'a>(theme: &Theme, flow: &'a Flow, index: usize, about: bool) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let Some(q) = flow.checkin.questions.get(index) else {
        return lines;
    };
    if let Some(about) = dimension_intro(flow, index).filter(|_| about) {
        lines.push(Line::styled(about, theme.dim));
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(q.text.as_str(), theme.strong));
    if !q.hint.trim().is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(q.hint.as_str(), theme.dim));
    }
    lines
}

/// What last time's answer and note say, when shown.
fn last_time_lines<'a>(
    theme: &Theme,
    flow: &'a Flow,
    q: &DraftQuestion,
    width: usize,
) -> Vec<Line<'a>> {
    if !flow.show_last_time {
        return vec![];
    }
    let mut lines = Vec::new();
    let last = &flow.last_time;
    if let Some(earlier) = last.value(&q.id) {
        let label = flow
            .checkin
            .scale
            .label(earlier.value)
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!(
                "Last time, {}: {}{label} (^L hides)",
                earlier.date.format("%Y-%m-%d"),
                earlier.value
            ),
            theme.dim,
        ));
    }
    if let Some(note) = last.note(&q.id) {
        let first = note.value.lines().next().unwrap_or_default();
        let line = format!("Your note then ({}): {first}", note.date.format("%Y-%m-%d"));
        lines.push(Line::styled(text::shorten(&line, width), theme.dim));
    }
    lines
}

/// The scale's labels, in scale order.
fn labels(flow: &Flow) -> Vec<&str> {
    let scale = &flow.checkin.scale;
    (scale.min..=scale.max)
        .map(|v| scale.label(v).unwrap_or_default())
        .collect()
}

/// How many rows each part of statement `index`'s screen takes in `area`.
#[must_use]
pub fn rows(flow: &Flow, area: Rect) -> QuestionRows {
    rows_and_about(flow, area).0
}

/// The rows, and whether the dimension's description fits above the
/// statement (it is left out on a screen too short for it).
fn rows_and_about(flow: &Flow, area: Rect) -> (QuestionRows, bool) {
    let width = usize::from(area.width);
    let needed = |lines: &[Line]| {
        lines
            .iter()
            .map(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                text::wrap(&text, width).len().max(1)
            })
            .sum::<usize>()
    };
    let theme = Theme::monochrome();
    let (with_about, without, last_time) = current(flow).map_or((1, 1, 0), |(i, q)| {
        (
            needed(&statement_lines(&theme, flow, i, true)),
            needed(&statement_lines(&theme, flow, i, false)),
            last_time_lines(&theme, flow, q, width).len(),
        )
    });
    let scale = &flow.checkin.scale;
    let label_rows = match layout::scale_labels(&labels(flow), scale.len(), area.width) {
        ScaleLabels::Under(rows) | ScaleLabels::Ends(rows) => rows,
    };
    let options = 1 + label_rows.min(4);
    let last_time = u16::try_from(last_time).unwrap_or(0);
    let note_open = note_open(flow);
    let note = if note_open { 3 } else { 2 };
    let room = usize::from(
        area.height
            .saturating_sub(4 + options + last_time + note)
            .max(1),
    );
    let about = with_about <= room;
    let statement = if about { with_about } else { without };
    let rows = QuestionRows {
        statement: u16::try_from(statement.min(room)).unwrap_or(u16::MAX),
        options,
        last_time,
        note_open,
    };
    (rows, about)
}

pub fn draw(theme: &Theme, flow: &Flow, index: usize, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let Some(q) = c.questions.get(index) else {
        return;
    };
    let total = c.questions.len();
    let dim_index = c
        .dimensions
        .iter()
        .position(|d| d.id == q.dimension)
        .unwrap_or(0);
    let dim_name = c
        .dimensions
        .get(dim_index)
        .map_or(q.dimension.as_str(), |d| d.name.as_str());
    let dim_style = theme.dimension(&q.dimension, dim_index);
    let (rows, about) = rows_and_about(flow, area);
    let [top, gauge, statement, options, last_time, note] = layout::question(area, rows);

    let progress = format!("{}/{}", index + 1, total);
    let [left, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(progress.len() as u16),
    ])
    .areas(top);
    frame.render_widget(
        Paragraph::new(Span::styled(dim_name.to_string(), dim_style)),
        left,
    );
    frame.render_widget(Paragraph::new(progress).alignment(Alignment::Right), right);
    let ratio = if total == 0 {
        0.0
    } else {
        index as f64 / total as f64
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .filled_style(dim_style)
            .unfilled_style(theme.dim)
            .label(""),
        gauge,
    );

    frame.render_widget(
        Paragraph::new(statement_lines(theme, flow, index, about)).wrap(Wrap { trim: true }),
        statement,
    );
    draw_options(theme, flow, q.value, frame, options);
    let width = usize::from(area.width);
    frame.render_widget(
        Paragraph::new(last_time_lines(theme, flow, q, width)),
        last_time,
    );

    if let (true, Some(editor)) = (note_open(flow), &flow.editor) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(" Note (Esc to return) ");
        editor.draw(block, None, frame, note);
    } else if let Some(hint) = &flow.hint {
        frame.render_widget(
            Paragraph::new(Line::styled(hint.as_str(), theme.strong)).wrap(Wrap { trim: true }),
            note,
        );
    } else if !q.note.trim().is_empty() {
        let first = q.note.lines().next().unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Note: ", theme.dim),
                Span::raw(first.to_string()),
            ])),
            note,
        );
    }
}

fn note_open(flow: &Flow) -> bool {
    matches!(flow.open_field(), Some(Field::Note(_)))
}

/// Each point of the scale and where its number is drawn on a statement
/// screen in `area`: where a click answers with that point.
#[must_use]
pub fn option_areas(flow: &Flow, area: Rect) -> Vec<(i64, Rect)> {
    let scale = &flow.checkin.scale;
    let [_, _, _, options, _, _] = layout::question(area, rows(flow, area));
    layout::scale_columns(scale.min, scale.max, options)
}

/// A click at `at` on the statement drawn in `body`: an option answers with
/// it. An open note takes no clicks.
pub fn click(flow: &mut Flow, body: Rect, at: Position) -> Option<Vec<Effect>> {
    if flow.editor.is_some() {
        return None;
    }
    let (value, _) = option_areas(flow, body)
        .into_iter()
        .find(|(_, area)| area.contains(at))?;
    flow.highlight = Some(value);
    Some(answer(flow, Some(value)))
}

/// The keys of statement `index`; `None` for keys the flow handles for
/// every step.
pub fn update(flow: &mut Flow, action: Action) -> Option<Vec<Effect>> {
    let scale = flow.checkin.scale.clone();
    let pending = flow.pending.take();
    Some(match action {
        Action::Digit(d) => {
            let value = pending
                .and_then(|p| p.checked_mul(10)?.checked_add(d))
                .filter(|v| scale.contains(*v))
                .unwrap_or(d);
            if !scale.contains(value) {
                flow.hint = Some(format!(
                    "{value} is not on this scale: choose from {} to {}.",
                    scale.min, scale.max
                ));
                return Some(vec![]);
            }
            flow.highlight = Some(value);
            // `1` on a 0-10 scale may be the start of 10: wait for more.
            if value > 0 && value.checked_mul(10).is_some_and(|v| v <= scale.max) {
                flow.pending = Some(value);
                flow.hint = Some(format!(
                    "{value}: Enter answers {value}; another digit makes it {value}0 to {}.",
                    (value * 10 + 9).min(scale.max)
                ));
                return Some(vec![]);
            }
            answer(flow, Some(value))
        }
        Action::Left | Action::Right => {
            let mid = scale.min + (scale.max - scale.min) / 2;
            flow.highlight = Some(match (flow.highlight, action) {
                (None, _) => mid,
                (Some(h), Action::Left) => (h - 1).max(scale.min),
                (Some(h), _) => (h + 1).min(scale.max),
            });
            vec![]
        }
        Action::Confirm => match flow.highlight {
            Some(value) => answer(flow, Some(value)),
            None => {
                flow.hint = Some(format!(
                    "Nothing is chosen yet: type {}, or move with ←/→ and press Enter; s skips.",
                    digits(scale.min, scale.max)
                ));
                vec![]
            }
        },
        Action::Skip => answer(flow, None),
        Action::Back => flow.back(),
        Action::Note => {
            let Step::Question(i) = flow.checkin.step else {
                return None;
            };
            let text = flow
                .checkin
                .questions
                .get(i)
                .map(|q| q.note.clone())
                .unwrap_or_default();
            flow.open_editor(Field::Note(i), &text);
            vec![]
        }
        _ => return None,
    })
}

/// The numbers that answer on a `min..=max` scale, as the footer says them.
#[must_use]
pub fn digits(min: i64, max: i64) -> String {
    format!("{min}-{max}")
}

/// Answer the current statement (`None` skips it) and move on.
fn answer(flow: &mut Flow, value: Option<i64>) -> Vec<Effect> {
    if let Step::Question(i) = flow.checkin.step
        && let Some(q) = flow.checkin.questions.get_mut(i)
    {
        q.value = value;
    }
    flow.forward()
}

/// The scale: a row of equal columns with the numbers, and the labels
/// under them (or, when a word would not fit a column, the labels of the
/// ends and the middle).
fn draw_options(theme: &Theme, flow: &Flow, answered: Option<i64>, frame: &mut Frame, area: Rect) {
    let scale = &flow.checkin.scale;
    let columns = layout::scale_columns(scale.min, scale.max, area);
    let shape = layout::scale_labels(&labels(flow), scale.len(), area.width);
    let style_of = |value: i64, plain| {
        if flow.highlight == Some(value) {
            theme.highlight
        } else {
            plain
        }
    };
    for (value, column) in &columns {
        let marker = if answered == Some(*value) { "•" } else { " " };
        let mut lines = vec![Line::styled(
            format!("{marker}{value} "),
            style_of(*value, theme.text),
        )];
        if let ScaleLabels::Under(_) = shape {
            let label = scale.label(*value).unwrap_or_default();
            lines.push(Line::styled(label.to_string(), style_of(*value, theme.dim)));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            *column,
        );
    }
    if let ScaleLabels::Ends(_) = shape {
        let below = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(1),
            ..area
        };
        let mid = scale.min + (scale.max - scale.min) / 2;
        let mut places = vec![(scale.min, Alignment::Left), (scale.max, Alignment::Right)];
        if scale.len() % 2 == 1 {
            places.push((mid, Alignment::Center));
        }
        let [left, middle, right] = layout::scale_ends(below);
        for (value, alignment) in places {
            let label = scale.label(value).unwrap_or_default();
            let place = match alignment {
                Alignment::Left => left,
                Alignment::Center => middle,
                Alignment::Right => right,
            };
            frame.render_widget(
                Paragraph::new(Line::styled(label.to_string(), style_of(value, theme.dim)))
                    .alignment(alignment)
                    .wrap(Wrap { trim: true }),
                place,
            );
        }
    }
}
