//! `motive completions SHELL`: a completion script, generated from the CLI.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Ctx, Error};
use crate::cli::Cli;

pub fn run(shell: Shell, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "motive", &mut script);
    ctx.out.write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
