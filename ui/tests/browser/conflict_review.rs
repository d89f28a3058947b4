//! The form's conflict lines and their review: "2 giá trị cho Điện thoại" on the form; the
//! review shows each value with who (display name) and when, the shown one marked; keeping one
//! sends its value id, the form reads the customer again and the line goes.

use super::super::screen_support::{find, sent, texts, wait_until};
use super::*;

/// Customer `c1` has two phones from Lan and Minh until a value is kept.
fn conflicted_phone() {
    js_sys::eval(
        "window.__conflicts = [{place: {scope: {kind: 'customer'}, key: 'phone'}, values: [
             {value_id: '7@aa11', value: '+84 903 555 666', author: 'lan', author_name: 'Nguyễn Thị Lan',
              time: Date.UTC(2026, 10, 28, 6, 5), shown: true},
             {value_id: '6@bb22', value: '+84 903 999 000', author: 'minh', author_name: 'Trần Minh',
              time: Date.UTC(2026, 10, 28, 6, 1), shown: false}]}];",
    )
    .unwrap();
    answer("customer_conflicts", "args => window.__conflicts");
    answer(
        "keep_conflict_value",
        "args => { window.__conflicts = []; return window.__row(args.id, {name: 'Công ty Đông Á', phone: '+84 903 999 000'}); }",
    );
}

#[wasm_bindgen_test]
async fn keeping_a_value_clears_the_forms_mark() {
    form_shell(true);
    conflicted_phone();
    let root = mount_form(Some("c1"));
    let line = wait_for_text(
        &root,
        ".form-conflicts .conflict-line",
        "2 giá trị cho Điện thoại",
    )
    .await;
    assert_eq!(sent("customer_conflicts")[0], r#"{"id":"c1"}"#);
    line.unchecked_into::<HtmlElement>().click();
    let dialog = wait_for(&root, ".conflict-review[role=dialog]").await;
    assert_eq!(
        dialog.get_attribute("aria-label").as_deref(),
        Some("Xung đột: 2 giá trị cho Điện thoại")
    );
    let values = texts(&dialog, ".conflict-value-text");
    assert_eq!(values, ["+84 903 555 666", "+84 903 999 000"]);
    let who = texts(&dialog, ".conflict-author");
    assert_eq!(who, ["Nguyễn Thị Lan", "Trần Minh"]);
    let when = texts(&dialog, ".conflict-when");
    assert!(when.iter().all(|w| w.contains("/11/2026")), "{when:?}");
    assert!(find(&dialog, ".conflict-value.shown")
        .text_content()
        .unwrap()
        .contains("đang hiển thị"));

    let customer_reads = sent("customer").len();
    let keep = dialog.query_selector_all(".keep-value").unwrap();
    assert_eq!(keep.length(), 2);
    keep.item(1)
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    wait_until("the value kept", || sent("keep_conflict_value").len() == 1).await;
    let kept = &sent("keep_conflict_value")[0];
    for part in [
        r#""id":"c1""#,
        r#""value_id":"6@bb22""#,
        r#""place":{"scope":{"kind":"customer"},"key":"phone"}"#,
    ] {
        assert!(kept.contains(part), "{kept}");
    }
    wait_until("the mark gone", || {
        root.query_selector(".form-conflicts").unwrap().is_none()
            && root.query_selector(".conflict-review").unwrap().is_none()
    })
    .await;
    wait_until("the customer read again", || {
        sent("customer").len() > customer_reads
    })
    .await;
}

#[wasm_bindgen_test]
async fn close_leaves_the_values_as_they_are() {
    form_shell(true);
    conflicted_phone();
    let root = mount_form(Some("c1"));
    wait_for_text(&root, ".conflict-line", "2 giá trị cho Điện thoại")
        .await
        .unchecked_into::<HtmlElement>()
        .click();
    let dialog = wait_for(&root, ".conflict-review").await;
    button(&dialog, "Đóng").click();
    wait_until("the dialog closed", || {
        root.query_selector(".conflict-review").unwrap().is_none()
    })
    .await;
    assert!(sent("keep_conflict_value").is_empty());
    assert!(root.query_selector(".conflict-line").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_customer_without_conflicts_shows_no_mark() {
    form_shell(true);
    answer("customer_conflicts", "args => []");
    let root = mount_form(Some("c1"));
    wait_until("the conflicts asked", || {
        !sent("customer_conflicts").is_empty()
    })
    .await;
    yew::scheduler::flush().await;
    assert!(root.query_selector(".form-conflicts").unwrap().is_none());
}
