//! Tests of the order's invoice and delivery addresses: Odoo's `address_get` order of scanning
//! (the customer, its contacts, then its company's), and a property test against a plain
//! reference written here.

use proptest::prelude::*;

use super::*;

fn candidate(id: &str, contact_type: ContactType) -> AddressCandidate {
    AddressCandidate {
        id: id.to_owned(),
        contact_type,
    }
}

fn addresses(invoice_id: &str, delivery_id: &str) -> OrderAddresses {
    OrderAddresses {
        invoice_id: invoice_id.to_owned(),
        delivery_id: delivery_id.to_owned(),
    }
}

#[test]
fn a_customer_without_addresses_is_its_own_invoice_and_delivery_address() {
    assert_eq!(address_get("c1", &[], None), addresses("c1", "c1"));
    let others = [
        candidate("anh", ContactType::Contact),
        candidate("misc", ContactType::Other),
        candidate("home", ContactType::Private),
    ];
    assert_eq!(address_get("c1", &others, None), addresses("c1", "c1"));
}

#[test]
fn the_first_invoice_and_delivery_contacts_are_taken() {
    let contacts = [
        candidate("anh", ContactType::Contact),
        candidate("kho-1", ContactType::Delivery),
        candidate("ke-toan", ContactType::Invoice),
        candidate("kho-2", ContactType::Delivery),
        candidate("ke-toan-2", ContactType::Invoice),
    ];
    assert_eq!(
        address_get("c1", &contacts, None),
        addresses("ke-toan", "kho-1")
    );
}

#[test]
fn private_addresses_never_count() {
    let contacts = [
        candidate("home", ContactType::Private),
        candidate("kho", ContactType::Delivery),
    ];
    assert_eq!(address_get("c1", &contacts, None), addresses("c1", "kho"));
}

#[test]
fn an_individual_falls_back_to_the_company_s_addresses() {
    let own = [candidate("nha-rieng", ContactType::Delivery)];
    let company = [
        candidate("c1", ContactType::Invoice),
        candidate("kho-cty", ContactType::Delivery),
        candidate("ke-toan-cty", ContactType::Invoice),
    ];
    // The customer's own delivery address wins; the invoice address comes from the company,
    // skipping the customer itself listed among the company's contacts.
    assert_eq!(
        address_get("c1", &own, Some(("cty", &company))),
        addresses("ke-toan-cty", "nha-rieng")
    );
    // Nothing found at the company either: the customer itself, not the company.
    assert_eq!(
        address_get("c1", &[], Some(("cty", &[]))),
        addresses("c1", "c1")
    );
}

#[test]
fn the_company_is_not_scanned_when_the_customer_has_both() {
    let own = [
        candidate("hd", ContactType::Invoice),
        candidate("gh", ContactType::Delivery),
    ];
    let company = [
        candidate("hd-cty", ContactType::Invoice),
        candidate("gh-cty", ContactType::Delivery),
    ];
    assert_eq!(
        address_get("c1", &own, Some(("cty", &company))),
        addresses("hd", "gh")
    );
}

/// The rule written plainly: the customer and the company as contacts, the lists in order,
/// each id kept at its first place; the first of each type, else the customer.
fn reference(
    customer_id: &str,
    own: &[AddressCandidate],
    company: Option<(&str, &[AddressCandidate])>,
) -> OrderAddresses {
    let mut scanned = vec![candidate(customer_id, ContactType::Contact)];
    scanned.extend_from_slice(own);
    if let Some((company_id, contacts)) = company {
        scanned.push(candidate(company_id, ContactType::Contact));
        scanned.extend_from_slice(contacts);
    }
    let mut first_seen: Vec<AddressCandidate> = Vec::new();
    for contact in scanned {
        if !first_seen.iter().any(|seen| seen.id == contact.id) {
            first_seen.push(contact);
        }
    }
    let first = |wanted: ContactType| {
        first_seen
            .iter()
            .find(|c| c.contact_type == wanted)
            .map_or(customer_id.to_owned(), |c| c.id.clone())
    };
    OrderAddresses {
        invoice_id: first(ContactType::Invoice),
        delivery_id: first(ContactType::Delivery),
    }
}

fn candidates() -> impl Strategy<Value = Vec<AddressCandidate>> {
    let id = prop_oneof![
        8 => (0..8_u8).prop_map(|n| format!("p{n}")),
        1 => Just("me".to_owned()),
        1 => Just("co".to_owned()),
    ];
    let contact_type = proptest::sample::select(vec![
        ContactType::Contact,
        ContactType::Invoice,
        ContactType::Delivery,
        ContactType::Other,
        ContactType::Private,
    ]);
    proptest::collection::vec(
        (id, contact_type).prop_map(|(id, contact_type)| AddressCandidate { id, contact_type }),
        0..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn address_get_matches_the_plain_rule(
        own in candidates(),
        company_contacts in candidates(),
        works_for_company in any::<bool>(),
    ) {
        let company = works_for_company.then_some(("co", company_contacts.as_slice()));
        prop_assert_eq!(address_get("me", &own, company), reference("me", &own, company));
    }
}
