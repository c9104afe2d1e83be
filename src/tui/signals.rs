//! Ending by signal without losing a word: SIGTERM, SIGHUP, SIGINT and
//! SIGQUIT save the check-in in progress as a draft (with whatever the
//! user's editor has written so far), restore the terminal, and exit.
//!
//! A watcher thread, not the event loop, acts on them, because a hung-up
//! terminal can leave the loop stuck. SIGINT and SIGQUIT only arrive from
//! outside (raw mode reads Ctrl-C as a key), or from Ctrl-C in the user's
//! editor, which is the editor's to handle: while it runs they are ignored,
//! as `git commit` does.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use super::editor::{Editing, Handover, lock, read_capped};
use super::field::{from_editor, set_field};
use super::terminal;
use crate::checkin::CheckIn;
use crate::store::Store;

/// State the signal watcher shares with the event loop.
#[derive(Default)]
pub struct Shared {
    /// The check-in in progress, refreshed after every message.
    pub in_progress: Mutex<Option<CheckIn>>,
    /// Held while the terminal changes hands (to the user's editor and
    /// back, and at the end), so a signal never restores it half-way.
    pub terminal: Mutex<()>,
    /// The user's editor, while a field is out for editing.
    pub editing: Mutex<Option<Editing>>,
}

impl Shared {
    /// What the user's editor shares with the watcher.
    #[must_use]
    pub fn handover(&self) -> Handover<'_> {
        Handover {
            editing: &self.editing,
            terminal: &self.terminal,
        }
    }
}

/// Start the watcher: from now on those signals end motive through
/// [`Shared::end`], keeping the check-in in `store`'s draft.
pub fn watch(shared: &Arc<Shared>, store: Store) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let shared = Arc::clone(shared);
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let editor_running = lock(&shared.editing)
                .as_ref()
                .is_some_and(|e| e.pid.is_some());
            if editor_running && matches!(signal, SIGINT | SIGQUIT) {
                continue;
            }
            shared.end(&store, signal);
        }
    });
    Ok(())
}

impl Shared {
    /// A signal ends motive: keep the check-in in progress as a draft (with
    /// whatever the user's editor has written to its file so far), let a
    /// running editor end first, restore the terminal and exit.
    fn end(&self, store: &Store, signal: i32) -> ! {
        let _terminal = lock(&self.terminal);
        let mut draft = lock(&self.in_progress).clone();
        let editing = lock(&self.editing)
            .as_ref()
            .map(|e| (e.field, e.path.clone(), e.pid));
        if let Some((field, path, pid)) = editing {
            if let (Some(checkin), Ok(raw)) = (draft.as_mut(), read_capped(&path)) {
                set_field(checkin, field, from_editor(field, &raw).0);
            }
            if let Some(pid) = pid {
                self.stop_editor(pid, signal);
            }
        }
        if let Some(checkin) = draft {
            let _ = store.save_draft(&checkin);
        }
        terminal::restore();
        std::process::exit(128 + signal);
    }

    /// Pass the signal on to the editor and give it a moment to restore the
    /// terminal it holds.
    fn stop_editor(&self, pid: u32, signal: i32) {
        use nix::sys::signal::{Signal, kill};
        if let (Ok(pid), Ok(signal)) = (i32::try_from(pid), Signal::try_from(signal)) {
            let _ = kill(nix::unistd::Pid::from_raw(pid), signal);
        }
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline
            && lock(&self.editing)
                .as_ref()
                .is_some_and(|e| e.pid.is_some())
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
