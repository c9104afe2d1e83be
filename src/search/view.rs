//! What a person wrote in one check-in, borrowed from the text cache's bytes
//! ([`WritingView`]) rather than copied out of them, and what search and
//! threads ask of a writing, owned or borrowed ([`Written`]).
//!
//! `motive search` and `motive thread` read thousands of cached writings and
//! print a few lines of each: decoding each text into a `String` of its own
//! was most of their cost. A view borrows every text that the cache stores
//! without escapes (most of them) and copies only the others.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Place;
use super::writing::Writing;
use crate::snapshot::ReflectionAnswer;
use crate::store::HasId;

/// A text of the cache, borrowed when it was stored without escapes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

impl Text<'_> {
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// [`Writing`], borrowed: the same fields, decoded from the same JSON.
/// Those a reader did not ask for are left empty (see
/// [`crate::store::text_cache::Decode`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct WritingView<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    pub finished_at: DateTime<FixedOffset>,
    #[serde(borrow)]
    pub label: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub notes: Vec<NoteView<'a>>,
    #[serde(borrow, default)]
    pub reflections: Vec<ReflectionView<'a>>,
    #[serde(borrow, default)]
    pub commitments: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub follow_up_notes: Vec<Text<'a>>,
}

/// [`super::Note`], borrowed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NoteView<'a> {
    #[serde(borrow)]
    pub statement: Text<'a>,
    #[serde(borrow)]
    pub text: Text<'a>,
}

/// [`ReflectionAnswer`], borrowed, and as strict about its fields.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionView<'a> {
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub prompt: Text<'a>,
    #[serde(borrow, default = "Text::empty")]
    pub text: Text<'a>,
}

impl Text<'_> {
    /// A blank text.
    #[must_use]
    pub fn empty() -> Self {
        Text(Cow::Borrowed(""))
    }
}

fn borrow(text: &str) -> Text<'_> {
    Text(Cow::Borrowed(text))
}

impl<'a> WritingView<'a> {
    /// A view of an owned writing.
    #[must_use]
    pub fn of(w: &'a Writing) -> Self {
        Self {
            id: borrow(&w.id),
            finished_at: w.finished_at,
            label: w.label.as_deref().map(borrow),
            notes: w
                .notes
                .iter()
                .map(|n| NoteView {
                    statement: borrow(&n.statement),
                    text: borrow(&n.text),
                })
                .collect(),
            reflections: w
                .reflections
                .iter()
                .map(|r| ReflectionView {
                    id: borrow(&r.id),
                    prompt: borrow(&r.prompt),
                    text: borrow(&r.text),
                })
                .collect(),
            commitments: w.commitments.iter().map(|c| borrow(c)).collect(),
            follow_up_notes: w.follow_up_notes.iter().map(|n| borrow(n)).collect(),
        }
    }

    /// The owned writing this is a view of.
    #[must_use]
    pub fn to_writing(&self) -> Writing {
        let own = |t: &Text<'_>| t.as_str().to_string();
        Writing {
            id: own(&self.id),
            finished_at: self.finished_at,
            label: self.label.as_ref().map(own),
            notes: self
                .notes
                .iter()
                .map(|n| super::Note {
                    statement: own(&n.statement),
                    text: own(&n.text),
                })
                .collect(),
            reflections: self
                .reflections
                .iter()
                .map(|r| ReflectionAnswer {
                    id: own(&r.id),
                    prompt: own(&r.prompt),
                    text: own(&r.text),
                })
                .collect(),
            commitments: self.commitments.iter().map(own).collect(),
            follow_up_notes: self.follow_up_notes.iter().map(own).collect(),
        }
    }
}

/// One answer to a reflection prompt, owned or borrowed.
pub trait Reflected {
    fn id(&self) -> &str;
    fn prompt(&self) -> &str;
    fn text(&self) -> &str;
}

impl Reflected for ReflectionAnswer {
    fn id(&self) -> &str {
        &self.id
    }
    fn prompt(&self) -> &str {
        &self.prompt
    }
    fn text(&self) -> &str {
        &self.text
    }
}

impl Reflected for ReflectionView<'_> {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn prompt(&self) -> &str {
        self.prompt.as_str()
    }
    fn text(&self) -> &str {
        self.text.as_str()
    }
}

/// What search and threads read of one check-in's writing: [`Writing`] or
/// [`WritingView`].
pub trait Written: HasId {
    type Reflection: Reflected;

    fn reflections(&self) -> &[Self::Reflection];

    /// Everything the person wrote, with where, in the check-in's order:
    /// the label, statement notes, reflections, commitments, follow-up
    /// notes.
    fn fields(&self) -> impl Iterator<Item = (Place<'_>, &str)>;
}

impl Written for Writing {
    type Reflection = ReflectionAnswer;

    fn reflections(&self) -> &[ReflectionAnswer] {
        &self.reflections
    }

    fn fields(&self) -> impl Iterator<Item = (Place<'_>, &str)> {
        fields_of(
            self.label.as_deref(),
            self.notes
                .iter()
                .map(|n| (n.statement.as_str(), n.text.as_str())),
            &self.reflections,
            self.commitments.iter().map(String::as_str),
            self.follow_up_notes.iter().map(String::as_str),
        )
    }
}

impl<'a> Written for WritingView<'a> {
    type Reflection = ReflectionView<'a>;

    fn reflections(&self) -> &[ReflectionView<'a>] {
        &self.reflections
    }

    fn fields(&self) -> impl Iterator<Item = (Place<'_>, &str)> {
        fields_of(
            self.label.as_ref().map(Text::as_str),
            (self.notes.iter()).map(|n| (n.statement.as_str(), n.text.as_str())),
            &self.reflections,
            self.commitments.iter().map(Text::as_str),
            self.follow_up_notes.iter().map(Text::as_str),
        )
    }
}

/// The fields of a writing, in order, from its parts.
fn fields_of<'a, R: Reflected>(
    label: Option<&'a str>,
    notes: impl Iterator<Item = (&'a str, &'a str)>,
    reflections: &'a [R],
    commitments: impl Iterator<Item = &'a str>,
    follow_up_notes: impl Iterator<Item = &'a str>,
) -> impl Iterator<Item = (Place<'a>, &'a str)> {
    (label.map(|l| (Place::Label, l)).into_iter())
        .chain(notes.map(|(statement, text)| (Place::Note { statement }, text)))
        .chain(reflections.iter().map(reflection_field))
        .chain(commitments.map(|c| (Place::Commitment, c)))
        .chain(follow_up_notes.map(|n| (Place::FollowUpNote, n)))
}

/// A reflection as a field a search reads.
fn reflection_field<R: Reflected>(r: &R) -> (Place<'_>, &str) {
    let place = Place::Reflection {
        id: r.id(),
        prompt: r.prompt(),
    };
    (place, r.text())
}

impl HasId for WritingView<'_> {
    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn label(&self) -> Option<&str> {
        self.label.as_ref().map(Text::as_str)
    }
    fn finished_at(&self) -> DateTime<FixedOffset> {
        self.finished_at
    }
}
