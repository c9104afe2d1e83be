use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use motive::cli::{Cli, Command};
use motive::commands::{self, Ctx};
use motive::paths;

fn main() -> color_eyre::Result<ExitCode> {
    color_eyre::install()?;
    let cli = Cli::parse_args();
    // Kept in `cli` too: a data dir named there that is missing is a typo.
    let data_dir = paths::data_dir(cli.data_dir.clone());
    let config_dir = paths::config_dir();
    let color = cli.color.enabled(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    );
    // A broken settings file stops us here, before any screen is taken over.
    let config = match commands::settings_for(cli.command.as_ref(), &config_dir) {
        Ok(config) => config,
        Err(e) => {
            // One line per mistake in the file.
            for line in e.to_string().lines() {
                let _ = writeln!(std::io::stderr(), "motive: {line}");
            }
            return Ok(ExitCode::from(e.exit_code()));
        }
    };
    match cli.command {
        None | Some(Command::Check(_)) => {
            let check = match cli.command {
                Some(Command::Check(args)) => Some(motive::tui::Check {
                    bank: args.bank,
                    label: args.label,
                }),
                _ => None,
            };
            // An encrypted data dir is unlocked with MOTIVE_PASSPHRASE or
            // passphrase_command before the TUI takes the screen; else the
            // TUI asks for the passphrase on its unlock screen.
            let locked = match commands::unlock::for_screen(&data_dir, &config) {
                Ok(commands::unlock::ForScreen::Ready) => None,
                Ok(commands::unlock::ForScreen::Ask(usable)) => Some(usable),
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "motive: {e}");
                    return Ok(ExitCode::from(e.code));
                }
            };
            motive::tui::run(motive::tui::Options {
                data_dir,
                config_dir,
                config,
                color,
                check,
                locked,
            })
        }
        Some(_) => {
            // One buffer for all output: stdout alone flushes on every newline.
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
            let mut err = std::io::stderr();
            let mut ctx = Ctx {
                data_dir,
                config_dir,
                config,
                color,
                now: motive::clock::now(),
                out: &mut out,
                err: &mut err,
            };
            let status = commands::run(cli, &mut ctx);
            // What is still buffered can fail to write too (a full disk).
            let flushed = out.flush();
            let status =
                status.and_then(|code| flushed.map(|()| code).map_err(commands::Error::from));
            Ok(status.unwrap_or_else(|e| {
                for line in e.message.lines() {
                    let _ = writeln!(std::io::stderr(), "motive: {line}");
                }
                ExitCode::from(e.code)
            }))
        }
    }
}
