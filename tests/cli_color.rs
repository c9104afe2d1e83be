//! `--color` and `NO_COLOR` for the plain commands. Tests never run on a
//! terminal, so `auto` here always means no colour.

mod support;

use motive::store::Store;
use predicates::prelude::*;
use support::{at, bank, motive, private_tempdir, snapshot};

const ESCAPE: &str = "\x1b[";

/// Core check-ins answered 3, 3, 5, 1: no change (little change), a rise
/// and then a fall larger than measurement error.
fn check_ins() -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    for (date, value) in [
        ("2026-01-05", 3),
        ("2026-04-06", 3),
        ("2026-07-06", 5),
        ("2026-10-05", 1),
    ] {
        store
            .save(snapshot(
                &core,
                at(&format!("{date}T09:30:00+00:00")),
                value,
            ))
            .expect("save");
    }
    dir
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8")
}

/// `text` without its escape sequences.
fn plain(text: &str) -> String {
    strip_ansi_escapes::strip_str(text)
}

#[test]
fn never_and_auto_off_a_terminal_print_no_escapes() {
    let dir = check_ins();
    for command in ["chart", "compare", "list"] {
        // support::motive sets NO_COLOR=1
        for color in ["never", "auto"] {
            let out = stdout(motive(dir.path()).args(["--color", color, command]));
            assert!(!out.contains(ESCAPE), "{color} {command}:\n{out}");
        }
        // auto without NO_COLOR, into a pipe: still plain
        let out = stdout(
            motive(dir.path())
                .env_remove("NO_COLOR")
                .args(["--color", "auto", command]),
        );
        assert!(!out.contains(ESCAPE), "auto {command} in a pipe:\n{out}");
        // the default is auto
        let out = stdout(motive(dir.path()).env_remove("NO_COLOR").arg(command));
        assert!(!out.contains(ESCAPE), "{command}:\n{out}");
    }
}

#[test]
fn always_colours_the_chart_and_keeps_its_markers_and_legend() {
    let dir = check_ins();
    let never = stdout(motive(dir.path()).args(["--color", "never", "chart"]));
    let always = stdout(
        motive(dir.path())
            .env_remove("NO_COLOR")
            .args(["--color", "always", "chart"]),
    );
    assert!(always.contains(ESCAPE), "{always}");
    // Each dimension's marker and name in its Okabe-Ito colour.
    for legend in [
        "\x1b[38;5;74m• Autonomy",
        "\x1b[38;5;178m+ Mastery",
        "\x1b[38;5;175mx Purpose",
    ] {
        assert!(always.contains(legend), "{legend:?} in\n{always}");
    }
    // The same chart, character for character, once the colour is gone.
    assert_eq!(plain(&always), never);
    assert!(
        never.starts_with("• Autonomy  + Mastery  x Purpose\n"),
        "{never}"
    );
}

#[test]
fn always_wins_over_no_color() {
    let dir = check_ins();
    for command in ["chart", "compare"] {
        let out = stdout(
            motive(dir.path())
                .env("NO_COLOR", "1")
                .args(["--color", "always", command]),
        );
        assert!(out.contains(ESCAPE), "{command}:\n{out}");
    }
    // An empty NO_COLOR counts as unset; never still wins.
    motive(dir.path())
        .env("NO_COLOR", "")
        .args(["--color", "never", "chart"])
        .assert()
        .success()
        .stdout(predicate::str::contains(ESCAPE).not());
}

#[test]
fn compare_colours_direction_and_verdict_apart() {
    let dir = check_ins();
    let ids: Vec<String> = Store::read_only(dir.path())
        .list()
        .snapshots
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let compare = |from: &str, to: &str, color: &str| {
        stdout(
            motive(dir.path())
                .env_remove("NO_COLOR")
                .args(["--color", color, "compare", from, to]),
        )
    };
    let fg = |colour: u8, text: &str| format!("\x1b[38;5;{colour}m{text}\x1b[39m");
    let rise = "\x1b[38;5;36m";
    let fall = "\x1b[38;5;166m";
    let beyond = "\x1b[1m\x1b[39mlarger than measurement error\x1b[39m\x1b[22m";
    let cases = [
        // 3 -> 3: no change, no direction colour, little change in grey
        (
            &ids[0],
            &ids[1],
            "→ 0.0".to_string(),
            fg(245, "little change"),
        ),
        // 3 -> 5: a rise, in bluish green; larger than measurement error in bold
        (&ids[1], &ids[2], fg(36, "↑ +33.3"), beyond.to_string()),
        // 5 -> 1: a fall, in vermillion, with the same bold verdict; shown
        // 83.3 -> 16.7, so the change shown is -66.6
        (&ids[2], &ids[3], fg(166, "↓ -66.6"), beyond.to_string()),
    ];
    for (i, (from, to, change, verdict)) in cases.iter().enumerate() {
        let coloured = compare(from, to, "always");
        let uncoloured = compare(from, to, "never");
        assert_eq!(coloured.matches(change.as_str()).count(), 3, "{coloured}");
        assert_eq!(coloured.matches(verdict.as_str()).count(), 3, "{coloured}");
        // Colour adds escapes and nothing else: the table lines up as without.
        assert_eq!(plain(&coloured), uncoloured);
        // No fall in the rise colour, no rise in the fall colour.
        match i {
            0 => assert!(!coloured.contains(rise) && !coloured.contains(fall)),
            1 => assert!(!coloured.contains(fall), "{coloured}"),
            _ => assert!(!coloured.contains(rise), "{coloured}"),
        }
    }
}

#[test]
fn clap_help_and_errors_follow_the_flag_too() {
    let dir = private_tempdir();
    let help = |flag: &str| {
        let out = motive(dir.path())
            .env_remove("NO_COLOR")
            .args([flag, "--help"])
            .output()
            .expect("run motive");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    assert!(help("--color=always").contains(ESCAPE));
    assert!(!help("--color=never").contains(ESCAPE));
    assert!(!help("--color=auto").contains(ESCAPE), "not a terminal");
    motive(dir.path())
        .env_remove("NO_COLOR")
        .args(["--color", "never", "lst"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unrecognized subcommand")
                .and(predicate::str::contains(ESCAPE).not()),
        );
}
