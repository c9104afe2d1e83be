//! Where the passphrase comes from, in this order: `MOTIVE_PASSPHRASE` (for
//! tests and scripts), the `passphrase_command` of the settings (run only by
//! commands that decrypt), else a prompt on the terminal without echo (the
//! TUI asks in its own unlock screen instead, see `tui/screens/unlock.rs`).

use std::io::IsTerminal;
use std::process::{Command, Stdio};

use age::secrecy::SecretString;

use super::keyfile::KeyError;

/// The passphrase, for tests and scripts.
pub const PASSPHRASE_ENV: &str = "MOTIVE_PASSPHRASE";
/// A new passphrase (`motive encrypt`, `motive passphrase`), for tests and scripts.
pub const NEW_PASSPHRASE_ENV: &str = "MOTIVE_NEW_PASSPHRASE";
/// The recovery key (`motive unlock --recovery`), for tests and scripts.
pub const RECOVERY_ENV: &str = "MOTIVE_RECOVERY_KEY";

/// A passphrase command's output longer than this is not a passphrase.
const MAX_COMMAND_OUTPUT: usize = 4096;

/// Whether a passphrase can be had without asking: from the environment,
/// the settings, or a terminal to prompt on.
#[must_use]
pub fn available(command: Option<&str>) -> bool {
    env_value(PASSPHRASE_ENV).is_some() || command.is_some() || std::io::stdin().is_terminal()
}

/// Whether the passphrase is given without a prompt: `MOTIVE_PASSPHRASE`
/// or `passphrase_command`. Otherwise it is asked for: on the terminal,
/// or in the TUI's unlock screen.
#[must_use]
pub fn given(command: Option<&str>) -> bool {
    env_value(PASSPHRASE_ENV).is_some() || command.is_some()
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The passphrase of an encrypted data dir.
///
/// # Errors
/// The command failed, or there is no terminal to ask on.
pub fn current(command: Option<&str>, dir: &std::path::Path) -> Result<SecretString, KeyError> {
    if let Some(value) = env_value(PASSPHRASE_ENV) {
        return Ok(SecretString::from(value));
    }
    if let Some(command) = command {
        return run_command(command);
    }
    prompt(&format!("Passphrase for {}: ", dir.display()))
}

/// A new passphrase: from `MOTIVE_NEW_PASSPHRASE` (or, for `motive
/// encrypt`, `MOTIVE_PASSPHRASE`), else asked twice on the terminal.
///
/// # Errors
/// No terminal, the two differ, or it is empty.
pub fn new(also_env: Option<&str>) -> Result<SecretString, KeyError> {
    if let Some(value) = env_value(NEW_PASSPHRASE_ENV).or_else(|| also_env.and_then(env_value)) {
        return Ok(SecretString::from(value));
    }
    let first = prompt("New passphrase: ")?;
    let again = prompt("The same passphrase again: ")?;
    use age::secrecy::ExposeSecret;
    if first.expose_secret() != again.expose_secret() {
        return Err(KeyError::Input(
            "the two passphrases differ; nothing changed".to_string(),
        ));
    }
    Ok(first)
}

/// The recovery key: from `MOTIVE_RECOVERY_KEY`, else asked on the terminal.
///
/// # Errors
/// No terminal to ask on.
pub fn recovery() -> Result<SecretString, KeyError> {
    if let Some(value) = env_value(RECOVERY_ENV) {
        return Ok(SecretString::from(value));
    }
    prompt("Recovery key (AGE-SECRET-KEY-1...): ")
}

/// Ask on the terminal, without echo. An empty answer is refused.
fn prompt(question: &str) -> Result<SecretString, KeyError> {
    if !std::io::stdin().is_terminal() {
        return Err(KeyError::Input(format!(
            "there is no terminal to ask for the passphrase; \
             set {PASSPHRASE_ENV}, or passphrase_command in config.toml"
        )));
    }
    let answer = rpassword::prompt_password(question)
        .map_err(|e| KeyError::Io(format!("cannot read the passphrase from the terminal: {e}")))?;
    if answer.is_empty() {
        return Err(KeyError::Input(
            "an empty passphrase; nothing done".to_string(),
        ));
    }
    Ok(SecretString::from(answer))
}

/// Run `passphrase_command` with `sh -c`; its first line of output is the
/// passphrase. Its standard error goes to ours (it may ask for a PIN).
fn run_command(command: &str) -> Result<SecretString, KeyError> {
    let output = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| KeyError::Io(format!("cannot run passphrase_command: {e}")))?;
    if !output.status.success() {
        return Err(KeyError::Input(format!(
            "passphrase_command failed ({}); nothing decrypted",
            output.status
        )));
    }
    if output.stdout.len() > MAX_COMMAND_OUTPUT {
        return Err(KeyError::Input(
            "passphrase_command printed more than a passphrase".to_string(),
        ));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| KeyError::Input("passphrase_command printed no UTF-8 text".to_string()))?;
    let line = text.lines().next().unwrap_or_default();
    if line.is_empty() {
        return Err(KeyError::Input(
            "passphrase_command printed an empty passphrase".to_string(),
        ));
    }
    Ok(SecretString::from(line.to_string()))
}
