//! Check-ins named on screen as people know them: the date and the label
//! ("30 Nov 2026 · Q4 before reorg", from [`describe::name`]), with the
//! time of day added when another check-in was finished the same day.

use chrono::{DateTime, FixedOffset};

use crate::describe;
use crate::summary::Summary;

/// `finished_at` and `label` named among the check-ins finished at
/// `others` (which may include `finished_at` itself): "30 Nov 2026 · Q4",
/// or "30 Nov 2026 10:39 · Q4" when another shares its date.
#[must_use]
pub fn name_among<'a>(
    finished_at: DateTime<FixedOffset>,
    label: Option<&str>,
    others: impl IntoIterator<Item = &'a DateTime<FixedOffset>>,
) -> String {
    let shared = others
        .into_iter()
        .any(|o| *o != finished_at && o.date_naive() == finished_at.date_naive());
    named(finished_at, label, shared)
}

/// Check-in `index` of `all` (oldest first, as listings keep them): only
/// its neighbours can share its date.
#[must_use]
pub fn name_at(all: &[Summary], index: usize) -> String {
    let Some(s) = all.get(index) else {
        return String::new();
    };
    let near = all[index.saturating_sub(1)..all.len().min(index + 2)]
        .iter()
        .map(|n| &n.finished_at);
    name_among(s.finished_at, s.label.as_deref(), near)
}

/// The check-in `id` of `all`, named; the id itself when it is not there.
#[must_use]
pub fn name_of(all: &[Summary], id: &str) -> String {
    all.iter()
        .position(|s| s.id == id)
        .map_or_else(|| id.to_string(), |i| name_at(all, i))
}

/// The name, with the time of day when `same_day` others exist.
fn named(finished_at: DateTime<FixedOffset>, label: Option<&str>, same_day: bool) -> String {
    let name = describe::name(finished_at, label);
    if !same_day {
        return name;
    }
    let day = finished_at.format("%-d %b %Y").to_string();
    let rest = name.strip_prefix(day.as_str()).unwrap_or_default();
    format!("{day} {}{rest}", finished_at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).expect("a time")
    }

    #[test]
    fn the_time_is_added_only_when_two_share_a_date() {
        let morning = at("2026-11-30T09:05:00+01:00");
        let evening = at("2026-11-30T18:40:00+01:00");
        let before = at("2026-08-30T18:40:00+01:00");
        assert_eq!(
            name_among(morning, Some("Q4"), [&before, &morning]),
            "30 Nov 2026 · Q4"
        );
        assert_eq!(
            name_among(morning, Some("Q4"), [&morning, &evening]),
            "30 Nov 2026 09:05 · Q4"
        );
        assert_eq!(
            name_among(evening, None, [&morning, &evening]),
            "30 Nov 2026 18:40"
        );
    }
}
