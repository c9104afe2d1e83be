//! Text from outside (a file, a file name, a parser's message quoting
//! either) made safe to print: every character the text [`policy`] refuses
//! is shown as an escape instead of reaching the terminal, so a file cannot
//! move the cursor, retitle the window, write the clipboard (OSC 52) or
//! reorder what is shown around it.
//!
//! Escapes look like Rust's: `\n`, `\t`, `\r`, `\u{1b}`. Escaping is
//! idempotent (an escape is plain ASCII) and leaves clean text untouched,
//! without copying it.
//!
//! [`policy`]: super::policy

use std::borrow::Cow;
use std::fmt::Write as _;

use super::policy::refusals;

/// `text` for one line of output (an error, a warning, a table cell): line
/// breaks and tabs are escaped too.
#[must_use]
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` for output that may span lines (`show`, `bank show`, a report):
/// line breaks and tabs are kept.
#[must_use]
pub fn escape_text(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// A path for one line of output.
#[must_use]
pub fn escape_path(path: &std::path::Path) -> String {
    escape_line(&path.display().to_string()).into_owned()
}

fn escape(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let mut unsafe_at = refusals(text)
        .filter(|(_, c, _)| !(keep_lines && matches!(c, '\n' | '\t')))
        .map(|(at, _, _)| at)
        .peekable();
    let Some(&first) = unsafe_at.peek() else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for (at, c) in text[first..].char_indices().map(|(i, c)| (i + first, c)) {
        if unsafe_at.next_if_eq(&at).is_none() {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::policy::{Kind, check};

    /// Everything the issue names: window title (OSC 0), clear screen,
    /// clipboard write (OSC 52), 8-bit CSI, bidi override, zero-width space.
    const HOSTILE: &str =
        "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\u{202E}txt.exe\u{200B}\r";

    #[test]
    fn nothing_refused_survives_escaping() {
        for escaped in [escape_line(HOSTILE), escape_text(HOSTILE)] {
            assert!(check(&escaped, Kind::Line).is_ok(), "{escaped}");
        }
        assert_eq!(
            escape_line("a\u{1b}[2J\u{202E}b\n"),
            "a\\u{1b}[2J\\u{202e}b\\n"
        );
        assert_eq!(escape_text("a\nb\tc\r"), "a\nb\tc\\r");
    }

    #[test]
    fn clean_text_is_borrowed_and_escaping_twice_changes_nothing() {
        assert!(matches!(escape_line("自律 café"), Cow::Borrowed(_)));
        let once = escape_line(HOSTILE).into_owned();
        assert_eq!(escape_line(&once), once);
    }
}
