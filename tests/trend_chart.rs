//! The trend chart: its data (`motive::trend`) and its widget
//! (`motive::draw::chart`), drawn into buffers and read back as text.

mod support;

use chrono::{DateTime, Duration};
use motive::bank::Dimension;
use motive::config::DimensionColors;
use motive::config::color::okabe_ito;
use motive::draw::chart::{
    NO_CHECK_INS, TrendChart, buffer_text, render_buffer, render_plain, render_text,
};
use motive::draw::color::terminal;
use motive::summary::Summary;
use motive::trend::{self, dimensions_in, group_by_slot, x_axis};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::widgets::Widget;

/// A check-in as the chart sees it (see `support::scored`).
fn snapshot(at: &str, values: [Option<i64>; 3]) -> Summary {
    Summary::of(&support::scored(at, values))
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
    let shown = dimensions_in(&all);
    let timeline = trend::timeline(&all);
    let series = trend::series(&timeline, &shown, 40);
    for s in &series {
        let points: usize = s.segments.iter().map(Vec::len).sum();
        assert!(
            (30..=40).contains(&points),
            "{}: {points} points",
            s.dimension.name
        );
    }
    // The first point is the mean of the check-ins in the first slot.
    let groups = group_by_slot(&timeline, 40);
    let first: Vec<f64> = groups[0]
        .iter()
        .filter_map(|(_, s)| s.score("autonomy"))
        .collect();
    assert!(first.len() > 1, "several check-ins share a slot");
    let mean = first.iter().sum::<f64>() / first.len() as f64;
    assert_eq!(series[0].segments[0][0].1, mean);
    // With room for every check-in, every check-in is a point.
    let few = weekly(12);
    let timeline = trend::timeline(&few);
    let points: usize = trend::series(&timeline, &dimensions_in(&few), 40)[0]
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
    let text = render_plain(&snapshots, 60, 14, None, &[]);
    assert!(
        text.contains("2026-01-10") && text.contains("2026-04-10"),
        "{text}"
    );
    insta::assert_snapshot!("two_snapshots", text);
}

#[test]
fn forty_snapshots_stay_readable() {
    let snapshots = weekly(40);
    let text = render_plain(&snapshots, 80, 20, None, &[]);
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
    let text = render_plain(&snapshots, 72, 16, None, &[]);
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
    let timeline = trend::timeline(&snapshots);
    let series = trend::series(&timeline, &dimensions_in(&snapshots), 40);
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
        let colour = terminal(colour);
        let cells = buf
            .content()
            .iter()
            .filter(|c| is_braille(c.symbol()) && c.fg == colour)
            .count();
        assert!(cells > 0, "no braille cell in {colour:?}");
    }
    // the legend row names each dimension in its colour
    let legend: String = (0..60).map(|x| buf[(x, 0)].symbol()).collect();
    for (id, name) in support::DIMENSIONS {
        let at = legend.find(name).expect("name in legend");
        let column = u16::try_from(legend[..at].chars().count()).expect("narrow");
        let expected = terminal(DimensionColors::default().color(id, 0));
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
        assert!(cells.iter().all(|c| c.fg == terminal(colour)), "{marker}");
    }
}

#[test]
fn default_colours_are_the_okabe_ito_palette_and_all_differ() {
    let colors = DimensionColors::default();
    let mut all: Vec<Color> = colors.fixed.iter().map(|(_, c)| terminal(*c)).collect();
    all.extend(colors.others.iter().map(|c| terminal(*c)));
    // Seven Okabe-Ito colours less the two of a rise and a fall.
    assert_eq!(all.len(), 5);
    for (i, a) in all.iter().enumerate() {
        assert!(matches!(a, Color::Indexed(16..=231)), "{a:?} in the cube");
        assert!(all[i + 1..].iter().all(|b| b != a), "{a:?} twice");
    }
}

#[test]
fn chosen_dimensions_keep_their_order_and_unknown_ones_are_ignored() {
    let snapshots = weekly(3);
    let chart = TrendChart::new(&snapshots).dimensions(["purpose", "nope", "autonomy", "purpose"]);
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
            .any(|c| is_braille(c.symbol()) && c.fg == terminal(okabe_ito::ORANGE))
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
    assert_eq!(colors.color("craft", 0), okabe_ito::BLUE);
    assert_eq!(colors.color("team", 1), okabe_ito::YELLOW);
    assert_eq!(colors.color("team", 4), okabe_ito::BLUE);
}

/// A dimension's line is never drawn in a direction's colour, so no line
/// reads as a rise or a fall; and no fall is drawn in the rise colour.
#[test]
fn no_dimension_takes_a_direction_colour() {
    use motive::draw::{color::terminal, direction};
    let colors = DimensionColors::default();
    let directions = [direction::rise(), direction::fall()];
    assert_ne!(direction::rise(), direction::fall());
    for (id, nth) in [("autonomy", 0), ("mastery", 0), ("purpose", 0)]
        .into_iter()
        .chain((0..8).map(|n| ("other", n)))
    {
        let line = terminal(colors.color(id, nth));
        assert!(!directions.contains(&line), "{id} #{nth} is drawn {line:?}");
    }
}

#[test]
fn x_positions_are_days_since_the_first_check_in() {
    let snapshots = [
        snapshot("2026-01-11T10:00:00+00:00", [Some(5), Some(5), Some(5)]),
        snapshot("2026-01-01T10:00:00+00:00", [Some(1), Some(1), Some(1)]),
        snapshot("2026-01-01T22:00:00+00:00", [Some(3), Some(3), Some(3)]),
    ];
    let xs: Vec<f64> = trend::timeline(&snapshots)
        .iter()
        .map(|(x, _)| *x)
        .collect();
    assert_eq!(xs, [0.0, 0.5, 10.0]);
}

#[test]
fn narrow_charts_drop_the_middle_label_then_shorten_dates() {
    let first = DateTime::parse_from_rfc3339("2026-01-01T00:00:00+00:00").expect("date");
    let (_, wide) = x_axis(first, 30.0, 60);
    assert_eq!(wide, ["2026-01-01", "2026-01-16", "2026-01-31"]);
    let (_, two) = x_axis(first, 30.0, 24);
    assert_eq!(two, ["2026-01-01", "2026-01-31"]);
    let (_, compact) = x_axis(first, 30.0, 16);
    assert_eq!(compact, ["1 Jan", "31 Jan"]);
    let (bounds, single) = x_axis(first, 0.0, 60);
    assert_eq!(bounds, [-1.0, 1.0]);
    assert_eq!(single, ["", "2026-01-01", ""]);
}

#[test]
fn check_ins_within_a_day_get_times_at_the_ends_and_the_whole_day_between() {
    let first = DateTime::parse_from_rfc3339("2026-11-30T09:30:00+00:00").expect("date");
    // 09:30 and 17:30: a third of a day apart, padded by a quarter of it.
    let span = 8.0 / 24.0;
    let (bounds, labels) = x_axis(first, span, 60);
    assert_eq!(bounds, [-span / 4.0, span + span / 4.0]);
    assert_eq!(labels, ["07:30", "2026-11-30", "19:30"]);
    // A narrow plot: the day is shortened, never cut ("026-11-3").
    let (_, narrow) = x_axis(first, span, 29);
    assert_eq!(narrow, ["07:30", "30 Nov", "19:30"]);
    let (_, single) = x_axis(first, 0.0, 29);
    assert_eq!(single, ["", "30 Nov", ""]);
}

#[test]
fn dimensions_are_collected_across_banks() {
    let mut later = snapshot("2026-02-01T10:00:00+00:00", [Some(1), Some(1), Some(1)]);
    let mut dimensions = later.dimensions.to_vec();
    dimensions[0].name = "Self-direction".into();
    dimensions.push(Dimension {
        id: "craft".into(),
        name: "Craft".into(),
        description: String::new(),
        sd: None,
        reliability: None,
    });
    later.dimensions = dimensions.into();
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

/// The chart of a trend worked out once (as the history screen keeps it)
/// draws exactly what the chart of the check-ins draws, long or short,
/// with gaps, in every style and for chosen dimensions.
#[test]
fn a_prepared_trend_draws_the_same_chart() {
    let mut gappy = weekly(700);
    for (i, s) in gappy.iter_mut().enumerate() {
        if i % 11 == 0 {
            s.scores[1].score = None;
        }
    }
    for snapshots in [Vec::new(), weekly(1), weekly(40), gappy] {
        let prepared = trend::TrendData::of(&snapshots);
        for (width, height) in [(80, 20), (120, 40), (30, 8)] {
            let pairs = [
                (TrendChart::new(&snapshots), TrendChart::of(&prepared)),
                (
                    TrendChart::new(&snapshots).monochrome(true),
                    TrendChart::of(&prepared).monochrome(true),
                ),
                (
                    TrendChart::new(&snapshots)
                        .markers(true)
                        .dimensions(["purpose", "autonomy"]),
                    TrendChart::of(&prepared)
                        .markers(true)
                        .dimensions(["purpose", "autonomy"]),
                ),
            ];
            for (direct, from_prepared) in &pairs {
                assert_eq!(
                    colours(direct, width, height),
                    colours(from_prepared, width, height),
                    "{} check-ins at {width}x{height}",
                    snapshots.len()
                );
                assert_eq!(direct.shown_dimensions(), from_prepared.shown_dimensions());
            }
        }
    }
}

/// Below room for two short dates, the axis gives years, then the first
/// alone, rather than running two into each other ("Nov 2 v 26").
#[test]
fn the_narrowest_charts_keep_only_the_first_date() {
    let first = DateTime::parse_from_rfc3339("2025-11-20T00:00:00+00:00").expect("date");
    let (_, labels) = x_axis(first, 400.0, 9);
    assert_eq!(labels, ["2025", ""]);
    let (_, labels) = x_axis(first, 400.0, 10);
    assert_eq!(labels, ["2025", "2026"]);
    let (_, labels) = x_axis(first, 400.0, 14);
    assert_eq!(labels, ["Nov 25", "Dec 26"]);
    let (_, labels) = x_axis(first, 30.0, 9);
    assert_eq!(labels, ["20 Nov", ""]);
    let text = render_plain(
        &[
            Summary::of(&support::scored(
                "2025-11-20T09:00:00+00:00",
                [Some(2), Some(3), Some(4)],
            )),
            Summary::of(&support::scored(
                "2026-12-24T09:00:00+00:00",
                [Some(3), Some(3), Some(3)],
            )),
        ],
        13,
        12,
        None,
        &[],
    );
    let axis = text.lines().last().expect("labels");
    assert_eq!(axis.trim(), "2025", "{text}");
}
