//! The replica on a real SQLite file: creating, listing, reopening, refusing bad input, and
//! refusing a database from a newer version.

use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, DATABASE_FILE};

fn draft(kind: CustomerKind, name: &str, email: &str) -> CustomerDraft {
    CustomerDraft {
        kind,
        name: name.into(),
        email: email.into(),
        phone: "0903 123 456".into(),
    }
}

#[test]
fn created_customers_are_listed_by_name_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut replica = Replica::open(dir.path()).unwrap();
        replica
            .create_customer(&draft(
                CustomerKind::Individual,
                " Nguyễn Thị Đào ",
                "dao@donga.vn",
            ))
            .unwrap();
        replica
            .create_customer(&draft(
                CustomerKind::Company,
                "Công ty Đông Á",
                "lienhe@donga.vn",
            ))
            .unwrap();
    }
    let replica = Replica::open(dir.path()).unwrap();
    let names: Vec<_> = replica
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, vec!["Công ty Đông Á", "Nguyễn Thị Đào"]);
    assert!(dir.path().join(DATABASE_FILE).exists());
}

#[test]
fn projection_rows_agree_with_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    for i in 0..5 {
        replica
            .create_customer(&draft(CustomerKind::Company, &format!("Đông Á {i}"), ""))
            .unwrap();
    }
    for row in replica.list_customers().unwrap() {
        assert_eq!(replica.customer_document(&row.id).unwrap(), Some(row));
    }
    assert_eq!(replica.orphans().unwrap(), (vec![], vec![]));
}

#[test]
fn an_invalid_customer_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let error = replica
        .create_customer(&draft(CustomerKind::Individual, "Đào", "dao@"))
        .unwrap_err();
    assert!(matches!(error, ReplicaError::Invalid(_)), "{error}");
    assert!(replica.list_customers().unwrap().is_empty());
    assert_eq!(replica.orphans().unwrap(), (vec![], vec![]));
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica
        .create_customer(&draft(CustomerKind::Company, "Đông Á", ""))
        .unwrap();
    drop(replica);
    let file = dir.path().join(DATABASE_FILE);
    // What a future Clientele would leave behind: a schema version past this build's.
    rusqlite::Connection::open(&file)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&file).unwrap();
    let error = Replica::open(dir.path()).unwrap_err();
    assert!(
        matches!(error, ReplicaError::NewerSchema { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("update Clientele"), "{error}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_unwritable_data_dir_names_the_folder_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"x").unwrap();
    let error = Replica::open(&blocker.join("sub")).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("--data-dir"), "{message}");
    assert!(message.contains("file"), "{message}");
}
