//! The form's History tab: each change with who (display name) and when, each field by its form
//! label (a contact's and a note's with their record, a tag by its name), old → new; "Cũ hơn"
//! asks for the page before the last change shown; "Khôi phục giá trị này" sends the field and
//! its old value, then the customer and the first page are read again. A posted note offers no
//! restore. The customer's merges head the tab, and "Hoàn tác gộp" there undoes one.

use super::super::screen_support::{find, sent, texts, wait_until};
use super::*;

/// Two pages of history: a phone change by Minh and Lan's contact email and note, then (older)
/// the receipt reminder switched on.
fn two_pages() {
    answer(
        "customer_history_page",
        "args => args.before === 'h2'
            ? {more: false, entries: [{change: 'h1', author: 'lan', author_name: 'Nguyễn Thị Lan',
                time: Date.UTC(2026, 10, 20, 3, 0), fields: [
                {place: {scope: {kind: 'customer'}, key: 'receipt_reminder'}, before: '', after: 'true'},
                {place: {scope: {kind: 'customer'}, key: 'tags'}, before: '', after: 't1'}]}]}
            : {more: true, entries: [
                {change: 'h3', author: 'minh', author_name: 'Trần Minh', time: Date.UTC(2026, 10, 28, 6, 1),
                 fields: [{place: {scope: {kind: 'customer'}, key: 'phone'},
                           before: '+84 903 111 222', after: '+84 903 999 000'}]},
                {change: 'h2', author: 'lan', author_name: 'Nguyễn Thị Lan', time: Date.UTC(2026, 10, 27, 2, 0),
                 fields: [{place: {scope: {kind: 'contact', id: 'k1', name: 'Kế toán'}, key: 'email'},
                           before: 'a@donga.vn', after: 'ketoan@donga.vn'},
                          {place: {scope: {kind: 'note', id: 'n1'}, key: 'text'},
                           before: '', after: '@lan gọi lại cho khách'}]}]}",
    );
    answer(
        "restore_history_value",
        "args => window.__row(args.id, {name: 'Công ty Đông Á', phone: args.value})",
    );
}

async fn history_tab() -> Element {
    form_shell(true);
    two_pages();
    history_tab_with_answers().await
}

/// Mounts the form of c1 on the shell already answered, and opens its History tab.
async fn history_tab_with_answers() -> Element {
    let root = mount_form(Some("c1"));
    wait_for(&root, "#customer-name").await;
    button(&root, "Lịch sử").click();
    wait_until("the first page", || {
        root.query_selector_all(".history-entry").unwrap().length() == 2
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn the_history_tab_shows_who_when_which_field_and_old_to_new() {
    let root = history_tab().await;
    assert_eq!(
        sent("customer_history_page")[0],
        r#"{"id":"c1","limit":50}"#
    );
    assert_eq!(
        texts(&root, ".history-author"),
        ["Trần Minh", "Nguyễn Thị Lan"]
    );
    assert!(texts(&root, ".history-when")[0].contains("/11/2026"));
    let fields: Vec<String> = texts(&root, ".history-field")
        .into_iter()
        .map(|f| f.replace("Khôi phục giá trị này", "").trim().to_owned())
        .collect();
    assert_eq!(
        fields,
        [
            "Điện thoại: +84 903 111 222 → +84 903 999 000",
            "Liên hệ Kế toán: Email: a@donga.vn → ketoan@donga.vn",
            "Ghi chú nội bộ: (trống) → @lan gọi lại cho khách",
        ]
    );
    assert_eq!(
        root.query_selector_all(".restore-value").unwrap().length(),
        2,
        "a posted note is not restored"
    );

    button(&root, "Cũ hơn").click();
    wait_until("the older page", || {
        root.query_selector_all(".history-entry").unwrap().length() == 3
    })
    .await;
    assert!(sent("customer_history_page")[1].contains(r#""before":"h2""#));
    let oldest = root
        .query_selector_all(".history-entry")
        .unwrap()
        .item(2)
        .unwrap();
    let oldest: Element = oldest.unchecked_into();
    assert!(find(&oldest, ".history-field")
        .text_content()
        .unwrap()
        .contains("Nhắc nhở nhận hàng: (trống) → Có"));
    wait_until("a tag by its name", || {
        oldest
            .text_content()
            .unwrap()
            .contains("Từ khoá: (trống) → khách lẻ")
    })
    .await;
    assert!(
        !texts(&root, "button").iter().any(|b| b == "Cũ hơn"),
        "no older page left"
    );
}

#[wasm_bindgen_test]
async fn restoring_a_value_sends_its_field_and_reads_the_customer_again() {
    let root = history_tab().await;
    let reads = sent("customer").len();
    let pages = sent("customer_history_page").len();
    let phone = root.query_selector(".history-field").unwrap().unwrap();
    button(&phone, "Khôi phục giá trị này").click();
    wait_until("the restore", || sent("restore_history_value").len() == 1).await;
    let restore = &sent("restore_history_value")[0];
    for part in [
        r#""id":"c1""#,
        r#""place":{"scope":{"kind":"customer"},"key":"phone"}"#,
        r#""value":"+84 903 111 222""#,
    ] {
        assert!(restore.contains(part), "{restore}");
    }
    wait_until("the customer and its history read again", || {
        sent("customer").len() > reads && sent("customer_history_page").len() > pages
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_new_customer_has_no_history_tab() {
    form_shell(true);
    let root = mount_form(None);
    wait_for(&root, "#customer-name").await;
    assert!(!texts(&root, "[role=tab]").iter().any(|t| t == "Lịch sử"));
}

#[wasm_bindgen_test]
async fn the_history_tab_lists_the_merges_and_undoes_one() {
    form_shell(true);
    two_pages();
    js_sys::eval("window.__undone = false;").unwrap();
    answer(
        "customer_merges",
        "args => [{merge_id: 'm1', survivor: 'c1', survivor_name: 'Công ty Đông Á',
            absorbed: [['c2', 'Công ty Hoa Sen']], author: 'minh',
            time: '2026-11-28T03:00:00.000Z', replaced: [], undone: !!window.__undone}]",
    );
    answer(
        "undo_merge",
        "args => { window.__undone = true; return null; }",
    );
    let root = history_tab_with_answers().await;
    let merges = wait_for_text(&root, ".history-merges", "Công ty Hoa Sen").await;
    assert!(find(&merges, "h3").text_content().unwrap() == "Gộp khách hàng");
    let reads = sent("customer").len();
    button(&merges, "Hoàn tác gộp").click();
    wait_until("the undo to be sent", || !sent("undo_merge").is_empty()).await;
    assert_eq!(sent("undo_merge")[0], r#"{"survivor":"c1","mergeId":"m1"}"#);
    wait_for_text(&root, ".history-merges", "đã hoàn tác").await;
    wait_until("the customer read again", || sent("customer").len() > reads).await;
}
