//! Snapshot fixtures built from the built-in banks, for tests.

#![allow(dead_code)] // each test binary uses a different part

use chrono::{DateTime, Duration, FixedOffset};
use motive::bank::{Bank, builtin};
use motive::checkin::CheckIn;
use motive::snapshot::Snapshot;

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
    // Built the way the TUI builds one, so fixtures and real check-ins agree.
    let mut checkin = CheckIn::new(bank, &[], None, finished - Duration::minutes(15));
    for q in &mut checkin.questions {
        q.value = Some(value);
    }
    for r in &mut checkin.reflections {
        r.text = format!("thoughts on {}", r.id);
    }
    checkin.commitment = "Ask for the gnarly migration".into();
    checkin.to_snapshot(finished)
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

/// The real binary, against `data` as its data dir (config beside it),
/// without colour or backtraces.
pub fn motive(data: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("motive");
    cmd.env("MOTIVE_DATA_DIR", data)
        .env("MOTIVE_CONFIG_DIR", data.join("config"))
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Run a command that must succeed and parse its stdout as JSON.
pub fn json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

/// The three dimensions of the chart fixtures, by id and name.
pub const DIMENSIONS: [(&str, &str); 3] = [
    ("autonomy", "Autonomy"),
    ("mastery", "Mastery"),
    ("purpose", "Purpose"),
];

/// A small hand-made check-in finished at `at` (RFC 3339): bank `core` 1 on
/// a 1-5 scale, one statement per dimension answered with `values` (`None`
/// skips it, so that dimension has no score).
pub fn scored(at: &str, values: [Option<i64>; 3]) -> Snapshot {
    use motive::bank::{Dimension, Scale};
    use motive::snapshot::{Answer, BankRef, SNAPSHOT_FORMAT};
    let at = self::at(at);
    Snapshot {
        format: SNAPSHOT_FORMAT,
        id: motive::snapshot::id_for(at),
        label: None,
        started_at: at,
        finished_at: at,
        commitments: Vec::new(),
        bank: BankRef {
            id: "core".into(),
            version: "1".into(),
            title: "Core".into(),
        },
        scale: Scale {
            min: 1,
            max: 5,
            labels: ["never", "rarely", "sometimes", "often", "always"]
                .map(String::from)
                .to_vec(),
        },
        dimensions: DIMENSIONS
            .iter()
            .map(|(id, name)| Dimension {
                id: (*id).into(),
                name: (*name).into(),
                description: String::new(),
                sd: None,
                reliability: None,
            })
            .collect(),
        answers: DIMENSIONS
            .iter()
            .zip(values)
            .map(|((id, _), value)| Answer {
                question: format!("{id}-1"),
                dimension: (*id).into(),
                text: format!("A statement about {id}"),
                reverse: false,
                weight: 1.0,
                value,
                note: None,
                fingerprint: None,
            })
            .collect(),
        reflections: vec![],
        follow_ups: Vec::new(),
    }
}

/// The quick bank on a 0-10 scale, labelled at both ends and the middle.
pub fn eleven_points() -> Bank {
    let mut bank = bank("quick");
    bank.scale.min = 0;
    bank.scale.max = 10;
    bank.scale.labels = (0..=10)
        .map(|v| match v {
            0 => "Not at all true".to_string(),
            5 => "Somewhat true".to_string(),
            10 => "Completely true".to_string(),
            _ => String::new(),
        })
        .collect();
    bank
}

/// The ids `motive list --json` lists in `data`, oldest first.
pub fn listed_ids(data: &std::path::Path) -> Vec<String> {
    let list = json(motive(data).args(["list", "--json"]));
    list.as_array()
        .expect("an array")
        .iter()
        .map(|e| e["id"].as_str().expect("an id").to_string())
        .collect()
}

/// Write `snapshot` where the store keeps it, as the store writes it
/// (bypassing the store, so a test can place any check-in it likes).
pub fn write_snapshot(data: &std::path::Path, snapshot: &Snapshot) {
    use std::os::unix::fs::DirBuilderExt;
    let dir = data.join("snapshots");
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .expect("snapshots dir");
    let text = toml::to_string(snapshot).expect("serialise");
    std::fs::write(dir.join(format!("{}.toml", snapshot.id)), text).expect("write snapshot");
}
