//! What a snapshot must satisfy to be saved, listed or imported, and what a
//! cached summary must satisfy to be used.
//!
//! The rules are the ones a bank is loaded under (`crate::text::policy` for
//! texts, `crate::limits` for counts and numbers), so a check-in on any bank
//! that validates passes them.

use chrono::NaiveDate;

use crate::limits::{self, MAX_DIMENSIONS, MAX_REFLECTIONS, MAX_STATEMENTS};
use crate::snapshot::{MAX_COMMITMENTS, SNAPSHOT_FORMAT, Snapshot};
use crate::summary::Summary;
use crate::text::policy::{self, Kind};

pub use crate::limits::{MAX_LINE_CHARS, MAX_SNAPSHOT_BYTES, MAX_TEXT_CHARS};

/// Check an id: `YYYYMMDD-HHMMSS` of a real date and time, with an
/// optional `-N`. Nothing that could name another path, and no control
/// characters.
pub fn check_id(id: &str) -> Result<(), String> {
    let bytes = id.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let base_ok = bytes.len() >= 15 && digits(0..8) && bytes[8] == b'-' && digits(9..15);
    let suffix_ok = match &id.get(15..) {
        Some("") => true,
        Some(rest) => rest.strip_prefix('-').is_some_and(|n| {
            !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit())
        }),
        None => false,
    };
    // Read only once `base_ok` says the first 15 bytes are digits and `-`.
    // By hand rather than with a format string: listings check every id.
    let real_time = || {
        let number = |range: std::ops::Range<usize>| {
            id.get(range)
                .and_then(|digits| digits.parse::<u32>().ok())
                .unwrap_or(u32::MAX)
        };
        let date = i32::try_from(number(0..4))
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, number(4..6), number(6..8)));
        // A second of 60 is a leap second, as chrono writes one.
        date.is_some() && number(9..11) < 24 && number(11..13) < 60 && number(13..15) <= 60
    };
    if base_ok && suffix_ok && real_time() {
        Ok(())
    } else {
        Err(format!(
            "id {:?} is not a check-in id (YYYYMMDD-HHMMSS of a real date and time, optionally -N)",
            id.escape_debug().to_string()
        ))
    }
}

/// Everything a saved, listed or imported snapshot must satisfy. Counts are
/// checked first, so an oversized file is refused before any work that
/// grows with it.
pub fn validate_snapshot(s: &Snapshot) -> Result<(), String> {
    limits::check_count(s.answers.len(), MAX_STATEMENTS, "answers")?;
    limits::check_count(s.dimensions.len(), MAX_DIMENSIONS, "dimensions")?;
    limits::check_count(s.reflections.len(), MAX_REFLECTIONS, "reflections")?;
    limits::check_count(s.commitments.len(), MAX_COMMITMENTS, "commitments")?;
    limits::check_count(s.follow_ups.len(), MAX_COMMITMENTS, "follow-ups")?;
    check_id(&s.id)?;
    if s.format < 1 || s.format > SNAPSHOT_FORMAT {
        return Err(format!(
            "format {} is not supported (this build reads {SNAPSHOT_FORMAT})",
            s.format
        ));
    }
    limits::check_scale(s.scale.min, s.scale.max)?;
    if s.scale.labels.len() != s.scale.len() {
        return Err(format!(
            "the scale has {} but {}",
            crate::text::count(s.scale.len(), "point", "points"),
            crate::text::count(s.scale.labels.len(), "label", "labels")
        ));
    }
    if s.finished_at < s.started_at {
        return Err("it finished before it started".into());
    }
    check_texts(s)?;
    for d in &s.dimensions {
        let norm =
            d.sd.map(|sd| limits::check_sd(sd).map_err(|why| format!("`sd` {why}")))
                .into_iter()
                .chain(d.reliability.map(|r| {
                    limits::check_reliability(r).map_err(|why| format!("`reliability` {why}"))
                }))
                .collect::<Result<Vec<()>, String>>();
        if let Err(why) = norm {
            return Err(format!("dimension {:?}: {why}", d.id));
        }
    }
    for a in &s.answers {
        if s.dimension(&a.dimension).is_none() {
            return Err(format!(
                "answer {:?} names an undeclared dimension {:?}",
                a.question, a.dimension
            ));
        }
        if let Err(why) = limits::check_weight(a.weight) {
            return Err(format!("answer {:?}: `weight` {why}", a.question));
        }
        if let Some(v) = a.value.filter(|v| !s.scale.contains(*v)) {
            return Err(format!(
                "answer {:?} is {v}, outside the scale {} to {}",
                a.question, s.scale.min, s.scale.max
            ));
        }
    }
    Ok(())
}

/// One text under the rule of `kind` (see [`crate::text::policy`]).
pub(super) fn check_text(text: &str, kind: Kind) -> Result<(), String> {
    crate::text::policy::check(text, kind).map_err(|refusal| format!("a text {refusal}"))
}

/// Every text of a snapshot, each under the rule of the same text in a bank
/// (a dimension's description is a paragraph in both) or, for what the
/// person wrote, the rule of free text.
fn check_texts(s: &Snapshot) -> Result<(), String> {
    field(&s.bank.id, Kind::Line, "`bank.id`")?;
    field(&s.bank.version, Kind::Line, "`bank.version`")?;
    field(&s.bank.title, Kind::Line, "`bank.title`")?;
    if let Some(label) = &s.label {
        field(label, Kind::Paragraph, "`label`")?;
    }
    for c in &s.commitments {
        field(c, Kind::Text, "a commitment")?;
    }
    for label in &s.scale.labels {
        field(label, Kind::Line, "a scale label")?;
    }
    for d in &s.dimensions {
        let what = |key| Owned("dimension", &d.id, key);
        field(&d.id, Kind::Line, what("id"))?;
        field(&d.name, Kind::Line, what("name"))?;
        field(&d.description, Kind::Paragraph, what("description"))?;
    }
    for a in &s.answers {
        let what = |key| Owned("answer", &a.question, key);
        field(&a.question, Kind::Line, what("question"))?;
        field(&a.dimension, Kind::Line, what("dimension"))?;
        field(&a.text, Kind::Paragraph, what("text"))?;
        if let Some(note) = &a.note {
            field(note, Kind::Text, what("note"))?;
        }
    }
    for r in &s.reflections {
        let what = |key| Owned("reflection", &r.id, key);
        field(&r.id, Kind::Line, what("id"))?;
        field(&r.prompt, Kind::Paragraph, what("prompt"))?;
        field(&r.text, Kind::Text, what("text"))?;
    }
    for f in &s.follow_ups {
        field(&f.commitment, Kind::Text, "a follow-up's `commitment`")?;
        if let Some(note) = &f.note {
            field(note, Kind::Text, "a follow-up's `note`")?;
        }
    }
    Ok(())
}

/// A key of a listed thing, named in a message: dimension "craft" `name`.
/// Formatted only when the message is, since a listing checks every field
/// of every check-in.
struct Owned<'a>(&'static str, &'a str, &'static str);

impl std::fmt::Display for Owned<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} `{}`", self.0, self.1, self.2)
    }
}

/// One text under its rule; `what` names it in the message.
fn field(text: &str, kind: Kind, what: impl std::fmt::Display) -> Result<(), String> {
    policy::check(text, kind).map_err(|refusal| format!("{what} {refusal}"))
}

/// Whether a summary read from the cache holds only what a snapshot that
/// passed [`validate_snapshot`] could have given it. The cache is a file in
/// the data dir like any other: one that says otherwise is not used.
#[must_use]
pub fn summary_is_sound(s: &Summary) -> bool {
    let texts = [
        (s.bank.id.as_str(), Kind::Line),
        (s.bank.version.as_str(), Kind::Line),
        (s.bank.title.as_str(), Kind::Line),
    ]
    .into_iter()
    .chain(s.commitments.iter().map(|c| (c.as_str(), Kind::Text)))
    .chain(
        s.follow_ups
            .iter()
            .map(|f| (f.commitment.as_str(), Kind::Text)),
    )
    .chain(s.label.as_deref().map(|l| (l, Kind::Paragraph)))
    .chain(s.dimensions.iter().flat_map(|d| {
        [
            (d.id.as_str(), Kind::Line),
            (d.name.as_str(), Kind::Line),
            (d.description.as_str(), Kind::Paragraph),
        ]
    }))
    .chain(s.scores.iter().flat_map(|d| {
        [
            (d.dimension.as_str(), Kind::Line),
            (d.name.as_str(), Kind::Line),
        ]
    }));
    check_id(&s.id).is_ok()
        && s.dimensions.len() <= MAX_DIMENSIONS
        && s.scores.len() <= MAX_DIMENSIONS
        && s.scores
            .iter()
            .filter_map(|d| d.score)
            .all(|v| (0.0..=100.0).contains(&v))
        && s.dimensions.iter().all(|d| {
            d.sd.is_none_or(|sd| limits::check_sd(sd).is_ok())
                && d.reliability
                    .is_none_or(|r| limits::check_reliability(r).is_ok())
        })
        && texts
            .into_iter()
            .all(|(text, kind)| policy::check(text, kind).is_ok())
}

/// The TOML `s` is saved as, once it is sure to be read back as it is: it
/// passes [`validate_snapshot`], fits in [`MAX_SNAPSHOT_BYTES`], and parses
/// back equal. Nothing is written that a listing would then skip.
pub fn encode_checked(s: &Snapshot) -> Result<String, String> {
    validate_snapshot(s)?;
    let text = toml::to_string(s).map_err(|e| format!("cannot encode it: {e}"))?;
    if u64::try_from(text.len()).map_or(true, |n| n > MAX_SNAPSHOT_BYTES) {
        return Err(format!(
            "it would take {} bytes on disk; a check-in may take at most {MAX_SNAPSHOT_BYTES}",
            text.len()
        ));
    }
    match super::parse_snapshot(&text) {
        Ok(back) if back == *s => Ok(text),
        Ok(_) => {
            Err("it would not read back as it is (a number or date that TOML cannot keep)".into())
        }
        Err(e) => Err(format!("it would not read back: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_escape_the_data_dir() {
        assert!(check_id("20261122-093000").is_ok());
        assert!(check_id("20261122-093000-2").is_ok());
        for bad in [
            "../20261122-093000",
            "20261122-093000/..",
            "a/b",
            "",
            "20261122-093000\u{1b}",
            "20261122-093000-",
            "2026112-093000",
            "20261122_093000",
            "20261122-093000-x",
        ] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_name_a_real_date_and_time() {
        for real in [
            "20240229-235959",
            "20261231-000000",
            "19991231-120000-3",
            "20161231-235960", // a leap second, as chrono writes one
        ] {
            assert!(check_id(real).is_ok(), "{real}");
        }
        for impossible in [
            "20271399-256199",
            "20230229-120000",
            "20261301-120000",
            "20261100-120000",
            "20261122-240000",
            "20261122-126000",
        ] {
            let err = check_id(impossible).expect_err(impossible);
            assert!(err.contains("real date and time"), "{err}");
        }
    }

    fn base() -> Snapshot {
        let mut s = Snapshot::empty_for_tests("2026-01-05T09:00:00Z");
        s.dimensions.push(crate::bank::Dimension {
            id: "craft".into(),
            name: "Craft".into(),
            description: "Doing it well.".into(),
            sd: Some(20.0),
            reliability: Some(0.8),
        });
        s.answers.push(crate::snapshot::Answer {
            question: "c1".into(),
            dimension: "craft".into(),
            text: "I finish work I am proud of".into(),
            reverse: false,
            weight: 1.0,
            value: Some(3),
            note: Some("two\nlines".into()),
            fingerprint: None,
        });
        s
    }

    #[test]
    fn texts_follow_the_bank_rules_and_name_the_field() {
        assert_eq!(validate_snapshot(&base()), Ok(()));
        let refused = |edit: fn(&mut Snapshot)| {
            let mut s = base();
            edit(&mut s);
            validate_snapshot(&s).expect_err("refused")
        };
        assert_eq!(
            refused(|s| s.dimensions[0].description = "a\rb".into()),
            "dimension \"craft\" `description` contains a control character (U+000D)"
        );
        assert!(
            refused(|s| s.label = Some("Q4\u{202E}".into()))
                .starts_with("`label` contains a bidirectional control (U+202E)")
        );
        assert_eq!(
            refused(|s| s.answers[0].note = Some("x\u{200B}".into())),
            "answer \"c1\" `note` contains an invisible character (U+200B)"
        );
        assert_eq!(
            refused(|s| s.dimensions[0].name = "Cr\naft".into()),
            "dimension \"craft\" `name` contains a line break; keep it on one line"
        );
        assert_eq!(
            refused(|s| s.answers[0].text = "x".repeat(2_001)),
            "answer \"c1\" `text` is 2001 characters long; at most 2000 are allowed"
        );
    }

    #[test]
    fn numbers_are_finite_and_bounded() {
        let mut s = base();
        s.answers[0].weight = 1.7e308;
        assert_eq!(
            validate_snapshot(&s),
            Err("answer \"c1\": `weight` must be from 0.01 to 100, not 1.7e308".into())
        );
        let mut s = base();
        s.dimensions[0].sd = Some(f64::INFINITY);
        assert!(validate_snapshot(&s).is_err());
        let mut s = base();
        s.scale.min = i64::MAX - 4;
        s.scale.max = i64::MAX;
        assert!(validate_snapshot(&s).is_err());
    }

    #[test]
    fn a_hundred_thousand_dimensions_are_refused_before_any_other_work() {
        let mut s = base();
        let one = s.dimensions[0].clone();
        s.dimensions = vec![one; 100_000];
        s.answers = vec![s.answers[0].clone(); 500];
        let started = std::time::Instant::now();
        assert_eq!(
            validate_snapshot(&s),
            Err("100000 dimensions is more than 100".into())
        );
        assert!(started.elapsed() < std::time::Duration::from_millis(50));
    }

    #[test]
    fn what_is_saved_reads_back_or_is_not_saved() {
        let s = base();
        let text = encode_checked(&s).expect("fits");
        assert_eq!(super::super::parse_snapshot(&text), Ok(s.clone()));
        // 500 notes of 20,000 characters each: every text within its limit,
        // the whole beyond what a check-in file may take.
        let mut big = s;
        big.answers = vec![big.answers[0].clone(); 500];
        for a in &mut big.answers {
            a.note = Some("n".repeat(MAX_TEXT_CHARS));
        }
        assert_eq!(validate_snapshot(&big), Ok(()));
        let err = encode_checked(&big).expect_err("too big");
        assert!(err.starts_with("it would take "), "{err}");
    }

    #[test]
    fn a_cached_summary_with_hostile_text_is_not_used() {
        let summary = Summary::of(&base());
        assert!(summary_is_sound(&summary));
        let mut hostile = summary.clone();
        hostile.label = Some("\u{1b}]0;pwned\u{7}".into());
        assert!(!summary_is_sound(&hostile));
        let mut nan = summary;
        nan.scores[0].score = Some(f64::NAN);
        assert!(!summary_is_sound(&nan));
    }
}
