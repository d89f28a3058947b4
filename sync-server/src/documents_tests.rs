//! What the server does to pushed sales records: who may write which class, and the official
//! number given once, as a change every device receives through the log.

use std::collections::HashMap;

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc, ROOT};
use clientele_schema::{keys, DocumentClass};

use super::merge_entry;
use crate::store::{Merged, NewEntry, NumberSource, Role, StoreError, User};

/// Sequences as a store keeps them.
#[derive(Default)]
struct Sequences(HashMap<String, u64>);

impl NumberSource for Sequences {
    fn next_number(&mut self, sequence: &str) -> Result<u64, StoreError> {
        let last = self.0.entry(sequence.to_owned()).or_default();
        *last += 1;
        Ok(*last)
    }
}

fn member(name: &str, role: Role) -> User {
    User {
        name: name.into(),
        role,
        private_addresses: false,
        disabled: false,
    }
}

/// A new sales record by `author`, as a device creates it.
fn record(author: &str, fields: &[(&str, &str)]) -> AutoCommit {
    let mut doc = AutoCommit::new();
    for (key, value) in fields {
        doc.put(ROOT, *key, *value).unwrap();
    }
    doc.commit_with(automerge::transaction::CommitOptions::default().with_message(author));
    doc
}

fn pushed(doc_id: &str, class: DocumentClass, data: Vec<u8>) -> NewEntry {
    NewEntry {
        doc_id: doc_id.into(),
        class: class.as_str().into(),
        data,
    }
}

fn number_of(bytes: &[u8]) -> Option<String> {
    let doc = AutoCommit::load(bytes).unwrap();
    doc.get(ROOT, keys::OFFICIAL_NUMBER)
        .unwrap()
        .map(|(value, _)| value.as_str().unwrap().to_owned())
}

#[test]
fn a_new_order_is_numbered_once_and_devices_receive_the_number_through_the_log() {
    let lan = member("lan", Role::Rep);
    let mut numbers = Sequences::default();
    let mut order = record(
        "lan",
        &[
            (keys::SALES_STATE, "quotation"),
            (keys::PROVISIONAL_NUMBER, "LAN-0001"),
        ],
    );
    let entry = pushed("o1", DocumentClass::SaleOrder, order.save());
    let merged: Merged = merge_entry(&lan, &entry, None, &mut numbers)
        .unwrap()
        .unwrap();
    assert_eq!(number_of(&merged.snapshot).as_deref(), Some("S00001"));
    // What the log keeps loads on a device that has nothing, and on the device that sent it.
    let log = merged.log_data.expect("the numbering change is logged");
    let mut fresh = AutoCommit::new();
    fresh.load_incremental(&log).unwrap();
    assert_eq!(number_of(&fresh.save()).as_deref(), Some("S00001"));
    order.load_incremental(&log).unwrap();
    assert_eq!(number_of(&order.save()).as_deref(), Some("S00001"));
    assert_eq!(
        order
            .get(ROOT, keys::PROVISIONAL_NUMBER)
            .unwrap()
            .unwrap()
            .0
            .as_str(),
        Some("LAN-0001"),
        "the provisional number is kept"
    );
    // Lan edits the numbered order: it keeps its number, no new one is drawn.
    order.put(ROOT, keys::SALES_STATE, "sale").unwrap();
    order.commit_with(automerge::transaction::CommitOptions::default().with_message("lan"));
    let edit = pushed("o1", DocumentClass::SaleOrder, order.save());
    let edited = merge_entry(&lan, &edit, Some(&merged.snapshot), &mut numbers)
        .unwrap()
        .unwrap();
    assert_eq!(edited.log_data, None);
    assert_eq!(number_of(&edited.snapshot).as_deref(), Some("S00001"));
    let second = record("lan", &[(keys::SALES_STATE, "quotation")]);
    let next = merge_entry(
        &lan,
        &pushed("o2", DocumentClass::SaleOrder, second.clone().save()),
        None,
        &mut numbers,
    )
    .unwrap()
    .unwrap();
    assert_eq!(number_of(&next.snapshot).as_deref(), Some("S00002"));
}

#[test]
fn an_invoice_is_numbered_when_posted_with_its_year() {
    let manager = member("an", Role::Manager);
    let mut numbers = Sequences::default();
    let mut invoice = record(
        "an",
        &[
            (keys::SALES_STATE, "draft"),
            (keys::SALES_DATE, "2026-11-28"),
        ],
    );
    let draft = merge_entry(
        &manager,
        &pushed("i1", DocumentClass::Invoice, invoice.save()),
        None,
        &mut numbers,
    )
    .unwrap()
    .unwrap();
    assert_eq!(number_of(&draft.snapshot), None, "no number for a draft");
    invoice.put(ROOT, keys::SALES_STATE, "posted").unwrap();
    invoice.commit_with(automerge::transaction::CommitOptions::default().with_message("an"));
    let posted = merge_entry(
        &manager,
        &pushed("i1", DocumentClass::Invoice, invoice.save()),
        Some(&draft.snapshot),
        &mut numbers,
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        number_of(&posted.snapshot).as_deref(),
        Some("INV/2026/00001")
    );
}

#[test]
fn a_device_may_not_set_an_official_number() {
    let lan = member("lan", Role::Manager);
    let mut forged = record(
        "lan",
        &[
            (keys::SALES_STATE, "quotation"),
            (keys::OFFICIAL_NUMBER, "S99999"),
        ],
    );
    let refused = merge_entry(
        &lan,
        &pushed("o1", DocumentClass::SaleOrder, forged.save()),
        None,
        &mut Sequences::default(),
    )
    .unwrap_err();
    assert!(refused.to_string().contains("official number"), "{refused}");
}

#[test]
fn reps_may_not_write_products_invoices_or_purchases_and_managers_may() {
    let rep = member("minh", Role::Rep);
    let manager = member("an", Role::Manager);
    for (class, says) in [
        (DocumentClass::Product, "products"),
        (DocumentClass::Invoice, "invoices"),
        (DocumentClass::PurchaseOrder, "purchase orders"),
    ] {
        let doc = record(
            "minh",
            &[
                (keys::SALES_STATE, "draft"),
                (keys::SALES_DATE, "2026-11-28"),
            ],
        );
        let entry = pushed("d1", class, doc.clone().save());
        let refused = merge_entry(&rep, &entry, None, &mut Sequences::default()).unwrap_err();
        assert!(
            matches!(refused, StoreError::Forbidden { .. }) && refused.to_string().contains(says),
            "{class}: {refused}"
        );
        let by_manager = record(
            "an",
            &[
                (keys::SALES_STATE, "draft"),
                (keys::SALES_DATE, "2026-11-28"),
            ],
        );
        let entry = pushed("d1", class, by_manager.clone().save());
        assert!(
            merge_entry(&manager, &entry, None, &mut Sequences::default())
                .unwrap()
                .is_some(),
            "{class}"
        );
    }
    // A product a manager made, sent again unchanged by a rep's device, is not the rep's edit.
    let product = record("an", &[("name", "Cà phê")]);
    let entry = pushed("p1", DocumentClass::Product, product.clone().save());
    let stored = merge_entry(&manager, &entry, None, &mut Sequences::default())
        .unwrap()
        .unwrap();
    assert_eq!(
        merge_entry(
            &rep,
            &entry,
            Some(&stored.snapshot),
            &mut Sequences::default()
        )
        .unwrap(),
        None
    );
    // Orders and payments are the whole team's.
    for class in [DocumentClass::SaleOrder, DocumentClass::Payment] {
        let doc = record(
            "minh",
            &[
                (keys::SALES_STATE, "posted"),
                (keys::SALES_DATE, "2026-11-28"),
            ],
        );
        let entry = pushed("d2", class, doc.clone().save());
        let merged = merge_entry(&rep, &entry, None, &mut Sequences::default())
            .unwrap()
            .unwrap();
        assert!(number_of(&merged.snapshot).is_some(), "{class}");
    }
}
