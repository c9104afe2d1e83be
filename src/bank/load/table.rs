//! Reading typed fields out of a TOML table while collecting diagnostics.
//!
//! Every getter reports what is wrong (missing, wrong type, bad text) at the
//! most precise position it has and returns `None`, so callers never stop at
//! the first problem.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::{Diagnostic, MAX_ID_CHARS, is_valid_id, position_of};
use crate::limits::MAX_PROBLEMS_SHOWN;
use crate::text::policy::{self, Kind};

/// The most diagnostics reported for one file; a file of garbage would
/// otherwise bury the first, most useful, ones.
pub(super) const MAX_DIAGNOSTICS: usize = MAX_PROBLEMS_SHOWN;

/// Collects the diagnostics of one file.
pub(super) struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(file: &'a str, text: &'a str) -> Self {
        Self {
            file,
            text,
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    pub(super) fn position(&self, offset: usize) -> (usize, usize) {
        position_of(self.text, offset)
    }

    /// Record a problem at `span` (its start), or for the whole file.
    pub(super) fn error(&mut self, span: Option<Range<usize>>, message: impl Into<String>) {
        let position = span.map(|span| self.position(span.start));
        self.diagnostics.push(Diagnostic {
            file: self.file.to_owned(),
            position,
            message: message.into(),
        });
    }

    /// The diagnostics in file order (whole-file ones first), each once
    /// (TOML error recovery can report the same problem twice), at most
    /// [`MAX_DIAGNOSTICS`] of them.
    pub(super) fn finish(mut self) -> Vec<Diagnostic> {
        self.diagnostics
            .sort_by(|a, b| (a.position, &a.message).cmp(&(b.position, &b.message)));
        self.diagnostics.dedup();
        let total = self.diagnostics.len();
        if total > MAX_DIAGNOSTICS {
            self.diagnostics.truncate(MAX_DIAGNOSTICS);
            self.diagnostics.push(Diagnostic {
                file: self.file.to_owned(),
                position: None,
                message: format!(
                    "and {} more problems not shown; fix the ones above first",
                    total - MAX_DIAGNOSTICS
                ),
            });
        }
        self.diagnostics
    }
}

/// Report integers and floats the TOML parser let through unchecked (it
/// keeps their text and leaves conversion to later): `0x`, digits from
/// other scripts, integers beyond 64 bits. They are TOML syntax errors, and
/// saying so is clearer than a confusing error about the key later.
pub(super) fn check_scalars(ck: &mut Checker<'_>, root: &DeTable<'_>) {
    let mut pending: Vec<&Spanned<DeValue<'_>>> = root.values().collect();
    while let Some(value) = pending.pop() {
        match value.get_ref() {
            DeValue::Integer(integer) => {
                if i64::from_str_radix(integer.as_str(), integer.radix()).is_err() {
                    ck.error(
                        Some(value.span()),
                        format!(
                            "TOML syntax: invalid integer {:?} (64-bit integers only)",
                            integer.to_string()
                        ),
                    );
                }
            }
            DeValue::Float(float) => {
                if float.as_str().parse::<f64>().is_err() {
                    ck.error(
                        Some(value.span()),
                        format!("TOML syntax: invalid float {:?}", float.as_str()),
                    );
                }
            }
            DeValue::Array(array) => pending.extend(array.iter()),
            DeValue::Table(table) => pending.extend(table.values()),
            DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
        }
    }
}

/// What a string field holds, and so which rules it follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Text {
    /// Lowercase letters, digits and `-`, at most [`MAX_ID_CHARS`].
    Id,
    /// One line of text: a title, a name, a label.
    Line,
    /// Text that may span lines: a description, a statement, a hint.
    Paragraph,
}

/// One TOML table of the bank and how to name it in messages.
pub(super) struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    /// The table's header, or `None` for the top level.
    span: Option<Range<usize>>,
    /// `[scale]`, `[[questions]]`...; empty for the top level.
    name: &'static str,
}

impl<'t, 'i> Table<'t, 'i> {
    pub(super) fn root(entries: &'t DeTable<'i>) -> Self {
        Self {
            entries,
            span: None,
            name: "",
        }
    }

    pub(super) fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// " in [scale]", or nothing at the top level.
    fn place(&self) -> String {
        if self.name.is_empty() {
            " at the top level".to_owned()
        } else {
            format!(" in {}", self.name)
        }
    }

    /// Report every key not in `allowed`.
    pub(super) fn unknown_keys(&self, ck: &mut Checker<'_>, allowed: &[&str]) {
        for key in self.entries.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                ck.error(
                    Some(key.span()),
                    format!(
                        "unknown key {:?}{}; allowed keys: {}",
                        key.get_ref(),
                        self.place(),
                        allowed.join(", ")
                    ),
                );
            }
        }
    }

    pub(super) fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// Where `key`'s value is.
    pub(super) fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.find(key).map(Spanned::span)
    }

    fn find(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.entries.get(key)
    }

    /// The value of `key`; reports it missing when `required`.
    pub(super) fn value(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        required: bool,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = self.find(key);
        if value.is_none() && required {
            ck.error(
                self.span(),
                format!("missing required key `{key}`{}", self.place()),
            );
        }
        value
    }

    /// The string at `key` as written, without any check beyond its type.
    pub(super) fn raw_str(&self, key: &str) -> Option<(String, Range<usize>)> {
        let value = self.find(key)?;
        value
            .get_ref()
            .as_str()
            .map(|s| (s.to_owned(), value.span()))
    }

    /// A required string following the rules of `kind`, trimmed.
    pub(super) fn text(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        kind: Text,
    ) -> Option<(String, Range<usize>)> {
        let value = self.value(ck, key, true)?;
        text_value(ck, &format!("`{key}`"), value, kind).map(|text| (text, value.span()))
    }

    /// An optional string following the rules of `kind`, trimmed.
    pub(super) fn optional_text(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        kind: Text,
    ) -> Option<String> {
        let value = self.value(ck, key, false)?;
        text_value(ck, &format!("`{key}`"), value, kind)
    }

    /// An integer that fits in `i64`.
    pub(super) fn integer(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        required: bool,
    ) -> Option<(i64, Range<usize>)> {
        let value = self.value(ck, key, required)?;
        let Some(integer) = value.get_ref().as_integer() else {
            wrong_type(ck, &format!("`{key}`"), value, "an integer");
            return None;
        };
        if let Ok(n) = i64::from_str_radix(integer.as_str(), integer.radix()) {
            Some((n, value.span()))
        } else {
            ck.error(Some(value.span()), format!("`{key}` is out of range"));
            None
        }
    }

    /// A finite number; integers are accepted.
    pub(super) fn number(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        required: bool,
    ) -> Option<(f64, Range<usize>)> {
        let value = self.value(ck, key, required)?;
        let parsed = match value.get_ref() {
            // Precision loss only past 2^53, far beyond any weight or norm.
            DeValue::Integer(integer) => i64::from_str_radix(integer.as_str(), integer.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(float) => float.as_str().parse::<f64>().ok(),
            _ => {
                wrong_type(ck, &format!("`{key}`"), value, "a number");
                return None;
            }
        };
        match parsed {
            Some(n) if n.is_finite() => Some((n, value.span())),
            _ => {
                ck.error(
                    Some(value.span()),
                    format!("`{key}` must be a finite number"),
                );
                None
            }
        }
    }

    /// An optional boolean.
    pub(super) fn boolean(&self, ck: &mut Checker<'_>, key: &str) -> Option<bool> {
        let value = self.value(ck, key, false)?;
        let boolean = value.get_ref().as_bool();
        if boolean.is_none() {
            wrong_type(ck, &format!("`{key}`"), value, "true or false");
        }
        boolean
    }

    /// An array, with the span of its value.
    pub(super) fn array(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        required: bool,
    ) -> Option<(&'t DeArray<'i>, Range<usize>)> {
        let value = self.value(ck, key, required)?;
        if let Some(array) = value.get_ref().as_array() {
            Some((array, value.span()))
        } else {
            wrong_type(ck, &format!("`{key}`"), value, "an array");
            None
        }
    }

    /// A sub-table such as `[scale]`.
    pub(super) fn required_table(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        name: &'static str,
    ) -> Option<Self> {
        let value = self.value(ck, key, true)?;
        if let Some(entries) = value.get_ref().as_table() {
            Some(Self {
                entries,
                span: Some(value.span()),
                name,
            })
        } else {
            wrong_type(ck, &format!("`{key}`"), value, &format!("a table ({name})"));
            None
        }
    }

    /// An array of tables such as `[[questions]]`, with the span of the key's
    /// value. Entries that are not tables are reported and skipped.
    pub(super) fn tables(
        &self,
        ck: &mut Checker<'_>,
        key: &str,
        name: &'static str,
        required: bool,
    ) -> Option<(Vec<Self>, Range<usize>)> {
        let value = self.value(ck, key, required)?;
        let Some(array) = value.get_ref().as_array() else {
            wrong_type(
                ck,
                &format!("`{key}`"),
                value,
                &format!("an array of tables (write {name})"),
            );
            return None;
        };
        let mut tables = Vec::new();
        for item in array {
            if let Some(entries) = item.get_ref().as_table() {
                tables.push(Self {
                    entries,
                    span: Some(item.span()),
                    name,
                });
            } else {
                wrong_type(ck, &format!("each entry of `{key}`"), item, "a table");
            }
        }
        Some((tables, value.span()))
    }
}

/// Check a string value against the rules of `kind`; `what` names it in
/// messages (`` `title` ``, "each label").
pub(super) fn text_value(
    ck: &mut Checker<'_>,
    what: &str,
    value: &Spanned<DeValue<'_>>,
    kind: Text,
) -> Option<String> {
    let Some(raw) = value.get_ref().as_str() else {
        wrong_type(ck, what, value, "a string");
        return None;
    };
    let span = Some(value.span());
    let text = raw.trim();
    if text.is_empty() {
        ck.error(span, format!("{what} must not be empty"));
        return None;
    }
    let kind = match kind {
        Text::Id => return id_value(ck, what, raw, span),
        Text::Line => Kind::Line,
        Text::Paragraph => Kind::Paragraph,
    };
    // The rule every check-in is saved under: whatever a bank may say, a
    // check-in on it can hold.
    let text = policy::normalize(text);
    if let Err(refusal) = policy::check(&text, kind) {
        ck.error(span, format!("{what} {refusal}"));
        return None;
    }
    Some(text.into_owned())
}

/// An id, as written (ids are never trimmed into validity).
fn id_value(
    ck: &mut Checker<'_>,
    what: &str,
    raw: &str,
    span: Option<Range<usize>>,
) -> Option<String> {
    let chars = raw.trim().chars().count();
    if chars > MAX_ID_CHARS {
        ck.error(
            span,
            format!("{what} is {chars} characters long; at most {MAX_ID_CHARS} are allowed"),
        );
        return None;
    }
    if !is_valid_id(raw) {
        ck.error(
            span,
            format!(
                "{what} {raw:?} is not a valid id: use lowercase letters, digits and '-', \
                 not starting with '-'"
            ),
        );
        return None;
    }
    Some(raw.to_owned())
}

/// "`min` must be an integer, not a string".
fn wrong_type(ck: &mut Checker<'_>, what: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
    let found = value.get_ref().type_str();
    let article = if found.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    ck.error(
        Some(value.span()),
        format!("{what} must be {expected}, not {article} {found}"),
    );
}
