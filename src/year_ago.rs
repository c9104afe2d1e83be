//! "A year ago": which earlier check-in to put beside today's, and what of
//! it to show (its label, what was written about what you want from work,
//! and its commitment). The check-in nearest to 365 days back, when one is
//! more than 300 days old. Plain data; the TUI shows it on home and before
//! a check-in begins.

use chrono::NaiveDate;

use crate::snapshot::Snapshot;
use crate::store::HasId;

/// The distance looked for, in days.
pub const TARGET_DAYS: i64 = 365;

/// A check-in this many days old, or younger, is too recent to count.
pub const MIN_DAYS: i64 = 300;

/// The reflection (by prompt id, in the built-in banks) on what you want
/// from work.
pub const WANT_PROMPT: &str = "want-changed";

/// What a check-in of about a year ago said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearAgo {
    pub id: String,
    pub date: NaiveDate,
    /// How many days before today it was finished.
    pub days: i64,
    pub label: Option<String>,
    /// The prompt about what you want from work, when the check-in asked it.
    pub prompt: Option<String>,
    /// What was written to it; `None` when it was not asked or left empty.
    pub want: Option<String>,
    /// The commitment made then (may be empty).
    pub commitment: String,
}

/// The index in `summaries` of the check-in nearest to [`TARGET_DAYS`]
/// before `today`, among those finished more than [`MIN_DAYS`] before it.
/// Days are counted between calendar dates (each check-in's own). A tie
/// in distance goes to the older check-in (a full year back or more); two
/// on the same day, to the later of the two.
#[must_use]
pub fn nearest<T: HasId>(summaries: &[T], today: NaiveDate) -> Option<usize> {
    summaries
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let days = (today - s.finished_at().date_naive()).num_days();
            (days > MIN_DAYS).then_some((i, days))
        })
        // The smallest key wins: nearest first, then the older side, then
        // the later check-in of the day.
        .min_by_key(|&(i, days)| {
            (
                (days - TARGET_DAYS).abs(),
                days < TARGET_DAYS,
                std::cmp::Reverse((summaries[i].finished_at(), i)),
            )
        })
        .map(|(i, _)| i)
}

impl YearAgo {
    /// What `snapshot`, finished `days` before today, said.
    #[must_use]
    pub fn of(snapshot: &Snapshot, today: NaiveDate) -> Self {
        let date = snapshot.finished_at.date_naive();
        let reflection = snapshot.reflections.iter().find(|r| r.id == WANT_PROMPT);
        Self {
            id: snapshot.id.clone(),
            date,
            days: (today - date).num_days(),
            label: snapshot.label.clone().filter(|l| !l.trim().is_empty()),
            prompt: reflection.map(|r| r.prompt.clone()),
            want: reflection
                .map(|r| r.text.trim().to_string())
                .filter(|t| !t.is_empty()),
            // Several commitments read as one line in the block.
            commitment: snapshot
                .commitments
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// How long ago, as people say it: "12 months ago".
    #[must_use]
    pub fn age(&self) -> String {
        // A month is 365.25 / 12 days, rounded to the nearest.
        let months = (self.days * 400 + 6087) / 12175;
        crate::text::count(usize::try_from(months).unwrap_or(0), "month", "months") + " ago"
    }

    /// Nothing worth showing: no label, nothing written, no commitment.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.label.is_none() && self.want.is_none() && self.commitment.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::checkin::CheckIn;
    use crate::summary::Summary;
    use chrono::{DateTime, Duration, FixedOffset};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("a day")
    }

    fn at(days_ago: i64, hour: u32) -> DateTime<FixedOffset> {
        let day = today() - Duration::days(days_ago);
        DateTime::parse_from_rfc3339(&format!("{day}T{hour:02}:00:00+01:00")).expect("time")
    }

    fn summaries(days_ago: &[(i64, u32)]) -> Vec<Summary> {
        let bank = builtin::get("quick").expect("quick");
        let mut all: Vec<Summary> = days_ago
            .iter()
            .map(|&(d, h)| {
                Summary::of(&CheckIn::new(&bank, &[], None, at(d, h)).to_snapshot(at(d, h)))
            })
            .collect();
        all.sort_by_key(|s| s.finished_at);
        all
    }

    fn days_of(all: &[Summary], i: Option<usize>) -> Option<i64> {
        i.map(|i| (today() - all[i].finished_at.date_naive()).num_days())
    }

    #[test]
    fn the_nearest_to_a_year_back_is_chosen() {
        let all = summaries(&[(500, 9), (380, 9), (355, 9), (90, 9), (0, 9)]);
        assert_eq!(days_of(&all, nearest(&all, today())), Some(355));
        let all = summaries(&[(700, 9), (420, 9), (10, 9)]);
        assert_eq!(days_of(&all, nearest(&all, today())), Some(420));
    }

    #[test]
    fn nothing_is_shown_without_a_check_in_more_than_300_days_old() {
        assert_eq!(nearest::<Summary>(&[], today()), None);
        let all = summaries(&[(300, 9), (200, 9), (1, 9)]);
        assert_eq!(nearest(&all, today()), None);
        let all = summaries(&[(301, 9), (200, 9)]);
        assert_eq!(days_of(&all, nearest(&all, today())), Some(301));
    }

    #[test]
    fn a_tie_goes_to_the_older_and_then_to_the_later_of_a_day() {
        let all = summaries(&[(375, 9), (355, 9)]);
        assert_eq!(days_of(&all, nearest(&all, today())), Some(375));
        let all = summaries(&[(365, 8), (365, 17), (365, 12)]);
        let i = nearest(&all, today()).expect("one");
        assert_eq!(all[i].finished_at, at(365, 17));
    }

    #[test]
    fn what_it_said_is_its_label_the_want_reflection_and_its_commitment() {
        let bank = builtin::get("core").expect("core");
        let mut c = CheckIn::new(&bank, &[], Some("Q4"), at(366, 9));
        let want = c
            .reflections
            .iter_mut()
            .find(|r| r.id == WANT_PROMPT)
            .expect("core asks what you want");
        want.text = "  lead a team \n".into();
        c.commitment = "ask for the platform work".into();
        let y = YearAgo::of(&c.to_snapshot(at(366, 9)), today());
        assert_eq!(y.label.as_deref(), Some("Q4"));
        assert_eq!(y.want.as_deref(), Some("lead a team"));
        assert_eq!(y.commitment, "ask for the platform work");
        assert_eq!((y.days, y.age().as_str()), (366, "12 months ago"));
        let quick = builtin::get("quick").expect("quick");
        let y = YearAgo::of(
            &CheckIn::new(&quick, &[], None, at(400, 9)).to_snapshot(at(400, 9)),
            today(),
        );
        assert_eq!((&y.prompt, &y.want), (&None, &None));
        assert!(y.is_empty());
        assert_eq!(y.age(), "13 months ago");
    }
}
