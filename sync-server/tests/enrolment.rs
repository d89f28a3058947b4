//! Enrolment with the real server process over both stores: `enrol USER` prints a one-time code,
//! `POST /v1/enrol` exchanges it (typed loosely) for a token of the device's own that `GET
//! /v1/me` accepts; a second use, an expired code, an unknown code and a disabled user are each
//! refused with their own code and message; revoking the enrolled token or disabling its user
//! makes the server answer 401, and a running device's sync loop then reports it signed out
//! and stops.

use serde_json::{json, Value};
mod support;

use support::{backend_tests, Backend, Server};

backend_tests!(
    a_code_enrols_one_device_once,
    an_expired_code_is_refused,
    a_disabled_user_cannot_enrol_and_their_tokens_stop,
    a_device_enrols_syncs_and_is_signed_out_when_its_token_is_revoked,
);

/// `POST /v1/enrol` with `code`: the status and the JSON answer.
fn enrol(server: &Server, code: &str, device_name: &str) -> (u16, Value) {
    let response = reqwest::blocking::Client::new()
        .post(format!("{}/v1/enrol", server.url))
        .json(&json!({"code": code, "device_name": device_name}))
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap())
}

/// `GET /v1/me` with `token`: the status and the JSON answer (null when not JSON).
fn me(server: &Server, token: &str) -> (u16, Value) {
    let response = reqwest::blocking::Client::new()
        .get(format!("{}/v1/me", server.url))
        .bearer_auth(token)
        .send()
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().unwrap_or(Value::Null))
}

/// Runs an admin command expected to fail: what it wrote to stderr.
fn admin_fails(backend: &Backend, args: &[&str]) -> String {
    let output = backend.command().args(args).output().unwrap();
    assert!(!output.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn a_code_enrols_one_device_once(backend: &Backend) {
    backend.admin(&[
        "user",
        "add",
        "lan",
        "--role",
        "manager",
        "--display-name",
        "Trần Thị Lan",
    ]);
    let code = backend.admin(&["enrol", "lan"]);
    assert_eq!(code.len(), 14, "a code in three groups of four: {code:?}");
    let server = backend.start();

    // Typed as people type it: lower case, spaces for dashes.
    let typed = code.to_lowercase().replace('-', " ");
    let (status, answer) = enrol(&server, &typed, "Laptop của Lan");
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["user"], "lan");
    assert_eq!(answer["display_name"], "Trần Thị Lan");
    let token = answer["token"].as_str().unwrap().to_owned();
    let (status, identity) = me(&server, &token);
    assert_eq!(status, 200, "{identity}");
    assert_eq!(identity["user"], "lan");

    // The same code again, even typed exactly as printed: refused, and no new token.
    let (status, answer) = enrol(&server, &code, "another laptop");
    assert_eq!(status, 410, "{answer}");
    assert_eq!(answer["code"], "enrolment_code_used");
    assert!(
        answer["message"].as_str().unwrap().contains("already used"),
        "{answer}"
    );
    assert!(answer.get("token").is_none(), "{answer}");
    // The first device's token still works.
    assert_eq!(me(&server, &token).0, 200);

    // A code never issued.
    let (status, answer) = enrol(&server, "AAAA-BBBB-CCCC", "laptop");
    assert_eq!(status, 404, "{answer}");
    assert_eq!(answer["code"], "enrolment_code_unknown");
    // No code at all.
    let (status, answer) = enrol(&server, " - ", "laptop");
    assert_eq!(status, 400, "{answer}");
    assert_eq!(answer["code"], "enrolment_code_missing");

    // Each code is its own: a second code for lan enrols a second device with another token.
    let second = backend.admin(&["enrol", "lan", "--expires-in", "30m"]);
    let (status, answer) = enrol(&server, &second, "phone");
    assert_eq!(status, 200, "{answer}");
    assert_ne!(answer["token"].as_str().unwrap(), token);

    // Only a known user gets a code.
    let unknown = admin_fails(backend, &["enrol", "binh"]);
    assert!(unknown.contains("no user named binh"), "{unknown}");
    let bad = admin_fails(backend, &["enrol", "lan", "--expires-in", "24"]);
    assert!(bad.contains("e.g. 24h"), "{bad}");
}

fn an_expired_code_is_refused(backend: &Backend) {
    backend.admin(&["user", "add", "minh"]);
    let expired = backend.admin(&["enrol", "minh", "--expires-in", "0s"]);
    let server = backend.start();
    let (status, answer) = enrol(&server, &expired, "Laptop của Minh");
    assert_eq!(status, 410, "{answer}");
    assert_eq!(answer["code"], "enrolment_code_expired");
    assert!(
        answer["message"].as_str().unwrap().contains("expired"),
        "{answer}"
    );
    // A refused code is not used up by being refused: still expired, not "used".
    let (_, again) = enrol(&server, &expired, "Laptop của Minh");
    assert_eq!(again["code"], "enrolment_code_expired");
}

fn a_disabled_user_cannot_enrol_and_their_tokens_stop(backend: &Backend) {
    backend.admin(&["user", "add", "minh"]);
    backend.admin(&["user", "add", "an"]);
    let pending = backend.admin(&["enrol", "minh"]);
    let for_an = backend.admin(&["enrol", "an"]);
    let server = backend.start();

    // An enrolled token is an ordinary token: revoking it makes the server answer 401.
    let (status, answer) = enrol(&server, &for_an, "an's laptop");
    assert_eq!(status, 200, "{answer}");
    let an_token = answer["token"].as_str().unwrap().to_owned();
    assert_eq!(me(&server, &an_token).0, 200);
    backend.admin(&["token", "revoke", &an_token]);
    assert_eq!(me(&server, &an_token).0, 401, "a revoked token");

    // minh is disabled after the code was issued: the code no longer enrols.
    let early = backend.admin(&["enrol", "minh"]);
    let (status, answer) = enrol(&server, &early, "minh's laptop");
    assert_eq!(status, 200, "{answer}");
    let minh_token = answer["token"].as_str().unwrap().to_owned();
    backend.admin(&["user", "disable", "minh"]);
    let (status, answer) = enrol(&server, &pending, "minh's phone");
    assert_eq!(status, 403, "{answer}");
    assert_eq!(answer["code"], "user_disabled");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("minh is disabled"),
        "{answer}"
    );
    // And the token minh's laptop got earlier stops working.
    let (status, answer) = me(&server, &minh_token);
    assert_eq!(status, 401, "a disabled user's token: {answer}");
    assert_eq!(answer["code"], "unauthorized");
    // No new code for a disabled user.
    let refused = admin_fails(backend, &["enrol", "minh"]);
    assert!(refused.contains("minh is disabled"), "{refused}");
}

fn a_device_enrols_syncs_and_is_signed_out_when_its_token_is_revoked(backend: &Backend) {
    use clientele_model::sync::SyncStatus;
    use clientele_replica::{Replica, SharedReplica};
    use std::sync::{Arc, Mutex};

    backend.admin(&["user", "add", "lan"]);
    let code = backend.admin(&["enrol", "lan"]);
    let server = backend.start();
    // The device's side of enrolment: the replica's HTTP client.
    let enrolled = clientele_replica::enrol(&server.url, &code, "Laptop của Lan").unwrap();
    assert_eq!(enrolled.user, "lan");
    let again = clientele_replica::enrol(&server.url, &code, "Laptop của Lan").unwrap_err();
    assert_eq!(again.code(), "enrolment_code_used", "{again}");
    assert!(again.to_string().contains("already used"), "{again}");

    let device = Arc::new(SharedReplica::new(
        Replica::open(&backend.path().join("device")).unwrap(),
    ));
    let seen: Arc<Mutex<Vec<SyncStatus>>> = Arc::default();
    let statuses = seen.clone();
    let sync = clientele_replica::spawn_sync_loop(
        device.clone(),
        &server.url,
        &enrolled.token,
        move |status| statuses.lock().unwrap().push(status.clone()),
    )
    .unwrap();
    let any = |wanted: fn(&SyncStatus) -> bool| seen.lock().unwrap().iter().any(wanted);
    clientele_test_support::wait::eventually(
        "a first round with the enrolled token",
        std::time::Duration::from_secs(30),
        std::time::Duration::from_millis(20),
        || any(|s| matches!(s, SyncStatus::UpToDate { .. })),
    );
    assert_eq!(
        device.lock().identity().unwrap().map(|i| i.user).as_deref(),
        Some("lan"),
        "the token decides who the device is"
    );

    backend.admin(&["token", "revoke", &enrolled.token]);
    // The device notices at its next request (its wake-up wait, or this edit's round).
    device
        .lock()
        .create_customer(&clientele_model::CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..clientele_model::CustomerDraft::default()
        })
        .unwrap();
    clientele_test_support::wait::eventually(
        "the device to be signed out",
        std::time::Duration::from_secs(30),
        std::time::Duration::from_millis(20),
        || any(|s| matches!(s, SyncStatus::SignedOut { .. })),
    );
    let reason = seen
        .lock()
        .unwrap()
        .iter()
        .find_map(|s| match s {
            SyncStatus::SignedOut { reason } => Some(reason.clone()),
            _ => None,
        })
        .unwrap();
    assert!(reason.contains("401"), "{reason}");
    // The loop has ended: stopping it returns at once.
    sync.stop();
    let rounds_after = seen
        .lock()
        .unwrap()
        .iter()
        .skip_while(|s| !matches!(s, SyncStatus::SignedOut { .. }))
        .count();
    assert_eq!(rounds_after, 1, "no round after signing out");
}
