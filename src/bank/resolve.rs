//! Find a bank by id (built-in or user bank) or by path.
//!
//! `--bank` takes either. A spec that names an existing file, contains a path
//! separator or ends in `.toml` is a path. Anything else is an id, looked up
//! among the built-in banks, then among the user banks in
//! `<config_dir>/banks/*.toml`. User banks cannot reuse a built-in id (the
//! loader refuses it), so a built-in bank is never shadowed.

use std::path::{Path, PathBuf};

use super::load::{self, Diagnostic};
use super::{Bank, builtin};

/// Where a bank came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    Builtin,
    /// A bank file.
    File(PathBuf),
}

impl Origin {
    /// `built-in`, or the file's path.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Builtin => "built-in".to_owned(),
            Self::File(path) => crate::text::escape_path(path),
        }
    }
}

/// A `*.toml` file in the user banks folder, valid or not.
#[derive(Debug, Clone)]
pub struct UserBank {
    pub path: PathBuf,
    pub bank: Result<Bank, Vec<Diagnostic>>,
}

/// The folder user banks live in: `<config_dir>/banks`.
#[must_use]
pub fn user_dir(config_dir: &Path) -> PathBuf {
    config_dir.join("banks")
}

/// Resolve `--bank ID|PATH`. User banks live in `<config_dir>/banks/*.toml`.
///
/// # Errors
/// One or more diagnostics, printable one per line: the bank's problems,
/// or an unknown id with the list of available ones.
pub fn resolve(spec: &str, config_dir: &Path) -> Result<Bank, Vec<Diagnostic>> {
    resolve_with_origin(spec, config_dir).map(|(bank, _)| bank)
}

/// [`resolve`], also saying where the bank came from.
///
/// # Errors
/// As [`resolve`].
pub fn resolve_with_origin(
    spec: &str,
    config_dir: &Path,
) -> Result<(Bank, Origin), Vec<Diagnostic>> {
    if looks_like_path(spec) {
        let path = PathBuf::from(spec);
        return load::from_path(&path).map(|bank| (bank, Origin::File(path)));
    }
    if let Some(bank) = builtin::get(spec) {
        return Ok((bank, Origin::Builtin));
    }
    let users = user_banks(config_dir).map_err(|d| vec![d])?;
    let mut broken_namesake = None;
    let mut available: Vec<String> = builtin::IDS.iter().map(|&id| id.to_owned()).collect();
    for user in users {
        match user.bank {
            Ok(bank) if bank.id == spec => return Ok((bank, Origin::File(user.path))),
            Ok(bank) => available.push(bank.id),
            // A broken `<spec>.toml` is most likely the bank that was meant:
            // its problems say more than "unknown id".
            Err(diagnostics) if user.path.file_stem().is_some_and(|s| s == spec) => {
                broken_namesake = Some(diagnostics);
            }
            Err(_) => {}
        }
    }
    if let Some(diagnostics) = broken_namesake {
        return Err(diagnostics);
    }
    Err(vec![Diagnostic::whole_file(
        spec,
        format!(
            "no bank has this id; available: {} (or give the path of a bank file)",
            available.join(", ")
        ),
    )])
}

/// Whether `--bank` names a file rather than an id.
fn looks_like_path(spec: &str) -> bool {
    let path = Path::new(spec);
    spec.contains('/')
        || spec.contains(std::path::MAIN_SEPARATOR)
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || path.is_file()
}

/// Every `*.toml` in the user banks folder, sorted by file name, each loaded.
/// A file whose id an earlier file already uses is reported, not loaded:
/// an id must name one bank. A missing folder means no user banks.
///
/// # Errors
/// The folder exists but cannot be read.
pub fn user_banks(config_dir: &Path) -> Result<Vec<UserBank>, Diagnostic> {
    let dir = user_dir(config_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Diagnostic::whole_file(
                &dir.display().to_string(),
                format!("cannot read the user banks folder: {e}"),
            ));
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_bank_file(path))
        .collect();
    paths.sort();
    let mut banks: Vec<UserBank> = Vec::with_capacity(paths.len());
    for path in paths {
        let mut bank = load::from_path(&path);
        if let Ok(loaded) = &bank
            && let Some(first) = banks
                .iter()
                .find(|b| b.bank.as_ref().is_ok_and(|b| b.id == loaded.id))
        {
            bank = Err(vec![Diagnostic::whole_file(
                &path.display().to_string(),
                format!(
                    "id {:?} is already used by {}; each bank needs its own id",
                    loaded.id,
                    first.path.display()
                ),
            )]);
        }
        banks.push(UserBank { path, bank });
    }
    Ok(banks)
}

/// A visible `*.toml` file (editors leave hidden lock and backup files).
fn is_bank_file(path: &Path) -> bool {
    let visible = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| !n.starts_with('.'));
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    visible && toml && path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = r#"format = 1
id = "ID"
version = "1"
title = "Team"
description = "A user bank."
[scale]
min = 1
max = 2
labels = ["no", "yes"]
[[dimensions]]
id = "d"
name = "D"
description = "A dimension."
[[questions]]
id = "q"
dimension = "d"
text = "A statement."
"#;

    fn write(dir: &Path, name: &str, id: &str) -> PathBuf {
        let banks = user_dir(dir);
        std::fs::create_dir_all(&banks).expect("banks dir");
        let path = banks.join(name);
        std::fs::write(&path, BANK.replace("ID", id)).expect("write bank");
        path
    }

    #[test]
    fn ids_find_builtins_then_user_banks() {
        let config = tempfile::tempdir().expect("temp dir");
        let path = write(config.path(), "team.toml", "team");
        let (bank, origin) = resolve_with_origin("core", config.path()).expect("core");
        assert_eq!((bank.id.as_str(), origin), ("core", Origin::Builtin));
        let (bank, origin) = resolve_with_origin("team", config.path()).expect("team");
        assert_eq!((bank.id.as_str(), origin), ("team", Origin::File(path)));
    }

    #[test]
    fn paths_are_loaded_directly() {
        let config = tempfile::tempdir().expect("temp dir");
        let path = write(config.path(), "other.toml", "other");
        let spec = path.display().to_string();
        assert_eq!(
            resolve(&spec, Path::new("/nonexistent")).expect("path").id,
            "other"
        );
        let missing = resolve("missing.toml", config.path()).expect_err("missing");
        assert_eq!(missing[0].to_string(), "missing.toml: no such file");
    }

    #[test]
    fn an_unknown_id_lists_the_available_ones() {
        let config = tempfile::tempdir().expect("temp dir");
        write(config.path(), "team.toml", "team");
        let error = resolve("nope", config.path()).expect_err("unknown");
        assert_eq!(
            error[0].to_string(),
            "nope: no bank has this id; available: core, quick, team (or give the path of a bank file)"
        );
    }

    #[test]
    fn a_broken_file_named_like_the_id_explains_itself() {
        let config = tempfile::tempdir().expect("temp dir");
        write(config.path(), "team.toml", "Team");
        let error = resolve("team", config.path()).expect_err("broken");
        assert!(
            error[0].to_string().contains("is not a valid id"),
            "{error:?}"
        );
    }

    #[test]
    fn user_banks_cannot_reuse_builtin_or_each_others_ids() {
        let config = tempfile::tempdir().expect("temp dir");
        write(config.path(), "a.toml", "team");
        let second = write(config.path(), "b.toml", "team");
        write(config.path(), "c.toml", "core");
        write(config.path(), ".hidden.toml", "hidden");
        std::fs::write(user_dir(config.path()).join("notes.txt"), "x").expect("write");
        let banks = user_banks(config.path()).expect("listing");
        assert_eq!(banks.len(), 3, "{banks:?}");
        assert!(banks[0].bank.is_ok());
        let duplicate = banks[1].bank.as_ref().expect_err("duplicate");
        assert_eq!(duplicate[0].file, second.display().to_string());
        assert!(
            duplicate[0]
                .message
                .starts_with("id \"team\" is already used by ")
        );
        let reserved = banks[2].bank.as_ref().expect_err("reserved");
        assert!(reserved[0].message.contains("belongs to a built-in bank"));
        assert_eq!(
            resolve("core", config.path()).expect("core").title,
            builtin::get("core").expect("core").title
        );
    }

    #[test]
    fn no_banks_folder_means_no_user_banks() {
        let config = tempfile::tempdir().expect("temp dir");
        assert!(user_banks(config.path()).expect("listing").is_empty());
    }
}
