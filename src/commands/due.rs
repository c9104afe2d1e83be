//! `motive due`: is a check-in due? Exit 0 when due, 1 when not yet.

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Ctx, Error, format};
use crate::cadence::{Cadence, schedule};
use crate::cli::DueArgs;
use crate::store::{ErrorKind, Store};

pub fn run(args: &DueArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let mut lookup = store.lookup();
    let latest = lookup.find("latest");
    if !args.quiet {
        format::warn_problems(&lookup.problems(), ctx.err)?;
    }
    let last = match latest {
        Ok(latest) => Some(latest.finished_at),
        Err(e) if e.kind == ErrorKind::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let plan = ctx.config.schedule(args.every);
    let state = schedule(last, ctx.now, plan);
    let every = match plan.week_start {
        Some(day) => format!(
            "every {} days, brought forward to the start of its week (week_start = {})",
            plan.every_days,
            crate::config::day_name(day)
        ),
        None => format!("every {} days", plan.every_days),
    };
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
                "Last check-in: {} ({}).\nA check-in is due ({every}; due since {}).",
                day(*last),
                ago(*days_since),
                day(*due_since)
            )?,
            Cadence::NotYet {
                last,
                days_since,
                next,
                days_left,
            } => writeln!(
                ctx.out,
                "Last check-in: {} ({}).\nNext check-in due on {}, in {} day{} ({every}).",
                day(*last),
                ago(*days_since),
                day(*next),
                days_left,
                if *days_left == 1 { "" } else { "s" }
            )?,
        }
    }
    Ok(match state {
        Cadence::First | Cadence::Due { .. } => ExitCode::SUCCESS,
        Cadence::NotYet { .. } => ExitCode::from(crate::exit::NOT_DUE),
    })
}
