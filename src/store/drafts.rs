//! Drafts: the check-in in progress on each machine, `drafts/<machine>.toml`.
//!
//! * Each machine writes only its own draft, named after its machine id (see
//!   [`super::machine`]), so a changed host name does not hide it; a draft
//!   an older motive wrote as `drafts/<hostname>.toml` is still found while
//!   the host name is the same, and replaced by the new name on the next save.
//! * A draft is checked when read back, as a snapshot is: a hand-edited or
//!   damaged one is never resumed. [`Store::claim_draft`] moves it aside
//!   (`drafts/<name>.bad-<time>.toml`, kept for the person to look at).
//! * A draft whose check-in is already saved (motive stopped between saving
//!   it and removing the draft) is recognised and removed, not offered again.
//! * Drafts of other machines in a synced data dir are listed by
//!   [`Store::other_drafts`], never read as this machine's and never changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::machine::file_name_for_host;
use super::validate::{check_text, validate_snapshot};
use super::{
    ErrorKind, MAX_SNAPSHOT_BYTES, Store, StoreError, WriterLock, atomic, one_line_toml_error,
    read_capped, regular, sealed,
};
use crate::checkin::{CheckIn, Step, clean};
use crate::text::policy::Kind;

/// The first line of every draft, saying which host wrote it.
const HEADER: &str = "# An unfinished motive check-in, written on ";

/// What a draft file may hold: checked after parsing, before anyone uses it.
pub trait Draft: DeserializeOwned {
    /// Check (and tidy) what was read: `Err` says why it cannot be used.
    fn checked(self) -> Result<Self, String>;
}

impl Draft for CheckIn {
    fn checked(self) -> Result<Self, String> {
        // An older draft's one follow-up becomes the list's first.
        let mut draft = self.upgraded();
        validate_draft(&draft)?;
        clean_typed_text(&mut draft);
        Ok(draft)
    }
}

/// Any well-formed TOML table, unchecked: for tools and tests that keep
/// their own state as a draft.
impl Draft for toml::Table {
    fn checked(self) -> Result<Self, String> {
        Ok(self)
    }
}

/// This machine's draft, as found when a check-in starts.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftStatus {
    /// No unfinished check-in on this machine.
    None,
    /// An unfinished check-in that passed every check: safe to resume.
    Unfinished(Box<CheckIn>),
    /// The draft's check-in had already been saved as `id`: motive stopped
    /// between saving it and removing the draft. [`Store::claim_draft`]
    /// removes the draft (`removed` is then true).
    AlreadySaved {
        id: String,
        path: PathBuf,
        removed: bool,
    },
    /// The draft cannot be resumed, for `reason`. [`Store::claim_draft`]
    /// moves it aside, to `kept`.
    Unusable {
        path: PathBuf,
        reason: String,
        kept: Option<PathBuf>,
    },
}

impl DraftStatus {
    /// What to tell the person, when there is something to tell.
    #[must_use]
    pub fn message(&self) -> Option<String> {
        match self {
            Self::None | Self::Unfinished(_) => None,
            Self::AlreadySaved { id, removed, .. } => Some(format!(
                "Your last check-in had already been saved (as {id}) when motive stopped; {}",
                if *removed {
                    "its leftover draft has been removed."
                } else {
                    "its leftover draft is not offered again."
                }
            )),
            Self::Unusable {
                path, reason, kept, ..
            } => Some(match kept {
                Some(kept) => format!(
                    "Your unfinished check-in could not be resumed: {reason}. It is kept as {}.",
                    kept.display()
                ),
                None => format!(
                    "Your unfinished check-in cannot be resumed: {}: {reason}",
                    path.display()
                ),
            }),
        }
    }
}

/// A draft another machine wrote into this (synced) data dir.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherDraft {
    pub path: PathBuf,
    /// The host that wrote it, when the file says (or its name does).
    pub host: Option<String>,
    /// Its check-in, or why it cannot be read.
    pub checkin: Result<Box<CheckIn>, String>,
}

impl OtherDraft {
    /// One line for a screen: which machine, when, how far.
    #[must_use]
    pub fn describe(&self) -> String {
        let from = self
            .host
            .as_ref()
            .map_or_else(|| "another machine".to_string(), |h| format!("host {h}"));
        match &self.checkin {
            Ok(c) => format!(
                "An unfinished check-in from {from}, started {}, stopped at {} ({})",
                c.started_at.format("%Y-%m-%d %H:%M"),
                c.progress(),
                self.path.display()
            ),
            Err(reason) => format!(
                "A draft from {from} that cannot be read: {}: {reason}",
                self.path.display()
            ),
        }
    }
}

impl Store {
    /// Where this machine's draft is written.
    #[must_use]
    pub fn draft_path(&self) -> PathBuf {
        self.drafts_dir()
            .join(format!("{}.toml", self.machine.key()))
    }

    /// The draft an older motive wrote on this machine, named after the host
    /// name, when that is not [`Store::draft_path`].
    fn legacy_draft_path(&self) -> Option<PathBuf> {
        (self.machine.host_file() != self.machine.key()).then(|| {
            self.drafts_dir()
                .join(format!("{}.toml", self.machine.host_file()))
        })
    }

    /// This machine's draft file: the current name, else the legacy one if
    /// that exists; the current name when there is none.
    pub(super) fn found_draft_path(&self) -> PathBuf {
        let current = sealed::existing(&self.draft_path());
        if current.exists() {
            return current;
        }
        self.legacy_draft_path()
            .map(|p| sealed::existing(&p))
            .filter(|p| p.exists())
            .unwrap_or(current)
    }

    /// The text a draft is written as: a header naming the host, then `toml`.
    pub(super) fn draft_text(&self, toml: &str) -> String {
        format!(
            "{HEADER}{}.\n{toml}",
            file_name_for_host(self.machine.host())
        )
    }

    /// Remove the legacy-named draft once the current one holds the check-in.
    pub(super) fn forget_legacy_draft(&self) -> Result<(), StoreError> {
        match self.legacy_draft_path() {
            Some(path) => remove_if_present(&path, &self.drafts_dir()),
            None => Ok(()),
        }
    }

    /// This machine's draft, as [`Store::claim_draft`] would find it, but
    /// without changing anything: for screens that only mention it.
    #[must_use]
    pub fn peek_draft(&self) -> DraftStatus {
        let (path, read) = self.inspect_draft();
        match read {
            Ok(status) => status,
            Err(e) => DraftStatus::Unusable {
                path,
                reason: e.reason(),
                kept: None,
            },
        }
    }

    /// This machine's draft, when a check-in starts (under the writer lock):
    /// one that is already saved is removed, one that cannot be resumed is
    /// moved aside (see [`DraftStatus`]); only a checked one is offered.
    /// An error means the draft could not be read (for want of permission,
    /// say) or moved; it is left as it is.
    pub fn claim_draft(&self, _lock: &WriterLock) -> Result<DraftStatus, StoreError> {
        let (path, read) = self.inspect_draft();
        match read {
            Ok(DraftStatus::AlreadySaved { id, path, .. }) => {
                self.discard_draft()?;
                Ok(DraftStatus::AlreadySaved {
                    id,
                    path,
                    removed: true,
                })
            }
            Ok(status) => Ok(status),
            Err(ReadError::Content(reason)) => {
                let kept = set_aside(&path)?;
                Ok(DraftStatus::Unusable {
                    path,
                    reason,
                    kept: Some(kept),
                })
            }
            Err(ReadError::Io(reason)) => Err(StoreError::new(
                ErrorKind::Io,
                format!("{}: {reason}", path.display()),
            )),
        }
    }

    /// Find, read and check this machine's draft.
    fn inspect_draft(&self) -> (PathBuf, Result<DraftStatus, ReadError>) {
        let path = self.found_draft_path();
        let status = read_draft::<CheckIn>(&path).map(|read| match read {
            None => DraftStatus::None,
            Some(checkin) => match self.find_saved(&checkin.to_snapshot(checkin.started_at)) {
                Some(saved) => DraftStatus::AlreadySaved {
                    id: saved.id,
                    path: path.clone(),
                    removed: false,
                },
                None => DraftStatus::Unfinished(Box::new(checkin)),
            },
        });
        (path, status)
    }

    /// Drafts other machines wrote into this data dir (a synced one), in
    /// file-name order; never this machine's, never one moved aside.
    #[must_use]
    pub fn other_drafts(&self) -> Vec<OtherDraft> {
        let Ok(entries) = fs::read_dir(self.drafts_dir()) else {
            return Vec::new();
        };
        let mine: Vec<String> = std::iter::once(self.draft_path())
            .chain(self.legacy_draft_path())
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| {
                sealed::plain_name(n).ends_with(".toml") && !n.starts_with('.') && !is_set_aside(n)
            })
            .filter(|n| !mine.iter().any(|m| m == sealed::plain_name(n)))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|name| self.drafts_dir().join(name))
            .filter(|path| path.is_file())
            .map(|path| {
                let header = read_header(&path);
                let stem = path
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .map(|n| {
                        let n = sealed::plain_name(&n);
                        n.strip_suffix(".toml").unwrap_or(n).to_string()
                    })
                    .filter(|s| !s.starts_with("machine-"));
                let checkin = match read_draft::<CheckIn>(&path) {
                    Ok(Some(c)) => Ok(Box::new(c)),
                    Ok(None) => Err("it is gone".to_string()),
                    Err(e) => Err(e.reason()),
                };
                OtherDraft {
                    host: header.or(stem).map(|h| file_name_for_host(&h)),
                    path,
                    checkin,
                }
            })
            .collect()
    }
}

/// Why a draft could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The file could not be read (permissions, I/O): not its fault.
    Io(String),
    /// What it holds cannot be used.
    Content(String),
}

impl ReadError {
    pub(super) fn reason(self) -> String {
        match self {
            Self::Io(reason) | Self::Content(reason) => reason,
        }
    }
}

/// Read and check the draft at `path`: `Ok(None)` when there is none.
pub(super) fn read_draft<T: Draft>(path: &Path) -> Result<Option<T>, ReadError> {
    let bad = ReadError::Content;
    let bytes = match read_capped(path) {
        Ok(bytes) => bytes,
        Err(regular::ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        // A link or a FIFO in its place is not a draft: refused, never followed.
        Err(regular::ReadError::Io(e)) if regular::is_refusal(&e) => {
            return Err(bad(e.to_string()));
        }
        Err(regular::ReadError::Io(e)) => {
            return Err(ReadError::Io(format!("cannot read it: {e}")));
        }
        Err(regular::ReadError::TooLarge { .. }) => {
            return Err(bad(format!(
                "larger than {MAX_SNAPSHOT_BYTES} bytes, not a draft motive wrote"
            )));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| bad("not valid UTF-8".into()))?;
    let draft: T = toml::from_str(&text).map_err(|e| bad(one_line_toml_error(&text, &e)))?;
    draft.checked().map(Some).map_err(bad)
}

/// Everything a draft must satisfy to be resumed. What came from the bank
/// (statements, scale, dimensions, prompts) is held to the rules of a
/// snapshot; what the person typed is checked when it is saved.
pub fn validate_draft(c: &CheckIn) -> Result<(), String> {
    if c.questions.is_empty() {
        return Err("it has no statements".into());
    }
    let out_of_range = |what: &str, i: usize, n: usize| {
        Err(format!(
            "it is at {what} {} of {n}, which does not exist",
            i.saturating_add(1)
        ))
    };
    match c.step {
        Step::FollowUp(i) if i.unwrap_or(0) >= c.follow_ups.len() => {
            return Err("it is at the follow-up, but has no commitment to follow up".into());
        }
        Step::Question(i) if i >= c.questions.len() => {
            return out_of_range("statement", i, c.questions.len());
        }
        Step::Reflection(i) if i >= c.reflections.len() => {
            return out_of_range("reflection", i, c.reflections.len());
        }
        _ => {}
    }
    // The snapshot it would become, with the typed texts left out: the scale,
    // statements, dimensions and values are checked as a snapshot's are.
    let mut bank_part = c.clone();
    bank_part.label.clear();
    bank_part.commitment.clear();
    for q in &mut bank_part.questions {
        q.note.clear();
    }
    for r in &mut bank_part.reflections {
        r.text.clear();
    }
    for f in &mut bank_part.follow_ups {
        f.note.clear();
    }
    validate_snapshot(&bank_part.to_snapshot(c.started_at))?;
    let hints = c
        .questions
        .iter()
        .map(|q| q.hint.as_str())
        .chain(c.reflections.iter().map(|r| r.hint.as_str()));
    for hint in hints {
        check_text(hint, Kind::Paragraph)?;
    }
    for f in &c.follow_ups {
        check_text(&f.commitment, Kind::Text)?;
    }
    Ok(())
}

/// What the person typed, as saving will keep it: control characters
/// (a pasted escape sequence, a stray `\r`) dropped, never shown raw.
fn clean_typed_text(c: &mut CheckIn) {
    let typed = std::iter::once(&mut c.label)
        .chain(std::iter::once(&mut c.commitment))
        .chain(c.questions.iter_mut().map(|q| &mut q.note))
        .chain(c.reflections.iter_mut().map(|r| &mut r.text))
        .chain(c.follow_ups.iter_mut().map(|f| &mut f.note));
    for text in typed {
        *text = clean(text);
    }
}

/// The host named in a draft's first line, if it has one.
fn read_header(path: &Path) -> Option<String> {
    let bytes = read_capped(path).ok()?;
    let first = bytes.split(|b| *b == b'\n').next()?;
    let host = std::str::from_utf8(first).ok()?.strip_prefix(HEADER)?;
    Some(host.trim_end_matches('.').to_string()).filter(|h| !h.is_empty())
}

/// A draft moved aside by [`set_aside`]: `<name>.bad-<time>[-N].toml`.
fn is_set_aside(name: &str) -> bool {
    name.contains(".bad-")
}

/// Move an unusable draft to `<stem>.bad-<YYYYMMDD-HHMMSS>.toml` beside it
/// (with `-2`, `-3`... if taken), keeping it for the person to look at.
fn set_aside(path: &Path) -> Result<PathBuf, StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "draft".into(), |s| s.to_string_lossy().into_owned());
    let plain = sealed::plain_name(&name);
    let stem = plain.strip_suffix(".toml").unwrap_or(plain);
    let time = crate::clock::now().format("%Y%m%d-%H%M%S");
    let target = unused_path(dir, &format!("{stem}.bad-{time}"));
    // A sealed draft stays sealed, and named so.
    let target = if plain == name {
        target
    } else {
        sealed::sealed_path(&target)
    };
    fs::rename(path, &target)
        .map_err(|e| StoreError::io("move the unusable draft aside:", path, &e))?;
    atomic::sync_dir(dir).map_err(|e| StoreError::io("sync", dir, &e))?;
    Ok(target)
}

/// `<dir>/<base>.toml`, or `<base>-2.toml`, `-3`... whichever is free.
pub(super) fn unused_path(dir: &Path, base: &str) -> PathBuf {
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{base}.toml")),
            n => dir.join(format!("{base}-{n}.toml")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{base}.toml")))
}

/// Remove `path` if it is there, durably.
pub(super) fn remove_if_present(path: &Path, dir: &Path) -> Result<(), StoreError> {
    match sealed::remove(path) {
        Ok(()) => atomic::sync_dir(dir).map_err(|e| StoreError::io("sync", dir, &e)),
        Err(e) => Err(StoreError::io("remove the draft", path, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::store::Machine;
    use crate::store::tests::names;
    use chrono::DateTime;

    const ID: &str = "3d1219c7c4c5404aaa1f6d2a48adfda4";

    fn store_on(dir: &Path, host: &str) -> Store {
        Store::open(dir)
            .expect("open")
            .on_machine(Machine::from_parts(Some(ID), host))
    }

    fn checkin() -> CheckIn {
        let now =
            DateTime::parse_from_rfc3339("2026-11-22T09:30:00.123456789+01:00").expect("date");
        let bank = builtin::get("quick").expect("quick");
        let mut c = CheckIn::new(&bank, &["ship it"], None, now);
        c.questions[0].value = Some(4);
        c.step = Step::Question(1);
        c
    }

    #[test]
    fn a_draft_is_found_after_the_host_name_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        store_on(dir.path(), "laptop-wifi")
            .save_draft(&checkin())
            .expect("save");
        let later = store_on(dir.path(), "laptop-ethernet");
        assert_eq!(
            later.peek_draft(),
            DraftStatus::Unfinished(Box::new(checkin()))
        );
        assert!(
            later.other_drafts().is_empty(),
            "{:?}",
            later.other_drafts()
        );
        let text = fs::read_to_string(later.draft_path()).expect("read");
        assert!(
            text.starts_with(&format!("{HEADER}laptop-wifi.\n")),
            "{text}"
        );
    }

    #[test]
    fn a_draft_an_older_motive_wrote_is_read_then_renamed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_on(dir.path(), "laptop");
        let legacy = store.drafts_dir().join("laptop.toml");
        fs::write(&legacy, toml::to_string(&checkin()).expect("encode")).expect("write");
        assert_eq!(
            store.load_draft::<CheckIn>().expect("load"),
            Some(checkin())
        );
        assert!(store.other_drafts().is_empty());
        store.save_draft(&checkin()).expect("save");
        assert_eq!(
            names(&store.drafts_dir()),
            [format!("{}.toml", store.machine.key())]
        );
        // A legacy draft of another host name is another machine's.
        fs::write(
            store.drafts_dir().join("desktop.toml"),
            toml::to_string(&checkin()).expect("encode"),
        )
        .expect("write");
        store.discard_draft().expect("discard");
        assert_eq!(store.peek_draft(), DraftStatus::None);
        let others = store.other_drafts();
        assert_eq!(others.len(), 1, "{others:?}");
        assert_eq!(others[0].host.as_deref(), Some("desktop"));
        assert!(others[0].checkin.is_ok());
    }

    #[test]
    fn drafts_of_other_machines_are_listed_not_taken() {
        let dir = tempfile::tempdir().expect("tempdir");
        let desktop = Store::open(dir.path())
            .expect("open")
            .on_machine(Machine::from_parts(Some(&ID.replace('3', "7")), "desktop"));
        desktop.save_draft(&checkin()).expect("save");
        fs::write(desktop.drafts_dir().join("tablet.toml"), "step = [").expect("write");
        let laptop = store_on(dir.path(), "laptop");
        assert_eq!(laptop.peek_draft(), DraftStatus::None);
        let others = laptop.other_drafts();
        assert_eq!(others.len(), 2, "{others:?}");
        let from_desktop = others
            .iter()
            .find(|o| o.host.as_deref() == Some("desktop"))
            .expect("the desktop's draft");
        assert!(
            from_desktop.describe().starts_with(
                "An unfinished check-in from host desktop, started 2026-11-22 09:30, stopped at statement 2 of"
            ),
            "{}",
            from_desktop.describe()
        );
        let tablet = others
            .iter()
            .find(|o| o.host.as_deref() == Some("tablet"))
            .expect("the tablet's draft");
        assert!(
            tablet
                .describe()
                .starts_with("A draft from host tablet that cannot be read: "),
            "{}",
            tablet.describe()
        );
        let lock = laptop.lock("check-in").expect("lock");
        assert_eq!(laptop.claim_draft(&lock).expect("claim"), DraftStatus::None);
        assert_eq!(laptop.other_drafts().len(), 2, "left alone");
    }

    /// A valid draft, edited by `edit`, as a hostile hand would.
    fn hostile(edit: impl Fn(&mut toml::Table)) -> String {
        let mut table = toml::Table::try_from(checkin()).expect("table");
        edit(&mut table);
        toml::to_string(&table).expect("encode")
    }

    fn set(table: &mut toml::Table, path: &[&str], value: toml::Value) {
        let (last, parents) = path.split_last().expect("a path");
        let mut here = table;
        for key in parents {
            here = match here.get_mut(*key).expect(key) {
                toml::Value::Table(t) => t,
                toml::Value::Array(a) => a[0].as_table_mut().expect("a table"),
                _ => panic!("{key} is not a table"),
            };
        }
        here.insert((*last).to_string(), value);
    }

    #[test]
    fn hostile_drafts_are_moved_aside_never_resumed() {
        let cases: Vec<(&str, String, &str)> = vec![
            (
                "a huge scale",
                hostile(|t| set(t, &["scale", "max"], i64::MAX.into())),
                "goes beyond -1000..1000",
            ),
            (
                "a scale upside down",
                hostile(|t| set(t, &["scale", "min"], 9.into())),
                "must be less than `max`",
            ),
            (
                "a statement out of range",
                hostile(|t| {
                    let mut step = toml::Table::new();
                    step.insert("kind".into(), "question".into());
                    step.insert("index".into(), 999.into());
                    t.insert("step".into(), step.into());
                }),
                "it is at statement 1000 of 6, which does not exist",
            ),
            (
                "a reflection out of range",
                hostile(|t| {
                    let mut step = toml::Table::new();
                    step.insert("kind".into(), "reflection".into());
                    step.insert("index".into(), i64::MAX.into());
                    t.insert("step".into(), step.into());
                }),
                "it is at reflection",
            ),
            (
                "a follow-up of nothing",
                hostile(|t| {
                    t.remove("follow_ups");
                    let mut step = toml::Table::new();
                    step.insert("kind".into(), "follow_up".into());
                    t.insert("step".into(), step.into());
                }),
                "no commitment to follow up",
            ),
            (
                "an answer off the scale",
                hostile(|t| set(t, &["questions", "value"], 99.into())),
                "is 99, outside the scale 1 to 5",
            ),
            (
                "an answer of an undeclared dimension",
                hostile(|t| set(t, &["questions", "dimension"], "money".into())),
                "names an undeclared dimension \"money\"",
            ),
            (
                "a weight of infinity",
                hostile(|t| set(t, &["questions", "weight"], f64::INFINITY.into())),
                "must be from 0.01 to 100, not inf",
            ),
            (
                "missing labels",
                hostile(|t| set(t, &["scale", "labels"], toml::Value::Array(Vec::new()))),
                "5 points but 0 labels",
            ),
            (
                "no statements",
                hostile(|t| {
                    t.insert("questions".into(), toml::Value::Array(Vec::new()));
                }),
                "it has no statements",
            ),
            (
                "an escape sequence in a statement",
                hostile(|t| set(t, &["questions", "text"], "\u{1b}]0;owned\u{7}".into())),
                "contains a control character (U+001B)",
            ),
            (
                "an escape sequence in a hint",
                hostile(|t| set(t, &["questions", "hint"], "\u{1b}[2J".into())),
                "contains a control character (U+001B)",
            ),
            ("not TOML", "step = [".into(), "line 1"),
            (
                "a wrong type",
                hostile(|t| set(t, &["scale", "max"], "five".into())),
                "invalid type",
            ),
        ];
        let cases = cases
            .into_iter()
            .map(|(what, text, expected)| (what, text.into_bytes(), expected))
            .chain([("not UTF-8", vec![0xff, 0xfe, b'x'], "not valid UTF-8")]);
        for (what, bytes, expected) in cases {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = store_on(dir.path(), "laptop");
            fs::write(store.draft_path(), &bytes).expect("write");
            let peeked = store.peek_draft();
            let DraftStatus::Unusable {
                reason, kept: None, ..
            } = &peeked
            else {
                panic!("{what}: {peeked:?}");
            };
            assert!(reason.contains(expected), "{what}: {reason}");
            let err = store.load_draft::<CheckIn>().expect_err(what);
            assert_eq!(err.kind, ErrorKind::Invalid, "{what}");
            assert!(
                err.message.contains(reason.as_str()),
                "{what}: {}",
                err.message
            );

            let lock = store.lock("check-in").expect("lock");
            let claimed = store.claim_draft(&lock).expect(what);
            let DraftStatus::Unusable {
                kept: Some(kept), ..
            } = &claimed
            else {
                panic!("{what}: {claimed:?}");
            };
            let kept_name = kept.file_name().expect("name").to_string_lossy();
            assert!(
                kept_name.starts_with(&format!("{}.bad-", store.machine.key())),
                "{what}: {kept_name}"
            );
            assert_eq!(
                fs::read(kept).expect("kept"),
                bytes,
                "{what}: kept as it was"
            );
            let message = claimed.message().expect("a message");
            assert!(message.contains(&kept.display().to_string()), "{message}");
            assert_eq!(store.peek_draft(), DraftStatus::None, "{what}");
            assert!(
                store.other_drafts().is_empty(),
                "{what}: a bad draft is not listed"
            );
        }
    }

    #[test]
    fn typed_text_is_cleaned_not_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_on(dir.path(), "laptop");
        let mut c = checkin();
        c.commitment = "call\u{1b}[2J Sam\r\n".into();
        c.reflections[0].text = "x".repeat(crate::limits::MAX_TEXT_CHARS + 1);
        store.save_draft(&c).expect("save");
        let DraftStatus::Unfinished(read) = store.peek_draft() else {
            panic!("a draft to resume");
        };
        assert_eq!(read.commitment, "call[2J Sam\n");
        assert_eq!(
            read.reflections[0].text.len(),
            crate::limits::MAX_TEXT_CHARS + 1
        );
    }

    #[test]
    fn a_draft_already_saved_is_recognised_and_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_on(dir.path(), "laptop");
        let mut c = checkin();
        c.step = Step::Review;
        store.save_draft(&c).expect("draft");
        let finished = c.started_at + chrono::Duration::minutes(12);
        let saved = store.save(c.to_snapshot(finished)).expect("save");
        // The crash: the draft was not removed.
        assert_eq!(
            store.peek_draft(),
            DraftStatus::AlreadySaved {
                id: saved.id.clone(),
                path: store.draft_path(),
                removed: false
            }
        );
        // Saving it again, an hour later, writes nothing new.
        let again = store
            .save_once(c.to_snapshot(finished + chrono::Duration::hours(1)))
            .expect("save again");
        assert!(!again.new);
        assert_eq!(again.snapshot, saved);
        assert_eq!(store.list().snapshots, vec![saved.clone()]);

        let lock = store.lock("check-in").expect("lock");
        let claimed = store.claim_draft(&lock).expect("claim");
        assert_eq!(
            claimed,
            DraftStatus::AlreadySaved {
                id: saved.id.clone(),
                path: store.draft_path(),
                removed: true
            }
        );
        assert_eq!(
            claimed.message().expect("a message"),
            format!(
                "Your last check-in had already been saved (as {}) when motive stopped; its leftover draft has been removed.",
                saved.id
            )
        );
        assert!(!store.draft_path().exists());
        assert_eq!(store.peek_draft(), DraftStatus::None);
    }

    #[test]
    fn a_changed_draft_of_a_saved_check_in_is_still_offered() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_on(dir.path(), "laptop");
        let c = checkin();
        store.save(c.to_snapshot(c.started_at)).expect("save");
        let mut changed = c.clone();
        changed.commitment = "something else".into();
        store.save_draft(&changed).expect("draft");
        assert_eq!(
            store.peek_draft(),
            DraftStatus::Unfinished(Box::new(changed.clone()))
        );
        let second = store
            .save_once(changed.to_snapshot(c.started_at))
            .expect("save");
        assert!(second.new);
        assert_eq!(store.list().snapshots.len(), 2);
    }

    #[test]
    fn an_unreadable_draft_is_an_error_and_stays() {
        use std::os::unix::fs::PermissionsExt;
        if nix_is_root() {
            return; // root reads anything: nothing to test
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_on(dir.path(), "laptop");
        store.save_draft(&checkin()).expect("save");
        fs::set_permissions(store.draft_path(), fs::Permissions::from_mode(0o000)).expect("chmod");
        let lock = store.lock("check-in").expect("lock");
        let err = store.claim_draft(&lock).expect_err("unreadable");
        assert_eq!(err.kind, ErrorKind::Io);
        assert!(store.draft_path().exists());
    }

    fn nix_is_root() -> bool {
        fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false)
    }
}
