//! `motive export CHECK-IN`: one check-in, found by any of its names, as a
//! Markdown page (scores, notes, reflections, commitments), the same as an
//! HTML page, a JSON export of one that `motive import` takes back, or one
//! CSV row.

use std::fmt::Write as _;
use std::process::ExitCode;

use super::{cell, csv, format, json, quote, reflections_body};
use crate::cli::{ExportArgs, ExportFormat};
use crate::commands::{Ctx, Error, output};
use crate::describe::{self, score_cell};
use crate::score;
use crate::snapshot::Snapshot;
use crate::store::Store;
use crate::summary::Summary;
use crate::text::escape_path;

pub(super) fn run(
    args: &ExportArgs,
    id: &str,
    store: &Store,
    ctx: &mut Ctx<'_>,
) -> Result<ExitCode, Error> {
    let mut lookup = store.lookup();
    let found = lookup.find(id);
    format::warn_problems(&lookup.problems(), ctx.err)?;
    let snapshot = found?;
    let one = std::slice::from_ref(&snapshot);
    let text = match args.format {
        ExportFormat::Json => json(one, &[])?,
        ExportFormat::Csv => csv(one)?,
        ExportFormat::Md => markdown(&snapshot),
        ExportFormat::Html => {
            let summary = [Summary::of(&snapshot)];
            let load = |_: usize| Ok(snapshot.clone());
            let mut page = Vec::new();
            super::html::write(
                &mut page,
                &summary,
                &load,
                &[],
                &ctx.config.dimension_colors(),
            )?;
            String::from_utf8_lossy(&page).into_owned()
        }
    };
    if let Some(path) = output::deliver(args.output.as_deref(), text.as_bytes(), ctx.out)? {
        writeln!(
            ctx.err,
            "wrote check-in {} to {}",
            describe::name(snapshot.finished_at, snapshot.label.as_deref()),
            escape_path(path)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One check-in as a page to take to a conversation.
#[must_use]
pub fn markdown(s: &Snapshot) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# Check-in of {}\n",
        format::one_line(&describe::name(s.finished_at, s.label.as_deref()))
    );
    let _ = writeln!(
        md,
        "Taken {} with bank {} {}. {}\n",
        s.finished_at.format("%Y-%m-%d %H:%M %:z"),
        format::one_line(&s.bank.id),
        format::one_line(&s.bank.version),
        describe::SCORE_MEANING
    );
    let _ = writeln!(
        md,
        "## Scores\n\n| Dimension | Score | Answered |\n|---|---:|---|"
    );
    for d in score::scores(s) {
        let _ = writeln!(
            md,
            "| {} | {} | {} of {} |",
            cell(&d.name),
            score_cell(d.score),
            d.answered,
            d.answered + d.skipped
        );
    }
    md.push('\n');
    let notes: Vec<_> = s
        .answers
        .iter()
        .filter_map(|a| Some((a, a.note.as_deref()?.trim())))
        .filter(|(_, note)| !note.is_empty())
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(md, "## Notes on statements\n");
        for (answer, note) in notes {
            let _ = writeln!(
                md,
                "**{}**\n\n{}\n",
                format::one_line(answer.text.trim()),
                quote(note)
            );
        }
    }
    let _ = writeln!(md, "## Reflections and commitment\n");
    md.push_str(&reflections_body(s));
    md
}
