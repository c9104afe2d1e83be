//! The sorted ids of `snapshots/`, held in one buffer: the names index's
//! own text (or the listing's names joined), with where each id starts.
//! Reading the index of 10,000 check-ins then costs one allocation for the
//! text and one for the offsets, not a `String` per id; finding `latest`,
//! a date or a prefix looks at a few of them by bisection.

use std::fmt;
use std::ops::Range;

/// Ids in ascending order, each followed by `\n` in `text`.
#[derive(Clone, Default)]
pub(crate) struct Ids {
    text: String,
    /// Where each id starts in `text`, then one past the `\n` that ends
    /// the last one: id `i` is `text[starts[i]..starts[i + 1] - 1]`.
    starts: Vec<usize>,
}

impl Ids {
    /// The ids in `text[section]`, one per line, each ending in `\n`:
    /// exactly `count` of them, each `valid`, in strictly ascending order.
    /// `None` when the section is not that, so that a damaged index is
    /// never used. `text` is kept whole: no id is copied.
    pub(crate) fn from_lines(
        text: String,
        section: Range<usize>,
        count: usize,
        valid: impl Fn(&str) -> bool,
    ) -> Option<Self> {
        let lines = text.get(section.clone())?;
        let mut starts = Vec::with_capacity(count.checked_add(1)?);
        let mut at = section.start;
        let mut previous = "";
        for line in lines.split_inclusive('\n') {
            let id = line.strip_suffix('\n')?;
            if !valid(id) || (!starts.is_empty() && id <= previous) {
                return None;
            }
            starts.push(at);
            at += line.len();
            previous = id;
        }
        starts.push(at);
        (starts.len() == count + 1).then_some(Self { text, starts })
    }

    /// How many ids there are.
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id at `index` ("" past the end).
    pub(crate) fn get(&self, index: usize) -> &str {
        let (Some(&start), Some(&next)) = (self.starts.get(index), self.starts.get(index + 1))
        else {
            return "";
        };
        self.text.get(start..next - 1).unwrap_or_default()
    }

    /// The ids, oldest first.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The ids at `range`, in order.
    pub(crate) fn range(
        &self,
        range: Range<usize>,
    ) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        range.map(|i| self.get(i))
    }

    /// The index of the first id for which `before` is false, as
    /// [`slice::partition_point`]: `before` must hold of a leading run.
    pub(crate) fn partition_point(&self, mut before: impl FnMut(&str) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if before(self.get(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// Ids already sorted, each non-empty and without a newline (as a listing
/// of `snapshots/` gives them after checking each).
impl From<Vec<String>> for Ids {
    fn from(ids: Vec<String>) -> Self {
        let mut text = String::with_capacity(ids.iter().map(|id| id.len() + 1).sum());
        let mut starts = Vec::with_capacity(ids.len() + 1);
        for id in &ids {
            starts.push(text.len());
            text.push_str(id);
            text.push('\n');
        }
        starts.push(text.len());
        Self { text, starts }
    }
}

impl PartialEq for Ids {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
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

    fn plausible(id: &str) -> bool {
        !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    }

    #[test]
    fn the_ids_of_a_section_are_read_in_place() {
        let text = "head\n1\n22\n333\ntail\n".to_string();
        let ids = Ids::from_lines(text, 5..14, 3, plausible).expect("sound");
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["1", "22", "333"]);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids.get(1), "22");
        assert_eq!(ids.get(3), "");
        assert_eq!(ids.iter().rev().next(), Some("333"));
        assert_eq!(ids.range(1..3).collect::<Vec<_>>(), ["22", "333"]);
        assert_eq!(ids, Ids::from(vec!["1".into(), "22".into(), "333".into()]));
        assert_eq!(format!("{ids:?}"), r#"["1", "22", "333"]"#);
    }

    #[test]
    fn a_damaged_section_is_refused() {
        let read = |text: &str, count| {
            let end = text.len();
            Ids::from_lines(text.to_string(), 0..end, count, plausible)
        };
        assert!(read("1\n2\n", 2).is_some());
        assert!(read("", 0).is_some_and(|ids| ids.is_empty()));
        for (bad, count) in [
            ("1\n2\n", 3),
            ("1\n2\n", 1),
            ("1\n2", 2),
            ("2\n1\n", 2),
            ("1\n1\n", 2),
            ("1\n\n", 2),
            ("1\n../x\n", 2),
        ] {
            assert!(read(bad, count).is_none(), "{bad:?} {count}");
        }
        assert!(Ids::from_lines("1\n".into(), 0..9, 1, plausible).is_none());
    }

    #[test]
    fn bisection_finds_where_a_run_starts() {
        let ids = Ids::from(
            [
                "20250101-090000",
                "20260101-090000",
                "20260101-100000",
                "20260401-090000",
            ]
            .map(String::from)
            .to_vec(),
        );
        assert_eq!(ids.partition_point(|id| id < "20260101"), 1);
        assert_eq!(ids.partition_point(|id| id < "2027"), 4);
        assert_eq!(ids.partition_point(|id| id < "1"), 0);
        assert_eq!(Ids::default().partition_point(|_| true), 0);
    }
}
