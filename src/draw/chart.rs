//! The trend chart widget: draws [`crate::trend`]'s series into any
//! [`Buffer`], so the TUI can place it on a screen and the plain commands
//! can turn it into text with [`render_text`] / [`render_plain`].
//!
//! * the legend is a row of its own above the plot, so it never hides data;
//! * in colour, lines use braille dots in each dimension's colour; in
//!   monochrome, each dimension gets its own marker character instead, shown
//!   next to its name in the legend. [`TrendChart::markers`] draws those
//!   markers in colour, for coloured text output;
//! * where the bank or its version changes the lines break and a `┆`
//!   column marks the place; life events are numbered `│` columns (see
//!   [`super::marks`]). Legend rows under the first name them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

use super::color::terminal;
use super::marks;
use crate::config::DimensionColors;
use crate::events::Event;
use crate::summary::Summary;
use crate::trend::{self, Series, TrendData};

/// Shown instead of an empty plot when there is nothing to draw.
pub const NO_CHECK_INS: &str = "No check-ins yet";

/// Markers used in monochrome, one per shown dimension in turn.
pub const MONOCHROME_MARKERS: [char; 8] = ['•', '+', 'x', 'o', '*', '#', '=', '%'];

/// Width of the y-axis labels ("100") plus the axis line itself.
const Y_AXIS_WIDTH: u16 = 4;

/// A line chart of dimension scores over time.
///
/// ```
/// use motive::draw::chart::{TrendChart, render_text};
///
/// let chart = TrendChart::new(&[]);
/// assert!(render_text(&chart, 40, 8).contains("No check-ins yet"));
/// ```
#[derive(Debug, Clone)]
pub struct TrendChart<'a> {
    snapshots: &'a [Summary],
    /// The snapshots' trend worked out beforehand (see [`TrendChart::of`]).
    prepared: Option<&'a TrendData>,
    only: Option<Vec<String>>,
    colors: DimensionColors,
    monochrome: bool,
    markers: bool,
    events: &'a [Event],
}

/// A series as drawn: its line's colour and marker.
struct Drawn<'a> {
    series: Series<'a>,
    color: Color,
    marker: char,
}

impl<'a> TrendChart<'a> {
    /// A chart of every dimension found in `snapshots` (oldest first; they are
    /// ordered by finish time again when drawn, so any order works).
    #[must_use]
    pub fn new(snapshots: &'a [Summary]) -> Self {
        Self {
            snapshots,
            prepared: None,
            only: None,
            colors: DimensionColors::default(),
            monochrome: false,
            markers: false,
            events: &[],
        }
    }

    /// A chart of a trend worked out beforehand: for screens redrawn often,
    /// which keep it as long as their check-ins do not change.
    #[must_use]
    pub fn of(prepared: &'a TrendData) -> Self {
        Self {
            prepared: Some(prepared),
            ..Self::new(&[])
        }
    }

    /// Show only these dimension ids, in this order (see
    /// [`trend::shown_dimensions`]).
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

    /// Mark these life events (oldest first), numbered from 1, with a
    /// legend; the x axis widens to take in any outside the check-ins.
    #[must_use]
    pub fn events(mut self, events: &'a [Event]) -> Self {
        self.events = events;
        self
    }

    /// The dimensions this chart shows, in order.
    #[must_use]
    pub fn shown_dimensions(&self) -> Vec<&'a crate::bank::Dimension> {
        match self.prepared {
            Some(prepared) => prepared.shown(self.only.as_deref()),
            None => trend::shown_dimensions(self.snapshots, self.only.as_deref()),
        }
    }

    /// Whether lines are drawn with marker characters rather than braille.
    fn uses_markers(&self) -> bool {
        self.monochrome || self.markers
    }

    /// Each series with its colour (dimensions without a colour of their
    /// own take the next of the palette's others) and its marker.
    fn drawn(&self, series: Vec<Series<'a>>) -> Vec<Drawn<'a>> {
        let mut nth_other = 0;
        series
            .into_iter()
            .map(|series| {
                let id = &series.dimension.id;
                let color = if self.monochrome {
                    Color::Reset
                } else {
                    let color = terminal(self.colors.color(id, nth_other));
                    if !self.colors.is_fixed(id) {
                        nth_other += 1;
                    }
                    color
                };
                let marker = MONOCHROME_MARKERS[series.position % MONOCHROME_MARKERS.len()];
                Drawn {
                    series,
                    color,
                    marker,
                }
            })
            .collect()
    }

    /// The legend in rows of `width` columns: a name that does not fit
    /// on a row starts the next one, never cut ("• Autonomy  +").
    fn legend(&self, drawn: &[Drawn<'_>], width: usize) -> Vec<Line<'static>> {
        let mut rows: Vec<Line<'static>> = Vec::new();
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for d in drawn {
            let name = &d.series.dimension.name;
            let item = if self.monochrome {
                Span::raw(format!("{} {name}", d.marker))
            } else if self.markers {
                Span::styled(format!("{} {name}", d.marker), Style::default().fg(d.color))
            } else {
                Span::styled(format!("━ {name}"), Style::default().fg(d.color))
            };
            let item_width = item.width();
            if !row.is_empty() && used + 2 + item_width > width {
                rows.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            if !row.is_empty() {
                row.push(Span::raw("  "));
                used += 2;
            }
            row.push(item);
            used += item_width;
        }
        if !row.is_empty() {
            rows.push(Line::from(row));
        }
        rows
    }
}

impl Widget for &TrendChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let worked_out;
        let data = match self.prepared {
            Some(prepared) => prepared,
            None => {
                worked_out = TrendData::of(self.snapshots);
                &worked_out
            }
        };
        let Some((first, span)) = data.span() else {
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
        let columns = usize::from(area.width.saturating_sub(Y_AXIS_WIDTH).max(1));
        let per_column = if self.uses_markers() { 1 } else { 2 };
        let shown = data.shown(self.only.as_deref());
        let mut drawn = self.drawn(data.series(&shown, columns * per_column));

        // The dimensions, wrapped onto more rows rather than cut ("•
        // Autonomy  +"), then the marks' legend; on at most half the height.
        let mut legend = self.legend(&drawn, usize::from(area.width));
        let most = usize::from((area.height / 2).max(1));
        legend.extend(marks::pack(
            marks::legend(data.stretches(), self.events, area.width),
            area.width,
        ));
        legend.truncate(most);
        let rows = u16::try_from(legend.len()).unwrap_or(1);
        for (i, line) in (0..rows).zip(legend) {
            line.render(Rect::new(area.x, area.y + i, area.width, 1), buf);
        }
        let plot = Rect::new(
            area.x,
            area.y.saturating_add(rows),
            area.width,
            area.height.saturating_sub(rows),
        );
        if plot.is_empty() {
            return;
        }

        let plot_columns = plot.width.saturating_sub(Y_AXIS_WIDTH);
        let span = spread(&mut drawn, span, plot_columns);
        // Days from the first check-in, shifted so that the events before
        // it fit too.
        let event_days = trend::event_days(first, self.events);
        let (shift, range) = trend::shown_range(span, &event_days);
        let origin = first - chrono::Duration::seconds((shift * 86_400.0).round() as i64);
        let (x_bounds, x_labels) = trend::x_axis(origin, range, plot_columns);
        let shifted = |xs: &[f64]| -> Vec<f64> { xs.iter().map(|x| x + shift).collect() };
        marks::draw(
            buf,
            marks::graph_area(plot),
            x_bounds,
            &shifted(&data.bank_changes()),
            &shifted(&event_days),
        );
        let segments: Vec<Vec<Vec<(f64, f64)>>> = drawn
            .iter()
            .map(|d| {
                d.series
                    .segments
                    .iter()
                    .map(|segment| segment.iter().map(|(x, y)| (x + shift, *y)).collect())
                    .collect()
            })
            .collect();
        let datasets = drawn
            .iter()
            .zip(&segments)
            .flat_map(|(d, segments)| {
                let marker = if self.uses_markers() {
                    Marker::Custom(d.marker)
                } else {
                    Marker::Braille
                };
                segments.iter().map(move |segment| {
                    Dataset::default()
                        .data(segment)
                        .marker(marker)
                        .graph_type(GraphType::Line)
                        .style(Style::default().fg(d.color))
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
/// Over a span of days or more, check-ins closer than a column (two on one
/// day in a long history) are moved a column apart, so they show as two
/// points rather than one vertical bar; returns the span that then holds
/// every point, for the axis.
fn spread(drawn: &mut [Drawn<'_>], span: f64, columns: u16) -> f64 {
    if span < 1.0 || columns == 0 {
        return span;
    }
    let gap = span / f64::from(columns);
    let mut right = span;
    for segment in drawn.iter_mut().flat_map(|d| d.series.segments.iter_mut()) {
        let mut previous: Option<f64> = None;
        for point in segment.iter_mut() {
            if let Some(x) = previous
                && point.0 - x < gap
            {
                point.0 = x + gap;
            }
            previous = Some(point.0);
            right = right.max(point.0);
        }
    }
    right
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
/// shows every dimension. `events` are marked and named in the legend.
#[must_use]
pub fn render_plain(
    snapshots: &[Summary],
    width: u16,
    height: u16,
    dimensions: Option<&[String]>,
    events: &[Event],
) -> String {
    let mut chart = TrendChart::new(snapshots).monochrome(true).events(events);
    if let Some(ids) = dimensions {
        chart = chart.dimensions(ids.iter().cloned());
    }
    render_text(&chart, width, height)
}
