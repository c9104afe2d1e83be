//! A fast reader for the TOML motive writes itself.
//!
//! `toml::to_string` writes a check-in in a narrow, fixed shape: top-level
//! `key = value` lines, then `[table]` and `[[array]]` headers with their
//! own `key = value` lines; bare keys; strings in the four forms the
//! writer picks (basic with escapes, literal, and the two multi-line
//! ones); decimal integers and floats; booleans; arrays of such values on
//! one line. [`from_str`] runs the type's own `Deserialize` over exactly
//! that subset as it scans it (no tree in between, strings lent from the
//! text where they need no unescaping), through a deserializer that calls
//! the visitor methods the `toml` crate calls
//! (`visit_borrowed_str`, `visit_i64`, `visit_f64`, `visit_some`,
//! `visit_map`, `visit_seq`, a string as a unit enum variant), so serde's
//! rules (unknown fields, defaults, `try_from`, limits, an integer read
//! into a float) hold exactly as they do through `toml`.
//!
//! Anything outside the subset (a comment, a dotted or quoted key, an
//! inline table, a duplicate key or table, an array of tables whose
//! tables are not one after another, a date or time, a multi-line
//! array, a number with `_`, `+`, a radix prefix, `inf` or `nan`, an escape
//! other than `\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`, a line-ending
//! backslash, a carriage return, trailing text...) and any error from the
//! type's `Deserialize` gives `None`: the caller then parses the text with
//! `toml`, whose result and error messages are the reference.

use std::borrow::Cow;

use serde::de::value::{BorrowedStrDeserializer, CowStrDeserializer, Error};
use serde::de::{self, Deserialize, DeserializeSeed, MapAccess, SeqAccess, Visitor};

/// `T` read from `text` if the text is in the subset this reader knows and
/// `T`'s `Deserialize` accepts it; `None` otherwise, for the full parser.
///
/// The text is deserialized as it is scanned, with no tree in between:
/// each table is handed to `T` key by key, and a string that needs no
/// unescaping is lent from `text`. What `T` does not read to the end (a
/// table or array it stops short of) is refused, as is any text after the
/// last table, so whatever is read was checked in full.
#[must_use]
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(Node {
        r: &mut reader,
        kind: Kind::Root,
    })
    .ok()?;
    reader.skip_blank_lines();
    (reader.peek().is_none()).then_some(value)
}

/// The most keys a table (the root included) may hold here: more than any
/// check-in has, few enough that looking for a duplicate key stays cheap
/// (a hostile file of 400,000 keys would make it quadratic). A longer table
/// is left to the full parser.
const MAX_KEYS: usize = 32;

/// Which bytes a bare key is made of: `A-Z a-z 0-9 _ -`.
const BARE_KEY: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-';
        b += 1;
    }
    table
};

/// A value that fits on its key's line (an array's items are such values,
/// but not arrays).
enum Scalar<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// The keys of one table seen so far, to refuse a duplicate; on the stack.
struct Keys<'a> {
    seen: [&'a str; MAX_KEYS],
    len: usize,
}

impl<'a> Keys<'a> {
    fn new() -> Self {
        Self {
            seen: [""; MAX_KEYS],
            len: 0,
        }
    }

    /// Adds `key`; `None` if it is there already or the table is full.
    fn add(&mut self, key: &'a str) -> Option<()> {
        if self.len == MAX_KEYS || self.seen[..self.len].contains(&key) {
            return None;
        }
        self.seen[self.len] = key;
        self.len += 1;
        Some(())
    }
}

/// A table header: `[name]`, or `[[name]]` for one table of an array.
struct Header<'a> {
    name: &'a str,
    array: bool,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.bytes[self.pos..].starts_with(s)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Lines that hold nothing but blanks, and the blanks that open the
    /// next line.
    fn skip_blank_lines(&mut self) {
        loop {
            self.skip_blanks();
            if self.peek() != Some(b'\n') {
                return;
            }
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    /// Blanks, then the end of the line (or of the text).
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blanks();
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(_) => None,
        }
    }

    /// Whether the next line that is not blank starts a table, or the text
    /// ends: where a table's keys end.
    fn at_table_end(&mut self) -> bool {
        self.skip_blank_lines();
        matches!(self.peek(), None | Some(b'['))
    }

    /// At a `[`: a whole header line.
    fn header(&mut self) -> Option<Header<'a>> {
        self.eat(b'[')?;
        let array = self.eat(b'[').is_some();
        let name = self.bare_key()?;
        self.eat(b']')?;
        if array {
            self.eat(b']')?;
        }
        self.end_of_line()?;
        Some(Header { name, array })
    }

    /// At the start of a `key = value` line: the key, up to the value.
    fn key(&mut self) -> Option<&'a str> {
        let key = self.bare_key()?;
        self.skip_blanks();
        self.eat(b'=')?;
        self.skip_blanks();
        Some(key)
    }

    /// `A-Z a-z 0-9 _ -`, at least one.
    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let len = self.bytes[start..]
            .iter()
            .take_while(|&&b| BARE_KEY[usize::from(b)])
            .count();
        self.pos += len;
        (len > 0).then(|| &self.text[start..self.pos])
    }

    fn scalar(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' if self.starts_with(b"\"\"\"") => {
                self.pos += 3;
                self.basic(true).map(Scalar::Str)
            }
            b'"' => {
                self.pos += 1;
                self.basic(false).map(Scalar::Str)
            }
            b'\'' if self.starts_with(b"'''") => {
                self.pos += 3;
                self.literal(true).map(Scalar::Str)
            }
            b'\'' => {
                self.pos += 1;
                self.literal(false).map(Scalar::Str)
            }
            b't' if self.starts_with(b"true") => {
                self.pos += 4;
                self.delimited(Scalar::Bool(true))
            }
            b'f' if self.starts_with(b"false") => {
                self.pos += 5;
                self.delimited(Scalar::Bool(false))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// `value` if what follows can end it (`truex` is not `true`).
    fn delimited(&self, value: Scalar<'a>) -> Option<Scalar<'a>> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b',' | b']') => Some(value),
            Some(_) => None,
        }
    }

    /// A decimal integer `-?(0|[1-9][0-9]*)` that fits an `i64`, or a
    /// float: such an integer with `.digits`, an exponent, or both.
    fn number(&mut self) -> Option<Scalar<'a>> {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_' | b':'))
        {
            self.pos += 1;
        }
        let token = &self.text[start..self.pos];
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let unsigned = token.strip_prefix('-').unwrap_or(token);
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
            None => (unsigned, None),
        };
        let (whole, fraction) = match mantissa.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (mantissa, None),
        };
        if !digits(whole) || (whole.len() > 1 && whole.starts_with('0')) {
            return None;
        }
        if fraction.is_some_and(|f| !digits(f)) {
            return None;
        }
        if exponent.is_some_and(|e| !digits(e.strip_prefix(['+', '-']).unwrap_or(e))) {
            return None;
        }
        if fraction.is_none() && exponent.is_none() {
            return token.parse().ok().map(Scalar::Int);
        }
        let float: f64 = token.parse().ok()?;
        float.is_finite().then_some(Scalar::Float(float))
    }

    /// After the opening `"` (or `"""`): up to the closing delimiter,
    /// escapes decoded.
    fn basic(&mut self, multi_line: bool) -> Option<Cow<'a, str>> {
        if multi_line {
            self.eat(b'\n');
        }
        let mut owned: Option<String> = None;
        let mut run = self.pos;
        loop {
            self.pos += plain_text(&self.bytes[self.pos..], b'"');
            match self.peek()? {
                b'"' => {
                    if let Some(end) = self.closing(b'"', multi_line)? {
                        let s = &self.text[run..end];
                        return Some(match owned {
                            None => Cow::Borrowed(s),
                            Some(mut o) => {
                                o.push_str(s);
                                Cow::Owned(o)
                            }
                        });
                    }
                }
                b'\\' => {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.text[run..self.pos]);
                    self.escape(o)?;
                    run = self.pos;
                }
                b => self.text_byte(b, multi_line)?,
            }
        }
    }

    /// After the opening `'` (or `'''`): up to the closing delimiter, as
    /// written.
    fn literal(&mut self, multi_line: bool) -> Option<Cow<'a, str>> {
        if multi_line {
            self.eat(b'\n');
        }
        let start = self.pos;
        loop {
            self.pos += plain_text(&self.bytes[self.pos..], b'\'');
            match self.peek()? {
                b'\'' => {
                    if let Some(end) = self.closing(b'\'', multi_line)? {
                        return Some(Cow::Borrowed(&self.text[start..end]));
                    }
                }
                b => self.text_byte(b, multi_line)?,
            }
        }
    }

    /// At a `quote` inside a string: where the string's text ends if this
    /// closes it, the delimiter consumed. A multi-line string closes at
    /// three quotes, after one or two of its own (six or more is an error);
    /// fewer than three are text, consumed.
    fn closing(&mut self, quote: u8, multi_line: bool) -> Option<Option<usize>> {
        if !multi_line {
            self.pos += 1;
            return Some(Some(self.pos - 1));
        }
        let start = self.pos;
        while self.peek() == Some(quote) {
            self.pos += 1;
        }
        match self.pos - start {
            0..=2 => Some(None),
            3..=5 => Some(Some(self.pos - 3)),
            _ => None,
        }
    }

    /// Steps over a byte of a string's text: a tab, a newline in a
    /// multi-line string, or any printable character; a control character
    /// is refused.
    fn text_byte(&mut self, b: u8, multi_line: bool) -> Option<()> {
        match b {
            b'\t' => {}
            b'\n' if multi_line => {}
            b if b < 0x20 || b == 0x7f => return None,
            _ => {}
        }
        self.pos += 1;
        Some(())
    }

    /// At a `\`: the escape decoded onto `out`.
    fn escape(&mut self, out: &mut String) -> Option<()> {
        self.pos += 1;
        let b = self.peek()?;
        self.pos += 1;
        let c = match b {
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'"' => '"',
            b'\\' => '\\',
            b'u' => self.hex(4)?,
            b'U' => self.hex(8)?,
            _ => return None,
        };
        out.push(c);
        Some(())
    }

    /// `digits` hex digits as a Unicode scalar value.
    fn hex(&mut self, digits: usize) -> Option<char> {
        let hex = self.bytes.get(self.pos..self.pos + digits)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let hex = std::str::from_utf8(hex).ok()?;
        self.pos += digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }
}

/// How many of the first `bytes` are plain text of a string closed by
/// `quote`: neither `quote`, `\\`, nor a control character (tab and newline
/// included: the callers decide about those). Eight bytes at a time: a
/// check-in is mostly long runs of plain text.
fn plain_text(bytes: &[u8], quote: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // Not zero exactly when some byte of `v` is below `n` (`n` at most 128).
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH_BITS;
    let zero = |v: u64| below(v, 1);
    let mut plain = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        let special = below(v, 0x20)
            | zero(v ^ (ONES * u64::from(quote)))
            | zero(v ^ (ONES * u64::from(b'\\')))
            | zero(v ^ (ONES * 0x7f));
        if special != 0 {
            break;
        }
        plain += 8;
    }
    plain
        + bytes[plain..]
            .iter()
            .position(|&b| b == quote || b == b'\\' || b < 0x20 || b == 0x7f)
            .unwrap_or(bytes.len() - plain)
}

/// Why the fast reader declines: never shown, since the full parser then
/// reads the text and gives its own answer.
fn decline() -> Error {
    de::Error::custom("left to the full parser")
}

/// `Some` as `Ok`, `None` as [`decline`].
fn or_decline<T>(option: Option<T>) -> Result<T, Error> {
    option.ok_or_else(decline)
}

/// What a [`Node`] reads.
#[derive(Clone, Copy)]
enum Kind<'a> {
    /// The whole text: its `key = value` lines, then its tables.
    Root,
    /// The `key = value` lines after a `[table]` header.
    Table,
    /// The tables under `[[name]]` headers, the first header read.
    Tables(&'a str),
    /// The value on a key's line: a scalar or a one-line array.
    Inline,
    /// An item of a one-line array: a scalar.
    Item,
}

/// The text at the reader's position as a serde deserializer, calling
/// the visitor methods the `toml` crate's deserializer calls for the same
/// value.
struct Node<'r, 'a> {
    r: &'r mut Reader<'a>,
    kind: Kind<'a>,
}

fn visit_scalar<'de, V: Visitor<'de>>(scalar: Scalar<'de>, visitor: V) -> Result<V::Value, Error> {
    match scalar {
        Scalar::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
        Scalar::Str(Cow::Owned(s)) => visitor.visit_string(s),
        Scalar::Int(i) => visitor.visit_i64(i),
        Scalar::Float(f) => visitor.visit_f64(f),
        Scalar::Bool(b) => visitor.visit_bool(b),
    }
}

impl<'de> de::Deserializer<'de> for Node<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Root | Kind::Table => {
                let root = matches!(self.kind, Kind::Root);
                let mut table = TableAccess {
                    r: &mut *self.r,
                    keys: Keys::new(),
                    root,
                    value: None,
                    in_tables: false,
                };
                let value = visitor.visit_map(&mut table)?;
                // A table read to its end: the next line opens a table.
                if !root && !self.r.at_table_end() {
                    return Err(decline());
                }
                Ok(value)
            }
            Kind::Tables(name) => visitor.visit_seq(TablesAccess {
                r: self.r,
                name,
                first: true,
            }),
            Kind::Inline if self.r.peek() == Some(b'[') => {
                self.r.pos += 1;
                self.r.skip_blanks();
                let mut items = ArrayAccess {
                    r: &mut *self.r,
                    first: true,
                    done: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                // A tuple reads its items and stops without asking for more.
                items.r.skip_blanks();
                if items.done || (!items.first && items.r.eat(b']').is_some()) {
                    Ok(value)
                } else {
                    Err(decline())
                }
            }
            Kind::Inline | Kind::Item => visit_scalar(or_decline(self.r.scalar())?, visitor),
        }
    }

    // `None` is a missing key: a present one is always `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    // A unit variant written as its name; any other shape is left to `toml`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.kind {
            Kind::Inline | Kind::Item => match self.r.scalar() {
                Some(Scalar::Str(s)) => visitor.visit_enum(CowStrDeserializer::new(s)),
                _ => Err(decline()),
            },
            _ => Err(decline()),
        }
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string
        seq bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple
        identifier struct
    }
}

/// What the key just read holds.
#[derive(Clone, Copy)]
enum Pending<'a> {
    Inline,
    Table,
    Tables(&'a str),
}

/// The keys of the root or of one `[table]`, read line by line.
struct TableAccess<'r, 'a> {
    r: &'r mut Reader<'a>,
    keys: Keys<'a>,
    /// Whether this is the root, whose keys include its tables' names.
    root: bool,
    /// What the key just given holds, until its value is read.
    value: Option<Pending<'a>>,
    /// Whether a table header has been read: no plain key follows one.
    in_tables: bool,
}

impl<'de> MapAccess<'de> for TableAccess<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.value.is_some() {
            return Err(decline());
        }
        self.r.skip_blank_lines();
        let (key, pending) = match self.r.peek() {
            None => return Ok(None),
            Some(b'[') if !self.root => return Ok(None),
            Some(b'[') => {
                let header = or_decline(self.r.header())?;
                self.in_tables = true;
                let pending = if header.array {
                    Pending::Tables(header.name)
                } else {
                    Pending::Table
                };
                (header.name, pending)
            }
            Some(_) if self.in_tables => return Err(decline()),
            Some(_) => (or_decline(self.r.key())?, Pending::Inline),
        };
        or_decline(self.keys.add(key))?;
        self.value = Some(pending);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let kind = match or_decline(self.value.take())? {
            Pending::Inline => Kind::Inline,
            Pending::Table => Kind::Table,
            Pending::Tables(name) => Kind::Tables(name),
        };
        let value = seed.deserialize(Node {
            r: &mut *self.r,
            kind,
        })?;
        if matches!(kind, Kind::Inline) {
            or_decline(self.r.end_of_line())?;
        }
        Ok(value)
    }
}

/// The tables of one array of tables: each after a `[[name]]` header, the
/// headers one after another (an array whose tables are apart is left to
/// the full parser: the root then meets its name twice).
struct TablesAccess<'r, 'a> {
    r: &'r mut Reader<'a>,
    name: &'a str,
    /// Whether the first table is next (its header is read already).
    first: bool,
}

impl<'de> SeqAccess<'de> for TablesAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.first {
            self.first = false;
        } else {
            self.r.skip_blank_lines();
            let start = self.r.pos;
            match self.r.header() {
                Some(Header { name, array: true }) if name == self.name => {}
                _ => {
                    self.r.pos = start;
                    return Ok(None);
                }
            }
        }
        seed.deserialize(Node {
            r: &mut *self.r,
            kind: Kind::Table,
        })
        .map(Some)
    }
}

/// The items of `[]` or `[v, v, ...]` on one line, no trailing comma; the
/// `[` read.
struct ArrayAccess<'r, 'a> {
    r: &'r mut Reader<'a>,
    first: bool,
    /// Whether the `]` has been read.
    done: bool,
}

impl<'de> SeqAccess<'de> for ArrayAccess<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.done {
            return Ok(None);
        }
        if self.first {
            self.first = false;
            if self.r.eat(b']').is_some() {
                self.done = true;
                return Ok(None);
            }
        } else {
            self.r.skip_blanks();
            match self.r.peek() {
                Some(b',') => {
                    self.r.pos += 1;
                    self.r.skip_blanks();
                }
                Some(b']') => {
                    self.r.pos += 1;
                    self.done = true;
                    return Ok(None);
                }
                _ => return Err(decline()),
            }
        }
        seed.deserialize(Node {
            r: &mut *self.r,
            kind: Kind::Item,
        })
        .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::plain_text;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn plain_text_stops_where_a_byte_by_byte_scan_stops(
            bytes in prop::collection::vec(
                prop_oneof![3 => 0x20u8..0x7f, 1 => any::<u8>()],
                0..64,
            ),
            quote in prop::sample::select(vec![b'"', b'\'']),
        ) {
            let expected = bytes
                .iter()
                .position(|&b| b == quote || b == b'\\' || b < 0x20 || b == 0x7f)
                .unwrap_or(bytes.len());
            prop_assert_eq!(plain_text(&bytes, quote), expected);
        }
    }
}
