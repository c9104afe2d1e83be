//! Ctrl-E: a text field in the user's own editor, as `git commit` does it:
//! a private temporary file, the editor run through the shell (so values
//! such as `code --wait` work), the screen handed over until it exits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::DefaultTerminal;
use tempfile::NamedTempFile;

use super::app::Msg;
use super::field::Field;
use super::terminal;
use crate::store::regular::{self, Links, ReadError};

/// A field out in the user's editor.
pub struct Editing {
    pub field: Field,
    /// The file the editor was given.
    pub path: PathBuf,
    /// The editor's process, until it has exited.
    pub pid: Option<u32>,
}

/// What the editor shares with the signal watcher: the field out for
/// editing, and the terminal, held while it changes hands.
#[derive(Clone, Copy)]
pub struct Handover<'a> {
    pub editing: &'a Mutex<Option<Editing>>,
    pub terminal: &'a Mutex<()>,
}

/// A lock that a panic elsewhere does not make unusable: what it guards is
/// still the best there is.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Hand `text` to `editor` for `field`; the answer is what it wrote, or why
/// not. `file` keeps the temporary file until its text is in the check-in,
/// so a signal meanwhile still finds it.
pub fn edit(
    shared: Handover<'_>,
    file: &mut Option<NamedTempFile>,
    screen: &mut DefaultTerminal,
    editor: &str,
    field: Field,
    text: &str,
) -> Msg {
    let written = tempfile::Builder::new()
        .prefix("motive-")
        .suffix(".md")
        .tempfile()
        .and_then(|mut file| {
            let mut contents = text.to_string();
            if !contents.is_empty() {
                contents.push('\n');
            }
            file.write_all(contents.as_bytes())?;
            file.as_file().sync_all()?;
            Ok(file)
        });
    let written = match written {
        Ok(written) => written,
        Err(e) => {
            return Msg::EditFailed(format!(
                "Could not hand the text to your editor ({e}); it is unchanged."
            ));
        }
    };
    let path = written.path().to_path_buf();
    *file = Some(written);
    *lock(shared.editing) = Some(Editing {
        field,
        path: path.clone(),
        pid: None,
    });
    match run(shared, screen, editor, &path) {
        Ok(status) if status.success() => match read_capped(&path) {
            Ok(text) => Msg::Edited { field, text },
            Err(e) => Msg::EditFailed(format!(
                "Could not read back what your editor wrote ({e}); the text is unchanged."
            )),
        },
        Ok(status) => Msg::EditFailed(match status.code() {
            Some(127) => format!(
                "Your editor ({editor}) was not found (exit status 127); the text is unchanged."
            ),
            Some(code) => {
                format!("Your editor ({editor}) exited with status {code}; the text is unchanged.")
            }
            None => format!("Your editor ({editor}) was stopped; the text is unchanged."),
        }),
        Err(e) => Msg::EditFailed(format!(
            "Could not start your editor ({editor}): {e}; the text is unchanged."
        )),
    }
}

/// Leave the screen to the editor, wait for it, take the screen back.
fn run(
    shared: Handover<'_>,
    screen: &mut DefaultTerminal,
    editor: &str,
    path: &Path,
) -> std::io::Result<std::process::ExitStatus> {
    {
        let _terminal = lock(shared.terminal);
        terminal::suspend()?;
    }
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("motive-editor")
        .arg(path)
        .spawn()
        .and_then(|mut child| {
            if let Some(editing) = lock(shared.editing).as_mut() {
                editing.pid = Some(child.id());
            }
            // Polled rather than waited on, so that the lock above is
            // free for the signal watcher while the editor runs.
            loop {
                if let Some(status) = child.try_wait()? {
                    return Ok(status);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
    if let Some(editing) = lock(shared.editing).as_mut() {
        editing.pid = None;
    }
    {
        let _terminal = lock(shared.terminal);
        terminal::resume()?;
    }
    // Whatever the editor left on screen is not what ratatui thinks is there.
    screen.clear()?;
    status
}

/// A file the user's editor wrote, if it is no larger than a check-in may
/// be (and a regular file: a FIFO put in its place cannot hang us).
pub fn read_capped(path: &Path) -> std::io::Result<String> {
    match regular::read(path, crate::store::MAX_SNAPSHOT_BYTES, Links::Follow) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(ReadError::TooLarge { len }) => Err(std::io::Error::other(format!(
            "{len} bytes is more than a check-in can hold"
        ))),
        Err(ReadError::Io(e)) => Err(e),
    }
}
