//! Tests of the document mapping.
use super::*;
use clientele_model::CustomerKind;

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

/// A customer document as the replica wrote it before the field table, key by key: documents
/// on every device look like this and must read the same.
#[test]
fn a_document_in_the_stored_format_reads_field_by_field() {
    let mut doc = new_document(CUSTOMER_CLASS, "c1", &automerge::ActorId::random()).unwrap();
    let text = [
        ("kind", "individual"),
        ("name", "Nguyễn Thị Đào"),
        ("company_id", "c-donga"),
        ("function", "Kế toán"),
        ("street", "12 Lê Lợi"),
        ("street2", "Tầng 3"),
        ("city", "Huế"),
        ("state", "Thừa Thiên Huế"),
        ("zip", "530000"),
        ("country", "VN"),
        ("tax_id", "0100109106"),
        ("email", "dao@donga.vn"),
        ("phone", "+84 28 3823 4567"),
        ("mobile", "+84 903 123 456"),
        ("website", "https://donga.vn/"),
        ("language", "vi_VN"),
        ("salesperson_id", "lan"),
        ("payment_terms_id", "30_days"),
        ("pricelist_id", ""),
        ("purchase_payment_terms_id", "immediate"),
        ("updated_at", "2026-11-27T00:00:00Z"),
    ];
    for (key, value) in text {
        doc.put(ROOT, key, value).unwrap();
    }
    doc.put(ROOT, "receipt_reminder", true).unwrap();
    doc.put(ROOT, "archived", true).unwrap();
    doc.put_object(ROOT, "contacts", ObjType::Map).unwrap();
    doc.put_object(ROOT, "activities", ObjType::Map).unwrap();
    let tags = doc.put_object(ROOT, "tags", ObjType::Map).unwrap();
    doc.put(&tags, "wholesale", true).unwrap();
    doc.put(&tags, "vip", true).unwrap();
    let notes = doc.put_object(ROOT, "notes", ObjType::Text).unwrap();
    doc.splice_text(&notes, 0, 0, "Gọi trước khi giao hàng.\nKhách quen.")
        .unwrap();
    let back = read_customer("c1", &load("c1", &doc.save()).unwrap()).unwrap();
    // The shared full example, but for the pricelist stored empty: no reference.
    let expected = CustomerDraft {
        pricelist_id: None,
        ..CustomerDraft::example_full()
    };
    assert_eq!(back.draft, expected);
    assert!(back.archived);
    assert_eq!(back.updated_at, "2026-11-27T00:00:00Z");
    // And writing the same draft back changes nothing.
    let mut doc = load("c1", &doc.save()).unwrap();
    let heads = doc.get_heads();
    write_customer(&mut doc, "c1", &expected, "2026-11-27T00:00:00Z").unwrap();
    assert_eq!(doc.get_heads(), heads);
}

#[test]
fn the_salesperson_key_is_the_one_the_server_reads() {
    let spec = clientele_model::CustomerField::Salesperson.spec().unwrap();
    assert_eq!(spec.key, keys::CUSTOMER_SALESPERSON);
}

#[test]
fn a_new_customer_document_is_written_as_the_field_by_field_path_would() {
    let draft = CustomerDraft {
        kind: CustomerKind::Company,
        name: "Công ty TNHH Đông Á".into(),
        company_id: Some(String::new()),
        tax_id: "0100109106".into(),
        email: "lienhe@donga.vn".into(),
        address: clientele_model::Address {
            street: "12 Lê Lợi".into(),
            city: "Hồ Chí Minh".into(),
            country: "VN".into(),
            ..Default::default()
        },
        salesperson_id: Some("rep1".into()),
        receipt_reminder: true,
        notes: "Khách quen, gọi buổi sáng".into(),
        tag_ids: vec!["retail".into(), "vip".into()],
        ..CustomerDraft::default()
    };
    let actor = automerge::ActorId::random();
    let written = |path: fn(&mut AutoCommit, &CustomerDraft, &str) -> AmResult<()>| {
        let mut doc = new_document(CUSTOMER_CLASS, "c1", &actor).unwrap();
        path(&mut doc, &draft, "2026-11-27T00:00:00Z").unwrap();
        doc.commit_with(automerge::transaction::CommitOptions::default().with_time(1));
        doc.save()
    };
    // The same operations in the same order: the same bytes.
    assert_eq!(written(write_new_customer), written(update_customer_fields));
    let mut doc = new_document(CUSTOMER_CLASS, "c1", &actor).unwrap();
    assert!(is_new(&doc));
    write_customer(&mut doc, "c1", &draft, "t").unwrap();
    assert!(!is_new(&doc));
    let back = read_customer("c1", &doc).unwrap();
    assert_eq!(back.draft.notes, draft.notes);
    assert_eq!(back.draft.tag_ids, draft.tag_ids);
    assert!(back.draft.receipt_reminder);
}
