//! The screens, grouped as the folder shows: `checkin/` for the steps of a
//! check-in and what surrounds it, `browse/` for looking back. A screen's
//! file holds its state, its keys (its part of `update`) and its drawing.

pub mod browse;
pub mod checkin;
