//! The history of 1,000 check-ins in a real terminal: End reaches the
//! oldest in one key, and `/` finds the one check-in that holds a word and
//! opens it at what it found (issue 15).

mod pty;
mod support;

use pty::{Spawn, Term, key};
use support::{at, bank, snapshot};

#[test]
fn end_and_search_on_a_thousand_check_ins() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let store = motive::store::Store::open(&data).expect("store");
    let core = bank("core");
    let first = at("2001-01-01T09:30:00+00:00");
    let snapshots = (0..1000_i64)
        .map(|i| {
            let mut s = snapshot(&core, first + chrono::Duration::days(7 * i), 1 + i % 5);
            s.label = Some(format!("w{}", i + 1));
            if i == 123 {
                s.commitments = vec!["Book the zeppelin ride with Ana.".into()];
            }
            s
        })
        .collect();
    store.import_all(snapshots).expect("import");

    let term = Term::spawn(&Spawn::new(&data, &config));
    term.wait_for("1000 check-ins in all");
    term.send("h");
    term.wait_for("w1000");
    // The oldest, one key away.
    term.send(key::END);
    term.wait_for("2001-01-01");
    term.send(key::HOME);
    term.wait_for("w1000");

    term.send("/");
    term.wait_for("Enter search");
    term.send("ZEPPELIN");
    term.wait_for("/ZEPPELIN");
    term.send(key::ENTER);
    term.wait_for("1 of 1000");
    term.wait_until("only the match is listed", |s| {
        let text = s.contents();
        text.contains("2003-05-12") && !text.contains("2003-05-19")
    });
    term.send(key::ENTER);
    // Opened scrolled down to what was found.
    term.wait_for("Commitment: Book the zeppelin ride with Ana.");
    // Back to what the search found, then every check-in again.
    term.send(key::ESC);
    term.wait_for("1 of 1000");
    term.send(key::ESC);
    // Every check-in again, the one found still selected.
    term.wait_until("every check-in again", |s| {
        let text = s.contents();
        text.contains("2003-05-12 w124") && text.contains("w125") && !text.contains("of 1000")
    });
}
