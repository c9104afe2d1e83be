//! `motive compare`: two check-ins side by side, with a verdict on each change.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::view;
use super::{Ctx, Error};
use crate::cli::CompareArgs;
use crate::describe::{bank_note, date, delta_cell, score_cell};
use crate::score::{self, Comparison};
use crate::snapshot::Snapshot;
use crate::store::{Store, find};

/// How many statements "moved most" lists.
const MOVERS: usize = 5;

pub fn run(args: &CompareArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let listing = store.summaries();
    view::warn_problems(&listing, ctx.err)?;
    let all = &listing.snapshots;
    if all.len() < 2 && args.to.is_none() {
        return Err(Error::input(format!(
            "comparing needs two check-ins and there {}",
            match all.len() {
                0 => "are none yet".to_string(),
                _ => "is only one".to_string(),
            }
        )));
    }
    let (from, to) = match (&args.from, &args.to) {
        (None, _) => (find(all, "latest~1")?, find(all, "latest")?),
        (Some(a), None) => (find(all, a)?, find(all, "latest")?),
        (Some(a), Some(b)) => (find(all, a)?, find(all, b)?),
    };
    if from.id == to.id {
        return Err(Error::input(format!(
            "both sides are check-in {}; name two different ones",
            from.id
        )));
    }
    let (from, to) = (store.load(&from.id)?, store.load(&to.id)?);
    let comparison = score::compare(&from, &to);
    if args.json {
        view::write_json(ctx.out, &view::comparison_json(&comparison))?;
    } else {
        write!(ctx.out, "{}", render(&from, &to, &comparison))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The comparison as readable text.
#[must_use]
pub fn render(from: &Snapshot, to: &Snapshot, comparison: &Comparison) -> String {
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
                delta_cell(d.delta),
                d.reliability.describe().to_string(),
            ]
        })
        .collect();
    out.push_str(&view::table(&header, &rows, &[1, 2, 3]));
    if comparison.movers.is_empty() {
        let _ = writeln!(out, "\nNo statement answered in both moved.");
    } else {
        let _ = writeln!(out, "\nStatements that moved most");
        for m in comparison.movers.iter().take(MOVERS) {
            let label = |s: &Snapshot, v: i64| {
                s.scale
                    .label(v)
                    .map(|l| format!("{v} {l}"))
                    .unwrap_or_else(|| v.to_string())
            };
            let _ = writeln!(
                out,
                "  {:>6}  {}\n          {} -> {}",
                format!("{:+.1}", score::round1(m.delta)),
                m.text,
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
                c.question, c.from_text, c.to_text
            );
        }
    }
    out
}
