//! Command-line arguments. Each subcommand's behaviour lives in `commands/<name>.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A recurring check-in on what drives you at work: autonomy, mastery and purpose.
///
/// Run without a command to open the home screen. Every check-in is saved as
/// a snapshot in the data dir; the commands below read and compare them.
#[derive(Debug, Parser)]
#[command(
    name = "motive",
    version,
    after_help = "Examples:\n  motive                 open the home screen\n  motive check --bank quick\n  motive compare         latest check-in against the one before\n  motive due -q && motive check"
)]
pub struct Cli {
    /// Where check-ins are stored [default: ~/.local/share/motive]
    #[arg(
        long,
        global = true,
        env = "MOTIVE_DATA_DIR",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a check-in in the terminal
    #[command(
        after_help = "Examples:\n  motive check\n  motive check --bank quick --label \"after the reorg\""
    )]
    Check(CheckArgs),
    /// List, inspect, validate and create question banks
    #[command(subcommand)]
    Bank(BankCommand),
    /// List saved check-ins, oldest first
    #[command(after_help = "Examples:\n  motive list\n  motive list --json | jq '.[-1].scores'")]
    List(ListArgs),
    /// Show one check-in: scores, answers, notes, reflections, commitment
    #[command(
        after_help = "IDs: a full id (20261122-093000), a unique prefix (202611), latest, or latest~N (N before the latest).\n\nExamples:\n  motive show\n  motive show latest~1 --json"
    )]
    Show(ShowArgs),
    /// Compare two check-ins and say which changes are real
    #[command(
        after_help = "A change is reliable when it is bigger than the measurement noise of the bank's norms\n(Jacobson-Truax reliable change index); without norms it is reported as unknown.\n\nExamples:\n  motive compare                  the two latest\n  motive compare latest~4 latest  a year of quarterly check-ins\n  motive compare 20260101 --json"
    )]
    Compare(CompareArgs),
    /// Export every check-in as JSON, CSV or a Markdown report
    #[command(
        after_help = "Examples:\n  motive export --format md -o review.md\n  motive export --format json > backup.json"
    )]
    Export(ExportArgs),
    /// Draw how your scores moved over time, as a text chart
    #[command(
        after_help = "One line per dimension, drawn with its own marker; dates run left to right.\n\nExamples:\n  motive chart\n  motive chart --width 100 --height 25\n  motive chart --dimension purpose >> notes.md"
    )]
    Chart(ChartArgs),
    /// Import check-ins from a JSON export (all or nothing)
    #[command(
        after_help = "Importing the same file twice changes nothing.\n\nExample:\n  motive import backup.json"
    )]
    Import(ImportArgs),
    /// Is a check-in due? Exit 0 when due, 1 when not yet
    #[command(
        after_help = "Examples:\n  motive due\n  motive due --every 30 -q || echo \"not yet\""
    )]
    Due(DueArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Bank id (core, quick, or one of yours) or path to a bank file
    #[arg(long, value_name = "ID|PATH", default_value = "core")]
    pub bank: String,
    /// A short label for this check-in, e.g. "Q4" or "new team"
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// List built-in and user banks
    #[command(
        after_help = "User banks live in $MOTIVE_CONFIG_DIR/banks or ~/.config/motive/banks.\n\nExample:\n  motive bank list"
    )]
    List,
    /// Show a bank's dimensions, statements and reflection prompts
    #[command(after_help = "Examples:\n  motive bank show core\n  motive bank show ./my-bank.toml")]
    Show {
        /// Bank id or path to a bank file
        #[arg(value_name = "ID|PATH")]
        bank: String,
    },
    /// Check bank files; print every problem as FILE:LINE:COL: message
    #[command(
        after_help = "Exit status: 0 when every file is valid, 2 otherwise.\n\nExample:\n  motive bank validate ~/.config/motive/banks/*.toml"
    )]
    Validate {
        /// Bank files to check
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write a commented template bank to start from
    #[command(after_help = "Example:\n  motive bank init ~/.config/motive/banks/team.toml")]
    Init {
        /// Where to write the template (must not exist)
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Which check-in: id, unique prefix, latest or latest~N
    #[arg(default_value = "latest", value_name = "ID")]
    pub id: String,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier check-in [default: latest~1]
    #[arg(value_name = "A")]
    pub from: Option<String>,
    /// The later check-in [default: latest]
    #[arg(value_name = "B")]
    pub to: Option<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every snapshot with its computed scores; re-importable
    Json,
    /// One row per check-in, one column per dimension
    Csv,
    /// A readable report to take to a conversation
    Md,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE (mode 0600) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Width of the chart in characters (20-400)
    #[arg(long, default_value_t = 80, value_name = "N", value_parser = clap::value_parser!(u16).range(20..=400))]
    pub width: u16,
    /// Height of the chart in lines (8-200)
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = clap::value_parser!(u16).range(8..=200))]
    pub height: u16,
    /// Show only this dimension (repeat for several) [default: all]
    #[arg(long = "dimension", value_name = "ID")]
    pub dimensions: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file written by `motive export --format json`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Cadence in days
    #[arg(long, default_value_t = 90, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub every: u32,
    /// Print nothing; only set the exit status
    #[arg(short, long)]
    pub quiet: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
