//! Snapshot fixtures built from the built-in banks, for tests.

#![allow(dead_code)] // each test binary uses a different part

use chrono::{DateTime, Duration, FixedOffset};
use motive::bank::{Bank, builtin};
use motive::snapshot::{Answer, BankRef, ReflectionAnswer, SNAPSHOT_FORMAT, Snapshot};

/// A fixed instant, so fixtures are reproducible.
pub fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).expect("a valid date")
}

pub fn bank(id: &str) -> Bank {
    builtin::get(id).expect("a built-in bank")
}

/// A check-in on `bank` where every statement got `value` (reverse items too),
/// finished at `finished`.
pub fn snapshot(bank: &Bank, finished: DateTime<FixedOffset>, value: i64) -> Snapshot {
    Snapshot {
        format: SNAPSHOT_FORMAT,
        id: motive::store::id_for(finished),
        label: None,
        started_at: finished - Duration::minutes(15),
        finished_at: finished,
        commitment: "Ask for the gnarly migration".into(),
        bank: BankRef {
            id: bank.id.clone(),
            version: bank.version.clone(),
            title: bank.title.clone(),
        },
        scale: bank.scale.clone(),
        dimensions: bank.dimensions.clone(),
        answers: bank
            .questions
            .iter()
            .map(|q| Answer {
                question: q.id.clone(),
                dimension: q.dimension.clone(),
                text: q.text.clone(),
                reverse: q.reverse,
                weight: q.weight,
                value: Some(value),
                note: None,
                fingerprint: Some(motive::snapshot::fingerprint(
                    &q.text,
                    q.reverse,
                    &bank.scale,
                )),
            })
            .collect(),
        reflections: bank
            .reflections
            .iter()
            .map(|r| ReflectionAnswer {
                id: r.id.clone(),
                prompt: r.prompt.clone(),
                text: format!("thoughts on {}", r.id),
            })
            .collect(),
        follow_up: None,
    }
}

/// A temporary dir only its owner can read, as motive makes its data dir
/// (an open one draws a privacy warning on stderr).
pub fn private_tempdir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
        .expect("chmod 700");
    dir
}
