//! `motive export`: every check-in as JSON (re-importable), CSV or a Markdown report.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::format;
use super::output::{self, Target};
use super::{Ctx, Error};
use crate::cli::{ExportArgs, ExportFormat};
use crate::describe::{delta_cell, score_cell};
use crate::draw::chart;
use crate::score;
use crate::snapshot::{SNAPSHOT_FORMAT, Snapshot};
use crate::store::Store;
use crate::summary::Summary;
use crate::text::{escape_line, escape_path, escape_text};
use crate::trend;

pub fn run(args: &ExportArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let listing = Store::read_only(&ctx.data_dir).list();
    format::warn_problems(&listing, ctx.err)?;
    // A backup that silently leaves out a check-in is worse than none.
    if !listing.problems.is_empty() && !args.skip_unreadable {
        let n = listing.problems.len();
        return Err(Error::input(format!(
            "nothing exported: {n} check-in file{} cannot be read ({} listed above); \
             fix or move {}, or pass --skip-unreadable to export the others",
            if n == 1 { "" } else { "s" },
            if n == 1 { "it is" } else { "they are" },
            if n == 1 { "it" } else { "them" },
        )));
    }
    let snapshots = &listing.snapshots;
    let text = match args.format {
        ExportFormat::Json => json(snapshots)?,
        ExportFormat::Csv => csv(snapshots)?,
        ExportFormat::Md => markdown(snapshots),
    };
    match Target::of(args.output.as_deref()) {
        Target::Stdout => ctx.out.write_all(text.as_bytes())?,
        Target::File(path) => {
            // A mistyped --data-dir must not replace a good backup with nothing.
            if snapshots.is_empty() && !args.force && output::exists(path) {
                return Err(Error::input(format!(
                    "not replacing {} with an export of no check-ins (none in {}); \
                     pass --force to replace it anyway",
                    path.display(),
                    ctx.data_dir.display()
                )));
            }
            output::write_file(path, text.as_bytes())?;
            writeln!(
                ctx.err,
                "wrote {} check-ins to {}",
                snapshots.len(),
                escape_path(path)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `{"format": 1, "snapshots": [<snapshot with its computed "scores">...]}`.
pub fn json(snapshots: &[Snapshot]) -> Result<String, Error> {
    let entries = snapshots
        .iter()
        .map(|s| {
            let mut value = serde_json::to_value(s)
                .map_err(|e| Error::input(format!("cannot encode check-in {}: {e}", s.id)))?;
            if let Value::Object(map) = &mut value {
                map.insert("scores".into(), format::scores_json(&score::scores(s)));
            }
            Ok(value)
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let doc = json!({ "format": SNAPSHOT_FORMAT, "snapshots": entries });
    let mut text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Error::input(format!("cannot encode the export: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// One row per check-in, one column per dimension (across all check-ins).
pub fn csv(snapshots: &[Snapshot]) -> Result<String, Error> {
    let summaries: Vec<Summary> = snapshots.iter().map(Summary::of).collect();
    let dimensions = trend::dimensions_in(&summaries);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = ["id", "taken_at", "label", "bank", "bank_version"]
        .map(String::from)
        .to_vec();
    header.extend(dimensions.iter().map(|d| escape_line(&d.id).into_owned()));
    let encode = |e: csv::Error| Error::input(format!("cannot encode CSV: {e}"));
    writer.write_record(&header).map_err(encode)?;
    for s in snapshots {
        let scores = score::scores(s);
        let mut row = vec![
            escape_line(&s.id).into_owned(),
            s.finished_at.to_rfc3339(),
            escape_text(s.label.as_deref().unwrap_or_default()).into_owned(),
            escape_line(&s.bank.id).into_owned(),
            escape_line(&s.bank.version).into_owned(),
        ];
        row.extend(dimensions.iter().map(|d| {
            scores
                .iter()
                .find(|x| x.dimension == d.id)
                .and_then(|x| x.score)
                .map(|v| format!("{:.1}", score::round1(v)))
                .unwrap_or_default()
        }));
        writer.write_record(&row).map_err(encode)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::input(format!("cannot encode CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::input(format!("cannot encode CSV: {e}")))
}

/// A report a person could take to a conversation with their manager.
#[must_use]
pub fn markdown(snapshots: &[Snapshot]) -> String {
    let mut md = String::new();
    let _ = writeln!(md, "# Autonomy, mastery and purpose: my check-ins\n");
    let (Some(first), Some(latest)) = (snapshots.first(), snapshots.last()) else {
        let _ = writeln!(md, "No check-ins yet.");
        return md;
    };
    let _ = writeln!(
        md,
        "{} check-in{} from {} to {}. Scores run from 0 to 100.\n",
        snapshots.len(),
        if snapshots.len() == 1 { "" } else { "s" },
        crate::describe::date(first.finished_at),
        crate::describe::date(latest.finished_at)
    );

    let summaries: Vec<Summary> = snapshots.iter().map(Summary::of).collect();
    let dimensions = trend::dimensions_in(&summaries);
    let _ = writeln!(md, "## Scores over time\n");
    let mut header = String::from("| Date | Label | Bank |");
    let mut rule = String::from("|---|---|---|");
    for d in &dimensions {
        let _ = write!(header, " {} |", cell(&d.name));
        rule.push_str("---:|");
    }
    let _ = writeln!(md, "{header}\n{rule}");
    for s in snapshots {
        let scores = score::scores(s);
        let _ = write!(
            md,
            "| {} | {} | {} |",
            crate::describe::date(s.finished_at),
            cell(s.label.as_deref().unwrap_or("")),
            cell(&format!("{} {}", s.bank.id, s.bank.version))
        );
        for d in &dimensions {
            let value = scores
                .iter()
                .find(|x| x.dimension == d.id)
                .and_then(|x| x.score);
            let _ = write!(md, " {} |", score_cell(value));
        }
        md.push('\n');
    }
    let _ = writeln!(
        md,
        "\n```text\n{}```\n",
        chart::render_plain(&summaries, 78, 16, None)
    );

    if let [.., previous, latest] = snapshots {
        let comparison = score::compare(previous, latest);
        let _ = writeln!(md, "## Latest against previous\n");
        let _ = writeln!(
            md,
            "{}\n",
            crate::describe::bank_note(&previous.bank, &latest.bank)
        );
        let _ = writeln!(
            md,
            "| Dimension | {} | {} | Change | Verdict |\n|---|---:|---:|---:|---|",
            crate::describe::date(previous.finished_at),
            crate::describe::date(latest.finished_at)
        );
        for d in &comparison.dimensions {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                cell(&d.name),
                score_cell(d.from),
                score_cell(d.to),
                delta_cell(d.shown_delta()),
                cell(&crate::describe::verdict_line(d))
            );
        }
        for c in &comparison.changed_wording {
            let _ = writeln!(
                md,
                "\n*Changed wording, not compared:* \"{}\" became \"{}\".",
                escape_text(c.from_text.trim()),
                escape_text(c.to_text.trim())
            );
        }
        md.push('\n');
    }

    let _ = writeln!(md, "## Reflections and commitments\n");
    for s in snapshots.iter().rev() {
        let label = s
            .label
            .as_deref()
            .map(|l| format!(" ({})", format::one_line(l)))
            .unwrap_or_default();
        let _ = writeln!(md, "### {}{label}\n", crate::describe::date(s.finished_at));
        for r in s.reflections.iter().filter(|r| !r.text.trim().is_empty()) {
            let _ = writeln!(md, "**{}**\n", format::one_line(r.prompt.trim()));
            let _ = writeln!(md, "{}\n", quote(&r.text));
        }
        if let Some(f) = &s.follow_up {
            let note = f
                .note
                .as_deref()
                .map(|n| format!(" {}", n.trim()))
                .unwrap_or_default();
            let _ = writeln!(
                md,
                "{}",
                item(&format!(
                    "Last time I said I would: {} (**{}**){note}",
                    f.commitment.trim(),
                    f.outcome.describe()
                ))
            );
        }
        if !s.commitment.trim().is_empty() {
            let _ = writeln!(
                md,
                "{}",
                item(&format!(
                    "Before the next check-in I will: {}",
                    s.commitment.trim()
                ))
            );
        }
        md.push('\n');
    }
    md
}

/// A list item whose later lines stay inside it: indented, so a line that
/// starts with `#` or `-` in someone's commitment does not become a heading
/// or a new item.
fn item(text: &str) -> String {
    let text = escape_text(text);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let mut out = format!("- {first}");
    for line in lines {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
    }
    out
}

/// Text fit for a Markdown table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    format::one_line(text).replace('|', "\\|")
}

fn quote(text: &str) -> String {
    escape_text(text.trim())
        .lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
