//! `motive commitments`: every commitment and how it went, from the real
//! binary, including one that a check-in without a commitment did not lose.

mod support;

use motive::snapshot::{FollowUp, Outcome};
use motive::store::Store;
use support::{at, bank, json, motive, private_tempdir, snapshot};

#[test]
fn every_commitment_is_listed_with_how_it_went() {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let b = bank("quick");
    let mut first = snapshot(&b, at("2026-03-02T10:00:00+01:00"), 3);
    first.commitments = vec!["Ship the migration".into()];
    let mut second = snapshot(&b, at("2026-06-01T10:00:00+02:00"), 3);
    second.commitments.clear();
    second.follow_ups = vec![FollowUp {
        commitment: "Ship the migration".into(),
        outcome: Outcome::Partly,
        note: Some("half of it".into()),
    }];
    let mut third = snapshot(&b, at("2026-09-01T10:00:00+02:00"), 3);
    third.commitments = vec!["Mentor Bo".into()];
    let fourth = {
        let mut s = snapshot(&b, at("2026-11-30T10:00:00+01:00"), 3);
        s.commitments.clear();
        s
    };
    for s in [first, second, third, fourth] {
        store.save(s).expect("save");
    }
    let listed = json(motive(dir.path()).args(["commitments", "--json"]));
    assert_eq!(listed[0]["text"], "Ship the migration");
    assert_eq!(listed[0]["outcome"], "partly");
    assert_eq!(listed[0]["note"], "half of it");
    assert_eq!(listed[1]["text"], "Mentor Bo");
    assert!(listed[1]["outcome"].is_null(), "still open");
    let out = motive(dir.path()).arg("commitments").output().expect("run");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.contains("2 Mar 2026: Ship the migration\n  partly (said on 1 Jun 2026): half of it"),
        "{text}"
    );
    assert!(text.contains("1 Sep 2026: Mentor Bo\n  open"), "{text}");
}
