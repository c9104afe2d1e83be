//! The screens, grouped as the folder shows: `checkin/` for the steps of a
//! check-in and what surrounds it, `browse/` for looking back, and `unlock`
//! for the passphrase of an encrypted data dir, before either. A screen's
//! file holds its state, its keys (its part of `update`) and its drawing.

pub mod browse;
pub mod checkin;
pub mod unlock;
