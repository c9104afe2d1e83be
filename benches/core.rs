//! How long the core takes: parsing banks, scoring, comparing, listing the
//! store and drawing the trend chart. `cargo bench --bench core`.

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Duration as Span, FixedOffset};
use criterion::{Criterion, criterion_group, criterion_main};
use motive::bank::{Bank, builtin, load};
use motive::chart::TrendChart;
use motive::checkin::CheckIn;
use motive::snapshot::Snapshot;
use motive::store::Store;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// A check-in built the way the TUI builds one, answers varying with `seed`.
fn snapshot(bank: &Bank, finished: DateTime<FixedOffset>, seed: i64) -> Snapshot {
    let mut checkin = CheckIn::new(bank, None, None, finished - Span::minutes(15));
    for (i, q) in checkin.questions.iter_mut().enumerate() {
        q.value = Some(1 + (seed + i as i64) % 5);
    }
    checkin.commitment = "Pair with Sam on the migration".into();
    checkin.to_snapshot(finished)
}

fn quarterly(n: usize) -> Vec<Snapshot> {
    let core = builtin::get("core").expect("core");
    let start = DateTime::parse_from_rfc3339("2020-01-06T09:00:00+00:00").expect("date");
    (0..n)
        .map(|i| snapshot(&core, start + Span::days(91 * i as i64), i as i64))
        .collect()
}

/// A valid bank with `n` statements spread over three dimensions.
fn big_bank(n: usize) -> String {
    let mut text = String::from(
        "format = 1\nid = \"big\"\nversion = \"1\"\ntitle = \"Big\"\ndescription = \"Many statements.\"\n\
         [scale]\nmin = 1\nmax = 5\nlabels = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n",
    );
    for d in ["autonomy", "mastery", "purpose"] {
        text.push_str(&format!(
            "[[dimensions]]\nid = \"{d}\"\nname = \"{d}\"\ndescription = \"About {d}.\"\n"
        ));
    }
    for i in 0..n {
        let d = ["autonomy", "mastery", "purpose"][i % 3];
        text.push_str(&format!(
            "[[questions]]\nid = \"q{i}\"\ndimension = \"{d}\"\ntext = \"Statement number {i} about {d}.\"\nreverse = {}\n",
            i % 4 == 0
        ));
    }
    text
}

fn banks(c: &mut Criterion) {
    let core = include_str!("../assets/banks/core.toml");
    c.bench_function("parse and validate the core bank", |b| {
        b.iter(|| load::parse("builtin:core", black_box(core)).expect("valid"));
    });
    let big = big_bank(500);
    c.bench_function("parse and validate a 500-statement bank", |b| {
        b.iter(|| load::parse("big.toml", black_box(&big)).expect("valid"));
    });
}

fn scoring(c: &mut Criterion) {
    let all = quarterly(2);
    c.bench_function("score a core check-in", |b| {
        b.iter(|| motive::score::scores(black_box(&all[1])))
    });
    c.bench_function("compare two core check-ins", |b| {
        b.iter(|| motive::score::compare(black_box(&all[0]), black_box(&all[1])));
    });
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    for s in quarterly(200) {
        store.save(s).expect("save");
    }
    c.bench_function("list a store of 200 check-ins", |b| {
        b.iter(|| store.list().snapshots.len())
    });
}

fn chart(c: &mut Criterion) {
    let all = quarterly(100);
    let area = Rect::new(0, 0, 120, 40);
    c.bench_function("draw the trend of 100 check-ins at 120x40", |b| {
        b.iter(|| {
            let mut buffer = Buffer::empty(area);
            (&TrendChart::new(black_box(&all))).render(area, &mut buffer);
            buffer
        });
    });
}

criterion_group! {
    name = benches;
    // Two shared cores: keep runs short; the numbers are for comparison, not SLAs.
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = banks, scoring, store, chart
}
criterion_main!(benches);
