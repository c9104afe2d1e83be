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
    /// scale whose labels name truth, six statements per dimension in core
    /// and two in quick, one reverse-worded statement per dimension, the
    /// default norms (sd 20, per-statement reliability .40) declared.
    #[test]
    fn builtins_cover_the_three_motivators_with_default_norms() {
        let core = get("core").expect("core");
        let quick = get("quick").expect("quick");
        assert_eq!((core.version.as_str(), quick.version.as_str()), ("2", "2"));
        for (bank, per_dimension) in [(&core, 6), (&quick, 2)] {
            let ids: Vec<&str> = bank.dimensions.iter().map(|d| d.id.as_str()).collect();
            assert_eq!(ids, ["autonomy", "mastery", "purpose"], "{}", bank.id);
            assert_eq!((bank.scale.min, bank.scale.max), (1, 5));
            assert!(bank.scale.labels.iter().all(|l| l.ends_with("true")));
            for dimension in &bank.dimensions {
                let own: Vec<_> = bank
                    .questions
                    .iter()
                    .filter(|q| q.dimension == dimension.id)
                    .collect();
                let name = format!("{}/{}", bank.id, dimension.id);
                assert_eq!(own.iter().filter(|q| q.reverse).count(), 1, "{name}");
                assert_eq!(own.len(), per_dimension, "{name}");
                assert_eq!(dimension.sd, Some(crate::score::verdict::DEFAULT_SD));
                let r_1 = crate::score::verdict::item_reliability(
                    dimension.reliability.expect("declared"),
                    per_dimension,
                );
                assert!((r_1 - 0.40).abs() < 0.005, "{name}: r_1 = {r_1}");
                // the time frame is on screen with every statement
                for q in &own {
                    let hint = q.hint.as_deref().unwrap_or_default();
                    assert!(hint.starts_with("Since your last check-in"), "{}", q.id);
                }
            }
        }
        assert!(core.questions.iter().all(|q| !q.text.contains("money")));
        assert!(!core.reflections.iter().any(|r| r.id == "own-next"));
        assert_eq!(core.reflections.len(), 7);
        assert_eq!(quick.reflections.len(), 1);
    }

    /// Every quick statement is a core statement: same id, wording,
    /// direction, weight and dimension, on the same scale.
    #[test]
    fn quick_is_a_strict_subset_of_core() {
        let core = get("core").expect("core");
        let quick = get("quick").expect("quick");
        assert_eq!(quick.scale, core.scale);
        for q in &quick.questions {
            let c = core
                .questions
                .iter()
                .find(|c| c.id == q.id)
                .unwrap_or_else(|| panic!("{} is not in core", q.id));
            assert_eq!(q, c);
        }
        assert!(quick.questions.len() < core.questions.len());
        for r in &quick.reflections {
            assert!(core.reflections.contains(r), "{}", r.id);
        }
    }

    /// A quick and a core check-in compare on the two statements per
    /// dimension they share. Core answers 5 on everything (reverse items
    /// score 0), quick answers 5 on its forward and 1 on its reverse item:
    /// on the shared pair, core scores (100 + 0) / 2 = 50 and quick 100.
    #[test]
    fn a_quick_and_a_core_check_in_compare_on_shared_statements() {
        use crate::checkin::CheckIn;
        use crate::score::{Basis, Verdict};
        let at = chrono::DateTime::parse_from_rfc3339("2026-04-01T09:00:00+00:00").expect("date");
        let answered = |id: &str, value: &dyn Fn(bool) -> i64| {
            let bank = get(id).expect("bank");
            let mut c = CheckIn::new(&bank, &[], None, at);
            for q in &mut c.questions {
                q.value = Some(value(q.reverse));
            }
            c.to_snapshot(at)
        };
        let core = answered("core", &|_| 5);
        let quick = answered("quick", &|reverse| if reverse { 1 } else { 5 });
        let comparison = crate::score::compare(&core, &quick);
        assert_eq!(comparison.dimensions.len(), 3);
        for d in &comparison.dimensions {
            assert_eq!(d.basis, Basis::Shared(2), "{}", d.dimension);
            assert_eq!(d.statements, (2, 2));
            assert_eq!((d.from, d.to), (Some(50.0), Some(100.0)));
            // r_2 = .8 / 1.4 on both sides: T = 1.96 * sqrt(2) * 20 * sqrt(1 - r_2)
            let t = 1.96 * 2f64.sqrt() * 20.0 * (1.0 - 0.8 / 1.4f64).sqrt();
            let threshold = d.threshold.expect("threshold");
            assert!((threshold - t).abs() < 0.1, "{threshold} vs {t}");
            assert_eq!(d.verdict, Verdict::Reliable);
        }
    }
}
