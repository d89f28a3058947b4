//! The History tab's pages: every change of a customer document, newest first, as who (display
//! name from the team directory), when, and each field it changed, old → new, for the customer
//! itself, its contacts, its activities and the notes posted on it. Each state is read at the
//! change's heads (`hydrate` at heads, no fork), and a state computed for one change is reused
//! as the "before" of the next. "Restore this value" writes the old value back through the
//! ordinary edits (validated, changing only that field), so it is a new change that syncs.

use automerge::{hydrate, AutoCommit, ChangeHash, ReadDoc, ScalarValue, ROOT};
use clientele_model::commands::{FieldChange, FieldPlace, FieldScope, HistoryEntry, HistoryPage};
use clientele_model::customer_fields::{FieldValue, Shape, FIELDS};
use clientele_model::query::CustomerRow;
use clientele_model::{ActivityStatus, ContactType};
use std::collections::{BTreeMap, HashMap};

use crate::document::{self, CUSTOMER_CLASS, NOTE_PREFIX};
use crate::store::{now, Replica};
use crate::ReplicaError;

/// Entries per page when the caller does not say, and the most it may ask for.
pub const HISTORY_PAGE: u32 = 50;
const MAX_HISTORY_PAGE: u32 = 200;

/// The fields of a contact and of an activity, in the order the tab lists them.
const CONTACT_KEYS: [&str; 13] = [
    "contact_type",
    "name",
    "function",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "city",
    "state",
    "zip",
    "country",
    "notes",
];
const ACTIVITY_KEYS: [&str; 6] = [
    "activity_type",
    "summary",
    "due_date",
    "assigned_user_id",
    "note",
    "status",
];

/// Where a field sorts in a change: the customer's own first, then contacts, activities, notes.
type Slot = (u8, String, String);

/// A customer document's user-visible state at some heads: every field as text, and what names
/// each contact and activity (for labels).
#[derive(Default, Clone)]
struct State {
    fields: BTreeMap<Slot, String>,
    names: HashMap<(u8, String), String>,
}

fn text(value: Option<&hydrate::Value>) -> Option<String> {
    match value? {
        hydrate::Value::Scalar(ScalarValue::Str(s)) => Some(s.to_string()),
        hydrate::Value::Scalar(ScalarValue::Boolean(b)) => Some(b.to_string()),
        hydrate::Value::Scalar(other) => Some(other.to_string()),
        hydrate::Value::Text(t) => Some(t.to_string()),
        hydrate::Value::Map(set) => {
            let mut ids: Vec<&String> = set.iter().map(|(id, _)| id).collect();
            ids.sort();
            Some(ids.into_iter().cloned().collect::<Vec<_>>().join(", "))
        }
        hydrate::Value::List(_) => None,
    }
}

/// The state of `doc` at `heads` (empty heads: before its first change).
fn state_at(doc: &AutoCommit, id: &str, heads: &[ChangeHash]) -> Result<State, ReplicaError> {
    let mut state = State::default();
    if heads.is_empty() {
        return Ok(state);
    }
    let root = match doc
        .hydrate(ROOT, Some(heads))
        .map_err(|e| ReplicaError::Document {
            id: id.to_owned(),
            reason: e.to_string(),
        })? {
        hydrate::Value::Map(root) => root,
        _ => return Ok(state),
    };
    let mut put = |slot: Slot, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            state.fields.insert(slot, value);
        }
    };
    for spec in &FIELDS {
        let value = text(root.get(spec.key));
        // An absent flag is "false": writing false where nothing was is no change.
        let value = value.filter(|v| !(spec.shape == Shape::Flag && v == "false"));
        put((0, String::new(), spec.key.to_owned()), value);
    }
    put(
        (0, String::new(), "archived".into()),
        text(root.get("archived")).filter(|v| v != "false"),
    );
    for (order, list, keys) in [
        (1, "contacts", &CONTACT_KEYS[..]),
        (2, "activities", &ACTIVITY_KEYS[..]),
    ] {
        let Some(hydrate::Value::Map(entries)) = root.get(list) else {
            continue;
        };
        for (entry_id, entry) in entries.iter() {
            let hydrate::Value::Map(fields) = &entry.value else {
                continue;
            };
            for key in keys {
                put(
                    (order, entry_id.clone(), (*key).to_owned()),
                    text(fields.get(key)),
                );
            }
            let name = text(fields.get(if order == 1 { "name" } else { "summary" }));
            state
                .names
                .insert((order, entry_id.clone()), name.unwrap_or_default());
        }
    }
    for (key, entry) in root.iter() {
        let Some(note_id) = key.strip_prefix(NOTE_PREFIX) else {
            continue;
        };
        if let hydrate::Value::Map(note) = &entry.value {
            put(
                (3, note_id.to_owned(), "text".into()),
                text(note.get("text")),
            );
        }
    }
    Ok(state)
}

/// The fields that differ between two states, as the tab shows them.
fn changed_fields(before: &State, after: &State) -> Vec<FieldChange> {
    let mut slots: Vec<&Slot> = before.fields.keys().chain(after.fields.keys()).collect();
    slots.sort();
    slots.dedup();
    slots
        .into_iter()
        .filter_map(|slot| {
            let was = before.fields.get(slot).cloned().unwrap_or_default();
            let now = after.fields.get(slot).cloned().unwrap_or_default();
            (was != now).then(|| {
                let (order, entry, key) = slot.clone();
                let name = || {
                    after
                        .names
                        .get(&(order, entry.clone()))
                        .or_else(|| before.names.get(&(order, entry.clone())))
                        .cloned()
                        .unwrap_or_default()
                };
                let scope = match order {
                    0 => FieldScope::Customer,
                    1 => FieldScope::Contact {
                        name: name(),
                        id: entry,
                    },
                    2 => FieldScope::Activity {
                        summary: name(),
                        id: entry,
                    },
                    _ => FieldScope::Note { id: entry },
                };
                FieldChange {
                    place: FieldPlace { scope, key },
                    before: was,
                    after: now,
                }
            })
        })
        .collect()
}

impl Replica {
    /// One page of a customer's history, newest first: `limit` changes (0: 50) that changed
    /// something a user sees, older than change `before` (`None`: from the newest).
    pub fn history_page(
        &self,
        id: &str,
        before: Option<&str>,
        limit: u32,
    ) -> Result<HistoryPage, ReplicaError> {
        let mut doc = self.customer_doc(id)?;
        let limit = if limit == 0 {
            HISTORY_PAGE
        } else {
            limit.min(MAX_HISTORY_PAGE)
        } as usize;
        // Newest first (the reverse of a causal order).
        let changes: Vec<(ChangeHash, Vec<ChangeHash>, String, i64)> = doc
            .get_changes(&[])
            .into_iter()
            .rev()
            .map(|c| {
                let author = c.message().unwrap_or("").to_owned();
                (c.hash(), c.deps().to_vec(), author, c.timestamp())
            })
            .collect();
        let start = match before {
            None => 0,
            Some(hash) => {
                changes
                    .iter()
                    .position(|(h, ..)| h.to_string() == hash)
                    .ok_or_else(|| ReplicaError::NotFound {
                        what: "change in this customer's history".into(),
                        id: hash.to_owned(),
                    })?
                    + 1
            }
        };
        let names = self.team_names()?;
        let mut states: HashMap<Vec<ChangeHash>, State> = HashMap::new();
        let mut read = |heads: &[ChangeHash]| -> Result<State, ReplicaError> {
            let key = heads.to_vec();
            if let Some(state) = states.get(&key) {
                return Ok(state.clone());
            }
            let state = state_at(&doc, id, heads)?;
            states.insert(key, state.clone());
            Ok(state)
        };
        let mut entries = Vec::new();
        let mut more = false;
        for (hash, deps, author, time) in &changes[start.min(changes.len())..] {
            if entries.len() == limit {
                more = true;
                break;
            }
            // The document's own bookkeeping (its class and id) and edits that changed nothing
            // a user sees (e.g. only the time of an edit) are left out.
            let fields = changed_fields(&read(deps)?, &read(&[*hash])?);
            if fields.is_empty() {
                continue;
            }
            entries.push(HistoryEntry {
                change: hash.to_string(),
                author_name: names.get(author).cloned().unwrap_or(author.clone()),
                author: author.clone(),
                time: *time,
                fields,
            });
        }
        Ok(HistoryPage { entries, more })
    }

    /// Puts a value from the history back (`value`, as the tab shows it) into the field at
    /// `place`: a new change, made by the ordinary edit of that record, so it is validated and
    /// syncs. A note posted on the log is never rewritten.
    pub fn restore_history_value(
        &mut self,
        id: &str,
        place: &FieldPlace,
        value: &str,
    ) -> Result<CustomerRow, ReplicaError> {
        let unknown = || {
            ReplicaError::Conflict(format!(
                "{} is not a field that can be restored; pick a field of the customer, a contact or an activity",
                place.key
            ))
        };
        match &place.scope {
            FieldScope::Customer if place.key == "archived" => {
                self.set_archived(id, value == "true")?;
            }
            FieldScope::Customer => {
                let spec = FIELDS
                    .iter()
                    .find(|spec| spec.key == place.key)
                    .ok_or_else(unknown)?;
                let mut draft = self.customer(id)?.draft;
                let ids: Vec<String> = value
                    .split(", ")
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
                    .collect();
                spec.set(
                    &mut draft,
                    match spec.shape {
                        Shape::Text => FieldValue::Text(value),
                        Shape::Reference => FieldValue::Reference(Some(value)),
                        Shape::Flag => FieldValue::Flag(value == "true"),
                        Shape::IdSet => FieldValue::IdSet(&ids),
                        Shape::LongText => FieldValue::LongText(value),
                    },
                );
                self.update_customer(id, &draft)?;
            }
            FieldScope::Contact { id: contact_id, .. } => {
                let mut contact = self
                    .customer(id)?
                    .contacts
                    .into_iter()
                    .find(|c| &c.id == contact_id)
                    .ok_or_else(|| ReplicaError::NotFound {
                        what: "contact (it was removed)".into(),
                        id: contact_id.clone(),
                    })?
                    .contact;
                let value = value.to_owned();
                match place.key.as_str() {
                    "contact_type" => {
                        contact.contact_type = ContactType::parse(&value).ok_or_else(unknown)?
                    }
                    "name" => contact.name = value,
                    "function" => contact.function = value,
                    "email" => contact.email = value,
                    "phone" => contact.phone = value,
                    "mobile" => contact.mobile = value,
                    "street" => contact.address.street = value,
                    "street2" => contact.address.street2 = value,
                    "city" => contact.address.city = value,
                    "state" => contact.address.state = value,
                    "zip" => contact.address.zip = value,
                    "country" => contact.address.country = value,
                    "notes" => contact.notes = value,
                    _ => return Err(unknown()),
                }
                self.update_contact(id, contact_id, &contact)?;
            }
            FieldScope::Activity {
                id: activity_id, ..
            } => {
                let mut activity = self
                    .customer(id)?
                    .activities
                    .into_iter()
                    .find(|a| &a.id == activity_id)
                    .ok_or_else(|| ReplicaError::NotFound {
                        what: "activity".into(),
                        id: activity_id.clone(),
                    })?
                    .activity;
                let value = value.to_owned();
                match place.key.as_str() {
                    "activity_type" => activity.activity_type = value,
                    "summary" => activity.summary = value,
                    "due_date" => activity.due_date = value,
                    "assigned_user_id" => {
                        activity.assigned_user_id = Some(value).filter(|v| !v.is_empty())
                    }
                    "note" => activity.note = value,
                    "status" => {
                        activity.status = ActivityStatus::parse(&value).ok_or_else(unknown)?
                    }
                    _ => return Err(unknown()),
                }
                let activity = activity.validated()?;
                let stamp = now();
                self.edit_document(CUSTOMER_CLASS, id, |doc| {
                    document::put_activity(doc, id, activity_id, &activity, &stamp)
                })?;
            }
            FieldScope::Note { .. } => {
                return Err(ReplicaError::Conflict(
                    "a posted note is never rewritten: post a new note instead".into(),
                ))
            }
        }
        tracing::debug!(customer_id = id, key = %place.key, "history value restored");
        self.customer_row(id)
    }
}
