//! The sales windows' lists (`Replica::list_orders`, `list_invoices`, `list_payments`,
//! `list_products`, `list_purchases`): search by number and by the customer's name without
//! diacritics, the state filter, the customer filter over a company and the people who work
//! for it, newest first, and the limit.

use clientele_model::commands::SalesListQuery;
use clientele_model::sales::{
    Allocation, InvoiceState, LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft,
    PaymentMethod, ProductDraft, PurchaseState, Vat,
};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::Replica;

fn customer(
    replica: &mut Replica,
    kind: CustomerKind,
    name: &str,
    company: Option<&str>,
) -> String {
    replica
        .create_customer(&CustomerDraft {
            kind,
            name: name.into(),
            company_id: company.map(Into::into),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id
}

fn line(description: &str, unit_price: i64) -> LineEntry {
    LineEntry {
        id: String::new(),
        line: OrderLine {
            product_id: None,
            description: description.into(),
            quantity_milli: 1_000,
            unit_price,
            discount_bp: 0,
            vat: Vat::Exempt,
        },
    }
}

fn quotation(replica: &mut Replica, customer_id: &str, date: &str) -> String {
    replica
        .create_quotation(&OrderDraft {
            customer_id: customer_id.into(),
            date: date.into(),
            lines: vec![line("Cà phê", 100_000)],
            ..OrderDraft::default()
        })
        .unwrap()
        .id
}

fn search(text: &str) -> SalesListQuery {
    SalesListQuery {
        search: text.into(),
        ..SalesListQuery::default()
    }
}

/// A replica with a company, a person working for it, an unrelated company, and a quotation
/// of each, dated one day apart in that order.
struct World {
    replica: Replica,
    company: String,
    person: String,
    other: String,
    orders: [String; 3],
    _dir: tempfile::TempDir,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let company = customer(&mut replica, CustomerKind::Company, "Công ty Hoa Mai", None);
    let person = customer(
        &mut replica,
        CustomerKind::Individual,
        "Trần Văn Bình",
        Some(&company),
    );
    let other = customer(
        &mut replica,
        CustomerKind::Company,
        "Nhà sách Phương Nam",
        None,
    );
    let orders = [
        quotation(&mut replica, &company, "2026-11-01"),
        quotation(&mut replica, &person, "2026-11-02"),
        quotation(&mut replica, &other, "2026-11-03"),
    ];
    World {
        replica,
        company,
        person,
        other,
        orders,
        _dir: dir,
    }
}

fn order_ids(replica: &Replica, query: &SalesListQuery) -> Vec<String> {
    replica
        .list_orders(query)
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect()
}

#[test]
fn orders_are_listed_newest_first_and_found_by_number_any_case() {
    let w = world();
    let all = w.replica.list_orders(&SalesListQuery::default()).unwrap();
    assert_eq!(
        all.iter().map(|o| o.id.clone()).collect::<Vec<_>>(),
        [
            w.orders[2].clone(),
            w.orders[1].clone(),
            w.orders[0].clone()
        ],
        "newest first"
    );
    assert_eq!(all[2].customer_name, "Công ty Hoa Mai");
    assert_eq!(all[2].total, 100_000);

    let second = w.replica.order(&w.orders[1]).unwrap().provisional_number;
    // "S-7F3A-0002": its tail in lower case finds it and only it.
    let tail = second[2..].to_lowercase();
    assert_eq!(order_ids(&w.replica, &search(&tail)), [w.orders[1].clone()]);
    assert_eq!(
        order_ids(&w.replica, &search(&second)),
        [w.orders[1].clone()]
    );
    assert!(order_ids(&w.replica, &search("S-NOPE")).is_empty());
}

#[test]
fn the_customer_name_is_found_without_diacritics() {
    let w = world();
    assert_eq!(
        order_ids(&w.replica, &search("hoa mai")),
        [w.orders[0].clone()],
        "\"hoa mai\" finds Công ty Hoa Mai's order"
    );
    assert_eq!(
        order_ids(&w.replica, &search("  PHUONG   nam ")),
        [w.orders[2].clone()]
    );
    assert_eq!(
        order_ids(&w.replica, &search("Bình")),
        [w.orders[1].clone()]
    );
}

#[test]
fn the_state_filter_separates_quotations_from_sales_orders() {
    let mut w = world();
    w.replica
        .set_order_state(&w.orders[1], OrderState::Sale)
        .unwrap();
    let states = |states: &[&str]| SalesListQuery {
        states: states.iter().map(|s| (*s).to_owned()).collect(),
        ..SalesListQuery::default()
    };
    assert_eq!(
        order_ids(&w.replica, &states(&["sale"])),
        [w.orders[1].clone()]
    );
    assert_eq!(
        order_ids(&w.replica, &states(&["quotation", "sent"])),
        [w.orders[2].clone(), w.orders[0].clone()]
    );
    assert_eq!(order_ids(&w.replica, &states(&[])).len(), 3, "empty: all");
}

#[test]
fn the_customer_filter_takes_the_people_who_work_for_it() {
    let w = world();
    let of = |id: &str| SalesListQuery {
        customer_id: Some(id.to_owned()),
        ..SalesListQuery::default()
    };
    assert_eq!(
        order_ids(&w.replica, &of(&w.company)),
        [w.orders[1].clone(), w.orders[0].clone()],
        "the company's and its employee's"
    );
    assert_eq!(order_ids(&w.replica, &of(&w.person)), [w.orders[1].clone()]);
    assert_eq!(order_ids(&w.replica, &of(&w.other)), [w.orders[2].clone()]);
    let both = SalesListQuery {
        search: "binh".into(),
        ..of(&w.other)
    };
    assert!(order_ids(&w.replica, &both).is_empty(), "filters combine");
}

#[test]
fn the_limit_keeps_the_newest() {
    let w = world();
    let limited = SalesListQuery {
        limit: 2,
        ..SalesListQuery::default()
    };
    assert_eq!(
        order_ids(&w.replica, &limited),
        [w.orders[2].clone(), w.orders[1].clone()]
    );
    let one_product = |replica: &mut Replica, name: &str| {
        replica
            .create_product(
                &ProductDraft {
                    name: name.into(),
                    unit: "kg".into(),
                    sales_price: 1_000,
                    active: true,
                    ..ProductDraft::default()
                },
                &[],
            )
            .unwrap()
    };
    let mut replica = w.replica;
    one_product(&mut replica, "Cà phê hạt");
    one_product(&mut replica, "Trà ô long");
    assert_eq!(replica.list_products(&limited).unwrap().len(), 2);
    let one = SalesListQuery {
        limit: 1,
        ..SalesListQuery::default()
    };
    assert_eq!(replica.list_products(&one).unwrap().len(), 1);
    let found = replica.list_products(&search("tra o")).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].draft.name, "Trà ô long");
}

#[test]
fn invoices_payments_and_purchases_are_listed_with_the_same_query() {
    let mut w = world();
    let replica = &mut w.replica;
    let mut invoices = Vec::new();
    for order in [&w.orders[1], &w.orders[2]] {
        replica.set_order_state(order, OrderState::Sale).unwrap();
        let invoice = replica.invoice_order(order, "2026-11-05").unwrap();
        invoices.push(replica.post_invoice(&invoice.id).unwrap());
    }
    let (person_invoice, other_invoice) = (&invoices[0], &invoices[1]);
    let payment = replica
        .register_payment(&PaymentDraft {
            customer_id: w.person.clone(),
            date: "2026-11-06".into(),
            amount: 40_000,
            method: PaymentMethod::Cash,
            reference: String::new(),
            allocations: vec![Allocation {
                invoice_id: person_invoice.id.clone(),
                amount: 40_000,
            }],
        })
        .unwrap();
    let purchase = replica
        .create_purchase_order(&w.other, "2026-11-07", &[line("Giấy", 5_000)])
        .unwrap();

    let of_company = SalesListQuery {
        customer_id: Some(w.company.clone()),
        ..SalesListQuery::default()
    };
    let listed = replica.list_invoices(&of_company).unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].id, person_invoice.id);
    assert_eq!(listed[0].residual, 60_000, "what is left to pay");
    let found = replica.list_invoices(&search("phuong nam")).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, other_invoice.id);
    let by_number = replica
        .list_invoices(&search(&other_invoice.provisional_number.to_lowercase()))
        .unwrap();
    assert_eq!(by_number.len(), 1);
    assert_eq!(by_number[0].id, other_invoice.id);
    let drafts = SalesListQuery {
        states: vec![InvoiceState::Draft.as_str().into()],
        ..SalesListQuery::default()
    };
    assert!(replica.list_invoices(&drafts).unwrap().is_empty());

    let payments = replica.list_payments(&of_company).unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].id, payment.id);
    assert!(replica
        .list_payments(&SalesListQuery {
            customer_id: Some(w.other.clone()),
            ..SalesListQuery::default()
        })
        .unwrap()
        .is_empty());
    replica.cancel_payment(&payment.id).unwrap();
    let cancelled = SalesListQuery {
        states: vec!["cancelled".into()],
        ..SalesListQuery::default()
    };
    assert_eq!(replica.list_payments(&cancelled).unwrap().len(), 1);

    let purchases = replica.list_purchases(&search("nha sach")).unwrap();
    assert_eq!(purchases.len(), 1);
    assert_eq!(purchases[0].id, purchase.id);
    let confirmed = SalesListQuery {
        states: vec![PurchaseState::Purchase.as_str().into()],
        ..SalesListQuery::default()
    };
    assert!(replica.list_purchases(&confirmed).unwrap().is_empty());
    replica
        .set_purchase_state(&purchase.id, PurchaseState::Purchase)
        .unwrap();
    assert_eq!(replica.list_purchases(&confirmed).unwrap().len(), 1);
}
