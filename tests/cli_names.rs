//! Naming a check-in as people do, with the real binary: by date and by
//! label besides ids and `latest~N`; an ambiguous name is refused with the
//! candidates; `compare` reads from the earlier to the later.

mod support;

use motive::store::Store;
use predicates::prelude::*;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// Four core check-ins: two on 30 Nov 2026 (morning and afternoon).
fn store() -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let core = bank("core");
    for (when, value, label) in [
        ("2026-05-04T09:00:00+00:00", 2, "Q2 new team"),
        ("2026-08-03T09:00:00+00:00", 3, "Q3 new manager"),
        ("2026-11-30T09:00:00+00:00", 4, "Q4 before reorg"),
        ("2026-11-30T16:00:00+00:00", 5, "after the offsite"),
    ] {
        let mut s = snapshot(&core, at(when), value);
        s.label = Some(label.into());
        store.save(s).expect("save");
    }
    dir
}

fn shown_id(dir: &std::path::Path, name: &str) -> String {
    let shown = json(motive(dir).args(["show", name, "--json"]));
    shown["id"].as_str().expect("an id").to_string()
}

#[test]
fn a_date_names_the_latest_check_in_that_day() {
    let dir = store();
    assert_eq!(shown_id(dir.path(), "2026-11-30"), "20261130-160000");
    assert_eq!(shown_id(dir.path(), "2026-05-04"), "20260504-090000");
    motive(dir.path())
        .args(["show", "2026-11-29"])
        .assert()
        .code(2)
        .stderr("motive: no check-in on 2026-11-29; `motive list` shows their dates\n");
}

#[test]
fn a_label_names_a_check_in_exactly_then_by_a_unique_start() {
    let dir = store();
    assert_eq!(shown_id(dir.path(), "q4 BEFORE reorg"), "20261130-090000");
    assert_eq!(shown_id(dir.path(), "after"), "20261130-160000");
    assert_eq!(shown_id(dir.path(), "Q3"), "20260803-090000");
    // The older forms still work.
    assert_eq!(shown_id(dir.path(), "latest~3"), "20260504-090000");
    assert_eq!(shown_id(dir.path(), "202608"), "20260803-090000");
}

#[test]
fn an_ambiguous_name_exits_2_listing_the_candidates() {
    let dir = store();
    motive(dir.path())
        .args(["show", "q"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "motive: \"q\" matches 3 check-ins: 4 May 2026 · Q2 new team (20260504-090000), \
             3 Aug 2026 · Q3 new manager (20260803-090000), \
             30 Nov 2026 · Q4 before reorg (20261130-090000); give one's id or date\n",
        );
    motive(dir.path())
        .args(["show", "winter"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no check-in matches \"winter\""));
}

#[test]
fn compare_takes_dates_and_labels() {
    let dir = store();
    let compared = json(motive(dir.path()).args(["compare", "Q2", "2026-11-30", "--json"]));
    assert_eq!(compared["from"], "20260504-090000");
    assert_eq!(compared["to"], "20261130-160000");
}

#[test]
fn compare_reads_from_the_earlier_to_the_later_and_says_so() {
    let dir = store();
    let forward = motive(dir.path())
        .args(["compare", "Q2", "Q3"])
        .output()
        .expect("run");
    assert!(forward.status.success());
    assert_eq!(String::from_utf8_lossy(&forward.stderr), "");
    let backward = motive(dir.path())
        .args(["compare", "Q3", "Q2"])
        .output()
        .expect("run");
    assert!(backward.status.success());
    assert_eq!(forward.stdout, backward.stdout, "the same comparison");
    assert_eq!(
        String::from_utf8_lossy(&backward.stderr),
        "note: comparing the earlier check-in (4 May 2026 · Q2 new team) with the later \
         (3 Aug 2026 · Q3 new manager): they were given the other way round\n"
    );
}
