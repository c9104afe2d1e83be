//! The trend chart: how each dimension's score moved across check-ins.
//!
//! [`TrendChart`] is a ratatui widget (no terminal, no I/O): it draws into any
//! [`Buffer`], so the TUI can place it on a screen and the plain commands can
//! turn it into text with [`render_text`] / [`render_plain`].
//!
//! How the data is drawn:
//! * one line per dimension, x = days since the first check-in (so uneven gaps
//!   between check-ins show as uneven gaps), y = score from 0 to 100;
//! * a check-in without a score for a dimension (too few answers, or a bank
//!   without that dimension) breaks the line there: the series is split into
//!   separate segments of the same style, so no line is drawn through a score
//!   that was never measured. A segment of one check-in shows as a single dot;
//! * the legend is a row of its own above the plot, so it never hides data;
//! * in colour, lines use braille dots in each dimension's colour; in
//!   monochrome, each dimension gets its own marker character instead, shown
//!   next to its name in the legend. [`TrendChart::markers`] draws those
//!   markers in colour, for coloured text output.

use chrono::{DateTime, Duration, FixedOffset};
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use crate::bank::Dimension;
use crate::summary::Summary;

/// Shown instead of an empty plot when there is nothing to draw.
pub const NO_CHECK_INS: &str = "No check-ins yet";

/// Markers used in monochrome, one per shown dimension in turn.
const MONOCHROME_MARKERS: [char; 8] = ['•', '+', 'x', 'o', '*', '#', '=', '%'];

/// Seconds in a day, to turn timestamps into fractional days.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Below this span (in days) the x axis is widened around the data, so a single
/// check-in, or several on one day, still shows as visible points.
const MIN_SPAN_DAYS: f64 = 1.0;

/// Spans longer than this (in days) label the x axis by month instead of day.
const LONG_SPAN_DAYS: f64 = 365.0;

/// Width of the y-axis labels ("100") plus the axis line itself.
const Y_AXIS_WIDTH: u16 = 4;

/// The colour of each dimension's line.
///
/// Well-known ids have fixed colours (see [`Default`]); every other id takes
/// the next colour of `others` in the order the dimensions are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionColors {
    /// Colours for specific dimension ids.
    pub fixed: Vec<(String, Color)>,
    /// Colours for any other id, used in turn (and cycled when exhausted).
    pub others: Vec<Color>,
}

/// The Okabe-Ito palette: eight colours Masataka Okabe and Kei Ito proposed
/// ("Color Universal Design", 2008) so that charts stay readable for people
/// with the common red-green (protan, deutan) and the rarer blue-yellow
/// (tritan) colour blindness. Each is the nearest colour of the 256-colour
/// terminal cube (6 x 6 x 6), which nearly every terminal shows faithfully;
/// the original sRGB value is beside it. Black is left out: it would vanish
/// on a dark terminal.
pub mod okabe_ito {
    use ratatui::style::Color;

    /// #E69F00 -> #D7AF00
    pub const ORANGE: Color = Color::Indexed(178);
    /// #56B4E9 -> #5FAFD7
    pub const SKY_BLUE: Color = Color::Indexed(74);
    /// #009E73 -> #00AF87
    pub const BLUISH_GREEN: Color = Color::Indexed(36);
    /// #F0E442 -> #FFD75F
    pub const YELLOW: Color = Color::Indexed(221);
    /// #0072B2 -> #005FAF
    pub const BLUE: Color = Color::Indexed(25);
    /// #D55E00 -> #D75F00
    pub const VERMILLION: Color = Color::Indexed(166);
    /// #CC79A7 -> #D787AF
    pub const REDDISH_PURPLE: Color = Color::Indexed(175);
}

impl Default for DimensionColors {
    /// From the Okabe-Ito palette (see [`okabe_ito`]): autonomy sky blue,
    /// mastery orange, purpose reddish purple, which differ in lightness as
    /// well as hue; other dimensions take bluish green, vermillion, blue and
    /// yellow in turn. Colour is never the only clue: each line also has its
    /// own marker and a named entry in the legend.
    fn default() -> Self {
        Self {
            fixed: vec![
                ("autonomy".to_owned(), okabe_ito::SKY_BLUE),
                ("mastery".to_owned(), okabe_ito::ORANGE),
                ("purpose".to_owned(), okabe_ito::REDDISH_PURPLE),
            ],
            others: vec![
                okabe_ito::BLUISH_GREEN,
                okabe_ito::VERMILLION,
                okabe_ito::BLUE,
                okabe_ito::YELLOW,
            ],
        }
    }
}

impl DimensionColors {
    /// The colour of `id`, which is the `nth_other` dimension (counting from 0)
    /// without a fixed colour among those shown.
    #[must_use]
    pub fn color(&self, id: &str, nth_other: usize) -> Color {
        if let Some((_, color)) = self.fixed.iter().find(|(fixed, _)| fixed == id) {
            return *color;
        }
        if self.others.is_empty() {
            return Color::Reset;
        }
        self.others[nth_other % self.others.len()]
    }
}

/// A line chart of dimension scores over time.
///
/// ```
/// use motive::chart::{TrendChart, render_text};
///
/// let chart = TrendChart::new(&[]);
/// assert!(render_text(&chart, 40, 8).contains("No check-ins yet"));
/// ```
#[derive(Debug, Clone)]
pub struct TrendChart<'a> {
    snapshots: &'a [Summary],
    only: Option<Vec<String>>,
    colors: DimensionColors,
    monochrome: bool,
    markers: bool,
}

impl<'a> TrendChart<'a> {
    /// A chart of every dimension found in `snapshots` (oldest first; they are
    /// ordered by finish time again when drawn, so any order works).
    #[must_use]
    pub fn new(snapshots: &'a [Summary]) -> Self {
        Self {
            snapshots,
            only: None,
            colors: DimensionColors::default(),
            monochrome: false,
            markers: false,
        }
    }

    /// Show only these dimension ids, in this order (repeats shown once). Ids
    /// that appear in no snapshot are ignored here; callers that take ids from people should
    /// check them against [`dimensions_in`] first.
    #[must_use]
    pub fn dimensions<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.only = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Use these colours instead of the defaults.
    #[must_use]
    pub fn colors(mut self, colors: DimensionColors) -> Self {
        self.colors = colors;
        self
    }

    /// Draw without colour: each dimension gets its own marker character.
    #[must_use]
    pub fn monochrome(mut self, monochrome: bool) -> Self {
        self.monochrome = monochrome;
        self
    }

    /// Draw each dimension with its own marker character, as in monochrome,
    /// but keep the colours: text output that is coloured still reads when
    /// colours are hard to tell apart.
    #[must_use]
    pub fn markers(mut self, markers: bool) -> Self {
        self.markers = markers;
        self
    }

    /// Whether lines are drawn with marker characters rather than braille.
    fn uses_markers(&self) -> bool {
        self.monochrome || self.markers
    }

    /// The dimensions this chart shows, in order.
    #[must_use]
    pub fn shown_dimensions(&self) -> Vec<&'a Dimension> {
        let all = dimensions_in(self.snapshots);
        match &self.only {
            None => all,
            Some(ids) => {
                let mut shown: Vec<&Dimension> = Vec::with_capacity(ids.len());
                for id in ids {
                    let found = all.iter().find(|d| &d.id == id);
                    if let Some(dimension) = found
                        && !shown.iter().any(|d| d.id == dimension.id)
                    {
                        shown.push(dimension);
                    }
                }
                shown
            }
        }
    }

    /// The snapshots in time order, each with its x position in days since
    /// the first one.
    fn timeline(&self) -> Vec<(f64, &'a Summary)> {
        let mut ordered: Vec<&Summary> = self.snapshots.iter().collect();
        ordered.sort_by_key(|s| s.finished_at);
        let Some(first) = ordered.first().map(|s| s.finished_at) else {
            return Vec::new();
        };
        ordered
            .into_iter()
            .map(|s| (days_between(first, s.finished_at), s))
            .collect()
    }

    /// One series per shown dimension, already split at missing scores.
    /// `slots` is how many points fit across the plot: with more check-ins
    /// than that, each point is the mean of the check-ins in its stretch of
    /// time, so a long history draws as a line rather than a solid band.
    fn series(&self, timeline: &[(f64, &Summary)], slots: usize) -> Vec<Series> {
        let groups = group_by_slot(timeline, slots);
        let mut nth_other = 0;
        self.shown_dimensions()
            .into_iter()
            .enumerate()
            .map(|(position, dimension)| {
                let color = if self.monochrome {
                    Color::Reset
                } else {
                    let color = self.colors.color(&dimension.id, nth_other);
                    if !self.colors.fixed.iter().any(|(id, _)| *id == dimension.id) {
                        nth_other += 1;
                    }
                    color
                };
                let points = groups.iter().map(|group| {
                    let scores: Vec<f64> = group
                        .iter()
                        .filter_map(|(_, s)| s.score(&dimension.id))
                        .collect();
                    (!scores.is_empty()).then(|| (mean_x(group), mean(&scores)))
                });
                Series {
                    name: dimension.name.clone(),
                    color,
                    marker: MONOCHROME_MARKERS[position % MONOCHROME_MARKERS.len()],
                    segments: split_at_gaps(points),
                }
            })
            .collect()
    }

    fn legend(&self, series: &[Series]) -> Line<'static> {
        let mut spans = Vec::with_capacity(series.len() * 2);
        for (i, s) in series.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw("  "));
            }
            if self.monochrome {
                spans.push(Span::raw(format!("{} {}", s.marker, s.name)));
            } else if self.markers {
                spans.push(Span::styled(
                    format!("{} {}", s.marker, s.name),
                    Style::default().fg(s.color),
                ));
            } else {
                spans.push(Span::styled(
                    format!("━ {}", s.name),
                    Style::default().fg(s.color),
                ));
            }
        }
        Line::from(spans)
    }
}

/// Every dimension found in `snapshots`, in order of first appearance, each
/// as declared by the latest snapshot that has it.
#[must_use]
pub fn dimensions_in(snapshots: &[Summary]) -> Vec<&Dimension> {
    let mut ordered: Vec<&Summary> = snapshots.iter().collect();
    ordered.sort_by_key(|s| s.finished_at);
    let mut found: Vec<&Dimension> = Vec::new();
    for dimension in ordered.iter().flat_map(|s| &s.dimensions) {
        match found.iter_mut().find(|d| d.id == dimension.id) {
            Some(slot) => *slot = dimension,
            None => found.push(dimension),
        }
    }
    found
}

/// One dimension's line, split into runs of consecutive scored check-ins.
struct Series {
    name: String,
    color: Color,
    marker: char,
    segments: Vec<Vec<(f64, f64)>>,
}

/// The timeline cut into consecutive groups, one per check-in when they fit
/// in `slots`, else one per slot of equal time that holds any.
fn group_by_slot<'t, 'a>(
    timeline: &'t [(f64, &'a Summary)],
    slots: usize,
) -> Vec<&'t [(f64, &'a Summary)]> {
    let span = timeline.last().map_or(0.0, |(x, _)| *x);
    if timeline.len() <= slots.max(1) || span <= 0.0 {
        return timeline.chunks(1).collect();
    }
    // Slots are few (a chart's width), so the float-to-index casts are exact.
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let slot_of = |x: f64| ((x / span) * (slots - 1) as f64).round() as usize;
    timeline
        .chunk_by(|(a, _), (b, _)| slot_of(*a) == slot_of(*b))
        .collect()
}

#[allow(clippy::cast_precision_loss)] // a count of check-ins
fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn mean_x(group: &[(f64, &Summary)]) -> f64 {
    let xs: Vec<f64> = group.iter().map(|(x, _)| *x).collect();
    mean(&xs)
}

/// Cut a sequence of optional points into the runs between the `None`s.
fn split_at_gaps(points: impl IntoIterator<Item = Option<(f64, f64)>>) -> Vec<Vec<(f64, f64)>> {
    let mut segments = Vec::new();
    let mut current = Vec::new();
    for point in points {
        match point {
            Some(p) => current.push(p),
            None if current.is_empty() => {}
            None => segments.push(std::mem::take(&mut current)),
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

/// Fractional days from `from` to `to`.
fn days_between(from: DateTime<FixedOffset>, to: DateTime<FixedOffset>) -> f64 {
    // Check-ins span years at most; the i64 -> f64 conversion is exact here.
    #[allow(clippy::cast_precision_loss)]
    let seconds = (to - from).num_seconds() as f64;
    seconds / SECONDS_PER_DAY
}

/// The x bounds and labels for check-ins spanning `span` days from `first`.
fn x_axis_layout(
    first: DateTime<FixedOffset>,
    span: f64,
    plot_width: u16,
) -> ([f64; 2], Vec<String>) {
    let date_at = |days: f64| {
        // Whole seconds are plenty for a date label.
        #[allow(clippy::cast_possible_truncation)]
        let offset = Duration::seconds((days * SECONDS_PER_DAY).round() as i64);
        first + offset
    };
    let long = span > LONG_SPAN_DAYS;
    let format = if long { "%b %Y" } else { "%Y-%m-%d" };
    let label = |days: f64| date_at(days).format(format).to_string();
    let label_width = u16::try_from(label(0.0).chars().count()).unwrap_or(u16::MAX);

    if span < MIN_SPAN_DAYS {
        // One check-in (or several within a day): centre it with a day either side.
        let middle = span / 2.0;
        let bounds = [middle - MIN_SPAN_DAYS, middle + MIN_SPAN_DAYS];
        return (bounds, vec![String::new(), label(middle), String::new()]);
    }
    let bounds = [0.0, span];
    // Each of n labels gets plot_width / n cells, and needs one to spare.
    let labels = if plot_width / 3 > label_width {
        vec![label(0.0), label(span / 2.0), label(span)]
    } else if plot_width / 2 > label_width {
        vec![label(0.0), label(span)]
    } else {
        let compact_format = if long { "%b %y" } else { "%-d %b" };
        let compact = |days: f64| date_at(days).format(compact_format).to_string();
        vec![compact(0.0), compact(span)]
    };
    (bounds, labels)
}

impl Widget for &TrendChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let timeline = self.timeline();
        let Some(&(_, first)) = timeline.first() else {
            let row = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
            let message = Line::from(NO_CHECK_INS);
            // Centred when it fits; otherwise cut at the end, not on both sides.
            if message.width() <= usize::from(area.width) {
                message.centered().render(row, buf);
            } else {
                message.render(row, buf);
            }
            return;
        };
        let span = timeline.last().map_or(0.0, |(x, _)| *x);
        let columns = usize::from(area.width.saturating_sub(Y_AXIS_WIDTH).max(1));
        let per_column = if self.uses_markers() { 1 } else { 2 };
        let series = self.series(&timeline, columns * per_column);

        let legend_row = Rect::new(area.x, area.y, area.width, 1);
        self.legend(&series).render(legend_row, buf);
        let plot = Rect::new(
            area.x,
            area.y.saturating_add(1),
            area.width,
            area.height.saturating_sub(1),
        );
        if plot.is_empty() {
            return;
        }

        let (x_bounds, x_labels) = x_axis_layout(
            first.finished_at,
            span,
            plot.width.saturating_sub(Y_AXIS_WIDTH),
        );
        let datasets = series
            .iter()
            .flat_map(|s| {
                let marker = if self.uses_markers() {
                    Marker::Custom(s.marker)
                } else {
                    Marker::Braille
                };
                s.segments.iter().map(move |segment| {
                    Dataset::default()
                        .data(segment)
                        .marker(marker)
                        .graph_type(GraphType::Line)
                        .style(Style::default().fg(s.color))
                })
            })
            .collect();
        Chart::new(datasets)
            .legend_position(None)
            .x_axis(
                Axis::default()
                    .bounds(x_bounds)
                    .labels(x_labels)
                    .labels_alignment(Alignment::Right),
            )
            .y_axis(
                Axis::default()
                    .bounds([0.0, 100.0])
                    .labels(["0", "50", "100"])
                    .labels_alignment(Alignment::Right),
            )
            .render(plot, buf);
    }
}

/// Draw `chart` into a `width` x `height` buffer and return its rows as text,
/// one line per row (trailing spaces trimmed), without any styling.
#[must_use]
pub fn render_text(chart: &TrendChart<'_>, width: u16, height: u16) -> String {
    buffer_text(&render_buffer(chart, width, height))
}

/// Draw `chart` into a fresh `width` x `height` buffer, styles and all.
#[must_use]
pub fn render_buffer(chart: &TrendChart<'_>, width: u16, height: u16) -> Buffer {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    chart.render(area, &mut buf);
    buf
}

/// The text of every row of `buf`, trailing spaces trimmed, each row ending in
/// a newline.
#[must_use]
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut text = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        for x in area.left()..area.right() {
            row.push_str(buf[(x, y)].symbol());
        }
        text.push_str(row.trim_end());
        text.push('\n');
    }
    text
}

/// The chart of `snapshots` as plain text for files and pipes: monochrome
/// (distinct markers, since text carries no colour), `height` lines of at
/// most `width` cells. `dimensions` limits and orders the lines shown; `None`
/// shows every dimension.
#[must_use]
pub fn render_plain(
    snapshots: &[Summary],
    width: u16,
    height: u16,
    dimensions: Option<&[String]>,
) -> String {
    let mut chart = TrendChart::new(snapshots).monochrome(true);
    if let Some(ids) = dimensions {
        chart = chart.dimensions(ids.iter().cloned());
    }
    render_text(&chart, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{Answer, Snapshot};

    const DIMENSIONS: [(&str, &str); 3] = [
        ("autonomy", "Autonomy"),
        ("mastery", "Mastery"),
        ("purpose", "Purpose"),
    ];

    /// A snapshot finished at `at` (RFC 3339) with one 1-5 answer per
    /// dimension; `None` skips that dimension's only statement.
    fn snapshot(at: &str, values: [Option<i64>; 3]) -> Summary {
        Summary::of(&Snapshot {
            dimensions: DIMENSIONS
                .iter()
                .map(|(id, name)| Dimension {
                    id: (*id).into(),
                    name: (*name).into(),
                    description: String::new(),
                    sd: None,
                    reliability: None,
                })
                .collect(),
            answers: DIMENSIONS
                .iter()
                .zip(values)
                .map(|((id, _), value)| Answer {
                    question: format!("{id}-1"),
                    dimension: (*id).into(),
                    text: format!("A statement about {id}"),
                    reverse: false,
                    weight: 1.0,
                    value,
                    note: None,
                    fingerprint: None,
                })
                .collect(),
            ..Snapshot::empty_for_tests(at)
        })
    }

    /// `n` check-ins a week apart from 2026-01-05: autonomy climbs a point
    /// every eight weeks, mastery wanders, purpose slowly falls.
    fn weekly(n: usize) -> Vec<Summary> {
        let start = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+01:00").expect("date");
        (0..n)
            .map(|i| {
                let i = i64::try_from(i).expect("small");
                let at = start + Duration::days(7 * i);
                let autonomy = 1 + (i / 8) % 5;
                let mastery = [2, 3, 4, 3][usize::try_from(i % 4).expect("small")];
                let purpose = 5 - (i / 10) % 5;
                snapshot(
                    &at.to_rfc3339(),
                    [Some(autonomy), Some(mastery), Some(purpose)],
                )
            })
            .collect()
    }

    fn colours(chart: &TrendChart<'_>, width: u16, height: u16) -> Buffer {
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        chart.render(area, &mut buf);
        buf
    }

    fn is_braille(symbol: &str) -> bool {
        symbol
            .chars()
            .next()
            .is_some_and(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
    }

    #[test]
    fn more_check_ins_than_room_draw_the_mean_of_each_stretch() {
        let all = weekly(400);
        let chart = TrendChart::new(&all);
        let timeline = chart.timeline();
        let series = chart.series(&timeline, 40);
        for s in &series {
            let points: usize = s.segments.iter().map(Vec::len).sum();
            assert!((30..=40).contains(&points), "{}: {points} points", s.name);
        }
        // The first point is the mean of the check-ins in the first slot.
        let groups = group_by_slot(&timeline, 40);
        let first: Vec<f64> = groups[0]
            .iter()
            .filter_map(|(_, s)| s.score("autonomy"))
            .collect();
        assert!(first.len() > 1, "several check-ins share a slot");
        assert_eq!(series[0].segments[0][0].1, mean(&first));
        // With room for every check-in, every check-in is a point.
        let few = weekly(12);
        let chart = TrendChart::new(&few);
        let timeline = chart.timeline();
        let points: usize = chart.series(&timeline, 40)[0]
            .segments
            .iter()
            .map(Vec::len)
            .sum();
        assert_eq!(points, 12);
    }

    #[test]
    fn no_snapshots_shows_a_centred_message() {
        let text = render_text(&TrendChart::new(&[]), 40, 9);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 9);
        assert_eq!(rows[4].trim(), NO_CHECK_INS);
        let indent = rows[4].len() - rows[4].trim_start().len();
        assert_eq!(indent, (40 - NO_CHECK_INS.len()) / 2);
        assert!(rows.iter().enumerate().all(|(i, r)| i == 4 || r.is_empty()));
    }

    #[test]
    fn one_snapshot_is_a_visible_point() {
        let snapshots = [snapshot(
            "2026-03-02T10:00:00+00:00",
            [Some(5), Some(3), Some(1)],
        )];
        let chart = TrendChart::new(&snapshots).monochrome(true);
        let text = render_text(&chart, 40, 12);
        assert!(text.contains("2026-03-02"), "{text}");
        for marker in ['•', '+', 'x'] {
            assert_eq!(text.matches(marker).count(), 2, "{marker} in\n{text}");
        }
        insta::assert_snapshot!("one_snapshot", text);
    }

    #[test]
    fn two_snapshots() {
        let snapshots = [
            snapshot("2026-01-10T10:00:00+00:00", [Some(1), Some(3), Some(5)]),
            snapshot("2026-04-10T10:00:00+00:00", [Some(5), Some(3), Some(2)]),
        ];
        let text = render_plain(&snapshots, 60, 14, None);
        assert!(
            text.contains("2026-01-10") && text.contains("2026-04-10"),
            "{text}"
        );
        insta::assert_snapshot!("two_snapshots", text);
    }

    #[test]
    fn forty_snapshots_stay_readable() {
        let snapshots = weekly(40);
        let text = render_plain(&snapshots, 80, 20, None);
        assert_eq!(text.lines().count(), 20);
        assert!(text.lines().all(|l| l.chars().count() <= 80));
        assert!(text.contains("2026-01-05"), "{text}");
        // 39 weeks later
        assert!(text.contains("2026-10-05"), "{text}");
        insta::assert_snapshot!("forty_snapshots", text);
        // the same in colour, as the TUI draws it: braille lines
        let braille = render_text(&TrendChart::new(&snapshots), 80, 20);
        assert!(braille.chars().any(|c| is_braille(&c.to_string())));
        insta::assert_snapshot!("forty_snapshots_braille", braille);
    }

    #[test]
    fn a_year_long_gap_switches_to_month_labels() {
        let snapshots = [
            snapshot("2025-02-01T10:00:00+00:00", [Some(2), Some(4), Some(1)]),
            snapshot("2025-03-01T10:00:00+00:00", [Some(3), Some(4), Some(2)]),
            snapshot("2026-06-01T10:00:00+00:00", [Some(5), Some(3), Some(4)]),
        ];
        let text = render_plain(&snapshots, 72, 16, None);
        assert!(
            text.contains("Feb 2025") && text.contains("Jun 2026"),
            "{text}"
        );
        assert!(!text.contains("2025-02-01"), "{text}");
        insta::assert_snapshot!("year_gap", text);
    }

    #[test]
    fn a_missing_score_breaks_the_line() {
        // Mastery is skipped in the middle check-in: its two dots are not joined.
        let snapshots = [
            snapshot("2026-01-01T10:00:00+00:00", [Some(3), Some(5), Some(3)]),
            snapshot("2026-02-01T10:00:00+00:00", [Some(3), None, Some(3)]),
            snapshot("2026-03-01T10:00:00+00:00", [Some(3), Some(5), Some(3)]),
        ];
        let chart = TrendChart::new(&snapshots);
        let timeline = chart.timeline();
        let series = chart.series(&timeline, 40);
        let segments: Vec<usize> = series.iter().map(|s| s.segments.len()).collect();
        assert_eq!(segments, [1, 2, 1]);
        assert_eq!(series[1].segments[1], [(59.0, 100.0)]);

        let mastery_only = TrendChart::new(&snapshots)
            .dimensions(["mastery"])
            .monochrome(true);
        let text = render_text(&mastery_only, 40, 10);
        // Only the two scored check-ins are marked: a joined line would fill the row.
        assert_eq!(text.matches('•').count(), 3, "legend + two points:\n{text}");
    }

    #[test]
    fn each_dimension_is_drawn_in_its_colour() {
        let snapshots = weekly(6);
        let buf = colours(&TrendChart::new(&snapshots), 60, 16);
        for colour in [
            okabe_ito::SKY_BLUE,
            okabe_ito::ORANGE,
            okabe_ito::REDDISH_PURPLE,
        ] {
            let cells = buf
                .content()
                .iter()
                .filter(|c| is_braille(c.symbol()) && c.fg == colour)
                .count();
            assert!(cells > 0, "no braille cell in {colour:?}");
        }
        // the legend row names each dimension in its colour
        let legend: String = (0..60).map(|x| buf[(x, 0)].symbol()).collect();
        for (id, name) in DIMENSIONS {
            let at = legend.find(name).expect("name in legend");
            let column = u16::try_from(legend[..at].chars().count()).expect("narrow");
            let expected = DimensionColors::default().color(id, 0);
            assert_eq!(buf[(column, 0)].fg, expected, "{name}");
        }
    }

    #[test]
    fn monochrome_draws_no_colour_and_distinct_markers() {
        let snapshots = weekly(6);
        let buf = colours(&TrendChart::new(&snapshots).monochrome(true), 60, 16);
        assert!(buf.content().iter().all(|c| c.fg == Color::Reset));
        assert!(!buf.content().iter().any(|c| is_braille(c.symbol())));
        let text = buffer_text(&buf);
        assert!(
            text.starts_with("• Autonomy  + Mastery  x Purpose\n"),
            "{text}"
        );
    }

    #[test]
    fn markers_in_colour_keep_the_markers_and_the_colours() {
        let snapshots = weekly(6);
        let chart = TrendChart::new(&snapshots).markers(true);
        let buf = render_buffer(&chart, 60, 16);
        assert!(!buf.content().iter().any(|c| is_braille(c.symbol())));
        let text = buffer_text(&buf);
        assert!(
            text.starts_with("• Autonomy  + Mastery  x Purpose\n"),
            "{text}"
        );
        // The same shape as the monochrome chart, only coloured.
        assert_eq!(
            text,
            render_text(&TrendChart::new(&snapshots).monochrome(true), 60, 16)
        );
        for (marker, colour) in [
            ("•", okabe_ito::SKY_BLUE),
            ("+", okabe_ito::ORANGE),
            ("x", okabe_ito::REDDISH_PURPLE),
        ] {
            let cells: Vec<_> = buf
                .content()
                .iter()
                .filter(|c| c.symbol() == marker)
                .collect();
            assert!(cells.len() > 2, "{marker}");
            assert!(cells.iter().all(|c| c.fg == colour), "{marker}");
        }
    }

    #[test]
    fn default_colours_are_the_okabe_ito_palette_and_all_differ() {
        let colors = DimensionColors::default();
        let mut all: Vec<Color> = colors.fixed.iter().map(|(_, c)| *c).collect();
        all.extend(&colors.others);
        assert_eq!(all.len(), 7);
        for (i, a) in all.iter().enumerate() {
            assert!(matches!(a, Color::Indexed(16..=231)), "{a:?} in the cube");
            assert!(all[i + 1..].iter().all(|b| b != a), "{a:?} twice");
        }
    }

    #[test]
    fn chosen_dimensions_keep_their_order_and_unknown_ones_are_ignored() {
        let snapshots = weekly(3);
        let chart =
            TrendChart::new(&snapshots).dimensions(["purpose", "nope", "autonomy", "purpose"]);
        let shown: Vec<&str> = chart
            .shown_dimensions()
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(shown, ["purpose", "autonomy"]);
        let buf = colours(&chart, 60, 12);
        assert!(
            !buf.content()
                .iter()
                .any(|c| is_braille(c.symbol()) && c.fg == okabe_ito::ORANGE)
        );
    }

    #[test]
    fn tiny_areas_draw_what_fits_without_panicking() {
        let snapshots = weekly(5);
        for monochrome in [false, true] {
            let chart = TrendChart::new(&snapshots).monochrome(monochrome);
            for width in 0..14 {
                for height in 0..6 {
                    let text = render_text(&chart, width, height);
                    assert_eq!(text.lines().count(), usize::from(height));
                }
            }
        }
        let empty = render_text(&TrendChart::new(&[]), 5, 1);
        assert_eq!(empty, "No ch\n");
    }

    #[test]
    fn other_dimensions_take_palette_colours_in_turn() {
        let colors = DimensionColors::default();
        assert_eq!(colors.color("purpose", 5), okabe_ito::REDDISH_PURPLE);
        assert_eq!(colors.color("craft", 0), okabe_ito::BLUISH_GREEN);
        assert_eq!(colors.color("team", 1), okabe_ito::VERMILLION);
        assert_eq!(colors.color("team", 4), okabe_ito::BLUISH_GREEN);
    }

    #[test]
    fn x_positions_are_days_since_the_first_check_in() {
        let snapshots = [
            snapshot("2026-01-11T10:00:00+00:00", [Some(5), Some(5), Some(5)]),
            snapshot("2026-01-01T10:00:00+00:00", [Some(1), Some(1), Some(1)]),
            snapshot("2026-01-01T22:00:00+00:00", [Some(3), Some(3), Some(3)]),
        ];
        let chart = TrendChart::new(&snapshots);
        let xs: Vec<f64> = chart.timeline().iter().map(|(x, _)| *x).collect();
        assert_eq!(xs, [0.0, 0.5, 10.0]);
    }

    #[test]
    fn narrow_charts_drop_the_middle_label_then_shorten_dates() {
        let first = DateTime::parse_from_rfc3339("2026-01-01T00:00:00+00:00").expect("date");
        let (_, wide) = x_axis_layout(first, 30.0, 60);
        assert_eq!(wide, ["2026-01-01", "2026-01-16", "2026-01-31"]);
        let (_, two) = x_axis_layout(first, 30.0, 24);
        assert_eq!(two, ["2026-01-01", "2026-01-31"]);
        let (_, compact) = x_axis_layout(first, 30.0, 16);
        assert_eq!(compact, ["1 Jan", "31 Jan"]);
        let (bounds, single) = x_axis_layout(first, 0.0, 60);
        assert_eq!(bounds, [-1.0, 1.0]);
        assert_eq!(single, ["", "2026-01-01", ""]);
    }

    #[test]
    fn dimensions_are_collected_across_banks() {
        let mut later = snapshot("2026-02-01T10:00:00+00:00", [Some(1), Some(1), Some(1)]);
        later.dimensions[0].name = "Self-direction".into();
        later.dimensions.push(Dimension {
            id: "craft".into(),
            name: "Craft".into(),
            description: String::new(),
            sd: None,
            reliability: None,
        });
        let snapshots = [
            later,
            snapshot("2026-01-01T10:00:00+00:00", [Some(1), Some(1), Some(1)]),
        ];
        let found: Vec<(&str, &str)> = dimensions_in(&snapshots)
            .iter()
            .map(|d| (d.id.as_str(), d.name.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("autonomy", "Self-direction"),
                ("mastery", "Mastery"),
                ("purpose", "Purpose"),
                ("craft", "Craft")
            ]
        );
    }
}
