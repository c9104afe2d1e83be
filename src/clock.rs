//! The current time, in the local offset.
//!
//! Debug builds (the ones `cargo test` runs) take `MOTIVE_NOW` (RFC 3339)
//! instead when it is set, so screen captures and end-to-end tests that
//! show "due in N days" are the same every day. Release builds ignore it.

use chrono::{DateTime, FixedOffset};

#[must_use]
pub fn now() -> DateTime<FixedOffset> {
    if cfg!(debug_assertions)
        && let Some(fixed) = std::env::var("MOTIVE_NOW")
            .ok()
            .and_then(|at| DateTime::parse_from_rfc3339(&at).ok())
    {
        return fixed;
    }
    chrono::Local::now().fixed_offset()
}
