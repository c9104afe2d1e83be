//! `motive show`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ShowArgs;

pub fn run(args: &ShowArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
