//! The unlock screen through the app's own `update` (no terminal): what
//! Enter, Tab and the driver's answers do, and its frames at 80x24 and
//! 60x20 (text snapshots), where the typed text must never show.

use std::path::Path;

use insta::assert_snapshot;
use motive::tui::app::{App, Effect, Msg, Overview, Screen, Unlock};
use motive::tui::keys::Context;
use motive::tui::screens::unlock::{Entered, Secret, State, Then};
use motive::tui::theme::Theme;
use motive::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TYPED: &str = "hunter2 staple";

fn locked(then: Then) -> App {
    App::locked(
        Unlock::new(Path::new("/home/ana/.local/share/motive"), then, Ok(())),
        Theme::monochrome(),
    )
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn unlock(app: &App) -> &Unlock {
    match &app.screen {
        Screen::Unlock(u) => u,
        other => panic!("not on the unlock screen: {other:?}"),
    }
}

fn frame(app: &App, width: u16, height: u16) -> String {
    let mut app = app.clone();
    app.update(Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| view(&app, f)).expect("draw");
    let text = terminal.backend().to_string();
    assert!(!text.contains("hunter"), "typed text drawn:\n{text}");
    assert!(!text.contains("staple"), "typed text drawn:\n{text}");
    text
}

fn wrong_once() -> App {
    let mut app = locked(Then::Home);
    typed(&mut app, TYPED);
    press(&mut app, KeyCode::Enter);
    app.update(Msg::UnlockFailed {
        wrong: true,
        message: "wrong passphrase for /home/ana/.local/share/motive/key.age".into(),
    });
    app
}

#[test]
fn enter_hands_the_typed_passphrase_to_the_driver_and_shows_unlocking() {
    let mut app = locked(Then::Home);
    assert_eq!(app.context(), Context::Unlock);
    // q and ? are text here: they type, they do not quit or open the help.
    typed(&mut app, "q?");
    assert!(!app.quit);
    assert!(app.overlay.is_none());
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    typed(&mut app, TYPED);
    assert_eq!(unlock(&app).typed_chars(), TYPED.chars().count());
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Unlock(Entered {
            secret: Secret::Passphrase,
            text: TYPED.into(),
        })]
    );
    assert_eq!(unlock(&app).state, State::Unlocking(TYPED.chars().count()));
    assert_eq!(unlock(&app).typed_chars(), 0);
}

#[test]
fn tab_switches_to_the_recovery_key_and_the_footer_says_so() {
    let mut app = locked(Then::Home);
    typed(&mut app, "abc");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.context(), Context::UnlockRecovery);
    assert_eq!(unlock(&app).typed_chars(), 0);
    typed(&mut app, "AGE-SECRET-KEY-1QQ");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(
            &effects[..],
            [Effect::Unlock(Entered {
                secret: Secret::Recovery,
                ..
            })]
        ),
        "{effects:?}"
    );
    let text = frame(&app, 80, 24);
    assert!(text.contains("Recovery key"), "{text}");
    let mut app = locked(Then::Home);
    let text = frame(&app, 80, 24);
    assert!(text.contains("Tab recovery key"), "{text}");
    press(&mut app, KeyCode::Tab);
    let text = frame(&app, 80, 24);
    assert!(text.contains("Tab passphrase"), "{text}");
}

#[test]
fn a_wrong_passphrase_says_so_empties_the_field_and_takes_another_try() {
    let mut app = wrong_once();
    assert!(!app.quit);
    let u = unlock(&app);
    assert_eq!(u.state, State::Typing);
    assert_eq!(u.typed_chars(), 0);
    assert_eq!(u.tries, 1);
    let text = frame(&app, 80, 24);
    assert!(text.contains("Wrong passphrase for"), "{text}");
    typed(&mut app, "right");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects.len(), 1, "{effects:?}");
}

#[test]
fn unlocked_goes_home_or_straight_into_the_check_in() {
    let mut app = locked(Then::Home);
    typed(&mut app, "pw");
    press(&mut app, KeyCode::Enter);
    let home = Overview::new(
        Vec::new(),
        "Your first check-in is ready when you are.".into(),
    );
    let effects = app.update(Msg::Unlocked { home: home.clone() });
    assert!(matches!(app.screen, Screen::Home));
    assert_eq!(app.home, home);
    assert!(effects.is_empty(), "{effects:?}");

    let mut app = locked(Then::CheckIn);
    typed(&mut app, "pw");
    press(&mut app, KeyCode::Enter);
    let effects = app.update(Msg::Unlocked { home });
    assert!(matches!(app.screen, Screen::Home));
    assert_eq!(effects, vec![Effect::Open]);
}

#[test]
fn a_damaged_key_file_is_said_and_q_quits() {
    let mut app = App::locked(
        Unlock::new(
            Path::new("/data"),
            Then::Home,
            Err("/data/key.age: damaged, not a key file motive wrote; restore it from a copy of the data dir".into()),
        ),
        Theme::monochrome(),
    );
    assert_eq!(app.context(), Context::UnlockCannot);
    let text = frame(&app, 80, 24);
    assert!(text.contains("/data/key.age: damaged"), "{text}");
    // Typing does nothing here; q quits, as a failure for scripts.
    typed(&mut app, "abc");
    assert_eq!(unlock(&app).typed_chars(), 0);
    let effects = press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn a_missing_key_file_leaves_the_recovery_key_to_try() {
    let mut app = App::locked(
        Unlock::new(
            Path::new("/data"),
            Then::Home,
            Err("the key file /data/key.age is missing".into()),
        ),
        Theme::monochrome(),
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.context(), Context::UnlockRecovery);
    assert_eq!(unlock(&app).state, State::Typing);
    typed(&mut app, "AGE-SECRET-KEY-1QQ");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects.len(), 1, "{effects:?}");
}

#[test]
fn esc_quits_the_unlock_screen() {
    let mut app = locked(Then::Home);
    typed(&mut app, "pw");
    let effects = press(&mut app, KeyCode::Esc);
    assert!(app.quit);
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn frames_empty() {
    let app = locked(Then::Home);
    assert_snapshot!("empty_80x24", frame(&app, 80, 24));
    assert_snapshot!("empty_60x20", frame(&app, 60, 20));
}

#[test]
fn frames_typed_masked() {
    let mut app = locked(Then::Home);
    typed(&mut app, TYPED);
    assert_snapshot!("typed_80x24", frame(&app, 80, 24));
    assert_snapshot!("typed_60x20", frame(&app, 60, 20));
}

#[test]
fn frames_unlocking() {
    let mut app = locked(Then::Home);
    typed(&mut app, TYPED);
    press(&mut app, KeyCode::Enter);
    assert_snapshot!("unlocking_80x24", frame(&app, 80, 24));
    assert_snapshot!("unlocking_60x20", frame(&app, 60, 20));
}

#[test]
fn frames_wrong_passphrase() {
    let mut app = wrong_once();
    typed(&mut app, "again");
    assert_snapshot!("wrong_80x24", frame(&app, 80, 24));
    assert_snapshot!("wrong_60x20", frame(&app, 60, 20));
}

#[test]
fn frames_cannot_unlock() {
    let app = App::locked(
        Unlock::new(
            Path::new("/home/ana/.local/share/motive"),
            Then::Home,
            Err("the key file /home/ana/.local/share/motive/key.age is missing, so nothing in this data dir can be decrypted; restore it from a copy of the data dir, or use `motive unlock --recovery`".into()),
        ),
        Theme::monochrome(),
    );
    assert_snapshot!("cannot_80x24", frame(&app, 80, 24));
    assert_snapshot!("cannot_60x20", frame(&app, 60, 20));
}

#[test]
fn too_small_says_so_and_q_quits() {
    let mut app = locked(Then::Home);
    app.update(Msg::Resize {
        width: 50,
        height: 15,
    });
    let text = {
        let mut terminal = Terminal::new(TestBackend::new(50, 15)).expect("terminal");
        terminal.draw(|f| view(&app, f)).expect("draw");
        terminal.backend().to_string()
    };
    assert!(text.contains("Terminal too small"), "{text}");
    typed(&mut app, "x");
    assert_eq!(
        unlock(&app).typed_chars(),
        0,
        "keys wait until it is larger"
    );
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}
