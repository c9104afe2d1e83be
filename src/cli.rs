//! Command-line arguments. Each subcommand's behaviour lives in `commands/<name>.rs`.

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::cadence::MAX_EVERY_DAYS;

/// What `motive --help` ends with: settings, exit statuses (see
/// [`crate::exit`]) and examples.
const ROOT_AFTER_HELP: &str = "Settings (default bank, cadence, week start, colours) live in
$MOTIVE_CONFIG_DIR/config.toml or ~/.config/motive/config.toml; see motive config --help.

Exit status: 0 done; 1 only from motive due: not due yet; 2 bad input or usage;
3 the system failed (disk full, permission denied, an unreadable data dir, a terminal
that cannot be taken over).

An encrypted data dir: motive and motive check open on an unlock screen that asks for
its passphrase in a masked field (Tab: the recovery key), unless MOTIVE_PASSPHRASE or
passphrase_command gives it; the other commands ask on the terminal without echo.

Examples:
  motive                 open the home screen
  motive check --bank quick
  motive compare         latest check-in against the one before
  motive due -q && motive check
  motive --color never chart > trend.txt";

/// How to name a check-in, for the `--help` of every command that takes one
/// (a macro, so `concat!` can put it in an `after_help`).
macro_rules! check_in_names {
    () => {
        "A check-in is named by a full id (20261122-093000), a unique prefix (202611),\nlatest, latest~N (N before the latest), a date (2026-11-22: the latest that day)\nor its label (exact, else a unique start; case does not matter). A name that\nfits several check-ins is refused with the list of them."
    };
}

/// A recurring check-in on what drives you at work: autonomy, mastery and purpose.
///
/// Run without a command to open the home screen. Every check-in is saved as
/// a snapshot in the data dir; the commands below read and compare them.
#[derive(Debug, Parser)]
#[command(
    name = "motive",
    version,
    after_help = ROOT_AFTER_HELP
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

    /// When to use colour, in plain output and on the screens
    ///
    /// auto colours only a terminal that is not TERM=dumb, and only while
    /// NO_COLOR is unset or empty. always colours even with NO_COLOR set: a flag given for one
    /// command says more than a variable set for all of them. never draws
    /// without colour (the screens show the highlight in reverse video).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN"
    )]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a check-in in the terminal
    #[command(
        after_help = "An encrypted data dir is unlocked first: MOTIVE_PASSPHRASE or passphrase_command,\nelse an unlock screen asks for the passphrase in a masked field (Tab: the recovery key).\n\nExamples:\n  motive check\n  motive check --bank quick --label \"after the reorg\""
    )]
    Check(CheckArgs),
    /// List, inspect, validate and create question banks
    #[command(subcommand)]
    Bank(BankCommand),
    /// List saved check-ins, oldest first
    #[command(
        after_help = "Examples:\n  motive list\n  motive list --last 4\n  motive list --since 2026-01-01 --until 2026-12-31\n  motive list --json | jq '.[-1].scores'"
    )]
    List(ListArgs),
    /// Show one check-in: scores, answers, notes, reflections, commitment
    #[command(
        after_help = concat!(check_in_names!(), "\n\nExamples:\n  motive show\n  motive show latest~1 --json\n  motive show 2026-11-22\n  motive show \"q4 before\"")
    )]
    Show(ShowArgs),
    /// Compare two check-ins: which changes exceed measurement error
    #[command(
        after_help = concat!("Each change gets a verdict: larger than measurement error, possible, little, or unknown,\nwith the threshold it rests on (see the README's Scoring section). Across banks or bank\nversions, only the statements both check-ins share word for word are compared.\nThe earlier check-in is always the \"then\" side, whichever order they are given in.\n\n", check_in_names!(), "\n\nExamples:\n  motive compare                  the two latest\n  motive compare latest~4 latest  a year of quarterly check-ins\n  motive compare 20260101 --json\n  motive compare 2026-01-15 \"after the reorg\""
    ))]
    Compare(CompareArgs),
    /// Export check-ins as JSON, CSV, or a Markdown or HTML report: all, some, or one
    #[command(
        after_help = concat!("Without CHECK-IN, exports every check-in (or those --since, --until and --last leave);\nwith one, only that check-in: its scores, notes, reflections and commitments as a\nMarkdown page, or a JSON export of one that `motive import` takes back.\n\n", check_in_names!(), "\n\nExamples:\n  motive export --format md -o review.md\n  motive export --format html -o review.html\n  motive export --format json -o backup.json\n  motive export --format md latest -o q4.md\n  motive export --format md --since 2026-01-01 -o this-year.md\n  motive export --format csv -o - | column -s, -t")
    )]
    Export(ExportArgs),
    /// Draw how your scores moved over time, as a text chart or an SVG image
    #[command(
        after_help = "One line per dimension, drawn with its own marker; dates run left to right.\nA line breaks where the bank changed (┆); life events are numbered columns (│),\nnamed in the legend (add them with motive event add).\nAs SVG, each dimension also has its own colour (the [colors] of config.toml, else\nOkabe-Ito) and dash pattern, so it prints in grey.\n\nExamples:\n  motive chart\n  motive chart --width 100 --height 25\n  motive chart --dimension purpose >> notes.md\n  motive chart --last 8\n  motive chart --format svg -o trend.svg"
    )]
    Chart(ChartArgs),
    /// A one-page brief for a conversation with your manager (private by default)
    #[command(
        after_help = "By default a brief holds only the scores, the chart and the bank's ideas: nothing you\nwrote. Name the parts you want with --include (the choice is remembered in config.toml):\n  label        the check-in's label\n  want         what you wrote about where you want to go\n  scores       the scores, with how far the latest change exceeds measurement error\n  chart        the scores over the last year\n  events       the life events you noted: since the last check-in, and over the year\n  commitments  your commitment, and how past ones went\n  help         what you wrote you would ask your manager for\n  ideas        two or three of the bank's ideas, as suggestions\n  reflections  your other reflections\n  notes        your notes on single statements\n  all          every part\n  default      scores, chart and ideas\nThe last line of a brief lists what it holds and what it leaves out.\n\nExamples:\n  motive brief\n  motive brief --include default,want,help,commitments --format html -o brief.html\n  motive brief latest~1 --include all"
    )]
    Brief(BriefArgs),
    /// Import check-ins and life events from a JSON export, or a check-in file (all or nothing)
    #[command(
        after_help = "FILE is a JSON export (`motive export --format json`) or one check-in's .toml file\n(as in the data dir's snapshots/, or written by a check-in that could not be saved).\nAn export's life events come too; one you have already (same day, same label) is skipped.\nImporting the same file twice changes nothing.\n\nExamples:\n  motive import backup.json\n  motive import ~/motive-check-in.toml"
    )]
    Import(ImportArgs),
    /// Is a check-in due? Exit 0 when due, 1 when not yet
    #[command(
        after_help = "Examples:\n  motive due\n  motive due --every 30 -q || echo \"not yet\"\n  motive due --short            for a shell prompt: \"check-in due in 12 days\"\n\nSee `motive remind` for a calendar file and scheduler snippets."
    )]
    Due(DueArgs),
    /// Life events to read your scores by: "new manager", "moved team"
    #[command(
        subcommand,
        after_help = "An event is a day, a few words, and an optional note. Each is one file in events/\nin the data dir; removing one moves it to trash/events/.\n\nExamples:\n  motive event add 2026-06-01 \"new manager\" --note \"Ana, from the platform team\"\n  motive event add today \"promotion\"\n  motive event list\n  motive event rm 20260601-1"
    )]
    Event(EventCommand),
    /// Every commitment you made, and how it went
    #[command(
        after_help = "Examples:\n  motive commitments\n  motive commitments --json | jq '.[] | select(.outcome == null)'"
    )]
    Commitments(CommitmentsArgs),
    /// Find words in what you wrote: notes, reflections, commitments, labels
    #[command(
        after_help = "Case and accents do not matter (resume finds Résumé). Every word must be in the\nsame note, reflection or commitment; quote words to find them together.\n\nExamples:\n  motive search manager\n  motive search \"tech lead\" promotion\n  motive search manager --since 2026-01-01\n  motive search migration --json | jq '.[].id'"
    )]
    Search(SearchArgs),
    /// Every answer to one reflection prompt over time, oldest first
    #[command(
        after_help = "Without PROMPT_ID, lists the prompts you have answered, with their ids.\n\nExamples:\n  motive thread\n  motive thread want"
    )]
    Thread(ThreadArgs),
    /// Things to try for each dimension: the bank's suggestions
    #[command(
        after_help = "Ideas come from the bank (`ideas` under each [[dimensions]]); the default bank is
`bank` in config.toml, else core.

Examples:
  motive ideas
  motive ideas mastery
  motive ideas --bank ./my-bank.toml"
    )]
    Ideas(IdeasArgs),
    /// Reminders to come back: a calendar file, or a scheduler snippet
    #[command(
        subcommand,
        after_help = "Nothing is installed for you: each prints what to add, and says where.\n\nExamples:\n  motive remind ics -o ~/motive.ics     then import it in your calendar app\n  motive remind systemd                 a user timer that notifies when a check-in is due\n  motive remind cron\n  motive remind launchd"
    )]
    Remind(RemindCommand),
    /// Where the settings file is; write a commented one to start from
    #[command(
        subcommand,
        after_help = "The file is $MOTIVE_CONFIG_DIR/config.toml, else ~/.config/motive/config.toml\n($XDG_CONFIG_HOME/motive). Every key is optional:\n  bank = \"quick\"         the bank motive check uses when --bank is not given\n  cadence_days = 30      days between check-ins, for the home screen and motive due\n  week_start = \"monday\"  a due date moves back to the start of its week\n  brief_include = [\"scores\", \"want\"]  the parts of motive brief (written by --include)\n  passphrase_command = \"pass show motive\"  prints the passphrase of an encrypted data dir\n  [colors]               a colour per dimension id: autonomy = \"cyan\", \"214\" or \"#5fafd7\"\nA mistake in the file stops every command except these with FILE:LINE:COL: message\nand exit status 2.\n\nExamples:\n  motive config init\n  $EDITOR \"$(motive config path)\"\n  motive config show"
    )]
    Config(ConfigCommand),
    /// Check the data dir for what keeps check-ins out of sight; --fix repairs it
    #[command(
        after_help = "Looks for:\n  Syncthing conflict copies (<id>.sync-conflict-....toml): listings skip them, so what\n    they hold is out of sight. One that differs from its check-in is adopted as a new\n    check-in; one identical to it is removed.\n  temporary files a crashed write left behind (removed; one under a minute old is left)\n  directories and files others can read or write (set to 0700 and 0600)\n  symbolic links (never followed; replace them with what they point to)\n  check-in files a listing cannot read, with the reason (left for you)\n  a missing .stignore or .gitignore (written)\nWithout --fix nothing is changed: each line says what --fix would do.\n\nExamples:\n  motive doctor\n  motive doctor --fix"
    )]
    Doctor(DoctorArgs),
    /// Print a completion script for your shell
    #[command(
        after_help = "Install it where your shell looks for completions, for example:\n  motive completions bash > ~/.local/share/bash-completion/completions/motive\n  motive completions zsh > ~/.zfunc/_motive        (with fpath+=~/.zfunc in ~/.zshrc)\n  motive completions fish > ~/.config/fish/completions/motive.fish\n  motive completions elvish >> ~/.config/elvish/rc.elv\n  motive completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff), or write one per command
    #[command(
        after_help = "Examples:\n  motive man > ~/.local/share/man/man1/motive.1 && man motive\n  motive man --dir ~/.local/share/man/man1     motive.1 and a page per command\n  motive man | man -l -                         read it without installing"
    )]
    Man(ManArgs),
    /// Encrypt the data dir with age: a passphrase, and a recovery key printed once
    #[command(
        after_help = "Every check-in, draft, event and the cache becomes <name>.age, sealed to the data dir's\nkey (key.age, locked with your passphrase) and to a recovery key printed once: write it\ndown. File names (hence dates) stay readable. Interrupted, it resumes; run again, it\nencrypts plain files that appeared since (a device without encryption).\n\nThe passphrase comes from MOTIVE_PASSPHRASE (for tests and scripts), passphrase_command\nin config.toml, or a prompt on the terminal without echo (motive and motive check ask on\ntheir unlock screen instead).\n\nExamples:\n  motive encrypt\n  motive encrypt --trash        also encrypt the deleted check-ins in trash/"
    )]
    Encrypt(EncryptArgs),
    /// Decrypt the data dir back to plain files, and remove its key
    #[command(after_help = "Example:\n  motive decrypt")]
    Decrypt,
    /// Check the passphrase, or set a new one with the recovery key
    #[command(
        after_help = "Without --recovery: says whether the passphrase opens the data dir's key.\nWith --recovery: the recovery key (from MOTIVE_RECOVERY_KEY or the terminal) opens the key,\nand a new passphrase locks it: the way back from a lost passphrase.\n\nExamples:\n  motive unlock\n  motive unlock --recovery"
    )]
    Unlock(UnlockArgs),
    /// Change the passphrase of an encrypted data dir (only key.age is rewritten)
    #[command(
        after_help = "The new passphrase comes from MOTIVE_NEW_PASSPHRASE or is asked twice on the terminal.\n\nExample:\n  motive passphrase"
    )]
    Passphrase,
}

#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// Also encrypt the deleted check-ins and events in trash/
    #[arg(long)]
    pub trash: bool,
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// Open the key with the recovery key and set a new passphrase
    #[arg(long)]
    pub recovery: bool,
}

/// When plain commands colour their output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal (not TERM=dumb) and NO_COLOR is unset or empty
    #[default]
    Auto,
    /// Colour even into a pipe or file, and even with NO_COLOR set
    Always,
    /// No colour
    Never,
}

impl Cli {
    /// Parse the command line. clap's own help and errors follow `--color`
    /// as well (it honours `NO_COLOR` by itself); clap prints and exits on
    /// `--help`, `--version` and mistakes, as `Cli::parse` would.
    #[must_use]
    pub fn parse_args() -> Self {
        let args: Vec<OsString> = std::env::args_os().collect();
        let choice = match requested_color(&args) {
            Some(ColorChoice::Always) => clap::ColorChoice::Always,
            Some(ColorChoice::Never) => clap::ColorChoice::Never,
            Some(ColorChoice::Auto) | None => clap::ColorChoice::Auto,
        };
        let matches = Self::command().color(choice).get_matches_from(args);
        Self::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}

/// The `--color` given on a command line, before clap has parsed it (the
/// last one wins, as with clap; nothing after `--` counts).
fn requested_color(args: &[OsString]) -> Option<ColorChoice> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg {
            Some("--") => break,
            Some("--color") => args.next().flatten(),
            Some(other) => other.strip_prefix("--color="),
            None => None,
        };
        if let Some(choice) = value.and_then(|v| ColorChoice::from_str(v, true).ok()) {
            found = Some(choice);
        }
    }
    found
}

impl ColorChoice {
    /// Whether to colour, given whether stdout is a terminal and the values
    /// of `NO_COLOR` and `TERM` (a `dumb` terminal shows no colour). An
    /// explicit `always` wins over both: the variables set a default, and
    /// a flag typed for one command says more.
    #[must_use]
    pub fn enabled(
        self,
        stdout_is_terminal: bool,
        no_color: Option<&OsStr>,
        term: Option<&OsStr>,
    ) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => {
                stdout_is_terminal
                    && no_color.is_none_or(OsStr::is_empty)
                    && term != Some(OsStr::new("dumb"))
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the settings file is (or would be)
    #[command(after_help = "Example:\n  $EDITOR \"$(motive config path)\"")]
    Path,
    /// Write a settings file with every key explained and commented out
    #[command(
        after_help = "The file is created with mode 0600; an existing one is never overwritten.\n\nExample:\n  motive config init && $EDITOR \"$(motive config path)\""
    )]
    Init,
    /// Print the settings in effect: the file's, or the defaults
    #[command(after_help = "Example:\n  motive config show")]
    Show,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Repair what can be repaired (under the writer lock); without it,
    /// nothing is changed
    #[arg(long)]
    pub fix: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write motive.1 and a page per command (motive-list.1, ...) into DIR
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Bank id (core, quick, or one of yours) or path to a bank file
    /// [default: `bank` in config.toml, else core]
    #[arg(long, value_name = "ID|PATH")]
    pub bank: Option<String>,
    /// A short label for this check-in, e.g. "Q4" or "new team"
    #[arg(long, value_name = "TEXT", value_parser = label)]
    pub label: Option<String>,
}

/// A `--label` a check-in can be saved with (the text policy's rule for
/// labels), refused before the check-in starts rather than when it is saved.
fn label(text: &str) -> Result<String, String> {
    let text = text.trim();
    crate::text::policy::check(text, crate::text::Kind::Paragraph)
        .map(|()| text.to_owned())
        .map_err(|refusal| format!("the label {refusal}"))
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
    #[command(flatten)]
    pub range: RangeArgs,
}

/// Which check-ins a command reads: a span of days, and the last N of it
/// (see `commands::range`).
#[derive(Debug, Clone, Default, Args)]
#[group(id = "range", multiple = true)]
pub struct RangeArgs {
    /// Only check-ins taken on or after DATE (YYYY-MM-DD, the check-in's own day)
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub since: Option<chrono::NaiveDate>,
    /// Only check-ins taken on or before DATE (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = day)]
    pub until: Option<chrono::NaiveDate>,
    /// Only the last N check-ins (of those --since and --until leave)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub last: Option<u32>,
}

/// A `--since` or `--until` day, as YYYY-MM-DD.
fn day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: write it as YYYY-MM-DD, like 2026-11-30"))
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Which check-in: an id or its prefix, latest, latest~N, a date or a label
    #[arg(default_value = "latest", value_name = "CHECK-IN")]
    pub id: String,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// One check-in, by id, date or label [default: latest~1]
    #[arg(value_name = "A")]
    pub from: Option<String>,
    /// The other [default: latest]
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
    /// The same report as one self-contained HTML page, with the chart
    /// (inline CSS and SVG, no JavaScript, nothing fetched; prints cleanly)
    Html,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to FILE (mode 0600) instead of stdout; - or /dev/stdout is stdout
    ///
    /// FILE is replaced atomically, and only when it is a regular file: a
    /// symbolic link or a device node is refused, never replaced or written
    /// through.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE even with an export of no check-ins
    ///
    /// Without it, an export that holds no check-ins (a mistyped --data-dir,
    /// say) refuses to replace an existing FILE.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Export the check-ins that can be read even when some cannot (they are
    /// named on stderr); without it, such an export fails and writes nothing
    #[arg(long)]
    pub skip_unreadable: bool,
    /// Export only this check-in: an id or its prefix, latest, latest~N, a
    /// date or a label
    #[arg(value_name = "CHECK-IN", conflicts_with = "range")]
    pub id: Option<String>,
    #[command(flatten)]
    pub range: RangeArgs,
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
    /// Text for the terminal, or an SVG image (--width and --height are for text)
    #[arg(long, value_enum, default_value_t = ChartFormat::Text)]
    pub format: ChartFormat,
    /// Write to FILE (mode 0600) instead of stdout; - is stdout
    ///
    /// FILE is replaced atomically, and only when it is a regular file: a
    /// symbolic link or a device node is refused, never replaced or written
    /// through.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub range: RangeArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartFormat {
    /// A text chart
    Text,
    /// An SVG image: the same bytes for the same check-ins
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    /// Markdown
    Md,
    /// One self-contained HTML page (inline CSS and SVG, no JavaScript), ready to print
    Html,
}

#[derive(Debug, Args)]
pub struct BriefArgs {
    /// Which check-in: an id or its prefix, latest, latest~N, a date or a label
    #[arg(default_value = "latest", value_name = "CHECK-IN")]
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,
    /// Write to FILE (mode 0600) instead of stdout; - is stdout
    ///
    /// FILE is replaced atomically, and only when it is a regular file: a
    /// symbolic link or a device node is refused, never replaced or written
    /// through.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The parts to include, by name, comma-separated (see below)
    /// [default: `brief_include` in config.toml, else scores,chart,ideas]
    #[arg(long, value_name = "PARTS", value_delimiter = ',')]
    pub include: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON export, or one check-in's .toml file
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Cadence in days [default: `cadence_days` in config.toml, else 90]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_EVERY_DAYS)))]
    pub every: Option<u32>,
    /// Print nothing; only set the exit status
    #[arg(short, long)]
    pub quiet: bool,
    /// A few words for a shell prompt ("check-in due in 12 days"); nothing
    /// while the next check-in is more than two weeks off
    #[arg(long, conflicts_with = "quiet")]
    pub short: bool,
}

#[derive(Debug, Args)]
pub struct CommitmentsArgs {
    /// As JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to find (each one must appear)
    #[arg(value_name = "WORDS", required = true)]
    pub words: Vec<String>,
    /// As JSON, for scripts
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub range: RangeArgs,
}

#[derive(Debug, Args)]
pub struct ThreadArgs {
    /// The prompt's id (`motive thread` lists them)
    #[arg(value_name = "PROMPT_ID")]
    pub prompt: Option<String>,
    /// As JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IdeasArgs {
    /// Only this dimension's ideas (its id: autonomy, mastery...)
    #[arg(value_name = "DIMENSION")]
    pub dimension: Option<String>,
    /// Bank id or path to a bank file [default: `bank` in config.toml, else core]
    #[arg(long, value_name = "ID|PATH")]
    pub bank: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EventCommand {
    /// Add an event: a day (YYYY-MM-DD or today) and a few words
    Add {
        /// The day it happened (or will), as YYYY-MM-DD, or today
        #[arg(value_name = "DATE")]
        date: String,
        /// A few words, shown on charts ("new manager")
        #[arg(value_name = "LABEL")]
        label: String,
        /// More about it, for you
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Every event, oldest first
    List {
        /// As JSON, for scripts
        #[arg(long)]
        json: bool,
    },
    /// Move an event to trash/events/ in the data dir
    Rm {
        /// The event's id, as `motive event list` shows it (20260601-1)
        #[arg(value_name = "ID")]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RemindCommand {
    /// An iCalendar file (.ics) with the next due date, repeating at your cadence
    Ics {
        /// Cadence in days [default: `cadence_days` in config.toml, else 90]
        #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_EVERY_DAYS)))]
        every: Option<u32>,
        /// Write to FILE (mode 0600) instead of stdout; - is stdout
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A systemd user service and timer that notify when a check-in is due
    Systemd,
    /// A crontab line that notifies when a check-in is due
    Cron,
    /// A launchd agent (macOS) that notifies when a check-in is due
    Launchd,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::ColorChoice;
    use std::ffi::OsStr;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn the_colour_flag_is_found_before_clap_parses() {
        use super::requested_color;
        let args = |line: &str| -> Vec<std::ffi::OsString> {
            line.split(' ').map(std::ffi::OsString::from).collect()
        };
        assert_eq!(requested_color(&args("motive list")), None);
        assert_eq!(
            requested_color(&args("motive --color never list --help")),
            Some(ColorChoice::Never)
        );
        assert_eq!(
            requested_color(&args("motive list --color=always")),
            Some(ColorChoice::Always)
        );
        assert_eq!(
            requested_color(&args("motive --color never --color always")),
            Some(ColorChoice::Always)
        );
        assert_eq!(
            requested_color(&args("motive bank validate -- --color=never")),
            None
        );
    }

    #[test]
    fn colour_follows_the_flag_then_the_terminal_then_no_color() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        // auto: only a terminal, and only without a non-empty NO_COLOR
        let xterm = Some(OsStr::new("xterm-256color"));
        let dumb = Some(OsStr::new("dumb"));
        assert!(ColorChoice::Auto.enabled(true, None, xterm));
        assert!(ColorChoice::Auto.enabled(true, empty, None));
        assert!(!ColorChoice::Auto.enabled(true, set, xterm));
        assert!(!ColorChoice::Auto.enabled(false, None, xterm));
        // auto: a dumb terminal gets no colour
        assert!(!ColorChoice::Auto.enabled(true, None, dumb));
        // always beats all; never beats all
        assert!(ColorChoice::Always.enabled(false, set, dumb));
        assert!(!ColorChoice::Never.enabled(true, None, xterm));
    }
}
