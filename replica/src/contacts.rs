//! A customer's contacts, addresses and activities: each change is one edit of the customer's
//! document, except private addresses, which are documents of their own (the server holds them
//! back from users without the permission, and the session refuses them here).
//!
//! Each `*_at` write takes the heads of the customer document the view was loaded from and is
//! applied at that version and merged (see `edit_at`): a colleague's concurrent change to another
//! contact, or to another field of the same contact, survives. A private address is its own
//! document, edited at its current version.

use automerge::{transaction::Transactable, AutoCommit, ObjType, ReadDoc, Value, ROOT};
use clientele_model::{ActivityDraft, ActivityStatus, ContactDraft, ContactType};
use rusqlite::OptionalExtension;

use crate::document::{self, PRIVATE_ADDRESS_CLASS};
use crate::store::{new_id, now};
use crate::{Replica, ReplicaError};

impl Replica {
    /// Adds a contact or address; a private address becomes its own document. Returns its id.
    pub fn add_contact(
        &mut self,
        customer_id: &str,
        contact: &ContactDraft,
    ) -> Result<String, ReplicaError> {
        self.add_contact_at(customer_id, contact, &[])
    }

    /// `add_contact` at the version the view was loaded from (`heads`).
    pub fn add_contact_at(
        &mut self,
        customer_id: &str,
        contact: &ContactDraft,
        heads: &[String],
    ) -> Result<String, ReplicaError> {
        let contact = contact.validated()?;
        let contact_id = new_id();
        if contact.contact_type == ContactType::Private {
            self.customer(customer_id)?;
            self.create_document(PRIVATE_ADDRESS_CLASS, &contact_id, |doc| {
                document::write_private_address(doc, &contact_id, customer_id, &contact)
            })?;
        } else {
            let now = now();
            self.edit_customer_at(customer_id, heads, |doc| {
                document::put_contact(doc, customer_id, &contact_id, &contact, &now)
            })?;
        }
        Ok(contact_id)
    }

    /// Changes a contact or address (its type may not move between private and not).
    pub fn update_contact(
        &mut self,
        customer_id: &str,
        contact_id: &str,
        contact: &ContactDraft,
    ) -> Result<(), ReplicaError> {
        self.update_contact_at(customer_id, contact_id, contact, &[])
    }

    /// `update_contact` at the version the view was loaded from (`heads`): only what the user
    /// changed relative to the contact they saw is written.
    pub fn update_contact_at(
        &mut self,
        customer_id: &str,
        contact_id: &str,
        contact: &ContactDraft,
        heads: &[String],
    ) -> Result<(), ReplicaError> {
        let contact = contact.validated()?;
        let private_doc = self.private_address_owner(contact_id)?;
        match (private_doc, contact.contact_type == ContactType::Private) {
            (Some(owner), true) if owner == customer_id => self.edit_document(PRIVATE_ADDRESS_CLASS, contact_id, |doc| {
                document::write_private_address(doc, contact_id, customer_id, &contact)
            }),
            (None, false) => {
                if !self.customer(customer_id)?.contacts.iter().any(|c| c.id == contact_id) {
                    return Err(ReplicaError::NotFound { what: "contact".into(), id: contact_id.to_owned() });
                }
                let now = now();
                self.edit_customer_at(customer_id, heads, |doc| {
                    if !contact_at(doc, contact_id) {
                        // Not in the version the view saw: writing it there would make a
                        // second contact under the same id, and one would be lost.
                        return Err(ReplicaError::Conflict(format!(
                            "contact {contact_id} was added after this view was loaded: open the customer again"
                        )));
                    }
                    document::put_contact(doc, customer_id, contact_id, &contact, &now)
                })
            }
            _ => Err(ReplicaError::Conflict(
                "a private address cannot become another type or the reverse: remove it and add a new one".into(),
            )),
        }
    }

    fn private_address_owner(&self, contact_id: &str) -> Result<Option<String>, ReplicaError> {
        Ok(self
            .conn
            .query_row(
                "SELECT customer_id FROM contacts WHERE id = ?1 AND document_id = ?1",
                [contact_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Removes a contact or address.
    pub fn remove_contact(
        &mut self,
        customer_id: &str,
        contact_id: &str,
    ) -> Result<(), ReplicaError> {
        self.remove_contact_at(customer_id, contact_id, &[])
    }

    /// `remove_contact` at the version the view was loaded from (`heads`).
    pub fn remove_contact_at(
        &mut self,
        customer_id: &str,
        contact_id: &str,
        heads: &[String],
    ) -> Result<(), ReplicaError> {
        if self.private_address_owner(contact_id)?.as_deref() == Some(customer_id) {
            // A document cannot be unsent: it is marked removed, which syncs like any edit.
            return self.edit_document(PRIVATE_ADDRESS_CLASS, contact_id, |doc| {
                document::mark_removed(doc, contact_id)
            });
        }
        let now = now();
        let removed = self.edit_customer_at(customer_id, heads, |doc| {
            document::remove_contact(doc, customer_id, contact_id, &now)
        })?;
        if removed {
            Ok(())
        } else {
            Err(ReplicaError::NotFound {
                what: "contact".into(),
                id: contact_id.to_owned(),
            })
        }
    }

    /// Schedules an activity on a customer. Returns its id.
    pub fn schedule_activity(
        &mut self,
        customer_id: &str,
        activity: &ActivityDraft,
    ) -> Result<String, ReplicaError> {
        self.schedule_activity_at(customer_id, activity, &[])
    }

    /// `schedule_activity` at the version the view was loaded from (`heads`).
    pub fn schedule_activity_at(
        &mut self,
        customer_id: &str,
        activity: &ActivityDraft,
        heads: &[String],
    ) -> Result<String, ReplicaError> {
        let activity = activity.validated()?;
        let activity_id = new_id();
        let now = now();
        self.edit_customer_at(customer_id, heads, |doc| {
            document::put_activity(doc, customer_id, &activity_id, &activity, &now)
        })?;
        Ok(activity_id)
    }

    /// Marks an activity done, cancelled or open again.
    pub fn set_activity_status(
        &mut self,
        customer_id: &str,
        activity_id: &str,
        status: ActivityStatus,
    ) -> Result<(), ReplicaError> {
        self.set_activity_status_at(customer_id, activity_id, status, &[])
    }

    /// `set_activity_status` at the version the view was loaded from (`heads`): only the
    /// status is written, so a colleague's concurrent change of the activity's other fields
    /// survives.
    pub fn set_activity_status_at(
        &mut self,
        customer_id: &str,
        activity_id: &str,
        status: ActivityStatus,
        heads: &[String],
    ) -> Result<(), ReplicaError> {
        let now = now();
        let found = self.edit_customer_at(customer_id, heads, |doc| {
            put_activity_status(doc, customer_id, activity_id, status, &now)
        })?;
        if found {
            Ok(())
        } else {
            Err(ReplicaError::NotFound {
                what: "activity".into(),
                id: activity_id.to_owned(),
            })
        }
    }
}

/// The map entry `key` of the root map `list` (`contacts`, `activities`), if there is one.
fn entry_of(doc: &AutoCommit, list: &str, key: &str) -> Option<automerge::ObjId> {
    let Ok(Some((Value::Object(ObjType::Map), map))) = doc.get(ROOT, list) else {
        return None;
    };
    match doc.get(&map, key) {
        Ok(Some((Value::Object(ObjType::Map), entry))) => Some(entry),
        _ => None,
    }
}

/// Whether the document (as the view saw it) holds contact `contact_id`.
fn contact_at(doc: &AutoCommit, contact_id: &str) -> bool {
    entry_of(doc, "contacts", contact_id).is_some()
}

/// Sets an activity's status (and the customer's `updated_at`); false if it is not there.
fn put_activity_status(
    doc: &mut AutoCommit,
    id: &str,
    activity_id: &str,
    status: ActivityStatus,
    now: &str,
) -> Result<bool, ReplicaError> {
    let Some(entry) = entry_of(doc, "activities", activity_id) else {
        return Ok(false);
    };
    let failed = |e: automerge::AutomergeError| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    };
    let current = match doc.get(&entry, "status").map_err(failed)? {
        Some((Value::Scalar(s), _)) => s.as_str().map(str::to_owned),
        _ => None,
    };
    if current.as_deref() != Some(status.as_str()) {
        doc.put(&entry, "status", status.as_str()).map_err(failed)?;
    }
    doc.put(ROOT, "updated_at", now).map_err(failed)?;
    Ok(true)
}
