//! What a locked data dir still tells: the check-ins' ids, which are the
//! times they were finished (`snapshots/<YYYYMMDD-HHMMSS>.toml.age`). File
//! names are not encrypted, so `motive due` and `motive list` work locked.

use chrono::{DateTime, FixedOffset, NaiveDateTime};

use super::Store;

/// One check-in known only by its file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: String,
    /// When it was finished, read from the id, in `offset`.
    pub finished_at: DateTime<FixedOffset>,
}

impl Store {
    /// The check-ins by file name only, oldest first, their times taken in
    /// `offset` (the id does not say which offset it was written in).
    /// Names that are not check-in ids are left out.
    #[must_use]
    pub fn named(&self, offset: FixedOffset) -> Vec<Named> {
        let (names, _) = self.snapshot_ids();
        let mut named: Vec<Named> = names
            .ids
            .iter()
            .filter_map(|id| {
                let stamp = id.get(..15)?;
                let naive = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()?;
                let finished_at = naive.and_local_timezone(offset).single()?;
                Some(Named {
                    id: id.to_string(),
                    finished_at,
                })
            })
            .collect();
        named.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
        named.dedup_by(|a, b| a.id == b.id);
        named
    }
}

impl super::HasId for Named {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> Option<&str> {
        None
    }
    fn finished_at(&self) -> DateTime<FixedOffset> {
        self.finished_at
    }
}
