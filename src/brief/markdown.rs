//! A [`Brief`] as Markdown: one page, the parts in a fixed order, and a
//! closing line that lists exactly which parts it holds.

use std::fmt::Write as _;

use super::{Brief, Part, Written};
use crate::describe::{SCORE_MEANING, delta_cell, score_cell, verdict_line};
use crate::text::{escape_line, escape_text};

/// The brief as Markdown. Text from files is escaped for a terminal, and
/// the person's words are quoted so no line of theirs becomes a heading.
#[must_use]
pub fn render(brief: &Brief) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", super::html::title(brief));
    let _ = writeln!(out, "> {}\n", super::NOT_AN_ASSESSMENT);
    let _ = writeln!(out, "Bank: {}. {SCORE_MEANING}", line(&brief.bank));
    if brief.has(Part::Want) {
        section(&mut out, "Where I want to go");
        written(&mut out, &brief.want);
    }
    if brief.has(Part::Scores) {
        scores(&mut out, brief);
    }
    if brief.has(Part::Chart) {
        chart(&mut out, brief);
    }
    if brief.has(Part::Events) {
        section(&mut out, "What happened");
        for text in super::events_lines(brief) {
            let _ = writeln!(out, "{}\n", line(&text));
        }
    }
    if brief.has(Part::Commitments) {
        commitments(&mut out, brief);
    }
    if brief.has(Part::Help) {
        section(&mut out, "What I would like help with");
        written(&mut out, &brief.help);
    }
    if brief.has(Part::Ideas) {
        section(&mut out, "Things to discuss (suggestions)");
        match &brief.suggestions {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "Suggestions from the question bank, not from my answers ({}):\n",
                    line(&s.why)
                );
                for idea in &s.ideas {
                    let _ = writeln!(out, "- {}", line(idea));
                }
            }
            None => {
                let _ = writeln!(out, "The question bank has no ideas for this check-in.");
            }
        }
    }
    if brief.has(Part::Reflections) {
        section(&mut out, "Other reflections");
        written(&mut out, &brief.reflections);
    }
    if brief.has(Part::Notes) {
        section(&mut out, "Notes on statements");
        written(&mut out, &brief.notes);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(out, "\n---\n\n{}", super::html::contents_line(brief));
    out
}

/// A heading, one blank line after whatever came before.
fn section(out: &mut String, title: &str) {
    while out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(out, "\n## {title}\n");
}

fn line(text: &str) -> String {
    escape_line(text.trim()).into_owned()
}

/// Each prompt in bold, the answer quoted under it.
fn written(out: &mut String, items: &[Written]) {
    if items.is_empty() {
        let _ = writeln!(out, "Nothing written.");
    }
    for item in items {
        let _ = writeln!(out, "**{}**\n", line(&item.prompt).replace('*', "\\*"));
        for l in escape_text(&item.text).lines() {
            let _ = writeln!(out, "> {l}");
        }
        out.push('\n');
    }
}

fn scores(out: &mut String, brief: &Brief) {
    section(out, "Scores");
    match &brief.compared_with {
        Some(day) => {
            let _ = writeln!(out, "Changes since the check-in of {day}.\n");
        }
        None => {
            let _ = writeln!(out, "The first check-in: nothing to compare with yet.\n");
        }
    }
    let _ = writeln!(out, "| Dimension | Score | Change | Verdict |");
    let _ = writeln!(out, "|---|---:|---:|---|");
    for s in &brief.scores {
        let change = brief.changes.iter().find(|c| c.dimension == s.dimension);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&s.name),
            score_cell(s.score),
            delta_cell(change.and_then(|c| c.shown_delta())),
            change.map_or_else(|| "-".to_owned(), |c| cell(&verdict_line(c)))
        );
    }
}

fn cell(text: &str) -> String {
    line(text).replace('|', "\\|")
}

/// The chart's data as a table: one row per check-in of the last year.
fn chart(out: &mut String, brief: &Brief) {
    section(out, "Over the last year");
    let _ = writeln!(
        out,
        "Scores at each check-in (`--format html` draws them as a chart).\n"
    );
    let dimensions = crate::trend::dimensions_in(&brief.history);
    let names: Vec<String> = dimensions.iter().map(|d| cell(&d.name)).collect();
    let _ = writeln!(out, "| Check-in | {} |", names.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(names.len()));
    for s in &brief.history {
        let scores: Vec<String> = dimensions
            .iter()
            .map(|d| score_cell(s.score(&d.id)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} |",
            crate::describe::date(s.finished_at),
            scores.join(" | ")
        );
    }
}

fn commitments(out: &mut String, brief: &Brief) {
    section(out, "Commitments");
    match brief.commitments.as_slice() {
        [] => {
            let _ = writeln!(out, "No commitment this time.\n");
        }
        [one] => {
            let _ = writeln!(out, "Before the next check-in I will:\n\n> {}\n", line(one));
        }
        several => {
            let _ = writeln!(out, "Before the next check-in I will:\n");
            for c in several {
                let _ = writeln!(out, "> - {}", line(c));
            }
            out.push('\n');
        }
    }
    if brief.past_commitments.is_empty() {
        let _ = writeln!(out, "No earlier commitments in the last year.");
    } else {
        let _ = writeln!(out, "Earlier commitments and how they went:\n");
    }
    for past in &brief.past_commitments {
        let _ = writeln!(
            out,
            "- {}: {} ({})",
            past.made,
            line(&past.commitment),
            past.outcome.map_or("not followed up yet", |o| o.describe())
        );
    }
}
