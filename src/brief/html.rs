//! A [`Brief`] as one self-contained HTML page: inline CSS and SVG, no
//! JavaScript, nothing fetched from the network, and a print stylesheet so
//! a browser's Print to PDF gives a clean page.

use std::fmt::Write as _;

use super::{Brief, Part, Written};
use crate::config::DimensionColors;
use crate::describe::{SCORE_MEANING, delta_cell, score_cell, verdict_line};
use crate::draw::svg::{self, xml};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}\
h1{font-size:1.5rem;margin-bottom:.5rem}h2{font-size:1.1rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ccc}\
.note{border-left:4px solid #0072B2;padding:.4rem .8rem;background:#f3f7fa}\
blockquote{margin:.2rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #bbb;white-space:pre-wrap}\
table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}\
td.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto}\
footer{margin-top:1.5rem;font-size:.85rem;color:#444}\
@media print{body{margin:0;max-width:none;font-size:10.5pt;line-height:1.3}footer{margin-top:.8rem}svg{max-height:5.5cm;width:auto}h2{margin:.9rem 0 .3rem}.note{background:none}h2{break-after:avoid}section,svg{break-inside:avoid}@page{margin:1.5cm}}";

/// "Check-in brief, 2026-11-20", with " · label" when the label is included.
#[must_use]
pub fn title(brief: &Brief) -> String {
    let label = brief
        .label
        .as_deref()
        .map(|l| format!(" · {}", crate::text::escape_line(l.trim())))
        .unwrap_or_default();
    format!("Check-in brief, {}{label}", brief.date)
}

/// Exactly what the brief holds and what it leaves out, by part name.
#[must_use]
pub fn contents_line(brief: &Brief) -> String {
    let names = |held: bool| -> Vec<&str> {
        Part::ALL
            .iter()
            .filter(|p| brief.has(**p) == held)
            .map(|p| p.name())
            .collect()
    };
    let (held, left) = (names(true), names(false));
    let held = if held.is_empty() {
        "nothing".to_owned()
    } else {
        held.join(", ")
    };
    let left = if left.is_empty() {
        "nothing".to_owned()
    } else {
        left.join(", ")
    };
    format!(
        "This brief holds: {held}. Left out: {left}. Made with motive brief; I chose what it holds."
    )
}

/// The page, its chart in the default Okabe-Ito colours.
#[must_use]
pub fn render(brief: &Brief) -> String {
    render_in(brief, &DimensionColors::default())
}

/// The page, its chart in the colours of `palette` (the settings' `[colors]`).
#[must_use]
pub fn render_in(brief: &Brief, palette: &DimensionColors) -> String {
    let mut out = page_start(&title(brief));
    let _ = writeln!(
        out,
        "<p class=\"note\">{}</p>\n<p>Bank: {}. {}</p>",
        xml(super::NOT_AN_ASSESSMENT),
        xml(&brief.bank),
        xml(SCORE_MEANING)
    );
    if brief.has(Part::Want) {
        written(&mut out, "Where I want to go", &brief.want);
    }
    if brief.has(Part::Scores) {
        scores(&mut out, brief);
    }
    if brief.has(Part::Chart) {
        let _ = writeln!(
            out,
            "<section>\n<h2>Over the last year</h2>\n{}</section>",
            svg::render_in(&brief.history, None, &brief.events, palette)
        );
    }
    if brief.has(Part::Events) {
        out.push_str("<section>\n<h2>What happened</h2>\n");
        for line in super::events_lines(brief) {
            let _ = writeln!(out, "<p>{}</p>", xml(&line));
        }
        out.push_str("</section>\n");
    }
    if brief.has(Part::Commitments) {
        commitments(&mut out, brief);
    }
    if brief.has(Part::Help) {
        written(&mut out, "What I would like help with", &brief.help);
    }
    if brief.has(Part::Ideas) {
        out.push_str("<section>\n<h2>Things to discuss (suggestions)</h2>\n");
        match &brief.suggestions {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "<p>Suggestions from the question bank, not from my answers ({}):</p>\n<ul>",
                    xml(&s.why)
                );
                for idea in &s.ideas {
                    let _ = writeln!(out, "<li>{}</li>", xml(idea));
                }
                out.push_str("</ul>\n");
            }
            None => out.push_str("<p>The question bank has no ideas for this check-in.</p>\n"),
        }
        out.push_str("</section>\n");
    }
    if brief.has(Part::Reflections) {
        written(&mut out, "Other reflections", &brief.reflections);
    }
    if brief.has(Part::Notes) {
        written(&mut out, "Notes on statements", &brief.notes);
    }
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</body>\n</html>",
        xml(&contents_line(brief))
    );
    out
}

/// The start of a page titled `title` (plain text), up to its `<h1>`:
/// the inline style sheet with its print rules, nothing fetched. The
/// brief and `export --format html` share it.
#[must_use]
pub fn page_start(title: &str) -> String {
    let title = xml(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
    )
}

/// Each prompt in bold and the person's words quoted under it.
pub fn written_items(out: &mut String, items: &[Written]) {
    for item in items {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong></p>\n<blockquote>{}</blockquote>",
            xml(item.prompt.trim()),
            xml(&item.text)
        );
    }
}

fn written(out: &mut String, heading: &str, items: &[Written]) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", xml(heading));
    if items.is_empty() {
        out.push_str("<p>Nothing written.</p>\n");
    }
    written_items(out, items);
    out.push_str("</section>\n");
}

fn scores(out: &mut String, brief: &Brief) {
    out.push_str("<section>\n<h2>Scores</h2>\n");
    let _ = writeln!(
        out,
        "<p>{}</p>",
        brief.compared_with.as_deref().map_or_else(
            || "The first check-in: nothing to compare with yet.".to_owned(),
            |day| format!("Changes since the check-in of {day}.")
        )
    );
    out.push_str(
        "<table>\n<tr><th>Dimension</th><th>Score</th><th>Change</th><th>Verdict</th></tr>\n",
    );
    for s in &brief.scores {
        let change = brief.changes.iter().find(|c| c.dimension == s.dimension);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            xml(&s.name),
            score_cell(s.score),
            delta_cell(change.and_then(|c| c.shown_delta())),
            change.map_or_else(|| "-".to_owned(), |c| xml(&verdict_line(c)))
        );
    }
    out.push_str("</table>\n</section>\n");
}

fn commitments(out: &mut String, brief: &Brief) {
    out.push_str("<section>\n<h2>Commitments</h2>\n");
    match brief.commitments.as_slice() {
        [] => out.push_str("<p>No commitment this time.</p>\n"),
        [one] => {
            let _ = writeln!(
                out,
                "<p>Before the next check-in I will:</p>\n<blockquote>{}</blockquote>",
                xml(one)
            );
        }
        several => {
            out.push_str("<p>Before the next check-in I will:</p>\n<blockquote><ul>\n");
            for c in several {
                let _ = writeln!(out, "<li>{}</li>", xml(c));
            }
            out.push_str("</ul></blockquote>\n");
        }
    }
    if brief.past_commitments.is_empty() {
        out.push_str("<p>No earlier commitments in the last year.</p>\n");
    } else {
        out.push_str("<p>Earlier commitments and how they went:</p>\n<ul>\n");
        for past in &brief.past_commitments {
            let _ = writeln!(
                out,
                "<li>{}: {} ({})</li>",
                past.made,
                xml(&past.commitment),
                past.outcome.map_or("not followed up yet", |o| o.describe())
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}
