//! `motive man`: the manual page, generated from the CLI.

use std::process::ExitCode;

use clap::CommandFactory;

use super::{Ctx, Error};
use crate::cli::{Cli, ManArgs};

pub fn run(args: &ManArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let Some(dir) = &args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut page)?;
        ctx.out.write_all(&page)?;
        return Ok(ExitCode::SUCCESS);
    };
    let shown = dir.display();
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("cannot create {shown}: {e}"), &e))?;
    clap_mangen::generate_to(Cli::command(), dir)
        .map_err(|e| Error::io(format!("cannot write the pages into {shown}: {e}"), &e))?;
    writeln!(
        ctx.out,
        "Wrote motive.1 and a page per command into {shown}; read them with `man motive`\n(if {shown} is not on your MANPATH: man -l {shown}/motive.1)."
    )?;
    Ok(ExitCode::SUCCESS)
}
