//! How long the work behind each screen and command takes, in process:
//! parsing banks, scoring, loading the store (cold and through the summary
//! cache), drawing the home and history screens, a key press on the question
//! and history screens, the text chart, and finding `latest` by name (from
//! the names index, and listing the directory to rewrite it).
//! `cargo bench --bench core`.
//!
//! The check-ins are realistic synthetic ones (notes, reflections, follow-ups)
//! from `examples/synth`; whole-process timings are in
//! `scripts/bench-processes.sh`.

#[path = "../examples/synth/data.rs"]
mod synth;

use std::hint::black_box;
use std::time::Duration;

use chrono::DateTime;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use motive::bank::{builtin, load};
use motive::checkin::CheckIn;
use motive::draw::chart::{TrendChart, render_plain};
use motive::snapshot::Snapshot;
use motive::store::Store;
use motive::summary::Summary;
use motive::tui::app::{App, Msg, Overview};
use motive::tui::theme::Theme;
use motive::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const SIZES: [usize; 3] = [100, 1_000, 10_000];
const SCREENS: [(u16, u16); 2] = [(80, 24), (200, 60)];

fn synthetic(n: usize) -> Vec<Snapshot> {
    let end = DateTime::parse_from_rfc3339("2026-11-02T09:30:00+01:00").expect("date");
    synth::snapshots(n, end, 7)
}

fn summaries(n: usize) -> Vec<Summary> {
    synthetic(n).iter().map(Summary::of).collect()
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
    let all = synthetic(2);
    c.bench_function("score a core check-in", |b| {
        b.iter(|| motive::score::scores(black_box(&all[1])))
    });
    c.bench_function("compare two core check-ins", |b| {
        b.iter(|| motive::score::compare(black_box(&all[0]), black_box(&all[1])));
    });
    let text = toml::to_string(&all[1]).expect("toml");
    c.bench_function("parse one check-in file", |b| {
        b.iter(|| motive::store::parse_snapshot(black_box(&text)).expect("valid"));
    });
}

fn store(c: &mut Criterion) {
    let mut group = c.benchmark_group("load the store");
    // Writing 10,000 files with an fsync each takes a minute: on disk the
    // benchmark stops at 1,000; scripts/bench-processes.sh covers 10,000.
    for n in [100, 1_000] {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        store.import_all(synthetic(n)).expect("import");
        group.bench_with_input(BenchmarkId::new("every file in full", n), &n, |b, _| {
            b.iter(|| store.list().snapshots.len())
        });
        // The cache only keeps files older than a couple of seconds.
        std::thread::sleep(Duration::from_secs(3));
        assert_eq!(store.summaries().snapshots.len(), n);
        group.bench_with_input(BenchmarkId::new("summaries, cache warm", n), &n, |b, _| {
            b.iter(|| store.summaries().snapshots.len())
        });
        // What `show latest` did before finding check-ins by name.
        group.bench_with_input(
            BenchmarkId::new("latest from the summaries", n),
            &n,
            |b, _| {
                b.iter(|| {
                    let listing = store.summaries();
                    let latest = motive::store::find(&listing.snapshots, "latest").expect("latest");
                    store.load(&latest.id).expect("load")
                })
            },
        );
        // The directory has settled: the names come from the index.
        group.bench_with_input(BenchmarkId::new("latest by name", n), &n, |b, _| {
            b.iter(|| store.lookup().find("latest").expect("latest"))
        });
        // As the first run after a change in snapshots/: the directory is
        // listed and the index written again.
        let index =
            motive::store::name_index::path(dir.path(), motive::store::Machine::this().key());
        group.bench_with_input(
            BenchmarkId::new("latest by name, index rewritten", n),
            &n,
            |b, _| {
                b.iter(|| {
                    let _ = std::fs::remove_file(&index);
                    store.lookup().find("latest").expect("latest")
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("latest~1 and latest by name", n),
            &n,
            |b, _| {
                b.iter(|| {
                    let mut lookup = store.lookup();
                    (
                        lookup.find("latest~1").expect("previous"),
                        lookup.find("latest").expect("latest"),
                    )
                })
            },
        );
    }
    group.finish();
}

fn app_with(n: usize) -> App {
    App::new(
        Overview::new(
            summaries(n),
            "Next check-in due 2027-01-31 (in 70 days).".into(),
        ),
        Theme::color(),
    )
}

fn press(app: &mut App, code: KeyCode) {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn screens(c: &mut Criterion) {
    let mut group = c.benchmark_group("draw");
    for n in SIZES {
        let home = app_with(n);
        let mut history = app_with(n);
        press(&mut history, KeyCode::Char('h'));
        for (w, h) in SCREENS {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            group.bench_function(BenchmarkId::new(format!("home {w}x{h}"), n), |b| {
                b.iter(|| terminal.draw(|f| view(black_box(&home), f)).map(|_| ()))
            });
            group.bench_function(BenchmarkId::new(format!("history {w}x{h}"), n), |b| {
                b.iter(|| terminal.draw(|f| view(black_box(&history), f)).map(|_| ()))
            });
        }
    }
    group.finish();
}

/// A key press as the event loop handles it: `update`, then a full redraw.
fn keys(c: &mut Criterion) {
    let mut group = c.benchmark_group("key press to frame");
    let core = builtin::get("core").expect("core");
    for n in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        let mut history = app_with(n);
        press(&mut history, KeyCode::Char('h'));
        let mut down = true;
        group.bench_function(BenchmarkId::new("history scroll", n), |b| {
            b.iter(|| {
                // Up and down alternately, so the selection keeps moving.
                press(&mut history, if down { KeyCode::Down } else { KeyCode::Up });
                down = !down;
                terminal.draw(|f| view(&history, f)).map(|_| ())
            })
        });
        let mut question = app_with(n);
        let now = DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").expect("date");
        question.update(Msg::started(CheckIn::new(&core, &[], None, now)));
        // Past the bank's instructions, to the first statement.
        press(&mut question, KeyCode::Enter);
        let mut right = true;
        group.bench_function(BenchmarkId::new("check-in question", n), |b| {
            b.iter(|| {
                press(
                    &mut question,
                    if right { KeyCode::Right } else { KeyCode::Left },
                );
                right = !right;
                terminal.draw(|f| view(&question, f)).map(|_| ())
            })
        });
    }
    group.finish();
}

fn chart(c: &mut Criterion) {
    let mut group = c.benchmark_group("chart");
    for n in SIZES {
        let all = summaries(n);
        let area = Rect::new(0, 0, 120, 40);
        group.bench_function(BenchmarkId::new("widget 120x40", n), |b| {
            b.iter(|| {
                let mut buffer = Buffer::empty(area);
                (&TrendChart::new(black_box(&all))).render(area, &mut buffer);
                buffer
            });
        });
        let prepared = motive::trend::TrendData::of(&all);
        group.bench_function(
            BenchmarkId::new("widget 120x40, trend worked out", n),
            |b| {
                b.iter(|| {
                    let mut buffer = Buffer::empty(area);
                    (&TrendChart::of(black_box(&prepared))).render(area, &mut buffer);
                    buffer
                });
            },
        );
        group.bench_function(BenchmarkId::new("plain text 80x20", n), |b| {
            b.iter(|| render_plain(black_box(&all), 80, 20, None, &[]));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Two shared cores: keep runs short; the numbers are for comparison, not SLAs.
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    targets = banks, scoring, store, screens, keys, chart
}
criterion_main!(benches);
