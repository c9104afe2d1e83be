//! What motive's exit statuses mean. Each status means one thing, so a
//! script can tell "you asked for something wrong" from "the machine failed".

/// `motive due`: a check-in is not due yet. Nothing else exits 1.
pub const NOT_DUE: u8 = 1;
/// Bad input or usage: an unknown check-in, a broken bank or settings file,
/// a malformed import, a flag that makes no sense.
pub const INPUT: u8 = 2;
/// The machine failed: a file could not be read or written (disk full,
/// permission denied, an unreadable data dir), the terminal could not be
/// used, or a check-in was left with answers that are not on disk.
pub const SYSTEM: u8 = 3;
