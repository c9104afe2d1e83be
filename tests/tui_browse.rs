//! Finding your way through check-ins in the TUI (issue 15): names people
//! use, the history's search and jumps, the story of one question, and
//! screens that keep what matters. Messages in, state, effects and frames
//! out; a stand-in driver answers from memory as the real one does from
//! disk.

mod support;

use insta::assert_snapshot;
use motive::search;
use motive::snapshot::Snapshot;
use motive::summary::Summary;
use motive::tui::app::{App, Effect, Msg, Open, Overlay, Overview, Screen};
use motive::tui::keys::Context;
use motive::tui::screens::browse::thread;
use motive::tui::theme::Theme;
use motive::tui::view::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{at, bank, snapshot};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

/// The app over some check-ins, with a stand-in for the driver that
/// answers loads, searches and threads from memory.
struct Browse {
    app: App,
    full: Vec<Snapshot>,
}

impl Browse {
    fn over(full: Vec<Snapshot>) -> Self {
        let mut app = App::new(
            Overview::new(
                full.iter().map(Summary::of).collect(),
                "Next check-in due 2027-02-20 (in 90 days).".into(),
            ),
            Theme::monochrome(),
        );
        app.update(Msg::Resize {
            width: 80,
            height: 24,
        });
        Self { app, full }
    }

    fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.app.update(msg);
        let mut kept = Vec::new();
        for effect in effects {
            let answer = match &effect {
                Effect::Load { ids, open } => Msg::Loaded {
                    open: open.clone(),
                    snapshots: ids
                        .iter()
                        .filter_map(|id| self.full.iter().find(|s| &s.id == id).cloned())
                        .collect(),
                },
                Effect::Search { query, words } => {
                    let mut hits: Vec<(String, String)> = Vec::new();
                    for hit in search::search(&writings(&self.full), words) {
                        if hits.last().is_none_or(|(id, _)| *id != hit.writing.id) {
                            hits.push((hit.writing.id.clone(), hit.line.to_string()));
                        }
                    }
                    Msg::Found {
                        query: query.clone(),
                        hits,
                    }
                }
                Effect::Thread(prompt) => Msg::Threaded {
                    prompt: prompt.clone(),
                    stories: thread::stories(&writings(&self.full)),
                },
                _ => {
                    kept.push(effect);
                    continue;
                }
            };
            kept.push(effect);
            kept.extend(self.update(answer));
        }
        kept
    }

    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            self.update(ch(c));
        }
    }

    fn frame(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut app = self.app.clone();
        app.size = ratatui::layout::Rect::new(0, 0, width, height);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal.draw(|frame| view(&app, frame)).expect("draw");
        terminal
    }

    fn selected(&self) -> usize {
        match &self.app.screen {
            Screen::History(h) => h.selected,
            other => panic!("not on the history: {other:?}"),
        }
    }
}

/// `n` monthly check-ins on the core bank, labelled `m1`, `m2`, ...; the
/// fifth's commitment mentions the budget and its "want" reflection changes.
fn months(n: usize) -> Vec<Snapshot> {
    (0..n)
        .map(|i| {
            let (year, month) = (2020 + i / 12, 1 + i % 12);
            let when = at(&format!("{year}-{month:02}-03T09:30:00+00:00"));
            let mut s = snapshot(&bank("core"), when, 1 + (i % 5) as i64);
            s.label = Some(format!("m{}", i + 1));
            if let Some(r) = s.reflections.first_mut() {
                r.text = format!("Answer number {} to this question.", i + 1);
            }
            if i == 4 {
                s.commitments =
                    vec!["Talk to Ana about the Budget for the Résumé workshop.".into()];
            }
            s
        })
        .collect()
}

/// A check-in on a made-up bank whose dimensions are not the core ones.
fn on_custom_bank(when: &str) -> Snapshot {
    let mut s = snapshot(&bank("core"), at(when), 4);
    let rename = |id: &str| match id {
        "autonomy" => "craft",
        "mastery" => "team",
        _ => "health",
    };
    for d in &mut s.dimensions {
        d.id = rename(&d.id).into();
        d.name = format!("{}{}", d.id[..1].to_uppercase(), &d.id[1..]);
    }
    for a in &mut s.answers {
        a.dimension = rename(&a.dimension).into();
        a.question = format!("custom-{}", a.question);
        a.text = format!("Custom: {}", a.text);
    }
    s.bank.id = "custom".into();
    s.reflections.clear();
    s.label = Some("custom bank".into());
    s
}

mod names {
    use super::*;

    #[test]
    fn the_delete_dialog_and_its_message_name_the_check_in_by_date_and_label() {
        let mut b = Browse::over(months(3));
        b.update(ch('h'));
        b.update(ch('d'));
        let under = b.app.under(None);
        assert_eq!(under.deleting.as_deref(), Some("3 Mar 2020 · m3"));
        let id = b.full[2].id.clone();
        assert_eq!(b.update(ch('y')), vec![Effect::Trash(id.clone())]);
        let home = Overview::new(b.app.home.snapshots[..2].to_vec(), String::new());
        b.update(Msg::Deleted { id, home });
        let status = b.app.status.clone().unwrap_or_default();
        assert!(status.contains("3 Mar 2020 · m3"), "{status}");
        assert!(!status.contains("20200303"), "{status}");
    }

    #[test]
    fn two_check_ins_on_one_day_are_told_apart_by_the_time() {
        let mut all = months(2);
        let mut evening = snapshot(&bank("core"), at("2020-02-03T18:45:00+00:00"), 3);
        evening.label = Some("late".into());
        all.push(evening);
        let mut b = Browse::over(all);
        b.update(ch('h'));
        b.update(ch('c'));
        let Screen::Compare(view) = &b.app.screen else {
            panic!("comparing: {:?}", b.app.screen)
        };
        assert_eq!(
            view.names,
            (
                "3 Feb 2020 09:30 · m2".to_string(),
                "3 Feb 2020 18:45 · late".to_string()
            )
        );
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(
            text.contains("3 Feb 2020 09:30 · m2 → 3 Feb 2020 18:45 · late"),
            "{text}"
        );
    }

    #[test]
    fn the_result_names_the_saved_check_in_and_the_one_before() {
        let all = months(2);
        let mut b = Browse::over(all[..1].to_vec());
        b.update(Msg::Saved {
            snapshot: all[1].clone(),
            previous: Some(all[0].clone()),
            written_to: None,
        });
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(text.contains("Saved check-in 3 Feb 2020 · m2"), "{text}");
        assert!(text.contains("Since 3 Jan 2020 · m1:"), "{text}");
    }
}

mod moving {
    use super::*;

    #[test]
    fn end_reaches_the_oldest_in_one_key_and_home_the_newest() {
        let mut b = Browse::over(months(1000));
        b.update(ch('h'));
        assert_eq!(b.selected(), 999);
        b.update(key(KeyCode::End));
        assert_eq!(b.selected(), 0);
        b.update(key(KeyCode::Home));
        assert_eq!(b.selected(), 999);
        b.update(ch('G'));
        assert_eq!(b.selected(), 0);
        b.update(ch('g'));
        assert_eq!(b.selected(), 999);
    }

    #[test]
    fn page_keys_move_a_screenful_and_stop_at_the_ends() {
        let mut b = Browse::over(months(100));
        b.update(ch('h'));
        assert_eq!(b.selected(), 99, "the newest first");
        b.update(key(KeyCode::PageDown));
        let moved = 99 - b.selected();
        assert!(moved > 10 && moved < 24, "a page is a screenful: {moved}");
        b.update(key(KeyCode::PageUp));
        assert_eq!(b.selected(), 99);
        b.update(key(KeyCode::PageUp));
        assert_eq!(b.selected(), 99, "the newest is the top");
        for _ in 0..10 {
            b.update(key(KeyCode::PageDown));
        }
        assert_eq!(b.selected(), 0, "the oldest is the bottom");
    }
}

mod searching {
    use super::*;

    fn searched(words: &str) -> Browse {
        let mut b = Browse::over(months(12));
        b.update(ch('h'));
        assert!(b.update(ch('/')).is_empty());
        assert_eq!(b.app.context(), Context::HistorySearch);
        b.keys(words);
        b
    }

    #[test]
    fn slash_types_words_enter_filters_and_enter_opens_at_the_match() {
        let mut b = searched("budget resume");
        let effects = b.update(key(KeyCode::Enter));
        assert!(
            effects.contains(&Effect::Search {
                query: "budget resume".into(),
                words: vec!["budget".into(), "resume".into()],
            }),
            "{effects:?}"
        );
        assert_eq!(b.app.context(), Context::HistoryFound);
        let Screen::History(h) = &b.app.screen else {
            panic!("on the history")
        };
        assert_eq!(h.rows(12), vec![4], "only the fifth holds both words");
        assert_eq!(h.selected, 4);
        let effects = b.update(key(KeyCode::Enter));
        let seek = effects.iter().find_map(|e| match e {
            Effect::Load {
                open: Open::Detail { seek, .. },
                ..
            } => seek.clone(),
            _ => None,
        });
        assert_eq!(
            seek.as_deref(),
            Some("Talk to Ana about the Budget for the Résumé workshop.")
        );
        let Screen::Detail(d) = &b.app.screen else {
            panic!("the match is open: {:?}", b.app.screen)
        };
        assert!(d.scroll > 0, "scrolled to the commitment");
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(text.contains("Résumé workshop"), "{text}");
        // Back to the filtered list; Esc shows every check-in again.
        b.update(key(KeyCode::Esc));
        assert_eq!(b.app.context(), Context::HistoryFound);
        b.update(key(KeyCode::Esc));
        assert_eq!(b.app.context(), Context::History);
        let Screen::History(h) = &b.app.screen else {
            panic!("on the history")
        };
        assert_eq!(h.rows(12).len(), 12);
    }

    #[test]
    fn typing_takes_every_letter_backspace_and_esc_cancels() {
        let mut b = searched("qdh");
        b.update(key(KeyCode::Backspace));
        let Screen::History(h) = &b.app.screen else {
            panic!("q, d and h typed, not acted on: {:?}", b.app.screen)
        };
        assert_eq!(h.search.as_ref().map(|s| s.query.as_str()), Some("qd"));
        b.update(key(KeyCode::Esc));
        assert_eq!(b.app.context(), Context::History);
        assert!(matches!(b.app.screen, Screen::History(_)));
    }

    #[test]
    fn nothing_found_says_so_and_keeps_the_list_empty() {
        let mut b = searched("zeppelin");
        b.update(key(KeyCode::Enter));
        let Screen::History(h) = &b.app.screen else {
            panic!("on the history")
        };
        assert!(h.rows(12).is_empty());
        assert!(b.update(key(KeyCode::Enter)).is_empty(), "nothing to open");
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(text.contains("/zeppelin  no check-in holds it"), "{text}");
    }

    #[test]
    fn search_frames() {
        let mut b = searched("budget");
        assert_snapshot!("search_typing_80x24", b.frame(80, 24).backend());
        b.update(key(KeyCode::Enter));
        assert_snapshot!("search_found_80x24", b.frame(80, 24).backend());
        assert_snapshot!("search_found_60x20", b.frame(60, 20).backend());
    }
}

mod threads {
    use super::*;

    #[test]
    fn t_on_a_check_in_opens_every_answer_to_its_first_prompt_oldest_first() {
        let mut b = Browse::over(months(4));
        b.update(ch('h'));
        b.update(key(KeyCode::Enter));
        assert!(matches!(b.app.screen, Screen::Detail(_)));
        let prompt = b.full[3].reflections[0].id.clone();
        let effects = b.update(ch('t'));
        assert!(effects.contains(&Effect::Thread(prompt)), "{effects:?}");
        let Screen::Thread { view, .. } = &b.app.screen else {
            panic!("the thread is open: {:?}", b.app.screen)
        };
        let story = &view.stories[view.current];
        let said: Vec<&str> = story.answers.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            said,
            [
                "Answer number 1 to this question.",
                "Answer number 2 to this question.",
                "Answer number 3 to this question.",
                "Answer number 4 to this question.",
            ]
        );
        assert_eq!(story.answers[0].name, "3 Jan 2020 · m1");
        // → goes to the next prompt; Esc back to the check-in.
        let first = view.current;
        b.update(key(KeyCode::Right));
        let Screen::Thread { view, .. } = &b.app.screen else {
            panic!("still the thread")
        };
        assert_ne!(view.current, first);
        b.update(key(KeyCode::Esc));
        assert!(matches!(b.app.screen, Screen::Detail(_)));
    }

    #[test]
    fn t_on_a_comparison_opens_the_thread_and_esc_goes_back_to_it() {
        let mut b = Browse::over(months(3));
        b.update(ch('c'));
        assert!(matches!(b.app.screen, Screen::Compare(_)));
        b.update(ch('t'));
        assert_eq!(b.app.context(), Context::Thread);
        assert_snapshot!("thread_80x24", b.frame(80, 24).backend());
        assert_snapshot!("thread_60x20", b.frame(60, 20).backend());
        b.update(key(KeyCode::Esc));
        assert!(matches!(b.app.screen, Screen::Compare(_)));
    }

    #[test]
    fn a_prompt_worded_differently_then_says_how_it_was_asked() {
        let mut all = months(2);
        all[0].reflections[0].prompt = "An older wording?".into();
        let stories = thread::stories(&writings(&all));
        let first = &stories[0];
        assert_eq!(
            first.answers[0].asked_as.as_deref(),
            Some("An older wording?")
        );
        assert_eq!(first.answers[1].asked_as, None);
    }

    #[test]
    fn a_check_in_without_reflections_says_there_is_nothing_to_follow() {
        let mut b = Browse::over(vec![on_custom_bank("2020-01-03T09:30:00+00:00")]);
        b.update(ch('h'));
        b.update(key(KeyCode::Enter));
        assert!(b.update(ch('t')).is_empty());
        assert!(
            b.app
                .status
                .as_deref()
                .is_some_and(|s| s.contains("No reflection")),
            "{:?}",
            b.app.status
        );
    }
}

mod screens {
    use super::*;

    #[test]
    fn read_only_history_offers_no_delete() {
        let mut b = Browse::over(months(3));
        b.app.read_only = true;
        b.update(ch('h'));
        assert_eq!(b.app.context(), Context::HistoryReadOnly);
        assert!(b.update(ch('d')).is_empty());
        assert!(b.app.overlay.is_none());
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(!text.contains("delete"), "{text}");
        // Nor on what a search found.
        b.update(ch('/'));
        b.keys("answer");
        b.update(key(KeyCode::Enter));
        assert_eq!(b.app.context(), Context::HistoryFoundReadOnly);
        assert!(b.update(ch('d')).is_empty());
        assert!(!matches!(b.app.overlay, Some(Overlay::ConfirmDelete(_))));
    }

    #[test]
    fn home_after_a_custom_bank_keeps_the_core_scores_and_compares_like_with_like() {
        let mut all = months(3);
        all.push(on_custom_bank("2020-05-03T09:30:00+00:00"));
        let mut b = Browse::over(all);
        let names: Vec<&str> = b.app.home.scores.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["Autonomy", "Mastery", "Purpose", "Craft", "Team", "Health"]
        );
        assert_snapshot!("home_after_a_custom_bank_80x24", b.frame(80, 24).backend());
        assert_snapshot!("home_after_a_custom_bank_60x20", b.frame(60, 20).backend());
        b.update(ch('c'));
        let Screen::Compare(view) = &b.app.screen else {
            panic!("comparing: {:?}", b.app.screen)
        };
        assert_eq!((view.from, view.to), (1, 2), "the latest two on one bank");
    }

    #[test]
    fn home_says_how_many_check_in_files_could_not_be_read() {
        let mut b = Browse::over(months(2));
        b.app.home.unreadable = 3;
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(
            text.contains("3 check-in files could not be read; motive list shows which."),
            "{text}"
        );
        // On a short terminal the blank lines give way, not the warning
        // nor when the next check-in is due.
        let text = format!("{:?}", b.frame(60, 20).backend());
        assert!(
            text.contains("3 check-in files could not be read"),
            "{text}"
        );
        assert!(text.contains("Next check-in due"), "{text}");
        b.app.home.unreadable = 0;
        let text = format!("{:?}", b.frame(80, 24).backend());
        assert!(!text.contains("could not be read"), "{text}");
    }

    #[test]
    fn history_keeps_the_date_whole_and_the_core_dimensions_beside_other_banks() {
        let mut all = months(6);
        for s in &mut all {
            s.label = Some("a rather long label for a quarter".into());
        }
        all.push(on_custom_bank("2020-08-03T09:30:00+00:00"));
        let mut b = Browse::over(all);
        b.update(ch('h'));
        for (width, height) in [(80, 24), (60, 20)] {
            let terminal = b.frame(width, height);
            let text = format!("{:?}", terminal.backend());
            assert!(text.contains("2020-08-03"), "{text}");
            assert!(text.contains("2020-06-03 a rat…"), "{text}");
            for core in ["Aut", "Mas", "Pur"] {
                assert!(text.contains(core), "{core} on the table: {text}");
            }
            // The legend wraps: every name is whole somewhere beside the list.
            for name in ["• Autonomy", "+ Mastery", "x Purpose", "# Health"] {
                assert!(text.contains(name), "{name} in the legend: {text}");
            }
            assert_snapshot!(
                format!("history_with_two_banks_{width}x{height}"),
                terminal.backend()
            );
        }
    }

    #[test]
    fn detail_and_explain_wrap_under_their_text() {
        let mut all = months(2);
        all[1].answers[0].note = Some(
            "A long note that wraps: it keeps going past the edge of the screen so the second line shows its indent.".into(),
        );
        let mut b = Browse::over(all);
        b.update(ch('h'));
        b.update(key(KeyCode::Enter));
        assert_snapshot!("detail_wrapped_80x24", b.frame(80, 24).backend());
        assert_snapshot!("detail_wrapped_60x20", b.frame(60, 20).backend());
        b.update(key(KeyCode::Esc));
        b.update(ch('c'));
        b.update(ch('x'));
        let terminal = b.frame(80, 24);
        let text = format!("{:?}", terminal.backend());
        assert!(text.contains("Why 3 Feb 2020 · m2 (the later)"), "{text}");
        assert_snapshot!("compare_explained_80x24", terminal.backend());
        assert_snapshot!("compare_explained_60x20", b.frame(60, 20).backend());
    }
}

mod same_day {
    use super::*;

    fn same_day_pair(earlier: Option<&str>) -> Browse {
        let mut all: Vec<Snapshot> = earlier
            .map(|when| snapshot(&bank("core"), at(when), 1))
            .into_iter()
            .collect();
        all.push(snapshot(&bank("core"), at("2026-11-30T09:30:00+00:00"), 2));
        all.push(snapshot(&bank("core"), at("2026-11-30T17:30:00+00:00"), 4));
        let mut b = Browse::over(all);
        b.update(ch('h'));
        b
    }

    /// The columns of row `y` of the chart (right of the list) holding `c`.
    fn columns_with(terminal: &Terminal<TestBackend>, c: &str) -> Vec<u16> {
        let buffer = terminal.backend().buffer();
        let area = buffer.area;
        (44..area.width)
            .filter(|&x| (0..area.height).any(|y| buffer[(x, y)].symbol() == c))
            .collect()
    }

    #[test]
    fn two_check_ins_on_one_day_are_hours_apart_on_a_time_axis() {
        let b = same_day_pair(None);
        // The chart is 36 columns wide at 80, 16 at 60: the axis says
        // what fits, whole.
        for (width, height, axis) in [
            (80, 24, "07:30       30 Nov       19:30"),
            (60, 20, "7h     19h"),
        ] {
            let terminal = b.frame(width, height);
            let text = format!("{:?}", terminal.backend());
            assert!(text.contains(axis), "{text}");
            assert!(columns_with(&terminal, "x").len() > 3, "{text}");
            assert_snapshot!(format!("same_day_{width}x{height}"), terminal.backend());
        }
    }

    #[test]
    fn in_a_longer_history_a_same_day_pair_is_two_points_not_a_bar() {
        let b = same_day_pair(Some("2026-10-03T09:30:00+00:00"));
        let terminal = b.frame(80, 24);
        let buffer = terminal.backend().buffer();
        // Purpose's line (x): no column of the plot holds it more than a
        // step of the line would (a vertical bar fills a column).
        let tallest = (48..80)
            .map(|x| (0..24).filter(|&y| buffer[(x, y)].symbol() == "x").count())
            .max()
            .unwrap_or(0);
        assert!(tallest <= 3, "{:?}", terminal.backend());
        assert_snapshot!("same_day_in_a_longer_history_80x24", terminal.backend());
    }
}

mod clicks {
    use super::*;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

    fn click(column: u16, row: u16) -> Msg {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn a_click_on_what_a_search_found_selects_and_opens_it() {
        let mut b = Browse::over(months(12));
        b.update(ch('h'));
        b.update(ch('/'));
        b.keys("answer");
        b.update(key(KeyCode::Enter));
        b.update(key(KeyCode::End));
        assert_eq!(b.selected(), 0);
        // Row 2 is the search, 3 the header, 4 the newest match (m12).
        b.update(click(6, 4));
        assert_eq!(b.selected(), 11);
        b.update(click(6, 4));
        let Screen::Detail(d) = &b.app.screen else {
            panic!("a second click opens it: {:?}", b.app.screen)
        };
        assert_eq!(d.index, 11);
        // The search line itself is not a check-in.
        b.update(key(KeyCode::Esc));
        b.update(click(6, 2));
        assert_eq!(b.selected(), 11);
    }
}

/// What was written in each of `snapshots`, as the store's text cache gives it.
fn writings(snapshots: &[motive::snapshot::Snapshot]) -> Vec<search::Writing> {
    snapshots.iter().map(search::Writing::of).collect()
}
