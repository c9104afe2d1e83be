//! The interactive face: home screen and the guided check-in.
//!
//! OWNER: TUI helper.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CheckArgs;

/// Open the home screen (`check` is `None`) or go straight into a check-in.
pub fn run(
    data_dir: PathBuf,
    config_dir: PathBuf,
    check: Option<CheckArgs>,
) -> color_eyre::Result<ExitCode> {
    let _ = (data_dir, config_dir, check);
    eprintln!("motive: the interactive check-in is not built yet");
    Ok(ExitCode::from(2))
}
