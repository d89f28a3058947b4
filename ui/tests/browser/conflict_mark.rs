//! The conflict mark on the Customers screen: a customer whose row counts concurrent values
//! shows a badge on its card and its list row (others none), and the "Có xung đột" filter asks
//! the replica for those customers only, shown as a removable chip.

use super::screen_support::*;
use super::*;

fn page() -> String {
    let marked = row("c3", "Công ty Hoa Sen", "", "kind: 'company', conflicts: 2");
    format!("args => ({{rows: [{}, {marked}], total: 2}})", dao())
}

#[wasm_bindgen_test]
async fn a_card_and_a_list_row_show_how_many_fields_are_in_conflict() {
    screen_shell(&page(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    let marked = wait_for_text(&root, ".customer-card", "Công ty Hoa Sen").await;
    let badge = find(&marked, ".conflict-badge");
    assert_eq!(badge.text_content().unwrap().trim(), "⚠ 2");
    assert_eq!(
        badge.get_attribute("aria-label").as_deref(),
        Some("Có xung đột: 2")
    );
    let plain = wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    assert!(plain.query_selector(".conflict-badge").unwrap().is_none());

    labelled(&root, "Danh sách").click();
    let row = wait_for_text(&root, "tr", "Công ty Hoa Sen").await;
    assert!(find(&row, ".col-name .conflict-badge")
        .text_content()
        .unwrap()
        .contains('2'));
    let other = wait_for_text(&root, "tr", "Nguyễn Thị Đào").await;
    assert!(other.query_selector(".conflict-badge").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_has_conflicts_filter_asks_for_them_and_shows_a_chip() {
    screen_shell(&page(), &format!("{{{CONTEXT}}}"));
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    assert_eq!(last_query_at("filter.has_conflicts"), "false");
    let panel = open_menu(&root, "filter-menu", "Bộ lọc").await;
    button_in(&panel, "Có xung đột").click();
    wait_until("the filter in the query", || {
        last_query_at("filter.has_conflicts") == "true"
    })
    .await;
    let chip = wait_for_text(&root, ".facet-chip", "Có xung đột").await;
    find(&chip, "button").click();
    wait_until("the filter gone", || {
        last_query_at("filter.has_conflicts") == "false"
    })
    .await;
}
