//! The store contract, in process: the same cases on the embedded SQLite store and on
//! PostgreSQL, so the two cannot drift. Who sees which document is checked against the shared
//! schema's rule (`Viewer::may_see`), from which both stores derive their SQL.

mod support;

use clientele_schema::{DocumentClass, Viewer};
use clientele_sync_server::store::{
    sha256, Member, Merge, Merged, NewEntry, NumberSource, PageRequest, Push, Role, Store,
    StoreError, User,
};
use clientele_sync_server::store_postgres::PostgresStore;
use clientele_sync_server::store_sqlite::SqliteStore;

/// Runs each `fn case(&dyn Store)` on a fresh SQLite store and a fresh PostgreSQL database.
macro_rules! store_contract {
    ($($case:ident),* $(,)?) => {
        $(
            mod $case {
                #[test]
                fn sqlite() {
                    let dir = tempfile::tempdir().unwrap();
                    let store = clientele_sync_server::store_sqlite::SqliteStore::open(dir.path())
                        .unwrap();
                    super::$case(&store);
                }
                #[test]
                fn postgres() {
                    let database = crate::support::cluster::Database::create();
                    let store =
                        clientele_sync_server::store_postgres::PostgresStore::connect(&database.url)
                            .unwrap();
                    super::$case(&store);
                }
            }
        )*
    };
}

store_contract!(
    each_viewer_receives_exactly_what_the_schema_lets_them_see,
    a_repeated_entry_is_ignored_and_the_cursor_only_grows,
    a_refused_push_stores_nothing,
    tokens_name_active_users_until_revoked,
    display_names_are_kept_and_local_is_reserved,
    enrolment_codes_work_once_until_they_expire,
    the_last_active_admin_stays_admin,
    official_numbers_count_up_per_sequence_and_a_refused_push_gives_its_back,
);

// The two concrete stores implement the trait the cases use.
const _: fn(&SqliteStore) -> &dyn Store = |s| s;
const _: fn(&PostgresStore) -> &dyn Store = |s| s;

fn user(name: &str, role: Role, private_addresses: bool) -> User {
    User {
        name: name.into(),
        role,
        private_addresses,
        disabled: false,
    }
}

fn entry(doc_id: &str, class: DocumentClass, data: &str) -> NewEntry {
    NewEntry {
        doc_id: doc_id.into(),
        class: class.as_str().into(),
        data: data.as_bytes().to_vec(),
    }
}

/// Accepts every entry as its document's new snapshot (the contract, not Automerge, is tested).
fn accept_all() -> Box<Merge<'static>> {
    Box::new(|entry: &NewEntry, _: Option<&[u8]>, _: &mut dyn NumberSource| Ok(Some(kept(entry))))
}

/// The entry's bytes as the new snapshot, logged as they came.
fn kept(entry: &NewEntry) -> Merged {
    Merged {
        snapshot: entry.data.clone(),
        log_data: None,
    }
}

/// Numbers every new document from the sequence named by its class, logging `data#N`, and
/// refuses a document called `refused` after it drew its number.
fn number_new() -> Box<Merge<'static>> {
    Box::new(
        |entry: &NewEntry, current: Option<&[u8]>, numbers: &mut dyn NumberSource| {
            if current.is_some() {
                return Ok(Some(kept(entry)));
            }
            let number = numbers.next_number(&entry.class)?;
            if entry.doc_id == "refused" {
                return Err(StoreError::BadChanges {
                    doc_id: entry.doc_id.clone(),
                    reason: "refused after numbering".into(),
                });
            }
            let numbered = format!("{}#{number}", String::from_utf8_lossy(&entry.data));
            Ok(Some(Merged {
                snapshot: numbered.clone().into_bytes(),
                log_data: Some(numbered.into_bytes()),
            }))
        },
    )
}

/// `user`'s push of `entries`, merged by `merge`.
fn push_by<'a>(user: &'a str, entries: &'a [NewEntry], merge: &'a Merge<'a>) -> Push<'a> {
    Push {
        user,
        entries,
        merge,
    }
}

/// At most `limit` rows after `after` that `visibility` may see.
fn page(after: u64, limit: u32, visibility: Viewer<'_>) -> PageRequest<'_> {
    PageRequest {
        after,
        limit,
        visibility,
    }
}

fn each_viewer_receives_exactly_what_the_schema_lets_them_see(store: &dyn Store) {
    store.add_user(&user("lan", Role::Manager, true)).unwrap();
    store.add_user(&user("minh", Role::Rep, false)).unwrap();
    let documents = [
        entry("c1", DocumentClass::Customer, "customer"),
        entry("p1", DocumentClass::PrivateAddress, "home of c1"),
        entry("settings", DocumentClass::Settings, "lists"),
        entry("preferences:lan", DocumentClass::Preferences, "lan's"),
        entry("preferences:minh", DocumentClass::Preferences, "minh's"),
    ];
    store
        .append(push_by("lan", &documents, &*accept_all()))
        .unwrap();
    for viewer in [
        Viewer {
            user: "lan",
            private_addresses: true,
        },
        Viewer {
            user: "minh",
            private_addresses: false,
        },
    ] {
        let expected: Vec<&str> = documents
            .iter()
            .filter(|d| viewer.may_see(&d.class, &d.doc_id))
            .map(|d| d.doc_id.as_str())
            .collect();
        let mut pulled: Vec<String> = store
            .pull(page(0, 100, viewer))
            .unwrap()
            .into_iter()
            .map(|e| e.doc_id)
            .collect();
        let mut snapshots: Vec<String> = store
            .snapshots(page(0, 100, viewer))
            .unwrap()
            .into_iter()
            .map(|s| s.doc_id)
            .collect();
        pulled.sort();
        snapshots.sort();
        let mut expected_sorted: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected_sorted.sort();
        assert_eq!(pulled, expected_sorted, "pull as {}", viewer.user);
        assert_eq!(snapshots, expected_sorted, "snapshots as {}", viewer.user);
        assert_eq!(
            store.visible_documents(viewer).unwrap(),
            expected.len() as u64,
            "count as {}",
            viewer.user
        );
    }
    // minh sees neither the private address nor lan's preferences, not even their ids.
    let minh = Viewer {
        user: "minh",
        private_addresses: false,
    };
    assert_eq!(store.visible_documents(minh).unwrap(), 3);
}

fn a_repeated_entry_is_ignored_and_the_cursor_only_grows(store: &dyn Store) {
    store.add_user(&user("lan", Role::Manager, false)).unwrap();
    let first = [entry("c1", DocumentClass::Customer, "v1")];
    let (accepted, duplicates, cursor) = store
        .append(push_by("lan", &first, &*accept_all()))
        .unwrap();
    assert_eq!((accepted, duplicates), (1, 0));
    assert_eq!(store.latest_cursor().unwrap(), cursor);
    let again = store
        .append(push_by("lan", &first, &*accept_all()))
        .unwrap();
    assert_eq!(again, (0, 1, cursor), "a retried push duplicates nothing");
    let more = [
        entry("c1", DocumentClass::Customer, "v2"),
        entry("c2", DocumentClass::Customer, "v1"),
    ];
    let (accepted, _, later) = store.append(push_by("lan", &more, &*accept_all())).unwrap();
    assert_eq!(accepted, 2);
    assert!(later > cursor);
    let viewer = Viewer {
        user: "lan",
        private_addresses: false,
    };
    let first_page = store.pull(page(cursor, 1, viewer)).unwrap();
    assert_eq!(first_page.len(), 1, "a page holds at most `limit` entries");
    assert!(first_page[0].seq > cursor);
    let rest = store.pull(page(first_page[0].seq, 100, viewer)).unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].seq, later);
    // Each document has one snapshot: its latest state.
    let snapshots = store.snapshots(page(0, 100, viewer)).unwrap();
    assert_eq!(snapshots.len(), 2);
    let c1 = snapshots.iter().find(|s| s.doc_id == "c1").unwrap();
    assert_eq!(c1.data, b"v2");
}

fn a_refused_push_stores_nothing(store: &dyn Store) {
    store.add_user(&user("minh", Role::Rep, false)).unwrap();
    let refuse_second = |entry: &NewEntry, _: Option<&[u8]>, _: &mut dyn NumberSource| {
        if entry.doc_id == "c2" {
            Err(StoreError::Forbidden {
                user: "minh".into(),
                doc_id: entry.doc_id.clone(),
                reason: "not theirs".into(),
            })
        } else {
            Ok(Some(kept(entry)))
        }
    };
    let push = [
        entry("c1", DocumentClass::Customer, "v1"),
        entry("c2", DocumentClass::Customer, "v1"),
    ];
    let refused = store.append(push_by("minh", &push, &refuse_second));
    assert!(
        matches!(refused, Err(StoreError::Forbidden { ref doc_id, .. }) if doc_id == "c2"),
        "{refused:?}"
    );
    assert_eq!(
        store.latest_cursor().unwrap(),
        0,
        "nothing of the push is stored"
    );
    let viewer = Viewer {
        user: "minh",
        private_addresses: false,
    };
    assert!(store.snapshots(page(0, 10, viewer)).unwrap().is_empty());
}

fn official_numbers_count_up_per_sequence_and_a_refused_push_gives_its_back(store: &dyn Store) {
    store.add_user(&user("lan", Role::Manager, false)).unwrap();
    let viewer = Viewer {
        user: "lan",
        private_addresses: false,
    };
    let first = [
        entry("o1", DocumentClass::SaleOrder, "first"),
        entry("i1", DocumentClass::Invoice, "bill"),
        entry("o2", DocumentClass::SaleOrder, "second"),
    ];
    store
        .append(push_by("lan", &first, &*number_new()))
        .unwrap();
    // A refused push draws a number and rolls back with everything else it did.
    let refused = [
        entry("o3", DocumentClass::SaleOrder, "third"),
        entry("refused", DocumentClass::SaleOrder, "never"),
    ];
    assert!(store
        .append(push_by("lan", &refused, &*number_new()))
        .is_err());
    let later = [
        entry("o3", DocumentClass::SaleOrder, "third"),
        entry("o1", DocumentClass::SaleOrder, "first-edited"),
    ];
    store
        .append(push_by("lan", &later, &*number_new()))
        .unwrap();
    let logged: Vec<(String, String)> = store
        .pull(page(0, 100, viewer))
        .unwrap()
        .into_iter()
        .map(|e| (e.doc_id, String::from_utf8(e.data).unwrap()))
        .collect();
    let expected: Vec<(String, String)> = [
        ("o1", "first#1"),
        ("i1", "bill#1"),
        ("o2", "second#2"),
        ("o3", "third#3"),
        ("o1", "first-edited"),
    ]
    .iter()
    .map(|(d, t)| (d.to_string(), t.to_string()))
    .collect();
    // PostgreSQL stores a push's entries in document order, SQLite in push order.
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(logged), sorted(expected));
    let snapshot = store
        .snapshots(page(0, 100, viewer))
        .unwrap()
        .into_iter()
        .find(|s| s.doc_id == "o3")
        .unwrap();
    assert_eq!(snapshot.data, b"third#3");
}

fn tokens_name_active_users_until_revoked(store: &dyn Store) {
    store.add_user(&user("lan", Role::Manager, true)).unwrap();
    let token = sha256(b"lan's laptop");
    store.add_token("lan", &token, "laptop").unwrap();
    let found = store.user_for_token(&token).unwrap().unwrap();
    assert_eq!((found.name.as_str(), found.role), ("lan", Role::Manager));
    assert!(found.private_addresses);
    assert_eq!(store.user_for_token(&sha256(b"unknown")).unwrap(), None);
    store.set_disabled("lan", true).unwrap();
    assert_eq!(store.user_for_token(&token).unwrap(), None, "disabled");
    store.set_disabled("lan", false).unwrap();
    assert!(store.revoke_token(&token).unwrap());
    assert_eq!(store.user_for_token(&token).unwrap(), None, "revoked");
    assert_eq!(store.users().unwrap().len(), 1);
}

/// Demoting or disabling the last active admin is refused and changes nothing; with a second
/// admin, either may go.
fn the_last_active_admin_stays_admin(store: &dyn Store) {
    store.add_user(&user("an", Role::Admin, false)).unwrap();
    store.add_user(&user("lan", Role::Manager, false)).unwrap();
    let role_of = |name: &str| {
        let users = store.users().unwrap();
        let found = users.iter().find(|u| u.name == name).unwrap();
        (found.role, found.disabled)
    };
    for refused in [
        store.set_role("an", Role::Manager),
        store.set_disabled("an", true),
    ] {
        let error = refused.unwrap_err();
        assert!(
            matches!(error, StoreError::LastAdmin(ref who) if who == "an"),
            "{error}"
        );
        assert!(error.to_string().contains("set-role"), "{error}");
    }
    assert_eq!(role_of("an"), (Role::Admin, false));
    // Others still change freely, and an admin may be made again.
    store.set_role("lan", Role::Rep).unwrap();
    store.set_role("an", Role::Admin).unwrap();
    // With a second admin, the first may step down.
    store.set_role("lan", Role::Admin).unwrap();
    store.set_role("an", Role::Manager).unwrap();
    assert_eq!(role_of("an"), (Role::Manager, false));
    assert!(matches!(
        store.set_disabled("lan", true),
        Err(StoreError::LastAdmin(_))
    ));
}

fn display_names_are_kept_and_local_is_reserved(store: &dyn Store) {
    store
        .add_member(&user("lan", Role::Manager, true), "Trần Thị Lan")
        .unwrap();
    store.add_user(&user("minh", Role::Rep, false)).unwrap();
    store
        .add_member(&user("an", Role::Admin, false), "  ")
        .unwrap();
    let named = |store: &dyn Store| -> Vec<(String, String)> {
        let members = store.members().unwrap();
        members
            .into_iter()
            .map(|Member { user, display_name }| (user.name, display_name))
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        named(store),
        pairs(&[("an", "an"), ("lan", "Trần Thị Lan"), ("minh", "minh")]),
        "by login; no display name reads as the login"
    );
    store.set_display_name("minh", "Lê Văn Minh").unwrap();
    store.set_display_name("lan", "").unwrap();
    assert_eq!(
        named(store),
        pairs(&[("an", "an"), ("lan", "lan"), ("minh", "Lê Văn Minh")])
    );
    assert!(matches!(
        store.set_display_name("binh", "Bình"),
        Err(StoreError::UnknownUser(name)) if name == "binh"
    ));
    let reserved = store.add_member(&user("local", Role::Rep, false), "Máy riêng");
    assert!(
        matches!(reserved, Err(StoreError::ReservedUser)),
        "{reserved:?}"
    );
    let message = StoreError::ReservedUser.to_string();
    assert!(message.contains("choose another login"), "{message}");
    assert!(matches!(
        store.add_user(&user("", Role::Rep, false)),
        Err(StoreError::BadUserName(_))
    ));
    assert_eq!(store.users().unwrap().len(), 3);
}

fn enrolment_codes_work_once_until_they_expire(store: &dyn Store) {
    store.add_user(&user("lan", Role::Rep, false)).unwrap();
    store.add_user(&user("minh", Role::Rep, false)).unwrap();
    let (code, late, minh_code) = (sha256(b"code"), sha256(b"late"), sha256(b"minh"));
    store.add_enrolment_code("lan", &code, 1_000).unwrap();
    store.add_enrolment_code("lan", &late, 1_000).unwrap();
    store.add_enrolment_code("minh", &minh_code, 1_000).unwrap();
    assert!(matches!(
        store.add_enrolment_code("binh", &sha256(b"x"), 1_000),
        Err(StoreError::UnknownUser(name)) if name == "binh"
    ));

    let token = sha256(b"lan's laptop");
    let enrolled = store
        .redeem_enrolment_code(&code, 999, &token, "laptop")
        .unwrap();
    assert_eq!(enrolled.name, "lan");
    assert_eq!(store.user_for_token(&token).unwrap().unwrap().name, "lan");
    let again = store.redeem_enrolment_code(&code, 999, &sha256(b"other"), "other");
    assert!(
        matches!(again, Err(StoreError::EnrolmentCodeUsed)),
        "{again:?}"
    );
    assert_eq!(store.user_for_token(&sha256(b"other")).unwrap(), None);

    // Expired at its expiry second; refusing stores nothing, so it stays expired, not used.
    for _ in 0..2 {
        let expired = store.redeem_enrolment_code(&late, 1_000, &sha256(b"late token"), "x");
        assert!(
            matches!(expired, Err(StoreError::EnrolmentCodeExpired)),
            "{expired:?}"
        );
    }
    let unknown = store.redeem_enrolment_code(&sha256(b"never"), 0, &sha256(b"t"), "x");
    assert!(
        matches!(unknown, Err(StoreError::EnrolmentCodeUnknown)),
        "{unknown:?}"
    );

    store.set_disabled("minh", true).unwrap();
    let disabled = store.redeem_enrolment_code(&minh_code, 0, &sha256(b"minh token"), "x");
    assert!(
        matches!(&disabled, Err(StoreError::UserDisabled(name)) if name == "minh"),
        "{disabled:?}"
    );
    assert!(matches!(
        store.add_enrolment_code("minh", &sha256(b"y"), 1_000),
        Err(StoreError::UserDisabled(_))
    ));
    store.set_disabled("minh", false).unwrap();
    let minh = store
        .redeem_enrolment_code(&minh_code, 0, &sha256(b"minh token"), "x")
        .unwrap();
    assert_eq!(minh.name, "minh", "a refusal did not use the code up");
}

/// A PostgreSQL database of schema 2 (no display names) opens as the latest schema, its users
/// named by their login.
#[test]
fn a_schema_2_postgres_database_gets_display_names() {
    let database = support::cluster::Database::create();
    {
        let mut client = database.connect();
        for migration in &clientele_sync_server::migrations::MIGRATIONS[..2] {
            client.batch_execute(migration.postgres).unwrap();
        }
        client
            .batch_execute(
                "CREATE TABLE schema_version (version INTEGER NOT NULL);
                 INSERT INTO schema_version (version) VALUES (2);
                 INSERT INTO users (name, role, private_addresses) VALUES ('lan', 'manager', TRUE);",
            )
            .unwrap();
    }
    let store = PostgresStore::connect(&database.url).unwrap();
    let members = store.members().unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].display_name, "lan");
    assert_eq!(members[0].user, user("lan", Role::Manager, true));
    drop(store);
    let version: i32 = database
        .connect()
        .query_one("SELECT max(version) FROM schema_version", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        version as u32,
        clientele_sync_server::migrations::schema_version()
    );
}

/// A SQLite database of schema 1 (the change log only) opens as the latest schema: its documents'
/// snapshots are built from the log, so a fresh device can bootstrap from them, and its users
/// are named by their login.
#[test]
fn a_schema_1_sqlite_database_is_migrated_with_its_snapshots_built() {
    use automerge::transaction::Transactable as _;
    let dir = tempfile::tempdir().unwrap();
    let mut customer = automerge::AutoCommit::new();
    customer
        .put(automerge::ROOT, "name", "Công ty Đông Á")
        .unwrap();
    {
        let conn = rusqlite::Connection::open(dir.path().join("sync.sqlite3")).unwrap();
        conn.execute_batch(clientele_sync_server::migrations::MIGRATIONS[0].sqlite)
            .unwrap();
        conn.execute(
            "INSERT INTO entries (doc_id, class, hash, data, user_name) \
             VALUES ('c1', 'customer', x'01', ?1, 'lan')",
            [customer.save()],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO users (name, role, private_addresses) VALUES ('lan', 'manager', 1)",
            [],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let store = SqliteStore::open(dir.path()).unwrap();
    let viewer = Viewer {
        user: "lan",
        private_addresses: false,
    };
    let snapshots = store.snapshots(page(0, 10, viewer)).unwrap();
    assert_eq!(snapshots.len(), 1);
    let mut loaded = automerge::AutoCommit::load(&snapshots[0].data).unwrap();
    assert_eq!(loaded.get_heads(), customer.get_heads());
    let members = store.members().unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].display_name, "lan", "named by their login");
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("sync.sqlite3")).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, clientele_sync_server::migrations::schema_version());
}
