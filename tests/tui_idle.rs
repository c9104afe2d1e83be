//! A screen nobody touches is not drawn again: the event loop wakes every
//! 250 ms (to save a draft a moment after typing stops) but redraws only
//! when something changed. Checked on a text field, where every redraw
//! would at least place the cursor again.

mod pty;

use std::thread;
use std::time::Duration;

use pty::{Spawn, Term};

#[test]
fn an_untouched_screen_writes_nothing() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let term = Term::spawn(&Spawn::new(&data, &config).args(&["check", "--bank", "quick"]));
    pty::answer_quick_check_in(&term, |_| "3");
    // Nothing typed here yet; let any draft save of the answers go by
    // (8 ticks after the last key), then watch six more ticks.
    thread::sleep(Duration::from_millis(2_500));
    let before = term.bytes_received();
    thread::sleep(Duration::from_millis(1_500));
    assert_eq!(
        term.bytes_received(),
        before,
        "the idle screen was drawn again:\n{}",
        term.text()
    );
    // And it still answers: a key is drawn at once.
    term.send("Qzq");
    term.wait_for("Qzq");
}
