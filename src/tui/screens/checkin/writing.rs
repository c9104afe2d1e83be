//! A reflection prompt or the commitment: a multi-line text area.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::flow::Flow;
use crate::checkin::Step;
use crate::tui::layout;
use crate::tui::theme::Theme;

pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
    let c = &flow.checkin;
    let (heading, prompt, hint) = match c.step {
        Step::Reflection(i) => {
            let Some(r) = c.reflections.get(i) else {
                return;
            };
            (
                format!("Reflection {}/{}", i + 1, c.reflections.len()),
                r.prompt.clone(),
                r.hint.clone(),
            )
        }
        _ => (
            "Your commitment".to_string(),
            "What is one thing you will do before your next check-in?".to_string(),
            "Small and concrete beats grand. You will be asked how it went.".to_string(),
        ),
    };
    let [head, editor] = layout::writing(area);
    let mut lines = vec![
        Line::styled(heading, theme.dim),
        Line::styled(prompt, theme.strong),
    ];
    if !hint.trim().is_empty() {
        lines.push(Line::styled(hint, theme.dim));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), head);
    if let Some(e) = &flow.editor {
        let mut widget = e.area.clone();
        widget.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme.border),
        );
        widget.set_placeholder_text("Type here. Empty is fine: Tab moves on.");
        frame.render_widget(&widget, editor);
    }
}
