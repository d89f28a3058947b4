//! The customer form's tabs against the fake shell: the contact dialog adds, edits and removes
//! each of the five types; private addresses stay hidden from users not allowed to see them;
//! notes are posted with their mentions; the star and archive act at once; and a new customer
//! gets contacts and notes only once saved.

use super::*;

#[wasm_bindgen_test]
async fn the_contact_dialog_offers_five_types_and_adds_a_delivery_address() {
    let root = loaded_form(true).await;
    answer(
        "add_contact",
        "(() => { let n = 0; return args => n++ === 0
            ? Promise.reject({code: 'validation', message: 'bad', field: 'email',
                field_errors: [{field: 'email', problem: 'invalid_email', message: 'not an email'}]})
            : 'k-new'; })()",
    );
    button(&root, "Thêm").click();
    let dialog = wait_for(&root, "[role=dialog].contact-dialog").await;
    let types: Vec<String> = {
        let labels = dialog.query_selector_all(".contact-types label").unwrap();
        (0..labels.length())
            .map(|i| {
                labels
                    .item(i)
                    .unwrap()
                    .text_content()
                    .unwrap()
                    .trim()
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(
        types,
        vec![
            "Liên hệ",
            "Địa chỉ xuất hoá đơn",
            "Địa chỉ giao hàng",
            "Địa chỉ khác",
            "Địa chỉ cá nhân"
        ]
    );
    // A contact person has a position and no address; an address type has the address.
    assert!(dialog
        .query_selector("#contact-function")
        .unwrap()
        .is_some());
    assert!(dialog.query_selector("#contact-street").unwrap().is_none());
    click_labelled_choice(&dialog, "Địa chỉ giao hàng");
    wait_for(&dialog, "#contact-street").await;
    type_into(&dialog, "Tên", "Kho Bình Dương");
    type_into(&dialog, "Email", "kho@");
    type_into(&dialog, "Số nhà, đường", "Lô B2, KCN Sóng Thần");
    type_into(&dialog, "Thành phố", "Dĩ An");
    button(&dialog, "Lưu").click();
    let error = wait_for(&dialog, "#contact-email-error").await;
    assert!(error.text_content().unwrap().contains("ten@congty.vn"));
    assert_eq!(
        value(&dialog, "#contact-street"),
        "Lô B2, KCN Sóng Thần",
        "the dialog keeps the input"
    );
    type_into(&dialog, "Email", "kho@donga.vn");
    button(&dialog, "Lưu").click();
    let card = wait_for_text(&root, ".contact-card", "Kho Bình Dương").await;
    assert!(
        root.query_selector(".contact-dialog").unwrap().is_none(),
        "the dialog closed"
    );
    let text = card.text_content().unwrap();
    assert!(
        text.contains("Địa chỉ giao hàng") && text.contains("Lô B2, KCN Sóng Thần, Dĩ An"),
        "{text}"
    );
    let added = sent("add_contact");
    assert_eq!(added.len(), 2);
    for expected in [
        r#""customerId":"c1""#,
        r#""contact_type":"delivery""#,
        r#""name":"Kho Bình Dương""#,
        r#""email":"kho@donga.vn""#,
        r#""street":"Lô B2, KCN Sóng Thần""#,
    ] {
        assert!(added[1].contains(expected), "{expected} in {}", added[1]);
    }
    // Each of the other types can be chosen, and Esc closes the dialog without storing.
    button(&root, "Thêm").click();
    let dialog = wait_for(&root, ".contact-dialog").await;
    for label in [
        "Địa chỉ xuất hoá đơn",
        "Địa chỉ khác",
        "Địa chỉ cá nhân",
        "Liên hệ",
    ] {
        click_labelled_choice(&dialog, label);
        yew::scheduler::flush().await;
    }
    assert!(checked(&dialog, "input[value=contact]"));
    let event =
        js_sys::eval("new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})").unwrap();
    dialog
        .query_selector("#contact-name")
        .unwrap()
        .unwrap()
        .dispatch_event(&event.unchecked_into())
        .unwrap();
    wait_until("the dialog to close", || {
        root.query_selector(".contact-dialog").unwrap().is_none()
    })
    .await;
    assert_eq!(sent("add_contact").len(), 2);
    assert!(
        root.query_selector("form.customer-form").unwrap().is_some(),
        "Esc in the dialog keeps the form"
    );
}

#[wasm_bindgen_test]
async fn a_contact_is_edited_and_removed() {
    let root = loaded_form(true).await;
    let card = wait_for_text(&root, ".contact-card", "Kế toán").await;
    button(&card, "Sửa").click();
    let dialog = wait_for(&root, ".contact-dialog").await;
    assert_eq!(value(&dialog, "#contact-name"), "Kế toán");
    assert_eq!(value(&dialog, "#contact-street"), "12 Lê Lợi");
    assert!(checked(&dialog, "input[value=invoice]"));
    type_into(&dialog, "Email", "hoadon@donga.vn");
    button(&dialog, "Lưu").click();
    wait_for_text(&root, ".contact-card.invoice", "hoadon@donga.vn").await;
    let updated = sent("update_contact");
    assert_eq!(updated.len(), 1);
    for expected in [
        r#""customerId":"c1""#,
        r#""contactId":"k1""#,
        r#""email":"hoadon@donga.vn""#,
        r#""contact_type":"invoice""#,
    ] {
        assert!(
            updated[0].contains(expected),
            "{expected} in {}",
            updated[0]
        );
    }
    let card = wait_for_text(&root, ".contact-card", "Kế toán").await;
    button(&card, "Xoá").click();
    wait_until("the card to go", || {
        root.query_selector(".contact-card.invoice")
            .unwrap()
            .is_none()
    })
    .await;
    assert_eq!(
        sent("remove_contact"),
        vec![r#"{"customerId":"c1","contactId":"k1","heads":[]}"#.to_owned()]
    );
    assert_eq!(
        root.query_selector_all(".contact-card").unwrap().length(),
        1
    );
    // Contacts are stored at once: the customer itself has nothing unsaved.
    assert!(root
        .query_selector("form.customer-form.dirty")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn private_addresses_are_shown_only_to_users_allowed_to_see_them() {
    let root = loaded_form(true).await;
    wait_for_text(&root, ".contact-card.private", "Nhà riêng giám đốc").await;
    let root = loaded_form(false).await;
    wait_for(&root, ".contact-card.invoice").await;
    wait_until("the permission", || {
        root.query_selector(".contact-card.private")
            .unwrap()
            .is_none()
    })
    .await;
    assert!(!root.text_content().unwrap().contains("Nhà riêng giám đốc"));
    button(&root, "Thêm").click();
    let dialog = wait_for(&root, ".contact-dialog").await;
    assert_eq!(
        dialog
            .query_selector_all(".contact-types input")
            .unwrap()
            .length(),
        4
    );
    assert!(dialog
        .query_selector("input[value=private]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_posted_note_joins_the_log_and_names_who_is_notified() {
    let root = loaded_form(true).await;
    button(&root, "Ghi chú nội bộ").click();
    wait_for(&root, "#note-new").await;
    set_value(&root, "#note-new", "@lan xem giúp báo giá", "input");
    let preview = wait_for(&root, ".mention-preview").await;
    assert_eq!(preview.text_content().unwrap(), "@lan");
    button(&root, "Đăng ghi chú").click();
    wait_for_text(&root, ".note", "@lan xem giúp báo giá").await;
    assert_eq!(
        sent("post_note"),
        vec![r#"{"customerId":"c1","text":"@lan xem giúp báo giá","heads":[]}"#.to_owned()]
    );
    assert_eq!(root.query_selector_all(".note").unwrap().length(), 2);
    let newest = root
        .query_selector(".note")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(newest.contains("xem giúp"), "newest first: {newest}");
    assert_eq!(value(&root, "#note-new"), "");
    assert!(
        root.query_selector("form.customer-form.dirty")
            .unwrap()
            .is_none(),
        "posting is not an unsaved edit"
    );
}

#[wasm_bindgen_test]
async fn the_star_and_archive_act_at_once() {
    let root = loaded_form(true).await;
    let star = labelled(&root, "Đánh dấu yêu thích");
    assert_eq!(star.text_content().unwrap(), "☆");
    star.click();
    let star = wait_for(&root, "[aria-label='Bỏ yêu thích']").await;
    assert_eq!(star.text_content().unwrap(), "★");
    assert_eq!(
        sent("set_favourite"),
        vec![r#"{"id":"c1","favourite":true}"#.to_owned()]
    );
    button(&root, "Lưu trữ").click();
    wait_for_text(&root, ".badge.archived", "Đã lưu trữ").await;
    assert_eq!(
        sent("set_archived"),
        vec![r#"{"id":"c1","archived":true}"#.to_owned()]
    );
    // A refusal puts the star back and says why.
    answer(
        "set_favourite",
        "args => Promise.reject({code: 'storage', message: 'disk full'})",
    );
    star.unchecked_into::<HtmlElement>().click();
    wait_for_text(&root, ".form-error", "disk full").await;
    wait_for(&root, "[aria-label='Bỏ yêu thích']").await;
    button(&root, "Bỏ lưu trữ").click();
    wait_until("unarchived", || {
        root.query_selector(".badge.archived").unwrap().is_none()
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_new_customer_says_contacts_and_notes_come_after_saving() {
    form_shell(true);
    let root = mount_form(None);
    wait_for(&root, "form.customer-form").await;
    assert!(root.text_content().unwrap().contains("Khách hàng / Mới"));
    assert!(root.query_selector(".favourite-toggle").unwrap().is_none());
    wait_for(&root, ".save-first").await;
    click_labelled_choice(&root, "Cá nhân");
    wait_for(&root, "#customer-company").await;
    wait_until("the company list", || {
        root.query_selector("#customer-company option[value=c9]")
            .unwrap()
            .is_some()
    })
    .await;
    set_value(&root, "#customer-company", "c9", "change");
    type_into(&root, "Tên khách hàng", "Nguyễn Thị Đào");
    button(&root, "Lưu").click();
    wait_for_text(&root, ".harness-report", "saved Nguyễn Thị Đào").await;
    let created = sent("create_customer");
    assert_eq!(created.len(), 1);
    assert!(
        created[0].contains(r#""kind":"individual""#)
            && created[0].contains(r#""company_id":"c9""#),
        "{}",
        created[0]
    );
}

#[wasm_bindgen_test]
async fn the_home_screen_lists_the_notes_that_mention_the_user() {
    form_shell(true);
    answer(
        "mentions",
        "args => [{customer_id: 'c1', customer_name: 'Công ty Đông Á',
            note: {id: 'n1', author: 'minh', time: '2026-11-20T12:00:00.000Z',
                text: '@lan gọi lại cho khách', mentions: ['lan']}}]",
    );
    let root = mount(Screen::Home);
    let inbox = wait_for(&root, "section.mentions-inbox").await;
    assert_eq!(
        inbox.get_attribute("aria-label").as_deref(),
        Some("Ghi chú nhắc đến bạn")
    );
    let text = inbox.text_content().unwrap();
    for shown in [
        "Công ty Đông Á",
        "minh",
        "@lan gọi lại cho khách",
        "20/11/2026",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    assert_eq!(sent("mentions"), vec!["{}".to_owned()]);
    // Nobody mentioned: nothing shown.
    answer("mentions", "args => []");
    let root = mount(Screen::Home);
    wait_for(&root, ".home").await;
    wait_until("the second ask", || sent("mentions").len() == 2).await;
    yew::scheduler::flush().await;
    assert!(root.query_selector(".mentions-inbox").unwrap().is_none());
}
