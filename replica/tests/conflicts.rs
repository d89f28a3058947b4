//! Conflict review on real SQLite files synced through the in-memory server: Lan and Minh both
//! change the phone from the same version; both devices mark the customer (its row's count, the
//! "Has conflicts" filter), the review names each value with who and when, and keeping one is
//! a change that clears the mark on both devices once synced. A contact's field conflicts the
//! same way; the same value written twice is no conflict.

use clientele_model::commands::{FieldPlace, FieldScope, ReferenceItem};
use clientele_model::query::{CustomerFilter, CustomerQuery};
use clientele_model::{ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError};
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

/// Lan and Minh (named in the local team list) both hold "Đông Á" and, beside it, "Hoa Sen".
fn team() -> (tempfile::TempDir, MemoryServer, Replica, Replica, String) {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, mut minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    for (id, name) in [("lan", "Trần Thị Lan"), ("minh", "Nguyễn Văn Minh")] {
        let entry = ReferenceItem {
            id: id.into(),
            name: name.into(),
            ..ReferenceItem::default()
        };
        lan.put_reference("salespeople", &entry).unwrap();
    }
    let company = |name: &str| CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        phone: "0903 111 222".into(),
        ..CustomerDraft::default()
    };
    let id = lan.create_customer(&company("Đông Á")).unwrap().id;
    lan.create_customer(&company("Hoa Sen")).unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    (dir, server, lan, minh, id)
}

/// Both change the phone from the version they loaded; both devices end up holding both.
fn both_change_the_phone(server: &MemoryServer, lan: &mut Replica, minh: &mut Replica, id: &str) {
    let (on_lan, on_minh) = (
        lan.customer_record(id).unwrap(),
        minh.customer_record(id).unwrap(),
    );
    let mut draft = on_minh.draft.clone();
    draft.phone = "0903 999 000".into();
    minh.update_customer_at(id, &draft, &on_minh.heads).unwrap();
    let mut draft = on_lan.draft.clone();
    draft.phone = "0903 555 666".into();
    lan.update_customer_at(id, &draft, &on_lan.heads).unwrap();
    minh.sync_once(server).unwrap();
    lan.sync_once(server).unwrap();
    minh.sync_once(server).unwrap();
}

fn with_conflicts(replica: &Replica) -> Vec<String> {
    let query = CustomerQuery {
        filter: CustomerFilter {
            has_conflicts: true,
            ..CustomerFilter::default()
        },
        ..CustomerQuery::default()
    };
    let page = replica.customer_page(&query).unwrap();
    assert_eq!(page.total as usize, page.rows.len());
    page.rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn keeping_one_phone_clears_the_mark_on_both_devices() {
    let (_dir, server, mut lan, mut minh, id) = team();
    assert!(with_conflicts(&lan).is_empty());
    both_change_the_phone(&server, &mut lan, &mut minh, &id);

    for (who, device) in [("lan", &lan), ("minh", &minh)] {
        assert_eq!(
            device.customer_row(&id).unwrap().conflicts,
            1,
            "{who}'s card"
        );
        assert_eq!(with_conflicts(device), ["Đông Á"], "{who}'s filter");
    }
    let review = lan.conflict_review(&id).unwrap();
    assert_eq!(
        review,
        minh.conflict_review(&id).unwrap(),
        "the same on both"
    );
    assert_eq!(review.len(), 1, "{review:?}");
    let phone = &review[0];
    assert_eq!(phone.place, FieldPlace::customer("phone"));
    assert_eq!(phone.values.len(), 2);
    assert!(phone.values[0].shown && !phone.values[1].shown);
    let shown = lan.customer(&id).unwrap().draft.phone;
    assert_eq!(phone.values[0].value, shown, "the shown value comes first");
    let mut who: Vec<(&str, &str, &str)> = phone
        .values
        .iter()
        .map(|v| (v.author.as_str(), v.author_name.as_str(), v.value.as_str()))
        .collect();
    who.sort();
    assert_eq!(
        who,
        [
            ("lan", "Trần Thị Lan", "+84 903 555 666"),
            ("minh", "Nguyễn Văn Minh", "+84 903 999 000")
        ]
    );
    assert!(
        phone.values.iter().all(|v| v.time > 1_700_000_000_000),
        "{phone:?}"
    );

    // Lan keeps Minh's value.
    let minhs = phone.values.iter().find(|v| v.author == "minh").unwrap();
    let row = lan
        .keep_conflict_value(&id, &phone.place, &minhs.value_id)
        .unwrap();
    assert_eq!((row.phone.as_str(), row.conflicts), ("+84 903 999 000", 0));
    assert!(lan.conflict_review(&id).unwrap().is_empty());
    assert!(with_conflicts(&lan).is_empty());
    // Minh's device still shows the mark until the change arrives.
    assert_eq!(minh.customer_row(&id).unwrap().conflicts, 1);
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let on_minh = minh.customer_row(&id).unwrap();
    assert_eq!(
        (on_minh.phone.as_str(), on_minh.conflicts),
        ("+84 903 999 000", 0)
    );
    assert!(minh.conflict_review(&id).unwrap().is_empty());
    assert!(with_conflicts(&minh).is_empty());

    // The value Lan's device showed is gone: keeping it (a stale review) is refused by name.
    let lans = phone.values.iter().find(|v| v.author == "lan").unwrap();
    let stale = lan
        .keep_conflict_value(&id, &phone.place, &lans.value_id)
        .unwrap_err();
    assert!(
        matches!(&stale, ReplicaError::NotFound { id, .. } if *id == lans.value_id),
        "{stale:?}"
    );
}

#[test]
fn keeping_the_shown_value_also_clears_the_mark() {
    let (_dir, server, mut lan, mut minh, id) = team();
    both_change_the_phone(&server, &mut lan, &mut minh, &id);
    let review = minh.conflict_review(&id).unwrap();
    let shown = review[0].values.iter().find(|v| v.shown).unwrap();
    let row = minh
        .keep_conflict_value(&id, &review[0].place, &shown.value_id)
        .unwrap();
    assert_eq!(
        (row.phone.as_str(), row.conflicts),
        (shown.value.as_str(), 0)
    );
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    assert_eq!(lan.customer_row(&id).unwrap().conflicts, 0);
}

#[test]
fn a_contacts_field_changed_by_both_is_reviewed_under_the_contact() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let contact = ContactDraft {
        contact_type: ContactType::Contact,
        name: "Kế toán".into(),
        email: "ketoan@donga.vn".into(),
        ..ContactDraft::default()
    };
    let contact_id = lan.add_contact(&id, &contact).unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    for (device, email) in [(&mut lan, "a@donga.vn"), (&mut minh, "b@donga.vn")] {
        let changed = ContactDraft {
            email: email.into(),
            ..contact.clone()
        };
        device.update_contact(&id, &contact_id, &changed).unwrap();
    }
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    for device in [&lan, &minh] {
        assert_eq!(device.customer_row(&id).unwrap().conflicts, 1);
        let review = device.conflict_review(&id).unwrap();
        assert_eq!(review.len(), 1, "{review:?}");
        assert_eq!(
            review[0].place,
            FieldPlace {
                scope: FieldScope::Contact {
                    id: contact_id.clone(),
                    name: "Kế toán".into()
                },
                key: "email".into()
            }
        );
    }
    let review = lan.conflict_review(&id).unwrap();
    let bs = review[0]
        .values
        .iter()
        .find(|v| v.value == "b@donga.vn")
        .unwrap();
    lan.keep_conflict_value(&id, &review[0].place, &bs.value_id)
        .unwrap();
    let kept = lan.customer(&id).unwrap().contacts;
    assert_eq!(kept[0].contact.email, "b@donga.vn");
    assert_eq!(lan.customer_row(&id).unwrap().conflicts, 0);
}

#[test]
fn the_same_value_written_by_both_is_no_conflict() {
    let (_dir, server, mut lan, mut minh, id) = team();
    for device in [&mut lan, &mut minh] {
        let form = device.customer_record(&id).unwrap();
        let mut draft = form.draft.clone();
        draft.phone = "0903 999 000".into();
        device.update_customer_at(&id, &draft, &form.heads).unwrap();
    }
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    for device in [&lan, &minh] {
        assert_eq!(device.customer_row(&id).unwrap().conflicts, 0);
        assert!(device.conflict_review(&id).unwrap().is_empty());
    }
}

#[test]
fn a_rebuilt_projection_counts_the_conflicts_again() {
    let (_dir, server, mut lan, mut minh, id) = team();
    both_change_the_phone(&server, &mut lan, &mut minh, &id);
    lan.rebuild_projection().unwrap();
    assert_eq!(lan.customer_row(&id).unwrap().conflicts, 1);
    assert_eq!(with_conflicts(&lan), ["Đông Á"]);
    assert!(lan.check().unwrap().problems.is_empty());
    // A count that disagrees with the documents is what `check` reports.
    let path = lan.path().to_owned();
    drop(lan);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE customers SET conflict_count = 0", [])
        .unwrap();
    let mut lan = Replica::open(path.parent().unwrap()).unwrap();
    assert!(!lan.check().unwrap().problems.is_empty());
}

#[test]
fn the_has_conflicts_filter_reads_only_the_customers_in_conflict() {
    let dir = tempfile::tempdir().unwrap();
    drop(Replica::open(dir.path()).unwrap());
    let conn =
        rusqlite::Connection::open(dir.path().join(clientele_replica::DATABASE_FILE)).unwrap();
    // The page's filter in the name's order, its count, and another order (the archived flag
    // set aside with a unary plus, as `customer_page` does then).
    for sql in [
        "SELECT c.id FROM customers c WHERE c.archived = 0 AND c.conflict_count > 0
         ORDER BY c.name_key, c.id LIMIT 80",
        "SELECT count(*) FROM customers c WHERE c.archived = 0 AND c.conflict_count > 0",
        "SELECT c.id FROM customers c WHERE +c.archived = 0 AND c.conflict_count > 0
         ORDER BY c.email, c.id LIMIT 80",
    ] {
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("customers_with_conflicts")),
            "{sql}: {plan:?}"
        );
    }
}

#[test]
fn the_filter_finds_them_in_any_order() {
    let (_dir, server, mut lan, mut minh, id) = team();
    both_change_the_phone(&server, &mut lan, &mut minh, &id);
    for sort in clientele_model::query::SortKey::ALL {
        let query = CustomerQuery {
            sort,
            filter: CustomerFilter {
                has_conflicts: true,
                ..CustomerFilter::default()
            },
            ..CustomerQuery::default()
        };
        let page = lan.customer_page(&query).unwrap();
        let names: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!((names, page.total), (vec!["Đông Á"], 1), "{sort:?}");
    }
}
