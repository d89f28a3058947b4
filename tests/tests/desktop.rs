//! End-to-end through the real window: a user creates a customer, sees its card, finds it by a
//! search without diacritics in the kanban and the list, restarts the app on the same data
//! folder and still sees it; a bad email is refused inline and not stored.
//! Run by `cargo xtask test` (Xvfb + tauri-driver); ignored by a plain `cargo test`.

use clientele_tests::app_replica::app_replica;
use clientele_tests::desktop::{wait_for, Desktop};
use fantoccini::Locator;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn a_created_customer_shows_on_the_kanban_and_survives_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let app = Desktop::launch(data.path()).await;
    app.find_css(".empty", "the empty-kanban hint").await;

    app.button("Tạo").await.click().await.unwrap();
    app.client
        .find(Locator::XPath("//label[normalize-space(.)='Cá nhân']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.field("Tên khách hàng")
        .await
        .send_keys("Nguyễn Thị Đào")
        .await
        .unwrap();
    app.field("Email")
        .await
        .send_keys("dao@donga.vn")
        .await
        .unwrap();
    app.field("Điện thoại")
        .await
        .send_keys("0903 123 456")
        .await
        .unwrap();
    app.screenshot("customer-form").await;
    app.button("Lưu").await.click().await.unwrap();

    let names = wait_for("the new card on the kanban", || async {
        Some(app.card_names().await).filter(|n| !n.is_empty())
    })
    .await;
    assert_eq!(names, vec!["Nguyễn Thị Đào"]);
    let card = app.find_css(".customer-card", "the card").await;
    let card_text = card.text().await.unwrap();
    assert!(card_text.contains("dao@donga.vn"), "{card_text}");
    assert!(
        card_text.contains("+84 903 123 456"),
        "stored in international form: {card_text}"
    );
    assert!(card
        .attr("class")
        .await
        .unwrap()
        .unwrap()
        .contains("individual"));
    app.screenshot("customers-kanban").await;

    // The search ignores diacritics: "nguyen thi" finds her, and the list view shows her row.
    app.labelled("Tìm kiếm")
        .await
        .send_keys("nguyen thi")
        .await
        .unwrap();
    let pager = app.find_css(".pager-value", "the pager").await;
    wait_for("the searched card", || async {
        let names = app.card_names().await;
        let range = pager.text().await.unwrap_or_default();
        (names == vec!["Nguyễn Thị Đào"] && range == "1-1 / 1").then_some(())
    })
    .await;
    app.labelled("Danh sách").await.click().await.unwrap();
    let rows = wait_for("her row in the list view", || async {
        Some(app.list_names().await).filter(|n| !n.is_empty())
    })
    .await;
    assert_eq!(rows, vec!["Nguyễn Thị Đào"]);
    let search = app.labelled("Tìm kiếm").await;
    assert_eq!(
        search.prop("value").await.unwrap().as_deref(),
        Some("nguyen thi")
    );
    app.screenshot("customers-list-searched").await;
    // The grouping command answers through the real shell too (as the UI will call it).
    let groups = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core
                 .invoke('group_counts', {query: {search: 'nguyen'}, groupBy: 'kind'})
                 .then(done, e => done({error: e}));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(groups[0]["count"], 1, "{groups}");
    // And the search really filters: a name nobody has leaves the list empty.
    search.clear().await.unwrap();
    search.send_keys("tran van").await.unwrap();
    let hint = app.find_css(".empty", "the no-match hint").await;
    assert!(app.list_names().await.is_empty());
    assert!(hint.text().await.unwrap().contains("tìm kiếm"));
    app.close().await;

    // What the window showed is what the replica stored.
    let stored = app_replica(data.path()).list_customers().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].email, "dao@donga.vn");

    let app = Desktop::launch(data.path()).await;
    let names = wait_for("the card after the restart", || async {
        Some(app.card_names().await).filter(|n| !n.is_empty())
    })
    .await;
    assert_eq!(names, vec!["Nguyễn Thị Đào"]);
    app.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn a_bad_email_shows_its_field_error_and_nothing_is_stored() {
    let data = tempfile::tempdir().unwrap();
    let app = Desktop::launch(data.path()).await;
    app.button("Tạo").await.click().await.unwrap();
    app.field("Tên khách hàng")
        .await
        .send_keys("Công ty Đông Á")
        .await
        .unwrap();
    app.field("Email").await.send_keys("lienhe@").await.unwrap();
    app.button("Lưu").await.click().await.unwrap();

    let error = app
        .find_css("#customer-email-error", "the email field's error")
        .await;
    let message = error.text().await.unwrap();
    assert!(message.contains("ten@congty.vn"), "{message}");
    let email = app.field("Email").await;
    assert_eq!(
        email.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    // The form stays open with what the user typed, and no other field is marked.
    assert_eq!(
        email.prop("value").await.unwrap().as_deref(),
        Some("lienhe@")
    );
    let name = app.field("Tên khách hàng").await;
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("false")
    );
    app.screenshot("customer-form-email-error").await;

    app.button("Hủy bỏ").await.click().await.unwrap();
    app.find_css(".empty", "the empty kanban after discarding")
        .await;
    app.close().await;

    // Nothing was stored: the replica on disk holds no customer and no stray document, and a
    // fresh start on the same data shows an empty kanban.
    let mut replica = app_replica(data.path());
    assert!(replica.list_customers().unwrap().is_empty());
    assert!(replica.check().unwrap().problems.is_empty());
    drop(replica);
    let app = Desktop::launch(data.path()).await;
    app.find_css(".empty", "the empty kanban after a restart")
        .await;
    assert!(app.card_names().await.is_empty());
    app.close().await;
}
