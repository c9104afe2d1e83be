//! Opening the browsing screens: history, one check-in in full (read by
//! the driver first), two side by side, every commitment.

use super::{App, CommitmentList, CompareView, Detail, Effect, History, Open, Screen};
use crate::snapshot::Snapshot;

impl App {
    /// History with the newest check-in selected.
    pub(super) fn open_history(&mut self) -> Vec<Effect> {
        self.screen = Screen::History(History::newest(self.home.snapshots.len()));
        vec![]
    }

    /// Compare two check-ins: from the history, its pair; from home and
    /// result, the two latest.
    pub(super) fn open_compare(&mut self, history: Option<History>) -> Vec<Effect> {
        let Some(latest) = self.home.latest_pair() else {
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
            Open::Commitments => (0..self.home.snapshots.len()).map(id).collect(),
        };
        ids.map_or_else(Vec::new, |ids| vec![Effect::Load { ids, open }])
    }

    pub(super) fn on_loaded(&mut self, open: Open, snapshots: Vec<Snapshot>) {
        if open == Open::Commitments {
            self.screen = Screen::Commitments(CommitmentList::new(&snapshots));
            return;
        }
        let mut snapshots = snapshots.into_iter().map(Box::new);
        self.screen = match (open, snapshots.next(), snapshots.next()) {
            (Open::Detail { index, back }, Some(snapshot), None) => {
                Screen::Detail(Detail::new(index, snapshot, back))
            }
            (Open::Compare { from, to, back }, Some(earlier), Some(later)) => {
                Screen::Compare(CompareView::new((from, to), earlier, later, back))
            }
            // Not what was asked for: stay where we are.
            _ => return,
        };
    }
}
