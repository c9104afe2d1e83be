//! `motive import`: check-ins from a JSON export or one check-in's TOML
//! file (see [`parse`]), all or nothing.

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
    let snapshots = parse::parse(&name, path, &text)?;

    let store = Store::open(&ctx.data_dir)?;
    if let Some(warning) = store.privacy_warning() {
        writeln!(ctx.err, "{warning}")?;
    }
    let _lock = store.lock("import").map_err(|e| match e {
        LockError::Busy { .. } => Error::input(format!("cannot import now: {e}")),
        LockError::Store(e) => e.into(),
    })?;
    let report = store
        .import_all(snapshots)
        .map_err(|e| Error::from(e).within(&name))?;
    writeln!(
        ctx.out,
        "imported {} check-in{}; {} already present",
        report.imported.len(),
        if report.imported.len() == 1 { "" } else { "s" },
        report.unchanged.len()
    )?;
    Ok(ExitCode::SUCCESS)
}
