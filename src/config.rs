//! The optional settings file: `config.toml` in the config dir.
//!
//! Every key is optional and a missing file means the defaults. Anything
//! motive cannot use (a misspelt key, a value of the wrong kind) is an error
//! naming the file, line, column and key, so a setting is never silently
//! ignored. Plain Rust: no terminal here.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::Weekday;
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use toml::Spanned;

use crate::bank::load::{is_valid_id, position_of};
use crate::brief::Part;
use crate::cadence::{MAX_EVERY_DAYS, Schedule};
use crate::store::regular::{self, Links, ReadError};

pub mod color;

pub use color::{ColorSetting, DimensionColors};

/// The file's name inside the config dir.
pub const FILE_NAME: &str = "config.toml";

/// The bank `motive check` uses when neither `--bank` nor `bank` says otherwise.
pub const DEFAULT_BANK: &str = "core";

/// Days between check-ins when `cadence_days` is not set.
pub const DEFAULT_CADENCE_DAYS: u32 = 90;

/// Every top-level key, in the order the template lists them.
pub const KEYS: [&str; 6] = [
    "bank",
    "cadence_days",
    "week_start",
    "brief_include",
    "passphrase_command",
    "colors",
];

/// A settings file is a few lines; anything this big is the wrong file.
const MAX_FILE_BYTES: u64 = 64 * 1024;

/// The days `week_start` accepts, in order.
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The settings, each `None` (or empty) when the file does not set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Bank id or path for `motive check` without `--bank`. A relative path
    /// is already resolved against the config file's folder.
    pub bank: Option<String>,
    /// Days from one check-in to the next.
    pub cadence_days: Option<u32>,
    /// The day a week begins on; due dates move back to it.
    pub week_start: Option<Weekday>,
    /// The parts `motive brief` includes without `--include`: the last
    /// choice made, remembered by [`remember_brief_include`].
    pub brief_include: Option<Vec<Part>>,
    /// A colour per dimension id, in file order.
    pub colors: Vec<(String, ColorSetting)>,
    /// A shell command that prints the passphrase of an encrypted data dir;
    /// run (with `sh -c`) only by commands that decrypt.
    pub passphrase_command: Option<String>,
}

/// Why the settings file cannot be used: one line, `FILE:LINE:COL: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The file is there but the system would not let us read it (a
    /// permission, a disk error), as opposed to a mistake in its text.
    pub unreadable: bool,
    /// The other mistakes in the same file, in file order: all are
    /// reported at once, one line each, as a bank's are.
    pub more: Vec<ConfigError>,
}

impl ConfigError {
    /// The exit status this failure ends a command with (see [`crate::exit`]).
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self.unreadable {
            crate::exit::SYSTEM
        } else {
            crate::exit::INPUT
        }
    }
}

impl fmt::Display for ConfigError {
    /// One line per mistake: `FILE:LINE:COL: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(
                f,
                "{}:{line}:{column}: {}",
                self.path.display(),
                self.message
            )?,
            None => write!(f, "{}: {}", self.path.display(), self.message)?,
        }
        for more in &self.more {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

impl ConfigError {
    /// Every mistake in `errors` (in file order) as one error; `None` when
    /// there is none.
    fn all(mut errors: Vec<ConfigError>) -> Option<ConfigError> {
        errors.sort_by_key(|e| e.position);
        let mut errors = errors.into_iter();
        let mut first = errors.next()?;
        first.more = errors.collect();
        Some(first)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Where the settings file lives for `config_dir`.
    #[must_use]
    pub fn path_in(config_dir: &Path) -> PathBuf {
        config_dir.join(FILE_NAME)
    }

    /// Read the settings at `path`; a missing file gives the defaults.
    ///
    /// # Errors
    /// The file exists but cannot be read, is not UTF-8 or not TOML, or holds
    /// a key or value motive does not accept.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let whole = |message: String| ConfigError {
            path: path.to_owned(),
            position: None,
            message,
            unreadable: false,
            more: Vec::new(),
        };
        // A regular file only: a FIFO or a device in its place is refused at
        // once instead of hanging every command.
        let bytes = match regular::read(path, MAX_FILE_BYTES, Links::Follow) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(ReadError::Io(e)) => {
                return Err(ConfigError {
                    // The system said no; a FIFO in its place is a wrong file.
                    unreadable: !regular::is_refusal(&e),
                    ..whole(format!("cannot read the settings file: {e}"))
                });
            }
            Err(ReadError::TooLarge { .. }) => {
                return Err(whole(format!(
                    "larger than {} KiB; a settings file is a few lines, is this the right file?",
                    MAX_FILE_BYTES / 1024
                )));
            }
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| whole("not UTF-8 text; save it as UTF-8".to_owned()))?;
        Self::parse(&text, path)
    }

    /// Parse the text of a settings file found at `path` (named in errors;
    /// relative bank paths are taken from its folder).
    ///
    /// # Errors
    /// As [`Config::load`], for everything but reading.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        let at = |offset: usize, message: String| ConfigError {
            path: path.to_owned(),
            position: Some(position_of(text, offset)),
            message,
            unreadable: false,
            more: Vec::new(),
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let message = unknown_key_message(e.message())
                .unwrap_or_else(|| e.message().trim().replace('\n', " "));
            match e.span() {
                Some(span) => at(span.start, message),
                None => ConfigError {
                    path: path.to_owned(),
                    position: None,
                    message,
                    unreadable: false,
                    more: Vec::new(),
                },
            }
        })?;
        // Every mistake is found before any is reported.
        let mut errors: Vec<ConfigError> = unknown_keys(text)
            .into_iter()
            .map(|(offset, message)| at(offset, message))
            .collect();

        let mut config = Self::default();
        if let Some(value) = raw.bank {
            let start = value.span().start;
            let bank = match value.get_ref() {
                toml::Value::String(s) if !s.trim().is_empty() && !s.contains(['\n', '\r']) => {
                    s.trim().to_owned()
                }
                other => {
                    errors.push(at(
                        start,
                        format!(
                            "`bank` must be a bank id or a path to a bank file, in quotes (bank = \"quick\"); found {}",
                            describe(other)
                        ),
                    ));
                    String::new()
                }
            };
            if !bank.is_empty() {
                config.bank = Some(relative_to(&bank, path));
            }
        }
        if let Some(value) = raw.cadence_days {
            let start = value.span().start;
            let days = match value.get_ref() {
                toml::Value::Integer(n) => u32::try_from(*n)
                    .ok()
                    .filter(|n| (1..=MAX_EVERY_DAYS).contains(n)),
                _ => None,
            };
            match days {
                Some(days) => config.cadence_days = Some(days),
                None => errors.push(at(
                    start,
                    format!(
                        "`cadence_days` must be a whole number of days from 1 to {MAX_EVERY_DAYS} (cadence_days = 90); found {}",
                        describe(value.get_ref())
                    ),
                )),
            }
        }
        if let Some(value) = raw.week_start {
            let start = value.span().start;
            let day = match value.get_ref() {
                toml::Value::String(s) => WEEKDAYS
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(s.trim()))
                    .map(|(_, day)| *day),
                _ => None,
            };
            match day {
                Some(day) => config.week_start = Some(day),
                None => errors.push(at(
                    start,
                    format!(
                        "`week_start` must be a day of the week, monday to sunday (week_start = \"monday\"); found {}",
                        describe(value.get_ref())
                    ),
                )),
            }
        }
        if let Some(value) = raw.passphrase_command {
            config.passphrase_command = Some(match value.get_ref() {
                toml::Value::String(s) if !s.trim().is_empty() && !s.contains(['\n', '\r']) => {
                    s.trim().to_owned()
                }
                other => {
                    return Err(at(
                        value.span().start,
                        format!(
                            "`passphrase_command` must be a shell command in quotes (passphrase_command = \"pass show motive\"); found {}",
                            describe(other)
                        ),
                    ));
                }
            });
        }
        if let Some(value) = raw.brief_include {
            match brief_include(value.get_ref()) {
                Ok(parts) => config.brief_include = Some(parts),
                Err(message) => {
                    errors.push(at(value.span().start, format!("`brief_include` {message}")));
                }
            }
        }
        if let Some(colors) = raw.colors {
            for (id, value) in colors.into_inner().0 {
                if !is_valid_id(id.get_ref()) {
                    errors.push(at(
                        id.span().start,
                        format!(
                            "`colors.{}`: not a dimension id (lowercase letters, digits and '-')",
                            id.get_ref().escape_debug()
                        ),
                    ));
                    continue;
                }
                let color = match value.get_ref() {
                    toml::Value::String(s) => ColorSetting::from_str(s.trim()).ok(),
                    // `autonomy = 74` means the 256-colour index, as "74" does.
                    toml::Value::Integer(n) => u8::try_from(*n).ok().map(ColorSetting::Indexed),
                    _ => None,
                };
                let Some(color) = color else {
                    errors.push(at(
                        value.span().start,
                        format!(
                            "`colors.{}` must be a colour: a name (\"cyan\", \"light-blue\"), a 256-colour index (\"214\") or \"#rrggbb\"; found {}",
                            id.get_ref(),
                            describe(value.get_ref())
                        ),
                    ));
                    continue;
                };
                config.colors.push((id.into_inner(), color));
            }
        }
        match ConfigError::all(errors) {
            Some(error) => Err(error),
            None => Ok(config),
        }
    }

    /// The bank `motive check` uses without `--bank`.
    #[must_use]
    pub fn bank(&self) -> &str {
        self.bank.as_deref().unwrap_or(DEFAULT_BANK)
    }

    /// Days from one check-in to the next.
    #[must_use]
    pub fn cadence_days(&self) -> u32 {
        self.cadence_days.unwrap_or(DEFAULT_CADENCE_DAYS)
    }

    /// When check-ins fall due; `every` (from `--every`) wins over the file.
    #[must_use]
    pub fn schedule(&self, every: Option<u32>) -> Schedule {
        Schedule {
            every_days: every.unwrap_or_else(|| self.cadence_days()),
            week_start: self.week_start,
        }
    }

    /// The default dimension colours with the file's choices laid over them.
    #[must_use]
    pub fn dimension_colors(&self) -> DimensionColors {
        let mut colors = DimensionColors::default();
        for (id, color) in &self.colors {
            match colors.fixed.iter_mut().find(|(fixed, _)| fixed == id) {
                Some(slot) => slot.1 = *color,
                None => colors.fixed.push((id.clone(), *color)),
            }
        }
        colors
    }

    /// The effective settings as TOML, each default marked as such.
    #[must_use]
    pub fn describe(&self) -> String {
        let mark = |set: bool| if set { "" } else { "  # default" };
        let mut out = format!(
            "bank = {}{}\ncadence_days = {}{}\n",
            toml_string(self.bank()),
            mark(self.bank.is_some()),
            self.cadence_days(),
            mark(self.cadence_days.is_some()),
        );
        match self.week_start {
            Some(day) => out.push_str(&format!("week_start = \"{}\"\n", day_name(day))),
            None => out.push_str("# week_start is not set: due dates are not moved\n"),
        }
        let parts = self.brief_include.as_deref().unwrap_or(&Part::DEFAULT);
        let names: Vec<String> = parts.iter().map(|p| toml_string(p.name())).collect();
        out.push_str(&format!(
            "brief_include = [{}]{}\n",
            names.join(", "),
            mark(self.brief_include.is_some())
        ));
        match &self.passphrase_command {
            Some(command) => {
                out.push_str(&format!("passphrase_command = {}\n", toml_string(command)))
            }
            None => out.push_str(
                "# passphrase_command is not set: an encrypted data dir asks on the terminal\n",
            ),
        }
        out.push_str("\n[colors]\n");
        for (id, color) in &self.dimension_colors().fixed {
            let set = self.colors.iter().any(|(own, _)| own == id);
            out.push_str(&format!("{id} = \"{color}\"{}\n", mark(set)));
        }
        out
    }
}

/// A day as `week_start` writes it: `monday`.
#[must_use]
pub fn day_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("monday", |(name, _)| name)
}

/// The commented default file `motive config init` writes: every key is
/// there, commented out, at its default value.
#[must_use]
pub fn template() -> String {
    let colors = DimensionColors::default();
    let color_of = |id: &str| colors.color(id, 0).to_string();
    format!(
        r##"# Settings for motive. Every key is optional: delete the "# " in front of
# one to use it. `motive config show` prints what motive makes of this file,
# and a mistake here is reported with its line, never silently skipped.

# The question bank `motive check` (and Enter on the home screen) uses when
# no --bank is given: a built-in id (core, quick), the id of a bank of yours
# in the banks/ folder beside this file, or the path to a bank file
# (a relative path starts from this file's folder).
# bank = "{DEFAULT_BANK}"

# How many days after one check-in the next falls due, for the home screen
# and `motive due` (where --every still wins). A whole number from 1 up.
# cadence_days = {DEFAULT_CADENCE_DAYS}

# Name the day your week begins on to have a check-in fall due at the start
# of a week: the due date moves back to that day of its week. Leave it out
# to keep the exact date. Any day from monday to sunday.
# week_start = "monday"

# The parts `motive brief` holds when --include is not given. motive writes
# this line itself whenever you pass --include, to remember your choice.
# Parts: label, want, scores, chart, events, commitments, help, ideas,
# reflections, notes. By default only the ones that hold nothing you wrote.
# brief_include = ["scores", "chart", "ideas"]

# The colour of each dimension on the screens and in `motive chart`; any
# dimension id of any bank may be given one. A colour is a name ("cyan",
# "light-blue"), a 256-colour index ("214") or "#rrggbb". The defaults come
# from a palette made to stay apart for colour-blind eyes, so keep that in
# mind when changing them.
# For an encrypted data dir (`motive encrypt`): a command that prints the
# passphrase, run with `sh -c` only by commands that decrypt. Without it,
# motive asks on the terminal (MOTIVE_PASSPHRASE is for tests and scripts).
# passphrase_command = "pass show motive"

# [colors]
# autonomy = "{}"
# mastery = "{}"
# purpose = "{}"
"##,
        color_of("autonomy"),
        color_of("mastery"),
        color_of("purpose"),
    )
}

/// The file as serde sees it: only the known keys, each value kept raw with
/// its place in the file so the checks below can point at it.
/// Unknown keys are found by [`unknown_keys`], all of them at once.
#[derive(Deserialize)]
struct Raw {
    bank: Option<Spanned<toml::Value>>,
    cadence_days: Option<Spanned<toml::Value>>,
    week_start: Option<Spanned<toml::Value>>,
    brief_include: Option<Spanned<toml::Value>>,
    colors: Option<Spanned<RawColors>>,
    passphrase_command: Option<Spanned<toml::Value>>,
}

/// `[colors]`: dimension ids and colours, in file order, with their places.
struct RawColors(Vec<(Spanned<String>, Spanned<toml::Value>)>);

impl<'de> Deserialize<'de> for RawColors {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = RawColors;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`colors` to be a table of dimension ids and colours ([colors])")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawColors, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(RawColors(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// `brief_include`: an array of part names, each once.
fn brief_include(value: &toml::Value) -> Result<Vec<Part>, String> {
    let known = || {
        Part::ALL
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(items) = value.as_array() else {
        return Err(format!(
            "must be a list of part names (brief_include = [\"scores\", \"want\"]); found {}",
            describe(value)
        ));
    };
    let mut parts = Vec::new();
    for item in items {
        let part = item.as_str().and_then(|name| Part::from_name(name.trim()));
        match part {
            Some(part) if !parts.contains(&part) => parts.push(part),
            Some(part) => return Err(format!("names `{}` twice", part.name())),
            None => {
                return Err(format!(
                    "holds {}, not a part; parts are {}",
                    describe(item),
                    known()
                ));
            }
        }
    }
    parts.sort();
    Ok(parts)
}

/// Remember `parts` as `brief_include` in the settings file at `path`: the
/// key's line is replaced (or added before the first table), and every
/// other line, comment and key is kept as it was. The file is written
/// atomically, and only when the result still reads as valid settings.
///
/// # Errors
/// The file cannot be read or written, or the edit would not parse (the
/// file is then left as it was).
pub fn remember_brief_include(path: &Path, parts: &[Part]) -> std::io::Result<()> {
    let text = match regular::read(path, MAX_FILE_BYTES, Links::Follow) {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"))?,
        Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(ReadError::Io(e)) => return Err(e),
        Err(ReadError::TooLarge { .. }) => {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "the settings file is too large",
            ));
        }
    };
    let names: Vec<String> = parts.iter().map(|p| toml_string(p.name())).collect();
    let line = format!("brief_include = [{}]", names.join(", "));
    let updated = with_brief_include(&text, &line);
    Config::parse(&updated, path)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.message))?;
    if let Some(dir) = path.parent() {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    crate::store::atomic::write(
        path,
        updated.as_bytes(),
        crate::store::atomic::Mode::Replace,
    )
}

/// `text` with its top-level `brief_include` (one line, or an array over
/// several) replaced by `line`, or `line` added before the first table.
fn with_brief_include(text: &str, line: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut lines = text.lines();
    let mut placed = false;
    while let Some(current) = lines.next() {
        let trimmed = current.trim_start();
        if !placed && trimmed.starts_with('[') {
            out.push(line);
            placed = true;
        }
        let is_key = trimmed
            .strip_prefix("brief_include")
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if !placed && is_key {
            out.push(line);
            placed = true;
            let mut open = current.matches('[').count() > current.matches(']').count();
            while open {
                let Some(next) = lines.next() else { break };
                open = !next.contains(']');
            }
            continue;
        }
        out.push(current);
    }
    if !placed {
        out.push(line);
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

/// Every top-level key of `text` that is not a setting, with its offset
/// and the message that says so (the text is valid TOML).
fn unknown_keys(text: &str) -> Vec<(usize, String)> {
    let Ok(table) = toml::de::DeTable::parse(text) else {
        return Vec::new();
    };
    table
        .get_ref()
        .keys()
        .filter(|key| !KEYS.contains(&key.get_ref().as_ref()))
        .filter_map(|key| {
            let message = unknown_key_message(&format!("unknown field `{}`", key.get_ref()))?;
            Some((key.span().start, message))
        })
        .collect()
}

/// serde's "unknown field `x`, expected ..." in motive's words.
fn unknown_key_message(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let key = &rest[..rest.find('`')?];
    Some(format!(
        "unknown key `{}`, expected one of {}",
        key.escape_debug(),
        KEYS.join(", ")
    ))
}

/// A value as an error message shows it: its kind, and short text in full.
fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) if s.chars().count() <= 40 => {
            format!("\"{}\"", s.escape_debug())
        }
        toml::Value::Integer(n) => n.to_string(),
        other => format!("{} {}", article(other.type_str()), other.type_str()),
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A bank path relative to the settings file's folder; ids and absolute
/// paths unchanged.
fn relative_to(bank: &str, config_file: &Path) -> String {
    let looks_like_path = bank.contains(std::path::MAIN_SEPARATOR) || bank.ends_with(".toml");
    match config_file.parent() {
        Some(dir) if looks_like_path && Path::new(bank).is_relative() => {
            dir.join(bank).display().to_string()
        }
        _ => bank.to_owned(),
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/home/me/.config/motive/config.toml"))
    }

    fn error(text: &str) -> String {
        parse(text).expect_err("an error").to_string()
    }

    #[test]
    fn a_missing_file_means_the_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config::load(&dir.path().join(FILE_NAME)).expect("defaults");
        assert_eq!(config, Config::default());
        assert_eq!(config.bank(), "core");
        assert_eq!(config.cadence_days(), 90);
        assert_eq!(
            config.schedule(None),
            Schedule {
                every_days: 90,
                week_start: None
            }
        );
        assert_eq!(config.dimension_colors(), DimensionColors::default());
        // An empty file, or one of comments, too.
        assert_eq!(parse("").expect("empty"), Config::default());
        assert_eq!(parse("# nothing\n\n").expect("comments"), Config::default());
    }

    #[test]
    fn every_key_is_read() {
        let config = parse(
            "bank = \"quick\"\ncadence_days = 30\nweek_start = \"Sunday\"\n\n[colors]\nautonomy = \"light-blue\"\npurpose = \"#5fafd7\"\ncraft = \"214\"\nteam = 33\n",
        )
        .expect("valid");
        assert_eq!(config.bank(), "quick");
        assert_eq!(config.cadence_days(), 30);
        assert_eq!(config.week_start, Some(Weekday::Sun));
        assert_eq!(
            config.schedule(Some(7)),
            Schedule {
                every_days: 7,
                week_start: Some(Weekday::Sun)
            },
            "--every wins over the file"
        );
        let colors = config.dimension_colors();
        assert_eq!(
            colors.color("autonomy", 0),
            ColorSetting::Named(color::Named::LightBlue)
        );
        assert_eq!(
            colors.color("purpose", 0),
            ColorSetting::Rgb(0x5f, 0xaf, 0xd7)
        );
        assert_eq!(colors.color("craft", 0), ColorSetting::Indexed(214));
        assert_eq!(colors.color("team", 0), ColorSetting::Indexed(33));
        // untouched: the default
        assert_eq!(
            colors.color("mastery", 0),
            DimensionColors::default().color("mastery", 0)
        );
    }

    #[test]
    fn week_start_takes_any_day_in_any_case() {
        for (name, day) in WEEKDAYS {
            for written in [name.to_owned(), name.to_uppercase()] {
                let config = parse(&format!("week_start = \"{written}\"")).expect(name);
                assert_eq!(config.week_start, Some(day));
            }
        }
    }

    #[test]
    fn a_relative_bank_path_starts_from_the_config_folder() {
        let config = parse("bank = \"banks/team.toml\"").expect("valid");
        assert_eq!(config.bank(), "/home/me/.config/motive/banks/team.toml");
        let config = parse("bank = \"/srv/banks/team.toml\"").expect("valid");
        assert_eq!(config.bank(), "/srv/banks/team.toml");
        let config = parse("bank = \"team\"").expect("valid");
        assert_eq!(config.bank(), "team");
    }

    #[test]
    fn an_unknown_key_is_named_with_its_place() {
        assert_eq!(
            error("bank = \"core\"\n\ncadense = 30\n"),
            "/home/me/.config/motive/config.toml:3:1: unknown key `cadense`, expected one of bank, cadence_days, week_start, brief_include, passphrase_command, colors"
        );
        assert_eq!(
            error("[colours]\nautonomy = \"cyan\"\n"),
            "/home/me/.config/motive/config.toml:1:2: unknown key `colours`, expected one of bank, cadence_days, week_start, brief_include, passphrase_command, colors"
        );
    }

    #[test]
    fn a_wrong_value_names_its_line_and_key() {
        let cases = [
            ("cadence_days = 0", "1:16:", "`cadence_days`", "found 0"),
            ("cadence_days = -3", "1:16:", "`cadence_days`", "found -3"),
            ("cadence_days = 36501", "1:16:", "`cadence_days`", "36501"),
            (
                "\ncadence_days = \"90\"",
                "2:16:",
                "`cadence_days`",
                "found \"90\"",
            ),
            (
                "cadence_days = 1.5",
                "1:16:",
                "`cadence_days`",
                "found a float",
            ),
            (
                "week_start = \"someday\"",
                "1:14:",
                "`week_start`",
                "found \"someday\"",
            ),
            ("week_start = \"mon\"", "1:14:", "`week_start`", "\"mon\""),
            ("week_start = 1", "1:14:", "`week_start`", "found 1"),
            ("bank = 3", "1:8:", "`bank`", "found 3"),
            ("bank = \"\"", "1:8:", "`bank`", "found \"\""),
            ("bank = [\"core\"]", "1:8:", "`bank`", "found an array"),
            (
                "[colors]\nautonomy = \"blurple\"",
                "2:12:",
                "`colors.autonomy`",
                "found \"blurple\"",
            ),
            (
                "[colors]\nmastery = 256",
                "2:11:",
                "`colors.mastery`",
                "found 256",
            ),
            (
                "[colors]\npurpose = true",
                "2:11:",
                "`colors.purpose`",
                "found a boolean",
            ),
            (
                "[colors]\nAutonomy = \"red\"",
                "2:1:",
                "`colors.Autonomy`",
                "dimension id",
            ),
            ("colors = \"red\"", "1:10:", "`colors`", "table"),
        ];
        for (text, place, key, detail) in cases {
            let message = error(text);
            let expected = format!("/home/me/.config/motive/config.toml:{place} ");
            assert!(message.starts_with(&expected), "{text}: {message}");
            assert!(message.contains(key), "{text}: {message}");
            assert!(message.contains(detail), "{text}: {message}");
            assert!(!message.contains('\n'), "one line: {message}");
        }
    }

    #[test]
    fn every_mistake_is_reported_at_once_in_file_order() {
        let message = error(
            "week_start = \"someday\"\nfoo = 1\ncadence_days = 0\n[colors]\nautonomy = \"blurple\"\n",
        );
        let places: Vec<&str> = message
            .lines()
            .map(|l| {
                let rest = l
                    .strip_prefix("/home/me/.config/motive/config.toml:")
                    .expect(l);
                rest.split(": ").next().expect("a place")
            })
            .collect();
        assert_eq!(places, ["1:14", "2:1", "3:16", "5:12"], "{message}");
        assert!(message.contains("unknown key `foo`"), "{message}");
    }

    #[test]
    fn broken_toml_is_one_line_with_a_place() {
        let message = error("bank = \"core\"\ncadence_days = \n");
        assert!(
            message.starts_with("/home/me/.config/motive/config.toml:2:"),
            "{message}"
        );
        assert!(!message.contains('\n'), "{message}");
        let message = error("bank = \"core\"\nbank = \"quick\"\n");
        assert!(message.contains(":2:"), "duplicate key: {message}");
    }

    #[test]
    fn unreadable_files_are_errors_not_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        // a directory where the file should be
        let message = Config::load(dir.path()).expect_err("a dir").to_string();
        assert!(message.contains("cannot read"), "{message}");
        let binary = dir.path().join("binary.toml");
        std::fs::write(&binary, b"bank = \"\xff\"").expect("write");
        let message = Config::load(&binary).expect_err("not UTF-8").to_string();
        assert!(message.contains("UTF-8"), "{message}");
        let huge = dir.path().join("huge.toml");
        std::fs::write(&huge, "# padding\n".repeat(10_000)).expect("write");
        let message = Config::load(&huge).expect_err("too big").to_string();
        assert!(message.contains("KiB"), "{message}");
    }

    #[test]
    fn the_template_loads_commented_and_uncommented() {
        let text = template();
        assert_eq!(parse(&text).expect("as written"), Config::default());
        for key in KEYS {
            assert!(text.contains(&format!("# {key}")) || text.contains(&format!("# [{key}]")));
        }
        // Every setting uncommented gives the defaults, written out.
        let uncommented: String = text
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if rest.starts_with('[') || rest.contains(" = ") => rest,
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let config = parse(&uncommented).expect("uncommented");
        assert_eq!(config.bank(), DEFAULT_BANK);
        assert_eq!(config.cadence_days(), DEFAULT_CADENCE_DAYS);
        assert_eq!(config.week_start, Some(Weekday::Mon));
        assert_eq!(config.colors.len(), 3);
        assert_eq!(config.dimension_colors(), DimensionColors::default());
    }

    #[test]
    fn describe_is_valid_toml_for_the_same_settings() {
        let config =
            parse("cadence_days = 14\nweek_start = \"friday\"\n[colors]\ncraft = \"light-blue\"\n")
                .expect("valid");
        let shown = config.describe();
        assert!(shown.contains("cadence_days = 14\n"), "{shown}");
        assert!(shown.contains("bank = \"core\"  # default"), "{shown}");
        let again = parse(&shown).expect("describe reads back");
        assert_eq!(again.cadence_days(), 14);
        assert_eq!(again.week_start, Some(Weekday::Fri));
        assert_eq!(again.dimension_colors(), config.dimension_colors());
    }

    #[test]
    fn brief_include_takes_part_names_once_each() {
        let path = Path::new("/c/config.toml");
        let config =
            Config::parse("brief_include = [\"want\", \"scores\"]\n", path).expect("valid");
        assert_eq!(config.brief_include, Some(vec![Part::Want, Part::Scores]));
        let config = Config::parse("brief_include = []\n", path).expect("valid");
        assert_eq!(config.brief_include, Some(vec![]));
        let err = |text: &str| Config::parse(text, path).expect_err("refused").to_string();
        assert_eq!(
            err("brief_include = [\"want\", \"want\"]"),
            "/c/config.toml:1:17: `brief_include` names `want` twice"
        );
        assert_eq!(
            err("brief_include = \"want\""),
            "/c/config.toml:1:17: `brief_include` must be a list of part names \
             (brief_include = [\"scores\", \"want\"]); found \"want\""
        );
    }

    #[test]
    fn remembering_brief_include_keeps_every_other_line() {
        let line = "brief_include = [\"want\"]";
        assert_eq!(with_brief_include("", line), "brief_include = [\"want\"]\n");
        assert_eq!(
            with_brief_include("# hi\nbank = \"quick\"", line),
            "# hi\nbank = \"quick\"\nbrief_include = [\"want\"]\n"
        );
        assert_eq!(
            with_brief_include(
                "brief_include = [\n  \"notes\",\n]\n# brief_include = [\"x\"]\n[colors]\na = \"red\"\n",
                line
            ),
            "brief_include = [\"want\"]\n# brief_include = [\"x\"]\n[colors]\na = \"red\"\n"
        );
    }
}
