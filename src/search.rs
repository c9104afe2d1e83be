//! Finding what you wrote: words in notes, reflections, commitments,
//! follow-up notes and labels, matched case- and accent-insensitively
//! ("resume" finds "Résumé"); and the thread of one reflection prompt, every
//! answer to it over time. Plain data for `motive search` and `motive thread`,
//! over what people wrote ([`Writing`]), which the store keeps cached.

mod view;
mod writing;

use std::cell::Cell;

use memchr::memmem::Finder;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub use view::{NoteView, Reflected, ReflectionView, Text, WritingView, Written};
pub use writing::{Note, Writing};

/// Where in a check-in a line was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    Label,
    /// The note on a statement (its text).
    Note {
        statement: &'a str,
    },
    Reflection {
        id: &'a str,
        prompt: &'a str,
    },
    Commitment,
    /// The note on how last time's commitment went.
    FollowUpNote,
}

impl Place<'_> {
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
pub struct Hit<'a, W = Writing> {
    pub writing: &'a W,
    pub place: Place<'a>,
    pub line: &'a str,
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

/// The words of one search, folded once for every text they are matched
/// against.
#[derive(Debug, Clone)]
pub struct Query {
    /// Each word, folded; blank words left out.
    words: Vec<Vec<char>>,
    /// Each folded word as ASCII text, or `None` when it is not ASCII (then
    /// no ASCII text holds it).
    ascii: Vec<Option<String>>,
    /// Each of [`Query::ascii`], ready to be found in a text lowered by
    /// [`with_lowered`].
    finders: Vec<Option<Finder<'static>>>,
}

impl Query {
    #[must_use]
    pub fn new(words: &[String]) -> Self {
        let words: Vec<Vec<char>> = words
            .iter()
            .map(|w| fold_word(w.trim()))
            .filter(|w| !w.is_empty())
            .collect();
        let ascii: Vec<Option<String>> = words
            .iter()
            .map(|w| w.iter().all(char::is_ascii).then(|| w.iter().collect()))
            .collect();
        let finders = (ascii.iter())
            .map(|w| w.as_ref().map(|w| Finder::new(w.as_bytes()).into_owned()))
            .collect();
        Self {
            words,
            ascii,
            finders,
        }
    }

    /// Whether there is no word to look for.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a raw `text` (a check-in file, a line of the text cache)
    /// might hold a field with every word: `false` only when it surely does
    /// not, so it need not be decoded. Only plain-ASCII texts and words are
    /// ruled out (their text folds to its lowercase, and a word of letters
    /// reads the same raw as in the field); anything else, or a text with
    /// `\u` escapes, might.
    #[must_use]
    pub fn might_hold(&self, text: &str) -> bool {
        self.might_hold_bytes(text.as_bytes())
    }

    /// [`Query::might_hold`] for raw bytes, which need not be UTF-8 (then
    /// they might).
    #[must_use]
    pub fn might_hold_bytes(&self, text: &[u8]) -> bool {
        // Printable ASCII that TOML and JSON never escape.
        let plain = |w: &Option<String>| {
            w.as_deref().is_some_and(|w| {
                w.bytes()
                    .all(|b| matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\\'))
            })
        };
        if !self.ascii.iter().all(plain) {
            return true;
        }
        // Found where it is, not in a lowered copy of the whole line: a
        // word that is not there is ruled out at the cost of looking for
        // its first letter. When every word is there, the line might hold
        // them whatever else it holds: the rest is not looked at.
        if (self.ascii.iter().flatten()).all(|w| find_ascii(text, w).is_some()) {
            return true;
        }
        let escaped = |e: &[u8]| memchr::memmem::find(text, e).is_some();
        !text.is_ascii() || escaped(b"\\u") || escaped(b"\\U")
    }

    /// Every line of every check-in (in the order given) in a field that
    /// holds all the words, with each word's occurrences in it.
    #[must_use]
    pub fn search<'a, W: Written>(&self, writings: &'a [W]) -> Vec<Hit<'a, W>> {
        let mut hits = Vec::new();
        for w in writings {
            self.hits_in(w, &mut |hit| hits.push(hit));
        }
        hits
    }

    /// Each hit in one check-in's writing, in order, given to `found`.
    pub fn hits_in<'a, W: Written>(&self, w: &'a W, found: &mut dyn FnMut(Hit<'a, W>)) {
        if self.is_empty() {
            return;
        }
        for (place, text) in w.fields() {
            // One line of ASCII, most fields: it holds every word when each
            // word is found in it, so it is scanned once, in the copy
            // lowered by the pass that finds it is one.
            let one_line = with_lowered(text.as_bytes(), |low, one_ascii_line| {
                one_ascii_line.then(|| self.ascii_matches_in(low))
            });
            if let Some(matches) = one_line {
                if let Some(matches) = matches {
                    found(Hit {
                        writing: w,
                        place,
                        line: text,
                        matches,
                    });
                }
                continue;
            }
            if !self.holds_all(text) {
                continue;
            }
            for line in text.lines() {
                let matches = self.line_matches(line);
                if !matches.is_empty() {
                    found(Hit {
                        writing: w,
                        place,
                        line,
                        matches,
                    });
                }
            }
        }
    }

    /// Whether `text` holds every word (folded). ASCII text, most of what
    /// people write, folds to its lowercase: it is searched as it is,
    /// ignoring ASCII case, without building the folded text.
    fn holds_all(&self, text: &str) -> bool {
        if text.is_ascii() {
            return with_lowered(text.as_bytes(), |low, _| {
                (self.finders.iter()).all(|f| f.as_ref().is_some_and(|f| f.find(low).is_some()))
            });
        }
        let folded = Folded::of(text);
        self.words.iter().all(|w| !folded.find(w).is_empty())
    }

    /// The byte ranges of ASCII `line` where the words occur, in order, when
    /// each of them does (as [`Query::holds_all`] and then
    /// [`Query::line_matches`] find them); `None` when one does not.
    #[cfg(test)]
    fn ascii_matches_of_all(&self, line: &str) -> Option<Vec<(usize, usize)>> {
        with_lowered(line.as_bytes(), |low, _| self.ascii_matches_in(low))
    }

    /// [`Query::ascii_matches_of_all`] in a line already lowered (see
    /// [`with_lowered`]).
    fn ascii_matches_in(&self, low: &[u8]) -> Option<Vec<(usize, usize)>> {
        let mut found = Vec::new();
        for finder in &self.finders {
            let finder = finder.as_ref()?;
            let before = found.len();
            every_place(low, finder, &mut found);
            if found.len() == before {
                return None;
            }
        }
        found.sort_unstable();
        found.dedup();
        Some(found)
    }

    /// The byte ranges of `line` where any word occurs, in order. An ASCII
    /// line folds to its lowercase, byte for byte: it is searched as it is,
    /// every occurrence (overlapping ones too) as folding finds them.
    fn line_matches(&self, line: &str) -> Vec<(usize, usize)> {
        let mut matches: Vec<(usize, usize)> = if line.is_ascii() {
            with_lowered(line.as_bytes(), |low, _| {
                let mut found = Vec::new();
                for finder in self.finders.iter().flatten() {
                    every_place(low, finder, &mut found);
                }
                found
            })
        } else {
            let folded = Folded::of(line);
            self.words.iter().flat_map(|w| folded.find(w)).collect()
        };
        matches.sort_unstable();
        matches.dedup();
        matches
    }
}

/// Where `text` holds `word` (lowercase ASCII) in any ASCII case; `None`
/// when it does not.
fn find_ascii(text: &[u8], word: &str) -> Option<usize> {
    let word = word.as_bytes();
    let (&first, rest) = word.split_first()?;
    let last = text.len().checked_sub(word.len())?;
    let mut at = 0;
    while at <= last {
        let window = text.get(at..=last)?;
        let next = at + memchr::memchr2(first, first.to_ascii_uppercase(), window)?;
        if text
            .get(next + 1..next + word.len())
            .is_some_and(|tail| tail.eq_ignore_ascii_case(rest))
        {
            return Some(next);
        }
        at = next + 1;
    }
    None
}

/// `text` with its ASCII letters in lowercase, given to `read` with
/// whether `text` is one line of ASCII (no `\n`, no `\r`): an ASCII text
/// folds to it, byte for byte, so a folded ASCII word is found in it as it
/// is, with vector instructions. The buffer is kept for the thread's next
/// text.
fn with_lowered<R>(text: &[u8], read: impl FnOnce(&[u8], bool) -> R) -> R {
    thread_local! {
        static LOWERED: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }
    let mut low = LOWERED.take();
    // Sized first, then filled in place, without an early exit: a loop the
    // compiler turns into vector instructions (extending by an iterator it
    // did not).
    low.resize(text.len(), 0);
    let (mut high, mut breaks) = (0u8, false);
    for (low, &b) in low.iter_mut().zip(text) {
        *low = b.to_ascii_lowercase();
        high |= b;
        breaks |= (b == b'\n') | (b == b'\r');
    }
    let result = read(&low, high.is_ascii() && !breaks);
    LOWERED.set(low);
    result
}

/// Every place in `low` (see [`with_lowered`]) where `finder`'s word
/// starts, overlapping ones too, as byte ranges after `found`.
fn every_place(low: &[u8], finder: &Finder<'_>, found: &mut Vec<(usize, usize)>) {
    let len = finder.needle().len();
    let mut from = 0;
    while let Some(at) = low.get(from..).and_then(|rest| finder.find(rest)) {
        found.push((from + at, from + at + len));
        from += at + 1;
    }
}

/// Every line of every check-in (in the order given) in a field that holds
/// all of `words`, with each word's occurrences in it.
#[must_use]
pub fn search<'a, W: Written>(writings: &'a [W], words: &[String]) -> Vec<Hit<'a, W>> {
    Query::new(words).search(writings)
}

/// Whether a check-in file's raw `text` might hold a field with every one
/// of `words` (see [`Query::might_hold`]).
#[must_use]
pub fn might_hold(text: &str, words: &[String]) -> bool {
    Query::new(words).might_hold(text)
}

/// Every answer to reflection prompt `id`, oldest first: the story of one
/// question. Blank answers are left out.
#[must_use]
pub fn thread<'a, W: Written>(writings: &'a [W], id: &str) -> Vec<(&'a W, &'a W::Reflection)> {
    writings
        .iter()
        .flat_map(|s| {
            s.reflections()
                .iter()
                .filter(move |r| r.id() == id && !r.text().trim().is_empty())
                .map(move |r| (s, r))
        })
        .collect()
}

/// The prompts any check-in answered, by id, each with its latest wording.
#[must_use]
pub fn prompts<W: Written>(writings: &[W]) -> Vec<(String, String)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    for r in writings.iter().flat_map(Written::reflections) {
        match found.iter_mut().find(|(id, _)| *id == r.id()) {
            Some(slot) => slot.1 = r.prompt(),
            None => found.push((r.id(), r.prompt())),
        }
    }
    (found.into_iter())
        .map(|(id, prompt)| (id.to_string(), prompt.to_string()))
        .collect()
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
            let query = Query::new(&words);
            let folded = Folded::of(&text);
            let slow = query.words.iter().all(|w| !folded.find(w).is_empty());
            proptest::prop_assert_eq!(query.holds_all(&text), slow);
            let mut by_folding: Vec<(usize, usize)> = query.words.iter().flat_map(|w| folded.find(w)).collect();
            by_folding.sort_unstable();
            by_folding.dedup();
            proptest::prop_assert_eq!(query.line_matches(&text), by_folding.clone());
            let all = slow.then_some(by_folding);
            proptest::prop_assert_eq!(query.ascii_matches_of_all(&text), all);
        }
    }

    proptest::proptest! {
        /// A field is searched as folding each of its lines would, on the
        /// shortcut for one line of ASCII or not; and a raw text is never
        /// ruled out when it holds every word.
        #[test]
        fn fields_are_searched_as_folding_each_line_would(
            text in "[ -~\n\ré]{0,40}",
            words in proptest::collection::vec("[a-zA-Z é]{1,4}", 1..3),
        ) {
            let query = Query::new(&words);
            let mut s = crate::snapshot::Snapshot::empty_for_tests("2026-11-30T10:00:00+01:00");
            s.commitments = vec![text.clone()];
            let all = [Writing::of(&s)];
            let found: Vec<(&str, Vec<(usize, usize)>)> =
                query.search(&all).into_iter().map(|h| (h.line, h.matches)).collect();
            let holds = |t: &str| {
                let folded = Folded::of(t);
                query.words.iter().all(|w| !folded.find(w).is_empty())
            };
            let mut expected = Vec::new();
            if !query.is_empty() && holds(&text) {
                for line in text.lines() {
                    let folded = Folded::of(line);
                    let mut matches: Vec<(usize, usize)> =
                        query.words.iter().flat_map(|w| folded.find(w)).collect();
                    matches.sort_unstable();
                    matches.dedup();
                    if !matches.is_empty() {
                        expected.push((line, matches));
                    }
                }
            }
            proptest::prop_assert_eq!(found, expected);
            if holds(&text) {
                proptest::prop_assert!(query.might_hold(&text));
            }
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
