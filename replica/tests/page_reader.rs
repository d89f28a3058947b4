//! The window's page reader on a real replica file: it pages the last committed state while
//! the replica is held (as the sync loop holds it for a write step) and while another
//! connection's write transaction is open, without seeing that write until it commits; it
//! opens an encrypted file with the replica's key, marks the session user's favourites as the
//! session changes.

use clientele_model::query::{CustomerQuery, GroupBy};
use clientele_model::team::{Permissions, TeamRole};
use clientele_model::CustomerDraft;
use clientele_replica::{Replica, ReplicaKey, Session, SharedReplica, DATABASE_FILE};
use std::sync::mpsc;
use std::time::Duration;

fn query() -> CustomerQuery {
    CustomerQuery {
        today: "2026-11-28".into(),
        limit: 50,
        ..CustomerQuery::default()
    }
}

fn named(name: &str) -> CustomerDraft {
    CustomerDraft {
        name: name.into(),
        ..CustomerDraft::default()
    }
}

fn names(reader: &clientele_replica::PageReader) -> Vec<String> {
    let page = reader.customer_page(&query()).unwrap();
    page.rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn the_reader_pages_while_the_replica_is_held_and_while_a_write_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica.create_customer(&named("Công ty Đông Á")).unwrap();
    let reader = replica.page_reader().unwrap();
    let shared = SharedReplica::new(replica);

    // The sync loop holds the replica for a step: the reader answers from another thread
    // meanwhile (it would wait on the replica's lock if it went through it).
    let held = shared.lock();
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| tx.send(names(&reader)).unwrap());
        let answered = rx.recv_timeout(Duration::from_secs(10));
        assert_eq!(
            answered.expect("the reader answered while the replica was held"),
            ["Công ty Đông Á"]
        );
    });
    drop(held);

    // Another connection's write transaction is open: the reader is not blocked and sees the
    // last committed state; after the commit it sees the new customer.
    let writer = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute(
            "UPDATE customers SET name = 'Đang sửa' WHERE name = 'Công ty Đông Á'",
            [],
        )
        .unwrap();
    assert_eq!(names(&reader), ["Công ty Đông Á"], "not the open write");
    writer.execute_batch("ROLLBACK").unwrap();
    shared
        .lock()
        .create_customer(&named("Trần Văn An"))
        .unwrap();
    assert_eq!(names(&reader), ["Công ty Đông Á", "Trần Văn An"]);
    let groups = reader.group_counts(&query(), GroupBy::Kind).unwrap();
    assert_eq!(groups.iter().map(|g| g.count).sum::<u64>(), 2);
}

#[test]
fn the_reader_opens_an_encrypted_file_and_follows_the_session_user() {
    let dir = tempfile::tempdir().unwrap();
    let key = ReplicaKey::from_bytes([7; 32]);
    let mut replica = Replica::open_with_key(dir.path(), Some(&key)).unwrap();
    replica.set_session(Session {
        user: "lan".into(),
        permissions: Permissions::of(TeamRole::Rep, false),
    });
    let id = replica
        .create_customer(&named("Công ty Đông Á"))
        .unwrap()
        .id;
    replica.set_favourite("lan", &id, true).unwrap();
    let reader = replica.page_reader().unwrap();
    let favourite = |reader: &clientele_replica::PageReader| {
        reader.customer_page(&query()).unwrap().rows[0].favourite
    };
    assert!(favourite(&reader), "Lan's favourite, for Lan");
    replica.set_session(Session {
        user: "minh".into(),
        permissions: Permissions::of(TeamRole::Rep, false),
    });
    assert!(!favourite(&reader), "not Minh's");

    // The file is encrypted: without the key nothing reads it.
    let plain = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).unwrap();
    assert!(plain
        .query_row("SELECT count(*) FROM customers", [], |r| r.get::<_, i64>(0))
        .is_err());
}
