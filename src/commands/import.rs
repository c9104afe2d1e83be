//! `motive import`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ImportArgs;

pub fn run(args: &ImportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
