//! The real server binary on 127.0.0.1, over both stores: it answers its health check and stops
//! cleanly on SIGTERM; a push killed with SIGKILL in the middle of its transaction is stored whole
//! or not at all, its retry duplicates nothing and nothing acknowledged is lost; and two
//! instances on one PostgreSQL database merge concurrent edits of one document without losing any
//! and wake each other's waiting devices.

mod support;

use automerge::transaction::Transactable;
use automerge::ReadDoc;
use base64::Engine as _;
use clientele_model::sync::{
    DocumentChanges, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION,
};
use clientele_model::CustomerDraft;
use clientele_replica::{HttpTransport, Replica, SyncError, SyncTransport};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use support::{backend_tests, Backend};

backend_tests!(
    serves_health_and_shuts_down_cleanly_on_sigterm,
    a_push_killed_mid_transaction_is_whole_or_absent_and_its_retry_duplicates_nothing,
);

/// Waits for `condition`, failing after 60 s.
fn eventually(what: &str, condition: impl FnMut() -> bool) {
    clientele_test_support::wait::eventually(
        what,
        Duration::from_secs(60),
        Duration::from_millis(1),
        condition,
    );
}

fn serves_health_and_shuts_down_cleanly_on_sigterm(backend: &Backend) {
    let mut server = backend.start();
    let address = server
        .url
        .strip_prefix("http://")
        .unwrap_or_else(|| panic!("unexpected URL {}", server.url))
        .to_owned();

    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /health HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""), "{response}");
    assert!(response.contains("\"protocol\":1"), "{response}");

    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "server did not stop within 10 s of SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "server exited with {exit}");
}

/// A server stand-in that keeps what a replica pushes and acknowledges it.
#[derive(Default)]
struct Capture(Mutex<Vec<DocumentChanges>>);

impl SyncTransport for Capture {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        let mut kept = self.0.lock().unwrap();
        kept.extend(request.changes.iter().cloned());
        Ok(PushResponse {
            accepted: request.changes.len() as u32,
            duplicates: 0,
            cursor: kept.len() as u64,
        })
    }

    fn pull(&self, _after: u64, _limit: u32) -> Result<PullResponse, SyncError> {
        Ok(PullResponse {
            changes: Vec::new(),
            cursor: 0,
            more: false,
        })
    }
}

fn push(url: &str, token: &str, changes: &[DocumentChanges]) -> reqwest::Result<PushResponse> {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()?
        .post(format!("{url}/v1/push"))
        .bearer_auth(token)
        .json(&PushRequest {
            protocol: PROTOCOL_VERSION,
            changes: changes.to_vec(),
        })
        .send()?
        .error_for_status()?
        .json()
}

/// Every entry the server holds, as (doc_id, data).
fn pull_everything(url: &str, token: &str) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let mut after = 0;
    loop {
        let page: PullResponse = reqwest::blocking::Client::new()
            .get(format!("{url}/v1/pull?after={after}&limit=1000"))
            .bearer_auth(token)
            .send()
            .unwrap()
            .json()
            .unwrap();
        all.extend(page.changes.into_iter().map(|c| (c.doc_id, c.data)));
        after = page.cursor;
        if !page.more {
            return all;
        }
    }
}

/// Whether the server is inside a write transaction right now (seen from outside the process).
fn writing(watcher: &mut Watcher) -> bool {
    match watcher {
        Watcher::Sqlite(conn) => match conn.execute_batch("BEGIN IMMEDIATE") {
            Ok(()) => {
                conn.execute_batch("ROLLBACK").unwrap();
                false
            }
            Err(_) => true,
        },
        Watcher::Postgres(client) => {
            let row = client
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                     AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
                    &[],
                )
                .unwrap();
            row.get::<_, i64>(0) > 0
        }
    }
}

enum Watcher {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

fn watcher(backend: &Backend) -> Watcher {
    match &backend.database {
        Some(database) => Watcher::Postgres(database.connect()),
        None => {
            let conn =
                rusqlite::Connection::open(backend.path().join("server").join("sync.sqlite3"))
                    .unwrap();
            conn.busy_timeout(Duration::ZERO).unwrap();
            Watcher::Sqlite(conn)
        }
    }
}

fn a_push_killed_mid_transaction_is_whole_or_absent_and_its_retry_duplicates_nothing(
    backend: &Backend,
) {
    let token = backend.member("rep1", &[]);

    // Real customer documents: a device's pushes, captured.
    let mut source = Replica::open(&backend.path().join("source")).unwrap();
    for i in 0..1000 {
        source
            .create_customer(&CustomerDraft {
                name: format!("Khách hàng số {i}"),
                address: clientele_model::Address {
                    city: "Hồ Chí Minh".into(),
                    ..Default::default()
                },
                notes: "Gọi lại vào thứ Hai về đơn hàng tháng sau. ".repeat(5),
                ..CustomerDraft::default()
            })
            .unwrap();
    }
    let capture = Capture::default();
    source.sync_once(&capture).unwrap();
    let changes = capture.0.into_inner().unwrap();
    assert!(changes.len() >= 1000, "{} changes", changes.len());
    let (first, big) = changes.split_at(200);

    let mut server = backend.start();
    let acknowledged = push(&server.url, &token, first).unwrap();
    assert_eq!((acknowledged.accepted, acknowledged.duplicates), (200, 0));

    // The big push on another thread; SIGKILL once the server is inside its transaction.
    let mut watch = watcher(backend);
    let (url, pusher_token, big_owned) = (server.url.clone(), token.clone(), big.to_vec());
    let pusher = std::thread::spawn(move || push(&url, &pusher_token, &big_owned).ok());
    let mut caught = false;
    eventually("the big push's transaction to begin", || {
        caught = writing(&mut watch);
        caught || pusher.is_finished()
    });
    assert!(
        caught,
        "the push finished before the server was seen inside its transaction"
    );
    server.kill_9();
    let big_acknowledged = pusher.join().unwrap();
    drop(watch);

    let server = backend.start();
    let retry = push(&server.url, &token, first).unwrap();
    assert_eq!(
        (retry.accepted, retry.duplicates),
        (0, 200),
        "the retry of an acknowledged push duplicates nothing"
    );
    let n = big.len() as u32;
    let retry = push(&server.url, &token, big).unwrap();
    assert!(
        (retry.accepted, retry.duplicates) == (n, 0)
            || (retry.accepted, retry.duplicates) == (0, n),
        "a push is stored whole or not at all: the retry found {retry:?} of {n}"
    );
    if big_acknowledged.is_some() {
        assert_eq!(retry.duplicates, n, "an acknowledged push was lost");
    }

    let held = pull_everything(&server.url, &token);
    let distinct: BTreeSet<_> = held.iter().cloned().collect();
    assert_eq!(held.len(), distinct.len(), "an entry is stored twice");
    let sent: BTreeSet<_> = changes
        .iter()
        .map(|c| (c.doc_id.clone(), c.data.clone()))
        .collect();
    assert_eq!(distinct, sent, "the server holds exactly what was pushed");

    let mut fresh = Replica::open(&backend.path().join("fresh")).unwrap();
    fresh
        .sync_once(&HttpTransport::new(&server.url, &token).unwrap())
        .unwrap();
    assert_eq!(
        fresh.projection_dump().unwrap(),
        source.projection_dump().unwrap(),
        "a fresh device receives every customer"
    );
}

/// Two instances on one database, each merging pushes to the same document at once: the stored
/// snapshot holds every change (a lost merge would drop some).
#[test]
fn two_instances_on_one_postgres_database_lose_no_merge() {
    let backend = Backend::postgres();
    backend.admin(&["user", "add", "rep1"]);
    backend.admin(&["user", "add", "rep2"]);
    let tokens = [
        backend.admin(&["token", "issue", "rep1"]),
        backend.admin(&["token", "issue", "rep2"]),
    ];
    let servers = [backend.start(), backend.start()];
    let encode = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut base = automerge::AutoCommit::new();
    base.put(automerge::ROOT, "class", "customer").unwrap();
    base.put(automerge::ROOT, "name", "Công ty Đông Á").unwrap();
    let document = |data: &[u8]| DocumentChanges {
        doc_id: "c1".into(),
        class: "customer".into(),
        data: encode(data),
    };
    push(&servers[0].url, &tokens[0], &[document(&base.save())]).unwrap();

    const EDITS: usize = 40;
    std::thread::scope(|scope| {
        for (i, (server, token)) in servers.iter().zip(&tokens).enumerate() {
            let mut fork = base.fork();
            scope.spawn(move || {
                for k in 0..EDITS {
                    let heads = fork.get_heads();
                    fork.put(automerge::ROOT, format!("edit {i}.{k}"), k as i64)
                        .unwrap();
                    let answer =
                        push(&server.url, token, &[document(&fork.save_after(&heads))]).unwrap();
                    assert_eq!(answer.accepted, 1);
                }
            });
        }
    });

    let page: clientele_model::sync::SnapshotPage = reqwest::blocking::Client::new()
        .get(format!("{}/v1/snapshots?after=0", servers[1].url))
        .bearer_auth(&tokens[1])
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(page.documents.len(), 1);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&page.documents[0].data)
        .unwrap();
    let stored = automerge::AutoCommit::load(&bytes).unwrap();
    let missing: Vec<String> = (0..2)
        .flat_map(|i| (0..EDITS).map(move |k| format!("edit {i}.{k}")))
        .filter(|key| stored.get(automerge::ROOT, key).unwrap().is_none())
        .collect();
    assert!(missing.is_empty(), "merges lost: {missing:?}");
    assert_eq!(
        pull_everything(&servers[0].url, &tokens[0]).len(),
        1 + 2 * EDITS
    );
}

/// A device long-polling instance B hears of a push to instance A within a second: the
/// instances wake each other through PostgreSQL (LISTEN/NOTIFY), not only their own devices.
#[test]
fn a_device_waiting_on_one_instance_is_woken_by_a_push_to_another() {
    #[derive(serde::Deserialize)]
    struct WaitAnswer {
        cursor: u64,
    }
    let backend = Backend::postgres();
    let token = backend.member("rep1", &[]);
    let (a, b) = (backend.start(), backend.start());
    let encode = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let document = |id: &str| {
        let mut doc = automerge::AutoCommit::new();
        doc.put(automerge::ROOT, "class", "customer").unwrap();
        doc.put(automerge::ROOT, "name", id).unwrap();
        DocumentChanges {
            doc_id: id.into(),
            class: "customer".into(),
            data: encode(&doc.save()),
        }
    };
    let before = push(&a.url, &token, &[document("c1")]).unwrap().cursor;

    // B's wait would last 30 s if nothing woke it.
    let waiting = std::thread::spawn({
        let (url, token) = (b.url.clone(), token.clone());
        move || {
            let answer: WaitAnswer = reqwest::blocking::Client::new()
                .get(format!("{url}/v1/wait?after={before}&timeout=30"))
                .bearer_auth(&token)
                .timeout(Duration::from_secs(40))
                .send()
                .unwrap()
                .json()
                .unwrap();
            (answer.cursor, Instant::now())
        }
    });
    let pushed = push(&a.url, &token, &[document("c2")]).unwrap();
    let acknowledged = Instant::now();
    assert!(pushed.cursor > before);
    let (cursor, answered) = waiting.join().unwrap();
    assert!(
        cursor >= pushed.cursor,
        "instance B answered with cursor {cursor}, not the push's {}",
        pushed.cursor
    );
    let late = answered.saturating_duration_since(acknowledged);
    assert!(
        late < Duration::from_secs(1),
        "instance B woke its device {late:?} after the push to A was acknowledged"
    );
}
