//! `motive bank`.

use std::process::ExitCode;

use super::{Ctx, Error};
use crate::cli::BankCommand;

pub fn run(args: &BankCommand, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let _ = (args, ctx);
    todo!()
}
