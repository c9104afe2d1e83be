//! A finished check-in, as saved on disk: self-contained, so it stays
//! meaningful when the bank it came from changes later.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};

use crate::bank::{Dimension, Scale};
use crate::limits;

/// The newest snapshot format this build understands. Format 2 holds a
/// list of commitments and of follow-ups; format 1 held at most one of
/// each (`commitment`, `follow_up`), and is still read.
pub const SNAPSHOT_FORMAT: i64 = 2;

/// The most commitments one check-in makes: a handful, each followed up.
pub const MAX_COMMITMENTS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SnapshotFile")]
pub struct Snapshot {
    pub format: i64,
    /// `YYYYMMDD-HHMMSS` of the local finish time, with `-2`, `-3`... on collision.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub started_at: DateTime<FixedOffset>,
    pub finished_at: DateTime<FixedOffset>,
    /// What the person will do before the next check-in: at most
    /// [`MAX_COMMITMENTS`], each non-empty (there may be none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<String>,
    pub bank: BankRef,
    pub scale: Scale,
    // Lists stop at their limit while being read (see `crate::limits`).
    #[serde(deserialize_with = "dimensions_at_most")]
    pub dimensions: Vec<Dimension>,
    #[serde(default, deserialize_with = "answers_at_most")]
    pub answers: Vec<Answer>,
    #[serde(default, deserialize_with = "reflections_at_most")]
    pub reflections: Vec<ReflectionAnswer>,
    /// How each of the previous check-in's commitments turned out (those
    /// the person answered for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<FollowUp>,
}

/// A snapshot as any format stores it: format 1's single `commitment` and
/// `follow_up` become format 2's lists when read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotFile {
    format: i64,
    id: String,
    #[serde(default)]
    label: Option<String>,
    started_at: DateTime<FixedOffset>,
    finished_at: DateTime<FixedOffset>,
    #[serde(default)]
    commitment: Option<String>,
    #[serde(default, deserialize_with = "commitments_at_most")]
    commitments: Vec<String>,
    bank: BankRef,
    scale: Scale,
    #[serde(deserialize_with = "dimensions_at_most")]
    dimensions: Vec<Dimension>,
    #[serde(default, deserialize_with = "answers_at_most")]
    answers: Vec<Answer>,
    #[serde(default, deserialize_with = "reflections_at_most")]
    reflections: Vec<ReflectionAnswer>,
    #[serde(default)]
    follow_up: Option<FollowUp>,
    #[serde(default, deserialize_with = "follow_ups_at_most")]
    follow_ups: Vec<FollowUp>,
}

impl TryFrom<SnapshotFile> for Snapshot {
    type Error = String;

    fn try_from(f: SnapshotFile) -> Result<Self, String> {
        let (commitments, follow_ups) = if f.format < 2 {
            if !f.commitments.is_empty() || !f.follow_ups.is_empty() {
                return Err(format!(
                    "format {} holds `commitment` and `follow_up`, not `commitments` or `follow_ups`",
                    f.format
                ));
            }
            let one = f.commitment.filter(|c| !c.trim().is_empty());
            (one.into_iter().collect(), f.follow_up.into_iter().collect())
        } else {
            if f.commitment.is_some() || f.follow_up.is_some() {
                return Err(format!(
                    "format {} holds `commitments` and `follow_ups`, not `commitment` or `follow_up`",
                    f.format
                ));
            }
            (f.commitments, f.follow_ups)
        };
        Ok(Self {
            // Read, a format-1 check-in is a format-2 one: saved again
            // (by an import), it is written as such.
            format: if f.format == 1 {
                SNAPSHOT_FORMAT
            } else {
                f.format
            },
            id: f.id,
            label: f.label,
            started_at: f.started_at,
            finished_at: f.finished_at,
            commitments,
            bank: f.bank,
            scale: f.scale,
            dimensions: f.dimensions,
            answers: f.answers,
            reflections: f.reflections,
            follow_ups,
        })
    }
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

fn commitments_at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    limits::deserialize_at_most(d, MAX_COMMITMENTS, "commitments")
}

fn follow_ups_at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<FollowUp>, D::Error> {
    limits::deserialize_at_most(d, MAX_COMMITMENTS, "follow-ups")
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
            commitments: Vec::new(),
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
            follow_ups: Vec::new(),
        }
    }
}
