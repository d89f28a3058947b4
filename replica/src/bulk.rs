//! Creating many customers in one transaction (a CSV import, seeding a workspace, benchmarks):
//! every row validated first, then each customer's document (and its private addresses' own
//! documents) stored with their projection, and one change notice for all.

use clientele_model::{ActivityDraft, ContactDraft, ContactType, CustomerDraft};

use crate::document::{self, CUSTOMER_CLASS, PRIVATE_ADDRESS_CLASS};
use crate::store::{create_in, new_id, now};
use crate::{Replica, ReplicaError};

/// A customer with its contacts and activities, for bulk loading (seeding a workspace,
/// benchmarks).
#[derive(Debug, Clone, Default)]
pub struct CustomerSeed {
    pub draft: CustomerDraft,
    pub contacts: Vec<ContactDraft>,
    pub activities: Vec<ActivityDraft>,
}

impl Replica {
    /// Validates and stores many customers in one transaction: all or none. Private addresses
    /// among the contacts become their own documents. Returns the new customers' ids.
    pub fn create_customers_bulk(
        &mut self,
        seeds: &[CustomerSeed],
    ) -> Result<Vec<String>, ReplicaError> {
        let mut checked = Vec::with_capacity(seeds.len());
        for seed in seeds {
            let contacts = seed
                .contacts
                .iter()
                .map(ContactDraft::validated)
                .collect::<Result<Vec<_>, _>>()?;
            let activities = seed
                .activities
                .iter()
                .map(ActivityDraft::validated)
                .collect::<Result<Vec<_>, _>>()?;
            checked.push((seed.draft.validated()?, contacts, activities));
        }
        if checked.iter().any(|(_, contacts, _)| {
            contacts
                .iter()
                .any(|c| c.contact_type == ContactType::Private)
        }) {
            self.session.may_write(PRIVATE_ADDRESS_CLASS)?;
        }
        let stamp = now();
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(checked.len());
        for (draft, contacts, activities) in checked {
            let id = new_id();
            let (private, shared): (Vec<_>, Vec<_>) = contacts
                .into_iter()
                .partition(|c| c.contact_type == ContactType::Private);
            create_in(&tx, &self.actor, &self.author, CUSTOMER_CLASS, &id, |doc| {
                document::write_customer(doc, &id, &draft, &stamp)?;
                for contact in &shared {
                    document::put_contact(doc, &id, &new_id(), contact, &stamp)?;
                }
                for activity in &activities {
                    document::put_activity(doc, &id, &new_id(), activity, &stamp)?;
                }
                Ok(())
            })?;
            for contact in private {
                let contact_id = new_id();
                create_in(
                    &tx,
                    &self.actor,
                    &self.author,
                    PRIVATE_ADDRESS_CLASS,
                    &contact_id,
                    |doc| document::write_private_address(doc, &contact_id, &id, &contact),
                )?;
            }
            ids.push(id);
        }
        tx.commit()?;
        self.notify(crate::session::ChangeOrigin::Import, ids.clone());
        Ok(ids)
    }
}
