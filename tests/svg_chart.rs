//! The SVG chart and the HTML brief, read back by real parsers: roxmltree
//! for the markup, resvg to draw the SVG, whose pixels must show each
//! dimension's colour along its line.

mod brief_fixture;
mod support;

use std::path::Path;

use support::{motive, private_tempdir};

/// The Okabe-Ito colours of the core dimensions, as the chart draws them.
const COLORS: [(&str, [u8; 3]); 3] = [
    ("autonomy", [0x56, 0xB4, 0xE9]),
    ("mastery", [0xE6, 0x9F, 0x00]),
    ("purpose", [0xCC, 0x79, 0xA7]),
];

fn stdout(data: &Path, args: &[&str]) -> String {
    let out = motive(data).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

fn data_with_history() -> tempfile::TempDir {
    let dir = private_tempdir();
    brief_fixture::history(dir.path());
    dir
}

#[test]
fn the_svg_is_well_formed_titled_described_and_dated() {
    let dir = data_with_history();
    let svg = stdout(dir.path(), &["chart", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let text_of = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(text_of("title"), "Scores over time, 0 to 100");
    assert_eq!(
        text_of("desc"),
        "Scores from 0 to 100 for Autonomy, Mastery and Purpose across 5 check-ins, \
         from 2025-11-20 to 2026-11-19. Latest: Autonomy 75.0, Mastery 75.0, Purpose 25.0. \
         Marked: 1 new manager (2 Mar 2026); 2 moved to the platform guild (14 Sep 2026)."
            .replace(
                "Autonomy, Mastery and Purpose",
                "Autonomy, Mastery, Purpose"
            )
    );
    let texts: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for label in [
        "2025-11-20",
        "2026-05-21",
        "2026-11-19",
        "Autonomy",
        "Mastery",
        "Purpose",
    ] {
        assert!(texts.contains(&label), "{label} not in {texts:?}");
    }
    // One group per dimension, each with its own colour, dash and marker.
    let groups: Vec<roxmltree::Node> = root
        .descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .collect();
    assert_eq!(groups.len(), 3);
    let mut dashes = Vec::new();
    let mut markers = Vec::new();
    for (group, (id, rgb)) in groups.iter().zip(COLORS) {
        assert_eq!(group.attribute("data-dimension"), Some(id));
        let line = group
            .children()
            .find(|n| n.has_tag_name("polyline"))
            .expect("a line");
        let hex = format!("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]);
        assert_eq!(line.attribute("stroke"), Some(hex.as_str()));
        dashes.push(line.attribute("stroke-dasharray").unwrap_or("solid"));
        let marker = group
            .children()
            .find(|n| n.is_element() && !n.has_tag_name("polyline"))
            .expect("a marker");
        markers.push(marker.tag_name().name());
    }
    dashes.dedup();
    markers.dedup();
    assert_eq!(dashes.len(), 3, "{dashes:?}");
    assert_eq!(markers.len(), 3, "{markers:?}");
}

#[test]
fn the_same_check_ins_give_the_same_bytes() {
    let dir = data_with_history();
    let first = stdout(dir.path(), &["chart", "--format", "svg"]);
    let second = stdout(dir.path(), &["chart", "--format", "svg"]);
    assert_eq!(first, second);
    let file = dir.path().join("trend.svg");
    motive(dir.path())
        .args(["chart", "--format", "svg", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&file).expect("written"), first);
}

#[test]
fn a_change_of_bank_breaks_the_chart_with_a_mark() {
    let dir = data_with_history();
    let store = motive::store::Store::open(dir.path()).expect("store");
    let quick = support::bank("quick");
    store
        .save(support::snapshot(
            &quick,
            support::at("2026-11-25T10:00:00+01:00"),
            3,
        ))
        .expect("save");
    let svg = stdout(dir.path(), &["chart", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let breaks = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("bank-change"))
        .count();
    assert_eq!(breaks, 1);
}

/// Draw `svg` and return its pixels (RGBA) and width.
fn rasterise(svg: &str) -> (Vec<u8>, u32) {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    (pixmap.data().to_vec(), size.width())
}

#[test]
fn each_dimensions_colour_is_drawn_along_its_line() {
    let dir = data_with_history();
    let svg = stdout(dir.path(), &["chart", "--format", "svg"]);
    let (pixels, width) = rasterise(&svg);
    let height = u32::try_from(pixels.len() / 4).expect("size") / width;
    let near = |x: f64, y: f64, rgb: [u8; 3]| {
        let (cx, cy) = (x.round() as i64, y.round() as i64);
        (-2..=2).any(|dy| {
            (-2..=2).any(|dx| {
                let (px, py) = (cx + dx, cy + dy);
                if px < 0 || py < 0 || px >= i64::from(width) || py >= i64::from(height) {
                    return false;
                }
                let at = ((py as usize) * width as usize + px as usize) * 4;
                pixels[at..at + 3]
                    .iter()
                    .zip(rgb)
                    .all(|(a, b)| a.abs_diff(b) <= 6)
            })
        })
    };
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    for (id, rgb) in COLORS {
        let group = doc
            .descendants()
            .find(|n| n.attribute("data-dimension") == Some(id))
            .expect("its group");
        let points: Vec<(f64, f64)> = group
            .children()
            .find(|n| n.has_tag_name("polyline"))
            .and_then(|n| n.attribute("points"))
            .expect("its line")
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').expect("x,y");
                (x.parse().expect("x"), y.parse().expect("y"))
            })
            .collect();
        let (mut seen, mut samples) = (0, 0);
        for pair in points.windows(2) {
            for step in 0..40 {
                let t = f64::from(step) / 40.0;
                let x = pair[0].0 + (pair[1].0 - pair[0].0) * t;
                let y = pair[0].1 + (pair[1].1 - pair[0].1) * t;
                samples += 1;
                if near(x, y, rgb) {
                    seen += 1;
                }
            }
        }
        assert!(
            seen * 3 >= samples,
            "{id}: its colour at only {seen} of {samples} places along its line"
        );
    }
}

#[test]
fn the_html_brief_is_one_self_contained_page_that_parses() {
    let dir = data_with_history();
    let html = stdout(
        dir.path(),
        &["brief", "--format", "html", "--include", "all"],
    );
    assert!(html.starts_with("<!DOCTYPE html>\n"));
    let doc = roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .expect("well-formed markup");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    for node in root.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !["script", "link", "img", "iframe", "object", "embed"].contains(&name),
            "<{name}> in a self-contained page"
        );
        for attribute in node.attributes() {
            assert!(
                !attribute.name().starts_with("on"),
                "{} on <{name}>",
                attribute.name()
            );
            assert!(
                !attribute.value().contains("http") || attribute.name() == "xmlns",
                "{}={} on <{name}>",
                attribute.name(),
                attribute.value()
            );
        }
    }
    let style = root
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .expect("inline CSS");
    assert!(style.contains("@media print"));
    assert!(!style.contains("url("), "nothing fetched");
    let svg = root
        .descendants()
        .find(|n| n.has_tag_name("svg"))
        .expect("the chart inline");
    assert!(svg.descendants().any(|n| n.has_tag_name("title")));
    let headings: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("h2"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        headings,
        [
            "Where I want to go",
            "Scores",
            "Over the last year",
            "What happened",
            "Commitments",
            "What I would like help with",
            "Things to discuss (suggestions)",
            "Other reflections",
            "Notes on statements"
        ]
    );
}

#[test]
fn no_check_ins_or_one_still_make_a_valid_svg() {
    let dir = private_tempdir();
    let empty = stdout(dir.path(), &["chart", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&empty).expect("well-formed XML");
    assert!(
        doc.descendants()
            .any(|n| n.text() == Some("No check-ins yet"))
    );
    let store = motive::store::Store::open(dir.path()).expect("store");
    store
        .save(support::snapshot(
            &support::bank("core"),
            support::at("2026-03-01T09:00:00+00:00"),
            4,
        ))
        .expect("save");
    let one = stdout(dir.path(), &["chart", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&one).expect("well-formed XML");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"2026-03-01"), "{texts:?}");
    let (pixels, _) = rasterise(&one);
    for (id, rgb) in COLORS {
        let found = pixels.chunks(4).any(|p| p[..3] == rgb);
        assert!(found, "{id}'s marker is drawn");
    }
}

/// Each life event is a grey line drawn down the plot on its day, numbered
/// in order, and named in a legend row under the dimensions.
#[test]
fn each_event_is_drawn_as_a_numbered_grey_line() {
    let dir = data_with_history();
    let svg = stdout(dir.path(), &["chart", "--format", "svg"]);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let lines: Vec<f64> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("event"))
        .filter_map(|n| n.attribute("x1")?.parse().ok())
        .collect();
    assert_eq!(lines.len(), 2, "{svg}");
    let numbers: Vec<(&str, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("event-number"))
        .filter_map(|n| Some((n.text()?, n.attribute("x")?.parse().ok()?)))
        .collect();
    assert_eq!(numbers, [("1", lines[0]), ("2", lines[1])]);
    // 2 Mar 2026 and 14 Sep 2026 on an axis from 20 Nov 2025 to 19 Nov 2026.
    let at = |days: f64| 44.0 + days / 364.0 * 580.0;
    assert!((lines[0] - at(102.0)).abs() < 2.0, "{lines:?}");
    assert!((lines[1] - at(298.0)).abs() < 2.0, "{lines:?}");

    let (pixels, width) = rasterise(&svg);
    let grey = |x: f64, y: u32| {
        let x = x.round() as usize;
        (x - 1..=x + 1).any(|px| {
            let at = (y as usize * width as usize + px) * 4;
            pixels[at..at + 3].iter().all(|c| c.abs_diff(0x55) <= 24)
        })
    };
    for x in &lines {
        let rows = (40..220).filter(|y| grey(*x, *y)).count();
        assert!(rows > 120, "the line at {x} is drawn on {rows} rows");
    }
}
