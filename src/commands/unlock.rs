//! Unlocking an encrypted data dir: before every command that reads or
//! writes check-ins ([`for_command`]), before the TUI ([`for_screen`]) and
//! with what its unlock screen was given ([`with_typed`]), `motive unlock` (check the
//! passphrase, or set a new one with the recovery key) and `motive
//! passphrase` (re-lock the key file with a new passphrase).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use age::secrecy::{ExposeSecret, SecretString};

use super::{Ctx, Error};
use crate::cli::UnlockArgs;
use crate::config::Config;
use crate::crypt::keyfile::{self, KeyError, Secret};
use crate::crypt::{Keys, passphrase, session};
use crate::store::atomic::Mode;
use crate::store::{LockError, Store, WriterLock};

impl From<KeyError> for Error {
    fn from(e: KeyError) -> Self {
        Self {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

/// How a command that reads check-ins finds an encrypted data dir.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Plain: nothing to unlock.
    Plain,
    /// Unlocked for this process.
    Unlocked,
    /// Left locked: no passphrase could be had without asking, and the
    /// command can do with file names.
    Locked,
}

/// Unlock the data dir for a command that reads or writes what it holds.
/// When `names_will_do` and no passphrase can be had without a terminal,
/// it is left locked instead of failing.
///
/// # Errors
/// Wrong passphrase, a missing or damaged key file, no way to ask.
pub fn for_command(data_dir: &Path, config: &Config, names_will_do: bool) -> Result<Access, Error> {
    if !keyfile::is_encrypted(data_dir) {
        return Ok(Access::Plain);
    }
    if session::keys().is_some() {
        return Ok(Access::Unlocked);
    }
    let command = config.passphrase_command.as_deref();
    if names_will_do && !passphrase::available(command) {
        return Ok(Access::Locked);
    }
    session::set(unlock_dir(data_dir, config)?);
    Ok(Access::Unlocked)
}

/// What the TUI must do about the data dir before it reads anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForScreen {
    /// Plain, or unlocked already: the TUI starts as usual.
    Ready,
    /// Encrypted, and no passphrase is given without asking: the TUI asks
    /// in its unlock screen. `Err` holds why the key file cannot be
    /// unlocked at all (missing, damaged), to say there instead.
    Ask(Result<(), String>),
}

/// Before the TUI takes the screen: unlock with `MOTIVE_PASSPHRASE` or
/// `passphrase_command` exactly as [`for_command`] does; when neither is
/// given and there is a terminal, leave the asking to the TUI.
///
/// # Errors
/// As [`for_command`]: a wrong passphrase from the environment or the
/// command, the command failing, a missing or damaged key file.
pub fn for_screen(data_dir: &Path, config: &Config) -> Result<ForScreen, Error> {
    let asks_here = keyfile::is_encrypted(data_dir)
        && session::keys().is_none()
        && !passphrase::given(config.passphrase_command.as_deref())
        && std::io::stdin().is_terminal();
    if asks_here {
        let usable = keyfile::check(data_dir).map_err(|e| e.to_string());
        return Ok(ForScreen::Ask(usable));
    }
    for_command(data_dir, config, false).map(|_| ForScreen::Ready)
}

/// What the TUI's unlock screen was given: the passphrase or the recovery key.
pub enum Typed {
    Passphrase(SecretString),
    Recovery(SecretString),
}

/// Unlock the data dir at `data_dir` with what was typed, for the rest of
/// this process: one scrypt for a passphrase, none for the recovery key.
///
/// # Errors
/// [`KeyError::Wrong`] for a wrong passphrase or recovery key (worth
/// typing again); otherwise a missing or damaged key file.
pub fn with_typed(data_dir: &Path, typed: Typed) -> Result<(), KeyError> {
    let secret = match typed {
        Typed::Passphrase(text) => Secret::Passphrase(text),
        Typed::Recovery(text) => Secret::recovery(text.expose_secret())?,
    };
    session::set(keyfile::unlock(data_dir, &secret)?);
    Ok(())
}

/// The data dir's key, unlocked with the passphrase from wherever it comes.
///
/// # Errors
/// As [`keyfile::unlock`], or the passphrase cannot be had.
pub fn unlock_with_passphrase(ctx: &Ctx<'_>) -> Result<Keys, Error> {
    unlock_dir(&ctx.data_dir, &ctx.config)
}

fn unlock_dir(data_dir: &Path, config: &Config) -> Result<Keys, Error> {
    let command = config.passphrase_command.as_deref();
    let secret = passphrase::current(command, data_dir)?;
    Ok(keyfile::unlock(data_dir, &Secret::Passphrase(secret))?)
}

/// Take the writer lock for `what` (a key change, a conversion).
///
/// # Errors
/// Another motive writes, or the data dir cannot be used.
pub fn writer_lock(store: &Store, what: &str) -> Result<WriterLock, Error> {
    store.lock(what).map_err(|e| match e {
        LockError::Busy { .. } => Error::input(format!("cannot {what} now: {e}")),
        LockError::Store(e) => e.into(),
    })
}

fn require_encrypted(ctx: &Ctx<'_>) -> Result<(), Error> {
    if keyfile::is_encrypted(&ctx.data_dir) {
        Ok(())
    } else {
        Err(Error::input(format!(
            "{} is not encrypted (no {}); `motive encrypt` encrypts it",
            ctx.data_dir.display(),
            keyfile::KEY_FILE
        )))
    }
}

/// `motive unlock [--recovery]`.
///
/// # Errors
/// Wrong passphrase or recovery key, a missing or damaged key file.
pub fn run(args: &UnlockArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    if !args.recovery {
        require_encrypted(ctx)?;
        unlock_with_passphrase(ctx)?;
        writeln!(ctx.out, "the passphrase opens {}", ctx.data_dir.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = passphrase::recovery()?;
    let keys = keyfile::unlock(&ctx.data_dir, &Secret::recovery(text.expose_secret())?)?;
    let store = Store::read_only(&ctx.data_dir);
    let _lock = writer_lock(&store, "set a new passphrase")?;
    let new = passphrase::new(None)?;
    keyfile::lock(&ctx.data_dir, &keys, &new, Mode::Replace)?;
    writeln!(
        ctx.out,
        "the recovery key opened the data dir's key; {} is now locked with the new passphrase",
        keyfile::key_path(&ctx.data_dir).display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `motive passphrase`: re-lock `key.age` with a new passphrase; no
/// check-in is rewritten.
///
/// # Errors
/// The current passphrase is wrong, or the key file cannot be written.
pub fn change(ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    require_encrypted(ctx)?;
    let store = Store::read_only(&ctx.data_dir);
    let _lock = writer_lock(&store, "change the passphrase")?;
    let keys = unlock_with_passphrase(ctx)?;
    let new = passphrase::new(None)?;
    keyfile::lock(&ctx.data_dir, &keys, &new, Mode::Replace)?;
    writeln!(
        ctx.out,
        "{} is locked with the new passphrase; nothing else changed",
        keyfile::key_path(&ctx.data_dir).display()
    )?;
    Ok(ExitCode::SUCCESS)
}
