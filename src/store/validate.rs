//! What a snapshot must satisfy to be listed or imported.

use crate::snapshot::{SNAPSHOT_FORMAT, Snapshot};

/// A snapshot file larger than this is refused unread.
pub const MAX_SNAPSHOT_BYTES: u64 = 4 * 1024 * 1024;
/// Longest free text (note, reflection, commitment) a snapshot may carry.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest one-line field (id, label, names).
pub const MAX_LINE_CHARS: usize = 2_000;
const MAX_ANSWERS: usize = 500;

/// Check an id: `YYYYMMDD-HHMMSS` with an optional `-N`. Nothing that could
/// name another path, and no control characters.
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
    if base_ok && suffix_ok {
        Ok(())
    } else {
        Err(format!(
            "id {:?} is not a check-in id (YYYYMMDD-HHMMSS, optionally -N)",
            id.escape_debug().to_string()
        ))
    }
}

/// Everything a listed or imported snapshot must satisfy.
pub fn validate_snapshot(s: &Snapshot) -> Result<(), String> {
    check_id(&s.id)?;
    if s.format < 1 || s.format > SNAPSHOT_FORMAT {
        return Err(format!(
            "format {} is not supported (this build reads {SNAPSHOT_FORMAT})",
            s.format
        ));
    }
    if s.scale.min >= s.scale.max {
        return Err(format!(
            "scale min {} is not below max {}",
            s.scale.min, s.scale.max
        ));
    }
    // `abs_diff`: a hand-edited scale of i64::MIN..i64::MAX must not overflow.
    if s.scale.max.abs_diff(s.scale.min) > 10 || s.scale.labels.len() != s.scale.len() {
        return Err("the scale needs 2 to 11 points and one label per point".into());
    }
    if s.finished_at < s.started_at {
        return Err("it finished before it started".into());
    }
    if s.answers.len() > MAX_ANSWERS {
        return Err(format!(
            "{} answers is more than {MAX_ANSWERS}",
            s.answers.len()
        ));
    }
    let lines = [
        s.bank.id.as_str(),
        s.bank.version.as_str(),
        s.bank.title.as_str(),
    ]
    .into_iter()
    .chain(s.label.as_deref())
    .chain(s.scale.labels.iter().map(String::as_str))
    .chain(
        s.dimensions
            .iter()
            .flat_map(|d| [d.id.as_str(), d.name.as_str()]),
    );
    for text in lines {
        check_text(text, MAX_LINE_CHARS)?;
    }
    let texts = std::iter::once(s.commitment.as_str())
        .chain(s.dimensions.iter().map(|d| d.description.as_str()))
        .chain(s.answers.iter().flat_map(|a| {
            [a.question.as_str(), a.dimension.as_str(), a.text.as_str()]
                .into_iter()
                .chain(a.note.as_deref())
        }))
        .chain(
            s.reflections
                .iter()
                .flat_map(|r| [r.id.as_str(), r.prompt.as_str(), r.text.as_str()]),
        )
        .chain(
            s.follow_up
                .iter()
                .flat_map(|f| std::iter::once(f.commitment.as_str()).chain(f.note.as_deref())),
        );
    for text in texts {
        check_text(text, MAX_TEXT_CHARS)?;
    }
    for d in &s.dimensions {
        if d.sd.is_some_and(|sd| !(sd > 0.0 && sd <= 100.0))
            || d.reliability.is_some_and(|r| !(r > 0.0 && r < 1.0))
        {
            return Err(format!("dimension {:?} has norms out of range", d.id));
        }
    }
    for a in &s.answers {
        if s.dimension(&a.dimension).is_none() {
            return Err(format!(
                "answer {:?} names an undeclared dimension {:?}",
                a.question, a.dimension
            ));
        }
        if !(a.weight.is_finite() && a.weight > 0.0) {
            return Err(format!(
                "answer {:?} has weight {}, not above 0",
                a.question, a.weight
            ));
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

pub(super) fn check_text(text: &str, max: usize) -> Result<(), String> {
    let count = text.chars().count();
    if count > max {
        return Err(format!("a text of {count} characters is longer than {max}"));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!(
            "text {:?} contains control characters",
            text.chars().take(40).collect::<String>()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_id;

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
}
