//! Which of a customer's addresses an order is invoiced to and delivered to (spec: "invoice and
//! delivery addresses are the ones used on orders"), by Odoo 16's `address_get(['invoice',
//! 'delivery'])` rule, so a new order proposes the same addresses Odoo would.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ContactType;

/// A contact or address of a customer (or of the company an individual works for) that an
/// order's address may be taken from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AddressCandidate {
    pub id: String,
    pub contact_type: ContactType,
}

/// The addresses an order uses: ids of the customer itself or of one of the contacts scanned.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderAddresses {
    pub invoice_id: String,
    pub delivery_id: String,
}

/// The invoice and delivery addresses of an order for `customer_id`, as Odoo 16's
/// `address_get(['invoice', 'delivery'])`: the customer itself (which counts as a contact of
/// type contact) is scanned first, then `own_contacts` in the order given; the first of type
/// Invoice gives the invoice address, the first of type Delivery the delivery address. If one is
/// still missing and the customer is an individual working for a company (`company`: its id and
/// its contacts), the company is scanned next the same way, then its contacts. What is still
/// missing is the customer itself (the first contact-type scanned). An id already scanned is not
/// scanned again (Odoo's `visited`: the customer among its company's contacts counts as the
/// customer); Other and Private contacts never count.
pub fn address_get(
    customer_id: &str,
    own_contacts: &[AddressCandidate],
    company: Option<(&str, &[AddressCandidate])>,
) -> OrderAddresses {
    let mut scan = Scan {
        visited: BTreeSet::from([customer_id]),
        invoice: None,
        delivery: None,
    };
    scan.contacts(own_contacts);
    if let Some((company_id, company_contacts)) = company {
        // The company itself is of type contact, which is found already (the customer).
        scan.visited.insert(company_id);
        scan.contacts(company_contacts);
    }
    OrderAddresses {
        invoice_id: scan.invoice.unwrap_or(customer_id).to_owned(),
        delivery_id: scan.delivery.unwrap_or(customer_id).to_owned(),
    }
}

/// The scan's progress: ids seen and addresses found.
struct Scan<'a> {
    visited: BTreeSet<&'a str>,
    invoice: Option<&'a str>,
    delivery: Option<&'a str>,
}

impl<'a> Scan<'a> {
    fn done(&self) -> bool {
        self.invoice.is_some() && self.delivery.is_some()
    }

    /// Scans `contacts` in order until both addresses are found.
    fn contacts(&mut self, contacts: &'a [AddressCandidate]) {
        for contact in contacts {
            if self.done() {
                return;
            }
            let id = contact.id.as_str();
            if !self.visited.insert(id) {
                continue;
            }
            let slot = match contact.contact_type {
                ContactType::Invoice => &mut self.invoice,
                ContactType::Delivery => &mut self.delivery,
                ContactType::Contact | ContactType::Other | ContactType::Private => continue,
            };
            slot.get_or_insert(id);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "address_tests.rs"]
mod tests;
