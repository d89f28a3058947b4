//! The Customers screen's filters and groups on a real replica: the default page, each
//! filter, custom conditions and each group-by, and a bad date refused.

mod screen_fixture;

use clientele_model::query::{
    Condition, ConditionField, CustomerFilter, CustomerQuery, GroupBy, Operator,
};
use clientele_model::{ActivityState, CustomerKind};
use screen_fixture::{fixture, names, query, Fixture};

fn filtered(f: &Fixture, filter: CustomerFilter) -> Vec<String> {
    names(f, &CustomerQuery { filter, ..query() })
}

#[test]
fn the_default_page_hides_archived_and_sorts_by_folded_name() {
    let f = fixture();
    assert_eq!(
        names(&f, &query()),
        vec![
            "Công ty TNHH Đông Á",
            "Nguyễn Thị Đào",
            "Phạm An",
            "Sakura Trading"
        ]
    );
    let page = f.replica.customer_page(&query()).unwrap();
    assert_eq!(page.total, 4);
    let dao = page
        .rows
        .iter()
        .find(|r| r.name == "Nguyễn Thị Đào")
        .unwrap();
    assert_eq!(dao.company, "Công ty TNHH Đông Á");
    assert_eq!(dao.activity_state, ActivityState::Overdue);
    assert_eq!(dao.open_activities, 2);
    let mut tags: Vec<_> = dao.tags.iter().map(|t| t.name.as_str()).collect();
    tags.sort();
    assert_eq!(tags, vec!["khách lẻ", "khách quen"]);
    let sakura = page
        .rows
        .iter()
        .find(|r| r.name == "Sakura Trading")
        .unwrap();
    assert!(sakura.favourite);
    assert_eq!(sakura.activity_state, ActivityState::Planned);
    assert_eq!(sakura.salesperson, "Lê Thị Hoa");
}

#[test]
fn each_filter_selects_its_customers() {
    let f = fixture();
    let kind = |k| CustomerFilter {
        kind: Some(k),
        ..CustomerFilter::default()
    };
    assert_eq!(
        filtered(&f, kind(CustomerKind::Individual)),
        vec!["Nguyễn Thị Đào", "Phạm An"]
    );
    assert_eq!(
        filtered(&f, kind(CustomerKind::Company)),
        vec!["Công ty TNHH Đông Á", "Sakura Trading"]
    );
    assert_eq!(
        filtered(
            &f,
            CustomerFilter {
                archived: Some(true),
                ..Default::default()
            }
        ),
        vec!["Công ty Cũ"]
    );
    assert_eq!(
        filtered(
            &f,
            CustomerFilter {
                salesperson_id: Some("rep1".into()),
                ..Default::default()
            }
        ),
        vec!["Công ty TNHH Đông Á", "Nguyễn Thị Đào"]
    );
    assert_eq!(
        filtered(
            &f,
            CustomerFilter {
                favourites_of: Some("rep1".into()),
                ..Default::default()
            }
        ),
        vec!["Sakura Trading"]
    );
    assert_eq!(
        filtered(
            &f,
            CustomerFilter {
                tag_id: Some("wholesale".into()),
                ..Default::default()
            }
        ),
        vec!["Công ty TNHH Đông Á"]
    );
    assert_eq!(
        filtered(
            &f,
            CustomerFilter {
                country: Some("jp".into()),
                ..Default::default()
            }
        ),
        vec!["Sakura Trading"]
    );
    let state = |s| CustomerFilter {
        activity_state: Some(s),
        ..CustomerFilter::default()
    };
    assert_eq!(
        filtered(&f, state(ActivityState::Overdue)),
        vec!["Nguyễn Thị Đào"]
    );
    assert_eq!(
        filtered(&f, state(ActivityState::Today)),
        vec!["Công ty TNHH Đông Á"]
    );
    assert_eq!(
        filtered(&f, state(ActivityState::Planned)),
        vec!["Sakura Trading"]
    );
    assert_eq!(filtered(&f, state(ActivityState::None)), vec!["Phạm An"]);
}

#[test]
fn custom_conditions_combine_and_ignore_accents() {
    let f = fixture();
    let when = |field, operator, value: &str| Condition {
        field,
        operator,
        value: value.into(),
    };
    let custom = |conditions| CustomerFilter {
        conditions,
        ..CustomerFilter::default()
    };
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(
                ConditionField::City,
                Operator::Equals,
                "ho chi minh"
            )])
        ),
        vec!["Công ty TNHH Đông Á", "Nguyễn Thị Đào"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![
                when(ConditionField::City, Operator::Contains, "chi"),
                when(ConditionField::Email, Operator::StartsWith, "dao"),
            ])
        ),
        vec!["Nguyễn Thị Đào"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(ConditionField::TaxId, Operator::IsSet, "")])
        ),
        vec!["Công ty TNHH Đông Á"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(
                ConditionField::Name,
                Operator::NotContains,
                "cong ty"
            )])
        ),
        vec!["Nguyễn Thị Đào", "Phạm An", "Sakura Trading"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(
                ConditionField::Country,
                Operator::NotEquals,
                "vn"
            )])
        ),
        vec!["Sakura Trading"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(ConditionField::Email, Operator::IsNotSet, "")])
        ),
        vec!["Phạm An", "Sakura Trading"]
    );
    assert_eq!(
        filtered(
            &f,
            custom(vec![when(ConditionField::Name, Operator::Contains, "50%_")])
        ),
        Vec::<String>::new()
    );
}

#[test]
fn group_by_counts_every_grouping() {
    let f = fixture();
    let groups = |g| {
        f.replica
            .group_counts(&query(), g)
            .unwrap()
            .into_iter()
            .map(|g| (g.label, g.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        groups(GroupBy::Salesperson),
        vec![
            ("Trần Văn Bình".into(), 2),
            (String::new(), 1),
            ("Lê Thị Hoa".into(), 1)
        ]
    );
    assert_eq!(
        groups(GroupBy::Kind),
        vec![("company".into(), 2), ("individual".into(), 2)]
    );
    assert_eq!(groups(GroupBy::Country)[0], ("Viet Nam".into(), 3));
    assert_eq!(
        groups(GroupBy::Company),
        vec![(String::new(), 3), ("Công ty TNHH Đông Á".into(), 1)]
    );
    let tags = groups(GroupBy::Tag);
    assert!(
        tags.contains(&("bán sỉ".into(), 1))
            && tags.contains(&("khách quen".into(), 1))
            && tags.contains(&(String::new(), 2)),
        "{tags:?}"
    );
    assert_eq!(
        groups(GroupBy::Language),
        vec![
            (String::new(), 2),
            ("English (US)".into(), 1),
            ("Tiếng Việt".into(), 1)
        ]
    );
    assert_eq!(
        groups(GroupBy::ActivityState),
        vec![
            ("none".into(), 1),
            ("overdue".into(), 1),
            ("planned".into(), 1),
            ("today".into(), 1)
        ]
    );
    let searched = f
        .replica
        .group_counts(
            &CustomerQuery {
                search: "dong a".into(),
                ..query()
            },
            GroupBy::Kind,
        )
        .unwrap();
    assert_eq!(
        searched.iter().map(|g| g.count).sum::<u64>(),
        2,
        "groups honour the search"
    );
}

#[test]
fn a_bad_today_is_refused_with_the_fix() {
    let f = fixture();
    let error = f
        .replica
        .customer_page(&CustomerQuery {
            today: "27/11/2026".into(),
            ..query()
        })
        .unwrap_err();
    assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
}
