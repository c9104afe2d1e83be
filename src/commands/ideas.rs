//! `motive ideas`: the bank's suggestions of things to try, per dimension.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{Ctx, Error};
use crate::bank::Bank;
use crate::cli::IdeasArgs;
use crate::text;

pub fn run(args: &IdeasArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let spec = args
        .bank
        .clone()
        .unwrap_or_else(|| ctx.config.bank().to_owned());
    let (bank, _) = super::bank::load_bank(&spec, ctx)?;
    if let Some(id) = &args.dimension
        && bank.dimension(id).is_none()
    {
        let ids: Vec<&str> = bank.dimensions.iter().map(|d| d.id.as_str()).collect();
        return Err(Error::input(format!(
            "bank {} has no dimension `{id}`; its dimensions: {}",
            bank.id,
            ids.join(", ")
        )));
    }
    write!(ctx.out, "{}", render(&bank, args.dimension.as_deref()))?;
    Ok(ExitCode::SUCCESS)
}

/// The ideas of every dimension of `bank` (or only of `only`), under the
/// dimension's name. Suggestions, said to be so.
#[must_use]
pub fn render(bank: &Bank, only: Option<&str>) -> String {
    let mut out = String::new();
    let line = |t: &str| text::escape_line(t).into_owned();
    let _ = writeln!(
        out,
        "Things to try (suggestions from bank {}, not instructions)",
        line(&bank.id)
    );
    for dimension in bank
        .dimensions
        .iter()
        .filter(|d| only.is_none_or(|id| d.id == id))
    {
        let _ = writeln!(out, "\n{} ({})", line(&dimension.name), line(&dimension.id));
        let ideas = bank.ideas(&dimension.id);
        if ideas.is_empty() {
            let _ = writeln!(out, "  (this bank has no ideas for it)");
        }
        for idea in ideas {
            let _ = writeln!(out, "  - {}", line(idea));
        }
    }
    out
}
