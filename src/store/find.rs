//! Naming a check-in: `latest`, `latest~N`, a full id or a unique prefix,
//! a date (`2026-11-30`) or a label; in a listing ([`find`]) or, much
//! faster for every form but a label, from the file names alone
//! ([`by_name`]).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta};

use super::ids::Ids;
use super::{ErrorKind, Problem, StoreError};
use crate::snapshot::{Snapshot, id_for};
use crate::summary::Summary;

/// Anything that names a check-in: its id, and for people its label and
/// when it was finished.
pub trait HasId {
    fn id(&self) -> &str;
    fn label(&self) -> Option<&str>;
    fn finished_at(&self) -> DateTime<FixedOffset>;
}

impl HasId for Snapshot {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    fn finished_at(&self) -> DateTime<FixedOffset> {
        self.finished_at
    }
}

impl HasId for Summary {
    fn id(&self) -> &str {
        &self.id
    }
    fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
    fn finished_at(&self) -> DateTime<FixedOffset> {
        self.finished_at
    }
}

/// The ways to name a check-in, for messages.
pub const FORMS: &str = "latest, latest~N, an id or its prefix, a date (2026-11-30) or a label";

/// Find a check-in by `latest`, `latest~N`, a date (`2026-11-30`: the
/// latest that day), an exact id or a unique prefix, else a label (exact,
/// then a unique prefix, ignoring case). `snapshots` are oldest first.
pub fn find<'a, T: HasId>(snapshots: &'a [T], spec: &str) -> Result<&'a T, StoreError> {
    let not_found = |message: String| StoreError::new(ErrorKind::NotFound, message);
    if spec.is_empty() {
        return Err(no_spec());
    }
    if snapshots.is_empty() {
        return Err(none_yet());
    }
    if let Some(back) = latest_offset(spec)? {
        let count = snapshots.len();
        return count
            .checked_sub(back + 1)
            .map(|i| &snapshots[i])
            .ok_or_else(|| {
                not_found(format!(
                    "{spec}: there {} only {count} check-in{}",
                    if count == 1 { "is" } else { "are" },
                    if count == 1 { "" } else { "s" }
                ))
            });
    }
    if let Some(day) = day_prefix(spec) {
        // The id is the local time of the finish: the greatest that day is
        // the latest that day.
        return snapshots
            .iter()
            .filter(|s| s.id().starts_with(&day))
            .max_by(|a, b| a.id().cmp(b.id()))
            .ok_or_else(|| {
                not_found(format!(
                    "no check-in on {spec}; `motive list` shows their dates"
                ))
            });
    }
    if let Some(exact) = snapshots.iter().find(|s| s.id() == spec) {
        return Ok(exact);
    }
    let matches: Vec<&T> = snapshots
        .iter()
        .filter(|s| s.id().starts_with(spec))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => by_label(snapshots, spec),
        many => {
            let ids: Vec<&str> = many.iter().take(5).map(|s| s.id()).collect();
            let more = if many.len() > 5 { ", ..." } else { "" };
            Err(StoreError::new(
                ErrorKind::Invalid,
                format!(
                    "{spec:?} matches {} check-ins ({}{more}); give more of the id",
                    many.len(),
                    ids.join(", ")
                ),
            ))
        }
    }
}

/// The check-in whose label is `spec` (ignoring case and the spaces
/// around it), else the only one whose label starts with it.
fn by_label<'a, T: HasId>(snapshots: &'a [T], spec: &str) -> Result<&'a T, StoreError> {
    let wanted = spec.trim().to_lowercase();
    if wanted.is_empty() {
        return Err(no_match(spec));
    }
    let labelled = || {
        snapshots
            .iter()
            .filter_map(|s| Some((s, s.label()?.trim().to_lowercase())))
    };
    let exact: Vec<&T> = labelled()
        .filter(|(_, label)| *label == wanted)
        .map(|(s, _)| s)
        .collect();
    let matches = if exact.is_empty() {
        labelled()
            .filter(|(_, label)| label.starts_with(&wanted))
            .map(|(s, _)| s)
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(no_match(spec)),
        many => Err(ambiguous_label(spec, many)),
    }
}

/// Several check-ins carry the label `spec` names: each by its date and
/// label, with the id that picks it.
fn ambiguous_label<T: HasId>(spec: &str, many: &[&T]) -> StoreError {
    let names: Vec<String> = many
        .iter()
        .take(5)
        .map(|s| {
            format!(
                "{} ({})",
                crate::describe::name(s.finished_at(), s.label()),
                s.id()
            )
        })
        .collect();
    let more = if many.len() > 5 { ", ..." } else { "" };
    StoreError::new(
        ErrorKind::Invalid,
        format!(
            "{spec:?} matches {} check-ins: {}{more}; give one's id or date",
            many.len(),
            names.join(", ")
        ),
    )
}

/// `2026-11-30` as the start of that day's ids (`20261130-`); `None` when
/// `spec` is not a date.
fn day_prefix(spec: &str) -> Option<String> {
    if spec.len() != 10 {
        return None;
    }
    let day = NaiveDate::parse_from_str(spec, "%Y-%m-%d").ok()?;
    Some(day.format("%Y%m%d-").to_string())
}

/// Every id starts with "": never let an empty argument pick one.
fn no_spec() -> StoreError {
    StoreError::new(
        ErrorKind::Invalid,
        format!("no check-in given: use {FORMS}"),
    )
}

fn none_yet() -> StoreError {
    StoreError::new(
        ErrorKind::NotFound,
        "no check-ins yet; start one with `motive check`",
    )
}

fn no_match(spec: &str) -> StoreError {
    StoreError::new(
        ErrorKind::NotFound,
        format!("no check-in matches {spec:?} as {FORMS}; `motive list` shows them"),
    )
}

/// How far apart a check-in's id (its local time) and its finish time can
/// be: a UTC offset is always less than a day.
const MAX_OFFSET: TimeDelta = TimeDelta::days(1);

/// [`find`] from the names in `snapshots/` alone, reading only the files
/// that can be the answer: the one named, or for `latest~N` the newest
/// N + 1 readable ids and any id less than two days older than them (an id
/// is the local time of the finish, so with a change of time zone two
/// check-ins' ids and finish times can disagree by up to two days in
/// order; the files read are put in order by finish time, as a listing is).
///
/// `ids` are the candidate ids, sorted; `read` reads one in full, and the
/// files it cannot read go to `problems`. `None` when the names cannot
/// decide and the caller must fall back to the full listing: an ambiguous
/// prefix, no match or one that cannot be read, fewer readable check-ins than
/// asked for, or a file read whose id is not the local time of its finish
/// (a hand edit: the order of the names says nothing then). A hand edit in
/// a file not read, moving an old check-in's finish past the newest, is
/// not seen.
pub(crate) fn by_name(
    ids: &Ids,
    spec: &str,
    read: &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
    problems: &mut Vec<Problem>,
) -> Option<Result<Snapshot, StoreError>> {
    if spec.is_empty() {
        return Some(Err(no_spec()));
    }
    if ids.is_empty() {
        return Some(Err(none_yet()));
    }
    match latest_offset(spec) {
        Err(e) => return Some(Err(e)),
        Ok(Some(back)) => return latest_by_name(ids, back, read, problems).map(Ok),
        Ok(None) => {}
    }
    if let Some(day) = day_prefix(spec) {
        return day_by_name(ids, &day, read, problems).map(Ok);
    }
    // Sorted, so the ids with this prefix are one run.
    let start = ids.partition_point(|id| id < spec);
    let mut matching = ids
        .between(start..ids.end())
        .take_while(|id| id.starts_with(spec));
    match (matching.next(), matching.next()) {
        // Says "no check-ins yet" instead when none can be read: the
        // listing knows.
        (None, _) => None,
        // An exact id that is also the prefix of others is the one meant,
        // if it can be read; otherwise the listing decides.
        (Some(first), second) if second.is_none() || first == spec => match read(first) {
            Ok(snapshot) => Some(Ok(snapshot)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
        _ => None,
    }
}

/// The latest readable check-in of a day (ids starting `day`) by name: the
/// greatest id, as [`find`] picks; `None` when none can be read.
fn day_by_name(
    ids: &Ids,
    day: &str,
    read: &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
    problems: &mut Vec<Problem>,
) -> Option<Snapshot> {
    let start = ids.partition_point(|id| id < day);
    let end = ids.partition_point(|id| id < day || id.starts_with(day));
    for id in ids.between(start..end).rev() {
        match read(id) {
            Ok(snapshot) => return Some(snapshot),
            Err(problem) => problems.push(problem),
        }
    }
    None
}

/// `latest~back` by name: see [`by_name`].
fn latest_by_name(
    ids: &Ids,
    back: usize,
    read: &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
    problems: &mut Vec<Problem>,
) -> Option<Snapshot> {
    let mut candidates = newest_by_name(ids, back + 1, read, problems)?;
    if candidates.len() <= back {
        return None;
    }
    let at = candidates.len() - 1 - back;
    Some(candidates.swap_remove(at))
}

/// The readable check-ins that can be among the `count` newest by finish
/// time, found by name as `latest~N` is (see [`by_name`]), oldest first
/// by finish time: the last `count` of them are the newest `count` of the
/// full listing (all of them when there are fewer). `None` when a file
/// read is a hand edit (its id is not the local time of its finish).
pub(crate) fn newest_by_name(
    ids: &Ids,
    count: usize,
    read: &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Snapshot>> {
    let mut candidates: Vec<Snapshot> = Vec::new();
    // Once `count` check-ins are read, an id this old or older finished
    // before every one of them.
    let mut older_than: Option<NaiveDateTime> = None;
    for id in ids.iter().rev() {
        let local = local_time(id)?;
        if older_than.is_some_and(|limit| local <= limit) {
            break;
        }
        match read(id) {
            Ok(snapshot) => {
                if !is_named_by_its_finish(&snapshot) {
                    return None;
                }
                candidates.push(snapshot);
                if candidates.len() == count {
                    older_than = Some(local - MAX_OFFSET - MAX_OFFSET);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    candidates.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
    Some(candidates)
}

/// Whether a check-in's id is the local time of its finish, as saving
/// names it (not so after a hand edit of the time).
fn is_named_by_its_finish(snapshot: &Snapshot) -> bool {
    snapshot.id.starts_with(&id_for(snapshot.finished_at))
}

/// The check-in of about a year before `today` (see
/// [`crate::year_ago::nearest`]) by name: the day is picked from the ids
/// (an id is the local time of the finish, so its date is the finish's
/// own), then that day's check-ins are read. `Some(None)` when no id is
/// old enough; `None` when the names cannot decide: none of that day's
/// files can be read, or one is a hand edit.
pub(crate) fn year_ago_by_name(
    ids: &Ids,
    today: NaiveDate,
    read: &mut dyn FnMut(&str) -> Result<Snapshot, Problem>,
    problems: &mut Vec<Problem>,
) -> Option<Option<Snapshot>> {
    let named: Vec<super::names::Named> = ids
        .between(days_around_a_year_ago(ids, today))
        .filter_map(|id| {
            Some(super::names::Named {
                id: id.to_string(),
                finished_at: local_time(id)?.and_utc().fixed_offset(),
            })
        })
        .collect();
    let Some(nearest) = crate::year_ago::nearest(&named, today) else {
        return Some(None);
    };
    let day = named[nearest].finished_at.format("%Y%m%d-").to_string();
    let start = ids.partition_point(|id| id < day.as_str());
    let mut that_day = Vec::new();
    for id in ids
        .between(start..ids.end())
        .take_while(|id| id.starts_with(&day))
    {
        match read(id) {
            Ok(snapshot) if is_named_by_its_finish(&snapshot) => that_day.push(snapshot),
            Ok(_) => return None,
            Err(problem) => problems.push(problem),
        }
    }
    let found = crate::year_ago::nearest(&that_day, today)?;
    Some(Some(that_day.swap_remove(found)))
}

/// The places in `ids` (sorted, so by day) between which are the ids of
/// the two days that can hold the check-in nearest a year before `today`:
/// the last day on or before that date and the first after it. Any other
/// day is farther from it than one of those, so
/// [`crate::year_ago::nearest`] picks the same check-in from these as from
/// all, and a start costs a few bisections, not a parse of every id.
fn days_around_a_year_ago(ids: &Ids, today: NaiveDate) -> std::ops::Range<usize> {
    fn day(id: &str) -> &str {
        id.get(..8).unwrap_or_default()
    }
    let target = (today - TimeDelta::days(crate::year_ago::TARGET_DAYS))
        .format("%Y%m%d")
        .to_string();
    let split = ids.partition_point(|id| day(id) <= target.as_str());
    let first = ids
        .between(ids.start()..split)
        .next_back()
        .map_or(split, |before| {
            ids.partition_point(|id| day(id) < day(before))
        });
    let end = ids.between(split..ids.end()).next().map_or(split, |after| {
        ids.partition_point(|id| day(id) <= day(after))
    });
    first..end
}

/// The local time an id names (its first 15 characters).
fn local_time(id: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(id.get(..15)?, "%Y%m%d-%H%M%S").ok()
}

/// `latest` is 0, `latest~N` is N; anything else is not a `latest` form.
fn latest_offset(spec: &str) -> Result<Option<usize>, StoreError> {
    let Some(rest) = spec.strip_prefix("latest") else {
        return Ok(None);
    };
    if rest.is_empty() {
        return Ok(Some(0));
    }
    rest.strip_prefix('~')
        .and_then(|n| n.parse::<usize>().ok())
        .map(Some)
        .ok_or_else(|| {
            StoreError::new(
                ErrorKind::Invalid,
                format!("{spec:?} is not a check-in: use {FORMS}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snap(id: &str) -> Snapshot {
        Snapshot {
            id: id.into(),
            ..Snapshot::empty_for_tests("2026-01-01T10:00:00+00:00")
        }
    }

    #[test]
    fn finds_by_latest_offset_id_and_prefix() {
        let all = [
            snap("20250101-090000"),
            snap("20260101-090000"),
            snap("20260401-090000"),
        ];
        assert_eq!(find(&all, "latest").expect("latest").id, "20260401-090000");
        assert_eq!(find(&all, "latest~2").expect("~2").id, "20250101-090000");
        assert_eq!(find(&all, "2025").expect("prefix").id, "20250101-090000");
        assert_eq!(
            find(&all, "20260101-090000").expect("exact").id,
            "20260101-090000"
        );
    }

    #[test]
    fn explains_what_went_wrong() {
        let all = [snap("20260101-090000"), snap("20260401-090000")];
        let msg = |spec| find(&all, spec).expect_err(spec).message;
        assert_eq!(msg("latest~2"), "latest~2: there are only 2 check-ins");
        assert!(msg("2026").contains("matches 2 check-ins (20260101-090000, 20260401-090000)"));
        assert!(msg("1999").contains("no check-in matches \"1999\""));
        assert!(msg("latest~x").contains("is not a check-in"));
        let only = [snap("20260101-090000")];
        let empty = find(&only, "").expect_err("empty spec");
        assert_eq!(empty.kind, ErrorKind::Invalid);
        assert!(
            empty.message.starts_with("no check-in given"),
            "{}",
            empty.message
        );
        assert!(
            find::<Snapshot>(&[], "latest")
                .expect_err("empty")
                .message
                .contains("no check-ins yet")
        );
    }

    /// The id of the check-in `spec` names in `all`.
    fn id_of<'a>(all: &'a [Snapshot], spec: &str) -> &'a str {
        &find(all, spec).expect(spec).id
    }

    /// A check-in labelled `label`, finished on its id's day.
    fn labelled(id: &str, label: &str) -> Snapshot {
        let day = format!("{}-{}-{}T09:00:00+00:00", &id[..4], &id[4..6], &id[6..8]);
        Snapshot {
            label: Some(label.into()),
            finished_at: DateTime::parse_from_rfc3339(&day).expect("a date"),
            ..snap(id)
        }
    }

    #[test]
    fn a_date_names_the_latest_check_in_that_day() {
        let all = ["20261130-090000", "20261130-170000", "20261201-080000"].map(snap);
        assert_eq!(id_of(&all, "2026-11-30"), "20261130-170000");
        assert_eq!(id_of(&all, "2026-12-01"), "20261201-080000");
        let missing = find(&all, "2026-11-29").expect_err("no check-in that day");
        assert_eq!(missing.kind, ErrorKind::NotFound);
        assert!(missing.message.contains("no check-in on 2026-11-29"));
        // Not a date: a label, and there is none.
        assert!(find(&all, "2026-13-01").is_err());
    }

    #[test]
    fn a_label_names_a_check_in_exactly_then_by_a_unique_prefix() {
        let all = [
            labelled("20260101-090000", "Q1"),
            labelled("20260401-090000", "Q1 after the reorg"),
            labelled("20260701-090000", "Summer"),
        ];
        assert_eq!(id_of(&all, "q1"), "20260101-090000");
        assert_eq!(id_of(&all, "q1 after"), "20260401-090000");
        assert_eq!(id_of(&all, "SUM"), "20260701-090000");
        assert!(find(&all, "winter").is_err());
        // An id prefix wins over a label.
        assert_eq!(id_of(&all, "202607"), "20260701-090000");
    }

    #[test]
    fn an_ambiguous_label_lists_the_candidates_by_date_and_label() {
        let all = [
            labelled("20260101-090000", "Team A"),
            labelled("20260401-090000", "Team B"),
            labelled("20260701-090000", "Summer"),
        ];
        let err = find(&all, "team").expect_err("ambiguous");
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(
            err.message,
            "\"team\" matches 2 check-ins: 1 Jan 2026 · Team A (20260101-090000), \
             1 Apr 2026 · Team B (20260401-090000); give one's id or date"
        );
        let twins = [
            labelled("20260101-090000", "Q1"),
            labelled("20260102-090000", "q1"),
        ];
        assert!(
            find(&twins, "Q1")
                .expect_err("same label")
                .message
                .contains("matches 2")
        );
    }

    mod by_name {
        use super::*;
        use chrono::{DateTime, FixedOffset, TimeZone};
        use proptest::prelude::*;
        use std::path::PathBuf;

        /// Check-ins finished at `minutes` after 2026-01-01 UTC, each in
        /// the UTC offset (in hours) beside it, so ids and finish times
        /// disagree in order whenever the offsets differ; the last
        /// `broken` of them (by id) cannot be read.
        fn check_ins(times: &[(i64, i32)]) -> Vec<Snapshot> {
            let mut all: Vec<Snapshot> = Vec::new();
            for &(minutes, hours) in times {
                let zone = FixedOffset::east_opt(hours * 3600).expect("offset");
                let at: DateTime<FixedOffset> = zone
                    .timestamp_opt(1_767_225_600 + minutes * 60, 0)
                    .single()
                    .expect("time");
                let mut snapshot = Snapshot::empty_for_tests("2026-01-01T00:00:00+00:00");
                snapshot.finished_at = at;
                snapshot.started_at = at;
                snapshot.id = id_for(at);
                let mut n = 2;
                while all.iter().any(|s| s.id == snapshot.id) {
                    snapshot.id = format!("{}-{n}", id_for(at));
                    n += 1;
                }
                all.push(snapshot);
            }
            all
        }

        /// Both ways of finding `spec`: by name, falling back to the
        /// listing as [`crate::store::Lookup`] does, and in the listing.
        fn both(
            all: &[Snapshot],
            broken: &[String],
            spec: &str,
        ) -> (Result<String, String>, Result<String, String>) {
            let mut listing: Vec<&Snapshot> =
                all.iter().filter(|s| !broken.contains(&s.id)).collect();
            listing.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
            let listing: Vec<Snapshot> = listing.into_iter().cloned().collect();
            let expected = find(&listing, spec)
                .map(|s| s.id.clone())
                .map_err(|e| e.message);
            let mut ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
            ids.sort();
            let mut read = |id: &str| {
                if broken.iter().any(|b| b == id) {
                    return Err(Problem {
                        path: PathBuf::from(id),
                        reason: "broken".into(),
                    });
                }
                Ok(all.iter().find(|s| s.id == id).expect("an id").clone())
            };
            let got = match by_name(&Ids::from(ids.clone()), spec, &mut read, &mut Vec::new()) {
                Some(found) => found.map(|s| s.id).map_err(|e| e.message),
                None => expected.clone(),
            };
            (got, expected)
        }

        #[test]
        fn the_finish_time_orders_not_the_id() {
            // Finished first but in Tokyo: its id is the later one.
            let all = check_ins(&[(0, 9), (60, 0)]);
            assert_eq!(all[0].id, "20260101-090000");
            assert_eq!(all[1].id, "20260101-010000");
            let (got, expected) = both(&all, &[], "latest");
            assert_eq!(got, Ok("20260101-010000".to_string()));
            assert_eq!(got, expected);
            let (got, _) = both(&all, &[], "latest~1");
            assert_eq!(got, Ok("20260101-090000".to_string()));
        }

        /// The id `spec` finds by name among check-ins `minutes_apart`
        /// apart, and how many files that read.
        fn found_by_name(count: i64, minutes_apart: i64, spec: &str) -> (String, usize) {
            let all = check_ins(
                &(0..count)
                    .map(|n| (n * minutes_apart, 0))
                    .collect::<Vec<_>>(),
            );
            let mut ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
            ids.sort();
            let mut reads = 0;
            let mut read = |id: &str| {
                reads += 1;
                Ok(all.iter().find(|s| s.id == id).expect("an id").clone())
            };
            let found = by_name(&Ids::from(ids.clone()), spec, &mut read, &mut Vec::new());
            (found.expect("decided").expect("found").id, reads)
        }

        #[test]
        fn latest_reads_only_the_newest_files() {
            let (id, reads) = found_by_name(500, 7 * 24 * 60, "latest~2");
            assert_eq!(id, "20350712-000000", "the 498th week");
            assert_eq!(reads, 3);
        }

        #[test]
        fn a_date_reads_only_that_days_files() {
            let (id, reads) = found_by_name(500, 24 * 60, "2026-02-01");
            assert_eq!(id, "20260201-000000");
            assert_eq!(reads, 1);
        }

        proptest! {
            #[test]
            fn finds_what_the_listing_finds(
                times in proptest::collection::vec((0i64..20_000, -12i32..=14), 1..40),
                broken in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
                back in 0usize..6,
                prefix in 9usize..16,
                pick in any::<prop::sample::Index>(),
            ) {
                let all = check_ins(&times);
                let broken: Vec<String> = broken.iter().map(|i| all[i.index(all.len())].id.clone()).collect();
                let named = &all[pick.index(all.len())].id;
                for spec in [
                    "latest".to_string(),
                    format!("latest~{back}"),
                    named.clone(),
                    named[..prefix].to_string(),
                    format!("{}-{}-{}", &named[..4], &named[4..6], &named[6..8]),
                    "1999".to_string(),
                ] {
                    let (got, expected) = both(&all, &broken, &spec);
                    prop_assert_eq!(got, expected, "{}", spec);
                }
            }
        }

        /// The readable check-ins oldest first by finish, as a listing
        /// gives them, and a reader of `all` that fails on `broken`.
        fn listing_and_reader(
            all: &[Snapshot],
            broken: &[String],
        ) -> (
            Vec<Snapshot>,
            Vec<String>,
            impl FnMut(&str) -> Result<Snapshot, Problem>,
        ) {
            let mut listing: Vec<Snapshot> = all
                .iter()
                .filter(|s| !broken.contains(&s.id))
                .cloned()
                .collect();
            listing.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
            let mut ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
            ids.sort();
            let (all, broken) = (all.to_vec(), broken.to_vec());
            let read = move |id: &str| {
                if broken.iter().any(|b| b == id) {
                    return Err(Problem {
                        path: PathBuf::from(id),
                        reason: "broken".into(),
                    });
                }
                Ok(all.iter().find(|s| s.id == id).expect("an id").clone())
            };
            (listing, ids, read)
        }

        proptest! {
            #[test]
            fn the_newest_by_name_are_the_end_of_the_listing(
                times in proptest::collection::vec((0i64..20_000, -12i32..=14), 1..40),
                broken in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
                count in 1usize..12,
            ) {
                let all = check_ins(&times);
                let broken: Vec<String> = broken.iter().map(|i| all[i.index(all.len())].id.clone()).collect();
                let (listing, ids, mut read) = listing_and_reader(&all, &broken);
                let found = newest_by_name(&Ids::from(ids.clone()), count, &mut read, &mut Vec::new()).expect("decided");
                let newest: Vec<&str> = found.iter().rev().take(count).map(|s| s.id.as_str()).collect();
                let expected: Vec<&str> = listing.iter().rev().take(count).map(|s| s.id.as_str()).collect();
                prop_assert_eq!(newest, expected);
            }

            #[test]
            fn the_year_ago_by_name_is_the_listings(
                days in proptest::collection::vec((0i64..900, -12i32..=14), 1..30),
                broken in proptest::collection::vec(any::<prop::sample::Index>(), 0..4),
            ) {
                // Whole days apart and a few hours, in any time zone.
                let times: Vec<(i64, i32)> = days.iter().map(|&(d, h)| (d * 24 * 60 + 600, h)).collect();
                let all = check_ins(&times);
                let broken: Vec<String> = broken.iter().map(|i| all[i.index(all.len())].id.clone()).collect();
                let (listing, ids, mut read) = listing_and_reader(&all, &broken);
                let today = NaiveDate::from_ymd_opt(2028, 6, 1).expect("a day");
                let expected = crate::year_ago::nearest(&listing, today).map(|i| listing[i].id.clone());
                if let Some(found) = year_ago_by_name(&Ids::from(ids.clone()), today, &mut read, &mut Vec::new()) {
                    prop_assert_eq!(found.map(|s| s.id), expected);
                } else {
                    // Undecided only when that day's files cannot be read.
                    prop_assert!(!broken.is_empty());
                }
            }
        }
    }
}

#[cfg(test)]
mod days_around_a_year_ago_tests {
    use chrono::{NaiveDate, TimeDelta};

    use super::Ids;

    /// The ids [`super::days_around_a_year_ago`] keeps of `ids`.
    fn days_around_a_year_ago(ids: &[String], today: NaiveDate) -> Vec<String> {
        let ids = Ids::from(ids.to_vec());
        ids.between(super::days_around_a_year_ago(&ids, today))
            .map(str::to_string)
            .collect()
    }

    fn ids_from(first: NaiveDate, days: i64, every: i64) -> Vec<String> {
        (0..days)
            .step_by(usize::try_from(every).expect("a step"))
            .flat_map(|d| {
                let day = (first + TimeDelta::days(d)).format("%Y%m%d");
                [format!("{day}-090000"), format!("{day}-180000")]
            })
            .collect()
    }

    #[test]
    fn only_the_days_either_side_of_a_year_ago_are_kept() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a day");
        let first = NaiveDate::from_ymd_opt(2023, 1, 1).expect("a day");
        // Every third day for four years: a year ago, 2025-11-30, falls
        // between two of them.
        let ids = ids_from(first, 4 * 365, 3);
        let kept = days_around_a_year_ago(&ids, today);
        let days: Vec<&str> = kept.iter().map(|id| &id[..8]).collect();
        assert_eq!(
            days,
            ["20251128", "20251128", "20251201", "20251201"],
            "{kept:?}"
        );
        // A check-in on the very day: it and the next day's.
        let every_day = ids_from(first, 4 * 365, 1);
        let kept = days_around_a_year_ago(&every_day, today);
        assert_eq!(kept.first().map(|id| &id[..8]), Some("20251130"));
        assert_eq!(kept.last().map(|id| &id[..8]), Some("20251201"));
        // All before it, all after it, none.
        assert_eq!(days_around_a_year_ago(&ids[..4], today), &ids[2..4]);
        let late = ids_from(NaiveDate::from_ymd_opt(2026, 6, 1).expect("a day"), 30, 1);
        assert_eq!(days_around_a_year_ago(&late, today), &late[..2]);
        assert!(days_around_a_year_ago(&[], today).is_empty());
    }
}
