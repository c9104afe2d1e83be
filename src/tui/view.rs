//! Drawing: the frame around every screen (title, footer, overlays) and the
//! dispatch to each screen's own file. Nothing here changes state.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Overlay, Screen};
use super::keys::{self, Context};
use super::screens;
use super::theme::Theme;
use crate::text;

/// The smallest terminal the layout is made for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Where the parts of the frame go on a terminal of `area`; `None` when it
/// is too small for the layout. The mouse uses it to tell what was clicked.
pub struct Areas {
    pub header: Rect,
    /// The current screen's own area, inside its margin.
    pub body: Rect,
    pub status: Rect,
    pub footer: Rect,
    pub footer_lines: Vec<Line<'static>>,
}

#[must_use]
pub fn areas(app: &App, area: Rect) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let footer_lines = wrap_line(
        footer_line(&app.theme, app.context(), digits(app).as_deref()),
        usize::from(area.width),
    );
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(app.status.is_some())),
        Constraint::Length(u16::try_from(footer_lines.len()).unwrap_or(1)),
    ])
    .areas(area);
    let body = body.inner(ratatui::layout::Margin {
        horizontal: 2,
        vertical: 1,
    });
    Some(Areas {
        header,
        body,
        status,
        footer,
        footer_lines,
    })
}

/// Draw the whole app.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(Areas {
        header,
        body,
        status,
        footer,
        footer_lines,
    }) = areas(app, area)
    else {
        too_small(&app.theme, frame, area);
        return;
    };
    frame.render_widget(Paragraph::new(title_line(app)), header);
    match &app.screen {
        Screen::Home => screens::home::draw(app, frame, body),
        Screen::Resume(draft) => screens::resume::draw(&app.theme, draft, frame, body),
        Screen::Flow(flow) => screens::flow::draw(&app.theme, flow, frame, body),
        Screen::Result(saved) => screens::result::draw(&app.theme, saved, frame, body),
        Screen::Notice { title, text, .. } => notice(&app.theme, title, text, frame, body),
        Screen::History(history) => screens::history::draw(app, history, frame, body),
        Screen::Detail(detail) => screens::detail::draw(app, detail, frame, body),
        Screen::Compare(compare) => screens::compare::draw(app, compare, frame, body),
    }
    if let Some(message) = &app.status {
        frame.render_widget(
            Paragraph::new(Span::styled(message.as_str(), app.theme.error)),
            status,
        );
    }
    frame.render_widget(Paragraph::new(footer_lines), footer);
    if let Some(overlay) = &app.overlay {
        draw_overlay(app, overlay, frame, area);
    }
}

fn title_line(app: &App) -> Line<'static> {
    let t = &app.theme;
    let mut spans = vec![Span::styled(" motive ", t.title)];
    let subtitle = match &app.screen {
        Screen::Home if app.read_only => "home (read-only)".to_string(),
        Screen::Home => "home".to_string(),
        Screen::Resume(_) => "unfinished check-in".to_string(),
        Screen::Flow(flow) => format!("check-in · {}", flow.checkin.bank.title),
        Screen::Result(_) => "check-in saved".to_string(),
        Screen::Notice { title, .. } => title.clone(),
        Screen::History(_) if app.read_only => "history (read-only)".to_string(),
        Screen::History(_) => "history".to_string(),
        Screen::Detail(_) => "check-in".to_string(),
        Screen::Compare(_) => "compare".to_string(),
    };
    spans.push(Span::styled(format!("· {subtitle}"), t.dim));
    Line::from(spans)
}

/// The keys of the current screen, from its key table. `digits` names the
/// digit keys that answer on the current scale (e.g. `1-5`).
#[must_use]
pub fn footer_line(theme: &Theme, context: Context, digits: Option<&str>) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (i, binding) in keys::table(context).iter().filter(|b| b.footer).enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.dim));
        }
        let label = match (binding.action, digits) {
            (keys::Action::Digit(_), Some(digits)) => digits.to_string(),
            _ => binding.label.to_string(),
        };
        spans.push(Span::styled(label, theme.key));
        spans.push(Span::raw(format!(" {}", short(binding.short))));
    }
    Line::from(spans)
}

/// Split a footer line into lines of at most `width` columns, breaking only
/// between keys (at the ` · ` separators), never inside one.
fn wrap_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // Group spans into items: a separator starts a new item (and is kept,
    // with its style, to put between items again).
    let mut items: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut separator = Span::raw(" · ");
    for span in line.spans {
        if span.content == " · " {
            separator = span;
            items.push(Vec::new());
        } else if let Some(last) = items.last_mut() {
            last.push(span);
        }
    }
    for item in items {
        let item_width: usize = item.iter().map(Span::width).sum();
        let needed = if current.is_empty() {
            item_width
        } else {
            item_width + 3
        };
        if !current.is_empty() && used + needed > width {
            lines.push(Line::from(std::mem::take(&mut current)));
            used = 0;
        }
        if !current.is_empty() {
            current.push(separator.clone());
            used += 3;
        } else if !lines.is_empty() {
            current.push(Span::raw(" "));
            used += 1;
        }
        used += item_width;
        current.extend(item);
    }
    lines.push(Line::from(current));
    lines
}

/// The first words of a help text, for the footer.
fn short(help: &str) -> &str {
    help.split([';', '(']).next().unwrap_or(help).trim_end()
}

/// The digit keys that answer on the current scale: `1-5`, or `0-9` when the
/// scale is wider than the digits.
fn digits(app: &App) -> Option<String> {
    let Screen::Flow(flow) = &app.screen else {
        return None;
    };
    let scale = &flow.checkin.scale;
    let low = scale.min.clamp(0, 9);
    let high = scale.max.clamp(0, 9);
    Some(format!("{low}-{high}"))
}

fn too_small(theme: &Theme, frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::styled("Terminal too small", theme.strong),
        Line::raw(format!("motive needs at least {MIN_WIDTH}x{MIN_HEIGHT};")),
        Line::raw(format!("this one is {}x{}.", area.width, area.height)),
        Line::raw("Enlarge the window, or press q to quit."),
    ];
    let height = u16::try_from(text.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

fn notice(theme: &Theme, title: &str, text: &str, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::styled(title.to_string(), theme.error),
        Line::raw(""),
        Line::raw(text.to_string()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// A centred box of the given size, clipped to `area`.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(ratatui::layout::Flex::Center)
        .areas(row);
    cell
}

/// How wide an overlay box is on a screen of `area`.
fn overlay_width(area: Rect) -> u16 {
    area.width.saturating_sub(8).min(76)
}

/// The help box on a screen of `area`: where it goes, its lines (wrapped to
/// fit, one row each), and the furthest it can scroll.
fn help_box(app: &App, area: Rect) -> (Rect, Vec<Line<'static>>, u16) {
    let width = overlay_width(area);
    let lines = help_lines(app, usize::from(width.saturating_sub(2)));
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let popup = centered(area, width, rows.saturating_add(2));
    (
        popup,
        lines,
        rows.saturating_sub(popup.height.saturating_sub(2)),
    )
}

/// How far the help can scroll on a terminal of `size`; 0 when it fits.
#[must_use]
pub fn help_last_scroll(app: &App, size: Rect) -> u16 {
    match areas(app, size) {
        Some(_) => help_box(app, size).2,
        None => 0,
    }
}

fn draw_help(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (popup, lines, last) = help_box(app, area);
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

fn draw_overlay(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (title, mut lines): (&str, Vec<Line>) = match overlay {
        Overlay::Help { scroll } => return draw_help(app, *scroll, frame, area),
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
        Overlay::SaveFailed(reason) => (
            "Could not save",
            vec![
                Line::styled(reason.clone(), t.error),
                Line::raw(""),
                Line::raw("Nothing is lost: your answers are still here and in the draft."),
            ],
        ),
        Overlay::ConfirmDelete(index) => (
            "Delete this check-in?",
            vec![Line::raw(format!(
                "{} moves to trash/ in the data dir; move it back to restore it.",
                app.home
                    .snapshots
                    .get(*index)
                    .map_or("It", |s| s.id.as_str())
            ))],
        ),
        Overlay::PathInput { .. } => (
            "Write the check-in to",
            vec![Line::raw("A file that does not exist yet:")],
        ),
    };
    lines.push(Line::raw(""));
    lines.push(footer_line(t, app.context(), None));
    let input_rows = if matches!(overlay, Overlay::PathInput { .. }) {
        3
    } else {
        0
    };
    let width = overlay_width(area);
    // Rows once wrapped to the inside of the box, plus the border.
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_width))
        .sum();
    let height = u16::try_from(rows)
        .unwrap_or(u16::MAX)
        .saturating_add(2 + input_rows);
    let popup = centered(area, width, height);
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

/// The help overlay: what this screen is for, then every key of its table,
/// wrapped to `width` columns with descriptions hanging under each other.
fn help_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    const KEY_COLUMN: usize = 12;
    let t = &app.theme;
    let mut context = app.context();
    if context == Context::Help {
        // Describe the screen under the overlay.
        let mut under = app.clone();
        under.overlay = None;
        context = under.context();
    }
    let width = width.max(KEY_COLUMN + 10);
    let dim = |text: &str, indent: usize, lines: &mut Vec<Line<'static>>| {
        for row in text::wrap(text, width - indent) {
            lines.push(Line::styled(format!("{}{row}", " ".repeat(indent)), t.dim));
        }
    };
    let mut lines = Vec::new();
    dim(screen_purpose(context), 0, &mut lines);
    lines.push(Line::raw(""));
    let digits = digits(app);
    for b in keys::table(context) {
        let label = match (b.action, &digits) {
            (keys::Action::Digit(_), Some(digits)) => digits.as_str(),
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
    if context.is_text() {
        lines.push(Line::raw(""));
        dim(
            "In a text field every other key types; Enter starts a new line.",
            2,
            &mut lines,
        );
    }
    if let Some(mouse) = mouse_help(context) {
        lines.push(Line::raw(""));
        dim(&format!("Mouse: {mouse}"), 2, &mut lines);
    }
    lines.push(Line::raw(""));
    dim("Esc, ? or F1 closes this help.", 2, &mut lines);
    lines
}

/// What the mouse does on a screen, where it does anything.
fn mouse_help(context: Context) -> Option<&'static str> {
    match context {
        Context::Question => Some("click an option to answer with it."),
        Context::FollowUp | Context::FollowUpNote => Some("click an answer to choose it."),
        Context::History => {
            Some("click a check-in to select it, click it again to open it; the wheel moves.")
        }
        Context::Detail | Context::Compare => Some("the wheel scrolls."),
        _ => None,
    }
}

fn screen_purpose(context: Context) -> &'static str {
    match context {
        Context::Home | Context::HomeReadOnly => {
            "Your latest scores and when the next check-in is due."
        }
        Context::Resume => {
            "A check-in you did not finish. Pick up where you left off, or start again."
        }
        Context::FollowUp | Context::FollowUpNote => {
            "How did last time's commitment go? Pick one, add a note if you like."
        }
        Context::Question => {
            "Rate how true the statement is for you lately. There are no right answers."
        }
        Context::Note => "A note on this statement: what is behind your answer?",
        Context::Text => "Write as much or as little as you like; empty is fine.",
        Context::Review => "Check your scores and label, then save.",
        Context::Label => "A short label for this check-in, e.g. \"Q4\" or \"new team\".",
        Context::Result => "Your check-in is saved.",
        Context::Notice | Context::NoticeBusy => "The check-in cannot start.",
        Context::ConfirmQuit | Context::ConfirmDiscard => "Please confirm.",
        Context::SaveFailed | Context::PathInput => {
            "Saving failed; your answers are safe on screen and in the draft."
        }
        Context::Help => "",
        Context::History => "Every check-in, newest first, beside how the scores moved.",
        Context::Detail => "One check-in in full. x shows how each score was reached.",
        Context::Compare => {
            "Two check-ins side by side: which changes are real, and what you wrote then and now."
        }
        Context::ConfirmDelete => "Please confirm.",
    }
}
