//! The Customers screen's search, sorting and paging on a real replica: search without
//! diacritics and by phone digits, every sort with keyset paging against offset paging, and
//! searched pages and totals whether the search is rare or common.

mod screen_fixture;

use clientele_model::query::{CustomerFilter, CustomerQuery, SortKey};
use clientele_model::CustomerKind;
use clientele_replica::Replica;
use screen_fixture::{customer, fixture, names, query};

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
