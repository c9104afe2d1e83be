//! A finished check-in, as saved on disk: self-contained, so it stays
//! meaningful when the bank it came from changes later.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::bank::{Dimension, Scale};
use crate::limits;

/// The newest snapshot format this build understands.
pub const SNAPSHOT_FORMAT: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub format: i64,
    /// `YYYYMMDD-HHMMSS` of the local finish time, with `-2`, `-3`... on collision.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    /// One thing the person will do before the next check-in (may be empty).
    #[serde(default)]
    pub commitment: String,
    pub bank: BankRef,
    pub scale: Scale,
    // Lists stop at their limit while being read (see `crate::limits`).
    #[serde(deserialize_with = "dimensions_at_most")]
    pub dimensions: Vec<Dimension>,
    #[serde(default, deserialize_with = "answers_at_most")]
    pub answers: Vec<Answer>,
    #[serde(default, deserialize_with = "reflections_at_most")]
    pub reflections: Vec<ReflectionAnswer>,
    /// How the previous check-in's commitment turned out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
}

/// Which bank a snapshot was taken with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankRef {
    pub id: String,
    pub version: String,
    #[serde(default)]
    pub title: String,
}

/// One statement as it was asked, and the person's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub question: String,
    pub dimension: String,
    pub text: String,
    #[serde(default)]
    pub reverse: bool,
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// `None` when skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A fingerprint of the statement's wording, direction and scale when it
    /// was asked (see [`fingerprint`]); comparisons only pair statements
    /// whose fingerprints match. Older files without one get it computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

impl Answer {
    /// The recorded fingerprint, or the one computed from what was recorded.
    #[must_use]
    pub fn fingerprint_on(&self, scale: &Scale) -> String {
        self.fingerprint
            .clone()
            .unwrap_or_else(|| fingerprint(&self.text, self.reverse, scale))
    }
}

/// A short, stable fingerprint of a statement as asked: its wording, whether
/// it is reverse-worded, and the scale (range and labels). FNV-1a, 64 bits,
/// as 16 hex digits: stable across builds and platforms, not a security hash.
#[must_use]
pub fn fingerprint(text: &str, reverse: bool, scale: &Scale) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator that cannot occur in UTF-8 text keeps fields apart.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(text.trim().as_bytes());
    feed(if reverse { b"reverse" } else { b"forward" });
    feed(&scale.min.to_le_bytes());
    feed(&scale.max.to_le_bytes());
    for label in &scale.labels {
        feed(label.as_bytes());
    }
    format!("{hash:016x}")
}

fn default_weight() -> f64 {
    1.0
}

fn dimensions_at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Dimension>, D::Error> {
    limits::deserialize_at_most(d, limits::MAX_DIMENSIONS, "dimensions")
}

fn answers_at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Answer>, D::Error> {
    limits::deserialize_at_most(d, limits::MAX_STATEMENTS, "answers")
}

fn reflections_at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ReflectionAnswer>, D::Error> {
    limits::deserialize_at_most(d, limits::MAX_REFLECTIONS, "reflections")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionAnswer {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// The commitment being followed up, copied from the previous snapshot.
    pub commitment: String,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Done,
    Partly,
    NotDone,
    Dropped,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Self::Done, Self::Partly, Self::NotDone, Self::Dropped];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Partly => "partly",
            Self::NotDone => "not_done",
            Self::Dropped => "dropped",
        }
    }

    /// Words for people, e.g. "not done".
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::Partly => "partly",
            Self::NotDone => "not done",
            Self::Dropped => "dropped",
        }
    }
}

/// The id of a check-in finished at `at`: its local time, `YYYYMMDD-HHMMSS`.
#[must_use]
pub fn id_for(at: DateTime<FixedOffset>) -> String {
    at.format("%Y%m%d-%H%M%S").to_string()
}

impl Snapshot {
    #[must_use]
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// Answers that carry a value (not skipped).
    pub fn answered(&self) -> impl Iterator<Item = &Answer> {
        self.answers.iter().filter(|a| a.value.is_some())
    }
}

#[cfg(test)]
impl Snapshot {
    /// An empty check-in for unit tests: bank `core` 1, a 1-5 scale with
    /// labels "1".."5", no dimensions or answers, started and finished at `at`.
    pub(crate) fn empty_for_tests(at: &str) -> Self {
        let at = DateTime::parse_from_rfc3339(at).expect("a test date");
        Self {
            format: SNAPSHOT_FORMAT,
            id: id_for(at),
            label: None,
            started_at: at,
            finished_at: at,
            commitment: String::new(),
            bank: BankRef {
                id: "core".into(),
                version: "1".into(),
                title: String::new(),
            },
            scale: Scale {
                min: 1,
                max: 5,
                labels: (1..=5).map(|v| v.to_string()).collect(),
            },
            dimensions: Vec::new(),
            answers: Vec::new(),
            reflections: Vec::new(),
            follow_up: None,
        }
    }
}
