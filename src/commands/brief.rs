//! `motive brief`: a one-page brief of one check-in for a conversation with
//! your manager, as Markdown or HTML, holding only the parts chosen.

use std::process::ExitCode;

use super::output;
use super::{Ctx, Error};
use crate::bank::resolve;
use crate::brief::{self, Part};
use crate::cli::{BriefArgs, BriefFormat};
use crate::config::{self, Config};
use crate::store::{Store, find};
use crate::text::escape_path;

pub fn run(args: &BriefArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let parts = match &args.include {
        Some(names) => brief::parse_parts(names).map_err(Error::input)?,
        None => ctx
            .config
            .brief_include
            .clone()
            .unwrap_or_else(|| Part::DEFAULT.to_vec()),
    };
    let store = Store::read_only(&ctx.data_dir);
    let listing = store.summaries();
    super::format::warn_problems(&listing, ctx.err)?;
    let snapshot = store.load(&find(&listing.snapshots, &args.id)?.id)?;
    // The ideas come from the bank as it is now; a bank that is gone or
    // broken only means no ideas.
    let bank = resolve::resolve(&snapshot.bank.id, &ctx.config_dir).ok();
    let events = if parts.contains(&Part::Events) {
        super::format::read_events(&store, ctx.err)?
    } else {
        Vec::new()
    };
    let built = brief::build(
        &snapshot,
        &listing.snapshots,
        bank.as_ref(),
        &events,
        &parts,
    );
    let text = match args.format {
        BriefFormat::Md => brief::markdown::render(&built),
        BriefFormat::Html => brief::html::render(&built),
    };
    if let Some(path) = output::deliver(args.output.as_deref(), text.as_bytes(), ctx.out)? {
        writeln!(
            ctx.err,
            "wrote the brief of {} to {} (holds: {})",
            built.date,
            escape_path(path),
            names(&parts)
        )?;
    }
    if args.include.is_some() && ctx.config.brief_include.as_deref() != Some(parts.as_slice()) {
        let path = Config::path_in(&ctx.config_dir);
        config::remember_brief_include(&path, &parts).map_err(|e| {
            Error::io(
                format!(
                    "the brief is done, but the choice of parts was not remembered: cannot write {}: {e}",
                    escape_path(&path)
                ),
                &e,
            )
        })?;
    }
    Ok(ExitCode::SUCCESS)
}

fn names(parts: &[Part]) -> String {
    if parts.is_empty() {
        return "nothing".to_owned();
    }
    parts
        .iter()
        .map(|p| p.name())
        .collect::<Vec<_>>()
        .join(", ")
}
