//! The interactive face: the home screen, the guided check-in, looking back.
//!
//! The state and the pure `update` are in `app` (and each screen's file in
//! `screens/`), drawing in `view`, keys in `keys`, geometry in `layout`.
//! This file is the small driver around them: it reads the environment,
//! takes the terminal over, feeds events to `update`, and has `perform` do
//! the effects that `update` asks for.

pub mod app;
pub mod check_start;
pub mod editor;
pub mod effect;
pub mod field;
pub mod keys;
pub mod layout;
pub mod names;
pub mod overlay;
pub mod overview;
pub mod perform;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod theme;
pub mod verdict;
pub mod view;
pub mod widgets;
pub mod year_ago;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};

use crate::bank;
use crate::config::{Config, DimensionColors};
use crate::exit;
use crate::store::Store;
use app::{App, Effect, Msg, Screen, TICK_MS, Unlock};
use editor::lock;
use perform::Driver;
use screens::unlock::{State, Then};
use signals::Shared;
use theme::Theme;

/// How to run the TUI, as `main` gathered it from the command line and the
/// settings file.
#[derive(Debug, Clone)]
pub struct Options {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
    pub config: Config,
    /// Draw in colour (decided once from `--color`, the terminal and `NO_COLOR`).
    pub color: bool,
    /// Go straight into a check-in (`motive check`) instead of home.
    pub check: Option<Check>,
    /// The data dir is encrypted and its passphrase is asked on the unlock
    /// screen first (see `commands::unlock::for_screen`); `Err` says why
    /// its key file cannot be unlocked at all.
    pub locked: Option<Result<(), String>>,
}

/// `motive check`: the bank (else the settings' default) and a label.
#[derive(Debug, Clone, Default)]
pub struct Check {
    pub bank: Option<String>,
    pub label: Option<String>,
}

/// Open the home screen, or go straight into a check-in.
pub fn run(options: Options) -> color_eyre::Result<ExitCode> {
    let Options {
        data_dir,
        config_dir,
        config,
        color,
        check,
        locked,
    } = options;
    // A bad --bank is a plain one-line error, before the screen is taken over.
    let bank = match &check {
        Some(c) => {
            match bank::resolve::resolve(c.bank.as_deref().unwrap_or(config.bank()), &config_dir) {
                Ok(bank) => Some(bank),
                Err(diagnostics) => {
                    for d in diagnostics {
                        eprintln!("motive: {d}");
                    }
                    if c.bank.is_none() && config.bank.is_some() {
                        let file = Config::path_in(&config_dir);
                        eprintln!(
                            "motive: (that bank is the `bank` setting in {})",
                            file.display()
                        );
                    }
                    return Ok(ExitCode::from(exit::INPUT));
                }
            }
        }
        None => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "motive: the check-in and home screens need a terminal; in scripts use the plain commands (motive list, show, compare, export, due; see motive --help)"
        );
        return Ok(ExitCode::from(exit::INPUT));
    }
    // Colour was decided with NO_COLOR and --color in mind. Left alone,
    // crossterm would drop colours under NO_COLOR (ignoring --color always)
    // and also reset the reverse/bold that shows the monochrome highlight.
    ratatui::crossterm::style::force_color_output(true);
    let shared = Arc::new(Shared::default());
    let mut driver = Driver {
        shared: Arc::clone(&shared),
        edit_file: None,
        store: Store::read_only(&data_dir),
        config_dir,
        bank,
        default_bank: config.bank().to_owned(),
        schedule: config.schedule(None),
        label: check.as_ref().and_then(|c| c.label.clone()),
        lock: None,
        now: crate::clock::now,
        drafts_saved: 0,
        told: None,
        first_draft: None,
    };
    if let Some(warning) = driver.store.privacy_warning() {
        eprintln!("motive: {warning}");
    }
    let colors: DimensionColors = config.dimension_colors();
    let theme = Theme::new(color, colors);
    let then = if check.is_some() {
        Then::CheckIn
    } else {
        Then::Home
    };
    let mut app = first_screen(&driver, locked, then, theme);
    app.editor = editor_command();
    app.home_dir = std::env::var_os("HOME").map(PathBuf::from);
    app.work_dir = std::env::current_dir().ok();
    app.brief_include = config.brief_include.clone();

    signals::watch(&shared, driver.store.clone())?;
    let mut screen = {
        let _terminal = lock(&shared.terminal);
        match terminal::take_over() {
            Ok(screen) => screen,
            Err(e) => {
                eprintln!("motive: cannot take over the terminal: {e}");
                return Ok(ExitCode::from(exit::SYSTEM));
            }
        }
    };
    terminal::restore_on_panic();
    let start_check_in = check.is_some() && !matches!(app.screen, Screen::Unlock(_));
    let result = event_loop(&mut screen, &mut app, &mut driver, start_check_in);
    if result.is_err() {
        // The terminal failed under us: keep what was typed before reporting it.
        if let Screen::Flow(flow) = &app.screen {
            let _ = driver.store.save_draft(&flow.checkin);
        }
    }
    let _terminal = lock(&shared.terminal);
    terminal::restore();
    result
}

/// Where the app opens: on the unlock screen with nothing of the store
/// read when the data dir is `locked` (it goes on to home, or the
/// check-in, once unlocked: see `App::on_unlocked`), else on home with its
/// overview read.
fn first_screen(
    driver: &Driver,
    locked: Option<Result<(), String>>,
    then: Then,
    theme: Theme,
) -> App {
    match locked {
        Some(usable) => App::locked(Unlock::new(driver.store.root(), then, usable), theme),
        // `motive check` reads home in full after its first frame.
        None => App::new(
            check_start::first_home(driver, matches!(then, Then::CheckIn)),
            theme,
        ),
    }
}

/// The user's editor as a shell command: `$VISUAL`, else `$EDITOR`.
fn editor_command() -> Option<String> {
    ["VISUAL", "EDITOR"].into_iter().find_map(|var| {
        std::env::var(var)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

fn event_loop(
    screen: &mut DefaultTerminal,
    app: &mut App,
    driver: &mut Driver,
    start_check_in: bool,
) -> color_eyre::Result<ExitCode> {
    let size = screen.size()?;
    app.update(Msg::Resize {
        width: size.width,
        height: size.height,
    });
    if start_check_in {
        driver.perform_all(screen, app, vec![Effect::Open]);
    }
    // Whether the frame may have changed since it was last drawn.
    let mut changed = true;
    // `motive check` reads home in full only once its first frame is drawn.
    let mut home_waits = start_check_in;
    loop {
        if changed {
            driver.remember(app);
            screen.draw(|frame| view::view(app, frame))?;
        }
        // A check-in just begun on screen: its start-up check and first
        // draft, before any key is read.
        if let Some(redraw) = check_start::after_first_frame(driver, screen, app) {
            changed = redraw;
            continue;
        }
        if home_waits {
            check_start::load_home(driver, app);
            home_waits = false;
        }
        let msg = if event::poll(Duration::from_millis(TICK_MS))? {
            match event::read()? {
                Event::Key(key) if key.is_press() => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Mouse(mouse) => Msg::Mouse(mouse),
                Event::Resize(width, height) => Msg::Resize { width, height },
                _ => {
                    changed = true; // the rest: redraw
                    continue;
                }
            }
        } else {
            Msg::Tick
        };
        let idle = matches!(msg, Msg::Tick);
        let effects = app.update(msg);
        // A tick only counts down to saving the draft; until it asks for
        // something, nothing on screen changed and nothing is drawn.
        changed = !(idle && effects.is_empty());
        driver.perform_all(screen, app, effects);
        if app.quit {
            // Leaving from "the check-in cannot start" or "this data dir
            // cannot be unlocked" is a failure for scripts; leaving answers that are not on disk, the machine's.
            return Ok(if app.lost {
                ExitCode::from(exit::SYSTEM)
            } else if matches!(app.screen, Screen::Notice(_))
                || matches!(&app.screen, Screen::Unlock(u) if matches!(u.state, State::Cannot(_)))
            {
                ExitCode::from(exit::INPUT)
            } else {
                ExitCode::SUCCESS
            });
        }
    }
}
