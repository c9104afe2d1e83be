//! The trend chart as an SVG image, for `motive chart --format svg` and the
//! HTML brief: the series, gaps and x axis of [`crate::trend`], drawn with
//! real dates on the axis and, per dimension, an Okabe-Ito colour, a marker
//! shape and a dash pattern of its own, so it reads in greyscale print.
//!
//! Where the bank or its version changes, the lines break and a dotted
//! line marks the place; life events are numbered vertical lines. Legend
//! rows under the dimensions name the banks of each stretch and each event.
//!
//! Deterministic: the same check-ins and events give the same bytes (no
//! timestamps, every number written with one decimal).

use std::fmt::Write as _;

use crate::config::ColorSetting;
use crate::config::color::{DimensionColors, okabe_ito};
use crate::describe::score_cell;
use crate::events::Event;
use crate::summary::Summary;
use crate::trend;

/// The image's size, in SVG user units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
/// The plot inside it.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 624.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 224.0;
/// Where the legend's row sits.
const LEGEND_Y: f64 = 276.0;
/// The height of each further legend row (banks, events).
const LEGEND_ROW: f64 = 18.0;
/// Points across the plot before check-ins are averaged (see [`trend::series`]).
const SLOTS: usize = 120;
/// What [`trend::x_axis`] is told the plot's width is, in cells: wide
/// enough for three full dates.
const AXIS_CELLS: u16 = 80;

/// The dash pattern of each line in turn (`None`: solid).
const DASHES: [Option<&str>; 6] = [
    None,
    Some("8 4"),
    Some("2 3"),
    Some("10 3 2 3"),
    Some("4 4"),
    Some("12 6"),
];

/// The marker shape of each line in turn.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
    Plus,
}

const MARKERS: [Marker; 6] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::Cross,
    Marker::Plus,
];

/// The sRGB value of a colour setting: the Okabe-Ito palette's own values
/// for its terminal stand-ins, else xterm's value of the named or indexed
/// colour, `#rrggbb` as given; dark grey for the terminal's default.
#[must_use]
pub fn hex(color: ColorSetting) -> String {
    let palette = [
        (okabe_ito::ORANGE, "#E69F00"),
        (okabe_ito::SKY_BLUE, "#56B4E9"),
        (okabe_ito::BLUISH_GREEN, "#009E73"),
        (okabe_ito::YELLOW, "#F0E442"),
        (okabe_ito::BLUE, "#0072B2"),
        (okabe_ito::VERMILLION, "#D55E00"),
        (okabe_ito::REDDISH_PURPLE, "#CC79A7"),
    ];
    if let Some((_, hex)) = palette.iter().find(|(c, _)| *c == color) {
        return (*hex).to_owned();
    }
    crate::draw::srgb::srgb(color).map_or_else(
        || "#444444".to_owned(),
        |(r, g, b)| format!("#{r:02X}{g:02X}{b:02X}"),
    )
}

/// The colour each shown dimension is drawn in, by id, in the order shown:
/// those of `palette` (the settings' colours over the Okabe-Ito defaults,
/// which print and read the same whatever the terminal).
#[must_use]
pub fn colors(
    snapshots: &[Summary],
    only: Option<&[String]>,
    palette: &DimensionColors,
) -> Vec<(String, String)> {
    let mut others = 0;
    trend::shown_dimensions(snapshots, only)
        .into_iter()
        .map(|d| {
            let color = palette.color(&d.id, others);
            if !palette.is_fixed(&d.id) {
                others += 1;
            }
            (d.id.clone(), hex(color))
        })
        .collect()
}

/// The chart of `snapshots` (any order), all dimensions or those in `only`,
/// with `events` (oldest first) marked and numbered from 1, in the default
/// Okabe-Ito colours.
#[must_use]
pub fn render(snapshots: &[Summary], only: Option<&[String]>, events: &[Event]) -> String {
    render_in(snapshots, only, events, &DimensionColors::default())
}

/// [`render`] in the colours of `palette` (the settings' `[colors]`).
#[must_use]
pub fn render_in(
    snapshots: &[Summary],
    only: Option<&[String]>,
    events: &[Event],
    palette: &DimensionColors,
) -> String {
    let mut out = String::new();
    let shown = trend::shown_dimensions(snapshots, only);
    let timeline = trend::timeline(snapshots);
    let stretches = trend::stretches(timeline.iter().map(|(_, s)| &*s.bank));
    let mut notes: Vec<String> = Vec::new();
    if let Some(banks) = trend::stretches_line(&stretches) {
        notes.push(format!("Banks: {banks} (dotted line: the bank changed)"));
    }
    if !timeline.is_empty() {
        notes.extend(
            events
                .iter()
                .enumerate()
                .map(|(i, e)| format!("{} {}", i + 1, e.line())),
        );
    }
    // Rows are few, so the count fits an f64 exactly.
    let height = HEIGHT + LEGEND_ROW * notes.len() as f64;
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0} {height:.0}" width="{WIDTH:.0}" height="{height:.0}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        "<title id=\"chart-title\">Scores over time, 0 to 100</title>"
    );
    let _ = writeln!(
        out,
        "<desc id=\"chart-desc\">{}</desc>",
        xml(&describe(&timeline, &shown, &notes))
    );
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH:.0}" height="{height:.0}" fill="#FFFFFF"/>"##
    );
    let (Some((_, first)), Some((span, _))) = (timeline.first(), timeline.last()) else {
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#000000">No check-ins yet</text>"##,
            WIDTH / 2.0,
            HEIGHT / 2.0
        );
        out.push_str("</svg>\n");
        return out;
    };
    // Days from the first check-in, shifted so that events before it fit.
    let event_days = trend::event_days(first.finished_at, events);
    let (shift, range) = trend::shown_range(*span, &event_days);
    let origin = first.finished_at - chrono::Duration::seconds((shift * 86_400.0).round() as i64);
    let (bounds, labels) = trend::x_axis(origin, range, AXIS_CELLS);
    let x =
        |days: f64| LEFT + (days + shift - bounds[0]) / (bounds[1] - bounds[0]) * (RIGHT - LEFT);
    let y = |score: f64| BOTTOM - score / 100.0 * (BOTTOM - TOP);
    axes(&mut out, &labels, &y);
    bank_breaks(&mut out, &timeline, &stretches, &x);
    event_lines(&mut out, &event_days, &x);
    let colors = colors(snapshots, only, palette);
    let series = trend::series(&timeline, &shown, SLOTS);
    for s in &series {
        let color = colors
            .get(s.position)
            .map_or("#444444", |(_, c)| c.as_str());
        let dash = DASHES[s.position % DASHES.len()];
        let marker = MARKERS[s.position % MARKERS.len()];
        let _ = writeln!(
            out,
            "<g class=\"series\" data-dimension=\"{}\">",
            xml(&s.dimension.id)
        );
        for segment in &s.segments {
            if segment.len() > 1 {
                let points: Vec<String> = segment
                    .iter()
                    .map(|(d, v)| format!("{:.1},{:.1}", x(*d), y(*v)))
                    .collect();
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2.5"{}/>"#,
                    points.join(" "),
                    dash_attr(dash)
                );
            }
            for (d, v) in segment {
                draw_marker(&mut out, marker, x(*d), y(*v), color);
            }
        }
        out.push_str("</g>\n");
    }
    legend(&mut out, &shown, &colors);
    for (i, note) in notes.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"<text class="legend-note" x="{LEFT:.1}" y="{:.1}" fill="#000000">{}</text>"##,
            LEGEND_Y + 4.0 + LEGEND_ROW * (i + 1) as f64,
            xml(note)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// A solid grey vertical line on each event's day, its number on top.
fn event_lines(out: &mut String, event_days: &[f64], x: &dyn Fn(f64) -> f64) {
    for (i, days) in event_days.iter().enumerate() {
        let at = x(*days);
        let _ = writeln!(
            out,
            r##"<line class="event" x1="{at:.1}" y1="{:.1}" x2="{at:.1}" y2="{BOTTOM:.1}" stroke="#555555" stroke-width="1.5"/>"##,
            TOP + 4.0
        );
        let _ = writeln!(
            out,
            r##"<text class="event-number" x="{at:.1}" y="{:.1}" text-anchor="middle" fill="#000000" font-weight="bold">{}</text>"##,
            TOP + 1.0,
            i + 1
        );
    }
}

fn dash_attr(dash: Option<&str>) -> String {
    dash.map(|d| format!(r#" stroke-dasharray="{d}""#))
        .unwrap_or_default()
}

/// The y grid with its scores, and the x axis with its dates, spread
/// evenly from the left of the plot to the right.
fn axes(out: &mut String, labels: &[String], y: &dyn Fn(f64) -> f64) {
    for score in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = writeln!(
            out,
            r##"<line x1="{LEFT:.1}" y1="{0:.1}" x2="{RIGHT:.1}" y2="{0:.1}" stroke="#D0D0D0" stroke-width="1"/>"##,
            y(score)
        );
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#000000">{score:.0}</text>"##,
            LEFT - 6.0,
            y(score) + 4.0
        );
    }
    let _ = writeln!(
        out,
        r##"<line x1="{LEFT:.1}" y1="{BOTTOM:.1}" x2="{RIGHT:.1}" y2="{BOTTOM:.1}" stroke="#000000" stroke-width="1"/>"##
    );
    let steps = labels.len().saturating_sub(1).max(1);
    for (i, label) in labels.iter().enumerate() {
        if label.is_empty() {
            continue;
        }
        let at = LEFT + (RIGHT - LEFT) * i as f64 / steps as f64;
        let anchor = match i {
            0 if labels.len() > 1 => "start",
            i if i == labels.len() - 1 && labels.len() > 1 => "end",
            _ => "middle",
        };
        let _ = writeln!(
            out,
            r##"<line x1="{at:.1}" y1="{BOTTOM:.1}" x2="{at:.1}" y2="{:.1}" stroke="#000000" stroke-width="1"/>"##,
            BOTTOM + 5.0
        );
        let _ = writeln!(
            out,
            r##"<text x="{at:.1}" y="{:.1}" text-anchor="{anchor}" fill="#000000">{}</text>"##,
            BOTTOM + 20.0,
            xml(label)
        );
    }
}

/// A dotted vertical line, marked "bank changed", between the check-ins
/// where the bank or its version changed (see [`trend::bank_change_days`]).
fn bank_breaks(
    out: &mut String,
    timeline: &[(f64, &Summary)],
    stretches: &[trend::Stretch],
    x: &dyn Fn(f64) -> f64,
) {
    let xs: Vec<f64> = timeline.iter().map(|(days, _)| *days).collect();
    for days in trend::bank_change_days(&xs, stretches) {
        let at = x(days);
        let _ = writeln!(
            out,
            r##"<line class="bank-change" x1="{at:.1}" y1="{TOP:.1}" x2="{at:.1}" y2="{BOTTOM:.1}" stroke="#666666" stroke-width="1" stroke-dasharray="1 3"/>"##
        );
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#444444" font-size="10">bank changed</text>"##,
            at - 3.0,
            TOP + 10.0
        );
    }
}

fn draw_marker(out: &mut String, marker: Marker, cx: f64, cy: f64, color: &str) {
    let r = 4.5;
    let _ = match marker {
        Marker::Circle => writeln!(
            out,
            r##"<circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{color}" stroke="#000000" stroke-width="0.8"/>"##
        ),
        Marker::Square => writeln!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{color}" stroke="#000000" stroke-width="0.8"/>"##,
            cx - r,
            cy - r,
            2.0 * r,
            2.0 * r
        ),
        Marker::Triangle => writeln!(
            out,
            r##"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{color}" stroke="#000000" stroke-width="0.8"/>"##,
            cx,
            cy - r - 1.0,
            cx + r + 0.5,
            cy + r,
            cx - r - 0.5,
            cy + r
        ),
        Marker::Diamond => writeln!(
            out,
            r##"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{color}" stroke="#000000" stroke-width="0.8"/>"##,
            cx,
            cy - r - 1.0,
            cx + r + 1.0,
            cy,
            cx,
            cy + r + 1.0,
            cx - r - 1.0,
            cy
        ),
        Marker::Cross => writeln!(
            out,
            r#"<path d="M{:.1},{:.1} L{:.1},{:.1} M{:.1},{:.1} L{:.1},{:.1}" stroke="{color}" stroke-width="3"/>"#,
            cx - r,
            cy - r,
            cx + r,
            cy + r,
            cx - r,
            cy + r,
            cx + r,
            cy - r
        ),
        Marker::Plus => writeln!(
            out,
            r#"<path d="M{:.1},{cy:.1} L{:.1},{cy:.1} M{cx:.1},{:.1} L{cx:.1},{:.1}" stroke="{color}" stroke-width="3"/>"#,
            cx - r,
            cx + r,
            cy - r,
            cy + r
        ),
    };
}

/// One entry per dimension: a stretch of its line with its marker, and its name.
fn legend(out: &mut String, shown: &[&crate::bank::Dimension], colors: &[(String, String)]) {
    let per = (RIGHT - LEFT) / shown.len().max(1) as f64;
    for (i, d) in shown.iter().enumerate() {
        let color = colors.get(i).map_or("#444444", |(_, c)| c.as_str());
        let at = LEFT + per * i as f64;
        let _ = writeln!(
            out,
            r#"<line x1="{at:.1}" y1="{LEGEND_Y:.1}" x2="{:.1}" y2="{LEGEND_Y:.1}" stroke="{color}" stroke-width="2.5"{}/>"#,
            at + 36.0,
            dash_attr(DASHES[i % DASHES.len()])
        );
        draw_marker(out, MARKERS[i % MARKERS.len()], at + 18.0, LEGEND_Y, color);
        let _ = writeln!(
            out,
            r##"<text x="{:.1}" y="{:.1}" fill="#000000">{}</text>"##,
            at + 44.0,
            LEGEND_Y + 4.0,
            xml(&d.name)
        );
    }
}

/// The chart in words, for screen readers.
fn describe(
    timeline: &[(f64, &Summary)],
    shown: &[&crate::bank::Dimension],
    notes: &[String],
) -> String {
    let (Some((_, first)), Some((_, last))) = (timeline.first(), timeline.last()) else {
        return "No check-ins yet.".to_owned();
    };
    let names: Vec<&str> = shown.iter().map(|d| d.name.as_str()).collect();
    let latest: Vec<String> = shown
        .iter()
        .map(|d| format!("{} {}", d.name, score_cell(last.score(&d.id))))
        .collect();
    let mut text = format!(
        "Scores from 0 to 100 for {} across {} check-in{}, from {} to {}. Latest: {}.",
        names.join(", "),
        timeline.len(),
        if timeline.len() == 1 { "" } else { "s" },
        crate::describe::date(first.finished_at),
        crate::describe::date(last.finished_at),
        latest.join(", ")
    );
    if !notes.is_empty() {
        let _ = write!(text, " Marked: {}.", notes.join("; "));
    }
    text
}

/// Text fit for XML content and attribute values.
#[must_use]
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // XML 1.0 cannot hold most control characters, even escaped.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
