//! The banks embedded in the binary, from `assets/banks/`.
//!
//! OWNER: bank helper.

use super::Bank;

/// Every built-in bank, `core` first.
#[must_use]
pub fn all() -> Vec<Bank> {
    todo!("bank helper")
}

/// The built-in bank with this id.
#[must_use]
pub fn get(id: &str) -> Option<Bank> {
    all().into_iter().find(|b| b.id == id)
}
