//! One test per validation rule, asserting the message and its position.

use super::*;

/// A valid bank; tests change one thing at a time. Line numbers matter:
/// `[scale]` is line 7, the dimensions start on lines 12 and 19, the
/// questions on 24 and 29, the reflection on 37.
const BASE: &str = r#"format = 1
id = "test"
version = "1"
title = "Test bank"
description = "For tests."

[scale]
min = 1
max = 3
labels = ["low", "mid", "high"]

[[dimensions]]
id = "focus"
name = "Focus"
description = "Staying on one thing."
sd = 20
reliability = 0.8

[[dimensions]]
id = "craft"
name = "Craft"
description = "Doing it well."

[[questions]]
id = "q1"
dimension = "focus"
text = "I stay on one thing."

[[questions]]
id = "q2"
dimension = "craft"
text = "I do it well."
hint = "Be honest."
reverse = true
weight = 2

[[reflections]]
id = "next"
prompt = "What next?"
"#;

/// `BASE` with `from` replaced by `to` (which must occur exactly once).
fn with(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "{from:?} must occur once in BASE"
    );
    BASE.replacen(from, to, 1)
}

/// The diagnostics of `text`, formatted as users see them.
fn errors(text: &str) -> Vec<String> {
    match parse("t.toml", text) {
        Ok(bank) => panic!("expected errors, got a bank: {bank:?}"),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn one_error(text: &str) -> String {
    let mut all = errors(text);
    assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
    all.remove(0)
}

#[test]
fn a_valid_bank_is_read_with_defaults() {
    let bank = parse("t.toml", BASE).expect("BASE is valid");
    assert_eq!(bank.id, "test");
    assert_eq!(bank.version, "1");
    assert_eq!(bank.scale.labels, ["low", "mid", "high"]);
    assert_eq!(bank.dimensions.len(), 2);
    assert_eq!(bank.dimensions[0].sd, Some(20.0));
    assert_eq!(bank.dimensions[0].reliability, Some(0.8));
    assert_eq!(bank.dimensions[1].sd, None);
    let q1 = &bank.questions[0];
    assert_eq!(
        (q1.reverse, q1.weight, q1.hint.as_deref()),
        (false, 1.0, None)
    );
    let q2 = &bank.questions[1];
    assert_eq!(
        (q2.reverse, q2.weight, q2.hint.as_deref()),
        (true, 2.0, Some("Be honest."))
    );
    assert_eq!(bank.reflections[0].prompt, "What next?");
}

#[test]
fn version_may_be_an_integer_kept_as_decimal() {
    let bank = parse("t.toml", &with(r#"version = "1""#, "version = 0x10")).expect("valid");
    assert_eq!(bank.version, "16");
    let bank = parse("t.toml", &with(r#"version = "1""#, "version = 7")).expect("valid");
    assert_eq!(bank.version, "7");
}

#[test]
fn version_as_a_float_is_refused_with_a_hint() {
    assert_eq!(
        one_error(&with(r#"version = "1""#, "version = 1.2")),
        "t.toml:3:11: `version` must be a string or an integer, not a float; quote it, e.g. \"1.2\""
    );
}

#[test]
fn texts_are_trimmed_and_multiline_descriptions_kept() {
    let text = with(
        r#"description = "For tests.""#,
        "description = \"\"\"\n  First line.\r\nSecond line.\n\"\"\"",
    );
    let bank = parse("t.toml", &text).expect("valid");
    assert_eq!(bank.description, "First line.\nSecond line.");
}

#[test]
fn toml_syntax_errors_are_all_reported_with_positions() {
    let text = with("min = 1", "min = = 1").replace("name = \"Craft\"", "name = \"Craft");
    let all = errors(&text);
    assert!(all.len() >= 2, "{all:#?}");
    assert!(all[0].starts_with("t.toml:8:7: TOML syntax: "), "{all:#?}");
    assert!(all.iter().any(|e| e.starts_with("t.toml:21:")), "{all:#?}");
    assert!(all.iter().all(|e| e.contains("TOML syntax: ")), "{all:#?}");
}

#[test]
fn duplicate_keys_are_a_syntax_error() {
    let error = one_error(&with(
        r#"title = "Test bank""#,
        "title = \"A\"\ntitle = \"B\"",
    ));
    assert_eq!(error, "t.toml:5:1: TOML syntax: duplicate key");
}

#[test]
fn unknown_keys_are_named_with_the_allowed_ones() {
    assert_eq!(
        one_error(&with("max = 3", "max = 3\nstep = 1")),
        "t.toml:10:1: unknown key \"step\" in [scale]; allowed keys: min, max, labels"
    );
    assert_eq!(
        one_error(&with("format = 1", "format = 1\nauthor = \"me\"")),
        "t.toml:2:1: unknown key \"author\" at the top level; allowed keys: format, id, version, \
         title, description, scale, dimensions, questions, reflections"
    );
    assert_eq!(
        one_error(&with("reverse = true", "reversed = true")),
        "t.toml:34:1: unknown key \"reversed\" in [[questions]]; allowed keys: id, dimension, \
         text, hint, reverse, weight"
    );
}

#[test]
fn missing_keys_point_at_their_table() {
    assert_eq!(
        one_error(&with("text = \"I do it well.\"\n", "")),
        "t.toml:29:1: missing required key `text` in [[questions]]"
    );
    assert_eq!(
        one_error(&with("title = \"Test bank\"\n", "")),
        "t.toml: missing required key `title` at the top level"
    );
    assert_eq!(
        one_error(&with("labels = [\"low\", \"mid\", \"high\"]\n", "")),
        "t.toml:7:1: missing required key `labels` in [scale]"
    );
}

#[test]
fn wrong_types_name_expected_and_found() {
    assert_eq!(
        one_error(&with("min = 1", "min = \"1\"")),
        "t.toml:8:7: `min` must be an integer, not a string"
    );
    assert_eq!(
        one_error(&with("reverse = true", "reverse = \"yes\"")),
        "t.toml:34:11: `reverse` must be true or false, not a string"
    );
    assert_eq!(
        one_error(&with("weight = 2", "weight = [2]")),
        "t.toml:35:10: `weight` must be a number, not an array"
    );
    assert_eq!(
        one_error(&with(
            "labels = [\"low\", \"mid\", \"high\"]",
            "labels = [\"low\", 2, \"high\"]"
        )),
        "t.toml:10:18: each label must be a string, not an integer"
    );
    assert_eq!(
        one_error(&with(
            "[scale]\nmin = 1\nmax = 3\nlabels = [\"low\", \"mid\", \"high\"]\n",
            "scale = 5\n"
        )),
        "t.toml:7:9: `scale` must be a table ([scale]), not an integer"
    );
}

#[test]
fn a_table_where_an_array_of_tables_belongs_is_explained() {
    let text = with("[[reflections]]", "[reflections]");
    assert_eq!(
        one_error(&text),
        "t.toml:37:1: `reflections` must be an array of tables (write [[reflections]]), not a table"
    );
}

#[test]
fn duplicate_ids_point_at_the_second() {
    assert_eq!(
        one_error(&with("id = \"q2\"", "id = \"q1\"")),
        "t.toml:30:6: duplicate question id \"q1\" (first used on line 25)"
    );
    let text = format!("{BASE}\n[[reflections]]\nid = \"next\"\nprompt = \"Again?\"\n");
    assert_eq!(
        one_error(&text),
        "t.toml:42:6: duplicate reflection id \"next\" (first used on line 38)"
    );
    let text = with("id = \"craft\"", "id = \"focus\"");
    assert_eq!(
        errors(&text),
        [
            "t.toml:20:6: duplicate dimension id \"focus\" (first used on line 13)",
            "t.toml:31:13: dimension \"craft\" is not declared in [[dimensions]] (declared: focus)",
        ]
    );
}

#[test]
fn a_question_on_an_undeclared_dimension_is_refused() {
    let all = errors(&with("dimension = \"craft\"", "dimension = \"craf\""));
    assert_eq!(
        all,
        [
            "t.toml:20:6: dimension \"craft\" has no questions; add some or remove it",
            "t.toml:31:13: dimension \"craf\" is not declared in [[dimensions]] (declared: focus, craft)",
        ]
    );
}

#[test]
fn a_dimension_without_questions_is_refused() {
    let text = format!(
        "{BASE}\n[[dimensions]]\nid = \"spare\"\nname = \"Spare\"\ndescription = \"Unused.\"\n"
    );
    assert_eq!(
        one_error(&text),
        "t.toml:42:6: dimension \"spare\" has no questions; add some or remove it"
    );
}

#[test]
fn labels_must_match_the_scale() {
    assert_eq!(
        one_error(&with("max = 3", "max = 4")),
        "t.toml:10:10: scale 1 to 4 has 4 points but 3 labels; give one label per point"
    );
    assert_eq!(
        one_error(&with(
            "labels = [\"low\", \"mid\", \"high\"]",
            "labels = [\"low\", \" \", \"high\"]"
        )),
        "t.toml:10:18: each label must not be empty"
    );
}

#[test]
fn scale_bounds_must_be_ordered() {
    assert_eq!(
        one_error(&with("min = 1", "min = 3")),
        "t.toml:8:7: scale `min` (3) must be less than `max` (3)"
    );
}

#[test]
fn weight_must_be_positive_and_bounded() {
    assert_eq!(
        one_error(&with("weight = 2", "weight = 0")),
        "t.toml:35:10: `weight` must be from 0.01 to 100, not 0"
    );
    assert_eq!(
        one_error(&with("weight = 2", "weight = -1.5")),
        "t.toml:35:10: `weight` must be from 0.01 to 100, not -1.5"
    );
    // Two of these would sum past the largest float: the score was NaN.
    assert_eq!(
        one_error(&with("weight = 2", "weight = 1.7e308")),
        "t.toml:35:10: `weight` must be from 0.01 to 100, not 1.7e308"
    );
    let bank = parse("t.toml", &with("weight = 2", "weight = 0.5")).expect("valid");
    assert_eq!(bank.questions[1].weight, 0.5);
}

#[test]
fn norms_must_be_in_range_and_paired() {
    assert_eq!(
        one_error(&with("sd = 20", "sd = 0")),
        "t.toml:16:6: `sd` must be above 0 and at most 100 (points on a 0-100 scale), not 0"
    );
    assert_eq!(
        one_error(&with("reliability = 0.8", "reliability = 1")),
        "t.toml:17:15: `reliability` must be between 0 and 1 (both excluded), not 1"
    );
    assert_eq!(
        one_error(&with("reliability = 0.8", "reliability = 0.0")),
        "t.toml:17:15: `reliability` must be between 0 and 1 (both excluded), not 0"
    );
    assert_eq!(
        one_error(&with("reliability = 0.8\n", "")),
        "t.toml:16:6: `sd` needs `reliability` too: the reliable-change test uses both"
    );
    assert_eq!(
        one_error(&with("sd = 20", "sd = nan")),
        "t.toml:16:6: `sd` must be a finite number"
    );
}

#[test]
fn texts_must_not_be_empty_or_blank() {
    assert_eq!(
        one_error(&with("title = \"Test bank\"", "title = \"   \"")),
        "t.toml:4:9: `title` must not be empty"
    );
    assert_eq!(
        one_error(&with("prompt = \"What next?\"", "prompt = \"\"")),
        "t.toml:39:10: `prompt` must not be empty"
    );
    assert_eq!(
        one_error(&with("hint = \"Be honest.\"", "hint = \"\\t\"")),
        "t.toml:33:8: `hint` must not be empty"
    );
}

#[test]
fn single_line_texts_refuse_line_breaks_and_control_characters() {
    assert_eq!(
        one_error(&with("name = \"Focus\"", "name = \"Fo\\ncus\"")),
        "t.toml:14:8: `name` contains a line break; keep it on one line"
    );
    assert_eq!(
        one_error(&with(
            "text = \"I do it well.\"",
            "text = \"I do \\u001b[31mit\""
        )),
        "t.toml:32:8: `text` contains a control character (U+001B)"
    );
}

#[test]
fn a_newer_format_is_the_only_error_reported() {
    let text = with("format = 1", "format = 2\nfuture_key = true");
    assert_eq!(
        one_error(&text),
        "t.toml:1:10: format 2 is newer than this build understands (1); upgrade motive"
    );
    assert_eq!(
        one_error(&with("format = 1", "format = 0")),
        "t.toml:1:10: format 0 does not exist; this build reads format 1"
    );
    assert_eq!(
        one_error(&with("format = 1\n", "")),
        "t.toml: missing required key `format` at the top level"
    );
}

#[test]
fn ids_must_use_the_id_alphabet() {
    assert_eq!(
        one_error(&with("id = \"test\"", "id = \"My bank\"")),
        "t.toml:2:6: `id` \"My bank\" is not a valid id: use lowercase letters, digits and '-', \
         not starting with '-'"
    );
    assert_eq!(
        one_error(&with("id = \"next\"", "id = \"-next\"")),
        "t.toml:38:6: `id` \"-next\" is not a valid id: use lowercase letters, digits and '-', \
         not starting with '-'"
    );
}

#[test]
fn a_bank_file_may_not_reuse_a_builtin_id() {
    let text = with("id = \"test\"", "id = \"core\"");
    assert!(parse("builtin:core", &text).is_ok());
    let diagnostics = from_bytes("t.toml", text.as_bytes()).expect_err("reserved id");
    assert_eq!(
        diagnostics[0].to_string(),
        "t.toml:2:6: id \"core\" belongs to a built-in bank; choose another id"
    );
}

#[test]
fn limit_file_size_is_checked_before_parsing() {
    let mut text = BASE.to_owned();
    text.push_str(&"#".repeat(MAX_FILE_BYTES + 1 - text.len()));
    assert_eq!(
        one_error(&text),
        "t.toml: file is 1048577 bytes; a bank file may be at most 1 MiB (1048576 bytes)"
    );
    let bytes = vec![b'\xff'; MAX_FILE_BYTES + 1];
    let diagnostics = from_bytes("t.toml", &bytes).expect_err("too big");
    assert_eq!(
        diagnostics[0].message,
        "file is 1048577 bytes; a bank file may be at most 1 MiB (1048576 bytes)"
    );
}

#[test]
fn limit_question_count() {
    let mut text = BASE.to_owned();
    for i in 3..=501 {
        text.push_str(&format!(
            "\n[[questions]]\nid = \"q{i}\"\ndimension = \"focus\"\ntext = \"Statement {i}.\"\n"
        ));
    }
    let error = one_error(&text);
    // The 501st question's header: 39 lines of BASE, then 5 lines per question.
    let line = 39 + 5 * (501 - 3) + 2;
    assert_eq!(
        error,
        format!("t.toml:{line}:1: a bank may have at most 500 questions; this one has 501")
    );
    text.truncate(text.rfind("\n[[questions]]").expect("a question"));
    assert!(parse("t.toml", &text).is_ok(), "500 questions are fine");
}

#[test]
fn limit_text_length_counts_characters() {
    let at_limit = "é".repeat(MAX_TEXT_CHARS);
    let text = with(
        "text = \"I do it well.\"",
        &format!("text = \"{at_limit}\""),
    );
    assert!(parse("t.toml", &text).is_ok());
    let text = with(
        "text = \"I do it well.\"",
        &format!("text = \"{at_limit}é\""),
    );
    assert_eq!(
        one_error(&text),
        "t.toml:32:8: `text` is 2001 characters long; at most 2000 are allowed"
    );
}

#[test]
fn limit_scale_width() {
    let labels: Vec<String> = (1..=12).map(|i| format!("\"p{i}\"")).collect();
    let text = with("max = 3", "max = 12").replace(
        "labels = [\"low\", \"mid\", \"high\"]",
        &format!("labels = [{}]", labels.join(", ")),
    );
    assert_eq!(
        one_error(&text),
        "t.toml:9:7: scale 1 to 12 has 12 points; at most 11 are allowed"
    );
    let labels = &labels[..11];
    let text = with("max = 3", "max = 11").replace(
        "labels = [\"low\", \"mid\", \"high\"]",
        &format!("labels = [{}]", labels.join(", ")),
    );
    assert!(parse("t.toml", &text).is_ok(), "1..11 is allowed");
    let text = with("min = 1", &format!("min = {}", i64::MIN))
        .replace("max = 3", &format!("max = {}", i64::MAX));
    assert_eq!(
        one_error(&text),
        format!(
            "t.toml:9:7: scale {} to {} goes beyond -1000..1000; keep both ends within it",
            i64::MIN,
            i64::MAX
        )
    );
}

#[test]
fn limit_id_length() {
    let long = "a".repeat(MAX_ID_CHARS + 1);
    assert_eq!(
        one_error(&with("id = \"q1\"", &format!("id = \"{long}\""))),
        "t.toml:25:6: `id` is 65 characters long; at most 64 are allowed"
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = with("min = 1", "min = \"one\"")
        .replace("sd = 20", "sd = -3")
        .replace("id = \"q2\"", "id = \"Q2\"")
        .replace("prompt = \"What next?\"", "prompt = \" \"");
    let lines: Vec<usize> = errors(&text)
        .iter()
        .map(|e| {
            e.split(':')
                .nth(1)
                .and_then(|l| l.parse().ok())
                .expect("a line")
        })
        .collect();
    assert_eq!(lines, [8, 16, 30, 39]);
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let mut bytes = b"format = 1\nid = \"t\xc3\xa9".to_vec();
    bytes.extend_from_slice(b"\xff\"\n");
    let diagnostics = from_bytes("t.toml", &bytes).expect_err("not UTF-8");
    assert_eq!(
        diagnostics[0].to_string(),
        "t.toml:2:9: not valid UTF-8; a bank file must be UTF-8 text"
    );
}

#[test]
fn positions_count_characters_and_skip_a_byte_order_mark() {
    assert_eq!(position_of("ab\ncé d", 7), (2, 4));
    assert_eq!(position_of("\u{feff}x = 1", 3), (1, 1));
    assert_eq!(position_of("é", 1), (1, 1), "inside a character");
    assert_eq!(position_of("ab", 99), (1, 3), "past the end");
}

#[test]
fn from_path_reports_missing_files_and_directories() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.toml");
    let diagnostics = from_path(&missing).expect_err("missing");
    assert_eq!(
        diagnostics[0].to_string(),
        format!("{}: no such file", missing.display())
    );
    let diagnostics = from_path(dir.path()).expect_err("a directory");
    assert_eq!(diagnostics[0].message, "is a directory, not a bank file");
}

#[test]
fn a_file_of_garbage_reports_a_bounded_number_of_problems() {
    let text = "= x\n".repeat(5000);
    let all = errors(&text);
    assert_eq!(all.len(), 21);
    assert!(all[20].starts_with("t.toml: and "), "{}", all[20]);
    assert!(all[20].ends_with(" more problems not shown; fix the ones above first"));
    assert!(
        all[0].starts_with("t.toml:1:1: TOML syntax: "),
        "{}",
        all[0]
    );
}

#[test]
fn integers_the_parser_does_not_check_are_syntax_errors() {
    assert_eq!(
        one_error(&with("min = 1", "min = 0x")),
        "t.toml:8:7: TOML syntax: invalid integer \"0x\" (64-bit integers only)"
    );
    assert_eq!(
        one_error(&with("weight = 2", "weight = 99999999999999999999")),
        "t.toml:35:10: TOML syntax: invalid integer \"99999999999999999999\" (64-bit integers only)"
    );
    // Nested values are checked too, even under keys the bank does not use.
    assert_eq!(
        one_error(&with("format = 1", "format = 1\nx = [[0o]]")),
        "t.toml:2:7: TOML syntax: invalid integer \"0o\" (64-bit integers only)"
    );
}

#[test]
fn byte_order_marks_and_crlf_line_ends_are_fine() {
    let bom = format!("\u{feff}{BASE}");
    assert!(parse("t.toml", &bom).is_ok());
    let bom = bom.replacen("format = 1", "format = 1\nx = 1", 1);
    assert!(one_error(&bom).starts_with("t.toml:2:1: unknown key \"x\""));
    let bom_error = format!("\u{feff}{}", with("format = 1", "format = 5"));
    assert!(one_error(&bom_error).starts_with("t.toml:1:10: format 5 is newer"));
    let crlf = BASE.replace('\n', "\r\n");
    assert!(parse("t.toml", &crlf).is_ok());
    let crlf = with("weight = 2", "weight = -2").replace('\n', "\r\n");
    assert_eq!(
        one_error(&crlf),
        "t.toml:35:10: `weight` must be from 0.01 to 100, not -2"
    );
}

#[test]
fn a_lone_carriage_return_is_refused_as_a_check_in_would_refuse_it() {
    // It passed here once, and then no check-in on the bank could be saved.
    assert_eq!(
        one_error(&with(
            "description = \"Doing it well.\"",
            "description = \"Doing it\\rwell.\""
        )),
        "t.toml:22:15: `description` contains a control character (U+000D)"
    );
    let bank = parse(
        "t.toml",
        &with(
            "description = \"Doing it well.\"",
            "description = \"Doing it\\r\\nwell.\"",
        ),
    )
    .expect("a Windows line end is a line break");
    assert_eq!(bank.dimensions[1].description, "Doing it\nwell.");
}

#[test]
fn bidi_controls_and_invisible_characters_are_refused_in_every_text() {
    for (c, class) in [
        ("\\u202E", "a bidirectional control (U+202E)"),
        ("\\u2066", "a bidirectional control (U+2066)"),
        ("\\u200B", "an invisible character (U+200B)"),
        ("\\uFEFF", "an invisible character (U+FEFF)"),
    ] {
        let error = one_error(&with(
            "title = \"Test bank\"",
            &format!("title = \"Test{c}bank\""),
        ));
        assert!(
            error.starts_with(&format!("t.toml:4:9: `title` contains {class}")),
            "{error}"
        );
        let error = one_error(&with(
            "text = \"I do it well.\"",
            &format!("text = \"I do{c} it\""),
        ));
        assert!(
            error.starts_with("t.toml:32:8: `text` contains "),
            "{error}"
        );
    }
}

#[test]
fn dimensions_and_reflections_are_as_bounded_as_in_a_check_in() {
    let mut text = BASE.to_owned();
    for i in 0..MAX_DIMENSIONS {
        text.push_str(&format!(
            "\n[[dimensions]]\nid = \"d{i}\"\nname = \"D\"\ndescription = \"d\"\n\n[[questions]]\nid = \"dq{i}\"\ndimension = \"d{i}\"\ntext = \"t\"\n"
        ));
    }
    let all = errors(&text);
    assert!(
        all[0].ends_with(&format!(
            "a bank may have at most {MAX_DIMENSIONS} dimensions; this one has {}",
            MAX_DIMENSIONS + 2
        )),
        "{all:?}"
    );
    let mut text = BASE.to_owned();
    for i in 0..MAX_REFLECTIONS {
        text.push_str(&format!(
            "\n[[reflections]]\nid = \"r{i}\"\nprompt = \"p\"\n"
        ));
    }
    assert!(one_error(&text).ends_with(&format!(
        "a bank may have at most {MAX_REFLECTIONS} reflections; this one has {}",
        MAX_REFLECTIONS + 1
    )));
}

#[test]
fn a_diagnostic_is_printed_with_nothing_raw() {
    let hostile = with(
        "format = 1",
        "format = 1\n\"\\u001b]0;x\\u0007\\u202e\" = 1",
    );
    let error = one_error(&hostile);
    assert!(
        error
            .starts_with("t.toml:2:1: unknown key \"\\u{1b}]0;x\\u{7}\\u{202e}\" at the top level"),
        "{error}"
    );
    let diagnostic = Diagnostic::whole_file("a\u{202E}b.toml", "bad \u{9b}2J");
    assert_eq!(diagnostic.to_string(), "a\\u{202e}b.toml: bad \\u{9b}2J");
}

#[test]
fn ideas_are_optional_and_kept_per_dimension_apart_from_it() {
    let bank = parse("t.toml", BASE).expect("valid");
    assert!(bank.ideas.is_empty());
    assert!(bank.ideas("focus").is_empty());
    let text = with(
        "reliability = 0.8\n",
        "reliability = 0.8\nideas = [\"  Close the chat for an hour. \", \"Say no once.\"]\n",
    );
    let bank = parse("t.toml", &text).expect("valid");
    assert_eq!(
        bank.ideas("focus"),
        ["Close the chat for an hour.", "Say no once."]
    );
    assert!(bank.ideas("craft").is_empty());
    assert_eq!(
        bank.dimension("focus").map(|d| d.id.as_str()),
        Some("focus")
    );
}

#[test]
fn each_idea_is_checked_like_other_bank_text() {
    let wrong = |ideas: &str| {
        one_error(&with(
            "reliability = 0.8\n",
            &format!("reliability = 0.8\nideas = {ideas}\n"),
        ))
    };
    assert_eq!(
        wrong("\"one\""),
        "t.toml:18:9: `ideas` must be an array, not a string"
    );
    assert_eq!(
        wrong("[\"  \"]"),
        "t.toml:18:10: each idea must not be empty"
    );
    assert_eq!(
        wrong("[3]"),
        "t.toml:18:10: each idea must be a string, not an integer"
    );
    assert!(
        wrong("[\"two\\nlines\"]").starts_with("t.toml:18:10: each idea "),
        "{}",
        wrong("[\"two\\nlines\"]")
    );
    assert!(wrong("[\"a\\u001b[2Jb\"]").starts_with("t.toml:18:10: each idea "));
    let long = format!("[\"{}\"]", "x".repeat(MAX_TEXT_CHARS + 1));
    assert!(wrong(&long).starts_with("t.toml:18:10: each idea "));
    let many = format!("[{}]", vec!["\"x\""; MAX_IDEAS + 1].join(", "));
    assert_eq!(
        wrong(&many),
        format!(
            "t.toml:18:9: a dimension may have at most {MAX_IDEAS} ideas; this one has {}",
            MAX_IDEAS + 1
        )
    );
}

#[test]
fn every_dimension_of_the_core_bank_has_ideas() {
    let core = crate::bank::builtin::get("core").expect("core");
    for dimension in &core.dimensions {
        let ideas = core.ideas(&dimension.id);
        assert!((3..=MAX_IDEAS).contains(&ideas.len()), "{}", dimension.id);
    }
}
