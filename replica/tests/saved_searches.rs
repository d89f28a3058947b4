//! Saved searches on a real SQLite file: saving, listing by name, replacing by name, updating by
//! id, deleting, keeping users apart, surviving a reopen, and refusing a nameless search.

use clientele_model::commands::SavedSearch;
use clientele_model::query::{Condition, ConditionField, CustomerFilter, GroupBy, Operator};
use clientele_model::{ActivityState, CustomerKind};
use clientele_replica::{Replica, ReplicaError};

fn companies_in_hanoi() -> SavedSearch {
    SavedSearch {
        name: "Công ty ở Hà Nội".into(),
        search: "dong a".into(),
        filter: CustomerFilter {
            kind: Some(CustomerKind::Company),
            archived: Some(true),
            salesperson_id: Some("rep1".into()),
            favourites_of: Some("lan".into()),
            tag_id: Some("t1".into()),
            country: Some("VN".into()),
            activity_state: Some(ActivityState::Overdue),
            has_conflicts: true,
            conditions: vec![
                Condition {
                    field: ConditionField::City,
                    operator: Operator::Equals,
                    value: "Hà Nội".into(),
                },
                Condition {
                    field: ConditionField::Website,
                    operator: Operator::IsSet,
                    value: String::new(),
                },
            ],
        },
        group_by: Some(GroupBy::Salesperson),
        ..SavedSearch::default()
    }
}

#[test]
fn a_saved_search_comes_back_whole_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let saved = {
        let mut replica = Replica::open(dir.path()).unwrap();
        assert!(replica.saved_searches("lan").unwrap().is_empty());
        replica.save_search("lan", &companies_in_hanoi()).unwrap()
    };
    assert!(!saved.id.is_empty());
    let replica = Replica::open(dir.path()).unwrap();
    let all = replica.saved_searches("lan").unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0],
        SavedSearch {
            id: saved.id.clone(),
            ..companies_in_hanoi()
        }
    );
    assert!(
        replica.saved_searches("minh").unwrap().is_empty(),
        "each user has their own"
    );
}

#[test]
fn searches_are_listed_by_name_and_a_same_name_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let named = |name: &str, search: &str| SavedSearch {
        name: name.into(),
        search: search.into(),
        ..SavedSearch::default()
    };
    replica.save_search("lan", &named("Quá hạn", "a")).unwrap();
    let first = replica
        .save_search("lan", &named(" Đà Nẵng ", "b"))
        .unwrap();
    assert_eq!(first.name, "Đà Nẵng", "the name is trimmed");
    replica.save_search("lan", &named("an giang", "c")).unwrap();
    let names: Vec<_> = replica
        .saved_searches("lan")
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["an giang", "Đà Nẵng", "Quá hạn"]);

    let again = replica.save_search("lan", &named("da nang", "d")).unwrap();
    assert_eq!(again.id, first.id, "same name, ignoring case and accents");
    let all = replica.saved_searches("lan").unwrap();
    assert_eq!(all.len(), 3);
    let replaced = all.iter().find(|s| s.id == first.id).unwrap();
    assert_eq!(
        (replaced.name.as_str(), replaced.search.as_str()),
        ("da nang", "d")
    );
}

#[test]
fn updating_by_id_changes_only_that_search_and_deleting_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let saved = replica.save_search("lan", &companies_in_hanoi()).unwrap();
    let other = replica
        .save_search(
            "lan",
            &SavedSearch {
                name: "Khách lẻ".into(),
                filter: CustomerFilter {
                    kind: Some(CustomerKind::Individual),
                    ..CustomerFilter::default()
                },
                ..SavedSearch::default()
            },
        )
        .unwrap();
    let mut changed = saved.clone();
    changed.filter.conditions.clear();
    changed.group_by = None;
    replica.save_search("lan", &changed).unwrap();
    let all = replica.saved_searches("lan").unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.contains(&changed));
    assert!(all.contains(&other));

    replica.delete_saved_search("lan", &saved.id).unwrap();
    assert_eq!(replica.saved_searches("lan").unwrap(), vec![other]);
    assert!(matches!(
        replica.delete_saved_search("lan", &saved.id),
        Err(ReplicaError::NotFound { .. })
    ));
    assert!(matches!(
        replica.save_search("lan", &changed),
        Err(ReplicaError::NotFound { .. })
    ));
}

#[test]
fn a_search_needs_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    for name in ["", "   ", &"x".repeat(65)] {
        let refused = replica.save_search(
            "lan",
            &SavedSearch {
                name: name.into(),
                ..SavedSearch::default()
            },
        );
        assert!(matches!(refused, Err(ReplicaError::Invalid(_))), "{name:?}");
    }
    assert!(replica.saved_searches("lan").unwrap().is_empty());
}

#[test]
fn saved_searches_live_beside_the_favourites_without_disturbing_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let customer = replica
        .create_customer(&clientele_model::CustomerDraft {
            kind: CustomerKind::Individual,
            name: "Nguyễn Thị Đào".into(),
            ..Default::default()
        })
        .unwrap();
    replica.set_favourite("lan", &customer.id, true).unwrap();
    replica.save_search("lan", &companies_in_hanoi()).unwrap();
    replica.set_favourite("lan", &customer.id, true).unwrap();
    let page = replica
        .customer_page(&clientele_model::query::CustomerQuery {
            filter: CustomerFilter {
                favourites_of: Some("lan".into()),
                ..CustomerFilter::default()
            },
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(replica.saved_searches("lan").unwrap().len(), 1);
    let report = replica.check().unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
}
