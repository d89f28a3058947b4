//! Every write from a view goes to the version the view was loaded from and merges: a stale
//! contact dialog, activity or note keeps a colleague's concurrent change to another field or
//! contact; notes text edited on two devices keeps both edits, character by character; and the
//! form's banner learns which fields others changed, by whom, with their display names. Real
//! SQLite files, synced through the in-memory server.

use clientele_model::commands::ReferenceItem;
use clientele_model::{
    ActivityDraft, ActivityStatus, ContactDraft, ContactType, CustomerDraft, CustomerKind,
};
use clientele_replica::Replica;
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

fn contact(name: &str, phone: &str) -> ContactDraft {
    ContactDraft {
        contact_type: ContactType::Contact,
        name: name.into(),
        phone: phone.into(),
        ..ContactDraft::default()
    }
}

struct Team {
    _dir: tempfile::TempDir,
    server: MemoryServer,
    lan: Replica,
    minh: Replica,
    id: String,
    /// The contacts "Chị Đào" and "Anh Hùng", the activity "Gọi lại".
    dao: String,
    hung: String,
    call: String,
}

impl Team {
    fn sync_all(&mut self) {
        for _ in 0..2 {
            self.lan.sync_once(&self.server).unwrap();
            self.minh.sync_once(&self.server).unwrap();
        }
    }
}

/// Lan and Minh both hold "Đông Á" with two contacts, an activity and notes; both know the
/// team's display names.
fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut lan, minh) = (replica(&dir, "lan"), replica(&dir, "minh"));
    for (id, name) in [("lan", "Nguyễn Thị Lan"), ("minh", "Lê Văn Minh")] {
        let entry = ReferenceItem {
            id: id.into(),
            name: name.into(),
            color: 0,
            position: 1,
            archived: false,
        };
        lan.put_reference("salespeople", &entry).unwrap();
    }
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: "Đông Á".into(),
        phone: "0903 111 222".into(),
        notes: "giao sáng".into(),
        ..CustomerDraft::default()
    };
    let id = lan.create_customer(&draft).unwrap().id;
    let dao = lan
        .add_contact(&id, &contact("Chị Đào", "0905 000 001"))
        .unwrap();
    let hung = lan
        .add_contact(&id, &contact("Anh Hùng", "0905 000 002"))
        .unwrap();
    let activity = ActivityDraft {
        activity_type: "call".into(),
        summary: "Gọi lại".into(),
        due_date: "2030-06-02".into(),
        ..ActivityDraft::default()
    };
    let call = lan.schedule_activity(&id, &activity).unwrap();
    let mut team = Team {
        _dir: dir,
        server,
        lan,
        minh,
        id,
        dao,
        hung,
        call,
    };
    team.sync_all();
    team
}

fn contact_of(replica: &Replica, id: &str, contact_id: &str) -> ContactDraft {
    replica
        .customer(id)
        .unwrap()
        .contacts
        .into_iter()
        .find(|c| c.id == contact_id)
        .unwrap()
        .contact
}

#[test]
fn a_stale_contact_dialog_keeps_a_colleagues_change_to_another_field_and_contact() {
    let mut t = team();
    let id = t.id.clone();
    let seen = t.lan.customer_record(&id).unwrap();
    // Minh changes Đào's phone and Hùng's name.
    let mut dao = contact_of(&t.minh, &id, &t.dao);
    dao.phone = "0905 999 999".into();
    t.minh.update_contact(&id, &t.dao, &dao).unwrap();
    let mut hung = contact_of(&t.minh, &id, &t.hung);
    hung.name = "Anh Hùng (kho)".into();
    t.minh.update_contact(&id, &t.hung, &hung).unwrap();
    t.sync_all();
    // Lan's dialog was opened on the old Đào: she fixes the email.
    let mut dialog = seen
        .contacts
        .iter()
        .find(|c| c.id == t.dao)
        .unwrap()
        .contact
        .clone();
    dialog.email = "dao@donga.vn".into();
    t.lan
        .update_contact_at(&id, &t.dao, &dialog, &seen.heads)
        .unwrap();
    t.sync_all();
    for replica in [&t.lan, &t.minh] {
        let dao = contact_of(replica, &id, &t.dao);
        assert_eq!(dao.email, "dao@donga.vn", "Lan's email");
        assert!(dao.phone.contains("905 999 999"), "Minh's phone: {dao:?}");
        assert_eq!(contact_of(replica, &id, &t.hung).name, "Anh Hùng (kho)");
    }
}

#[test]
fn adding_and_removing_contacts_on_a_stale_view_keep_a_colleagues_contact_edit() {
    let mut t = team();
    let id = t.id.clone();
    let seen = t.lan.customer_record(&id).unwrap();
    let mut hung = contact_of(&t.minh, &id, &t.hung);
    hung.function = "Thủ kho".into();
    t.minh.update_contact(&id, &t.hung, &hung).unwrap();
    t.sync_all();
    let added = t
        .lan
        .add_contact_at(&id, &contact("Anh Tâm", "0905 000 003"), &seen.heads)
        .unwrap();
    t.lan.remove_contact_at(&id, &t.dao, &seen.heads).unwrap();
    t.sync_all();
    for replica in [&t.lan, &t.minh] {
        let contacts = replica.customer(&id).unwrap().contacts;
        let ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
        assert!(ids.contains(&added.as_str()) && !ids.contains(&t.dao.as_str()));
        assert_eq!(contact_of(replica, &id, &t.hung).function, "Thủ kho");
    }
}

#[test]
fn a_contact_the_view_never_saw_is_refused_rather_than_duplicated() {
    let mut t = team();
    let id = t.id.clone();
    let seen = t.lan.customer_record(&id).unwrap();
    let tam = t
        .minh
        .add_contact(&id, &contact("Anh Tâm", "0905 000 003"))
        .unwrap();
    t.sync_all();
    let error = t
        .lan
        .update_contact_at(&id, &tam, &contact("Anh Tâm", "0905 000 004"), &seen.heads)
        .unwrap_err();
    assert!(error.to_string().contains("after this view"), "{error}");
    assert_eq!(
        clientele_model::CommandError::from(error).code,
        clientele_model::ErrorCode::Conflict
    );
}

#[test]
fn marking_an_activity_done_on_a_stale_view_keeps_a_colleagues_phone() {
    let mut t = team();
    let id = t.id.clone();
    let seen = t.lan.customer_record(&id).unwrap();
    let mut draft = t.minh.customer(&id).unwrap().draft;
    draft.phone = "0903 999 000".into();
    t.minh.update_customer(&id, &draft).unwrap();
    let scheduled = ActivityDraft {
        activity_type: "meeting".into(),
        summary: "Gặp kho".into(),
        due_date: "2030-07-01".into(),
        ..ActivityDraft::default()
    };
    let meeting = t.minh.schedule_activity(&id, &scheduled).unwrap();
    t.sync_all();
    t.lan
        .set_activity_status_at(&id, &t.call, ActivityStatus::Done, &seen.heads)
        .unwrap();
    let later = ActivityDraft {
        summary: "Gửi báo giá".into(),
        ..scheduled.clone()
    };
    t.lan
        .schedule_activity_at(&id, &later, &seen.heads)
        .unwrap();
    t.sync_all();
    for replica in [&t.lan, &t.minh] {
        let customer = replica.customer(&id).unwrap();
        assert_eq!(customer.draft.phone, "+84 903 999 000", "Minh's phone");
        let status = |aid: &str| {
            customer
                .activities
                .iter()
                .find(|a| a.id == aid)
                .map(|a| a.activity.status)
        };
        assert_eq!(status(&t.call), Some(ActivityStatus::Done));
        assert_eq!(status(&meeting), Some(ActivityStatus::Open));
        assert_eq!(customer.activities.len(), 3);
    }
}

#[test]
fn notes_text_edited_on_two_devices_keeps_both_edits() {
    let mut t = team();
    let id = t.id.clone();
    let lan_form = t.lan.customer_record(&id).unwrap();
    let minh_form = t.minh.customer_record(&id).unwrap();
    let mut mine = lan_form.draft.clone();
    mine.notes = "Kho: giao sáng".into();
    t.lan
        .update_customer_at(&id, &mine, &lan_form.heads)
        .unwrap();
    let mut theirs = minh_form.draft.clone();
    theirs.notes = "giao sáng, gọi trước".into();
    t.minh
        .update_customer_at(&id, &theirs, &minh_form.heads)
        .unwrap();
    t.sync_all();
    for replica in [&t.lan, &t.minh] {
        assert_eq!(
            replica.customer(&id).unwrap().draft.notes,
            "Kho: giao sáng, gọi trước"
        );
    }
    // A note posted from a stale notes tab keeps what arrived meanwhile.
    let stale = t.lan.customer_record(&id).unwrap();
    let mut draft = t.minh.customer(&id).unwrap().draft;
    draft.email = "kho@donga.vn".into();
    t.minh.update_customer(&id, &draft).unwrap();
    t.sync_all();
    let note = t
        .lan
        .post_note_at(&id, "@minh xem giúp", &stale.heads)
        .unwrap();
    t.sync_all();
    let record = t.minh.customer_record(&id).unwrap();
    assert_eq!(record.draft.email, "kho@donga.vn");
    assert!(record.notes_log.iter().any(|n| n.id == note.id));
}

#[test]
fn the_banner_learns_which_fields_others_changed_and_by_whom() {
    let mut t = team();
    let id = t.id.clone();
    let form = t.lan.customer_record(&id).unwrap();
    assert!(t.lan.changed_since(&id, &form.heads).unwrap().is_empty());
    let mut draft = t.minh.customer(&id).unwrap().draft;
    draft.phone = "0903 999 000".into();
    draft.website = "https://donga.vn".into();
    t.minh.update_customer(&id, &draft).unwrap();
    let mut dao = contact_of(&t.minh, &id, &t.dao);
    dao.phone = "0905 999 999".into();
    t.minh.update_contact(&id, &t.dao, &dao).unwrap();
    t.sync_all();
    // Lan's own later edit elsewhere on her device is not "while you were editing".
    let mut own = t.lan.customer(&id).unwrap().draft;
    own.address.city = "Huế".into();
    t.lan.update_customer(&id, &own).unwrap();

    let changed = t.lan.changed_since(&id, &form.heads).unwrap();
    let fields: Vec<&str> = changed.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["phone", "website", "contacts"], "{changed:?}");
    assert!(changed.iter().all(|c| c.authors == ["minh"]));
    assert!(
        changed.iter().all(|c| c.names == ["Lê Văn Minh"]),
        "{changed:?}"
    );
    let unknown = "ab".repeat(32);
    assert!(t
        .lan
        .changed_since(&id, std::slice::from_ref(&unknown))
        .is_err());
}
