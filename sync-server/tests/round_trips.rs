//! The usual sync is one request: a device up to date but for a few edits sends them and gets
//! what it lacks in the same round trip (`POST /v1/sync`), and the other devices receive them
//! in one too. A refused document falls back to push-then-pull and holds back only itself.
//! Over both stores, with the real server process.

use clientele_model::sync::{
    PullResponse, PushRequest, PushResponse, SnapshotPage, SyncRequest, SyncResponse,
};
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{HttpTransport, Replica, SyncError, SyncTransport};
use std::cell::RefCell;
mod support;

use support::{backend_tests, Backend};

backend_tests!(a_few_edits_sync_in_one_round_trip);

/// The real transport, recording which routes a round used.
struct Recording {
    inner: HttpTransport,
    routes: RefCell<Vec<&'static str>>,
}

impl Recording {
    fn new(url: &str, token: &str) -> Self {
        Recording {
            inner: HttpTransport::new(url, token).unwrap(),
            routes: RefCell::new(Vec::new()),
        }
    }

    fn take(&self) -> Vec<&'static str> {
        self.routes.take()
    }
}

impl SyncTransport for Recording {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        self.routes.borrow_mut().push("push");
        self.inner.push(request)
    }

    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError> {
        self.routes.borrow_mut().push("pull");
        self.inner.pull(after, limit)
    }

    fn snapshots(&self, after: u64, limit: u32) -> Result<Option<SnapshotPage>, SyncError> {
        self.routes.borrow_mut().push("snapshots");
        self.inner.snapshots(after, limit)
    }

    fn exchange(&self, request: &SyncRequest) -> Result<Option<SyncResponse>, SyncError> {
        self.routes.borrow_mut().push("sync");
        self.inner.exchange(request)
    }
}

fn a_few_edits_sync_in_one_round_trip(backend: &Backend) {
    let lan_token = backend.member("lan", &["--role", "manager"]);
    let minh_token = backend.member("minh", &[]);
    let server = backend.start();
    let work = tempfile::tempdir().unwrap();
    let lan_wire = Recording::new(&server.url, &lan_token);
    let minh_wire = Recording::new(&server.url, &minh_token);

    let mut lan = Replica::open(&work.path().join("lan")).unwrap();
    let ids: Vec<String> = (0..3)
        .map(|i| {
            lan.create_customer(&CustomerDraft {
                kind: CustomerKind::Company,
                name: format!("Công ty Hòa Phát {i}"),
                salesperson_id: Some("lan".into()),
                ..CustomerDraft::default()
            })
            .unwrap()
            .id
        })
        .collect();
    lan.sync_once(&lan_wire).unwrap();
    assert_eq!(
        lan_wire.take(),
        vec!["push", "snapshots", "pull"],
        "a new device: its documents up, the snapshots, the log after them"
    );
    let mut minh = Replica::open(&work.path().join("minh")).unwrap();
    minh.sync_once(&minh_wire).unwrap();
    minh_wire.take();
    assert_eq!(minh.list_customers().unwrap().len(), 3);
    // An empty device bootstraps without the customer indexes and builds them afterwards.
    let index_count = |device: &str| -> i64 {
        rusqlite::Connection::open(
            work.path()
                .join(device)
                .join(clientele_replica::DATABASE_FILE),
        )
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(index_count("minh"), index_count("lan"));

    // Three edits: one request carries them up.
    for id in &ids {
        let mut draft = lan.customer(id).unwrap().draft;
        draft.notes = "Đã gọi lại, hẹn thứ Hai.".into();
        lan.update_customer(id, &draft).unwrap();
    }
    let report = lan.sync_once(&lan_wire).unwrap();
    assert_eq!(lan_wire.take(), vec!["sync"]);
    assert_eq!(report.pushed, 3);
    assert_eq!(lan.unsent_documents().unwrap(), 0);
    // The other device gets them in one request too, and projects exactly those.
    let report = minh.sync_once(&minh_wire).unwrap();
    assert_eq!(minh_wire.take(), vec!["sync"]);
    let mut changed = report.changed.clone();
    changed.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(changed, expected);
    for id in &ids {
        assert_eq!(
            minh.customer(id).unwrap().draft.notes,
            "Đã gọi lại, hẹn thứ Hai."
        );
    }

    // A refused archive: the exchange is refused whole, then push holds back that document
    // alone and the other edit still goes.
    minh.set_archived(&ids[0], true).unwrap();
    let mut draft = minh.customer(&ids[1]).unwrap().draft;
    draft.phone = "0903 555 111".into();
    minh.update_customer(&ids[1], &draft).unwrap();
    let report = minh.sync_once(&minh_wire).unwrap();
    assert_eq!(minh_wire.take(), vec!["sync", "push", "push", "pull"]);
    let refused: Vec<&str> = report.refused.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(refused, vec![ids[0].as_str()]);
    lan.sync_once(&lan_wire).unwrap();
    assert_eq!(
        lan.customer(&ids[1]).unwrap().draft.phone,
        minh.customer(&ids[1]).unwrap().draft.phone,
        "the edit beside the refused one arrived"
    );
    assert!(!lan.customer(&ids[0]).unwrap().archived);
}
