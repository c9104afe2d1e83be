//! The check-in as a state machine: messages in, state and effects out.
//! No terminal, no files.

use chrono::{DateTime, FixedOffset};
use motive::bank::builtin;
use motive::checkin::{CheckIn, Step};
use motive::snapshot::Outcome;
use motive::tui::app::{App, Effect, Field, HomeInfo, Msg, Overlay, SAVE_AFTER_TICKS, Screen};
use motive::tui::keys::Context;
use motive::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:30:00+01:00").expect("date")
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| app.update(ch(c))).collect()
}

/// An app in the middle of a quick check-in whose previous commitment was "ship it".
fn started(commitment: Option<&str>) -> App {
    let mut app = App::new(HomeInfo::default(), Theme::monochrome());
    let bank = builtin::get("quick").expect("quick");
    let effects = app.update(Msg::Started(CheckIn::new(&bank, commitment, None, now())));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDraft(_)]),
        "{effects:?}"
    );
    app
}

fn checkin(app: &App) -> &CheckIn {
    match &app.screen {
        Screen::Flow(flow) => &flow.checkin,
        other => panic!("not in the flow: {other:?}"),
    }
}

fn saves_draft(effects: &[Effect]) -> bool {
    effects.iter().any(|e| matches!(e, Effect::SaveDraft(_)))
}

#[test]
fn home_starts_a_check_in_and_quits() {
    let mut app = App::new(HomeInfo::default(), Theme::monochrome());
    assert_eq!(app.context(), Context::Home);
    assert_eq!(app.update(key(KeyCode::Enter)), vec![Effect::Open]);
    assert_eq!(app.update(ch('q')), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn the_whole_flow_by_messages() {
    let mut app = started(Some("ship it"));
    assert_eq!(checkin(&app).step, Step::FollowUp);
    // Tab skips the follow-up; Shift-Tab... there is nothing before it.
    let effects = app.update(ch('2'));
    assert!(saves_draft(&effects));
    assert_eq!(
        checkin(&app).follow_up.as_ref().and_then(|f| f.outcome),
        Some(Outcome::Partly)
    );
    assert_eq!(app.context(), Context::FollowUpNote);
    typed(&mut app, "half of it");
    app.update(key(KeyCode::Tab));
    assert_eq!(checkin(&app).step, Step::Question(0));
    assert_eq!(
        checkin(&app).follow_up.as_ref().map(|f| f.note.as_str()),
        Some("half of it")
    );

    let total = checkin(&app).questions.len();
    // digit answers and moves on
    assert!(saves_draft(&app.update(ch('4'))));
    assert_eq!(checkin(&app).questions[0].value, Some(4));
    assert_eq!(checkin(&app).step, Step::Question(1));
    // a digit outside the scale does nothing
    assert!(app.update(ch('9')).is_empty());
    assert_eq!(checkin(&app).step, Step::Question(1));
    // arrows move the highlight, Enter confirms it (starts mid-scale: 3)
    app.update(key(KeyCode::Right));
    app.update(ch('l'));
    app.update(ch('l')); // clamps at 5
    app.update(key(KeyCode::Left));
    app.update(key(KeyCode::Enter));
    assert_eq!(checkin(&app).questions[1].value, Some(4));
    // s skips
    app.update(ch('s'));
    assert_eq!(checkin(&app).questions[2].value, None);
    // Backspace goes back with the earlier answer kept and highlighted
    app.update(key(KeyCode::Backspace));
    app.update(key(KeyCode::Backspace));
    assert_eq!(checkin(&app).step, Step::Question(1));
    match &app.screen {
        Screen::Flow(flow) => assert_eq!(flow.highlight, 4),
        _ => unreachable!(),
    }
    // n opens a note; Esc returns and keeps it
    app.update(ch('n'));
    assert_eq!(app.context(), Context::Note);
    typed(&mut app, "it depends on the week");
    app.update(key(KeyCode::Esc));
    assert_eq!(app.context(), Context::Question);
    assert_eq!(checkin(&app).questions[1].note, "it depends on the week");
    for _ in 1..total {
        app.update(ch('5'));
    }
    assert_eq!(checkin(&app).step, Step::Reflection(0));
    assert_eq!(app.context(), Context::Text);
    // '?' and 'q' type in a text field
    typed(&mut app, "What do I want? q");
    assert_eq!(checkin(&app).reflections[0].text, "What do I want? q");
    app.update(key(KeyCode::Tab));
    assert_eq!(checkin(&app).step, Step::Commitment);
    app.update(key(KeyCode::BackTab));
    assert_eq!(checkin(&app).step, Step::Reflection(0));
    app.update(key(KeyCode::Tab));
    typed(&mut app, "pair with Ana");
    app.update(key(KeyCode::Tab));
    assert_eq!(checkin(&app).step, Step::Review);
    // the label is editable
    app.update(ch('e'));
    assert_eq!(app.context(), Context::Label);
    typed(&mut app, "Q4");
    app.update(key(KeyCode::Enter));
    assert_eq!(checkin(&app).label, "Q4");
    let effects = app.update(key(KeyCode::Enter));
    let [Effect::SaveSnapshot(final_checkin)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let snapshot = final_checkin.to_snapshot(now());
    assert_eq!(snapshot.label.as_deref(), Some("Q4"));
    assert_eq!(snapshot.commitment, "pair with Ana");
    assert_eq!(
        snapshot.answers[1].note.as_deref(),
        Some("it depends on the week")
    );

    app.update(Msg::Saved {
        snapshot,
        previous: None,
        written_to: None,
    });
    assert_eq!(app.context(), Context::Result);
    assert_eq!(app.update(ch('q')), vec![Effect::Quit]);
}

#[test]
fn typing_saves_the_draft_a_little_after_it_stops() {
    let mut app = started(None);
    for _ in 0..checkin(&app).questions.len() {
        app.update(ch('3'));
    }
    assert!(
        typed(&mut app, "thinking").is_empty(),
        "no save per keystroke"
    );
    for _ in 1..SAVE_AFTER_TICKS {
        assert!(app.update(Msg::Tick).is_empty());
    }
    let effects = app.update(Msg::Tick);
    let [Effect::SaveDraft(draft)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(draft.reflections[0].text, "thinking");
    assert!(
        app.update(Msg::Tick).is_empty(),
        "saved once, not every tick"
    );
}

#[test]
fn quitting_mid_flow_asks_and_keeps_the_draft() {
    let mut app = started(None);
    app.update(ch('4'));
    assert!(app.update(ch('q')).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::ConfirmQuit)));
    app.update(ch('n'));
    assert!(app.overlay.is_none());
    assert!(!app.quit);
    app.update(key(KeyCode::Esc));
    let effects = app.update(ch('y'));
    assert!(app.quit);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDraft(d), Effect::Quit] if d.questions[0].value == Some(4))
    );
}

#[test]
fn a_draft_is_offered_for_resume_or_discard() {
    let bank = builtin::get("quick").expect("quick");
    let mut draft = CheckIn::new(&bank, None, None, now());
    draft.questions[0].value = Some(2);
    draft.step = Step::Question(1);
    let mut app = App::new(HomeInfo::default(), Theme::monochrome());
    app.update(Msg::DraftFound(draft.clone()));
    assert_eq!(app.context(), Context::Resume);
    assert_eq!(
        app.update(ch('r')),
        vec![Effect::Begin(Some(Box::new(draft.clone())))]
    );
    app.update(Msg::Started(draft));
    assert_eq!(checkin(&app).step, Step::Question(1));

    let mut app = App::new(HomeInfo::default(), Theme::monochrome());
    app.update(Msg::DraftFound(CheckIn::new(&bank, None, None, now())));
    assert!(app.update(ch('d')).is_empty(), "discarding asks first");
    assert_eq!(
        app.update(ch('y')),
        vec![Effect::DiscardDraft, Effect::Begin(None)]
    );
}

#[test]
fn a_failed_save_keeps_everything_and_offers_retry_or_another_path() {
    let mut app = started(None);
    for _ in 0..checkin(&app).questions.len() {
        app.update(ch('4'));
    }
    app.update(key(KeyCode::Tab));
    app.update(key(KeyCode::Tab));
    let before = checkin(&app).clone();
    app.update(key(KeyCode::Enter));
    app.update(Msg::SaveFailed(
        "cannot save the check-in to /x: No space left on device".into(),
    ));
    assert!(matches!(&app.overlay, Some(Overlay::SaveFailed(r)) if r.contains("No space")));
    assert_eq!(checkin(&app), &before, "nothing lost");
    assert!(matches!(
        app.update(ch('r')).as_slice(),
        [Effect::SaveSnapshot(_)]
    ));
    app.update(Msg::SaveFailed("still full".into()));
    app.update(ch('w'));
    assert_eq!(app.context(), Context::PathInput);
    // replace the suggested path
    for _ in 0..200 {
        app.update(key(KeyCode::Backspace));
    }
    typed(&mut app, "/mnt/usb/check-in.toml");
    let effects = app.update(key(KeyCode::Enter));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveSnapshotTo(_, path)] if path.to_str() == Some("/mnt/usb/check-in.toml")),
        "{effects:?}"
    );
}

#[test]
fn help_opens_on_every_screen_and_closes() {
    let mut app = started(Some("ship it"));
    for msg in [ch('?'), key(KeyCode::F(1))] {
        app.update(msg);
        if matches!(app.overlay, Some(Overlay::Help)) {
            break;
        }
    }
    assert!(matches!(app.overlay, Some(Overlay::Help)));
    app.update(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    // in a text field F1 is help and '?' types
    app.update(ch('1'));
    app.update(ch('?'));
    assert!(app.overlay.is_none());
    app.update(key(KeyCode::F(1)));
    assert!(matches!(app.overlay, Some(Overlay::Help)));
}

#[test]
fn the_editor_field_follows_the_step() {
    let mut app = started(None);
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    assert!(flow.editor.is_none());
    for _ in 0..checkin(&app).questions.len() {
        app.update(ch('3'));
    }
    let Screen::Flow(flow) = &app.screen else {
        unreachable!()
    };
    assert_eq!(
        flow.editor.as_ref().map(|e| e.field),
        Some(Field::Reflection(0))
    );
}

mod browsing {
    use super::*;
    use motive::snapshot::Snapshot;
    use motive::summary::Summary;
    use motive::tui::app::{CompareView, Detail, History};

    /// The app over `n` check-ins, with a stand-in for the driver that
    /// answers [`Effect::Load`] from memory, as the real one does from disk.
    struct Browse {
        app: App,
        full: Vec<Snapshot>,
    }

    impl Browse {
        fn update(&mut self, msg: Msg) -> Vec<Effect> {
            let mut effects = self.app.update(msg);
            let mut loaded = Vec::new();
            effects.retain(|effect| match effect {
                Effect::Load { ids, open } => {
                    let found: Option<Vec<Snapshot>> = ids
                        .iter()
                        .map(|id| self.full.iter().find(|s| &s.id == id).cloned())
                        .collect();
                    loaded.push(match found {
                        Some(snapshots) => Msg::Loaded {
                            open: open.clone(),
                            snapshots,
                        },
                        None => Msg::LoadFailed("gone".into()),
                    });
                    false
                }
                _ => true,
            });
            for msg in loaded {
                effects.extend(self.app.update(msg));
            }
            effects
        }
    }

    fn home_with(n: usize) -> Browse {
        let bank = builtin::get("quick").expect("quick");
        let full: Vec<Snapshot> = (0..n)
            .map(|i| {
                let when = now() + chrono::Duration::days(90 * i as i64);
                CheckIn::new(&bank, None, None, when).to_snapshot(when)
            })
            .collect();
        let summaries = full.iter().map(Summary::of).collect();
        Browse {
            app: App::new(HomeInfo::new(summaries, String::new()), Theme::monochrome()),
            full,
        }
    }

    #[test]
    fn opening_a_check_in_loads_it_in_full_and_a_missing_one_says_so() {
        let mut browse = home_with(2);
        browse.update(ch('h'));
        let effects = browse.app.update(key(KeyCode::Enter));
        let id = browse.full[1].id.clone();
        assert!(
            matches!(effects.as_slice(), [Effect::Load { ids, .. }] if ids == &vec![id.clone()]),
            "{effects:?}"
        );
        browse.full.clear(); // deleted behind our back
        browse.update(key(KeyCode::Enter));
        assert!(matches!(browse.app.screen, Screen::History(_)));
        assert_eq!(browse.app.status.as_deref(), Some("gone"));
    }

    #[test]
    fn history_selects_marks_compares_and_goes_back() {
        let mut app = home_with(4);
        app.update(ch('h'));
        assert!(
            matches!(&app.app.screen, Screen::History(History { selected: 3, marked }) if marked.is_empty())
        );
        app.update(key(KeyCode::Down)); // the list is newest first: down is older
        app.update(ch(' '));
        app.update(ch('j'));
        app.update(ch('j'));
        app.update(ch(' '));
        app.update(ch('k'));
        assert!(
            matches!(&app.app.screen, Screen::History(History { selected: 1, marked }) if marked == &vec![2, 0])
        );
        app.update(ch('c'));
        assert!(
            matches!(
                &app.app.screen,
                Screen::Compare(CompareView { from: 0, to: 2, .. })
            ),
            "{:?}",
            app.app.screen
        );
        app.update(ch('x'));
        assert!(matches!(
            &app.app.screen,
            Screen::Compare(CompareView { explain: true, .. })
        ));
        app.update(key(KeyCode::Esc));
        assert!(
            matches!(
                &app.app.screen,
                Screen::History(History { selected: 1, .. })
            ),
            "back to where we were"
        );
        app.update(key(KeyCode::Enter));
        assert!(matches!(
            &app.app.screen,
            Screen::Detail(Detail {
                index: 1,
                explain: false,
                ..
            })
        ));
        app.update(key(KeyCode::Down));
        assert!(matches!(
            &app.app.screen,
            Screen::Detail(Detail { scroll: 1, .. })
        ));
        app.update(ch('q'));
        app.update(ch('q'));
        assert!(matches!(app.app.screen, Screen::Home));
        assert!(
            !app.app.quit,
            "q on a browsing screen goes back, it does not quit"
        );
    }

    #[test]
    fn compare_from_home_takes_the_two_latest_and_needs_two() {
        let mut app = home_with(3);
        app.update(ch('c'));
        assert!(matches!(
            &app.app.screen,
            Screen::Compare(CompareView {
                from: 1,
                to: 2,
                back: None,
                ..
            })
        ));
        let mut lonely = home_with(1);
        lonely.update(ch('c'));
        assert!(matches!(lonely.app.screen, Screen::Home));
        assert!(
            lonely
                .app
                .status
                .as_deref()
                .is_some_and(|s| s.contains("two check-ins"))
        );
    }

    #[test]
    fn delete_asks_then_moves_to_the_trash() {
        let mut app = home_with(2);
        let id = app.app.home.snapshots[1].id.clone();
        app.update(ch('h'));
        assert!(app.update(ch('d')).is_empty());
        assert!(matches!(app.app.overlay, Some(Overlay::ConfirmDelete(1))));
        assert!(app.update(ch('n')).is_empty());
        app.update(ch('d'));
        assert_eq!(app.update(ch('y')), vec![Effect::Trash(id.clone())]);
        let remaining = HomeInfo::new(app.app.home.snapshots[..1].to_vec(), String::new());
        app.update(Msg::Deleted {
            id,
            home: remaining,
        });
        assert!(matches!(
            &app.app.screen,
            Screen::History(History { selected: 0, .. })
        ));
        assert!(
            app.app
                .status
                .as_deref()
                .is_some_and(|s| s.contains("trash"))
        );
    }
}
