//! Question banks: the statements and reflection prompts a check-in walks through.
//!
//! A bank is plain data. [`load`] turns TOML text into a validated [`Bank`]
//! (reporting every problem at once, with positions), [`builtin`] holds the
//! banks embedded in the binary, and [`resolve`] finds a bank by id or path.

pub mod builtin;
pub mod load;
pub mod resolve;

use serde::{Deserialize, Serialize};

/// The newest bank format this build understands.
pub const BANK_FORMAT: i64 = 1;

/// A validated question bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Bank {
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub scale: Scale,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    pub reflections: Vec<Reflection>,
    /// Things to try, per dimension, for those that declare `ideas`. Kept
    /// apart from [`Dimension`], which check-ins copy: ideas are the
    /// bank's advice, not part of what was answered.
    pub ideas: Vec<DimensionIdeas>,
}

/// A dimension's `ideas`: short, concrete things to try when its score is
/// low or has fallen. Suggestions only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionIdeas {
    pub dimension: String,
    pub ideas: Vec<String>,
}

/// The answer scale shared by every statement of a bank: integers `min..=max`,
/// one label per point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub labels: Vec<String>,
}

impl Scale {
    /// Number of points on the scale.
    #[must_use]
    pub fn len(&self) -> usize {
        usize::try_from(self.max - self.min + 1).unwrap_or(0)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[must_use]
    pub fn contains(&self, value: i64) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// The label of `value`, if it is on the scale.
    #[must_use]
    pub fn label(&self, value: i64) -> Option<&str> {
        let index = usize::try_from(value.checked_sub(self.min)?).ok()?;
        self.labels.get(index).map(String::as_str)
    }
}

/// One of the things a bank measures (autonomy, mastery, purpose...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Standard deviation of the dimension's score in a reference population,
    /// in 0-100 points. Needed, with `reliability`, to call a change reliable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<f64>,
    /// Internal-consistency reliability of the dimension's score, 0 < r < 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
}

/// A scored statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub dimension: String,
    pub text: String,
    pub hint: Option<String>,
    /// A reverse-worded statement: agreeing lowers the score.
    pub reverse: bool,
    /// Relative weight within its dimension, > 0.
    pub weight: f64,
}

/// A free-text prompt. Not scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Reflection {
    pub id: String,
    pub prompt: String,
    pub hint: Option<String>,
}

impl Bank {
    #[must_use]
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The ideas of dimension `id`, empty when it declares none.
    #[must_use]
    pub fn ideas(&self, id: &str) -> &[String] {
        self.ideas
            .iter()
            .find(|i| i.dimension == id)
            .map_or(&[], |i| i.ideas.as_slice())
    }
}
