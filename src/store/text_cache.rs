//! A derived cache of what people wrote: `cache/<machine>.text.json` in the
//! data dir, beside the summary cache ([`super::cache`]) and under the same
//! rules.
//!
//! `motive search` and `motive thread` (and the TUI's `/` and thread) need
//! only the written text of each check-in ([`Writing`]), not its scores;
//! parsing every check-in's TOML for it was most of their cost. The cache
//! keeps each check-in's [`Writing`] stamped with its file's
//! [`Stamp`]; a file whose stamp differs is read again, so the check-in
//! files stay the only source of truth: deleting the cache, or any damage
//! to it, costs time and nothing else.
//!
//! * One file per machine, named like the summary cache: a data dir synced
//!   between machines never sees two writers of the same cache file.
//! * A file changed within the summary cache's settling time of being read
//!   is not cached ([`Stamp::settled`]): an edit in the same tick of the
//!   file clock could keep the same stamp.
//! * Written atomically (mode 0600), through [`super::sealed`] (sealed in an
//!   encrypted data dir, like every other file), and only when something
//!   changed; a failure to write is ignored, since the data dir may be
//!   read-only to this user.
//! * Read only from a regular file in a real `cache/` directory, up to
//!   [`MAX_TEXT_CACHE_BYTES`]; none larger is written. A link, a FIFO or a
//!   device there reads as damage and is removed when the cache is written
//!   again. An entry holding text no valid check-in could hold (a control
//!   character, an id that is not one) voids the whole file.
//! * After the header, one line holds the texts every check-in of a bank
//!   repeats, each written once ([`Table`]): the reflection prompts (id and
//!   wording) and the statements noted on. A check-in's line refers to them
//!   by number; the table only grows, so a line read back keeps its
//!   meaning.
//! * Each check-in's line is in three JSON parts, separated by tabs: which
//!   file and check-in it is, its reflections, and the rest of its writing
//!   (see [`Head`]). A reader decodes only the parts it needs ([`Decode`]):
//!   `motive thread` leaves the notes unread, and a search leaves a line
//!   that surely cannot match at its name. What is decoded is borrowed from
//!   the file's bytes ([`WritingView`]) and checked as above; a line read
//!   from the cache is written back as it was read.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset};
use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::atomic::Mode;
use super::cache::Stamp;
use super::{Listing, Problem, SnapshotFile, Store, regular};
use crate::limits::{MAX_REFLECTIONS, MAX_STATEMENTS};
use crate::search::{NoteView, Place, ReflectionView, Text, Writing, WritingView, Written};
use crate::snapshot::MAX_COMMITMENTS;
use crate::text::policy::{self, Kind};

/// Bump when [`Writing`] or the layout of a line changes; the build's
/// version is checked as well. Format 1 kept each line as one JSON object;
/// format 2 repeated each prompt and statement in every line.
const TEXT_CACHE_FORMAT: u32 = 3;

/// A text cache larger than this is damaged (or not ours): ignored unread,
/// and none this large is written. The synthetic history's check-ins take
/// about 5 KiB each (51 MB at 10,000), so this holds some 25,000 of them;
/// beyond that search works as well, only without the cache's head start.
pub const MAX_TEXT_CACHE_BYTES: u64 = 128 * 1024 * 1024;

/// The first line of the file: what it is and which build wrote it.
#[derive(Debug, Serialize, Deserialize)]
struct Header<'a> {
    cache: &'a str,
    motive: &'a str,
    format: u32,
}

const WHAT: &str = "text";

/// The second line of the file: the texts that every check-in of a bank
/// repeats, written once, and referred to by their place in these lists.
/// Each is checked once, as it is decoded, under the rule its field has in
/// a check-in.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Table<'a> {
    /// Each reflection prompt: its id and its wording.
    #[serde(borrow)]
    prompts: Vec<(Text<'a>, Text<'a>)>,
    /// Each statement a note was written on.
    #[serde(borrow)]
    statements: Vec<Text<'a>>,
}

impl Table<'_> {
    /// Whether every text holds only what a check-in's could.
    fn is_sound(&self) -> bool {
        let ok = |text: &Text<'_>, kind: Kind| policy::check(text.as_str(), kind).is_ok();
        (self.prompts.iter()).all(|(id, prompt)| ok(id, Kind::Line) && ok(prompt, Kind::Paragraph))
            && (self.statements.iter()).all(|s| ok(s, Kind::Paragraph))
    }
}

/// A text of a check-in, with the number of the [`Table`] entry it
/// belongs to: a reflection's prompt, or a note's statement.
type Numbered<'a> = (usize, Text<'a>);

/// How much of a cached check-in's writing a reader needs: the rest of its
/// line is skipped, not decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode<'q> {
    /// All of it.
    Whole,
    /// Which check-in it is, and its reflections: what the list of
    /// threads reads.
    Reflections,
    /// Which check-in it is, which prompts it answered, and only the
    /// answers to the prompt with this id, the others left blank and not
    /// decoded: what one thread reads.
    Answers(&'q str),
    /// Only which check-in it is (id, time and label): for a line that
    /// surely holds nothing a search looks for.
    Name,
}

/// A line's first part: which check-in file, at which stamp, and which
/// check-in it holds.
///
/// Every other line is one check-in file, in three JSON parts separated by
/// a tab (which compact JSON never holds): this head, the reflections (a
/// list of [`ReflectionView`]), and the [`Rest`]. A reader decodes only
/// the parts it needs: a thread the first two, a search that cannot match
/// the first only.
#[derive(Debug, Serialize, Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    file: Cow<'a, str>,
    stamp: Stamp,
    #[serde(borrow)]
    id: Cow<'a, str>,
    finished_at: DateTime<FixedOffset>,
    #[serde(borrow)]
    label: Option<Cow<'a, str>>,
}

/// A line's last part: the rest of what was written.
#[derive(Debug, Deserialize)]
struct Rest<'a> {
    /// Each note, after the number of its statement.
    #[serde(borrow)]
    notes: Vec<Numbered<'a>>,
    #[serde(borrow)]
    commitments: Vec<Text<'a>>,
    #[serde(borrow)]
    follow_up_notes: Vec<Text<'a>>,
}

/// [`Rest`] as it is written, from a [`Writing`].
#[derive(Serialize)]
struct RestRef<'a> {
    notes: Vec<(usize, &'a str)>,
    commitments: &'a [String],
    follow_up_notes: &'a [String],
}

/// One decoded line: the file it is about, its stamp, and as much of its
/// writing as was asked for.
#[derive(Debug)]
struct Line<'a> {
    file: Cow<'a, str>,
    stamp: Stamp,
    writing: WritingView<'a>,
}

/// What one line of the cache is written from.
#[derive(Debug, Clone, Copy)]
pub enum Cached<'a> {
    Writing(&'a Writing),
    /// A line as it was read, for a check-in unchanged since.
    Line(&'a [u8]),
}

/// The writings of one data dir as last cached, by file name, borrowed from
/// the cache file's bytes, each with where its line is.
#[derive(Debug)]
pub struct TextCache<'a> {
    entries: HashMap<Cow<'a, str>, (Stamp, WritingView<'a>, Range<usize>)>,
    /// The texts the lines refer to by number: a line written back as it
    /// was read needs them kept, at the same numbers.
    table: Table<'a>,
    /// The file was missing, damaged or from another build, or held a
    /// check-in that has changed since.
    stale: bool,
}

/// The bytes of the text cache at `path`; none when it is missing,
/// unreadable or not a regular file in a real directory.
#[must_use]
pub fn read(path: &Path) -> Vec<u8> {
    path.parent()
        .and_then(|dir| regular::real_dir(dir).ok())
        .and_then(|()| super::sealed::read(path, MAX_TEXT_CACHE_BYTES).ok())
        .unwrap_or_default()
}

impl<'a> TextCache<'a> {
    /// The text cache in `bytes` (see [`read`]); a damaged or foreign file
    /// gives an empty, stale cache, never an error. Each line is decoded as
    /// far as `need` asks, given its raw bytes (see [`Store::with_writings`]).
    #[must_use]
    pub fn decode<'q>(bytes: &'a [u8], need: &(dyn Fn(&[u8]) -> Decode<'q> + Sync)) -> Self {
        match decode(bytes, need) {
            Some((table, lines)) => Self {
                stale: false,
                table,
                entries: (lines.into_iter())
                    .map(|(line, raw)| (line.file, (line.stamp, line.writing, raw)))
                    .collect(),
            },
            None => Self {
                stale: true,
                table: Table::default(),
                entries: HashMap::new(),
            },
        }
    }

    /// Take out the cached writing of `file`, if its stamp still matches,
    /// with where its line is.
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Option<(WritingView<'a>, Range<usize>)> {
        let (cached, writing, raw) = self.entries.remove(file)?;
        if cached == *stamp {
            Some((writing, raw))
        } else {
            self.stale = true;
            None
        }
    }

    /// After every current file was asked for: whether the file on disk no
    /// longer matches the check-ins (a changed one, or one that is gone).
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.stale || !self.entries.is_empty()
    }
}

/// The table and the lines of a text cache file, each line decoded as far
/// as `need` asks, with where it is; `None` when it is not one this build
/// wrote, or any line is damaged. Large caches are decoded on every core.
#[allow(clippy::type_complexity)]
fn decode<'a, 'q>(
    bytes: &'a [u8],
    need: &(dyn Fn(&[u8]) -> Decode<'q> + Sync),
) -> Option<(Table<'a>, Vec<(Line<'a>, Range<usize>)>)> {
    // The line breaks found with vector instructions: byte by byte, this
    // was most of the cost of a search that decodes little.
    let mut lines = Vec::new();
    let mut at = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain([bytes.len()]) {
        if end > at {
            lines.push((at..end, &bytes[at..end]));
        }
        at = end + 1;
    }
    let mut lines = lines.into_iter();
    let header: Header<'_> = serde_json::from_slice(lines.next()?.1).ok()?;
    let ours = header.cache == WHAT
        && header.format == TEXT_CACHE_FORMAT
        && header.motive == env!("CARGO_PKG_VERSION");
    if !ours {
        return None;
    }
    let table: Table<'a> = serde_json::from_slice(lines.next()?.1).ok()?;
    if !table.is_sound() {
        return None;
    }
    let lines: Vec<(Range<usize>, &[u8])> = lines.collect();
    let decoded = super::par_map(&lines, 256, |(range, line)| {
        let line = decode_line(line, need(line), &table)?;
        is_sound(&line.writing).then_some((line, range.clone()))
    });
    let lines = decoded.into_iter().collect::<Option<Vec<_>>>()?;
    Some((table, lines))
}

/// One line of the cache (see [`Head`]), decoded as far as `need` asks,
/// its prompts and statements looked up in `table`; `None` when it is
/// damaged.
fn decode_line<'a>(line: &'a [u8], need: Decode<'_>, table: &Table<'a>) -> Option<Line<'a>> {
    // Each part is checked as UTF-8 as it is decoded, and only then.
    // Compact JSON holds no tab, so the line's first and last tabs are the
    // two: the last is found from the end, through the rest (the notes),
    // not through the reflections, the largest part.
    let first = memchr::memchr(b'\t', line)?;
    let second = memchr::memrchr(b'\t', line).filter(|&second| second > first)?;
    let (head, reflections, rest) = (
        line.get(..first)?,
        line.get(first + 1..second)?,
        line.get(second + 1..)?,
    );
    let head: Head<'_> = serde_json::from_slice(head).ok()?;
    let mut writing = WritingView {
        id: Text(head.id),
        finished_at: head.finished_at,
        label: head.label.map(Text),
        notes: Vec::new(),
        reflections: Vec::new(),
        commitments: Vec::new(),
        follow_up_notes: Vec::new(),
    };
    let only = match need {
        Decode::Name => None,
        Decode::Answers(id) => Some(Some(id)),
        Decode::Whole | Decode::Reflections => Some(None),
    };
    if let Some(only) = only {
        let answers = Answers { table, only };
        let mut json = serde_json::Deserializer::from_slice(reflections);
        writing.reflections = answers.deserialize(&mut json).ok()?;
        json.end().ok()?;
    }
    if need == Decode::Whole {
        let rest: Rest<'_> = serde_json::from_slice(rest).ok()?;
        writing.notes = (rest.notes.into_iter())
            .map(|(n, text)| {
                let statement = table.statements.get(n)?.clone();
                Some(NoteView { statement, text })
            })
            .collect::<Option<_>>()?;
        writing.commitments = rest.commitments;
        writing.follow_up_notes = rest.follow_up_notes;
    }
    Some(Line {
        file: head.file,
        stamp: head.stamp,
        writing,
    })
}

/// A line's reflections, decoded with their prompts from `table`: each is
/// its prompt's number and its text. With `only`, the texts of the other
/// prompts are skipped, neither decoded nor checked, and left blank.
#[derive(Clone, Copy)]
struct Answers<'t, 'a> {
    table: &'t Table<'a>,
    only: Option<&'t str>,
}

impl<'de> DeserializeSeed<'de> for Answers<'_, 'de> {
    type Value = Vec<ReflectionView<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, json: D) -> Result<Self::Value, D::Error> {
        json.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_, 'de> {
    type Value = Vec<ReflectionView<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of numbered answers")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let mut answers = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_REFLECTIONS));
        while let Some(answer) = seq.next_element_seed(Answer(self))? {
            answers.push(answer);
        }
        Ok(answers)
    }
}

/// One of [`Answers`]: `[number, text]`.
struct Answer<'t, 'a>(Answers<'t, 'a>);

impl<'de> DeserializeSeed<'de> for Answer<'_, 'de> {
    type Value = ReflectionView<'de>;

    fn deserialize<D: Deserializer<'de>>(self, json: D) -> Result<Self::Value, D::Error> {
        json.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Answer<'_, 'de> {
    type Value = ReflectionView<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a prompt's number and an answer")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let missing = || S::Error::invalid_length(1, &"a prompt's number and an answer");
        let n: usize = seq.next_element()?.ok_or_else(missing)?;
        let (id, prompt) = (self.0.table.prompts.get(n))
            .ok_or_else(|| S::Error::custom("a prompt the table does not hold"))?;
        let text = if self.0.only.is_none_or(|only| id.as_str() == only) {
            seq.next_element::<Text<'de>>()?.ok_or_else(missing)?
        } else {
            seq.next_element::<IgnoredAny>()?.ok_or_else(missing)?;
            Text::empty()
        };
        // A third element is refused by the JSON reader itself.
        Ok(ReflectionView {
            id: id.clone(),
            prompt: prompt.clone(),
            text,
        })
    }
}

/// Whether a cached writing holds only what a check-in that passed
/// [`super::validate_snapshot`] could have given it, under the same rules
/// for each text. Its prompts and statements are the [`Table`]'s, checked
/// with it.
fn is_sound(w: &WritingView<'_>) -> bool {
    let ok = |text: &str, kind: Kind| policy::check(text, kind).is_ok();
    super::validate::check_id(w.id.as_str()).is_ok()
        && w.notes.len() <= MAX_STATEMENTS
        && w.reflections.len() <= MAX_REFLECTIONS
        && w.commitments.len() <= MAX_COMMITMENTS
        && w.follow_up_notes.len() <= MAX_COMMITMENTS
        && w.fields().all(|(place, text)| {
            let kind = if place == Place::Label {
                Kind::Paragraph
            } else {
                Kind::Text
            };
            ok(text, kind)
        })
}

/// Write the text cache of `entries` (file name, stamp, writing), leaving
/// out files that have not settled by `now`; creates `cache/` (mode 0700).
/// A line given as it was read refers to `table`, the table it was read
/// with, which is kept as it is and added to. One line per file after a
/// header line and the table. Best effort: the result only says whether it
/// was written.
fn write<'a>(
    path: &Path,
    table: &Table<'_>,
    entries: impl IntoIterator<Item = (&'a str, Stamp, Cached<'a>)>,
    now: SystemTime,
) -> bool {
    if regular::make_way_for_derived(path).is_err() {
        return false;
    }
    let entries: Vec<(&str, Stamp, Cached<'_>)> = (entries.into_iter())
        .filter(|(_, stamp, _)| stamp.settled(now))
        .collect();
    let mut numbers = Numbers::of(table);
    for (_, _, cached) in &entries {
        if let Cached::Writing(writing) = cached {
            numbers.learn(writing);
        }
    }
    let header = Header {
        cache: WHAT,
        motive: env!("CARGO_PKG_VERSION"),
        format: TEXT_CACHE_FORMAT,
    };
    let Ok(mut bytes) = serde_json::to_vec(&header) else {
        return false;
    };
    bytes.push(b'\n');
    if serde_json::to_writer(&mut bytes, &numbers.table).is_err() {
        return false;
    }
    for (file, stamp, writing) in entries {
        bytes.push(b'\n');
        match writing {
            Cached::Writing(writing) => {
                if write_line(&mut bytes, file, stamp, writing, &numbers).is_err() {
                    return false;
                }
            }
            Cached::Line(line) => bytes.extend_from_slice(line),
        }
        // A cache too large to be read back would only cost a write every time.
        if u64::try_from(bytes.len()).map_or(true, |len| len >= MAX_TEXT_CACHE_BYTES) {
            return false;
        }
    }
    bytes.push(b'\n');
    super::sealed::write(path, &bytes, Mode::Replace, &|_| Ok(())).is_ok()
}

/// A [`Table`] being written, and the number of each of its texts.
struct Numbers<'t> {
    table: Table<'t>,
    prompts: HashMap<(&'t str, &'t str), usize>,
    statements: HashMap<&'t str, usize>,
}

impl<'t> Numbers<'t> {
    /// The numbers of the texts `table` already holds, kept as they are:
    /// every entry stays at its place, a text held twice too (the lines
    /// written back refer to either), and is known by its first.
    fn of(table: &'t Table<'_>) -> Self {
        let text = |t: &'t Text<'_>| Text(Cow::Borrowed(t.as_str()));
        let mut numbers = Self {
            table: Table::default(),
            prompts: HashMap::new(),
            statements: HashMap::new(),
        };
        for (n, (id, prompt)) in table.prompts.iter().enumerate() {
            numbers.table.prompts.push((text(id), text(prompt)));
            (numbers.prompts.entry((id.as_str(), prompt.as_str()))).or_insert(n);
        }
        for (n, statement) in table.statements.iter().enumerate() {
            numbers.table.statements.push(text(statement));
            numbers.statements.entry(statement.as_str()).or_insert(n);
        }
        numbers
    }

    /// Give each prompt and statement of `w` a number, if it has none yet.
    fn learn(&mut self, w: &'t Writing) {
        for r in &w.reflections {
            self.prompt(&r.id, &r.prompt);
        }
        for n in &w.notes {
            self.statement(&n.statement);
        }
    }

    fn prompt(&mut self, id: &'t str, prompt: &'t str) -> usize {
        let next = self.table.prompts.len();
        *self.prompts.entry((id, prompt)).or_insert_with(|| {
            let text = |t: &'t str| Text(Cow::Borrowed(t));
            self.table.prompts.push((text(id), text(prompt)));
            next
        })
    }

    fn statement(&mut self, statement: &'t str) -> usize {
        let next = self.table.statements.len();
        *self.statements.entry(statement).or_insert_with(|| {
            self.table.statements.push(Text(Cow::Borrowed(statement)));
            next
        })
    }
}

/// One line of the cache, in its three parts (see [`Head`]), after `bytes`,
/// its prompts and statements by their `numbers`.
fn write_line(
    bytes: &mut Vec<u8>,
    file: &str,
    stamp: Stamp,
    writing: &Writing,
    numbers: &Numbers<'_>,
) -> serde_json::Result<()> {
    let head = Head {
        file: Cow::Borrowed(file),
        stamp,
        id: Cow::Borrowed(&writing.id),
        finished_at: writing.finished_at,
        label: writing.label.as_deref().map(Cow::Borrowed),
    };
    serde_json::to_writer(&mut *bytes, &head)?;
    bytes.push(b'\t');
    // Every number was given by [`Numbers::learn`]; one missing is a bug,
    // and then no cache is written.
    let unnumbered = || <serde_json::Error as serde::ser::Error>::custom("a text without a number");
    let reflections: Vec<(usize, &str)> = (writing.reflections.iter())
        .map(|r| {
            let n = numbers.prompts.get(&(r.id.as_str(), r.prompt.as_str()));
            Ok((*n.ok_or_else(unnumbered)?, r.text.as_str()))
        })
        .collect::<serde_json::Result<_>>()?;
    serde_json::to_writer(&mut *bytes, &reflections)?;
    bytes.push(b'\t');
    let rest = RestRef {
        notes: (writing.notes.iter())
            .map(|n| {
                let at = numbers.statements.get(n.statement.as_str());
                Ok((*at.ok_or_else(unnumbered)?, n.text.as_str()))
            })
            .collect::<serde_json::Result<_>>()?,
        commitments: &writing.commitments,
        follow_up_notes: &writing.follow_up_notes,
    };
    serde_json::to_writer(&mut *bytes, &rest)
}

/// Where this machine's text cache lives in the data dir `root`.
#[must_use]
pub fn path(root: &Path, machine: &str) -> PathBuf {
    root.join("cache").join(format!("{machine}.{WHAT}.json"))
}

impl Store {
    /// What was written in every readable check-in, oldest first, and the
    /// files that could not be used (as [`Store::list`] reports them): all
    /// that the threads of reflection prompts read.
    ///
    /// The writings come from the text cache (see [`self`]); only files
    /// that are new or changed since it was written are parsed, and then
    /// learned. Like [`Store::summaries`], it never is the only copy of
    /// anything.
    #[must_use]
    pub fn writings(&self) -> Listing<Writing> {
        self.writings_at(SystemTime::now(), &|_| true)
    }

    /// [`Store::writings`] for a search: a check-in whose cached line
    /// `might_hold` rules out (see [`crate::search::might_hold`]) comes with
    /// its id, time and label only, its text not decoded, since nothing in
    /// it can match. Files read afresh come whole.
    #[must_use]
    pub fn writings_where(&self, might_hold: &(dyn Fn(&str) -> bool + Sync)) -> Listing<Writing> {
        self.writings_at(SystemTime::now(), might_hold)
    }

    /// [`Store::writings_where`] as if it were `now`, which decides which
    /// files have settled enough to be cached.
    #[must_use]
    pub fn writings_at(
        &self,
        now: SystemTime,
        might_hold: &(dyn Fn(&str) -> bool + Sync),
    ) -> Listing<Writing> {
        let need = |line: &[u8]| match std::str::from_utf8(line) {
            Ok(line) if !might_hold(line) => Decode::Name,
            _ => Decode::Whole,
        };
        self.with_writings(now, &need, |listing| Listing {
            snapshots: listing
                .snapshots
                .iter()
                .map(WritingView::to_writing)
                .collect(),
            problems: listing.problems,
        })
    }

    /// What was written in every readable check-in, oldest first, borrowed
    /// where it can be, given to `read`; with the files that could not be
    /// used. A check-in read from the cache comes with as much of its
    /// writing as `need` asks of its cached line's raw bytes; one read
    /// afresh comes whole. As if it were `now`, which decides which files
    /// have settled enough to be cached.
    pub fn with_writings<'q, R>(
        &self,
        now: SystemTime,
        need: &(dyn Fn(&[u8]) -> Decode<'q> + Sync),
        read: impl FnOnce(Listing<WritingView<'_>>) -> R,
    ) -> R {
        let cache_path = path(&self.root, self.machine.key());
        // The stat of every check-in needs nothing of the cache: it is made
        // on a thread of its own while the cache is read, so neither waits
        // for the other.
        let ((files, mut problems), bytes) = std::thread::scope(|scope| {
            let listing = scope.spawn(|| self.snapshot_files());
            let bytes = self::read(&cache_path);
            let files = listing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (files, bytes)
        });
        let mut cache = TextCache::decode(&bytes, need);
        let mut known: Vec<(&SnapshotFile, WritingView<'_>, Range<usize>)> =
            Vec::with_capacity(files.len());
        let mut missed: Vec<&SnapshotFile> = Vec::new();
        for file in &files {
            match cache.take(&file.name, &file.stamp) {
                Some((writing, raw)) => known.push((file, writing, raw)),
                None => missed.push(file),
            }
        }
        let paths: Vec<&Path> = missed.iter().map(|f| f.path.as_path()).collect();
        let mut fresh: Vec<(&SnapshotFile, Writing)> = Vec::new();
        for (file, read) in missed.into_iter().zip(super::read_all(&paths)) {
            match read {
                Ok(snapshot) => fresh.push((file, Writing::of(&snapshot))),
                Err(reason) => problems.push(Problem {
                    path: file.path.clone(),
                    reason,
                }),
            }
        }
        let learned = fresh.iter().any(|(file, _)| file.stamp.settled(now));
        // As the summary cache: none for an empty data dir, and a stale one
        // is rewritten so it stops holding what is gone. A check-in read
        // from the cache is written back as its line was read.
        let has_something = !files.is_empty() || cache_path.symlink_metadata().is_ok();
        if learned || (has_something && cache.is_stale()) {
            // In file-name order, whatever was read afresh: the same
            // check-ins always give the same file.
            let mut lines: Vec<(&str, Stamp, Cached<'_>)> = (known.iter())
                .map(|(file, _, raw)| {
                    let line = bytes.get(raw.clone()).unwrap_or_default();
                    (file.name.as_str(), file.stamp, Cached::Line(line))
                })
                .chain((fresh.iter()).map(|(file, writing)| {
                    (file.name.as_str(), file.stamp, Cached::Writing(writing))
                }))
                .collect();
            lines.sort_by(|a, b| a.0.cmp(b.0));
            write(&cache_path, &cache.table, lines, now);
        }
        let mut writings: Vec<WritingView<'_>> = (known.into_iter())
            .map(|(_, writing, _)| writing)
            .chain(fresh.iter().map(|(_, writing)| WritingView::of(writing)))
            .collect();
        writings
            .sort_by(|a, b| (a.finished_at, a.id.as_str()).cmp(&(b.finished_at, b.id.as_str())));
        read(Listing {
            snapshots: writings,
            problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::time::Duration;

    use super::*;
    use crate::snapshot::Snapshot;

    /// Late enough that every file written by the test counts as settled.
    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    /// A store of `n` check-ins, each with a note, a reflection and a
    /// commitment of its own.
    fn store_with(n: u32) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        for i in 1..=n {
            let mut s = Snapshot::empty_for_tests(&format!("2026-0{i}-01T09:00:00+00:00"));
            s.label = Some(format!("Q{i}"));
            s.commitments = vec![format!("Ship part {i}")];
            s.reflections = vec![crate::snapshot::ReflectionAnswer {
                id: "want-changed".into(),
                prompt: "What do you actually want?".into(),
                text: format!("Answer number {i}, Résumé"),
            }];
            store.save(s).expect("save");
        }
        (dir, store)
    }

    /// What reading every check-in in full gives.
    fn uncached(store: &Store) -> Vec<Writing> {
        store.list().snapshots.iter().map(Writing::of).collect()
    }

    fn cache_of(dir: &tempfile::TempDir, store: &Store) -> PathBuf {
        path(dir.path(), store.machine.key())
    }

    #[test]
    fn writings_match_the_full_read_and_are_cached_privately() {
        let (dir, store) = store_with(3);
        let full = uncached(&store);
        assert_eq!(full.len(), 3);
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        let cache = cache_of(&dir, &store);
        let mode = fs::metadata(&cache).expect("written").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let text = fs::read_to_string(&cache).expect("read");
        assert!(text.contains("Answer number 2, Résumé"), "{text}");
        // Now from the cache: nothing is learned, nothing rewritten.
        let before = fs::metadata(&cache)
            .expect("cache")
            .modified()
            .expect("mtime");
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        let after = fs::metadata(&cache)
            .expect("cache")
            .modified()
            .expect("mtime");
        assert_eq!(before, after, "an unchanged cache is not written again");
    }

    #[test]
    fn files_written_a_moment_ago_are_read_but_not_cached() {
        let (dir, store) = store_with(2);
        assert_eq!(store.writings().snapshots, uncached(&store));
        let text = fs::read_to_string(cache_of(&dir, &store)).unwrap_or_default();
        assert!(!text.contains("Answer number"), "{text}");
    }

    #[test]
    fn an_edited_file_is_read_again() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later(), &|_| true);
        let file = dir.path().join("snapshots/20260201-090000.toml");
        let text = fs::read_to_string(&file).expect("read");
        let edited = text.replace("Answer number 2", "An answer rewritten by hand, longer");
        fs::write(&file, edited).expect("edit");
        let writings = store.writings_at(later(), &|_| true).snapshots;
        assert_eq!(writings, uncached(&store));
        assert_eq!(
            writings[1].reflections[0].text,
            "An answer rewritten by hand, longer, Résumé"
        );
    }

    #[test]
    fn damage_another_build_or_hostile_text_cost_time_not_answers() {
        let (dir, store) = store_with(2);
        let full = uncached(&store);
        let _ = store.writings_at(later(), &|_| true);
        let cache = cache_of(&dir, &store);
        let good = fs::read_to_string(&cache).expect("read");
        let summary_cache = super::super::cache::path(dir.path(), store.machine.key());
        let foreign = fs::read_to_string(&summary_cache).unwrap_or_else(|_| "{}".into());
        for damage in [
            "\0\0 garbage".to_string(),
            good[..good.len() - 10].to_string(),
            good.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other"),
            good.replace("Answer number 1", "\\u001b]0;pwned\\u0007"),
            good.replace("20260101-090000\"", "../../etc/passwd\""),
            foreign.clone(),
        ] {
            fs::write(&cache, &damage).expect("damage");
            assert!(
                TextCache::decode(&read(&cache), &|_| Decode::Whole).is_stale(),
                "{damage:?}"
            );
            assert_eq!(
                store.writings_at(later(), &|_| true).snapshots,
                full,
                "{damage:?}"
            );
            assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
        }
        fs::remove_file(&cache).expect("delete");
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
    }

    #[test]
    fn a_link_in_place_of_the_cache_is_not_followed() {
        let (dir, store) = store_with(1);
        let cache = cache_of(&dir, &store);
        fs::create_dir_all(cache.parent().expect("dir")).expect("mkdir");
        let elsewhere = dir.path().join("elsewhere.json");
        fs::write(&elsewhere, "keep me").expect("write");
        std::os::unix::fs::symlink(&elsewhere, &cache).expect("link");
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
        assert_eq!(fs::read_to_string(&elsewhere).expect("read"), "keep me");
        assert!(fs::symlink_metadata(&cache).expect("cache").is_file());
    }

    #[test]
    fn problems_and_deletions_show_every_time() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later(), &|_| true);
        store.trash("20260101-090000").expect("trash");
        fs::write(
            dir.path().join("snapshots/20260501-090000.toml"),
            "format = [",
        )
        .expect("corrupt file");
        for _ in 0..2 {
            let listing = store.writings_at(later(), &|_| true);
            let ids: Vec<&str> = listing.snapshots.iter().map(|w| w.id.as_str()).collect();
            assert_eq!(ids, ["20260201-090000"]);
            assert_eq!(listing.problems.len(), 1, "{:?}", listing.problems);
        }
        let text = fs::read_to_string(cache_of(&dir, &store)).expect("read");
        assert!(!text.contains("20260101-090000"), "the trashed one is gone");
    }

    #[test]
    fn each_reader_gets_the_parts_it_asks_for_and_no_more() {
        let (_dir, store) = store_with(3);
        let whole = store.writings_at(later(), &|_| true).snapshots;
        for need in [
            Decode::Whole,
            Decode::Reflections,
            Decode::Answers("want-changed"),
            Decode::Answers("another-prompt"),
            Decode::Name,
        ] {
            let read = store.with_writings(later(), &|_| need, |listing| {
                listing
                    .snapshots
                    .iter()
                    .map(WritingView::to_writing)
                    .collect::<Vec<_>>()
            });
            let expected: Vec<Writing> = (whole.iter())
                .map(|w| match need {
                    Decode::Whole => w.clone(),
                    Decode::Answers("another-prompt") => Writing {
                        notes: Vec::new(),
                        reflections: (w.reflections.iter())
                            .map(|r| crate::snapshot::ReflectionAnswer {
                                text: String::new(),
                                ..r.clone()
                            })
                            .collect(),
                        commitments: Vec::new(),
                        follow_up_notes: Vec::new(),
                        ..w.clone()
                    },
                    Decode::Reflections | Decode::Answers(_) => Writing {
                        notes: Vec::new(),
                        commitments: Vec::new(),
                        follow_up_notes: Vec::new(),
                        ..w.clone()
                    },
                    Decode::Name => Writing {
                        notes: Vec::new(),
                        reflections: Vec::new(),
                        commitments: Vec::new(),
                        follow_up_notes: Vec::new(),
                        ..w.clone()
                    },
                })
                .collect();
            assert_eq!(read, expected, "{need:?}");
        }
    }

    #[test]
    fn a_damaged_part_voids_the_file_when_it_is_decoded() {
        let (dir, store) = store_with(2);
        let full = uncached(&store);
        let _ = store.writings_at(later(), &|_| true);
        let cache = cache_of(&dir, &store);
        let good = fs::read_to_string(&cache).expect("read");
        // A control character in an answer: a thread of another prompt
        // skips it unread; every reader of that answer voids the file.
        let bad = good.replace("Answer number 1", "Answer\\u0007 number 1");
        assert_ne!(bad, good);
        fs::write(&cache, &bad).expect("damage");
        let stale = |need: Decode<'_>| decode(&read(&cache), &|_| need).is_none();
        assert!(stale(Decode::Reflections));
        assert!(stale(Decode::Answers("want-changed")));
        assert!(!stale(Decode::Answers("another-prompt")));
        // A third tab, in the notes: the parts are no longer the three.
        let bad = good.replace("\"Ship part 1", "\"\tShip part 1");
        assert_ne!(bad, good);
        fs::write(&cache, &bad).expect("damage");
        assert!(stale(Decode::Whole));
        assert!(stale(Decode::Reflections));
        // A control character in a commitment, the third part.
        let bad = good.replace("Ship part 1", "Ship\\u0007 part 1");
        assert_ne!(bad, good);
        fs::write(&cache, &bad).expect("damage");
        assert!(stale(Decode::Whole));
        assert!(!stale(Decode::Reflections), "the notes are not read");
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
        // A file of the first format, one JSON object a line, is rebuilt.
        let first_format = good
            .replacen("\"format\":3", "\"format\":1", 1)
            .replace('\t', ",");
        fs::write(&cache, first_format).expect("old format");
        assert!(stale(Decode::Name));
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
        // So is one of the second, without the table of prompts.
        let (header, lines) = good.split_once('\n').expect("a header");
        let (_table, lines) = lines.split_once('\n').expect("a table");
        let second_format = format!(
            "{}\n{lines}",
            header.replacen("\"format\":3", "\"format\":2", 1)
        );
        fs::write(&cache, second_format).expect("old format");
        assert!(stale(Decode::Name));
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
    }

    #[test]
    fn prompts_and_statements_are_written_once_and_checked_once() {
        let (dir, store) = store_with(3);
        let full = uncached(&store);
        let _ = store.writings_at(later(), &|_| true);
        let cache = cache_of(&dir, &store);
        let good = fs::read_to_string(&cache).expect("read");
        assert_eq!(
            good.matches("What do you actually want?").count(),
            1,
            "{good}"
        );
        // A control character in the table voids the file, whatever is read.
        let bad = good.replace("What do you actually want?", "What do you\\u001b want?");
        assert_ne!(bad, good);
        fs::write(&cache, &bad).expect("damage");
        assert!(decode(&read(&cache), &|_| Decode::Name).is_none());
        // So does a number the table does not hold.
        let bad = good.replace("[[0,\"Answer number 2", "[[7,\"Answer number 2");
        assert_ne!(bad, good);
        fs::write(&cache, &bad).expect("damage");
        assert!(decode(&read(&cache), &|_| Decode::Reflections).is_none());
        assert!(decode(&read(&cache), &|_| Decode::Answers("none")).is_none());
        assert_eq!(store.writings_at(later(), &|_| true).snapshots, full);
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), good);
    }

    #[test]
    fn a_table_holding_a_text_twice_is_written_back_as_it_was() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later(), &|_| true);
        let cache = cache_of(&dir, &store);
        let good = fs::read_to_string(&cache).expect("read");
        // The same prompt twice, the second check-in's answer pointing at
        // the second: as a table only ever added to could come to be.
        let pair = "[\"want-changed\",\"What do you actually want?\"]";
        let doubled = good
            .replacen(&format!("[{pair}]"), &format!("[{pair},{pair}]"), 1)
            .replace("[[0,\"Answer number 2", "[[1,\"Answer number 2");
        assert_ne!(doubled, good);
        fs::write(&cache, &doubled).expect("double");
        // A third check-in is learned; the two lines are written back as
        // they were read, and still say what they said.
        store.save(answering_a_new_prompt()).expect("save");
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
        let written = fs::read_to_string(&cache).expect("read");
        assert!(
            written.contains(&format!("[{pair},{pair},[\"new-prompt\"")),
            "{written}"
        );
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
    }

    /// A check-in that answers a prompt no earlier one was asked.
    fn answering_a_new_prompt() -> Snapshot {
        let mut s = Snapshot::empty_for_tests("2026-05-01T09:00:00+00:00");
        s.reflections = vec![crate::snapshot::ReflectionAnswer {
            id: "new-prompt".into(),
            prompt: "A prompt asked once".into(),
            text: "A new answer".into(),
        }];
        s
    }

    #[test]
    fn a_new_prompt_is_added_to_the_table_and_old_lines_keep_their_numbers() {
        let (dir, store) = store_with(2);
        let _ = store.writings_at(later(), &|_| true);
        store.save(answering_a_new_prompt()).expect("save");
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
        let text = fs::read_to_string(cache_of(&dir, &store)).expect("read");
        let table = text.lines().nth(1).expect("a table");
        assert!(
            table.starts_with(
                "{\"prompts\":[[\"want-changed\",\"What do you actually want?\"],[\"new-prompt\""
            ),
            "{table}"
        );
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
    }

    #[test]
    fn an_empty_data_dir_gets_no_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        assert!(store.writings_at(later(), &|_| true).snapshots.is_empty());
        assert!(!dir.path().join("cache").exists());
    }

    #[test]
    fn a_check_in_passed_over_keeps_its_name_and_is_written_back_as_read() {
        let (dir, store) = store_with(3);
        let _ = store.writings_at(later(), &|_| true);
        let file = dir.path().join("snapshots/20260201-090000.toml");
        let text = fs::read_to_string(&file).expect("read");
        fs::write(
            &file,
            text.replace("Answer number 2", "Edited, longer answer"),
        )
        .expect("edit");
        let passed = store.writings_at(later(), &|_| false).snapshots;
        let names: Vec<(&str, Option<&str>, usize)> = passed
            .iter()
            .map(|w| (w.id.as_str(), w.label.as_deref(), w.reflections.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("20260101-090000", Some("Q1"), 0),
                ("20260201-090000", Some("Q2"), 1),
                ("20260301-090000", Some("Q3"), 0)
            ],
            "only the edited file is read whole"
        );
        let cache = cache_of(&dir, &store);
        let written_back = fs::read_to_string(&cache).expect("read");
        fs::remove_file(&cache).expect("delete");
        assert_eq!(
            store.writings_at(later(), &|_| true).snapshots,
            uncached(&store)
        );
        assert_eq!(fs::read_to_string(&cache).expect("rebuilt"), written_back);
    }
}
