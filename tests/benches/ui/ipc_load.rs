//! IPC latency while the app syncs (issue 10): a fresh app on an empty data folder, configured
//! with the real sync server (`CLIENTELE_SYNC_SERVER`, `CLIENTELE_SYNC_TOKEN`), bootstraps the
//! benchmark's customers while its page calls, in a tight loop through
//! `window.__TAURI_INTERNALS__.invoke`, alternately `customer_page` (the Customers screen's first
//! page, as `IPC_SCRIPT` asks for it) and `update_customer` (a customer it made with
//! `create_customer` first), timing each call with `performance.now()`, and `sync_status` every
//! 250 ms (untimed) to know when the bootstrap is over.
//!
//! The app reaches the server through the benchmark's loopback proxy (`proxy.rs`), which holds
//! its connections until the loop starts, so the loop covers the whole bootstrap:
//! - `ipc_p99_during_bootstrap_ms`: no delay, until the bootstrap ends (generous deadline).
//! - `ipc_p99_slow_link_ms`: 300 ms added to every request, until the bootstrap ends or 60 s.
//!
//! The bootstrap is over when the status says `up_to_date`: as `sync_status` answers it, or as
//! the shell's `sync-status` event (the same value, pushed to the window at each change) says it
//! in between. The loop's edits start the next round at once, so on a slow link `up_to_date`
//! lasts too briefly for a 250 ms poll to see.

use clientele_model::commands::{
    Command, CreateCustomer, CreateCustomerArgs, CustomerPageArgs, Event, GetCustomerPage,
    GetScreenContext, GetSyncStatus, SyncStatusChanged, UpdateCustomer,
};
use clientele_model::query::CustomerQuery;
use clientele_model::CustomerDraft;
use clientele_test_support::figures::percentile;
use clientele_test_support::Figures;
use clientele_tests::desktop::Desktop;
use clientele_tests::server::SyncServer;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

use super::proxy::Proxy;
use super::server_data;

/// What the slow link adds to every request.
const SLOW_LINK_DELAY: Duration = Duration::from_millis(300);

/// How long the slow-link loop may run at most.
const SLOW_LINK_LIMIT: Duration = Duration::from_secs(60);

/// How often the loop asks `sync_status`.
const STATUS_EVERY_MS: u64 = 250;

/// The IPC latency goal of both figures.
const GOAL_MS: f64 = 50.0;

/// Creates the customer the loop edits, starts listening to the status events and keeps what
/// the loop needs in `window.__ipcLoad`: resolves with {id} or {error}.
const PREPARE_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const [names, base, create] = arguments;
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
    const context = await invoke(names.context, {});
    const now = new Date();
    const two = n => String(n).padStart(2, '0');
    const today = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
    const query = Object.assign({}, base, {search: '', user_id: context.user_id ?? null, today});
    const row = await invoke(names.create, create);
    const load = {names, query, id: row.id, draft: create.draft, result: null, states: [],
                  upToDate: null};
    load.seen = (status, how) => {
        const label = status.state + (status.total != null ? ' (with total)' : '');
        if (load.states[load.states.length - 1] !== label) load.states.push(label);
        if (status.state === 'up_to_date' && load.upToDate === null) {
            load.upToDate = {at: performance.now(), how};
        }
    };
    await window.__TAURI__.event.listen(names.event, e => load.seen(e.payload, 'event'));
    window.__ipcLoad = load;
    done({id: row.id});
})().catch(e => done({error: String(e && e.message || e)}));
"#;

/// Starts the loop (`arguments[0]`: the time limit in ms, `arguments[1]`: ms between status
/// polls); `window.__ipcLoad.result` holds its answer once it ends.
const RUN_SCRIPT: &str = r#"
const [limit, statusEvery] = arguments;
const load = window.__ipcLoad;
const {names, query, id, draft} = load;
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
    const pages = [], edits = [];
    const t0 = performance.now();
    let polled = -Infinity, ended = null, last = null;
    for (let i = 0; ; i++) {
        const now = performance.now();
        if (now - polled >= statusEvery) {
            polled = now;
            last = await invoke(names.status, {});
            load.seen(last, 'sync_status');
            if (now - t0 >= limit) ended = 'limit';
        }
        if (load.upToDate !== null) ended = 'up_to_date';
        if (ended !== null) break;
        const t = performance.now();
        if (i % 2 === 0) {
            await invoke(names.page, {query});
            pages.push(performance.now() - t);
        } else {
            await invoke(names.update, {id, draft: Object.assign({}, draft, {notes: 'IPC ' + i})});
            edits.push(performance.now() - t);
        }
    }
    const end = ended === 'up_to_date' ? load.upToDate.at : performance.now();
    load.result = {pages, edits, ended, how: load.upToDate && load.upToDate.how,
                   elapsed: end - t0, last, states: load.states.slice()};
})().catch(e => { load.result = {error: String(e && e.message || e)}; });
return true;
"#;

const POLL_SCRIPT: &str = "return window.__ipcLoad.result;";

/// What one loop measured.
struct Load {
    pages: Vec<f64>,
    edits: Vec<f64>,
    /// `up_to_date` or `limit`.
    ended: String,
    /// What said `up_to_date` first: `sync_status` or `event`.
    how: String,
    seconds: f64,
    last: Value,
    states: Vec<String>,
    /// What the app asked the server while the loop ran (the proxy's count).
    requests: String,
}

/// Runs both loops against a copy of the cached server data; adds their figures. `Err` when the
/// bootstrap did not end within its deadline (after the figures are recorded).
pub async fn measure(data: &Path, customers: usize, figures: &mut Figures) -> Result<(), String> {
    let server_data = server_data::prepare(data).await;
    let mut server = SyncServer::new(server_data.folder.path());
    server.start();
    let token = server_data.token.as_str();

    let deadline = Duration::from_secs(120 + customers as u64 / 100);
    let load = run(&server, token, Duration::ZERO, deadline).await;
    let summary = summarise(&load, "ipc during bootstrap (real server, no delay)");
    let bootstrap = match load.ended.as_str() {
        "limit" => Err(format!(
            "the bootstrap of {customers} customers did not end within {deadline:?} (last status {})",
            load.last
        )),
        _ => Ok(()),
    };
    println!(
        "  {}",
        match load.ended.as_str() {
            "limit" => format!("DEADLINE: no end of the bootstrap within {deadline:?}"),
            _ => format!("bootstrap took {:.1} s ({})", load.seconds, ended(&load)),
        }
    );
    record(figures, "ipc_p99_during_bootstrap_ms", summary);
    figures.figure(
        "ui_bootstrap_s",
        load.seconds,
        "s",
        "reported: a fresh app's bootstrap with the IPC loop running",
    );

    let load = run(&server, token, SLOW_LINK_DELAY, SLOW_LINK_LIMIT).await;
    let summary = summarise(&load, "ipc on a slow link (+300 ms per request)");
    println!(
        "  {}",
        match load.ended.as_str() {
            "limit" => format!(
                "stopped at the {SLOW_LINK_LIMIT:?} limit, bootstrap still running (last status {}; \
                 statuses seen: {})",
                load.last,
                load.states.join(" -> ")
            ),
            _ => format!(
                "ran for the whole bootstrap: {:.1} s ({})",
                load.seconds,
                ended(&load)
            ),
        }
    );
    record(figures, "ipc_p99_slow_link_ms", summary);
    figures.figure(
        "slow_link_loop_s",
        load.seconds,
        "s",
        "reported: the slow-link loop's length (bootstrap or 60 s)",
    );
    bootstrap
}

/// How the bootstrap's end was seen.
fn ended(load: &Load) -> String {
    let how = match load.how.as_str() {
        "event" => "the status event said up_to_date before the next sync_status call",
        _ => "sync_status said up_to_date",
    };
    format!("{how}; statuses seen: {}", load.states.join(" -> "))
}

/// Prints the loop's samples; their p99.
fn summarise(load: &Load, what: &str) -> f64 {
    let mut all: Vec<f64> = load.pages.iter().chain(&load.edits).copied().collect();
    let (mut pages, mut edits) = (load.pages.clone(), load.edits.clone());
    let p99 = percentile(&mut all, 99.0);
    println!("{what}: requests to the server: {}", load.requests);
    println!(
        "{what}: {} calls ({} customer_page, {} update_customer) in {:.1} s; \
         p50 {:.1} ms, p99 {p99:.1} ms, max {:.1} ms; p99 of pages {:.1} ms, of edits {:.1} ms",
        all.len(),
        pages.len(),
        edits.len(),
        load.seconds,
        percentile(&mut all, 50.0),
        percentile(&mut all, 100.0),
        percentile(&mut pages, 99.0),
        percentile(&mut edits, 99.0),
    );
    p99
}

/// The figure with its target, and the goal so a miss is listed.
fn record(figures: &mut Figures, key: &str, p99: f64) {
    figures.figure(key, p99, "ms", "<= 50");
    figures.absolute_goal(key, p99, GOAL_MS, "ms");
}

/// A fresh app on an empty folder syncing through a proxy adding `delay`; the loop runs from
/// the moment the proxy lets it through until the bootstrap ends or `limit`.
async fn run(server: &SyncServer, token: &str, delay: Duration, limit: Duration) -> Load {
    let proxy = Proxy::start(&server.url, delay).await;
    let folder = tempfile::tempdir().unwrap();
    let app = Desktop::launch_with_env(
        folder.path(),
        &[
            ("CLIENTELE_SYNC_SERVER", &proxy.url),
            ("CLIENTELE_SYNC_TOKEN", token),
        ],
    )
    .await;
    let names = json!({
        "page": GetCustomerPage::NAME,
        "create": CreateCustomer::NAME,
        "update": UpdateCustomer::NAME,
        "status": GetSyncStatus::NAME,
        "event": SyncStatusChanged::NAME,
        "context": GetScreenContext::NAME,
    });
    let base = CustomerPageArgs {
        query: CustomerQuery {
            limit: super::PAGE_SIZE,
            ..CustomerQuery::default()
        },
    };
    let create = CreateCustomerArgs {
        draft: CustomerDraft {
            name: "Công ty TNHH Đo Tải IPC".into(),
            ..CustomerDraft::default()
        },
    };
    let prepared = app
        .client
        .execute_async(
            PREPARE_SCRIPT,
            vec![
                names,
                serde_json::to_value(&base).unwrap()["query"].clone(),
                serde_json::to_value(&create).unwrap(),
            ],
        )
        .await
        .unwrap();
    assert!(
        prepared["id"].is_string(),
        "the page could not create its customer: {prepared}"
    );
    proxy.open();
    app.client
        .execute(
            RUN_SCRIPT,
            vec![json!(limit.as_millis() as u64), json!(STATUS_EVERY_MS)],
        )
        .await
        .unwrap();
    // Polled rather than awaited: one WebDriver request held for minutes could time out.
    let give_up = Instant::now() + limit + Duration::from_secs(60);
    let answer = loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let answer = app.client.execute(POLL_SCRIPT, vec![]).await.unwrap();
        if !answer.is_null() {
            break answer;
        }
        assert!(Instant::now() < give_up, "the page's IPC loop never ended");
    };
    let requests = proxy.requests();
    app.close().await;
    drop(proxy);
    let numbers = |key: &str| -> Vec<f64> {
        answer[key]
            .as_array()
            .unwrap_or_else(|| panic!("the page's IPC loop failed: {answer}"))
            .iter()
            .filter_map(Value::as_f64)
            .collect()
    };
    Load {
        pages: numbers("pages"),
        edits: numbers("edits"),
        ended: answer["ended"].as_str().unwrap_or_default().to_owned(),
        how: answer["how"].as_str().unwrap_or_default().to_owned(),
        seconds: answer["elapsed"].as_f64().unwrap_or(f64::NAN) / 1000.0,
        last: answer["last"].clone(),
        states: strings(&answer["states"]),
        requests,
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|states| {
            states
                .iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
