//! `motive due`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::DueArgs;

pub fn run(args: &DueArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
