//! `motive import`: check-ins and life events from a JSON export, or one
//! check-in's TOML file (see [`parse`]), all or nothing: every check-in
//! and every event is checked before anything is written.

mod events;
mod parse;

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ImportArgs;
use crate::limits::MAX_IMPORT_BYTES;
use crate::store::regular::{self, Links, ReadError};
use crate::store::{LockError, Store};
use crate::text::escape_path;

pub fn run(args: &ImportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let path = &args.file;
    let name = escape_path(path);
    // Only a regular file, and never more than the limit: `/dev/zero` or a
    // FIFO is refused at once rather than read without end.
    let bytes = regular::read(path, MAX_IMPORT_BYTES, Links::Follow).map_err(|e| match e {
        ReadError::TooLarge { len } => {
            Error::input(format!("{name}: {len} bytes is too large for an export"))
        }
        ReadError::Io(e) => Error::io(format!("{name}: {e}"), &e),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::input(format!(
            "{name}: not valid UTF-8; an export is JSON text, a check-in TOML"
        ))
    })?;
    let parsed = parse::parse(&name, path, &text)?;

    let store = Store::open(&ctx.data_dir)?;
    if let Some(warning) = store.privacy_warning() {
        writeln!(ctx.err, "{warning}")?;
    }
    let _lock = store.lock("import").map_err(|e| match e {
        LockError::Busy { .. } => Error::input(format!("cannot import now: {e}")),
        LockError::Store(e) => e.into(),
    })?;
    // The events are checked against those kept before any check-in is
    // written; they are written after the check-ins, which are refused as
    // a whole or written as a whole.
    let has_events = !parsed.events.is_empty();
    let kept = store.events();
    let events = events::plan(parsed.events, &kept.events)
        .map_err(|e| Error::input(format!("{name}: {e}")))?;
    let report = store
        .import_all(parsed.snapshots)
        .map_err(|e| Error::from(e).within(&name))?;
    for event in &events.new {
        store
            .add_event(event.clone())
            .map_err(|e| Error::from(e).within(&name))?;
    }
    writeln!(
        ctx.out,
        "imported {} check-in{}; {} already present",
        report.imported.len(),
        if report.imported.len() == 1 { "" } else { "s" },
        report.unchanged.len()
    )?;
    if has_events {
        writeln!(
            ctx.out,
            "imported {}; {} already present",
            crate::text::count(events.new.len(), "life event", "life events"),
            events.present
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
