//! What the TUI says when a check-in cannot start because of the bank
//! (issue 15.13): which bank, what is wrong, and how to check it.

mod pty;

use pty::{Spawn, Term, key};

#[test]
fn a_broken_bank_in_the_settings_is_named_with_how_to_check_it() {
    let (dir, data, config) = pty::dirs().into_parts();
    let bank = dir.path().join("mine.toml");
    std::fs::write(&bank, "id = \"mine\"\nversion = 1\n").expect("write bank");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        format!("bank = \"{}\"\n", bank.display()),
    )
    .expect("write settings");
    let term = Term::spawn(&Spawn::new(&data, &config));
    term.wait_for("Enter start a new check-in");
    term.send(key::ENTER);
    term.wait_for(&format!(
        "The question bank {} cannot be loaded",
        bank.display()
    ));
    term.wait_for("missing required key");
    term.wait_for(&format!(
        "Check it with: motive bank validate {}",
        bank.display()
    ));
    let text = term.text();
    assert_eq!(
        text.matches("cannot be loaded").count(),
        1,
        "the title is said once: {text}"
    );
}
