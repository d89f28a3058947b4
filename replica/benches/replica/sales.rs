//! The sales figures of issue 13: the first customer page, a customer's order window and
//! saving a 20-line quotation, once ~1,000,000 order lines and ~300,000 invoices and payments
//! are seeded (1.5 orders per customer, skewed so a few customers hold hundreds), each beside a
//! raw baseline on the same file (BENCH_CUSTOMERS scales the seed).

use automerge::{transaction::Transactable, ActorId, AutoCommit, ObjType, ROOT};
use clientele_model::query::CustomerQuery;
use clientele_model::sales::{
    LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft, PaymentMethod, Vat,
};
use clientele_replica::{Replica, DATABASE_FILE};
use clientele_test_support::figures::median_ms;
use clientele_test_support::vietnamese::Rng;
use clientele_test_support::Figures;
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;

use super::measure::paired_median_ms;
use super::raw::{commit, raw_connection, RAW_FIRST_PAGE};
use super::TODAY;

/// Orders seeded per transaction.
const BATCH: usize = 5_000;

const GOODS: [&str; 8] = [
    "Cà phê hạt 1 kg",
    "Trà ô long 500 g",
    "Nước mắm Phú Quốc 1 l",
    "Gạo ST25 5 kg",
    "Hạt điều rang muối",
    "Bánh pía Sóc Trăng",
    "Tiêu đen Phú Quốc",
    "Mật ong rừng U Minh",
];

/// The `k`-th of `count` generated lines.
fn lines(count: usize, seed: usize) -> Vec<LineEntry> {
    (0..count)
        .map(|k| LineEntry {
            id: String::new(),
            line: OrderLine {
                product_id: None,
                description: GOODS[(seed + k) % GOODS.len()].into(),
                quantity_milli: 1_000 * (1 + ((seed + k) % 5) as i64),
                unit_price: 10_000 * (1 + ((seed * 7 + k) % 50) as i64),
                discount_bp: if k % 4 == 0 { 500 } else { 0 },
                vat: if k % 2 == 0 { Vat::Ten } else { Vat::Eight },
            },
        })
        .collect()
}

/// Seeds 1.5 orders per customer (one in three of 18 lines, the rest of 1: 1,000,000 lines at
/// 100,000 customers), each confirmed, invoiced, posted and paid (a third of them in part),
/// customers picked as u² of a uniform u so the first ones hold hundreds of orders. Returns
/// the orders', invoices' and payments' counts.
pub fn seed(data: &Path, customers: usize) -> (usize, usize, usize) {
    let ids: Vec<String> = {
        let conn = Connection::open(data.join(DATABASE_FILE)).unwrap();
        let mut statement = conn
            .prepare("SELECT id FROM customers ORDER BY rowid")
            .unwrap();
        let rows = statement.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut replica = Replica::open(data).unwrap();
    let mut rng = Rng(0x5a1e_5eed);
    let orders = customers * 3 / 2;
    let (mut invoices, mut payments) = (0, 0);
    let mut n = 0;
    while n < orders {
        let batch: Vec<_> = (n..orders.min(n + BATCH))
            .map(|n| {
                let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                let customer_id =
                    ids[((u * u * ids.len() as f64) as usize).min(ids.len() - 1)].clone();
                let date = format!("2026-{:02}-{:02}", 1 + n % 11, 1 + n % 28);
                let draft = OrderDraft {
                    customer_id: customer_id.clone(),
                    date: date.clone(),
                    lines: lines(if n % 3 == 0 { 18 } else { 1 }, n),
                    ..OrderDraft::default()
                };
                let payment = PaymentDraft {
                    customer_id,
                    date,
                    // 10,000 đồng is below every line's total: a third are paid in part.
                    amount: if n % 3 == 1 { 10_000 } else { 0 },
                    method: PaymentMethod::Cash,
                    reference: String::new(),
                    allocations: Vec::new(),
                };
                (draft, OrderState::Sale, payment)
            })
            .collect();
        // Paid in full: the order's total, known once its lines are.
        let seeds: Vec<_> = batch
            .into_iter()
            .map(|(draft, state, mut payment)| {
                if payment.amount == 0 {
                    let plain: Vec<_> = draft.lines.iter().map(|l| l.line.clone()).collect();
                    payment.amount = clientele_model::sales::order_totals(&plain).unwrap().total;
                }
                (draft, state, Some(payment))
            })
            .collect();
        for (_, invoice, payment) in replica.seed_sales_bulk(&seeds).unwrap() {
            invoices += usize::from(invoice.is_some());
            payments += usize::from(payment.is_some());
        }
        n += seeds.len();
    }
    replica.checkpoint();
    (orders, invoices, payments)
}

/// Seeds the sales records into `data` and measures the three figures.
pub fn figures(
    figures: &mut Figures,
    data: &Path,
    work: &Path,
    first_page: &CustomerQuery,
    customers: usize,
) {
    let started = Instant::now();
    let (orders, invoices, payments) = seed(data, customers);
    println!(
        "seeded {orders} orders (~{} lines), {invoices} posted invoices and {payments} payments \
         in {:.1} s",
        orders / 3 * 18 + (orders - orders / 3),
        started.elapsed().as_secs_f64()
    );
    let mut replica = Replica::open(data).unwrap();
    let raw = raw_connection(&data.join(DATABASE_FILE));

    let (measured, baseline) = paired_median_ms(
        31,
        || assert_eq!(replica.customer_page(first_page).unwrap().rows.len(), 80),
        || {
            let rows: Vec<(String, String)> = raw
                .prepare_cached(RAW_FIRST_PAGE)
                .unwrap()
                .query_map(params![TODAY, "rep1"], |r| Ok((r.get(0)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let total: i64 = raw
                .prepare_cached("SELECT count FROM customer_totals WHERE archived = 0")
                .unwrap()
                .query_row([], |r| r.get(0))
                .unwrap();
            assert_eq!((rows.len(), total as usize), (80, customers));
        },
    );
    versus_target(
        figures,
        "orders_first_page",
        measured,
        baseline,
        2.0,
        "the first page's SQL with the same sales subqueries (RAW_FIRST_PAGE) and the total, straight on rusqlite",
    );

    let (top, held): (String, i64) = raw
        .query_row(
            "SELECT customer_id, count(*) FROM sale_orders GROUP BY customer_id
              ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let window = replica.customer_orders(&top).unwrap().len();
    println!("  order window of the customer with the most orders: {held} own, {window} listed");
    let (measured, baseline) = paired_median_ms(
        31,
        || assert_eq!(replica.customer_orders(&top).unwrap().len(), window),
        || {
            let rows: Vec<(String, String, i64)> = raw
                .prepare_cached(CUSTOMER_ORDERS)
                .unwrap()
                .query_map([&top], |r| Ok((r.get(0)?, r.get(5)?, r.get(7)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert_eq!(rows.len(), window);
        },
    );
    versus_target(
        figures,
        "orders_customer_window",
        measured,
        baseline,
        10.0,
        "the same SELECT straight on rusqlite",
    );

    // The customer's defaults resolved here, so the raw document carries the same fields.
    let draft = OrderDraft {
        date: TODAY.into(),
        lines: lines(20, 7),
        ..replica.order_defaults(&top).unwrap()
    };
    let measured = median_ms(51, || {
        assert_eq!(replica.create_quotation(&draft).unwrap().lines.len(), 20);
    });
    drop(replica);
    let mut alone = raw_connection(&work.join("raw-sales.sqlite3"));
    alone
        .execute_batch(
            "CREATE TABLE documents (id TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL,
                 bytes BLOB NOT NULL) STRICT;",
        )
        .unwrap();
    let actor = ActorId::random();
    let mut k = 0;
    let baseline = median_ms(51, || {
        k += 1;
        raw_save(&mut alone, &actor, &draft, k);
    });
    versus_target(
        figures,
        "orders_save_20_lines",
        measured,
        baseline,
        5.0,
        "build the same 20-line Automerge document, save, INSERT into a plain documents table \
         (another file), one FULL-sync WAL transaction",
    );
}

/// The SQL `customer_orders` runs (replica/src/sales/orders.rs).
const CUSTOMER_ORDERS: &str =
    "SELECT o.id, o.customer_id, coalesce(c.name, ''), o.provisional_number, o.number,
            o.state, o.date, o.total
       FROM sale_orders o LEFT JOIN customers c ON c.id = o.customer_id
      WHERE o.customer_id = ?1
         OR o.customer_id IN (SELECT id FROM customers WHERE company_id = ?1)
      ORDER BY o.date DESC, o.id DESC";

/// `versus_raw` (a goal of 3× the raw baseline), then the target in ms.
fn versus_target(
    figures: &mut Figures,
    name: &str,
    measured: f64,
    raw: f64,
    target: f64,
    raw_is: &str,
) {
    figures.versus_raw(name, "ms", measured, raw, 3.0, raw_is);
    let verdict = if measured <= target { "ok" } else { "MISSES" };
    println!("  {name}_ms {measured:.3} ms (target <= {target} ms) {verdict}");
}

/// The raw save: a quotation document as `create_quotation` writes it (header, the customer's
/// defaults, 20 lines as a map of maps), saved and inserted in one transaction.
fn raw_save(conn: &mut Connection, actor: &ActorId, draft: &OrderDraft, k: usize) {
    let id = uuid::Uuid::new_v4().to_string();
    let mut doc = AutoCommit::new().with_actor(actor.clone());
    doc.put(ROOT, "class", "sale_order").unwrap();
    doc.put(ROOT, "id", id.as_str()).unwrap();
    doc.put(ROOT, "customer_id", draft.customer_id.as_str())
        .unwrap();
    doc.put(ROOT, "provisional_number", format!("S-RAW0-{k:04}"))
        .unwrap();
    doc.put(ROOT, "state", OrderState::Quotation.as_str())
        .unwrap();
    doc.put(ROOT, "date", draft.date.as_str()).unwrap();
    for (key, value) in [
        ("invoice_address_id", &draft.invoice_address_id),
        ("delivery_address_id", &draft.delivery_address_id),
        ("pricelist_id", &draft.pricelist_id),
        ("payment_terms_id", &draft.payment_terms_id),
        ("salesperson_id", &draft.salesperson_id),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            doc.put(ROOT, key, value).unwrap();
        }
    }
    let map = doc.put_object(ROOT, "lines", ObjType::Map).unwrap();
    for (position, entry) in draft.lines.iter().enumerate() {
        let line_id = uuid::Uuid::new_v4().to_string();
        let obj = doc
            .put_object(&map, line_id.as_str(), ObjType::Map)
            .unwrap();
        let line = &entry.line;
        doc.put(&obj, "position", position as i64).unwrap();
        doc.put(&obj, "description", line.description.as_str())
            .unwrap();
        doc.put(&obj, "quantity_milli", line.quantity_milli)
            .unwrap();
        doc.put(&obj, "unit_price", line.unit_price).unwrap();
        doc.put(&obj, "discount_bp", line.discount_bp).unwrap();
        doc.put(&obj, "vat", line.vat.as_str()).unwrap();
    }
    commit(&mut doc, "");
    let bytes = doc.save();
    let tx = conn.transaction().unwrap();
    tx.prepare_cached("INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)")
        .unwrap()
        .execute(params![id, "sale_order", bytes])
        .unwrap();
    tx.commit().unwrap();
}
