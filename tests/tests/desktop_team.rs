//! A team through two real app windows (two tauri-driver sessions, two data folders) and one
//! real sync-server process, driven by visible labels: the rep's Salesperson picker names the
//! manager by display name; the manager @mentions the rep and the rep's badge counts it within
//! 5 s, its link opening the customer; the rep's archive of the manager's customer, made while
//! the rep's cached identity still said manager, is refused and set aside, a later phone edit of
//! the same customer still reaches the manager, and discarding clears the refused change.
//! Run by `cargo xtask test` (Xvfb + tauri-driver); ignored by a plain `cargo test`.

use clientele_model::CustomerDraft;
use clientele_replica::{HttpTransport, Replica};
use clientele_tests::desktop::{text_of, wait_for, wait_within, Desktop, CUSTOMER_FORM};
use clientele_tests::server::SyncServer;
use fantoccini::Locator;
use std::time::Duration;

const CUSTOMER: &str = "Công ty Sao Mai";
const MANAGER: &str = "Nguyễn Văn Minh";
const PHONE: &str = "+84 28 3822 1234";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn a_manager_and_a_rep_work_as_a_team_through_two_windows() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = SyncServer::new(&dir.path().join("server"));
    let minh = server.member("minh", "manager", MANAGER);
    // Lan starts as a manager: her device caches that, and keeps it after she becomes a rep.
    let lan = server.member("lan", "manager", "Trần Thị Lan");
    server.start();

    // The manager's customer, made on his phone.
    {
        let (url, token, phone) = (server.url.clone(), minh.clone(), dir.path().join("phone"));
        tokio::task::spawn_blocking(move || {
            let mut replica = Replica::open(&phone).unwrap();
            let transport = HttpTransport::new(&url, &token).unwrap();
            replica.sync_once(&transport).unwrap();
            replica
                .create_customer(&CustomerDraft {
                    name: CUSTOMER.into(),
                    salesperson_id: Some("minh".into()),
                    ..CustomerDraft::default()
                })
                .unwrap();
            let report = replica.sync_once(&transport).unwrap();
            assert!(report.refused.is_empty(), "{:?}", report.refused);
        })
        .await
        .unwrap();
    }

    let manager = Desktop::launch_synced(&dir.path().join("minh-laptop"), &server.url, &minh).await;
    let rep = Desktop::launch_synced(&dir.path().join("lan-laptop"), &server.url, &lan).await;
    for app in [&manager, &rep] {
        app.open_customer(CUSTOMER).await;
    }
    server.admin(&["user", "set-role", "lan", "--role", "rep"]);

    // 1. The rep's Salesperson picker names the manager as the team directory does.
    rep.open_tab("Bán hàng & Mua hàng").await;
    let option = format!(
        "//select[@id=//label[normalize-space(.)='Nhân viên kinh doanh']/@for]/option[normalize-space(.)='{MANAGER}']"
    );
    rep.xpath(&option, "the manager in the Salesperson picker")
        .await;

    // 2. The manager mentions the rep; her badge counts it within 5 s.
    manager.open_tab("Ghi chú nội bộ").await;
    let note = manager.find_css("#note-new", "the new note box").await;
    note.send_keys("@lan gọi lại cho chị Hoa trước thứ Sáu")
        .await
        .unwrap();
    manager.button("Đăng ghi chú").await.click().await.unwrap();
    manager
        .find_css("ol.notes li.note", "the posted note in the manager's log")
        .await;
    let badge = "[data-testid='mentions-badge']";
    wait_within(
        "the rep's mentions badge to read @ 1",
        Duration::from_secs(5),
        || async {
            let badge = rep.client.find(Locator::Css(badge)).await.ok()?;
            (text_of(&badge).await.trim() == "@ 1").then_some(())
        },
    )
    .await;
    rep.back_to_customers().await;
    rep.find_css(badge, "the mentions badge")
        .await
        .click()
        .await
        .unwrap();
    rep.xpath(
        &format!("//li[@data-testid='mention-entry']//button[normalize-space(.)='{CUSTOMER}']"),
        "the mention's link to its customer",
    )
    .await
    .click()
    .await
    .unwrap();
    wait_for("the mentioned customer's form", || async {
        let field = rep.field("Tên khách hàng").await;
        (field.prop("value").await.ok().flatten().as_deref() == Some(CUSTOMER)).then_some(())
    })
    .await;
    rep.screenshot("team-mention-opened").await;

    // 3. Archive, offered by the stale cache, is refused by the server and set aside.
    rep.find_css("button.archive", "the Archive button")
        .await
        .click()
        .await
        .unwrap();
    rep.find_css(
        "[data-testid='unsent-refused-mark']",
        "the refused change's mark in the top bar",
    )
    .await;
    // A later phone edit of the same customer still goes.
    let phone = rep.field("Điện thoại").await;
    phone.clear().await.unwrap();
    phone.send_keys(PHONE).await.unwrap();
    rep.button_in(CUSTOMER_FORM, "Lưu")
        .await
        .click()
        .await
        .unwrap();
    wait_for("the phone edit to reach the manager's window", || async {
        manager.back_to_customers().await;
        manager.open_customer(CUSTOMER).await;
        let value = manager.field("Điện thoại").await.prop("value").await;
        (value.ok().flatten().as_deref() == Some(PHONE)).then_some(())
    })
    .await;
    let archived = manager
        .client
        .find_all(Locator::Css(".badge.archived"))
        .await
        .unwrap();
    assert!(
        archived.is_empty(),
        "the refused archive reached the manager"
    );
    manager.screenshot("team-manager-sees-phone").await;

    // 4. The rep discards the refused change from the Unsent changes panel.
    rep.find_css("[data-testid='unsent-button']", "the Unsent changes button")
        .await
        .click()
        .await
        .unwrap();
    let refused = rep
        .find_css("[data-testid='refused-change']", "the refused change")
        .await;
    assert!(
        text_of(&refused).await.contains(CUSTOMER),
        "the refused change names its customer"
    );
    rep.screenshot("team-unsent-panel").await;
    rep.button_in("//*[@data-testid='unsent-panel']", "Bỏ")
        .await
        .click()
        .await
        .unwrap();
    wait_for("the refused change to go", || async {
        let left = rep
            .client
            .find_all(Locator::Css("[data-testid='refused-change']"))
            .await
            .ok()?;
        left.is_empty().then_some(())
    })
    .await;
    rep.close().await;
    manager.close().await;
}
