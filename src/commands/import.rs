//! `motive import`: check-ins from a JSON export or one check-in's TOML
//! file (see [`parse`]), all or nothing.

mod parse;

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ImportArgs;
use crate::limits::MAX_IMPORT_BYTES;
use crate::store::{LockError, Store};
use crate::text::escape_path;

pub fn run(args: &ImportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let path = &args.file;
    let name = escape_path(path);
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(format!("{name}: {e}"), &e))?
        .len();
    if size > MAX_IMPORT_BYTES {
        return Err(Error::input(format!(
            "{name}: {size} bytes is too large for an export"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(format!("{name}: {e}"), &e))?;
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
