//! `motive search` and `motive thread`: finding what you wrote, as people
//! do it, against the real binary.

mod support;

use motive::store::Store;
use predicates::prelude::*;
use support::{at, bank, json, motive, private_tempdir, snapshot};

/// Two check-ins with notes and reflections worth finding.
fn written() -> tempfile::TempDir {
    let dir = private_tempdir();
    let store = Store::open(dir.path()).expect("store");
    let b = bank("core");
    let mut first = snapshot(&b, at("2026-03-02T10:00:00+01:00"), 3);
    first.label = Some("Q1".into());
    first.reflections[0].text = "Lead the Résumé service migration.".into();
    first.answers[0].note = Some("My manager decides the order of work.".into());
    first.commitments = vec!["Ask Ana for the migration".into()];
    let mut second = snapshot(&b, at("2026-06-01T10:00:00+02:00"), 4);
    second.reflections[0].text = "Still the resume service, and a team of my own.".into();
    store.save(first).expect("save");
    store.save(second).expect("save");
    dir
}

#[test]
fn search_finds_words_across_check_ins_whatever_their_case_and_accents() {
    let dir = written();
    let out = motive(dir.path())
        .args(["search", "RESUME", "service"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("2 Mar 2026 · Q1"), "{text}");
    assert!(
        text.contains("Lead the [Résumé] [service] migration."),
        "{text}"
    );
    assert!(text.contains("1 Jun 2026"), "{text}");
    assert!(text.contains("Still the [resume] [service]"), "{text}");
    let hits = json(motive(dir.path()).args(["search", "migration", "--json"]));
    let places: Vec<&str> = hits
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|h| h["where"].as_str())
        .collect();
    // The second check-in keeps the fixture's own commitment, about a migration too.
    assert_eq!(places, ["reflection", "commitment", "commitment"]);
    assert_eq!(hits[0]["matches"][0]["start"], 24);
    motive(dir.path())
        .args(["search", "manager"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note on \""));
    motive(dir.path())
        .args(["search", "nowhere"])
        .assert()
        .success()
        .stdout("Nothing found in 2 check-ins.\n");
}

#[test]
fn a_thread_is_every_answer_to_one_prompt_oldest_first() {
    let dir = written();
    let id = bank("core").reflections[0].id.clone();
    let out = motive(dir.path())
        .args(["thread", &id])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let first = text.find("Lead the Résumé").expect("first answer");
    let second = text.find("Still the resume").expect("second answer");
    assert!(first < second, "oldest first:\n{text}");
    let listed = String::from_utf8(
        motive(dir.path())
            .arg("thread")
            .output()
            .expect("run")
            .stdout,
    )
    .expect("UTF-8");
    assert!(listed.contains(&id), "{listed}");
    motive(dir.path())
        .args(["thread", "nope"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no reflection prompt nope")
                .and(predicate::str::contains(&id)),
        );
}

/// Passing over files before parsing them never loses a hit: whatever is
/// written (quotes, backslashes, tabs, accents, several lines), searching
/// only the files `might_hold` keeps finds exactly what searching every
/// check-in finds.
mod passing_over {
    use super::*;
    use motive::search::{Writing, might_hold, search};
    use proptest::prelude::*;

    fn hits(snapshots: &[motive::snapshot::Snapshot], words: &[String]) -> Vec<(String, String)> {
        let writings: Vec<Writing> = snapshots.iter().map(Writing::of).collect();
        search(&writings, words)
            .into_iter()
            .map(|h| (h.writing.id.clone(), h.line.to_string()))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn loses_no_hit(
            notes in proptest::collection::vec("[a-zA-Zé \"\\\\\t\n]{0,24}", 1..4),
            words in proptest::collection::vec("[a-zA-Zé\"\\\\]{1,3}", 1..3),
        ) {
            let dir = private_tempdir();
            let store = Store::open(dir.path()).expect("open");
            for (i, note) in notes.iter().enumerate() {
                let mut s = snapshot(&bank("core"), at(&format!("2026-0{}-01T09:00:00+00:00", i + 1)), 3);
                if let Some(r) = s.reflections.first_mut() {
                    r.text = note.trim().to_string();
                }
                s.commitments = vec![format!("try {note}").trim().to_string()];
                store.save(s).expect("save");
            }
            let all = store.list();
            let (kept, passed_over) = store.list_where(&|text| might_hold(text, &words));
            prop_assert_eq!(kept.snapshots.len() + passed_over, all.snapshots.len());
            prop_assert_eq!(hits(&kept.snapshots, &words), hits(&all.snapshots, &words));
        }
    }
}

/// A word no file holds passes a plain-ASCII file over unparsed; a file
/// with accents is read, since what folds to the word cannot be told from
/// its bytes.
#[test]
fn a_rare_word_is_looked_for_without_parsing_the_rest() {
    let dir = written();
    let store = Store::open(dir.path()).expect("open");
    let words = ["xylophone".to_string()];
    let (kept, passed_over) = store.list_where(&|t| motive::search::might_hold(t, &words));
    let read: Vec<&str> = kept.snapshots.iter().map(|s| s.id.as_str()).collect();
    assert_eq!((read, passed_over), (vec!["20260302-100000"], 1));
    assert!(motive::search::might_hold("text = \"A XyloPhone\"", &words));
    assert!(
        motive::search::might_hold("text = \"caf\\u00e9\"", &["cafe".to_string()]),
        "an escaped accent might hold it"
    );
}

/// The text cache gives the answers reading every check-in gives: from a
/// fresh cache, from the cache as written, after a file was edited, after
/// the cache was damaged, and after it was deleted.
mod cached {
    use super::*;
    use motive::search::{Writing, might_hold, search};
    use proptest::prelude::*;
    use std::time::{Duration, SystemTime};

    /// Late enough that every file the test wrote counts as settled.
    fn later() -> SystemTime {
        SystemTime::now() + Duration::from_secs(60)
    }

    /// A hit as the output shows it: the check-in, the line, what is marked.
    type Shown = (String, String, Vec<(usize, usize)>);

    fn hits(writings: &[Writing], words: &[String]) -> Vec<Shown> {
        search(writings, words)
            .into_iter()
            .map(|h| (h.writing.id.clone(), h.line.to_string(), h.matches))
            .collect()
    }

    /// Every check-in read in full, as the text cache would keep it.
    fn uncached(store: &Store) -> Vec<Writing> {
        store.list().snapshots.iter().map(Writing::of).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        #[test]
        fn answers_as_reading_every_file_does(
            notes in proptest::collection::vec("[a-zA-Zé \"\\\\\t\n]{0,24}", 2..4),
            edit in "[a-zA-Zé \"\\\\]{1,24}",
            words in proptest::collection::vec("[a-zA-Zé\"\\\\]{1,3}", 1..3),
        ) {
            let dir = private_tempdir();
            let store = Store::open(dir.path()).expect("open");
            for (i, note) in notes.iter().enumerate() {
                let mut s = snapshot(&bank("core"), at(&format!("2026-0{}-01T09:00:00+00:00", i + 1)), 3);
                s.reflections[0].text = note.trim().to_string();
                s.answers[0].note = Some(format!("note {note}").trim().to_string());
                s.commitments = vec![format!("try {note}").trim().to_string()];
                store.save(s).expect("save");
            }
            // Whole, and passing over lines that surely hold none of the
            // words (alternately, so each writes the cache the other reads).
            let mut pass_over = false;
            let mut answer = |store: &Store| {
                pass_over = !pass_over;
                let expected = hits(&uncached(store), &words);
                if pass_over {
                    let kept = store.writings_at(later(), &|line| might_hold(line, &words)).snapshots;
                    let ids = |w: &[Writing]| w.iter().map(|w| (w.id.clone(), w.finished_at)).collect::<Vec<_>>();
                    prop_assert_eq!(ids(&kept), ids(&uncached(store)));
                    prop_assert_eq!(hits(&kept, &words), expected);
                } else {
                    let writings = store.writings_at(later(), &|_| true).snapshots;
                    prop_assert_eq!(&writings, &uncached(store));
                    prop_assert_eq!(hits(&writings, &words), expected);
                }
                Ok(())
            };
            answer(&store)?; // learns every file
            answer(&store)?; // from the cache
            // A file edited by hand after it was cached.
            let file = dir.path().join("snapshots/20260101-090000.toml");
            let mut first = store.list().snapshots[0].clone();
            first.reflections[0].text = format!("{} and more", edit.trim());
            std::fs::write(&file, toml::to_string(&first).expect("toml")).expect("edit");
            answer(&store)?; // passing over the rest, written back as read
            answer(&store)?; // reads what was written back, whole
            let cache = std::fs::read_dir(dir.path().join("cache"))
                .expect("cache dir")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(".text.json"))
                .expect("a text cache");
            std::fs::write(&cache, b"{\"cache\":\"text\"}\n{ damaged").expect("damage");
            answer(&store)?;
            std::fs::remove_file(&cache).expect("delete");
            answer(&store)?;
        }
    }

    /// Through the real binary, which caches only files older than two
    /// seconds: the second search reads the cache and says the same; an
    /// edit after that is found.
    #[test]
    fn search_and_thread_say_the_same_from_the_cache() {
        let dir = written();
        std::thread::sleep(Duration::from_millis(3_100));
        let run = |args: &[&str]| {
            let out = motive(dir.path()).args(args).output().expect("run");
            assert!(out.status.success(), "{out:?}");
            String::from_utf8(out.stdout).expect("UTF-8")
        };
        let id = bank("core").reflections[0].id.clone();
        let cold = (run(&["search", "resume", "--json"]), run(&["thread", &id]));
        let cache = dir.path().join("cache");
        let text = std::fs::read_dir(&cache)
            .expect("cache dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(".text.json"))
            .expect("a text cache is written");
        assert!(
            std::fs::read_to_string(&text)
                .expect("read")
                .contains("Résumé service"),
            "the cache holds what was written"
        );
        let warm = (run(&["search", "resume", "--json"]), run(&["thread", &id]));
        assert_eq!(warm, cold);
        let file = dir.path().join("snapshots/20260601-100000.toml");
        let edited = std::fs::read_to_string(&file)
            .expect("read")
            .replace("Still the resume service", "Now the xylophone service");
        std::fs::write(&file, edited).expect("edit");
        assert!(run(&["search", "xylophone"]).contains("Now the [xylophone] service"));
        assert!(run(&["thread", &id]).contains("Now the xylophone service"));
    }
}
