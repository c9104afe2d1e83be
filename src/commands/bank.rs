//! `motive bank`: list, show, validate and create question banks.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::format::shell_quote;
use super::{Ctx, Error};
use crate::bank::load::{self, Diagnostic};
use crate::bank::resolve::{self, Origin};
use crate::bank::{Bank, builtin};
use crate::cli::BankCommand;
use crate::store::atomic::{self, Mode};
use crate::text;

/// The commented template written by `motive bank init`.
pub const TEMPLATE: &str = include_str!("../../assets/banks/template.toml");
/// The id line of [`TEMPLATE`], replaced by one derived from the file name.
const TEMPLATE_ID_LINE: &str = "id = \"my-bank\"";
/// Width used to wrap descriptions in `bank show`.
const WRAP: usize = 78;
/// Titles longer than this are shortened in `bank list`.
const TITLE_WIDTH: usize = 40;
/// Versions longer than this are shortened in `bank list`.
const VERSION_WIDTH: usize = 16;

/// Run `motive bank ...`.
///
/// # Errors
/// Unknown or invalid bank, or a file that cannot be written (exit 2).
pub fn run(args: &BankCommand, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    match args {
        BankCommand::List => list(ctx),
        BankCommand::Show { bank } => show(bank, ctx),
        BankCommand::Validate { paths } => validate(paths, ctx),
        BankCommand::Init { path } => init(path, ctx),
    }
}

/// Load `--bank ID|PATH` for a command: every problem goes to `ctx.err`, and
/// the error says how many there were.
///
/// # Errors
/// The bank cannot be found or is invalid.
pub fn load_bank(spec: &str, ctx: &mut Ctx<'_>) -> Result<(Bank, Origin), Error> {
    match resolve::resolve_with_origin(spec, &ctx.config_dir) {
        Ok(found) => Ok(found),
        Err(mut diagnostics) if diagnostics.len() <= 1 => {
            Err(Error::input(diagnostics.pop().map_or_else(
                || format!("{spec}: cannot load this bank"),
                |d| d.to_string(),
            )))
        }
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                writeln!(ctx.err, "{diagnostic}")?;
            }
            Err(Error::input(format!(
                "{spec}: not a valid bank ({}, listed above)",
                crate::text::count(diagnostics.len(), "problem", "problems")
            )))
        }
    }
}

fn list(ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let mut rows: Vec<(Bank, Origin)> = builtin::all()
        .into_iter()
        .map(|bank| (bank, Origin::Builtin))
        .collect();
    match resolve::user_banks(&ctx.config_dir) {
        Ok(users) => {
            for user in users {
                match user.bank {
                    Ok(bank) => rows.push((bank, Origin::File(user.path))),
                    Err(diagnostics) => warn_skipped(&user.path, &diagnostics, ctx)?,
                }
            }
        }
        Err(diagnostic) => writeln!(ctx.err, "warning: {diagnostic}")?,
    }
    let header = [
        "ID",
        "VERSION",
        "TITLE",
        "STATEMENTS",
        "REFLECTIONS",
        "ORIGIN",
    ]
    .map(str::to_owned);
    let rows = rows.iter().map(|(bank, origin)| {
        [
            text::escape_line(&bank.id).into_owned(),
            text::shorten(&text::escape_line(&bank.version), VERSION_WIDTH),
            text::shorten(&text::escape_line(&bank.title), TITLE_WIDTH),
            bank.questions.len().to_string(),
            bank.reflections.len().to_string(),
            origin.describe(),
        ]
    });
    let rows: Vec<[String; 6]> = std::iter::once(header).chain(rows).collect();
    for line in table_lines(
        &rows,
        [
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Left,
        ],
    ) {
        writeln!(ctx.out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    Left,
    Right,
}

/// Rows laid out in columns two spaces apart, sized by display width. The
/// last column is not padded, so lines carry no trailing spaces.
fn table_lines<const N: usize>(rows: &[[String; N]], align: [Align; N]) -> Vec<String> {
    let mut widths = [0; N];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    rows.iter()
        .map(|row| {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                let last = column + 1 == N;
                let pad = " ".repeat(widths[column].saturating_sub(cell.width()));
                if column > 0 {
                    line.push_str("  ");
                }
                match align[column] {
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                    Align::Left if last => line.push_str(cell),
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                }
            }
            line
        })
        .collect()
}

/// One line on stderr for a user bank that cannot be used.
fn warn_skipped(path: &Path, diagnostics: &[Diagnostic], ctx: &mut Ctx<'_>) -> Result<(), Error> {
    let first = diagnostics
        .first()
        .map_or_else(|| text::escape_path(path), ToString::to_string);
    let more = match diagnostics.len() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    writeln!(
        ctx.err,
        "warning: skipped {first}{more}; check it with: motive bank validate {}",
        shell_quote(&text::escape_path(path))
    )?;
    Ok(())
}

fn show(spec: &str, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let (bank, origin) = load_bank(spec, ctx)?;
    ctx.out.write_all(render_bank(&bank, &origin).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `bank show` as text.
#[must_use]
pub fn render_bank(bank: &Bank, origin: &Origin) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = render_into(&mut out, bank, origin);
    out
}

/// Every text of the bank is escaped on its way out (see
/// [`crate::text::escape`]), though a bank that validated holds nothing
/// that needs it.
fn render_into(out: &mut String, bank: &Bank, origin: &Origin) -> std::fmt::Result {
    let line = |text: &str| text::escape_line(text).into_owned();
    writeln!(out, "{}", line(&bank.title))?;
    writeln!(
        out,
        "{}, version {} ({})",
        line(&bank.id),
        line(&bank.version),
        origin.describe()
    )?;
    writeln!(out)?;
    wrap_into(out, &bank.description, "")?;
    writeln!(out)?;
    writeln!(out, "Scale")?;
    let number_width = bank
        .scale
        .min
        .to_string()
        .len()
        .max(bank.scale.max.to_string().len());
    for (value, label) in (bank.scale.min..=bank.scale.max).zip(&bank.scale.labels) {
        writeln!(out, "  {value:>number_width$}  {}", line(label))?;
    }
    for dimension in &bank.dimensions {
        writeln!(out)?;
        writeln!(out, "{} [{}]", line(&dimension.name), line(&dimension.id))?;
        wrap_into(out, &dimension.description, "  ")?;
        if let (Some(sd), Some(reliability)) = (dimension.sd, dimension.reliability) {
            writeln!(out, "  Norms: sd {sd} points, reliability {reliability}")?;
        }
        for question in bank
            .questions
            .iter()
            .filter(|q| q.dimension == dimension.id)
        {
            let mut marks = Vec::new();
            if question.reverse {
                marks.push("reverse".to_owned());
            }
            if (question.weight - 1.0).abs() > f64::EPSILON {
                marks.push(format!("weight {}", question.weight));
            }
            writeln!(out)?;
            if marks.is_empty() {
                writeln!(out, "  {}", line(&question.id))?;
            } else {
                writeln!(out, "  {} ({})", line(&question.id), marks.join(", "))?;
            }
            wrap_into(out, &question.text, "    ")?;
            if let Some(hint) = &question.hint {
                wrap_into(out, &format!("Hint: {hint}"), "    ")?;
            }
        }
    }
    writeln!(out)?;
    if bank.reflections.is_empty() {
        writeln!(out, "Reflections: none")?;
    } else {
        writeln!(out, "Reflections")?;
        for reflection in &bank.reflections {
            writeln!(out)?;
            writeln!(out, "  {}", line(&reflection.id))?;
            wrap_into(out, &reflection.prompt, "    ")?;
            if let Some(hint) = &reflection.hint {
                wrap_into(out, &format!("Hint: {hint}"), "    ")?;
            }
        }
    }
    Ok(())
}

fn validate(paths: &[std::path::PathBuf], ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let mut all_valid = true;
    for path in paths {
        match load::from_path(path) {
            Ok(_) => writeln!(ctx.out, "{}: ok", text::escape_path(path))?,
            Err(diagnostics) => {
                all_valid = false;
                for diagnostic in diagnostics {
                    writeln!(ctx.err, "{diagnostic}")?;
                }
            }
        }
    }
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::exit::INPUT)
    })
}

fn init(path: &Path, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let shown = path.display().to_string();
    if path.symlink_metadata().is_ok() {
        return Err(Error::input(format!(
            "{shown} already exists; not overwriting it (choose another path)"
        )));
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("cannot create {}: {e}", parent.display()), &e))?;
    }
    let (text, id) = template_for(path);
    // Written whole, then moved into place only if nothing is there yet.
    atomic::write(path, text.as_bytes(), Mode::NoClobber).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::input(format!(
                "{shown} already exists; not overwriting it (choose another path)"
            ))
        } else {
            Error::io(format!("cannot write {shown}: {e}"), &e)
        }
    })?;
    let quoted = shell_quote(&shown);
    writeln!(ctx.out, "Wrote a template bank (id \"{id}\") to {shown}")?;
    writeln!(
        ctx.out,
        "Edit it, then check it:  motive bank validate {quoted}"
    )?;
    writeln!(
        ctx.out,
        "Use it:                  motive check --bank {quoted}"
    )?;
    let in_banks_folder = path.parent().is_some_and(|parent| {
        let banks = resolve::user_dir(&ctx.config_dir);
        parent == banks
            || matches!((parent.canonicalize(), banks.canonicalize()), (Ok(a), Ok(b)) if a == b)
    });
    if in_banks_folder {
        writeln!(
            ctx.out,
            "It is in your banks folder, so `motive check --bank {id}` works too."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The template with an id taken from the file name when that makes a
/// valid, free id (`team.toml` → `team`), else `my-bank`.
#[must_use]
pub fn template_for(path: &Path) -> (String, String) {
    let from_name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| load::is_valid_id(s) && !builtin::IDS.contains(s));
    match from_name {
        Some(id) => (
            TEMPLATE.replacen(TEMPLATE_ID_LINE, &format!("id = \"{id}\""), 1),
            id.to_owned(),
        ),
        None => (TEMPLATE.to_owned(), "my-bank".to_owned()),
    }
}

/// Append `text` word-wrapped at [`WRAP`] columns, each line after `indent`.
/// Line breaks in the text are kept; anything else that could drive a
/// terminal is escaped.
fn wrap_into(out: &mut String, text: &str, indent: &str) -> std::fmt::Result {
    let text = &text::escape_text(text);
    let room = WRAP.saturating_sub(indent.width()).max(20);
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.width() + 1 + word.width() > room {
                writeln!(out, "{indent}{line}")?;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_validates_whatever_id_it_gets() {
        for name in ["team.toml", "core.toml", "My Bank.toml", "x/.toml"] {
            let (text, id) = template_for(Path::new(name));
            let bank = load::from_bytes(name, text.as_bytes()).unwrap_or_else(|d| {
                panic!("template for {name} is invalid: {d:?}");
            });
            assert_eq!(bank.id, id);
        }
        assert_eq!(template_for(Path::new("a/team.toml")).1, "team");
        assert_eq!(template_for(Path::new("core.toml")).1, "my-bank");
        assert_eq!(TEMPLATE.matches(TEMPLATE_ID_LINE).count(), 1);
    }

    #[test]
    fn wrap_keeps_words_and_line_breaks() {
        let mut out = String::new();
        let long = "word ".repeat(30);
        wrap_into(&mut out, &format!("{long}\nnext"), "  ").expect("wrap");
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines
                .iter()
                .all(|l| l.width() <= WRAP && l.starts_with("  "))
        );
        assert_eq!(lines.last(), Some(&"  next"));
        assert_eq!(out.matches("word").count(), 30);
    }
}
