//! The sorted ids of `snapshots/`, held in one buffer: the names index's
//! own text (or the listing's names joined), one id a line, never split
//! into a `String` each. Finding `latest` reads lines from the end;
//! a date or a prefix bisects the text. Reading the index of 10,000
//! check-ins costs one allocation and one pass over its bytes.
//!
//! A place in the ids is a byte offset in the text: where an id starts,
//! or the end of the last one's line.

use std::fmt;
use std::ops::Range;

/// Ids in ascending order, each followed by `\n` in `text[section]`.
#[derive(Clone, Default)]
pub(crate) struct Ids {
    text: String,
    section: Range<usize>,
    count: usize,
}

impl Ids {
    /// The ids in `text[section]`, one a line, each ending in `\n`, when
    /// there are `count` of them, none empty, made only of digits and `-`
    /// (so that no id can name a path outside `snapshots/`); `None`
    /// otherwise. Their order is not checked here: the caller vouches for
    /// it (the names index by its checksum). `text` is kept whole.
    pub(crate) fn in_text(text: String, section: Range<usize>, count: usize) -> Option<Self> {
        let bytes = text.as_bytes().get(section.clone())?;
        // No early exit, so that the compiler can check many bytes at once.
        let (foreign, lines) = bytes.iter().fold((0usize, 0usize), |(foreign, lines), &b| {
            (
                foreign + usize::from(!matches!(b, b'0'..=b'9' | b'-' | b'\n')),
                lines + usize::from(b == b'\n'),
            )
        });
        let sound = foreign == 0
            && lines == count
            && bytes.last().is_none_or(|&b| b == b'\n')
            && bytes.first() != Some(&b'\n')
            && memchr::memmem::find(bytes, b"\n\n").is_none();
        sound.then_some(Self {
            text,
            section,
            count,
        })
    }

    /// How many ids there are.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The place before the first id.
    pub(crate) fn start(&self) -> usize {
        self.section.start
    }

    /// The place after the last id.
    pub(crate) fn end(&self) -> usize {
        self.section.end
    }

    /// Every id, oldest first (`.rev()`: newest first).
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.between(self.section.clone())
    }

    /// The ids from place `places.start` to place `places.end`.
    pub(crate) fn between(&self, places: Range<usize>) -> impl DoubleEndedIterator<Item = &str> {
        self.text
            .get(places)
            .unwrap_or_default()
            .split_terminator('\n')
    }

    /// The first place whose id `before` is false of, as
    /// [`slice::partition_point`]: `before` must hold of a leading run.
    pub(crate) fn partition_point(&self, mut before: impl FnMut(&str) -> bool) -> usize {
        let bytes = self.text.as_bytes();
        let (mut low, mut high) = (self.section.start, self.section.end);
        while low < high {
            let middle = low + (high - low) / 2;
            // The line that holds `middle`: every place is a line's start.
            let start = memchr::memrchr(b'\n', &bytes[low..middle]).map_or(low, |at| low + at + 1);
            let end = memchr::memchr(b'\n', &bytes[middle..high]).map_or(high, |at| middle + at);
            if before(self.text.get(start..end).unwrap_or_default()) {
                low = end + 1;
            } else {
                high = start;
            }
        }
        low
    }
}

/// Ids already sorted, each non-empty and without a newline (as a listing
/// of `snapshots/` gives them after checking each).
impl From<Vec<String>> for Ids {
    fn from(ids: Vec<String>) -> Self {
        let text: String = ids.iter().flat_map(|id| [id.as_str(), "\n"]).collect();
        Self {
            section: 0..text.len(),
            text,
            count: ids.len(),
        }
    }
}

impl PartialEq for Ids {
    fn eq(&self, other: &Self) -> bool {
        self.count == other.count && self.iter().eq(other.iter())
    }
}

impl Eq for Ids {}

impl fmt::Debug for Ids {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(all: &[&str]) -> Ids {
        Ids::from(all.iter().map(|id| (*id).to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_ids_of_a_section_are_read_in_place() {
        let text = "head\n1\n22\n333\ntail\n".to_string();
        let found = Ids::in_text(text, 5..14, 3).expect("sound");
        assert_eq!(found.iter().collect::<Vec<_>>(), ["1", "22", "333"]);
        assert_eq!(found.len(), 3);
        assert_eq!(found.iter().next_back(), Some("333"));
        assert_eq!(found.between(7..14).collect::<Vec<_>>(), ["22", "333"]);
        assert_eq!(found, ids(&["1", "22", "333"]));
        assert_eq!(format!("{found:?}"), r#"["1", "22", "333"]"#);
    }

    #[test]
    fn a_damaged_section_is_refused() {
        let read = |text: &str, count| Ids::in_text(text.to_string(), 0..text.len(), count);
        assert!(read("1\n2\n", 2).is_some());
        assert!(read("", 0).is_some_and(|found| found.is_empty()));
        for (bad, count) in [
            ("1\n2\n", 3),
            ("1\n2\n", 1),
            ("1\n2", 1),
            ("1\n\n", 2),
            ("\n1\n", 2),
            ("1\n../x\n", 2),
            ("1\n2.toml\n", 2),
        ] {
            assert!(read(bad, count).is_none(), "{bad:?} {count}");
        }
        assert!(Ids::in_text("1\n".into(), 0..9, 1).is_none());
    }

    #[test]
    fn bisection_finds_where_a_run_starts() {
        let all = [
            "20250101-090000",
            "20260101-090000",
            "20260101-100000",
            "20260101-100000-2",
            "20260401-090000",
        ];
        let found = ids(&all);
        for prefix in [
            "",
            "1",
            "2025",
            "20260101",
            "20260101-100000",
            "2026",
            "2027",
        ] {
            let at = found.partition_point(|id| id < prefix);
            let expected = all.partition_point(|id| *id < prefix);
            assert_eq!(
                found.between(found.start()..at).count(),
                expected,
                "{prefix}"
            );
            assert_eq!(
                found.between(at..found.end()).collect::<Vec<_>>(),
                all[expected..],
                "{prefix}"
            );
        }
        assert_eq!(Ids::default().partition_point(|_| true), 0);
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Bisecting the text finds what bisecting a slice of the same
            /// ids finds, for any prefix; reading the text back gives them.
            #[test]
            fn the_text_is_bisected_as_a_slice_is(
                mut all in proptest::collection::vec("[0-9]{1,4}(-[0-9]{1,2})?", 0..60),
                prefix in "[0-9]{0,3}",
            ) {
                all.sort();
                all.dedup();
                let found = Ids::from(all.clone());
                let text: String = all.iter().map(|id| format!("{id}\n")).collect();
                let read = Ids::in_text(text.clone(), 0..text.len(), all.len()).expect("sound");
                prop_assert_eq!(&read, &found);
                let at = found.partition_point(|id| id < prefix.as_str());
                let expected = all.partition_point(|id| id.as_str() < prefix.as_str());
                prop_assert_eq!(found.between(found.start()..at).count(), expected);
                let after: Vec<&str> = found.between(at..found.end()).collect();
                prop_assert_eq!(after, all[expected..].iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
    }
}
