//! The replica encrypted at rest on a real SQLite file: no customer name readable in its bytes
//! (nor its write-ahead log), a plain replica encrypted on its first keyed open with every
//! customer kept, and a wrong or missing key refused by name with the file untouched.

use clientele_model::query::CustomerQuery;
use clientele_model::{Address, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, ReplicaKey, DATABASE_FILE};
use std::path::Path;

/// A name unlikely to appear by chance in random bytes, in Vietnamese and as search folds it.
const NAME: &str = "Trịnh Quỳnh Xuyến Zephyrine";
const FOLDED: &str = "xuyen zephyrine";
const CITY: &str = "Phường Quảng Xuyên";

fn draft(i: usize) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Individual,
        name: format!("{NAME} {i:03}"),
        email: format!("khach{i}@zephyrine.vn"),
        phone: "0903 123 456".into(),
        address: Address {
            city: CITY.into(),
            ..Address::default()
        },
        ..CustomerDraft::default()
    }
}

fn key(byte: u8) -> ReplicaKey {
    ReplicaKey::from_bytes([byte; 32])
}

fn fill(replica: &mut Replica, count: usize) {
    for i in 0..count {
        let row = replica.create_customer(&draft(i)).unwrap();
        replica
            .add_contact(
                &row.id,
                &ContactDraft {
                    contact_type: ContactType::Delivery,
                    name: format!("Kho {NAME}"),
                    address: Address {
                        street: "12 Lý Thường Kiệt".into(),
                        ..Address::default()
                    },
                    ..ContactDraft::default()
                },
            )
            .unwrap();
    }
}

/// The bytes of the replica file and of its write-ahead log and shared memory, if any.
fn stored_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let path = dir.join(format!("{DATABASE_FILE}{suffix}"));
            std::fs::read(&path)
                .ok()
                .map(|bytes| (path.display().to_string(), bytes))
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every clear-text form of the customers' names a SQLite file would hold.
fn readable_names(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (file, bytes) in stored_bytes(dir) {
        for needle in [NAME, FOLDED, "zephyrine.vn", CITY, "Zephyrine"] {
            if contains(&bytes, needle) {
                found.push(format!("{needle:?} in {file}"));
            }
        }
    }
    found
}

fn all_names(replica: &Replica) -> Vec<String> {
    let mut names: Vec<String> = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    names.sort();
    names
}

fn search(replica: &Replica, text: &str) -> u64 {
    replica
        .customer_page(&CustomerQuery {
            search: text.into(),
            limit: 10,
            ..CustomerQuery::default()
        })
        .unwrap()
        .total
}

#[test]
fn the_encrypted_replica_holds_no_customer_name_in_clear_in_its_file_or_log() {
    // The control: a plain replica shows the names, so the grep below can see them.
    let plain = tempfile::tempdir().unwrap();
    {
        let mut replica = Replica::open(plain.path()).unwrap();
        fill(&mut replica, 3);
    }
    assert!(
        !readable_names(plain.path()).is_empty(),
        "the plain control file should show the names"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open_with_key(dir.path(), Some(&key(7))).unwrap();
    fill(&mut replica, 40);
    replica
        .update_customer(
            &replica.list_customers().unwrap()[0].id.clone(),
            &draft(999),
        )
        .unwrap();
    // Open, with the write-ahead log holding the latest pages.
    assert!(dir.path().join(format!("{DATABASE_FILE}-wal")).exists());
    assert_eq!(
        readable_names(dir.path()),
        Vec::<String>::new(),
        "names readable while open"
    );
    drop(replica);
    assert_eq!(
        readable_names(dir.path()),
        Vec::<String>::new(),
        "names readable after closing"
    );
    let header = &std::fs::read(dir.path().join(DATABASE_FILE)).unwrap()[..16];
    assert_ne!(header, b"SQLite format 3\0");

    let replica = Replica::open_with_key(dir.path(), Some(&key(7))).unwrap();
    assert_eq!(replica.list_customers().unwrap().len(), 40);
    assert_eq!(search(&replica, "xuyen zephyrine"), 40);
}

#[test]
fn a_plain_replica_is_encrypted_on_its_first_keyed_open_and_keeps_every_customer() {
    let dir = tempfile::tempdir().unwrap();
    let before = {
        let mut replica = Replica::open(dir.path()).unwrap();
        fill(&mut replica, 120);
        all_names(&replica)
    };
    assert!(!readable_names(dir.path()).is_empty());

    let mut replica = Replica::open_with_key(dir.path(), Some(&key(9))).unwrap();
    assert_eq!(all_names(&replica), before);
    assert_eq!(search(&replica, "zephyrine"), 120);
    assert_eq!(replica.check().unwrap().problems, Vec::<String>::new());
    drop(replica);

    assert_eq!(readable_names(dir.path()), Vec::<String>::new());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(DATABASE_FILE) || name.contains("encrypting"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());

    // Encrypted now: without the key it is refused, with it everything is there again.
    assert!(matches!(
        Replica::open(dir.path()),
        Err(ReplicaError::KeyMissing { .. })
    ));
    let mut replica = Replica::open_with_key(dir.path(), Some(&key(9))).unwrap();
    assert_eq!(all_names(&replica), before);
    replica.create_customer(&draft(500)).unwrap();
    assert_eq!(replica.list_customers().unwrap().len(), 121);
}

#[test]
fn a_wrong_or_missing_key_is_refused_by_name_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut replica = Replica::open_with_key(dir.path(), Some(&key(1))).unwrap();
        fill(&mut replica, 5);
    }
    let before = stored_bytes(dir.path());

    let wrong = Replica::open_with_key(dir.path(), Some(&key(2))).unwrap_err();
    assert!(
        matches!(&wrong, ReplicaError::WrongKey { path } if path == &dir.path().join(DATABASE_FILE)),
        "{wrong:?}"
    );
    assert!(wrong.is_unreadable());
    assert!(wrong.to_string().contains("re-sync"), "{wrong}");
    assert_eq!(stored_bytes(dir.path()), before);

    let missing = Replica::open(dir.path()).unwrap_err();
    assert!(
        matches!(missing, ReplicaError::KeyMissing { .. }),
        "{missing:?}"
    );
    assert!(missing.is_unreadable());
    assert_eq!(stored_bytes(dir.path()), before);

    // The re-sync: the unreadable file is kept aside whole and a fresh replica starts.
    let aside = Replica::set_aside(dir.path()).unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), before[0].1);
    let fresh = Replica::open_with_key(dir.path(), Some(&key(2))).unwrap();
    assert_eq!(fresh.list_customers().unwrap().len(), 0);
    drop(fresh);
    // The file set aside still opens with its own key.
    let recovered = tempfile::tempdir().unwrap();
    std::fs::copy(&aside, recovered.path().join(DATABASE_FILE)).unwrap();
    let old = Replica::open_with_key(recovered.path(), Some(&key(1))).unwrap();
    assert_eq!(old.list_customers().unwrap().len(), 5);
}

#[test]
fn a_replica_key_reads_back_from_its_hex_form_and_never_prints() {
    let key = ReplicaKey::generate().unwrap();
    assert_eq!(ReplicaKey::from_hex(&key.to_hex()).unwrap(), key);
    assert_ne!(ReplicaKey::generate().unwrap(), key);
    assert!(!format!("{key:?}").contains(&key.to_hex()));
    assert!(ReplicaKey::from_hex("abc").is_err());
    assert!(ReplicaKey::from_hex(&"zz".repeat(32)).is_err());
}
