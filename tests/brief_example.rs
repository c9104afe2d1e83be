//! The example brief in docs/ is what this build writes: made from the
//! synthetic check-ins of `brief_fixture`, by the real binary, and compared
//! byte for byte here. After changing the brief, regenerate them with
//! `scripts/brief-example.sh` (which sets `MOTIVE_UPDATE_DOCS=1`);
//! otherwise this test fails and names the example that is out of date.

mod brief_fixture;
mod support;

use std::path::Path;

/// The parts the example shows: the defaults and the three a person would
/// most often add for their manager.
const INCLUDE: &str = "default,want,help,commitments";

/// Each example, by its file in docs/, and the `motive brief` arguments
/// that make it.
const EXAMPLES: [(&str, &[&str]); 3] = [
    ("docs/brief-example.md", &["brief", "--include", INCLUDE]),
    (
        "docs/brief-example.html",
        &["brief", "--include", INCLUDE, "--format", "html"],
    ),
    ("docs/brief-example.svg", &["chart", "--format", "svg"]),
];

#[test]
fn the_example_briefs_in_docs_are_current() {
    let dir = support::private_tempdir();
    brief_fixture::history(dir.path());
    let update = std::env::var_os("MOTIVE_UPDATE_DOCS").is_some();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (file, args) in EXAMPLES {
        let out = support::motive(dir.path()).args(args).assert().success();
        let made = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
        let path = root.join(file);
        if update {
            std::fs::write(&path, &made).expect("write the example");
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == made,
            "{file} is out of date: run scripts/brief-example.sh"
        );
    }
}
