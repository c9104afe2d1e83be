//! `--since`, `--until` and `--last`: the one filter every listing command
//! (`list`, `chart`, `export`, `search`) applies to the check-ins it reads.

use crate::cli::RangeArgs;
use crate::store::HasId;

use super::Error;

impl RangeArgs {
    /// Whether any of the three was given.
    #[must_use]
    pub fn is_set(&self) -> bool {
        self.since.is_some() || self.until.is_some() || self.last.is_some()
    }

    /// The check-ins of `all` (oldest first) taken from `--since` to
    /// `--until`, both days included (each check-in's own local day), then
    /// the last `--last` of those; in the same order.
    ///
    /// # Errors
    /// `--since` is after `--until`.
    pub fn keep<T: HasId>(&self, mut all: Vec<T>) -> Result<Vec<T>, Error> {
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since > until
        {
            return Err(Error::input(format!(
                "--since {since} is after --until {until}: no check-in can be in between"
            )));
        }
        all.retain(|s| {
            let day = s.finished_at().date_naive();
            self.since.is_none_or(|since| day >= since)
                && self.until.is_none_or(|until| day <= until)
        });
        if let Some(last) = self.last {
            let last = usize::try_from(last).unwrap_or(usize::MAX);
            let drop = all.len().saturating_sub(last);
            all.drain(..drop);
        }
        Ok(all)
    }

    /// What to say when the range leaves none of `total` check-ins.
    #[must_use]
    pub fn none_left(&self, total: usize) -> String {
        let span = match (self.since, self.until) {
            (Some(since), Some(until)) => format!(" from {since} to {until}"),
            (Some(since), None) => format!(" since {since}"),
            (None, Some(until)) => format!(" until {until}"),
            (None, None) => String::new(),
        };
        format!("No check-ins{span} ({total} in all; `motive list` shows their dates).")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Snapshot;
    use chrono::NaiveDate;

    fn on(day: &str) -> Snapshot {
        let mut s = Snapshot::empty_for_tests(&format!("{day}T23:30:00-05:00"));
        s.id = day.replace('-', "");
        s
    }

    fn kept(range: &RangeArgs, days: &[&str]) -> Vec<String> {
        let all: Vec<Snapshot> = days.iter().map(|d| on(d)).collect();
        range
            .keep(all)
            .expect("a range")
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    fn date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    const DAYS: [&str; 4] = ["2026-01-05", "2026-04-06", "2026-07-06", "2026-10-05"];

    #[test]
    fn since_and_until_include_their_days_in_the_check_ins_own_time() {
        let range = RangeArgs {
            since: date("2026-04-06"),
            until: date("2026-07-06"),
            last: None,
        };
        // 23:30 at UTC-5 is the next day in UTC: the check-in's own day counts.
        assert_eq!(kept(&range, &DAYS), ["20260406", "20260706"]);
    }

    #[test]
    fn last_counts_from_the_end_of_what_the_days_leave() {
        let range = RangeArgs {
            since: None,
            until: date("2026-07-06"),
            last: Some(2),
        };
        assert_eq!(kept(&range, &DAYS), ["20260406", "20260706"]);
        let more = RangeArgs {
            last: Some(10),
            ..RangeArgs::default()
        };
        assert_eq!(kept(&more, &DAYS).len(), 4);
        assert_eq!(kept(&RangeArgs::default(), &DAYS).len(), 4);
    }

    #[test]
    fn since_after_until_is_refused() {
        let range = RangeArgs {
            since: date("2026-07-06"),
            until: date("2026-04-06"),
            last: None,
        };
        let err = range.keep(vec![on("2026-05-01")]).expect_err("refused");
        assert_eq!(err.code, crate::exit::INPUT);
        assert!(
            err.message
                .contains("--since 2026-07-06 is after --until 2026-04-06")
        );
    }
}
