//! The real binary in a pseudo-terminal: keys in, screen text out.

mod pty;

use std::path::Path;

use motive::bank::builtin;
use motive::score;
use pty::{Spawn, Term, key};
use serde_json::Value;

fn dirs() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let config = dir.path().join("config");
    (dir, data, config)
}

fn show_latest(data: &Path) -> Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motive"))
        .args(["show", "latest", "--json"])
        .env("MOTIVE_DATA_DIR", data)
        .output()
        .expect("run motive show");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn a_full_quick_check_in_is_saved_with_the_expected_scores() {
    let (_dir, data, config) = dirs();
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    let bank = builtin::get("quick").expect("quick");
    let total = bank.questions.len();
    term.wait_for(&format!("1/{total}"));
    // Answer 4, 2, 4, 2...: digits answer and move on.
    for i in 0..total {
        term.wait_for(&format!("{}/{total}", i + 1));
        term.send(if i % 2 == 0 { "4" } else { "2" });
    }
    term.wait_for("Reflection 1/1");
    term.send("Find someone who has done this before");
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send("Ask Sam for an hour");
    term.send(key::TAB);
    term.wait_for("Review");
    term.send(key::ENTER);
    term.wait_for("Saved");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0));
    assert!(term.is_cooked(), "the terminal is back in cooked mode");
    assert!(!term.on_alternate_screen(), "the alternate screen was left");

    let shown = show_latest(&data);
    let answers: Vec<motive::snapshot::Answer> = bank
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| motive::snapshot::Answer {
            question: q.id.clone(),
            dimension: q.dimension.clone(),
            text: q.text.clone(),
            reverse: q.reverse,
            weight: q.weight,
            value: Some(if i % 2 == 0 { 4 } else { 2 }),
            note: None,
        })
        .collect();
    for s in score::scores_of(&bank.scale, &bank.dimensions, &answers) {
        let expected = score::round1(s.score.expect("a score"));
        assert_eq!(shown["scores"][&s.dimension], expected, "{}", s.dimension);
    }
    assert_eq!(
        shown["reflections"][0]["text"],
        "Find someone who has done this before"
    );
    assert_eq!(shown["commitment"], "Ask Sam for an hour");
}
