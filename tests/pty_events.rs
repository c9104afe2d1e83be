//! Life events in the real binary, in a pseudo-terminal: added from the
//! history, and answered in a check-in; `motive event list` then shows
//! them.

mod pty;
mod support;

use std::path::Path;

use pty::{Spawn, Term, key};

/// `motive event list --json`, against `data`.
fn listed(data: &Path) -> serde_json::Value {
    support::json(support::motive(data).args(["event", "list", "--json"]))
}

/// One core check-in, so the history has a row and a check-in has a last time.
fn one_check_in(data: &Path) {
    let store = motive::store::Store::open(data).expect("store");
    store
        .save(support::snapshot(
            &support::bank("core"),
            support::at("2026-08-03T09:30:00+00:00"),
            3,
        ))
        .expect("save");
}

#[test]
fn an_event_added_from_history_is_listed_there_and_by_motive_event_list() {
    let (_dir, data, config) = pty::dirs().into_parts();
    one_check_in(&data);
    let mut term = Term::spawn(&Spawn::new(&data, &config));
    term.wait_for("1 check-in in all");
    term.send_and_wait("h", "e events");
    term.send_and_wait("e", "No events yet");
    term.send_and_wait("a", "Add an event");
    term.send("new manager");
    term.send(key::TAB);
    term.send("Ana, from the platform team");
    term.wait_for("Ana, from the platform team");
    term.send(key::ENTER);
    term.wait_for("Added the event");
    term.wait_until("the event listed", |s| {
        s.contents()
            .contains("new manager · Ana, from the platform team")
    });
    // Back to history, home, and out.
    term.send(key::ESC);
    term.wait_for("Space mark");
    term.send(key::ESC);
    term.wait_for("1 check-in in all");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());

    let events = listed(&data);
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert_eq!(events[0]["label"], "new manager");
    assert_eq!(events[0]["note"], "Ana, from the platform team");
}

#[test]
fn an_answer_to_anything_big_is_saved_as_an_event_with_the_check_in() {
    let (_dir, data, config) = pty::dirs().into_parts();
    one_check_in(&data);
    let mut term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    term.begin();
    // Last time's commitment first: done, no note.
    term.wait_for("How did it go?");
    term.send_and_wait("1", "A note");
    term.send_and_wait(key::TAB, "Anything big since last time?");
    term.send("moved team");
    term.send(key::DOWN);
    term.send("2026-10-01");
    term.wait_for("2026-10-01");
    term.send(key::ENTER);
    let total = motive::bank::builtin::get("quick")
        .expect("quick")
        .questions
        .len();
    for i in 0..total {
        term.wait_for(&format!("{}/{total}", i + 1));
        term.send("4");
    }
    term.wait_for("Reflection 1/1");
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send(key::TAB);
    term.wait_for("Review");
    // Not yet an event: it is kept in the draft until the check-in is saved.
    assert_eq!(listed(&data), serde_json::json!([]));
    term.send(key::ENTER);
    term.wait_for("Kept the event");
    term.send("q");
    assert_eq!(term.wait_exit(), Some(0), "{}", term.text());

    let events = listed(&data);
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    assert_eq!(events[0]["label"], "moved team");
    assert_eq!(events[0]["date"], "2026-10-01");
}
