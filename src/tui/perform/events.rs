//! Performing the life events screen's effects: keep an event (or an
//! edit of one) and move one to the trash, each under the writer lock, and
//! answer with the reloaded listing or why nothing changed.

use super::{Driver, said};
use crate::events::{Event, parse_day};
use crate::store::Store;
use crate::text::escape_line;
use crate::tui::app::Msg;

impl Driver {
    /// Keep the event typed into the form (`day` as typed), in place of
    /// `replacing` when it is an edit.
    pub(super) fn save_event(
        &self,
        replacing: Option<&str>,
        day: &str,
        label: &str,
        note: &str,
    ) -> Msg {
        let today = (self.now)().date_naive();
        let day = day.trim();
        let event = if day.is_empty() {
            Ok(today)
        } else {
            parse_day(day, today)
        }
        .and_then(|date| Event::new(date, label, Some(note)));
        let event = match event {
            Ok(event) => event,
            Err(e) => return Msg::EventFailed(escape_line(&e.0).into_owned()),
        };
        self.change_events(|store| {
            let kept = match replacing {
                Some(id) => store.replace_event(id, event),
                None => store.add_event(event),
            }
            .map_err(|e| said(&e))?;
            let verb = if replacing.is_some() {
                "Saved"
            } else {
                "Added"
            };
            Ok((
                Some(kept.id.clone()),
                format!(
                    "{verb} the event \"{}\" ({}).",
                    escape_line(&kept.label),
                    kept.date
                ),
            ))
        })
    }

    /// Move the event `id` to the trash.
    pub(super) fn trash_event(&self, id: &str) -> Msg {
        self.change_events(|store| {
            let named = store
                .events()
                .events
                .iter()
                .find(|e| e.id == id)
                .map_or_else(
                    || escape_line(id).into_owned(),
                    |e| format!("\"{}\" ({})", escape_line(&e.label), e.date),
                );
            store.trash_event(id).map_err(|e| said(&e))?;
            Ok((
                None,
                format!("Moved the event {named} to the trash (trash/events/ in the data dir)."),
            ))
        })
    }

    /// Make a change under the writer lock (taken here unless this motive
    /// holds it already), then reload the listing.
    fn change_events(
        &self,
        change: impl FnOnce(&Store) -> Result<(Option<String>, String), String>,
    ) -> Msg {
        let result = Store::open(self.store.root())
            .map_err(|e| said(&e))
            .and_then(|store| {
                let _lock = match &self.lock {
                    Some(_) => None,
                    None => Some(
                        store
                            .lock("event")
                            .map_err(|e| format!("Cannot change events now: {e}"))?,
                    ),
                };
                change(&store)
            });
        match result {
            Ok((id, note)) => Msg::EventsChanged {
                home: self.overview(),
                id,
                note,
            },
            Err(reason) => Msg::EventFailed(reason),
        }
    }
}
