//! Text as motive takes it in and shows it.
//!
//! * [`policy`]: which characters and lengths a text may have, one rule for
//!   banks, check-ins, drafts and imports.
//! * [`escape`]: text from outside made safe to print.
//! * Here: text measured the way a terminal shows it, by display columns,
//!   not bytes or chars. A CJK character takes two columns, a combining
//!   accent none, and nothing here splits a character from the accents on it.

pub mod escape;
pub mod policy;

pub use escape::{escape_line, escape_path, escape_text};
pub use policy::Kind;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns `text` takes on a terminal.
#[must_use]
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` padded with spaces on the right to `columns` (never cut).
#[must_use]
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(
        ' ',
        columns.saturating_sub(text.width()),
    ));
    out
}

/// The longest start of `text` that fits in `columns`, whole characters only.
#[must_use]
pub fn cut(text: &str, columns: usize) -> &str {
    let mut used = 0;
    for (at, grapheme) in text.grapheme_indices(true) {
        used += grapheme.width();
        if used > columns {
            return &text[..at];
        }
    }
    text
}

/// `text` cut to `columns` with an ellipsis when it does not fit.
#[must_use]
pub fn shorten(text: &str, columns: usize) -> String {
    if text.width() <= columns {
        return text.to_owned();
    }
    let mut out = cut(text, columns.saturating_sub(1)).trim_end().to_owned();
    out.push('…');
    out
}

/// Greedy word wrap to `columns`; line breaks in the text are kept, and a
/// word longer than a line (or a run of CJK text, which has no spaces) is
/// cut between characters.
#[must_use]
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(2);
    let mut out = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for mut word in paragraph.split_whitespace() {
            loop {
                let gap = usize::from(!line.is_empty());
                if line.width() + gap + word.width() <= columns {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.push_str(word);
                    break;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                // A word wider than a whole line: a line's worth at a time.
                let mut head = cut(word, columns);
                if head.is_empty() {
                    head = word.graphemes(true).next().unwrap_or(word);
                }
                out.push(head.to_owned());
                word = &word[head.len()..];
                if word.is_empty() {
                    break;
                }
            }
        }
        out.push(line);
    }
    out
}

/// `n` and the noun that goes with it: "1 statement", "3 statements".
#[must_use]
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_noun() {
        assert_eq!(count(1, "day", "days"), "1 day");
        assert_eq!(count(0, "reflection", "reflections"), "0 reflections");
        assert_eq!(count(2, "day", "days"), "2 days");
    }

    #[test]
    fn wide_and_combining_characters_take_their_real_width() {
        assert_eq!(width("自律"), 4);
        assert_eq!(width("cafe\u{301}"), 4, "the accent takes no column");
        assert_eq!(pad("自律", 6), "自律  ");
        assert_eq!(pad("cafe\u{301}", 6), "cafe\u{301}  ");
    }

    #[test]
    fn cutting_never_splits_a_character_from_its_accent() {
        assert_eq!(cut("自律性", 5), "自律");
        assert_eq!(cut("cafe\u{301}s", 4), "cafe\u{301}");
        assert_eq!(shorten("Autonomy and mastery", 10), "Autonomy…");
        assert_eq!(shorten("自律と熟達", 7), "自律と…");
        assert_eq!(shorten("short", 10), "short");
    }

    #[test]
    fn wraps_on_words_and_cuts_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
    }

    #[test]
    fn wraps_cjk_text_by_columns() {
        let lines = wrap("仕事の進め方を自分で決められる", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), "仕事の進め方を自分で決められる");
        let mixed = wrap("I chose 自分の仕事 today", 8);
        assert!(mixed.iter().all(|l| width(l) <= 8), "{mixed:?}");
    }
}
