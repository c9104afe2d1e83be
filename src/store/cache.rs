//! A derived cache of check-in summaries: `cache/<machine>.json` in the data dir.
//!
//! Reading thousands of snapshot files means parsing thousands of TOML
//! documents; the lists, charts and home screen only need each one's
//! [`Summary`]. The cache keeps those, each with its file's [`Stamp`] (size
//! and modification time) and [`Digest`] (a hash of its bytes). A file whose
//! stamp matches is not read; one whose stamp moved is read, and when its
//! bytes hash the same (a plain `cp -r`, a restore) its summary is kept
//! without parsing it. So the snapshot files stay the only source of truth:
//! deleting the cache, or any damage to it, costs time and nothing else.
//!
//! * The stamp leaves out the inode and change time, so a copy of the data
//!   dir that keeps modification times (`cp -a`, `rsync -a`, most restores)
//!   reads no snapshot at all. The trade, as with rsync's default: an edit
//!   that keeps both the size and the modification time of a file to the
//!   nanosecond (a tool that sets the time back) is not seen until the file
//!   changes again or the cache is deleted.
//! * One file per machine, named like drafts (see [`super::machine`]): a
//!   data dir synced between machines never sees two writers of the same
//!   cache file.
//! * A file changed within [`SETTLE`] of being read is not cached: file times
//!   tick coarsely, so an edit in the same tick could keep the same stamp
//!   (the "racy" case git's index also guards against).
//! * Lines after the header: `{"parts":[...]}` adds to a table of what
//!   recurs across check-ins (statements with their ids, fingerprints and
//!   weights; dimensions; banks), which entry lines name by number; each
//!   entry line is one file.
//!   A later entry for a file wins over an earlier one.
//! * Updated, not rewritten: new and changed entries are appended under an
//!   exclusive lock, in one write, and only when the file is still the one
//!   that was read. A torn line (a crash mid-append) costs that line only.
//!   The file is rewritten (atomically, mode 0600) when it was missing,
//!   damaged or from another build, names a file that is gone, or holds
//!   more dead lines than a quarter of its live ones. In an encrypted data
//!   dir the cache is one age file, which cannot be appended to: it is
//!   rewritten whenever something changed.
//! * A failure to write is ignored, since the data dir may be read-only to
//!   this user.
//! * Read only from a regular file in a real `cache/` directory, up to
//!   `MAX_CACHE_BYTES` (64 MiB): a link, a FIFO or a device there reads as
//!   damage, and the link or FIFO is removed when the cache is written again.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufRead, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use nix::libc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::atomic::Mode;
use super::regular;
use crate::bank::Dimension;
use crate::score::{DimensionScore, StatementKey, StatementPoints};
use crate::snapshot::BankRef;
use crate::summary::{FollowedUp, Summary};

/// Bump when [`Summary`], the scoring behind it or the file's layout changes
/// shape or meaning; the build's version is checked as well.
const CACHE_FORMAT: u32 = 7;

/// A cache file larger than this is damaged (or not ours): ignored unread,
/// and none this large is written. An entry line is about 1 KiB (more with
/// long commitments), so this holds tens of thousands of check-ins; beyond
/// that listing works as well, only without the cache's head start.
const MAX_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// Files changed more recently than this are read again next time.
const SETTLE: Duration = Duration::from_secs(2);

/// Lines decoded at once, on every core: bounds what a load holds besides
/// the summaries themselves.
const BATCH_LINES: usize = 512;

/// What identifies one version of a file without reading it: its size and
/// modification time, which a copy with `cp -a` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    mtime: i64,
    mtime_ns: i64,
}

impl Stamp {
    #[must_use]
    pub fn of(meta: &fs::Metadata) -> Self {
        Self {
            len: meta.len(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
        }
    }

    /// Changed long enough before `now` that a later change must move the
    /// stamp: only such files are cached (see [`update`]).
    #[must_use]
    pub fn settled(&self, now: SystemTime) -> bool {
        let Ok(now) = now.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        i64::try_from(now.saturating_sub(SETTLE).as_secs()).is_ok_and(|limit| self.mtime < limit)
    }
}

/// What identifies one version of a file by its bytes (opened, if sealed):
/// their 128-bit XXH3.
///
/// The digest only has to tell a changed file from the same bytes with a
/// new stamp (a copy that did not keep the times); nobody is trying to
/// forge it: the cache is private to the user (mode 0600 in their data
/// dir), and whoever can write it can write the snapshots. An accidental
/// collision of 128 bits is out of reach, and XXH3 reads a check-in many
/// times faster than SHA-256 did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest([u8; 16]);

impl Digest {
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        Self(xxhash_rust::xxh3::xxh3_128(bytes).to_le_bytes())
    }
}

impl Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [0; 32];
        for (pair, b) in hex.chunks_exact_mut(2).zip(self.0) {
            pair[0] = DIGITS[usize::from(b >> 4)];
            pair[1] = DIGITS[usize::from(b & 0xf)];
        }
        s.serialize_str(std::str::from_utf8(&hex).map_err(serde::ser::Error::custom)?)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let hex = <&str>::deserialize(d)?;
        let mut bytes = [0; 16];
        let sound = hex.len() == 32
            && bytes.iter_mut().enumerate().all(|(i, byte)| {
                hex.get(2 * i..2 * i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                    .map(|b| *byte = b)
                    .is_some()
            });
        if sound {
            Ok(Self(bytes))
        } else {
            Err(serde::de::Error::custom("not a digest"))
        }
    }
}

/// The first line of the file: which build wrote it.
#[derive(Debug, Serialize, Deserialize)]
struct Header<'a> {
    motive: &'a str,
    format: u32,
}

/// One thing that recurs across check-ins, kept once in the table.
#[derive(Debug, Clone, Serialize, Deserialize)]
enum Part {
    #[serde(rename = "q")]
    Statement(Arc<StatementKey>),
    #[serde(rename = "b")]
    Bank(Arc<BankRef>),
    #[serde(rename = "d")]
    Dimensions(Arc<[Dimension]>),
}

impl Part {
    /// Whether `other` is this very bank or list of dimensions (the same
    /// allocation, so the same value); statements are looked up by value.
    fn is(&self, other: &Part) -> bool {
        match (self, other) {
            (Self::Bank(a), Self::Bank(b)) => Arc::ptr_eq(a, b),
            (Self::Dimensions(a), Self::Dimensions(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Whether `other` is a bank or list of dimensions that would be
    /// written as the same JSON: every field equal, numbers to the bit
    /// (`0.0` and `-0.0` are written apart).
    fn writes_as(&self, other: &Part) -> bool {
        let same_number =
            |a: Option<f64>, b: Option<f64>| a.map(f64::to_bits) == b.map(f64::to_bits);
        match (self, other) {
            (Self::Bank(a), Self::Bank(b)) => a == b,
            (Self::Dimensions(a), Self::Dimensions(b)) => {
                a.len() == b.len()
                    && a.iter().zip(b.iter()).all(|(a, b)| {
                        a.id == b.id
                            && a.name == b.name
                            && a.description == b.description
                            && same_number(a.sd, b.sd)
                            && same_number(a.reliability, b.reliability)
                    })
            }
            _ => false,
        }
    }
}

/// A line that adds to the table.
#[derive(Serialize, Deserialize)]
struct Parts<P> {
    parts: Vec<P>,
}

/// Every line that marks a table line starts so.
const PARTS_LINE: &[u8] = b"{\"parts\":";

/// An entry line as read: the summary with table numbers in place of what
/// recurs.
#[derive(Deserialize)]
struct StoredEntry {
    file: String,
    stamp: Stamp,
    digest: Digest,
    summary: StoredSummary<String, Vec<String>, Vec<FollowedUp>, Vec<StoredScore<String>>>,
}

/// An entry line as written: the same shape, borrowed.
#[derive(Serialize)]
struct EntryOut<'a> {
    file: &'a str,
    stamp: Stamp,
    digest: Digest,
    summary: StoredSummary<&'a str, &'a [String], &'a [FollowedUp], Vec<StoredScore<&'a str>>>,
}

/// A [`Summary`] in the file: the bank and dimensions by table number.
#[derive(Serialize, Deserialize)]
struct StoredSummary<S, C, F, D> {
    id: S,
    label: Option<S>,
    started_at: DateTime<FixedOffset>,
    finished_at: DateTime<FixedOffset>,
    bank: u32,
    dimensions: u32,
    scores: D,
    commitments: C,
    follow_ups: F,
}

/// A [`DimensionScore`] in the file: each statement as `[key, points]`,
/// the key (id, fingerprint, weight) by table number.
#[derive(Serialize, Deserialize)]
struct StoredScore<S> {
    dimension: S,
    name: S,
    score: Option<f64>,
    answered: usize,
    skipped: usize,
    statements: Vec<(u32, Option<f64>)>,
}

/// A statement key compared and hashed by value (its weight by its bits).
#[derive(Debug)]
struct SameStatement(Arc<StatementKey>);

impl PartialEq for SameStatement {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.0, &*other.0);
        a.question == b.question
            && a.fingerprint == b.fingerprint
            && a.weight.to_bits() == b.weight.to_bits()
    }
}

impl Eq for SameStatement {}

impl std::hash::Hash for SameStatement {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.question.hash(state);
        self.0.fingerprint.hash(state);
        self.0.weight.to_bits().hash(state);
    }
}

/// The hasher of the table's maps: foldhash, several times faster than
/// std's SipHash on these short keys, and still seeded per process; the
/// keys come from the user's own files.
type FastHash = foldhash::fast::RandomState;

/// What recurs across check-ins, each kept once and numbered by its place
/// in the file's table.
#[derive(Debug, Default)]
pub struct Table {
    parts: Vec<Part>,
    /// A part's number by its JSON text.
    numbers: HashMap<String, u32, FastHash>,
    /// Statements: looked up most often (twice per statement of every
    /// summary a cold listing reads: to share it, then to write it).
    statements: HashMap<SameStatement, u32, FastHash>,
    /// The numbers of the banks and lists of dimensions, in table order.
    others: Vec<u32>,
}

impl Table {
    fn add(&mut self, part: Part) -> Option<u32> {
        let number = u32::try_from(self.parts.len()).ok()?;
        match &part {
            Part::Statement(key) => {
                self.statements.insert(SameStatement(key.clone()), number);
            }
            other => {
                self.numbers
                    .insert(serde_json::to_string(other).ok()?, number);
                self.others.push(number);
            }
        }
        self.parts.push(part);
        Some(number)
    }

    /// The number of a statement, added when new.
    fn statement(&mut self, key: &Arc<StatementKey>) -> Option<u32> {
        match self.statements.get(&SameStatement(key.clone())) {
            Some(number) => Some(*number),
            None => self.add(Part::Statement(key.clone())),
        }
    }

    /// The number of `part` (a bank or dimensions), added when new, and the
    /// part as kept.
    fn other(&mut self, part: Part) -> Option<(u32, &Part)> {
        // The very part the table keeps (a summary shared before), or a
        // fresh copy of one (each check-in read anew): found among the few
        // kept without writing it out as JSON, which is most of the work.
        // Kept parts differ in their JSON, so at most one can match.
        let parts = &self.parts;
        let kept = self.others.iter().rev().find(|&&number| {
            parts
                .get(number as usize)
                .is_some_and(|kept| kept.is(&part) || kept.writes_as(&part))
        });
        if let Some(&number) = kept {
            return Some((number, self.parts.get(number as usize)?));
        }
        let key = serde_json::to_string(&part).ok()?;
        let number = match self.numbers.get(&key) {
            Some(number) => *number,
            None => self.add(part)?,
        };
        Some((number, self.parts.get(number as usize)?))
    }

    fn get_statement(&self, number: u32, known: usize) -> Option<Arc<StatementKey>> {
        match self
            .parts
            .get(number as usize)
            .filter(|_| (number as usize) < known)?
        {
            Part::Statement(key) => Some(key.clone()),
            _ => None,
        }
    }

    /// The numbers `summary` is written with, adding what is new.
    fn numbers(&mut self, summary: &Summary) -> Option<Numbers> {
        let (bank, _) = self.other(Part::Bank(summary.bank.clone()))?;
        let (dimensions, _) = self.other(Part::Dimensions(summary.dimensions.clone()))?;
        let statements = summary
            .scores
            .iter()
            .map(|score| {
                score
                    .statements
                    .iter()
                    .map(|s| self.statement(&s.statement))
                    .collect::<Option<Vec<_>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Numbers {
            bank,
            dimensions,
            statements,
        })
    }

    /// Make `summary` use the table's shared copies of what recurs, adding
    /// what is new.
    fn share(&mut self, summary: &mut Summary) -> Option<()> {
        let numbers = self.numbers(summary)?;
        let part = |n: u32| self.parts.get(n as usize);
        let (Some(Part::Bank(bank)), Some(Part::Dimensions(dimensions))) =
            (part(numbers.bank), part(numbers.dimensions))
        else {
            return None;
        };
        summary.bank = bank.clone();
        summary.dimensions = dimensions.clone();
        for (score, numbers) in summary.scores.iter_mut().zip(&numbers.statements) {
            for (statement, &number) in score.statements.iter_mut().zip(numbers) {
                if let Some(Part::Statement(key)) = part(number) {
                    statement.statement = key.clone();
                }
            }
        }
        Some(())
    }

    /// The summary an entry line stands for; `None` when it names a part
    /// the table did not hold at that line (`known` parts).
    fn summary(&self, stored: StoredEntryParts, known: usize) -> Option<Summary> {
        let s = stored;
        let part = |n: u32| self.parts.get(n as usize).filter(|_| (n as usize) < known);
        let Some(Part::Bank(bank)) = part(s.bank) else {
            return None;
        };
        let Some(Part::Dimensions(dimensions)) = part(s.dimensions) else {
            return None;
        };
        // Collected afresh, not in place: the decoded list has room to spare.
        let mut scores = Vec::with_capacity(s.scores.len());
        for score in s.scores {
            let mut statements = Vec::with_capacity(score.statements.len());
            for &(key, points) in &score.statements {
                statements.push(StatementPoints {
                    statement: self.get_statement(key, known)?,
                    points,
                });
            }
            scores.push(DimensionScore {
                dimension: score.dimension,
                name: score.name,
                score: score.score,
                answered: score.answered,
                skipped: score.skipped,
                statements,
            });
        }
        Some(Summary {
            id: s.id,
            label: s.label,
            started_at: s.started_at,
            finished_at: s.finished_at,
            bank: bank.clone(),
            dimensions: dimensions.clone(),
            scores,
            commitments: s.commitments,
            follow_ups: s.follow_ups,
        })
    }
}

type StoredEntryParts =
    StoredSummary<String, Vec<String>, Vec<FollowedUp>, Vec<StoredScore<String>>>;

/// The table numbers one summary is written with.
struct Numbers {
    bank: u32,
    dimensions: u32,
    /// Per dimension, per statement: its key.
    statements: Vec<Vec<u32>>,
}

/// Encode one entry line (without its newline) into `out`.
fn encode(
    out: &mut Vec<u8>,
    file: &str,
    stamp: Stamp,
    digest: Digest,
    summary: &Summary,
    numbers: &Numbers,
) -> bool {
    let scores = summary
        .scores
        .iter()
        .zip(&numbers.statements)
        .map(|(score, numbers)| StoredScore {
            dimension: score.dimension.as_str(),
            name: score.name.as_str(),
            score: score.score,
            answered: score.answered,
            skipped: score.skipped,
            statements: score
                .statements
                .iter()
                .zip(numbers)
                .map(|(s, &key)| (key, s.points))
                .collect(),
        })
        .collect();
    let entry = EntryOut {
        file,
        stamp,
        digest,
        summary: StoredSummary {
            id: summary.id.as_str(),
            label: summary.label.as_deref(),
            started_at: summary.started_at,
            finished_at: summary.finished_at,
            bank: numbers.bank,
            dimensions: numbers.dimensions,
            scores,
            commitments: &summary.commitments,
            follow_ups: &summary.follow_ups,
        },
    };
    serde_json::to_writer(out, &entry).is_ok()
}

/// Encode entry lines, each ended, into `out`: in runs of [`ENCODE_RUN`]
/// lines, on every core, then joined in order.
fn encode_all<'a: 'b, 'b>(
    out: &mut Vec<u8>,
    entries: impl Iterator<Item = (&'b Update<'a>, &'b Numbers)>,
) -> bool {
    let entries: Vec<(&Update<'_>, &Numbers)> = entries.collect();
    let runs: Vec<&[(&Update<'_>, &Numbers)]> = entries.chunks(ENCODE_RUN).collect();
    let encoded = super::par_map(&runs, 1, |run| {
        let mut bytes = Vec::with_capacity(run.len() * 512);
        encode_run(&mut bytes, run).then_some(bytes)
    });
    let Some(encoded) = encoded.into_iter().collect::<Option<Vec<_>>>() else {
        return false;
    };
    // Room for all of it at once, not twice what it needs.
    out.reserve_exact(encoded.iter().map(Vec::len).sum());
    for run in encoded {
        out.extend_from_slice(&run);
    }
    true
}

/// How many entry lines one worker encodes at a time.
const ENCODE_RUN: usize = 1024;

/// Encode entry lines, each ended, into `out`, one after the other.
fn encode_run(out: &mut Vec<u8>, entries: &[(&Update<'_>, &Numbers)]) -> bool {
    entries.iter().all(|(entry, numbers)| {
        let encoded = encode(
            out,
            entry.file,
            entry.stamp,
            entry.digest,
            entry.summary,
            numbers,
        );
        out.push(b'\n');
        encoded
    })
}

/// One file's entry as loaded.
#[derive(Debug)]
struct Entry {
    file: String,
    stamp: Stamp,
    digest: Digest,
    summary: Summary,
}

/// What [`Cache::take`] found for a file.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// Its summary (and the digest it was cached with), the stamp unchanged.
    Current(Digest, Summary),
    /// A summary of an earlier version: still its summary if the bytes have
    /// this digest.
    Moved(Digest, Summary),
    /// Nothing.
    Missing,
}

/// Where the file was read to: what an append must find to add to it.
#[derive(Debug, Clone, Copy)]
struct Tail {
    ino: u64,
    len: u64,
    /// The last line ended: no torn line to close first.
    ended: bool,
}

/// The summaries of one data dir as last written, in file-name order.
#[derive(Debug)]
pub struct Cache {
    entries: std::iter::Peekable<std::vec::IntoIter<Entry>>,
    table: Table,
    /// Parts of the table that the file holds; the rest are new.
    written_parts: usize,
    /// The file was missing, damaged or from another build, or held a file
    /// that has gone since: rewrite it whole.
    stale: bool,
    /// Entry lines that are of no use: superseded, torn, or for a file
    /// whose stamp has moved.
    dead: usize,
    /// Set when the file can be appended to.
    tail: Option<Tail>,
}

impl Cache {
    /// Read the cache at `path`; a missing, unreadable, damaged or foreign
    /// file gives an empty cache (to be rebuilt), never an error.
    #[must_use]
    pub fn load(path: &Path) -> Self {
        let loaded = path
            .parent()
            .and_then(|dir| regular::real_dir(dir).ok())
            .and_then(|()| read(path));
        let Some(Loaded {
            mut entries,
            table,
            dead,
            tail,
        }) = loaded
        else {
            return Self {
                entries: Vec::new().into_iter().peekable(),
                table: Table::default(),
                written_parts: 0,
                stale: true,
                dead: 0,
                tail: None,
            };
        };
        // In file order; a stable sort keeps that within a name, and the
        // last line of each name wins.
        // Written sorted: only appended lines can be out of order, and a
        // sort needs scratch space as large as half the entries.
        if !entries.is_sorted_by(|a, b| a.file < b.file) {
            entries.sort_by(|a, b| a.file.cmp(&b.file));
        }
        let before = entries.len();
        entries.reverse();
        entries.dedup_by(|later, earlier| later.file == earlier.file);
        entries.reverse();
        // dedup_by keeps the first of each run: reversed, the last line.
        let dead = dead + (before - entries.len());
        entries.shrink_to_fit();
        Self {
            entries: entries.into_iter().peekable(),
            written_parts: table.parts.len(),
            table,
            stale: false,
            dead,
            tail,
        }
    }

    /// Take out what the cache holds for `file`. Files must be asked for
    /// in name order (a merge with the cache).
    pub fn take(&mut self, file: &str, stamp: &Stamp) -> Found {
        while self.entries.next_if(|e| e.file.as_str() < file).is_some() {
            self.stale = true; // a file that is gone
        }
        let Some(entry) = self.entries.next_if(|e| e.file == file) else {
            return Found::Missing;
        };
        if entry.stamp == *stamp {
            Found::Current(entry.digest, entry.summary)
        } else {
            self.dead += 1;
            Found::Moved(entry.digest, entry.summary)
        }
    }

    /// Make a summary read from its file use the shared copies of what
    /// recurs (see [`Summary`]), as the cached ones do.
    pub fn share(&mut self, summary: &mut Summary) {
        let _ = self.table.share(summary);
    }

    /// After every current file was asked for: let go of the entries not
    /// taken (they name files that are gone), so the listing and the cache
    /// are not held twice.
    pub fn done_taking(&mut self) {
        if self.entries.peek().is_some() {
            self.stale = true;
        }
        self.entries = Vec::new().into_iter().peekable();
    }

    /// After every current file was asked for: whether the cache must be
    /// written whole (it was missing or damaged, or names a file now gone).
    #[must_use]
    pub fn is_stale(&mut self) -> bool {
        self.stale || self.entries.peek().is_some()
    }
}

/// A cache file as read.
struct Loaded {
    entries: Vec<Entry>,
    table: Table,
    dead: usize,
    tail: Option<Tail>,
}

/// Read and decode the cache file at `path`: streamed from a plain file,
/// whole from a sealed one. `None` when it is not one this build wrote.
fn read(path: &Path) -> Option<Loaded> {
    if crate::crypt::session::keys().is_some() {
        let bytes = super::sealed::read(path, MAX_CACHE_BYTES).ok()?;
        return decode(bytes.as_slice(), None);
    }
    let file = regular::open(path, regular::Links::Refuse).ok()?;
    let meta = file.metadata().ok()?;
    if meta.len() > MAX_CACHE_BYTES {
        return None;
    }
    let reader = io::BufReader::with_capacity(64 * 1024, file.take(MAX_CACHE_BYTES));
    decode(reader, Some(meta.ino()))
}

/// The entries of a cache, or `None` when it is not one this build wrote.
/// Lines are decoded a batch at a time, on every core.
fn decode(mut reader: impl BufRead, ino: Option<u64>) -> Option<Loaded> {
    let mut line = Vec::new();
    let mut len = u64::try_from(reader.read_until(b'\n', &mut line).ok()?).ok()?;
    let header: Header<'_> = serde_json::from_slice(line.strip_suffix(b"\n")?).ok()?;
    if header.format != CACHE_FORMAT || header.motive != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let mut table = Table::default();
    let mut entries = Vec::new();
    let mut dead = 0;
    let mut ended = true;
    // Entry lines waiting to be decoded, each with the size of the table
    // at its place: a line may only name parts above it.
    let mut batch: Vec<(Vec<u8>, usize)> = Vec::with_capacity(BATCH_LINES);
    loop {
        line.clear();
        let read = reader.read_until(b'\n', &mut line).ok()?;
        len += u64::try_from(read).ok()?;
        let done = read == 0;
        if !done {
            ended = line.ends_with(b"\n");
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            if text.starts_with(PARTS_LINE) {
                match serde_json::from_slice::<Parts<Part>>(text) {
                    Ok(parts) => {
                        for part in parts.parts {
                            table.add(part)?;
                        }
                    }
                    // A torn table line: the lines that name its parts fail.
                    Err(_) => dead += 1,
                }
            } else if !text.is_empty() {
                batch.push((text.to_vec(), table.parts.len()));
            }
        }
        if batch.len() >= BATCH_LINES || (done && !batch.is_empty()) {
            let decoded = super::par_map(&batch, 256, |(text, known)| {
                let stored = serde_json::from_slice::<StoredEntry>(text).ok()?;
                let summary = table.summary(stored.summary, *known)?;
                Some(Entry {
                    file: stored.file,
                    stamp: stored.stamp,
                    digest: stored.digest,
                    summary,
                })
            });
            for entry in decoded {
                match entry {
                    // A summary that no valid check-in could give (text that
                    // would drive the terminal, a score that is not a
                    // number) voids the whole cache.
                    Some(entry) if super::validate::summary_is_sound(&entry.summary) => {
                        entries.push(entry);
                    }
                    Some(_) => return None,
                    // A torn or damaged line costs itself only.
                    None => dead += 1,
                }
            }
            batch.clear();
        }
        if done {
            break;
        }
    }
    Some(Loaded {
        entries,
        table,
        dead,
        tail: ino.map(|ino| Tail { ino, len, ended }),
    })
}

/// One file's entry, to be written.
#[derive(Debug, Clone, Copy)]
pub struct Update<'a> {
    pub file: &'a str,
    pub stamp: Stamp,
    pub digest: Digest,
    pub summary: &'a Summary,
    /// Not in the cache file as it is: read from the file this time.
    pub learned: bool,
}

/// Bring the cache at `path` up to date with `entries` (every usable file),
/// leaving out files that have not settled by `now`: append what was
/// learned, or write the whole cache when `cache` says it must be (see the
/// module doc). Creates `cache/` (mode 0700). Best effort: the result only
/// says whether anything was written.
pub fn update(path: &Path, mut cache: Cache, entries: &[Update<'_>], now: SystemTime) -> bool {
    let learned: Vec<&Update<'_>> = entries
        .iter()
        .filter(|e| e.learned && e.stamp.settled(now))
        .collect();
    let stale = cache.is_stale();
    if learned.is_empty() && !stale {
        return false;
    }
    let live = entries.len();
    let compact = cache.dead > live / 4 + 64;
    if !stale
        && !compact
        && let Some(tail) = cache.tail
        && append(path, &mut cache, tail, &learned)
    {
        return true;
    }
    write(path, entries.iter().filter(|e| e.stamp.settled(now)))
}

/// Append `learned` to the cache file if it is still the one `cache` read.
fn append(path: &Path, cache: &mut Cache, tail: Tail, learned: &[&Update<'_>]) -> bool {
    let mut bytes = Vec::new();
    if !tail.ended {
        bytes.push(b'\n');
    }
    let numbers = learned
        .iter()
        .map(|entry| cache.table.numbers(entry.summary))
        .collect::<Option<Vec<_>>>();
    let Some(numbers) = numbers else {
        return false;
    };
    let new_parts = &cache.table.parts[cache.written_parts.min(cache.table.parts.len())..];
    if !new_parts.is_empty() {
        let parts = Parts {
            parts: new_parts.to_vec(),
        };
        if serde_json::to_writer(&mut bytes, &parts).is_err() {
            return false;
        }
        bytes.push(b'\n');
    }
    if !encode_all(&mut bytes, learned.iter().copied().zip(&numbers)) {
        return false;
    }
    let fits = u64::try_from(bytes.len())
        .ok()
        .and_then(|n| n.checked_add(tail.len))
        .is_some_and(|len| len <= MAX_CACHE_BYTES);
    fits && append_locked(path, tail, &bytes).is_ok()
}

/// Append `bytes` in one write, under an exclusive lock, to the regular
/// file at `path` if it is still the one read (same inode and length).
fn append_locked(path: &Path, tail: Tail, bytes: &[u8]) -> io::Result<()> {
    let file = fs::OpenOptions::new()
        .append(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY)
        .open(path)?;
    let locked = nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusive)
        .map_err(|(_, errno)| io::Error::from(errno))?;
    let meta = locked.metadata()?;
    regular::check_file(&meta)?;
    if meta.ino() != tail.ino || meta.len() != tail.len {
        return Err(io::Error::other("the cache changed since it was read"));
    }
    (&*locked).write_all(bytes)
}

/// Write the cache of `entries` whole; creates `cache/` (mode 0700). One
/// table line, then one JSON line per file, after a header line.
fn write<'a>(path: &Path, entries: impl Iterator<Item = &'a Update<'a>>) -> bool {
    if regular::make_way_for_derived(path).is_err() {
        return false;
    }
    let mut entries: Vec<&Update<'_>> = entries.collect();
    entries.sort_by(|a, b| a.file.cmp(b.file));
    let mut table = Table::default();
    let numbers = entries
        .iter()
        .map(|entry| table.numbers(entry.summary))
        .collect::<Option<Vec<_>>>();
    let Some(numbers) = numbers else {
        return false;
    };
    let header = Header {
        motive: env!("CARGO_PKG_VERSION"),
        format: CACHE_FORMAT,
    };
    let mut bytes = Vec::new();
    let encoded = serde_json::to_writer(&mut bytes, &header).is_ok()
        && {
            bytes.push(b'\n');
            serde_json::to_writer(&mut bytes, &Parts { parts: table.parts }).is_ok()
        }
        && {
            bytes.push(b'\n');
            encode_all(&mut bytes, entries.iter().copied().zip(&numbers))
        };
    // A cache too large to be read back would only cost a write every time.
    let readable = u64::try_from(bytes.len()).is_ok_and(|len| len <= MAX_CACHE_BYTES);
    encoded && readable && super::sealed::write(path, &bytes, Mode::Replace, &|_| Ok(())).is_ok()
}

/// Where this host's cache lives in the data dir `root`.
#[must_use]
pub fn path(root: &Path, host: &str) -> PathBuf {
    root.join("cache").join(format!("{host}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(secs: i64) -> Stamp {
        Stamp {
            len: 10,
            mtime: secs,
            mtime_ns: 0,
        }
    }

    fn summary() -> Summary {
        let mut snapshot = crate::snapshot::Snapshot::empty_for_tests("2026-01-05T09:00:00Z");
        snapshot.commitments = vec!["Ship it".into()];
        Summary::of(&snapshot)
    }

    /// A summary with statements: what the table holds once.
    fn scored(value: i64, at: &str) -> Summary {
        let bank = crate::bank::builtin::get("core").expect("core");
        let at = DateTime::parse_from_rfc3339(at).expect("date");
        let mut c = crate::checkin::CheckIn::new(&bank, &[], Some("Q1"), at);
        for q in &mut c.questions {
            q.value = Some(value);
        }
        Summary::of(&c.to_snapshot(at))
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn digest(name: &str) -> Digest {
        Digest::of(name.as_bytes())
    }

    /// `file` with `summary`, stamped `stamp(1_000)`.
    fn update_of<'a>(file: &'a str, summary: &'a Summary, learned: bool) -> Update<'a> {
        Update {
            file,
            stamp: stamp(1_000),
            digest: digest(file),
            summary,
            learned,
        }
    }

    fn updates<'a>(names: &'a [&'a str], summary: &'a Summary, learned: bool) -> Vec<Update<'a>> {
        names
            .iter()
            .map(|name| update_of(name, summary, learned))
            .collect()
    }

    /// A cache of `names` (each with `stamp(1_000)`) written at `now`.
    fn written(names: &[&str], now: SystemTime) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let summary = summary();
        let cache = Cache::load(&path);
        assert!(update(&path, cache, &updates(names, &summary, true), now));
        (dir, path)
    }

    /// Every summary the cache at `path` holds, by file.
    fn all(path: &Path) -> Vec<(String, Stamp, Digest, Summary)> {
        let cache = Cache::load(path);
        cache
            .entries
            .map(|e| (e.file, e.stamp, e.digest, e.summary))
            .collect()
    }

    #[test]
    fn a_file_changed_a_moment_ago_is_not_cached() {
        assert!(!stamp(1_000).settled(at(1_001)));
        assert!(stamp(1_000).settled(at(1_010)));
        let (_dir, path) = written(&["a.toml"], at(1_001));
        assert_eq!(
            Cache::load(&path).take("a.toml", &stamp(1_000)),
            Found::Missing
        );
    }

    #[test]
    fn a_changed_stamp_misses_with_the_digest_to_check() {
        let (_dir, path) = written(&["a.toml"], at(2_000));
        let mut edited = stamp(1_000);
        edited.mtime_ns = 5;
        let mut cache = Cache::load(&path);
        assert_eq!(
            cache.take("a.toml", &edited),
            Found::Moved(digest("a.toml"), summary())
        );
        assert_eq!(cache.dead, 1, "its line is of no more use");
        let mut cache = Cache::load(&path);
        assert_eq!(
            cache.take("a.toml", &stamp(1_000)),
            Found::Current(digest("a.toml"), summary())
        );
        assert!(!cache.is_stale(), "every entry was used");
    }

    #[test]
    fn the_stamp_is_size_and_modification_time_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        fs::write(&a, "same").expect("write");
        let mtime = fs::metadata(&a).and_then(|m| m.modified()).expect("mtime");
        // A copy is a new inode with a new change time.
        let b = dir.path().join("b");
        fs::copy(&a, &b).expect("copy");
        fs::File::options()
            .write(true)
            .open(&b)
            .and_then(|f| f.set_modified(mtime))
            .expect("keep the time");
        let stamp_of = |p: &Path| Stamp::of(&fs::metadata(p).expect("stat"));
        assert_eq!(stamp_of(&a), stamp_of(&b));
    }

    #[test]
    fn a_file_gone_from_the_middle_leaves_the_cache_stale() {
        let (_dir, path) = written(&["a.toml", "b.toml", "c.toml"], at(2_000));
        let mut cache = Cache::load(&path);
        assert!(matches!(
            cache.take("a.toml", &stamp(1_000)),
            Found::Current(..)
        ));
        let c = cache.take("c.toml", &stamp(1_000));
        assert!(matches!(c, Found::Current(..)), "b is skipped");
        assert!(cache.is_stale());
    }

    #[test]
    fn many_entries_decode_on_every_core_in_order() {
        let names: Vec<String> = (0..5_000).map(|i| format!("{i:05}.toml")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (_dir, path) = written(&names, at(2_000));
        let mut cache = Cache::load(&path);
        for name in &names {
            assert!(
                matches!(cache.take(name, &stamp(1_000)), Found::Current(..)),
                "{name}"
            );
        }
        assert!(!cache.is_stale());
    }

    #[test]
    fn damage_or_another_build_gives_an_empty_stale_cache() {
        let (dir, path) = written(&["a.toml"], at(2_000));
        let text = fs::read_to_string(&path).expect("read");
        let foreign = text.replace(env!("CARGO_PKG_VERSION"), "0.0.0-other");
        fs::write(&path, foreign).expect("write");
        let mut foreign = Cache::load(&path);
        assert_eq!(foreign.take("a.toml", &stamp(1_000)), Found::Missing);
        assert!(foreign.is_stale());
        fs::write(&path, b"{ not json").expect("write");
        assert!(Cache::load(&path).is_stale());
        assert!(Cache::load(&dir.path().join("missing.json")).is_stale());
    }

    #[test]
    fn a_torn_last_line_costs_that_line_only() {
        let (_dir, path) = written(&["a.toml", "b.toml"], at(2_000));
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, &text[..text.len() - 10]).expect("tear");
        let mut cache = Cache::load(&path);
        assert!(matches!(
            cache.take("a.toml", &stamp(1_000)),
            Found::Current(..)
        ));
        assert_eq!(cache.take("b.toml", &stamp(1_000)), Found::Missing);
        assert!(!cache.is_stale(), "appended to, not rewritten");
        assert_eq!(cache.dead, 1);
    }

    #[test]
    fn what_recurs_is_written_once_and_shared_when_read() {
        let (one, two) = (
            scored(2, "2026-01-05T09:00:00Z"),
            scored(4, "2026-04-05T09:00:00Z"),
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let entries = [("a.toml", &one), ("b.toml", &two)]
            .map(|(file, summary)| update_of(file, summary, true));
        assert!(update(&path, Cache::load(&path), &entries, at(2_000)));
        let text = fs::read_to_string(&path).expect("read");
        let fingerprint = &one.scores[0].statements[0].statement.fingerprint;
        assert_eq!(text.matches(fingerprint.as_str()).count(), 1, "{text}");
        let read = all(&path);
        assert_eq!(read[0].3, one);
        assert_eq!(read[1].3, two);
        let (a, b) = (&read[0].3, &read[1].3);
        assert!(Arc::ptr_eq(&a.dimensions, &b.dimensions));
        assert!(Arc::ptr_eq(&a.bank, &b.bank));
        assert!(Arc::ptr_eq(
            &a.scores[0].statements[0].statement,
            &b.scores[0].statements[0].statement
        ));
    }

    /// A cache of `a` and `b`, then `c` (new) and `a` (a new stamp) added:
    /// the file before, and the cache after.
    fn appended() -> (tempfile::TempDir, PathBuf, String) {
        let (one, two) = (
            scored(2, "2026-01-05T09:00:00Z"),
            scored(4, "2026-04-05T09:00:00Z"),
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path(dir.path(), "host");
        let first = [("a.toml", &one), ("b.toml", &one)]
            .map(|(file, summary)| update_of(file, summary, true));
        assert!(update(&path, Cache::load(&path), &first, at(2_000)));
        let before = fs::read_to_string(&path).expect("read");
        let mut cache = Cache::load(&path);
        assert!(matches!(
            cache.take("a.toml", &stamp(1_001)),
            Found::Moved(..)
        ));
        assert!(matches!(
            cache.take("b.toml", &stamp(1_000)),
            Found::Current(..)
        ));
        assert_eq!(cache.take("c.toml", &stamp(1_000)), Found::Missing);
        let mut changed = two.clone();
        changed.label = Some("edited".into());
        let second = [
            ("a.toml", 1_001, &changed, true),
            ("b.toml", 1_000, &one, false),
            ("c.toml", 1_000, &two, true),
        ]
        .map(|(file, secs, summary, learned)| Update {
            file,
            stamp: stamp(secs),
            digest: digest(file),
            summary,
            learned,
        });
        assert!(update(&path, cache, &second, at(2_000)));
        (dir, path, before)
    }

    #[test]
    fn one_new_file_is_appended_and_reads_as_a_full_rewrite() {
        let (dir, path, before) = appended();
        let after = fs::read_to_string(&path).expect("read");
        assert!(after.starts_with(&before), "appended, not rewritten");
        assert_eq!(after.lines().count(), before.lines().count() + 2);
        // The same entries written whole.
        let read = all(&path);
        let whole = path.with_file_name("whole.json");
        let entries: Vec<Update<'_>> = read
            .iter()
            .map(|(file, stamp, digest, summary)| Update {
                file,
                stamp: *stamp,
                digest: *digest,
                summary,
                learned: true,
            })
            .collect();
        assert!(update(&whole, Cache::load(&whole), &entries, at(2_000)));
        assert_eq!(all(&whole), read);
        assert_eq!(read.len(), 3);
        assert_eq!(read[0].1, stamp(1_001), "the later line wins");
        assert_eq!(read[0].3.label.as_deref(), Some("edited"));
        assert_eq!(Cache::load(&path).dead, 1);
        drop(dir);
    }

    #[test]
    fn a_torn_appended_line_loses_only_itself() {
        let (_dir, path, _) = appended();
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, &text[..text.len() - 7]).expect("tear the last line");
        let read = all(&path);
        let files: Vec<&str> = read.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(files, ["a.toml", "b.toml"], "c is lost");
        assert_eq!(read[0].1, stamp(1_001), "a's appended line survives");
        // The next append starts on a line of its own.
        let mut cache = Cache::load(&path);
        let two = scored(4, "2026-04-05T09:00:00Z");
        for (file, secs) in [("a.toml", 1_001), ("b.toml", 1_000)] {
            assert!(matches!(cache.take(file, &stamp(secs)), Found::Current(..)));
        }
        assert_eq!(cache.take("c.toml", &stamp(1_000)), Found::Missing);
        let again = Update {
            file: "c.toml",
            stamp: stamp(1_000),
            digest: digest("c.toml"),
            summary: &two,
            learned: true,
        };
        let kept: Vec<Update<'_>> = read
            .iter()
            .map(|(file, stamp, digest, summary)| Update {
                file,
                stamp: *stamp,
                digest: *digest,
                summary,
                learned: false,
            })
            .chain([again])
            .collect();
        assert!(update(&path, cache, &kept, at(2_000)));
        let after = fs::read_to_string(&path).expect("read");
        assert!(after.starts_with(&text[..text.len() - 7]), "appended");
        assert_eq!(all(&path).len(), 3);
        assert_eq!(all(&path)[2].3, two);
    }

    #[test]
    fn a_cache_changed_since_it_was_read_is_rewritten_not_appended_to() {
        let (_dir, path) = written(&["a.toml"], at(2_000));
        let mut cache = Cache::load(&path);
        assert!(matches!(
            cache.take("a.toml", &stamp(1_000)),
            Found::Current(..)
        ));
        // Another process appends in between.
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("open");
        file.write_all(b"{\"another\":1}\n").expect("append");
        let summary = summary();
        let mut entries = updates(&["a.toml"], &summary, false);
        entries.extend(updates(&["b.toml"], &summary, true));
        assert!(update(&path, cache, &entries, at(2_000)));
        let text = fs::read_to_string(&path).expect("read");
        assert!(!text.contains("another"), "rewritten whole");
        assert_eq!(all(&path).len(), 2);
    }

    #[test]
    fn too_many_dead_lines_are_compacted() {
        let names: Vec<String> = (0..100).map(|i| format!("{i:03}.toml")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let (_dir, path) = written(&names, at(2_000));
        let summary = summary();
        let lines = || fs::read_to_string(&path).expect("read").lines().count();
        let whole = lines();
        // Every file's stamp moves: 100 dead lines, more than 64 + 100 / 4.
        let mut cache = Cache::load(&path);
        for name in &names {
            assert!(matches!(cache.take(name, &stamp(1_001)), Found::Moved(..)));
        }
        let moved: Vec<Update<'_>> = names
            .iter()
            .map(|name| Update {
                file: name,
                stamp: stamp(1_001),
                digest: digest(name),
                summary: &summary,
                learned: true,
            })
            .collect();
        assert!(update(&path, cache, &moved, at(2_000)));
        assert_eq!(lines(), whole, "rewritten, not appended");
        assert_eq!(Cache::load(&path).dead, 0);
    }

    #[test]
    fn a_line_naming_a_part_not_above_it_is_damage() {
        let (_dir, path) = written(&["a.toml"], at(2_000));
        let text = fs::read_to_string(&path).expect("read");
        let mut lines: Vec<&str> = text.lines().collect();
        lines.swap(1, 2); // the entry before the table
        fs::write(&path, lines.join("\n") + "\n").expect("write");
        let mut cache = Cache::load(&path);
        assert_eq!(cache.take("a.toml", &stamp(1_000)), Found::Missing);
        assert_eq!(cache.dead, 1);
    }

    #[test]
    fn digests_read_back_and_bad_ones_are_refused() {
        let d = Digest::of(b"x");
        let json = serde_json::to_string(&d).expect("encode");
        assert_eq!(json.len(), 34);
        assert_eq!(serde_json::from_str::<Digest>(&json).expect("decode"), d);
        for bad in ["\"zz\"", "\"\"", &json.replace('"', "\"é")] {
            assert!(serde_json::from_str::<Digest>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_fresh_copy_of_a_kept_part_is_found_by_value_and_a_different_one_is_not() {
        let mut table = Table::default();
        let first = scored(3, "2026-01-05T09:00:00Z");
        let (dims, _) = table
            .other(Part::Dimensions(first.dimensions.clone()))
            .expect("added");
        // A copy, not the same allocation: found by value, not added.
        let copy: Arc<[Dimension]> = first.dimensions.iter().cloned().collect();
        assert_eq!(
            table.other(Part::Dimensions(copy)).map(|(n, _)| n),
            Some(dims)
        );
        // The same but for the sign of a zero: written apart, so kept apart.
        let mut signed: Vec<Dimension> = first.dimensions.to_vec();
        signed[0].sd = Some(-0.0);
        let mut unsigned = signed.clone();
        unsigned[0].sd = Some(0.0);
        let (a, _) = table.other(Part::Dimensions(signed.into())).expect("added");
        let (b, _) = table
            .other(Part::Dimensions(unsigned.into()))
            .expect("added");
        assert!(a != dims && b != dims && a != b);
        assert_eq!(table.parts.len(), 3);
    }
}
