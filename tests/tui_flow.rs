//! The check-in as a state machine: messages in, state and effects out.
//! No terminal, no files.

mod support;

use chrono::{DateTime, FixedOffset};
use motive::bank::builtin;
use motive::checkin::{CheckIn, Step};
use motive::snapshot::Outcome;
use motive::tui::app::{App, Effect, Field, Msg, Overlay, Overview, SAVE_AFTER_TICKS, Screen};
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
    let mut app = App::new(Overview::default(), Theme::monochrome());
    let bank = builtin::get("quick").expect("quick");
    let open: Vec<&str> = commitment.into_iter().collect();
    let effects = app.update(Msg::started(CheckIn::new(&bank, &open, None, now())));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDraft(_)]),
        "{effects:?}"
    );
    // Past the bank's instructions.
    assert_eq!(app.context(), Context::Intro);
    app.update(key(KeyCode::Enter));
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
    let mut app = App::new(Overview::default(), Theme::monochrome());
    assert_eq!(app.context(), Context::Home);
    assert_eq!(app.update(key(KeyCode::Enter)), vec![Effect::Open]);
    assert_eq!(app.update(ch('q')), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn the_whole_flow_by_messages() {
    let mut app = started(Some("ship it"));
    assert_eq!(checkin(&app).step, Step::FollowUp(Some(0)));
    // Tab skips the follow-up; Shift-Tab... there is nothing before it.
    let effects = app.update(ch('2'));
    assert!(saves_draft(&effects));
    assert_eq!(
        checkin(&app).follow_ups.first().and_then(|f| f.outcome),
        Some(Outcome::Partly)
    );
    assert_eq!(app.context(), Context::FollowUpNote);
    typed(&mut app, "half of it");
    app.update(key(KeyCode::Tab));
    assert_eq!(checkin(&app).step, Step::Question(0));
    assert_eq!(
        checkin(&app).follow_ups.first().map(|f| f.note.as_str()),
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
    // nothing is chosen until a key chooses: the first arrow lands
    // mid-scale (3), then arrows move the highlight, Enter confirms it
    app.update(key(KeyCode::Right));
    app.update(ch('l'));
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
        Screen::Flow(flow) => assert_eq!(flow.highlight, Some(4)),
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
    assert_eq!(snapshot.commitments, ["pair with Ana"]);
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
    let mut draft = CheckIn::new(&bank, &[], None, now());
    draft.questions[0].value = Some(2);
    draft.step = Step::Question(1);
    let mut app = App::new(Overview::default(), Theme::monochrome());
    app.update(Msg::DraftFound {
        draft: draft.clone(),
        fresh_bank: Some("quick".into()),
    });
    assert_eq!(app.context(), Context::Resume);
    assert_eq!(
        app.update(ch('r')),
        vec![Effect::Begin(Some(Box::new(draft.clone())))]
    );
    app.update(Msg::started(draft));
    assert_eq!(checkin(&app).step, Step::Question(1));

    let mut app = App::new(Overview::default(), Theme::monochrome());
    app.update(Msg::DraftFound {
        draft: CheckIn::new(&bank, &[], None, now()),
        fresh_bank: None,
    });
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
        if matches!(app.overlay, Some(Overlay::Help { .. })) {
            break;
        }
    }
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    app.update(key(KeyCode::Esc));
    assert!(app.overlay.is_none());
    // in a text field F1 is help and '?' types
    app.update(ch('1'));
    app.update(ch('?'));
    assert!(app.overlay.is_none());
    app.update(key(KeyCode::F(1)));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
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

mod browsing_support {
    use super::*;
    use motive::snapshot::Snapshot;
    use motive::summary::Summary;

    /// The app over `n` check-ins, with a stand-in for the driver that
    /// answers [`Effect::Load`] from memory, as the real one does from disk.
    pub struct Browse {
        pub app: App,
        pub full: Vec<Snapshot>,
    }

    impl Browse {
        pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
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

    /// `n` quarterly check-ins on the core bank, answers varying between
    /// them: longer than one screen in full, with statements that moved.
    pub fn home_with(n: usize) -> Browse {
        let bank = builtin::get("core").expect("core");
        let full: Vec<Snapshot> = (0..n)
            .map(|i| {
                let when = now() + chrono::Duration::days(90 * i as i64);
                let mut checkin = CheckIn::new(&bank, &[], None, when);
                for (k, q) in checkin.questions.iter_mut().enumerate() {
                    q.value = Some(1 + ((i + k) % 5) as i64);
                }
                checkin.to_snapshot(when)
            })
            .collect();
        let summaries = full.iter().map(Summary::of).collect();
        Browse {
            app: App::new(Overview::new(summaries, String::new()), Theme::monochrome()),
            full,
        }
    }
}

mod browsing {
    use super::browsing_support::home_with;
    use super::*;
    use motive::tui::app::{CompareView, Detail, History};

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
            matches!(&app.app.screen, Screen::History(History { selected: 3, marked, .. }) if marked.is_empty())
        );
        app.update(key(KeyCode::Down)); // the list is newest first: down is older
        app.update(ch(' '));
        app.update(ch('j'));
        app.update(ch('j'));
        app.update(ch(' '));
        app.update(ch('k'));
        assert!(
            matches!(&app.app.screen, Screen::History(History { selected: 1, marked, .. }) if marked == &vec![2, 0])
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
        let remaining = Overview::new(app.app.home.snapshots[..1].to_vec(), String::new());
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

mod own_editor {
    use super::*;
    use motive::tui::app::NO_EDITOR;

    fn ctrl_e() -> Msg {
        Msg::Key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL))
    }

    /// A quick check-in at its first reflection, with an editor set.
    fn at_reflection() -> App {
        let mut app = started(None);
        app.editor = Some("vi".into());
        for _ in 0..checkin(&app).questions.len() {
            app.update(ch('3'));
        }
        assert_eq!(app.context(), Context::Text);
        app
    }

    #[test]
    fn ctrl_e_hands_the_text_so_far_to_the_editor() {
        let mut app = at_reflection();
        typed(&mut app, "first line");
        app.update(key(KeyCode::Enter));
        typed(&mut app, "second");
        assert_eq!(
            app.update(ctrl_e()),
            vec![Effect::Edit {
                field: Field::Reflection(0),
                text: "first line\nsecond".into(),
            }]
        );
        // A note and the label go the same way.
        let mut app = started(None);
        app.editor = Some("vi".into());
        app.update(ch('n'));
        typed(&mut app, "why");
        assert!(matches!(
            app.update(ctrl_e()).as_slice(),
            [Effect::Edit { field: Field::Note(0), text }] if text == "why"
        ));
    }

    #[test]
    fn what_the_editor_wrote_replaces_the_field_and_saves_the_draft() {
        let mut app = at_reflection();
        typed(&mut app, "draft");
        let effects = app.update(Msg::Edited {
            field: Field::Reflection(0),
            text: "Written in my editor\n\nwith a second paragraph\n".into(),
        });
        let [Effect::SaveDraft(draft)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        let expected = "Written in my editor\n\nwith a second paragraph";
        assert_eq!(draft.reflections[0].text, expected);
        assert_eq!(checkin(&app).reflections[0].text, expected);
        // The text area shows it from its start, where the cursor is: a
        // long text is read from its first line, not its last.
        match &app.screen {
            Screen::Flow(flow) => {
                let cursor = flow.editor.as_ref().map(|e| e.area.cursor());
                assert_eq!(cursor.map(|c| (c.0, c.1)), Some((0, 0)));
            }
            other => panic!("{other:?}"),
        }
        typed(&mut app, "!");
        assert_eq!(checkin(&app).reflections[0].text, format!("!{expected}"));
        assert_eq!(app.status, None);
    }

    #[test]
    fn editor_text_is_cleaned_like_typed_text() {
        let mut app = at_reflection();
        app.update(Msg::Edited {
            field: Field::Reflection(0),
            text: "a\r\nb\x1b[31m\tc\n\n".into(),
        });
        // One trailing newline goes; the blank line the user left stays.
        assert_eq!(checkin(&app).reflections[0].text, "a\nb[31m\tc\n");
        let (label, cut) = motive::tui::app::from_editor(Field::Label, "  Q4\nnew team\n");
        assert_eq!((label.as_str(), cut), ("Q4 new team", None));
        let long = "x".repeat(motive::store::MAX_TEXT_CHARS + 5);
        let (text, cut) = motive::tui::app::from_editor(Field::Commitment, &long);
        assert_eq!(text.chars().count(), motive::store::MAX_TEXT_CHARS);
        assert_eq!(cut, Some(motive::store::MAX_TEXT_CHARS));
        app.update(Msg::Edited {
            field: Field::Reflection(0),
            text: long,
        });
        assert!(
            app.status
                .as_deref()
                .is_some_and(|s| s.contains("left out"))
        );
    }

    #[test]
    fn without_an_editor_ctrl_e_only_says_how_to_set_one() {
        let mut app = at_reflection();
        app.editor = None;
        typed(&mut app, "kept");
        assert!(app.update(ctrl_e()).is_empty());
        assert_eq!(app.status.as_deref(), Some(NO_EDITOR));
        assert_eq!(app.context(), Context::Text);
        // The message is news until the next key; the text is untouched.
        typed(&mut app, "!");
        assert_eq!(app.status, None);
        assert_eq!(checkin(&app).reflections[0].text, "kept!");
    }

    #[test]
    fn a_failed_editor_keeps_the_text_and_says_so() {
        let mut app = at_reflection();
        typed(&mut app, "kept");
        let effects = app.update(Msg::EditFailed(
            "Your editor (nope) was not found; the text is unchanged.".into(),
        ));
        assert!(effects.is_empty());
        assert!(app.status.as_deref().is_some_and(|s| s.contains("nope")));
        assert_eq!(checkin(&app).reflections[0].text, "kept");
    }

    #[test]
    fn ctrl_e_does_nothing_outside_text_fields() {
        let mut app = started(None);
        app.editor = Some("vi".into());
        assert!(app.update(ctrl_e()).is_empty());
        assert_eq!(app.status, None);
    }
}

mod mouse {
    use super::*;
    use motive::tui::screens;
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    fn click(column: u16, row: u16) -> Msg {
        mouse(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    fn centre(area: Rect) -> (u16, u16) {
        (area.x + area.width / 2, area.y + area.height / 2)
    }

    fn option_centre(app: &App, value: i64) -> (u16, u16) {
        let Screen::Flow(flow) = &app.screen else {
            panic!("not in the flow")
        };
        let body = app.areas().expect("big enough").body;
        let (_, area) = screens::checkin::question::option_areas(flow, body)
            .into_iter()
            .find(|(v, _)| *v == value)
            .expect("the option is drawn");
        centre(area)
    }

    #[test]
    fn a_click_on_an_option_answers_with_it() {
        let mut app = started(None);
        app.update(Msg::Resize {
            width: 100,
            height: 30,
        });
        let (x, y) = option_centre(&app, 4);
        let effects = app.update(click(x, y));
        assert!(saves_draft(&effects), "{effects:?}");
        assert_eq!(checkin(&app).questions[0].value, Some(4));
        assert_eq!(checkin(&app).step, Step::Question(1));
        // The wheel, a release and a click on the statement text do nothing.
        for msg in [
            mouse(MouseEventKind::ScrollDown, x, y),
            mouse(MouseEventKind::Up(MouseButton::Left), x, y),
            click(x, 3),
        ] {
            assert!(app.update(msg).is_empty());
        }
        assert_eq!(checkin(&app).step, Step::Question(1));
    }

    #[test]
    fn clicks_leave_an_open_note_alone() {
        let mut app = started(None);
        let (x, y) = option_centre(&app, 2);
        app.update(ch('n'));
        typed(&mut app, "a note");
        assert!(app.update(click(x, y)).is_empty());
        assert_eq!(app.context(), Context::Note);
        assert_eq!(checkin(&app).questions[0].value, None);
    }

    #[test]
    fn a_click_on_an_outcome_chooses_it_and_keeps_the_note() {
        let mut app = started(Some("ship it"));
        let body = app.areas().expect("big enough").body;
        let Screen::Flow(flow) = &app.screen else {
            panic!("in the flow");
        };
        let areas = screens::checkin::follow_up::outcome_areas(flow, body);
        let at =
            |outcome: Outcome| centre(areas.iter().find(|(o, _)| *o == outcome).expect("drawn").1);
        let (x, y) = at(Outcome::NotDone);
        assert!(saves_draft(&app.update(click(x, y))));
        assert_eq!(app.context(), Context::FollowUpNote);
        typed(&mut app, "no time");
        let (x, y) = at(Outcome::Partly);
        app.update(click(x, y));
        let follow_up = checkin(&app)
            .follow_ups
            .first()
            .cloned()
            .expect("a follow-up");
        assert_eq!(follow_up.outcome, Some(Outcome::Partly));
        assert_eq!(follow_up.note, "no time");
    }

    #[test]
    fn history_clicks_select_then_open_and_the_wheel_moves() {
        use super::browsing_support::home_with;
        use motive::tui::app::{Detail, History};
        let mut browse = home_with(5);
        browse.update(ch('h'));
        // Newest first: the list's first row (under the header) is the
        // newest, the third is two older. The body starts at row 2 (title,
        // margin), its header is row 2, the rows follow.
        browse.update(click(6, 5));
        assert!(matches!(
            &browse.app.screen,
            Screen::History(History { selected: 2, .. })
        ));
        browse.update(mouse(MouseEventKind::ScrollDown, 40, 10));
        assert!(matches!(
            &browse.app.screen,
            Screen::History(History { selected: 1, .. })
        ));
        browse.update(mouse(MouseEventKind::ScrollUp, 40, 10));
        browse.update(click(6, 5));
        assert!(
            matches!(&browse.app.screen, Screen::Detail(Detail { index: 2, .. })),
            "a click on the selected row opens it: {:?}",
            browse.app.screen
        );
        browse.update(mouse(MouseEventKind::ScrollDown, 40, 10));
        browse.update(mouse(MouseEventKind::ScrollDown, 40, 10));
        browse.update(mouse(MouseEventKind::ScrollUp, 40, 10));
        assert!(matches!(
            &browse.app.screen,
            Screen::Detail(Detail { scroll, .. }) if *scroll == motive::tui::app::WHEEL_LINES
        ));
    }

    #[test]
    fn the_wheel_scrolls_a_comparison() {
        use super::browsing_support::home_with;
        use motive::tui::app::CompareView;
        let mut browse = home_with(3);
        browse.update(ch('c'));
        browse.update(mouse(MouseEventKind::ScrollDown, 40, 10));
        assert!(matches!(
            &browse.app.screen,
            Screen::Compare(CompareView { scroll, .. }) if *scroll == motive::tui::app::WHEEL_LINES
        ));
        // Spinning on past the end stops at the last line, so the first
        // notch back up moves at once.
        let at_end = |browse: &super::browsing_support::Browse| match &browse.app.screen {
            Screen::Compare(CompareView { scroll, .. }) => *scroll,
            _ => u16::MAX,
        };
        for _ in 0..100 {
            browse.update(mouse(MouseEventKind::ScrollDown, 40, 10));
        }
        let end = at_end(&browse);
        assert!(end > motive::tui::app::WHEEL_LINES && end < 100, "{end}");
        browse.update(mouse(MouseEventKind::ScrollUp, 40, 10));
        assert_eq!(at_end(&browse), end - motive::tui::app::WHEEL_LINES);
    }
}

mod pasting {
    use super::*;
    use motive::store::{MAX_LINE_CHARS, MAX_TEXT_CHARS};

    /// A quick check-in at its first reflection.
    fn at_reflection() -> App {
        let mut app = started(None);
        for _ in 0..checkin(&app).questions.len() {
            app.update(ch('3'));
        }
        assert_eq!(app.context(), Context::Text);
        app
    }

    #[test]
    fn a_paste_is_one_edit_with_its_line_breaks() {
        let mut app = at_reflection();
        typed(&mut app, "Before: ");
        // Terminals paste line breaks as carriage returns.
        assert!(
            app.update(Msg::Paste("one\rtwo\r\nthree\x07".into()))
                .is_empty()
        );
        assert_eq!(checkin(&app).reflections[0].text, "Before: one\ntwo\nthree");
        assert_eq!(app.status, None);
        // The draft follows a moment later, as after typing.
        let saved = (0..SAVE_AFTER_TICKS).any(|_| saves_draft(&app.update(Msg::Tick)));
        assert!(saved, "the pasted text reaches the draft");
    }

    #[test]
    fn a_paste_past_the_limit_fills_the_field_and_names_it() {
        let mut app = at_reflection();
        let huge = "word ".repeat(MAX_TEXT_CHARS / 4);
        app.update(Msg::Paste(huge));
        assert_eq!(
            checkin(&app).reflections[0].text.chars().count(),
            MAX_TEXT_CHARS
        );
        let status = app.status.clone().unwrap_or_default();
        assert!(
            status.starts_with("Reflection 1 is full") && status.contains("20,000"),
            "{status}"
        );
        // Typing on adds nothing and says so again; Tab still moves on.
        app.update(ch('x'));
        assert_eq!(
            checkin(&app).reflections[0].text.chars().count(),
            MAX_TEXT_CHARS
        );
        assert!(app.status.is_some());
        assert!(saves_draft(&app.update(key(KeyCode::Tab))));
    }

    #[test]
    fn the_label_takes_a_paste_on_one_line() {
        let mut app = at_reflection();
        while checkin(&app).step != motive::checkin::Step::Review {
            app.update(key(KeyCode::Tab));
        }
        app.update(ch('e'));
        app.update(Msg::Paste(format!(
            "Q4\rafter the reorg {}",
            "x".repeat(MAX_LINE_CHARS)
        )));
        app.update(key(KeyCode::Enter));
        let label = &checkin(&app).label;
        assert!(label.starts_with("Q4 after the reorg"), "{label}");
        assert_eq!(label.chars().count(), MAX_LINE_CHARS);
    }
}

mod full_disk {
    use super::*;

    const FULL: &str = "cannot write drafts/host.toml: No space left on device (os error 28)";

    #[test]
    fn a_failed_draft_stays_said_until_a_draft_is_written() {
        let mut app = started(None);
        app.update(Msg::DraftFailed(FULL.into()));
        let warning = app.status_line().expect("a warning");
        assert!(
            warning.starts_with("Not on disk") && warning.contains("No space"),
            "{warning}"
        );
        // News comes and goes; the warning stays under it.
        app.update(ch('4'));
        app.update(ch('4'));
        assert!(
            app.status_line()
                .is_some_and(|s| s.starts_with("Not on disk"))
        );
        app.update(Msg::DraftSaved);
        assert_eq!(app.status_line(), None);
    }

    #[test]
    fn quitting_with_answers_not_on_disk_offers_retry_another_file_or_stay() {
        let mut app = started(None);
        app.update(ch('4'));
        app.update(Msg::DraftFailed(FULL.into()));
        app.update(ch('q'));
        assert!(matches!(&app.overlay, Some(Overlay::Unsaved(r)) if r == FULL));
        assert_eq!(app.context(), Context::Unsaved);
        // Retry writes the draft again.
        let effects = app.update(ch('r'));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveDraft(_)]),
            "{effects:?}"
        );
        assert!(!app.quit);
        // Another file: Esc comes back to the question, Enter writes it.
        app.update(ch('q'));
        app.update(ch('w'));
        assert_eq!(app.context(), Context::PathInput);
        app.update(key(KeyCode::Esc));
        assert!(matches!(app.overlay, Some(Overlay::Unsaved(_))));
        app.update(ch('w'));
        for _ in 0..200 {
            app.update(key(KeyCode::Backspace));
        }
        typed(&mut app, "/mnt/usb/answers.toml");
        let effects = app.update(key(KeyCode::Enter));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveSnapshotTo(c, path)] if c.questions[0].value == Some(4) && path.to_str() == Some("/mnt/usb/answers.toml")),
            "{effects:?}"
        );
        // Staying is Esc; leaving anyway is said in the exit status.
        app.update(ch('q'));
        app.update(key(KeyCode::Esc));
        assert!(app.overlay.is_none() && !app.quit);
        app.update(ch('q'));
        assert_eq!(app.update(ch('y')), vec![Effect::Quit]);
        assert!(app.quit && app.lost);
    }

    #[test]
    fn a_draft_that_fails_on_the_way_out_stops_the_way_out() {
        let mut app = started(None);
        app.update(ch('4'));
        app.update(ch('q'));
        let effects = app.update(ch('y'));
        assert!(matches!(
            effects.as_slice(),
            [Effect::SaveDraft(_), Effect::Quit]
        ));
        assert!(app.quit);
        // The driver performs the save first, and it fails.
        app.update(Msg::DraftFailed(FULL.into()));
        assert!(!app.quit, "not leaving with answers only on screen");
        assert!(matches!(app.overlay, Some(Overlay::Unsaved(_))));
    }
}

/// Issue 14: a check-in that is a good place to think.
mod writing {
    use super::support::eleven_points;
    use super::*;
    use motive::last_time::{Earlier, LastTime};
    use motive::tui::app::Flow;

    fn flow(app: &App) -> &Flow {
        match &app.screen {
            Screen::Flow(flow) => flow,
            other => panic!("not in the flow: {other:?}"),
        }
    }

    fn ctrl(c: char) -> Msg {
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    #[test]
    fn a_fresh_check_in_opens_with_the_banks_instructions() {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let bank = builtin::get("quick").expect("quick");
        app.update(Msg::started(CheckIn::new(&bank, &[], None, now())));
        assert_eq!(app.context(), Context::Intro);
        // Digits do not answer a statement that is not on screen yet.
        assert!(app.update(ch('4')).is_empty());
        app.update(key(KeyCode::Enter));
        assert_eq!(app.context(), Context::Question);
        assert_eq!(checkin(&app).questions[0].value, None);

        // A draft with answers resumes where it stopped, without it.
        let mut draft = CheckIn::new(&bank, &[], None, now());
        draft.questions[0].value = Some(2);
        draft.step = Step::Question(1);
        let mut app = App::new(Overview::default(), Theme::monochrome());
        app.update(Msg::started(draft));
        assert_eq!(app.context(), Context::Question);
    }

    #[test]
    fn nothing_is_chosen_until_the_person_chooses() {
        let mut app = started(None);
        assert_eq!(flow(&app).highlight, None);
        // Enter with nothing chosen answers nothing and says what to press.
        assert!(app.update(key(KeyCode::Enter)).is_empty());
        assert_eq!(checkin(&app).step, Step::Question(0));
        assert_eq!(checkin(&app).questions[0].value, None);
        let hint = flow(&app).hint.clone().expect("a hint");
        assert!(hint.contains("1-5") && hint.contains("Enter"), "{hint}");
        // The next key clears it; an arrow chooses the middle first.
        app.update(key(KeyCode::Left));
        assert_eq!(flow(&app).hint, None);
        assert_eq!(flow(&app).highlight, Some(3));
        app.update(key(KeyCode::Enter));
        assert_eq!(checkin(&app).questions[0].value, Some(3));
        assert_eq!(
            flow(&app).highlight,
            None,
            "the next statement starts empty"
        );
    }

    #[test]
    fn two_digit_values_can_be_typed() {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        app.update(Msg::started(CheckIn::new(
            &eleven_points(),
            &[],
            None,
            now(),
        )));
        app.update(key(KeyCode::Enter));
        assert_eq!(app.digits().as_deref(), Some("0-10"));
        // 1 then 0 is ten, one answer.
        assert!(app.update(ch('1')).is_empty(), "1 may begin 10: it waits");
        assert_eq!(flow(&app).highlight, Some(1));
        app.update(ch('0'));
        assert_eq!(checkin(&app).questions[0].value, Some(10));
        assert_eq!(checkin(&app).step, Step::Question(1));
        // 1 then Enter is one.
        app.update(ch('1'));
        app.update(key(KeyCode::Enter));
        assert_eq!(checkin(&app).questions[1].value, Some(1));
        // 7 cannot begin a number on the scale: it answers at once; so does 0.
        app.update(ch('7'));
        assert_eq!(checkin(&app).questions[2].value, Some(7));
        app.update(ch('0'));
        assert_eq!(checkin(&app).questions[3].value, Some(0));
        // 1 then 5 (no 15 on the scale) is 5.
        app.update(ch('1'));
        app.update(ch('5'));
        assert_eq!(checkin(&app).questions[4].value, Some(5));
    }

    #[test]
    fn last_time_is_given_once_and_a_key_hides_it() {
        let bank = builtin::get("quick").expect("quick");
        let c = CheckIn::new(&bank, &[], None, now());
        let mut last_time = LastTime::default();
        let date = now().date_naive() - chrono::Duration::days(91);
        last_time
            .values
            .insert(c.questions[0].id.clone(), Earlier { date, value: 2 });
        let mut app = App::new(Overview::default(), Theme::monochrome());
        app.update(Msg::Started {
            checkin: c,
            last_time: last_time.clone(),
        });
        app.update(key(KeyCode::Enter));
        assert_eq!(flow(&app).last_time, last_time);
        assert!(flow(&app).show_last_time);
        assert!(app.update(ctrl('l')).is_empty());
        assert!(!flow(&app).show_last_time);
        // In a text field too, where 'l' would type.
        app.update(ch('n'));
        app.update(ctrl('l'));
        assert!(flow(&app).show_last_time);
        assert_eq!(checkin(&app).questions[0].note, "");
    }

    #[test]
    fn an_empty_check_in_needs_a_second_yes() {
        let mut app = started(None);
        while checkin(&app).step != Step::Review {
            match checkin(&app).step {
                Step::Question(_) => app.update(ch('s')),
                _ => app.update(key(KeyCode::Tab)),
            };
        }
        assert!(app.update(key(KeyCode::Enter)).is_empty(), "not saved yet");
        assert_eq!(app.context(), Context::ConfirmEmpty);
        app.update(ch('n'));
        assert_eq!(app.context(), Context::Review);
        app.update(key(KeyCode::Enter));
        let effects = app.update(ch('y'));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveSnapshot(_)]),
            "{effects:?}"
        );
    }

    #[test]
    fn a_check_in_with_scores_saves_at_the_first_enter() {
        let mut app = started(None);
        while checkin(&app).step != Step::Review {
            match checkin(&app).step {
                Step::Question(_) => app.update(ch('4')),
                _ => app.update(key(KeyCode::Tab)),
            };
        }
        let effects = app.update(key(KeyCode::Enter));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveSnapshot(_)]),
            "{effects:?}"
        );
    }

    #[test]
    fn while_too_small_only_q_and_ctrl_c_act() {
        let mut app = started(None);
        app.update(Msg::Resize {
            width: 40,
            height: 12,
        });
        for msg in [ch('4'), ch('?'), ch('n'), key(KeyCode::Enter), ch('s')] {
            assert!(app.update(msg).is_empty());
        }
        assert!(app.overlay.is_none());
        assert_eq!(checkin(&app).step, Step::Question(0));
        assert_eq!(checkin(&app).questions[0].value, None);
        // q leaves at once, the draft kept.
        let effects = app.update(ch('q'));
        assert!(
            matches!(effects.as_slice(), [Effect::SaveDraft(_), Effect::Quit]),
            "{effects:?}"
        );
        assert!(app.quit);

        let mut app = started(None);
        app.update(Msg::Resize {
            width: 40,
            height: 12,
        });
        let effects = app.update(ctrl('c'));
        assert!(matches!(effects.last(), Some(Effect::Quit)), "{effects:?}");
    }

    #[test]
    fn home_keeps_the_scores_of_the_latest_check_in_that_has_them() {
        use motive::summary::Summary;
        let bank = builtin::get("quick").expect("quick");
        let mut scored = CheckIn::new(&bank, &[], None, now());
        for q in &mut scored.questions {
            q.value = Some(4);
        }
        let empty = CheckIn::new(&bank, &[], None, now());
        let later = now() + chrono::Duration::days(1);
        let overview = Overview::new(
            vec![
                Summary::of(&scored.to_snapshot(now())),
                Summary::of(&empty.to_snapshot(later)),
            ],
            String::new(),
        );
        assert!(overview.scores.iter().all(|s| s.score.is_some()));
        assert_eq!(overview.latest_scored().map(|s| s.finished_at), Some(now()));
    }
}

mod commitments {
    use super::*;

    fn ctrl_r() -> Msg {
        Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL))
    }

    /// A check-in whose follow-up said `outcome`, at its commitment step.
    fn at_commitment(outcome: char) -> App {
        let mut app = started(Some("Ship the migration"));
        app.update(ch(outcome));
        while checkin(&app).step != Step::Commitment {
            match checkin(&app).step {
                Step::Question(_) => app.update(ch('3')),
                _ => app.update(key(KeyCode::Tab)),
            };
        }
        app
    }

    #[test]
    fn an_unfinished_commitment_can_be_carried_forward_and_edited() {
        let mut app = at_commitment('2'); // partly
        assert!(saves_draft(&app.update(ctrl_r())));
        assert_eq!(checkin(&app).commitment, "Ship the migration");
        typed(&mut app, " for real");
        assert_eq!(checkin(&app).commitment, "Ship the migration for real");
        // Once there is a commitment, Ctrl-R leaves it alone.
        assert!(app.update(ctrl_r()).is_empty());
        assert_eq!(checkin(&app).commitment, "Ship the migration for real");
    }

    #[test]
    fn a_done_commitment_is_not_offered_again() {
        let mut app = at_commitment('1'); // done
        assert!(app.update(ctrl_r()).is_empty());
        assert_eq!(checkin(&app).commitment, "");
    }
}

/// Home says the same as its footer when a check-in waits: Enter resumes
/// it, d discards it (asking first) and starts afresh.
#[test]
fn home_with_a_waiting_draft_offers_resume_and_discard() {
    let overview = Overview {
        resumable: true,
        ..Overview::default()
    };
    let mut app = App::new(overview, Theme::monochrome());
    assert_eq!(app.context(), Context::HomeDraft);
    assert_eq!(app.update(key(KeyCode::Enter)), vec![Effect::Open]);
    assert!(app.update(ch('d')).is_empty());
    assert!(matches!(app.overlay, Some(Overlay::ConfirmDiscard)));
    assert_eq!(
        app.update(ch('y')),
        vec![Effect::DiscardDraft, Effect::Begin(None)]
    );
}

#[test]
fn a_draft_on_another_bank_than_asked_is_offered_with_both_choices() {
    let quick = builtin::get("quick").expect("quick");
    let draft = CheckIn::new(&quick, &[], None, now());
    let mut app = App::new(Overview::default(), Theme::monochrome());
    app.update(Msg::DraftFound {
        draft: draft.clone(),
        fresh_bank: Some("core".into()),
    });
    let Screen::Resume(offer) = &app.screen else {
        panic!("the resume offer");
    };
    assert_eq!(offer.other_bank.as_deref(), Some("core"));
    // Discarding starts afresh, on the bank asked for (the driver's).
    app.update(ch('d'));
    assert_eq!(
        app.update(ch('y')),
        vec![Effect::DiscardDraft, Effect::Begin(None)]
    );

    // The same bank: nothing more to say.
    app.update(Msg::DraftFound {
        draft,
        fresh_bank: Some("quick".into()),
    });
    let Screen::Resume(offer) = &app.screen else {
        panic!("the resume offer");
    };
    assert_eq!(offer.other_bank, None);
}

mod commitment_list {
    use super::browsing_support::home_with;
    use super::*;
    use motive::snapshot::FollowUp;
    use motive::tui::app::Open;

    #[test]
    fn m_on_home_lists_every_commitment_newest_first_and_esc_goes_back() {
        let mut browse = home_with(3);
        browse.full[0].commitments = vec!["Ship the migration".into()];
        browse.full[1].follow_ups = vec![FollowUp {
            commitment: "Ship the migration".into(),
            outcome: Outcome::Partly,
            note: Some("Half of it shipped.".into()),
        }];
        browse.full[2].commitments = vec!["Mentor Bo".into()];
        // What the driver is asked: every check-in, to read their notes.
        let asked = browse.app.update(ch('m'));
        let ids: Vec<String> = browse.full.iter().map(|s| s.id.clone()).collect();
        assert_eq!(
            asked,
            vec![Effect::Load {
                ids,
                open: Open::Commitments
            }]
        );
        browse.update(ch('m'));
        assert_eq!(browse.app.context(), Context::Commitments);
        let Screen::Commitments(list) = &browse.app.screen else {
            panic!("the commitments list");
        };
        let texts: Vec<&str> = list.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Mentor Bo", "Ship the migration"]);
        assert_eq!(list.rows[0].outcome, None, "Mentor Bo is still open");
        let (outcome, note, _) = list.rows[1].outcome.clone().expect("followed up");
        assert_eq!(outcome, Outcome::Partly);
        assert_eq!(note.as_deref(), Some("Half of it shipped."));
        assert_eq!(list.tally.as_deref(), Some("partly 1 of 1"));
        browse.update(key(KeyCode::Esc));
        assert!(matches!(browse.app.screen, Screen::Home));
    }

    #[test]
    fn one_check_ins_commitments_keep_the_order_they_were_made_in() {
        let mut browse = home_with(2);
        browse.full[0].commitments = vec!["First".into(), "Second".into()];
        browse.full[1].commitments = vec!["Third".into()];
        browse.update(ch('m'));
        let Screen::Commitments(list) = &browse.app.screen else {
            panic!("the commitments list");
        };
        let texts: Vec<&str> = list.rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Third", "First", "Second"]);
    }

    #[test]
    fn the_list_scrolls_to_its_last_line_and_no_further() {
        let mut browse = home_with(12);
        for (i, s) in browse.full.iter_mut().enumerate() {
            s.commitments = vec![format!(
                "Commitment number {i}, long enough to say something real"
            )];
        }
        browse.app.update(Msg::Resize {
            width: 80,
            height: 24,
        });
        browse.update(ch('m'));
        for _ in 0..200 {
            browse.update(key(KeyCode::Down));
        }
        let Screen::Commitments(list) = &browse.app.screen else {
            panic!("the commitments list");
        };
        let bottom = list.scroll;
        assert!(bottom > 0, "twelve commitments do not fit in 24 rows");
        browse.update(key(KeyCode::Down));
        let Screen::Commitments(list) = &browse.app.screen else {
            panic!("the commitments list");
        };
        assert_eq!(list.scroll, bottom, "no further than the last line");
    }
}

mod several_commitments {
    use super::*;

    #[test]
    fn each_open_commitment_is_asked_about_and_each_line_is_one_commitment() {
        let mut app = App::new(Overview::default(), Theme::monochrome());
        let bank = builtin::get("quick").expect("quick");
        app.update(Msg::started(CheckIn::new(
            &bank,
            &["Ship the migration", "Mentor Bo"],
            None,
            now(),
        )));
        app.update(key(KeyCode::Enter));
        assert_eq!(checkin(&app).step, Step::FollowUp(Some(0)));
        app.update(ch('1'));
        typed(&mut app, "shipped");
        app.update(key(KeyCode::Tab));
        assert_eq!(checkin(&app).step, Step::FollowUp(Some(1)));
        assert_eq!(app.context(), Context::FollowUp, "the second is unanswered");
        app.update(ch('3'));
        // Back to the first: its answer and note are kept.
        app.update(key(KeyCode::BackTab));
        app.update(key(KeyCode::BackTab));
        assert_eq!(checkin(&app).step, Step::FollowUp(Some(0)));
        assert_eq!(checkin(&app).follow_ups[0].note, "shipped");
        app.update(key(KeyCode::Tab));
        app.update(key(KeyCode::Tab));
        app.update(key(KeyCode::Tab));
        assert_eq!(checkin(&app).step, Step::Question(0));

        while checkin(&app).step != Step::Commitment {
            match checkin(&app).step {
                Step::Question(_) => app.update(ch('4')),
                _ => app.update(key(KeyCode::Tab)),
            };
        }
        // Ctrl-R carries the unfinished one (not done) forward, to edit.
        app.update(Msg::Key(KeyEvent::new(
            KeyCode::Char('r'),
            KeyModifiers::CONTROL,
        )));
        assert_eq!(checkin(&app).commitment, "Mentor Bo");
        app.update(key(KeyCode::Enter));
        typed(&mut app, "Write the runbook");
        app.update(key(KeyCode::Tab));
        assert_eq!(checkin(&app).step, Step::Review);
        let effects = app.update(key(KeyCode::Enter));
        let [Effect::SaveSnapshot(done)] = effects.as_slice() else {
            panic!("{effects:?}")
        };
        let snapshot = done.to_snapshot(now());
        assert_eq!(snapshot.commitments, ["Mentor Bo", "Write the runbook"]);
        let outcomes: Vec<(&str, Outcome, Option<&str>)> = snapshot
            .follow_ups
            .iter()
            .map(|f| (f.commitment.as_str(), f.outcome, f.note.as_deref()))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("Ship the migration", Outcome::Done, Some("shipped")),
                ("Mentor Bo", Outcome::NotDone, None),
            ]
        );
    }

    #[test]
    fn a_draft_from_before_several_commitments_resumes_its_follow_up() {
        let bank = builtin::get("quick").expect("quick");
        let draft = CheckIn::new(&bank, &["ship it"], None, now());
        let mut table: toml::Table =
            toml::from_str(&toml::to_string(&draft).expect("encode")).expect("a table");
        // As a format-1 build wrote it: one `follow_up`, a step without index.
        let follow_ups = table.remove("follow_ups").expect("follow-ups");
        let first = follow_ups
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .expect("one");
        table.insert("follow_up".into(), first);
        let mut step = toml::Table::new();
        step.insert("kind".into(), "follow_up".into());
        table.insert("step".into(), step.into());
        let dir = tempfile::tempdir().expect("tempdir");
        let store = motive::store::Store::open(dir.path()).expect("store");
        store.save_draft(&table).expect("save");
        let read: CheckIn = store.load_draft().expect("readable").expect("a draft");
        assert_eq!(read.step, Step::FollowUp(Some(0)));
        assert_eq!(read.follow_ups.len(), 1);
        assert_eq!(read.follow_ups[0].commitment, "ship it");
    }
}
