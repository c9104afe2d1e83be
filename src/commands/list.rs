//! `motive list`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::ListArgs;

pub fn run(args: &ListArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
