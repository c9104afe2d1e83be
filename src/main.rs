use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use motive::cli::{Cli, Command};
use motive::commands::{self, Ctx};
use motive::paths;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let mut cli = Cli::parse();
    let data_dir = paths::data_dir(cli.data_dir.take());
    let config_dir = paths::config_dir();
    match cli.command {
        None => motive::tui::run(data_dir, config_dir, None),
        Some(Command::Check(args)) => motive::tui::run(data_dir, config_dir, Some(args)),
        Some(_) => {
            let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
            let mut ctx = Ctx {
                data_dir,
                config_dir,
                now: chrono::Local::now().fixed_offset(),
                out: &mut out,
                err: &mut err,
            };
            let status = commands::run(cli, &mut ctx);
            let _ = out.flush();
            Ok(status.unwrap_or_else(|e| {
                if !e.message.is_empty() {
                    let _ = writeln!(std::io::stderr(), "motive: {e}");
                }
                ExitCode::from(e.code)
            }))
        }
    }
}
