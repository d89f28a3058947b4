//! The Filters dropdown and the Favorites (saved searches) dropdown: ready-made filters, tag and
//! country pickers and the custom builder each put the right part in the replica's query; a
//! search is saved with its filters and grouping, applied, and deleted.

use super::screen_support::*;
use super::*;

fn page() -> String {
    format!("args => ({{rows: [{}], total: 1}})", dao())
}

#[wasm_bindgen_test]
async fn ready_made_filters_and_pickers_set_the_query() {
    screen_shell(&page(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    wait_until("the user to be known", || {
        last_query_at("user_id") == r#""lan""#
    })
    .await;
    let panel = open_menu(&root, "filter-menu", "Bộ lọc").await;
    button_in(&panel, "Khách hàng của tôi").click();
    wait_until("my customers", || {
        last_query_at("filter.salesperson_id") == r#""lan""#
    })
    .await;
    button_in(&panel, "Khách hàng yêu thích").click();
    wait_until("favourites", || {
        last_query_at("filter.favourites_of") == r#""lan""#
    })
    .await;
    button_in(&panel, "Đã lưu trữ").click();
    wait_until("archived", || last_query_at("filter.archived") == "true").await;
    button_in(&panel, "Hôm nay").click();
    wait_until("today's activities", || {
        last_query_at("filter.activity_state") == r#""today""#
    })
    .await;
    choose(&root, "#filter-tag", "t2");
    wait_until("the tag", || last_query_at("filter.tag_id") == r#""t2""#).await;
    type_in(&root, "#filter-country", "vn");
    button_in(&panel, "Áp dụng").click();
    wait_until("the country", || {
        last_query_at("filter.country") == r#""VN""#
    })
    .await;
    let chips = texts(&root, ".search-bar .facet-label");
    assert_eq!(
        chips,
        vec![
            "Đã lưu trữ",
            "Khách hàng của tôi",
            "Khách hàng yêu thích",
            "Hôm nay",
            "Từ khoá: bán sỉ",
            "Quốc gia: VN"
        ]
    );
    // A toggle that is on turns off again.
    button_in(&panel, "Khách hàng của tôi").click();
    wait_until("my customers off", || {
        last_query_at("filter.salesperson_id").is_empty()
    })
    .await;
    choose(&root, "#filter-salesperson", "u1");
    wait_until("the salesperson", || {
        last_query_at("filter.salesperson_id") == r#""u1""#
    })
    .await;
    assert!(
        texts(&root, ".search-bar .facet-label").contains(&"Nhân viên kinh doanh: rep1".to_owned())
    );
}

#[wasm_bindgen_test]
async fn the_custom_filter_builder_adds_a_condition_to_the_query() {
    screen_shell(&page(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let panel = open_menu(&root, "filter-menu", "Bộ lọc").await;
    choose(&root, "#filter-field", "city");
    choose(&root, "#filter-operator", "equals");
    type_in(&root, "#filter-value", "Hà Nội");
    next_tick().await;
    button_in(&panel, "Thêm điều kiện").click();
    wait_until("the condition", || {
        last_query_at("filter.conditions")
            == r#"[{"field":"city","operator":"equals","value":"Hà Nội"}]"#
    })
    .await;
    assert_eq!(
        texts(&root, ".search-bar .facet-label"),
        vec!["Thành phố bằng Hà Nội"]
    );
    // "is set" needs no value.
    choose(&root, "#filter-field", "website");
    choose(&root, "#filter-operator", "is_set");
    next_tick().await;
    assert!(root.query_selector("#filter-value").unwrap().is_none());
    button_in(&panel, "Thêm điều kiện").click();
    wait_until("the second condition", || {
        last_query_at("filter.conditions")
            == r#"[{"field":"city","operator":"equals","value":"Hà Nội"},{"field":"website","operator":"is_set","value":""}]"#
    })
    .await;
    labelled(&root, "Bỏ Thành phố bằng Hà Nội").click();
    wait_until("the first condition to go", || {
        last_query_at("filter.conditions")
            == r#"[{"field":"website","operator":"is_set","value":""}]"#
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_search_is_saved_with_its_filters_applied_and_deleted() {
    screen_shell(
        &page(),
        &format!(
            "{{{CONTEXT},
              saved_searches: () => window.__saved,
              save_search: args => {{ window.__saved = [Object.assign({{}}, args.search, {{id: 's9'}})];
                                      return window.__saved[0]; }},
              delete_saved_search: args => {{ window.__saved = []; return null; }}}}"
        ),
    );
    js_sys::eval(
        "window.__saved = [{id: 's1', name: 'Quá hạn của rep1', search: 'dao',
            filter: {activity_state: 'overdue', salesperson_id: 'u1', conditions: []},
            group_by: 'tag'}];",
    )
    .unwrap();
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let panel = open_menu(&root, "saved-searches-menu", "★ Yêu thích").await;
    let saved = wait_for_text(&panel, ".saved-search-apply", "Quá hạn của rep1").await;
    saved.unchecked_into::<HtmlElement>().click();
    wait_until("the saved search to apply", || {
        last_query_at("search") == r#""dao""#
            && last_query_at("filter.activity_state") == r#""overdue""#
            && last_query_at("filter.salesperson_id") == r#""u1""#
    })
    .await;
    wait_for(&root, ".grouped-kanban").await;
    let shown = labelled(&root, "Tìm kiếm")
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(shown, "dao", "the box shows the saved text");
    assert!(texts(&root, ".search-bar .facet-label").contains(&"Nhóm theo: Từ khoá".to_owned()));

    // Save the current search under a new name.
    let panel = open_menu(&root, "saved-searches-menu", "★ Yêu thích").await;
    wait_for(&panel, ".saved-search").await;
    type_in(&root, "#saved-search-name", "Hôm nay ở HN");
    next_tick().await;
    button_in(&panel, "Lưu").click();
    wait_until("the save", || !sent("save_search").is_empty()).await;
    let args = sent("save_search")[0].clone();
    for part in [
        r#""name":"Hôm nay ở HN""#,
        r#""search":"dao""#,
        r#""activity_state":"overdue""#,
        r#""salesperson_id":"u1""#,
        r#""group_by":"tag""#,
        r#""id":"""#,
    ] {
        assert!(args.contains(part), "{part} in {args}");
    }
    wait_for_text(&panel, ".saved-search-apply", "Hôm nay ở HN").await;

    labelled(&panel, "Xoá Hôm nay ở HN").click();
    wait_until("the delete", || !sent("delete_saved_search").is_empty()).await;
    assert_eq!(sent("delete_saved_search")[0], r#"{"searchId":"s9"}"#);
    wait_for(&panel, ".empty").await;
}
