//! `motive bank ...` as users run it: the real binary, temp config and data
//! dirs, and the fixtures in `tests/fixtures/banks/`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

/// The binary with isolated dirs, run from the crate root so fixture paths
/// in messages are the relative ones given on the command line.
fn motive(config: &Path) -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("motive");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("MOTIVE_CONFIG_DIR", config)
        .env("MOTIVE_DATA_DIR", config.join("data"))
        .env("NO_COLOR", "1");
    cmd
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn stderr_lines(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Each invalid fixture and every line `bank validate` must print for it,
/// after the file name.
const INVALID: &[(&str, &[&str])] = &[
    (
        "bad-id",
        &[
            ":2:6: `id` \"My Fixture\" is not a valid id: use lowercase letters, digits and '-', not starting with '-'",
            ":18:6: `id` \"q_1\" is not a valid id: use lowercase letters, digits and '-', not starting with '-'",
        ],
    ),
    (
        "builtin-id",
        &[":2:6: id \"quick\" belongs to a built-in bank; choose another id"],
    ),
    (
        "dimension-without-questions",
        &[":23:6: dimension \"spare\" has no questions; add some or remove it"],
    ),
    (
        "duplicate-id",
        &[
            ":23:6: duplicate question id \"q1\" (first used on line 18)",
            ":32:6: duplicate reflection id \"r\" (first used on line 28)",
        ],
    ),
    (
        "empty-text",
        &[
            ":4:9: `title` must not be empty",
            ":20:8: `text` must not be empty",
        ],
    ),
    (
        "format-newer",
        &[":1:10: format 2 is newer than this build understands (1); upgrade motive"],
    ),
    (
        "id-too-long",
        &[":18:6: `id` is 65 characters long; at most 64 are allowed"],
    ),
    (
        "invalid-utf8",
        &[":2:10: not valid UTF-8; a bank file must be UTF-8 text"],
    ),
    (
        "labels-count",
        &[":10:10: scale 1 to 3 has 3 points but 2 labels; give one label per point"],
    ),
    (
        "many-errors",
        &[
            ":7:1: unknown key \"colour\" at the top level; allowed keys: format, id, version, title, description, scale, dimensions, questions, reflections",
            ":12:10: scale 1 to 5 has 5 points but 4 labels; give one label per point",
            ":18:6: `sd` must be above 0 and at most 100 (points on a 0-100 scale), not 0",
            ":22:6: dimension \"mastery\" has no questions; add some or remove it",
            ":30:10: `weight` must be from 0.01 to 100, not -1",
            ":33:6: duplicate question id \"a1\" (first used on line 27)",
            ":34:13: dimension \"autonomie\" is not declared in [[dimensions]] (declared: autonomy, mastery)",
            ":39:10: `prompt` must not be empty",
        ],
    ),
    (
        "missing-key",
        &[
            ": missing required key `title` at the top level",
            ":16:1: missing required key `text` in [[questions]]",
        ],
    ),
    (
        "norms",
        &[
            ":16:6: `sd` must be above 0 and at most 100 (points on a 0-100 scale), not -5",
            ":17:15: `reliability` must be between 0 and 1 (both excluded), not 1.2",
        ],
    ),
    (
        "scale-order",
        &[":8:7: scale `min` (3) must be less than `max` (1)"],
    ),
    (
        "scale-too-wide",
        &[":9:7: scale 1 to 12 has 12 points; at most 11 are allowed"],
    ),
    (
        "syntax",
        &[
            ":3:13: TOML syntax: invalid basic string, expected `\"`",
            ":5:1: TOML syntax: missing comma between array elements, expected `,`",
            ":5:1: TOML syntax: string values must be quoted, expected literal string",
            ":5:9: TOML syntax: unexpected `=` in array, expected value, `]`",
            ":5:11: TOML syntax: missing comma between array elements, expected `,`",
            ":5:14: TOML syntax: unclosed array, expected `]`",
        ],
    ),
    (
        "text-too-long",
        &[":20:8: `text` is 2001 characters long; at most 2000 are allowed"],
    ),
    (
        "undeclared-dimension",
        &[
            ":13:6: dimension \"focus\" has no questions; add some or remove it",
            ":19:13: dimension \"fokus\" is not declared in [[dimensions]] (declared: focus)",
        ],
    ),
    (
        "unknown-key",
        &[":10:1: unknown key \"step\" in [scale]; allowed keys: min, max, labels"],
    ),
    (
        "weight",
        &[":21:10: `weight` must be from 0.01 to 100, not 0"],
    ),
    (
        "wrong-type",
        &[
            ":8:7: `min` must be an integer, not a string",
            ":20:8: `text` must be a string, not an integer",
        ],
    ),
];

#[test]
fn every_invalid_fixture_fails_with_exactly_its_diagnostics() {
    let config = temp();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/invalid");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = INVALID.iter().map(|(name, _)| *name).collect();
    assert_eq!(on_disk, listed, "every fixture is checked, and only those");

    for (name, expected) in INVALID {
        let path = format!("tests/fixtures/banks/invalid/{name}.toml");
        let output = motive(config.path())
            .args(["bank", "validate", &path])
            .output()
            .expect("run motive");
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
        let expected: Vec<String> = expected
            .iter()
            .map(|line| format!("{path}{line}"))
            .collect();
        assert_eq!(stderr_lines(&output), expected, "{name}");
    }
}

#[test]
fn a_multi_error_file_reports_everything_at_once() {
    let output = motive(temp().path())
        .args([
            "bank",
            "validate",
            "tests/fixtures/banks/invalid/many-errors.toml",
        ])
        .output()
        .expect("run motive");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr_lines(&output).len(), 8);
}

#[test]
fn validate_prints_ok_for_valid_files_and_fails_if_any_is_invalid() {
    let config = temp();
    motive(config.path())
        .args([
            "bank",
            "validate",
            "tests/fixtures/banks/valid/minimal.toml",
        ])
        .assert()
        .success()
        .stdout("tests/fixtures/banks/valid/minimal.toml: ok\n")
        .stderr("");
    motive(config.path())
        .args([
            "bank",
            "validate",
            "tests/fixtures/banks/valid/minimal.toml",
            "tests/fixtures/banks/invalid/weight.toml",
            "no/such/bank.toml",
        ])
        .assert()
        .code(2)
        .stdout("tests/fixtures/banks/valid/minimal.toml: ok\n")
        .stderr(
            "tests/fixtures/banks/invalid/weight.toml:21:10: `weight` must be from 0.01 to 100, not 0\n\
             no/such/bank.toml: no such file\n",
        );
}

#[test]
fn list_shows_builtins_and_user_banks_and_warns_about_broken_ones() {
    let config = temp();
    let banks = config.path().join("banks");
    std::fs::create_dir_all(&banks).expect("banks dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks");
    std::fs::copy(
        fixtures.join("valid/minimal.toml"),
        banks.join("minimal.toml"),
    )
    .expect("copy");
    std::fs::copy(
        fixtures.join("invalid/weight.toml"),
        banks.join("weight.toml"),
    )
    .expect("copy");
    let minimal = banks.join("minimal.toml").display().to_string();
    let broken = banks.join("weight.toml").display().to_string();

    let output = motive(config.path())
        .args(["bank", "list"])
        .output()
        .expect("run motive");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    let expected = format!(
        "ID       VERSION  TITLE                          STATEMENTS  REFLECTIONS  ORIGIN\n\
         core     2        Autonomy, mastery and purpose          18            7  built-in\n\
         quick    2        Quick pulse                             6            1  built-in\n\
         minimal  3        Minimal                                 1            0  {minimal}\n"
    );
    assert_eq!(stdout, expected);
    assert_eq!(
        stderr_lines(&output),
        [format!(
            "warning: skipped {broken}:21:10: `weight` must be from 0.01 to 100, not 0; \
             check it with: motive bank validate {broken}"
        )]
    );
}

#[test]
fn list_without_user_banks_shows_the_builtins() {
    motive(temp().path())
        .args(["bank", "list"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("ID     VERSION  TITLE"))
        .stdout(predicate::str::contains("\ncore   2 "))
        .stdout(predicate::str::contains("\nquick  2 "))
        .stderr("");
}

#[test]
fn show_core_lists_scale_dimensions_statements_and_reflections() {
    let output = motive(temp().path())
        .args(["bank", "show", "core"])
        .output()
        .expect("run motive");
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout.clone()).expect("UTF-8");
    assert!(stdout.starts_with("Autonomy, mastery and purpose\ncore, version 2 (built-in)\n"));
    for needle in [
        "\nScale\n  1  Not at all true\n",
        "  5  Completely true\n",
        "\nAutonomy [autonomy]\n",
        "\nMastery [mastery]\n",
        "\nPurpose [purpose]\n",
        "  Norms: sd 20 points, reliability 0.8\n",
        "\n  autonomy-told (reverse)\n",
        "\nReflections\n",
        "\n  energy\n",
    ] {
        assert!(stdout.contains(needle), "missing {needle:?} in:\n{stdout}");
    }
    assert_eq!(stdout.matches(" (reverse)\n").count(), 3);
}

#[test]
fn show_takes_a_path_and_marks_weights() {
    let config = temp();
    let path = config.path().join("w.toml");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/banks/valid/minimal.toml"),
    )
    .expect("fixture")
    .replace(
        "text = \"I end most days with energy left.\"",
        "text = \"I end most days with energy left.\"\nweight = 2.5\nreverse = true",
    );
    std::fs::write(&path, text).expect("write");
    motive(config.path())
        .args(["bank", "show"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "\n  energy-left (reverse, weight 2.5)\n",
        ))
        .stdout(predicate::str::contains("\nReflections: none\n"));
}

#[test]
fn show_unknown_and_invalid_banks_fail_with_exit_2() {
    let config = temp();
    motive(config.path())
        .args(["bank", "show", "nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "motive: nope: no bank has this id; available: core, quick (or give the path of a bank file)\n",
        );
    motive(config.path())
        .args(["bank", "show", "tests/fixtures/banks/invalid/norms.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "tests/fixtures/banks/invalid/norms.toml:16:6: `sd` must be above 0 and at most 100 (points on a 0-100 scale), not -5\n\
             tests/fixtures/banks/invalid/norms.toml:17:15: `reliability` must be between 0 and 1 (both excluded), not 1.2\n\
             motive: tests/fixtures/banks/invalid/norms.toml: not a valid bank (2 problems, listed above)\n",
        );
}

#[test]
fn init_writes_a_template_that_validates_and_is_usable_by_id() {
    let config = temp();
    let path = config.path().join("banks").join("team.toml");
    let shown = path.display().to_string();
    motive(config.path())
        .args(["bank", "init"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "Wrote a template bank (id \"team\") to {shown}\n"
        )))
        .stdout(predicate::str::contains(format!(
            "motive bank validate {shown}\n"
        )))
        .stdout(predicate::str::contains(
            "`motive check --bank team` works too",
        ));
    motive(config.path())
        .args(["bank", "validate"])
        .arg(&path)
        .assert()
        .success()
        .stdout(format!("{shown}: ok\n"));
    motive(config.path())
        .args(["bank", "show", "team"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "team, version 1 ({shown})\n"
        )));
}

#[test]
fn init_refuses_to_overwrite() {
    let config = temp();
    let path = config.path().join("mine.toml");
    std::fs::write(&path, "precious").expect("write");
    motive(config.path())
        .args(["bank", "init"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "motive: {} already exists; not overwriting it (choose another path)\n",
            path.display()
        ));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "precious");
}

#[test]
fn the_bank_examples_in_the_docs_and_readme_validate() {
    for doc in ["docs/banks.md", "README.md"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(doc))
            .expect("read the doc");
        let start = text.find("```toml\n").expect("a TOML example") + "```toml\n".len();
        let end = start + text[start..].find("```").expect("end of the example");
        let config = temp();
        let path = config.path().join("example.toml");
        std::fs::write(&path, &text[start..end]).expect("write");
        motive(config.path())
            .args(["bank", "validate"])
            .arg(&path)
            .assert()
            .success()
            .stderr("");
    }
}
