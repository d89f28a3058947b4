//! `cargo xtask bench sync`: a fresh device bootstrapping 1,000 / 10,000 / 100,000 customers
//! from the real server on 127.0.0.1, the reference automerge-repo stack bootstrapping the same
//! 1,000 side by side, 10 edits synced on a 100,000-customer replica, and 200 devices syncing
//! for 60 s. Prints one line per figure and writes target/bench/sync.json.

use clientele_model::sync::{PullResponse, PushRequest, PushResponse, SyncRequest, SyncResponse};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{CustomerSeed, HttpTransport, Replica, SyncError, SyncTransport};
use std::collections::BTreeMap;
use std::path::Path;

mod devices;
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

    fn exchange(&self, request: &SyncRequest) -> Result<Option<SyncResponse>, SyncError> {
        self.calls.set(self.calls.get() + 1);
        self.inner.exchange(request)
    }
}

/// Prints a figure and keeps it for the JSON file.
fn report(figures: &mut BTreeMap<String, f64>, key: &str, value: f64, unit: &str, target: &str) {
    println!("{key:<28} {value:>12.3} {unit:<3} (target {target})");
    figures.insert(key.to_owned(), value);
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SYNC_SIZES")
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000, 100_000]);
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut figures: BTreeMap<String, f64> = BTreeMap::new();
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
                &mut figures,
                "bootstrap_1k_ms",
                took * 1000.0,
                "ms",
                ">= 20x faster than automerge-repo",
            ),
            10_000 => report(
                &mut figures,
                "bootstrap_10k_ms",
                took * 1000.0,
                "ms",
                "<= 1000",
            ),
            100_000 => {
                report(&mut figures, "bootstrap_100k_s", took, "s", "<= 8");
                report(
                    &mut figures,
                    "bootstrap_100k_peak_rss_mb",
                    peak_rss_mb(),
                    "MB",
                    "reported (whole bench process)",
                );
            }
            _ => report(
                &mut figures,
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
                &mut figures,
                "edits10_ms",
                started.elapsed().as_secs_f64() * 1000.0,
                "ms",
                "<= 100",
            );
            report(
                &mut figures,
                "edits10_round_trips",
                f64::from(counting.calls.get()),
                "",
                "1",
            );
        }
    }
    if std::env::var("BENCH_SYNC_REFERENCE").as_deref() != Ok("0") {
        // A busy machine can make the reference give up on a document; retry with fewer in flight.
        match reference(1_000, 100).or_else(|error| {
            println!("the reference failed with 100 in flight ({error}); retrying with 10");
            reference(1_000, 10)
        }) {
            Ok(ms) => report(
                &mut figures,
                "bootstrap_1k_reference_ms",
                ms,
                "ms",
                "the reference stack",
            ),
            Err(error) => println!("the automerge-repo reference did not run: {error}"),
        }
        if let (Some(ours), Some(theirs)) = (
            figures.get("bootstrap_1k_ms").copied(),
            figures.get("bootstrap_1k_reference_ms").copied(),
        ) {
            println!(
                "bootstrap at 1,000: {:.1}x faster than automerge-repo (target >= 20x)",
                theirs / ours
            );
        }
        if std::env::var("BENCH_SYNC_REFERENCE_10K").as_deref() == Ok("1") {
            match reference(10_000, 10) {
                Ok(ms) => report(
                    &mut figures,
                    "bootstrap_10k_reference_ms",
                    ms,
                    "ms",
                    "the reference stack",
                ),
                Err(error) => println!("the automerge-repo reference at 10,000 failed: {error}"),
            }
        }
    }
    let devices: usize = std::env::var("BENCH_SYNC_DEVICES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    if devices > 0 {
        let seconds: u64 = std::env::var("BENCH_SYNC_LOAD_SECONDS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(60);
        let work = tempfile::tempdir().unwrap();
        let server_dir = work.path().join("server");
        admin(&server_dir, &["user", "add", "load"]);
        let tokens: Vec<String> = (0..devices)
            .map(|i| {
                admin(
                    &server_dir,
                    &["token", "issue", "load", "--label", &format!("device {i}")],
                )
            })
            .collect();
        let server = start(&server_dir);
        println!("{devices} devices syncing for {seconds} s...");
        let load = devices::run(
            &server.url,
            &tokens,
            std::time::Duration::from_secs(seconds),
            server.child.id(),
        );
        println!("{} requests", load.requests);
        report(
            &mut figures,
            &format!("devices{devices}_p50_ms"),
            load.p50_ms,
            "ms",
            "reported",
        );
        report(
            &mut figures,
            &format!("devices{devices}_p99_ms"),
            load.p99_ms,
            "ms",
            "<= 200",
        );
        report(
            &mut figures,
            &format!("devices{devices}_errors"),
            load.errors as f64,
            "",
            "0",
        );
        report(
            &mut figures,
            "server_rss_mb",
            load.server_rss_mb,
            "MB",
            "<= 300",
        );
    }
    std::fs::write(
        out_dir.join("sync.json"),
        serde_json::to_string_pretty(&figures).unwrap(),
    )
    .unwrap();
    println!("wrote {}", out_dir.join("sync.json").display());
}

/// The reference automerge-repo stack (../shared/anchors/automerge-repo) bootstrapping `n`
/// documents with `concurrency` requests in flight: its bootstrap_ms.
fn reference(n: usize, concurrency: usize) -> Result<f64, String> {
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/anchors/automerge-repo/run.sh");
    if !script.exists() {
        return Err(format!("{} is missing", script.display()));
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let output = std::process::Command::new("bash")
        .arg(&script)
        .arg(n.to_string())
        .arg(port.to_string())
        .env("CONCURRENCY", concurrency.to_string())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .ok_or_else(|| {
            format!(
                "no result line (exit {}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        })?;
    let result: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if result["received"].as_u64() != Some(n as u64) {
        return Err(format!(
            "the reference received only some documents: {line}"
        ));
    }
    result["bootstrap_ms"]
        .as_f64()
        .ok_or_else(|| format!("no bootstrap_ms in {line}"))
}
