//! One file per screen. Each draws from state it is given and changes nothing.

pub mod compare;
pub mod detail;
pub mod follow_up;
pub mod history;
pub mod home;
pub mod question;
pub mod result;
pub mod resume;
pub mod review;
pub mod text;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::app::Flow;
use super::theme::Theme;
use crate::checkin::Step;
use crate::score::DimensionScore;

/// The check-in flow: the screen of its current step.
pub mod flow {
    use super::*;

    pub fn draw(theme: &Theme, flow: &Flow, frame: &mut Frame, area: Rect) {
        match flow.checkin.step {
            Step::FollowUp => follow_up::draw(theme, flow, frame, area),
            Step::Question(i) => question::draw(theme, flow, i, frame, area),
            Step::Reflection(_) | Step::Commitment => text::draw(theme, flow, frame, area),
            Step::Review => review::draw(theme, flow, frame, area),
        }
    }
}

/// One line per dimension: name, a bar, the score.
#[must_use]
pub fn score_lines(
    theme: &Theme,
    scores: &[DimensionScore],
    bar_width: usize,
) -> Vec<Line<'static>> {
    let name_width = scores
        .iter()
        .map(|s| crate::text::width(&s.name))
        .max()
        .unwrap_or(0);
    scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let style = theme.dimension(&s.dimension, i);
            let name = format!("{}  ", crate::text::pad(&s.name, name_width));
            let mut spans = vec![Span::styled(name, style)];
            match s.score {
                Some(score) => {
                    // Rounded to whole cells; score is within 0..=100.
                    let filled = ((score / 100.0) * bar_width as f64).round() as usize;
                    spans.push(Span::styled("█".repeat(filled.min(bar_width)), style));
                    spans.push(Span::styled(
                        "░".repeat(bar_width - filled.min(bar_width)),
                        theme.dim,
                    ));
                    spans.push(Span::raw(format!(" {score:5.1}")));
                }
                None => spans.push(Span::styled("not enough answers", theme.dim)),
            }
            Line::from(spans)
        })
        .collect()
}

/// The scroll offset that still shows the last line: scrolling past the end
/// stops there instead of showing an empty screen. Rows count wrapping.
#[must_use]
pub fn clamp_scroll(lines: &[Line<'_>], area: Rect, scroll: u16) -> u16 {
    let width = usize::from(area.width).max(1);
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    let max = rows.saturating_sub(usize::from(area.height));
    scroll.min(u16::try_from(max).unwrap_or(u16::MAX))
}
