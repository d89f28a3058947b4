//! The one-pass reader against a reader by one lookup per field (how documents were read
//! before): both must see the same customer, also after concurrent edits and with odd values.

use super::super::{load, new_document, put_activity, put_contact, write_customer};
use super::*;
use automerge::{transaction::Transactable, ObjId, ObjType, Value};
use clientele_model::CustomerKind;

/// A customer read field by field with `get`, the reference the one-pass reader must match.
fn read_by_lookups(doc: &AutoCommit) -> CustomerDocument {
    fn text(doc: &AutoCommit, obj: &ObjId, key: &str) -> String {
        match doc.get(obj, key).unwrap() {
            Some((Value::Scalar(s), _)) => match s.as_ref() {
                ScalarValue::Str(s) => s.to_string(),
                _ => String::new(),
            },
            Some((Value::Object(ObjType::Text), id)) => doc.text(&id).unwrap(),
            _ => String::new(),
        }
    }
    fn flag(doc: &AutoCommit, obj: &ObjId, key: &str) -> bool {
        matches!(doc.get(obj, key).unwrap(), Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true)))
    }
    fn map(doc: &AutoCommit, obj: &ObjId, key: &str) -> Option<ObjId> {
        match doc.get(obj, key).unwrap() {
            Some((Value::Object(ObjType::Map), id)) => Some(id),
            _ => None,
        }
    }
    fn entries(doc: &AutoCommit, key: &str) -> Vec<(String, ObjId)> {
        let Some(list) = map(doc, &ROOT, key) else {
            return Vec::new();
        };
        doc.keys(&list)
            .filter_map(|k| map(doc, &list, &k).map(|entry| (k, entry)))
            .collect()
    }
    let mut draft = CustomerDraft::default();
    for spec in &FIELDS {
        match spec.shape {
            Shape::Text | Shape::LongText | Shape::Reference => {
                let value = text(doc, &ROOT, spec.key);
                match spec.shape {
                    Shape::Text => spec.set(&mut draft, FieldValue::Text(&value)),
                    Shape::LongText => spec.set(&mut draft, FieldValue::LongText(&value)),
                    _ => spec.set(&mut draft, FieldValue::Reference(Some(&value))),
                }
            }
            Shape::Flag => spec.set(&mut draft, FieldValue::Flag(flag(doc, &ROOT, spec.key))),
            Shape::IdSet => {
                let mut ids: Vec<String> = map(doc, &ROOT, spec.key)
                    .map(|set| doc.keys(&set).collect())
                    .unwrap_or_default();
                ids.sort();
                spec.set(&mut draft, FieldValue::IdSet(&ids));
            }
        }
    }
    let address = |obj: &ObjId| Address {
        street: text(doc, obj, "street"),
        street2: text(doc, obj, "street2"),
        city: text(doc, obj, "city"),
        state: text(doc, obj, "state"),
        zip: text(doc, obj, "zip"),
        country: text(doc, obj, "country"),
    };
    let contacts = entries(doc, "contacts")
        .into_iter()
        .map(|(id, obj)| {
            let contact = ContactDraft {
                contact_type: ContactType::parse(&text(doc, &obj, "contact_type"))
                    .unwrap_or_default(),
                name: text(doc, &obj, "name"),
                function: text(doc, &obj, "function"),
                email: text(doc, &obj, "email"),
                phone: text(doc, &obj, "phone"),
                mobile: text(doc, &obj, "mobile"),
                address: address(&obj),
                notes: text(doc, &obj, "notes"),
            };
            ContactEntry { id, contact }
        })
        .collect();
    let activities = entries(doc, "activities")
        .into_iter()
        .map(|(id, obj)| {
            let activity = ActivityDraft {
                activity_type: text(doc, &obj, "activity_type"),
                summary: text(doc, &obj, "summary"),
                due_date: text(doc, &obj, "due_date"),
                assigned_user_id: Some(text(doc, &obj, "assigned_user_id"))
                    .filter(|s| !s.is_empty()),
                note: text(doc, &obj, "note"),
                status: ActivityStatus::parse(&text(doc, &obj, "status")).unwrap_or_default(),
            };
            ActivityEntry { id, activity }
        })
        .collect();
    CustomerDocument {
        draft,
        archived: flag(doc, &ROOT, keys::CUSTOMER_ARCHIVED),
        updated_at: text(doc, &ROOT, "updated_at"),
        updated_by: text(doc, &ROOT, "updated_by"),
        contacts,
        activities,
        // The example documents carry no notes; mentions have their own tests.
        mentioning_notes: Vec::new(),
        conflicts: conflicts_by_lookups(doc),
    }
}

/// Fields holding more than one distinct value, looked up key by key (what the one-pass reader
/// derives from the hydrated conflict flags); the time of an edit is not a field.
fn conflicts_by_lookups(doc: &AutoCommit) -> u32 {
    let distinct = |obj: &ObjId, key: &str| {
        let mut values: Vec<String> = doc
            .get_all(obj, key)
            .unwrap()
            .into_iter()
            .filter_map(|(value, _)| match value {
                Value::Scalar(s) => Some(s.to_string()),
                _ => None,
            })
            .collect();
        values.sort();
        values.dedup();
        values.len()
    };
    let mut objects = vec![ROOT];
    for list in ["contacts", "activities"] {
        if let Some((Value::Object(ObjType::Map), map)) = doc.get(ROOT, list).unwrap() {
            for key in doc.keys(&map).collect::<Vec<_>>() {
                if let Some((Value::Object(ObjType::Map), entry)) =
                    doc.get(&map, key.as_str()).unwrap()
                {
                    objects.push(entry);
                }
            }
        }
    }
    objects
        .iter()
        .map(|obj| {
            doc.keys(obj)
                .filter(|key| !["updated_at", "updated_by", "class", "id"].contains(&key.as_str()))
                .filter(|key| distinct(obj, key) > 1)
                .count() as u32
        })
        .sum()
}

/// Every field set (the example all crates share), as a company.
fn company() -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        ..CustomerDraft::example_full()
    }
}

fn contact(name: &str, contact_type: ContactType) -> ContactDraft {
    ContactDraft {
        contact_type,
        name: name.into(),
        email: format!("{}@donga.vn", name.to_lowercase()),
        address: Address {
            city: "Đà Nẵng".into(),
            ..Address::default()
        },
        ..ContactDraft::default()
    }
}

fn call(summary: &str, status: ActivityStatus) -> ActivityDraft {
    ActivityDraft {
        activity_type: "call".into(),
        summary: summary.into(),
        due_date: "2026-12-01".into(),
        assigned_user_id: Some("minh".into()),
        note: "Mang báo giá".into(),
        status,
    }
}

fn filed_company() -> AutoCommit {
    let mut doc = new_document(CUSTOMER_CLASS, "c1", &automerge::ActorId::random()).unwrap();
    write_customer(&mut doc, "c1", &company(), "2026-11-27T08:00:00Z").unwrap();
    put_contact(
        &mut doc,
        "c1",
        "k2",
        &contact("Minh", ContactType::Invoice),
        "t",
    )
    .unwrap();
    put_contact(
        &mut doc,
        "c1",
        "k1",
        &contact("Lan", ContactType::Delivery),
        "t",
    )
    .unwrap();
    put_activity(
        &mut doc,
        "c1",
        "a1",
        &call("Gọi lại", ActivityStatus::Open),
        "t",
    )
    .unwrap();
    put_activity(
        &mut doc,
        "c1",
        "a0",
        &call("Chào hàng", ActivityStatus::Done),
        "t",
    )
    .unwrap();
    doc
}

#[test]
fn every_field_contact_and_activity_reads_back_as_written_in_key_order() {
    let doc = load("c1", &filed_company().save()).unwrap();
    let read = read_customer("c1", &doc).unwrap();
    assert_eq!(read.draft, company());
    let contact_ids: Vec<&str> = read.contacts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(contact_ids, ["k1", "k2"]);
    assert_eq!(
        read.contacts[1].contact,
        contact("Minh", ContactType::Invoice)
    );
    assert_eq!(
        read.activities[0].activity,
        call("Chào hàng", ActivityStatus::Done)
    );
    assert_eq!(read, read_by_lookups(&doc));
}

#[test]
fn after_concurrent_edits_both_devices_read_what_the_lookups_read() {
    let mut lan = filed_company();
    let mut minh = lan.fork().with_actor(automerge::ActorId::random());
    let mut lan_edit = company();
    lan_edit.phone = "+84 234 0000 001".into();
    lan_edit.notes = "Gọi trước 9 giờ".into();
    lan_edit.tag_ids = vec!["vip".into()];
    write_customer(&mut lan, "c1", &lan_edit, "2026-11-28T08:00:00Z").unwrap();
    let mut minh_edit = company();
    minh_edit.phone = "+84 234 0000 002".into();
    minh_edit.email = "ban@donga.vn".into();
    minh_edit.notes = "Gọi trước 10 giờ sáng".into();
    minh_edit.tag_ids = vec!["vip".into(), "wholesale".into(), "new".into()];
    write_customer(&mut minh, "c1", &minh_edit, "2026-11-28T08:00:01Z").unwrap();
    put_contact(
        &mut minh,
        "c1",
        "k3",
        &contact("Hoa", ContactType::Other),
        "t",
    )
    .unwrap();
    lan.merge(&mut minh.clone()).unwrap();
    minh.merge(&mut lan.clone()).unwrap();
    let (on_lan, on_minh) = (
        read_customer("c1", &lan).unwrap(),
        read_customer("c1", &minh).unwrap(),
    );
    assert_eq!(on_lan, on_minh);
    assert_eq!(on_lan, read_by_lookups(&lan));
    assert_eq!(on_lan.draft.email, "ban@donga.vn");
    assert!(on_lan.conflicts > 0, "both changed the same fields");
    assert_eq!(on_lan.draft.tag_ids, ["new", "vip"]);
    assert_eq!(on_lan.contacts.len(), 3);
}

#[test]
fn values_of_an_unexpected_type_read_as_empty_like_the_lookups() {
    let mut doc = filed_company();
    doc.put(ROOT, "name", 42_i64).unwrap();
    doc.put(ROOT, "tags", "vip").unwrap();
    doc.put(ROOT, keys::CUSTOMER_ARCHIVED, "yes").unwrap();
    let contacts = doc.get(ROOT, "contacts").unwrap().unwrap().1;
    doc.put(&contacts, "k9", "not a contact").unwrap();
    let read = read_customer("c1", &doc).unwrap();
    assert_eq!(read.draft.name, "");
    assert!(read.draft.tag_ids.is_empty());
    assert!(!read.archived);
    assert_eq!(read.contacts.len(), 2);
    assert_eq!(read, read_by_lookups(&doc));
}

#[test]
fn another_class_is_refused_naming_the_document() {
    let doc = new_document("settings", "s1", &automerge::ActorId::random()).unwrap();
    let error = read_customer("s1", &doc).unwrap_err();
    assert!(error.to_string().contains("s1"), "{error}");
}
