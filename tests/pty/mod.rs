//! A pseudo-terminal harness: runs the real `motive` binary in a PTY, feeds it
//! keys, and reads the screen through a vt100 emulator.
//!
//! Waits are on screen predicates with a deadline, never fixed sleeps.

#![allow(dead_code)] // each test binary uses a different part of the harness

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any wait may take before the test fails with the screen printed.
const DEADLINE: Duration = Duration::from_secs(30);

/// A private temporary place for one test: a data dir and a config dir
/// (neither created yet, as on a first run) and a `bin/` for stand-in
/// programs.
pub struct Dirs {
    root: tempfile::TempDir,
    pub data: PathBuf,
    pub config: PathBuf,
    pub bin: PathBuf,
}

pub fn dirs() -> Dirs {
    let root = tempfile::tempdir().expect("tempdir");
    let bin = root.path().join("bin");
    std::fs::create_dir(&bin).expect("bin dir");
    Dirs {
        data: root.path().join("data"),
        config: root.path().join("config"),
        bin,
        root,
    }
}

impl Dirs {
    /// The root (kept until it is dropped), the data dir, the config dir.
    pub fn into_parts(self) -> (tempfile::TempDir, PathBuf, PathBuf) {
        (self.root, self.data, self.config)
    }
}

/// Keys as a terminal in raw mode sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const BACKTAB: &str = "\x1b[Z";
    pub const ESC: &str = "\x1b";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
}

/// What the child process sees: its arguments and environment.
pub struct Spawn<'a> {
    pub args: Vec<&'a str>,
    pub data_dir: &'a Path,
    pub config_dir: &'a Path,
    pub no_color: bool,
    pub size: (u16, u16),
    /// Extra environment variables.
    pub env: Vec<(&'a str, &'a str)>,
    /// The working directory (default: the test's own).
    pub cwd: Option<&'a Path>,
}

impl<'a> Spawn<'a> {
    pub fn new(data_dir: &'a Path, config_dir: &'a Path) -> Self {
        Self {
            args: Vec::new(),
            data_dir,
            config_dir,
            no_color: false,
            size: (24, 80),
            env: Vec::new(),
            cwd: None,
        }
    }

    pub fn args(mut self, args: &[&'a str]) -> Self {
        self.args = args.to_vec();
        self
    }

    pub fn no_color(mut self) -> Self {
        self.no_color = true;
        self
    }
}

pub struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    exited: bool,
    /// Every byte the program wrote to the terminal so far.
    received: Arc<AtomicUsize>,
}

impl Term {
    pub fn spawn(spec: &Spawn<'_>) -> Self {
        let (rows, cols) = spec.size;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_motive"));
        cmd.args(&spec.args);
        cmd.env_clear();
        for var in ["PATH", "HOME", "LANG"] {
            if let Some(value) = std::env::var_os(var) {
                cmd.env(var, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        if let Some(dir) = spec.cwd {
            cmd.cwd(dir);
        }
        cmd.env("MOTIVE_DATA_DIR", spec.data_dir);
        cmd.env("MOTIVE_CONFIG_DIR", spec.config_dir);
        if spec.no_color {
            cmd.env("NO_COLOR", "1");
        }
        for (key, value) in &spec.env {
            cmd.env(key, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("spawn motive in the pty");
        drop(pair.slave);

        let rows_nz = NonZeroU16::new(rows).expect("rows > 0");
        let cols_nz = NonZeroU16::new(cols).expect("cols > 0");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows_nz, cols_nz, 0)));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let received = Arc::new(AtomicUsize::new(0));
        {
            let received = Arc::clone(&received);
            let parser = Arc::clone(&parser);
            let writer = Arc::clone(&writer);
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            received.fetch_add(n, Ordering::SeqCst);
                            let bytes = &buf[..n];
                            let mut parser = parser.lock().expect("parser lock");
                            parser.process(bytes);
                            // crossterm asks where the cursor is and waits for the answer.
                            if contains(bytes, b"\x1b[6n") {
                                let (row, col) = parser.screen().cursor_position();
                                let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                                let _ = writer
                                    .lock()
                                    .expect("writer lock")
                                    .write_all(answer.as_bytes());
                            }
                        }
                    }
                }
            });
        }
        Self {
            parser,
            writer,
            master: pair.master,
            child,
            exited: false,
            received,
        }
    }

    /// How many bytes the program has written to the terminal so far.
    pub fn bytes_received(&self) -> usize {
        self.received.load(Ordering::SeqCst)
    }

    /// Type keys or text.
    pub fn send(&self, keys: &str) {
        let mut writer = self.writer.lock().expect("writer lock");
        writer.write_all(keys.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// The screen as text, one line per row.
    pub fn text(&self) -> String {
        self.parser.lock().expect("parser lock").screen().contents()
    }

    /// Run `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().expect("parser lock").screen())
    }

    /// Wait until the screen satisfies `predicate`; fail with the screen if it never does.
    pub fn wait_until(&self, what: &str, predicate: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if self.with_screen(&predicate) {
                return;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; screen:\n{}", self.text());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until `text` is on the screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Type `keys`, then wait until `text` is on the screen.
    /// Past the bank's instructions, which open a fresh check-in.
    pub fn begin(&self) {
        self.wait_for("to begin.");
        self.send(key::ENTER);
    }

    pub fn send_and_wait(&self, keys: &str, text: &str) {
        self.send(keys);
        self.wait_for(text);
    }

    pub fn pid(&self) -> i32 {
        let pid = self.child.process_id().expect("child pid");
        i32::try_from(pid).expect("pid fits i32")
    }

    /// Send a Unix signal to the child.
    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid()), signal)
            .expect("send signal");
    }

    /// Wait for the child to exit; returns its exit code (or `None` when killed by a signal).
    pub fn wait_exit(&mut self) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                self.exited = true;
                // let the reader drain the last bytes the child wrote
                thread::sleep(Duration::from_millis(50));
                return status.signal().is_none().then(|| status.exit_code());
            }
            if start.elapsed() > DEADLINE {
                panic!("motive did not exit; screen:\n{}", self.text());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Resize the terminal, as a user dragging the window would.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        let (rows, cols) = (
            NonZeroU16::new(rows).expect("rows"),
            NonZeroU16::new(cols).expect("cols"),
        );
        self.parser
            .lock()
            .expect("parser lock")
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Whether the terminal is back in cooked mode (canonical input and echo on).
    pub fn is_cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("termios of the pty");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// How many cells on screen have a colour of their own.
    pub fn coloured_cells(&self) -> usize {
        self.with_screen(|screen| {
            let (rows, cols) = (screen.size().0.get(), screen.size().1.get());
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    screen.cell(r, c).is_some_and(|cell| {
                        cell.fgcolor() != vt100::Color::Default
                            || cell.bgcolor() != vt100::Color::Default
                    })
                })
                .count()
        })
    }

    /// Whether the program is (still) on the alternate screen.
    pub fn on_alternate_screen(&self) -> bool {
        self.with_screen(vt100::Screen::alternate_screen)
    }

    /// Whether the cursor shows (the last of `ESC[?25h` / `ESC[?25l` said so).
    pub fn cursor_shown(&self) -> bool {
        self.with_screen(|s| !s.hide_cursor())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The latest check-in in `data`, as `motive show latest --json` prints it.
pub fn show_latest(data: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motive"))
        .args(["show", "latest", "--json"])
        .env("MOTIVE_DATA_DIR", data)
        .output()
        .expect("run motive show");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Past the intro of a quick check-in, every statement answered with 4,
/// to its reflection.
pub fn quick_to_reflection(term: &Term) {
    answer_quick_check_in(term, |_| "4");
}

/// Past the intro, answer every statement of a quick check-in, the `i`th
/// with `answer(i)`, and stop on its reflection.
pub fn answer_quick_check_in(term: &Term, answer: impl Fn(usize) -> &'static str) {
    let total = motive::bank::builtin::get("quick")
        .expect("quick")
        .questions
        .len();
    term.begin();
    for i in 0..total {
        term.wait_for(&format!("{}/{total}", i + 1));
        term.send(answer(i));
    }
    term.wait_for("Reflection 1/1");
}

/// Answer a whole quick check-in (4, 2, 4, 2...), type `reflection` and
/// `commitment`, and stop on its review.
pub fn quick_check_in_to_review(term: &Term, reflection: &str, commitment: &str) {
    answer_quick_check_in(term, |i| if i % 2 == 0 { "4" } else { "2" });
    term.send(reflection);
    term.send(key::TAB);
    term.wait_for("Your commitment");
    term.send(commitment);
    term.send(key::TAB);
    term.wait_for("Review");
}
