//! Numbers and comparisons in words: score cells, signed changes with
//! arrows, verdicts with their thresholds, dates, and whether two check-ins
//! compare like with like. Shared by the plain commands and the TUI, so both
//! say the same thing the same way. Every number goes through
//! [`round1`](crate::score::round1).

use chrono::{DateTime, Datelike, FixedOffset};

use crate::score::{Basis, DimensionChange, NormsSource, Verdict, round1};
use crate::snapshot::BankRef;
use crate::text::escape_line;

/// A score for a table cell: one decimal, or `-` when there is none.
#[must_use]
pub fn score_cell(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_string(), number)
}

/// A number as shown: [`round1`], one decimal (`62.5`, `81.3`).
#[must_use]
pub fn number(value: f64) -> String {
    format!("{:.1}", round1(value))
}

/// A number as shown, with its sign: `+18.8`, `-3.0`, `0.0`.
#[must_use]
pub fn signed(value: f64) -> String {
    let value = round1(value);
    if value == 0.0 {
        "0.0".to_string()
    } else {
        format!("{value:+.1}")
    }
}

/// Which way a change went, as shown (rounded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Rise,
    Fall,
    Flat,
}

impl Direction {
    /// The direction of a shown change.
    #[must_use]
    pub fn of(delta: f64) -> Self {
        let delta = round1(delta);
        if delta > 0.0 {
            Self::Rise
        } else if delta < 0.0 {
            Self::Fall
        } else {
            Self::Flat
        }
    }

    #[must_use]
    pub fn arrow(self) -> char {
        match self {
            Self::Rise => '↑',
            Self::Fall => '↓',
            Self::Flat => '→',
        }
    }
}

/// A change with its sign and an arrow: `↑ +12.5`, `↓ -3.0`, `→ 0.0`.
/// Pass [`DimensionChange::shown_delta`], so the change shown is the shown
/// "now" minus the shown "then".
#[must_use]
pub fn delta_cell(delta: Option<f64>) -> String {
    match delta {
        None => "-".to_string(),
        Some(d) => format!("{} {}", Direction::of(d).arrow(), signed(d)),
    }
}

/// What the verdict of `change` rests on, right beside or under it:
/// `needs ±26.3 to exceed measurement error; this is -45.8`, and whether
/// default norms or only shared statements were used. Empty parts left out.
#[must_use]
pub fn verdict_detail(change: &DimensionChange) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let (Some(threshold), Some(delta)) = (change.threshold, change.shown_delta()) {
        parts.push(format!(
            "needs ±{} to exceed measurement error; this is {}",
            number(threshold),
            signed(delta)
        ));
    }
    if let Basis::Shared(m) = change.basis
        && m > 0
    {
        parts.push(format!(
            "compared on the {m} statement{} both check-ins share",
            if m == 1 { "" } else { "s" }
        ));
    }
    if change.norms == NormsSource::Default && !matches!(change.verdict, Verdict::Unknown(_)) {
        parts.push("default norms".to_string());
    }
    parts.join("; ")
}

/// The verdict and what it rests on, in one line:
/// `little change (needs ±26.3 to exceed measurement error; this is -5.8)`.
#[must_use]
pub fn verdict_line(change: &DimensionChange) -> String {
    let detail = verdict_detail(change);
    if detail.is_empty() {
        change.verdict.describe().to_string()
    } else {
        format!("{} ({detail})", change.verdict.describe())
    }
}

/// What a score means, for people reading one.
pub const SCORE_MEANING: &str = "Scores are self-reflection indicators from 0 to 100: 50 is the middle of the answer scale, not an average of other people.";

/// The local date of a check-in, `YYYY-MM-DD`.
#[must_use]
pub fn date(finished_at: DateTime<FixedOffset>) -> String {
    finished_at.format("%Y-%m-%d").to_string()
}

/// A check-in as people name it: its day and label, "30 Nov 2026 · Q4".
#[must_use]
pub fn name(finished_at: DateTime<FixedOffset>, label: Option<&str>) -> String {
    let day = day(finished_at);
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(label) => format!("{day} · {}", crate::text::escape_line(label)),
        None => day,
    }
}

/// The day of `at` as `%-d %b %Y` formats it ("30 Nov 2026"), without
/// parsing that pattern each time: `motive search` names thousands of
/// check-ins.
fn day(at: DateTime<FixedOffset>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let year = at.year();
    match MONTHS.get(at.month0() as usize) {
        Some(month) if (0..=9999).contains(&year) => format!("{} {month} {year:04}", at.day()),
        _ => at.format("%-d %b %Y").to_string(),
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
            "Different banks ({} {}, {} {}): compared only on the statements both share, word for word.",
            from.id, from.version, to.id, to.version
        )
    } else if from.version != to.version {
        format!(
            "Same bank {}, different versions ({} and {}): compared only on the statements both share, word for word.",
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
        assert_eq!(delta_cell(Some(-0.04)), "→ 0.0");
        assert_eq!(delta_cell(None), "-");
        // halves away from zero, in every cell
        assert_eq!(score_cell(Some(81.25)), "81.3");
        assert_eq!(delta_cell(Some(18.75)), "↑ +18.8");
        assert_eq!(delta_cell(Some(-18.75)), "↓ -18.8");
    }

    fn change(verdict: Verdict, basis: Basis, norms: NormsSource) -> DimensionChange {
        DimensionChange {
            dimension: "autonomy".into(),
            name: "Autonomy".into(),
            from: Some(70.0),
            to: Some(62.0),
            delta: Some(-8.0),
            verdict,
            threshold: Some(22.04),
            norms,
            statements: (6, 6),
            basis,
        }
    }

    #[test]
    fn verdict_lines_give_the_threshold_and_what_was_compared() {
        let little = change(Verdict::Little, Basis::Dimension, NormsSource::Bank);
        assert_eq!(
            verdict_line(&little),
            "little change (needs ±22.0 to exceed measurement error; this is -8.0)"
        );
        let shared = change(Verdict::Possible, Basis::Shared(2), NormsSource::Default);
        assert_eq!(
            verdict_detail(&shared),
            "needs ±22.0 to exceed measurement error; this is -8.0; \
             compared on the 2 statements both check-ins share; default norms"
        );
        let unknown = DimensionChange {
            threshold: None,
            ..change(
                Verdict::Unknown(crate::score::UnknownReason::NoSharedStatements),
                Basis::Shared(0),
                NormsSource::Bank,
            )
        };
        assert_eq!(
            verdict_line(&unknown),
            "unknown: the two check-ins share no statement with the same wording"
        );
    }

    proptest::proptest! {
        /// The day is written as chrono's `%-d %b %Y` writes it, for any
        /// time and offset, years before 1000 and after 9999 too.
        #[test]
        fn day_is_written_as_strftime_writes_it(
            secs in -70_000_000_000_i64..300_000_000_000_i64,
            offset in -86_399_i32..86_400,
        ) {
            let offset = FixedOffset::east_opt(offset).expect("within a day");
            let at = DateTime::from_timestamp(secs, 0).expect("in range").with_timezone(&offset);
            proptest::prop_assert_eq!(day(at), at.format("%-d %b %Y").to_string());
        }
    }
}
