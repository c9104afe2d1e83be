//! Opening the browsing screens: history, one check-in in full (read by
//! the driver first), two side by side, the story of one question, every
//! commitment, a check-in's brief; and what a history search found.

use std::collections::HashMap;

use super::brief_screen::Back;
use super::{
    App, Bank, BriefView, CommitmentList, CompareView, Detail, Effect, History, Open, Screen,
    Story, ThreadView,
};
use crate::brief::Part;
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
            Open::Brief { index } => [*index].into_iter().map(id).collect(),
            Open::Commitments => (0..self.home.snapshots.len()).map(id).collect(),
        };
        ids.map_or_else(Vec::new, |ids| vec![Effect::Load { ids, open }])
    }

    pub(super) fn on_loaded(&mut self, open: Open, snapshots: Vec<Snapshot>) -> Vec<Effect> {
        if matches!(open, Open::Commitments) {
            self.screen = Screen::Commitments(CommitmentList::new(&snapshots));
            return vec![];
        }
        let mut snapshots = snapshots.into_iter().map(Box::new);
        let name = |i: usize| names::name_at(&self.home.snapshots, i);
        self.screen = match (open, snapshots.next(), snapshots.next()) {
            (Open::Brief { .. }, Some(snapshot), None) => {
                return self.show_brief(snapshot, Back::Home);
            }
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
            _ => return vec![],
        };
        vec![]
    }

    /// The brief of the latest check-in (from home), or of the check-in on
    /// screen (detail, result).
    pub(super) fn open_brief(&mut self) -> Vec<Effect> {
        let screen = std::mem::replace(&mut self.screen, Screen::Home);
        match screen {
            Screen::Detail(d) => self.show_brief(d.snapshot.clone(), Back::Detail(d)),
            Screen::Result(saved) if saved.written_to.is_none() => {
                self.show_brief(Box::new(saved.snapshot.clone()), Back::Result(saved))
            }
            Screen::Result(saved) => {
                self.screen = Screen::Result(saved);
                self.status = Some(
                    "This check-in is not in your history yet: import it, then make its brief."
                        .into(),
                );
                vec![]
            }
            Screen::Home => match self.home.snapshots.len().checked_sub(1) {
                Some(index) => self.load(Open::Brief { index }),
                None => {
                    self.status = Some("A brief needs a check-in first.".into());
                    vec![]
                }
            },
            other => {
                self.screen = other;
                vec![]
            }
        }
    }

    /// Show `snapshot`'s brief with the parts chosen last time, and ask
    /// for its bank's ideas.
    fn show_brief(&mut self, snapshot: Box<Snapshot>, back: Back) -> Vec<Effect> {
        let parts = self
            .brief_include
            .clone()
            .unwrap_or_else(|| Part::DEFAULT.to_vec());
        let bank = snapshot.bank.id.clone();
        self.status = None;
        self.screen = Screen::Brief(BriefView::new(
            snapshot,
            self.home.snapshots.clone(),
            self.home.events.clone(),
            parts,
            self.theme.dimension_colors().clone(),
            back,
        ));
        vec![Effect::ReadBank(bank)]
    }

    /// The bank of the check-in on screen, read: its ideas for the brief or
    /// the result screen.
    pub(super) fn on_bank_read(&mut self, bank: Option<Box<Bank>>) -> Vec<Effect> {
        match &mut self.screen {
            Screen::Brief(b) => {
                b.bank = bank.filter(|bank| bank.id == b.snapshot.bank.id);
            }
            Screen::Result(saved) => {
                if let Some(bank) = bank.filter(|bank| bank.id == saved.snapshot.bank.id) {
                    saved.find_ideas(&self.home.snapshots, &bank);
                }
            }
            _ => {}
        }
        vec![]
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
