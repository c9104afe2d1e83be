//! `motive due`: is a check-in due? Exit 0 when due, 1 when not yet.

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use super::{Ctx, Error, format};
use crate::cadence::{Cadence, schedule};
use crate::cli::DueArgs;
use crate::remind;
use crate::store::{ErrorKind, Store};

pub fn run(args: &DueArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let last = if crate::crypt::keyfile::is_encrypted(&ctx.data_dir)
        && crate::crypt::session::keys().is_none()
    {
        // Locked: the latest file name says when.
        store.named(*ctx.now.offset()).last().map(|n| n.finished_at)
    } else {
        let mut lookup = store.lookup();
        let latest = lookup.find("latest");
        if !args.quiet && !args.short {
            format::warn_problems(&lookup.problems(), ctx.err)?;
        }
        match latest {
            Ok(latest) => Some(latest.finished_at),
            Err(e) if e.kind == ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        }
    };
    let plan = ctx.config.schedule(args.every);
    let state = schedule(last, ctx.now, plan);
    if args.short {
        // A prompt runs this every time: a few words or none, never a warning.
        if let Some(words) = remind::prompt_words(&state) {
            writeln!(ctx.out, "{words}")?;
        }
        return Ok(exit_code(&state));
    }
    let every = match plan.week_start {
        Some(day) => format!(
            "every {}, brought forward to the start of its week (week_start = {})",
            crate::text::count(usize::try_from(plan.every_days).unwrap_or(0), "day", "days"),
            crate::config::day_name(day)
        ),
        None => format!(
            "every {}",
            crate::text::count(usize::try_from(plan.every_days).unwrap_or(0), "day", "days")
        ),
    };
    if !args.quiet {
        let day = |d: DateTime<FixedOffset>| d.format("%Y-%m-%d").to_string();
        let ago = |n: i64| match n {
            ..0 => format!(
                "{} from now; is this computer's clock right?",
                crate::text::count(usize::try_from(-n).unwrap_or(0), "day", "days")
            ),
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
    Ok(exit_code(&state))
}

/// 0 when a check-in is due, 1 when not yet.
fn exit_code(state: &Cadence) -> ExitCode {
    match state {
        Cadence::First | Cadence::Due { .. } => ExitCode::SUCCESS,
        Cadence::NotYet { .. } => ExitCode::from(crate::exit::NOT_DUE),
    }
}
