//! Recent updates on the cards (C6): a card and a list row say when and by whom the customer was
//! last changed; one changed by someone else since the user last looked is highlighted until it
//! is opened (opening tells the shell); the sort menu sorts by last updated, newest first.

use super::screen_support::*;
use super::*;

/// Đào changed by Minh (unseen until `mark_customer_seen`), An changed by Lan herself.
fn page() -> String {
    format!(
        "args => ({{rows: [Object.assign({}, {{updated_at: '2026-11-27T07:05:00.000Z',
              updated_by: 'Trần Minh', unseen_change: !window.__seen}}),
            Object.assign({}, {{updated_at: '2026-11-20T01:00:00.000Z', updated_by: 'Lan',
              unseen_change: false}})],
            total: 2}})",
        dao(),
        an()
    )
}

fn screen() -> String {
    format!(
        "{{{CONTEXT},
          customer: args => ({{id: args.id, draft: {{kind: 'individual', name: 'Nguyễn Thị Đào'}},
              heads: ['aa11']}}),
          reference_list: args => [],
          mark_customer_seen: args => {{ window.__seen = true; return null; }}}}"
    )
}

fn has_class(element: &Element, class: &str) -> bool {
    element.class_name().split_whitespace().any(|c| c == class)
}

#[wasm_bindgen_test]
async fn a_card_changed_by_someone_else_is_labelled_and_highlighted_until_opened() {
    js_sys::eval("window.__seen = false;").unwrap();
    screen_shell(&page(), &screen());
    let root = mount(Screen::Customers);
    let dao = wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    assert!(has_class(&dao, "unseen"), "highlighted");
    let mark = find(&dao, ".unseen-mark").text_content().unwrap();
    assert_eq!(mark, "Có thay đổi từ lần xem trước");
    let label = find(&dao, ".card-updated").text_content().unwrap();
    assert!(label.starts_with("Cập nhật 27/11/2026"), "{label}");
    assert!(label.ends_with("bởi Trần Minh"), "{label}");
    let an = wait_for_text(&root, ".customer-card", "Trần Văn An").await;
    assert!(!has_class(&an, "unseen"), "her own change");
    assert!(find(&an, ".card-updated")
        .text_content()
        .unwrap()
        .contains("bởi Lan"));

    // Opening it tells the shell; back on the screen it is no longer highlighted.
    dao.unchecked_ref::<HtmlElement>().click();
    wait_until("the customer marked seen", || {
        sent("mark_customer_seen") == vec![r#"{"id":"c1"}"#.to_owned()]
    })
    .await;
    let form = wait_for(&root, "form.customer-form").await;
    button(&form, "Khách hàng").click();
    let dao = wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    wait_until("the highlight gone", || !has_class(&dao, "unseen")).await;
    assert!(dao.query_selector(".unseen-mark").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_list_shows_the_update_and_both_views_sort_by_last_updated() {
    js_sys::eval("window.__seen = false;").unwrap();
    screen_shell(&page(), &screen());
    let root = mount(Screen::Customers);
    wait_for_text(&root, ".customer-card", "Nguyễn Thị Đào").await;
    choose(&root, "#customer-sort", "updated_at");
    wait_until("a page sorted by last updated", || {
        last_query_at("sort") == r#""updated_at""#
    })
    .await;
    assert_eq!(last_query_at("descending"), "true", "newest first");
    assert_eq!(last_query_at("offset"), "0");
    // The list keeps the sort, shows the column, and highlights the row.
    labelled(&root, "Danh sách").click();
    let row = wait_for(&root, "tr.customer-row.unseen").await;
    let updated = find(&row, ".col-updated").text_content().unwrap();
    assert!(updated.contains("Trần Minh"), "{updated}");
    assert_eq!(last_query_at("sort"), r#""updated_at""#);
    choose(&root, "#customer-sort", "name");
    wait_until("back to names", || last_query_at("sort") == r#""name""#).await;
    assert_eq!(last_query_at("descending"), "false");
}
