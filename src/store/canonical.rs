//! A fast reader for the TOML motive writes itself.
//!
//! `toml::to_string` writes a check-in in a narrow, fixed shape: top-level
//! `key = value` lines, then `[table]` and `[[array]]` headers with their
//! own `key = value` lines; bare keys; strings in the four forms the
//! writer picks (basic with escapes, literal, and the two multi-line
//! ones); decimal integers and floats; booleans; arrays of such values on
//! one line. [`from_str`] reads exactly that subset into a small borrowed
//! tree, then runs the type's own `Deserialize` over it through a
//! deserializer that calls the visitor methods the `toml` crate calls
//! (`visit_borrowed_str`, `visit_i64`, `visit_f64`, `visit_some`,
//! `visit_map`, `visit_seq`, a string as a unit enum variant), so serde's
//! rules (unknown fields, defaults, `try_from`, limits, an integer read
//! into a float) hold exactly as they do through `toml`.
//!
//! Anything outside the subset (a comment, a dotted or quoted key, an
//! inline table, a duplicate key or table, a date or time, a multi-line
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
#[must_use]
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Option<T> {
    let root = Reader::new(text).document()?;
    T::deserialize(ValueDe(Value::Table(root))).ok()
}

/// A table: its keys in the order written (a check-in's tables hold a
/// dozen keys at most, so a list beats a map).
type Table<'a> = Vec<(&'a str, Value<'a>)>;

/// The most keys a table (the root included) may hold here: more than any
/// check-in has, few enough that looking for a duplicate key stays cheap
/// (a hostile file of 400,000 keys would make it quadratic). A longer table
/// is left to the full parser.
const MAX_KEYS: usize = 32;

enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A one-line `[a, b]` array.
    Array(Vec<Value<'a>>),
    Table(Table<'a>),
    /// An array of tables, one `[[name]]` header per table.
    Tables(Vec<Table<'a>>),
}

/// Where the next `key = value` line goes.
#[derive(Clone, Copy)]
enum Target {
    Root,
    /// The table at this index of the root.
    Table(usize),
    /// The last table of the array of tables at this index of the root.
    LastOf(usize),
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

    fn at(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.bytes[self.pos..].starts_with(s)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
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

    fn document(mut self) -> Option<Table<'a>> {
        let mut root: Table<'a> = Vec::with_capacity(16);
        let mut target = Target::Root;
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Some(root),
                Some(b'\n') => self.pos += 1,
                Some(b'[') if self.at(1) == Some(b'[') => {
                    self.pos += 2;
                    let name = self.bare_key()?;
                    self.eat(b']')?;
                    self.eat(b']')?;
                    self.end_of_line()?;
                    target = match root.iter().position(|(k, _)| *k == name) {
                        Some(i) => match &mut root[i].1 {
                            Value::Tables(tables) => {
                                tables.push(Vec::with_capacity(8));
                                Target::LastOf(i)
                            }
                            _ => return None,
                        },
                        None if root.len() < MAX_KEYS => {
                            root.push((name, Value::Tables(vec![Vec::with_capacity(8)])));
                            Target::LastOf(root.len() - 1)
                        }
                        None => return None,
                    };
                }
                Some(b'[') => {
                    self.pos += 1;
                    let name = self.bare_key()?;
                    self.eat(b']')?;
                    self.end_of_line()?;
                    if root.len() == MAX_KEYS || root.iter().any(|(k, _)| *k == name) {
                        return None;
                    }
                    root.push((name, Value::Table(Vec::with_capacity(8))));
                    target = Target::Table(root.len() - 1);
                }
                Some(_) => {
                    let key = self.bare_key()?;
                    self.skip_blanks();
                    self.eat(b'=')?;
                    self.skip_blanks();
                    let value = self.value()?;
                    self.end_of_line()?;
                    let table = match target {
                        Target::Root => &mut root,
                        Target::Table(i) => match &mut root[i].1 {
                            Value::Table(t) => t,
                            _ => return None,
                        },
                        Target::LastOf(i) => match &mut root[i].1 {
                            Value::Tables(ts) => ts.last_mut()?,
                            _ => return None,
                        },
                    };
                    if table.len() == MAX_KEYS || table.iter().any(|(k, _)| *k == key) {
                        return None;
                    }
                    table.push((key, value));
                }
            }
        }
    }

    /// `A-Z a-z 0-9 _ -`, at least one.
    fn bare_key(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    fn value(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'[' => self.array(),
            _ => self.scalar(),
        }
    }

    /// `[]` or `[v, v, ...]` of scalars on one line, no trailing comma.
    fn array(&mut self) -> Option<Value<'a>> {
        self.eat(b'[')?;
        self.skip_blanks();
        let mut items = Vec::new();
        if self.eat(b']').is_some() {
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.scalar()?);
            self.skip_blanks();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    self.skip_blanks();
                }
                b']' => {
                    self.pos += 1;
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }

    fn scalar(&mut self) -> Option<Value<'a>> {
        match self.peek()? {
            b'"' if self.starts_with(b"\"\"\"") => {
                self.pos += 3;
                self.basic(true).map(Value::Str)
            }
            b'"' => {
                self.pos += 1;
                self.basic(false).map(Value::Str)
            }
            b'\'' if self.starts_with(b"'''") => {
                self.pos += 3;
                self.literal(true).map(Value::Str)
            }
            b'\'' => {
                self.pos += 1;
                self.literal(false).map(Value::Str)
            }
            b't' if self.starts_with(b"true") => {
                self.pos += 4;
                self.delimited(Value::Bool(true))
            }
            b'f' if self.starts_with(b"false") => {
                self.pos += 5;
                self.delimited(Value::Bool(false))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// `value` if what follows can end it (`truex` is not `true`).
    fn delimited(&self, value: Value<'a>) -> Option<Value<'a>> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b',' | b']') => Some(value),
            Some(_) => None,
        }
    }

    /// A decimal integer `-?(0|[1-9][0-9]*)` that fits an `i64`, or a
    /// float: such an integer with `.digits`, an exponent, or both.
    fn number(&mut self) -> Option<Value<'a>> {
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
            return token.parse().ok().map(Value::Int);
        }
        let float: f64 = token.parse().ok()?;
        float.is_finite().then_some(Value::Float(float))
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

/// A [`Value`] as a serde deserializer, calling the visitor methods the
/// `toml` crate's deserializer calls for the same value.
struct ValueDe<'a>(Value<'a>);

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Value::Str(Cow::Owned(s)) => visitor.visit_string(s),
            Value::Int(i) => visitor.visit_i64(i),
            Value::Float(f) => visitor.visit_f64(f),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Array(items) => visitor.visit_seq(Seq(items.into_iter())),
            Value::Tables(tables) => visitor.visit_seq(Seq(tables.into_iter().map(Value::Table))),
            Value::Table(entries) => visitor.visit_map(Map {
                entries: entries.into_iter(),
                value: None,
            }),
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
        match self.0 {
            Value::Str(s) => visitor.visit_enum(CowStrDeserializer::new(s)),
            _ => Err(de::Error::custom("wanted a string")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string
        seq bytes byte_buf map unit ignored_any unit_struct tuple_struct tuple
        identifier struct
    }
}

struct Seq<I>(I);

impl<'de, I: ExactSizeIterator<Item = Value<'de>>> SeqAccess<'de> for Seq<I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|value| seed.deserialize(ValueDe(value)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Map<'a> {
    entries: std::vec::IntoIter<(&'a str, Value<'a>)>,
    value: Option<Value<'a>>,
}

impl<'de> MapAccess<'de> for Map<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(ValueDe(value)),
            None => Err(de::Error::custom("a value asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
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
