//! `cargo xtask bench sync`: a fresh device bootstrapping 1,000 / 10,000 / 100,000 customers
//! from the real server on 127.0.0.1, each beside a raw baseline from the same run on the same
//! snapshots (no network), the reference automerge-repo stack bootstrapping the same 1,000 side
//! by side, 10 edits synced on a 100,000-customer replica, and 200 devices syncing for 60 s.
//! Prints the checkout first, one line per figure, and writes target/bench/sync.json.

use clientele_model::sync::{
    PullResponse, PushRequest, PushResponse, SnapshotPage, SyncRequest, SyncResponse,
};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{CustomerSeed, HttpTransport, Replica, SyncError, SyncTransport};
use clientele_test_support::figures::{median, peak_rss_mb};
use clientele_test_support::{Checkout, Figures};
use std::path::Path;

mod devices;
#[path = "../tests/support/mod.rs"]
mod support;
use std::time::Instant;
use support::{admin, start};

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

/// What the raw baseline of a bootstrap does.
const RAW_IS: &str = "Automerge load of the same snapshots on every core, ids and bytes \
                      inserted into a fresh SQLite file in one transaction; no network";

/// Timed runs per size, of the bootstrap and of its raw baseline each (the medians are kept).
fn runs(n: usize) -> usize {
    match n {
        0..=1_000 => 5,
        _ => 3,
    }
}

/// A fresh device bootstrapping from the server: seconds from opening its replica to the end
/// of its first sync round.
fn bootstrap(dir: &Path, n: usize, url: &str, token: &str) -> f64 {
    let started = Instant::now();
    let mut fresh = Replica::open(dir).unwrap();
    let transport = HttpTransport::new(url, token).unwrap();
    let pulled = fresh.sync_once(&transport).unwrap();
    let took = started.elapsed().as_secs_f64();
    if let Some(times) = pulled.bootstrap {
        println!(
            "  bootstrap of {n} in {took:.3} s: fetching {:.3} s, waiting for merges {:.3} s, \
             writing {:.3} s, building indexes {:.3} s",
            times.fetching.as_secs_f64(),
            times.waiting_for_merges.as_secs_f64(),
            times.writing.as_secs_f64(),
            times.building_indexes.as_secs_f64()
        );
    }
    assert_eq!(fresh.list_customers().unwrap().len(), n);
    assert!(pulled.pulled as usize >= n);
    took
}

/// A snapshot as the raw baseline holds it: id, class, Automerge bytes.
type Snapshot = (String, String, Vec<u8>);

/// The very snapshot pages a fresh device gets (`GET /v1/snapshots`, 1,000 a page as the
/// replica asks), fetched and decoded into memory: the raw baseline's input, read before its
/// clock starts.
fn fetch_snapshots(url: &str, token: &str) -> Vec<Snapshot> {
    use base64::Engine as _;
    let transport = HttpTransport::new(url, token).unwrap();
    let mut snapshots = Vec::new();
    let mut after = 0;
    loop {
        let page: SnapshotPage = transport
            .snapshots(after, 1_000)
            .unwrap()
            .expect("the server offers snapshots");
        for document in page.documents {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&document.data)
                .unwrap();
            snapshots.push((document.doc_id, document.class, bytes));
        }
        after = page.position;
        if !page.more {
            return snapshots;
        }
    }
}

/// The raw baseline of a bootstrap, in seconds: every snapshot loaded with Automerge, spread
/// over the cores as the replica spreads its merging, then the ids, classes and bytes inserted
/// into a fresh SQLite file in one transaction, with the pragmas the replica bootstraps with
/// (WAL, synchronous NORMAL, 32 MB cache, statement journals in memory).
fn raw_bootstrap(dir: &Path, snapshots: &[Snapshot]) -> f64 {
    std::fs::create_dir_all(dir).unwrap();
    let started = Instant::now();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = snapshots.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in snapshots.chunks(chunk) {
            scope.spawn(move || {
                for (id, _, bytes) in part {
                    let doc = automerge::Automerge::load(bytes)
                        .unwrap_or_else(|e| panic!("snapshot {id} does not load: {e}"));
                    std::hint::black_box(doc.get_heads());
                }
            });
        }
    });
    let mut conn = rusqlite::Connection::open(dir.join("raw.sqlite3")).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", -32_768).unwrap();
    conn.pragma_update(None, "temp_store", "MEMORY").unwrap();
    conn.execute_batch(
        "CREATE TABLE documents (
             id TEXT PRIMARY KEY NOT NULL,
             class TEXT NOT NULL,
             bytes BLOB NOT NULL
         ) STRICT",
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO documents (id, class, bytes) VALUES (?1, ?2, ?3)")
            .unwrap();
        for (id, class, bytes) in snapshots {
            insert.execute(rusqlite::params![id, class, bytes]).unwrap();
        }
    }
    tx.commit().unwrap();
    let took = started.elapsed().as_secs_f64();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored as usize, snapshots.len());
    took
}

/// `work` in a fresh folder under `parent`, removed afterwards: its timing.
fn in_fresh_folder(parent: &Path, name: &str, work: impl FnOnce(&Path) -> f64) -> f64 {
    let dir = parent.join(name);
    let took = work(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    took
}

fn main() {
    let checkout = Checkout::current();
    println!("{}", checkout.banner("sync benchmark"));
    let sizes: Vec<usize> = std::env::var("BENCH_SYNC_SIZES")
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000, 100_000]);
    let mut figures = Figures::new();
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

        let bootstrap_in = |name: &str| {
            in_fresh_folder(work.path(), name, |dir| {
                bootstrap(dir, n, &server.url, &token)
            })
        };
        let mut measured = vec![bootstrap_in("fresh0")];
        // Before the raw baseline's pages are held, which would count in the peak.
        let peak_rss = peak_rss_mb();
        let snapshots = fetch_snapshots(&server.url, &token);
        // The two alternate, so a busy moment of a shared machine falls on both alike.
        let mut raw = Vec::new();
        for run in 0..runs(n) {
            raw.push(in_fresh_folder(work.path(), &format!("raw{run}"), |dir| {
                raw_bootstrap(dir, &snapshots)
            }));
            if run > 0 {
                measured.push(bootstrap_in(&format!("fresh{run}")));
            }
        }
        drop(snapshots);
        println!("bootstrap of {n}, each run: {measured:.3?} s; raw: {raw:.3?} s");
        let (took, raw) = (median(&mut measured), median(&mut raw));
        match n {
            100_000 => {
                figures.versus_raw("bootstrap_100k", "s", took, raw, 2.0, RAW_IS);
                figures.figure(
                    "bootstrap_100k_peak_rss_mb",
                    peak_rss,
                    "MB",
                    "reported (whole bench process)",
                );
            }
            _ => {
                let name = match n {
                    1_000 => "bootstrap_1k".to_owned(),
                    10_000 => "bootstrap_10k".to_owned(),
                    _ => format!("bootstrap_{n}"),
                };
                figures.versus_raw(&name, "ms", took * 1000.0, raw * 1000.0, 2.0, RAW_IS);
            }
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
            figures.figure(
                "edits10_ms",
                started.elapsed().as_secs_f64() * 1000.0,
                "ms",
                "<= 100",
            );
            figures.figure(
                "edits10_round_trips",
                f64::from(counting.calls.get()),
                "",
                "1",
            );
        }
    }
    if std::env::var("BENCH_SYNC_REFERENCE").as_deref() != Ok("0") {
        // A busy machine can make the reference give up on a document; retry with fewer in flight.
        match reference(&checkout, 1_000, 100).or_else(|error| {
            println!("the reference failed with 100 in flight ({error}); retrying with 10");
            reference(&checkout, 1_000, 10)
        }) {
            Ok(ms) => figures.figure("bootstrap_1k_reference_ms", ms, "ms", "the reference stack"),
            Err(error) => println!("the automerge-repo reference did not run: {error}"),
        }
        if let (Some(ours), Some(theirs)) = (
            figures.get("bootstrap_1k_ms"),
            figures.get("bootstrap_1k_reference_ms"),
        ) {
            println!(
                "bootstrap at 1,000: {:.1}x faster than automerge-repo (target >= 20x)",
                theirs / ours
            );
        }
        if std::env::var("BENCH_SYNC_REFERENCE_10K").as_deref() == Ok("1") {
            match reference(&checkout, 10_000, 10) {
                Ok(ms) => figures.figure(
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
        figures.figure(
            &format!("devices{devices}_p50_ms"),
            load.p50_ms,
            "ms",
            "reported",
        );
        figures.figure(
            &format!("devices{devices}_p99_ms"),
            load.p99_ms,
            "ms",
            "<= 200",
        );
        figures.figure(
            &format!("devices{devices}_errors"),
            load.errors as f64,
            "",
            "0",
        );
        figures.figure("server_rss_mb", load.server_rss_mb, "MB", "<= 300");
    }
    figures
        .write(&checkout.bench_dir(), "sync.json")
        .expect("cannot write the figures");
}

/// The reference automerge-repo stack (../shared/anchors/automerge-repo) bootstrapping `n`
/// documents with `concurrency` requests in flight: its bootstrap_ms.
fn reference(checkout: &Checkout, n: usize, concurrency: usize) -> Result<f64, String> {
    let script = checkout
        .root
        .join("../shared/anchors/automerge-repo/run.sh");
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
