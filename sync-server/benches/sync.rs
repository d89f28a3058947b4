//! `cargo xtask bench sync`: a fresh device bootstrapping 1,000 / 10,000 / 100,000 customers
//! from the real server on 127.0.0.1, and 10 edits synced on a 100,000-customer replica.
//! Prints one line per figure and writes target/bench/sync.json. (The 200-device load and the
//! automerge-repo reference run are not measured yet.)

use clientele_model::sync::{PullResponse, PushRequest, PushResponse};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{CustomerSeed, HttpTransport, Replica, SyncError, SyncTransport};
use std::collections::BTreeMap;
use std::path::Path;

#[path = "../tests/support/mod.rs"]
mod support;
use std::time::Instant;
use support::{admin, start};

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Fills a device with `n` customers and pushes them to the server.
fn seed(dir: &Path, n: usize, url: &str, token: &str) -> Replica {
    let mut replica = Replica::open(dir).unwrap();
    let mut done = 0;
    while done < n {
        let batch: Vec<CustomerSeed> = (done..(done + 5_000).min(n))
            .map(|i| CustomerSeed {
                draft: CustomerDraft {
                    kind: if i % 4 == 0 {
                        CustomerKind::Company
                    } else {
                        CustomerKind::Individual
                    },
                    name: format!("Khách hàng Nguyễn Thị {i}"),
                    email: format!("kh{i}@donga.vn"),
                    mobile: format!("0903 {:03} {:03}", i % 1000, (i / 1000) % 1000),
                    ..CustomerDraft::default()
                },
                ..CustomerSeed::default()
            })
            .collect();
        replica.create_customers_bulk(&batch).unwrap();
        done += batch.len();
    }
    let transport = HttpTransport::new(url, token).unwrap();
    replica.sync_once(&transport).unwrap();
    replica
}

/// Counts the requests a round makes.
struct CountingTransport {
    inner: HttpTransport,
    calls: std::cell::Cell<u32>,
}

impl SyncTransport for CountingTransport {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.push(request)
    }

    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.pull(after, limit)
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SYNC_SIZES")
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000, 100_000]);
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
    let mut report = |key: &str, value: f64, unit: &str, target: &str| {
        println!("{key:<28} {value:>12.3} {unit:<3} (target {target})");
        figures.insert(key.to_owned(), value);
    };
    for n in sizes {
        let work = tempfile::tempdir().unwrap();
        let server_dir = work.path().join("server");
        admin(&server_dir, &["user", "add", "rep1"]);
        let token = admin(&server_dir, &["token", "issue", "rep1"]);
        let server = start(&server_dir);
        let seeding = Instant::now();
        let mut source = seed(&work.path().join("source"), n, &server.url, &token);
        println!(
            "seeded and pushed {n} customers in {:.1} s",
            seeding.elapsed().as_secs_f64()
        );

        let started = Instant::now();
        let mut fresh = Replica::open(&work.path().join("fresh")).unwrap();
        let transport = HttpTransport::new(&server.url, &token).unwrap();
        let pulled = fresh.sync_once(&transport).unwrap();
        let took = started.elapsed().as_secs_f64();
        assert_eq!(fresh.list_customers().unwrap().len(), n);
        assert!(pulled.pulled as usize >= n);
        match n {
            1_000 => report(
                "bootstrap_1k_ms",
                took * 1000.0,
                "ms",
                ">= 20x faster than automerge-repo",
            ),
            10_000 => report("bootstrap_10k_ms", took * 1000.0, "ms", "<= 1000"),
            100_000 => {
                report("bootstrap_100k_s", took, "s", "<= 8");
                report(
                    "bootstrap_100k_peak_rss_mb",
                    peak_rss_mb(),
                    "MB",
                    "reported (whole bench process)",
                );
            }
            _ => report(
                &format!("bootstrap_{n}_ms"),
                took * 1000.0,
                "ms",
                "reported",
            ),
        }
        if n == 100_000 {
            let ids: Vec<String> = source
                .list_customers()
                .unwrap()
                .into_iter()
                .take(10)
                .map(|c| c.id)
                .collect();
            for id in &ids {
                let mut draft = source.customer(id).unwrap().draft;
                draft.notes.push_str("Đã gọi lại.");
                source.update_customer(id, &draft).unwrap();
            }
            let counting = CountingTransport {
                inner: HttpTransport::new(&server.url, &token).unwrap(),
                calls: std::cell::Cell::new(0),
            };
            let started = Instant::now();
            source.sync_once(&counting).unwrap();
            report(
                "edits10_ms",
                started.elapsed().as_secs_f64() * 1000.0,
                "ms",
                "<= 100",
            );
            report(
                "edits10_round_trips",
                f64::from(counting.calls.get()),
                "",
                "1 push + 1 pull",
            );
        }
    }
    std::fs::write(
        out_dir.join("sync.json"),
        serde_json::to_string_pretty(&figures).unwrap(),
    )
    .unwrap();
    println!("wrote {}", out_dir.join("sync.json").display());
}
