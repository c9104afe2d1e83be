//! The README shows the app as it is: its screen captures are taken here, from
//! the real binary in a pseudo-terminal, and must match what this build draws.
//!
//! After changing a screen, regenerate them with `scripts/readme-captures.sh`
//! (which sets `MOTIVE_UPDATE_README=1`); otherwise this test fails and names
//! the capture that is out of date.

mod pty;
mod support;

use std::path::Path;

use chrono::Duration;
use motive::checkin::CheckIn;
use motive::snapshot::Outcome;
use motive::store::Store;
use pty::{Spawn, Term, key};
use support::{at, bank};

/// The day the captures pretend it is (debug builds honour `MOTIVE_NOW`).
const NOW: &str = "2026-11-20T09:00:00+01:00";

/// Levels 1-5 per quarter: autonomy climbs, mastery dips and recovers,
/// purpose drops in the last quarter.
const AUTONOMY: [i64; 8] = [2, 2, 3, 3, 3, 4, 4, 5];
const MASTERY: [i64; 8] = [4, 3, 3, 2, 3, 3, 4, 4];
const PURPOSE: [i64; 8] = [4, 4, 4, 5, 4, 4, 5, 2];

const COMMITMENTS: [&str; 8] = [
    "Ask to own the release process",
    "Book an hour a week to learn Rust properly",
    "Tell my lead which project I want next",
    "Pair with Sam on the storage rewrite",
    "Write up why the migration matters",
    "Stop saying yes to every review request",
    "Run the incident retro myself",
    "Decide whether this team is where I want to be",
];

/// Eight quarterly check-ins on the core bank, saved as the TUI saves them.
fn history(data: &Path) {
    let store = Store::open(data).expect("data dir");
    let core = bank("core");
    let first = at("2024-11-22T18:30:00+01:00");
    let mut previous: Option<String> = None;
    for quarter in 0..8 {
        let finished = first + Duration::days(91 * quarter as i64);
        let label = match quarter {
            3 => Some("new team"),
            7 => Some("after the reorg"),
            _ => None,
        };
        let mut c = CheckIn::new(
            &core,
            &previous.as_deref().into_iter().collect::<Vec<_>>(),
            label,
            finished - Duration::minutes(12),
        );
        for q in &mut c.questions {
            let level = match q.dimension.as_str() {
                "autonomy" => AUTONOMY[quarter],
                "mastery" => MASTERY[quarter],
                _ => PURPOSE[quarter],
            };
            q.value = Some(if q.reverse { 6 - level } else { level });
        }
        for f in &mut c.follow_ups {
            f.outcome = Some([Outcome::Done, Outcome::Partly][quarter % 2]);
        }
        for r in &mut c.reflections {
            r.text = format!("Quarter {}: what I noticed about {}.", quarter + 1, r.id);
        }
        if quarter == 7
            && let Some(first) = c.reflections.first_mut()
        {
            // What the tour's reflection shows beside this time's answer.
            first.text = "The design review with Ana's team gave me energy; \
                          three weeks of on-call drained it."
                .into();
        }
        c.commitment = COMMITMENTS[quarter].to_string();
        previous = Some(c.commitment.clone());
        store.save(c.to_snapshot(finished)).expect("save");
    }
}

/// The screen as the README shows it: every row, trailing spaces trimmed.
/// The text waited for can arrive before the rest of its frame, so the
/// screen is read until two reads a moment apart agree.
fn capture(term: &Term) -> String {
    let read = || {
        let rows: Vec<String> = term.with_screen(|s| {
            let (_, cols) = s.size();
            s.rows(0, cols.get())
                .map(|r| r.trim_end().to_string())
                .collect()
        });
        let mut text = rows.join("\n");
        text.push('\n');
        text
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut last = read();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let now = read();
        if now == last || std::time::Instant::now() > deadline {
            return now;
        }
        last = now;
    }
}

fn spawn<'a>(data: &'a Path, config: &'a Path, args: &[&'a str]) -> Term {
    let mut spec = Spawn::new(data, config).args(args).no_color();
    spec.env.push(("MOTIVE_NOW", NOW));
    Term::spawn(&spec)
}

/// Every capture, by the name its README block carries.
fn captures() -> Vec<(&'static str, String)> {
    let dir = tempfile::tempdir().expect("tempdir");
    let (data, config) = (dir.path().join("data"), dir.path().join("config"));
    history(&data);
    let mut shots = Vec::new();

    let mut term = spawn(&data, &config, &[]);
    term.wait_for("check-ins in all");
    shots.push(("home", capture(&term)));
    term.send_and_wait("h", "Label");
    shots.push(("history", capture(&term)));
    term.send(key::ESC);
    term.wait_for("check-ins in all");
    term.send_and_wait("c", "measurement error");
    shots.push(("compare", capture(&term)));
    term.send(key::ESC);
    term.wait_for("check-ins in all");
    term.send("q");
    term.wait_exit();

    let term = spawn(&data, &config, &["check"]);
    term.begin();
    term.wait_for("How did it go?");
    term.send_and_wait("2", "A note");
    // Nothing big since last time: Tab skips the question.
    term.send_and_wait(key::TAB, "Anything big since last time?");
    term.send_and_wait(key::TAB, "Autonomy");
    shots.push(("question", capture(&term)));
    let total = motive::bank::builtin::get("core")
        .expect("core")
        .questions
        .len();
    for i in 1..=total {
        term.wait_for(&format!("{i}/{total}"));
        term.send("4");
    }
    term.wait_for("Reflection 1/");
    term.send(
        "Pairing with Ana on the migration gave me energy; the weekly status meeting drained it.",
    );
    term.wait_for("drained it.");
    shots.push(("reflection", capture(&term)));
    shots
}

/// README.md with each `<!-- capture: NAME -->` block replaced by `shots`.
fn with_captures(readme: &str, shots: &[(&str, String)]) -> Result<String, String> {
    let mut out = readme.to_string();
    for (name, shot) in shots {
        let open = format!("<!-- capture: {name} -->\n");
        let close = "<!-- /capture -->";
        let start = out
            .find(&open)
            .ok_or_else(|| format!("README.md has no `{}` marker", open.trim()))?
            + open.len();
        let end = start
            + out[start..]
                .find(close)
                .ok_or_else(|| format!("the {name} capture has no closing marker"))?;
        out.replace_range(start..end, &format!("```text\n{shot}```\n"));
    }
    Ok(out)
}

#[test]
fn the_readme_shows_what_this_build_draws() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let shots = captures();
    let updated = with_captures(&readme, &shots).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("MOTIVE_UPDATE_README").is_some() {
        std::fs::write(&path, &updated).expect("write README.md");
        return;
    }
    for (name, shot) in &shots {
        assert!(
            readme.contains(&format!("<!-- capture: {name} -->\n```text\n{shot}```\n")),
            "the README's {name} capture is out of date; run scripts/readme-captures.sh.\nThis build draws:\n{shot}"
        );
    }
    assert_eq!(readme, updated);
}
