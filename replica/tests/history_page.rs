//! The History tab's pages on real SQLite files: who (display name), when, which field, old →
//! new for the customer, its contacts, activities and posted notes, newest first and paged;
//! "restore this value" is a new change that syncs.

use clientele_model::commands::{FieldPlace, FieldScope, HistoryEntry, ReferenceItem};
use clientele_model::{ActivityDraft, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError};
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    for (id, name) in [("lan", "Trần Thị Lan"), ("minh", "Nguyễn Văn Minh")] {
        let entry = ReferenceItem {
            id: id.into(),
            name: name.into(),
            ..ReferenceItem::default()
        };
        replica.put_reference("salespeople", &entry).unwrap();
    }
    replica
}

fn company() -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: "Đông Á".into(),
        phone: "0903 111 222".into(),
        ..CustomerDraft::default()
    }
}

/// The changes of `entry` as `(scope kind, key, before, after)`.
fn fields(entry: &HistoryEntry) -> Vec<(String, String, String, String)> {
    entry
        .fields
        .iter()
        .map(|f| {
            let scope = match &f.place.scope {
                FieldScope::Customer => "customer".to_owned(),
                FieldScope::Contact { name, .. } => format!("contact {name}"),
                FieldScope::Activity { summary, .. } => format!("activity {summary}"),
                FieldScope::Note { .. } => "note".to_owned(),
            };
            (
                scope,
                f.place.key.clone(),
                f.before.clone(),
                f.after.clone(),
            )
        })
        .collect()
}

fn has(entry: &HistoryEntry, scope: &str, key: &str, before: &str, after: &str) -> bool {
    fields(entry).contains(&(scope.into(), key.into(), before.into(), after.into()))
}

#[test]
fn the_history_names_who_changed_which_field_of_the_customer_contacts_activities_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, mut minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    let id = lan.create_customer(&company()).unwrap().id;
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let mut draft = minh.customer(&id).unwrap().draft;
    draft.phone = "0903 999 000".into();
    minh.update_customer(&id, &draft).unwrap();
    let contact = ContactDraft {
        contact_type: ContactType::Invoice,
        name: "Kế toán".into(),
        email: "ketoan@donga.vn".into(),
        ..ContactDraft::default()
    };
    let contact_id = minh.add_contact(&id, &contact).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    let changed = ContactDraft {
        email: "ke.toan@donga.vn".into(),
        ..contact
    };
    lan.update_contact(&id, &contact_id, &changed).unwrap();
    let activity = ActivityDraft {
        activity_type: "call".into(),
        summary: "Gọi lại".into(),
        due_date: "2026-12-01".into(),
        ..ActivityDraft::default()
    };
    lan.schedule_activity(&id, &activity).unwrap();
    lan.post_note(&id, "Khách hẹn tuần sau").unwrap();

    let page = lan.history_page(&id, None, 0).unwrap();
    assert!(!page.more);
    let entries = &page.entries;
    assert_eq!(entries.len(), 6, "{entries:#?}");
    assert!(
        entries.windows(2).all(|w| w[0].time >= w[1].time),
        "newest first"
    );
    let who: Vec<&str> = entries.iter().map(|e| e.author_name.as_str()).collect();
    assert_eq!(
        who,
        [
            "Trần Thị Lan",
            "Trần Thị Lan",
            "Trần Thị Lan",
            "Nguyễn Văn Minh",
            "Nguyễn Văn Minh",
            "Trần Thị Lan"
        ]
    );
    assert!(has(&entries[0], "note", "text", "", "Khách hẹn tuần sau"));
    assert!(has(
        &entries[1],
        "activity Gọi lại",
        "summary",
        "",
        "Gọi lại"
    ));
    assert!(has(
        &entries[1],
        "activity Gọi lại",
        "due_date",
        "",
        "2026-12-01"
    ));
    assert!(has(
        &entries[2],
        "contact Kế toán",
        "email",
        "ketoan@donga.vn",
        "ke.toan@donga.vn"
    ));
    assert_eq!(
        entries[2].fields.len(),
        1,
        "only what changed: {:?}",
        entries[2]
    );
    assert!(has(
        &entries[3],
        "contact Kế toán",
        "contact_type",
        "",
        "invoice"
    ));
    assert!(has(
        &entries[4],
        "customer",
        "phone",
        "+84 903 111 222",
        "+84 903 999 000"
    ));
    assert_eq!(
        entries[4].fields.len(),
        1,
        "the time of the edit is not a field"
    );
    assert!(has(&entries[5], "customer", "name", "", "Đông Á"));
    assert!(entries.iter().all(|e| e.time > 1_700_000_000_000));
    assert_eq!(
        lan.history_page(&id, None, 0).unwrap(),
        minh_after_sync(&mut lan, &mut minh, &server, &id)
    );
}

/// Minh's history of `id` once he has everything Lan has.
fn minh_after_sync(
    lan: &mut Replica,
    minh: &mut Replica,
    server: &MemoryServer,
    id: &str,
) -> clientele_model::commands::HistoryPage {
    lan.sync_once(server).unwrap();
    minh.sync_once(server).unwrap();
    minh.history_page(id, None, 0).unwrap()
}

#[test]
fn pages_of_fifty_go_back_to_the_first_change_without_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let mut lan = replica(&dir, "lan");
    let id = lan.create_customer(&company()).unwrap().id;
    for n in 0..119 {
        let mut draft = lan.customer(&id).unwrap().draft;
        draft.function = format!("lần {n}");
        lan.update_customer(&id, &draft).unwrap();
    }
    let first = lan.history_page(&id, None, 0).unwrap();
    assert_eq!((first.entries.len(), first.more), (50, true));
    assert!(has(
        &first.entries[0],
        "customer",
        "function",
        "lần 117",
        "lần 118"
    ));
    let before = first.entries.last().unwrap().change.clone();
    let second = lan.history_page(&id, Some(&before), 50).unwrap();
    assert_eq!((second.entries.len(), second.more), (50, true));
    assert!(has(
        &second.entries[0],
        "customer",
        "function",
        "lần 67",
        "lần 68"
    ));
    let before = second.entries.last().unwrap().change.clone();
    let third = lan.history_page(&id, Some(&before), 50).unwrap();
    assert_eq!((third.entries.len(), third.more), (20, false));
    assert!(has(
        third.entries.last().unwrap(),
        "customer",
        "name",
        "",
        "Đông Á"
    ));

    let unknown = lan.history_page(&id, Some("ab"), 50).unwrap_err();
    assert!(
        matches!(unknown, ReplicaError::NotFound { .. }),
        "{unknown:?}"
    );
}

#[test]
fn restoring_a_value_is_a_new_change_that_syncs() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, mut minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    let id = lan.create_customer(&company()).unwrap().id;
    let contact = ContactDraft {
        contact_type: ContactType::Contact,
        name: "Kế toán".into(),
        email: "ketoan@donga.vn".into(),
        ..ContactDraft::default()
    };
    let contact_id = lan.add_contact(&id, &contact).unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let mut draft = minh.customer(&id).unwrap().draft;
    draft.phone = "0903 999 000".into();
    minh.update_customer(&id, &draft).unwrap();
    let changed = ContactDraft {
        email: "sai@donga.vn".into(),
        ..contact
    };
    minh.update_contact(&id, &contact_id, &changed).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();

    let page = lan.history_page(&id, None, 0).unwrap();
    let email = page.entries[0].fields[0].clone();
    assert_eq!(
        (email.before.as_str(), email.after.as_str()),
        ("ketoan@donga.vn", "sai@donga.vn")
    );
    lan.restore_history_value(&id, &email.place, &email.before)
        .unwrap();
    let phone = &page.entries[1].fields[0];
    assert_eq!(phone.place, FieldPlace::customer("phone"));
    let row = lan
        .restore_history_value(&id, &phone.place, &phone.before)
        .unwrap();
    assert_eq!(row.phone, "+84 903 111 222");

    let newest = lan.history_page(&id, None, 2).unwrap();
    assert_eq!(newest.entries[0].author, "lan");
    assert!(has(
        &newest.entries[0],
        "customer",
        "phone",
        "+84 903 999 000",
        "+84 903 111 222"
    ));
    assert!(has(
        &newest.entries[1],
        "contact Kế toán",
        "email",
        "sai@donga.vn",
        "ketoan@donga.vn"
    ));
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let on_minh = minh.customer(&id).unwrap();
    assert_eq!(on_minh.draft.phone, "+84 903 111 222");
    assert_eq!(on_minh.contacts[0].contact.email, "ketoan@donga.vn");

    // A posted note is never rewritten; an unknown field is refused by name.
    lan.post_note(&id, "ghi chú").unwrap();
    let note = lan.history_page(&id, None, 1).unwrap().entries[0].fields[0].clone();
    assert!(matches!(
        lan.restore_history_value(&id, &note.place, ""),
        Err(ReplicaError::Conflict(_))
    ));
    let error = lan
        .restore_history_value(&id, &FieldPlace::customer("mood"), "vui")
        .unwrap_err();
    assert!(error.to_string().contains("mood"), "{error}");
    // A restored value still passes the form's rules.
    let bad = lan
        .restore_history_value(&id, &FieldPlace::customer("email"), "không phải email")
        .unwrap_err();
    assert!(matches!(bad, ReplicaError::Invalid(_)), "{bad:?}");
}
