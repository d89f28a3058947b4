//! The unsaved-changes guard around the customer form: closing it (the breadcrumb, Esc) or
//! opening another customer asks first and Stay keeps the edits; Discard drops them without
//! asking; leaving through the app's menu asks too.

use super::*;

#[wasm_bindgen_test]
async fn closing_with_unsaved_changes_asks_first_and_stay_keeps_them() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Đông Á mới");
    yew::scheduler::flush().await;
    button(&root, "Khách hàng").click();
    let dialog = wait_for(&root, "[role=alertdialog].confirm-leave").await;
    assert!(dialog.text_content().unwrap().contains("chưa lưu"));
    assert_eq!(value(&root, "#customer-name"), "Đông Á mới");
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert_eq!(
        value(&root, "#customer-name"),
        "Đông Á mới",
        "Stay keeps the edit"
    );
    assert!(!root.text_content().unwrap().contains("closed"));
    // Esc closes the form too, and asks the same.
    let escape =
        js_sys::eval("new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})").unwrap();
    root.query_selector("#customer-email")
        .unwrap()
        .unwrap()
        .dispatch_event(&escape.unchecked_into())
        .unwrap();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector("form").unwrap().is_none());
    assert!(sent("update_customer").is_empty(), "nothing was saved");
}

#[wasm_bindgen_test]
async fn discard_drops_the_edits_without_asking() {
    let root = loaded_form(true).await;
    type_into(&root, "Tên khách hàng", "Đông Á mới");
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_some());
    button(&root, "Hủy bỏ").click();
    wait_for_text(&root, ".harness-report", "closed").await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
    assert!(sent("update_customer").is_empty(), "nothing was saved");
}

#[wasm_bindgen_test]
async fn opening_another_customer_with_unsaved_changes_asks_first() {
    let root = loaded_form(true).await;
    set_value(&root, "#customer-language", "en_US", "change");
    type_into(&root, "Email", "x@donga.vn");
    yew::scheduler::flush().await;
    button(&root, "Mở c2").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert_eq!(value(&root, "#customer-email"), "x@donga.vn");
    assert_eq!(sent("customer").len(), 1, "c2 was not opened");
    button(&root, "Mở c2").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_until("customer c2", || {
        root.query_selector("#customer-name").unwrap().is_some()
            && value(&root, "#customer-name") == "Trần Văn An"
    })
    .await;
    assert_eq!(
        value(&root, "#customer-language"),
        "",
        "no control keeps what was picked for the previous customer"
    );
    assert!(checked(&root, "input[name=kind][value=individual]"));
    // An individual picks the company they work for among the company customers.
    wait_until("the company list", || {
        root.query_selector("#customer-company option[value=c9]")
            .unwrap()
            .is_some()
    })
    .await;
    // Clean again: opening c2 anew needs no confirmation.
    button(&root, "Mở c2").click();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".confirm-leave").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn leaving_through_the_menu_with_unsaved_changes_asks_first() {
    form_shell(true);
    let root = mount(Screen::Customers);
    wait_for(&root, ".customer-card").await;
    button(&root, "Tạo").click();
    wait_for(&root, "form.customer-form").await;
    type_into(&root, "Tên khách hàng", "Khách mới");
    yew::scheduler::flush().await;
    labelled(&root, "Trang chủ").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Ở lại").click();
    wait_until("the dialog to close", || {
        root.query_selector(".confirm-leave").unwrap().is_none()
    })
    .await;
    assert!(root.query_selector(".home").unwrap().is_none());
    assert_eq!(value(&root, "#customer-name"), "Khách mới");
    labelled(&root, "Trang chủ").click();
    let dialog = wait_for(&root, ".confirm-leave").await;
    button(&dialog, "Bỏ thay đổi").click();
    wait_for(&root, ".home").await;
}
