//! Conflict review and history through two real app windows (two tauri-driver sessions, two
//! data folders) and one real sync-server process, driven by visible labels: Lan is editing the
//! email when Minh's new phone reaches her open form, which names him and the phone; her Save
//! keeps his phone, and both windows show both. Then Lan has typed a new phone when Minh's
//! reaches her device, and saves it (at the version her edit started from): both windows show "2 giá trị cho Điện thoại" on the form and the mark on the card; Lan keeps
//! Minh's value from the review and the mark goes on both; Minh's History tab names both phone
//! edits by display name. Run by `cargo xtask test` (Xvfb + tauri-driver); ignored by a plain
//! `cargo test`.

use clientele_model::CustomerDraft;
use clientele_replica::{HttpTransport, Replica};
use clientele_tests::app_replica::app_replica;
use clientele_tests::desktop::{text_of, wait_for, Desktop, CUSTOMER_FORM};
use clientele_tests::server::SyncServer;
use fantoccini::Locator;
use std::path::PathBuf;

const CUSTOMER: &str = "Công ty Sao Mai";
const LAN: &str = "Trần Thị Lan";
const MINH: &str = "Nguyễn Văn Minh";
const MARK: &str = "2 giá trị cho Điện thoại";
const EMAIL: &str = "lan@saomai.vn";

/// Replaces the phone in the open form.
async fn type_phone(app: &Desktop, phone: &str) {
    let field = app.field("Điện thoại").await;
    field.clear().await.unwrap();
    field.send_keys(phone).await.unwrap();
}

/// The texts of the form's conflict lines (after their "⚠").
async fn conflict_lines(app: &Desktop) -> Vec<String> {
    let mut texts = Vec::new();
    for line in app
        .client
        .find_all(Locator::Css(".form-conflicts .conflict-line"))
        .await
        .unwrap_or_default()
    {
        let text = text_of(&line).await;
        texts.push(text.trim().trim_start_matches('⚠').trim().to_owned());
    }
    texts
}

/// The phone the app's replica in `folder` holds for the customer.
async fn stored_phone(folder: PathBuf) -> String {
    tokio::task::spawn_blocking(move || {
        let replica = app_replica(&folder);
        let row = replica.customer_page(&Default::default()).unwrap().rows;
        row.into_iter()
            .find(|r| r.name == CUSTOMER)
            .map(|r| r.phone)
            .unwrap_or_default()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn two_fields_merge_and_a_phone_both_changed_is_reviewed_on_both_windows() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = SyncServer::new(&dir.path().join("server"));
    let lan = server.member("lan", "rep", LAN);
    let minh = server.member("minh", "rep", MINH);
    server.start();
    // Lan's customer, made on her phone.
    {
        let (url, token, phone) = (server.url.clone(), lan.clone(), dir.path().join("phone"));
        tokio::task::spawn_blocking(move || {
            let mut replica = Replica::open(&phone).unwrap();
            let transport = HttpTransport::new(&url, &token).unwrap();
            replica.sync_once(&transport).unwrap();
            replica
                .create_customer(&CustomerDraft {
                    name: CUSTOMER.into(),
                    phone: "0903 111 222".into(),
                    salesperson_id: Some("lan".into()),
                    ..CustomerDraft::default()
                })
                .unwrap();
            replica.sync_once(&transport).unwrap();
        })
        .await
        .unwrap();
    }
    let lans = Desktop::launch_synced(&dir.path().join("lan-laptop"), &server.url, &lan).await;
    let minhs = Desktop::launch_synced(&dir.path().join("minh-laptop"), &server.url, &minh).await;
    for app in [&lans, &minhs] {
        app.open_customer(CUSTOMER).await;
    }

    // Different fields: Lan edits the email while Minh changes the phone and saves; Lan's form
    // names Minh and the phone, and her Save keeps his phone: both windows show both.
    let email = lans.field("Email").await;
    email.clear().await.unwrap();
    email.send_keys(EMAIL).await.unwrap();
    type_phone(&minhs, "0903 222 333").await;
    minhs
        .button_in(CUSTOMER_FORM, "Lưu")
        .await
        .click()
        .await
        .unwrap();
    wait_for(
        "the banner naming Minh's phone edit on Lan's form",
        || async {
            let banner = lans
                .client
                .find(Locator::Css(".changed-banner"))
                .await
                .ok()?;
            let text = text_of(&banner).await;
            (text.contains(MINH) && text.contains("Điện thoại")).then_some(())
        },
    )
    .await;
    lans.screenshot("changed-while-editing").await;
    lans.button_in(CUSTOMER_FORM, "Lưu")
        .await
        .click()
        .await
        .unwrap();
    for (who, app) in [("Lan", &lans), ("Minh", &minhs)] {
        wait_for(&format!("both edits in {who}'s form"), || async {
            let phone = app.field("Điện thoại").await.prop("value").await.ok()??;
            let email = app.field("Email").await.prop("value").await.ok()??;
            (phone == "+84 903 222 333" && email == EMAIL).then_some(())
        })
        .await;
    }

    // Lan types a new phone; meanwhile Minh saves his, and it reaches Lan's device.
    type_phone(&lans, "0903 555 666").await;
    type_phone(&minhs, "0903 999 000").await;
    minhs
        .button_in(CUSTOMER_FORM, "Lưu")
        .await
        .click()
        .await
        .unwrap();
    let lan_folder = dir.path().join("lan-laptop");
    wait_for("Minh's phone on Lan's device", || {
        let folder = lan_folder.clone();
        async move { (stored_phone(folder).await == "+84 903 999 000").then_some(()) }
    })
    .await;
    lans.button_in(CUSTOMER_FORM, "Lưu")
        .await
        .click()
        .await
        .unwrap();

    // Both forms mark the phone; both cards carry the mark.
    for (who, app) in [("Lan", &lans), ("Minh", &minhs)] {
        wait_for(&format!("the conflict mark on {who}'s form"), || async {
            (conflict_lines(app).await == [MARK]).then_some(())
        })
        .await;
    }
    // Both windows share one display: Minh's, launched last, is the one a screenshot shows.
    minhs.screenshot("conflict-mark-form").await;
    minhs.back_to_customers().await;
    let card = minhs.card(CUSTOMER).await;
    let badge = card.find(Locator::Css(".conflict-badge")).await.unwrap();
    assert_eq!(text_of(&badge).await.trim(), "⚠ 1");
    minhs.screenshot("conflict-mark-card").await;
    minhs.open_customer(CUSTOMER).await;

    // Both review the same two values, each with who set it; Minh closes his review, Lan keeps
    // Minh's value.
    let line =
        format!("//button[contains(@class,'conflict-line') and normalize-space(.)='⚠ {MARK}']");
    for (who, app) in [("Minh", &minhs), ("Lan", &lans)] {
        app.xpath(&line, "the conflict line")
            .await
            .click()
            .await
            .unwrap();
        let review = app
            .find_css(".conflict-review[role=dialog]", "the conflict review")
            .await;
        let shown = text_of(&review).await;
        for part in [
            "+84 903 555 666",
            "+84 903 999 000",
            LAN,
            MINH,
            "đang hiển thị",
        ] {
            assert!(shown.contains(part), "{part} in {who}'s review: {shown}");
        }
    }
    minhs.screenshot("conflict-review").await;
    minhs
        .button_in("//*[contains(@class,'conflict-review')]", "Đóng")
        .await
        .click()
        .await
        .unwrap();
    lans.xpath(
        &format!(
            "//li[contains(@class,'conflict-value') and .//*[contains(@class,'conflict-author') and normalize-space(.)='{MINH}']]//button[normalize-space(.)='Giữ giá trị này']"
        ),
        "Keep on Minh's value",
    )
    .await
    .click()
    .await
    .unwrap();

    // The mark goes on both windows, and both show Minh's phone.
    for (who, app) in [("Lan", &lans), ("Minh", &minhs)] {
        wait_for(&format!("the mark gone on {who}'s form"), || async {
            let phone = app.field("Điện thoại").await.prop("value").await;
            (conflict_lines(app).await.is_empty()
                && phone.ok().flatten().as_deref() == Some("+84 903 999 000"))
            .then_some(())
        })
        .await;
    }

    // Minh's History tab names both phone edits.
    minhs.open_tab("Lịch sử").await;
    wait_for("both phone edits in the history", || async {
        let mut authors = Vec::new();
        for entry in minhs
            .client
            .find_all(Locator::Css(".history-entry"))
            .await
            .ok()?
        {
            let text = text_of(&entry).await;
            if text.contains("Điện thoại:") {
                authors.push(if text.contains(LAN) { LAN } else { MINH });
            }
        }
        (authors.contains(&LAN) && authors.contains(&MINH)).then_some(())
    })
    .await;
    minhs.screenshot("conflict-history").await;
    lans.close().await;
    minhs.close().await;
}
