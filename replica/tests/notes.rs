//! The notes log and the customer form's record on a real SQLite file: posting notes with their
//! author, time and mentions, a mention reaching only the person named (on other devices too,
//! after a sync), concurrent first notes both kept, and private addresses only when allowed.

use clientele_model::{Address, ContactDraft, ContactType, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, Session};
use clientele_test_support::memory_server::MemoryServer;

fn replica(dir: &tempfile::TempDir, name: &str) -> Replica {
    let mut replica = Replica::open(&dir.path().join(name)).unwrap();
    replica.set_author(name);
    replica
}

fn company(replica: &mut Replica, name: &str) -> String {
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        ..CustomerDraft::default()
    };
    replica.create_customer(&draft).unwrap().id
}

#[test]
fn a_note_keeps_author_time_text_and_mentions_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut rep = replica(&dir, "minh");
        let id = company(&mut rep, "Công ty Đông Á");
        let first = rep
            .post_note(
                &id,
                "  Khách hỏi giá sỉ, @lan gọi lại giúp. Email: dao@donga.vn ",
            )
            .unwrap();
        assert_eq!(first.author, "minh");
        assert_eq!(
            first.text,
            "Khách hỏi giá sỉ, @lan gọi lại giúp. Email: dao@donga.vn"
        );
        assert_eq!(first.mentions, vec!["lan".to_owned()]);
        assert!(
            first.time.ends_with('Z') && first.time.len() >= 20,
            "{}",
            first.time
        );
        rep.post_note(&id, "Đã gửi báo giá.").unwrap();
        id
    };
    let rep = replica(&dir, "minh");
    let notes = rep.notes(&id).unwrap();
    let texts: Vec<_> = notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "Khách hỏi giá sỉ, @lan gọi lại giúp. Email: dao@donga.vn",
            "Đã gửi báo giá."
        ]
    );
    assert!(notes[1].mentions.is_empty());
    let record = rep.customer_record(&id).unwrap();
    assert_eq!(record.notes_log, notes);
    assert_eq!(record.draft.name, "Công ty Đông Á");
}

#[test]
fn a_mention_reaches_the_person_named_and_nobody_else() {
    let dir = tempfile::tempdir().unwrap();
    let mut rep = replica(&dir, "minh");
    let dong_a = company(&mut rep, "Công ty Đông Á");
    let hoa_sen = company(&mut rep, "Hoa Sen");
    rep.post_note(&dong_a, "@lan xem hợp đồng").unwrap();
    rep.post_note(&hoa_sen, "Nhắc @Lan và @tuan.nguyen")
        .unwrap();
    rep.post_note(&hoa_sen, "Không nhắc ai").unwrap();
    let for_lan = rep.mentions_for("lan").unwrap();
    assert_eq!(for_lan.len(), 2);
    assert_eq!(for_lan[0].customer_name, "Hoa Sen", "newest first");
    assert_eq!(for_lan[0].note.text, "Nhắc @Lan và @tuan.nguyen");
    assert_eq!(for_lan[1].customer_id, dong_a);
    assert_eq!(rep.mentions_for("LAN").unwrap(), for_lan);
    let for_tuan = rep.mentions_for("tuan.nguyen").unwrap();
    assert_eq!(for_tuan.len(), 1);
    assert_eq!(for_tuan[0].customer_id, hoa_sen);
    assert!(rep.mentions_for("minh").unwrap().is_empty());
    assert!(rep.mentions_for("hoa").unwrap().is_empty());
    // The mention mark lives beside the favourites and does not disturb them.
    rep.set_favourite("lan", &dong_a, true).unwrap();
    assert_eq!(rep.mentions_for("lan").unwrap().len(), 2);
    assert!(rep.is_favourite("lan", &dong_a).unwrap());
    assert!(!rep.is_favourite("minh", &dong_a).unwrap());
}

#[test]
fn empty_notes_and_unknown_customers_are_refused_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let mut rep = replica(&dir, "minh");
    let id = company(&mut rep, "Đông Á");
    let error = rep.post_note(&id, "   ").unwrap_err();
    let error = clientele_model::CommandError::from(error);
    assert_eq!(error.problem_for("notes"), Some("required"));
    let long = "x".repeat(clientele_replica::MAX_NOTE_CHARS + 1);
    assert!(matches!(
        rep.post_note(&id, &long),
        Err(ReplicaError::Invalid(_))
    ));
    assert!(matches!(
        rep.post_note("no-such-customer", "@lan hi"),
        Err(ReplicaError::NotFound { .. })
    ));
    assert!(rep.notes(&id).unwrap().is_empty());
    assert!(rep.mentions_for("lan").unwrap().is_empty());
    assert!(
        rep.check().unwrap().problems.is_empty(),
        "projection agrees"
    );
}

#[test]
fn notes_and_mentions_sync_and_concurrent_first_notes_are_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let server = MemoryServer::default();
    let (mut a, mut b) = (replica(&dir, "minh"), replica(&dir, "tuan"));
    let id = company(&mut a, "Công ty Đông Á");
    a.sync_once(&server).unwrap();
    b.sync_once(&server).unwrap();
    // Both devices offline: each posts the customer's first note.
    a.post_note(&id, "Từ máy của Minh, @lan").unwrap();
    b.post_note(&id, "Từ máy của Tuấn, @lan").unwrap();
    for _ in 0..2 {
        a.sync_once(&server).unwrap();
        b.sync_once(&server).unwrap();
    }
    for rep in [&a, &b] {
        let mut texts: Vec<_> = rep
            .notes(&id)
            .unwrap()
            .into_iter()
            .map(|n| n.text)
            .collect();
        texts.sort();
        assert_eq!(
            texts,
            vec!["Từ máy của Minh, @lan", "Từ máy của Tuấn, @lan"]
        );
        let mut authors: Vec<_> = rep
            .mentions_for("lan")
            .unwrap()
            .into_iter()
            .map(|m| m.note.author)
            .collect();
        authors.sort();
        assert_eq!(authors, vec!["minh", "tuan"]);
    }
}

#[test]
fn the_record_shows_private_addresses_only_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let mut rep = replica(&dir, "minh");
    let id = company(&mut rep, "Đông Á");
    let invoice = ContactDraft {
        contact_type: ContactType::Invoice,
        name: "Kế toán".into(),
        ..ContactDraft::default()
    };
    let invoice_id = rep.add_contact(&id, &invoice).unwrap();
    let private = ContactDraft {
        contact_type: ContactType::Private,
        name: "Nhà riêng giám đốc".into(),
        address: Address {
            city: "Huế".into(),
            ..Address::default()
        },
        ..ContactDraft::default()
    };
    let private_id = rep.add_contact(&id, &private).unwrap();
    rep.set_favourite("minh", &id, true).unwrap();

    let allowed = rep.customer_record(&id).unwrap();
    let ids: Vec<_> = allowed.contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec![invoice_id.as_str(), private_id.as_str()]);
    assert_eq!(allowed.contacts[1].contact, private);
    assert!(allowed.favourite);

    rep.set_session(Session::new("lan", false));
    let refused = rep.customer_record(&id).unwrap();
    assert_eq!(refused.contacts.len(), 1);
    assert_eq!(
        refused.contacts[0].contact.contact_type,
        ContactType::Invoice
    );
    assert!(!refused.favourite, "favourites are per user");
    rep.set_session(Session::new("minh", true));

    rep.remove_contact(&id, &private_id).unwrap();
    assert!(rep.private_addresses(&id).unwrap().is_empty());
    assert!(matches!(
        rep.customer_record("nope"),
        Err(ReplicaError::NotFound { .. })
    ));
}

#[test]
fn posting_a_note_tells_the_sync_loop_there_is_something_to_send() {
    let dir = tempfile::tempdir().unwrap();
    let mut rep = replica(&dir, "minh");
    let id = company(&mut rep, "Công ty Sao Mai");
    let notices = rep.subscribe();
    rep.post_note(&id, "@lan gọi lại").unwrap();
    let notice = notices.try_recv().expect("a notice of the note");
    assert!(notice.is_local());
    assert_eq!(notice.documents, [id]);
}
