//! Realistic synthetic check-ins for benchmarks: the core bank, answers that
//! drift over time, notes on some statements, reflections of a few sentences,
//! a commitment and its follow-up. Deterministic for a given seed.
//!
//! Shared by `examples/synth` (writes a data dir) and `benches/` (in memory).

use chrono::{DateTime, Duration, FixedOffset};
use motive::bank::{Bank, builtin};
use motive::checkin::CheckIn;
use motive::snapshot::{Outcome, Snapshot};

/// Words the notes and reflections are made of: ordinary working vocabulary,
/// so lengths and character mix look like real text.
const WORDS: &[&str] = &[
    "the",
    "team",
    "review",
    "deadline",
    "I",
    "felt",
    "more",
    "less",
    "time",
    "learning",
    "project",
    "manager",
    "decide",
    "own",
    "work",
    "meeting",
    "customer",
    "code",
    "design",
    "mentor",
    "week",
    "quarter",
    "goal",
    "progress",
    "stuck",
    "because",
    "with",
    "and",
    "but",
    "finally",
    "again",
    "skill",
    "practice",
    "feedback",
    "choice",
    "meaning",
    "impact",
    "users",
    "asked",
    "shipped",
    "planned",
    "changed",
    "priorities",
    "energy",
    "focus",
    "morning",
    "interrupted",
    "proud",
    "tired",
    "curious",
    "migration",
    "on-call",
    "roadmap",
    "hiring",
];

const COMMITMENTS: &[&str] = &[
    "Block two mornings a week for deep work on the parser",
    "Ask my manager which decisions I can make without asking",
    "Pair with a senior engineer on the next incident review",
    "Write down why this project matters before the planning meeting",
    "Say no to one recurring meeting that does not need me",
    "Finish the course chapter on distributed systems",
];

/// A check-in every `spacing_days` (with a little jitter), the last one at
/// `end`, oldest first.
#[must_use]
pub fn snapshots(count: usize, end: DateTime<FixedOffset>, seed: u64) -> Vec<Snapshot> {
    let core = builtin::get("core").expect("the built-in core bank");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = Vec::with_capacity(count);
    let mut previous_commitments: Vec<String> = Vec::new();
    for i in 0..count {
        let back = (count - 1 - i) as i64;
        let jitter = rng.i64(-600..600);
        let finished = end - Duration::days(7 * back) + Duration::minutes(jitter);
        let open: Vec<&str> = previous_commitments.iter().map(String::as_str).collect();
        let snapshot = one(&core, finished, i, &open, &mut rng);
        previous_commitments.clone_from(&snapshot.commitments);
        out.push(snapshot);
    }
    out
}

fn one(
    bank: &Bank,
    finished: DateTime<FixedOffset>,
    index: usize,
    previous_commitments: &[&str],
    rng: &mut fastrand::Rng,
) -> Snapshot {
    let started = finished - Duration::minutes(rng.i64(8..40));
    let label = index
        .is_multiple_of(13)
        .then(|| format!("Q{} review", index % 4 + 1));
    let mut checkin = CheckIn::new(bank, previous_commitments, label.as_deref(), started);
    // Scores wander slowly: a level per dimension that drifts with the index.
    let (min, max) = (bank.scale.min, bank.scale.max);
    for (k, q) in checkin.questions.iter_mut().enumerate() {
        let wave = ((index as f64 / 9.0) + k as f64).sin();
        let middle = (min + max) as f64 / 2.0;
        let value = (middle + wave * (max - min) as f64 / 2.5).round() as i64 + rng.i64(-1..=1);
        q.value = (rng.u8(..) > 8).then_some(value.clamp(min, max));
        if rng.u8(..) < 80 {
            q.note = sentence(rng, 12, 35);
        }
    }
    for r in &mut checkin.reflections {
        r.text = (0..rng.usize(2..6))
            .map(|_| sentence(rng, 8, 24))
            .collect::<Vec<_>>()
            .join(" ");
    }
    for follow_up in &mut checkin.follow_ups {
        follow_up.outcome = Some(Outcome::ALL[rng.usize(..Outcome::ALL.len())]);
        if rng.bool() {
            follow_up.note = sentence(rng, 6, 20);
        }
    }
    checkin.commitment = COMMITMENTS[rng.usize(..COMMITMENTS.len())].to_string();
    checkin.to_snapshot(finished)
}

/// A sentence of `min..max` words, capitalised, ending in a full stop.
fn sentence(rng: &mut fastrand::Rng, min: usize, max: usize) -> String {
    let words: Vec<&str> = (0..rng.usize(min..max))
        .map(|_| WORDS[rng.usize(..WORDS.len())])
        .collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text.push('.');
    text
}
