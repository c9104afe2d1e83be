//! One check-in's TOML read into a `Snapshot`: by the fast reader of
//! motive's own TOML (`store::canonical`), by the `toml` crate, and by
//! `parse_snapshot`, which picks the first and falls back to the second.
//! `cargo bench --bench parse`.
//!
//! The check-in is a realistic synthetic one (notes, reflections,
//! follow-ups) from `examples/synth`, written as motive writes it.

#[path = "../examples/synth/data.rs"]
mod synth;

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use motive::snapshot::Snapshot;
use motive::store::{canonical, parse_snapshot};

fn one_check_in() -> String {
    let end = DateTime::parse_from_rfc3339("2026-11-02T09:30:00+01:00").expect("date");
    let snapshots = synth::snapshots(8, end, 7);
    let last = snapshots.last().expect("a check-in");
    toml::to_string(last).expect("encode")
}

fn parse(c: &mut Criterion) {
    let text = one_check_in();
    assert_eq!(
        canonical::from_str::<Snapshot>(&text),
        Some(toml::from_str::<Snapshot>(&text).expect("parses")),
        "the fast reader reads it, to the same value"
    );
    let mut group = c.benchmark_group(format!("parse one check-in ({} bytes)", text.len()));
    group.bench_function("fast reader", |b| {
        b.iter(|| canonical::from_str::<Snapshot>(black_box(&text)));
    });
    group.bench_function("toml crate", |b| {
        b.iter(|| toml::from_str::<Snapshot>(black_box(&text)));
    });
    group.bench_function("parse_snapshot", |b| {
        b.iter(|| parse_snapshot(black_box(&text)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = parse
}
criterion_main!(benches);
