//! `motive doctor`: what in the data dir keeps motive from seeing or
//! guarding every check-in, and how to put it right. [`examine`] only reads;
//! [`repair`] applies the remedies, under the writer lock.
//!
//! Each check is one function in [`CHECKS`]: Syncthing conflict copies,
//! leftover temporary files, modes others can read, links, files a listing
//! cannot read, plain files in an encrypted data dir, missing ignore files.

use std::fs;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::{self, TEMP_PREFIX};
use super::sealed;
use super::{STALE_TEMP_AGE, Store, StoreError, ignore, parse_snapshot, read_capped};
use crate::crypt::keyfile;
use crate::snapshot::Snapshot;

/// Something in the data dir that needs attention.
#[derive(Debug, Clone)]
pub struct Finding {
    pub path: PathBuf,
    /// What is wrong, in a few words.
    pub problem: String,
    pub remedy: Remedy,
}

/// What `--fix` does about a [`Finding`].
#[derive(Debug, Clone)]
pub enum Remedy {
    /// Save the check-in under a free id (the conflict copy's own, else
    /// with `-2`, `-3`...), then remove the copy.
    Adopt(Box<Snapshot>),
    /// Remove the file: a copy of what is kept, or a temporary file.
    Remove,
    /// Set the mode (0700 for a directory, 0600 for a file).
    Chmod(u32),
    /// Write a missing ignore file.
    Write(&'static str),
    /// Nothing motive can safely do by itself: what a person can do.
    ByHand(String),
}

impl Finding {
    /// What `--fix` would do, in words: "would remove it", or for what it
    /// leaves alone, "left for you: <advice>".
    #[must_use]
    pub fn plan(&self) -> String {
        match &self.remedy {
            Remedy::Adopt(s) => format!(
                "would adopt it as a new check-in ({}), then remove the copy",
                s.id
            ),
            Remedy::Remove => "would remove it".to_string(),
            Remedy::Chmod(mode) => format!("would chmod {mode:o} it"),
            Remedy::Write(_) => "would write it".to_string(),
            Remedy::ByHand(advice) => format!("left for you: {advice}"),
        }
    }

    /// Whether `--fix` does anything about it.
    #[must_use]
    pub fn fixable(&self) -> bool {
        !matches!(self.remedy, Remedy::ByHand(_))
    }
}

/// One check over the data dir: its findings go to the list.
type Check = fn(&Store, &mut Vec<Finding>);

/// Every check, in the order findings are reported.
const CHECKS: [Check; 6] = [
    conflict_copies,
    temp_files,
    links_and_modes,
    plain_in_encrypted,
    unreadable,
    ignore_files,
];

/// Everything that needs attention in `store`'s data dir, changing nothing.
#[must_use]
pub fn examine(store: &Store) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !store.root.is_dir() {
        return findings;
    }
    for check in CHECKS {
        check(store, &mut findings);
    }
    // A file that goes needs no new mode.
    let going: Vec<PathBuf> = findings
        .iter()
        .filter(|f| matches!(f.remedy, Remedy::Remove | Remedy::Adopt(_)))
        .map(|f| f.path.clone())
        .collect();
    findings.retain(|f| !matches!(f.remedy, Remedy::Chmod(_)) || !going.contains(&f.path));
    findings
}

/// Apply each finding's remedy, in order: what was done, or why not. The
/// caller holds the writer lock.
pub fn repair(store: &Store, findings: &[Finding]) -> Vec<Result<String, StoreError>> {
    findings
        .iter()
        .filter(|f| f.fixable())
        .map(|f| apply(store, f))
        .collect()
}

fn apply(store: &Store, finding: &Finding) -> Result<String, StoreError> {
    let path = &finding.path;
    match &finding.remedy {
        Remedy::Adopt(snapshot) => {
            let saved = store.save((**snapshot).clone())?;
            remove(path)?;
            Ok(format!("adopted as check-in {}", saved.id))
        }
        Remedy::Remove => remove(path).map(|()| "removed".to_string()),
        Remedy::Chmod(mode) => {
            // Never through a link: the mode of the link's target is not ours.
            let meta = path
                .symlink_metadata()
                .map_err(|e| StoreError::io("chmod", path, &e))?;
            if meta.file_type().is_symlink() {
                return Ok("left alone: it became a link".to_string());
            }
            fs::set_permissions(path, fs::Permissions::from_mode(*mode))
                .map_err(|e| StoreError::io("chmod", path, &e))?;
            Ok(format!("now mode {mode:o}"))
        }
        Remedy::Write(text) => {
            match atomic::write(path, text.as_bytes(), atomic::Mode::NoClobber) {
                Ok(()) => Ok("written".to_string()),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    Ok("left alone: it appeared meanwhile".to_string())
                }
                Err(e) => Err(StoreError::io("write", path, &e)),
            }
        }
        Remedy::ByHand(advice) => Ok(format!("left for you: {advice}")),
    }
}

/// Remove a file and make the removal durable.
fn remove(path: &Path) -> Result<(), StoreError> {
    fs::remove_file(path).map_err(|e| StoreError::io("remove", path, &e))?;
    if let Some(dir) = path.parent() {
        atomic::sync_dir(dir).map_err(|e| StoreError::io("sync", dir, &e))?;
    }
    Ok(())
}

/// The id a Syncthing conflict copy's name starts from:
/// `<id>.sync-conflict-<date>-<time>-<device>.toml` gives `<id>`, and so
/// does the copy of a sealed file, `<id>.toml.sync-conflict-<...>.age`
/// (Syncthing keeps the last extension).
fn conflict_of(name: &str) -> Option<&str> {
    let (id, rest) = match name.strip_suffix(crate::crypt::SUFFIX) {
        Some(sealed) => {
            let (stem, rest) = sealed.split_once(".sync-conflict-")?;
            (stem.strip_suffix(".toml")?, rest)
        }
        None => name.strip_suffix(".toml")?.split_once(".sync-conflict-")?,
    };
    (!id.is_empty() && !rest.is_empty()).then_some(id)
}

/// The entries of `dir`, by name; none when it cannot be read (another
/// check says why).
fn entries(dir: &Path) -> Vec<(String, PathBuf, fs::Metadata)> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut all: Vec<_> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let meta = e.path().symlink_metadata().ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), e.path(), meta))
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// Syncthing's copies of a check-in both machines wrote: listings skip
/// them (their id is not their file name), so what they hold is unseen.
fn conflict_copies(store: &Store, findings: &mut Vec<Finding>) {
    let dir = store.snapshots_dir();
    for (name, path, meta) in entries(&dir) {
        let Some(id) = conflict_of(&name) else {
            continue;
        };
        if !meta.is_file() {
            continue; // a link: links_and_modes says so
        }
        let copy = match read_capped(&path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_string()))
            .and_then(|text| parse_snapshot(&text))
            .and_then(|s| super::validate_snapshot(&s).map(|()| s))
        {
            Ok(copy) => copy,
            Err(reason) => {
                findings.push(Finding {
                    path,
                    problem: format!(
                        "a Syncthing conflict copy of {id} that cannot be read ({reason})"
                    ),
                    remedy: Remedy::ByHand(
                        "compare it with the check-in and move it out of the data dir".into(),
                    ),
                });
                continue;
            }
        };
        let original = super::read_snapshot(&dir.join(format!("{}.toml", copy.id))).ok();
        if original.as_ref() == Some(&copy) {
            findings.push(Finding {
                path,
                problem: format!(
                    "a Syncthing conflict copy identical to check-in {}",
                    copy.id
                ),
                remedy: Remedy::Remove,
            });
        } else {
            let mut adopted = copy;
            adopted.id = free_id(&dir, &adopted.id);
            findings.push(Finding {
                path,
                problem: format!(
                    "a Syncthing conflict copy of check-in {id} that differs from it, so it is not listed"
                ),
                remedy: Remedy::Adopt(Box::new(adopted)),
            });
        }
    }
}

/// The first of `base`, `base-2`, `base-3`... with no file in `dir` (as
/// [`Store::save`] picks it).
fn free_id(dir: &Path, base: &str) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| {
            // Taken in either form, plain or sealed.
            sealed::existing(&dir.join(format!("{id}.toml")))
                .symlink_metadata()
                .is_err()
        })
        .unwrap_or_else(|| base.to_string())
}

/// The directories motive writes in: the data dir and its own subdirs.
fn dirs(store: &Store) -> Vec<PathBuf> {
    let mut dirs = vec![store.root.clone()];
    dirs.extend(
        ["snapshots", "drafts", "events", "trash", "cache", "staging"]
            .iter()
            .map(|d| store.root.join(d))
            .filter(|d| d.symlink_metadata().is_ok_and(|m| m.is_dir())),
    );
    dirs
}

/// Temporary files a crashed write left behind; a young one may be a write
/// in progress and is left alone.
fn temp_files(store: &Store, findings: &mut Vec<Finding>) {
    for dir in dirs(store) {
        for (name, path, meta) in entries(&dir) {
            if !name.starts_with(TEMP_PREFIX) || !meta.is_file() {
                continue;
            }
            let stale = meta
                .modified()
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .is_some_and(|age| age > STALE_TEMP_AGE);
            findings.push(Finding {
                path,
                problem: "a temporary file".to_string(),
                remedy: if stale {
                    Remedy::Remove
                } else {
                    Remedy::ByHand("it is under a minute old: a write may be in progress".into())
                },
            });
        }
    }
}

/// Links (never followed, so what they point to is unseen) and modes that
/// let others read or write (0700 for directories, 0600 for files).
fn links_and_modes(store: &Store, findings: &mut Vec<Finding>) {
    let dirs = dirs(store);
    for dir in &dirs {
        if let Ok(meta) = dir.symlink_metadata() {
            check_mode(dir, &meta, findings);
        }
        for (_, path, meta) in entries(dir) {
            if meta.file_type().is_symlink() {
                findings.push(Finding {
                    path,
                    problem: "a symbolic link: motive never follows one inside the data dir".into(),
                    remedy: Remedy::ByHand(
                        "replace it with the file or directory it points to".into(),
                    ),
                });
            } else if meta.is_file() {
                check_mode(&path, &meta, findings);
            }
        }
    }
}

fn check_mode(path: &Path, meta: &fs::Metadata, findings: &mut Vec<Finding>) {
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return;
    }
    let (want, kind) = if meta.is_dir() {
        (0o700, "directory")
    } else {
        (0o600, "file")
    };
    findings.push(Finding {
        path: path.to_path_buf(),
        problem: format!("a {kind} others can reach (mode {mode:o})"),
        remedy: Remedy::Chmod(want),
    });
}

/// Check-in files a listing skips, with the listing's reason; but for
/// conflict copies and links, which their own checks report.
fn unreadable(store: &Store, findings: &mut Vec<Finding>) {
    // The full read, not the summaries: those would write the cache.
    for problem in store.list().problems {
        let name = problem
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let link = problem
            .path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if link || conflict_of(&name).is_some() || is_stray_plain(&store.root, &name) {
            continue;
        }
        findings.push(Finding {
            path: problem.path,
            problem: format!("a listing cannot read it: {}", problem.reason),
            remedy: Remedy::ByHand("fix it by hand, or move it out of the data dir".into()),
        });
    }
}

/// In an encrypted data dir, a plain check-in, event or draft: written by
/// a device without encryption, or left by an interrupted conversion.
/// Never mixed in silently; `motive encrypt` seals it where it is.
fn plain_in_encrypted(store: &Store, findings: &mut Vec<Finding>) {
    if !keyfile::is_encrypted(&store.root) {
        return;
    }
    for dir in ["snapshots", "events", "drafts"] {
        for (name, path, meta) in entries(&store.root.join(dir)) {
            if meta.is_file() && is_stray_plain(&store.root, &name) {
                findings.push(Finding {
                    path,
                    problem: "a plain file in an encrypted data dir (a device without encryption wrote it?)".into(),
                    remedy: Remedy::ByHand("motive encrypt adopts it: it is encrypted where it is".into()),
                });
            }
        }
    }
}

/// A file named `name` in an encrypted data dir at `root` that holds plain
/// text where only sealed files belong (Syncthing's copies and motive's
/// temporary files aside: other checks name those).
fn is_stray_plain(root: &Path, name: &str) -> bool {
    name.ends_with(".toml")
        && conflict_of(name).is_none()
        && !name.starts_with(TEMP_PREFIX)
        && keyfile::is_encrypted(root)
}

/// The ignore files that keep the lock, the cache and temporary files out
/// of Syncthing and git.
fn ignore_files(store: &Store, findings: &mut Vec<Finding>) {
    for (name, text) in ignore::missing(&store.root) {
        findings.push(Finding {
            path: store.root.join(name),
            problem:
                "missing: sync tools and git would copy the lock, the cache and temporary files"
                    .into(),
            remedy: Remedy::Write(text),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::conflict_of;

    #[test]
    fn conflict_copies_are_known_plain_and_sealed() {
        let device = "sync-conflict-20261201-101010-ABCDEFG";
        assert_eq!(
            conflict_of(&format!("20261130-103949.{device}.toml")),
            Some("20261130-103949")
        );
        assert_eq!(
            conflict_of(&format!("20261130-103949.toml.{device}.age")),
            Some("20261130-103949")
        );
        for not_one in [
            "20261130-103949.toml",
            "20261130-103949.toml.age",
            ".sync-conflict-x.toml",
            "20261130-103949.sync-conflict-.toml",
            &format!("20261130-103949.{device}.age"),
        ] {
            assert_eq!(conflict_of(not_one), None, "{not_one}");
        }
    }
}
