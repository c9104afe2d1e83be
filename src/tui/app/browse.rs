//! Opening the browsing screens: history, one check-in in full (read by
//! the driver first), two side by side, the story of one question; and
//! what a history search found.

use std::collections::HashMap;

use super::{App, CompareView, Detail, Effect, History, Open, Screen, Story, ThreadView};
use crate::snapshot::Snapshot;
use crate::tui::names;
use crate::tui::screens::browse::history::Found;

impl App {
    /// History with the newest check-in selected.
    pub(super) fn open_history(&mut self) -> Vec<Effect> {
        self.screen = Screen::History(History::newest(self.home.snapshots.len()));
        vec![]
    }

    /// The check-in of about a year ago, in full, when home shows one.
    pub(super) fn open_year_ago(&mut self) -> Vec<Effect> {
        let Some(id) = self.home.year_ago.as_ref().map(|y| &y.id) else {
            return vec![];
        };
        match self.home.snapshots.iter().position(|s| &s.id == id) {
            Some(index) => self.load(Open::Detail {
                index,
                back: None,
                seek: None,
            }),
            None => vec![],
        }
    }

    /// Compare two check-ins: from the history, its pair; from home, the
    /// latest two that can share statements; from the result, the two latest.
    pub(super) fn open_compare(&mut self, history: Option<History>) -> Vec<Effect> {
        let latest = if matches!(self.screen, Screen::Home) {
            self.home.latest_comparable_pair()
        } else {
            self.home.latest_pair()
        };
        let Some(latest) = latest else {
            self.status = Some("Comparing needs two check-ins.".into());
            return vec![];
        };
        let (from, to) = history.as_ref().map_or(latest, History::pair);
        self.status = None;
        self.load(Open::Compare {
            from,
            to,
            back: history,
        })
    }

    /// Ask the driver for the check-ins `open` shows.
    pub(super) fn load(&self, open: Open) -> Vec<Effect> {
        let id = |i: usize| self.home.snapshots.get(i).map(|s| s.id.clone());
        let ids: Option<Vec<String>> = match &open {
            Open::Detail { index, .. } => [*index].into_iter().map(id).collect(),
            Open::Compare { from, to, .. } => [*from, *to].into_iter().map(id).collect(),
        };
        ids.map_or_else(Vec::new, |ids| vec![Effect::Load { ids, open }])
    }

    pub(super) fn on_loaded(&mut self, open: Open, snapshots: Vec<Snapshot>) {
        let mut snapshots = snapshots.into_iter().map(Box::new);
        let name = |i: usize| names::name_at(&self.home.snapshots, i);
        self.screen = match (open, snapshots.next(), snapshots.next()) {
            (Open::Detail { index, back, seek }, Some(snapshot), None) => {
                let mut detail = Detail::new(index, name(index), snapshot, back);
                if let (Some(line), Some(areas)) = (seek, self.areas()) {
                    detail.seek(&line, &self.theme, areas.body);
                }
                Screen::Detail(detail)
            }
            (Open::Compare { from, to, back }, Some(earlier), Some(later)) => Screen::Compare(
                CompareView::new((from, to), (name(from), name(to)), earlier, later, back)
                    .with_events(&self.home.events),
            ),
            // Not what was asked for: stay where we are.
            _ => return,
        };
    }

    /// A search's answer: the history shows the check-ins it found.
    pub(super) fn on_found(&mut self, query: &str, hits: Vec<(String, String)>) {
        let Screen::History(history) = &mut self.screen else {
            return;
        };
        let index: HashMap<&str, usize> = self
            .home
            .snapshots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut found: Vec<Found> = hits
            .into_iter()
            .filter_map(|(id, line)| index.get(id.as_str()).map(|&index| Found { index, line }))
            .collect();
        found.sort_by_key(|f| f.index);
        found.dedup_by_key(|f| f.index);
        history.found(query, found);
    }

    /// The stories are read: show the one asked for, over the screen it
    /// was asked from.
    pub(super) fn on_threaded(&mut self, prompt: &str, stories: Vec<Story>) {
        if !matches!(self.screen, Screen::Detail(_) | Screen::Compare(_)) {
            return;
        }
        let back = std::mem::replace(&mut self.screen, Screen::Home);
        self.screen = Screen::Thread {
            view: ThreadView::new(stories, prompt),
            back: Box::new(back),
        };
    }
}
