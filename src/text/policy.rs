//! What text motive accepts: one rule for banks, check-ins, drafts and
//! imports, so whatever one accepts the others accept too.
//!
//! A text may hold any printable character. It may not hold:
//! * control characters, except line breaks (`\n`) and tabs in texts that
//!   may span lines (a lone `\r` included: `\r\n` is read as a line break);
//! * bidirectional controls (U+061C, U+200E, U+200F, U+202A to U+202E,
//!   U+2066 to U+2069), which make text show in another order than it is
//!   stored;
//! * zero-width characters (U+200B to U+200D, U+2060, U+FEFF) and the line
//!   and paragraph separators (U+2028, U+2029), which hide or break text.
//!   The two joiners (U+200C, U+200D) are accepted between two characters
//!   outside ASCII, where they do their work: in emoji such as 🧑‍💻 and in
//!   scripts such as Persian or Devanagari. Next to ASCII they only hide.
//!
//! The same characters are the ones [`super::escape`] makes visible, so a
//! text that passes [`check`] is shown exactly as it is.

use std::borrow::Cow;
use std::fmt;

use crate::limits::{MAX_LINE_CHARS, MAX_PARAGRAPH_CHARS, MAX_TEXT_CHARS};

/// What a text is, and so which rule it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line: a title, a name, a scale label, a version.
    Line,
    /// A short text that may span lines, as long as a [`Kind::Line`] at
    /// most: what a bank says (a description, a statement, a hint, a
    /// prompt), and a check-in's label.
    Paragraph,
    /// What a person writes: a note, a reflection, a commitment. May span
    /// lines.
    Text,
}

impl Kind {
    /// The most characters a text of this kind may have.
    #[must_use]
    pub fn max_chars(self) -> usize {
        match self {
            Self::Line => MAX_LINE_CHARS,
            Self::Paragraph => MAX_PARAGRAPH_CHARS,
            Self::Text => MAX_TEXT_CHARS,
        }
    }

    /// Whether a text of this kind may break lines (and hold tabs).
    #[must_use]
    pub fn multiline(self) -> bool {
        self != Self::Line
    }
}

/// Why a text is refused. Displayed as the end of a sentence whose subject
/// is the text: "`title` contains a line break; keep it on one line".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooLong { chars: usize, max: usize },
    LineBreak,
    Control(char),
    Bidi(char),
    Hidden(char),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = |c: &char| format!("U+{:04X}", u32::from(*c));
        match self {
            Self::TooLong { chars, max } => {
                write!(f, "is {chars} characters long; at most {max} are allowed")
            }
            Self::LineBreak => f.write_str("contains a line break; keep it on one line"),
            Self::Control(c) => write!(f, "contains a control character ({})", code(c)),
            Self::Bidi(c) => write!(
                f,
                "contains a bidirectional control ({}), which can make text show in another order than it is stored",
                code(c)
            ),
            Self::Hidden(c) => write!(f, "contains an invisible character ({})", code(c)),
        }
    }
}

/// The class of a character no text may hold (whatever its kind), if it
/// is one. Line breaks and tabs count as control characters here.
#[must_use]
pub fn refused(c: char) -> Option<Refusal> {
    match c {
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some(Refusal::Bidi(c)),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{2028}' | '\u{2029}' => {
            Some(Refusal::Hidden(c))
        }
        c if c.is_control() => Some(Refusal::Control(c)),
        _ => None,
    }
}

/// Whether `c`, between `before` and `after`, is a joiner doing its work:
/// a zero-width (non-)joiner between two visible characters outside ASCII.
fn joins(before: Option<char>, c: char, after: Option<char>) -> bool {
    let visible_non_ascii =
        |n: Option<char>| n.is_some_and(|n| !n.is_ascii() && refused(n).is_none());
    matches!(c, '\u{200C}' | '\u{200D}') && visible_non_ascii(before) && visible_non_ascii(after)
}

/// The characters of `text` no text may hold, with their byte offsets: as
/// [`refused`], but a joiner doing its work (see the module) is kept.
pub fn refusals(text: &str) -> impl Iterator<Item = (usize, char, Refusal)> + '_ {
    // A leading run of printable ASCII (often the whole text) holds nothing
    // refused, and no joiner after it joins an ASCII char: skipped by byte.
    let plain = text
        .bytes()
        .position(|b| !matches!(b, b' '..=b'~'))
        .unwrap_or(text.len());
    let mut before = None;
    let mut rest = text[plain..]
        .char_indices()
        .map(move |(at, c)| (plain + at, c))
        .peekable();
    std::iter::from_fn(move || {
        loop {
            let (at, c) = rest.next()?;
            let after = rest.peek().map(|(_, n)| *n);
            let found = refused(c).filter(|_| !joins(before, c, after));
            before = Some(c);
            if let Some(refusal) = found {
                return Some((at, c, refusal));
            }
        }
    })
}

/// Check `text` against the rule of `kind`. Line breaks are `\n`; run
/// [`normalize`] first on text read from a file that may use `\r\n`.
///
/// # Errors
/// The first reason the text is refused.
pub fn check(text: &str, kind: Kind) -> Result<(), Refusal> {
    // Printable ASCII, tabs and line breaks, most of what people write:
    // only the kind's own rules apply, checked without decoding a char.
    // In blocks without an early exit, which the compiler turns into
    // vector instructions: a search checks every cached text.
    let plain = |b: u8| matches!(b, b' '..=b'~' | b'\n' | b'\t');
    let all_plain = text
        .as_bytes()
        .chunks(64)
        .all(|block| block.iter().fold(true, |ok, &b| ok & plain(b)));
    if all_plain && (kind.multiline() || !text.contains(['\n', '\t'])) {
        let (chars, max) = (text.len(), kind.max_chars());
        return if chars > max {
            Err(Refusal::TooLong { chars, max })
        } else {
            Ok(())
        };
    }
    check_by_char(text, kind)
}

/// [`check`], one char at a time: what any text goes through.
fn check_by_char(text: &str, kind: Kind) -> Result<(), Refusal> {
    for (_, c, refusal) in refusals(text) {
        if kind.multiline() && matches!(c, '\n' | '\t') {
            continue;
        }
        if c == '\n' {
            return Err(Refusal::LineBreak);
        }
        return Err(refusal);
    }
    let chars = text.chars().count();
    let max = kind.max_chars();
    if chars > max {
        return Err(Refusal::TooLong { chars, max });
    }
    Ok(())
}

/// `\r\n` line ends as `\n`. A lone `\r` is left for [`check`] to refuse.
#[must_use]
pub fn normalize(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Text a person typed or pasted, made acceptable as `kind`: `\r\n` and a
/// lone `\r` become line breaks, refused characters are dropped, and in a
/// one-line text line breaks and tabs become spaces. Not cut to length: the
/// screen that takes the text says when it is too long.
#[must_use]
pub fn clean(text: &str, kind: Kind) -> String {
    let text = normalize(text).replace('\r', "\n");
    let mut refused_at = refusals(&text).map(|(at, _, _)| at).peekable();
    text.char_indices()
        .filter_map(|(at, c)| {
            let refused = refused_at.next_if_eq(&at).is_some();
            match c {
                '\n' | '\t' if kind.multiline() => Some(c),
                '\n' | '\t' => Some(' '),
                _ if refused => None,
                c => Some(c),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_tabs_only_where_text_may_span_lines() {
        assert_eq!(check("a\nb\tc", Kind::Text), Ok(()));
        assert_eq!(check("a\nb\tc", Kind::Paragraph), Ok(()));
        assert_eq!(check("a\nb", Kind::Line), Err(Refusal::LineBreak));
        assert_eq!(check("a\tb", Kind::Line), Err(Refusal::Control('\t')));
        assert_eq!(check("a\rb", Kind::Text), Err(Refusal::Control('\r')));
        assert_eq!(check(&normalize("a\r\nb"), Kind::Text), Ok(()));
    }

    #[test]
    fn hidden_and_reordering_characters_are_refused_everywhere() {
        for c in [
            '\u{1b}', '\u{7}', '\u{7f}', '\u{9b}', '\u{202E}', '\u{2066}', '\u{200E}', '\u{61C}',
            '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{2028}',
        ] {
            for kind in [Kind::Line, Kind::Paragraph, Kind::Text] {
                assert!(check(&format!("a{c}b"), kind).is_err(), "{c:?} {kind:?}");
            }
        }
        assert_eq!(
            check("x\u{202E}y", Kind::Text).map_err(|r| r.to_string()),
            Err("contains a bidirectional control (U+202E), which can make text show in another order than it is stored".into())
        );
        for fine in ["自律と熟達", "café", "naïve — “quoted”", "👍🏽", "a\\b \"c\""]
        {
            assert_eq!(check(fine, Kind::Line), Ok(()), "{fine}");
        }
    }

    #[test]
    fn lengths_count_characters_by_kind() {
        let line = "é".repeat(MAX_LINE_CHARS);
        assert_eq!(check(&line, Kind::Line), Ok(()));
        assert_eq!(
            check(&format!("{line}é"), Kind::Paragraph),
            Err(Refusal::TooLong {
                chars: MAX_LINE_CHARS + 1,
                max: MAX_PARAGRAPH_CHARS
            })
        );
        assert_eq!(check(&format!("{line}é"), Kind::Text), Ok(()));
    }

    #[test]
    fn typed_text_is_cleaned_into_what_can_be_saved() {
        let typed = "one\r\ntwo\rthree\u{1b}[2J\u{202E}\u{200B}\tend";
        assert_eq!(clean(typed, Kind::Text), "one\ntwo\nthree[2J\tend");
        assert_eq!(clean(typed, Kind::Line), "one two three[2J end");
        for kind in [Kind::Line, Kind::Text] {
            assert_eq!(check(&clean(typed, kind), kind), Ok(()));
        }
    }

    #[test]
    fn joiners_are_kept_where_they_join_and_refused_where_they_hide() {
        // An emoji sequence and a Persian word with a zero-width non-joiner.
        for text in ["🧑\u{200D}💻 pairing", "می\u{200C}خواهم"] {
            assert_eq!(check(text, Kind::Text), Ok(()), "{text:?}");
            assert_eq!(clean(text, Kind::Text), text);
            assert_eq!(crate::text::escape_line(text), text);
        }
        for text in [
            "ad\u{200D}min",
            "\u{200D}🧑",
            "🧑\u{200D}",
            "é\u{200D}\u{202E}",
        ] {
            assert!(check(text, Kind::Text).is_err(), "{text:?}");
            assert!(
                crate::text::escape_line(text).contains("\\u{200d}"),
                "{text:?}"
            );
        }
        assert_eq!(clean("ad\u{200D}min", Kind::Text), "admin");
    }

    proptest::proptest! {
        /// The shortcut for plain ASCII answers as checking char by char does.
        #[test]
        fn plain_ascii_is_checked_as_char_by_char(text in "[\\x00-\\x7f]{0,12}", line in proptest::bool::ANY) {
            let kind = if line { Kind::Line } else { Kind::Text };
            proptest::prop_assert_eq!(check(&text, kind), check_by_char(&text, kind));
            let long = text.repeat(MAX_LINE_CHARS);
            proptest::prop_assert_eq!(check(&long, Kind::Line), check_by_char(&long, Kind::Line));
        }
    }

    proptest::proptest! {
        /// Skipping the leading printable ASCII finds what looking at every
        /// char (as the rules are written) finds.
        #[test]
        fn refusals_are_those_of_every_char(text in "[a -~\t\n\u{1b}\u{200d}\u{200c}\u{202e}éß😀]{0,16}") {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let every: Vec<(usize, char)> = chars
                .iter()
                .enumerate()
                .filter(|(i, (_, c))| {
                    let before = i.checked_sub(1).map(|j| chars[j].1);
                    let after = chars.get(i + 1).map(|n| n.1);
                    refused(*c).is_some() && !joins(before, *c, after)
                })
                .map(|(_, found)| *found)
                .collect();
            let found: Vec<(usize, char)> = refusals(&text).map(|(at, c, _)| (at, c)).collect();
            proptest::prop_assert_eq!(found, every);
        }
    }
}
