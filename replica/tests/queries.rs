//! The Customers screen's queries on a real replica: each filter, each group-by, search without
//! diacritics and by phone digits, sorting and both kinds of paging.

use clientele_model::query::{
    Condition, ConditionField, CustomerFilter, CustomerQuery, GroupBy, Operator, SortKey,
};
use clientele_model::{ActivityDraft, ActivityState, CustomerDraft, CustomerKind};
use clientele_replica::{ReferenceEntry, Replica};

const TODAY: &str = "2026-11-27";

struct Fixture {
    _dir: tempfile::TempDir,
    replica: Replica,
    ids: std::collections::HashMap<&'static str, String>,
}

fn customer(kind: CustomerKind, name: &str) -> CustomerDraft {
    CustomerDraft {
        kind,
        name: name.into(),
        ..CustomerDraft::default()
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    for (id, name) in [("rep1", "Trần Văn Bình"), ("rep2", "Lê Thị Hoa")] {
        replica
            .put_reference(
                "salespeople",
                &ReferenceEntry {
                    id: id.into(),
                    name: name.into(),
                    color: 0,
                    position: 0,
                },
            )
            .unwrap();
    }
    let quen = replica.create_tag("khách quen", 5).unwrap();
    let mut ids = std::collections::HashMap::new();

    let mut donga = customer(CustomerKind::Company, "Công ty TNHH Đông Á");
    donga.email = "lienhe@donga.vn".into();
    donga.phone = "028 3823 4567".into();
    donga.tax_id = "0100109106".into();
    donga.address.city = "Hồ Chí Minh".into();
    donga.address.country = "VN".into();
    donga.salesperson_id = Some("rep1".into());
    donga.tag_ids = vec!["wholesale".into()];
    donga.language = "vi_VN".into();
    ids.insert("donga", replica.create_customer(&donga).unwrap().id);

    let mut dao = customer(CustomerKind::Individual, "Nguyễn Thị Đào");
    dao.company_id = Some(ids["donga"].clone());
    dao.email = "dao@donga.vn".into();
    dao.mobile = "0903 123 456".into();
    dao.address.city = "Hồ Chí Minh".into();
    dao.address.country = "VN".into();
    dao.salesperson_id = Some("rep1".into());
    dao.tag_ids = vec![quen.id.clone(), "retail".into()];
    ids.insert("dao", replica.create_customer(&dao).unwrap().id);

    let mut sakura = customer(CustomerKind::Company, "Sakura Trading");
    sakura.address.city = "Osaka".into();
    sakura.address.country = "JP".into();
    sakura.salesperson_id = Some("rep2".into());
    sakura.language = "en_US".into();
    ids.insert("sakura", replica.create_customer(&sakura).unwrap().id);

    let mut an = customer(CustomerKind::Individual, "Phạm An");
    an.address.city = "Đà Nẵng".into();
    an.address.country = "VN".into();
    ids.insert("an", replica.create_customer(&an).unwrap().id);

    let old = customer(CustomerKind::Company, "Công ty Cũ");
    let old_id = replica.create_customer(&old).unwrap().id;
    replica.set_archived(&old_id, true).unwrap();
    ids.insert("old", old_id);

    let call = |due: &str| ActivityDraft {
        activity_type: "call".into(),
        due_date: due.into(),
        ..ActivityDraft::default()
    };
    replica
        .schedule_activity(&ids["dao"], &call("2026-11-01"))
        .unwrap();
    replica
        .schedule_activity(&ids["dao"], &call("2026-12-24"))
        .unwrap();
    replica
        .schedule_activity(&ids["donga"], &call(TODAY))
        .unwrap();
    replica
        .schedule_activity(&ids["sakura"], &call("2027-01-10"))
        .unwrap();
    replica.set_favourite("rep1", &ids["sakura"], true).unwrap();
    Fixture {
        _dir: dir,
        replica,
        ids,
    }
}

fn query() -> CustomerQuery {
    CustomerQuery {
        today: TODAY.into(),
        user_id: Some("rep1".into()),
        ..CustomerQuery::default()
    }
}

fn names(f: &Fixture, q: &CustomerQuery) -> Vec<String> {
    f.replica
        .customer_page(q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

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
fn search_ignores_diacritics_and_matches_prefixes_digits_tax_ids_tags_and_companies() {
    let f = fixture();
    let search = |text: &str| {
        names(
            &f,
            &CustomerQuery {
                search: text.into(),
                ..query()
            },
        )
    };
    assert_eq!(search("nguyen thi dao"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(search("NGUYỄN ĐÀO"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(search("ngu"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(
        search("dong a"),
        vec!["Công ty TNHH Đông Á", "Nguyễn Thị Đào"],
        "a person is found by their company"
    );
    assert_eq!(
        search("cong ty"),
        vec!["Công ty TNHH Đông Á", "Nguyễn Thị Đào"]
    );
    assert_eq!(search("0903 123"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(search("+84 903-123-456"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(search("0283823"), vec!["Công ty TNHH Đông Á"]);
    assert_eq!(search("0100109"), vec!["Công ty TNHH Đông Á"]);
    assert_eq!(search("da nang"), vec!["Phạm An"]);
    assert_eq!(search("khach quen"), vec!["Nguyễn Thị Đào"]);
    assert_eq!(search("lienhe@donga"), vec!["Công ty TNHH Đông Á"]);
    assert_eq!(search("zzz"), Vec::<String>::new());
    assert_eq!(
        search("\"*)("),
        names(&f, &query()),
        "punctuation alone searches nothing"
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
fn sorting_and_keyset_paging_agree_with_offset_paging() {
    let f = fixture();
    for sort in SortKey::ALL {
        for descending in [false, true] {
            let all = CustomerQuery {
                sort,
                descending,
                limit: 100,
                ..query()
            };
            let every = f.replica.customer_page(&all).unwrap().rows;
            let mut keyset = Vec::new();
            let mut after = None;
            loop {
                let page = f
                    .replica
                    .customer_page(&CustomerQuery {
                        limit: 1,
                        after: after.clone(),
                        ..all.clone()
                    })
                    .unwrap();
                let Some(last) = page.rows.last() else { break };
                after = Some((last.sort_value.clone(), last.id.clone()));
                keyset.extend(page.rows);
            }
            assert_eq!(keyset, every, "{sort:?} desc={descending}");
            let second = f
                .replica
                .customer_page(&CustomerQuery {
                    limit: 2,
                    offset: 2,
                    ..all.clone()
                })
                .unwrap()
                .rows;
            assert_eq!(second, every[2..4].to_vec());
        }
    }
    let mut by_city = names(
        &f,
        &CustomerQuery {
            sort: SortKey::City,
            ..query()
        },
    );
    // "Hồ Chí Minh" (twice, tie broken by id) < "Osaka" < "Đà Nẵng" in code-point order.
    by_city[..2].sort();
    assert_eq!(
        by_city,
        vec![
            "Công ty TNHH Đông Á",
            "Nguyễn Thị Đào",
            "Sakura Trading",
            "Phạm An"
        ]
    );
    assert!(f.ids.contains_key("old"));
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

#[test]
fn searched_pages_and_totals_agree_with_the_customers_whether_the_search_is_rare_or_common() {
    // A page runs a rare search (one match in more than fifty customers) from the search
    // index and a common one along the sort order; its total is counted, or derived from the
    // search index's count. Every way must give the same rows and totals.
    let dir = tempfile::tempdir().unwrap();
    let mut replica = Replica::open(dir.path()).unwrap();
    let seeds: Vec<clientele_replica::CustomerSeed> = (0..150)
        .map(|i| {
            let mut draft = customer(
                if i % 3 == 0 {
                    CustomerKind::Company
                } else {
                    CustomerKind::Individual
                },
                &if i == 77 {
                    "Khách Độc Nhất".to_owned()
                } else {
                    format!("Khách {i:03}")
                },
            );
            draft.address.city = if i % 2 == 0 { "Hà Nội" } else { "Huế" }.into();
            clientele_replica::CustomerSeed {
                draft,
                ..Default::default()
            }
        })
        .collect();
    let ids = replica.create_customers_bulk(&seeds).unwrap();
    let archived_later = |i: usize| i.is_multiple_of(7);
    let check = |replica: &Replica, some_archived: bool| {
        let archived = |i: usize| some_archived && archived_later(i);
        let label = if some_archived {
            "some archived"
        } else {
            "none archived"
        };
        for search in ["khach", "ha noi", "hue", "doc nhat", "zzz"] {
            for in_archive in [false, true] {
                for kind in [None, Some(CustomerKind::Company)] {
                    let expected: Vec<String> = {
                        let mut names: Vec<String> = seeds
                            .iter()
                            .enumerate()
                            .filter(|(i, s)| {
                                let folded = clientele_model::rules::fold_for_search(&format!(
                                    "{} {}",
                                    s.draft.name, s.draft.address.city
                                ));
                                search
                                    .split(' ')
                                    .all(|w| folded.split(' ').any(|word| word.starts_with(w)))
                                    && archived(*i) == in_archive
                                    && kind.is_none_or(|k| s.draft.kind == k)
                            })
                            .map(|(_, s)| s.draft.name.clone())
                            .collect();
                        names.sort_by_key(|n| clientele_model::rules::fold_for_search(n));
                        names
                    };
                    let query = CustomerQuery {
                        search: search.into(),
                        filter: CustomerFilter {
                            archived: Some(in_archive),
                            kind,
                            ..CustomerFilter::default()
                        },
                        limit: 500,
                        ..query()
                    };
                    let page = replica.customer_page(&query).unwrap();
                    let case = format!("{label}: {search:?} archived={in_archive} kind={kind:?}");
                    assert_eq!(page.total as usize, expected.len(), "{case}");
                    let got: Vec<String> = page.rows.into_iter().map(|r| r.name).collect();
                    assert_eq!(got, expected, "{case}");
                    // Keyset paging through a searched list gives the same rows.
                    let mut keyset = Vec::new();
                    let mut after = None;
                    loop {
                        let page = replica
                            .customer_page(&CustomerQuery {
                                limit: 40,
                                after: after.clone(),
                                ..query.clone()
                            })
                            .unwrap();
                        let Some(last) = page.rows.last() else { break };
                        after = Some((last.sort_value.clone(), last.id.clone()));
                        keyset.extend(page.rows.into_iter().map(|r| r.name));
                    }
                    assert_eq!(keyset, expected, "{case} (keyset)");
                }
            }
        }
    };
    check(&replica, false);
    for (_, id) in ids.iter().enumerate().filter(|(i, _)| archived_later(*i)) {
        replica.set_archived(id, true).unwrap();
    }
    check(&replica, true);
}
