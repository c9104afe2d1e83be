//! A year and a bit of synthetic quarterly check-ins for the brief's tests
//! and its example in docs/: every kind of private text marked, so a test
//! can tell which of it reached a brief.

#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;

use chrono::Duration;
use motive::checkin::CheckIn;
use motive::snapshot::Outcome;
use motive::store::Store;

use crate::support::{at, bank};

/// Levels 1-5 per quarter: autonomy climbs, mastery holds, purpose falls last.
const LEVELS: [[i64; 3]; 5] = [[2, 4, 4], [3, 3, 4], [3, 4, 5], [4, 4, 4], [4, 4, 2]];

const COMMITMENTS: [&str; 5] = [
    "Ask to own the release process",
    "Book an hour a week to learn Rust properly",
    "Pair with Sam on the storage rewrite",
    "Stop saying yes to every review request",
    "Decide whether this team is where I want to be",
];

/// What each kind of private text says in the latest check-in; a brief
/// holds one only when its part is included.
pub const PRIVATE: [(&str, &str); 7] = [
    ("label", "after the reorg"),
    ("want", "I want to lead the platform work next year"),
    ("help", "An introduction to the platform team's lead"),
    (
        "commitments",
        "Decide whether this team is where I want to be",
    ),
    ("reflections", "The design review gave me energy"),
    ("notes", "Mostly the on-call weeks"),
    ("events", "moved to the platform guild"),
];

/// Five quarterly check-ins on the core bank, the last on 2026-11-19.
pub fn history(data: &Path) {
    let store = Store::open(data).expect("data dir");
    let core = bank("core");
    let first = at("2025-11-20T18:30:00+01:00");
    for (quarter, levels) in LEVELS.iter().enumerate() {
        let last = quarter == LEVELS.len() - 1;
        let finished = first + Duration::days(91 * quarter as i64);
        let previous: Vec<&str> = quarter
            .checked_sub(1)
            .map(|q| COMMITMENTS[q])
            .into_iter()
            .collect();
        let label = last.then_some("after the reorg");
        let mut c = CheckIn::new(&core, &previous, label, finished - Duration::minutes(12));
        for q in &mut c.questions {
            let level = match q.dimension.as_str() {
                "autonomy" => levels[0],
                "mastery" => levels[1],
                _ => levels[2],
            };
            q.value = Some(if q.reverse { 6 - level } else { level });
            if last && q.id == "purpose-pointless" {
                q.note = "Mostly the on-call weeks".into();
            }
        }
        for f in &mut c.follow_ups {
            f.outcome = Some([Outcome::Done, Outcome::Partly, Outcome::NotDone][quarter % 3]);
        }
        for r in &mut c.reflections {
            r.text = match (last, r.id.as_str()) {
                (true, "want-changed") => "I want to lead the platform work next year.".into(),
                (true, "manager") => "An introduction to the platform team's lead.".into(),
                (true, "energy") => "The design review gave me energy; on-call drained it.".into(),
                (true, "without-money") => {
                    "Teaching: the onboarding sessions were the best part of my quarter.".into()
                }
                _ => format!("Quarter {}: a few words on {}.", quarter + 1, r.id),
            };
        }
        c.commitment = COMMITMENTS[quarter].to_string();
        store.save(c.to_snapshot(finished)).expect("save");
    }
    // Two life events: one in the first half of the year, one between the
    // last two check-ins.
    for (day, label) in [
        ("2026-03-02", "new manager"),
        ("2026-09-14", "moved to the platform guild"),
    ] {
        let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a day");
        let event = motive::events::Event::new(date, label, None).expect("an event");
        store.add_event(event).expect("add the event");
    }
}
