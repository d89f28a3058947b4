//! Reading a whole customer document in one pass: Automerge's `hydrate` walks each object's
//! operations once, where a lookup per field searched the root's operations again for each of
//! its ~35 keys (the largest share of a bootstrap's merging time).

use automerge::{hydrate, AutoCommit, ReadDoc, ScalarValue, ROOT};
use clientele_model::commands::{ActivityEntry, ContactEntry, Note};
use clientele_model::customer_fields::{FieldValue, Shape, FIELDS};
use clientele_model::{
    ActivityDraft, ActivityStatus, Address, ContactDraft, ContactType, CustomerDraft,
};
use clientele_schema::keys;

use super::{failed, CustomerDocument, CUSTOMER_CLASS, NOTE_PREFIX};
use crate::ReplicaError;

/// Reads a whole customer document.
pub fn read_customer(id: &str, doc: &AutoCommit) -> Result<CustomerDocument, ReplicaError> {
    let root = match doc.hydrate(ROOT, None).map_err(failed(id))? {
        hydrate::Value::Map(root) => root,
        _ => hydrate::Map::default(),
    };
    let class = text(root.get("class"));
    if class != CUSTOMER_CLASS {
        return Err(ReplicaError::Document {
            id: id.to_owned(),
            reason: format!("it is a {class:?} document, not a customer"),
        });
    }
    let mut draft = CustomerDraft::default();
    for spec in &FIELDS {
        let value = root.get(spec.key);
        match spec.shape {
            Shape::Text => spec.set(&mut draft, FieldValue::Text(&text(value))),
            Shape::Reference => spec.set(&mut draft, FieldValue::Reference(Some(&text(value)))),
            Shape::Flag => spec.set(&mut draft, FieldValue::Flag(flag(value))),
            Shape::IdSet => spec.set(&mut draft, FieldValue::IdSet(&keys_of(value))),
            Shape::LongText => spec.set(&mut draft, FieldValue::LongText(&text(value))),
        }
    }
    let contacts = entries(root.get("contacts"))
        .map(|(id, contact)| ContactEntry {
            id,
            contact: read_contact(contact),
        })
        .collect();
    let activities = entries(root.get("activities"))
        .map(|(id, activity)| ActivityEntry {
            id,
            activity: read_activity(activity),
        })
        .collect();
    let mentioning_notes = root
        .iter()
        .filter_map(|(key, value)| Some((key.strip_prefix(NOTE_PREFIX)?, value)))
        .filter_map(|(note_id, entry)| match &entry.value {
            hydrate::Value::Map(note) => {
                let mentioned = text(note.get("mentions"));
                (!mentioned.trim().is_empty()).then(|| Note {
                    id: note_id.to_owned(),
                    author: text(note.get("author")),
                    time: text(note.get("time")),
                    text: text(note.get("text")),
                    mentions: mentioned.split_whitespace().map(str::to_owned).collect(),
                })
            }
            _ => None,
        })
        .collect();
    Ok(CustomerDocument {
        draft,
        archived: flag(root.get(keys::CUSTOMER_ARCHIVED)),
        updated_at: text(root.get("updated_at")),
        updated_by: text(root.get(crate::last_seen::UPDATED_BY)),
        contacts,
        activities,
        mentioning_notes,
        conflicts: crate::conflicts::count_conflicts(doc, &root),
    })
}

/// The contact fields a private address document holds at its root.
pub(super) fn read_private_contact(
    id: &str,
    doc: &AutoCommit,
) -> Result<ContactDraft, ReplicaError> {
    match doc.hydrate(ROOT, None).map_err(failed(id))? {
        hydrate::Value::Map(root) => Ok(read_contact(&root)),
        _ => Ok(ContactDraft::default()),
    }
}

/// A text value: a string scalar or an Automerge text; empty when absent or of another type.
fn text(value: Option<&hydrate::Value>) -> String {
    match value {
        Some(hydrate::Value::Scalar(ScalarValue::Str(s))) => s.to_string(),
        Some(hydrate::Value::Text(t)) => t.to_string(),
        _ => String::new(),
    }
}

/// A flag: true only when the value is the boolean `true`.
fn flag(value: Option<&hydrate::Value>) -> bool {
    matches!(
        value,
        Some(hydrate::Value::Scalar(ScalarValue::Boolean(true)))
    )
}

/// The ids of a set kept as a map id -> true, sorted.
fn keys_of(value: Option<&hydrate::Value>) -> Vec<String> {
    let mut ids: Vec<String> = match value {
        Some(hydrate::Value::Map(set)) => set.iter().map(|(id, _)| id.clone()).collect(),
        _ => Vec::new(),
    };
    ids.sort();
    ids
}

/// The entries of a map of maps (contacts, activities) in key order, as Automerge lists keys;
/// an entry that is not a map is skipped.
fn entries(value: Option<&hydrate::Value>) -> impl Iterator<Item = (String, &hydrate::Map)> + '_ {
    let mut found: Vec<(String, &hydrate::Map)> = match value {
        Some(hydrate::Value::Map(map)) => map
            .iter()
            .filter_map(|(key, entry)| match &entry.value {
                hydrate::Value::Map(entry) => Some((key.clone(), entry)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter()
}

fn read_address(map: &hydrate::Map) -> Address {
    Address {
        street: text(map.get("street")),
        street2: text(map.get("street2")),
        city: text(map.get("city")),
        state: text(map.get("state")),
        zip: text(map.get("zip")),
        country: text(map.get("country")),
    }
}

fn read_contact(map: &hydrate::Map) -> ContactDraft {
    ContactDraft {
        contact_type: ContactType::parse(&text(map.get("contact_type"))).unwrap_or_default(),
        name: text(map.get("name")),
        function: text(map.get("function")),
        email: text(map.get("email")),
        phone: text(map.get("phone")),
        mobile: text(map.get("mobile")),
        address: read_address(map),
        notes: text(map.get("notes")),
    }
}

fn read_activity(map: &hydrate::Map) -> ActivityDraft {
    ActivityDraft {
        activity_type: text(map.get("activity_type")),
        summary: text(map.get("summary")),
        due_date: text(map.get("due_date")),
        assigned_user_id: Some(text(map.get("assigned_user_id"))).filter(|s| !s.is_empty()),
        note: text(map.get("note")),
        status: ActivityStatus::parse(&text(map.get("status"))).unwrap_or_default(),
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
