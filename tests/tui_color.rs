//! The screens under `--color` and the settings file, in a pseudo-terminal.

mod pty;
mod support;

use pty::{Spawn, Term, key};

#[test]
fn color_never_draws_monochrome_and_keeps_the_highlight() {
    let (_dir, data, config) = pty::dirs().into_parts();
    // No NO_COLOR here: the flag alone asks for monochrome.
    let term = Term::spawn(
        &Spawn::new(&data, &config).args(&["--color", "never", "check", "--bank", "quick"]),
    );
    term.begin();
    term.wait_for("1/6");
    // Nothing is chosen at first: the first arrow lands on 3, the next on 4.
    term.send(key::RIGHT);
    term.send(key::RIGHT);
    term.wait_until("option 4 in reverse video", |screen| {
        in_reverse(screen, "4")
    });
    assert_eq!(
        term.coloured_cells(),
        0,
        "--color never: no cell has a colour"
    );
}

#[test]
fn settings_pick_the_home_screens_bank_and_colours_and_always_beats_no_color() {
    let (_dir, data, config) = pty::dirs().into_parts();
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("config.toml"),
        "bank = \"quick\"\n[colors]\nautonomy = \"#ff0000\"\n",
    )
    .expect("write config");
    let mut spawn = Spawn::new(&data, &config).args(&["--color", "always"]);
    spawn.env.push(("NO_COLOR", "1"));
    let term = Term::spawn(&spawn);
    term.wait_for("Your first check-in is ready when you are.");
    // Enter starts the configured bank: quick has six statements, core twelve.
    term.send_and_wait("\r", "to begin");
    term.begin();
    term.wait_for("1/6");
    term.wait_until("Autonomy in the configured red", |screen| {
        let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
        (0..rows).any(|r| {
            (0..cols).any(|c| {
                screen.cell(r, c).is_some_and(|cell| {
                    cell.contents() == "A" && cell.fgcolor() == vt100::Color::Rgb(255, 0, 0)
                })
            })
        })
    });
}

#[test]
fn a_bad_config_is_one_line_before_the_screen_is_taken() {
    let (_dir, data, config) = pty::dirs().into_parts();
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(config.join("config.toml"), "week_start = \"someday\"\n").expect("write");
    let mut term = Term::spawn(&Spawn::new(&data, &config));
    assert_eq!(term.wait_exit(), Some(2));
    assert!(!term.on_alternate_screen(), "the screen was never taken");
    let text = term.text();
    assert!(text.contains("config.toml:1:14: `week_start`"), "{text}");
}

#[test]
fn a_dumb_terminal_gets_no_colour_and_keeps_the_highlight() {
    let (_dir, data, config) = pty::dirs().into_parts();
    let mut spawn = Spawn::new(&data, &config).args(&["check", "--bank", "quick"]);
    spawn.env.push(("TERM", "dumb"));
    let term = Term::spawn(&spawn);
    term.begin();
    term.wait_for("1/6");
    term.send(key::RIGHT);
    term.wait_until("option 3 in reverse video", |screen| {
        in_reverse(screen, "3")
    });
    assert_eq!(term.coloured_cells(), 0, "TERM=dumb: no cell has a colour");
}

/// Whether some cell on `screen` shows `text` in reverse video.
fn in_reverse(screen: &vt100::Screen, text: &str) -> bool {
    let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
    (0..rows).any(|r| {
        (0..cols).any(|c| {
            screen
                .cell(r, c)
                .is_some_and(|cell| cell.inverse() && cell.contents() == text)
        })
    })
}
