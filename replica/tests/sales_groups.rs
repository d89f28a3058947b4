//! The sales windows' rows, pages and groups (`list_invoices`, `list_payments`,
//! `list_purchases` read from the projection; `count_sales`; `group_sales`): every row equals
//! the same record read whole, pages give every record exactly once, groups count and sum what
//! a recomputation from the rows gives and unfold to exactly their records, and a query the
//! records cannot answer is refused naming its field.

use std::collections::{BTreeMap, BTreeSet};

use clientele_model::commands::{ReferenceList, SalesListQuery};
use clientele_model::sales::{
    Allocation, LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft, PaymentMethod,
    ProductDraft, PurchaseState, SalesClass, SalesGroup, SalesGroupBy, SalesGroupKey, Vat, Vnd,
};
use clientele_model::{CommandError, CustomerDraft, CustomerKind, ErrorCode};
use clientele_replica::{Replica, ReplicaError};

fn line(unit_price: Vnd) -> LineEntry {
    LineEntry {
        id: String::new(),
        line: OrderLine {
            product_id: None,
            description: "Cà phê hạt".into(),
            quantity_milli: 1_000,
            unit_price,
            discount_bp: 0,
            vat: Vat::Ten,
        },
    }
}

fn customer(replica: &mut Replica, name: &str, company: Option<&str>) -> String {
    let kind = match company {
        Some(_) => CustomerKind::Individual,
        None => CustomerKind::Company,
    };
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

/// A replica holding, over three months, orders in every state (some with a salesperson),
/// invoices drafted, posted and cancelled, payments partial, whole, unallocated and cancelled,
/// purchase orders in every state, and a few products. Several records share a date, so a
/// page boundary falls between records of one day.
struct World {
    replica: Replica,
    company: String,
    _dir: tempfile::TempDir,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    for (login, name) in [("hoa", "Hoa"), ("lan", "Lan")] {
        replica
            .add_settings_entry(ReferenceList::Salespeople, Some(login), name, 0)
            .unwrap();
    }
    let company = customer(&mut replica, "Công ty Hoa Mai", None);
    let person = customer(&mut replica, "Trần Văn Bình", Some(&company));
    let other = customer(&mut replica, "Nhà sách Phương Nam", None);
    let parties = [&company, &person, &other];
    let salespeople = [Some("hoa"), Some("lan"), None];
    let dates = ["2026-10-05", "2026-11-01", "2026-11-01", "2026-12-24"];
    let states = [
        OrderState::Sale,
        OrderState::Quotation,
        OrderState::Sale,
        OrderState::Sent,
        OrderState::Sale,
        OrderState::Cancelled,
    ];
    let mut invoices = Vec::new();
    for i in 0..14usize {
        let party = parties[i % 3];
        let order = replica
            .create_quotation(&OrderDraft {
                customer_id: party.clone(),
                date: dates[i % 4].into(),
                salesperson_id: salespeople[i % 3].map(Into::into),
                lines: vec![line(100_000 * (i as Vnd + 1))],
                ..OrderDraft::default()
            })
            .unwrap();
        let state = states[i % 6];
        if state != OrderState::Quotation {
            replica.set_order_state(&order.id, state).unwrap();
        }
        if state == OrderState::Sale {
            let invoice = replica
                .invoice_order(&order.id, dates[(i + 1) % 4])
                .unwrap();
            invoices.push((party.clone(), invoice.id));
        }
    }
    // Invoices: the first stays a draft, one is cancelled, the rest are posted.
    for (n, (_, id)) in invoices.iter().enumerate().skip(1) {
        replica.post_invoice(id).unwrap();
        if n == 2 {
            replica.cancel_invoice(id).unwrap();
        }
    }
    let pay = |customer_id: &str, date: &str, amount, allocations| PaymentDraft {
        customer_id: customer_id.into(),
        date: date.into(),
        amount,
        method: PaymentMethod::Transfer,
        reference: "UNC 0042".into(),
        allocations,
    };
    let allocation = |invoice_id: &str, amount| Allocation {
        invoice_id: invoice_id.into(),
        amount,
    };
    let (first_party, first_paid) = &invoices[3];
    let (second_party, second_paid) = &invoices[4];
    let payments = [
        pay(
            first_party,
            "2026-12-01",
            50_000,
            vec![allocation(first_paid, 50_000)],
        ),
        pay(
            second_party,
            "2026-12-01",
            70_000,
            vec![allocation(second_paid, 70_000)],
        ),
        pay(&company, "2026-11-15", 20_000, vec![]),
        pay(
            first_party,
            "2026-12-02",
            10_000,
            vec![allocation(first_paid, 10_000)],
        ),
    ];
    let mut registered = Vec::new();
    for payment in &payments {
        registered.push(replica.register_payment(payment).unwrap().id);
    }
    replica.cancel_payment(&registered[3]).unwrap();
    for (i, date) in [
        "2026-10-09",
        "2026-11-20",
        "2026-11-20",
        "2026-12-03",
        "2026-12-03",
    ]
    .into_iter()
    .enumerate()
    {
        let vendor = if i % 2 == 0 { &other } else { &company };
        let purchase = replica
            .create_purchase_order(vendor, date, &[line(40_000 * (i as Vnd + 1))])
            .unwrap();
        match i {
            1 | 3 => {
                replica
                    .set_purchase_state(&purchase.id, PurchaseState::Purchase)
                    .unwrap();
            }
            4 => {
                replica
                    .set_purchase_state(&purchase.id, PurchaseState::Cancelled)
                    .unwrap();
            }
            _ => {}
        }
    }
    for name in [
        "Cà phê hạt",
        "Trà ô long",
        "Bánh pía",
        "Hạt điều",
        "Nước mắm",
    ] {
        replica
            .create_product(
                &ProductDraft {
                    name: name.into(),
                    unit: "kg".into(),
                    sales_price: 10_000,
                    active: true,
                    ..ProductDraft::default()
                },
                &[],
            )
            .unwrap();
    }
    World {
        replica,
        company,
        _dir: dir,
    }
}

fn everything() -> SalesListQuery {
    SalesListQuery {
        limit: 500,
        ..SalesListQuery::default()
    }
}

/// One record of a list as the groups see it: its id, date, state, customer and amount.
struct Record {
    id: String,
    date: String,
    state: String,
    party: String,
    amount: Vnd,
}

/// Every record of `class` matching `query`, one page of `limit`, as [`Record`]s.
fn records(replica: &Replica, class: SalesClass, query: &SalesListQuery) -> Vec<Record> {
    match class {
        SalesClass::Orders => replica
            .list_orders(query)
            .unwrap()
            .into_iter()
            .map(|o| Record {
                state: o.state.as_str().into(),
                party: o.customer_id,
                amount: o.total,
                date: o.date,
                id: o.id,
            })
            .collect(),
        SalesClass::Invoices => replica
            .list_invoices(query)
            .unwrap()
            .into_iter()
            .map(|i| Record {
                state: i.state.as_str().into(),
                party: i.customer_id,
                amount: i.total,
                date: i.date,
                id: i.id,
            })
            .collect(),
        SalesClass::Payments => replica
            .list_payments(query)
            .unwrap()
            .into_iter()
            .map(|p| Record {
                state: if p.cancelled { "cancelled" } else { "posted" }.into(),
                party: p.customer_id,
                amount: p.amount,
                date: p.date,
                id: p.id,
            })
            .collect(),
        SalesClass::Purchases => replica
            .list_purchases(query)
            .unwrap()
            .into_iter()
            .map(|p| Record {
                state: p.state.as_str().into(),
                party: p.vendor_id,
                amount: p.total,
                date: p.date,
                id: p.id,
            })
            .collect(),
        SalesClass::Products => replica
            .list_products(query)
            .unwrap()
            .into_iter()
            .map(|p| Record {
                id: p.id,
                date: String::new(),
                state: String::new(),
                party: String::new(),
                amount: p.draft.sales_price,
            })
            .collect(),
    }
}

/// The group `record` of `class` falls in for `by`, read from the records themselves (the
/// salesperson from the order, an invoice's from its order).
fn key_of(replica: &Replica, class: SalesClass, by: SalesGroupBy, record: &Record) -> String {
    match by {
        SalesGroupBy::Customer => record.party.clone(),
        SalesGroupBy::State => record.state.clone(),
        SalesGroupBy::Month => record.date[..7].to_owned(),
        SalesGroupBy::Salesperson => {
            let order_id = match class {
                SalesClass::Orders => Some(record.id.clone()),
                _ => replica.invoice(&record.id).unwrap().order_id,
            };
            order_id
                .and_then(|id| replica.order(&id).unwrap().salesperson_id)
                .unwrap_or_default()
        }
    }
}

#[test]
fn the_rows_equal_the_records_read_one_by_one() {
    let w = world();
    let replica = &w.replica;
    let invoices = replica.list_invoices(&everything()).unwrap();
    assert_eq!(invoices.len(), 7, "one per confirmed order");
    for row in &invoices {
        assert_eq!(row, &replica.invoice(&row.id).unwrap().summary());
    }
    assert!(
        invoices
            .iter()
            .any(|i| i.residual > 0 && i.residual < i.total),
        "a partly paid invoice is among them: {invoices:?}"
    );
    let payments = replica.list_payments(&everything()).unwrap();
    assert_eq!(payments.len(), 4);
    for row in &payments {
        assert_eq!(row, &replica.payment(&row.id).unwrap().summary());
    }
    assert!(payments.iter().any(|p| p.cancelled));
    let purchases = replica.list_purchases(&everything()).unwrap();
    assert_eq!(purchases.len(), 5);
    for row in &purchases {
        assert_eq!(row, &replica.purchase_order(&row.id).unwrap().summary());
    }
    assert!(purchases.iter().all(|p| !p.vendor_name.is_empty()));
}

#[test]
fn pages_give_every_record_exactly_once_newest_first() {
    let w = world();
    let replica = &w.replica;
    let filters = [
        SalesListQuery::default(),
        SalesListQuery {
            customer_id: Some(w.company.clone()),
            ..SalesListQuery::default()
        },
        SalesListQuery {
            search: "hoa mai".into(),
            ..SalesListQuery::default()
        },
    ];
    for class in SalesClass::ALL {
        for filter in &filters {
            let whole: Vec<String> = records(
                replica,
                class,
                &SalesListQuery {
                    limit: 500,
                    ..filter.clone()
                },
            )
            .into_iter()
            .map(|r| r.id)
            .collect();
            let count = replica.count_sales(class, filter).unwrap();
            assert_eq!(count, whole.len() as u64, "{class:?} {filter:?}");
            let mut paged = Vec::new();
            for page in 0.. {
                let rows = records(
                    replica,
                    class,
                    &SalesListQuery {
                        limit: 3,
                        offset: page * 3,
                        ..filter.clone()
                    },
                );
                assert!(rows.len() <= 3);
                if rows.is_empty() {
                    break;
                }
                paged.extend(rows.into_iter().map(|r| r.id));
            }
            assert_eq!(paged, whole, "{class:?} {filter:?}: pages in list order");
            let unique: BTreeSet<&String> = paged.iter().collect();
            assert_eq!(unique.len(), paged.len(), "{class:?}: no record twice");
        }
    }
    let orders = replica.list_orders(&everything()).unwrap();
    assert_eq!(orders.len(), 14);
    assert!(
        orders.windows(2).all(|w| w[0].date >= w[1].date),
        "newest first"
    );
    // A page past the end, however far, is empty rather than an error.
    for offset in [14, 15, u32::MAX] {
        let past = SalesListQuery {
            offset,
            ..SalesListQuery::default()
        };
        assert!(replica.list_orders(&past).unwrap().is_empty(), "{offset}");
        assert!(replica.list_invoices(&past).unwrap().is_empty(), "{offset}");
    }
}

#[test]
fn groups_count_and_sum_what_the_rows_add_up_to_and_unfold_to_their_records() {
    let w = world();
    let replica = &w.replica;
    let queries = [
        SalesListQuery::default(),
        SalesListQuery {
            customer_id: Some(w.company.clone()),
            ..SalesListQuery::default()
        },
        SalesListQuery {
            states: vec!["cancelled".into()],
            ..SalesListQuery::default()
        },
    ];
    let mut groupings = 0;
    for class in SalesClass::ALL {
        for &by in class.group_fields() {
            for query in &queries {
                let groups = replica.group_sales(class, query, by).unwrap();
                let rows = records(
                    replica,
                    class,
                    &SalesListQuery {
                        limit: 500,
                        ..query.clone()
                    },
                );
                let mut expected: BTreeMap<String, (u64, Vnd, BTreeSet<String>)> = BTreeMap::new();
                for row in &rows {
                    let group = expected.entry(key_of(replica, class, by, row)).or_default();
                    group.0 += 1;
                    group.1 += row.amount;
                    group.2.insert(row.id.clone());
                }
                let got: BTreeMap<String, (u64, Vnd)> = groups
                    .iter()
                    .map(|g| (g.key.clone(), (g.count, g.total)))
                    .collect();
                assert_eq!(got.len(), groups.len(), "{class:?} {by:?}: keys unique");
                let recomputed: BTreeMap<String, (u64, Vnd)> = expected
                    .iter()
                    .map(|(k, (count, total, _))| (k.clone(), (*count, *total)))
                    .collect();
                assert_eq!(got, recomputed, "{class:?} by {by:?} for {query:?}");
                check_order_and_labels(replica, by, &groups);
                // Unfolded, a group lists exactly its records and counts them.
                for group in &groups {
                    let narrowed = SalesListQuery {
                        group: Some(SalesGroupKey {
                            by,
                            key: group.key.clone(),
                        }),
                        limit: 500,
                        ..query.clone()
                    };
                    let ids: BTreeSet<String> = records(replica, class, &narrowed)
                        .into_iter()
                        .map(|r| r.id)
                        .collect();
                    assert_eq!(ids, expected[&group.key].2, "{class:?} {by:?} {group:?}");
                    assert_eq!(replica.count_sales(class, &narrowed).unwrap(), group.count);
                }
                groupings += 1;
            }
        }
    }
    assert_eq!(
        groupings,
        3 * (4 + 4 + 3 + 3),
        "every class's every grouping"
    );
    let by_person = replica
        .group_sales(
            SalesClass::Orders,
            &SalesListQuery::default(),
            SalesGroupBy::Salesperson,
        )
        .unwrap();
    assert!(
        by_person
            .iter()
            .any(|g| g.key.is_empty() && g.label.is_empty()),
        "orders without a salesperson gather under an empty key: {by_person:?}"
    );
}

/// Months come newest first, other groups largest first; a customer's or salesperson's group
/// is labelled with the name, a state's or a month's with the key.
fn check_order_and_labels(replica: &Replica, by: SalesGroupBy, groups: &[SalesGroup]) {
    for pair in groups.windows(2) {
        match by {
            SalesGroupBy::Month => assert!(pair[0].key > pair[1].key, "{groups:?}"),
            _ => assert!(pair[0].count >= pair[1].count, "{groups:?}"),
        }
    }
    for group in groups {
        let expected = match by {
            SalesGroupBy::Customer => replica.customer(&group.key).unwrap().draft.name,
            SalesGroupBy::Salesperson => match group.key.as_str() {
                "hoa" => "Hoa".to_owned(),
                "lan" => "Lan".to_owned(),
                _ => String::new(),
            },
            SalesGroupBy::State | SalesGroupBy::Month => group.key.clone(),
        };
        assert_eq!(group.label, expected, "{group:?}");
    }
}

/// The command error a replica error becomes, as the window receives it.
fn refusal(error: ReplicaError) -> CommandError {
    let error = CommandError::from(error);
    assert_eq!(error.code, ErrorCode::Validation, "{error:?}");
    error
}

#[test]
fn a_query_the_records_cannot_answer_is_refused_naming_its_field() {
    let w = world();
    let replica = &w.replica;
    let states = |states: &[&str]| SalesListQuery {
        states: states.iter().map(|s| (*s).to_owned()).collect(),
        ..SalesListQuery::default()
    };
    let group = |by, key: &str| SalesListQuery {
        group: Some(SalesGroupKey {
            by,
            key: key.into(),
        }),
        ..SalesListQuery::default()
    };

    let error = refusal(replica.list_invoices(&states(&["sale"])).unwrap_err());
    assert_eq!(error.field.as_deref(), Some("states"));
    assert!(error.message.contains("\"sale\""), "{error:?}");
    assert!(
        error.message.contains("draft, posted, cancelled"),
        "{error:?}"
    );
    for class in SalesClass::ALL {
        let error = refusal(replica.count_sales(class, &states(&["postd"])).unwrap_err());
        assert_eq!(error.field.as_deref(), Some("states"), "{class:?}");
        let error = refusal(
            replica
                .group_sales(class, &states(&["postd"]), SalesGroupBy::Month)
                .unwrap_err(),
        );
        assert_eq!(error.field.as_deref(), Some("states"), "{class:?}");
    }
    let error = refusal(replica.list_products(&states(&["draft"])).unwrap_err());
    assert_eq!(error.field.as_deref(), Some("states"));

    for (class, by) in [
        (SalesClass::Payments, SalesGroupBy::Salesperson),
        (SalesClass::Purchases, SalesGroupBy::Salesperson),
        (SalesClass::Products, SalesGroupBy::Customer),
    ] {
        let error = refusal(
            replica
                .group_sales(class, &SalesListQuery::default(), by)
                .unwrap_err(),
        );
        assert_eq!(error.field.as_deref(), Some("group_by"), "{class:?} {by:?}");
        assert!(error.message.contains(by.as_str()), "{error:?}");
    }
    let error = refusal(
        replica
            .list_payments(&group(SalesGroupBy::Salesperson, "hoa"))
            .unwrap_err(),
    );
    assert_eq!(error.field.as_deref(), Some("group_by"));
    for (by, key) in [
        (SalesGroupBy::Month, "2026-13"),
        (SalesGroupBy::Month, "11/2026"),
        (SalesGroupBy::State, "posted"),
    ] {
        let error = refusal(replica.list_orders(&group(by, key)).unwrap_err());
        assert_eq!(error.field.as_deref(), Some("group"), "{by:?} {key}");
        assert!(error.message.contains(key), "{error:?}");
    }
    // The limit is bounded, not refused.
    let huge = SalesListQuery {
        limit: u32::MAX,
        ..SalesListQuery::default()
    };
    assert_eq!(replica.list_orders(&huge).unwrap().len(), 14);
}
