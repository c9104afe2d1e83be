//! Parse and validate bank TOML, reporting every problem at once with its position.
//!
//! The document is parsed into a [`DeTable`] (which keeps byte spans) and
//! walked by hand: each rule that fails adds a [`Diagnostic`] and the walk
//! goes on, so one run shows everything that needs fixing. A TOML syntax
//! error is the exception: the structure of a broken document cannot be
//! trusted, so only the syntax errors are reported (all of them).

mod table;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use toml::de::DeTable;

use self::table::{Checker, Table, Text};
use super::{BANK_FORMAT, Bank, Dimension, DimensionIdeas, Question, Reflection, Scale};
use crate::store::regular::{self, Links, ReadError};
use crate::text::escape_line;

// The limits a bank is read under are the ones every check-in is saved
// under (see `crate::limits`), so a bank never makes a check-in that cannot
// be saved.
use crate::limits;
pub use crate::limits::{
    MAX_BANK_BYTES as MAX_FILE_BYTES, MAX_DIMENSIONS, MAX_ID_CHARS, MAX_IDEAS,
    MAX_PARAGRAPH_CHARS as MAX_TEXT_CHARS, MAX_REFLECTIONS, MAX_SCALE_POINTS,
    MAX_STATEMENTS as MAX_QUESTIONS,
};

/// One problem in a bank file: `FILE:LINE:COL: message`, or `FILE: message`
/// when there is no position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole.
    #[must_use]
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line, safe to print: the file name and the message may quote
    /// the bank file, so anything that could drive a terminal is escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = escape_line(&self.file);
        let message = escape_line(&self.message);
        match self.position {
            Some((line, column)) => write!(f, "{file}:{line}:{column}: {message}"),
            None => write!(f, "{file}: {message}"),
        }
    }
}

/// Parse bank TOML. `file` names the source in diagnostics (a path, or
/// `builtin:core` for embedded banks).
///
/// This checks the bank format only. Bank files on disk go through
/// [`from_path`] or [`from_bytes`], which also refuse the id of a built-in bank.
///
/// # Errors
/// Every problem found, in file order.
pub fn parse(file: &str, text: &str) -> Result<Bank, Vec<Diagnostic>> {
    check(file, text, &[])
}

/// Read and parse a bank file. A bank file may not reuse the id of a
/// built-in bank: snapshots name their bank by id, so two banks sharing one
/// would make check-ins look comparable when they are not.
///
/// # Errors
/// The file cannot be read, or every problem [`from_bytes`] finds.
pub fn from_path(path: &Path) -> Result<Bank, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes =
        read_limited(path).map_err(|message| vec![Diagnostic::whole_file(&file, message)])?;
    from_bytes(&file, &bytes)
}

/// Parse the bytes of a bank file, as [`from_path`] does once it has read
/// them: size limit, UTF-8, then [`parse`] plus the built-in id rule.
///
/// # Errors
/// Too big, not UTF-8, or every problem in the bank.
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Bank, Vec<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(vec![too_big(file, bytes.len())]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check(file, text, super::builtin::IDS),
        Err(e) => {
            // Everything before the bad byte is valid UTF-8, so the position
            // can be computed on that prefix.
            let valid = bytes
                .get(..e.valid_up_to())
                .and_then(|prefix| std::str::from_utf8(prefix).ok())
                .unwrap_or_default();
            Err(vec![Diagnostic {
                file: file.to_owned(),
                position: Some(position_of(valid, valid.len())),
                message: "not valid UTF-8; a bank file must be UTF-8 text".to_owned(),
            }])
        }
    }
}

/// A regular file (a link to one is followed) of at most [`MAX_FILE_BYTES`],
/// read no further than one byte past it: a FIFO or `/dev/zero` is refused
/// at once (see [`regular::read`]).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let limit = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX);
    regular::read(path, limit, Links::Follow).map_err(|e| match e {
        ReadError::TooLarge { len } => too_big_message(usize::try_from(len).unwrap_or(usize::MAX)),
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "no such file".to_owned(),
        ReadError::Io(e) => match regular::refusal(&e) {
            Some(refused) => format!("is {}, not a bank file", refused.found()),
            None => format!("cannot read: {e}"),
        },
    })
}

fn too_big(file: &str, len: usize) -> Diagnostic {
    Diagnostic::whole_file(file, too_big_message(len))
}

fn too_big_message(len: usize) -> String {
    format!("file is {len} bytes; a bank file may be at most 1 MiB ({MAX_FILE_BYTES} bytes)")
}

/// Whether `id` is a valid bank, dimension, statement or reflection id:
/// lowercase ASCII letters, digits and `-`, not starting with `-`, at most
/// [`MAX_ID_CHARS`] characters.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_CHARS
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// 1-based line and column (in characters) of a byte offset. Offsets past
/// the end or inside a character are moved back to the nearest boundary.
pub(crate) fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let current = before.get(line_start..).unwrap_or_default();
    // A byte-order mark is invisible: do not count it as a column.
    let current = current.strip_prefix('\u{feff}').unwrap_or(current);
    (line, current.chars().count() + 1)
}

fn check(file: &str, text: &str, reserved_ids: &[&str]) -> Result<Bank, Vec<Diagnostic>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_big(file, text.len())]);
    }
    let mut ck = Checker::new(file, text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            let message = error.message().replace(['\n', '\r'], " ");
            ck.error(error.span(), format!("TOML syntax: {}", message.trim()));
        }
        return Err(ck.finish());
    }
    table::check_scalars(&mut ck, root.get_ref());
    if ck.has_errors() {
        return Err(ck.finish());
    }
    let root = Table::root(root.get_ref());
    let bank = read_bank(&mut ck, &root, reserved_ids);
    let diagnostics = ck.finish();
    match (bank, diagnostics.is_empty()) {
        (Some(bank), true) => Ok(bank),
        // Every path that gives up records why; this keeps an error an error
        // should one ever be missed.
        (None, true) => Err(vec![Diagnostic::whole_file(file, "cannot read this bank")]),
        (_, false) => Err(diagnostics),
    }
}

const ROOT_KEYS: &[&str] = &[
    "format",
    "id",
    "version",
    "title",
    "description",
    "scale",
    "dimensions",
    "questions",
    "reflections",
];
const SCALE_KEYS: &[&str] = &["min", "max", "labels"];
const DIMENSION_KEYS: &[&str] = &["id", "name", "description", "sd", "reliability", "ideas"];
const QUESTION_KEYS: &[&str] = &["id", "dimension", "text", "hint", "reverse", "weight"];
const REFLECTION_KEYS: &[&str] = &["id", "prompt", "hint"];

/// Walk the whole document. Returns a bank when every required part could
/// be read; the caller only uses it when no diagnostic was recorded.
fn read_bank(ck: &mut Checker<'_>, root: &Table<'_, '_>, reserved_ids: &[&str]) -> Option<Bank> {
    if !read_format(ck, root) {
        // A newer format may use keys this build does not know: saying so
        // once is more useful than a list of "unknown key" errors.
        return None;
    }
    root.unknown_keys(ck, ROOT_KEYS);
    let id = root.text(ck, "id", Text::Id);
    if let Some((id, span)) = &id
        && reserved_ids.contains(&id.as_str())
    {
        ck.error(
            Some(span.clone()),
            format!("id {id:?} belongs to a built-in bank; choose another id"),
        );
    }
    let version = read_version(ck, root);
    let title = root.text(ck, "title", Text::Line);
    let description = root.text(ck, "description", Text::Paragraph);
    let scale = root
        .required_table(ck, "scale", "[scale]")
        .and_then(|scale| read_scale(ck, &scale));
    let mut dimensions = read_dimensions(ck, root);
    let questions = read_questions(ck, root, &dimensions);
    let reflections = read_reflections(ck, root);
    let ideas = dimensions
        .iter_mut()
        .filter(|d| !d.ideas.is_empty())
        .map(|d| DimensionIdeas {
            dimension: d.dimension.id.clone(),
            ideas: std::mem::take(&mut d.ideas),
        })
        .collect();
    Some(Bank {
        id: id?.0,
        version: version?,
        title: title?.0,
        description: description?.0,
        scale: scale?,
        dimensions: dimensions.into_iter().map(|d| d.dimension).collect(),
        questions,
        reflections,
        ideas,
    })
}

/// `format`: returns `false` when the file is in a newer format.
fn read_format(ck: &mut Checker<'_>, root: &Table<'_, '_>) -> bool {
    let Some((format, span)) = root.integer(ck, "format", true) else {
        return true;
    };
    if format > BANK_FORMAT {
        ck.error(
            Some(span),
            format!(
                "format {format} is newer than this build understands ({BANK_FORMAT}); upgrade motive"
            ),
        );
        return false;
    }
    if format < 1 {
        ck.error(
            Some(span),
            format!("format {format} does not exist; this build reads format {BANK_FORMAT}"),
        );
    }
    true
}

/// `version`: a string, or an integer kept as its decimal string.
fn read_version(ck: &mut Checker<'_>, root: &Table<'_, '_>) -> Option<String> {
    let value = root.value(ck, "version", true)?;
    if let Some(integer) = value.get_ref().as_integer() {
        if let Ok(n) = i128::from_str_radix(integer.as_str(), integer.radix()) {
            return Some(n.to_string());
        }
        ck.error(
            Some(value.span()),
            "`version` is too large a number; write it as a string",
        );
        return None;
    }
    if value.get_ref().is_float() {
        ck.error(
            Some(value.span()),
            "`version` must be a string or an integer, not a float; quote it, e.g. \"1.2\"",
        );
        return None;
    }
    root.text(ck, "version", Text::Line).map(|(v, _)| v)
}

fn read_scale(ck: &mut Checker<'_>, scale: &Table<'_, '_>) -> Option<Scale> {
    scale.unknown_keys(ck, SCALE_KEYS);
    let min = scale.integer(ck, "min", true);
    let max = scale.integer(ck, "max", true);
    let labels = scale.array(ck, "labels", true).map(|(items, span)| {
        let labels: Vec<Option<String>> = items
            .iter()
            .map(|item| table::text_value(ck, "each label", item, Text::Line))
            .collect();
        (labels, span)
    });
    let (min, min_span) = min?;
    let (max, max_span) = max?;
    if let Err(message) = limits::check_scale(min, max) {
        let span = if min >= max { min_span } else { max_span };
        ck.error(Some(span), message);
        return None;
    }
    let points = i128::from(max) - i128::from(min) + 1;
    let (labels, labels_span) = labels?;
    if i128::try_from(labels.len()).ok() != Some(points) {
        ck.error(
            Some(labels_span),
            format!(
                "scale {min} to {max} has {points} points but {}; give one label per point",
                crate::text::count(labels.len(), "label", "labels")
            ),
        );
        return None;
    }
    Some(Scale {
        min,
        max,
        labels: labels.into_iter().collect::<Option<_>>()?,
    })
}

/// A dimension as read, with what later checks need.
struct ReadDimension {
    dimension: Dimension,
    /// Where its id is, for "no questions".
    id_span: std::ops::Range<usize>,
    /// Its `ideas`, kept beside the dimension: they belong to the bank,
    /// not to the check-ins that copy the dimension.
    ideas: Vec<String>,
}

fn read_dimensions(ck: &mut Checker<'_>, root: &Table<'_, '_>) -> Vec<ReadDimension> {
    let Some((tables, key_span)) = root.tables(ck, "dimensions", "[[dimensions]]", true) else {
        return Vec::new();
    };
    if tables.is_empty() {
        ck.error(Some(key_span), "a bank needs at least one dimension");
    }
    too_many(ck, &tables, MAX_DIMENSIONS, "dimensions");
    let mut seen = Seen::new("dimension");
    let mut dimensions = Vec::new();
    for table in &tables {
        table.unknown_keys(ck, DIMENSION_KEYS);
        let id = table.text(ck, "id", Text::Id);
        let name = table.text(ck, "name", Text::Line);
        let description = table.text(ck, "description", Text::Paragraph);
        let sd = table.number(ck, "sd", false);
        let reliability = table.number(ck, "reliability", false);
        let ideas = read_ideas(ck, table);
        if let Some((sd, span)) = &sd
            && let Err(why) = limits::check_sd(*sd)
        {
            ck.error(Some(span.clone()), format!("`sd` {why}"));
        }
        if let Some((r, span)) = &reliability
            && let Err(why) = limits::check_reliability(*r)
        {
            ck.error(Some(span.clone()), format!("`reliability` {why}"));
        }
        // Pairing is about presence: a value already reported as wrong
        // should not also be reported as missing.
        match (table.has("sd"), table.has("reliability")) {
            (true, false) => ck.error(
                table.key_span("sd"),
                "`sd` needs `reliability` too: the reliable-change test uses both",
            ),
            (false, true) => ck.error(
                table.key_span("reliability"),
                "`reliability` needs `sd` too: the reliable-change test uses both",
            ),
            _ => {}
        }
        // Remember the raw id even when its syntax is wrong, so questions
        // that use it are not reported a second time.
        let raw_id = table.raw_str("id");
        if let Some((raw, span)) = &raw_id
            && !seen.check(ck, raw, span.clone())
        {
            continue;
        }
        if let (Some((id, id_span)), Some((name, _)), Some((description, _))) =
            (id, name, description)
        {
            dimensions.push(ReadDimension {
                dimension: Dimension {
                    id,
                    name,
                    description,
                    sd: sd.map(|(v, _)| v),
                    reliability: reliability.map(|(v, _)| v),
                },
                id_span,
                ideas,
            });
        } else if let Some((raw, span)) = raw_id {
            // Keep a placeholder so the id still counts as declared.
            dimensions.push(ReadDimension {
                dimension: Dimension {
                    id: raw,
                    name: String::new(),
                    description: String::new(),
                    sd: None,
                    reliability: None,
                },
                id_span: span,
                ideas: Vec::new(),
            });
        }
    }
    dimensions
}

/// A dimension's optional `ideas`: one line each, at most [`MAX_IDEAS`].
fn read_ideas(ck: &mut Checker<'_>, table: &Table<'_, '_>) -> Vec<String> {
    let Some((items, span)) = table.array(ck, "ideas", false) else {
        return Vec::new();
    };
    if items.len() > MAX_IDEAS {
        ck.error(
            Some(span),
            format!(
                "a dimension may have at most {MAX_IDEAS} ideas; this one has {}",
                items.len()
            ),
        );
    }
    items
        .iter()
        .filter_map(|item| table::text_value(ck, "each idea", item, Text::Line))
        .collect()
}

fn read_questions(
    ck: &mut Checker<'_>,
    root: &Table<'_, '_>,
    dimensions: &[ReadDimension],
) -> Vec<Question> {
    let Some((tables, key_span)) = root.tables(ck, "questions", "[[questions]]", true) else {
        return Vec::new();
    };
    if tables.is_empty() {
        ck.error(Some(key_span), "a bank needs at least one question");
    }
    too_many(ck, &tables, MAX_QUESTIONS, "questions");
    let mut used = vec![false; dimensions.len()];
    let mut seen = Seen::new("question");
    let mut questions = Vec::new();
    for table in &tables {
        table.unknown_keys(ck, QUESTION_KEYS);
        let id = table.text(ck, "id", Text::Id);
        if let Some((raw, span)) = table.raw_str("id") {
            seen.check(ck, &raw, span);
        }
        let dimension = table.text(ck, "dimension", Text::Id);
        if let Some((dimension, span)) = &dimension {
            if let Some(index) = dimensions.iter().position(|d| &d.dimension.id == dimension) {
                if let Some(flag) = used.get_mut(index) {
                    *flag = true;
                }
            } else {
                let declared: Vec<&str> =
                    dimensions.iter().map(|d| d.dimension.id.as_str()).collect();
                let declared = if declared.is_empty() {
                    "none".to_owned()
                } else {
                    declared.join(", ")
                };
                ck.error(
                    Some(span.clone()),
                    format!(
                        "dimension {dimension:?} is not declared in [[dimensions]] (declared: {declared})"
                    ),
                );
            }
        }
        let text = table.text(ck, "text", Text::Paragraph);
        let hint = table.optional_text(ck, "hint", Text::Paragraph);
        let reverse = table.boolean(ck, "reverse").unwrap_or(false);
        let weight = table.number(ck, "weight", false);
        if let Some((w, span)) = &weight
            && let Err(why) = limits::check_weight(*w)
        {
            ck.error(Some(span.clone()), format!("`weight` {why}"));
        }
        if let (Some((id, _)), Some((dimension, _)), Some((text, _))) = (id, dimension, text) {
            questions.push(Question {
                id,
                dimension,
                text,
                hint,
                reverse,
                weight: weight.map_or(1.0, |(w, _)| w),
            });
        }
    }
    for (dimension, used) in dimensions.iter().zip(used) {
        if !used {
            ck.error(
                Some(dimension.id_span.clone()),
                format!(
                    "dimension {:?} has no questions; add some or remove it",
                    dimension.dimension.id
                ),
            );
        }
    }
    questions
}

fn read_reflections(ck: &mut Checker<'_>, root: &Table<'_, '_>) -> Vec<Reflection> {
    let Some((tables, _)) = root.tables(ck, "reflections", "[[reflections]]", false) else {
        return Vec::new();
    };
    too_many(ck, &tables, MAX_REFLECTIONS, "reflections");
    let mut seen = Seen::new("reflection");
    let mut reflections = Vec::new();
    for table in &tables {
        table.unknown_keys(ck, REFLECTION_KEYS);
        let id = table.text(ck, "id", Text::Id);
        if let Some((raw, span)) = table.raw_str("id") {
            seen.check(ck, &raw, span);
        }
        let prompt = table.text(ck, "prompt", Text::Paragraph);
        let hint = table.optional_text(ck, "hint", Text::Paragraph);
        if let (Some((id, _)), Some((prompt, _))) = (id, prompt) {
            reflections.push(Reflection { id, prompt, hint });
        }
    }
    reflections
}

/// Report, at the first one too many, a list longer than `max`.
fn too_many(ck: &mut Checker<'_>, tables: &[Table<'_, '_>], max: usize, what: &str) {
    if let Some(extra) = tables.get(max) {
        ck.error(
            extra.span(),
            format!(
                "a bank may have at most {max} {what}; this one has {}",
                tables.len()
            ),
        );
    }
}

/// Ids already used by one kind of entry, with the line of their first use.
struct Seen {
    kind: &'static str,
    /// Where each id was first seen, as a byte offset: the line is worked
    /// out only when a duplicate is reported (counting lines for every id
    /// made loading quadratic in the size of the bank).
    offsets: HashMap<String, usize>,
}

impl Seen {
    fn new(kind: &'static str) -> Self {
        Self {
            kind,
            offsets: HashMap::new(),
        }
    }

    /// Record `id`; reports it and returns `false` when it was seen before.
    fn check(&mut self, ck: &mut Checker<'_>, id: &str, span: std::ops::Range<usize>) -> bool {
        if let Some(&first) = self.offsets.get(id) {
            let first = ck.position(first).0;
            ck.error(
                Some(span),
                format!(
                    "duplicate {} id {id:?} (first used on line {first})",
                    self.kind
                ),
            );
            false
        } else {
            self.offsets.insert(id.to_owned(), span.start);
            true
        }
    }
}
