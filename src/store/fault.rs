//! Injected write failures, so tests can fill the disk of the real binary.
//!
//! Debug builds only (release builds compile none of this): when
//! `MOTIVE_TEST_FAIL_WRITES` is set, the store's writes of the kinds it
//! names fail as a full disk fails them, with ENOSPC ("No space left on
//! device") at the write step, leaving the previous file in place. It is a
//! comma-separated list of kinds, each with an optional count:
//!
//! * `draft`: every draft write fails; `draft:3`: the first 3 succeed, then
//!   every later one fails;
//! * `snapshot`: saving a finished check-in into the data dir fails
//!   (`snapshot:N` likewise); writing it to another file with
//!   [`Store::save_to_path`](super::Store::save_to_path) still works;
//! * `probe`: the start-up check [`Store::check_writable`](super::Store::check_writable)
//!   fails, as it does on a full disk.
//!
//! For example `MOTIVE_TEST_FAIL_WRITES=draft:2,snapshot` lets a check-in
//! start and save two drafts, then fails every draft and the final save.
//! Counts are per process.

use std::io;

use super::atomic::Step;

/// The kinds of write a test can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Write {
    Draft,
    Snapshot,
    Probe,
}

/// The environment variable that names the writes to fail.
pub const FAIL_WRITES_ENV: &str = "MOTIVE_TEST_FAIL_WRITES";

/// A hook for one write of `kind` (see [`super::atomic::write_with`]): it
/// fails the write step when the environment asks for it.
pub(crate) fn hook(kind: Write) -> impl Fn(Step) -> io::Result<()> {
    let fail = injected::should_fail(kind);
    move |step| {
        if fail && step == Step::Write {
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                format!("No space left on device (injected by {FAIL_WRITES_ENV})"),
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(debug_assertions)]
mod injected {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{FAIL_WRITES_ENV, Write};

    static ATTEMPTS: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];

    /// Count this write of `kind`, and say whether it is one to fail.
    pub(super) fn should_fail(kind: Write) -> bool {
        let Ok(spec) = std::env::var(FAIL_WRITES_ENV) else {
            return false;
        };
        let attempt = ATTEMPTS[kind as usize].fetch_add(1, Ordering::SeqCst);
        super::succeeding_writes(&spec, kind).is_some_and(|n| attempt >= n)
    }
}

#[cfg(not(debug_assertions))]
mod injected {
    pub(super) fn should_fail(_: super::Write) -> bool {
        false
    }
}

/// How many writes of `kind` succeed before they fail, by `spec`; `None`
/// when `spec` does not name `kind`.
#[cfg_attr(not(debug_assertions), allow(dead_code))]
fn succeeding_writes(spec: &str, kind: Write) -> Option<usize> {
    let name = match kind {
        Write::Draft => "draft",
        Write::Snapshot => "snapshot",
        Write::Probe => "probe",
    };
    spec.split(',').map(str::trim).find_map(|item| {
        let (item_name, count) = item.split_once(':').unwrap_or((item, "0"));
        (item_name.trim() == name).then(|| count.trim().parse().unwrap_or(0))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_names_kinds_and_counts() {
        assert_eq!(succeeding_writes("draft", Write::Draft), Some(0));
        assert_eq!(
            succeeding_writes("draft:3, snapshot", Write::Draft),
            Some(3)
        );
        assert_eq!(
            succeeding_writes("draft:3, snapshot", Write::Snapshot),
            Some(0)
        );
        assert_eq!(succeeding_writes("draft:3, snapshot", Write::Probe), None);
        assert_eq!(succeeding_writes("", Write::Draft), None);
        assert_eq!(succeeding_writes("drafts", Write::Draft), None);
    }
}
