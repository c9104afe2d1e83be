//! `motive show`: one check-in, everything it holds.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::format;
use super::{Ctx, Error};
use crate::cli::ShowArgs;
use crate::describe::score_cell;
use crate::score;
use crate::snapshot::Snapshot;
use crate::store::Store;
use crate::text;

pub fn run(args: &ShowArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let mut lookup = store.lookup();
    let found = lookup.find(&args.id);
    format::warn_problems(&lookup.problems(), ctx.err)?;
    let snapshot = found?;
    if args.json {
        format::write_json(ctx.out, &format::detail_json(&snapshot))?;
    } else {
        write!(ctx.out, "{}", render(&snapshot))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A check-in as readable text. Every text from the file is escaped (see
/// [`crate::text::escape`]), though a check-in that passed the store's checks
/// holds nothing that needs it.
#[must_use]
pub fn render(s: &Snapshot) -> String {
    let mut out = String::new();
    let line = |text: &str| text::escape_line(text).into_owned();
    let label = s
        .label
        .as_deref()
        .map(|l| format!("  ({})", format::one_line(l)))
        .unwrap_or_default();
    let _ = writeln!(out, "Check-in {}{label}", line(&s.id));
    let title = if s.bank.title.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", line(s.bank.title.trim()))
    };
    let _ = writeln!(
        out,
        "Taken {} with bank {} {}{title}",
        s.finished_at.format("%Y-%m-%d %H:%M %:z"),
        line(&s.bank.id),
        line(&s.bank.version),
    );
    let scores = score::scores(s);
    let name_width = scores
        .iter()
        .map(|d| text::width(&line(&d.name)))
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "\nScores (0-100)");
    for d in &scores {
        let detail = if d.score.is_some() {
            format!("{} answered, {} skipped", d.answered, d.skipped)
        } else {
            "not enough answers".to_string()
        };
        let _ = writeln!(
            out,
            "  {}  {:>5}  {detail}",
            text::pad(&line(&d.name), name_width),
            score_cell(d.score)
        );
    }
    let _ = writeln!(out, "\nAnswers");
    for dimension in &s.dimensions {
        let _ = writeln!(out, "  {}", line(&dimension.name));
        for a in s.answers.iter().filter(|a| a.dimension == dimension.id) {
            let answer = match a.value {
                Some(v) => format!("{v} {}", line(s.scale.label(v).unwrap_or_default())),
                None => "skipped".to_string(),
            };
            let reverse = if a.reverse { " (reverse)" } else { "" };
            let _ = writeln!(
                out,
                "    [{answer}] {}{reverse}",
                text::escape_text(&a.text)
            );
            if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
                let _ = writeln!(out, "{}", indent(&format!("note: {note}"), 8));
            }
        }
    }
    if !s.reflections.is_empty() {
        let _ = writeln!(out, "\nReflections");
        for r in &s.reflections {
            let _ = writeln!(out, "  {}", text::escape_text(&r.prompt));
            let text = if r.text.trim().is_empty() {
                "(left blank)"
            } else {
                r.text.trim()
            };
            let _ = writeln!(out, "{}", indent(text, 4));
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        if s.commitments.len() > 1 {
            "Commitments for next time"
        } else {
            "Commitment for next time"
        }
    );
    if s.commitments.is_empty() {
        let _ = writeln!(out, "{}", indent("(none)", 2));
    }
    for c in &s.commitments {
        let _ = writeln!(out, "{}", indent(c.trim(), 2));
    }
    if !s.follow_ups.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if s.follow_ups.len() > 1 {
                "Last time's commitments"
            } else {
                "Last time's commitment"
            }
        );
    }
    for f in &s.follow_ups {
        let _ = writeln!(
            out,
            "{}",
            indent(
                &format!("{}: {}", f.commitment.trim(), f.outcome.describe()),
                2
            )
        );
        if let Some(note) = f.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = writeln!(out, "{}", indent(note.trim(), 4));
        }
    }
    out
}

/// `text` (escaped) with every line indented `by` spaces.
fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text::escape_text(text)
        .lines()
        .map(|l| format!("{pad}{l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
