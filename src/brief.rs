//! A one-page brief to take to a conversation with your manager, as data:
//! built from one check-in and the check-ins of the year before it.
//!
//! Private by default: the brief holds only the [`Part`]s asked for, and
//! the parts that hold what the person wrote (answers to prompts, notes,
//! commitments, the label) are left out unless named. Everything in it is
//! either the person's own words, their scores and the verdicts of
//! [`crate::score`], or the bank's ideas, labelled as suggestions. Plain
//! Rust: [`markdown`] and [`html`] write it out.

pub mod html;
pub mod markdown;

use chrono::Duration;

use crate::bank::Bank;
use crate::events::Event;
use crate::score::{DimensionChange, DimensionScore};
use crate::snapshot::{Outcome, Snapshot};
use crate::summary::Summary;

/// What a brief says it is, first thing, in every format.
pub const NOT_AN_ASSESSMENT: &str = "This is a self-reflection: my own answers to a short questionnaire about my work, \
in my words. It is not an assessment of my performance, and the scores are not measurements of me.";

/// How far back the chart and the commitments reach from the check-in.
pub const HISTORY_DAYS: i64 = 365;

/// How many ideas a brief suggests.
pub const IDEAS_SHOWN: usize = 3;

/// One part of a brief, named as `--include` and the settings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The check-in's label, beside its date.
    Label,
    /// Answers to the prompts about where I want to go.
    Want,
    /// The three scores and the verdicts of the latest change.
    Scores,
    /// The scores over the last year, as a chart.
    Chart,
    /// Life events: what happened since the previous check-in, and over
    /// the last year (numbered on the chart).
    Events,
    /// What I commit to now, and how past commitments went.
    Commitments,
    /// Answers to the prompt about what I would ask my manager for.
    Help,
    /// The bank's ideas for the dimension that fell most or scores lowest.
    Ideas,
    /// The other reflections.
    Reflections,
    /// Notes on single statements.
    Notes,
}

impl Part {
    /// Every part, in the order a brief shows them.
    pub const ALL: [Part; 10] = [
        Part::Label,
        Part::Want,
        Part::Scores,
        Part::Chart,
        Part::Events,
        Part::Commitments,
        Part::Help,
        Part::Ideas,
        Part::Reflections,
        Part::Notes,
    ];

    /// The parts a brief holds when nothing else was chosen: none of them
    /// holds anything the person wrote.
    pub const DEFAULT: [Part; 3] = [Part::Scores, Part::Chart, Part::Ideas];

    /// The name `--include` takes.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Label => "label",
            Self::Want => "want",
            Self::Scores => "scores",
            Self::Chart => "chart",
            Self::Events => "events",
            Self::Commitments => "commitments",
            Self::Help => "help",
            Self::Ideas => "ideas",
            Self::Reflections => "reflections",
            Self::Notes => "notes",
        }
    }

    /// What it holds, in a few words (for help texts and checkboxes).
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Label => "the check-in's label (you wrote it)",
            Self::Want => "what you wrote about where you want to go",
            Self::Scores => "the scores and how far the latest change exceeds measurement error",
            Self::Chart => "the scores over the last year, as a chart",
            Self::Events => "the life events you noted, since the last check-in and over the year",
            Self::Commitments => "your commitment and how past ones went (you wrote them)",
            Self::Help => "what you wrote you would ask your manager for",
            Self::Ideas => "the bank's ideas of things to try, as suggestions",
            Self::Reflections => "your other reflections",
            Self::Notes => "your notes on single statements",
        }
    }

    /// Whether the part holds words the person wrote.
    #[must_use]
    pub fn is_private(self) -> bool {
        !Self::DEFAULT.contains(&self)
    }

    /// The part named `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Parse an `--include` list: part names separated by commas, `all` for
/// every part, `default` for the default ones. Sorted, each once.
///
/// # Errors
/// An unknown name, with the names that are known.
pub fn parse_parts<S: AsRef<str>>(names: &[S]) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    for name in names.iter().flat_map(|n| n.as_ref().split(',')) {
        let name = name.trim();
        match name {
            "" => {}
            "all" => parts.extend(Part::ALL),
            "default" => parts.extend(Part::DEFAULT),
            _ => parts.push(Part::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = Part::ALL.iter().map(|p| p.name()).collect();
                format!(
                    "unknown part `{name}`; parts are {}, or all, or default",
                    known.join(", ")
                )
            })?),
        }
    }
    parts.sort();
    parts.dedup();
    Ok(parts)
}

/// The reflection prompts whose answers are "where I want to go".
pub const WANT_PROMPTS: [&str; 2] = ["want-changed", "without-money"];
/// The reflection prompts whose answers are "what I would like help with".
pub const HELP_PROMPTS: [&str; 1] = ["manager"];

/// A prompt and the person's answer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub prompt: String,
    pub text: String,
}

/// A commitment from an earlier check-in and how it turned out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastCommitment {
    /// The day of the check-in that made it.
    pub made: String,
    pub commitment: String,
    /// `None` when the next check-in did not ask (or there is none yet).
    pub outcome: Option<Outcome>,
}

/// The ideas a brief suggests, and why that dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    pub dimension: String,
    /// "fell the most since 2026-08-20" or "scores lowest".
    pub why: String,
    pub ideas: Vec<String>,
}

/// A built brief: every field is empty unless its part was included.
#[derive(Debug, Clone, PartialEq)]
pub struct Brief {
    pub parts: Vec<Part>,
    /// `YYYY-MM-DD` of the check-in.
    pub date: String,
    pub label: Option<String>,
    /// Bank id, version and title, as the check-in recorded them.
    pub bank: String,
    pub scores: Vec<DimensionScore>,
    /// The day of the check-in the verdicts compare with.
    pub compared_with: Option<String>,
    pub changes: Vec<DimensionChange>,
    /// The check-ins of the chart, oldest first, this one last.
    pub history: Vec<Summary>,
    /// The life events of the last year up to the check-in's day, oldest
    /// first: marked on the chart, numbered from 1.
    pub events: Vec<Event>,
    /// The life events since the previous check-in (see
    /// [`crate::events::between`]).
    pub between: Vec<Event>,
    pub want: Vec<Written>,
    pub help: Vec<Written>,
    pub reflections: Vec<Written>,
    /// What this check-in committed to, one each (empty when nothing).
    pub commitments: Vec<String>,
    pub past_commitments: Vec<PastCommitment>,
    pub suggestions: Option<Suggestions>,
    /// Statement and note.
    pub notes: Vec<Written>,
}

impl Brief {
    /// Whether `part` is in the brief.
    #[must_use]
    pub fn has(&self, part: Part) -> bool {
        self.parts.contains(&part)
    }
}

/// Build the brief of `snapshot`, with `summaries` every check-in (any
/// order; those after `snapshot` are ignored), `bank` its bank as now
/// found, for the ideas (`None`: no ideas), and `events` every life event
/// (oldest first; only the [`Part::Events`] part shows any).
#[must_use]
pub fn build(
    snapshot: &Snapshot,
    summaries: &[Summary],
    bank: Option<&Bank>,
    events: &[Event],
    parts: &[Part],
) -> Brief {
    let has = |part: Part| parts.contains(&part);
    let mut earlier: Vec<&Summary> = summaries
        .iter()
        .filter(|s| s.finished_at < snapshot.finished_at && s.id != snapshot.id)
        .collect();
    earlier.sort_by_key(|s| s.finished_at);
    let this = Summary::of(snapshot);
    let previous = earlier.last().copied();
    let changes = previous.map_or_else(Vec::new, |p| this.changes_since(p));
    let since = snapshot.finished_at - Duration::days(HISTORY_DAYS);
    let year: Vec<&Summary> = earlier
        .iter()
        .copied()
        .filter(|s| s.finished_at >= since)
        .collect();

    let written = |ids: Option<&[&str]>, exclude: &[&str]| -> Vec<Written> {
        snapshot
            .reflections
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .filter(|r| ids.is_none_or(|ids| ids.contains(&r.id.as_str())))
            .filter(|r| !exclude.contains(&r.id.as_str()))
            .map(|r| Written {
                prompt: r.prompt.clone(),
                text: r.text.trim().to_owned(),
            })
            .collect()
    };
    let mine: Vec<&str> = WANT_PROMPTS.iter().chain(&HELP_PROMPTS).copied().collect();

    Brief {
        parts: parts.to_vec(),
        date: crate::describe::date(snapshot.finished_at),
        label: has(Part::Label)
            .then(|| snapshot.label.clone())
            .flatten()
            .filter(|l| !l.trim().is_empty()),
        bank: bank_name(snapshot),
        scores: if has(Part::Scores) {
            this.scores.clone()
        } else {
            Vec::new()
        },
        compared_with: previous
            .filter(|_| has(Part::Scores))
            .map(|p| crate::describe::date(p.finished_at)),
        changes: if has(Part::Scores) {
            changes.clone()
        } else {
            Vec::new()
        },
        history: if has(Part::Chart) {
            year.iter()
                .map(|s| (*s).clone())
                .chain([this.clone()])
                .collect()
        } else {
            Vec::new()
        },
        events: if has(Part::Events) {
            let (from, until) = (since.date_naive(), snapshot.finished_at.date_naive());
            events
                .iter()
                .filter(|e| e.date >= from && e.date <= until)
                .cloned()
                .collect()
        } else {
            Vec::new()
        },
        between: match previous.filter(|_| has(Part::Events)) {
            Some(p) => crate::events::between(events, p.finished_at, snapshot.finished_at)
                .into_iter()
                .cloned()
                .collect(),
            None => Vec::new(),
        },
        want: if has(Part::Want) {
            written(Some(&WANT_PROMPTS), &[])
        } else {
            Vec::new()
        },
        help: if has(Part::Help) {
            written(Some(&HELP_PROMPTS), &[])
        } else {
            Vec::new()
        },
        reflections: if has(Part::Reflections) {
            written(None, &mine)
        } else {
            Vec::new()
        },
        commitments: if has(Part::Commitments) {
            snapshot
                .commitments
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        },
        past_commitments: if has(Part::Commitments) {
            past_commitments(&year, snapshot)
        } else {
            Vec::new()
        },
        suggestions: has(Part::Ideas)
            .then(|| suggest(&this, &changes, previous, bank))
            .flatten(),
        notes: if has(Part::Notes) {
            snapshot
                .answers
                .iter()
                .filter_map(|a| {
                    let note = a.note.as_deref()?.trim();
                    (!note.is_empty()).then(|| Written {
                        prompt: a.text.clone(),
                        text: note.to_owned(),
                    })
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// Two or three of `bank`'s ideas for `snapshot`, as a brief would show
/// them (for the result screen): for the dimension that fell most since the
/// check-in before it in `summaries`, else the one that scores lowest.
#[must_use]
pub fn suggestions(snapshot: &Snapshot, summaries: &[Summary], bank: &Bank) -> Option<Suggestions> {
    build(snapshot, summaries, Some(bank), &[], &[Part::Ideas]).suggestions
}

/// The [`Part::Events`] part as lines of text: what happened since the
/// previous check-in, then the year's events numbered as on the chart.
#[must_use]
pub fn events_lines(brief: &Brief) -> Vec<String> {
    let mut lines = Vec::new();
    let between: Vec<&Event> = brief.between.iter().collect();
    match (&brief.compared_with, crate::events::listing(&between)) {
        (_, Some(listing)) => lines.push(format!("Between these check-ins: {listing}.")),
        (Some(_), None) => lines.push("Nothing noted since the previous check-in.".to_owned()),
        (None, None) => {}
    }
    if brief.events.is_empty() {
        lines.push("No life events noted over the last year.".to_owned());
    } else {
        let numbered: Vec<String> = brief
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| format!("{} {}", i + 1, e.line()))
            .collect();
        lines.push(format!(
            "Over the last year (numbered as on the chart): {}.",
            numbered.join("; ")
        ));
    }
    lines
}

/// "core 2 (Autonomy, mastery and purpose)".
fn bank_name(snapshot: &Snapshot) -> String {
    let title = snapshot.bank.title.trim();
    if title.is_empty() {
        format!("{} {}", snapshot.bank.id, snapshot.bank.version)
    } else {
        format!("{} {} ({title})", snapshot.bank.id, snapshot.bank.version)
    }
}

/// Each commitment made in the year before `snapshot`, with the outcome the
/// next check-in recorded.
fn past_commitments(year: &[&Summary], snapshot: &Snapshot) -> Vec<PastCommitment> {
    let latest = Summary::of(snapshot);
    let next = year.iter().skip(1).copied().chain([&latest]);
    year.iter()
        .zip(next)
        .flat_map(|(s, next)| {
            let made = s.commitments.len();
            s.commitments
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(move |c| PastCommitment {
                    made: crate::describe::date(s.finished_at),
                    commitment: c.to_owned(),
                    outcome: crate::commitments::answer_for(made, c, &next.follow_ups, |f| {
                        &f.commitment
                    })
                    .map(|f| f.outcome),
                })
        })
        .collect()
}

/// Ideas for the dimension that fell most since the previous check-in, or,
/// when none fell, the one that scores lowest; `None` when the bank has no
/// ideas for it.
fn suggest(
    this: &Summary,
    changes: &[DimensionChange],
    previous: Option<&Summary>,
    bank: Option<&Bank>,
) -> Option<Suggestions> {
    let bank = bank?;
    let fell = changes
        .iter()
        .filter_map(|c| Some((c, c.shown_delta()?)))
        .filter(|(_, delta)| *delta < 0.0)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let (dimension, why) = match (fell, previous) {
        (Some((change, _)), Some(previous)) => (
            change.dimension.clone(),
            format!(
                "{} fell the most since {}",
                change.name,
                crate::describe::date(previous.finished_at)
            ),
        ),
        _ => {
            let lowest = this
                .scores
                .iter()
                .filter_map(|s| Some((s, s.score?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))?
                .0;
            (
                lowest.dimension.clone(),
                format!("{} scores lowest", lowest.name),
            )
        }
    };
    let ideas: Vec<String> = bank
        .ideas(&dimension)
        .iter()
        .take(IDEAS_SHOWN)
        .cloned()
        .collect();
    (!ideas.is_empty()).then_some(Suggestions {
        dimension,
        why,
        ideas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_round_trip_and_only_the_defaults_are_not_private() {
        for part in Part::ALL {
            assert_eq!(Part::from_name(part.name()), Some(part));
        }
        let private: Vec<&str> = Part::ALL
            .iter()
            .filter(|p| p.is_private())
            .map(|p| p.name())
            .collect();
        assert_eq!(
            private,
            [
                "label",
                "want",
                "events",
                "commitments",
                "help",
                "reflections",
                "notes"
            ]
        );
    }

    #[test]
    fn include_lists_take_commas_all_and_default() {
        assert_eq!(
            parse_parts(&["want,notes"]),
            Ok(vec![Part::Want, Part::Notes])
        );
        assert_eq!(
            parse_parts(&["default", "help"]),
            Ok(vec![Part::Scores, Part::Chart, Part::Help, Part::Ideas])
        );
        assert_eq!(parse_parts(&["all"]), Ok(Part::ALL.to_vec()));
        assert_eq!(parse_parts::<&str>(&[]), Ok(vec![]));
        assert_eq!(
            parse_parts(&["wants"]),
            Err(
                "unknown part `wants`; parts are label, want, scores, chart, events, commitments, \
                 help, ideas, reflections, notes, or all, or default"
                    .to_owned()
            )
        );
    }

    fn checkin(at: &str, levels: [i64; 3], previous: Option<&str>) -> Snapshot {
        let bank = crate::bank::builtin::get("core").expect("core");
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("date");
        let previous: Vec<&str> = previous.into_iter().collect();
        let mut c = crate::checkin::CheckIn::new(&bank, &previous, Some("Q4"), at);
        for q in &mut c.questions {
            let level = match q.dimension.as_str() {
                "autonomy" => levels[0],
                "mastery" => levels[1],
                _ => levels[2],
            };
            q.value = Some(if q.reverse { 6 - level } else { level });
            q.note = "a note".into();
        }
        for r in &mut c.reflections {
            r.text = format!("on {}", r.id);
        }
        for f in &mut c.follow_ups {
            f.outcome = Some(Outcome::Dropped);
        }
        c.commitment = format!("commit {at}");
        c.to_snapshot(at)
    }

    #[test]
    fn the_default_parts_hold_nothing_written_and_ideas_for_the_lowest_score_at_first() {
        let core = crate::bank::builtin::get("core").expect("core");
        let only = checkin("2026-01-10T10:00:00+00:00", [4, 2, 3], None);
        let brief = build(
            &only,
            &[Summary::of(&only)],
            Some(&core),
            &[],
            &Part::DEFAULT,
        );
        assert_eq!(brief.label, None);
        assert!(brief.commitments.is_empty());
        assert!(brief.want.is_empty() && brief.help.is_empty());
        assert!(brief.reflections.is_empty() && brief.notes.is_empty());
        assert!(brief.past_commitments.is_empty());
        assert_eq!(brief.compared_with, None);
        assert!(brief.changes.is_empty());
        assert_eq!(brief.history.len(), 1);
        let suggestions = brief.suggestions.expect("ideas");
        assert_eq!(suggestions.dimension, "mastery");
        assert_eq!(suggestions.why, "Mastery scores lowest");
        assert_eq!(suggestions.ideas, core.ideas("mastery")[..IDEAS_SHOWN]);
        let none = build(&only, &[], None, &[], &Part::DEFAULT);
        assert_eq!(none.suggestions, None, "no bank, no ideas");
        let fell = checkin("2026-04-10T10:00:00+00:00", [1, 3, 3], Some("x"));
        let all = [Summary::of(&only), Summary::of(&fell)];
        let why = super::suggestions(&fell, &all, &core).map(|s| s.why);
        assert_eq!(
            why.as_deref(),
            Some("Autonomy fell the most since 2026-01-10")
        );
    }

    #[test]
    fn the_year_before_gives_the_chart_the_verdicts_and_the_commitments() {
        let old = checkin("2024-05-31T10:00:00+00:00", [3, 3, 3], None);
        let a = checkin("2025-03-01T10:00:00+00:00", [3, 3, 3], Some("x"));
        let b = checkin("2025-06-01T10:00:00+00:00", [3, 4, 3], Some("y"));
        let later = checkin("2025-09-01T10:00:00+00:00", [1, 1, 1], Some("z"));
        let all: Vec<Summary> = [&later, &b, &old, &a].map(Summary::of).to_vec();
        let brief = build(&b, &all, None, &[], &Part::ALL);
        assert_eq!(brief.label.as_deref(), Some("Q4"));
        let days: Vec<String> = brief
            .history
            .iter()
            .map(|s| crate::describe::date(s.finished_at))
            .collect();
        assert_eq!(
            days,
            ["2025-03-01", "2025-06-01"],
            "a year back, nothing after"
        );
        assert_eq!(brief.compared_with.as_deref(), Some("2025-03-01"));
        let mastery = brief
            .changes
            .iter()
            .find(|c| c.dimension == "mastery")
            .expect("mastery");
        assert_eq!(mastery.shown_delta(), Some(25.0));
        assert_eq!(
            brief.past_commitments,
            [PastCommitment {
                made: "2025-03-01".into(),
                commitment: "commit 2025-03-01 10:00:00 +00:00".into(),
                outcome: Some(Outcome::Dropped),
            }]
        );
        assert_eq!(brief.want.len(), 2);
        assert_eq!(brief.help.len(), 1);
        assert_eq!(
            brief.reflections.len(),
            4,
            "the core prompts not in want or help"
        );
        assert_eq!(brief.notes.len(), 18);
    }

    #[test]
    fn several_commitments_are_listed_one_each_in_markdown_and_html() {
        let mut one = checkin("2026-01-10T10:00:00+00:00", [3, 3, 3], None);
        let summaries = [Summary::of(&one)];
        let brief = build(&one, &summaries, None, &[], &[Part::Commitments]);
        let md = markdown::render(&brief);
        assert!(md.contains("> commit 2026-01-10 10:00:00 +00:00\n"), "{md}");
        one.commitments = vec![
            "Ask for the platform work".into(),
            "  ".into(),
            "Pair with Sam; then decide".into(),
        ];
        let brief = build(&one, &summaries, None, &[], &[Part::Commitments]);
        assert_eq!(
            brief.commitments,
            ["Ask for the platform work", "Pair with Sam; then decide"]
        );
        let md = markdown::render(&brief);
        assert!(
            md.contains("> - Ask for the platform work\n> - Pair with Sam; then decide\n"),
            "{md}"
        );
        let html = html::render(&brief);
        assert!(
            html.contains(
                "<ul>\n<li>Ask for the platform work</li>\n<li>Pair with Sam; then decide</li>\n</ul>"
            ),
            "{html}"
        );
    }
}
