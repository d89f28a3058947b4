//! Merging customers on a real replica file: the chosen values land on the survivor, contacts
//! and activities move, the merged-away customer is archived with a redirect, and Undo (new
//! changes) gives both back as they were, keeping an edit made on the survivor since.

use clientele_model::commands::FieldChoice;
use clientele_model::{ActivityDraft, ContactDraft, CustomerDraft, CustomerField, CustomerKind};
use clientele_replica::Replica;

fn company(name: &str, phone: &str) -> CustomerDraft {
    CustomerDraft {
        kind: CustomerKind::Company,
        name: name.into(),
        phone: phone.into(),
        ..CustomerDraft::default()
    }
}

#[test]
fn merge_moves_contacts_and_activities_and_undo_restores_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let keep = replica
        .create_customer(&CustomerDraft {
            email: "lienhe@donga.vn".into(),
            ..company("Công ty Đông Á", "028 3823 4567")
        })
        .unwrap()
        .id;
    let gone = replica
        .create_customer(&CustomerDraft {
            website: "donga.vn".into(),
            ..company("Dong A Co", "0903 123 456")
        })
        .unwrap()
        .id;
    let contact = replica
        .add_contact(
            &gone,
            &ContactDraft {
                name: "Nguyễn Thị Đào".into(),
                ..ContactDraft::default()
            },
        )
        .unwrap();
    let activity = replica
        .schedule_activity(
            &gone,
            &ActivityDraft {
                activity_type: "call".into(),
                summary: "Gọi lại".into(),
                due_date: "2030-01-02".into(),
                ..ActivityDraft::default()
            },
        )
        .unwrap();
    let person = replica
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Trần Văn Hùng".into(),
            company_id: Some(gone.clone()),
            ..CustomerDraft::default()
        })
        .unwrap()
        .id;
    let survivor_before = replica.customer(&keep).unwrap();

    let outcome = replica
        .merge_customers(
            &keep,
            std::slice::from_ref(&gone),
            &[FieldChoice {
                field: CustomerField::Phone,
                from: gone.clone(),
            }],
        )
        .unwrap();
    assert_eq!((outcome.contacts_moved, outcome.activities_moved), (1, 1));
    let merged = replica.customer(&keep).unwrap();
    assert_eq!(merged.draft.phone, "+84 903 123 456", "the chosen phone");
    assert_eq!(merged.draft.email, "lienhe@donga.vn", "its own email kept");
    assert_eq!(
        merged.draft.website, "https://donga.vn/",
        "an empty field filled"
    );
    assert!(merged.contacts.iter().any(|c| c.id == contact));
    assert!(merged.activities.iter().any(|a| a.id == activity));
    let away = replica.customer(&gone).unwrap();
    assert!(away.archived && away.contacts.is_empty() && away.activities.is_empty());
    assert_eq!(
        replica
            .customer(&person)
            .unwrap()
            .draft
            .company_id
            .as_deref(),
        Some(keep.as_str()),
        "the company's people move to the survivor"
    );
    assert_eq!(
        replica.customer_row(&person).unwrap().company,
        "Công ty Đông Á"
    );
    let history = replica.customer_merges(&gone).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].survivor, keep);
    assert_eq!(
        history[0].absorbed,
        vec![(gone.clone(), "Dong A Co".to_owned())]
    );
    assert!(history[0]
        .replaced
        .iter()
        .any(|(field, before, _)| field == "phone" && before == "+84 28 3823 4567"));
    assert_eq!(replica.customer_merges(&keep).unwrap(), history);
    assert!(
        replica
            .merge_customers(&keep, std::slice::from_ref(&gone), &[])
            .is_err(),
        "a merged-away customer cannot be merged again"
    );

    // Someone fixes the survivor's email after the merge: undo keeps that.
    let mut draft = merged.draft.clone();
    draft.email = "ketoan@donga.vn".into();
    replica.update_customer(&keep, &draft).unwrap();
    drop(replica);
    let mut replica = Replica::open(dir.path()).unwrap();
    replica.undo_merge(&keep, &history[0].merge_id).unwrap();
    let back = replica.customer(&keep).unwrap();
    assert_eq!(back.draft.phone, survivor_before.draft.phone);
    assert_eq!(back.draft.website, "", "the filled field is emptied again");
    assert_eq!(
        back.draft.email, "ketoan@donga.vn",
        "an edit made since stays"
    );
    assert!(back.contacts.is_empty() && back.activities.is_empty());
    let returned = replica.customer(&gone).unwrap();
    assert!(!returned.archived);
    assert_eq!(
        replica
            .customer(&person)
            .unwrap()
            .draft
            .company_id
            .as_deref(),
        Some(gone.as_str()),
        "and back"
    );
    assert_eq!(returned.contacts.len(), 1);
    assert_eq!(returned.activities.len(), 1);
    assert!(
        replica.customer_merges(&gone).unwrap().is_empty(),
        "no redirect left"
    );
    assert!(replica.customer_merges(&keep).unwrap()[0].undone);
    assert!(replica.undo_merge(&keep, &history[0].merge_id).is_err());
    let check = replica.check().unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}

#[test]
fn a_merge_needs_two_or_three_different_customers() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let ids: Vec<String> = (0..4)
        .map(|i| {
            replica
                .create_customer(&company(&format!("Khách {i}"), ""))
                .unwrap()
                .id
        })
        .collect();
    assert!(replica.merge_customers(&ids[0], &[], &[]).is_err());
    assert!(replica
        .merge_customers(&ids[0], std::slice::from_ref(&ids[0]), &[])
        .is_err());
    assert!(replica.merge_customers(&ids[0], &ids[1..], &[]).is_err());
    let stranger = FieldChoice {
        field: CustomerField::Name,
        from: ids[3].clone(),
    };
    assert!(replica
        .merge_customers(&ids[0], &ids[1..3], &[stranger])
        .is_err());
    replica.merge_customers(&ids[0], &ids[1..3], &[]).unwrap();
}

#[test]
fn a_private_address_moves_with_its_customer_and_back_on_undo() {
    use clientele_model::team::{Permissions, TeamRole};
    use clientele_model::ContactType;
    use clientele_replica::{ReplicaError, Session};
    // `private_addresses` reads the projection: a moved address is found under its new owner.
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica.set_session(Session {
        user: "lan".into(),
        permissions: Permissions::of(TeamRole::Manager, true),
    });
    let keep = replica
        .create_customer(&company("Công ty Đông Á", "028 3823 4567"))
        .unwrap()
        .id;
    let gone = replica
        .create_customer(&company("Dong A Co", "0903 123 456"))
        .unwrap()
        .id;
    let home = replica
        .add_contact(
            &gone,
            &ContactDraft {
                contact_type: ContactType::Private,
                name: "Nhà riêng giám đốc".into(),
                address: clientele_model::Address {
                    street: "12 Lý Thường Kiệt".into(),
                    city: "Hà Nội".into(),
                    ..Default::default()
                },
                ..ContactDraft::default()
            },
        )
        .unwrap();
    let private_of = |replica: &Replica, id: &str| -> Vec<String> {
        replica
            .private_addresses(id)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    assert_eq!(private_of(&replica, &gone), vec![home.clone()]);

    let outcome = replica
        .merge_customers(&keep, std::slice::from_ref(&gone), &[])
        .unwrap();
    assert_eq!(outcome.contacts_moved, 1, "the private address counts");
    assert_eq!(private_of(&replica, &keep), vec![home.clone()]);
    assert!(private_of(&replica, &gone).is_empty());

    // Someone who may not see private addresses cannot undo a merge that moved one: it would
    // stay behind at the survivor.
    replica.set_session(Session {
        user: "lan".into(),
        permissions: Permissions::of(TeamRole::Manager, false),
    });
    match replica.undo_merge(&keep, &outcome.merge_id) {
        Err(ReplicaError::Forbidden(message)) => {
            assert!(message.contains("private address"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    replica.set_session(Session {
        user: "lan".into(),
        permissions: Permissions::of(TeamRole::Manager, true),
    });
    assert_eq!(private_of(&replica, &keep), vec![home.clone()], "untouched");
    replica.undo_merge(&keep, &outcome.merge_id).unwrap();
    assert_eq!(private_of(&replica, &gone), vec![home.clone()]);
    assert!(private_of(&replica, &keep).is_empty());
    let check = replica.check().unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}
