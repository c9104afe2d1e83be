//! `motive export`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ExportArgs;

pub fn run(args: &ExportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
