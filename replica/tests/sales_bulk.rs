//! Seeding sales records in bulk (`seed_sales_bulk`, for seeding and benchmarks) stores what
//! the one-by-one path stores: the same order totals, invoices and payments, the same account.

use clientele_model::sales::{
    Allocation, InvoiceState, LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft,
    PaymentMethod, Vat,
};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::Replica;

fn lines() -> Vec<LineEntry> {
    (1..=20)
        .map(|n| LineEntry {
            id: String::new(),
            line: OrderLine {
                product_id: None,
                description: format!("Hàng mẫu {n}"),
                quantity_milli: 1_500 * n,
                unit_price: 99_999 + n,
                discount_bp: 250 * (n % 3),
                vat: if n % 2 == 0 { Vat::Ten } else { Vat::Eight },
            },
        })
        .collect()
}

fn payment(customer_id: &str, amount: i64) -> PaymentDraft {
    PaymentDraft {
        customer_id: customer_id.into(),
        date: "2026-11-29".into(),
        amount,
        method: PaymentMethod::Cash,
        reference: String::new(),
        allocations: Vec::new(),
    }
}

#[test]
fn seeded_orders_invoices_and_payments_read_back_like_ones_made_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let mut customer = || {
        replica
            .create_customer(&CustomerDraft {
                kind: CustomerKind::Company,
                name: "Công ty Hoa Mai".into(),
                ..CustomerDraft::default()
            })
            .unwrap()
            .id
    };
    let (one, bulk) = (customer(), customer());
    let draft = |customer_id: &str| OrderDraft {
        customer_id: customer_id.into(),
        date: "2026-11-28".into(),
        lines: lines(),
        ..OrderDraft::default()
    };

    // One by one: a quotation left as it is, and an order confirmed, invoiced, posted and
    // partly paid.
    let quotation = replica.create_quotation(&draft(&one)).unwrap();
    let sold = replica.create_quotation(&draft(&one)).unwrap();
    replica.set_order_state(&sold.id, OrderState::Sale).unwrap();
    let invoice = replica.invoice_order(&sold.id, "2026-11-28").unwrap();
    replica.post_invoice(&invoice.id).unwrap();
    let paid = replica
        .register_payment(&PaymentDraft {
            allocations: vec![Allocation {
                invoice_id: invoice.id.clone(),
                amount: 1_000_000,
            }],
            ..payment(&one, 1_000_000)
        })
        .unwrap();

    // The same in one bulk seed.
    let seeded = replica
        .seed_sales_bulk(&[
            (draft(&bulk), OrderState::Quotation, None),
            (
                draft(&bulk),
                OrderState::Sale,
                Some(payment(&bulk, 1_000_000)),
            ),
        ])
        .unwrap();
    assert_eq!(seeded.len(), 2);
    assert_eq!((seeded[0].1.as_ref(), seeded[0].2.as_ref()), (None, None));

    let seeded_quotation = replica.order(&seeded[0].0).unwrap();
    assert_eq!(seeded_quotation.totals, quotation.totals);
    assert_eq!(seeded_quotation.state, OrderState::Quotation);
    assert_eq!(seeded_quotation.lines.len(), 20);
    let seeded_sale = replica.order(&seeded[1].0).unwrap();
    assert_eq!(seeded_sale.state, OrderState::Sale);
    assert_eq!(seeded_sale.totals, sold.totals);
    assert!(seeded_sale.provisional_number.starts_with("S-"));
    assert_ne!(seeded_sale.provisional_number, sold.provisional_number);

    let seeded_invoice = replica.invoice(seeded[1].1.as_ref().unwrap()).unwrap();
    assert_eq!(seeded_invoice.state, InvoiceState::Posted);
    assert_eq!(
        seeded_invoice.order_id.as_deref(),
        Some(seeded_sale.id.as_str())
    );
    assert_eq!(seeded_invoice.totals, invoice.totals);
    assert_eq!(
        seeded_invoice.residual,
        replica.invoice(&invoice.id).unwrap().residual
    );
    let seeded_payment = replica.payment(seeded[1].2.as_ref().unwrap()).unwrap();
    assert_eq!(seeded_payment.draft.amount, paid.draft.amount);
    assert_eq!(
        seeded_payment.draft.allocations[0].invoice_id,
        seeded_invoice.id
    );

    assert_eq!(
        replica.customer_account(&bulk).unwrap(),
        replica.customer_account(&one).unwrap()
    );
    let (by_one, by_bulk) = (
        replica.customer_orders(&one).unwrap(),
        replica.customer_orders(&bulk).unwrap(),
    );
    assert_eq!(by_bulk.len(), 2);
    let totals = |list: &[clientele_model::sales::OrderSummary]| {
        let mut t: Vec<_> = list.iter().map(|o| (o.total, o.state)).collect();
        t.sort_by_key(|(total, state)| (*total, state.as_str()));
        t
    };
    assert_eq!(totals(&by_bulk), totals(&by_one));
}

#[test]
fn a_payment_above_the_invoice_or_of_an_unconfirmed_order_is_refused_with_nothing_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Nguyễn Thị Lan".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    let draft = OrderDraft {
        customer_id: customer.clone(),
        date: "2026-11-28".into(),
        lines: lines(),
        ..OrderDraft::default()
    };
    let fine = (draft.clone(), OrderState::Sale, None);
    assert!(replica
        .seed_sales_bulk(&[
            fine.clone(),
            (
                draft.clone(),
                OrderState::Sale,
                Some(payment(&customer, i64::MAX / 4))
            )
        ])
        .is_err());
    assert!(replica
        .seed_sales_bulk(&[
            fine,
            (
                draft,
                OrderState::Quotation,
                Some(payment(&customer, 1_000))
            )
        ])
        .is_err());
    assert!(replica.customer_orders(&customer).unwrap().is_empty());
}
