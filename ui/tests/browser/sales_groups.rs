//! The sales windows' Group By and pager (issue 13) against the fake shell: grouping invoices
//! by state shows the folded groups with their counts and totals, unfolding one sends the list
//! query narrowed to it and shows its rows; the pager reads "1-80 / 1.234" and its next button
//! asks for the rows from 80; each window offers only the groupings its records have; a sync
//! that brings records refreshes the rows and the groups.

use super::screen_support::{
    find, open_menu, records_changed, sent, texts, wait_until, with_events,
};
use super::*;

/// Adds `handlers` (a JS object of command name → function of the args) to the fake shell.
fn answer(handlers: &str) {
    js_sys::eval(&format!("Object.assign(window.__screen, {handlers});"))
        .expect("the handlers script runs");
}

/// The latest arguments `cmd` was sent, as JSON text.
fn last_sent(cmd: &str) -> String {
    sent(cmd).pop().unwrap_or_default()
}

/// Whether the button `control` is disabled.
fn disabled(control: &HtmlElement) -> bool {
    js_sys::Reflect::get(control, &"disabled".into())
        .unwrap()
        .as_bool()
        .unwrap_or(false)
}

/// JS: an invoice row (`InvoiceSummary`) of Đào's.
fn invoice(id: &str, number: &str, state: &str, total: u32) -> String {
    format!(
        "{{id: '{id}', customer_id: 'c1', customer_name: 'Nguyễn Thị Đào', order_id: null,
          provisional_number: 'D1-HD-{id}', number: '{number}', state: '{state}',
          date: '2026-11-28', total: {total}, residual: {total}}}"
    )
}

#[wasm_bindgen_test]
async fn grouping_invoices_by_state_folds_them_and_a_group_unfolds_to_its_rows() {
    fake_shell("[]", "args => Promise.reject('unused')");
    let posted = format!(
        "[{}, {}]",
        invoice("i1", "INV/2026/0001", "posted", 1_250_000),
        invoice("i2", "INV/2026/0002", "posted", 330_000)
    );
    let draft = format!("[{}]", invoice("i3", "", "draft", 99_000));
    answer(&format!(
        "{{list_invoices: args => {{
              const group = args.query.group;
              if (!group) return {posted}.concat({draft});
              return group.key === 'posted' ? {posted} : {draft};
          }},
          group_sales: args => [
              {{key: 'posted', label: 'posted', count: 2, total: 1580000}},
              {{key: 'draft', label: 'draft', count: 1, total: 99000}}]}}"
    ));
    let root = mount(Screen::Sales(SalesWindow::Invoices));
    wait_for_text(&root, ".sales-row", "INV/2026/0002").await;

    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    assert_eq!(
        texts(&panel, "[role=menuitemradio]"),
        vec!["Khách hàng", "Trạng thái", "Tháng", "Nhân viên kinh doanh"]
    );
    find(&panel, "[data-group=state]").click();
    wait_until("two folded groups", || {
        root.query_selector_all(".sales-group").unwrap().length() == 2
    })
    .await;
    let asked = last_sent("group_sales");
    for part in [r#""class":"invoices""#, r#""groupBy":"state""#] {
        assert!(asked.contains(part), "{part} in {asked}");
    }
    assert_eq!(
        texts(&root, ".sales-group .group-name"),
        vec!["Đã vào sổ", "Nháp"]
    );
    assert_eq!(
        texts(&root, ".sales-group .group-count"),
        vec!["(2)", "(1)"]
    );
    assert_eq!(
        texts(&root, ".sales-group .group-total"),
        vec!["1.580.000 ₫", "99.000 ₫"]
    );
    assert!(
        root.query_selector(".sales-row").unwrap().is_none(),
        "the groups start folded"
    );
    assert!(
        root.query_selector(".sales-pager").unwrap().is_none(),
        "grouped, the window's pager gives way to the groups"
    );

    let lists_before = sent("list_invoices").len();
    let posted_group = find(&root, ".sales-group[data-group=posted]");
    find(&posted_group, ".list-group-head").click();
    wait_until("the posted group's two rows", || {
        posted_group
            .query_selector_all(".sales-row")
            .unwrap()
            .length()
            == 2
    })
    .await;
    let lists = sent("list_invoices");
    assert_eq!(lists.len(), lists_before + 1, "one list query: {lists:?}");
    let narrowed = lists.last().unwrap();
    for part in [
        r#""group":{"by":"state","key":"posted"}"#,
        r#""offset":0"#,
        r#""limit":80"#,
    ] {
        assert!(narrowed.contains(part), "{part} in {narrowed}");
    }
    assert_eq!(
        texts(&posted_group, ".sales-row .sales-number"),
        vec!["INV/2026/0001", "INV/2026/0002"]
    );
    let draft_group = find(&root, ".sales-group[data-group=draft]");
    assert!(
        draft_group.query_selector(".sales-row").unwrap().is_none(),
        "the other group stays folded"
    );
    // Choosing the grouping in force again lists the rows ungrouped.
    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    find(&panel, "[data-group=state]").click();
    wait_until("the ungrouped rows", || {
        root.query_selector(".sales-group").unwrap().is_none()
            && root.query_selector_all(".sales-row").unwrap().length() == 3
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_pager_shows_the_range_and_next_asks_for_the_rows_from_80() {
    fake_shell("[]", "args => Promise.reject('unused')");
    // 1.234 sales orders, answered a page at a time.
    answer(
        "{list_orders: args => {
              const from = args.query.offset || 0;
              const n = Math.max(0, Math.min(args.query.limit, 1234 - from));
              return Array.from({length: n}, (_, i) => ({id: 'o' + (from + i),
                  customer_id: 'c1', customer_name: 'Nguyễn Thị Đào',
                  provisional_number: 'D1-' + (from + i), number: '', state: 'sale',
                  date: '2026-11-28', total: 1000}));
          },
          count_sales: args => 1234}",
    );
    let root = mount(Screen::Sales(SalesWindow::SalesOrders));
    let pager = wait_for_text(&root, ".pager-value", "1-80 / 1.234").await;
    assert_eq!(root.query_selector_all(".sales-row").unwrap().length(), 80);
    let first = last_sent("list_orders");
    assert!(first.contains(r#""limit":80"#), "{first}");
    assert!(first.contains(r#""offset":0"#), "{first}");
    let counted = last_sent("count_sales");
    assert!(counted.contains(r#""class":"orders""#), "{counted}");
    let previous: HtmlElement = labelled(&root, "Trang trước");
    assert!(disabled(&previous), "no page before the first");

    labelled(&root, "Trang sau").click();
    wait_until("the second page", || {
        pager.text_content().unwrap_or_default() == "81-160 / 1.234"
    })
    .await;
    let second = last_sent("list_orders");
    assert!(second.contains(r#""offset":80"#), "{second}");
    wait_for_text(&root, ".sales-row", "D1-80").await;
    assert!(
        root.query_selector("[data-id=o0]").unwrap().is_none(),
        "the first page's rows are gone"
    );
    assert!(!disabled(&previous));

    // A new search starts again from the first row.
    type_text(&labelled(&root, "Tìm kiếm").unchecked_into(), "D1-1");
    wait_until("the search from the first row", || {
        let last = last_sent("list_orders");
        last.contains(r#""search":"D1-1""#) && last.contains(r#""offset":0"#)
    })
    .await;
    wait_until("the pager back on the first page", || {
        pager.text_content().unwrap_or_default() == "1-80 / 1.234"
    })
    .await;
}

#[wasm_bindgen_test]
async fn each_window_offers_only_the_groupings_its_records_have() {
    fake_shell("[]", "args => Promise.reject('unused')");
    answer(
        "{list_payments: args => [], list_purchases: args => [], list_products: args => [],
          group_sales: args => [{key: '2026-11', label: '2026-11', count: 3, total: 450000}]}",
    );
    let payments = mount(Screen::Sales(SalesWindow::Payments));
    wait_for(&payments, ".empty").await;
    let panel = open_menu(&payments, "group-by-menu", "Nhóm theo").await;
    assert_eq!(
        texts(&panel, "[role=menuitemradio]"),
        vec!["Khách hàng", "Trạng thái", "Tháng"],
        "payments have no salesperson"
    );
    find(&panel, "[data-group=month]").click();
    let name = wait_for(&payments, ".sales-group .group-name").await;
    assert_eq!(name.text_content().unwrap(), "11/2026");
    assert!(last_sent("group_sales").contains(r#""groupBy":"month""#));

    let purchases = mount(Screen::Sales(SalesWindow::Purchases));
    wait_for(&purchases, ".empty").await;
    let panel = open_menu(&purchases, "group-by-menu", "Nhóm theo").await;
    assert_eq!(
        texts(&panel, "[role=menuitemradio]"),
        vec!["Nhà cung cấp", "Trạng thái", "Tháng"]
    );

    let products = mount(Screen::Sales(SalesWindow::Products));
    wait_for(&products, ".empty").await;
    assert!(
        products.query_selector(".group-by-menu").unwrap().is_none(),
        "products do not group"
    );
}

#[wasm_bindgen_test]
async fn a_sync_that_brings_records_refreshes_the_rows_and_the_groups() {
    fake_shell("[]", "args => Promise.reject('unused')");
    with_events();
    // What the replica holds, changed below as a sync would change it.
    js_sys::eval(&format!(
        "window.__invoices = [{}];
         window.__groups = [{{key: 'posted', label: 'posted', count: 1, total: 1250000}}];",
        invoice("i1", "INV/2026/0001", "posted", 1_250_000)
    ))
    .unwrap();
    answer("{list_invoices: args => window.__invoices, group_sales: args => window.__groups}");
    let root = mount(Screen::Sales(SalesWindow::Invoices));
    wait_for_text(&root, ".sales-row", "INV/2026/0001").await;

    js_sys::eval(&format!(
        "window.__invoices.push({});
         window.__groups = [{{key: 'posted', label: 'posted', count: 2, total: 1580000}}];",
        invoice("i2", "INV/2026/0002", "posted", 330_000)
    ))
    .unwrap();
    records_changed("['i2']");
    wait_for_text(&root, ".sales-row", "INV/2026/0002").await;
    assert_eq!(
        texts(&root, ".sales-row .sales-number"),
        vec!["INV/2026/0001", "INV/2026/0002"]
    );

    let panel = open_menu(&root, "group-by-menu", "Nhóm theo").await;
    find(&panel, "[data-group=state]").click();
    wait_until("the posted group counting two", || {
        texts(&root, ".sales-group .group-count") == vec!["(2)"]
    })
    .await;
    js_sys::eval("window.__groups = [{key: 'posted', label: 'posted', count: 3, total: 1680000}];")
        .unwrap();
    records_changed("['i3']");
    wait_until("the group counted again", || {
        texts(&root, ".sales-group .group-count") == vec!["(3)"]
            && texts(&root, ".sales-group .group-total") == vec!["1.680.000 ₫"]
    })
    .await;
}
