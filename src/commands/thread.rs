//! `motive thread [PROMPT_ID]`: the story of one question, every answer to
//! a reflection prompt over time, oldest first.

use std::process::ExitCode;
use std::time::SystemTime;

use serde_json::{Value, json};

use super::{Ctx, Error, format};
use crate::cli::ThreadArgs;
use crate::describe;
use crate::search::{Reflected, WritingView, prompts, thread};
use crate::store::Store;
use crate::store::text_cache::Decode;
use crate::text::{escape_line, escape_text};

pub fn run(args: &ThreadArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    // The reflections, from the text cache, borrowed: only new or changed
    // check-ins are parsed, and nothing else of a cached one is decoded;
    // for one thread, only the answers to its prompt.
    let need = match args.prompt.as_deref() {
        Some(id) => Decode::Answers(id),
        None => Decode::Reflections,
    };
    let store = Store::read_only(&ctx.data_dir);
    store.with_writings(SystemTime::now(), &|_| need, |listing| {
        format::warn_problems(&listing, ctx.err)?;
        tell(args, &listing.snapshots, ctx)
    })
}

/// The prompts answered in `writings`, or the thread `args` asks for.
fn tell(
    args: &ThreadArgs,
    writings: &[WritingView<'_>],
    ctx: &mut Ctx<'_>,
) -> Result<ExitCode, Error> {
    let known = prompts(writings);
    let Some(id) = args.prompt.as_deref() else {
        if known.is_empty() {
            writeln!(
                ctx.out,
                "No reflections yet: they come with your first check-in."
            )?;
        } else {
            writeln!(ctx.out, "Prompts you have answered (motive thread ID):")?;
            for (id, prompt) in &known {
                writeln!(ctx.out, "  {:<20} {}", escape_line(id), escape_line(prompt))?;
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    if !known.iter().any(|(known, _)| known == id) {
        let ids: Vec<String> = known
            .iter()
            .map(|(id, _)| escape_line(id).into_owned())
            .collect();
        return Err(Error::input(format!(
            "no reflection prompt {} in your check-ins; prompts answered: {}",
            escape_line(id),
            if ids.is_empty() {
                "none yet".to_string()
            } else {
                ids.join(", ")
            }
        )));
    }
    let answers = thread(writings, id);
    if args.json {
        let all: Vec<Value> = answers
            .iter()
            .map(|(s, r)| {
                json!({
                    "id": s.id.as_str(),
                    "finished_at": s.finished_at.to_rfc3339(),
                    "label": s.label.as_ref().map(|l| l.as_str()),
                    "prompt": r.prompt(),
                    "text": r.text(),
                })
            })
            .collect();
        format::write_json(ctx.out, &Value::Array(all))?;
        return Ok(ExitCode::SUCCESS);
    }
    let latest = known
        .iter()
        .find(|(k, _)| k == id)
        .map_or("", |(_, p)| p.as_str());
    writeln!(ctx.out, "{}", escape_line(latest))?;
    if answers.is_empty() {
        writeln!(ctx.out, "\nEvery answer so far was left blank.")?;
    }
    for (s, r) in answers {
        writeln!(
            ctx.out,
            "\n{}",
            describe::name(s.finished_at, s.label.as_ref().map(|l| l.as_str()))
        )?;
        if r.prompt() != latest {
            writeln!(ctx.out, "  (asked as: {})", escape_line(r.prompt()))?;
        }
        for line in escape_text(r.text().trim()).lines() {
            writeln!(ctx.out, "  {line}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
