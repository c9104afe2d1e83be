//! `motive import`: check-ins from a JSON export, all or nothing.

use std::process::ExitCode;

use serde_json::Value;

use super::{Ctx, Error};
use crate::cli::ImportArgs;
use crate::snapshot::Snapshot;
use crate::store::regular::{self, Links, ReadError};
use crate::store::{LockError, Store};

/// A JSON export larger than this is refused unread.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

pub fn run(args: &ImportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let path = &args.file;
    let name = path.display().to_string();
    // Only a regular file, and never more than the limit: `/dev/zero` or a
    // FIFO is refused at once rather than read without end.
    let bytes = regular::read(path, MAX_IMPORT_BYTES, Links::Follow).map_err(|e| match e {
        ReadError::TooLarge { len } => {
            Error::input(format!("{name}: {len} bytes is too large for an export"))
        }
        ReadError::Io(e) => Error::io(format!("{name}: {e}"), &e),
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::input(format!("{name}: not valid UTF-8; an export is JSON text")))?;
    let snapshots = parse(&name, &text)?;

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

/// Parse an export: `{"format": 1, "snapshots": [...]}`; the computed
/// `scores` of each entry are ignored (scores always come from the answers).
pub fn parse(name: &str, text: &str) -> Result<Vec<Snapshot>, Error> {
    if text.trim().is_empty() {
        return Err(Error::input(format!(
            "{name}: the file is empty; expected a JSON export as `motive export --format json` writes"
        )));
    }
    // serde_json reports column 0 at the very end of a line; editors count from 1.
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        Error::input(format!(
            "{name}:{}:{}: {}",
            e.line(),
            e.column().max(1),
            strip_position(&e)
        ))
    })?;
    let Some(entries) = doc.get("snapshots").and_then(Value::as_array) else {
        return Err(Error::input(format!(
            "{name}: not a motive export (expected an object with a \"snapshots\" array, as `motive export --format json` writes)"
        )));
    };
    match doc.get("format").and_then(Value::as_i64) {
        Some(f) if f > crate::snapshot::SNAPSHOT_FORMAT => {
            return Err(Error::input(format!(
                "{name}: format {f} is newer than this build understands ({}); upgrade motive",
                crate::snapshot::SNAPSHOT_FORMAT
            )));
        }
        _ => {}
    }
    let mut problems = Vec::new();
    let mut snapshots = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let mut entry = entry.clone();
        if let Value::Object(map) = &mut entry {
            map.remove("scores");
        }
        // Name the entry by its id too, when it has a readable one.
        let id = entry
            .get("id")
            .and_then(Value::as_str)
            .map(|id| format!(" ({})", id.escape_debug()))
            .unwrap_or_default();
        match serde_json::from_value::<Snapshot>(entry) {
            Ok(s) => snapshots.push(s),
            Err(e) => problems.push(format!("entry {}{id}: {e}", i + 1)),
        }
    }
    if problems.is_empty() {
        Ok(snapshots)
    } else {
        Err(Error::input(format!(
            "{name}: nothing imported: {}",
            problems.join("; ")
        )))
    }
}

/// serde_json appends " at line L column C"; the position is already in front.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    text.rfind(" at line ")
        .map_or(text.clone(), |i| text[..i].to_string())
}
