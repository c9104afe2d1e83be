//! Shared pieces of the plain commands' output: score cells, JSON shapes,
//! listing warnings. One place, so every command says the same thing the same way.

use std::io::Write;

use serde_json::{Map, Value, json};
use unicode_width::UnicodeWidthStr;

use crate::score::{Comparison, DimensionScore, round1};
use crate::snapshot::Snapshot;
use crate::store::Listing;
use crate::summary::Summary;

/// Warn about every file the listing skipped.
pub fn warn_problems<T>(listing: &Listing<T>, err: &mut dyn Write) -> std::io::Result<()> {
    for problem in &listing.problems {
        writeln!(
            err,
            "warning: skipped {}: {}",
            problem.path.display(),
            problem.reason
        )?;
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
    let follow_up = snapshot.follow_up.as_ref().map(
        |f| json!({ "commitment": f.commitment, "outcome": f.outcome.as_str(), "note": f.note }),
    );
    if let Value::Object(map) = &mut value {
        map.insert("answers".into(), Value::Array(answers));
        map.insert("reflections".into(), Value::Array(reflections));
        map.insert("commitment".into(), json!(snapshot.commitment));
        map.insert("follow_up".into(), json!(follow_up));
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
            let entry = json!({
                "from": d.from.map(round1),
                "to": d.to.map(round1),
                "delta": d.delta.map(round1),
                "reliable": d.reliability.as_bool(),
                "verdict": d.reliability.describe(),
                "threshold": d.threshold.map(round1),
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
    table_painted(header, rows, numeric, &|_, _, cell| cell.to_owned())
}

/// [`table`], with `paint(row, column, text)` dressing each body cell's text
/// (colour, say) after the widths are measured, so escapes never misalign it.
pub fn table_painted(
    header: &[String],
    rows: &[Vec<String>],
    numeric: &[usize],
    paint: &dyn Fn(usize, usize, &str) -> String,
) -> String {
    let clean = |cells: &[String]| -> Vec<String> { cells.iter().map(|c| one_line(c)).collect() };
    let header = clean(header);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| clean(r)).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .chain(std::iter::once(&header[i]))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |row: Option<usize>, cells: &[String]| {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths.get(i).map_or(0, |w| w.saturating_sub(cell.width())));
            if i > 0 {
                out.push_str("  ");
            }
            let shown = match row {
                Some(row) => paint(row, i, cell),
                None => cell.clone(),
            };
            if numeric.contains(&i) {
                out.push_str(&pad);
                out.push_str(&shown);
            } else {
                out.push_str(&shown);
                out.push_str(&pad);
            }
        }
        out.trim_end().to_string()
    };
    let mut text = line(None, &header);
    text.push('\n');
    for (i, row) in rows.iter().enumerate() {
        text.push_str(&line(Some(i), row));
        text.push('\n');
    }
    text
}

/// Free text squeezed onto one line: runs of whitespace (line breaks, tabs)
/// become one space.
#[must_use]
pub fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r', '\t']) {
        return text.to_string();
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
}
