//! Where motive keeps its data and configuration.

use std::path::PathBuf;

use etcetera::BaseStrategy;

/// The data dir: `--data-dir`/`MOTIVE_DATA_DIR` when given (clap reads the
/// variable), else `$XDG_DATA_HOME/motive` (`~/.local/share/motive`).
#[must_use]
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| {
        base().map_or_else(|| PathBuf::from(".motive"), |b| b.data_dir().join("motive"))
    })
}

/// The config dir: `MOTIVE_CONFIG_DIR` when set, else `$XDG_CONFIG_HOME/motive`.
/// User banks live in its `banks/` folder.
#[must_use]
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MOTIVE_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    base().map_or_else(
        || PathBuf::from(".motive-config"),
        |b| b.config_dir().join("motive"),
    )
}

fn base() -> Option<etcetera::base_strategy::Xdg> {
    etcetera::base_strategy::Xdg::new().ok()
}
