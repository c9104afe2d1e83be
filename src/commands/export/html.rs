//! `export --format html`: every check-in as one self-contained page to
//! read or print: the brief's style sheet (print rules included) and the
//! trend as inline SVG, no JavaScript, nothing fetched. It holds what the
//! Markdown report holds: scores, the latest change with its verdicts, and
//! every reflection and commitment (not the notes on single statements).

use std::fmt::Write as _;
use std::io::Write;

use super::{Load, in_batches};
use crate::brief::html::{page_start, written_items};
use crate::brief::{NOT_AN_ASSESSMENT, Written};
use crate::commands::Error;
use crate::config::DimensionColors;
use crate::describe::{SCORE_MEANING, delta_cell, score_cell, verdict_line};
use crate::draw::svg::{self, xml};
use crate::events::Event;
use crate::score;
use crate::snapshot::Snapshot;
use crate::summary::Summary;
use crate::trend;

/// The page's title, and the first line of its `<h1>`.
pub const TITLE: &str = "Autonomy, mastery and purpose: my check-ins";

/// What the page says it holds, at its foot.
pub const HOLDS: &str = "This export holds every check-in's scores, reflections and commitments, and your life events, \
including everything I wrote except notes on single statements. Made with motive export.";

/// The page, read one batch of check-ins at a time; `palette` colours the chart.
pub fn write(
    out: &mut dyn Write,
    summaries: &[Summary],
    load: &Load<'_>,
    events: &[Event],
    palette: &DimensionColors,
) -> Result<(), Error> {
    let mut page = page_start(TITLE);
    let _ = writeln!(page, "<p class=\"note\">{}</p>", xml(NOT_AN_ASSESSMENT));
    let (Some(first), Some(latest)) = (summaries.first(), summaries.last()) else {
        page.push_str("<p>No check-ins yet.</p>\n");
        end(&mut page);
        out.write_all(page.as_bytes())?;
        return Ok(());
    };
    let _ = writeln!(
        page,
        "<p>{} check-in{} from {} to {}. {}</p>",
        summaries.len(),
        if summaries.len() == 1 { "" } else { "s" },
        crate::describe::date(first.finished_at),
        crate::describe::date(latest.finished_at),
        xml(SCORE_MEANING)
    );
    over_time(&mut page, summaries, events, palette);
    out.write_all(page.as_bytes())?;
    page.clear();

    if summaries.len() >= 2 {
        let (previous, latest) = (load(summaries.len() - 2)?, load(summaries.len() - 1)?);
        latest_change(&mut page, &previous, &latest);
    }
    page.push_str("<section>\n<h2>Reflections and commitments</h2>\n");
    out.write_all(page.as_bytes())?;
    let section = |i: usize| load(i).map(|s| check_in(&s));
    in_batches(summaries.len(), true, &section, &mut |text| {
        out.write_all(text.as_bytes())?;
        Ok(())
    })?;
    let mut page = String::from("</section>\n");
    end(&mut page);
    out.write_all(page.as_bytes())?;
    Ok(())
}

fn end(page: &mut String) {
    let _ = writeln!(page, "<footer>{}</footer>\n</body>\n</html>", xml(HOLDS));
}

/// The chart with the life events numbered on it, the events, and the
/// scores of every check-in as a table.
fn over_time(
    page: &mut String,
    summaries: &[Summary],
    events: &[Event],
    palette: &DimensionColors,
) {
    page.push_str("<section>\n<h2>Scores over time</h2>\n");
    page.push_str(&svg::render_in(summaries, None, events, palette));
    if !events.is_empty() {
        page.push_str("<p>Life events, numbered as on the chart:</p>\n<ol>\n");
        for e in events {
            let _ = writeln!(page, "<li>{}</li>", xml(&e.line()));
        }
        page.push_str("</ol>\n");
    }
    let dimensions = trend::dimensions_in(summaries);
    page.push_str("<table>\n<tr><th>Date</th><th>Label</th><th>Bank</th>");
    for d in &dimensions {
        let _ = write!(page, "<th>{}</th>", xml(&d.name));
    }
    page.push_str("</tr>\n");
    for s in summaries {
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{} {}</td>",
            crate::describe::date(s.finished_at),
            xml(s.label.as_deref().unwrap_or("")),
            xml(&s.bank.id),
            xml(&s.bank.version)
        );
        for d in &dimensions {
            let _ = write!(page, "<td class=\"n\">{}</td>", score_cell(s.score(&d.id)));
        }
        page.push_str("</tr>\n");
    }
    page.push_str("</table>\n</section>\n");
}

/// The latest check-in against the one before, with each verdict.
fn latest_change(page: &mut String, previous: &Snapshot, latest: &Snapshot) {
    let comparison = score::compare(previous, latest);
    page.push_str("<section>\n<h2>Latest against previous</h2>\n");
    let _ = writeln!(
        page,
        "<p>{}</p>",
        xml(&crate::describe::bank_note(&previous.bank, &latest.bank))
    );
    let _ = writeln!(
        page,
        "<table>\n<tr><th>Dimension</th><th>{}</th><th>{}</th><th>Change</th><th>Verdict</th></tr>",
        crate::describe::date(previous.finished_at),
        crate::describe::date(latest.finished_at)
    );
    for d in &comparison.dimensions {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            xml(&d.name),
            score_cell(d.from),
            score_cell(d.to),
            delta_cell(d.shown_delta()),
            xml(&verdict_line(d))
        );
    }
    page.push_str("</table>\n");
    for c in &comparison.changed_wording {
        let _ = writeln!(
            page,
            "<p><em>Changed wording, not compared:</em> \"{}\" became \"{}\".</p>",
            xml(c.from_text.trim()),
            xml(c.to_text.trim())
        );
    }
    page.push_str("</section>\n");
}

/// One check-in's reflections, last time's commitment and this one's.
fn check_in(s: &Snapshot) -> String {
    let mut page = String::from("<article>\n");
    let label = s
        .label
        .as_deref()
        .map(|l| format!(" ({})", xml(l.trim())))
        .unwrap_or_default();
    let _ = writeln!(
        page,
        "<h3>{}{label}</h3>",
        crate::describe::date(s.finished_at)
    );
    let reflections: Vec<Written> = s
        .reflections
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .map(|r| Written {
            prompt: r.prompt.clone(),
            text: r.text.trim().to_owned(),
        })
        .collect();
    written_items(&mut page, &reflections);
    let mut items = Vec::new();
    for f in &s.follow_ups {
        let note = f
            .note
            .as_deref()
            .map(|n| format!(" {}", xml(n.trim())))
            .unwrap_or_default();
        items.push(format!(
            "Last time I said I would: {} (<strong>{}</strong>){note}",
            xml(f.commitment.trim()),
            f.outcome.describe()
        ));
    }
    for c in s.commitments.iter().filter(|c| !c.trim().is_empty()) {
        items.push(format!(
            "Before the next check-in I will: {}",
            xml(c.trim())
        ));
    }
    if !items.is_empty() {
        page.push_str("<ul>\n");
        for item in items {
            let _ = writeln!(page, "<li>{item}</li>");
        }
        page.push_str("</ul>\n");
    }
    page.push_str("</article>\n");
    page
}
