//! End-to-end sync through the real window: the app, configured with a sync server and a token,
//! shows that it is up to date, sends a customer created in the window to the server, and shows
//! a customer another device created, without a restart. The server runs in this process on
//! 127.0.0.1 (its own process is tested in sync-server's tests).

use clientele_model::CustomerDraft;
use clientele_replica::{HttpTransport, Replica};
use clientele_sync_server::store::{sha256, Role, Store, User};
use clientele_sync_server::store_sqlite::SqliteStore;
use clientele_tests::desktop::{wait_for, Desktop};
use std::sync::Arc;

async fn sync_server(dir: &std::path::Path) -> (String, String) {
    let store = SqliteStore::open(dir).unwrap();
    store
        .add_user(&User {
            name: "rep1".into(),
            role: Role::Rep,
            private_addresses: false,
            disabled: false,
        })
        .unwrap();
    store
        .add_user(&User {
            name: "rep2".into(),
            role: Role::Rep,
            private_addresses: false,
            disabled: false,
        })
        .unwrap();
    store
        .add_token("rep1", &sha256(b"token-of-rep1-laptop"), "laptop")
        .unwrap();
    store
        .add_token("rep2", &sha256(b"token-of-rep2-phone"), "phone")
        .unwrap();
    let router = clientele_sync_server::routes::router(Arc::new(store)).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (url, "token-of-rep1-laptop".into())
}

/// Another rep's device: syncs in a blocking thread so the test's runtime keeps serving.
async fn other_device<T: Send + 'static>(
    dir: std::path::PathBuf,
    url: String,
    work: impl FnOnce(&mut Replica, &HttpTransport) -> T + Send + 'static,
) -> T {
    tokio::task::spawn_blocking(move || {
        let mut replica = Replica::open(&dir).unwrap();
        replica.set_author("rep2");
        let transport = HttpTransport::new(&url, "token-of-rep2-phone").unwrap();
        work(&mut replica, &transport)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Xvfb, tauri-driver and the built app: run through `cargo xtask test`"]
async fn the_window_syncs_both_ways_and_shows_its_status() {
    let dir = tempfile::tempdir().unwrap();
    let (url, token) = sync_server(&dir.path().join("server")).await;
    let app = Desktop::launch_with_env(
        &dir.path().join("laptop"),
        &[
            ("CLIENTELE_SYNC_SERVER", &url),
            ("CLIENTELE_SYNC_TOKEN", &token),
            ("CLIENTELE_USER", "rep1"),
        ],
    )
    .await;
    let status = app
        .find_css(".sync-state.synced", "the status to say up to date")
        .await;
    assert!(status.text().await.unwrap().contains("Đã đồng bộ"));

    app.button("Tạo").await.click().await.unwrap();
    app.field("Tên khách hàng")
        .await
        .send_keys("Công ty Đồng Bộ")
        .await
        .unwrap();
    app.button("Lưu").await.click().await.unwrap();
    app.find_css(".customer-card", "the new card").await;

    let phone = dir.path().join("phone");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (dir, url) = (phone.clone(), url.clone());
        let names = other_device(dir, url, |replica, transport| {
            replica.sync_once(transport).unwrap();
            replica
                .list_customers()
                .unwrap()
                .into_iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
        })
        .await;
        if names.contains(&"Công ty Đồng Bộ".to_owned()) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the customer created in the window never reached the server"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    other_device(phone.clone(), url.clone(), |replica, transport| {
        replica
            .create_customer(&CustomerDraft {
                name: "Khách từ máy khác".into(),
                ..CustomerDraft::default()
            })
            .unwrap();
        replica.sync_once(transport).unwrap();
    })
    .await;
    let names = wait_for("the other device's customer in the window", || async {
        Some(app.card_names().await).filter(|n| n.iter().any(|n| n == "Khách từ máy khác"))
    })
    .await;
    assert!(names.contains(&"Công ty Đồng Bộ".to_owned()));
    app.screenshot("customers-synced").await;
    app.close().await;
}
