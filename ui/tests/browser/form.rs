//! The customer form against the fake shell: editing loads every stored value, Save sends the
//! changes, refusals show under their fields, and tags are created on the fly. Unsaved changes
//! are guarded in `form_guard.rs`, the tabs are in `form_tabs.rs`.

use super::screen_support::{find, press, sent, set_value, wait_until};
use super::*;
use support::*;

/// The fake shell answering the form's commands, the form in its guard, reading controls.
#[path = "form_support.rs"]
mod support;

#[wasm_bindgen_test]
async fn editing_loads_every_stored_value_into_the_form() {
    let root = loaded_form(true).await;
    assert_eq!(sent("customer"), vec![r#"{"id":"c1"}"#.to_owned()]);
    for (css, expected) in [
        ("#customer-street", "12 Lê Lợi"),
        ("#customer-street2", "Bến Nghé"),
        ("#customer-city", "Hồ Chí Minh"),
        ("#customer-zip", "700000"),
        ("#customer-country", "VN"),
        ("#customer-tax_id", "0312345673"),
        ("#customer-phone", "028 3822 0000"),
        ("#customer-mobile", "0903 123 456"),
        ("#customer-email", "lienhe@donga.vn"),
        ("#customer-website", "donga.vn"),
    ] {
        assert_eq!(value(&root, css), expected, "{css}");
    }
    assert!(checked(&root, "input[name=kind][value=company]"));
    assert!(
        root.query_selector("#customer-company").unwrap().is_none(),
        "a company works for no company"
    );
    let tags = root
        .query_selector(".tag-input")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        tags.contains("khách lẻ") && !tags.contains("bán sỉ"),
        "{tags}"
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("Khách hàng / Công ty Đông Á"));
    // Contacts & Addresses is the first tab.
    let cards = root.query_selector_all(".contact-card").unwrap();
    assert_eq!(cards.length(), 2);
    let invoice = root
        .query_selector(".contact-card.invoice")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    for shown in [
        "Địa chỉ xuất hoá đơn",
        "Kế toán",
        "ketoan@donga.vn",
        "12 Lê Lợi, Hồ Chí Minh, VN",
    ] {
        assert!(invoice.contains(shown), "{shown} in {invoice}");
    }
    button(&root, "Bán hàng & Mua hàng").click();
    wait_for(&root, "#customer-salesperson_id").await;
    assert_eq!(value(&root, "#customer-salesperson_id"), "u1");
    assert_eq!(value(&root, "#customer-payment_terms_id"), "30_days");
    assert_eq!(value(&root, "#customer-pricelist_id"), "");
    assert_eq!(value(&root, "#customer-purchase_payment_terms_id"), "");
    assert!(checked(&root, "#customer-receipt_reminder"));
    button(&root, "Ghi chú nội bộ").click();
    wait_for(&root, "#customer-notes").await;
    assert_eq!(value(&root, "#customer-notes"), "Giao hàng buổi sáng");
    let note = wait_for(&root, ".note").await;
    let text = note.text_content().unwrap();
    assert!(
        // The author by the team's display name (login `minh`).
        text.contains("Trần Minh") && text.contains("@lan gọi lại cho khách"),
        "{text}"
    );
    assert_eq!(
        note.query_selector(".mention")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "@lan"
    );
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn save_sends_the_changed_customer_to_update_customer() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Công ty TNHH Đông Á");
    type_into(&root, "Email", "banhang@donga.vn");
    // An existing tag by its name, then Enter.
    set_value(&root, "#customer-tags", "Bán sỉ", "input");
    yew::scheduler::flush().await;
    press(&root, "#customer-tags", "Enter");
    wait_for_text(&root, ".tag-input", "bán sỉ").await;
    button(&root, "Bán hàng & Mua hàng").click();
    wait_for(&root, "#customer-salesperson_id").await;
    set_value(&root, "#customer-salesperson_id", "u2", "change");
    set_value(&root, "#customer-pricelist_id", "retail", "change");
    find(&root, "#customer-receipt_reminder").click();
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_some());
    assert!(
        sent("create_tag").is_empty(),
        "an existing tag is not created again"
    );
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved Công ty TNHH Đông Á").await;
    let update = sent("update_customer");
    assert_eq!(update.len(), 1, "{update:?}");
    for expected in [
        r#""id":"c1""#,
        r#""name":"Công ty TNHH Đông Á""#,
        r#""email":"banhang@donga.vn""#,
        r#""tag_ids":["t1","t2"]"#,
        r#""salesperson_id":"u2""#,
        r#""pricelist_id":"retail""#,
        r#""receipt_reminder":false"#,
        r#""city":"Hồ Chí Minh""#,
        r#""notes":"Giao hàng buổi sáng""#,
    ] {
        assert!(update[0].contains(expected), "{expected} in {}", update[0]);
    }
    assert!(sent("create_customer").is_empty());
    wait_until("the form to be clean", || {
        root.query_selector("form.customer-form.dirty")
            .unwrap()
            .is_none()
    })
    .await;
    // Saved: Discard closes without asking.
    button(&root, "Hủy bỏ").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_refused_save_shows_each_error_under_its_field_and_focuses_the_first() {
    let root = loaded_form(true).await;
    answer(
        "update_customer",
        "args => Promise.reject({code: 'validation', message: 'bad', field: 'phone', field_errors: [
            {field: 'phone', problem: 'phone_invalid', message: 'not a phone'},
            {field: 'website', problem: 'invalid_website', message: 'not a website'}]})",
    );
    type_into(&root, "Điện thoại", "abc");
    type_into(&root, "Trang web", "http//donga");
    button(&root, "Lưu").click();
    let phone_error = wait_for(&root, "#customer-phone-error").await;
    assert!(phone_error
        .text_content()
        .unwrap()
        .contains("chỉ dùng chữ số"));
    let website_error = wait_for(&root, "#customer-website-error").await;
    assert!(website_error
        .text_content()
        .unwrap()
        .contains("Trang web chưa đúng"));
    let phone = root.query_selector("#customer-phone").unwrap().unwrap();
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        phone.get_attribute("aria-describedby").as_deref(),
        Some("customer-phone-error")
    );
    assert_eq!(
        value(&root, "#customer-phone"),
        "abc",
        "the typed value stays"
    );
    let email = root.query_selector("#customer-email").unwrap().unwrap();
    assert_eq!(
        email.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    wait_until("focus on the first field in error", || {
        document()
            .active_element()
            .and_then(|e| e.get_attribute("id"))
            .as_deref()
            == Some("customer-phone")
    })
    .await;
    assert!(!root.text_content().unwrap().contains("saved"));
    // A failure that is not about a field is said above the fields.
    answer(
        "update_customer",
        "args => Promise.reject({code: 'storage', message: 'disk full'})",
    );
    button(&root, "Lưu").click();
    let general = wait_for(&root, ".form-error").await;
    assert!(general.text_content().unwrap().contains("disk full"));
}

#[wasm_bindgen_test]
async fn a_new_tag_is_created_on_the_fly_and_saved_with_the_customer() {
    let root = loaded_form(true).await;
    set_value(&root, "#customer-tags", "khách quen", "input");
    yew::scheduler::flush().await;
    let create = wait_for(&root, ".tag-create").await;
    assert!(create.text_content().unwrap().contains("khách quen"));
    press(&root, "#customer-tags", "Enter");
    wait_for_text(&root, ".tag-input .tag-chip", "khách quen").await;
    let created = sent("create_tag");
    assert_eq!(created.len(), 1);
    assert!(
        created[0].contains(r#""name":"khách quen""#),
        "{}",
        created[0]
    );
    assert_eq!(value(&root, "#customer-tags"), "");
    // × takes a tag off again; Save sends what is chosen.
    labelled(&root, "Bỏ từ khoá khách lẻ").click();
    yew::scheduler::flush().await;
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved").await;
    assert!(
        sent("update_customer")[0].contains(r#""tag_ids":["tag-new"]"#),
        "{:?}",
        sent("update_customer")
    );
}

/// Unsaved changes: closing, Discard, opening another customer and leaving through the menu.
#[path = "form_guard.rs"]
mod guard;

/// The tabs: the contact dialog, private addresses, the notes log; and the header's star and
/// archive.
#[path = "form_tabs.rs"]
mod tabs;

/// The version the form shows: heads sent with Save, a synced change shown in place.
#[path = "form_follows.rs"]
mod follows;

/// Edited while someone else changed the customer: the banner, the marked fields, the merge.
#[path = "form_changed.rs"]
mod changed;

/// history: the History tab (who, when, old → new, older pages, restoring a value).
#[path = "form_history.rs"]
mod history;

/// history: the form's conflict lines and the review that keeps one value.
#[path = "conflict_review.rs"]
mod conflict_review;

/// Duplicates and merges: the likely-duplicate dialog on create, the merge dialog and Undo.
#[path = "form_duplicates.rs"]
mod duplicates;
