//! Commitments and how they went: what each check-in committed to, which
//! later check-in followed it up and with what outcome, and the one still
//! open. Plain data over snapshots and summaries.

use crate::snapshot::{Outcome, Snapshot};
use crate::summary::Summary;

/// One commitment and, once followed up, how it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Commitment<'a> {
    /// The check-in that made it.
    pub made: &'a Snapshot,
    pub text: &'a str,
    /// How it went and the note on it, from the check-in that followed it up.
    pub outcome: Option<(Outcome, Option<&'a str>, &'a Snapshot)>,
}

/// Every commitment, oldest first. A check-in follows up the commitment
/// of the latest earlier check-in that made one (so a check-in that sets
/// none does not lose the one before it).
#[must_use]
pub fn all(snapshots: &[Snapshot]) -> Vec<Commitment<'_>> {
    let mut out: Vec<Commitment<'_>> = Vec::new();
    let mut open: Option<usize> = None;
    for s in snapshots {
        if let (Some(f), Some(i)) = (&s.follow_up, open) {
            out[i].outcome = Some((f.outcome, f.note.as_deref(), s));
            open = None;
        }
        let text = s.commitment.trim();
        if !text.is_empty() {
            out.push(Commitment {
                made: s,
                text,
                outcome: None,
            });
            open = Some(out.len() - 1);
        }
    }
    out
}

/// The commitment still waiting for its follow-up, if any: made by the
/// latest check-in that made one, and not followed up by a later one.
#[must_use]
pub fn open(summaries: &[Summary]) -> Option<&Summary> {
    let made = summaries
        .iter()
        .rposition(|s| !s.commitment.trim().is_empty())?;
    let followed = summaries[made + 1..].iter().any(|s| s.follow_up.is_some());
    (!followed).then(|| &summaries[made])
}

/// How the followed-up commitments went, in outcome order, with the
/// number followed up: "done 3, partly 2, not done 1 of 6".
#[must_use]
pub fn tally(summaries: &[Summary]) -> (Vec<(Outcome, usize)>, usize) {
    let outcomes: Vec<Outcome> = summaries.iter().filter_map(|s| s.follow_up).collect();
    count(&outcomes)
}

/// Each outcome in `outcomes` and how often, in outcome order, with the
/// number of outcomes.
fn count(outcomes: &[Outcome]) -> (Vec<(Outcome, usize)>, usize) {
    let counts = Outcome::ALL
        .iter()
        .map(|o| (*o, outcomes.iter().filter(|x| *x == o).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    (counts, outcomes.len())
}

/// [`tally`] as people read it, or `None` when nothing was followed up.
#[must_use]
pub fn tally_line(summaries: &[Summary]) -> Option<String> {
    let outcomes: Vec<Outcome> = summaries.iter().filter_map(|s| s.follow_up).collect();
    tally_of(&outcomes)
}

/// These outcomes as people read them, "done 2, partly 1 of 3", or `None`
/// when there are none.
#[must_use]
pub fn tally_of(outcomes: &[Outcome]) -> Option<String> {
    let (counts, total) = count(outcomes);
    (total > 0).then(|| {
        let parts: Vec<String> = counts
            .iter()
            .map(|(o, n)| format!("{} {n}", o.describe()))
            .collect();
        format!("{} of {total}", parts.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::FollowUp;

    fn check_in(at: &str, commitment: &str, follow: Option<(&str, Outcome)>) -> Snapshot {
        let mut s = Snapshot::empty_for_tests(at);
        s.commitment = commitment.into();
        s.follow_up = follow.map(|(c, outcome)| FollowUp {
            commitment: c.into(),
            outcome,
            note: Some("a note".into()),
        });
        s
    }

    #[test]
    fn a_commitment_is_followed_up_by_the_next_check_in_that_asks_even_after_a_gap() {
        let all_of = [
            check_in("2026-01-01T10:00:00+01:00", "Ship it", None),
            check_in(
                "2026-04-01T10:00:00+02:00",
                "",
                Some(("Ship it", Outcome::Partly)),
            ),
            check_in("2026-07-01T10:00:00+02:00", "Mentor Bo", None),
            // Sets none: Mentor Bo stays open.
            check_in("2026-10-01T10:00:00+02:00", "", None),
        ];
        let listed = all(&all_of);
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].text, "Ship it");
        assert_eq!(listed[0].outcome.map(|o| o.0), Some(Outcome::Partly));
        assert_eq!(listed[1].outcome, None);
        let summaries: Vec<Summary> = all_of.iter().map(Summary::of).collect();
        assert_eq!(
            open(&summaries).map(|s| s.commitment.as_str()),
            Some("Mentor Bo")
        );
    }

    #[test]
    fn the_tally_names_every_outcome_not_only_done() {
        let all_of = [
            check_in("2026-01-01T10:00:00+01:00", "A", None),
            check_in(
                "2026-04-01T10:00:00+02:00",
                "B",
                Some(("A", Outcome::Partly)),
            ),
            check_in("2026-07-01T10:00:00+02:00", "C", Some(("B", Outcome::Done))),
            check_in("2026-10-01T10:00:00+02:00", "", Some(("C", Outcome::Done))),
        ];
        let summaries: Vec<Summary> = all_of.iter().map(Summary::of).collect();
        let line = tally_line(&summaries).expect("followed up");
        assert_eq!(
            line,
            format!(
                "{} 2, {} 1 of 3",
                Outcome::Done.describe(),
                Outcome::Partly.describe()
            )
        );
        assert_eq!(open(&summaries), None, "C was followed up");
        assert_eq!(tally_line(&summaries[..1]), None);
    }
}
