//! `motive commitments`: every commitment, and how it went.

use std::process::ExitCode;

use serde_json::{Value, json};

use super::{Ctx, Error, format};
use crate::cli::CommitmentsArgs;
use crate::commitments::{Commitment, all};
use crate::describe;
use crate::store::Store;
use crate::text::escape_line;

pub fn run(args: &CommitmentsArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let listing = Store::read_only(&ctx.data_dir).list();
    format::warn_problems(&listing, ctx.err)?;
    let listed = all(&listing.snapshots);
    if args.json {
        let all: Vec<Value> = listed.iter().map(commitment_json).collect();
        format::write_json(ctx.out, &Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        writeln!(
            ctx.out,
            "No commitments yet: each check-in ends by asking for one."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for c in &listed {
        writeln!(
            ctx.out,
            "{}: {}",
            describe::name(c.made.finished_at, c.made.label.as_deref()),
            format::one_line(&escape_line(c.text))
        )?;
        match &c.outcome {
            Some((outcome, note, when)) => {
                let note = note
                    .map(|n| format!(": {}", format::one_line(&escape_line(n))))
                    .unwrap_or_default();
                writeln!(
                    ctx.out,
                    "  {} (said on {}){note}",
                    outcome.describe(),
                    describe::name(when.finished_at, None)
                )?;
            }
            None => writeln!(ctx.out, "  open: the next check-in asks how it went")?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn commitment_json(c: &Commitment<'_>) -> Value {
    json!({
        "id": c.made.id,
        "finished_at": c.made.finished_at.to_rfc3339(),
        "label": c.made.label,
        "text": c.text,
        "outcome": c.outcome.map(|(o, _, _)| o.describe()),
        "note": c.outcome.and_then(|(_, n, _)| n),
        "followed_up_in": c.outcome.map(|(_, _, s)| s.id.clone()),
    })
}
