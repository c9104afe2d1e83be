//! Shared pieces of the plain commands' output: score cells, JSON shapes,
//! listing warnings. One place, so every command says the same thing the same way.

use std::borrow::Cow;
use std::io::Write;

use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use crate::limits::MAX_PROBLEMS_SHOWN;
use crate::score::{Comparison, DimensionScore, Verdict, round1};
use crate::snapshot::Snapshot;
use crate::store::Listing;
use crate::summary::Summary;
use crate::text::escape_line;

/// Warn about the files the listing skipped: the first
/// [`MAX_PROBLEMS_SHOWN`] by name, escaped, then how many more.
pub fn warn_problems<T>(listing: &Listing<T>, err: &mut dyn Write) -> std::io::Result<()> {
    for problem in listing.problems.iter().take(MAX_PROBLEMS_SHOWN) {
        writeln!(err, "warning: skipped {problem}")?;
    }
    if let Some(more) = listing.problems.len().checked_sub(MAX_PROBLEMS_SHOWN)
        && more > 0
    {
        writeln!(err, "warning: and {more} more files skipped")?;
    }
    Ok(())
}

/// `{DIMENSION: number|null}`, rounded to one decimal.
#[must_use]
pub fn scores_json(scores: &[DimensionScore]) -> Value {
    let map: Map<String, Value> = scores
        .iter()
        .map(|s| (s.dimension.clone(), json!(s.score.map(round1))))
        .collect();
    Value::Object(map)
}

/// The `list --json` shape of one check-in.
#[must_use]
pub fn summary_json(summary: &Summary) -> Value {
    json!({
        "id": summary.id,
        "taken_at": summary.finished_at.to_rfc3339(),
        "label": summary.label,
        "bank": { "id": summary.bank.id, "version": summary.bank.version },
        "scores": scores_json(&summary.scores),
    })
}

/// The `show --json` shape: the summary plus everything that was written.
#[must_use]
pub fn detail_json(snapshot: &Snapshot) -> Value {
    let mut value = summary_json(&Summary::of(snapshot));
    let answers: Vec<Value> = snapshot
        .answers
        .iter()
        .map(|a| {
            json!({
                "question": a.question,
                "dimension": a.dimension,
                "text": a.text,
                "value": a.value,
                "note": a.note,
            })
        })
        .collect();
    let reflections: Vec<Value> = snapshot
        .reflections
        .iter()
        .map(|r| json!({ "id": r.id, "prompt": r.prompt, "text": r.text }))
        .collect();
    let follow_ups: Vec<Value> = snapshot
        .follow_ups
        .iter()
        .map(|f| json!({ "commitment": f.commitment, "outcome": f.outcome.as_str(), "note": f.note }))
        .collect();
    if let Value::Object(map) = &mut value {
        map.insert("answers".into(), Value::Array(answers));
        map.insert("reflections".into(), Value::Array(reflections));
        map.insert("commitments".into(), json!(snapshot.commitments));
        map.insert("follow_ups".into(), Value::Array(follow_ups));
    }
    value
}

/// The `compare --json` shape.
#[must_use]
pub fn comparison_json(comparison: &Comparison) -> Value {
    let dimensions: Map<String, Value> = comparison
        .dimensions
        .iter()
        .map(|d| {
            let reason = match d.verdict {
                Verdict::Unknown(reason) => Some(reason.as_str()),
                _ => None,
            };
            let entry = json!({
                "from": d.from.map(round1),
                "to": d.to.map(round1),
                "delta": d.shown_delta(),
                "reliable": d.verdict.as_bool(),
                "verdict": d.verdict.as_str(),
                "reason": reason,
                "threshold": d.threshold.map(round1),
                "norms": d.norms.as_str(),
                "statements": [d.statements.0, d.statements.1],
            });
            (d.dimension.clone(), entry)
        })
        .collect();
    let movers: Vec<Value> = comparison
        .movers
        .iter()
        .map(|m| {
            json!({
                "question": m.question,
                "dimension": m.dimension,
                "text": m.text,
                "from": m.from_value,
                "to": m.to_value,
                "delta": round1(m.delta),
            })
        })
        .collect();
    let changed: Vec<Value> = comparison
        .changed_wording
        .iter()
        .map(|c| json!({ "question": c.question, "from_text": c.from_text, "to_text": c.to_text }))
        .collect();
    json!({
        "from": comparison.from,
        "to": comparison.to,
        "same_bank": comparison.same_bank,
        "dimensions": dimensions,
        "movers": movers,
        "changed_wording": changed,
    })
}

/// Pretty JSON followed by a newline.
pub fn write_json(out: &mut dyn Write, value: &Value) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Left-aligned columns separated by two spaces; numeric columns (by index)
/// are right-aligned. Widths are terminal columns (a CJK character or an
/// emoji takes two), and a cell never breaks its row: line breaks and tabs in
/// free text (a label) become spaces.
#[must_use]
pub fn table(header: &[String], rows: &[Vec<String>], numeric: &[usize]) -> String {
    layout(header, rows, numeric, None)
}

/// [`table`], with `paint(row, column, text)` dressing each body cell's text
/// (colour, say) after the widths are measured, so escapes never misalign it.
pub fn table_painted(
    header: &[String],
    rows: &[Vec<String>],
    numeric: &[usize],
    paint: &Paint<'_>,
) -> String {
    layout(header, rows, numeric, Some(paint))
}

/// Dresses the text of the body cell at (row, column).
pub type Paint<'a> = dyn Fn(usize, usize, &str) -> String + 'a;

/// The one table layout. Written straight into one string: a listing of
/// thousands of check-ins should cost its output, not allocations per cell.
fn layout<'a>(
    header: &'a [String],
    rows: &'a [Vec<String>],
    numeric: &[usize],
    paint: Option<&Paint<'_>>,
) -> String {
    let clean = |cells: &'a [String]| -> Vec<Cow<'a, str>> {
        cells.iter().map(|c| one_line_cow(c)).collect()
    };
    let header = clean(header);
    let rows: Vec<Vec<Cow<'a, str>>> = rows.iter().map(|r| clean(r)).collect();
    let mut widths: Vec<usize> = header.iter().map(|c| c.width()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut text = String::with_capacity((rows.len() + 1) * (widths.iter().sum::<usize>() + 16));
    let mut line = |row: Option<usize>, cells: &[Cow<'_, str>]| {
        let start = text.len();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let pad = widths.get(i).map_or(0, |w| w.saturating_sub(cell.width()));
            let right = numeric.contains(&i);
            if right {
                text.extend(std::iter::repeat_n(' ', pad));
            }
            match (row, paint) {
                (Some(row), Some(paint)) => text.push_str(&paint(row, i, cell)),
                _ => text.push_str(cell),
            }
            if !right {
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        let end = start + text[start..].trim_end().len();
        text.truncate(end);
        text.push('\n');
    };
    line(None, &header);
    for (i, row) in rows.iter().enumerate() {
        line(Some(i), row);
    }
    text
}

/// Free text squeezed onto one line: runs of whitespace (line breaks, tabs)
/// become one space, and anything else that could drive a terminal is
/// escaped.
#[must_use]
pub fn one_line(text: &str) -> String {
    one_line_cow(text).into_owned()
}

fn one_line_cow(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r', '\t']) {
        return escape_line(text);
    }
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Cow::Owned(escape_line(&squeezed).into_owned())
}

/// Quote a path for a shell command line when it needs it.
pub fn shell_quote(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+:,@%~".contains(c));
    if plain && !text.is_empty() {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Every readable life event, oldest first, for the commands that chart or
/// list them beside check-ins; each event file that cannot be read is
/// named on `err` and left out.
pub fn read_events(
    store: &crate::store::Store,
    err: &mut dyn Write,
) -> std::io::Result<Vec<crate::events::Event>> {
    let listed = store.events();
    for problem in &listed.problems {
        writeln!(err, "warning: skipped {problem}")?;
    }
    Ok(listed.events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_text_left_and_numbers_right() {
        let header = vec!["ID".to_string(), "SCORE".to_string()];
        let rows = vec![
            vec!["a".to_string(), "5.0".to_string()],
            vec!["bbb".to_string(), "72.5".to_string()],
        ];
        assert_eq!(
            table(&header, &rows, &[1]),
            "ID   SCORE\na      5.0\nbbb   72.5\n"
        );
    }

    #[test]
    fn table_measures_terminal_columns_and_keeps_rows_whole() {
        let header = vec!["LABEL".to_string(), "SCORE".to_string()];
        let rows = vec![
            vec!["日本".to_string(), "5.0".to_string()],
            vec!["new\nteam".to_string(), "72.5".to_string()],
        ];
        assert_eq!(
            table(&header, &rows, &[1]),
            "LABEL     SCORE\n日本        5.0\nnew team   72.5\n"
        );
        assert_eq!(one_line("a\r\n\tb  c"), "a b c");
        assert_eq!(one_line("a  b"), "a  b", "plain text is kept as typed");
    }

    #[test]
    fn shell_quote_only_when_needed() {
        assert_eq!(shell_quote("/tmp/a.toml"), "/tmp/a.toml");
        assert_eq!(shell_quote("my bank.toml"), "'my bank.toml'");
        assert_eq!(shell_quote("it's.toml"), r"'it'\''s.toml'");
    }
}
