//! Sales records on one device and between two (issue 13): a quotation offline with the
//! customer's defaults and a provisional number kept durably, confirmed, invoiced, posted and
//! partly paid; the card's count and the amount due; over-allocation refused with nothing
//! stored; two people editing different lines of one order both kept.

use clientele_model::sales::{
    Allocation, InvoiceState, LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft,
    PaymentMethod, PriceRule, ProductDraft, SalesError, StatementKind, Vat,
};
use clientele_model::team::{Permissions, TeamRole};
use clientele_model::{ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, Session};
use clientele_test_support::memory_server::MemoryServer;

fn company(name: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

fn line(description: &str, quantity_milli: i64, unit_price: i64, vat: Vat) -> LineEntry {
    LineEntry {
        id: String::new(),
        line: OrderLine {
            product_id: None,
            description: description.into(),
            quantity_milli,
            unit_price,
            discount_bp: 0,
            vat,
        },
    }
}

fn quotation(customer_id: &str, lines: Vec<LineEntry>) -> OrderDraft {
    OrderDraft {
        customer_id: customer_id.into(),
        date: "2026-11-28".into(),
        lines,
        ..OrderDraft::default()
    }
}

fn contact(name: &str, contact_type: ContactType) -> ContactDraft {
    ContactDraft {
        contact_type,
        name: name.into(),
        ..ContactDraft::default()
    }
}

#[test]
fn a_visit_quotes_confirms_invoices_and_collects_part_of_the_amount_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&company("Công ty Hoa Mai"))
        .unwrap()
        .id;
    let billing = replica
        .add_contact(&customer, &contact("Phòng kế toán", ContactType::Invoice))
        .unwrap();
    let order = replica
        .create_quotation(&quotation(
            &customer,
            vec![
                // 2 × 150.000 at 10%: 300.000 + 30.000.
                line("Cà phê hạt 1 kg", 2_000, 150_000, Vat::Ten),
                // 1,5 × 99.999 at 8%: 149.998,5 → 149.999, tax 12.000 (11.999,92).
                line("Trà ô long", 1_500, 99_999, Vat::Eight),
            ],
        ))
        .unwrap();
    assert_eq!(order.state, OrderState::Quotation);
    assert!(
        order.provisional_number.starts_with("S-"),
        "{}",
        order.provisional_number
    );
    assert!(
        order.number.is_empty(),
        "no official number before the server gives it"
    );
    assert_eq!(
        order.invoice_address_id, billing,
        "the Invoice contact, as address_get"
    );
    assert_eq!(
        order.delivery_address_id, customer,
        "no Delivery contact: the customer"
    );
    assert_eq!(
        (order.totals.untaxed, order.totals.tax, order.totals.total),
        (449_999, 42_000, 491_999),
        "rounded per line"
    );

    let order = replica
        .set_order_state(&order.id, OrderState::Sale)
        .unwrap();
    let invoice = replica.invoice_order(&order.id, "2026-11-28").unwrap();
    assert_eq!(invoice.state, InvoiceState::Draft);
    assert_eq!(invoice.address_id, billing);
    assert_eq!(invoice.totals, order.totals);
    assert_eq!(
        replica.customer_account(&customer).unwrap().amount_due,
        0,
        "a draft owes nothing"
    );
    let invoice = replica.post_invoice(&invoice.id).unwrap();
    assert_eq!(invoice.residual, 491_999);

    let payment = replica
        .register_payment(&PaymentDraft {
            customer_id: customer.clone(),
            date: "2026-11-28".into(),
            amount: 200_000,
            method: PaymentMethod::Cash,
            reference: "Phiếu thu 17".into(),
            allocations: vec![Allocation {
                invoice_id: invoice.id.clone(),
                amount: 200_000,
            }],
        })
        .unwrap();
    assert!(payment.provisional_number.starts_with("PAY-"));
    assert_eq!(payment.customer_name, "Công ty Hoa Mai");
    assert_eq!(
        invoice.customer_name, "Công ty Hoa Mai",
        "lists show the customer's name"
    );
    assert_eq!(replica.invoice(&invoice.id).unwrap().residual, 291_999);
    let account = replica.customer_account(&customer).unwrap();
    assert_eq!(
        (
            account.sales_count,
            account.invoiced,
            account.paid,
            account.amount_due
        ),
        (1, 491_999, 200_000, 291_999)
    );
    let statement = replica.customer_statement(&customer).unwrap();
    assert_eq!(
        statement
            .iter()
            .map(|e| (e.kind, e.amount, e.balance))
            .collect::<Vec<_>>(),
        vec![
            (StatementKind::Invoice, 491_999, 491_999),
            (StatementKind::Payment, -200_000, 291_999)
        ]
    );

    // The card counts the order (C7).
    let page = replica
        .customer_page(&clientele_model::query::CustomerQuery {
            today: "2026-11-28".into(),
            ..Default::default()
        })
        .unwrap();
    let card = page.rows.iter().find(|r| r.id == customer).unwrap();
    assert_eq!(card.sales_count, 1);
    assert_eq!(
        card.amount_due, 291_999,
        "the card's amount due equals the form's"
    );
    assert_eq!(replica.customer_orders(&customer).unwrap()[0].id, order.id);
}

#[test]
fn paying_more_than_is_left_on_an_invoice_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&company("Nhà sách Phương Nam"))
        .unwrap()
        .id;
    let order = replica
        .create_quotation(&quotation(
            &customer,
            vec![line("Sách", 1_000, 100_000, Vat::Exempt)],
        ))
        .unwrap();
    replica
        .set_order_state(&order.id, OrderState::Sale)
        .unwrap();
    let invoice = replica.invoice_order(&order.id, "2026-11-28").unwrap();
    let invoice = replica.post_invoice(&invoice.id).unwrap();
    let refused = replica
        .register_payment(&PaymentDraft {
            customer_id: customer.clone(),
            date: "2026-11-28".into(),
            amount: 150_000,
            method: PaymentMethod::Transfer,
            reference: String::new(),
            allocations: vec![Allocation {
                invoice_id: invoice.id.clone(),
                amount: 150_000,
            }],
        })
        .unwrap_err();
    match &refused {
        ReplicaError::Sales(SalesError::OverAllocated { residual, .. }) => {
            assert_eq!(*residual, 100_000)
        }
        other => panic!("expected an over-allocation, got {other:?}"),
    }
    let shown = clientele_model::CommandError::from(refused);
    assert_eq!(shown.field.as_deref(), Some("allocations"));
    assert!(shown.message.contains("100.000 ₫"), "{}", shown.message);
    assert!(replica.customer_payments(&customer).unwrap().is_empty());
    assert_eq!(
        replica.customer_account(&customer).unwrap().amount_due,
        100_000
    );
    // Cancelling a paid invoice is refused until its payment is cancelled.
    let payment = replica
        .register_payment(&PaymentDraft {
            customer_id: customer.clone(),
            date: "2026-11-29".into(),
            amount: 40_000,
            method: PaymentMethod::Cash,
            reference: String::new(),
            allocations: vec![Allocation {
                invoice_id: invoice.id.clone(),
                amount: 40_000,
            }],
        })
        .unwrap();
    assert!(matches!(
        replica.cancel_invoice(&invoice.id),
        Err(ReplicaError::Sales(SalesError::InvoiceHasPayments { .. }))
    ));
    replica.cancel_payment(&payment.id).unwrap();
    assert_eq!(
        replica.customer_account(&customer).unwrap().amount_due,
        100_000
    );
    replica.cancel_invoice(&invoice.id).unwrap();
    assert_eq!(replica.customer_account(&customer).unwrap().amount_due, 0);
}

#[test]
fn inputs_are_refused_naming_the_field_and_states_follow_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&company("Công ty Sen Vàng"))
        .unwrap()
        .id;
    let other = replica
        .create_customer(&company("Công ty Khác"))
        .unwrap()
        .id;
    let foreign = replica
        .add_contact(&other, &contact("Kho", ContactType::Delivery))
        .unwrap();
    let field = |error: ReplicaError| clientele_model::CommandError::from(error).field;
    let mut bad_date = quotation(&customer, vec![]);
    bad_date.date = "28/11/2026".into();
    assert_eq!(
        field(replica.create_quotation(&bad_date).unwrap_err()).as_deref(),
        Some("date")
    );
    let bad_line = quotation(&customer, vec![line("Cà phê", 0, 1_000, Vat::Ten)]);
    assert_eq!(
        field(replica.create_quotation(&bad_line).unwrap_err()).as_deref(),
        Some("quantity")
    );
    let mut elsewhere = quotation(&customer, vec![]);
    elsewhere.delivery_address_id = Some(foreign);
    assert_eq!(
        field(replica.create_quotation(&elsewhere).unwrap_err()).as_deref(),
        Some("delivery_address_id")
    );
    let missing = quotation("no-such-customer", vec![]);
    assert!(matches!(
        replica.create_quotation(&missing),
        Err(ReplicaError::NotFound { .. })
    ));
    let empty = replica
        .create_quotation(&quotation(&customer, vec![]))
        .unwrap();
    assert_eq!(
        field(
            replica
                .set_order_state(&empty.id, OrderState::Sale)
                .unwrap_err()
        )
        .as_deref(),
        Some("lines")
    );
    assert_eq!(
        field(replica.invoice_order(&empty.id, "2026-11-28").unwrap_err()).as_deref(),
        Some("state"),
        "a quotation is not invoiced"
    );
    replica
        .set_order_state(&empty.id, OrderState::Cancelled)
        .unwrap();
    assert_eq!(
        field(
            replica
                .update_order(&empty.id, &quotation(&customer, vec![]))
                .unwrap_err()
        )
        .as_deref(),
        Some("state")
    );
    assert_eq!(replica.customer_orders(&customer).unwrap().len(), 1);
}

#[test]
fn provisional_numbers_count_up_and_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (customer, first) = {
        let mut replica = Replica::open(dir.path()).unwrap();
        let customer = replica
            .create_customer(&company("Công ty Hoa Mai"))
            .unwrap()
            .id;
        let first = replica
            .create_quotation(&quotation(&customer, vec![]))
            .unwrap()
            .provisional_number;
        (customer, first)
    };
    let mut reopened = Replica::open(dir.path()).unwrap();
    let second = reopened
        .create_quotation(&quotation(&customer, vec![]))
        .unwrap()
        .provisional_number;
    assert!(first.ends_with("-0001"), "{first}");
    assert!(second.ends_with("-0002"), "{second}");
    assert_eq!(
        first[..first.len() - 4],
        second[..second.len() - 4],
        "one device prefix"
    );
}

#[test]
fn two_people_editing_different_lines_of_one_order_offline_both_keep_their_edit() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let mut lan = Replica::open(&dir.path().join("lan")).unwrap();
    let mut minh = Replica::open(&dir.path().join("minh")).unwrap();
    let customer = lan.create_customer(&company("Công ty Hoa Mai")).unwrap().id;
    let order = lan
        .create_quotation(&quotation(
            &customer,
            vec![
                line("Cà phê", 1_000, 100_000, Vat::Ten),
                line("Trà", 1_000, 50_000, Vat::Ten),
            ],
        ))
        .unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();

    // Offline: Lan changes the coffee's quantity, Minh the tea's price.
    let mut lans = lan.order(&order.id).unwrap();
    lans.lines[0].line.quantity_milli = 3_000;
    lan.update_order(&order.id, &draft_of(&lans)).unwrap();
    let mut minhs = minh.order(&order.id).unwrap();
    minhs.lines[1].line.unit_price = 60_000;
    minh.update_order(&order.id, &draft_of(&minhs)).unwrap();

    for _ in 0..2 {
        lan.sync_once(&server).unwrap();
        minh.sync_once(&server).unwrap();
    }
    for replica in [&lan, &minh] {
        let merged = replica.order(&order.id).unwrap();
        assert_eq!(merged.lines[0].line.quantity_milli, 3_000);
        assert_eq!(merged.lines[1].line.unit_price, 60_000);
        assert_eq!(merged.totals.total, 396_000);
        assert_eq!(
            replica.customer_orders(&customer).unwrap()[0].total,
            396_000
        );
    }
}

fn draft_of(order: &clientele_model::sales::SaleOrder) -> OrderDraft {
    OrderDraft {
        customer_id: order.customer_id.clone(),
        date: order.date.clone(),
        invoice_address_id: Some(order.invoice_address_id.clone()),
        delivery_address_id: Some(order.delivery_address_id.clone()),
        pricelist_id: order.pricelist_id.clone(),
        payment_terms_id: order.payment_terms_id.clone(),
        salesperson_id: order.salesperson_id.clone(),
        note: order.note.clone(),
        lines: order.lines.clone(),
    }
}

#[test]
fn a_rep_may_not_issue_invoices_or_change_products_and_a_manager_may() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let product = ProductDraft {
        name: "Cà phê hạt".into(),
        internal_ref: "CF-1".into(),
        unit: "kg".into(),
        sales_price: 150_000,
        vat: Vat::Ten,
        active: true,
    };
    let customer = replica
        .create_customer(&company("Công ty Hoa Mai"))
        .unwrap()
        .id;
    let order = replica
        .create_quotation(&quotation(
            &customer,
            vec![line("Cà phê", 1_000, 100_000, Vat::Ten)],
        ))
        .unwrap();
    replica
        .set_order_state(&order.id, OrderState::Sale)
        .unwrap();
    let as_role = |role: TeamRole| Session {
        user: "minh".into(),
        permissions: Permissions::of(role, false),
    };
    replica.set_session(as_role(TeamRole::Rep));
    assert!(matches!(
        replica.invoice_order(&order.id, "2026-11-28"),
        Err(ReplicaError::Forbidden(_))
    ));
    assert!(matches!(
        replica.create_product(&product, &[]),
        Err(ReplicaError::Forbidden(_))
    ));
    replica.set_session(as_role(TeamRole::Manager));
    replica.invoice_order(&order.id, "2026-11-28").unwrap();
    let created = replica
        .create_product(&product, &[("vip".into(), PriceRule::PercentOff(1_000))])
        .unwrap();
    assert_eq!(
        replica.product_price(&created.id, Some("vip")).unwrap(),
        135_000
    );
    assert_eq!(replica.product_price(&created.id, None).unwrap(), 150_000);
    assert_eq!(replica.products("ca phe", false).unwrap()[0].id, created.id);
}

#[test]
fn a_document_of_a_class_from_a_newer_build_is_kept_and_does_not_stop_the_sync() {
    use automerge::transaction::Transactable;
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let mut newer = automerge::AutoCommit::new();
    newer
        .put(automerge::ROOT, "class", "delivery_note")
        .unwrap();
    newer.put(automerge::ROOT, "id", "d1").unwrap();
    use base64::Engine;
    use clientele_replica::SyncTransport;
    server
        .push(&clientele_model::sync::PushRequest {
            protocol: clientele_model::sync::PROTOCOL_VERSION,
            changes: vec![clientele_model::sync::DocumentChanges {
                doc_id: "d1".into(),
                class: "delivery_note".into(),
                data: base64::engine::general_purpose::STANDARD.encode(newer.save()),
            }],
        })
        .unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&company("Công ty Hoa Mai"))
        .unwrap()
        .id;
    replica.sync_once(&server).unwrap();
    assert_eq!(replica.unsent_documents().unwrap(), 0);
    assert!(replica.check().unwrap().problems.is_empty());
    assert_eq!(
        replica.customer(&customer).unwrap().draft.name,
        "Công ty Hoa Mai"
    );
}
