//! `.stignore` and `.gitignore` in the data dir: what a sync tool or git
//! must leave alone (the writer lock, the per-machine cache, temporary
//! files). Each is written atomically when missing and never rewritten: an
//! existing file, edited or not, is the user's.

use std::io;
use std::path::Path;

use super::atomic::{self, Mode};

/// For Syncthing: `//` comments; `(?d)` lets it delete a temporary file
/// that would otherwise keep a folder from being removed.
const STIGNORE: &str = "\
// Written by motive: what must not sync between machines. Edit freely:
// motive writes this file only when it is missing.
// The writer lock: held by one process on one machine.
/lock
// The cache: each machine rebuilds its own from the check-ins.
/cache
// Temporary files of a write in progress, and of one a crash cut short.
(?d).tmp-*
";

/// For git, if the data dir is kept in a repository.
const GITIGNORE: &str = "\
# Written by motive: what must not be committed. Edit freely: motive
# writes this file only when it is missing.
# The writer lock: held by one process on one machine.
/lock
# The cache: each machine rebuilds its own from the check-ins.
/cache/
# Temporary files of a write in progress, and of one a crash cut short.
.tmp-*
";

/// The ignore files, by name, with what motive writes in them.
pub(crate) const FILES: [(&str, &str); 2] = [(".stignore", STIGNORE), (".gitignore", GITIGNORE)];

/// The ignore files missing from `root`.
pub(crate) fn missing(root: &Path) -> Vec<(&'static str, &'static str)> {
    FILES
        .into_iter()
        .filter(|(name, _)| root.join(name).symlink_metadata().is_err())
        .collect()
}

/// Write each ignore file that `root` lacks. One that appeared meanwhile
/// (another machine's, synced in) is kept: the write never replaces.
pub(crate) fn write_missing(root: &Path) -> io::Result<()> {
    for (name, text) in missing(root) {
        match atomic::write(&root.join(name), text.as_bytes(), Mode::NoClobber) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_both_once_and_never_over_an_edit() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_missing(dir.path()).expect("write");
        let stignore = dir.path().join(".stignore");
        assert_eq!(std::fs::read_to_string(&stignore).expect("read"), STIGNORE);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".gitignore")).expect("read"),
            GITIGNORE
        );
        std::fs::write(&stignore, "// mine\n").expect("edit");
        write_missing(dir.path()).expect("again");
        assert_eq!(
            std::fs::read_to_string(&stignore).expect("read"),
            "// mine\n"
        );
        assert!(missing(dir.path()).is_empty());
    }

    #[test]
    fn every_ignore_file_names_the_lock_the_cache_and_temporary_files() {
        for (name, text) in FILES {
            let rules: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with("//"))
                .collect();
            assert_eq!(rules.len(), 3, "{name}: {rules:?}");
            assert!(rules[0].ends_with("lock"), "{name}");
            assert!(rules[1].contains("cache"), "{name}");
            assert!(
                rules[2].ends_with(&format!("{}*", atomic::TEMP_PREFIX)),
                "{name}"
            );
        }
    }
}
