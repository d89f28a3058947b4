//! The 200-device load: simulated devices, each with its own token and its own customer
//! document, sync against the real server process for a while. Each device syncs about once a
//! second (jittered); one round in three carries an edit of its customer (a push), every round
//! pulls what is new since its cursor. Reports request latency (p50/p99), errors and the
//! server's peak memory.

use automerge::transaction::Transactable;
use automerge::AutoCommit;
use base64::Engine as _;
use clientele_model::sync::{DocumentChanges, PullResponse, PushRequest, PROTOCOL_VERSION};
use clientele_test_support::figures::process_peak_rss_mb;
use std::time::{Duration, Instant};

/// What the load run measured.
pub struct LoadFigures {
    pub requests: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub errors: usize,
    pub server_rss_mb: f64,
}

/// A device's own customer: the changes it has not pushed yet are after `pushed_heads`.
struct DeviceCustomer {
    id: String,
    doc: AutoCommit,
    pushed_heads: Vec<automerge::ChangeHash>,
}

impl DeviceCustomer {
    fn new(device: usize) -> Self {
        let id = format!("load-customer-{device}");
        let mut doc = AutoCommit::new();
        doc.put(automerge::ROOT, "class", "customer").unwrap();
        doc.put(automerge::ROOT, "id", id.as_str()).unwrap();
        doc.put(automerge::ROOT, "name", format!("Khách hàng tải {device}"))
            .unwrap();
        DeviceCustomer {
            id,
            doc,
            pushed_heads: Vec::new(),
        }
    }

    /// An edit, as the changes the server lacks.
    fn edit(&mut self, round: u64) -> DocumentChanges {
        self.doc
            .put(automerge::ROOT, "notes", format!("Lần ghé thăm {round}"))
            .unwrap();
        let data = self.doc.save_after(&self.pushed_heads);
        self.pushed_heads = self.doc.get_heads();
        DocumentChanges {
            doc_id: self.id.clone(),
            class: "customer".into(),
            data: base64::engine::general_purpose::STANDARD.encode(data),
        }
    }
}

/// One device's life for `duration`: latencies of its requests, and how many failed.
async fn device(
    client: reqwest::Client,
    url: String,
    token: String,
    index: usize,
    duration: Duration,
) -> (Vec<f64>, usize) {
    let mut customer = DeviceCustomer::new(index);
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut cursor = 0u64;
    let mut seed = index as u64 * 2_654_435_761 + 1;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Devices start spread over the first second.
    tokio::time::sleep(Duration::from_millis(next() % 1_000)).await;
    let end = Instant::now() + duration;
    let mut round = 0u64;
    while Instant::now() < end {
        if round == 0 || next() % 3 == 0 {
            let request = PushRequest {
                protocol: PROTOCOL_VERSION,
                changes: vec![customer.edit(round)],
            };
            let started = Instant::now();
            let answer = client
                .post(format!("{url}/v1/push"))
                .bearer_auth(&token)
                .json(&request)
                .send()
                .await;
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            match answer {
                Ok(response) if response.status().is_success() => {}
                _ => errors += 1,
            }
        }
        loop {
            let started = Instant::now();
            let answer = client
                .get(format!("{url}/v1/pull?after={cursor}&limit=1000"))
                .bearer_auth(&token)
                .send()
                .await;
            let page: Option<PullResponse> = match answer {
                Ok(response) if response.status().is_success() => response.json().await.ok(),
                _ => None,
            };
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            match page {
                Some(page) => {
                    cursor = page.cursor;
                    if !page.more {
                        break;
                    }
                }
                None => {
                    errors += 1;
                    break;
                }
            }
        }
        round += 1;
        tokio::time::sleep(Duration::from_millis(700 + next() % 600)).await;
    }
    (latencies, errors)
}

/// Runs `tokens.len()` devices against `url` for `duration`; `server_pid` is measured.
pub fn run(url: &str, tokens: &[String], duration: Duration, server_pid: u32) -> LoadFigures {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (mut latencies, errors) = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(tokens.len())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let tasks: Vec<_> = tokens
            .iter()
            .enumerate()
            .map(|(index, token)| {
                tokio::spawn(device(
                    client.clone(),
                    url.to_owned(),
                    token.clone(),
                    index,
                    duration,
                ))
            })
            .collect();
        let mut latencies = Vec::new();
        let mut errors = 0;
        for task in tasks {
            match task.await {
                Ok((mut l, e)) => {
                    latencies.append(&mut l);
                    errors += e;
                }
                Err(_) => errors += 1,
            }
        }
        (latencies, errors)
    });
    latencies.sort_by(f64::total_cmp);
    let at = |q: f64| {
        latencies
            .get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or(f64::NAN)
    };
    LoadFigures {
        requests: latencies.len(),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        errors,
        server_rss_mb: process_peak_rss_mb(server_pid),
    }
}
