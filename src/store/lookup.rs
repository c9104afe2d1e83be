//! Finding one or two check-ins without listing them all: the names in
//! `snapshots/` and a few files read, falling back to the full listing
//! only when the names cannot decide (see [`find::by_name`]).

use super::find::{self, find};
use super::ids::Ids;
use super::{Listing, Problem, Store, StoreError, read_snapshot};
use crate::snapshot::Snapshot;
use crate::summary::Summary;

/// The check-ins of a store, looked up by name: for `show`, `compare`,
/// `due` and the start of a check-in, whose cost must not grow with the
/// number of check-ins.
pub struct Lookup<'a> {
    store: &'a Store,
    /// The ids in `snapshots/`, sorted; only ids that can name a check-in.
    /// Listed when first needed: a full id needs no listing.
    ids: Option<Ids>,
    /// The files read on the way that could not be used.
    problems: Vec<Problem>,
    /// The full listing, once the names could not decide.
    listing: Option<Listing<Summary>>,
    /// The check-ins read by name so far, by id: asking for more of the
    /// newest reads each file once.
    read: std::collections::HashMap<String, Snapshot>,
}

impl<'a> Lookup<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        Self {
            store,
            ids: None,
            problems: Vec::new(),
            listing: None,
            read: std::collections::HashMap::new(),
        }
    }

    /// The ids in `snapshots/`, listed once.
    fn ids(&mut self) -> &Ids {
        self.ids.get_or_insert_with(|| {
            let (ids, problems) = Self::list_ids(self.store);
            self.problems.extend(problems);
            ids
        })
    }

    fn list_ids(store: &Store) -> (Ids, Vec<Problem>) {
        let (names, mut problems) = store.snapshot_ids();
        // A name no check-in can have is always skipped: say why as the
        // listing would (these are few, whatever the history).
        for name in names.misnamed {
            let path = store.snapshots_dir().join(&name);
            if let Err(reason) = read_snapshot(&path) {
                problems.push(Problem { path, reason });
            }
        }
        (names.ids, problems)
    }

    /// The check-in of a full id, read straight from its file when it is
    /// there, readable and not part of an import on its way in.
    /// A sealed file that is there but cannot be opened (damaged, sealed to
    /// another key) is that error, naming the file: the full listing could
    /// not read it either. Any other unreadable file is left to the listing
    /// to report.
    fn by_full_id(&self, id: &str) -> Option<Result<Snapshot, StoreError>> {
        super::validate::check_id(id).ok()?;
        let (importing, _) = self.store.settle_import();
        if importing.contains(id) {
            return None;
        }
        let path = super::sealed::existing(&self.store.snapshots_dir().join(format!("{id}.toml")));
        path.symlink_metadata().ok()?;
        match read_snapshot(&path) {
            Ok(snapshot) => Some(Ok(snapshot)),
            Err(reason) if path.to_string_lossy().ends_with(crate::crypt::SUFFIX) => {
                Some(Err(StoreError::new(
                    super::ErrorKind::Invalid,
                    format!("{}: {reason}", path.display()),
                )))
            }
            Err(_) => None,
        }
    }

    /// The check-in `spec` names (`latest`, `latest~N`, an id or a unique
    /// prefix, a date, a label), in full; the same one [`find`] picks in the
    /// full listing. Only a label needs the listing (the summaries).
    pub fn find(&mut self, spec: &str) -> Result<Snapshot, StoreError> {
        if self.listing.is_none() {
            if let Some(read) = self.by_full_id(spec) {
                return read;
            }
            if let Some(found) =
                self.by_names(|ids, read, seen| find::by_name(ids, spec, read, seen))
            {
                return found;
            }
        }
        let id = find(&self.listing().snapshots, spec)?.id.clone();
        self.store.load(&id)
    }

    /// The `count` newest readable check-ins in full, newest first: the
    /// end of the full listing (all of it when it is shorter), read by
    /// name when the names can decide (see [`find::newest_by_name`]).
    pub fn newest(&mut self, count: usize) -> Vec<Snapshot> {
        if count == 0 {
            return Vec::new();
        }
        if self.listing.is_none()
            && let Some(found) =
                self.by_names(|ids, read, seen| find::newest_by_name(ids, count, read, seen))
        {
            return found.into_iter().rev().take(count).collect();
        }
        let ids: Vec<String> = self
            .listing()
            .snapshots
            .iter()
            .rev()
            .take(count)
            .map(|s| s.id.clone())
            .collect();
        ids.iter()
            .filter_map(|id| self.store.load(id).ok())
            .collect()
    }

    /// The check-in of about a year before `today` (see
    /// [`crate::year_ago::nearest`]), the one the full listing gives, in
    /// full; `None` when there is none or it cannot be read.
    pub fn year_ago(&mut self, today: chrono::NaiveDate) -> Option<Snapshot> {
        if self.listing.is_none()
            && let Some(found) =
                self.by_names(|ids, read, seen| find::year_ago_by_name(ids, today, read, seen))
        {
            return found;
        }
        let listing = &self.listing().snapshots;
        let id = listing
            .get(crate::year_ago::nearest(listing, today)?)?
            .id
            .clone();
        self.store.load(&id).ok()
    }

    /// What `decide` makes of the ids, reading files as it asks; the files
    /// it could not read join the problems. `None` when the names cannot
    /// decide and the full listing must.
    fn by_names<R>(
        &mut self,
        decide: impl FnOnce(
            &Ids,
            &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
            &mut Vec<Problem>,
        ) -> Option<R>,
    ) -> Option<R> {
        self.ids();
        let ids = self.ids.as_ref()?;
        let dir = self.store.snapshots_dir();
        let cache = &mut self.read;
        let mut read = |id: &str| {
            if let Some(snapshot) = cache.get(id) {
                return Ok(snapshot.clone());
            }
            let path = dir.join(format!("{id}.toml"));
            let snapshot = read_snapshot(&path).map_err(|reason| Problem { path, reason })?;
            cache.insert(id.to_string(), snapshot.clone());
            Ok(snapshot)
        };
        let mut seen = Vec::new();
        let decided = decide(ids, &mut read, &mut seen);
        for problem in seen {
            if !self.problems.iter().any(|p| p.path == problem.path) {
                self.problems.push(problem);
            }
        }
        decided
    }

    /// List the ids now (from the names index when it is current), so that
    /// a writer answers everything from the ids it holds the lock for.
    pub fn list_now(&mut self) {
        self.ids();
    }

    /// Whether there are fewer than `n` readable check-ins.
    pub fn fewer_than(&mut self, n: usize) -> bool {
        if self.listing.is_none() && self.ids().len() >= n {
            let back = n.saturating_sub(1);
            if self.find(&format!("latest~{back}")).is_ok() {
                return false;
            }
        }
        self.listing().snapshots.len() < n
    }

    /// The files that could not be used: those read so far, or every one
    /// once the full listing was needed.
    #[must_use]
    pub fn problems(&self) -> Listing<Summary> {
        let problems = match &self.listing {
            Some(listing) => listing.problems.clone(),
            None => {
                let mut problems = self.problems.clone();
                problems.sort_by(|a, b| a.path.cmp(&b.path));
                problems
            }
        };
        Listing {
            snapshots: Vec::new(),
            problems,
        }
    }

    fn listing(&mut self) -> &Listing<Summary> {
        self.listing.get_or_insert_with(|| self.store.summaries())
    }
}
