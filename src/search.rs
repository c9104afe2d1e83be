//! Finding what you wrote: words in notes, reflections, commitments,
//! follow-up notes and labels, matched case- and accent-insensitively
//! ("resume" finds "Résumé"); and the thread of one reflection prompt, every
//! answer to it over time. Plain data for `motive search` and `motive thread`,
//! over what people wrote ([`Writing`]), which the store keeps cached.

mod writing;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub use writing::{Note, Writing};

use crate::snapshot::ReflectionAnswer;

/// Where in a check-in a line was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Label,
    /// The note on a statement (its text).
    Note {
        statement: String,
    },
    Reflection {
        id: String,
        prompt: String,
    },
    Commitment,
    /// The note on how last time's commitment went.
    FollowUpNote,
}

impl Place {
    /// Where, as people read it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Label => "label".into(),
            Self::Note { statement } => format!("note on \"{statement}\""),
            Self::Reflection { prompt, .. } => format!("reflection \"{prompt}\""),
            Self::Commitment => "commitment".into(),
            Self::FollowUpNote => "note on last time's commitment".into(),
        }
    }

    /// A short name for scripts.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Label => "label",
            Self::Note { .. } => "note",
            Self::Reflection { .. } => "reflection",
            Self::Commitment => "commitment",
            Self::FollowUpNote => "follow_up_note",
        }
    }
}

/// One line that matched, in one check-in.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub writing: &'a Writing,
    pub place: Place,
    pub line: String,
    /// Byte ranges of `line` that matched a word, in order.
    pub matches: Vec<(usize, usize)>,
}

/// A text folded for matching: each char lowercased and stripped of its
/// accents, with the byte range of the original char it came from.
struct Folded {
    chars: Vec<(char, usize, usize)>,
}

impl Folded {
    fn of(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            let end = at + c.len_utf8();
            for base in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                chars.extend(base.to_lowercase().map(|l| (l, at, end)));
            }
        }
        Self { chars }
    }

    /// Byte ranges in the original text where `word` (folded) occurs.
    fn find(&self, word: &[char]) -> Vec<(usize, usize)> {
        if word.is_empty() || word.len() > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - word.len())
            .filter(|&i| {
                self.chars[i..i + word.len()]
                    .iter()
                    .map(|c| c.0)
                    .eq(word.iter().copied())
            })
            .map(|i| (self.chars[i].1, self.chars[i + word.len() - 1].2))
            .collect()
    }
}

/// `word` folded as text is for matching.
fn fold_word(word: &str) -> Vec<char> {
    Folded::of(word).chars.into_iter().map(|c| c.0).collect()
}

/// Every line of every check-in (oldest first) in a field that holds all of
/// `words`, with each word's occurrences in it.
#[must_use]
pub fn search<'a>(writings: &'a [Writing], words: &[String]) -> Vec<Hit<'a>> {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| fold_word(w.trim()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let ascii_words = as_ascii(&words);
    let mut hits = Vec::new();
    let mut lower = String::new();
    for w in writings {
        for (field, text) in fields(w) {
            if !holds_all(text, &words, &ascii_words, &mut lower) {
                continue;
            }
            for line in text.lines() {
                let matches = line_matches(line, &words, &ascii_words);
                if matches.is_empty() {
                    continue;
                }
                hits.push(Hit {
                    writing: w,
                    place: field.place(),
                    line: line.to_string(),
                    matches,
                });
            }
        }
    }
    hits
}

/// The byte ranges of `line` where any of `words` occurs, in order. An
/// ASCII line folds to its lowercase, byte for byte: it is searched as it
/// is, every occurrence (overlapping ones too) as folding finds them.
fn line_matches(
    line: &str,
    words: &[Vec<char>],
    ascii_words: &[Option<String>],
) -> Vec<(usize, usize)> {
    let mut matches: Vec<(usize, usize)> = if line.is_ascii() {
        let lower = line.to_ascii_lowercase();
        let mut found = Vec::new();
        for word in ascii_words.iter().flatten() {
            let mut from = 0;
            while let Some(at) = lower.get(from..).and_then(|rest| rest.find(word.as_str())) {
                found.push((from + at, from + at + word.len()));
                from += at + 1;
            }
        }
        found
    } else {
        let folded = Folded::of(line);
        words.iter().flat_map(|w| folded.find(w)).collect()
    };
    matches.sort_unstable();
    matches.dedup();
    matches
}

/// Each folded word as ASCII text, or `None` when it is not ASCII (then no
/// ASCII text holds it).
fn as_ascii(words: &[Vec<char>]) -> Vec<Option<String>> {
    words
        .iter()
        .map(|w| w.iter().all(char::is_ascii).then(|| w.iter().collect()))
        .collect()
}

/// Whether a check-in file's raw `text` might hold a field with every one
/// of `words`: `false` only when it surely does not, so the file need not
/// be parsed. Only plain-ASCII files and words are ruled out (their text
/// folds to its lowercase, and a word of letters reads the same in the
/// file as in the field); anything else, or a file with `\u` escapes, might.
#[must_use]
pub fn might_hold(text: &str, words: &[String]) -> bool {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| fold_word(w.trim()))
        .filter(|w| !w.is_empty())
        .collect();
    // Printable ASCII that TOML never escapes.
    let plain = |w: &Vec<char>| {
        w.iter()
            .all(|&c| (c.is_ascii_graphic() || c == ' ') && !matches!(c, '"' | '\\'))
    };
    if !text.is_ascii() || text.contains("\\u") || text.contains("\\U") || !words.iter().all(plain)
    {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    words
        .iter()
        .all(|w| lower.contains(&w.iter().collect::<String>()))
}

/// Whether `text` holds every one of `words` (folded). ASCII text, most of
/// what people write, folds to its lowercase: it is searched as it is,
/// without building the folded text, so a search of a thousand check-ins
/// costs about what listing them does.
fn holds_all(
    text: &str,
    words: &[Vec<char>],
    ascii_words: &[Option<String>],
    lower: &mut String,
) -> bool {
    if text.is_ascii() {
        // One buffer for every field searched: no allocation per field.
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        return ascii_words
            .iter()
            .all(|w| w.as_deref().is_some_and(|w| lower.contains(w)));
    }
    let folded = Folded::of(text);
    words.iter().all(|w| !folded.find(w).is_empty())
}

/// Where in a check-in a text was written, borrowed until it matches.
enum Field<'a> {
    Label,
    Note(&'a str),
    Reflection(&'a ReflectionAnswer),
    Commitment,
    FollowUpNote,
}

impl Field<'_> {
    fn place(&self) -> Place {
        match self {
            Self::Label => Place::Label,
            Self::Note(statement) => Place::Note {
                statement: (*statement).to_string(),
            },
            Self::Reflection(r) => Place::Reflection {
                id: r.id.clone(),
                prompt: r.prompt.clone(),
            },
            Self::Commitment => Place::Commitment,
            Self::FollowUpNote => Place::FollowUpNote,
        }
    }
}

/// Everything a person wrote in a check-in, with where.
fn fields(w: &Writing) -> Vec<(Field<'_>, &str)> {
    let mut out = Vec::new();
    if let Some(label) = &w.label {
        out.push((Field::Label, label.as_str()));
    }
    for note in &w.notes {
        out.push((Field::Note(&note.statement), note.text.as_str()));
    }
    for r in &w.reflections {
        out.push((Field::Reflection(r), r.text.as_str()));
    }
    for c in &w.commitments {
        out.push((Field::Commitment, c.as_str()));
    }
    for note in &w.follow_up_notes {
        out.push((Field::FollowUpNote, note.as_str()));
    }
    out
}

/// Every answer to reflection prompt `id`, oldest first: the story of one
/// question. Blank answers are left out.
#[must_use]
pub fn thread<'a>(writings: &'a [Writing], id: &str) -> Vec<(&'a Writing, &'a ReflectionAnswer)> {
    writings
        .iter()
        .flat_map(|s| {
            s.reflections
                .iter()
                .filter(move |r| r.id == id && !r.text.trim().is_empty())
                .map(move |r| (s, r))
        })
        .collect()
}

/// The prompts any check-in answered, by id, each with its latest wording.
#[must_use]
pub fn prompts(writings: &[Writing]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for r in writings.iter().flat_map(|w| &w.reflections) {
        match found.iter_mut().find(|(id, _)| *id == r.id) {
            Some(slot) => slot.1.clone_from(&r.prompt),
            None => found.push((r.id.clone(), r.prompt.clone())),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The ASCII shortcut finds exactly what folding finds.
        #[test]
        fn ascii_text_is_searched_as_folding_would(
            text in "[ -~]{0,40}",
            words in proptest::collection::vec("[a-zA-Z é]{1,4}", 1..3),
        ) {
            let words: Vec<Vec<char>> = words.iter().map(|w| fold_word(w.trim())).filter(|w| !w.is_empty()).collect();
            let folded = Folded::of(&text);
            let slow = words.iter().all(|w| !folded.find(w).is_empty());
            proptest::prop_assert_eq!(holds_all(&text, &words, &as_ascii(&words), &mut String::new()), slow);
            let mut by_folding: Vec<(usize, usize)> = words.iter().flat_map(|w| folded.find(w)).collect();
            by_folding.sort_unstable();
            by_folding.dedup();
            proptest::prop_assert_eq!(line_matches(&text, &words, &as_ascii(&words)), by_folding);
        }
    }

    #[test]
    fn folding_ignores_case_and_accents_and_keeps_original_places() {
        let text = "Mon Résumé, RESUME";
        let folded = Folded::of(text);
        let found = folded.find(&fold_word("résume"));
        let words: Vec<&str> = found.iter().map(|(a, b)| &text[*a..*b]).collect();
        assert_eq!(words, ["Résumé", "RESUME"]);
        assert!(Folded::of("naïve").find(&fold_word("NAIVE")).len() == 1);
    }

    #[test]
    fn a_field_matches_when_it_holds_every_word() {
        let mut s = crate::snapshot::Snapshot::empty_for_tests("2026-11-30T10:00:00+01:00");
        s.commitments = vec!["Ask Ana about the migration.\nAnd the budget.".into()];
        s.label = Some("Q4".into());
        let all = [Writing::of(&s)];
        let hits = search(&all, &["migration".into(), "ana".into()]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].place, Place::Commitment);
        assert_eq!(hits[0].line, "Ask Ana about the migration.");
        assert_eq!(hits[0].matches, [(4, 7), (18, 27)]);
        // Words on different lines of one field: each line is shown.
        let hits = search(&all, &["budget".into(), "ana".into()]);
        assert_eq!(hits.len(), 2);
        assert!(search(&all, &["budget".into(), "q4".into()]).is_empty());
        assert!(search(&all, &[" ".into()]).is_empty());
    }
}
