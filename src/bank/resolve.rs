//! Find a bank by id (built-in or user bank) or by path.
//!
//! OWNER: bank helper.

use std::path::Path;

use super::Bank;
use super::load::Diagnostic;

/// Resolve `--bank ID|PATH`. User banks live in `<config_dir>/banks/*.toml`.
/// Errors are one or more diagnostics, printable one per line.
pub fn resolve(spec: &str, config_dir: &Path) -> Result<Bank, Vec<Diagnostic>> {
    let _ = (spec, config_dir);
    todo!("bank helper")
}
