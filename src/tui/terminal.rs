//! Taking the terminal over and giving it back: raw mode, the alternate
//! screen, mouse reports, and the cursor, on every way out.

use std::io::Write;

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, execute};

/// Mouse reports: clicks and the wheel (1000), in the SGR encoding (1006).
/// Not crossterm's `EnableMouseCapture`, which also asks for every movement
/// (1003): nothing here uses those, and each would cost a redraw.
struct EnableMouse;

impl Command for EnableMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Raw mode, the alternate screen, mouse reports and bracketed paste (a
/// paste arrives as one event, not as thousands of keys); on failure the
/// terminal is given back before the error is returned.
pub fn take_over() -> std::io::Result<DefaultTerminal> {
    let modes = |t| execute!(std::io::stdout(), EnableMouse, EnableBracketedPaste).map(|()| t);
    match ratatui::try_init().and_then(modes) {
        Ok(terminal) => Ok(terminal),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// Give the terminal back as it was: mouse reports and bracketed paste off
/// (every mouse mode crossterm knows), raw mode off, the main screen back,
/// the cursor shown.
pub fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
    let _ = execute!(std::io::stdout(), Show);
    let _ = std::io::stdout().flush();
}

/// Hand the terminal to another program (the user's editor) for a while.
pub fn suspend() -> std::io::Result<()> {
    execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen
    )?;
    disable_raw_mode()
}

/// Take the terminal back after [`suspend`].
pub fn resume() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        EnterAlternateScreen,
        EnableMouse,
        EnableBracketedPaste
    )
}

/// ratatui's panic hook restores the terminal; this one also releases the
/// mouse and shows the cursor.
pub fn restore_on_panic() {
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
        let _ = execute!(std::io::stdout(), Show);
    }));
}
