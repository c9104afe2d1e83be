//! `motive remind ics|systemd|cron|launchd`: ways to be reminded to come
//! back. The calendar file is written (or printed); the scheduler snippets
//! are printed with where they go, and never installed by motive.

use std::process::ExitCode;

use chrono::Utc;

use super::format::shell_quote;
use super::output;
use super::{Ctx, Error};
use crate::cadence::schedule;
use crate::cli::RemindCommand;
use crate::remind;
use crate::store::Store;

/// What a due check-in says in a desktop notification.
const NOTICE: &str = "A check-in is due: run motive check";

pub fn run(cmd: &RemindCommand, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    match cmd {
        RemindCommand::Ics { every, output } => ics(*every, output.as_deref(), ctx)?,
        RemindCommand::Systemd => write!(ctx.out, "{}", systemd(&due_command(ctx)))?,
        RemindCommand::Cron => write!(ctx.out, "{}", cron(&due_command(ctx)))?,
        RemindCommand::Launchd => write!(ctx.out, "{}", launchd(&due_command(ctx)))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn ics(
    every: Option<u32>,
    output: Option<&std::path::Path>,
    ctx: &mut Ctx<'_>,
) -> Result<(), Error> {
    let listing = Store::read_only(&ctx.data_dir).summaries();
    super::format::warn_problems(&listing, ctx.err)?;
    let plan = ctx.config.schedule(every);
    let state = schedule(
        listing.snapshots.last().map(|s| s.finished_at),
        ctx.now,
        plan,
    );
    let day = remind::next_due_day(&state, ctx.now);
    let text = remind::calendar(day, plan, ctx.now.with_timezone(&Utc));
    if let Some(path) = output::deliver(output, text.as_bytes(), ctx.out)? {
        writeln!(
            ctx.err,
            "wrote a reminder for {} (repeating every {}) to {}; import it in your calendar app",
            day.format("%Y-%m-%d"),
            crate::text::count(usize::try_from(plan.every_days).unwrap_or(0), "day", "days"),
            crate::text::escape_path(path)
        )?;
    }
    Ok(())
}

/// `motive due -q` as a scheduler runs it: this binary by its full path
/// (schedulers have a short PATH), this data dir and settings.
fn due_command(ctx: &Ctx<'_>) -> String {
    let motive =
        std::env::current_exe().map_or_else(|_| "motive".to_string(), |p| p.display().to_string());
    format!(
        "MOTIVE_CONFIG_DIR={} {} --data-dir {} due -q",
        shell_quote(&ctx.config_dir.display().to_string()),
        shell_quote(&motive),
        shell_quote(&ctx.data_dir.display().to_string())
    )
}

/// The line a scheduler runs: notify when a check-in is due.
fn notify_linux(due: &str) -> String {
    format!("{due} && notify-send motive \"{NOTICE}\"")
}

fn systemd(due: &str) -> String {
    let run = shell_quote(&notify_linux(due));
    format!(
        "# A systemd user timer that checks once a day and notifies when a check-in is due.
# Save the two parts below as
#   ~/.config/systemd/user/motive-due.service
#   ~/.config/systemd/user/motive-due.timer
# then run:  systemctl --user daemon-reload && systemctl --user enable --now motive-due.timer
# (notify-send comes with libnotify; any notifier works in its place.)

# motive-due.service
[Unit]
Description=Tell me when a motive check-in is due

[Service]
Type=oneshot
ExecStart=/bin/sh -c {run}

# motive-due.timer
[Unit]
Description=Check once a day whether a motive check-in is due

[Timer]
OnCalendar=*-*-* 09:30
Persistent=true

[Install]
WantedBy=timers.target
"
    )
}

fn cron(due: &str) -> String {
    format!(
        "# A crontab line that checks every morning at 09:30 and notifies when a check-in is due.
# Add it with `crontab -e`. Desktop notifications from cron need your session's bus:
# DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus (set it in the crontab).
30 9 * * * {}
",
        notify_linux(due)
    )
}

fn launchd(due: &str) -> String {
    let script =
        format!("{due} && osascript -e 'display notification \"{NOTICE}\" with title \"motive\"'");
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- A launchd agent that checks every morning at 09:30 and notifies when a check-in is due.
     Save as ~/Library/LaunchAgents/org.motive.due.plist, then run:
     launchctl load ~/Library/LaunchAgents/org.motive.due.plist -->
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>org.motive.due</string>
  <key>ProgramArguments</key>
  <array>
    <string>/bin/sh</string>
    <string>-c</string>
    <string>{}</string>
  </array>
  <key>StartCalendarInterval</key>
  <dict>
    <key>Hour</key>
    <integer>9</integer>
    <key>Minute</key>
    <integer>30</integer>
  </dict>
</dict>
</plist>
"#,
        xml_escape(&script)
    )
}

/// Text for an XML element.
fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
