//! Numbers made offline (design.md; issue 13), on the real server process with two users and
//! two data folders, over both stores: Lan and Minh each create orders offline at the same time;
//! after syncing, every order has its own official number on both devices and keeps the
//! provisional number its device gave. A push whose answer was lost to a kill -9 of the server
//! is sent again on restart and makes no second order and draws no second number. A rep's
//! invoice is refused by the server (the rest of the rep's work is accepted); the manager's is
//! numbered when posted, and the rep's device then shows it and the amount due.

use std::cell::RefCell;

use clientele_model::sales::{LineEntry, OrderDraft, OrderLine, Vat};
use clientele_model::sync::{PullResponse, PushRequest, PushResponse, SyncRequest, SyncResponse};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica, SyncError, SyncTransport};
mod support;

use support::{backend_tests, Backend, Server};

backend_tests!(
    orders_made_offline_at_once_get_distinct_official_numbers,
    a_push_retried_after_a_kill_9_makes_no_second_order,
    the_server_refuses_a_reps_invoice_and_numbers_a_managers,
);

fn quotation(customer_id: &str, what: &str) -> OrderDraft {
    OrderDraft {
        customer_id: customer_id.into(),
        date: "2026-11-28".into(),
        lines: vec![LineEntry {
            id: String::new(),
            line: OrderLine {
                product_id: None,
                description: what.into(),
                quantity_milli: 1_000,
                unit_price: 100_000,
                discount_bp: 0,
                vat: Vat::Ten,
            },
        }],
        ..OrderDraft::default()
    }
}

/// (provisional, official) number of each order the device holds for `customer`, sorted.
fn numbers(replica: &Replica, customer: &str) -> Vec<(String, String)> {
    let mut numbers: Vec<_> = replica
        .customer_orders(customer)
        .unwrap()
        .into_iter()
        .map(|o| (o.provisional_number, o.number))
        .collect();
    numbers.sort();
    numbers
}

fn orders_made_offline_at_once_get_distinct_official_numbers(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "rep"]);
    let minh_token = backend.member("minh", &["--role", "rep"]);
    let server = backend.start();
    let mut lan = Replica::open(&backend.path().join("lan")).unwrap();
    let mut minh = Replica::open(&backend.path().join("minh")).unwrap();
    let lan_link = HttpTransport::new(&server.url, &lan_token).unwrap();
    let minh_link = HttpTransport::new(&server.url, &minh_token).unwrap();
    let customer = lan
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Company,
            name: "Công ty Hoa Mai".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    lan.sync_once(&lan_link).unwrap();
    minh.sync_once(&minh_link).unwrap();

    // Offline, both at once: two orders each.
    let mut made = Vec::new();
    for (replica, what) in [(&mut lan, "Cà phê"), (&mut minh, "Trà")] {
        for n in 1..=2 {
            let order = replica
                .create_quotation(&quotation(&customer, &format!("{what} {n}")))
                .unwrap();
            assert!(order.number.is_empty());
            made.push(order.provisional_number);
        }
    }
    // Both push at the same moment, then each pulls what the other sent.
    std::thread::scope(|scope| {
        let lan = scope.spawn(|| lan.sync_once(&lan_link).map(|_| ()));
        let minh = scope.spawn(|| minh.sync_once(&minh_link).map(|_| ()));
        lan.join().unwrap().unwrap();
        minh.join().unwrap().unwrap();
    });
    lan.sync_once(&lan_link).unwrap();
    minh.sync_once(&minh_link).unwrap();

    let on_lan = numbers(&lan, &customer);
    assert_eq!(on_lan, numbers(&minh, &customer), "both devices agree");
    made.sort();
    assert_eq!(
        on_lan.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(),
        made,
        "the provisional numbers are kept"
    );
    let mut official: Vec<String> = on_lan.into_iter().map(|(_, n)| n).collect();
    official.sort();
    assert_eq!(official, ["S00001", "S00002", "S00003", "S00004"]);
}

/// Hands a push (or a push-and-pull) to the server, then kills it with SIGKILL before the
/// device hears the answer: the server has committed, the device has not seen it.
struct AnswerLost<'a> {
    link: HttpTransport,
    server: &'a RefCell<Server>,
}

impl AnswerLost<'_> {
    fn lost(&self) -> SyncError {
        self.server.borrow_mut().kill_9();
        SyncError::Offline("the connection dropped before the answer".into())
    }
}

impl SyncTransport for AnswerLost<'_> {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        self.link.push(request)?;
        Err(self.lost())
    }

    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError> {
        self.link.pull(after, limit)
    }

    fn exchange(&self, request: &SyncRequest) -> Result<Option<SyncResponse>, SyncError> {
        self.link.exchange(request)?;
        Err(self.lost())
    }
}

fn a_push_retried_after_a_kill_9_makes_no_second_order(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "rep"]);
    let minh_token = backend.member("minh", &["--role", "rep"]);
    let server = RefCell::new(backend.start());
    let mut lan = Replica::open(&backend.path().join("lan")).unwrap();
    let link = HttpTransport::new(&server.borrow().url, &lan_token).unwrap();
    let customer = lan
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Company,
            name: "Nhà sách Phương Nam".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    lan.sync_once(&link).unwrap();

    let order = lan.create_quotation(&quotation(&customer, "Sách")).unwrap();
    let lost = AnswerLost {
        link,
        server: &server,
    };
    assert!(
        lan.sync_once(&lost).is_err(),
        "the device did not hear back"
    );
    assert_eq!(
        lan.unsent_documents().unwrap(),
        1,
        "so the order is still unsent"
    );

    // The server comes back; the device sends the order again.
    let restarted = backend.start();
    let link = HttpTransport::new(&restarted.url, &lan_token).unwrap();
    lan.sync_once(&link).unwrap();
    lan.sync_once(&link).unwrap();
    assert_eq!(lan.unsent_documents().unwrap(), 0);
    let numbered = lan.order(&order.id).unwrap();
    assert_eq!(numbered.number, "S00001");

    // A colleague's fresh device receives one order, and the next order takes the next number.
    let mut minh = Replica::open(&backend.path().join("minh")).unwrap();
    let minh_link = HttpTransport::new(&restarted.url, &minh_token).unwrap();
    minh.sync_once(&minh_link).unwrap();
    assert_eq!(
        numbers(&minh, &customer),
        vec![(order.provisional_number.clone(), "S00001".to_owned())]
    );
    let next = minh.create_quotation(&quotation(&customer, "Bút")).unwrap();
    minh.sync_once(&minh_link).unwrap();
    minh.sync_once(&minh_link).unwrap();
    assert_eq!(minh.order(&next.id).unwrap().number, "S00002");
}

fn the_server_refuses_a_reps_invoice_and_numbers_a_managers(backend: &Backend) {
    let rep_token = backend.member("minh", &["--role", "rep"]);
    let manager_token = backend.member("an", &["--role", "manager"]);
    let server = backend.start();
    // Minh's laptop worked alone before joining (every permission there), and invoiced.
    let mut minh = Replica::open(&backend.path().join("minh")).unwrap();
    let customer = minh
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Company,
            name: "Công ty Sen Vàng".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    let order = minh.create_quotation(&quotation(&customer, "Gạo")).unwrap();
    minh.set_order_state(&order.id, clientele_model::sales::OrderState::Sale)
        .unwrap();
    let invoice = minh.invoice_order(&order.id, "2026-11-28").unwrap();
    minh.post_invoice(&invoice.id).unwrap();
    let minh_link = HttpTransport::new(&server.url, &rep_token).unwrap();
    let report = minh.sync_once(&minh_link).unwrap();
    assert_eq!(report.refused.len(), 1, "{:?}", report.refused);
    assert_eq!(report.refused[0].0, invoice.id);
    assert!(
        report.refused[0].1.contains("invoices"),
        "{}",
        report.refused[0].1
    );
    // Set aside on his device (kept in Unsent changes with the reason), so it is not owed.
    assert!(minh.invoice(&invoice.id).is_err());
    assert_eq!(minh.customer_account(&customer).unwrap().amount_due, 0);
    let unsent = minh.unsent_changes().unwrap();
    assert_eq!(unsent.refused[0].doc_id, invoice.id);
    // Back on the team, the rep's device now offers no invoicing.
    assert!(minh.invoice_order(&order.id, "2026-11-28").is_err());

    let mut an = Replica::open(&backend.path().join("an")).unwrap();
    let an_link = HttpTransport::new(&server.url, &manager_token).unwrap();
    an.sync_once(&an_link).unwrap();
    assert!(
        an.customer_invoices(&customer).unwrap().is_empty(),
        "the refused invoice never left"
    );
    assert_eq!(
        an.order(&order.id).unwrap().number,
        "S00001",
        "the order was accepted"
    );
    let invoice = an.invoice_order(&order.id, "2026-11-28").unwrap();
    an.post_invoice(&invoice.id).unwrap();
    an.sync_once(&an_link).unwrap();
    an.sync_once(&an_link).unwrap();
    assert_eq!(an.invoice(&invoice.id).unwrap().number, "INV/2026/00001");

    minh.sync_once(&minh_link).unwrap();
    let received = minh.invoice(&invoice.id).unwrap();
    assert_eq!(received.number, "INV/2026/00001");
    assert_eq!(
        minh.customer_account(&customer).unwrap().amount_due,
        110_000
    );
}
