//! Counts take the right noun in what the commands say: "1 check-in",
//! "every 1 day", never "1 check-ins" or "every 1 days".

mod support;

use motive::store::Store;
use support::{at, bank, motive, private_tempdir, snapshot};

#[test]
fn one_of_a_thing_is_said_in_the_singular() {
    let dir = private_tempdir();
    let data = dir.path().join("data");
    Store::open(&data)
        .expect("open")
        .save(snapshot(&bank("quick"), at("2026-03-01T09:00:00+00:00"), 3))
        .expect("save");

    let export = dir.path().join("all.json");
    let out = motive(&data)
        .args(["export", "--format", "json", "-o"])
        .arg(&export)
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with("wrote 1 check-in to "), "{said}");

    let chart = dir.path().join("chart.svg");
    let out = motive(&data)
        .args(["chart", "--format", "svg", "-o"])
        .arg(&chart)
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("wrote the chart of 1 check-in to "),
        "{said}"
    );

    let ics = dir.path().join("next.ics");
    let out = motive(&data)
        .args(["remind", "ics", "--every", "1", "-o"])
        .arg(&ics)
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("(repeating every 1 day)"), "{said}");
}
