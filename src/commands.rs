//! The plain commands: one file per subcommand, each writing to any `impl Write`.

pub mod bank;
pub mod brief;
pub mod chart;
pub mod commitments;
pub mod compare;
pub mod completions;
pub mod config;
pub mod doctor;
pub mod due;
pub mod encrypt;
pub mod event;
pub mod export;
pub mod format;
pub mod ideas;
pub mod import;
pub mod list;
pub mod man;
pub mod output;
pub mod paint;
pub mod range;
pub mod remind;
pub mod search;
pub mod show;
pub mod thread;
pub mod unlock;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};

use crate::cli::{Cli, Command};
use crate::config::{Config, ConfigError};

/// What every command needs: where things live, the settings, where to
/// write, whether to colour it, and the time.
pub struct Ctx<'a> {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    /// The settings file's contents (the defaults for commands that do not
    /// read it: `config`, `completions`, `man`).
    pub config: Config,
    /// Whether `out` gets colour, decided once from `--color`, the terminal
    /// and `NO_COLOR`.
    pub color: bool,
    pub now: DateTime<FixedOffset>,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// A command failed: one line for the person, and the exit status.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub code: u8,
}

impl Error {
    /// Bad input or usage: exit 2.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: crate::exit::INPUT,
        }
    }

    /// The machine failed (disk full, permission denied...): exit 3.
    pub fn system(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: crate::exit::SYSTEM,
        }
    }

    /// The message made safe to print, each of its lines on one line (see
    /// [`crate::text::escape`]): errors quote file names, ids, keys and
    /// values from files. Several lines are several mistakes (a settings
    /// file's), each printed as its own `motive: ` line.
    #[must_use]
    pub fn escaped(mut self) -> Self {
        let lines: Vec<_> = self
            .message
            .split('\n')
            .map(crate::text::escape_line)
            .collect();
        if lines
            .iter()
            .any(|l| matches!(l, std::borrow::Cow::Owned(_)))
        {
            self.message = lines.join("\n");
        }
        self
    }

    /// The same failure, with `what` (a file name, say) before its message.
    #[must_use]
    pub fn within(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// Reading or writing a path the user named failed: a path that is not
    /// there, or names a FIFO, a device or (where refused) a link, is their
    /// input; anything else is the machine's failure.
    pub fn io(message: impl Into<String>, err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => Self::input(message),
            _ if crate::store::regular::is_refusal(err) => Self::input(message),
            _ => Self::system(message),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<crate::store::StoreError> for Error {
    fn from(e: crate::store::StoreError) -> Self {
        match e.kind {
            crate::store::ErrorKind::Io => Self::system(e.message),
            crate::store::ErrorKind::NotFound | crate::store::ErrorKind::Invalid => {
                Self::input(e.message)
            }
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader has what it wanted (`motive export | head`): stop quietly.
            return Self {
                message: String::new(),
                code: 0,
            };
        }
        Self::system(format!("cannot write output: {e}"))
    }
}

/// The settings `command` runs with (`None`: the home screen). Commands that
/// help repair or install motive (`config`, `completions`, `man`) do not
/// read the file, so they work while it is broken.
///
/// # Errors
/// The file exists and cannot be used.
pub fn settings_for(command: Option<&Command>, config_dir: &Path) -> Result<Config, ConfigError> {
    match command {
        Some(Command::Config(_) | Command::Completions { .. } | Command::Man(_)) => {
            Ok(Config::default())
        }
        _ => Config::load(&Config::path_in(config_dir)),
    }
}

/// Run a plain (non-TUI) command. Its error, which may quote files, is
/// escaped for the terminal.
pub fn run(cli: Cli, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    run_command(cli, ctx).map_err(Error::escaped)
}

fn run_command(cli: Cli, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    // Every command that reads check-ins says so when they are open to others,
    // or when the data dir is missing (import says it itself, after creating
    // the dir; `due -q` stays quiet).
    let reads_check_ins = match &cli.command {
        Some(Command::Due(args)) => !args.quiet && !args.short,
        Some(Command::List(_) | Command::Show(_) | Command::Compare(_)) => true,
        Some(Command::Export(_) | Command::Chart(_) | Command::Brief(_)) => true,
        Some(Command::Search(_) | Command::Thread(_) | Command::Commitments(_)) => true,
        _ => false,
    };
    // An encrypted data dir is unlocked once, before any command that reads
    // or writes what it holds; `list` makes do with file names when no
    // passphrase can be had without asking, and `due` always does.
    let names_will_do = matches!(&cli.command, Some(Command::List(_)));
    let needs_key = names_will_do
        || matches!(
            &cli.command,
            Some(
                Command::Remind(crate::cli::RemindCommand::Ics { .. })
                    | Command::Show(_)
                    | Command::Compare(_)
                    | Command::Export(_)
                    | Command::Chart(_)
                    | Command::Brief(_)
                    | Command::Import(_)
                    | Command::Event(_)
                    | Command::Search(_)
                    | Command::Commitments(_)
                    | Command::Thread(_)
                    | Command::Doctor(_)
            )
        );
    if needs_key {
        unlock::for_command(&ctx.data_dir, &ctx.config, names_will_do)?;
    }
    if reads_check_ins {
        let store = crate::store::Store::read_only(&ctx.data_dir);
        // A data dir named by --data-dir or MOTIVE_DATA_DIR that is not
        // there is a typo, not an empty history (`due` only warns: a shell
        // prompt asks it before the first check-in).
        let named = cli.data_dir.is_some() && !matches!(cli.command, Some(Command::Due(_)));
        if let Some(missing) = store.missing_warning().filter(|_| named) {
            return Err(Error::input(missing.trim_start_matches("warning: ")));
        }
        if let Some(warning) = store.missing_warning().or_else(|| store.privacy_warning()) {
            writeln!(ctx.err, "{warning}")?;
        }
    }
    match cli.command {
        Some(Command::Bank(cmd)) => bank::run(&cmd, ctx),
        Some(Command::List(args)) => list::run(&args, ctx),
        Some(Command::Show(args)) => show::run(&args, ctx),
        Some(Command::Compare(args)) => compare::run(&args, ctx),
        Some(Command::Export(args)) => export::run(&args, ctx),
        Some(Command::Chart(args)) => chart::run(&args, ctx),
        Some(Command::Brief(args)) => brief::run(&args, ctx),
        Some(Command::Import(args)) => import::run(&args, ctx),
        Some(Command::Due(args)) => due::run(&args, ctx),
        Some(Command::Remind(cmd)) => remind::run(&cmd, ctx),
        Some(Command::Event(cmd)) => event::run(&cmd, ctx),
        Some(Command::Search(args)) => search::run(&args, ctx),
        Some(Command::Commitments(args)) => commitments::run(&args, ctx),
        Some(Command::Thread(args)) => thread::run(&args, ctx),
        Some(Command::Ideas(args)) => ideas::run(&args, ctx),
        Some(Command::Config(cmd)) => config::run(&cmd, ctx),
        Some(Command::Completions { shell }) => completions::run(shell, ctx),
        Some(Command::Man(args)) => man::run(&args, ctx),
        Some(Command::Doctor(args)) => doctor::run(&args, ctx),
        Some(Command::Encrypt(args)) => encrypt::run(&args, ctx),
        Some(Command::Decrypt) => encrypt::decrypt(ctx),
        Some(Command::Unlock(args)) => unlock::run(&args, ctx),
        Some(Command::Passphrase) => unlock::change(ctx),
        None | Some(Command::Check(_)) => {
            Err(Error::input("the interactive check-in is run by main"))
        }
    }
}
