//! Convergence through the real server process: three replicas make random edits (every field
//! kind, contacts, tags, notes text, activities, archive, favourites, quotations and their
//! lines, confirmations, invoices and payments), sync in random order, the
//! server is killed with SIGKILL and restarted in the middle; at the end every replica's
//! projection equals every other's. CONVERGENCE_CASES sets how many seeds run (default 3), each
//! over SQLite and over PostgreSQL.

use clientele_model::sales::{
    Allocation, InvoiceState, LineEntry, OrderDraft, OrderLine, OrderState, PaymentDraft,
    PaymentMethod, Vat,
};
use clientele_model::{
    ActivityDraft, ActivityStatus, ContactDraft, ContactType, CustomerDraft, CustomerKind,
};
use clientele_replica::{HttpTransport, Replica, SyncTransport};
mod support;

use support::{backend_tests, Backend};

backend_tests!(replicas_converge_through_the_server_with_a_crash_in_the_middle);

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

const NAMES: &[&str] = &[
    "Công ty Đông Á",
    "Nguyễn Thị Đào",
    "Trần Văn Bình",
    "Sakura Trading",
    "Lê Thị Hoa",
];
const CITIES: &[&str] = &["Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Huế"];
const TAGS: &[&str] = &["retail", "wholesale", "vip", "consumer"];

fn random_edit(replica: &mut Replica, user: &str, rng: &mut Rng) {
    let ids: Vec<String> = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let pick = |rng: &mut Rng| {
        ids.get(rng.below(ids.len().max(1) as u64) as usize)
            .cloned()
    };
    match rng.below(11) {
        0 | 1 => {
            let draft = CustomerDraft {
                kind: if rng.below(2) == 0 {
                    CustomerKind::Company
                } else {
                    CustomerKind::Individual
                },
                name: NAMES[rng.below(NAMES.len() as u64) as usize].into(),
                ..CustomerDraft::default()
            };
            replica.create_customer(&draft).unwrap();
        }
        2 => {
            if let Some(id) = pick(rng) {
                let mut draft = replica.customer(&id).unwrap().draft;
                draft.address.city = CITIES[rng.below(CITIES.len() as u64) as usize].into();
                draft.phone = format!("0903 {:03} {:03}", rng.below(1000), rng.below(1000));
                let tag = TAGS[rng.below(TAGS.len() as u64) as usize].to_owned();
                if let Some(at) = draft.tag_ids.iter().position(|t| t == &tag) {
                    draft.tag_ids.remove(at);
                } else {
                    draft.tag_ids.push(tag);
                }
                // Text typed at a random place: concurrent notes edits merge by character.
                let k = rng.below(draft.notes.chars().count() as u64 + 1) as usize;
                let at = draft
                    .notes
                    .char_indices()
                    .nth(k)
                    .map_or(draft.notes.len(), |(b, _)| b);
                draft.notes.insert_str(at, &format!("[{user}] "));
                draft.receipt_reminder = rng.below(2) == 0;
                replica.update_customer(&id, &draft).unwrap();
            }
        }
        3 => {
            if let Some(id) = pick(rng) {
                let kind = [
                    ContactType::Contact,
                    ContactType::Invoice,
                    ContactType::Delivery,
                ][rng.below(3) as usize];
                let contact = ContactDraft {
                    contact_type: kind,
                    name: format!("Liên hệ {}", rng.below(100)),
                    address: clientele_model::Address {
                        city: "Huế".into(),
                        ..Default::default()
                    },
                    ..ContactDraft::default()
                };
                replica.add_contact(&id, &contact).unwrap();
            }
        }
        4 => {
            if let Some(id) = pick(rng) {
                let activity = ActivityDraft {
                    activity_type: "call".into(),
                    due_date: format!("2026-12-{:02}", 1 + rng.below(28)),
                    ..ActivityDraft::default()
                };
                let activity_id = replica.schedule_activity(&id, &activity).unwrap();
                if rng.below(2) == 0 {
                    replica
                        .set_activity_status(&id, &activity_id, ActivityStatus::Done)
                        .unwrap();
                }
            }
        }
        5 => {
            if let Some(id) = pick(rng) {
                replica.set_archived(&id, rng.below(3) == 0).unwrap();
            }
        }
        6 => {
            if let Some(id) = pick(rng) {
                replica.set_favourite(user, &id, rng.below(2) == 0).unwrap();
            }
        }
        7 => {
            let name = format!("nhãn {}", rng.below(5));
            replica.create_tag(&name, 3).unwrap();
        }
        8 => {
            if let Some(id) = pick(rng) {
                let lines = (0..1 + rng.below(3)).map(|_| sales_line(rng)).collect();
                replica
                    .create_quotation(&OrderDraft {
                        customer_id: id,
                        date: format!("2026-11-{:02}", 1 + rng.below(28)),
                        lines,
                        ..OrderDraft::default()
                    })
                    .unwrap();
            }
        }
        9 => edit_some_order(replica, rng),
        _ => invoice_or_pay(replica, rng),
    }
}

fn sales_line(rng: &mut Rng) -> LineEntry {
    LineEntry {
        id: String::new(),
        line: OrderLine {
            product_id: None,
            description: NAMES[rng.below(NAMES.len() as u64) as usize].into(),
            quantity_milli: 500 * (1 + rng.below(6) as i64),
            unit_price: 1_000 * rng.below(500) as i64,
            discount_bp: 500 * rng.below(3) as i64,
            vat: Vat::ALL[rng.below(Vat::ALL.len() as u64) as usize],
        },
    }
}

/// The orders this device holds, over every customer.
fn orders(replica: &Replica) -> Vec<String> {
    let mut ids: Vec<String> = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .flat_map(|c| replica.customer_orders(&c.id).unwrap())
        .map(|o| o.id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Changes one line of an order, adds one, or confirms it: concurrent edits of one order merge
/// per line.
fn edit_some_order(replica: &mut Replica, rng: &mut Rng) {
    let ids = orders(replica);
    let Some(id) = ids.get(rng.below(ids.len().max(1) as u64) as usize) else {
        return;
    };
    let order = replica.order(id).unwrap();
    if order.state == OrderState::Cancelled {
        return;
    }
    if rng.below(3) == 0 && !order.lines.is_empty() && order.state != OrderState::Sale {
        replica.set_order_state(id, OrderState::Sale).unwrap();
        return;
    }
    let mut lines = order.lines.clone();
    let at = rng.below(lines.len() as u64 + 1) as usize;
    match lines.get_mut(at) {
        Some(line) => line.line.quantity_milli = 1_000 * (1 + rng.below(9) as i64),
        None => lines.push(sales_line(rng)),
    }
    let draft = OrderDraft {
        customer_id: order.customer_id,
        date: order.date,
        invoice_address_id: Some(order.invoice_address_id),
        delivery_address_id: Some(order.delivery_address_id),
        pricelist_id: order.pricelist_id,
        payment_terms_id: order.payment_terms_id,
        salesperson_id: order.salesperson_id,
        note: order.note,
        lines,
    };
    replica.update_order(id, &draft).unwrap();
}

/// Invoices and posts a confirmed order, or pays part of what is left on a posted invoice.
fn invoice_or_pay(replica: &mut Replica, rng: &mut Rng) {
    for id in orders(replica) {
        let order = replica.order(&id).unwrap();
        if order.state != OrderState::Sale {
            continue;
        }
        let invoices = replica.customer_invoices(&order.customer_id).unwrap();
        match invoices
            .iter()
            .find(|i| i.order_id.as_deref() == Some(id.as_str()))
        {
            None => {
                let invoice = replica.invoice_order(&id, "2026-11-28").unwrap();
                replica.post_invoice(&invoice.id).unwrap();
                return;
            }
            Some(invoice) if invoice.state == InvoiceState::Posted && invoice.residual > 1 => {
                let amount = 1 + rng.below(invoice.residual as u64) as i64;
                replica
                    .register_payment(&PaymentDraft {
                        customer_id: invoice.customer_id.clone(),
                        date: "2026-11-29".into(),
                        amount,
                        method: PaymentMethod::Cash,
                        reference: String::new(),
                        allocations: vec![Allocation {
                            invoice_id: invoice.id.clone(),
                            amount,
                        }],
                    })
                    .unwrap();
                return;
            }
            Some(_) => {}
        }
    }
}

/// One seed's run; returns how many orders the devices ended with.
fn run_case(backend: &Backend, seed: u64) -> usize {
    let dir = backend.path();
    let users = ["rep1", "rep2", "rep3"];
    let tokens: Vec<String> = users
        .iter()
        .map(|u| {
            // Managers: this test is about merging; what a rep may not do is authorization.rs's.
            backend.admin(&["user", "add", u, "--role", "manager"]);
            backend.admin(&["token", "issue", u])
        })
        .collect();
    let mut server = backend.start();
    let address = server.address();
    let mut replicas: Vec<Replica> = (0..3)
        .map(|i| Replica::open(&dir.join(format!("device{i}"))).unwrap())
        .collect();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let transport = |url: &str, i: usize| HttpTransport::new(url, &tokens[i]).unwrap();
    for step in 0..60 {
        let i = rng.below(3) as usize;
        if rng.below(3) == 0 {
            replicas[i]
                .sync_once(&transport(&server.url, i) as &dyn SyncTransport)
                .unwrap();
        } else {
            random_edit(&mut replicas[i], users[i], &mut rng);
        }
        if step == 30 {
            // kill -9 in the middle, then the same address again: devices keep their cursors.
            server.child.kill().unwrap();
            server.child.wait().unwrap();
            let offline = replicas[i].sync_once(&transport(&server.url, i) as &dyn SyncTransport);
            assert!(
                matches!(offline, Err(clientele_replica::SyncError::Offline(_))),
                "{offline:?}"
            );
            server = backend.start_on(&address);
        }
    }
    for _ in 0..2 {
        for (i, replica) in replicas.iter_mut().enumerate() {
            replica
                .sync_once(&transport(&server.url, i) as &dyn SyncTransport)
                .unwrap();
        }
    }
    // A user's favourites (their preferences document) reach only their own devices: compare
    // everything else.
    let favourite = |line: &String| {
        users
            .iter()
            .any(|u| line.starts_with(&format!("Text(\"{u}\")|")) && line.matches('|').count() == 1)
    };
    let dumps: Vec<Vec<String>> = replicas
        .iter()
        .map(|r| {
            let mut dump = r.projection_dump().unwrap();
            dump.retain(|line| !favourite(line));
            dump
        })
        .collect();
    for (i, dump) in dumps.iter().enumerate().skip(1) {
        if dump != &dumps[0] {
            let only_0: Vec<_> = dumps[0]
                .iter()
                .filter(|l| !dump.contains(l))
                .take(5)
                .collect();
            let only_i: Vec<_> = dump
                .iter()
                .filter(|l| !dumps[0].contains(l))
                .take(5)
                .collect();
            panic!("seed {seed}: device {i} differs from device 0\nonly on 0: {only_0:#?}\nonly on {i}: {only_i:#?}");
        }
    }
    // The server's state, as a fresh device bootstraps it from the snapshots, is the same.
    let mut newcomer = Replica::open(&dir.join("newcomer")).unwrap();
    newcomer
        .sync_once(&transport(&server.url, 0) as &dyn SyncTransport)
        .unwrap();
    let mut server_dump = newcomer.projection_dump().unwrap();
    server_dump.retain(|line| !favourite(line));
    assert!(
        server_dump == dumps[0],
        "seed {seed}: a device bootstrapped from the server differs from device 0"
    );
    let newcomer_check = newcomer.check().unwrap();
    assert!(
        newcomer_check.problems.is_empty(),
        "seed {seed}: the bootstrapped projection is not what its documents give: {:?}",
        newcomer_check.problems
    );
    for replica in &mut replicas {
        assert_eq!(replica.unsent_documents().unwrap(), 0);
        assert!(replica.check().unwrap().problems.is_empty());
    }
    assert!(dumps[0].len() > 20, "the case did real work");
    orders(&replicas[0]).len()
}

/// Every seed on its own database (or data folder), all on the one backend.
fn replicas_converge_through_the_server_with_a_crash_in_the_middle(backend: &Backend) {
    let cases: u64 = std::env::var("CONVERGENCE_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(3);
    let mut orders = 0;
    for seed in 1..=cases {
        let fresh = if backend.name == "postgres" {
            Backend::postgres()
        } else {
            Backend::sqlite()
        };
        orders += run_case(&fresh, seed);
    }
    assert!(
        orders > 0,
        "the cases made orders, so the sales classes converged too"
    );
    println!("orders converged: {orders}");
    // `cargo xtask bench sync` reads this line into convergence_cases.
    println!("convergence: {cases} cases passed on {}", backend.name);
}
