//! Coming back on time, as people wire it up: `motive due --short` in a
//! shell prompt, `motive remind ics` in a calendar, and the scheduler
//! snippets. The real binary against a temporary data dir.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::str::FromStr;

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use motive::store::Store;
use support::{at, bank, motive, private_tempdir, snapshot};

const NOW: &str = "2026-11-30T09:00:00+01:00";

/// A data dir whose one check-in was `days_ago` days before [`NOW`].
fn checked_in(days_ago: i64) -> tempfile::TempDir {
    let dir = private_tempdir();
    let finished = at(NOW) - chrono::Duration::days(days_ago);
    Store::open(dir.path())
        .expect("store")
        .save(snapshot(&bank("quick"), finished, 4))
        .expect("save");
    dir
}

fn short(data: &Path) -> (String, Option<i32>, String) {
    let out = motive(data)
        .env("MOTIVE_NOW", NOW)
        .args(["due", "--short"])
        .output()
        .expect("run");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code(),
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

#[test]
fn the_prompt_says_a_few_words_only_when_a_check_in_is_near() {
    let nothing = private_tempdir();
    let never = nothing.path().join("never-used");
    assert_eq!(
        short(&never),
        ("check-in due\n".into(), Some(0), String::new())
    );
    assert_eq!(
        short(checked_in(100).path()),
        ("check-in due\n".into(), Some(0), String::new())
    );
    assert_eq!(
        short(checked_in(78).path()),
        ("check-in due in 12 days\n".into(), Some(1), String::new())
    );
    assert_eq!(
        short(checked_in(89).path()),
        ("check-in due tomorrow\n".into(), Some(1), String::new())
    );
    // Far off: nothing at all, so the prompt stays clean.
    assert_eq!(
        short(checked_in(3).path()),
        (String::new(), Some(1), String::new())
    );
}

#[test]
fn short_and_quiet_do_not_go_together() {
    let dir = private_tempdir();
    motive(dir.path())
        .args(["due", "--short", "-q"])
        .assert()
        .code(2);
}

fn event_start(text: &str) -> chrono::NaiveDate {
    let calendar = Calendar::from_str(text).expect("a calendar a parser reads");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1, "one event:\n{text}");
    let event = events[0];
    assert_eq!(event.get_summary(), Some("motive check-in"));
    assert_eq!(
        event.property_value("RRULE"),
        Some("FREQ=DAILY;INTERVAL=90"),
        "{text}"
    );
    match event.get_start() {
        Some(DatePerhapsTime::Date(day)) => day,
        other => panic!("an all-day event, not {other:?}"),
    }
}

#[test]
fn the_calendar_file_holds_the_next_due_date_and_repeats_at_the_cadence() {
    let data = checked_in(30);
    let out = motive(data.path())
        .env("MOTIVE_NOW", NOW)
        .args(["remind", "ics"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let due = (at(NOW) + chrono::Duration::days(60)).date_naive();
    assert_eq!(event_start(&text), due);

    // With -o: a private file, and a line on stderr saying where.
    let file = data.path().join("motive.ics");
    let out = motive(data.path())
        .env("MOTIVE_NOW", NOW)
        .args(["remind", "ics", "-o"])
        .arg(&file)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("2027-01-29"));
    let written = std::fs::read_to_string(&file).expect("written");
    assert_eq!(event_start(&written), due);
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn with_no_check_ins_the_reminder_is_today() {
    let dir = private_tempdir();
    let out = motive(dir.path())
        .env("MOTIVE_NOW", NOW)
        .args(["remind", "ics"])
        .output()
        .expect("run");
    assert_eq!(
        event_start(&String::from_utf8(out.stdout).expect("UTF-8")),
        at(NOW).date_naive()
    );
}

#[test]
fn scheduler_snippets_run_due_quietly_on_this_data_dir_and_install_nothing() {
    let dir = private_tempdir();
    let data = dir.path().display().to_string();
    for (kind, must_have) in [
        (
            "systemd",
            ["ExecStart=/bin/sh -c", "OnCalendar=", "systemctl --user"],
        ),
        ("cron", ["30 9 * * *", "crontab -e", "notify-send"]),
        (
            "launchd",
            [
                "<plist version=\"1.0\">",
                "StartCalendarInterval",
                "osascript",
            ],
        ),
    ] {
        let out = motive(dir.path())
            .args(["remind", kind])
            .output()
            .expect("run");
        assert!(out.status.success(), "{kind}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(text.contains("due -q"), "{kind}:\n{text}");
        assert!(
            text.contains(&format!("--data-dir {data}")),
            "{kind}:\n{text}"
        );
        for piece in must_have {
            assert!(text.contains(piece), "{kind} lacks {piece:?}:\n{text}");
        }
    }
    let entries: Vec<_> = std::fs::read_dir(dir.path()).expect("read").collect();
    assert!(entries.is_empty(), "nothing was written");
}
