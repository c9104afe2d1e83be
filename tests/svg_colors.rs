//! The SVG chart (alone and in the HTML brief) draws each dimension in the
//! colour the settings' `[colors]` give it, and in the Okabe-Ito colours
//! otherwise; either way the same check-ins give the same bytes.

mod brief_fixture;
mod support;

use support::{motive, private_tempdir};

/// The `stroke` of each dimension's line, by its group's dimension id.
fn strokes(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .filter_map(|group| {
            let line = group.children().find(|n| n.has_tag_name("polyline"))?;
            Some((
                group.attribute("data-dimension")?.to_owned(),
                line.attribute("stroke")?.to_owned(),
            ))
        })
        .collect()
}

fn output(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8")
}

#[test]
fn the_settings_colours_colour_the_svg_and_the_html_brief_okabe_ito_otherwise() {
    let dir = private_tempdir();
    brief_fixture::history(dir.path());
    let chart = || output(motive(dir.path()).args(["chart", "--format", "svg"]));
    let default = chart();
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::write(
        dir.path().join("config/config.toml"),
        "[colors]\nmastery = \"#112233\"\npurpose = \"cyan\"\n",
    )
    .expect("settings");
    let coloured = chart();
    assert_eq!(coloured, chart(), "the same bytes every time");
    assert!(!coloured.contains("#E69F00") && !coloured.contains("#CC79A7"));
    let pairs = |list: [(&str, &str); 3]| -> Vec<(String, String)> {
        list.map(|(id, hex)| (id.to_owned(), hex.to_owned()))
            .to_vec()
    };
    assert_eq!(
        strokes(&default),
        pairs([
            ("autonomy", "#56B4E9"),
            ("mastery", "#E69F00"),
            ("purpose", "#CC79A7")
        ])
    );
    assert_eq!(
        strokes(&coloured),
        pairs([
            ("autonomy", "#56B4E9"),
            ("mastery", "#112233"),
            ("purpose", "#00CDCD")
        ])
    );

    let html = output(motive(dir.path()).args(["brief", "--format", "html"]));
    assert!(
        html.contains("#112233") && html.contains("#00CDCD"),
        "{html}"
    );
    assert!(!html.contains("#E69F00"));
}
