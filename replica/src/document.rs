//! Customer, private-address, settings and preference documents <-> their Automerge form. Writes
//! touch only fields whose value changed, so concurrent edits of different fields merge; notes are
//! Automerge text, merging character by character. Reading a document is also how the
//! projection is derived.

use automerge::{
    transaction::Transactable, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};
use clientele_model::commands::{ActivityEntry, ContactEntry};
use clientele_model::customer_fields::{FieldValue, FIELDS};
use clientele_model::{ActivityDraft, Address, ContactDraft, CustomerDraft};
use clientele_schema::{keys, DocumentClass};

use crate::ReplicaError;

/// Document classes, fixed at creation and travelling with the document (named once, in the
/// schema the sync server shares).
pub const CUSTOMER_CLASS: &str = DocumentClass::Customer.as_str();
pub const PRIVATE_ADDRESS_CLASS: &str = DocumentClass::PrivateAddress.as_str();
pub const SETTINGS_CLASS: &str = DocumentClass::Settings.as_str();
pub const PREFERENCES_CLASS: &str = DocumentClass::Preferences.as_str();

/// The root key of a note on a customer's log: this prefix and the note's id.
pub(crate) const NOTE_PREFIX: &str = "note:";

/// Everything a customer document holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CustomerDocument {
    pub draft: CustomerDraft,
    pub archived: bool,
    pub updated_at: String,
    /// Who last changed it (C6; empty in documents from before it was kept).
    pub updated_by: String,
    pub contacts: Vec<ContactEntry>,
    pub activities: Vec<ActivityEntry>,
    /// The notes of its log that mention someone (each device derives "notes that mention
    /// me" from these, so a mention needs no write to anyone else's document).
    pub mentioning_notes: Vec<clientele_model::commands::Note>,
    /// How many of its fields (its own, its contacts' and activities') concurrent edits left
    /// with more than one value (see `conflicts`).
    pub conflicts: u32,
}

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

type AmResult<T> = Result<T, automerge::AutomergeError>;

/// Reads a text scalar (empty when absent or of another type).
fn get_str(doc: &AutoCommit, obj: &ObjId, key: &str) -> AmResult<String> {
    Ok(text_of(doc, doc.get(obj, key)?)?.unwrap_or_default())
}

/// The text of a looked-up value; `None` when the key is absent.
fn text_of(doc: &AutoCommit, found: Option<(Value<'_>, ObjId)>) -> AmResult<Option<String>> {
    Ok(match found {
        None => None,
        Some((Value::Scalar(s), _)) => Some(match s.as_ref() {
            ScalarValue::Str(s) => s.to_string(),
            _ => String::new(),
        }),
        Some((Value::Object(ObjType::Text), text_id)) => Some(doc.text(&text_id)?),
        Some(_) => Some(String::new()),
    })
}

fn get_bool(doc: &AutoCommit, obj: &ObjId, key: &str) -> AmResult<bool> {
    Ok(
        matches!(doc.get(obj, key)?, Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true))),
    )
}

/// Puts a text scalar only when it differs from what the document holds. An absent key reads
/// as empty, so empty fields of a new record cost no operation (Automerge inserts are the
/// expensive part of a write).
fn set_str(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: &str) -> AmResult<()> {
    let current = text_of(doc, doc.get(obj, key)?)?;
    if current.as_deref().unwrap_or("") != value {
        doc.put(obj, key, value)?;
    }
    Ok(())
}

fn set_bool(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: bool) -> AmResult<()> {
    if get_bool(doc, obj, key)? != value {
        doc.put(obj, key, value)?;
    }
    Ok(())
}

/// The map at `key`, created if missing.
fn map_at(doc: &mut AutoCommit, obj: &ObjId, key: &str) -> AmResult<ObjId> {
    match doc.get(obj, key)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(id),
        _ => doc.put_object(obj, key, ObjType::Map),
    }
}

fn existing_map(doc: &AutoCommit, obj: &ObjId, key: &str) -> AmResult<Option<ObjId>> {
    Ok(match doc.get(obj, key)? {
        Some((Value::Object(ObjType::Map), id)) => Some(id),
        _ => None,
    })
}

fn write_address(doc: &mut AutoCommit, obj: &ObjId, address: &Address) -> AmResult<()> {
    set_str(doc, obj, "street", &address.street)?;
    set_str(doc, obj, "street2", &address.street2)?;
    set_str(doc, obj, "city", &address.city)?;
    set_str(doc, obj, "state", &address.state)?;
    set_str(doc, obj, "zip", &address.zip)?;
    set_str(doc, obj, "country", &address.country)
}

/// A new document of `class` with its id, written by `actor`.
pub fn new_document(
    class: &str,
    id: &str,
    actor: &automerge::ActorId,
) -> Result<AutoCommit, ReplicaError> {
    let mut doc = AutoCommit::new().with_actor(actor.clone());
    doc.put(ROOT, "class", class).map_err(failed(id))?;
    doc.put(ROOT, "id", id).map_err(failed(id))?;
    Ok(doc)
}

/// Writes a validated draft into a customer document, changing only what differs: every field
/// of the table under its key.
pub fn write_customer(
    doc: &mut AutoCommit,
    id: &str,
    draft: &CustomerDraft,
    now: &str,
) -> Result<(), ReplicaError> {
    if is_new(doc) {
        write_new_customer(doc, draft, now)
    } else {
        update_customer_fields(doc, draft, now)
    }
    .map_err(failed(id))
}

/// Writes a draft into a customer document, each field only when it differs.
fn update_customer_fields(doc: &mut AutoCommit, draft: &CustomerDraft, now: &str) -> AmResult<()> {
    let root = ROOT;
    for spec in &FIELDS {
        match spec.get(draft) {
            FieldValue::Text(text) => set_str(doc, &root, spec.key, text)?,
            FieldValue::Reference(id) => set_str(doc, &root, spec.key, id.unwrap_or(""))?,
            FieldValue::Flag(flag) => set_bool(doc, &root, spec.key, flag)?,
            // Objects: written below, after the containers.
            FieldValue::IdSet(_) | FieldValue::LongText(_) => {}
        }
    }
    // Containers exist from creation on: two devices creating the same container
    // concurrently would each make one, and only one would survive the merge.
    map_at(doc, &root, "contacts")?;
    map_at(doc, &root, "activities")?;
    for spec in &FIELDS {
        match spec.get(draft) {
            FieldValue::IdSet(ids) => set_id_set(doc, &root, spec.key, ids)?,
            FieldValue::LongText(text) => set_long_text(doc, &root, spec.key, text)?,
            FieldValue::Text(_) | FieldValue::Reference(_) | FieldValue::Flag(_) => {}
        }
    }
    set_str(doc, &root, "updated_at", now)
}

/// Whether a document holds only what `new_document` gave it (its class and id).
fn is_new(doc: &AutoCommit) -> bool {
    doc.keys(&ROOT).all(|key| key == "class" || key == "id")
}

/// `write_customer` on a new document: the same operations (set fields only, the containers,
/// the ids, the notes, the time), put without first reading what is there, which is nothing.
/// Creating many customers (an import, a bulk load) spends a fifth less on their documents.
fn write_new_customer(doc: &mut AutoCommit, draft: &CustomerDraft, now: &str) -> AmResult<()> {
    let root = ROOT;
    for spec in &FIELDS {
        match spec.get(draft) {
            FieldValue::Text(text) | FieldValue::Reference(Some(text)) if !text.is_empty() => {
                doc.put(&root, spec.key, text)?;
            }
            FieldValue::Flag(true) => doc.put(&root, spec.key, true)?,
            _ => {}
        }
    }
    doc.put_object(&root, "contacts", ObjType::Map)?;
    doc.put_object(&root, "activities", ObjType::Map)?;
    for spec in &FIELDS {
        match spec.get(draft) {
            FieldValue::IdSet(ids) => {
                let set = doc.put_object(&root, spec.key, ObjType::Map)?;
                for id in ids {
                    doc.put(&set, id.as_str(), true)?;
                }
            }
            FieldValue::LongText(text) => {
                let notes = doc.put_object(&root, spec.key, ObjType::Text)?;
                if !text.is_empty() {
                    doc.update_text(&notes, text)?;
                }
            }
            _ => {}
        }
    }
    doc.put(&root, "updated_at", now)
}

/// A set of ids as a map id -> true: adding and removing different ids concurrently merges.
fn set_id_set(doc: &mut AutoCommit, obj: &ObjId, key: &str, ids: &[String]) -> AmResult<()> {
    let set = map_at(doc, obj, key)?;
    let present: Vec<String> = doc.keys(&set).collect();
    for old in present.iter().filter(|t| !ids.contains(t)) {
        doc.delete(&set, old.as_str())?;
    }
    for new in ids.iter().filter(|t| !present.contains(t)) {
        doc.put(&set, new.as_str(), true)?;
    }
    Ok(())
}

/// Text that merges character by character: an Automerge text object, updated by a diff.
fn set_long_text(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: &str) -> AmResult<()> {
    let text = match doc.get(obj, key)? {
        Some((Value::Object(ObjType::Text), text)) => text,
        _ => doc.put_object(obj, key, ObjType::Text)?,
    };
    if doc.text(&text)? != value {
        doc.update_text(&text, value)?;
    }
    Ok(())
}

/// Archives or restores a customer.
pub fn set_archived(
    doc: &mut AutoCommit,
    id: &str,
    archived: bool,
    now: &str,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        set_bool(doc, &ROOT, keys::CUSTOMER_ARCHIVED, archived)?;
        set_str(doc, &ROOT, "updated_at", now)
    })()
    .map_err(failed(id))
}

fn write_contact(doc: &mut AutoCommit, obj: &ObjId, contact: &ContactDraft) -> AmResult<()> {
    set_str(doc, obj, "contact_type", contact.contact_type.as_str())?;
    set_str(doc, obj, "name", &contact.name)?;
    set_str(doc, obj, "function", &contact.function)?;
    set_str(doc, obj, "email", &contact.email)?;
    set_str(doc, obj, "phone", &contact.phone)?;
    set_str(doc, obj, "mobile", &contact.mobile)?;
    write_address(doc, obj, &contact.address)?;
    set_str(doc, obj, "notes", &contact.notes)
}

/// Adds or changes a (non-private) contact inside a customer document.
pub fn put_contact(
    doc: &mut AutoCommit,
    id: &str,
    contact_id: &str,
    contact: &ContactDraft,
    now: &str,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        let contacts = map_at(doc, &ROOT, "contacts")?;
        let entry = map_at(doc, &contacts, contact_id)?;
        write_contact(doc, &entry, contact)?;
        set_str(doc, &ROOT, "updated_at", now)
    })()
    .map_err(failed(id))
}

/// Removes a contact from a customer document; false if it was not there.
pub fn remove_contact(
    doc: &mut AutoCommit,
    id: &str,
    contact_id: &str,
    now: &str,
) -> Result<bool, ReplicaError> {
    (|| -> AmResult<bool> {
        let Some(contacts) = existing_map(doc, &ROOT, "contacts")? else {
            return Ok(false);
        };
        if doc.get(&contacts, contact_id)?.is_none() {
            return Ok(false);
        }
        doc.delete(&contacts, contact_id)?;
        set_str(doc, &ROOT, "updated_at", now)?;
        Ok(true)
    })()
    .map_err(failed(id))
}

/// Writes a private address document's fields (its own document, so the server can hold it back).
pub fn write_private_address(
    doc: &mut AutoCommit,
    id: &str,
    customer_id: &str,
    contact: &ContactDraft,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        set_str(doc, &ROOT, "customer_id", customer_id)?;
        write_contact(doc, &ROOT, contact)
    })()
    .map_err(failed(id))
}

/// Moves a private address to another customer (a merge, or its undo): only its owner changes.
pub fn move_private_address(
    doc: &mut AutoCommit,
    id: &str,
    customer_id: &str,
) -> Result<(), ReplicaError> {
    set_str(doc, &ROOT, "customer_id", customer_id).map_err(failed(id))
}

/// Marks a private address removed (documents are never deleted: the mark syncs).
pub fn mark_removed(doc: &mut AutoCommit, id: &str) -> Result<(), ReplicaError> {
    set_bool(doc, &ROOT, "removed", true).map_err(failed(id))
}

/// Whether a private address was removed.
pub fn is_removed(doc: &AutoCommit) -> bool {
    get_bool(doc, &ROOT, "removed").unwrap_or(false)
}

/// Reads a private address document: its customer and its fields.
pub fn read_private_address(
    id: &str,
    doc: &AutoCommit,
) -> Result<(String, ContactDraft), ReplicaError> {
    let customer_id = get_str(doc, &ROOT, "customer_id").map_err(failed(id))?;
    Ok((customer_id, read::read_private_contact(id, doc)?))
}

/// Adds or changes an activity inside a customer document.
pub fn put_activity(
    doc: &mut AutoCommit,
    id: &str,
    activity_id: &str,
    activity: &ActivityDraft,
    now: &str,
) -> Result<(), ReplicaError> {
    (|| -> AmResult<()> {
        let activities = map_at(doc, &ROOT, "activities")?;
        let entry = map_at(doc, &activities, activity_id)?;
        set_str(doc, &entry, "activity_type", &activity.activity_type)?;
        set_str(doc, &entry, "summary", &activity.summary)?;
        set_str(doc, &entry, "due_date", &activity.due_date)?;
        set_str(
            doc,
            &entry,
            "assigned_user_id",
            activity.assigned_user_id.as_deref().unwrap_or(""),
        )?;
        set_str(doc, &entry, "note", &activity.note)?;
        set_str(doc, &entry, "status", activity.status.as_str())?;
        set_str(doc, &ROOT, "updated_at", now)
    })()
    .map_err(failed(id))
}

/// Loads saved bytes, naming the document when they are damaged.
pub fn load(id: &str, bytes: &[u8]) -> Result<AutoCommit, ReplicaError> {
    AutoCommit::load(bytes).map_err(failed(id))
}

/// The class a document says it is.
pub fn class_of(id: &str, doc: &AutoCommit) -> Result<String, ReplicaError> {
    get_str(doc, &ROOT, "class").map_err(failed(id))
}

mod read;
pub use read::read_customer;
mod workspace;
pub use workspace::{
    init_preferences, put_reference, read_preferences, read_settings, set_favourite,
};

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;
