//! `motive ideas`, `motive brief` and `motive chart --format svg`, run as the
//! real binary: what each prints, and that a brief keeps private what the
//! person did not choose to share.

mod support;

use support::{motive, private_tempdir};

#[test]
fn ideas_lists_the_core_banks_suggestions_per_dimension() {
    let dir = private_tempdir();
    let out = motive(dir.path()).arg("ideas").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.starts_with("Things to try (suggestions from bank core, not instructions)\n"));
    let core = support::bank("core");
    for d in &core.dimensions {
        assert!(
            text.contains(&format!("\n{} ({})\n", d.name, d.id)),
            "{text}"
        );
        for idea in core.ideas(&d.id) {
            assert!(text.contains(&format!("  - {idea}\n")), "{idea}");
        }
    }

    let out = motive(dir.path())
        .args(["ideas", "mastery"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("Mastery (mastery)"));
    assert!(!text.contains("Purpose"), "{text}");

    motive(dir.path())
        .args(["ideas", "nope"])
        .assert()
        .code(2)
        .stderr("motive: bank core has no dimension `nope`; its dimensions: autonomy, mastery, purpose\n");
}
