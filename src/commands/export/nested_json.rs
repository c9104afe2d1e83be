//! Pretty-printed JSON that starts some levels deep: serde_json's pretty
//! layout (two spaces a level, `": "` after a key), with every line after
//! the first indented as if the value sat `depth` levels down in a larger
//! document. The export writes each check-in this way inside its
//! `"snapshots"` array, without re-indenting a copy of it.

use std::io::{self, Write};

use serde_json::ser::Formatter;

const INDENT: &[u8] = b"  ";

/// serde_json's `PrettyFormatter`, starting `depth` levels deep.
pub(super) struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    pub(super) fn at(depth: usize) -> Self {
        Self {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            writer.write_all(INDENT)?;
        }
        Ok(())
    }

    fn end<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.end(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Nested;
    use serde_json::json;

    #[test]
    fn is_serde_json_pretty_indented_by_depth() {
        let value = json!({
            "a": [1, {"b": [], "c": {}}, [2.5, null]],
            "d": "line\nbreak",
            "e": {"f": true},
        });
        let pretty = serde_json::to_string_pretty(&value).expect("encode");
        for depth in 0..3 {
            let mut nested = Vec::new();
            let mut serializer =
                serde_json::Serializer::with_formatter(&mut nested, Nested::at(depth));
            serde::Serialize::serialize(&value, &mut serializer).expect("encode");
            let expected = pretty.replace('\n', &format!("\n{}", "  ".repeat(depth)));
            assert_eq!(String::from_utf8(nested).expect("UTF-8"), expected);
        }
    }
}
