//! `motive due`: is a check-in due? Exit 0 when due, 1 when not yet.

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Ctx, Error, view};
use crate::cadence::{Cadence, cadence};
use crate::cli::DueArgs;
use crate::store::Store;

pub fn run(args: &DueArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let listing = Store::read_only(&ctx.data_dir).summaries();
    if !args.quiet {
        view::warn_problems(&listing, ctx.err)?;
    }
    let last = listing.snapshots.last().map(|s| s.finished_at);
    let state = cadence(last, ctx.now, args.every);
    if !args.quiet {
        let day = |d: DateTime<FixedOffset>| d.format("%Y-%m-%d").to_string();
        let ago = |n: i64| match n {
            ..0 => format!("{} days from now; is this computer's clock right?", -n),
            0 => "today".to_string(),
            1 => "yesterday".to_string(),
            n => format!("{n} days ago"),
        };
        match &state {
            Cadence::First => writeln!(
                ctx.out,
                "No check-ins yet: the first one is due now. Start it with `motive check`."
            )?,
            Cadence::Due {
                last,
                days_since,
                due_since,
            } => writeln!(
                ctx.out,
                "Last check-in: {} ({}).\nA check-in is due (every {} days; due since {}).",
                day(*last),
                ago(*days_since),
                args.every,
                day(*due_since)
            )?,
            Cadence::NotYet {
                last,
                days_since,
                next,
                days_left,
            } => writeln!(
                ctx.out,
                "Last check-in: {} ({}).\nNext check-in due on {}, in {} day{} (every {} days).",
                day(*last),
                ago(*days_since),
                day(*next),
                days_left,
                if *days_left == 1 { "" } else { "s" },
                args.every
            )?,
        }
    }
    Ok(match state {
        Cadence::First | Cadence::Due { .. } => ExitCode::SUCCESS,
        Cadence::NotYet { .. } => ExitCode::from(1),
    })
}
