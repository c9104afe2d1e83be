//! How did last time's commitment go?

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::snapshot::Outcome;
use crate::tui::app::Flow;
use crate::tui::theme::Theme;

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let Some(follow_up) = &flow.checkin.follow_up else {
        return;
    };
    let [head, options, note] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(2),
        Constraint::Min(3),
    ])
    .areas(area);
    let head_lines = vec![
        Line::styled("Last time you said you would:", theme.dim),
        Line::styled(follow_up.commitment.clone(), theme.strong),
        Line::raw(""),
        Line::raw("How did it go?"),
    ];
    frame.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: false }), head);
    let mut spans = Vec::new();
    for (i, outcome) in Outcome::ALL.iter().enumerate() {
        let style = if follow_up.outcome == Some(*outcome) {
            theme.highlight
        } else {
            theme.text
        };
        spans.push(Span::styled(
            format!(" {} {} ", i + 1, outcome.describe()),
            style,
        ));
        spans.push(Span::raw("   "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), options);
    if let Some(editor) = &flow.editor {
        let mut area_widget = editor.area.clone();
        area_widget.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border)
                .title(" A note, if you like (optional) "),
        );
        frame.render_widget(&area_widget, note);
    }
}
