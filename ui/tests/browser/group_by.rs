//! Group By: the grouped kanban has one column per group with its count and that group's page of
//! cards; the grouped list has collapsible groups with counts; both keep the search.

use super::screen_support::*;
use super::*;

/// Pages answered by salesperson: rep1 has Đào and An, rep2 has Bình, the rest everyone.
fn by_salesperson() -> String {
    format!(
        "args => {{ const sp = args.query.filter.salesperson_id;
            const rows = sp === 'u1' ? [{}, {}] : sp === 'u2' ? [{}] : [{}, {}, {}];
            return {{rows, total: rows.length}}; }}",
        dao(),
        an(),
        row("c3", "Lê Văn Bình", "binh@example.vn", ""),
        dao(),
        an(),
        row("c3", "Lê Văn Bình", "binh@example.vn", "")
    )
}

const TWO_GROUPS: &str = "group_counts: args => [{key: 'u1', label: 'rep1', count: 2},
    {key: 'u2', label: 'rep2', count: 1}, {key: '', label: '', count: 4}]";

#[wasm_bindgen_test]
async fn grouping_by_salesperson_shows_a_column_per_group_with_its_count() {
    screen_shell(&by_salesperson(), &format!("{{{CONTEXT}, {TWO_GROUPS}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    search_for(&root, "le");
    wait_until("the search", || last_query_at("search") == r#""le""#).await;
    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    let entry = find(&panel, "[data-group=salesperson]");
    assert_eq!(entry.text_content().unwrap(), "Nhân viên kinh doanh");
    entry.click();
    wait_until("three columns", || {
        root.query_selector_all(".kanban-column").unwrap().length() == 3
    })
    .await;
    assert_eq!(
        texts(&root, ".kanban-column .group-name"),
        vec!["rep1", "rep2", "Chưa có"]
    );
    assert_eq!(
        texts(&root, ".kanban-column .group-count"),
        vec!["2", "1", "4"]
    );
    let counts = sent("group_counts");
    let asked = counts.last().unwrap();
    assert!(asked.contains(r#""groupBy":"salesperson""#), "{asked}");
    assert!(
        asked.contains(r#""search":"le""#),
        "the grouping keeps the search: {asked}"
    );

    let rep1 = find(&root, ".kanban-column[data-group=u1]");
    wait_until("rep1's cards", || {
        rep1.query_selector_all(".customer-card").unwrap().length() == 2
    })
    .await;
    let rep2 = find(&root, ".kanban-column[data-group=u2]");
    wait_for_text(&rep2, ".customer-card", "Lê Văn Bình").await;
    assert_eq!(
        rep2.query_selector_all(".customer-card").unwrap().length(),
        1
    );
    // The group without a salesperson cannot be singled out: its count only.
    let none = find(&root, ".kanban-column[data-group='']");
    assert!(none.query_selector(".group-note").unwrap().is_some());
    let pages = page_queries();
    for (salesperson, search) in [("u1", "le"), ("u2", "le")] {
        assert!(
            pages.iter().any(
                |q| q.contains(&format!(r#""salesperson_id":"{salesperson}""#))
                    && q.contains(&format!(r#""search":"{search}""#))
                    && q.contains(r#""limit":20"#)
            ),
            "a page of {salesperson}: {pages:?}"
        );
    }
    assert!(
        root.query_selector(".pager")
            .unwrap()
            .unwrap()
            .has_attribute("hidden"),
        "the flat pager hides while grouped"
    );
}

#[wasm_bindgen_test]
async fn the_grouped_list_has_collapsible_groups_with_counts() {
    screen_shell(&by_salesperson(), &format!("{{{CONTEXT}, {TWO_GROUPS}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    find(&panel, "[data-group=salesperson]").click();
    wait_for(&root, ".kanban-column").await;
    labelled(&root, "Danh sách").click();
    wait_until("three list groups", || {
        root.query_selector_all(".list-group").unwrap().length() == 3
    })
    .await;
    assert!(root.query_selector(".kanban-column").unwrap().is_none());
    let heads = texts(&root, ".list-group-head");
    assert_eq!(heads, vec!["▸rep1(2)", "▸rep2(1)", "▸Chưa có(4)"]);
    assert!(
        root.query_selector("table").unwrap().is_none(),
        "groups start collapsed"
    );

    let rep1 = find(&root, ".list-group[data-group=u1]");
    let head = find(&rep1, ".list-group-head");
    head.click();
    wait_until("rep1's rows", || {
        rep1.query_selector_all("tbody tr").unwrap().length() == 2
    })
    .await;
    assert_eq!(head.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(texts(&rep1, "tbody tr")[0].contains("Nguyễn Thị Đào"));
    head.click();
    wait_until("rep1 to collapse", || {
        rep1.query_selector("table").unwrap().is_none()
    })
    .await;
    assert_eq!(
        head.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    labelled(&root, "Kanban").click();
    wait_for(&root, ".kanban-column").await;
}
