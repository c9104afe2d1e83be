//! `motive config path|init|show`: the settings file.

use std::os::unix::fs::DirBuilderExt;
use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ConfigCommand;
use crate::config::{self, Config};
use crate::store::atomic::{self, Mode};
use crate::text::{escape_path, escape_text};

pub fn run(cmd: &ConfigCommand, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let path = Config::path_in(&ctx.config_dir);
    match cmd {
        ConfigCommand::Path => writeln!(ctx.out, "{}", path.display())?,
        ConfigCommand::Init => init(ctx)?,
        ConfigCommand::Show => {
            // The one config command that reads the file: to say what is wrong with it.
            let settings = Config::load(&path).map_err(|e| Error {
                message: e.to_string(),
                code: e.exit_code(),
            })?;
            let shown = escape_path(&path);
            if path.exists() {
                writeln!(ctx.out, "# Settings from {shown}")?;
            } else {
                writeln!(
                    ctx.out,
                    "# No settings file at {shown}: the defaults (motive config init writes one)"
                )?;
            }
            // Values come from the file: TOML quoting leaves bidi and
            // zero-width characters as they are.
            write!(ctx.out, "{}", escape_text(&settings.describe()))?;
            if let Some(warning) = unusable_bank(&settings, ctx) {
                writeln!(ctx.err, "{}", escape_text(&warning))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A warning when the file's `bank` names no bank that can be used: the
/// file reads well, but `motive check` would stop on it.
fn unusable_bank(settings: &Config, ctx: &Ctx<'_>) -> Option<String> {
    let bank = settings.bank.as_deref()?;
    let problems = crate::bank::resolve::resolve(bank, &ctx.config_dir).err()?;
    let why: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
    Some(format!(
        "warning: bank = {bank:?}: {}. motive check would stop on it.",
        why.join("; ")
    ))
}

/// Write the commented template, never over an existing file.
fn init(ctx: &mut Ctx<'_>) -> Result<(), Error> {
    let path = Config::path_in(&ctx.config_dir);
    let shown = path.display().to_string();
    let exists = || {
        Error::input(format!(
            "{shown} already exists; not overwriting it (motive config show prints what it sets)"
        ))
    };
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let dir = &ctx.config_dir;
    // A new config dir is private, as the XDG base directory spec asks.
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(format!("cannot create {}: {e}", dir.display()), &e))?;
    // Written whole beside the target, then moved into place only if nothing
    // is there yet: never a half-written file, never over someone's settings.
    atomic::write(&path, config::template().as_bytes(), Mode::NoClobber).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists()
        } else {
            Error::io(format!("cannot write {shown}: {e}"), &e)
        }
    })?;
    writeln!(ctx.out, "Wrote a settings file to {shown}")?;
    writeln!(
        ctx.out,
        "Every key in it is commented out and explained; uncomment the ones you want to change."
    )?;
    writeln!(ctx.out, "See what motive makes of it: motive config show")?;
    Ok(())
}
