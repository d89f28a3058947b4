//! The search bar: the first key asks the replica at once and a burst of keys is gathered, filters and the grouping
//! show as chips removable with × or Backspace, the list view keeps them, and list columns
//! resize.

use super::screen_support::*;
use super::*;

fn two_customers() -> String {
    format!("args => ({{rows: [{}, {}], total: 2}})", dao(), an())
}

#[wasm_bindgen_test]
async fn the_first_key_searches_at_once_and_fast_keys_are_gathered() {
    screen_shell(&two_customers(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let before = page_queries().len();
    // Three keys in one burst (the same tick): the first is asked at once, the other two are
    // gathered and only the latest text is asked when the window ends.
    search_for(&root, "n");
    search_for(&root, "ng");
    search_for(&root, "ngu");
    let box_value = labelled(&root, "Tìm kiếm")
        .unchecked_into::<HtmlInputElement>()
        .value();
    assert_eq!(box_value, "ngu", "the box shows what was typed at once");
    wait_until("the latest text to be sent", || {
        page_queries()
            .iter()
            .any(|q| q.contains(r#""search":"ngu""#))
    })
    .await;
    let searches: Vec<String> = page_queries()[before..]
        .iter()
        .filter(|q| !q.contains(r#""search":"""#))
        .cloned()
        .collect();
    assert_eq!(
        searches.len(),
        2,
        "the first key at once, then the latest text: {searches:?}"
    );
    assert!(searches[0].contains(r#""search":"n""#), "{searches:?}");
    assert!(searches[1].contains(r#""search":"ngu""#), "{searches:?}");
}

#[wasm_bindgen_test]
async fn filters_and_grouping_are_chips_removed_by_x_and_backspace() {
    screen_shell(&two_customers(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let panel = open_menu(&root, "filter-menu", "Bộ lọc").await;
    button_in(&panel, "Công ty").click();
    wait_until("the companies filter", || {
        last_query_at("filter.kind") == r#""company""#
    })
    .await;
    button_in(&panel, "Quá hạn").click();
    wait_until("the overdue filter", || {
        last_query_at("filter.activity_state") == r#""overdue""#
    })
    .await;
    mouse_down_on(&root, ".filter-menu .dropdown-panel");
    next_tick().await;
    assert!(root
        .query_selector(".filter-menu .dropdown-panel")
        .unwrap()
        .is_some());
    mouse_down_on(&root, "h1");
    wait_until("a press outside to close the filters", || {
        root.query_selector(".filter-menu .dropdown-panel")
            .unwrap()
            .is_none()
    })
    .await;
    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    button_in(&panel, "Quốc gia").click();
    wait_for(&root, ".grouped-kanban").await;
    let chips = texts(&root, ".search-bar .facet-label");
    assert_eq!(chips, vec!["Công ty", "Quá hạn", "Nhóm theo: Quốc gia"]);

    labelled(&root, "Bỏ Công ty").click();
    wait_until("the kind filter to go", || {
        last_query_at("filter.kind").is_empty()
    })
    .await;
    assert_eq!(
        last_query_at("filter.activity_state"),
        r#""overdue""#,
        "the other filter stays"
    );
    wait_until("the chip to go", || {
        texts(&root, ".search-bar .facet-label") == vec!["Quá hạn", "Nhóm theo: Quốc gia"]
    })
    .await;

    // Backspace in the empty box removes the last chip: the grouping.
    press(&root, ".search-bar input", "Backspace");
    wait_until("the grouping to go", || {
        root.query_selector(".grouped-kanban").unwrap().is_none()
    })
    .await;
    wait_for(&root, ".kanban .customer-card").await;
    assert_eq!(texts(&root, ".search-bar .facet-label"), vec!["Quá hạn"]);
}

#[wasm_bindgen_test]
async fn the_list_keeps_the_filters_and_its_columns_resize() {
    screen_shell(&two_customers(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    let panel = open_menu(&root, "filter-menu", "Bộ lọc").await;
    button_in(&panel, "Cá nhân").click();
    wait_until("the individuals filter", || {
        last_query_at("filter.kind") == r#""individual""#
    })
    .await;
    search_for(&root, "dao");
    wait_until("the search", || last_query_at("search") == r#""dao""#).await;
    labelled(&root, "Danh sách").click();
    wait_for(&root, "table.customer-list").await;
    assert_eq!(last_query_at("filter.kind"), r#""individual""#);
    assert_eq!(last_query_at("search"), r#""dao""#);
    assert_eq!(texts(&root, ".search-bar .facet-label"), vec!["Cá nhân"]);

    let email = "[aria-label='Đổi độ rộng cột: Email']";
    let width = || find(&root, email).get_attribute("aria-valuenow").unwrap();
    assert_eq!(width(), "200");
    press(&root, email, "ArrowRight");
    wait_until("the column to widen", || width() == "216").await;
    let cols = root.query_selector_all("table.customer-list col").unwrap();
    let third = cols.item(2).unwrap().unchecked_into::<Element>();
    assert_eq!(third.get_attribute("style").as_deref(), Some("width:216px"));
    press(&root, email, "ArrowLeft");
    wait_until("the column to narrow", || width() == "200").await;
    press(&root, email, "ArrowLeft");
    wait_until("the column to narrow again", || width() == "184").await;
}

#[wasm_bindgen_test]
async fn clicking_a_list_row_opens_that_customer() {
    screen_shell(&two_customers(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    labelled(&root, "Danh sách").click();
    wait_for(&root, "table.customer-list").await;
    press(
        &root,
        "[aria-label='Đổi độ rộng cột: Tên khách hàng']",
        "ArrowRight",
    );
    next_tick().await;
    assert!(
        sent("customer").is_empty(),
        "resizing does not open anything"
    );
    find(&root, "tr.customer-row[data-customer=c2]").click();
    wait_until("the customer to be asked", || !sent("customer").is_empty()).await;
    assert_eq!(sent("customer")[0], r#"{"id":"c2"}"#);
    wait_for(&root, ".customer-form-view").await;
}
