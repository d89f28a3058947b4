//! Policy in the replica, on a real SQLite file: the session's user is the one current user
//! (favourites, the cards' stars), private addresses are refused to a user without the
//! permission whoever calls (shell, CLI, import), and change notices tell subscribers what
//! changed and whether it was a local edit, an import or a sync.

use clientele_model::query::CustomerQuery;
use clientele_model::{ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{
    ChangeNotice, ChangeOrigin, CustomerSeed, Replica, ReplicaError, Session, LOCAL_USER,
};
use clientele_test_support::memory_server::MemoryServer;
use std::sync::mpsc::Receiver;

fn company(name: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

fn private_address(name: &str) -> ContactDraft {
    ContactDraft {
        contact_type: ContactType::Private,
        name: name.into(),
        ..ContactDraft::default()
    }
}

/// The notices received so far.
fn received(notices: &Receiver<ChangeNotice>) -> Vec<ChangeNotice> {
    notices.try_iter().collect()
}

#[test]
fn without_a_configured_user_the_form_and_the_cards_agree_on_who_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    assert_eq!(replica.user(), LOCAL_USER);
    let id = replica.create_customer(&company("Đông Á")).unwrap().id;
    let user = replica.user().to_owned();
    replica.set_favourite(&user, &id, true).unwrap();
    assert!(replica.customer_record(&id).unwrap().favourite);
    // The cards' query names no user: the session's is meant.
    let page = replica
        .customer_page(&CustomerQuery {
            today: "2026-11-28".into(),
            user_id: None,
            ..CustomerQuery::default()
        })
        .unwrap();
    assert!(page.rows.iter().find(|r| r.id == id).unwrap().favourite);
    assert_eq!(Session::new("  ", true).user, LOCAL_USER);
}

#[test]
fn a_user_without_the_permission_neither_sees_nor_writes_private_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica.set_session(Session::new("lan", true));
    let id = replica.create_customer(&company("Đông Á")).unwrap().id;
    let home = replica
        .add_contact(&id, &private_address("Nhà riêng giám đốc"))
        .unwrap();

    replica.set_session(Session::new("minh", false));
    let record = replica.customer_record(&id).unwrap();
    assert!(record.contacts.is_empty(), "{:?}", record.contacts);
    let refused = [
        replica
            .add_contact(&id, &private_address("Nhà riêng 2"))
            .map(|_| ()),
        replica.update_contact(&id, &home, &private_address("Đổi tên")),
        replica.remove_contact(&id, &home),
        replica.private_addresses(&id).map(|_| ()),
        replica
            .create_customers_bulk(&[CustomerSeed {
                draft: company("Tân Phú"),
                contacts: vec![private_address("Nhà riêng")],
                activities: Vec::new(),
            }])
            .map(|_| ()),
    ];
    for (step, result) in refused.into_iter().enumerate() {
        assert!(
            matches!(result, Err(ReplicaError::Forbidden(ref m)) if m.contains("private addresses")),
            "step {step}: {result:?}"
        );
    }
    // Nothing was changed by the refusals.
    replica.set_session(Session::new("lan", true));
    let kept = replica.private_addresses(&id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].contact.name, "Nhà riêng giám đốc");
    assert_eq!(replica.list_customers().unwrap().len(), 1);
}

#[test]
fn change_notices_name_the_records_and_whether_they_were_edited_imported_or_synced() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let mut lan = Replica::open(&dir.path().join("lan")).unwrap();
    let mut minh = Replica::open(&dir.path().join("minh")).unwrap();
    lan.set_author("lan");
    minh.set_author("minh");
    minh.sync_once(&server).unwrap();
    let on_lan = lan.subscribe();
    let on_minh = minh.subscribe();

    let id = lan.create_customer(&company("Đông Á")).unwrap().id;
    let mut draft = lan.customer(&id).unwrap().draft;
    draft.phone = "0903 111 222".into();
    lan.update_customer(&id, &draft).unwrap();
    let imported = lan
        .create_customers_bulk(&[CustomerSeed {
            draft: company("Tân Phú"),
            ..CustomerSeed::default()
        }])
        .unwrap();
    let notices = received(&on_lan);
    assert_eq!(
        notices
            .iter()
            .map(|n| (n.origin, n.documents.clone()))
            .collect::<Vec<_>>(),
        vec![
            (ChangeOrigin::LocalEdit, vec![id.clone()]),
            (ChangeOrigin::LocalEdit, vec![id.clone()]),
            (ChangeOrigin::Import, imported.clone()),
        ]
    );
    assert!(notices.iter().all(ChangeNotice::is_local));

    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let synced = received(&on_minh);
    assert_eq!(synced.len(), 1, "{synced:?}");
    assert_eq!(synced[0].origin, ChangeOrigin::Sync);
    assert!(!synced[0].is_local());
    for customer in imported.iter().chain([&id]) {
        assert!(synced[0].documents.contains(customer), "{synced:?}");
    }
}
