//! Life events and changes of bank on every chart and listing, through the
//! real binary: `motive chart` (text and SVG), `compare` (text and JSON),
//! `export` (JSON and Markdown) and `import` of events.

use std::path::Path;

mod support;

use motive::snapshot::Snapshot;
use support::{json, motive, private_tempdir};

/// A check-in at `at` on bank `core` `version`, one answer per dimension.
fn checkin(at: &str, version: &str, values: [i64; 3]) -> Snapshot {
    let mut s = support::scored(at, values.map(Some));
    s.bank.version = version.into();
    s
}

/// Write `snapshot` where the store keeps it, as the store writes it.
fn write(data: &Path, snapshot: &Snapshot) {
    support::write_snapshot(data, snapshot);
}

fn add_event(data: &Path, day: &str, label: &str) {
    motive(data)
        .args(["event", "add", day, label])
        .assert()
        .success();
}

/// Four check-ins over a year, the bank moving from core 1 to core 2
/// after the second; a new manager in June, a reorg in September.
fn year_with_events() -> tempfile::TempDir {
    let dir = private_tempdir();
    for (at, version, values) in [
        ("2026-01-12T09:00:00+01:00", "1", [2, 4, 3]),
        ("2026-04-06T08:30:00+02:00", "1", [3, 4, 4]),
        ("2026-07-06T08:30:00+02:00", "2", [4, 3, 4]),
        ("2026-10-05T08:30:00+02:00", "2", [5, 2, 3]),
    ] {
        write(dir.path(), &checkin(at, version, values));
    }
    add_event(dir.path(), "2026-06-01", "new manager");
    add_event(dir.path(), "2026-09-14", "reorg");
    dir
}

fn stdout(data: &Path, args: &[&str]) -> String {
    let out = motive(data).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

/// The rows of the plot (below the legend), and the column of each
/// character `c` on `row`.
fn columns_of(row: &str, c: char) -> Vec<usize> {
    row.chars()
        .enumerate()
        .filter(|(_, ch)| *ch == c)
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_text_chart_numbers_each_event_and_names_the_banks() {
    let dir = year_with_events();
    let text = stdout(dir.path(), &["chart", "--width", "72", "--height", "18"]);
    assert!(
        text.contains("┆ bank changed: core 1, then core 2"),
        "{text}"
    );
    assert!(text.contains("1 new manager (1 Jun 2026)"), "{text}");
    assert!(text.contains("2 reorg (14 Sep 2026)"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.starts_with("100│"))
        .expect("the plot's top row");
    // The numbers sit on top of their event's column, which runs down the
    // plot; the bank's column lies between April and July, left of June's.
    let one = columns_of(lines[top], '1')
        .into_iter()
        .find(|&c| c > 3)
        .expect("event 1 numbered");
    let two = columns_of(lines[top], '2')
        .into_iter()
        .next()
        .expect("event 2 numbered");
    // A line drawn across an event's column covers it there, never the
    // other way round.
    let rows = &lines[top + 1..top + 13];
    for column in [one, two] {
        let marked = rows
            .iter()
            .filter(|row| columns_of(row, '│').contains(&column))
            .count();
        assert!(marked >= rows.len() - 4, "column {column}\n{text}");
    }
    let bank = columns_of(lines[top + 1], '┆');
    assert_eq!(bank.len(), 1, "{text}");
    assert!(bank[0] < one, "{text}");
    // Events never hide a line: each dimension's marker still shows.
    for marker in ['•', '+', 'x'] {
        assert!(
            lines[top..].iter().any(|l| l.contains(marker)),
            "{marker}\n{text}"
        );
    }
}

#[test]
fn an_event_before_the_first_check_in_widens_the_axis() {
    let dir = year_with_events();
    add_event(dir.path(), "2025-12-01", "started the job");
    let text = stdout(dir.path(), &["chart", "--width", "72", "--height", "20"]);
    let axis = text.lines().last().expect("the x axis labels");
    assert!(axis.trim_start().starts_with("2025-12-01"), "{text}");
    assert!(text.contains("1 started the job (1 Dec 2025)"), "{text}");
    assert!(text.contains("3 reorg (14 Sep 2026)"), "{text}");
}

#[test]
fn the_svg_marks_each_event_and_stays_deterministic() {
    let dir = year_with_events();
    let svg = stdout(dir.path(), &["chart", "--format", "svg"]);
    assert_eq!(svg, stdout(dir.path(), &["chart", "--format", "svg"]));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let class = |name: &str| {
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(name))
            .collect::<Vec<_>>()
    };
    let lines = class("event");
    assert_eq!(lines.len(), 2);
    let numbers: Vec<&str> = class("event-number")
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(numbers, ["1", "2"]);
    assert_eq!(class("bank-change").len(), 1);
    let notes: Vec<&str> = class("legend-note")
        .iter()
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        notes,
        [
            "Banks: core 1, then core 2 (dotted line: the bank changed)",
            "1 new manager (1 Jun 2026)",
            "2 reorg (14 Sep 2026)"
        ]
    );
    // June's line lies left of September's, both inside the plot, and the
    // image grows to hold the legend rows.
    let x = |n: &roxmltree::Node| {
        n.attribute("x1")
            .and_then(|v| v.parse::<f64>().ok())
            .expect("x1")
    };
    assert!(44.0 < x(&lines[0]) && x(&lines[0]) < x(&lines[1]) && x(&lines[1]) < 624.0);
    let root = doc.root_element();
    assert_eq!(root.attribute("height"), Some("354"));
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .expect("a description");
    assert!(desc.contains("1 new manager (1 Jun 2026)"), "{desc}");
    // It draws.
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("SVG");
    assert_eq!(tree.size().height().round(), 354.0);
}

#[test]
fn compare_lists_what_happened_between_the_two_check_ins() {
    let dir = year_with_events();
    let text = stdout(dir.path(), &["compare"]);
    assert!(
        text.contains("Between these check-ins: reorg (14 Sep 2026)\n"),
        "{text}"
    );
    let text = stdout(dir.path(), &["compare", "latest~3", "latest"]);
    assert!(
        text.contains("Between these check-ins: new manager (1 Jun 2026); reorg (14 Sep 2026)"),
        "{text}"
    );
    // Named the other way round, the same two check-ins, the same events.
    let text = stdout(dir.path(), &["compare", "latest", "latest~3"]);
    assert!(text.contains("new manager (1 Jun 2026); reorg"), "{text}");
    let text = stdout(dir.path(), &["compare", "latest~3", "latest~2"]);
    assert!(!text.contains("Between these check-ins"), "{text}");

    let out = json(motive(dir.path()).args(["compare", "--json"]));
    assert_eq!(
        out["between"],
        serde_json::json!([{"id": "20260914-1", "date": "2026-09-14", "label": "reorg", "note": null}])
    );
    let none = json(motive(dir.path()).args(["compare", "latest~3", "latest~2", "--json"]));
    assert_eq!(none["between"], serde_json::json!([]));
    assert!(
        none["dimensions"]["autonomy"]["verdict"].is_string(),
        "{none}"
    );
}

#[test]
fn events_travel_with_a_json_export_and_import_skips_those_kept() {
    let dir = year_with_events();
    let export = stdout(dir.path(), &["export", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&export).expect("JSON");
    assert_eq!(doc["events"][0]["label"], "new manager");
    assert_eq!(doc["events"][1]["date"], "2026-09-14");
    let file = dir.path().join("backup.json");
    std::fs::write(&file, &export).expect("write the export");

    let other = private_tempdir();
    add_event(other.path(), "2026-06-01", "moved desk");
    let said = stdout(other.path(), &["import", file.to_str().expect("a path")]);
    assert!(
        said.contains("imported 4 check-ins; 0 already present"),
        "{said}"
    );
    assert!(
        said.contains("imported 2 life events; 0 already present"),
        "{said}"
    );
    let listed = json(motive(other.path()).args(["event", "list", "--json"]));
    let labels: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["label"].as_str())
        .collect();
    assert_eq!(labels, ["moved desk", "new manager", "reorg"]);
    // This data dir numbers its own events: June's new manager is its second.
    assert_eq!(listed[1]["id"], "20260601-2");

    let again = stdout(other.path(), &["import", file.to_str().expect("a path")]);
    assert!(
        again.contains("imported 0 life events; 2 already present"),
        "{again}"
    );
    let listed = json(motive(other.path()).args(["event", "list", "--json"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(3));
}

#[test]
fn a_bad_event_in_an_import_imports_nothing() {
    let dir = year_with_events();
    let export = stdout(dir.path(), &["export", "--format", "json"]);
    let mut doc: serde_json::Value = serde_json::from_str(&export).expect("JSON");
    for (bad, says) in [
        (
            serde_json::json!({"format": 1, "id": "20260602-1", "date": "2026-06-01", "label": "x"}),
            "event 3 (20260602-1): the id",
        ),
        (
            serde_json::json!({"format": 1, "id": "20260601-1", "date": "2026-06-01", "label": ""}),
            "event 3 (20260601-1): the label is empty",
        ),
        (
            serde_json::json!({"format": 1, "id": "20260601-1", "date": "June", "label": "x"}),
            "event 3 (20260601-1): ",
        ),
        (
            serde_json::json!({"format": 1, "id": "20260601-1", "date": "2026-06-01", "label": "New Manager"}),
            "event 3: \"New Manager\" on 2026-06-01 appears twice",
        ),
    ] {
        doc["events"].as_array_mut().expect("events").truncate(2);
        doc["events"].as_array_mut().expect("events").push(bad);
        let other = private_tempdir();
        let file = other.path().join("bad.json");
        std::fs::write(&file, doc.to_string()).expect("write");
        let out = motive(other.path())
            .args(["import", file.to_str().expect("a path")])
            .assert()
            .code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).expect("UTF-8");
        assert!(err.contains("bad.json: nothing imported:"), "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        // Neither the check-ins nor the good events were written.
        let list = json(motive(other.path()).args(["list", "--json"]));
        assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
        let events = json(motive(other.path()).args(["event", "list", "--json"]));
        assert_eq!(events, serde_json::json!([]));
    }
}

#[test]
fn the_markdown_report_and_the_brief_name_the_events() {
    let dir = year_with_events();
    let md = stdout(dir.path(), &["export", "--format", "md"]);
    assert!(md.contains("1 new manager (1 Jun 2026)"), "{md}");
    assert!(md.contains("Life events, numbered as on the chart:\n\n1. new manager (1 Jun 2026)\n2. reorg (14 Sep 2026)\n"), "{md}");
    assert!(
        md.contains("Between these check-ins: reorg (14 Sep 2026)"),
        "{md}"
    );

    // A brief holds events only when asked: the person wrote them.
    let brief = stdout(dir.path(), &["brief"]);
    assert!(
        !brief.contains("reorg") && !brief.contains("new manager"),
        "{brief}"
    );
    let brief = stdout(dir.path(), &["brief", "--include", "default,events"]);
    assert!(brief.contains("## What happened"), "{brief}");
    assert!(
        brief.contains("Between these check-ins: reorg (14 Sep 2026)."),
        "{brief}"
    );
    assert!(
        brief.contains("Over the last year (numbered as on the chart): 1 new manager (1 Jun 2026); 2 reorg (14 Sep 2026)."),
        "{brief}"
    );
    let html = stdout(
        dir.path(),
        &["brief", "--include", "chart,events", "--format", "html"],
    );
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .expect("well-formed");
    let marks = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("event"))
        .count();
    assert_eq!(marks, 2);
}

/// The streamed export with events is the document `export::json` builds,
/// byte for byte, and `md` the report `export::markdown` writes.
#[test]
fn the_streamed_export_with_events_is_the_whole_document() {
    let dir = year_with_events();
    let store = motive::store::Store::read_only(dir.path());
    let snapshots = store.list().snapshots;
    let events = store.events().events;
    assert_eq!(events.len(), 2);
    assert_eq!(
        stdout(dir.path(), &["export", "--format", "json"]),
        motive::commands::export::json(&snapshots, &events).expect("json")
    );
    assert_eq!(
        stdout(dir.path(), &["export", "--format", "md"]),
        motive::commands::export::markdown(&snapshots, &events)
    );
}
