//! Time the TUI from outside, as a person sees it: the real binary in a
//! pseudo-terminal, the screen read through a terminal emulator.
//!
//! * start to the first complete frame of the home screen;
//! * a key press to its redrawn frame, scrolling history and moving the
//!   highlight on a check-in statement;
//! * `motive check` from start to its first complete frame;
//! * the CPU time used while history sits idle for 10 s;
//! * the peak memory (VmHWM) of each session.
//!
//! A frame counts as complete when the screen shows what is asked for and
//! no more output follows for a moment; its time is that of the last byte.
//! A development tool used by `scripts/bench-processes.sh`:
//!
//! ```sh
//! cargo run --release --example tui_timing -- target/release/motive DATA_DIR [RUNS]
//! ```

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

/// No output for this long after a change means the frame is finished.
const QUIET: Duration = Duration::from_millis(40);
const DEADLINE: Duration = Duration::from_secs(60);
const KEY_PRESSES: usize = 40;
/// How long history is left alone to measure the cost of idle ticks.
const IDLE: Duration = Duration::from_secs(10);

struct Screen {
    parser: vt100::Parser,
    /// When the latest output arrived.
    last_output: Instant,
}

struct Session {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    started: Instant,
}

impl Session {
    fn spawn(bin: &str, data: &str, config: &str, args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.env_clear();
        for var in ["PATH", "HOME", "LANG"] {
            if let Some(value) = std::env::var_os(var) {
                cmd.env(var, value);
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("MOTIVE_DATA_DIR", data);
        cmd.env("MOTIVE_CONFIG_DIR", config);
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(
                    std::num::NonZeroU16::new(24).expect("rows"),
                    std::num::NonZeroU16::new(80).expect("cols"),
                    0,
                ),
                last_output: Instant::now(),
            }),
            Condvar::new(),
        ));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn motive");
        drop(pair.slave);
        // The master must outlive the session; the reader and writer keep it.
        std::mem::forget(pair.master);
        let shared = Arc::clone(&screen);
        let answers = Arc::clone(&writer);
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let now = Instant::now();
                        let (lock, ready) = &*shared;
                        let mut screen = lock.lock().expect("screen lock");
                        screen.parser.process(&buf[..n]);
                        screen.last_output = now;
                        // crossterm asks where the cursor is and waits for the answer.
                        if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                            let (row, col) = screen.parser.screen().cursor_position();
                            let answer = format!("\x1b[{};{}R", row + 1, col + 1);
                            let _ = answers
                                .lock()
                                .expect("writer lock")
                                .write_all(answer.as_bytes());
                        }
                        ready.notify_all();
                    }
                }
            }
        });
        Self {
            screen,
            writer,
            child,
            started,
        }
    }

    fn send(&mut self, keys: &str) -> Instant {
        let mut writer = self.writer.lock().expect("writer lock");
        let at = Instant::now();
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush keys");
        at
    }

    /// The screen's text and attributes: a moved highlight changes only the latter.
    fn formatted(&self) -> String {
        let (lock, _) = &*self.screen;
        lock.lock()
            .expect("screen lock")
            .parser
            .screen()
            .contents_formatted()
    }

    /// Wait until `done` holds of the screen and output has gone quiet;
    /// return when the last byte of that frame arrived.
    fn frame(&self, what: &str, done: impl Fn(&vt100::Screen) -> bool) -> Instant {
        let (lock, ready) = &*self.screen;
        let deadline = Instant::now() + DEADLINE;
        let mut screen = lock.lock().expect("screen lock");
        loop {
            let now = Instant::now();
            assert!(
                now < deadline,
                "timed out waiting for {what}; the screen shows:\n{}",
                screen.parser.screen().contents()
            );
            let quiet_since = now.saturating_duration_since(screen.last_output);
            if done(screen.parser.screen()) && quiet_since >= QUIET {
                return screen.last_output;
            }
            let wait = QUIET
                .saturating_sub(quiet_since)
                .max(Duration::from_millis(1));
            screen = ready.wait_timeout(screen, wait).expect("screen lock").0;
        }
    }

    /// The session's peak resident memory in KiB, from /proc.
    fn peak_rss_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// CPU time (user and system) the session has used so far, from /proc.
    fn cpu_time(&self) -> Option<Duration> {
        let pid = self.child.process_id()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The fields after the command name, which is in parentheses.
        let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // USER_HZ is 100 on Linux.
        Some(Duration::from_millis(ticks * 10))
    }

    fn finish(mut self, keys: &str) {
        self.send(keys);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
    }
}

fn showing(text: &'static str) -> impl Fn(&vt100::Screen) -> bool {
    move |screen| screen.contents().contains(text)
}

fn is_home(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    text.contains("check-ins in all") && text.contains("q quit")
}

fn median_ms(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mid = samples[samples.len() / 2];
    format!(
        "median {:.2} ms  min {:.2} ms  max {:.2} ms  ({} runs)",
        ms(mid),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    )
}

/// Press `keys` alternately, each time timing until the changed frame is done.
fn key_presses(session: &mut Session, keys: [&str; 2]) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(KEY_PRESSES);
    for i in 0..KEY_PRESSES {
        let before = session.formatted();
        let sent = session.send(keys[i % 2]);
        let drawn = session.frame("the redrawn frame", |now| {
            now.contents_formatted() != before
        });
        samples.push(drawn.saturating_duration_since(sent));
    }
    samples
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(bin), Some(data)) = (args.first(), args.get(1)) else {
        eprintln!("usage: tui_timing MOTIVE_BINARY DATA_DIR [RUNS]");
        return ExitCode::from(2);
    };
    let Ok(bin) = std::fs::canonicalize(bin) else {
        eprintln!("tui_timing: no binary at {bin}");
        return ExitCode::from(2);
    };
    let bin = &bin.to_string_lossy().into_owned();
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(15);
    let config = tempfile::tempdir().expect("config dir");
    let config = config.path().to_string_lossy().into_owned();

    let mut first_frames = Vec::with_capacity(runs);
    let mut peak = 0;
    for _ in 0..runs {
        let session = Session::spawn(bin, data, &config, &[]);
        let drawn = session.frame("the home screen", is_home);
        first_frames.push(drawn.saturating_duration_since(session.started));
        peak = peak.max(session.peak_rss_kib().unwrap_or(0));
        session.finish("q");
    }
    println!("first frame of home      {}", median_ms(first_frames));

    let mut session = Session::spawn(bin, data, &config, &[]);
    session.frame("the home screen", is_home);
    session.send("h");
    session.frame("history", showing("Label"));
    let history = key_presses(&mut session, ["\x1b[B", "\x1b[A"]);
    peak = peak.max(session.peak_rss_kib().unwrap_or(0));
    // Left alone on history for a while: what the idle ticks cost.
    let before = session.cpu_time();
    thread::sleep(IDLE);
    let idle = session
        .cpu_time()
        .zip(before)
        .map(|(after, before)| after - before);
    session.finish("qq");
    println!("history scroll key       {}", median_ms(history));
    if let Some(idle) = idle {
        println!(
            "idle on history          {:.0} ms of CPU in {} s",
            idle.as_secs_f64() * 1000.0,
            IDLE.as_secs()
        );
    }

    // `motive check`: from start to its first screen (the bank's
    // instructions, with the check-in of a year ago when there is one).
    let mut check_frames = Vec::with_capacity(runs);
    for _ in 0..runs {
        let session = Session::spawn(bin, data, &config, &["check", "--bank", "core"]);
        let drawn = session.frame("the instructions", showing("Press Enter to begin"));
        check_frames.push(drawn.saturating_duration_since(session.started));
        session.finish("qy");
        let _ = std::fs::remove_dir_all(std::path::Path::new(data).join("drafts"));
    }
    println!("first frame of check     {}", median_ms(check_frames));

    // A check-in: answer the follow-up of the last commitment, then move the
    // highlight on the first statement. The draft it leaves is removed.
    let mut session = Session::spawn(bin, data, &config, &["check", "--bank", "core"]);
    session.frame("the instructions", showing("Press Enter to begin"));
    session.send("\r");
    session.frame("the follow-up", showing("How did it go?"));
    session.send("1");
    session.frame("the note", showing("A note"));
    session.send("\t");
    session.frame("anything big", showing("Anything big since last time?"));
    session.send("\r");
    session.frame("the first statement", showing("1/18"));
    let question = key_presses(&mut session, ["\x1b[C", "\x1b[D"]);
    peak = peak.max(session.peak_rss_kib().unwrap_or(0));
    session.finish("qy");
    let _ = std::fs::remove_dir_all(std::path::Path::new(data).join("drafts"));
    println!("check-in highlight key   {}", median_ms(question));
    println!("peak memory (VmHWM)      {:.1} MB", peak as f64 / 1024.0);
    ExitCode::SUCCESS
}
