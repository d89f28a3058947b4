//! The replica on a real SQLite file: creating, editing, listing, reopening, refusing bad input,
//! migrating an old database, and refusing one from a newer version.

use clientele_model::{ActivityDraft, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, DATABASE_FILE};

fn draft(kind: CustomerKind, name: &str, email: &str) -> CustomerDraft {
    CustomerDraft {
        kind,
        name: name.into(),
        email: email.into(),
        phone: "0903 123 456".into(),
        ..CustomerDraft::default()
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
fn edits_contacts_activities_and_archive_keep_documents_and_projection_in_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let company = replica
        .create_customer(&draft(CustomerKind::Company, "Đông Á", ""))
        .unwrap();
    let mut person = draft(CustomerKind::Individual, "Đào", "dao@donga.vn");
    person.company_id = Some(company.id.clone());
    let person = replica.create_customer(&person).unwrap();
    let mut renamed = draft(CustomerKind::Company, "Công ty Đông Á", "");
    renamed.notes = "Giao hàng buổi sáng".into();
    replica.update_customer(&company.id, &renamed).unwrap();
    let invoice = ContactDraft {
        contact_type: ContactType::Invoice,
        name: "Kế toán".into(),
        ..ContactDraft::default()
    };
    replica.add_contact(&company.id, &invoice).unwrap();
    let private = ContactDraft {
        contact_type: ContactType::Private,
        address: clientele_model::Address {
            city: "Huế".into(),
            ..Default::default()
        },
        ..ContactDraft::default()
    };
    let private_id = replica.add_contact(&person.id, &private).unwrap();
    let activity = ActivityDraft {
        activity_type: "call".into(),
        due_date: "2026-11-20".into(),
        ..ActivityDraft::default()
    };
    replica.schedule_activity(&person.id, &activity).unwrap();
    replica.set_archived(&company.id, true).unwrap();
    replica.set_favourite("rep1", &person.id, true).unwrap();

    let stored = replica.customer(&company.id).unwrap();
    assert_eq!(stored.draft.notes, "Giao hàng buổi sáng");
    assert!(stored.archived);
    assert_eq!(stored.contacts.len(), 1);
    let report = replica.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let before = replica.projection_dump().unwrap();
    assert!(
        before
            .iter()
            .any(|row| row.contains("Công ty Đông Á") && row.contains(&person.id)),
        "the person carries the company's new name"
    );
    replica.rebuild_projection().unwrap();
    assert_eq!(
        replica.projection_dump().unwrap(),
        before,
        "rebuilt from documents alone"
    );

    replica.remove_contact(&person.id, &private_id).unwrap();
    assert!(replica.check().unwrap().problems.is_empty());
}

#[test]
fn an_invalid_customer_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let before = replica.projection_dump().unwrap();
    let error = replica
        .create_customer(&draft(CustomerKind::Individual, "Đào", "dao@"))
        .unwrap_err();
    assert!(matches!(error, ReplicaError::Invalid(_)), "{error}");
    assert!(replica.list_customers().unwrap().is_empty());
    assert_eq!(replica.projection_dump().unwrap(), before);
    let mut orphan = draft(CustomerKind::Individual, "Đào", "");
    orphan.company_id = Some("no-such-company".into());
    assert!(matches!(
        replica.create_customer(&orphan).unwrap_err(),
        ReplicaError::Invalid(_)
    ));
    assert!(matches!(
        replica.update_customer("nobody", &orphan).unwrap_err(),
        ReplicaError::Invalid(_) | ReplicaError::NotFound { .. }
    ));
}

#[test]
fn a_version_1_database_is_migrated_and_its_projection_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DATABASE_FILE);
    {
        // What the foundation release wrote: schema 1, one customer document and its row.
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch(
            "CREATE TABLE documents (id TEXT PRIMARY KEY NOT NULL, class TEXT NOT NULL, bytes BLOB NOT NULL) STRICT;
             CREATE TABLE customers (id TEXT PRIMARY KEY NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
                 name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT NOT NULL) STRICT;
             CREATE INDEX customers_by_name ON customers(name COLLATE NOCASE, id);
             PRAGMA user_version = 1;",
        )
        .unwrap();
        let mut doc = automerge::AutoCommit::new();
        use automerge::transaction::Transactable;
        for (key, value) in [
            ("class", "customer"),
            ("id", "c1"),
            ("kind", "company"),
            ("name", "Đông Á"),
            ("email", "a@donga.vn"),
            ("phone", "0903 123 456"),
        ] {
            doc.put(automerge::ROOT, key, value).unwrap();
        }
        conn.execute(
            "INSERT INTO documents VALUES ('c1', 'customer', ?1)",
            [doc.save()],
        )
        .unwrap();
        conn.execute("INSERT INTO customers VALUES ('c1', 'company', 'Đông Á', 'a@donga.vn', '0903 123 456')", []).unwrap();
    }
    let mut replica = Replica::open(dir.path()).unwrap();
    let customers = replica.list_customers().unwrap();
    assert_eq!(customers.len(), 1);
    assert_eq!(customers[0].name, "Đông Á");
    assert!(replica.check().unwrap().problems.is_empty());
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

/// An edit writes only the parts of the projection that changed (a column, the tags, the
/// contacts, the activities, the search text): after each kind of edit alone, the projection
/// still equals one rebuilt from the documents, and search sees the change.
#[test]
fn each_kind_of_edit_alone_leaves_the_projection_as_a_rebuild_would() {
    use clientele_model::query::CustomerQuery;
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let company = replica
        .create_customer(&draft(CustomerKind::Company, "Đông Á", "lienhe@donga.vn"))
        .unwrap();
    let mut person = draft(CustomerKind::Individual, "Nguyễn Thị Đào", "dao@donga.vn");
    person.company_id = Some(company.id.clone());
    person.tag_ids = vec!["retail".into()];
    let person_id = replica.create_customer(&person).unwrap().id;
    let contact_id = replica
        .add_contact(
            &person_id,
            &ContactDraft {
                contact_type: ContactType::Delivery,
                name: "Kho".into(),
                ..ContactDraft::default()
            },
        )
        .unwrap();
    let activity_id = replica
        .schedule_activity(
            &person_id,
            &ActivityDraft {
                activity_type: "call".into(),
                due_date: "2026-11-20".into(),
                ..ActivityDraft::default()
            },
        )
        .unwrap();
    let found = |replica: &Replica, search: &str| -> Vec<String> {
        replica
            .customer_page(&CustomerQuery {
                search: search.into(),
                today: "2026-11-27".into(),
                ..CustomerQuery::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect()
    };
    let agrees = |replica: &mut Replica, what: &str| {
        let report = replica.check().unwrap();
        assert!(
            report.problems.is_empty(),
            "after {what}: {:?}",
            report.problems
        );
    };
    let edit = |replica: &mut Replica, change: &dyn Fn(&mut CustomerDraft)| {
        let mut draft = replica.customer(&person_id).unwrap().draft;
        change(&mut draft);
        replica.update_customer(&person_id, &draft).unwrap();
    };

    edit(&mut replica, &|d| d.notes.push_str(" Đã gọi."));
    agrees(&mut replica, "a notes edit");
    edit(&mut replica, &|d| d.email = "dao@moi.vn".into());
    agrees(&mut replica, "an email edit");
    assert_eq!(found(&replica, "dao@moi"), vec!["Nguyễn Thị Đào"]);
    assert!(found(&replica, "dao@donga").is_empty());
    edit(&mut replica, &|d| {
        d.tag_ids = vec!["vip".into(), "wholesale".into()]
    });
    agrees(&mut replica, "a tags edit");
    assert_eq!(found(&replica, "vip"), vec!["Nguyễn Thị Đào"]);
    edit(&mut replica, &|d| d.tag_ids.clear());
    agrees(&mut replica, "removing the tags");
    replica
        .update_contact(
            &person_id,
            &contact_id,
            &ContactDraft {
                contact_type: ContactType::Delivery,
                name: "Kho Bình Dương".into(),
                ..ContactDraft::default()
            },
        )
        .unwrap();
    agrees(&mut replica, "a contact edit");
    replica
        .set_activity_status(
            &person_id,
            &activity_id,
            clientele_model::ActivityStatus::Done,
        )
        .unwrap();
    agrees(&mut replica, "an activity done");
    replica.remove_contact(&person_id, &contact_id).unwrap();
    agrees(&mut replica, "a contact removed");
    replica.set_archived(&person_id, true).unwrap();
    agrees(&mut replica, "archiving");
    replica.set_archived(&person_id, false).unwrap();
    agrees(&mut replica, "restoring");
    let mut renamed = replica.customer(&company.id).unwrap().draft;
    renamed.name = "Công ty Mới".into();
    replica.update_customer(&company.id, &renamed).unwrap();
    agrees(&mut replica, "renaming the person's company");
    assert_eq!(
        found(&replica, "cong ty moi"),
        vec!["Công ty Mới", "Nguyễn Thị Đào"]
    );
    // An edit that changes nothing writes nothing either way.
    edit(&mut replica, &|_| {});
    agrees(&mut replica, "an edit without a change");
}
