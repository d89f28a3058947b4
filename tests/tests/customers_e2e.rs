//! End-to-end through the real window, as a sales rep works, by visible labels: create a company
//! with an invoice and a delivery address and a tag made on the fly; create a person working for
//! it; find both by typing "cong ty" without diacritics; the list view; grouping by salesperson;
//! an overdue activity turns the card's clock red; a bad email is refused inline, then fixed;
//! English and back. Screenshots of each screen land in target/screenshots/customers-e2e-*.png.
//! Run by `cargo xtask test` (Xvfb + tauri-driver); ignored by a plain `cargo test`.

use clientele_model::commands::ReferenceItem;
use clientele_replica::Replica;
use clientele_tests::desktop::{text_of, wait_for, Desktop};
use fantoccini::elements::Element;
use fantoccini::Locator;

const COMPANY: &str = "Công ty TNHH Thương mại Đông Á";
const PERSON: &str = "Nguyễn Văn Bình";
const DIALOG: &str = "//*[@role='dialog' and contains(@class,'contact-dialog')]";

/// Types `text` into `element` after clearing it.
async fn type_into(element: Element, text: &str) {
    element.clear().await.unwrap();
    element.send_keys(text).await.unwrap();
}

/// The names in the list view's rows (their text, not the rendering: long names are ellipsed).
async fn row_names(app: &Desktop) -> Vec<String> {
    let mut names = Vec::new();
    for cell in app
        .client
        .find_all(Locator::Css("table.customer-list tbody td.col-name"))
        .await
        .unwrap_or_default()
    {
        names.push(
            cell.prop("textContent")
                .await
                .ok()
                .flatten()
                .unwrap_or_default(),
        );
    }
    names
}

/// Adds a contact of `kind` (its label in the dialog) through the Contacts tab's dialog.
async fn add_address(app: &Desktop, kind: &str, name: &str, street: &str, city: &str) {
    app.button_in("//*[contains(@class,'contacts-tab')]", "Thêm")
        .await
        .click()
        .await
        .unwrap();
    app.find_css("[role=dialog].contact-dialog", "the contact dialog")
        .await;
    app.choose(kind).await;
    type_into(app.control_in(DIALOG, "Tên").await, name).await;
    // Address fields appear for address types.
    type_into(app.control_in(DIALOG, "Số nhà, đường").await, street).await;
    type_into(app.control_in(DIALOG, "Thành phố").await, city).await;
    app.button_in(DIALOG, "Lưu").await.click().await.unwrap();
    let xpath = format!("//article[contains(@class,'contact-card') and contains(., '{name}')]");
    let contact = wait_for(&format!("the contact card of {name}"), || async {
        app.client.find(Locator::XPath(&xpath)).await.ok()
    })
    .await;
    let shown = text_of(&contact).await;
    assert!(
        // The type label is upper-cased by the style sheet.
        shown.to_lowercase().contains(&kind.to_lowercase()) && shown.contains(street),
        "contact card: {shown}"
    );
    wait_for("the contact dialog to close", || async {
        app.client
            .find_all(Locator::Css("[role=dialog].contact-dialog"))
            .await
            .ok()
            .filter(|d| d.is_empty())
    })
    .await;
}

/// Saves the open customer form and waits for it to close.
async fn save_form(app: &Desktop) {
    app.button_in("//form[contains(@class,'customer-form')]", "Lưu")
        .await
        .click()
        .await
        .unwrap();
    wait_for("the form to close after saving", || async {
        app.client
            .find_all(Locator::Css("form.customer-form"))
            .await
            .ok()
            .filter(|f| f.is_empty())
    })
    .await;
}

/// A date `days` before today in the webview's own calendar (the app's "today"), YYYY-MM-DD.
async fn days_ago(app: &Desktop, days: i64) -> String {
    app.client
        .execute(
            "const d = new Date(); d.setDate(d.getDate() - arguments[0]);
             const p = n => String(n).padStart(2, '0');
             return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());",
            vec![serde_json::json!(days)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn a_rep_files_a_company_and_its_people_and_works_the_customers_screen() {
    let data = tempfile::tempdir().unwrap();
    // The workspace's team, as an administrator set it up (the salespeople to pick from).
    {
        let mut replica = Replica::open(data.path()).unwrap();
        for (i, name) in ["Trần Thu Hà", "Lê Minh Quân"].into_iter().enumerate() {
            let entry = ReferenceItem {
                id: format!("rep{}", i + 1),
                name: name.into(),
                color: 0,
                position: i as i64,
                archived: false,
            };
            replica.put_reference("salespeople", &entry).unwrap();
        }
    }
    let app = Desktop::launch(data.path()).await;
    // The window opens 1280x800, taller than the 1366x768 field laptop (and the virtual screen):
    // fit it, as a user would, so the screenshots show the bottom of the form.
    let _ = app.client.set_window_rect(0, 0, 1366, 768).await;
    app.find_css(".empty", "the empty-kanban hint").await;

    // 1. A company, with a tag created on the fly and a salesperson.
    app.button("Tạo").await.click().await.unwrap();
    app.choose("Công ty").await;
    type_into(app.field("Tên khách hàng").await, COMPANY).await;
    type_into(app.field("Email").await, "lienhe@donga.vn").await;
    type_into(app.field("Điện thoại").await, "028 3823 4567").await;
    // The tag box is an <input list=...>: in WebKitGTK its datalist popup stalls WebKitWebDriver
    // after the first key (nothing answers for 30 s), so the name goes in as the input event a
    // keyboard would make; picking "+ tạo ..." below is a real click.
    let tag_box = app.field("Từ khoá").await;
    app.client
        .execute(
            "const box = arguments[0]; box.focus(); box.value = arguments[1];
             box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));",
            vec![
                serde_json::to_value(&tag_box).unwrap(),
                serde_json::json!("khách quen"),
            ],
        )
        .await
        .unwrap();
    app.button("+ tạo \u{201c}khách quen\u{201d}")
        .await
        .click()
        .await
        .unwrap();
    let chip = app
        .find_css(".tag-choice .tag-chip", "the new tag's chip")
        .await;
    assert_eq!(text_of(&chip).await, "khách quen");
    app.screenshot("customers-e2e-form-main").await;
    app.open_tab("Bán hàng & Mua hàng").await;
    app.control("Nhân viên kinh doanh")
        .await
        .select_by_label("Trần Thu Hà")
        .await
        .unwrap();
    save_form(&app).await;
    app.card(COMPANY).await;

    // 2. Its invoice and delivery addresses, from the form's Contacts & Addresses tab.
    app.card(COMPANY).await.click().await.unwrap();
    app.open_tab("Các liên lạc & địa chỉ").await;
    add_address(
        &app,
        "Địa chỉ xuất hoá đơn",
        "Phòng kế toán",
        "12 Lê Lợi",
        "Hồ Chí Minh",
    )
    .await;
    add_address(
        &app,
        "Địa chỉ giao hàng",
        "Kho Bình Dương",
        "5 Đại lộ Bình Dương",
        "Thủ Dầu Một",
    )
    .await;
    app.screenshot("customers-e2e-form-contacts").await;
    app.open_tab("Bán hàng & Mua hàng").await;
    app.screenshot("customers-e2e-form-sales").await;
    app.open_tab("Ghi chú nội bộ").await;
    app.screenshot("customers-e2e-form-notes").await;
    app.button_in("//form[contains(@class,'customer-form')]", "Hủy bỏ")
        .await
        .click()
        .await
        .unwrap();

    // 3. A person working for it, with the other salesperson.
    app.button("Tạo").await.click().await.unwrap();
    app.choose("Cá nhân").await;
    type_into(app.field("Tên khách hàng").await, PERSON).await;
    app.control("Thuộc công ty")
        .await
        .select_by_label(COMPANY)
        .await
        .unwrap();
    type_into(app.field("Chức vụ").await, "Kế toán trưởng").await;
    type_into(app.field("Di động").await, "0903 123 456").await;
    app.open_tab("Bán hàng & Mua hàng").await;
    app.control("Nhân viên kinh doanh")
        .await
        .select_by_label("Lê Minh Quân")
        .await
        .unwrap();
    save_form(&app).await;
    app.card(PERSON).await;

    // 4. Both found by "cong ty", typed without diacritics.
    app.labelled("Tìm kiếm")
        .await
        .send_keys("cong ty")
        .await
        .unwrap();
    wait_for("both customers found by \"cong ty\"", || async {
        let mut names = app.card_names().await;
        names.sort();
        (names == [COMPANY, PERSON]).then_some(())
    })
    .await;
    // Once the searched page comes from the replica (the cards after Save are the form's own
    // summary), the company's card shows the tag made on the fly, the person's the company.
    wait_for("the tag and the company on the searched cards", || async {
        let company = text_of(&app.card(COMPANY).await).await;
        let person = text_of(&app.card(PERSON).await).await;
        (company.contains("khách quen") && person.contains(COMPANY)).then_some(())
    })
    .await;
    app.screenshot("customers-e2e-kanban").await;

    // 5. The list view keeps the search.
    app.labelled("Danh sách").await.click().await.unwrap();
    wait_for("both rows in the list view", || async {
        let mut names = row_names(&app).await;
        names.sort();
        (names == [COMPANY, PERSON]).then_some(())
    })
    .await;
    app.screenshot("customers-e2e-list").await;

    // 6. Grouped by salesperson: one group per rep, each counting one customer.
    app.button("Nhóm theo ▾").await.click().await.unwrap();
    app.role("menuitemradio", "Nhân viên kinh doanh")
        .await
        .click()
        .await
        .unwrap();
    let groups = wait_for("a group per salesperson", || async {
        let mut groups = Vec::new();
        for head in app
            .client
            .find_all(Locator::Css(".list-group-head"))
            .await
            .unwrap_or_default()
        {
            groups.push(text_of(&head).await);
        }
        groups.sort();
        (groups.len() == 2).then_some(groups)
    })
    .await;
    assert!(
        groups[0].contains("Lê Minh Quân") && groups[0].contains("(1)"),
        "{groups:?}"
    );
    assert!(
        groups[1].contains("Trần Thu Hà") && groups[1].contains("(1)"),
        "{groups:?}"
    );
    app.screenshot("customers-e2e-grouped").await;
    // Stop grouping (its chip's ×) and go back to the cards.
    app.labelled("Bỏ Nhóm theo: Nhân viên kinh doanh")
        .await
        .click()
        .await
        .unwrap();
    app.labelled("Kanban").await.click().await.unwrap();

    // 7. An activity due three days ago turns the company's clock red.
    let clock = app
        .card(COMPANY)
        .await
        .find(Locator::Css("button.activity-clock"))
        .await
        .unwrap();
    assert!(clock
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default()
        .contains("none"));
    clock.click().await.unwrap();
    let popover = "//*[contains(@class,'clock-popover')]";
    app.find_css(".clock-popover", "the clock's popover").await;
    type_into(app.control_in(popover, "Tóm tắt").await, "Gọi lại báo giá").await;
    // The due date: WebKitGTK's date field takes keys per segment in the locale's order, so
    // the date goes in as the input event a finished pick makes.
    let due = app.control_in(popover, "Hạn").await;
    let date = days_ago(&app, 3).await;
    app.client
        .execute(
            "const due = arguments[0]; due.focus(); due.value = arguments[1];
             due.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::to_value(&due).unwrap(), serde_json::json!(date)],
        )
        .await
        .unwrap();
    wait_for("the due date in its field", || async {
        (due.prop("value").await.ok().flatten()? == date).then_some(())
    })
    .await;
    app.button_in(popover, "Lên lịch")
        .await
        .click()
        .await
        .unwrap();
    let item = app
        .find_css(".clock-popover .activity-item", "the scheduled activity")
        .await;
    assert!(item
        .attr("class")
        .await
        .unwrap()
        .unwrap()
        .contains("overdue"));
    let red = wait_for("the company's clock to turn red", || async {
        let clock = app
            .card(COMPANY)
            .await
            .find(Locator::Css(".activity-clock"))
            .await
            .ok()?;
        let class = clock.attr("class").await.ok()??;
        class.contains("overdue").then_some(())?;
        clock.css_value("color").await.ok()
    })
    .await;
    assert!(
        red.starts_with("rgb(180, 35, 24") || red.contains("180, 35, 24"),
        "the overdue clock is red (#b42318), not {red}"
    );
    app.screenshot("customers-e2e-clock-popover").await;
    app.labelled("Đóng").await.click().await.unwrap();

    // 8. A bad email is refused under its field; fixed, it is stored.
    app.card(PERSON).await.click().await.unwrap();
    type_into(app.field("Email").await, "binh@").await;
    app.button_in("//form[contains(@class,'customer-form')]", "Lưu")
        .await
        .click()
        .await
        .unwrap();
    let error = app
        .find_css("#customer-email-error", "the email field's error")
        .await;
    assert!(text_of(&error).await.contains("ten@congty.vn"));
    let email = app.field("Email").await;
    assert_eq!(
        email.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    app.screenshot("customers-e2e-form-email-error").await;
    type_into(email, "binh@donga.vn").await;
    app.button_in("//form[contains(@class,'customer-form')]", "Lưu")
        .await
        .click()
        .await
        .unwrap();
    // An opened customer's form stays open once saved: no error, nothing unsaved.
    wait_for("the fixed email saved", || async {
        let form = app
            .client
            .find(Locator::Css("form.customer-form"))
            .await
            .ok()?;
        let class = form.attr("class").await.ok()??;
        let errors = app
            .client
            .find_all(Locator::Css("#customer-email-error"))
            .await
            .ok()?;
        (!class.contains("dirty") && errors.is_empty()).then_some(())
    })
    .await;
    app.button_in("//*[contains(@class,'breadcrumb')]", "Khách hàng")
        .await
        .click()
        .await
        .unwrap();
    wait_for("the person's card with the fixed email", || async {
        let shown = text_of(&app.card(PERSON).await).await;
        shown.contains("binh@donga.vn").then_some(())
    })
    .await;

    // 9. English, then back to Vietnamese.
    app.labelled("English").await.click().await.unwrap();
    app.button("Create").await;
    let title = app
        .find_css("section.customers h1", "the screen title")
        .await;
    assert_eq!(text_of(&title).await, "Customers");
    app.labelled("Search").await;
    app.screenshot("customers-e2e-english").await;
    app.labelled("Tiếng Việt").await.click().await.unwrap();
    app.button("Tạo").await;
    assert_eq!(text_of(&title).await, "Khách hàng");
    app.close().await;

    // What the window showed is what the replica stored.
    let replica = clientele_tests::app_replica::app_replica(data.path());
    let stored = replica.list_customers().unwrap();
    assert_eq!(stored.len(), 2);
    let person = stored.iter().find(|c| c.name == PERSON).unwrap();
    assert_eq!(person.email, "binh@donga.vn");
}
