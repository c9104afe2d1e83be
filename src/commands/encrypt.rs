//! `motive encrypt` and `motive decrypt`: convert the data dir under the
//! writer lock, file by file (see [`crate::store::convert`]).

use std::process::ExitCode;

use super::unlock::{unlock_with_passphrase, writer_lock};
use super::{Ctx, Error};
use crate::cli::EncryptArgs;
use crate::crypt::{keyfile, passphrase, session};
use crate::store::Store;
use crate::text::count;

/// `motive encrypt [--trash]`: a new key (or the existing one, to resume or
/// to adopt plain files that arrived), then every plain file sealed.
///
/// # Errors
/// Wrong passphrase, or a file cannot be converted (the rest stay as they are).
pub fn run(args: &EncryptArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::open(&ctx.data_dir)?;
    let lock = writer_lock(&store, "encrypt")?;
    let fresh = !keyfile::is_encrypted(&ctx.data_dir);
    let keys = if fresh {
        let new = passphrase::new(Some(passphrase::PASSPHRASE_ENV))?;
        store.start_conversion(&lock, "encrypt")?;
        let (keys, recovery) = keyfile::create(&ctx.data_dir, &new)?;
        writeln!(
            ctx.out,
            "Your recovery key, shown once. Write it down; keep it away from this computer:\n\n  {}\n\n\
             It opens every file if the passphrase is lost: `motive unlock --recovery`, or\n\
             `age -d -i <file holding it> <file>.age`.",
            keyfile::recovery_text(&recovery)
        )?;
        ctx.out.flush()?;
        keys
    } else {
        let keys = unlock_with_passphrase(ctx)?;
        store.start_conversion(&lock, "encrypt")?;
        keys
    };
    let done = store.seal_all(&lock, &keys, args.trash)?;
    store.finish_conversion(&lock)?;
    session::set(keys);
    let files = count(done.files, "file", "files");
    let dir = ctx.data_dir.display();
    writeln!(
        ctx.out,
        "{dir} encrypted: {files} sealed with age by this run"
    )?;
    ctx.out.flush()?;
    warn_old_copies(ctx, done.plain_in_trash)?;
    Ok(ExitCode::SUCCESS)
}

/// Plain copies that encrypting the data dir cannot reach.
fn warn_old_copies(ctx: &mut Ctx<'_>, plain_in_trash: usize) -> Result<(), Error> {
    writeln!(
        ctx.err,
        "warning: older plain copies may survive in git history, Syncthing versions and backups"
    )?;
    if plain_in_trash > 0 {
        let files = count(plain_in_trash, "plain file", "plain files");
        writeln!(
            ctx.err,
            "warning: trash/ holds {files}; `motive encrypt --trash` encrypts them"
        )?;
    }
    Ok(())
}

/// `motive decrypt`: every sealed file back to plain, then the key files removed.
///
/// # Errors
/// Wrong passphrase, or a file cannot be converted (the rest stay as they are).
pub fn decrypt(ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let interrupted = crate::store::convert::is_converting(&ctx.data_dir);
    if !keyfile::is_encrypted(&ctx.data_dir) && !interrupted {
        return Err(Error::input(format!(
            "{} is not encrypted; nothing to decrypt",
            ctx.data_dir.display()
        )));
    }
    let store = Store::open(&ctx.data_dir)?;
    let lock = writer_lock(&store, "decrypt")?;
    let done = if keyfile::is_encrypted(&ctx.data_dir) {
        let keys = unlock_with_passphrase(ctx)?;
        store.start_conversion(&lock, "decrypt")?;
        store.open_all(&lock, &keys)?
    } else {
        // Killed after the key file went: every file is plain already.
        crate::store::convert::Converted::default()
    };
    for path in [
        keyfile::key_path(&ctx.data_dir),
        keyfile::recovery_path(&ctx.data_dir),
    ] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::system(format!(
                    "cannot remove {}: {e}",
                    path.display()
                )));
            }
            _ => {}
        }
    }
    store.finish_conversion(&lock)?;
    let files = count(done.files, "file", "files");
    let dir = ctx.data_dir.display();
    writeln!(
        ctx.out,
        "{dir} decrypted: {files} back to plain text; the key files are removed"
    )?;
    Ok(ExitCode::SUCCESS)
}
