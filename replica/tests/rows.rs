//! Creating and changing a customer answer its row exactly as a page of the Customers screen
//! holds it, so the window can show the replica's row instead of building one.

use clientele_model::commands::ReferenceItem;
use clientele_model::query::{CustomerQuery, CustomerRow};
use clientele_model::{ActivityDraft, CustomerDraft, CustomerKind};
use clientele_replica::Replica;

/// The row of `id` on the first page sorted by name (the screen's default).
fn row_on_page(replica: &Replica, id: &str) -> CustomerRow {
    replica
        .customer_page(&CustomerQuery {
            limit: 100,
            ..CustomerQuery::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .find(|row| row.id == id)
        .expect("the customer is on the page")
}

#[test]
fn create_and_update_answer_the_row_the_page_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    replica.set_author("lan");
    replica
        .put_reference(
            "salespeople",
            &ReferenceItem {
                id: "lan".into(),
                name: "Nguyễn Thị Lan".into(),
                color: 0,
                position: 1,
                archived: false,
            },
        )
        .unwrap();
    let company = replica
        .create_customer(&CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    assert_eq!(company, row_on_page(&replica, &company.id));

    let mut draft = CustomerDraft {
        kind: CustomerKind::Individual,
        name: "  nguyễn thị Đào ".into(),
        company_id: Some(company.id.clone()),
        phone: "0903 123 456".into(),
        tag_ids: vec!["vip".into()],
        salesperson_id: Some("lan".into()),
        ..CustomerDraft::default()
    };
    draft.address.city = "Huế".into();
    let created = replica.create_customer(&draft).unwrap();
    assert_eq!(created, row_on_page(&replica, &created.id));
    // What the replica stored, not what was typed: trimmed, formatted, names for ids.
    assert_eq!(created.name, "nguyễn thị Đào");
    assert_eq!(created.phone, "+84 903 123 456");
    assert_eq!(
        (created.company.as_str(), created.salesperson.as_str()),
        ("Công ty Đông Á", "Nguyễn Thị Lan")
    );
    assert_eq!(created.tags.len(), 1);

    // An activity and a favourite show in the row an update answers.
    replica
        .schedule_activity(
            &created.id,
            &ActivityDraft {
                activity_type: "call".into(),
                due_date: "2000-01-01".into(),
                ..ActivityDraft::default()
            },
        )
        .unwrap();
    replica.set_favourite("lan", &created.id, true).unwrap();
    draft.name = "Nguyễn Thị Đào".into();
    let updated = replica.update_customer(&created.id, &draft).unwrap();
    assert_eq!(updated, row_on_page(&replica, &created.id));
    assert_eq!(updated.name, "Nguyễn Thị Đào");
    assert!(updated.favourite);
    assert_eq!(updated.open_activities, 1);
    assert_eq!(
        updated.activity_state,
        clientele_model::ActivityState::Overdue
    );
}

#[test]
fn the_row_of_an_unknown_customer_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::open(dir.path()).unwrap();
    let error = replica.customer_row("nobody").unwrap_err();
    assert!(error.to_string().contains("nobody"), "{error}");
}
