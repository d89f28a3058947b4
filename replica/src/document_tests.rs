//! Tests of the document mapping.
use super::*;

#[test]
fn a_customer_survives_the_round_trip_through_its_document() {
    let draft = CustomerDraft {
        kind: CustomerKind::Individual,
        name: "Nguyễn Thị Đào".into(),
        email: "dao@donga.vn".into(),
        notes: "Khách quen".into(),
        tag_ids: vec!["a".into(), "b".into()],
        ..CustomerDraft::default()
    };
    let mut doc = new_document(CUSTOMER_CLASS, "c1", &automerge::ActorId::random()).unwrap();
    write_customer(&mut doc, "c1", &draft, "2026-11-27T00:00:00Z").unwrap();
    let back = read_customer("c1", &load("c1", &doc.save()).unwrap()).unwrap();
    assert_eq!(back.draft, draft);
    assert_eq!(back.updated_at, "2026-11-27T00:00:00Z");
}

#[test]
fn an_unchanged_write_adds_no_operation_to_the_fields() {
    let draft = CustomerDraft {
        name: "Đông Á".into(),
        ..CustomerDraft::default()
    };
    let mut doc = new_document(CUSTOMER_CLASS, "c1", &automerge::ActorId::random()).unwrap();
    write_customer(&mut doc, "c1", &draft, "t").unwrap();
    let heads = doc.get_heads();
    write_customer(&mut doc, "c1", &draft, "t").unwrap();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn garbage_bytes_are_reported_as_a_damaged_document() {
    let error = load("c9", b"not automerge").unwrap_err();
    assert!(error.to_string().contains("c9"), "{error}");
}
