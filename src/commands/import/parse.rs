//! What `motive import` reads: what motive itself writes.
//!
//! * A JSON export (`motive export --format json`):
//!   `{"format": 1, "snapshots": [...], "events": [...]}` (`events` is
//!   optional; see [`super::events`]). It is read as a stream, one entry
//!   at a time, so a file of two million entries stops at the
//!   [`MAX_IMPORT_ENTRIES`]th without building them all; the computed
//!   `scores` of each entry are ignored (scores always come from answers).
//! * One check-in's TOML file, as in the data dir's `snapshots/`, or as
//!   written when a check-in could not be saved.
//!
//! A `.json` file is read as JSON and a `.toml` file as TOML; any other
//! name by its content (an export starts with `{`). Problems are counted
//! and the first [`MAX_PROBLEMS_SHOWN`](crate::limits::MAX_PROBLEMS_SHOWN)
//! named, each with its entry's number and id.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use super::events::EventEntries;
use crate::commands::Error;
use crate::events::Event;
use crate::limits::{MAX_IMPORT_ENTRIES, MAX_SNAPSHOT_BYTES, Problems};
use crate::snapshot::{SNAPSHOT_FORMAT, Snapshot};
use crate::store;

/// What a file to import holds.
#[derive(Debug, Default)]
pub struct Parsed {
    pub snapshots: Vec<Snapshot>,
    /// Life events, checked (only a JSON export holds any).
    pub events: Vec<Event>,
}

/// The check-ins and events in `text`, the contents of the file `path`,
/// named `name` in messages.
///
/// # Errors
/// The file is neither kind, or any entry is not a check-in or an event:
/// nothing is imported then, and the message names the file.
pub fn parse(name: &str, path: &Path, text: &str) -> Result<Parsed, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::input(format!(
            "{name}: the file is empty; expected a JSON export (`motive export --format json`) or a check-in .toml file"
        )));
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("json") => json(name, text),
        Some("toml") => toml(name, text),
        Some(kind @ ("csv" | "md")) => Err(Error::input(format!(
            "{name}: a {} export holds only part of each check-in, so it cannot be imported; {WHAT_IMPORT_READS}",
            if kind == "csv" { "CSV" } else { "Markdown" }
        ))),
        _ if text.trim_start().starts_with('{') => json(name, text),
        _ => toml(name, text).map_err(|e| {
            Error::input(format!(
                "{name}: not a file import reads ({WHAT_IMPORT_READS}); read as TOML: {}",
                e.message
                    .strip_prefix(&format!("{name}: "))
                    .unwrap_or(&e.message)
            ))
        }),
    }
}

/// What `motive import` reads and how each kind begins, for the messages
/// about a file it cannot read.
const WHAT_IMPORT_READS: &str = "import reads a JSON export (`motive export --format json`, \
     which begins `{\"format\": 1, \"snapshots\": [`) or one check-in's .toml file \
     (as in the data dir's snapshots/, which begins `format = 1`)";

/// One check-in's TOML file.
fn toml(name: &str, text: &str) -> Result<Parsed, Error> {
    if u64::try_from(text.len()).map_or(true, |n| n > MAX_SNAPSHOT_BYTES) {
        return Err(Error::input(format!(
            "{name}: {} bytes is more than a check-in file may hold ({MAX_SNAPSHOT_BYTES})",
            text.len()
        )));
    }
    store::parse_snapshot(text)
        .map(|snapshot| Parsed {
            snapshots: vec![snapshot],
            events: Vec::new(),
        })
        .map_err(|reason| Error::input(format!("{name}: {reason}")))
}

/// A JSON export.
fn json(name: &str, text: &str) -> Result<Parsed, Error> {
    let mut export = Export::default();
    let mut reader = serde_json::Deserializer::from_str(text);
    let read = Document(&mut export)
        .deserialize(&mut reader)
        .and_then(|()| reader.end());
    if export.too_many {
        return Err(Error::input(format!(
            "{name}: nothing imported: more than {MAX_IMPORT_ENTRIES} check-ins, more than one import may hold"
        )));
    }
    if export.too_many_events {
        return Err(Error::input(format!(
            "{name}: nothing imported: more than {MAX_IMPORT_ENTRIES} life events, more than one import may hold"
        )));
    }
    if let Some(format) = export.format.filter(|f| *f > SNAPSHOT_FORMAT) {
        return Err(Error::input(format!(
            "{name}: format {format} is newer than this build understands ({SNAPSHOT_FORMAT}); upgrade motive"
        )));
    }
    if let Err(e) = read {
        // serde_json counts columns from 0 at the very end of a line;
        // editors count from 1.
        let position = format!("{name}:{}:{}", e.line(), e.column().max(1));
        return Err(Error::input(if e.is_data() {
            format!("{position}: {}", not_an_export())
        } else {
            format!("{position}: {}", without_position(&e))
        }));
    }
    if !export.has_snapshots {
        return Err(Error::input(format!("{name}: {}", not_an_export())));
    }
    if !export.problems.is_empty() {
        return Err(Error::input(format!(
            "{name}: nothing imported: {}",
            export.problems
        )));
    }
    Ok(Parsed {
        snapshots: export.snapshots,
        events: export.events,
    })
}

fn not_an_export() -> &'static str {
    "not a motive export (expected an object with a \"snapshots\" array, as `motive export --format json` writes)"
}

/// serde_json appends " at line L column C"; the position is already in front.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rfind(" at line ")
        .map_or(text.clone(), |i| text[..i].to_string())
}

/// What the stream has given so far.
#[derive(Default)]
struct Export {
    format: Option<i64>,
    has_snapshots: bool,
    entries: usize,
    snapshots: Vec<Snapshot>,
    events: Vec<Event>,
    problems: Problems,
    too_many: bool,
    too_many_events: bool,
}

impl Export {
    /// Read entry number `self.entries` from its raw JSON.
    fn take(&mut self, raw: &RawValue) {
        let mut reader = serde_json::Deserializer::from_str(raw.get());
        match Entry.deserialize(&mut reader) {
            Ok(snapshot) => self.snapshots.push(snapshot),
            Err(e) => {
                // Name the entry by its id too, when it has a readable one.
                let id = serde_json::from_str::<IdOnly>(raw.get())
                    .ok()
                    .and_then(|entry| entry.id)
                    .map(|id| format!(" ({})", id.escape_debug()))
                    .unwrap_or_default();
                self.problems.push(format_args!(
                    "entry {}{id}: {}",
                    self.entries,
                    without_position(&e)
                ));
            }
        }
    }
}

/// Just the id of an entry, whatever else it holds.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

/// The top-level object: `format`, `snapshots`, `events`, and keys this
/// build ignores.
struct Document<'a>(&'a mut Export);

impl<'de> DeserializeSeed<'de> for Document<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a \"snapshots\" array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                // Not a number: left for the entries to say what is wrong.
                "format" => self.0.format = map.next_value::<serde_json::Value>()?.as_i64(),
                "snapshots" => {
                    self.0.has_snapshots = true;
                    map.next_value_seed(Entries(&mut *self.0))?;
                }
                "events" => {
                    let export = &mut *self.0;
                    map.next_value_seed(EventEntries {
                        events: &mut export.events,
                        problems: &mut export.problems,
                        too_many: &mut export.too_many_events,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `snapshots` array, one entry at a time.
struct Entries<'a>(&'a mut Export);

impl<'de> DeserializeSeed<'de> for Entries<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Entries<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of check-ins")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            self.0.entries += 1;
            if self.0.entries > MAX_IMPORT_ENTRIES {
                self.0.too_many = true;
                return Err(de::Error::custom("too many entries"));
            }
            // An export from a newer build is refused as a whole below.
            if self.0.format.is_none_or(|f| f <= SNAPSHOT_FORMAT) {
                self.0.take(raw);
            }
        }
        Ok(())
    }
}

/// One entry: a snapshot with its computed `scores`, which are dropped.
struct Entry;

impl<'de> DeserializeSeed<'de> for Entry {
    type Value = Snapshot;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Snapshot, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Entry {
    type Value = Snapshot;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a check-in (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Snapshot, A::Error> {
        Snapshot::deserialize(de::value::MapAccessDeserializer::new(WithoutScores(map)))
    }
}

/// An entry's keys, without `scores`.
struct WithoutScores<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutScores<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.0.next_key::<String>()? {
            if key == "scores" {
                self.0.next_value::<IgnoredAny>()?;
                continue;
            }
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(seed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_json(text: &str) -> Result<Vec<Snapshot>, String> {
        parse("x.json", Path::new("x.json"), text)
            .map(|p| p.snapshots)
            .map_err(|e| e.message)
    }

    #[test]
    fn two_million_empty_entries_give_a_short_error_quickly() {
        let text = format!(
            "{{\"format\": 1, \"snapshots\": [{}{{}}]}}",
            "{},".repeat(2_000_000)
        );
        let started = std::time::Instant::now();
        let err = parse_json(&text).expect_err("too many");
        assert_eq!(
            err,
            "x.json: nothing imported: more than 100000 check-ins, more than one import may hold"
        );
        // Debug builds are slow; a release build takes a few milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn many_bad_entries_name_the_first_twenty_and_count_the_rest() {
        let text = format!(
            "{{\"format\": 1, \"snapshots\": [{}{{}}]}}",
            "{},".repeat(999)
        );
        let err = parse_json(&text).expect_err("bad entries");
        assert!(
            err.starts_with("x.json: nothing imported: entry 1: missing field `format`; entry 2: "),
            "{err}"
        );
        assert!(err.ends_with("; and 980 more"), "{err}");
        assert_eq!(err.matches("missing field").count(), 20);
    }

    #[test]
    fn the_scores_of_an_export_are_ignored_wherever_they_are() {
        let text = r#"{"snapshots": [{"scores": {"a": 1}, "format": 1, "id": "20260101-090000",
            "started_at": "2026-01-01T09:00:00Z", "finished_at": "2026-01-01T09:00:00Z",
            "bank": {"id": "core", "version": "1"},
            "scale": {"min": 1, "max": 2, "labels": ["a", "b"]},
            "dimensions": [], "scores": null}], "format": 1}"#;
        let snapshots = parse_json(text).expect("an export");
        assert_eq!(snapshots.len(), 1);
        assert_eq!(snapshots[0].id, "20260101-090000");
    }

    #[test]
    fn a_newer_export_says_so_whatever_its_entries_hold() {
        let text = r#"{"snapshots": [{"new": "shape"}], "format": 99}"#;
        assert_eq!(
            parse_json(text),
            Err(
                "x.json: format 99 is newer than this build understands (2); upgrade motive".into()
            )
        );
    }

    #[test]
    fn a_file_of_another_kind_is_named_plainly() {
        let err = parse("notes.txt", Path::new("notes.txt"), "hello there")
            .expect_err("neither")
            .message;
        assert!(
            err.starts_with(&format!(
                "notes.txt: not a file import reads ({WHAT_IMPORT_READS}); read as TOML: line 1, column "
            )),
            "{err}"
        );
        let csv = parse("exp.csv", Path::new("exp.csv"), "id,taken_at\n")
            .expect_err("a CSV export")
            .message;
        assert_eq!(
            csv,
            format!(
                "exp.csv: a CSV export holds only part of each check-in, so it cannot be imported; \
                 {WHAT_IMPORT_READS}"
            )
        );
        assert_eq!(
            parse_json("[1, 2]"),
            Err(format!("x.json:1:1: {}", not_an_export()))
        );
        assert_eq!(
            parse_json("{\"snapshots\": 3}"),
            Err(format!("x.json:1:15: {}", not_an_export()))
        );
    }
}
