//! `motive export`: every check-in as JSON (re-importable), CSV, a Markdown
//! report, or the same report as one HTML page (`html`).

mod html;
mod nested_json;

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::format;
use super::output::{self, Target};
use super::{Ctx, Error};
use crate::cli::{ExportArgs, ExportFormat};
use crate::describe::{delta_cell, score_cell};
use crate::draw::chart;
use crate::events::Event;
use crate::score;
use crate::snapshot::{SNAPSHOT_FORMAT, Snapshot};
use crate::store::Store;
use crate::summary::Summary;
use crate::text::{escape_line, escape_path, escape_text};
use crate::trend;

mod single;

pub fn run(args: &ExportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    // The summaries (from the cache) give the order and the files that
    // cannot be read; each check-in is then read, written and dropped in
    // turn, so memory does not grow with the history.
    let store = Store::read_only(&ctx.data_dir);
    if let Some(id) = &args.id {
        return single::run(args, id, &store, ctx);
    }
    let mut listing = store.summaries();
    format::warn_problems(&listing, ctx.err)?;
    listing.snapshots = args.range.keep(listing.snapshots)?;
    // A backup that silently leaves out a check-in is worse than none.
    if !listing.problems.is_empty() && !args.skip_unreadable {
        let n = listing.problems.len();
        return Err(Error::input(format!(
            "nothing exported: {n} check-in file{} cannot be read ({} listed above); \
             fix or move {}, or pass --skip-unreadable to export the others",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it is" } else { "they are" },
            if n == 1 { "it" } else { "them" },
        )));
    }
    let summaries = &listing.snapshots;
    let mut events = if args.format == ExportFormat::Csv {
        Vec::new()
    } else {
        format::read_events(&store, ctx.err)?
    };
    if args.range.is_set() {
        // Only what happened within the check-ins exported.
        let span = summaries.first().zip(summaries.last());
        events.retain(|e| {
            span.is_some_and(|(first, last)| {
                (first.finished_at.date_naive()..=last.finished_at.date_naive()).contains(&e.date)
            })
        });
    }
    let load = |i: usize| store.load(&summaries[i].id).map_err(Error::from);
    let palette = ctx.config.dimension_colors();
    let mut write = |out: &mut dyn Write| match args.format {
        ExportFormat::Json => write_json(out, summaries.len(), &load, &events),
        ExportFormat::Csv => write_csv(out, summaries),
        ExportFormat::Md => write_markdown(out, summaries, &load, &events),
        ExportFormat::Html => html::write(out, summaries, &load, &events, &palette),
    };
    match Target::of(args.output.as_deref()) {
        Target::Stdout => write(ctx.out)?,
        Target::File(path) => {
            // A mistyped --data-dir must not replace a good backup with nothing.
            if summaries.is_empty() && !args.force && output::exists(path) {
                return Err(Error::input(format!(
                    "not replacing {} with an export of no check-ins (none in {}); \
                     pass --force to replace it anyway",
                    path.display(),
                    ctx.data_dir.display()
                )));
            }
            output::write_file_streamed(path, &mut write)?;
            writeln!(
                ctx.err,
                "wrote {} to {}",
                crate::text::count(summaries.len(), "check-in", "check-ins"),
                escape_path(path)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads one check-in of the export in full, by its place in the listing.
type Load<'a> = dyn Fn(usize) -> Result<Snapshot, Error> + Sync + 'a;

/// How many check-ins are read and encoded at once (on every core): enough
/// to keep the cores busy, few enough that memory stays small (at 256, the
/// encoded batch was 5 MB of a 19 MB peak at 10,000 check-ins).
const BATCH: usize = 64;

/// `f` over `0..count` in batches of [`BATCH`], in order, each batch on
/// every core; `each` gets the results one by one.
fn in_batches<R: Send>(
    count: usize,
    reverse: bool,
    f: &(dyn Fn(usize) -> Result<R, Error> + Sync),
    each: &mut dyn FnMut(R) -> Result<(), Error>,
) -> Result<(), Error> {
    let order: Vec<usize> = if reverse {
        (0..count).rev().collect()
    } else {
        (0..count).collect()
    };
    for batch in order.chunks(BATCH) {
        for result in crate::store::par_map(batch, 32, |&i| f(i)) {
            each(result?)?;
        }
    }
    Ok(())
}

/// [`json`], written one check-in at a time: the same bytes.
fn write_json(
    out: &mut dyn Write,
    count: usize,
    load: &Load<'_>,
    events: &[Event],
) -> Result<(), Error> {
    write!(
        out,
        "{{\n  \"format\": {SNAPSHOT_FORMAT},\n  \"snapshots\": ["
    )?;
    if count == 0 {
        out.write_all(b"]")?;
        return write_events_json(out, events);
    }
    let encode = |i: usize| {
        let snapshot = load(i)?;
        // Written straight from the check-in, not through a `Value`: the
        // same bytes, without a map built per check-in.
        // An entry sits two levels deep in the document.
        let mut text = Vec::new();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut text, nested_json::Nested::at(2));
        serde::Serialize::serialize(&JsonEntry::of(&snapshot), &mut serializer)
            .map_err(|e| Error::input(format!("cannot encode the export: {e}")))?;
        Ok(text)
    };
    let mut first = true;
    in_batches(count, false, &encode, &mut |text| {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        out.write_all(&text)?;
        Ok(())
    })?;
    out.write_all(b"\n  ]")?;
    write_events_json(out, events)
}

/// The end of the export: `"events"` after the check-ins when there are
/// any (an export without events keeps the shape older builds wrote),
/// then the closing brace.
fn write_events_json(out: &mut dyn Write, events: &[Event]) -> Result<(), Error> {
    if !events.is_empty() {
        let text = serde_json::to_string_pretty(events)
            .map_err(|e| Error::input(format!("cannot encode the events: {e}")))?;
        write!(out, ",\n  \"events\": {}", text.replace('\n', "\n  "))?;
    }
    out.write_all(b"\n}\n")?;
    Ok(())
}

/// One check-in as the JSON export holds it: the snapshot's fields, then
/// its `scores`.
#[derive(serde::Serialize)]
struct JsonEntry<'a> {
    #[serde(flatten)]
    snapshot: &'a Snapshot,
    scores: Value,
}

impl<'a> JsonEntry<'a> {
    fn of(snapshot: &'a Snapshot) -> Self {
        Self {
            snapshot,
            scores: format::scores_json(&score::scores(snapshot)),
        }
    }
}

/// [`JsonEntry`] as a JSON value.
fn json_entry(s: &Snapshot) -> Result<Value, Error> {
    serde_json::to_value(JsonEntry::of(s))
        .map_err(|e| Error::input(format!("cannot encode check-in {}: {e}", s.id)))
}

/// `{"format": 1, "snapshots": [<snapshot with its computed "scores">...],
/// "events": [<event>...]}`, `events` only when there are any.
/// The whole document at once (`export` itself streams it with the same bytes).
pub fn json(snapshots: &[Snapshot], events: &[Event]) -> Result<String, Error> {
    let entries = snapshots
        .iter()
        .map(json_entry)
        .collect::<Result<Vec<_>, Error>>()?;
    let mut doc = json!({ "format": SNAPSHOT_FORMAT, "snapshots": entries });
    if !events.is_empty()
        && let Value::Object(map) = &mut doc
    {
        let events = serde_json::to_value(events)
            .map_err(|e| Error::input(format!("cannot encode the events: {e}")))?;
        map.insert("events".into(), events);
    }
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::input(format!("cannot encode the export: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// One row per check-in, one column per dimension (across all check-ins).
pub fn csv(snapshots: &[Snapshot]) -> Result<String, Error> {
    let summaries: Vec<Summary> = snapshots.iter().map(Summary::of).collect();
    let mut bytes = Vec::new();
    write_csv(&mut bytes, &summaries)?;
    String::from_utf8(bytes).map_err(|e| Error::input(format!("cannot encode CSV: {e}")))
}

/// [`csv`] from the summaries alone: they hold every score.
fn write_csv(out: &mut dyn Write, summaries: &[Summary]) -> Result<(), Error> {
    let dimensions = trend::dimensions_in(summaries);
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<String> = ["id", "taken_at", "label", "bank", "bank_version"]
        .map(String::from)
        .to_vec();
    header.extend(dimensions.iter().map(|d| escape_line(&d.id).into_owned()));
    let encode = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::from(e),
        kind => Error::input(format!("cannot encode CSV: {kind:?}")),
    };
    writer.write_record(&header).map_err(encode)?;
    for s in summaries {
        let mut row = vec![
            escape_line(&s.id).into_owned(),
            s.finished_at.to_rfc3339(),
            escape_text(s.label.as_deref().unwrap_or_default()).into_owned(),
            escape_line(&s.bank.id).into_owned(),
            escape_line(&s.bank.version).into_owned(),
        ];
        row.extend(dimensions.iter().map(|d| {
            s.score(&d.id)
                .map(|v| format!("{:.1}", score::round1(v)))
                .unwrap_or_default()
        }));
        writer.write_record(&row).map_err(encode)?;
    }
    writer.flush()?;
    Ok(())
}

/// A report a person could take to a conversation with their manager,
/// with `events` marked on its chart.
#[must_use]
pub fn markdown(snapshots: &[Snapshot], events: &[Event]) -> String {
    let summaries: Vec<Summary> = snapshots.iter().map(Summary::of).collect();
    let mut bytes = Vec::new();
    // Writing to memory fails only if a check-in cannot be encoded, and
    // these are in memory already.
    let _ = write_markdown(
        &mut bytes,
        &summaries,
        &|i| Ok(snapshots[i].clone()),
        events,
    );
    String::from_utf8_lossy(&bytes).into_owned()
}

/// [`markdown`], reading in full only the check-ins whose texts it shows,
/// one batch at a time.
fn write_markdown(
    out: &mut dyn Write,
    summaries: &[Summary],
    load: &Load<'_>,
    events: &[Event],
) -> Result<(), Error> {
    let mut md = String::new();
    let _ = writeln!(md, "# Autonomy, mastery and purpose: my check-ins\n");
    let (Some(first), Some(latest)) = (summaries.first(), summaries.last()) else {
        let _ = writeln!(md, "No check-ins yet.");
        out.write_all(md.as_bytes())?;
        return Ok(());
    };
    let _ = writeln!(
        md,
        "{} check-in{} from {} to {}. Scores run from 0 to 100.\n",
        summaries.len(),
        if summaries.len() == 1 { "" } else { "s" },
        crate::describe::date(first.finished_at),
        crate::describe::date(latest.finished_at)
    );

    let dimensions = trend::dimensions_in(summaries);
    let _ = writeln!(md, "## Scores over time\n");
    let mut header = String::from("| Date | Label | Bank |");
    let mut rule = String::from("|---|---|---|");
    for d in &dimensions {
        let _ = write!(header, " {} |", cell(&d.name));
        rule.push_str("---:|");
    }
    let _ = writeln!(md, "{header}\n{rule}");
    for s in summaries {
        let _ = write!(
            md,
            "| {} | {} | {} |",
            crate::describe::date(s.finished_at),
            cell(s.label.as_deref().unwrap_or("")),
            cell(&format!("{} {}", s.bank.id, s.bank.version))
        );
        for d in &dimensions {
            let _ = write!(md, " {} |", score_cell(s.score(&d.id)));
        }
        md.push('\n');
        if md.len() > 64 * 1024 {
            out.write_all(md.as_bytes())?;
            md.clear();
        }
    }
    let _ = writeln!(
        md,
        "\n```text\n{}```\n",
        chart::render_plain(summaries, 78, 16, None, events)
    );
    if !events.is_empty() {
        let _ = writeln!(md, "Life events, numbered as on the chart:\n");
        for (i, e) in events.iter().enumerate() {
            let _ = writeln!(md, "{}. {}", i + 1, e.line());
        }
        md.push('\n');
    }

    if summaries.len() >= 2 {
        let (previous, latest) = (load(summaries.len() - 2)?, load(summaries.len() - 1)?);
        let comparison = score::compare(&previous, &latest);
        let _ = writeln!(md, "## Latest against previous\n");
        let _ = writeln!(
            md,
            "{}\n",
            crate::describe::bank_note(&previous.bank, &latest.bank)
        );
        let between = crate::events::between(events, previous.finished_at, latest.finished_at);
        if let Some(listing) = crate::events::listing(&between) {
            let _ = writeln!(md, "Between these check-ins: {listing}\n");
        }
        let _ = writeln!(
            md,
            "| Dimension | {} | {} | Change | Verdict |\n|---|---:|---:|---:|---|",
            crate::describe::date(previous.finished_at),
            crate::describe::date(latest.finished_at)
        );
        for d in &comparison.dimensions {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                cell(&d.name),
                score_cell(d.from),
                score_cell(d.to),
                delta_cell(d.shown_delta()),
                cell(&crate::describe::verdict_line(d))
            );
        }
        for c in &comparison.changed_wording {
            let _ = writeln!(
                md,
                "\n*Changed wording, not compared:* \"{}\" became \"{}\".",
                escape_text(c.from_text.trim()),
                escape_text(c.to_text.trim())
            );
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## Reflections and commitments\n");
    out.write_all(md.as_bytes())?;
    let section = |i: usize| load(i).map(|s| reflections(&s));
    in_batches(summaries.len(), true, &section, &mut |text| {
        out.write_all(text.as_bytes())?;
        Ok(())
    })
}

/// One check-in's part of "Reflections and commitments".
fn reflections(s: &Snapshot) -> String {
    let mut md = String::new();
    let label = s
        .label
        .as_deref()
        .map(|l| format!(" ({})", format::one_line(l)))
        .unwrap_or_default();
    let _ = writeln!(md, "### {}{label}\n", crate::describe::date(s.finished_at));
    md.push_str(&reflections_body(s));
    md
}

/// [`reflections`] without its heading: the reflections written, how last
/// time's commitment went, and the new commitment.
fn reflections_body(s: &Snapshot) -> String {
    let mut md = String::new();
    for r in s.reflections.iter().filter(|r| !r.text.trim().is_empty()) {
        let _ = writeln!(md, "**{}**\n", format::one_line(r.prompt.trim()));
        let _ = writeln!(md, "{}\n", quote(&r.text));
    }
    for f in &s.follow_ups {
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" {}", n.trim()))
            .unwrap_or_default();
        let _ = writeln!(
            md,
            "{}",
            item(&format!(
                "Last time I said I would: {} (**{}**){note}",
                f.commitment.trim(),
                f.outcome.describe()
            ))
        );
    }
    for c in &s.commitments {
        let _ = writeln!(
            md,
            "{}",
            item(&format!("Before the next check-in I will: {}", c.trim()))
        );
    }
    md.push('\n');
    md
}

/// A list item whose later lines stay inside it: indented, so a line that
/// starts with `#` or `-` in someone's commitment does not become a heading
/// or a new item.
fn item(text: &str) -> String {
    let text = escape_text(text);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let mut out = format!("- {first}");
    for line in lines {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
    }
    out
}

/// Text fit for a Markdown table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    format::one_line(text).replace('|', "\\|")
}

fn quote(text: &str) -> String {
    escape_text(text.trim())
        .lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
