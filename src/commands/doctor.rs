//! `motive doctor [--fix]`: what in the data dir needs attention, one line
//! each with what `--fix` does about it (see [`crate::store::doctor`]).

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::DoctorArgs;
use crate::store::doctor::{self, Finding};
use crate::store::{LockError, Store};
use crate::text::escape_path;

pub fn run(args: &DoctorArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    if let Some(missing) = store.missing_warning() {
        return Err(Error::input(missing.trim_start_matches("warning: ")));
    }
    if !args.fix {
        let findings = doctor::examine(&store);
        for finding in &findings {
            writeln!(ctx.out, "{}; {}", line(&store, finding), finding.plan())?;
        }
        let fixable = findings.iter().filter(|f| f.fixable()).count();
        writeln!(ctx.out, "{}", summary(&store, findings.len(), fixable))?;
        return Ok(ExitCode::SUCCESS);
    }
    let _lock = store.lock("doctor --fix").map_err(|e| match e {
        LockError::Busy { .. } => Error::input(format!("cannot repair now: {e}")),
        LockError::Store(e) => e.into(),
    })?;
    // Under the lock, what is there now.
    let findings = doctor::examine(&store);
    let mut failed = None;
    let fixable: Vec<&Finding> = findings.iter().filter(|f| f.fixable()).collect();
    for (finding, done) in fixable.iter().zip(doctor::repair(&store, &findings)) {
        match done {
            Ok(done) => writeln!(ctx.out, "{}; {done}", line(&store, finding))?,
            Err(e) => {
                writeln!(ctx.out, "{}; not fixed: {e}", line(&store, finding))?;
                failed.get_or_insert(Error::from(e));
            }
        }
    }
    for finding in findings.iter().filter(|f| !f.fixable()) {
        writeln!(ctx.out, "{}; {}", line(&store, finding), finding.plan())?;
    }
    if let Some(e) = failed {
        return Err(Error {
            message: "some repairs failed (listed above)".into(),
            ..e
        });
    }
    if findings.is_empty() {
        writeln!(ctx.out, "{}", summary(&store, 0, 0))?;
    } else {
        writeln!(
            ctx.out,
            "Fixed {} of {} finding{}.",
            fixable.len(),
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A finding on one line: its path in the data dir, and what is wrong.
fn line(store: &Store, finding: &Finding) -> String {
    let path = finding
        .path
        .strip_prefix(store.root())
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(&finding.path);
    format!(
        "{}: {}",
        escape_path(path),
        crate::text::escape_line(&finding.problem)
    )
}

/// The last line of a report without `--fix`.
fn summary(store: &Store, found: usize, fixable: usize) -> String {
    if found == 0 {
        return format!("Nothing needs attention in {}.", escape_path(store.root()));
    }
    let plural = if found == 1 { "" } else { "s" };
    if fixable == 0 {
        format!("{found} finding{plural}; none that --fix can repair, nothing was changed.")
    } else {
        format!(
            "{found} finding{plural}; nothing was changed. Run `motive doctor --fix` to repair {fixable}."
        )
    }
}
