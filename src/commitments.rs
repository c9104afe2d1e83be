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

/// Every commitment, oldest first (a check-in's in the order made). A
/// check-in follows up the commitments of the latest earlier check-in that
/// made any (so a check-in that sets none does not lose them), each matched
/// by its text; those it does not answer for stay open until a check-in
/// makes new ones.
#[must_use]
pub fn all(snapshots: &[Snapshot]) -> Vec<Commitment<'_>> {
    let mut out: Vec<Commitment<'_>> = Vec::new();
    // Where the commitments still open start in `out`.
    let mut open_from = 0;
    for s in snapshots {
        let open = &mut out[open_from..];
        let texts: Vec<&str> = open.iter().map(|c| c.text).collect();
        for (i, text) in texts.iter().enumerate() {
            if open[i].outcome.is_some() {
                continue;
            }
            if let Some(f) = answer_for(texts.len(), text, &s.follow_ups, |f| &f.commitment) {
                open[i].outcome = Some((f.outcome, f.note.as_deref(), s));
            }
        }
        let made: Vec<&str> = s
            .commitments
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        if !made.is_empty() {
            open_from = out.len();
            out.extend(made.into_iter().map(|text| Commitment {
                made: s,
                text,
                outcome: None,
            }));
        }
    }
    out
}

/// The commitments still waiting for their follow-up, and the check-in
/// that made them: the latest one that made any, less those a later
/// check-in followed up. `None` when none is open.
#[must_use]
pub fn open(summaries: &[Summary]) -> Option<(&Summary, Vec<&str>)> {
    let made = summaries
        .iter()
        .rposition(|s| s.commitments.iter().any(|c| !c.trim().is_empty()))?;
    let texts: Vec<&str> = summaries[made]
        .commitments
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let later = &summaries[made + 1..];
    let open: Vec<&str> = texts
        .iter()
        .filter(|text| {
            !later
                .iter()
                .any(|s| answer_for(texts.len(), text, &s.follow_ups, |f| &f.commitment).is_some())
        })
        .copied()
        .collect();
    (!open.is_empty()).then(|| (&summaries[made], open))
}

/// Which of `follow_ups` answers for the commitment `text`, one of `made`
/// made together: the one that names it; and when one was made and one
/// followed up, that one whatever it names (format 1 kept one of each, and
/// a commitment edited by hand since is still the one followed up).
pub fn answer_for<'f, F>(
    made: usize,
    text: &str,
    follow_ups: &'f [F],
    names: impl Fn(&F) -> &str,
) -> Option<&'f F> {
    let the_only_one = match follow_ups {
        [only] if made == 1 => Some(only),
        _ => None,
    };
    follow_ups
        .iter()
        .find(|f| names(f).trim() == text)
        .or(the_only_one)
}

/// How the followed-up commitments went, in outcome order, with the
/// number followed up: "done 3, partly 2, not done 1 of 6".
#[must_use]
pub fn tally(summaries: &[Summary]) -> (Vec<(Outcome, usize)>, usize) {
    count(&outcomes_of(summaries))
}

/// Every outcome said, oldest first.
fn outcomes_of(summaries: &[Summary]) -> Vec<Outcome> {
    summaries
        .iter()
        .flat_map(|s| s.follow_ups.iter().map(|f| f.outcome))
        .collect()
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
    tally_of(&outcomes_of(summaries))
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
        s.commitments = [commitment]
            .into_iter()
            .filter(|c| !c.is_empty())
            .map(Into::into)
            .collect();
        s.follow_ups = follow
            .map(|(c, outcome)| FollowUp {
                commitment: c.into(),
                outcome,
                note: Some("a note".into()),
            })
            .into_iter()
            .collect();
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
        assert_eq!(open(&summaries).map(|(_, o)| o), Some(vec!["Mentor Bo"]));
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

    #[test]
    fn each_of_several_commitments_is_followed_up_on_its_own() {
        let mut made = check_in("2026-01-01T10:00:00+01:00", "", None);
        made.commitments = vec!["Ship it".into(), "Mentor Bo".into(), "Write".into()];
        let mut next = check_in("2026-04-01T10:00:00+02:00", "", None);
        next.follow_ups = vec![
            FollowUp {
                commitment: "Mentor Bo".into(),
                outcome: Outcome::Done,
                note: None,
            },
            FollowUp {
                commitment: "Ship it".into(),
                outcome: Outcome::NotDone,
                note: Some("blocked".into()),
            },
        ];
        let all_of = [made, next];
        let listed = all(&all_of);
        let outcomes: Vec<(&str, Option<Outcome>)> = listed
            .iter()
            .map(|c| (c.text, c.outcome.map(|o| o.0)))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("Ship it", Some(Outcome::NotDone)),
                ("Mentor Bo", Some(Outcome::Done)),
                ("Write", None),
            ]
        );
        let summaries: Vec<Summary> = all_of.iter().map(Summary::of).collect();
        assert_eq!(open(&summaries).map(|(_, o)| o), Some(vec!["Write"]));
        assert_eq!(
            tally_line(&summaries).as_deref(),
            Some("done 1, not done 1 of 2")
        );
    }
}
