//! What the customer form reads in one call: the customer's document, its private addresses
//! (only for a user allowed to see them, spec C16), the user's favourite flag and the notes log.

use clientele_model::commands::{ContactEntry, CustomerRecord};
use clientele_model::{Address, ContactDraft, ContactType};
use rusqlite::OptionalExtension;

use crate::store::Replica;
use crate::ReplicaError;

impl Replica {
    /// The customer's private addresses (never removed ones), by name.
    pub fn private_addresses(&self, customer_id: &str) -> Result<Vec<ContactEntry>, ReplicaError> {
        self.session()
            .may_write(crate::document::PRIVATE_ADDRESS_CLASS)?;
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, function, email, phone, mobile, street, street2, city, state, zip,
                    country, notes
             FROM contacts WHERE customer_id = ?1 AND document_id = id AND contact_type = 'private'
             ORDER BY name, id",
        )?;
        let rows = statement.query_map([customer_id], |r| {
            Ok(ContactEntry {
                id: r.get(0)?,
                contact: ContactDraft {
                    contact_type: ContactType::Private,
                    name: r.get(1)?,
                    function: r.get(2)?,
                    email: r.get(3)?,
                    phone: r.get(4)?,
                    mobile: r.get(5)?,
                    address: Address {
                        street: r.get(6)?,
                        street2: r.get(7)?,
                        city: r.get(8)?,
                        state: r.get(9)?,
                        zip: r.get(10)?,
                        country: r.get(11)?,
                    },
                    notes: r.get(12)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether `user` marked the customer as a favourite.
    pub fn is_favourite(&self, user: &str, customer_id: &str) -> Result<bool, ReplicaError> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM favourites WHERE user_id = ?1 AND customer_id = ?2")?
            .query_row([user, customer_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Everything the form shows of a customer to the session's user; private addresses only
    /// when they may see them.
    pub fn customer_record(&self, id: &str) -> Result<CustomerRecord, ReplicaError> {
        let (user, with_private) = (self.user(), self.session().permissions.private_addresses);
        let (document, heads) = self.customer_at_heads(id)?;
        let mut contacts: Vec<ContactEntry> = document.contacts;
        contacts.sort_by(|a, b| {
            (a.contact.contact_type as u8, &a.contact.name, &a.id).cmp(&(
                b.contact.contact_type as u8,
                &b.contact.name,
                &b.id,
            ))
        });
        if with_private {
            contacts.extend(self.private_addresses(id)?);
        }
        Ok(CustomerRecord {
            id: id.to_owned(),
            draft: document.draft,
            archived: document.archived,
            favourite: self.is_favourite(user, id)?,
            updated_at: document.updated_at,
            contacts,
            activities: document.activities,
            notes_log: self.notes(id)?,
            heads,
        })
    }
}
