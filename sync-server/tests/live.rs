//! The background sync loop against the real server: an edit on one device reaches another
//! through the server's wake-up (nobody kicks the loop: the replica's change notice does), the
//! loop reports offline while the server is down, and catches up by itself when it is back.
//! Over SQLite and PostgreSQL alike.

use clientele_model::sync::SyncStatus;
use clientele_model::CustomerDraft;
use clientele_replica::{spawn_sync_loop, Replica, SharedReplica};
mod support;

use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::{backend_tests, Backend};

backend_tests!(edits_travel_between_running_devices_and_survive_an_outage);

/// Waits for `condition`, failing after 30 s.
fn eventually(what: &str, condition: impl FnMut() -> bool) {
    clientele_test_support::wait::eventually(
        what,
        Duration::from_secs(30),
        Duration::from_millis(20),
        condition,
    );
}

fn has(replica: &Arc<SharedReplica>, name: &str) -> bool {
    replica
        .lock()
        .list_customers()
        .unwrap()
        .iter()
        .any(|c| c.name == name)
}

fn edits_travel_between_running_devices_and_survive_an_outage(backend: &Backend) {
    let dir = backend.path();
    backend.admin(&["user", "add", "rep1"]);
    backend.admin(&["user", "add", "rep2"]);
    let tokens = [
        backend.admin(&["token", "issue", "rep1"]),
        backend.admin(&["token", "issue", "rep2"]),
    ];
    let server = backend.start();
    let address = server.address();

    let devices: Vec<Arc<SharedReplica>> = (0..2)
        .map(|i| {
            Arc::new(SharedReplica::new(
                Replica::open(&dir.join(format!("d{i}"))).unwrap(),
            ))
        })
        .collect();
    let statuses: Vec<Arc<Mutex<Vec<SyncStatus>>>> =
        (0..2).map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    let loops: Vec<_> = (0..2)
        .map(|i| {
            let seen = statuses[i].clone();
            spawn_sync_loop(devices[i].clone(), &server.url, &tokens[i], move |status| {
                seen.lock().unwrap().push(status.clone())
            })
            .unwrap()
        })
        .collect();
    let up_to_date = |i: usize| {
        statuses[i]
            .lock()
            .unwrap()
            .iter()
            .any(|s| matches!(s, SyncStatus::UpToDate { .. }))
    };
    eventually("both devices to finish a first round", || {
        up_to_date(0) && up_to_date(1)
    });

    devices[0]
        .lock()
        .create_customer(&CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    eventually("the customer to reach the other device", || {
        has(&devices[1], "Công ty Đông Á")
    });

    drop(server);
    devices[1]
        .lock()
        .create_customer(&CustomerDraft {
            name: "Sakura Trading".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    eventually("device 1 to report offline", || {
        statuses[1]
            .lock()
            .unwrap()
            .iter()
            .any(|s| matches!(s, SyncStatus::Offline { .. }))
    });

    let _server = backend.start_on(&address);
    eventually(
        "the edit made offline to arrive once the server is back",
        || has(&devices[0], "Sakura Trading"),
    );
    for handle in loops {
        handle.stop();
    }
}
