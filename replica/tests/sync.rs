//! The sync engine against an in-memory server (no IO, deterministic): concurrent edits converge
//! with one winner everywhere and the losing value listed, notes merge by character, history
//! names who changed what, and an unreachable server loses nothing.

use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::Replica;
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

#[test]
fn concurrent_edits_converge_list_the_loser_merge_notes_and_keep_history() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut a, mut b) = (replica(&dir, "rep1"), replica(&dir, "rep2"));
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: "Đông Á".into(),
        notes: "giao sáng".into(),
        ..CustomerDraft::default()
    };
    let id = a.create_customer(&draft).unwrap().id;
    a.sync_once(&server).unwrap();
    let report = b.sync_once(&server).unwrap();
    assert!(report.changed.contains(&id), "{report:?}");
    assert_eq!(b.customer(&id).unwrap().draft.name, "Đông Á");
    // A fresh device's first round goes through a bootstrap (this server offers no snapshots)
    // and says where its time went; a later round does not bootstrap.
    assert!(report.bootstrap.is_some(), "{report:?}");
    assert_eq!(a.sync_once(&server).unwrap().bootstrap, None);

    let mut from_a = a.customer(&id).unwrap().draft;
    from_a.phone = "0903 111 222".into();
    from_a.notes = "giao sáng, gọi trước".into();
    a.update_customer(&id, &from_a).unwrap();
    let mut from_b = b.customer(&id).unwrap().draft;
    from_b.phone = "0903 333 444".into();
    from_b.notes = "Kho: giao sáng".into();
    from_b.address.city = "Huế".into();
    b.update_customer(&id, &from_b).unwrap();
    a.sync_once(&server).unwrap();
    b.sync_once(&server).unwrap();
    a.sync_once(&server).unwrap();

    let (on_a, on_b) = (a.customer(&id).unwrap(), b.customer(&id).unwrap());
    assert_eq!(on_a, on_b, "both replicas show the same customer");
    assert_eq!(
        on_a.draft.address.city, "Huế",
        "different fields both survive"
    );
    assert_eq!(
        on_a.draft.notes, "Kho: giao sáng, gọi trước",
        "notes merge character by character"
    );
    assert_eq!(a.projection_dump().unwrap(), b.projection_dump().unwrap());

    let conflicts = a.customer_conflicts(&id).unwrap();
    assert_eq!(conflicts, b.customer_conflicts(&id).unwrap());
    let phone = conflicts
        .iter()
        .find(|c| c.field == "phone")
        .expect("the phone conflict is listed");
    assert_eq!(phone.winner, on_a.draft.phone);
    let loser = if phone.winner == "+84 903 111 222" {
        "+84 903 333 444"
    } else {
        "+84 903 111 222"
    };
    assert_eq!(phone.losers, vec![loser.to_owned()]);

    let history = a.customer_history(&id).unwrap();
    let authors: Vec<&str> = history.iter().map(|h| h.author.as_str()).collect();
    assert_eq!(
        authors.iter().filter(|a| **a == "rep1").count(),
        2,
        "{authors:?}"
    );
    assert_eq!(
        authors.iter().filter(|a| **a == "rep2").count(),
        1,
        "{authors:?}"
    );
    let by_b = history.iter().find(|h| h.author == "rep2").unwrap();
    let (_, before, after) = by_b.fields.iter().find(|(f, _, _)| f == "city").unwrap();
    assert_eq!((before.as_str(), after.as_str()), ("", "Huế"));
    assert!(history[0]
        .fields
        .iter()
        .any(|(field, _, after)| field == "name" && after == "Đông Á"));
    assert!(history.iter().all(|h| h.time > 0));
}

#[test]
fn an_unreachable_server_loses_nothing_and_the_next_round_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut a, mut b) = (replica(&dir, "rep1"), replica(&dir, "rep2"));
    server.set_offline(true);
    let id = a
        .create_customer(&CustomerDraft {
            name: "Sakura".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    let error = a.sync_once(&server).unwrap_err();
    assert!(error.to_string().contains("kept"), "{error}");
    assert!(a.unsent_documents().unwrap() >= 1);
    server.set_offline(false);
    a.sync_once(&server).unwrap();
    assert_eq!(a.unsent_documents().unwrap(), 0);
    let again = a.sync_once(&server).unwrap();
    assert_eq!(again.pushed, 0, "nothing is sent twice");
    b.sync_once(&server).unwrap();
    assert_eq!(b.customer(&id).unwrap().draft.name, "Sakura");
    // The settings document every device creates merges into one: same lists everywhere.
    assert_eq!(
        a.reference_list("tags").unwrap(),
        b.reference_list("tags").unwrap()
    );
}

/// The customer indexes a bootstrap set aside (its definitions in `meta`): a replica opened
/// after the app was killed mid-bootstrap builds them again before anything queries.
#[test]
fn an_interrupted_bootstrap_gets_its_customer_indexes_back_on_open() {
    let dir = tempfile::tempdir().unwrap();
    drop(Replica::open(dir.path()).unwrap());
    let file = dir.path().join(clientele_replica::DATABASE_FILE);
    let indexes = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'customers' AND sql IS NOT NULL ORDER BY name")
            .unwrap();
        let rows = statement.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    let conn = rusqlite::Connection::open(&file).unwrap();
    let all = indexes(&conn);
    assert!(all.contains(&"customers_by_name".to_owned()), "{all:?}");
    let definition: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'customers_by_name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // What a bootstrap does before its first page, then a kill.
    conn.execute_batch("DROP INDEX customers_by_name").unwrap();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('deferred_indexes', ?1)",
        [definition],
    )
    .unwrap();
    drop(conn);
    let mut replica = Replica::open(dir.path()).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    assert_eq!(indexes(&conn), all);
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM meta WHERE key = 'deferred_indexes'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    // And the replica works on them.
    replica
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Phạm Thị Hoa".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
}

/// A server reached over a link where the rep edits a customer during every push.
struct EditingDuringPush<'a> {
    server: &'a MemoryServer,
    replica: &'a clientele_replica::SharedReplica,
    customer: String,
    pushes: std::cell::Cell<u32>,
}

impl clientele_replica::SyncTransport for EditingDuringPush<'_> {
    fn push(
        &self,
        request: &clientele_model::sync::PushRequest,
    ) -> Result<clientele_model::sync::PushResponse, clientele_replica::SyncError> {
        self.pushes.set(self.pushes.get() + 1);
        assert!(
            self.pushes.get() < 20,
            "the round keeps pushing and never pulls"
        );
        let answer = self.server.push(request);
        let mut replica = self.replica.lock();
        let mut draft = replica.customer(&self.customer).unwrap().draft;
        draft.notes.push('.');
        replica.update_customer(&self.customer, &draft).unwrap();
        answer
    }

    fn pull(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<clientele_model::sync::PullResponse, clientele_replica::SyncError> {
        self.server.pull(after, limit)
    }
}

#[test]
fn edits_made_while_a_round_sends_wait_for_the_next_round_instead_of_starving_the_pull() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let mut colleague = replica(&dir, "rep2");
    let theirs = colleague
        .create_customer(&CustomerDraft {
            name: "Công ty của Minh".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    colleague.sync_once(&server).unwrap();
    let mut mine = replica(&dir, "rep1");
    let id = mine
        .create_customer(&CustomerDraft {
            name: "Công ty Sao Mai".into(),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    let mine = clientele_replica::SharedReplica::new(mine);
    let link = EditingDuringPush {
        server: &server,
        replica: &mine,
        customer: id.clone(),
        pushes: std::cell::Cell::new(0),
    };
    let report = clientele_replica::sync_shared(&mine, &link, &mut |_| {}).unwrap();
    assert!(report.changed.contains(&theirs), "{report:?}");
    let mine = mine.into_inner();
    assert_eq!(
        mine.customer(&theirs).unwrap().draft.name,
        "Công ty của Minh"
    );
    // The edit made during the push is still waiting, for the next round.
    assert_eq!(mine.unsent_documents().unwrap(), 1);
}
