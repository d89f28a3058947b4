//! The form and the version it shows: Save sends the document heads the customer was loaded
//! at and takes the new ones after, and a sync that changes the open customer shows in place
//! unless the user is editing (then their Save merges from the version they started at).

use super::super::screen_support::{sent, wait_until};
use super::*;

/// Answers `customer` for `c1` with the stored record plus `heads` and `phone` read from
/// `window.__version` (changed by the test as the replica's version would change).
pub(super) fn versioned_customer() {
    js_sys::eval(
        "window.__version = {heads: ['aa11'], phone: '028 3822 0000'};
         window.__form['customer'] = (base => args =>
             Object.assign(base(args), {heads: window.__version.heads},
                 args.id === 'c1' ? {draft: Object.assign(base(args).draft, {phone: window.__version.phone})} : {})
         )(window.__form['customer']);",
    )
    .unwrap();
}

pub(super) fn set_version(heads: &str, phone: &str) {
    js_sys::eval(&format!(
        "window.__version = {{heads: ['{heads}'], phone: '{phone}'}};"
    ))
    .unwrap();
}

pub(super) use super::super::screen_support::{records_changed, with_events};

pub(super) async fn open_c1() -> Element {
    let root = mount_form(Some("c1"));
    wait_until("the stored name", || {
        root.query_selector("#customer-name").unwrap().is_some()
            && value(&root, "#customer-name") == "Công ty Đông Á"
    })
    .await;
    root
}

#[wasm_bindgen_test]
async fn save_sends_the_heads_the_form_was_loaded_at_and_takes_the_new_ones() {
    form_shell(true);
    versioned_customer();
    let root = open_c1().await;
    type_into(&root, "Email", "banhang@donga.vn");
    set_version("bb22", "028 3822 0000");
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved").await;
    let update = sent("update_customer");
    assert!(update[0].contains(r#""heads":["aa11"]"#), "{}", update[0]);
    wait_until("the saved customer read again", || {
        sent("customer").len() == 2
    })
    .await;
    type_into(&root, "Email", "kinhdoanh@donga.vn");
    button(&root, "Lưu").click();
    wait_until("a second save", || sent("update_customer").len() == 2).await;
    let update = sent("update_customer");
    assert!(update[1].contains(r#""heads":["bb22"]"#), "{}", update[1]);
    wait_until("read again after the second save", || {
        sent("customer").len() == 3
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_synced_change_shows_in_place_unless_the_form_is_edited() {
    form_shell(true);
    versioned_customer();
    with_events();
    let root = open_c1().await;
    // Another customer changed: nothing is read again.
    let before = sent("customer");
    records_changed("['c9']");
    yew::scheduler::flush().await;
    assert_eq!(sent("customer"), before);
    // Minh's new phone reaches the device: the unedited form shows it.
    set_version("bb22", "0903 999 000");
    records_changed("['c1']");
    wait_until("the new phone in place", || {
        value(&root, "#customer-phone") == "0903 999 000"
    })
    .await;
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_none());
    // Editing: a further change does not replace what the user types, and Save sends the
    // version the edits started from.
    type_into(&root, "Email", "banhang@donga.vn");
    set_version("cc33", "0903 111 000");
    records_changed("['c1']");
    wait_until("the change read", || sent("customer").len() == 3).await;
    yew::scheduler::flush().await;
    assert_eq!(value(&root, "#customer-email"), "banhang@donga.vn");
    assert_eq!(value(&root, "#customer-phone"), "0903 999 000");
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved").await;
    let update = sent("update_customer");
    assert!(update[0].contains(r#""heads":["bb22"]"#), "{}", update[0]);
}
