//! `motive search WORDS…`: where you wrote something, across every check-in.

use std::process::ExitCode;

use ratatui::style::Color;
use serde_json::{Value, json};

use super::paint::Paint;
use super::{Ctx, Error, format};
use crate::cli::SearchArgs;
use crate::describe;
use crate::search::{Hit, might_hold, search};
use crate::store::Store;
use crate::text::escape_line;

pub fn run(args: &SearchArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    if args.words.iter().all(|w| w.trim().is_empty()) {
        return Err(Error::input("give at least one word to search for"));
    }
    // What was written, from the text cache: only new or changed check-ins
    // are parsed, and a cached one that surely holds none of the words is
    // not decoded.
    let mut listing =
        Store::read_only(&ctx.data_dir).writings_where(&|line| might_hold(line, &args.words));
    format::warn_problems(&listing, ctx.err)?;
    listing.snapshots = args.range.keep(listing.snapshots)?;
    let hits = search(&listing.snapshots, &args.words);
    let searched = listing.snapshots.len();
    if args.json {
        let all: Vec<Value> = hits.iter().map(hit_json).collect();
        format::write_json(ctx.out, &Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    if hits.is_empty() {
        writeln!(
            ctx.out,
            "Nothing found in {} check-in{}.",
            searched,
            if searched == 1 { "" } else { "s" }
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let paint = Paint::new(ctx.color);
    let mut last: Option<&str> = None;
    for hit in &hits {
        let s = hit.writing;
        if last != Some(s.id.as_str()) {
            if last.is_some() {
                writeln!(ctx.out)?;
            }
            writeln!(
                ctx.out,
                "{}  ({})",
                paint.strong(
                    &describe::name(s.finished_at, s.label.as_deref()),
                    Color::Reset
                ),
                s.id
            )?;
            last = Some(s.id.as_str());
        }
        writeln!(
            ctx.out,
            "  {}: {}",
            escape_line(&hit.place.describe()),
            marked(hit, paint, ctx.color)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The line with each match marked: in bold colour, or in [brackets] when
/// there is no colour.
fn marked(hit: &Hit<'_>, paint: Paint, color: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in &hit.matches {
        if start < at {
            continue; // overlaps the previous match
        }
        out.push_str(&escape_line(&hit.line[at..start]));
        let word = escape_line(&hit.line[start..end]);
        if color {
            out.push_str(&paint.strong(&word, Color::Yellow));
        } else {
            out.push('[');
            out.push_str(&word);
            out.push(']');
        }
        at = end;
    }
    out.push_str(&escape_line(&hit.line[at..]));
    out
}

fn hit_json(hit: &Hit<'_>) -> Value {
    let s = hit.writing;
    let mut value = json!({
        "id": s.id,
        "finished_at": s.finished_at.to_rfc3339(),
        "label": s.label,
        "where": hit.place.kind(),
        "line": hit.line,
        "matches": hit.matches.iter().map(|(a, b)| {
            json!({"start": hit.line[..*a].chars().count(), "end": hit.line[..*b].chars().count()})
        }).collect::<Vec<_>>(),
    });
    if let crate::search::Place::Reflection { id, prompt } = &hit.place {
        value["prompt_id"] = json!(id);
        value["prompt"] = json!(prompt);
    }
    value
}
