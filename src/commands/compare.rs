//! `motive compare`: two check-ins side by side, with a verdict on each
//! change and the threshold it rests on.

use std::fmt::Write as _;
use std::process::ExitCode;

use ratatui::style::Color;

use super::format;
use super::paint::Paint;
use super::{Ctx, Error};
use crate::cli::CompareArgs;
use crate::describe::{self, Direction, bank_note, date, delta_cell, score_cell};
use crate::draw::direction;
use crate::events::{self, Event};
use crate::score::{self, Comparison, DimensionChange, Verdict};
use crate::snapshot::Snapshot;
use crate::store::{Lookup, Store};
use crate::text::escape_line;

/// How many statements "moved most" lists.
const MOVERS: usize = 5;

/// Little change and unknown verdicts recede: a mid grey that reads on
/// dark and light backgrounds.
const RECEDE: Color = Color::Indexed(245);

pub fn run(args: &CompareArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let mut lookup = store.lookup();
    let found = find_both(args, &mut lookup);
    format::warn_problems(&lookup.problems(), ctx.err)?;
    let (from, to) = found?;
    let (from, to) = earlier_first(from, to, ctx.err)?;
    let comparison = score::compare(&from, &to);
    let events = format::read_events(&store, ctx.err)?;
    let (earlier, later) = if from.finished_at <= to.finished_at {
        (&from, &to)
    } else {
        (&to, &from)
    };
    let between = events::between(&events, earlier.finished_at, later.finished_at);
    if args.json {
        let mut json = format::comparison_json(&comparison);
        if let serde_json::Value::Object(map) = &mut json {
            let listed = between
                .iter()
                .map(|e| super::event::event_json(e))
                .collect();
            map.insert("between".into(), serde_json::Value::Array(listed));
        }
        format::write_json(ctx.out, &json)?;
    } else {
        let paint = Paint::new(ctx.color);
        write!(
            ctx.out,
            "{}",
            render(&from, &to, &comparison, &between, paint)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The two check-ins to compare, by name (see [`Lookup`]).
fn find_both(args: &CompareArgs, lookup: &mut Lookup<'_>) -> Result<(Snapshot, Snapshot), Error> {
    if args.to.is_none() && lookup.fewer_than(2) {
        return Err(Error::input(format!(
            "comparing needs two check-ins and there {}",
            if lookup.fewer_than(1) {
                "are none yet"
            } else {
                "is only one"
            }
        )));
    }
    let (from, to) = match (&args.from, &args.to) {
        (None, _) => ("latest~1", "latest"),
        (Some(a), None) => (a.as_str(), "latest"),
        (Some(a), Some(b)) => (a.as_str(), b.as_str()),
    };
    let (from, to) = (lookup.find(from)?, lookup.find(to)?);
    if from.id == to.id {
        return Err(Error::input(format!(
            "both sides are check-in {}; name two different ones",
            from.id
        )));
    }
    Ok((from, to))
}

/// The two check-ins in time order: a comparison always reads from the
/// earlier to the later. Given the other way round, says so on `err`.
fn earlier_first(
    a: Snapshot,
    b: Snapshot,
    err: &mut dyn std::io::Write,
) -> Result<(Snapshot, Snapshot), Error> {
    if (a.finished_at, &a.id) <= (b.finished_at, &b.id) {
        return Ok((a, b));
    }
    writeln!(
        err,
        "note: comparing the earlier check-in ({}) with the later ({}): \
         they were given the other way round",
        told_apart(&b, &a),
        told_apart(&a, &b),
    )?;
    Ok((b, a))
}

/// `s` by its date and label, with the time of day when that alone would
/// not tell it from `other`.
fn told_apart(s: &Snapshot, other: &Snapshot) -> String {
    let name = describe::name(s.finished_at, s.label.as_deref());
    if name == describe::name(other.finished_at, other.label.as_deref()) {
        format!("{name} {}", s.finished_at.format("%H:%M"))
    } else {
        name
    }
}

/// A verdict as `paint` shows it: larger than measurement error in bold,
/// a possible change plain, little change and unknown receding. Never in a
/// direction's colour: the change column carries the direction.
fn verdict(change: &DimensionChange, text: &str, paint: Paint) -> String {
    match change.verdict {
        Verdict::Reliable => paint.strong(text, Color::Reset),
        Verdict::Possible => text.to_owned(),
        Verdict::Little | Verdict::Unknown(_) => paint.fg(text, RECEDE),
    }
}

/// A change as `paint` shows it: its arrow and number in the direction's
/// colour (the same as the TUI's).
fn change_cell(change: &DimensionChange, text: &str, paint: Paint) -> String {
    match change
        .shown_delta()
        .map(Direction::of)
        .and_then(direction::color)
    {
        Some(color) => paint.fg(text, color),
        None => text.to_owned(),
    }
}

/// The comparison as readable text, verdicts coloured by `paint`, with the
/// life events `between` the two check-ins.
#[must_use]
pub fn render(
    from: &Snapshot,
    to: &Snapshot,
    comparison: &Comparison,
    between: &[&Event],
    paint: Paint,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) -> {} ({})",
        from.id,
        date(from.finished_at),
        to.id,
        date(to.finished_at)
    );
    let _ = writeln!(out, "{}", bank_note(&from.bank, &to.bank));
    if let Some(listing) = events::listing(between) {
        let _ = writeln!(out, "Between these check-ins: {listing}");
    }
    let _ = writeln!(out);
    let header: Vec<String> = ["DIMENSION", "THEN", "NOW", "CHANGE", "VERDICT"]
        .iter()
        .map(ToString::to_string)
        .collect();
    let rows: Vec<Vec<String>> = comparison
        .dimensions
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                score_cell(d.from),
                score_cell(d.to),
                delta_cell(d.shown_delta()),
                d.verdict.describe().to_string(),
            ]
        })
        .collect();
    let (change_column, verdict_column) = (3, 4);
    let table =
        format::table_painted(
            &header,
            &rows,
            &[1, 2, 3],
            &|row, column, text| match comparison.dimensions.get(row) {
                Some(change) if column == verdict_column => verdict(change, text, paint),
                Some(change) if column == change_column => change_cell(change, text, paint),
                _ => text.to_owned(),
            },
        );
    // Each row, then right under it what its verdict rests on.
    for (i, line) in table.lines().enumerate() {
        let _ = writeln!(out, "{line}");
        let detail = i
            .checked_sub(1)
            .and_then(|row| comparison.dimensions.get(row))
            .map(describe::verdict_detail)
            .unwrap_or_default();
        if !detail.is_empty() {
            let _ = writeln!(out, "  {}", paint.fg(&detail, RECEDE));
        }
    }
    let _ = writeln!(out, "\n{}", describe::SCORE_MEANING);
    if comparison.movers.is_empty() {
        let _ = writeln!(out, "\nNo statement answered in both moved.");
    } else {
        let _ = writeln!(out, "\nStatements that moved most");
        for m in comparison.movers.iter().take(MOVERS) {
            let label = |s: &Snapshot, v: i64| {
                s.scale
                    .label(v)
                    .map(|l| format!("{v} {}", escape_line(l)))
                    .unwrap_or_else(|| v.to_string())
            };
            let _ = writeln!(
                out,
                "  {:>6}  {}\n          {} -> {}",
                describe::signed(m.delta),
                format::one_line(&m.text),
                label(from, m.from_value),
                label(to, m.to_value)
            );
        }
    }
    if !comparison.changed_wording.is_empty() {
        let _ = writeln!(out, "\nChanged wording, not compared");
        for c in &comparison.changed_wording {
            let _ = writeln!(
                out,
                "  {}\n    then: {}\n    now:  {}",
                escape_line(&c.question),
                format::one_line(&c.from_text),
                format::one_line(&c.to_text)
            );
        }
    }
    out
}
