//! `motive compare`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::CompareArgs;

pub fn run(args: &CompareArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
