//! A check-in in progress: plain data, no terminal, no files.
//!
//! It is also the draft saved after every step, so it is self-contained: it
//! records the bank's statements as they were asked, and resuming works even
//! if the bank file changed in between.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Dimension, Scale};
use crate::snapshot::{
    Answer, BankRef, FollowUp, MAX_COMMITMENTS, Outcome, ReflectionAnswer, SNAPSHOT_FORMAT,
    Snapshot,
};
use crate::text::policy::{self, Kind};

/// Where the person is in the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Step {
    /// How did the previous check-in's commitment (this one of them) go?
    /// Drafts from before several commitments say no index: the first.
    FollowUp(#[serde(default)] Option<usize>),
    /// Anything big since last time? (a life event, skippable)
    Event,
    Question(usize),
    Reflection(usize),
    Commitment,
    Review,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftQuestion {
    pub id: String,
    pub dimension: String,
    pub text: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub reverse: bool,
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<i64>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftReflection {
    pub id: String,
    pub prompt: String,
    #[serde(default)]
    pub hint: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftFollowUp {
    pub commitment: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub note: String,
}

/// The answer to "Anything big since last time?": a life event, kept in
/// the draft as typed and saved with the check-in. An empty label skips it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEvent {
    /// What happened, in a few words.
    #[serde(default)]
    pub label: String,
    /// Its day as typed (`2026-06-01` or `today`); empty means today.
    #[serde(default)]
    pub day: String,
}

impl DraftEvent {
    /// Nothing was written: the question was skipped.
    #[must_use]
    pub fn is_skipped(&self) -> bool {
        self.label.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub started_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub label: String,
    pub step: Step,
    pub bank: BankRef,
    /// The bank's instructions, shown before the first statement.
    #[serde(default)]
    pub description: String,
    pub scale: Scale,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<DraftQuestion>,
    #[serde(default)]
    pub reflections: Vec<DraftReflection>,
    /// What the person will do before the next check-in: one commitment a
    /// line, at most [`MAX_COMMITMENTS`] kept.
    #[serde(default)]
    pub commitment: String,
    /// How each of last time's open commitments went, as answered so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<DraftFollowUp>,
    /// A draft from before several commitments: its one follow-up, read
    /// into `follow_ups` by [`CheckIn::upgraded`].
    #[serde(default, skip_serializing, rename = "follow_up")]
    pub legacy_follow_up: Option<DraftFollowUp>,
    /// Asked after the follow-ups when there is a check-in before this one
    /// (see [`CheckIn::ask_about_events`]); `None` when not asked. Drafts
    /// from before it was asked simply have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<DraftEvent>,
}

impl CheckIn {
    /// A fresh check-in on `bank`. When earlier check-ins left commitments
    /// open, the flow starts by asking how each went.
    #[must_use]
    pub fn new(
        bank: &Bank,
        open_commitments: &[&str],
        label: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Self {
        // Held to the text policy like anything typed: they are shown again.
        let follow_ups: Vec<DraftFollowUp> = open_commitments
            .iter()
            .map(|c| clean(c).trim().to_string())
            .filter(|c| !c.is_empty())
            .take(MAX_COMMITMENTS)
            .map(|c| DraftFollowUp {
                commitment: c,
                outcome: None,
                note: String::new(),
            })
            .collect();
        Self {
            started_at: now,
            label: label.unwrap_or_default().trim().to_string(),
            step: if follow_ups.is_empty() {
                Step::Question(0)
            } else {
                Step::FollowUp(Some(0))
            },
            bank: BankRef {
                id: bank.id.clone(),
                version: bank.version.clone(),
                title: bank.title.clone(),
            },
            description: bank.description.clone(),
            scale: bank.scale.clone(),
            dimensions: bank.dimensions.clone(),
            questions: bank
                .questions
                .iter()
                .map(|q| DraftQuestion {
                    id: q.id.clone(),
                    dimension: q.dimension.clone(),
                    text: q.text.clone(),
                    hint: q.hint.clone().unwrap_or_default(),
                    reverse: q.reverse,
                    weight: q.weight,
                    value: None,
                    note: String::new(),
                })
                .collect(),
            reflections: bank
                .reflections
                .iter()
                .map(|r| DraftReflection {
                    id: r.id.clone(),
                    prompt: r.prompt.clone(),
                    hint: r.hint.clone().unwrap_or_default(),
                    text: String::new(),
                })
                .collect(),
            commitment: String::new(),
            follow_ups,
            legacy_follow_up: None,
            event: None,
        }
    }

    /// Ask "Anything big since last time?" after the follow-ups (or first,
    /// when there are none). For a check-in that has begun already, this
    /// changes nothing.
    pub fn ask_about_events(&mut self) {
        if self.event.is_some() || !self.is_untouched() {
            return;
        }
        self.event = Some(DraftEvent::default());
        if self.follow_ups.is_empty() {
            self.step = Step::Event;
        }
    }

    /// A draft as this build keeps it: an older draft's one follow-up
    /// becomes the list's first.
    #[must_use]
    pub fn upgraded(mut self) -> Self {
        if let Some(f) = self.legacy_follow_up.take()
            && self.follow_ups.is_empty()
        {
            self.follow_ups.push(f);
        }
        if self.step == Step::FollowUp(None) {
            self.step = Step::FollowUp(Some(0));
        }
        self
    }

    /// Which of last time's commitments a follow-up step asks about.
    #[must_use]
    pub fn follow_up_index(step: Step) -> Option<usize> {
        match step {
            Step::FollowUp(i) => Some(i.unwrap_or(0)),
            _ => None,
        }
    }

    /// The follow-up on screen, when the flow is at one.
    #[must_use]
    pub fn current_follow_up(&self) -> Option<&DraftFollowUp> {
        self.follow_ups.get(Self::follow_up_index(self.step)?)
    }

    /// The commitments written, one a line, trimmed, empty lines left out:
    /// all of them, even past [`MAX_COMMITMENTS`] (saving keeps that many).
    #[must_use]
    pub fn commitments(&self) -> Vec<String> {
        clean(&self.commitment)
            .lines()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The step after `self.step`, in flow order.
    #[must_use]
    pub fn next_step(&self) -> Step {
        let questions = self.questions.len();
        let reflections = self.reflections.len();
        let follow_ups = self.follow_ups.len();
        match self.step {
            Step::FollowUp(i) if i.unwrap_or(0) + 1 < follow_ups => {
                Step::FollowUp(Some(i.unwrap_or(0) + 1))
            }
            Step::FollowUp(_) if self.event.is_some() => Step::Event,
            Step::FollowUp(_) | Step::Event if questions > 0 => Step::Question(0),
            Step::Question(i) if i + 1 < questions => Step::Question(i + 1),
            Step::FollowUp(_) | Step::Event | Step::Question(_) if reflections > 0 => {
                Step::Reflection(0)
            }
            Step::Reflection(i) if i + 1 < reflections => Step::Reflection(i + 1),
            Step::FollowUp(_) | Step::Event | Step::Question(_) | Step::Reflection(_) => {
                Step::Commitment
            }
            Step::Commitment | Step::Review => Step::Review,
        }
    }

    /// The step before `self.step`, or `None` at the very start.
    #[must_use]
    pub fn previous_step(&self) -> Option<Step> {
        let questions = self.questions.len();
        let reflections = self.reflections.len();
        let last_follow_up = self
            .follow_ups
            .len()
            .checked_sub(1)
            .map(|i| Step::FollowUp(Some(i)));
        let before_questions = self
            .event
            .is_some()
            .then_some(Step::Event)
            .or(last_follow_up);
        let last_question = questions
            .checked_sub(1)
            .map(Step::Question)
            .or(before_questions);
        match self.step {
            Step::FollowUp(i) => i
                .unwrap_or(0)
                .checked_sub(1)
                .map(|i| Step::FollowUp(Some(i))),
            Step::Event => last_follow_up,
            Step::Question(0) => before_questions,
            Step::Question(i) => Some(Step::Question(i - 1)),
            Step::Reflection(0) => last_question,
            Step::Reflection(i) => Some(Step::Reflection(i - 1)),
            Step::Commitment => reflections
                .checked_sub(1)
                .map(Step::Reflection)
                .or(last_question),
            Step::Review => Some(Step::Commitment),
        }
    }

    /// Nothing has been answered or written yet: the check-in is where a
    /// fresh one starts.
    #[must_use]
    pub fn is_untouched(&self) -> bool {
        self.answered() == 0
            && self.questions.iter().all(|q| q.note.trim().is_empty())
            && self.reflections.iter().all(|r| r.text.trim().is_empty())
            && self.commitment.trim().is_empty()
            && self.follow_ups.iter().all(|f| f.outcome.is_none())
            && self.event.as_ref().is_none_or(DraftEvent::is_skipped)
            && self.previous_step().is_none()
    }

    /// Whether at least one dimension has a score: a check-in without one
    /// has nothing to show on home or in a chart.
    #[must_use]
    pub fn has_scores(&self) -> bool {
        crate::score::scores_of(&self.scale, &self.dimensions, &self.answers())
            .iter()
            .any(|s| s.score.is_some())
    }

    /// About how many minutes the check-in takes, writing included: a
    /// few seconds a statement, a minute a reflection, half a minute for
    /// the commitment.
    #[must_use]
    pub fn minutes(&self) -> usize {
        let seconds = self.questions.len() * 8 + self.reflections.len() * 60 + 30;
        seconds.div_ceil(60).max(1)
    }

    /// How many statements have an answer.
    #[must_use]
    pub fn answered(&self) -> usize {
        self.questions.iter().filter(|q| q.value.is_some()).count()
    }

    /// A short description of how far it got, e.g. "statement 5 of 12".
    #[must_use]
    pub fn progress(&self) -> String {
        match self.step {
            Step::FollowUp(i) if self.follow_ups.len() > 1 => format!(
                "the follow-up of your last commitments ({} of {})",
                i.unwrap_or(0) + 1,
                self.follow_ups.len()
            ),
            Step::FollowUp(_) => "the follow-up of your last commitment".into(),
            Step::Event => "the question about anything big since last time".into(),
            Step::Question(i) => format!("statement {} of {}", i + 1, self.questions.len()),
            Step::Reflection(i) => format!("reflection {} of {}", i + 1, self.reflections.len()),
            Step::Commitment => "the commitment".into(),
            Step::Review => "the review".into(),
        }
    }

    /// The answers so far, as a snapshot records them.
    #[must_use]
    pub fn answers(&self) -> Vec<Answer> {
        self.questions
            .iter()
            .map(|q| Answer {
                question: q.id.clone(),
                dimension: q.dimension.clone(),
                text: q.text.clone(),
                reverse: q.reverse,
                weight: q.weight,
                value: q.value,
                note: non_empty(&q.note),
                fingerprint: Some(crate::snapshot::fingerprint(
                    &q.text,
                    q.reverse,
                    &self.scale,
                )),
            })
            .collect()
    }

    /// The finished check-in. Its id is set by the store when saved.
    #[must_use]
    pub fn to_snapshot(&self, finished_at: DateTime<FixedOffset>) -> Snapshot {
        Snapshot {
            format: SNAPSHOT_FORMAT,
            id: crate::snapshot::id_for(finished_at),
            label: non_empty(&self.label),
            started_at: self.started_at,
            finished_at: finished_at.max(self.started_at),
            commitments: self
                .commitments()
                .into_iter()
                .take(MAX_COMMITMENTS)
                .collect(),
            bank: self.bank.clone(),
            scale: self.scale.clone(),
            dimensions: self.dimensions.clone(),
            answers: self.answers(),
            reflections: self
                .reflections
                .iter()
                .map(|r| ReflectionAnswer {
                    id: r.id.clone(),
                    prompt: r.prompt.clone(),
                    text: clean(&r.text).trim_end().to_string(),
                })
                .collect(),
            follow_ups: self
                .follow_ups
                .iter()
                .filter_map(|f| {
                    f.outcome.map(|outcome| FollowUp {
                        commitment: clean(&f.commitment),
                        outcome,
                        note: non_empty(&f.note),
                    })
                })
                .collect(),
        }
    }
}

fn non_empty(text: &str) -> Option<String> {
    // Cleaned first, then trimmed: a dropped character cannot leave
    // whitespace at an end, so cleaning twice gives the same text.
    let cleaned = clean(text);
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// What the person wrote, as a snapshot may hold it (the shared text
/// policy): pasted control characters, escape sequences and invisible or
/// reordering characters are dropped; line breaks and tabs stay.
pub(crate) fn clean(text: &str) -> String {
    policy::clean(text, Kind::Text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").expect("date")
    }

    fn quick() -> Bank {
        builtin::get("quick").expect("quick bank")
    }

    #[test]
    fn steps_walk_forward_and_back_through_the_whole_flow() {
        let mut c = CheckIn::new(&quick(), &["ship it"], None, now());
        let mut forward = vec![c.step];
        while c.step != Step::Review {
            c.step = c.next_step();
            forward.push(c.step);
        }
        let n = c.questions.len();
        assert_eq!(forward.len(), 1 + n + c.reflections.len() + 2);
        assert_eq!(forward[1], Step::Question(0));
        assert_eq!(forward[n + 1], Step::Reflection(0));
        let mut backward = vec![c.step];
        while let Some(step) = c.previous_step() {
            c.step = step;
            backward.push(step);
        }
        backward.reverse();
        assert_eq!(backward, forward);
    }

    #[test]
    fn no_commitment_no_follow_up() {
        let c = CheckIn::new(&quick(), &["  "], Some(" Q4 "), now());
        assert_eq!(c.step, Step::Question(0));
        assert_eq!(c.previous_step(), None);
        assert_eq!(c.label, "Q4");
    }

    #[test]
    fn a_finished_check_in_becomes_a_snapshot() {
        let mut c = CheckIn::new(&quick(), &["ship it"], None, now());
        c.questions[0].value = Some(4);
        c.questions[0].note = " it shows \n".into();
        c.reflections[0].text = "learn from Ana\n".into();
        c.commitment = "pair with Ana weekly".into();
        c.follow_ups[0].outcome = Some(Outcome::Done);
        let s = c.to_snapshot(now() + chrono::Duration::minutes(12));
        assert_eq!(s.id, "20261122-094200");
        assert_eq!(s.answers[0].value, Some(4));
        assert_eq!(s.answers[0].note.as_deref(), Some("it shows"));
        assert_eq!(s.answers[1].value, None);
        assert_eq!(s.reflections[0].text, "learn from Ana");
        assert_eq!(s.follow_ups[0].outcome, Outcome::Done);
        assert_eq!(s.label, None);
        crate::store::validate_snapshot(&s).expect("a valid snapshot");
    }

    #[test]
    fn pasted_control_characters_never_reach_a_snapshot() {
        let mut c = CheckIn::new(&quick(), &[], Some("Q4\u{7}"), now());
        c.reflections[0].text = "line one\r\nline\ttwo\u{1b}[31m".into();
        c.commitment = "call Sam\u{0}\u{202E}\u{200B}".into();
        let s = c.to_snapshot(now());
        assert_eq!(s.reflections[0].text, "line one\nline\ttwo[31m");
        assert_eq!(s.commitments, ["call Sam"]);
        assert_eq!(s.label.as_deref(), Some("Q4"));
        crate::store::validate_snapshot(&s).expect("valid");
    }

    #[test]
    fn a_draft_survives_a_round_trip_through_toml() {
        let mut c = CheckIn::new(&quick(), &["ship it"], Some("Q4"), now());
        c.step = Step::Reflection(0);
        c.questions[1].value = Some(2);
        let text = toml::to_string(&c).expect("encode");
        let back: CheckIn = toml::from_str(&text).expect("decode");
        assert_eq!(back, c);
    }

    #[test]
    fn anything_big_is_asked_after_the_follow_up_or_first() {
        let mut c = CheckIn::new(&quick(), &["ship it"], None, now());
        c.ask_about_events();
        assert_eq!(c.step, Step::FollowUp(Some(0)));
        assert_eq!(c.next_step(), Step::Event);
        c.step = Step::Event;
        assert_eq!(c.next_step(), Step::Question(0));
        assert_eq!(c.previous_step(), Some(Step::FollowUp(Some(0))));
        c.step = Step::Question(0);
        assert_eq!(c.previous_step(), Some(Step::Event));

        let mut c = CheckIn::new(&quick(), &[], None, now());
        c.ask_about_events();
        assert_eq!((c.step, c.previous_step()), (Step::Event, None));
        assert!(c.is_untouched());
        c.event.as_mut().expect("asked").label = "reorg".into();
        assert!(!c.is_untouched());
        assert_eq!(
            c.progress(),
            "the question about anything big since last time"
        );
    }

    #[test]
    fn a_draft_keeps_the_answer_and_older_drafts_have_none() {
        let mut c = CheckIn::new(&quick(), &[], None, now());
        let old = toml::to_string(&c).expect("encode");
        assert!(!old.contains("event"), "{old}");
        c.ask_about_events();
        c.event = Some(DraftEvent {
            label: "new manager".into(),
            day: "2026-11-01".into(),
        });
        let back: CheckIn = toml::from_str(&toml::to_string(&c).expect("encode")).expect("decode");
        assert_eq!(back, c);
        let before: CheckIn = toml::from_str(&old).expect("an older draft");
        assert_eq!(before.event, None);
    }
}
