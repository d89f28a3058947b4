//! A save applies to the version the form was loaded at (its heads) and is merged: Lan's form
//! is open when Minh's phone arrives; her email save keeps his phone, on both devices. The same
//! field changed by both is a conflict with one winner everywhere. Real SQLite files, synced
//! through the in-memory server.

use clientele_model::{CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError};
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

/// Lan and Minh both hold the customer "Đông Á" (phone 0903 111 222, some notes).
fn team() -> (tempfile::TempDir, MemoryServer, Replica, Replica, String) {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, mut minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: "Đông Á".into(),
        phone: "0903 111 222".into(),
        notes: "giao sáng".into(),
        ..CustomerDraft::default()
    };
    let id = lan.create_customer(&draft).unwrap().id;
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    (dir, server, lan, minh, id)
}

/// Minh changes the phone (and optionally the notes), and it reaches the server.
fn minh_changes(minh: &mut Replica, server: &MemoryServer, id: &str, phone: &str) {
    let mut draft = minh.customer(id).unwrap().draft;
    draft.phone = phone.into();
    minh.update_customer(id, &draft).unwrap();
    minh.sync_once(server).unwrap();
}

#[test]
fn a_stale_form_keeps_a_colleagues_phone_on_both_devices() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let form = lan.customer_record(&id).unwrap();
    assert!(
        !form.heads.is_empty(),
        "the record says which version it is"
    );

    minh_changes(&mut minh, &server, &id, "0903 999 000");
    lan.sync_once(&server).unwrap();
    assert_eq!(lan.customer(&id).unwrap().draft.phone, "+84 903 999 000");

    let mut draft = form.draft.clone();
    draft.email = "lan@donga.vn".into();
    lan.update_customer_at(&id, &draft, &form.heads).unwrap();
    let on_lan = lan.customer(&id).unwrap().draft;
    assert_eq!(on_lan.phone, "+84 903 999 000", "Minh's phone survives");
    assert_eq!(on_lan.email, "lan@donga.vn", "Lan's email is stored");
    let row = &lan.customer_page(&Default::default()).unwrap().rows[0];
    assert_eq!(
        (row.phone.as_str(), row.email.as_str()),
        ("+84 903 999 000", "lan@donga.vn"),
        "the projection shows the merged customer"
    );
    assert_ne!(lan.customer_record(&id).unwrap().heads, form.heads);

    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    let on_minh = minh.customer(&id).unwrap().draft;
    assert_eq!(
        (on_minh.phone.as_str(), on_minh.email.as_str()),
        ("+84 903 999 000", "lan@donga.vn")
    );
    assert!(lan.customer_conflicts(&id).unwrap().is_empty());
}

#[test]
fn without_heads_the_save_is_applied_to_the_current_version() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let form = lan.customer_record(&id).unwrap();
    minh_changes(&mut minh, &server, &id, "0903 999 000");
    lan.sync_once(&server).unwrap();
    let mut draft = form.draft;
    draft.email = "lan@donga.vn".into();
    lan.update_customer_at(&id, &draft, &[]).unwrap();
    assert_eq!(
        lan.customer(&id).unwrap().draft.phone,
        "+84 903 111 222",
        "an older caller's whole draft wins, as before"
    );
}

#[test]
fn both_changing_the_phone_is_a_conflict_with_one_winner_everywhere() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let form = lan.customer_record(&id).unwrap();
    minh_changes(&mut minh, &server, &id, "0903 999 000");
    lan.sync_once(&server).unwrap();
    let mut draft = form.draft.clone();
    draft.phone = "0903 555 666".into();
    lan.update_customer_at(&id, &draft, &form.heads).unwrap();
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();

    let (on_lan, on_minh) = (lan.customer(&id).unwrap(), minh.customer(&id).unwrap());
    assert_eq!(
        on_lan.draft.phone, on_minh.draft.phone,
        "one winner everywhere"
    );
    let conflicts = lan.customer_conflicts(&id).unwrap();
    assert_eq!(conflicts, minh.customer_conflicts(&id).unwrap());
    let phone = conflicts.iter().find(|c| c.field == "phone").unwrap();
    let mut values = vec![phone.winner.clone()];
    values.extend(phone.losers.clone());
    values.sort();
    assert_eq!(values, ["+84 903 555 666", "+84 903 999 000"]);
}

#[test]
fn notes_edited_on_a_stale_form_merge_by_character() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let form = lan.customer_record(&id).unwrap();
    let mut theirs = minh.customer(&id).unwrap().draft;
    theirs.notes = "Kho: giao sáng".into();
    minh.update_customer(&id, &theirs).unwrap();
    minh.sync_once(&server).unwrap();
    lan.sync_once(&server).unwrap();
    let mut draft = form.draft.clone();
    draft.notes = "giao sáng, gọi trước".into();
    lan.update_customer_at(&id, &draft, &form.heads).unwrap();
    assert_eq!(
        lan.customer(&id).unwrap().draft.notes,
        "Kho: giao sáng, gọi trước"
    );
}

#[test]
fn a_form_older_than_the_devices_own_later_edit_still_saves_and_syncs() {
    let (_dir, server, mut lan, mut minh, id) = team();
    let form = lan.customer_record(&id).unwrap();
    // Lan changes the city elsewhere on her device after the form loaded.
    let mut elsewhere = lan.customer(&id).unwrap().draft;
    elsewhere.address.city = "Huế".into();
    lan.update_customer(&id, &elsewhere).unwrap();
    let mut draft = form.draft.clone();
    draft.email = "lan@donga.vn".into();
    lan.update_customer_at(&id, &draft, &form.heads).unwrap();
    let on_lan = lan.customer(&id).unwrap().draft;
    assert_eq!(
        (on_lan.address.city.as_str(), on_lan.email.as_str()),
        ("Huế", "lan@donga.vn")
    );
    lan.sync_once(&server).unwrap();
    minh.sync_once(&server).unwrap();
    assert_eq!(minh.customer(&id).unwrap().draft, on_lan);
    let history = minh.customer_history(&id).unwrap();
    assert!(history.iter().all(|h| h.author == "lan"), "{history:?}");
}

#[test]
fn heads_the_device_does_not_hold_are_refused_by_name() {
    let (_dir, _server, mut lan, _minh, id) = team();
    let draft = lan.customer(&id).unwrap().draft;
    let unknown = "ab".repeat(32);
    let error = lan
        .update_customer_at(&id, &draft, std::slice::from_ref(&unknown))
        .unwrap_err();
    assert!(
        matches!(&error, ReplicaError::UnknownVersion { head, .. } if *head == unknown),
        "{error:?}"
    );
    assert!(error.to_string().contains("does not hold"), "{error}");
    let garbled = lan
        .update_customer_at(&id, &draft, &["not a hash".into()])
        .unwrap_err();
    assert!(
        matches!(garbled, ReplicaError::UnknownVersion { .. }),
        "{garbled:?}"
    );
    let code = clientele_model::CommandError::from(error).code;
    assert_eq!(code, clientele_model::ErrorCode::Conflict);
}
