//! The Settings screen's edits on a real SQLite file: managers rename, recolour, archive and
//! reorder reference-list entries and keep the local team list; a rep is refused every one of
//! them (but may still create a tag); a bad entry is refused naming its field; a renamed tag
//! is what customers are found by.

use clientele_model::commands::{ReferenceList, SettingsLists};
use clientele_model::query::CustomerQuery;
use clientele_model::team::{Permissions, TeamRole};
use clientele_model::{CommandError, CustomerDraft, CustomerKind};
use clientele_replica::{Replica, ReplicaError, Session, SettingsError};

fn manager(dir: &std::path::Path) -> Replica {
    let mut replica = Replica::open(dir).unwrap();
    replica.set_session(Session {
        user: "lan".into(),
        permissions: Permissions::of(TeamRole::Manager, true),
    });
    replica
}

fn rep_session() -> Session {
    Session {
        user: "minh".into(),
        permissions: Permissions::of(TeamRole::Rep, false),
    }
}

fn names(entries: &[clientele_model::commands::ReferenceItem]) -> Vec<&str> {
    entries.iter().map(|e| e.name.as_str()).collect()
}

fn found_by(replica: &Replica, text: &str) -> Vec<String> {
    let page = replica
        .customer_page(&CustomerQuery {
            search: text.into(),
            today: "2026-11-28".into(),
            limit: 50,
            ..CustomerQuery::default()
        })
        .unwrap();
    page.rows.into_iter().map(|r| r.name).collect()
}

#[test]
fn a_manager_renames_recolours_archives_and_reorders_and_it_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = manager(dir.path());
    let tags = replica.settings_entries(ReferenceList::Tags).unwrap();
    let retail = tags.iter().find(|t| t.name == "khách lẻ").unwrap().clone();
    let customer = replica
        .create_customer(&CustomerDraft {
            kind: CustomerKind::Company,
            name: "Công ty Đông Á".into(),
            tag_ids: vec![retail.id.clone()],
            ..CustomerDraft::default()
        })
        .unwrap();

    let renamed = replica
        .update_settings_entry(ReferenceList::Tags, &retail.id, "  khách quen ", 7)
        .unwrap();
    assert_eq!((renamed.name.as_str(), renamed.color), ("khách quen", 7));

    // Archived: out of the pickers, still the name on the customer's card.
    replica
        .set_settings_entry_archived(ReferenceList::Tags, &retail.id, true)
        .unwrap();
    let active = replica.active_entries(ReferenceList::Tags).unwrap();
    assert!(!active.iter().any(|t| t.id == retail.id), "{active:?}");
    let row = replica.customer_row(&customer.id).unwrap();
    assert_eq!(row.tags[0].name, "khách quen");
    assert_eq!(row.tags[0].color, 7);

    // Activity types: a new one goes last, then moves up one place.
    replica
        .add_settings_entry(ReferenceList::ActivityTypes, None, "Ghé thăm", 0)
        .unwrap();
    let order = replica
        .settings_entries(ReferenceList::ActivityTypes)
        .unwrap();
    assert_eq!(
        names(&order),
        ["Gọi điện", "Email", "Gặp mặt", "Việc cần làm", "Ghé thăm"]
    );
    let visit = order.last().unwrap().id.clone();
    let moved = replica
        .move_settings_entry(ReferenceList::ActivityTypes, &visit, true)
        .unwrap();
    assert_eq!(
        names(&moved),
        ["Gọi điện", "Email", "Gặp mặt", "Ghé thăm", "Việc cần làm"]
    );
    // The top entry goes no higher.
    let first = moved[0].id.clone();
    let same = replica
        .move_settings_entry(ReferenceList::ActivityTypes, &first, true)
        .unwrap();
    assert_eq!(names(&same), names(&moved));
    replica
        .add_settings_entry(ReferenceList::PaymentTerms, None, "60 ngày", 0)
        .unwrap();
    replica
        .add_settings_entry(ReferenceList::Pricelists, None, "Bảng giá đại lý", 0)
        .unwrap();
    drop(replica);

    let replica = Replica::open(dir.path()).unwrap();
    let lists: SettingsLists = replica.settings_lists().unwrap();
    let tag = lists.tags.iter().find(|t| t.id == retail.id).unwrap();
    assert_eq!(
        (tag.name.as_str(), tag.color, tag.archived),
        ("khách quen", 7, true)
    );
    assert_eq!(
        names(&lists.activity_types),
        ["Gọi điện", "Email", "Gặp mặt", "Ghé thăm", "Việc cần làm"]
    );
    assert_eq!(names(&lists.payment_terms).last(), Some(&"60 ngày"));
    assert_eq!(names(&lists.pricelists).last(), Some(&"Bảng giá đại lý"));
    // Restored: back in the pickers.
    let mut replica = manager(dir.path());
    replica
        .set_settings_entry_archived(ReferenceList::Tags, &retail.id, false)
        .unwrap();
    let active = replica.active_entries(ReferenceList::Tags).unwrap();
    assert!(active.iter().any(|t| t.id == retail.id));
}

#[test]
fn renaming_a_tag_re_indexes_the_customers_that_carry_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = manager(dir.path());
    let tag = replica.create_tag("khách quen", 2).unwrap();
    for (name, tags) in [
        ("Nguyễn Thị Đào", vec![tag.id.clone()]),
        ("Trần Văn An", vec![]),
    ] {
        replica
            .create_customer(&CustomerDraft {
                kind: CustomerKind::Individual,
                name: name.into(),
                tag_ids: tags,
                ..CustomerDraft::default()
            })
            .unwrap();
    }
    assert_eq!(found_by(&replica, "khach quen"), ["Nguyễn Thị Đào"]);
    replica
        .update_settings_entry(ReferenceList::Tags, &tag.id, "Đối tác vàng", 2)
        .unwrap();
    assert_eq!(found_by(&replica, "doi tac vang"), ["Nguyễn Thị Đào"]);
    assert!(found_by(&replica, "quen").is_empty());
    let page = replica
        .customer_page(&CustomerQuery {
            today: "2026-11-28".into(),
            limit: 50,
            ..CustomerQuery::default()
        })
        .unwrap();
    let dao = page
        .rows
        .iter()
        .find(|r| r.name == "Nguyễn Thị Đào")
        .unwrap();
    assert_eq!(dao.tags[0].name, "Đối tác vàng");
}

#[test]
fn a_rep_is_refused_every_settings_edit_but_may_still_create_a_tag() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let before = replica.settings_lists().unwrap();
    let tag = before.tags[0].id.clone();
    let call = before.activity_types[0].id.clone();
    replica.set_session(rep_session());
    let attempts: Vec<Result<(), SettingsError>> = vec![
        replica
            .add_settings_entry(ReferenceList::Tags, None, "mới", 1)
            .map(drop),
        replica
            .update_settings_entry(ReferenceList::Tags, &tag, "đổi tên", 1)
            .map(drop),
        replica
            .set_settings_entry_archived(ReferenceList::Tags, &tag, true)
            .map(drop),
        replica
            .move_settings_entry(ReferenceList::ActivityTypes, &call, false)
            .map(drop),
        replica
            .add_settings_entry(ReferenceList::Salespeople, Some("hoa"), "Hoa", 0)
            .map(drop),
        replica
            .add_settings_entry(ReferenceList::PaymentTerms, None, "90 ngày", 0)
            .map(drop),
    ];
    for attempt in attempts {
        match attempt {
            Err(SettingsError::Replica(ReplicaError::Forbidden(message))) => {
                assert!(message.contains("minh"), "{message}");
                assert!(message.contains("manager or an admin"), "{message}");
            }
            other => panic!("a rep's settings edit went through: {other:?}"),
        }
    }
    assert_eq!(replica.settings_lists().unwrap(), before);
    let created = replica.create_tag("khách quen", 5).unwrap();
    assert!(replica
        .active_entries(ReferenceList::Tags)
        .unwrap()
        .iter()
        .any(|t| t.id == created.id));
    // The refusal crosses the IPC as a typed error, not a bare string.
    let error = CommandError::from(
        replica
            .set_settings_entry_archived(ReferenceList::Tags, &tag, true)
            .unwrap_err(),
    );
    assert!(error.message.contains("ask one"), "{}", error.message);
}

#[test]
fn a_bad_entry_is_refused_naming_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = manager(dir.path());
    let tags = replica.settings_entries(ReferenceList::Tags).unwrap();
    let vip = tags.iter().find(|t| t.name == "VIP").unwrap().id.clone();
    let field = |result: Result<_, SettingsError>| match result {
        Err(SettingsError::Invalid(problem)) => CommandError::from(problem).field.unwrap(),
        other => panic!("not refused as invalid: {other:?}"),
    };
    let long = "x".repeat(81);
    assert_eq!(
        field(replica.add_settings_entry(ReferenceList::Tags, None, "  ", 0)),
        "name"
    );
    assert_eq!(
        field(replica.add_settings_entry(ReferenceList::Pricelists, None, &long, 0)),
        "name"
    );
    assert_eq!(
        field(replica.update_settings_entry(ReferenceList::Tags, &vip, "Khach le", 0)),
        "name"
    );
    assert_eq!(
        field(replica.update_settings_entry(ReferenceList::Tags, &vip, "VIP", 12)),
        "color"
    );
    assert_eq!(
        field(replica.add_settings_entry(ReferenceList::Languages, None, "Deutsch", 0)),
        "list"
    );
    assert!(matches!(
        replica.update_settings_entry(ReferenceList::Tags, "no-such-tag", "x", 0),
        Err(SettingsError::Replica(ReplicaError::NotFound { .. }))
    ));
    assert_eq!(replica.settings_entries(ReferenceList::Tags).unwrap(), tags);
}

#[test]
fn the_local_team_list_adds_renames_and_archives_people_by_login() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = manager(dir.path());
    let lan = replica
        .add_settings_entry(
            ReferenceList::Salespeople,
            Some(" lan "),
            "Nguyễn Thị Lan",
            3,
        )
        .unwrap();
    assert_eq!((lan.id.as_str(), lan.color), ("lan", 0));
    let duplicate = replica.add_settings_entry(ReferenceList::Salespeople, Some("lan"), "Lan B", 0);
    assert!(matches!(duplicate, Err(SettingsError::Invalid(p)) if p.field == "id"));
    let no_login = replica.add_settings_entry(ReferenceList::Salespeople, None, "Minh", 0);
    assert!(matches!(no_login, Err(SettingsError::Invalid(p)) if p.field == "id"));
    replica
        .add_settings_entry(ReferenceList::Salespeople, Some("minh"), "Lê Minh", 0)
        .unwrap();
    replica
        .update_settings_entry(ReferenceList::Salespeople, "lan", "Lan Nguyễn", 0)
        .unwrap();
    replica
        .set_settings_entry_archived(ReferenceList::Salespeople, "minh", true)
        .unwrap();
    let active = replica.active_entries(ReferenceList::Salespeople).unwrap();
    assert_eq!(names(&active), ["Lan Nguyễn"]);
    // An archived person still names the customers they had.
    let all = replica.reference_list("salespeople").unwrap();
    assert!(all.iter().any(|p| p.id == "minh" && p.name == "Lê Minh"));
}
