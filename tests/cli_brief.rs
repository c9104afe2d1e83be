//! `motive ideas`, `motive brief` and `motive chart --format svg`, run as the
//! real binary: what each prints, and that a brief keeps private what the
//! person did not choose to share.

mod support;

use support::{motive, private_tempdir};

#[test]
fn ideas_lists_the_core_banks_suggestions_per_dimension() {
    let dir = private_tempdir();
    let out = motive(dir.path()).arg("ideas").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.starts_with("Things to try (suggestions from bank core, not instructions)\n"));
    let core = support::bank("core");
    for d in &core.dimensions {
        assert!(
            text.contains(&format!("\n{} ({})\n", d.name, d.id)),
            "{text}"
        );
        for idea in core.ideas(&d.id) {
            assert!(text.contains(&format!("  - {idea}\n")), "{idea}");
        }
    }

    let out = motive(dir.path())
        .args(["ideas", "mastery"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("Mastery (mastery)"));
    assert!(!text.contains("Purpose"), "{text}");

    motive(dir.path())
        .args(["ideas", "nope"])
        .assert()
        .code(2)
        .stderr("motive: bank core has no dimension `nope`; its dimensions: autonomy, mastery, purpose\n");
}

mod brief_fixture;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use brief_fixture::{PRIVATE, history};

/// Run `motive brief` with `args` and return its stdout.
fn brief(data: &Path, args: &[&str]) -> String {
    let out = motive(data).arg("brief").args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn data_with_history() -> tempfile::TempDir {
    let dir = private_tempdir();
    history(dir.path());
    dir
}

#[test]
fn by_default_a_brief_holds_nothing_the_person_wrote() {
    let dir = data_with_history();
    for format in ["md", "html"] {
        let text = brief(dir.path(), &["--format", format]);
        for (part, words) in PRIVATE {
            assert!(
                !text.contains(words),
                "{part} leaked into the default {format} brief"
            );
        }
        for question in ["want from work", "ask them for", "gave you energy"] {
            assert!(
                !text.contains(question),
                "{question} in the default {format} brief"
            );
        }
        assert!(text.contains("It is not an assessment of my performance"));
        assert!(text.contains("This brief holds: scores, chart, ideas. Left out: label, want, events, commitments, help, reflections, notes."));
    }
    let config = dir.path().join("config").join("config.toml");
    assert!(!config.exists(), "no --include, nothing remembered");
}

#[test]
fn each_part_brings_in_its_own_text_and_no_other() {
    let dir = data_with_history();
    for (part, words) in PRIVATE {
        for format in ["md", "html"] {
            let text = brief(dir.path(), &["--include", part, "--format", format]);
            let html_words = words.replace('\'', "&#39;");
            let shown = if format == "html" { &html_words } else { words };
            assert!(
                text.contains(shown),
                "--include {part} ({format}) lacks {words:?}:\n{text}"
            );
            for (other, other_words) in PRIVATE {
                if other != part && !(part == "want" && other == "commitments") {
                    assert!(
                        !text.contains(other_words),
                        "--include {part} shows {other}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_public_parts_show_scores_verdicts_chart_and_ideas_each_alone() {
    let dir = data_with_history();
    let scores = brief(dir.path(), &["--include", "scores"]);
    assert!(
        scores.contains("Changes since the check-in of 2026-08-20."),
        "{scores}"
    );
    assert!(
        scores.contains("| Purpose | 25.0 | ↓ -50.0 | larger than measurement error (needs ±"),
        "{scores}"
    );
    assert!(!scores.contains("## Over the last year"));
    assert!(!scores.contains("Things to discuss"));

    let chart = brief(dir.path(), &["--include", "chart"]);
    assert!(
        chart.contains("| 2025-11-20 | 25.0 | 75.0 | 75.0 |"),
        "{chart}"
    );
    assert!(
        chart.contains("| 2026-11-19 | 75.0 | 75.0 | 25.0 |"),
        "{chart}"
    );
    assert!(!chart.contains("## Scores"));
    let html = brief(dir.path(), &["--include", "chart", "--format", "html"]);
    assert!(html.contains("<svg "), "the HTML chart is an SVG");

    let ideas = brief(dir.path(), &["--include", "ideas"]);
    assert!(ideas.contains("Suggestions from the question bank, not from my answers (Purpose fell the most since 2026-08-20):"), "{ideas}");
    let core = support::bank("core");
    let shown = core
        .ideas("purpose")
        .iter()
        .filter(|i| ideas.contains(i.as_str()))
        .count();
    assert!((2..=3).contains(&shown), "{ideas}");
    assert!(!ideas.contains("## Scores"));

    let commitments = brief(dir.path(), &["--include", "commitments"]);
    assert!(
        commitments.contains("- 2026-08-20: Stop saying yes to every review request (partly)"),
        "{commitments}"
    );
}

#[test]
fn include_all_holds_everything_and_an_unknown_part_is_refused() {
    let dir = data_with_history();
    let text = brief(dir.path(), &["--include", "all"]);
    for (part, words) in PRIVATE {
        assert!(text.contains(words), "all lacks {part}");
    }
    assert!(text.contains("Left out: nothing."));
    motive(dir.path())
        .args(["brief", "--include", "wants"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown part `wants`; parts are label, want,",
        ));
}

#[test]
fn the_last_include_is_remembered_in_the_settings_and_never_in_a_snapshot() {
    let dir = data_with_history();
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = config_dir.join("config.toml");
    std::fs::write(
        &config,
        "# mine\nbank = \"quick\"\n\n[colors]\nautonomy = \"cyan\"\n",
    )
    .expect("config");
    let snapshots = dir.path().join("snapshots");
    let before: Vec<(std::path::PathBuf, Vec<u8>)> = files(&snapshots);

    brief(dir.path(), &["--include", "want,help"]);
    let text = std::fs::read_to_string(&config).expect("config");
    assert_eq!(
        text,
        "# mine\nbank = \"quick\"\n\nbrief_include = [\"want\", \"help\"]\n[colors]\nautonomy = \"cyan\"\n"
    );
    let again = brief(dir.path(), &[]);
    assert!(again.contains("This brief holds: want, help."), "{again}");
    assert!(again.contains(PRIVATE[1].1));

    brief(dir.path(), &["--include", "default"]);
    let text = std::fs::read_to_string(&config).expect("config");
    assert!(
        text.contains("brief_include = [\"scores\", \"chart\", \"ideas\"]\n[colors]"),
        "{text}"
    );
    assert_eq!(text.matches("brief_include").count(), 1);
    let shown = motive(dir.path())
        .args(["config", "show"])
        .assert()
        .success();
    let shown = String::from_utf8_lossy(&shown.get_output().stdout).into_owned();
    assert!(
        shown.contains("brief_include = [\"scores\", \"chart\", \"ideas\"]\n"),
        "{shown}"
    );

    assert_eq!(files(&snapshots), before, "snapshots untouched");
}

fn files(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let path = e.expect("entry").path();
            let bytes = std::fs::read(&path).unwrap_or_default();
            (path, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_bad_brief_include_in_the_settings_is_an_error_with_its_place() {
    let dir = data_with_history();
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let config = config_dir.join("config.toml");
    std::fs::write(&config, "brief_include = [\"scores\", \"diary\"]\n").expect("config");
    motive(dir.path())
        .arg("brief")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "config.toml:1:17: `brief_include` holds \"diary\", not a part; parts are label, want,",
        ));
}

#[test]
fn a_brief_written_with_o_is_private_and_only_a_regular_file_is_written() {
    let dir = data_with_history();
    let out = dir.path().join("brief.html");
    motive(dir.path())
        .args(["brief", "--format", "html", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("")
        .stderr(predicates::str::contains(
            "wrote the brief of 2026-11-19 to ",
        ));
    let mode = std::fs::metadata(&out)
        .expect("written")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let target = dir.path().join("target.html");
    std::fs::write(&target, "keep").expect("target");
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    motive(dir.path())
        .args(["brief", "-o"])
        .arg(&link)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "keep");
    motive(dir.path())
        .args(["brief", "-o", "-"])
        .assert()
        .success()
        .stdout(predicates::str::contains("# Check-in brief, 2026-11-19"));
    motive(dir.path())
        .args(["brief", "latest~4"])
        .assert()
        .success()
        .stdout(predicates::str::contains("# Check-in brief, 2025-11-20"));
}
