//! `motive chart`: the trend chart as plain text, or as an SVG image, with
//! the life events marked on it.

use std::process::ExitCode;

use super::output;
use super::paint::Paint;
use super::{Ctx, Error};
use crate::cli::{ChartArgs, ChartFormat};
use crate::draw::chart::{self, TrendChart};
use crate::store::Store;
use crate::trend;

pub fn run(args: &ChartArgs, ctx: &mut Ctx<'_>) -> Result<ExitCode, Error> {
    let store = Store::read_only(&ctx.data_dir);
    let mut listing = store.summaries();
    super::format::warn_problems(&listing, ctx.err)?;
    let events = super::format::read_events(&store, ctx.err)?;
    let total = listing.snapshots.len();
    listing.snapshots = args.range.keep(listing.snapshots)?;
    if listing.snapshots.is_empty() && total > 0 && args.format == ChartFormat::Text {
        writeln!(ctx.out, "{}", args.range.none_left(total))?;
        return Ok(ExitCode::SUCCESS);
    }
    if listing.snapshots.is_empty() && args.format == ChartFormat::Text {
        writeln!(
            ctx.out,
            "No check-ins yet: run `motive check` to record the first one."
        )?;
        return Ok(ExitCode::SUCCESS);
    }

    let known = trend::dimensions_in(&listing.snapshots);
    if let Some(unknown) = args
        .dimensions
        .iter()
        .find(|id| !known.iter().any(|d| &d.id == *id))
    {
        let ids: Vec<&str> = known.iter().map(|d| d.id.as_str()).collect();
        return Err(Error::input(format!(
            "unknown dimension `{unknown}`; known dimensions: {}",
            ids.join(", ")
        )));
    }

    let only = (!args.dimensions.is_empty()).then_some(args.dimensions.as_slice());
    let text = if args.format == ChartFormat::Svg {
        crate::draw::svg::render_in(
            &listing.snapshots,
            only,
            &events,
            &ctx.config.dimension_colors(),
        )
    } else if ctx.color && args.output.is_none() {
        // In colour, and still with a marker per line, so the chart reads
        // for eyes that cannot tell the colours apart.
        let mut chart = TrendChart::new(&listing.snapshots)
            .colors(ctx.config.dimension_colors())
            .markers(true)
            .events(&events);
        if let Some(ids) = only {
            chart = chart.dimensions(ids.iter().cloned());
        }
        Paint::new(true).buffer(&chart::render_buffer(&chart, args.width, args.height))
    } else {
        chart::render_plain(&listing.snapshots, args.width, args.height, only, &events)
    };
    if let Some(path) = output::deliver(args.output.as_deref(), text.as_bytes(), ctx.out)? {
        writeln!(
            ctx.err,
            "wrote the chart of {} to {}",
            crate::text::count(listing.snapshots.len(), "check-in", "check-ins"),
            crate::text::escape_path(path)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
