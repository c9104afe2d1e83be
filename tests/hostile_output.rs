//! Nothing from a file reaches the terminal raw: every plain command's
//! output path, fed a hostile corpus (a window-title OSC, a clear-screen
//! CSI, an OSC 52 clipboard write, an 8-bit CSI, a bidi override and a
//! zero-width space) through file contents, keys, values and file names.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;

use motive::store::{Store, cache};
use motive::summary::Summary;
use motive::text::policy;
use serde_json::{Value, json};
use support::{at, bank, motive, private_tempdir, snapshot};

const HOSTILE: &str =
    "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J\u{202E}gnp.exe\u{200B}";

/// `text` as a TOML basic string: control characters as `\uXXXX`, the rest
/// (bidi and zero-width characters included) as they are.
fn toml_string(text: &str) -> String {
    let inner: String = text
        .chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_control() => format!("\\u{:04X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    format!("\"{inner}\"")
}

/// Fails when either stream holds a character the text policy refuses,
/// other than the line breaks and tabs that lay output out.
#[track_caller]
fn assert_nothing_raw(output: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let raw: Vec<char> = text
            .chars()
            .filter(|c| !matches!(c, '\n' | '\t') && policy::refused(*c).is_some())
            .collect();
        assert!(
            raw.is_empty(),
            "{what}: {stream} holds {raw:?}:\n{}",
            text.escape_debug()
        );
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    motive(dir).args(args).output().expect("run motive")
}

/// Each command warns that it skipped a file, with nothing raw anywhere.
#[track_caller]
fn assert_warned_with_nothing_raw(dir: &Path, commands: &[&[&str]]) {
    for args in commands {
        let out = run(dir, args);
        assert!(
            stderr(&out).contains("warning: skipped "),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_nothing_raw(&out, &format!("{args:?}"));
    }
}

/// A data dir with one good check-in; returns it and its snapshot file.
fn one_check_in() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let saved = store
        .save(snapshot(&bank("quick"), at("2026-03-01T09:00:00+00:00"), 3))
        .expect("save");
    let file = dir.path().join(format!("snapshots/{}.toml", saved.id));
    (dir, file)
}

/// A valid export entry, to be spoiled.
fn entry() -> Value {
    let s = snapshot(&bank("quick"), at("2026-05-01T09:00:00+00:00"), 2);
    serde_json::to_value(s).expect("encode")
}

fn import(dir: &Path, name: &str, content: &str) -> Output {
    let path = dir.join(name);
    fs::write(&path, content).expect("write import file");
    motive(dir)
        .arg("import")
        .arg(&path)
        .output()
        .expect("run motive")
}

#[test]
fn import_errors_never_echo_a_field_name_or_value_raw() {
    let dir = private_tempdir();
    let mut field = entry();
    field[HOSTILE] = json!(1);
    let mut variant = entry();
    variant["follow_ups"] = json!([{ "commitment": "x", "outcome": HOSTILE }]);
    let mut text = entry();
    text["label"] = json!(HOSTILE);
    let mut id = entry();
    id["id"] = json!(HOSTILE);
    for (what, entry, expected) in [
        ("an unknown field", field, "unknown field"),
        ("an unknown variant", variant, "unknown variant"),
        ("a hostile label", text, "`label` contains"),
        ("a hostile id", id, "is not a check-in id"),
    ] {
        let export = json!({ "format": 1, "snapshots": [entry] }).to_string();
        let out = import(dir.path(), "in.json", &export);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{what}: {}", stderr(&out));
        assert_nothing_raw(&out, what);
    }
    // A hostile key at the top level of the export, and the TOML of one
    // check-in with one.
    let out = import(
        dir.path(),
        "in.json",
        &format!("{{\"format\": 1, \"snapshots\": [], {}: }}", json!(HOSTILE)),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_nothing_raw(&out, "a syntax error after a hostile key");
    let toml = format!(
        "{} = 1\n{}",
        toml_string(HOSTILE),
        toml::to_string(&snapshot(
            &bank("quick"),
            at("2026-05-01T09:00:00+00:00"),
            2
        ))
        .expect("encode")
    );
    let out = import(dir.path(), "in.toml", &toml);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown field"), "{}", stderr(&out));
    assert_nothing_raw(&out, "a check-in file with a hostile key");
}

#[test]
fn a_hostile_file_name_is_escaped_wherever_it_is_named() {
    let dir = private_tempdir();
    for name in [format!("{HOSTILE}.json"), format!("{HOSTILE}.toml")] {
        let out = import(dir.path(), &name, "{ not what it should be");
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("\\u{1b}]0;pwned"), "{}", stderr(&out));
        assert_nothing_raw(&out, "an import file's name");
    }
    // In the data dir: a snapshot file named by an attacker.
    let (dir, file) = one_check_in();
    let named = dir.path().join(format!("snapshots/{HOSTILE}.toml"));
    fs::copy(&file, &named).expect("copy");
    assert_warned_with_nothing_raw(
        dir.path(),
        &[
            &["list"],
            &["show"],
            &["chart"],
            &["due"],
            &["export", "--format", "md", "--skip-unreadable"],
            &["export", "--format", "json"],
            &["brief", "--include", "all"],
            &["brief", "--include", "all", "--format", "html"],
            &["chart", "--format", "svg"],
        ],
    );
}

#[test]
fn hostile_keys_and_texts_in_a_snapshot_are_warned_about_escaped() {
    let (dir, file) = one_check_in();
    let good = fs::read_to_string(&file).expect("read");
    let id = file.file_stem().and_then(|s| s.to_str()).expect("id");
    // An unknown key, a text the checks refuse, an unknown variant.
    let spoiled = [
        format!("{} = 1\n{good}", toml_string(HOSTILE)),
        good.replacen(
            "format = 2",
            &format!("format = 2\nlabel = {}", toml_string(HOSTILE)),
            1,
        ),
        format!(
            "{good}\n[[follow_ups]]\ncommitment = \"x\"\noutcome = {}\n",
            toml_string(HOSTILE)
        ),
    ];
    for (i, content) in spoiled.iter().enumerate() {
        let other = format!("2026010{}-090000", i + 1);
        let path = dir.path().join(format!("snapshots/{other}.toml"));
        fs::write(&path, content.replacen(id, &other, 1)).expect("write");
    }
    assert_warned_with_nothing_raw(
        dir.path(),
        &[
            &["list"],
            &["list", "--json"],
            // `show` reads only the check-in it names.
            &["show", "20260102-090000"],
            &["compare"],
            &["chart"],
            &["chart", "--format", "svg"],
            &["brief", "--include", "all"],
            &["brief", "--include", "all", "--format", "html"],
            &["export", "--format", "csv", "--skip-unreadable"],
            &["export", "--format", "md", "--skip-unreadable"],
            &["export", "--format", "json", "--skip-unreadable"],
            &["export", "--format", "json"],
        ],
    );
}

#[test]
fn a_cache_that_says_otherwise_is_not_believed() {
    let (dir, file) = one_check_in();
    let store = Store::read_only(dir.path());
    let mut summary = Summary::of(&store.list().snapshots[0]);
    summary.label = Some(HOSTILE.into());
    let mut dimensions = summary.dimensions.to_vec();
    dimensions[0].name = HOSTILE.into();
    summary.dimensions = dimensions.into();
    summary.scores[0].name = HOSTILE.into();
    std::sync::Arc::make_mut(&mut summary.bank).title = HOSTILE.into();
    let host = store
        .draft_path()
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("host")
        .to_owned();
    let name = file.file_name().and_then(|n| n.to_str()).expect("name");
    let stamp = cache::Stamp::of(&fs::metadata(&file).expect("stat"));
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    let entry = cache::Update {
        file: name,
        stamp,
        digest: cache::Digest::of(&fs::read(&file).expect("read")),
        summary: &summary,
        learned: true,
    };
    let path = cache::path(dir.path(), &host);
    assert!(cache::update(
        &path,
        cache::Cache::load(&path),
        &[entry],
        later
    ));
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["chart"],
        &["due"],
        &["show"],
    ] {
        let out = run(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_nothing_raw(&out, &format!("{args:?} over a hostile cache"));
    }
}

#[test]
fn banks_never_print_raw_and_refuse_hidden_characters() {
    let dir = private_tempdir();
    let banks = dir.path().join("config/banks");
    fs::create_dir_all(&banks).expect("banks dir");
    let template =
        motive::commands::bank::TEMPLATE.replacen("id = \"my-bank\"", "id = \"mine\"", 1);
    // Texts with a bidi override or a zero-width space: refused.
    for (name, from, to) in [
        ("bidi.toml", "title = \"", "title = \"\u{202E}".to_owned()),
        ("zwsp.toml", "title = \"", "title = \"\u{200B}".to_owned()),
        (
            "keys.toml",
            "format = 1",
            format!("format = 1\n{} = 1", toml_string(HOSTILE)),
        ),
    ] {
        let text = template.replacen(from, &to, 1);
        let path = banks.join(name);
        fs::write(&path, text).expect("write bank");
        let out = motive(dir.path())
            .args(["bank", "validate"])
            .arg(&path)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert_nothing_raw(&out, name);
        fs::remove_file(&path).expect("remove");
    }
    // A broken bank whose very file name is hostile, beside a good one.
    fs::write(banks.join("mine.toml"), &template).expect("write");
    fs::write(banks.join(format!("{HOSTILE}.toml")), "title = [").expect("write");
    let out = run(dir.path(), &["bank", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: skipped "),
        "{}",
        stderr(&out)
    );
    assert_nothing_raw(&out, "bank list");
    for args in [
        &["bank", "show", "mine"][..],
        &["bank", "show", &format!("{HOSTILE}.toml")],
        &["bank", "validate", &format!("{HOSTILE}.toml")],
    ] {
        let out = motive(dir.path())
            .args(args)
            .current_dir(&banks)
            .output()
            .expect("run");
        assert_nothing_raw(&out, &format!("{args:?}"));
    }
}

#[test]
fn the_lock_holder_is_named_with_nothing_raw() {
    let dir = private_tempdir();
    let lock = dir.path().join("lock");
    fs::write(
        &lock,
        format!(
            "purpose = {}\npid = 1\nhost = {}\nstarted = {}\n",
            toml_string(&format!("import{HOSTILE}")),
            toml_string(HOSTILE),
            toml_string(HOSTILE)
        ),
    )
    .expect("write lock");
    let held = fs::File::open(&lock).expect("open lock");
    held.try_lock().expect("hold the lock");
    let export = json!({ "format": 1, "snapshots": [] }).to_string();
    let out = import(dir.path(), "in.json", &export);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("motive: cannot import now: an import"),
        "{}",
        stderr(&out)
    );
    assert_nothing_raw(&out, "a hostile lock file");
    drop(held);
}

#[test]
fn settings_are_shown_with_nothing_raw() {
    let dir = private_tempdir();
    let config = dir.path().join("config");
    fs::create_dir_all(&config).expect("config dir");
    fs::write(
        config.join("config.toml"),
        format!("bank = {}\n", toml_string(HOSTILE)),
    )
    .expect("write settings");
    let out = run(dir.path(), &["config", "show"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_nothing_raw(&out, "config show");
}
