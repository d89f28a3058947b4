//! The open form while a colleague changes the customer: edited, it keeps the user's values and
//! a banner names who changed which fields (the team's display names) and marks those fields;
//! the contacts follow the record meanwhile, and a contact's edit and Save each send the
//! version they started from.

use super::super::screen_support::{sent, wait_until};
use super::follows::{open_c1, records_changed, set_version, versioned_customer, with_events};
use super::*;

/// The computed outline style of the element matching `css` (which must exist in `root`).
fn outline(root: &Element, css: &str) -> String {
    assert!(root.query_selector(css).unwrap().is_some(), "{css}");
    js_sys::eval(&format!(
        "getComputedStyle(document.querySelector('{css}')).outlineStyle"
    ))
    .unwrap()
    .as_string()
    .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_edited_form_says_who_changed_which_fields_marks_them_and_saves_from_its_version() {
    form_shell(true);
    versioned_customer();
    with_events();
    answer(
        "changed_since",
        "args => [{field: 'phone', authors: ['minh'], names: ['Trần Minh']},
                  {field: 'website', authors: ['minh'], names: ['Trần Minh']}]",
    );
    let root = open_c1().await;
    assert!(root.query_selector(".changed-banner").unwrap().is_none());
    type_into(&root, "Email", "banhang@donga.vn");
    // Minh's phone and website reach the device while Lan edits.
    set_version("bb22", "0903 999 000");
    records_changed("['c1']");
    let banner = wait_for_text(&root, ".changed-banner", "Trần Minh").await;
    let text = banner.text_content().unwrap();
    assert!(
        text.contains("Trần Minh đã sửa Điện thoại, Trang web"),
        "{text}"
    );
    assert_eq!(
        sent("changed_since"),
        vec![r#"{"id":"c1","heads":["aa11"]}"#.to_owned()],
        "asked about the version the edits started from"
    );
    assert_eq!(outline(&root, "#customer-phone"), "solid", "phone marked");
    assert_eq!(
        outline(&root, "#customer-website"),
        "solid",
        "website marked"
    );
    assert_ne!(
        outline(&root, "#customer-email"),
        "solid",
        "email not marked"
    );
    assert_eq!(
        value(&root, "#customer-email"),
        "banhang@donga.vn",
        "edits kept"
    );
    assert_eq!(value(&root, "#customer-phone"), "028 3822 0000");

    // The contacts followed the record: a contact's edit goes at the version now shown.
    let card = wait_for_text(&root, ".contact-card", "Kế toán").await;
    button(&card, "Sửa").click();
    let dialog = wait_for(&root, ".contact-dialog").await;
    type_into(&dialog, "Email", "hoadon@donga.vn");
    button(&dialog, "Lưu").click();
    wait_until("the contact saved", || !sent("update_contact").is_empty()).await;
    let contact = &sent("update_contact")[0];
    assert!(contact.contains(r#""heads":["bb22"]"#), "{contact}");

    // Save merges from the edits' version; the banner goes.
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved").await;
    let update = &sent("update_customer")[0];
    assert!(update.contains(r#""heads":["aa11"]"#), "{update}");
    wait_until("the banner gone", || {
        root.query_selector(".changed-banner").unwrap().is_none()
    })
    .await;
}
