//! Duplicates and merges on the form: a new customer's Save asks `find_duplicates` first and,
//! with candidates, shows them with why they look alike; "Vẫn tạo mới" creates, "Quay lại"
//! creates nothing, "Mở khách hàng này" opens the existing one. On a stored customer, "Gộp…"
//! offers its likely duplicates, a value per differing field, and sends the choices; the merge
//! notice's "Hoàn tác gộp" sends the undo.

use super::super::screen_support::{find, sent, wait_until};
use super::*;

/// `find_duplicates` answers one candidate, Công ty Hoa Sen, sharing the phone.
fn one_candidate() {
    answer(
        "find_duplicates",
        &format!(
            "args => [{{customer: {}, reasons: [{{kind: 'phone'}}, {{kind: 'similar_name', percent: 91}}]}}]",
            row("c2", "Công ty Hoa Sen", "", "kind: 'company', city: 'Huế', phone: '+84 903 123 456'")
        ),
    );
}

#[wasm_bindgen_test]
async fn a_likely_duplicate_is_shown_before_creating_and_create_anyway_creates() {
    form_shell(true);
    one_candidate();
    let root = mount_form(None);
    wait_for(&root, "#customer-name").await;
    type_into(&root, "Tên khách hàng", "Cty Hoa Sen");
    button(&root, "Lưu").click();
    let dialog = wait_for(&root, ".duplicate-warning").await;
    let text = dialog.text_content().unwrap_or_default();
    for expected in [
        "Công ty Hoa Sen",
        "Huế",
        "cùng số điện thoại",
        "tên gần giống, cùng thành phố (91%)",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(
        sent("create_customer").is_empty(),
        "nothing is created while it asks"
    );
    assert!(sent("find_duplicates")[0].contains(r#""name":"Cty Hoa Sen""#));

    button(&root, "Quay lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".duplicate-warning").unwrap().is_none()
    })
    .await;
    assert!(sent("create_customer").is_empty());

    button(&root, "Lưu").click();
    wait_for(&root, ".duplicate-warning").await;
    button(&root, "Vẫn tạo mới").click();
    wait_for_text(&root, ".harness-report", "saved Cty Hoa Sen").await;
    assert_eq!(sent("create_customer").len(), 1);
}

#[wasm_bindgen_test]
async fn without_candidates_save_creates_at_once() {
    form_shell(true);
    answer("find_duplicates", "args => []");
    let root = mount_form(None);
    wait_for(&root, "#customer-name").await;
    type_into(&root, "Tên khách hàng", "Công ty Mới Tinh");
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved Công ty Mới Tinh").await;
    assert_eq!(sent("find_duplicates").len(), 1);
    assert!(root.query_selector(".duplicate-warning").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn merge_sends_the_chosen_values_and_the_notice_undoes_it() {
    let root = loaded_form(true).await;
    one_candidate();
    // c2 as the merge dialog reads it; c1 as before.
    js_sys::eval(
        "const stored = window.__form['customer'];
         window.__form['customer'] = args => args.id === 'c2'
            ? {id: 'c2', draft: {kind: 'company', name: 'Công ty Hoa Sen', phone: '+84 903 123 456',
                address: {city: 'Huế'}, tag_ids: []}}
            : stored(args);",
    )
    .unwrap();
    answer(
        "customer_merges",
        "args => window.__merged ? [{merge_id: 'm1', survivor: 'c1',
        survivor_name: 'Công ty Đông Á', absorbed: [['c2', 'Công ty Hoa Sen']], author: 'minh',
        time: '2026-11-28T03:00:00.000Z', replaced: [], undone: false}] : []",
    );
    answer(
        "merge_customers",
        "args => { window.__merged = true;
        return {merge_id: 'm1', contacts_moved: 0, activities_moved: 0}; }",
    );
    answer("undo_merge", "args => null");
    button(&root, "Gộp…").click();
    let dialog = wait_for(&root, ".merge-dialog").await;
    wait_for_text(&dialog, ".merge-suggestions", "Công ty Hoa Sen").await;
    button(&dialog, "Chọn").click();
    wait_for(&dialog, "table.merge-fields").await;
    let table = find(&dialog, "table.merge-fields")
        .text_content()
        .unwrap_or_default();
    assert!(
        table.contains("Điện thoại") && table.contains("+84 903 123 456"),
        "{table}"
    );
    assert!(
        !table.contains("Quốc gia") || table.contains("VN"),
        "{table}"
    );
    click_labelled_choice(&dialog, "+84 903 123 456");
    yew::scheduler::flush().await;
    button(&dialog, "Gộp").click();
    wait_until("the merge to be sent", || {
        !sent("merge_customers").is_empty()
    })
    .await;
    let merge = &sent("merge_customers")[0];
    assert!(
        merge.contains(r#""survivor":"c1""#) && merge.contains(r#""absorbed":["c2"]"#),
        "{merge}"
    );
    assert!(
        merge.contains(r#"{"field":"phone","from":"c2"}"#),
        "{merge}"
    );
    assert!(
        !merge.contains(r#""field":"name""#),
        "the survivor's own name is kept: {merge}"
    );
    let notice = wait_for_text(&root, ".merge-notice", "Công ty Hoa Sen").await;
    assert!(root.query_selector(".merge-dialog").unwrap().is_none());
    button(&notice, "Hoàn tác gộp").click();
    wait_until("the undo to be sent", || !sent("undo_merge").is_empty()).await;
    assert_eq!(sent("undo_merge")[0], r#"{"survivor":"c1","mergeId":"m1"}"#);
}
