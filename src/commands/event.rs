//! `motive event add|list|rm`: life events, the squiggle beside the scores.

use std::process::ExitCode;

use serde_json::{Value, json};

use super::{Ctx, Error, format};
use crate::cli::EventCommand;
use crate::events::{Event, parse_day};
use crate::store::{LockError, Store};
use crate::text::{escape_line, escape_text};

pub fn run(cmd: &EventCommand, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    match cmd {
        EventCommand::Add { date, label, note } => add(date, label, note.as_deref(), ctx),
        EventCommand::List { json } => list(*json, ctx),
        EventCommand::Rm { id } => remove(id, ctx),
    }
}

fn add(date: &str, label: &str, note: Option<&str>, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let date = parse_day(date, ctx.now.date_naive()).map_err(|e| Error::input(e.0))?;
    let event = Event::new(date, label, note).map_err(|e| Error::input(e.0))?;
    let store = Store::open(&ctx.data_dir)?;
    let _lock = lock(&store, "an event")?;
    let added = store.add_event(event)?;
    writeln!(
        ctx.out,
        "Added {}: {} ({})",
        added.id,
        escape_line(&added.label),
        added.date
    )?;
    Ok(ExitCode::SUCCESS)
}

fn list(json: bool, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let listed = Store::read_only(&ctx.data_dir).events();
    for problem in &listed.problems {
        writeln!(ctx.err, "warning: skipped {problem}")?;
    }
    if json {
        let all: Vec<Value> = listed.events.iter().map(event_json).collect();
        format::write_json(ctx.out, &Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    if listed.events.is_empty() {
        writeln!(
            ctx.out,
            "No events yet. Add one: motive event add 2026-06-01 \"new manager\""
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let header: Vec<String> = ["ID", "DATE", "LABEL", "NOTE"].map(String::from).to_vec();
    let rows: Vec<Vec<String>> = listed
        .events
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.date.to_string(),
                escape_line(&e.label).into_owned(),
                e.note
                    .as_deref()
                    .map(|n| format::one_line(&escape_text(n)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    write!(ctx.out, "{}", format::table(&header, &rows, &[]))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(id: &str, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::open(&ctx.data_dir)?;
    let _lock = lock(&store, "an event")?;
    let kept = store.trash_event(id)?;
    writeln!(
        ctx.out,
        "Moved event {} to {}; move it back to restore it.",
        escape_line(id),
        kept.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn lock(store: &Store, what: &str) -> Result<crate::store::WriterLock, Error> {
    store.lock(what).map_err(|e| match e {
        LockError::Busy { .. } => Error::input(format!("cannot change events now: {e}")),
        LockError::Store(e) => e.into(),
    })
}

/// An event as `event list --json` gives it.
#[must_use]
pub fn event_json(e: &Event) -> Value {
    json!({
        "id": e.id,
        "date": e.date.to_string(),
        "label": e.label,
        "note": e.note,
    })
}
