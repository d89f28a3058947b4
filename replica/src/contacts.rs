//! A customer's contacts, addresses and activities: each change is one edit of the customer's
//! document, except private addresses, which are documents of their own (the server holds them
//! back from users without the permission, and the session refuses them here).

use clientele_model::commands::ActivityEntry;
use clientele_model::{ActivityDraft, ActivityStatus, ContactDraft, ContactType};
use rusqlite::OptionalExtension;

use crate::document::{self, CUSTOMER_CLASS, PRIVATE_ADDRESS_CLASS};
use crate::store::{new_id, now};
use crate::{Replica, ReplicaError};

impl Replica {
    /// Adds a contact or address; a private address becomes its own document. Returns its id.
    pub fn add_contact(
        &mut self,
        customer_id: &str,
        contact: &ContactDraft,
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
            self.edit_document(CUSTOMER_CLASS, customer_id, |doc| {
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
                self.edit_document(CUSTOMER_CLASS, customer_id, |doc| {
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
        if self.private_address_owner(contact_id)?.as_deref() == Some(customer_id) {
            // A document cannot be unsent: it is marked removed, which syncs like any edit.
            return self.edit_document(PRIVATE_ADDRESS_CLASS, contact_id, |doc| {
                document::mark_removed(doc, contact_id)
            });
        }
        let now = now();
        let removed = self.edit_document(CUSTOMER_CLASS, customer_id, |doc| {
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
        let activity = activity.validated()?;
        let activity_id = new_id();
        let now = now();
        self.edit_document(CUSTOMER_CLASS, customer_id, |doc| {
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
        let customer = self.customer(customer_id)?;
        let ActivityEntry { activity, .. } = customer
            .activities
            .into_iter()
            .find(|a| a.id == activity_id)
            .ok_or_else(|| ReplicaError::NotFound {
                what: "activity".into(),
                id: activity_id.to_owned(),
            })?;
        let activity = ActivityDraft { status, ..activity };
        let now = now();
        self.edit_document(CUSTOMER_CLASS, customer_id, |doc| {
            document::put_activity(doc, customer_id, activity_id, &activity, &now)
        })
    }
}
