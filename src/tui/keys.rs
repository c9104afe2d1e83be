//! One key table per screen. The same table dispatches keys and draws the
//! footer and the help overlay, so they cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::snapshot::Outcome;

mod unlock;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Last time's unfinished commitment becomes this one's, to edit.
    CarryForward,
    Start,
    Quit,
    Help,
    Resume,
    Discard,
    Outcome(Outcome),
    /// A digit key: answer with this value if it is on the scale.
    Digit(i64),
    Left,
    Right,
    Confirm,
    Skip,
    Back,
    Note,
    Next,
    Previous,
    Save,
    EditLabel,
    CloseEditor,
    Yes,
    No,
    Retry,
    WriteElsewhere,
    Close,
    History,
    OpenHistory,
    OpenCompare,
    /// Every commitment and how it went.
    OpenCommitments,
    Up,
    Down,
    PageUp,
    PageDown,
    /// To the top of a list (the newest).
    Top,
    /// To the bottom of a list (the oldest).
    Bottom,
    /// Type words to find (`/`).
    Search,
    /// The story of one reflection prompt: every answer over time.
    Thread,
    Mark,
    Delete,
    Explain,
    /// Write the current text field in `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    /// Show or hide what was answered last time.
    LastTime,
    /// Open the check-in of about a year ago.
    YearAgo,
    /// Open the life events (from history).
    OpenEvents,
    /// Add one (a life event).
    Add,
    /// Open the brief of the check-in on screen (home: the latest).
    Brief,
    /// Show all the bank's ideas, or only the first few.
    MoreIdeas,
    /// The unlock screen: the recovery key instead of the passphrase, or back.
    SwitchSecret,
}

/// A key the table recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    /// Ctrl + a character.
    Ctrl(char),
    /// Any digit 0-9.
    Digit,
}

/// One row of a key table: the keys, how the footer and help name them,
/// and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are shown, e.g. `←/h`.
    pub label: &'static str,
    pub help: &'static str,
    /// The footer's word for it.
    pub short: &'static str,
    pub action: Action,
    /// Shown in the footer (everything is shown in the help overlay).
    pub footer: bool,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    help: &'static str,
    action: Action,
) -> Binding {
    Binding {
        keys,
        label,
        help,
        short: help,
        action,
        footer: true,
    }
}

const fn help_only(
    keys: &'static [Key],
    label: &'static str,
    help: &'static str,
    action: Action,
) -> Binding {
    Binding {
        keys,
        label,
        help,
        short: help,
        action,
        footer: false,
    }
}

/// The same binding with its own word for the footer.
const fn with_short(binding: Binding, short: &'static str) -> Binding {
    Binding { short, ..binding }
}

use Key::{Code, Ctrl};

const QUESTION_MARK: Key = Code(KeyCode::Char('?'));
const F1: Key = Code(KeyCode::F(1));
const ESC: Key = Code(KeyCode::Esc);
const ENTER: Key = Code(KeyCode::Enter);
const TAB: Key = Code(KeyCode::Tab);
const BACKTAB: Key = Code(KeyCode::BackTab);

/// Ctrl-E in every text area: hand the text to the user's own editor.
const EXTERNAL_EDITOR: Binding = with_short(
    bind(
        &[Ctrl('e')],
        "^E",
        "write it in your own editor ($VISUAL or $EDITOR)",
        Action::ExternalEditor,
    ),
    "editor",
);

/// Ctrl-L on a statement and in its text fields: last time's answer.
/// In the help, not the footer: what it hides says "^L hides" itself.
const LAST_TIME: Binding = with_short(
    help_only(
        &[Ctrl('l')],
        "^L",
        "show or hide what you answered last time",
        Action::LastTime,
    ),
    "last time",
);

/// `?`: the help overlay, on screens where printable keys are not text.
const HELP_KEY: Binding = bind(&[QUESTION_MARK], "?", "help", Action::Help);
/// F1: the help overlay, in text fields (where `?` types).
const HELP_F1: Binding = bind(&[F1], "F1", "help", Action::Help);
/// q, Esc or Ctrl-C: leave motive from a screen with nothing to lose.
const QUIT: Binding = bind(
    &[Code(KeyCode::Char('q')), ESC, Ctrl('c')],
    "q",
    "quit",
    Action::Quit,
);
/// q or Esc: back to where the screen was opened from.
const BACK: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('q')), ESC],
        "Esc",
        "back",
        Action::Quit,
    ),
    "back",
);

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Intro,
    ConfirmEmpty,
    Home,
    HomeReadOnly,
    /// Home with an unfinished check-in waiting.
    HomeDraft,
    Resume,
    FollowUp,
    FollowUpNote,
    /// Anything big since last time? (its two fields)
    Event,
    Question,
    Note,
    Text,
    Review,
    Label,
    Result,
    Notice,
    NoticeBusy,
    ConfirmQuit,
    Unsaved,
    ConfirmDiscard,
    SaveFailed,
    PathInput,
    Help,
    History,
    /// History while another process writes: nothing can be deleted.
    HistoryReadOnly,
    /// Typing the words to find in the history.
    HistorySearch,
    /// History showing what a search found.
    HistoryFound,
    HistoryFoundReadOnly,
    Detail,
    Compare,
    /// Every answer to one reflection prompt, oldest first.
    Thread,
    ConfirmDelete,
    /// The life events, from history.
    Events,
    /// The life events while another process holds the writer lock.
    EventsReadOnly,
    /// Adding or editing a life event.
    EventForm,
    /// The brief: its parts and preview.
    Brief,
    /// The brief's file name, being typed.
    BriefName,
    Commitments,
    /// The passphrase of an encrypted data dir, being typed.
    Unlock,
    /// Its recovery key, being typed.
    UnlockRecovery,
    /// Its key file cannot be unlocked: only quitting is left.
    UnlockCannot,
}

impl Context {
    /// Contexts where printable keys type text.
    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Self::FollowUpNote
                | Self::Note
                | Self::Text
                | Self::Label
                | Self::PathInput
                | Self::HistorySearch
                | Self::Event
                | Self::EventForm
                | Self::BriefName
                | Self::Unlock
                | Self::UnlockRecovery
        )
    }
}

/// h on home: the history.
const OPEN_HISTORY: Binding = bind(
    &[Code(KeyCode::Char('h'))],
    "h",
    "history",
    Action::OpenHistory,
);
/// c on home: the two latest check-ins side by side.
const COMPARE_LATEST: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('c'))],
        "c",
        "compare the two latest check-ins",
        Action::OpenCompare,
    ),
    "compare",
);

/// y on home: the check-in of about a year ago, when home shows one. In
/// the help, not the footer: the block it opens names the key itself.
const OPEN_YEAR_AGO: Binding = help_only(
    &[Code(KeyCode::Char('y'))],
    "y",
    "open the check-in of about a year ago, when home shows one",
    Action::YearAgo,
);

/// b: the one-page brief for a conversation with your manager.
const OPEN_BRIEF: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('b'))],
        "b",
        "brief: a one-page brief for your manager; you choose what it holds",
        Action::Brief,
    ),
    "brief",
);

/// m on home: every commitment and how it went.
const OPEN_COMMITMENTS: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('m'))],
        "m",
        "every commitment and how it went",
        Action::OpenCommitments,
    ),
    "commitments",
);

const HOME: &[Binding] = &[
    bind(
        &[ENTER, Code(KeyCode::Char('n'))],
        "Enter",
        "start a new check-in",
        Action::Start,
    ),
    OPEN_HISTORY,
    COMPARE_LATEST,
    OPEN_BRIEF,
    OPEN_YEAR_AGO,
    OPEN_COMMITMENTS,
    HELP_KEY,
    QUIT,
];

const HOME_DRAFT: &[Binding] = &[
    with_short(
        bind(
            &[ENTER, Code(KeyCode::Char('r'))],
            "Enter",
            "resume the unfinished check-in",
            Action::Start,
        ),
        "resume",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char('d'))],
            "d",
            "discard it and start afresh (asks first)",
            Action::Discard,
        ),
        "discard",
    ),
    OPEN_HISTORY,
    COMPARE_LATEST,
    OPEN_BRIEF,
    OPEN_YEAR_AGO,
    OPEN_COMMITMENTS,
    HELP_KEY,
    QUIT,
];

const HOME_READ_ONLY: &[Binding] = &[
    OPEN_HISTORY,
    COMPARE_LATEST,
    OPEN_BRIEF,
    OPEN_COMMITMENTS,
    OPEN_YEAR_AGO,
    HELP_KEY,
    QUIT,
];

const COMMITMENTS: &[Binding] = &[SCROLL, SCROLL_PAGE, HELP_KEY, BACK];

/// ↑↓ in the history.
const HISTORY_SELECT: Binding = with_short(
    bind(UP_DOWN, "↑↓/jk", "select a check-in", Action::Up),
    "select",
);
/// PgUp/PgDn in the history.
const HISTORY_PAGE: Binding = help_only(
    &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
    "PgUp/PgDn",
    "a page up or down",
    Action::PageUp,
);
const HISTORY_TOP: Binding = help_only(
    &[Code(KeyCode::Home), Code(KeyCode::Char('g'))],
    "Home/g",
    "to the newest check-in",
    Action::Top,
);
const HISTORY_BOTTOM: Binding = help_only(
    &[Code(KeyCode::End), Code(KeyCode::Char('G'))],
    "End/G",
    "to the oldest check-in",
    Action::Bottom,
);
const HISTORY_OPEN: Binding = with_short(
    bind(
        &[ENTER],
        "Enter",
        "open the selected check-in in full",
        Action::Confirm,
    ),
    "open",
);
const HISTORY_MARK: Binding = with_short(
    bind(
        &[Code(KeyCode::Char(' '))],
        "Space",
        "mark for comparison (two at most)",
        Action::Mark,
    ),
    "mark",
);
const HISTORY_COMPARE: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('c'))],
        "c",
        "compare the two marked check-ins, or the selected one with the one before",
        Action::OpenCompare,
    ),
    "compare",
);
const HISTORY_SEARCH: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('/'))],
        "/",
        "search: show only the check-ins whose notes, reflections, commitments or label hold some words",
        Action::Search,
    ),
    "search",
);
const HISTORY_DELETE: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('d'))],
        "d",
        "delete: move the selected check-in to trash/ (asks first)",
        Action::Delete,
    ),
    "delete",
);
/// e in the history: the life events.
const HISTORY_EVENTS: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('e'))],
        "e",
        "life events: what happened between check-ins (add, edit, remove)",
        Action::OpenEvents,
    ),
    "events",
);
const BACK_HOME: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('q')), ESC],
        "Esc",
        "back home",
        Action::Quit,
    ),
    "back",
);
/// Esc on a filtered history: every check-in again; q still goes home.
const CLEAR_SEARCH: Binding = with_short(
    bind(&[ESC], "Esc", "clear the search", Action::Close),
    "clear",
);
const QUIT_HOME: Binding = with_short(
    bind(&[Code(KeyCode::Char('q'))], "q", "back home", Action::Quit),
    "back",
);

/// A history table: moving, opening, marking, comparing and searching,
/// then the keys given (delete, or not while another process writes; how
/// to leave).
macro_rules! history_table {
    ($($more:expr),*) => {
        &[
            HISTORY_SELECT,
            HISTORY_PAGE,
            HISTORY_TOP,
            HISTORY_BOTTOM,
            HISTORY_OPEN,
            HISTORY_MARK,
            HISTORY_COMPARE,
            HISTORY_SEARCH,
            HISTORY_EVENTS,
            $($more),*
        ]
    };
}

const HISTORY: &[Binding] = history_table!(HISTORY_DELETE, HELP_KEY, BACK_HOME);
/// The history while another process writes: the same, without delete.
const HISTORY_READ_ONLY: &[Binding] = history_table!(HELP_KEY, BACK_HOME);
/// What a search found: Esc shows every check-in again.
const HISTORY_FOUND: &[Binding] = history_table!(HISTORY_DELETE, HELP_KEY, CLEAR_SEARCH, QUIT_HOME);
const HISTORY_FOUND_READ_ONLY: &[Binding] = history_table!(HELP_KEY, CLEAR_SEARCH, QUIT_HOME);

const HISTORY_TYPING: &[Binding] = &[
    with_short(
        bind(
            &[ENTER],
            "Enter",
            "find the check-ins that hold every word (any case, any accents)",
            Action::Confirm,
        ),
        "search",
    ),
    bind(&[ESC], "Esc", "cancel", Action::Close),
    HELP_F1,
];

/// `t` on a check-in or a comparison: the story of one question.
const THREAD_KEY: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('t'))],
        "t",
        "thread: every answer to a reflection prompt, oldest first",
        Action::Thread,
    ),
    "thread",
);

const THREAD: &[Binding] = &[
    with_short(bind(UP_DOWN, "↑↓", "scroll", Action::Up), "scroll"),
    help_only(
        &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
        "PgUp/PgDn",
        "scroll a page",
        Action::PageUp,
    ),
    with_short(
        bind(
            &[
                Code(KeyCode::Right),
                Code(KeyCode::Char('l')),
                Code(KeyCode::Left),
                Code(KeyCode::Char('h')),
            ],
            "←→",
            "the next or the previous prompt",
            Action::Right,
        ),
        "other prompt",
    ),
    HELP_KEY,
    BACK,
];

/// Up and down, as arrows or vi keys; `action` tells them apart.
const UP_DOWN: &[Key] = &[
    Code(KeyCode::Up),
    Code(KeyCode::Char('k')),
    Code(KeyCode::Down),
    Code(KeyCode::Char('j')),
];

/// Up and down scroll a long text by a row; with PgUp and PgDn, a page.
const SCROLL: Binding = with_short(bind(UP_DOWN, "↑↓", "scroll", Action::Up), "scroll");
const SCROLL_PAGE: Binding = help_only(
    &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
    "PgUp/PgDn",
    "scroll a page",
    Action::PageUp,
);
const EXPLAIN: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('x'))],
        "x",
        "explain: how each statement made up its score",
        Action::Explain,
    ),
    "explain",
);

const DETAIL: &[Binding] = &[
    SCROLL,
    SCROLL_PAGE,
    EXPLAIN,
    THREAD_KEY,
    OPEN_BRIEF,
    HELP_KEY,
    BACK,
];

const COMPARE: &[Binding] = &[SCROLL, SCROLL_PAGE, EXPLAIN, THREAD_KEY, HELP_KEY, BACK];

const BRIEF: &[Binding] = &[
    with_short(
        bind(UP_DOWN, "↑↓/jk", "select a part", Action::Up),
        "select",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char(' '))],
            "Space",
            "include the part, or leave it out",
            Action::Mark,
        ),
        "include",
    ),
    with_short(
        bind(
            &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)],
            "PgUp/PgDn",
            "scroll the preview",
            Action::PageUp,
        ),
        "scroll",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char('w'))],
            "w",
            "write it to a file (asks for the name; only you can read it)",
            Action::Save,
        ),
        "write",
    ),
    HELP_KEY,
    BACK,
];

/// On the events screen, read-only or not.
const SELECT_EVENT: Binding = with_short(
    bind(UP_DOWN, "↑↓/jk", "select an event", Action::Up),
    "select",
);
const BACK_TO_HISTORY: Binding = with_short(
    bind(
        &[Code(KeyCode::Char('q')), ESC],
        "Esc",
        "back to the history",
        Action::Quit,
    ),
    "back",
);

const EVENTS: &[Binding] = &[
    SELECT_EVENT,
    with_short(
        bind(
            &[Code(KeyCode::Char('a'))],
            "a",
            "add an event",
            Action::Add,
        ),
        "add",
    ),
    with_short(
        bind(
            &[ENTER, Code(KeyCode::Char('e'))],
            "Enter",
            "edit the selected event",
            Action::Confirm,
        ),
        "edit",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char('d'))],
            "d",
            "remove: move the selected event to trash/ (asks first)",
            Action::Delete,
        ),
        "remove",
    ),
    HELP_KEY,
    BACK_TO_HISTORY,
];

const EVENTS_READ_ONLY: &[Binding] = &[SELECT_EVENT, HELP_KEY, BACK_TO_HISTORY];

const EVENT_FORM: &[Binding] = &[
    bind(&[ENTER], "Enter", "save", Action::Confirm),
    with_short(
        bind(&[TAB], "Tab", "next field", Action::Next),
        "next field",
    ),
    help_only(&[BACKTAB], "Shift-Tab", "previous field", Action::Previous),
    HELP_F1,
    bind(
        &[ESC, Ctrl('c')],
        "Esc",
        "cancel (nothing is saved)",
        Action::Close,
    ),
];

const BRIEF_NAME: &[Binding] = &[
    bind(&[ENTER], "Enter", "write the file", Action::Confirm),
    bind(&[ESC], "Esc", "cancel", Action::Close),
];

const CONFIRM_DELETE: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('y'))],
        "y",
        "move it to trash/ in the data dir",
        Action::Yes,
    ),
    bind(&[Code(KeyCode::Char('n')), ESC], "n", "keep it", Action::No),
];

const RESUME: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('r')), ENTER],
        "r",
        "resume where you left off",
        Action::Resume,
    ),
    bind(
        &[Code(KeyCode::Char('d'))],
        "d",
        "discard it and start afresh",
        Action::Discard,
    ),
    HELP_KEY,
    bind(
        &[Code(KeyCode::Char('q')), ESC, Ctrl('c')],
        "q",
        "quit (the draft is kept)",
        Action::Quit,
    ),
];

const FOLLOW_UP: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('1'))],
        "1",
        "done",
        Action::Outcome(Outcome::Done),
    ),
    bind(
        &[Code(KeyCode::Char('2'))],
        "2",
        "partly",
        Action::Outcome(Outcome::Partly),
    ),
    bind(
        &[Code(KeyCode::Char('3'))],
        "3",
        "not done",
        Action::Outcome(Outcome::NotDone),
    ),
    bind(
        &[Code(KeyCode::Char('4'))],
        "4",
        "dropped",
        Action::Outcome(Outcome::Dropped),
    ),
    bind(&[TAB], "Tab", "skip", Action::Next),
    help_only(
        &[BACKTAB],
        "Shift-Tab",
        "back to the commitment before, when there are several",
        Action::Previous,
    ),
    HELP_KEY,
    QUIT,
];

const FOLLOW_UP_NOTE: &[Binding] = &[
    bind(&[TAB], "Tab", "next", Action::Next),
    bind(
        &[BACKTAB],
        "Shift-Tab",
        "change the answer",
        Action::Previous,
    ),
    EXTERNAL_EDITOR,
    HELP_F1,
    bind(&[ESC, Ctrl('c')], "Esc", "quit", Action::Quit),
];

const EVENT: &[Binding] = &[
    with_short(
        bind(
            &[ENTER, TAB],
            "Enter",
            "next (with nothing written, skips the question)",
            Action::Next,
        ),
        "next",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Up), Code(KeyCode::Down)],
            "↑↓",
            "between what happened and when",
            Action::Up,
        ),
        "what/when",
    ),
    bind(&[BACKTAB], "Shift-Tab", "back", Action::Previous),
    EXTERNAL_EDITOR,
    HELP_F1,
    bind(&[ESC, Ctrl('c')], "Esc", "quit", Action::Quit),
];

const QUESTION: &[Binding] = &[
    with_short(
        bind(
            &[Key::Digit],
            "1-9",
            "answer with that point of the scale and move on",
            Action::Digit(0),
        ),
        "answer",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Left), Code(KeyCode::Char('h'))],
            "←/h",
            "move the highlight left",
            Action::Left,
        ),
        "left",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Right), Code(KeyCode::Char('l'))],
            "→/l",
            "move the highlight right",
            Action::Right,
        ),
        "right",
    ),
    with_short(
        bind(
            &[ENTER],
            "Enter",
            "answer with the highlighted option",
            Action::Confirm,
        ),
        "confirm",
    ),
    bind(
        &[Code(KeyCode::Char('s'))],
        "s",
        "skip (a skipped statement does not count)",
        Action::Skip,
    ),
    with_short(
        bind(
            &[Code(KeyCode::Backspace)],
            "Bksp",
            "back to the previous step; answers are kept",
            Action::Back,
        ),
        "back",
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char('n'))],
            "n",
            "write a note on this statement",
            Action::Note,
        ),
        "note",
    ),
    LAST_TIME,
    HELP_KEY,
    with_short(
        bind(
            &[Code(KeyCode::Char('q')), ESC, Ctrl('c')],
            "q",
            "quit (asks first; the draft is kept)",
            Action::Quit,
        ),
        "quit",
    ),
];

const NOTE: &[Binding] = &[
    bind(
        &[ESC],
        "Esc",
        "back to the statement (the note is kept)",
        Action::CloseEditor,
    ),
    EXTERNAL_EDITOR,
    LAST_TIME,
    HELP_F1,
];

const TEXT: &[Binding] = &[
    bind(&[TAB], "Tab", "next", Action::Next),
    bind(&[BACKTAB], "Shift-Tab", "back", Action::Previous),
    EXTERNAL_EDITOR,
    LAST_TIME,
    help_only(
        &[Ctrl('r')],
        "^R",
        "on the commitment: carry last time's unfinished one forward, to edit",
        Action::CarryForward,
    ),
    HELP_F1,
    bind(&[ESC, Ctrl('c')], "Esc", "quit", Action::Quit),
];

const INTRO: &[Binding] = &[
    bind(&[ENTER], "Enter", "begin", Action::Confirm),
    HELP_KEY,
    with_short(
        bind(
            &[Code(KeyCode::Char('q')), ESC, Ctrl('c')],
            "q",
            "quit (asks first; you can start again later)",
            Action::Quit,
        ),
        "quit",
    ),
];

const CONFIRM_EMPTY: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('y'))],
        "y",
        "save it without scores",
        Action::Yes,
    ),
    bind(
        &[
            Code(KeyCode::Char('n')),
            ESC,
            BACKTAB,
            Code(KeyCode::Backspace),
        ],
        "n",
        "back to the review",
        Action::No,
    ),
    HELP_KEY,
];

const REVIEW: &[Binding] = &[
    bind(&[ENTER], "Enter", "save", Action::Save),
    bind(
        &[Code(KeyCode::Char('e'))],
        "e",
        "edit the label",
        Action::EditLabel,
    ),
    bind(
        &[BACKTAB, Code(KeyCode::Backspace)],
        "Shift-Tab",
        "back",
        Action::Previous,
    ),
    HELP_KEY,
    QUIT,
];

const LABEL: &[Binding] = &[
    bind(&[ENTER, ESC, TAB], "Enter", "done", Action::CloseEditor),
    EXTERNAL_EDITOR,
    HELP_F1,
];

const RESULT: &[Binding] = &[
    with_short(
        bind(
            &[Code(KeyCode::Char('c'))],
            "c",
            "compare with the check-in before",
            Action::OpenCompare,
        ),
        "compare",
    ),
    OPEN_BRIEF,
    with_short(
        bind(
            &[Code(KeyCode::Char('i'))],
            "i",
            "show all the bank's ideas for that dimension, or only a few",
            Action::MoreIdeas,
        ),
        "more ideas",
    ),
    // In the help only: the footer's arrows would read as a change's.
    help_only(
        UP_DOWN,
        "↑↓",
        "scroll, when it is taller than the screen",
        Action::Up,
    ),
    SCROLL_PAGE,
    bind(
        &[Code(KeyCode::Char('q')), ESC, ENTER, Ctrl('c')],
        "q",
        "quit",
        Action::Quit,
    ),
    HELP_KEY,
];

const NOTICE: &[Binding] = &[bind(
    &[Code(KeyCode::Char('q')), ESC, ENTER, Ctrl('c')],
    "q",
    "quit",
    Action::Quit,
)];

const NOTICE_BUSY: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('h'))],
        "h",
        "open your history read-only",
        Action::History,
    ),
    bind(
        &[Code(KeyCode::Char('q')), ESC, ENTER, Ctrl('c')],
        "q",
        "quit",
        Action::Quit,
    ),
];

const CONFIRM_QUIT: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('y')), Ctrl('c')],
        "y",
        "leave; the draft is kept for next time",
        Action::Yes,
    ),
    bind(&[Code(KeyCode::Char('n')), ESC], "n", "stay", Action::No),
];

const UNSAVED: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('r'))],
        "r",
        "try writing the draft again",
        Action::Retry,
    ),
    with_short(
        bind(
            &[Code(KeyCode::Char('w'))],
            "w",
            "write everything to another file (motive import reads it)",
            Action::WriteElsewhere,
        ),
        "write elsewhere",
    ),
    bind(&[Code(KeyCode::Char('n')), ESC], "Esc", "stay", Action::No),
    with_short(
        bind(
            &[Code(KeyCode::Char('y'))],
            "y",
            "quit anyway: what is only on screen is lost (exit status 3)",
            Action::Yes,
        ),
        "quit anyway",
    ),
];

const CONFIRM_DISCARD: &[Binding] = &[
    bind(
        &[Code(KeyCode::Char('y'))],
        "y",
        "discard the unfinished check-in",
        Action::Yes,
    ),
    bind(&[Code(KeyCode::Char('n')), ESC], "n", "keep it", Action::No),
];

const SAVE_FAILED: &[Binding] = &[
    bind(&[Code(KeyCode::Char('r'))], "r", "try again", Action::Retry),
    bind(
        &[Code(KeyCode::Char('w'))],
        "w",
        "write it to another file",
        Action::WriteElsewhere,
    ),
    bind(&[ESC], "Esc", "back to the review", Action::Close),
];

const PATH_INPUT: &[Binding] = &[
    bind(&[ENTER], "Enter", "write the file", Action::Confirm),
    bind(&[ESC], "Esc", "cancel", Action::Close),
];

const HELP: &[Binding] = &[
    bind(
        &[ESC, QUESTION_MARK, F1, Code(KeyCode::Char('q')), ENTER],
        "Esc",
        "close the help",
        Action::Close,
    ),
    with_short(
        bind(
            UP_DOWN,
            "↑↓",
            "scroll, when the help is taller than the screen",
            Action::Up,
        ),
        "scroll",
    ),
    help_only(&[Ctrl('c')], "Ctrl-C", "close the help", Action::Close),
];

/// A screen's keys, and what its help overlay says about the screen.
#[derive(Debug, Clone, Copy)]
pub struct KeyTable {
    /// What the screen is for: the first line of its help.
    pub purpose: &'static str,
    /// What the mouse does there, where it does anything.
    pub mouse: Option<&'static str>,
    pub bindings: &'static [Binding],
}

const fn keys(purpose: &'static str, bindings: &'static [Binding]) -> KeyTable {
    KeyTable {
        purpose,
        mouse: None,
        bindings,
    }
}

const fn with_mouse(table: KeyTable, mouse: &'static str) -> KeyTable {
    KeyTable {
        mouse: Some(mouse),
        ..table
    }
}

const CONFIRM: &str = "Please confirm.";
const SAVE_FAILED_PURPOSE: &str =
    "Saving failed: try again, or write the check-in to another file.";
const FOLLOW_UP_PURPOSE: &str =
    "How did last time's commitment go? Pick one, add a note if you like.";
const FOLLOW_UP_MOUSE: &str = "click an answer to choose it.";
const NOTICE_PURPOSE: &str = "The check-in cannot start.";
const HISTORY_PURPOSE: &str = "Every check-in, newest first, beside how the scores moved.";
const FOUND_PURPOSE: &str = "The check-ins that hold the words you searched for, newest first. Enter opens one at what it found.";
const HISTORY_MOUSE: &str =
    "click a check-in to select it, click it again to open it; the wheel moves.";
const EVENTS_PURPOSE: &str = "Life events: what happened between check-ins (a new manager, a move, a reorg), kept beside your scores.";
const HOME_PURPOSE: &str = "Your latest scores and when the next check-in is due.";

/// The key table of a context.
#[must_use]
pub fn table(context: Context) -> KeyTable {
    match context {
        Context::Intro => keys(
            "What this check-in asks, and how long it takes. Enter begins.",
            INTRO,
        ),
        Context::ConfirmEmpty => keys(
            "No dimension has a score. Save it anyway, or go back and answer some statements.",
            CONFIRM_EMPTY,
        ),
        Context::Home => keys(HOME_PURPOSE, HOME),
        Context::HomeReadOnly => keys(HOME_PURPOSE, HOME_READ_ONLY),
        Context::HomeDraft => keys(HOME_PURPOSE, HOME_DRAFT),
        Context::Resume => keys(
            "A check-in you did not finish. Pick up where you left off, or start again.",
            RESUME,
        ),
        Context::FollowUp => with_mouse(keys(FOLLOW_UP_PURPOSE, FOLLOW_UP), FOLLOW_UP_MOUSE),
        Context::FollowUpNote => {
            with_mouse(keys(FOLLOW_UP_PURPOSE, FOLLOW_UP_NOTE), FOLLOW_UP_MOUSE)
        }
        Context::Event => keys(
            "Anything big since last time? A few words become an event beside your scores; empty skips it.",
            EVENT,
        ),
        Context::Question => with_mouse(
            keys(
                "Rate how true the statement is for you lately. There are no right answers.",
                QUESTION,
            ),
            "click an option to answer with it.",
        ),
        Context::Note => keys(
            "A note on this statement: what is behind your answer?",
            NOTE,
        ),
        Context::Text => keys(
            "Write as much or as little as you like; empty is fine.",
            TEXT,
        ),
        Context::Review => keys("Check your scores and label, then save.", REVIEW),
        Context::Label => keys(
            "A short label for this check-in, e.g. \"Q4\" or \"new team\".",
            LABEL,
        ),
        Context::Result => with_mouse(
            keys(
                "Your check-in is saved. Below the scores: ideas to try, suggestions from the bank.",
                RESULT,
            ),
            "the wheel scrolls.",
        ),
        Context::Notice => keys(NOTICE_PURPOSE, NOTICE),
        Context::NoticeBusy => keys(NOTICE_PURPOSE, NOTICE_BUSY),
        Context::ConfirmQuit => keys(CONFIRM, CONFIRM_QUIT),
        Context::Unsaved => keys(
            "Your latest answers could not be written to disk. Keep them before you leave.",
            UNSAVED,
        ),
        Context::ConfirmDiscard => keys(CONFIRM, CONFIRM_DISCARD),
        Context::SaveFailed => keys(SAVE_FAILED_PURPOSE, SAVE_FAILED),
        Context::PathInput => keys(SAVE_FAILED_PURPOSE, PATH_INPUT),
        Context::Help => keys("", HELP),
        Context::History => with_mouse(keys(HISTORY_PURPOSE, HISTORY), HISTORY_MOUSE),
        Context::HistoryReadOnly => {
            with_mouse(keys(HISTORY_PURPOSE, HISTORY_READ_ONLY), HISTORY_MOUSE)
        }
        Context::HistorySearch => keys(
            "Type words to find in what you wrote; Enter shows the check-ins that hold them all.",
            HISTORY_TYPING,
        ),
        Context::HistoryFound => with_mouse(keys(FOUND_PURPOSE, HISTORY_FOUND), HISTORY_MOUSE),
        Context::HistoryFoundReadOnly => {
            with_mouse(keys(FOUND_PURPOSE, HISTORY_FOUND_READ_ONLY), HISTORY_MOUSE)
        }
        Context::Thread => with_mouse(
            keys(
                "The story of one question: every answer to a reflection prompt, oldest first.",
                THREAD,
            ),
            "the wheel scrolls.",
        ),
        Context::Detail => with_mouse(
            keys(
                "One check-in in full. x shows how each score was reached.",
                DETAIL,
            ),
            "the wheel scrolls.",
        ),
        Context::Compare => with_mouse(
            keys(
                "Two check-ins side by side: how far each change exceeds measurement error, and what you wrote then and now.",
                COMPARE,
            ),
            "the wheel scrolls.",
        ),
        Context::ConfirmDelete => keys(CONFIRM, CONFIRM_DELETE),
        Context::Events => keys(EVENTS_PURPOSE, EVENTS),
        Context::EventsReadOnly => keys(EVENTS_PURPOSE, EVENTS_READ_ONLY),
        Context::EventForm => keys(
            "A life event: its day (today unless you type another), what happened in a few words, and a note if you like.",
            EVENT_FORM,
        ),
        Context::Brief => with_mouse(
            keys(
                "A one-page brief of this check-in for your manager. Nothing you wrote is in it unless you include it.",
                BRIEF,
            ),
            "the wheel scrolls the preview.",
        ),
        Context::BriefName => keys(
            "Name the file: it is written with mode 0600, so only you can read it, and replaces a file of that name.",
            BRIEF_NAME,
        ),
        Context::Commitments => with_mouse(
            keys(
                "Every commitment you made, and how it went when the next check-in asked.",
                COMMITMENTS,
            ),
            "the wheel scrolls.",
        ),
        Context::Unlock => keys(unlock::PURPOSE, unlock::PASSPHRASE),
        Context::UnlockRecovery => keys(unlock::PURPOSE, unlock::RECOVERY),
        Context::UnlockCannot => keys(unlock::CANNOT_PURPOSE, unlock::CANNOT),
    }
}

/// The action a key press asks for in `context`, if any.
#[must_use]
pub fn action(context: Context, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let action = table(context).bindings.iter().find_map(|binding| {
        binding.keys.iter().find_map(|k| match *k {
            Key::Ctrl(c) if ctrl && key.code == KeyCode::Char(c) => Some(binding.action),
            Key::Code(code) if !ctrl && key.code == code => Some(binding.action),
            Key::Digit if !ctrl => match key.code {
                KeyCode::Char(c) => c.to_digit(10).map(|d| Action::Digit(i64::from(d))),
                _ => None,
            },
            _ => None,
        })
    });
    // One row in the table for both directions; the key says which.
    match (action, key.code) {
        (Some(Action::Up), KeyCode::Down | KeyCode::Char('j')) => Some(Action::Down),
        (Some(Action::PageUp), KeyCode::PageDown) => Some(Action::PageDown),
        (Some(Action::Right), KeyCode::Left | KeyCode::Char('h')) => Some(Action::Left),
        _ => action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn digits_answer_and_letters_do_what_the_footer_says() {
        assert_eq!(
            action(Context::Question, &press(KeyCode::Char('4'))),
            Some(Action::Digit(4))
        );
        assert_eq!(
            action(Context::Question, &press(KeyCode::Char('h'))),
            Some(Action::Left)
        );
        assert_eq!(action(Context::Question, &press(KeyCode::Char('x'))), None);
        assert_eq!(
            action(Context::FollowUp, &press(KeyCode::Char('3'))),
            Some(Action::Outcome(Outcome::NotDone))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Context::Text, &ctrl_c), Some(Action::Quit));
        let ctrl_e = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL);
        for context in [
            Context::Note,
            Context::Text,
            Context::Label,
            Context::FollowUpNote,
        ] {
            assert_eq!(
                action(context, &ctrl_e),
                Some(Action::ExternalEditor),
                "{context:?}"
            );
        }
        assert_eq!(action(Context::PathInput, &ctrl_e), None);
        assert_eq!(
            action(Context::Home, &press(KeyCode::Char('n'))),
            Some(Action::Start)
        );
        assert_eq!(
            action(Context::Home, &press(KeyCode::Char('c'))),
            Some(Action::OpenCompare)
        );
        assert_eq!(
            action(Context::History, &press(KeyCode::Char('j'))),
            Some(Action::Down)
        );
    }

    #[test]
    fn text_contexts_leave_printable_keys_to_the_editor() {
        for context in [
            Context::Note,
            Context::Text,
            Context::Label,
            Context::FollowUpNote,
            Context::PathInput,
        ] {
            for c in ['q', 's', 'n', '?', '1', 'y', 'h'] {
                assert_eq!(
                    action(context, &press(KeyCode::Char(c))),
                    None,
                    "{context:?} {c}"
                );
            }
        }
    }
}
