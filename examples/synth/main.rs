//! Write a data dir of realistic synthetic check-ins, for benchmarks and for
//! trying the screens with years of history. A development tool, not a
//! command users need.
//!
//! ```sh
//! cargo run --release --example synth -- 1000 /tmp/motive-1000
//! MOTIVE_DATA_DIR=/tmp/motive-1000 cargo run --release
//! ```

mod data;

use std::process::ExitCode;

use motive::store::Store;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: synth COUNT DATA_DIR [SEED]   (DATA_DIR must not hold check-ins yet)");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    let store = match Store::open(dir) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("synth: {e}");
            return ExitCode::from(2);
        }
    };
    let end =
        chrono::DateTime::parse_from_rfc3339("2026-11-02T09:30:00+01:00").expect("a valid date");
    let snapshots = data::snapshots(count, end, seed);
    match store.import_all(snapshots) {
        Ok(report) => {
            println!(
                "synth: {} check-ins written to {dir} ({} already there)",
                report.imported.len(),
                report.unchanged.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::from(2)
        }
    }
}
