//! Naming a check-in: `latest`, `latest~N`, a full id or a unique prefix.

use super::{ErrorKind, StoreError};
use crate::snapshot::Snapshot;
use crate::summary::Summary;

/// Anything that names a check-in by its id.
pub trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Snapshot {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Summary {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Find a check-in by `latest`, `latest~N`, an exact id or a unique prefix.
/// `snapshots` are oldest first.
pub fn find<'a, T: HasId>(snapshots: &'a [T], spec: &str) -> Result<&'a T, StoreError> {
    let not_found = |message: String| StoreError::new(ErrorKind::NotFound, message);
    if spec.is_empty() {
        // Every id starts with "": never let an empty argument pick one.
        return Err(StoreError::new(
            ErrorKind::Invalid,
            "no check-in given: use latest, latest~N, an id or its prefix",
        ));
    }
    if snapshots.is_empty() {
        return Err(not_found(
            "no check-ins yet; start one with `motive check`".into(),
        ));
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
    if let Some(exact) = snapshots.iter().find(|s| s.id() == spec) {
        return Ok(exact);
    }
    let matches: Vec<&T> = snapshots
        .iter()
        .filter(|s| s.id().starts_with(spec))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(not_found(format!(
            "no check-in matches {spec:?}; `motive list` shows their ids"
        ))),
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
                format!("{spec:?} is not a check-in: use latest, latest~N, an id or its prefix"),
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
}
