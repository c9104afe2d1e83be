//! `motive list`: every check-in, oldest first.

use std::process::ExitCode;

use super::format;
use super::unlock::Access;
use super::{Ctx, Error};
use crate::cli::ListArgs;
use crate::describe::score_cell;
use crate::store::Store;
use crate::trend;

pub fn run(args: &ListArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    if super::unlock::for_command(&ctx.data_dir, &ctx.config, true)? == Access::Locked {
        return run_locked(args, ctx);
    }
    let listing = Store::read_only(&ctx.data_dir).summaries();
    format::warn_problems(&listing, ctx.err)?;
    let total = listing.snapshots.len();
    let snapshots = &args.range.keep(listing.snapshots)?;
    if args.json {
        let all: Vec<_> = snapshots.iter().map(format::summary_json).collect();
        format::write_json(ctx.out, &serde_json::Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    if snapshots.is_empty() && total > 0 {
        writeln!(ctx.out, "{}", args.range.none_left(total))?;
        return Ok(ExitCode::SUCCESS);
    }
    if snapshots.is_empty() {
        writeln!(
            ctx.out,
            "No check-ins yet. Start the first one with `motive check`."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let dimensions = trend::dimensions_in(snapshots);
    let mut header: Vec<String> = ["ID", "DATE", "LABEL", "BANK"]
        .iter()
        .map(ToString::to_string)
        .collect();
    header.extend(dimensions.iter().map(|d| d.name.to_uppercase()));
    let rows: Vec<Vec<String>> = snapshots
        .iter()
        .map(|s| {
            let mut row = vec![
                s.id.clone(),
                crate::describe::date(s.finished_at),
                s.label.clone().unwrap_or_default(),
                format!("{} {}", s.bank.id, s.bank.version),
            ];
            row.extend(dimensions.iter().map(|d| score_cell(s.score(&d.id))));
            row
        })
        .collect();
    let numeric: Vec<usize> = (4..header.len()).collect();
    write!(ctx.out, "{}", format::table(&header, &rows, &numeric))?;
    Ok(ExitCode::SUCCESS)
}

/// The list of a locked data dir: ids and dates, from the file names.
fn run_locked(args: &ListArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let named = Store::read_only(&ctx.data_dir).named(*ctx.now.offset());
    writeln!(
        ctx.err,
        "the data dir is encrypted and locked: only dates are shown; give the passphrase \
         (MOTIVE_PASSPHRASE, passphrase_command, or run in a terminal) for scores"
    )?;
    if args.json {
        let all: Vec<_> = named
            .iter()
            .map(|n| serde_json::json!({ "id": n.id, "locked": true }))
            .collect();
        format::write_json(ctx.out, &serde_json::Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = ["ID".to_string(), "DATE".to_string()];
    let rows: Vec<Vec<String>> = named
        .iter()
        .map(|n| vec![n.id.clone(), crate::describe::date(n.finished_at)])
        .collect();
    write!(ctx.out, "{}", format::table(&header, &rows, &[]))?;
    Ok(ExitCode::SUCCESS)
}
