//! `motive search WORDS…`: where you wrote something, across every check-in.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;
use std::time::SystemTime;

use ratatui::style::Color;
use serde_json::{Value, json};

use super::paint::Paint;
use super::{Ctx, Error, format};
use crate::cli::SearchArgs;
use crate::describe;
use crate::search::{Hit, Place, Query, WritingView};
use crate::store::Store;
use crate::store::text_cache::Decode;
use crate::text::escape_line;

pub fn run(args: &SearchArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    if args.words.iter().all(|w| w.trim().is_empty()) {
        return Err(Error::input("give at least one word to search for"));
    }
    let query = Query::new(&args.words);
    // What was written, from the text cache, borrowed: only new or changed
    // check-ins are parsed, and a cached one that surely holds none of the
    // words is not decoded.
    let need = |line: &[u8]| {
        if query.might_hold_bytes(line) {
            Decode::Whole
        } else {
            Decode::Name
        }
    };
    let store = Store::read_only(&ctx.data_dir);
    store.with_writings(SystemTime::now(), &need, |mut listing| {
        format::warn_problems(&listing, ctx.err)?;
        listing.snapshots = args.range.keep(listing.snapshots)?;
        if args.json {
            let all: Vec<Value> = query
                .search(&listing.snapshots)
                .iter()
                .map(hit_json)
                .collect();
            format::write_json(ctx.out, &Value::Array(all))?;
            return Ok(ExitCode::SUCCESS);
        }
        let printed = print(&query, &listing.snapshots, ctx.out, ctx.color)?;
        if !printed {
            let searched = listing.snapshots.len();
            writeln!(
                ctx.out,
                "Nothing found in {} check-in{}.",
                searched,
                if searched == 1 { "" } else { "s" }
            )?;
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// Check-ins printed at a time: each one's hits are found and formatted on
/// every core, then written in order, so the output held in memory stays
/// bounded whatever the number of check-ins.
const BATCH: usize = 2048;

/// Each hit in `writings`, under the name of its check-in, into `out`;
/// whether there was any.
fn print(
    query: &Query,
    writings: &[WritingView<'_>],
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<bool> {
    let paint = Paint::new(color);
    let mut any = false;
    for batch in writings.chunks(BATCH) {
        let blocks = crate::store::par_map(batch, 256, |w| block(query, w, paint, color));
        for block in blocks {
            let block = block?;
            if block.is_empty() {
                continue;
            }
            if any {
                writeln!(out)?;
            }
            out.write_all(&block)?;
            any = true;
        }
    }
    Ok(any)
}

/// The hits in one check-in under its name, or nothing when it has none.
fn block(
    query: &Query,
    w: &WritingView<'_>,
    paint: Paint,
    color: bool,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut written = Ok(());
    query.hits_in(w, &mut |hit| {
        if out.is_empty() {
            // Room for the hits of most check-ins, given once.
            out.reserve(4096);
        }
        if written.is_ok() {
            written = print_hit(&hit, out.is_empty(), paint, color, &mut out);
        }
    });
    written.map(|()| out)
}

/// One hit, after its check-in's name when it is the check-in's `first`.
fn print_hit(
    hit: &Hit<'_, WritingView<'_>>,
    first: bool,
    paint: Paint,
    color: bool,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    let s = hit.writing;
    if first {
        let name = describe::name(s.finished_at, s.label.as_ref().map(|l| l.as_str()));
        writeln!(
            out,
            "{}  ({})",
            paint.strong(&name, Color::Reset),
            s.id.as_str()
        )?;
    }
    out.write_all(b"  ")?;
    write_place(&hit.place, out)?;
    out.write_all(b": ")?;
    write_marked(hit, paint, color, out)?;
    out.write_all(b"\n")
}

/// Where a hit was written, as [`Place::describe`] says it, escaped.
fn write_place(place: &Place<'_>, out: &mut Vec<u8>) -> std::io::Result<()> {
    let quoted = |what: &str, text: &str, out: &mut Vec<u8>| {
        out.write_all(what.as_bytes())?;
        out.write_all(b" \"")?;
        out.write_all(escape_line(text).as_bytes())?;
        out.write_all(b"\"")
    };
    match place {
        Place::Note { statement } => quoted("note on", statement, out),
        Place::Reflection { prompt, .. } => quoted("reflection", prompt, out),
        _ => out.write_all(escape_line(&place.describe()).as_bytes()),
    }
}

/// The line with each match marked: in bold colour, or in [brackets] when
/// there is no colour.
fn write_marked(
    hit: &Hit<'_, WritingView<'_>>,
    paint: Paint,
    color: bool,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    // A line of printable ASCII, most of them, has nothing to escape.
    let plain = printable(hit.line);
    let escape = |text| {
        if plain {
            Cow::Borrowed(text)
        } else {
            escape_line(text)
        }
    };
    let mut at = 0;
    for &(start, end) in &hit.matches {
        if start < at {
            continue; // overlaps the previous match
        }
        out.write_all(escape(&hit.line[at..start]).as_bytes())?;
        let word = escape(&hit.line[start..end]);
        if color {
            out.write_all(paint.strong(&word, Color::Yellow).as_bytes())?;
        } else {
            out.write_all(b"[")?;
            out.write_all(word.as_bytes())?;
            out.write_all(b"]")?;
        }
        at = end;
    }
    out.write_all(escape(&hit.line[at..]).as_bytes())
}

/// Whether `text` is all printable ASCII, which [`escape_line`] keeps as it
/// is. In blocks without an early exit, which the compiler turns into
/// vector instructions.
fn printable(text: &str) -> bool {
    (text.as_bytes().chunks(64)).all(|block| {
        block
            .iter()
            .fold(true, |ok, &b| ok & matches!(b, b' '..=b'~'))
    })
}

fn hit_json(hit: &Hit<'_, WritingView<'_>>) -> Value {
    let s = hit.writing;
    let mut value = json!({
        "id": s.id.as_str(),
        "finished_at": s.finished_at.to_rfc3339(),
        "label": s.label.as_ref().map(|l| l.as_str()),
        "where": hit.place.kind(),
        "line": hit.line,
        "matches": hit.matches.iter().map(|(a, b)| {
            json!({"start": hit.line[..*a].chars().count(), "end": hit.line[..*b].chars().count()})
        }).collect::<Vec<_>>(),
    });
    if let Place::Reflection { id, prompt } = &hit.place {
        value["prompt_id"] = json!(id);
        value["prompt"] = json!(prompt);
    }
    value
}
