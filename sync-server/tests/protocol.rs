//! The real server process on 127.0.0.1 speaking protocol 1: token auth, idempotent pushes,
//! cursor pulls, private addresses held back, bad input refused with nothing stored, and an
//! acknowledged push surviving kill -9; every scenario over SQLite and over PostgreSQL.

use automerge::transaction::Transactable;
use base64::Engine as _;
use serde_json::{json, Value};
mod support;

use support::{backend_tests, Backend, Server};

backend_tests!(
    push_pull_auth_privacy_and_bad_input,
    an_acknowledged_push_survives_kill_9,
    a_waiting_device_hears_of_a_push_within_a_second,
);

fn changes(class: &str, name: &str) -> String {
    let mut doc = automerge::AutoCommit::new();
    doc.put(automerge::ROOT, "class", class).unwrap();
    doc.put(automerge::ROOT, "name", name).unwrap();
    base64::engine::general_purpose::STANDARD.encode(doc.save())
}

fn push(server: &Server, token: Option<&str>, body: &Value) -> (u16, Value) {
    let client = reqwest::blocking::Client::new();
    let mut request = client.post(format!("{}/v1/push", server.url)).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

fn pull(server: &Server, token: &str, after: u64) -> Value {
    let response = reqwest::blocking::Client::new()
        .get(format!("{}/v1/pull?after={after}", server.url))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    response.json().unwrap()
}

fn doc_ids(pulled: &Value) -> Vec<String> {
    pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["doc_id"].as_str().unwrap().to_owned())
        .collect()
}

fn push_pull_auth_privacy_and_bad_input(backend: &Backend) {
    let rep = backend.member("rep1", &["--role", "rep"]);
    let manager = backend.member("lan", &["--role", "manager", "--private-addresses"]);
    assert_eq!(rep.len(), 64);
    let server = backend.start();

    let customer = json!({"protocol": 1, "changes": [{"doc_id": "c1", "class": "customer", "data": changes("customer", "Đông Á")}]});
    assert_eq!(push(&server, None, &customer).0, 401);
    assert_eq!(push(&server, Some("not-a-token"), &customer).0, 401);
    let (status, body) = push(&server, Some(&rep), &customer);
    assert_eq!(
        (
            status,
            body["accepted"].as_u64(),
            body["duplicates"].as_u64()
        ),
        (200, Some(1), Some(0))
    );
    let (_, again) = push(&server, Some(&rep), &customer);
    assert_eq!(
        (again["accepted"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(1)),
        "a retried push duplicates nothing"
    );

    let private = json!({"protocol": 1, "changes": [{"doc_id": "p1", "class": "private_address", "data": changes("private_address", "Huế")}]});
    assert_eq!(push(&server, Some(&rep), &private).0, 403);
    assert_eq!(push(&server, Some(&manager), &private).0, 200);

    assert_eq!(
        doc_ids(&pull(&server, &rep, 0)),
        vec!["c1"],
        "a rep never receives a private address"
    );
    assert_eq!(doc_ids(&pull(&server, &manager, 0)), vec!["c1", "p1"]);
    let first = pull(&server, &manager, 0)["changes"][0]["seq"]
        .as_u64()
        .unwrap();
    assert_eq!(
        doc_ids(&pull(&server, &manager, first)),
        vec!["p1"],
        "the cursor skips what was seen"
    );

    let refused = [
        (
            json!({"protocol": 1, "changes": [{"doc_id": "c2", "class": "customer", "data": "%%%"}]}),
            400,
            "bad_base64",
        ),
        (
            json!({"protocol": 1, "changes": [{"doc_id": "c2", "class": "customer", "data": "aGVsbG8="}]}),
            400,
            "bad_changes",
        ),
        (
            json!({"protocol": 1, "changes": [{"doc_id": "c2", "class": "delivery_note", "data": changes("delivery_note", "x")}]}),
            400,
            "unknown_class",
        ),
        (json!({"protocol": 9, "changes": []}), 400, "protocol"),
        (
            json!({"protocol": 1, "changes": [{"doc_id": "c1", "class": "settings", "data": changes("settings", "x")}]}),
            409,
            "class_mismatch",
        ),
        (json!({"protocol": 1}), 400, "malformed"),
    ];
    for (body, status, code) in refused {
        let (got, answer) = push(&server, Some(&rep), &body);
        assert_eq!(
            (got, answer["code"].as_str()),
            (status, Some(code)),
            "{body}"
        );
        assert!(!answer["message"].as_str().unwrap().is_empty());
    }
    let huge = json!({"protocol": 1, "changes": [{"doc_id": "c3", "class": "customer", "data": "A".repeat(17 * 1024 * 1024)}]});
    assert_eq!(push(&server, Some(&rep), &huge).0, 413);
    assert_eq!(
        doc_ids(&pull(&server, &manager, 0)),
        vec!["c1", "p1"],
        "nothing refused was stored"
    );

    backend.admin(&["user", "disable", "rep1"]);
    assert_eq!(
        push(&server, Some(&rep), &customer).0,
        401,
        "a disabled user's token stops working"
    );
    backend.admin(&["token", "revoke", &manager]);
    let response = reqwest::blocking::Client::new()
        .get(format!("{}/v1/pull", server.url))
        .bearer_auth(&manager)
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
}

fn an_acknowledged_push_survives_kill_9(backend: &Backend) {
    let token = backend.member("rep1", &[]);
    let server = backend.start();
    let body = json!({"protocol": 1, "changes": [{"doc_id": "c1", "class": "customer", "data": changes("customer", "Đông Á")}]});
    assert_eq!(push(&server, Some(&token), &body).0, 200);
    let mut server = server;
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    let server = backend.start();
    assert_eq!(doc_ids(&pull(&server, &token, 0)), vec!["c1"]);
    let (_, retry) = push(&server, Some(&token), &body);
    assert_eq!(
        retry["duplicates"].as_u64(),
        Some(1),
        "the retry after the crash duplicates nothing"
    );
}

fn a_waiting_device_hears_of_a_push_within_a_second(backend: &Backend) {
    let waiter = backend.member("rep1", &[]);
    let pusher = backend.member("rep2", &[]);
    let server = backend.start();
    let url = format!("{}/v1/wait?after=0&timeout=60", server.url);
    let waiting = std::thread::spawn(move || {
        let response = reqwest::blocking::Client::new()
            .get(url)
            .bearer_auth(waiter)
            .send()
            .unwrap();
        let answer: Value = response.json().unwrap();
        (std::time::Instant::now(), answer["cursor"].as_u64())
    });
    // Push once the waiter is (very likely) waiting; the assertion does not depend on the order.
    let body = json!({"protocol": 1, "changes": [{"doc_id": "c1", "class": "customer", "data": changes("customer", "Đông Á")}]});
    let pushed_at = std::time::Instant::now();
    assert_eq!(push(&server, Some(&pusher), &body).0, 200);
    let (answered_at, cursor) = waiting.join().unwrap();
    assert_eq!(cursor, Some(1));
    // Woken by the push, not by its 60 s timeout (latency is a benchmark figure, not a test's).
    assert!(
        answered_at.duration_since(pushed_at) < std::time::Duration::from_secs(30),
        "the wait ended at its timeout: the push did not wake it"
    );
    let unauthorized = reqwest::blocking::Client::new()
        .get(format!("{}/v1/wait", server.url))
        .send()
        .unwrap();
    assert_eq!(unauthorized.status().as_u16(), 401);
}
