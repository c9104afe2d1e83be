//! How each dimension's score moved across check-ins, as data: the
//! timeline, the series of points per dimension (split where a score is
//! missing, averaged when there are more check-ins than room), and the
//! x axis. Plain Rust: the chart widget in [`crate::draw::chart`] draws it.
//!
//! * x = days since the first check-in (so uneven gaps between check-ins
//!   show as uneven gaps), y = score from 0 to 100;
//! * a check-in without a score for a dimension (too few answers, or a bank
//!   without that dimension) breaks the line there: the series is split into
//!   separate segments, so no line is drawn through a score that was never
//!   measured. A segment of one check-in is a single point;
//! * the check-ins fall into stretches, one per run of a bank and version
//!   ([`stretches`]): a line breaks where the bank or its version changes,
//!   since scores from different statements are not one series;
//! * life events sit on the same x axis ([`event_days`]), numbered from 1 in
//!   date order, and widen it when they fall outside the check-ins.

use chrono::{DateTime, Duration, FixedOffset};

use crate::bank::Dimension;
use crate::events::Event;
use crate::snapshot::BankRef;
use crate::summary::Summary;

/// Seconds in a day, to turn timestamps into fractional days.
const SECONDS_PER_DAY: f64 = 86_400.0;

/// Below this span (in days) the x axis is widened around the data, so a single
/// check-in, or several on one day, still shows as visible points.
const MIN_SPAN_DAYS: f64 = 1.0;

/// Spans longer than this (in days) label the x axis by month instead of day.
const LONG_SPAN_DAYS: f64 = 365.0;

/// One dimension's line, split into runs of consecutive scored check-ins.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<'a> {
    pub dimension: &'a Dimension,
    /// Its place among the dimensions shown, from 0.
    pub position: usize,
    /// Runs of (days since the first check-in, score) points.
    pub segments: Vec<Vec<(f64, f64)>>,
}

/// A run of consecutive check-ins (in time order) taken with one bank and
/// bank version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch {
    /// The bank's id and version, as the first check-in of the run names it.
    pub bank: BankRef,
    /// The check-ins of the run, as indices into the sequence given.
    pub range: std::ops::Range<usize>,
}

impl Stretch {
    /// `core 2`: the bank and its version, fit for one line.
    #[must_use]
    pub fn name(&self) -> String {
        format!(
            "{} {}",
            crate::text::escape_line(&self.bank.id),
            crate::text::escape_line(&self.bank.version)
        )
    }
}

/// Whether two check-ins used the same bank and bank version, so their
/// scores can sit on one line.
#[must_use]
pub fn same_bank(a: &BankRef, b: &BankRef) -> bool {
    a.id == b.id && a.version == b.version
}

/// The check-ins' banks (in time order) cut into stretches of one bank and
/// version. Every chart and the home sparkline break their lines here.
#[must_use]
pub fn stretches<'a>(banks: impl IntoIterator<Item = &'a BankRef>) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for (i, bank) in banks.into_iter().enumerate() {
        match out.last_mut() {
            Some(last) if same_bank(&last.bank, bank) => last.range.end = i + 1,
            _ => out.push(Stretch {
                bank: bank.clone(),
                range: i..i + 1,
            }),
        }
    }
    out
}

/// Which bank each stretch used, for a legend (`core 1, then core 2`);
/// `None` when there is only one.
#[must_use]
pub fn stretches_line(stretches: &[Stretch]) -> Option<String> {
    (stretches.len() > 1).then(|| {
        stretches
            .iter()
            .map(Stretch::name)
            .collect::<Vec<_>>()
            .join(", then ")
    })
}

/// Where the bank changes on the x axis, for check-ins at `xs` (in time
/// order) cut into `stretches`: halfway between the last check-in of one
/// stretch and the first of the next, in the gap the broken line leaves.
#[must_use]
pub fn bank_change_days(xs: &[f64], stretches: &[Stretch]) -> Vec<f64> {
    stretches
        .iter()
        .skip(1)
        .filter_map(|s| {
            let start = s.range.start;
            Some((xs.get(start.checked_sub(1)?)? + xs.get(start)?) / 2.0)
        })
        .collect()
}

/// Each event's x, in days since `first` (the first check-in's finish; an
/// event counts from the start of its day there), in the order given.
#[must_use]
pub fn event_days(first: DateTime<FixedOffset>, events: &[Event]) -> Vec<f64> {
    events
        .iter()
        .map(|e| {
            let start = e
                .date
                .and_hms_opt(0, 0, 0)
                .and_then(|t| t.and_local_timezone(*first.offset()).single())
                .unwrap_or(first);
            days_between(first, start)
        })
        .collect()
}

/// The x range a chart shows: from the earliest to the latest of the
/// check-ins (`0..=span` days) and the events at `event_days`. Returns the
/// shift to add to every x so the range starts at 0, and its length.
#[must_use]
pub fn shown_range(span: f64, event_days: &[f64]) -> (f64, f64) {
    let start = event_days.iter().copied().fold(0.0_f64, f64::min);
    let end = event_days.iter().copied().fold(span, f64::max);
    (-start, end - start)
}

/// Every dimension found in `snapshots`, in order of first appearance, each
/// as declared by the latest snapshot that has it.
#[must_use]
pub fn dimensions_in(snapshots: &[Summary]) -> Vec<&Dimension> {
    let mut ordered: Vec<&Summary> = snapshots.iter().collect();
    ordered.sort_by_key(|s| s.finished_at);
    let mut found: Vec<&Dimension> = Vec::new();
    for dimension in ordered.iter().flat_map(|s| s.dimensions.iter()) {
        match found.iter_mut().find(|d| d.id == dimension.id) {
            Some(slot) => *slot = dimension,
            None => found.push(dimension),
        }
    }
    found
}

/// The dimensions of `snapshots` to show: all of them, or only the ids in
/// `only`, in that order (repeats shown once). Ids that appear in no
/// snapshot are ignored here; callers that take ids from people should
/// check them against [`dimensions_in`] first.
#[must_use]
pub fn shown_dimensions<'a>(
    snapshots: &'a [Summary],
    only: Option<&[String]>,
) -> Vec<&'a Dimension> {
    pick(dimensions_in(snapshots), only)
}

/// `all`, or only the ids in `only`, in that order, each once.
fn pick<'a>(all: Vec<&'a Dimension>, only: Option<&[String]>) -> Vec<&'a Dimension> {
    let Some(ids) = only else {
        return all;
    };
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

/// The snapshots in time order (any order in), each with its x position in
/// days since the first one.
#[must_use]
pub fn timeline(snapshots: &[Summary]) -> Vec<(f64, &Summary)> {
    let mut ordered: Vec<&Summary> = snapshots.iter().collect();
    ordered.sort_by_key(|s| s.finished_at);
    let Some(first) = ordered.first().map(|s| s.finished_at) else {
        return Vec::new();
    };
    ordered
        .into_iter()
        .map(|s| (days_between(first, s.finished_at), s))
        .collect()
}

/// One series per dimension in `shown`, already split at missing scores
/// and where the bank or its version changes.
/// `slots` is how many points fit across the plot: with more check-ins
/// than that, each point is the mean of the check-ins in its stretch of
/// time (never across a change of bank), so a long history draws as a
/// line rather than a solid band.
#[must_use]
pub fn series<'a>(
    timeline: &[(f64, &Summary)],
    shown: &[&'a Dimension],
    slots: usize,
) -> Vec<Series<'a>> {
    let xs: Vec<f64> = timeline.iter().map(|(x, _)| *x).collect();
    let runs = stretch_of(&stretches(timeline.iter().map(|(_, s)| &*s.bank)));
    build_series(&xs, &runs, shown, slots, |position, i| {
        timeline[i].1.score(&shown[position].id)
    })
}

/// For each check-in, the index of its stretch.
fn stretch_of(stretches: &[Stretch]) -> Vec<usize> {
    stretches
        .iter()
        .enumerate()
        .flat_map(|(n, s)| s.range.clone().map(move |_| n))
        .collect()
}

/// The series of `shown` over check-ins at `xs` (in time order, each in
/// the stretch `runs` gives), where `score(position in shown, index in
/// xs)` is a check-in's score.
fn build_series<'a>(
    xs: &[f64],
    runs: &[usize],
    shown: &[&'a Dimension],
    slots: usize,
    score: impl Fn(usize, usize) -> Option<f64>,
) -> Vec<Series<'a>> {
    let groups = slot_ranges(xs, runs, slots);
    let score = &score;
    let groups = &groups;
    shown
        .iter()
        .enumerate()
        .map(|(position, dimension)| {
            let points = groups.iter().enumerate().flat_map(move |(g, group)| {
                // A change of bank ends the line as a gap would.
                let changed = g > 0 && runs.get(groups[g - 1].start) != runs.get(group.start);
                let scores: Vec<f64> = group.clone().filter_map(|i| score(position, i)).collect();
                let point = (!scores.is_empty()).then(|| (mean(&xs[group.clone()]), mean(&scores)));
                changed.then_some(None).into_iter().chain([point])
            });
            Series {
                dimension,
                position,
                segments: split_at_gaps(points),
            }
        })
        .collect()
}

/// The timeline cut into consecutive groups, one per check-in when they fit
/// in `slots`, else one per slot of equal time that holds any (a group
/// never holds check-ins of two banks).
#[must_use]
pub fn group_by_slot<'t, 'a>(
    timeline: &'t [(f64, &'a Summary)],
    slots: usize,
) -> Vec<&'t [(f64, &'a Summary)]> {
    let xs: Vec<f64> = timeline.iter().map(|(x, _)| *x).collect();
    let runs = stretch_of(&stretches(timeline.iter().map(|(_, s)| &*s.bank)));
    slot_ranges(&xs, &runs, slots)
        .into_iter()
        .map(|group| &timeline[group])
        .collect()
}

/// [`group_by_slot`] of check-ins at `xs` (in time order), as index ranges.
fn slot_ranges(xs: &[f64], runs: &[usize], slots: usize) -> Vec<std::ops::Range<usize>> {
    let span = xs.last().copied().unwrap_or(0.0);
    if xs.len() <= slots.max(1) || span <= 0.0 {
        return (0..xs.len()).map(|i| i..i + 1).collect();
    }
    // Slots are few (a chart's width), so the float-to-index casts are exact.
    let slot_of = |x: f64| ((x / span) * (slots - 1) as f64).round() as usize;
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..xs.len() {
        if slot_of(xs[i - 1]) != slot_of(xs[i]) || runs.get(i - 1) != runs.get(i) {
            groups.push(start..i);
            start = i;
        }
    }
    if !xs.is_empty() {
        groups.push(start..xs.len());
    }
    groups
}

/// What a trend chart needs of a list of check-ins, worked out once (the
/// TUI keeps it beside its summaries) so that drawing does not sort and
/// search every check-in on every frame, nor (after the first frame at a
/// width) group and average them again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrendData {
    /// [`dimensions_in`] the check-ins.
    dimensions: Vec<Dimension>,
    /// The first check-in's finish time.
    first: Option<DateTime<FixedOffset>>,
    /// Each check-in's x, in time order (see [`timeline`]).
    xs: Vec<f64>,
    /// Per dimension, each check-in's score, in time order.
    scores: Vec<Vec<Option<f64>>>,
    /// The check-ins' stretches of one bank and version, in time order.
    stretches: Vec<Stretch>,
    /// Per dimension, how many check-ins have a score for it.
    scored: Vec<usize>,
    /// Every dimension's segments at the latest number of slots asked for.
    drawn: SeriesMemo,
}

impl TrendData {
    #[must_use]
    pub fn of(snapshots: &[Summary]) -> Self {
        let timeline = timeline(snapshots);
        let dimensions: Vec<Dimension> = dimensions_in(snapshots).into_iter().cloned().collect();
        let scores: Vec<Vec<Option<f64>>> = dimensions
            .iter()
            .map(|d| timeline.iter().map(|(_, s)| s.score(&d.id)).collect())
            .collect();
        let scored = scores
            .iter()
            .map(|column| column.iter().flatten().count())
            .collect();
        Self {
            stretches: stretches(timeline.iter().map(|(_, s)| &*s.bank)),
            first: timeline.first().map(|(_, s)| s.finished_at),
            xs: timeline.iter().map(|(x, _)| *x).collect(),
            dimensions,
            scores,
            scored,
            drawn: SeriesMemo::default(),
        }
    }

    /// How many check-ins have a score for each of [`TrendData::dimensions`].
    #[must_use]
    pub fn scored(&self) -> &[usize] {
        &self.scored
    }

    /// Every dimension, as [`dimensions_in`] gives them.
    #[must_use]
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The dimensions to show, as [`shown_dimensions`] picks them.
    #[must_use]
    pub fn shown(&self, only: Option<&[String]>) -> Vec<&Dimension> {
        pick(self.dimensions.iter().collect(), only)
    }

    /// The check-ins' stretches of one bank and version, in time order.
    #[must_use]
    pub fn stretches(&self) -> &[Stretch] {
        &self.stretches
    }

    /// [`bank_change_days`] of these check-ins.
    #[must_use]
    pub fn bank_changes(&self) -> Vec<f64> {
        bank_change_days(&self.xs, &self.stretches)
    }

    /// The first check-in's finish time and the days from it to the last.
    #[must_use]
    pub fn span(&self) -> Option<(DateTime<FixedOffset>, f64)> {
        Some((self.first?, self.xs.last().copied().unwrap_or(0.0)))
    }

    /// [`series`] of `shown` (dimensions of this data) over `slots`.
    ///
    /// Grouping and averaging goes through every check-in, so it is done
    /// once per number of slots and kept: a redraw at the same width costs
    /// the points drawn, not the check-ins.
    #[must_use]
    pub fn series<'a>(&self, shown: &[&'a Dimension], slots: usize) -> Vec<Series<'a>> {
        let all = self.drawn.get_or_insert(slots, || self.all_segments(slots));
        shown
            .iter()
            .enumerate()
            .map(|(position, dimension)| {
                let at = self
                    .dimensions
                    .iter()
                    .position(|mine| mine.id == dimension.id);
                Series {
                    dimension,
                    position,
                    segments: at.and_then(|at| all.get(at)).cloned().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Every dimension's segments over `slots`, in the order of
    /// [`TrendData::dimensions`].
    fn all_segments(&self, slots: usize) -> Vec<Segments> {
        let every: Vec<&Dimension> = self.dimensions.iter().collect();
        let runs = stretch_of(&self.stretches);
        build_series(&self.xs, &runs, &every, slots, |position, i| {
            self.scores.get(position).and_then(|scores| scores[i])
        })
        .into_iter()
        .map(|series| series.segments)
        .collect()
    }
}

/// One dimension's runs of points, as [`Series::segments`] holds them.
type Segments = Vec<Vec<(f64, f64)>>;

/// The segments of every dimension at one number of slots, kept from one
/// frame to the next. Derived data: a copy starts empty, and it never
/// makes two trends unequal.
#[derive(Debug, Default)]
struct SeriesMemo(std::sync::Mutex<Option<(usize, std::sync::Arc<Vec<Segments>>)>>);

impl SeriesMemo {
    /// The segments kept for `slots`, or those `work_out` gives (then kept).
    fn get_or_insert(
        &self,
        slots: usize,
        work_out: impl FnOnce() -> Vec<Segments>,
    ) -> std::sync::Arc<Vec<Segments>> {
        // A poisoned memo only held derived data: work it out afresh.
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match kept.as_ref() {
            Some((at, all)) if *at == slots => std::sync::Arc::clone(all),
            _ => {
                let all = std::sync::Arc::new(work_out());
                *kept = Some((slots, std::sync::Arc::clone(&all)));
                all
            }
        }
    }
}

impl Clone for SeriesMemo {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl PartialEq for SeriesMemo {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
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
    let seconds = (to - from).num_seconds() as f64;
    seconds / SECONDS_PER_DAY
}

/// The x bounds and labels for check-ins spanning `span` days from `first`,
/// on a plot `plot_width` cells wide.
#[must_use]
pub fn x_axis(first: DateTime<FixedOffset>, span: f64, plot_width: u16) -> ([f64; 2], Vec<String>) {
    let date_at = |days: f64| {
        // Whole seconds are plenty for a date label.
        let offset = Duration::seconds((days * SECONDS_PER_DAY).round() as i64);
        first + offset
    };
    let long = span > LONG_SPAN_DAYS;
    let format = if long { "%b %Y" } else { "%Y-%m-%d" };
    let label = |days: f64| date_at(days).format(format).to_string();
    let label_width = u16::try_from(label(0.0).chars().count()).unwrap_or(u16::MAX);

    if span < MIN_SPAN_DAYS {
        // The middle label is the day, whole: shortened when a third of
        // the plot cannot hold the full date, left out when it cannot hold
        // even that (never cut to "026-11-3").
        let fits = |label: &str| usize::from(plot_width / 3) > label.chars().count();
        let day = |days: f64| {
            let full = label(days);
            let short = date_at(days).format("%-d %b").to_string();
            [full, short].into_iter().find(|l| fits(l))
        };
        if span <= 0.0 {
            // One check-in: centre it with a day either side.
            let bounds = [-MIN_SPAN_DAYS, MIN_SPAN_DAYS];
            let labels = match day(0.0) {
                Some(day) => vec![String::new(), day, String::new()],
                None => vec![String::new(), String::new()],
            };
            return (bounds, labels);
        }
        // Several within a day: the ends of the axis are times of day, so
        // check-ins hours apart are points apart, not one vertical bar.
        let pad = (span / 4.0).max(1.0 / 24.0);
        let bounds = [-pad, span + pad];
        let time = |days: f64, format: &str| date_at(days).format(format).to_string();
        let labels = match day(span / 2.0) {
            Some(day) if fits("00:00") => vec![time(-pad, "%H:%M"), day, time(span + pad, "%H:%M")],
            _ if plot_width / 2 > 5 => vec![time(-pad, "%H:%M"), time(span + pad, "%H:%M")],
            _ => vec![time(-pad, "%-Hh"), time(span + pad, "%-Hh")],
        };
        return (bounds, labels);
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
        let compact_width = u16::try_from(compact(0.0).chars().count()).unwrap_or(u16::MAX);
        let year = |days: f64| date_at(days).format("%Y").to_string();
        if plot_width / 2 > compact_width {
            vec![compact(0.0), compact(span)]
        } else if long && plot_width / 2 > 4 {
            vec![year(0.0), year(span)]
        } else {
            // Too narrow for two dates side by side: the first alone, rather
            // than two run into each other.
            vec![if long { year(0.0) } else { compact(0.0) }, String::new()]
        }
    };
    (bounds, labels)
}
