//! The banks embedded in the binary, from `assets/banks/`.

use super::Bank;
use super::load;

/// Ids of the built-in banks, `core` first. Bank files may not reuse them.
pub const IDS: &[&str] = &["core", "quick"];

/// The source of every built-in bank, as `(id, TOML)`, in the order of [`IDS`].
pub const SOURCES: &[(&str, &str)] = &[
    ("core", include_str!("../../assets/banks/core.toml")),
    ("quick", include_str!("../../assets/banks/quick.toml")),
];

/// The name built-in banks carry in diagnostics: `builtin:core`.
#[must_use]
pub fn source_name(id: &str) -> String {
    format!("builtin:{id}")
}

/// Every built-in bank, `core` first. Parsed on each call: cheap (a few
/// kilobytes of TOML), and a unit test proves they all validate.
#[must_use]
pub fn all() -> Vec<Bank> {
    SOURCES
        .iter()
        .filter_map(|(id, text)| load::parse(&source_name(id), text).ok())
        .collect()
}

/// The built-in bank with this id.
#[must_use]
pub fn get(id: &str) -> Option<Bank> {
    let (id, text) = SOURCES.iter().find(|(source_id, _)| *source_id == id)?;
    load::parse(&source_name(id), text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_validates_and_matches_its_id() {
        for (id, text) in SOURCES {
            let bank = load::parse(&source_name(id), text).unwrap_or_else(|diagnostics| {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                panic!("built-in bank {id} is invalid:\n{}", lines.join("\n"))
            });
            assert_eq!(bank.id, *id);
        }
        let ids: Vec<String> = all().into_iter().map(|b| b.id).collect();
        assert_eq!(ids, IDS);
    }

    /// What the built-in banks promise: the three motivators on a 1-5
    /// scale, a reverse-worded statement per dimension, borrowed norms.
    #[test]
    fn builtins_cover_the_three_motivators_with_norms() {
        let core = get("core").expect("core");
        let quick = get("quick").expect("quick");
        for bank in [&core, &quick] {
            let ids: Vec<&str> = bank.dimensions.iter().map(|d| d.id.as_str()).collect();
            assert_eq!(ids, ["autonomy", "mastery", "purpose"], "{}", bank.id);
            assert_eq!((bank.scale.min, bank.scale.max), (1, 5));
            for dimension in &bank.dimensions {
                let own: Vec<_> = bank
                    .questions
                    .iter()
                    .filter(|q| q.dimension == dimension.id)
                    .collect();
                assert!(
                    own.iter().any(|q| q.reverse),
                    "{}/{}",
                    bank.id,
                    dimension.id
                );
                let expected = if bank.id == "core" { 4 } else { 2 };
                assert_eq!(own.len(), expected, "{}/{}", bank.id, dimension.id);
                let sd = dimension.sd.expect("sd");
                assert!((18.0..=22.0).contains(&sd), "{}/{}", bank.id, dimension.id);
            }
        }
        for (c, q) in core.dimensions.iter().zip(&quick.dimensions) {
            let (rc, rq) = (c.reliability.expect("r"), q.reliability.expect("r"));
            assert!((0.8..=0.9).contains(&rc), "core {}", c.id);
            assert!((0.6..=0.7).contains(&rq), "quick {}", q.id);
            assert!(rq < rc, "fewer statements, lower reliability: {}", q.id);
        }
        assert!((3..=5).contains(&core.reflections.len()));
        assert_eq!(quick.reflections.len(), 1);
    }
}
