//! Numbers and comparisons in words: score cells, signed changes with
//! arrows, dates, and whether two check-ins compare like with like. Shared by
//! the plain commands and the TUI, so both say the same thing the same way.

use chrono::{DateTime, FixedOffset};

use crate::score::round1;
use crate::snapshot::BankRef;
use crate::text::escape_line;

/// A score for a table cell: one decimal, or `-` when there is none.
#[must_use]
pub fn score_cell(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_string(), |s| format!("{s:.1}"))
}

/// A change with its sign and an arrow: `↑ +12.5`, `↓ -3.0`, `→ 0.0`.
#[must_use]
pub fn delta_cell(delta: Option<f64>) -> String {
    match delta {
        None => "-".to_string(),
        Some(d) if round1(d) > 0.0 => format!("↑ {:+.1}", round1(d)),
        Some(d) if round1(d) < 0.0 => format!("↓ {:+.1}", round1(d)),
        Some(_) => "→ 0.0".to_string(),
    }
}

/// The local date of a check-in, `YYYY-MM-DD`.
#[must_use]
pub fn date(finished_at: DateTime<FixedOffset>) -> String {
    finished_at.format("%Y-%m-%d").to_string()
}

/// A check-in as people name it: its day and label, "30 Nov 2026 · Q4".
#[must_use]
pub fn name(finished_at: DateTime<FixedOffset>, label: Option<&str>) -> String {
    let day = finished_at.format("%-d %b %Y").to_string();
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => format!("{day} · {}", crate::text::escape_line(label)),
        None => day,
    }
}

/// Whether the two check-ins can be compared like with like. Bank ids and
/// versions come from files, so they are escaped.
#[must_use]
pub fn bank_note(from: &BankRef, to: &BankRef) -> String {
    let clean = |bank: &BankRef| BankRef {
        id: escape_line(&bank.id).into_owned(),
        version: escape_line(&bank.version).into_owned(),
        title: String::new(),
    };
    let (from, to) = (&clean(from), &clean(to));
    if from.id != to.id {
        format!(
            "Different banks ({} {}, {} {}): scores are comparable only roughly, and whether a change is real cannot be judged.",
            from.id, from.version, to.id, to.version
        )
    } else if from.version != to.version {
        format!(
            "Same bank {}, different versions ({} and {}): statements whose wording changed are not compared.",
            to.id, from.version, to.version
        )
    } else {
        format!("Both used bank {} {}.", to.id, to.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_and_sign() {
        assert_eq!(score_cell(Some(72.449)), "72.4");
        assert_eq!(score_cell(None), "-");
        assert_eq!(delta_cell(Some(12.46)), "↑ +12.5");
        assert_eq!(delta_cell(Some(-3.0)), "↓ -3.0");
        assert_eq!(delta_cell(Some(0.04)), "→ 0.0");
        assert_eq!(delta_cell(None), "-");
    }
}
