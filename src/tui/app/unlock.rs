//! The app before and after the unlock screen: it starts there, with
//! nothing of the store read, and once the data dir is unlocked it goes on
//! exactly as if it had started unlocked.

use super::{App, Effect, Overview, Screen, Unlock};
use crate::tui::screens::unlock::Then;
use crate::tui::theme::Theme;

impl App {
    /// The app on the unlock screen: home is empty until the data dir is
    /// unlocked and read.
    #[must_use]
    pub fn locked(unlock: Unlock, theme: Theme) -> Self {
        let mut app = Self::new(Overview::default(), theme);
        app.screen = Screen::Unlock(unlock);
        app
    }

    /// The data dir is unlocked and `home` read: home, or for `motive
    /// check` the check-in, as when motive starts on a readable data dir.
    pub(super) fn on_unlocked(&mut self, home: Overview) -> Vec<Effect> {
        let then = match &self.screen {
            Screen::Unlock(u) => u.then,
            _ => Then::Home,
        };
        self.home = home;
        self.screen = Screen::Home;
        match then {
            Then::Home => vec![],
            Then::CheckIn => vec![Effect::Open],
        }
    }
}
