//! The mouse: a click selects or answers what it lands on (by the same
//! layout the screen is drawn with); the wheel scrolls.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{App, Effect, Overlay, Screen, WHEEL_LINES};
use crate::tui::keys::Action;
use crate::tui::screens::browse::history;
use crate::tui::screens::checkin;

impl App {
    /// A click selects or answers what it lands on; the wheel scrolls.
    /// Text fields and overlays take no clicks: the keyboard does it all.
    pub(super) fn on_mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if self.too_small() {
            // Nothing on screen to click or scroll.
            return vec![];
        }
        if let Some(Overlay::Help { .. }) = self.overlay {
            let action = match event.kind {
                MouseEventKind::ScrollDown => Action::Down,
                MouseEventKind::ScrollUp => Action::Up,
                _ => return vec![],
            };
            if let Some(overlay) = self.overlay.take() {
                return self.on_overlay(overlay, action);
            }
        }
        let Some(body) = self.areas().map(|a| a.body) else {
            return vec![];
        };
        if self.overlay.is_some() {
            return vec![];
        }
        let at = Position::new(event.column, event.row);
        let count = self.home.snapshots.len();
        match (event.kind, &mut self.screen) {
            (MouseEventKind::Down(MouseButton::Left), Screen::Flow(flow)) => {
                let effects = checkin::click(flow, body, at);
                if !effects.is_empty() {
                    self.clear_news();
                }
                self.after_flow(effects)
            }
            (MouseEventKind::Down(MouseButton::Left), Screen::History(h)) => {
                let on_a_row = history::row_at(body, count, h, at).is_some();
                let request = h.click(count, body, at);
                let h = h.clone();
                if on_a_row {
                    self.clear_news();
                }
                request.map_or_else(Vec::new, |request| self.on_history(h, request))
            }
            (MouseEventKind::ScrollDown | MouseEventKind::ScrollUp, _) => {
                let down = event.kind == MouseEventKind::ScrollDown;
                self.on_wheel(down, body)
            }
            _ => vec![],
        }
    }

    pub(super) fn on_wheel(&mut self, down: bool, body: Rect) -> Vec<Effect> {
        let by = if down {
            i32::from(WHEEL_LINES)
        } else {
            -i32::from(WHEEL_LINES)
        };
        match &mut self.screen {
            Screen::History(_) => self.on_screen_key(if down { Action::Down } else { Action::Up }),
            Screen::Detail(d) => {
                d.scroll_by(by, &self.theme, body);
                vec![]
            }
            Screen::Compare(c) => {
                c.scroll_by(by, &self.theme, body);
                vec![]
            }
            Screen::Result(_) => self.on_screen_key(if down { Action::Down } else { Action::Up }),
            Screen::Brief(b) => {
                b.scroll_by(by, body);
                vec![]
            }
            Screen::Thread { view, .. } => {
                view.scroll_by(by, &self.theme, body);
                vec![]
            }
            Screen::Commitments(c) => {
                c.scroll_by(by, &self.theme, body);
                vec![]
            }
            _ => vec![],
        }
    }
}
