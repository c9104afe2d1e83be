//! `motive export --format html`, run as the real binary: one page that a
//! real XML parser reads, with inline CSS (print rules included) and SVG,
//! no script and nothing fetched, holding every check-in's reflections and
//! commitments and no notes on single statements.

mod brief_fixture;
mod support;

use std::os::unix::fs::PermissionsExt;

use motive::store::Store;
use support::{motive, private_tempdir};

fn page(dir: &std::path::Path) -> String {
    let out = motive(dir)
        .args(["export", "--format", "html"])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

/// The page as XML (the HTML is written to be well-formed XHTML).
fn parse(html: &str) -> roxmltree::Document<'_> {
    let body = html
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("an HTML5 doctype first");
    roxmltree::Document::parse(body).expect("well-formed")
}

#[test]
fn the_html_export_is_one_self_contained_page_with_everything_written_but_notes() {
    let dir = private_tempdir();
    brief_fixture::history(dir.path());
    let html = page(dir.path());
    let doc = parse(&html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    for node in root.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "use", "image"
            ]
            .contains(&name),
            "<{name}> in the page"
        );
        for attribute in node.attributes() {
            assert!(
                !["src", "href"].contains(&attribute.name()) && !attribute.name().starts_with("on"),
                "{}= on <{name}>",
                attribute.name()
            );
        }
    }
    let style = root
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .expect("an inline style sheet");
    assert!(style.contains("@media print"), "a print style sheet");
    assert!(!style.contains("url(") && !style.contains("@import"));
    let svgs: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("svg"))
        .collect();
    assert_eq!(svgs.len(), 1, "one chart");
    for part in ["title", "desc"] {
        assert!(svgs[0].children().any(|n| n.has_tag_name(part)), "<{part}>");
    }
    let days: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("h3"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        days,
        [
            "2026-11-19 (after the reorg)",
            "2026-08-20",
            "2026-05-21",
            "2026-02-19",
            "2025-11-20"
        ],
        "every check-in, newest first"
    );
    let text: String = root
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ");
    for (part, words) in brief_fixture::PRIVATE {
        let held = text.contains(words);
        assert_eq!(held, part != "notes", "{part}: {words}");
    }
    assert!(
        text.contains("larger than measurement error"),
        "the latest verdicts"
    );
    assert!(text.contains("Last time I said I would: Stop saying yes to every review request"));
    assert!(text.contains("It is not an assessment of my performance"));
    assert_eq!(page(dir.path()), html, "the same bytes every time");

    // -o writes the same page, private.
    let file = dir.path().join("review.html");
    motive(dir.path())
        .args(["export", "--format", "html", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stderr(format!("wrote 5 check-ins to {}\n", file.display()));
    assert_eq!(std::fs::read_to_string(&file).expect("written"), html);
    let mode = std::fs::metadata(&file).expect("file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_html_export_escapes_what_was_written_and_stands_with_no_check_ins() {
    let dir = private_tempdir();
    let empty = page(dir.path());
    assert!(
        parse(&empty)
            .root_element()
            .descendants()
            .any(|n| n.text() == Some("No check-ins yet."))
    );

    let store = Store::open(dir.path()).expect("data dir");
    let mut s = support::snapshot(
        &support::bank("core"),
        support::at("2026-03-01T10:00:00+00:00"),
        3,
    );
    s.label = Some("<script>alert(1)</script>".into());
    s.commitments = vec!["Ask & see </li><li>".into()];
    store.save(s).expect("save");
    let html = page(dir.path());
    let doc = parse(&html);
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let heading = doc
        .descendants()
        .find(|n| n.has_tag_name("h3"))
        .and_then(|n| n.text())
        .expect("a heading");
    assert_eq!(heading, "2026-03-01 (<script>alert(1)</script>)");
    let items: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("li")).collect();
    assert_eq!(items.len(), 1, "{html}");
}
