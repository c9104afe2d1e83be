//! The README's claims about scoring match the rules: no "real or noise"
//! wording, the rules as the code applies them, and a worked example whose
//! numbers `score::verdict`'s unit tests recompute.

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

#[test]
fn the_readme_claims_no_more_than_the_method_supports() {
    let text = readme().to_lowercase();
    for overclaim in [
        "within noise",
        "just the noise",
        "changes are real",
        "change is real",
        "real or noise",
        "reliable change",
        "percentile of",
    ] {
        assert!(!text.contains(overclaim), "README says {overclaim:?}");
    }
}

#[test]
fn the_readme_states_the_rules_and_a_worked_example() {
    let text = readme();
    for rule in [
        "`r_1 = r_k / (k - (k - 1) r_k)`",
        "`r_m = m r_1 / (1 + (m - 1) r_1)`",
        "`SEM = sd * sqrt(1 - r_m)`",
        "`T = 1.96 * sqrt(SEM_a^2 + SEM_b^2)`",
        "(`answered * 4 < total * 3`)",
        "`sd / 2 <= |change| <= T`",
        "`|change| < sd / 2`",
        "halves away from zero",
        "50 is the\n  middle of the answer scale",
        "(needs ±25.7 to exceed measurement error; this is\n-16.7)",
        "`T = 36.3`",
    ] {
        assert!(text.contains(rule), "README lacks {rule:?}");
    }
}
