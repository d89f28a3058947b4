//! Signing out, in the shell: when the server stops accepting this device's token (the sync
//! loop reports `SignedOut`), the token is deleted, the window is told to ask for enrolment
//! again, and with the managed policy `wipe_on_sign_out` the local replica is replaced by an
//! empty one (and the window's page reader follows it: nothing of the old file stays
//! readable); without it the customers stay. On the mock runtime, secrets in files.

use clientele_app::commands::enrolment::{app_info, sign_out, Connection};
use clientele_app::secrets::{Secrets, SYNC_TOKEN};
use clientele_app::{AppConfig, AppState};
use clientele_model::commands::AppInfo;
use clientele_model::sync::SyncStatus;
use clientele_model::CustomerDraft;
use std::sync::{Arc, Mutex};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::Manager;

/// A shell over a replica in `dir` holding one customer, signed in with a token, its policy
/// `wipe`; then signed out.
fn signed_out(dir: &std::path::Path, wipe: bool) -> (tauri::App<MockRuntime>, Secrets) {
    std::env::set_var("CLIENTELE_SECRETS", "file");
    let mut replica = clientele_replica::Replica::open(dir).unwrap();
    replica.set_author("lan");
    replica
        .create_customer(&CustomerDraft {
            name: "Công ty Đông Á".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    let secrets = Secrets::open(dir);
    secrets.set(SYNC_TOKEN, "a-device-token").unwrap();
    let config = AppConfig {
        sync_server: Some("https://sync.example.vn".into()),
        sync_token: Some("a-device-token".into()),
        wipe_on_sign_out: Some(wipe),
        ..AppConfig::default()
    };
    let connection = Connection::new(secrets.clone(), dir, &config, None);
    let pages = Some(replica.page_reader().unwrap());
    let state = AppState {
        replica: Arc::new(clientele_replica::SharedReplica::new(replica)),
        pages,
        info: AppInfo {
            locale: "vi-VN".into(),
            sync_server: config.sync_server.clone(),
            user: Some("lan".into()),
            can_see_private_addresses: true,
            managed: vec!["wipe_on_sign_out".into()],
            managed_settings: Vec::new(),
            replica_unreadable: None,
            needs_enrolment: false,
        },
        sync: Mutex::new(None),
        sync_status: Arc::new(Mutex::new(SyncStatus::LocalOnly)),
    };
    let app = mock_builder()
        .manage(state)
        .manage(connection)
        .build(mock_context(noop_assets()))
        .unwrap();
    assert!(
        !app_info(app.handle(), &app.state::<AppState>())
            .unwrap()
            .needs_enrolment
    );
    sign_out(app.handle());
    (app, secrets)
}

/// The customers' names, as the replica lists them and as the window's reader pages them
/// (which must agree: the reader follows a wipe).
fn customers(app: &tauri::App<MockRuntime>) -> Vec<String> {
    let state = app.state::<AppState>();
    let listed: Vec<String> = state
        .replica
        .lock()
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    let query = clientele_model::query::CustomerQuery {
        today: "2026-11-28".into(),
        limit: 50,
        ..Default::default()
    };
    let paged: Vec<String> = state
        .pages
        .as_ref()
        .unwrap()
        .customer_page(&query)
        .unwrap()
        .rows
        .into_iter()
        .map(|row| row.name)
        .collect();
    assert_eq!(
        paged, listed,
        "the window's reader shows what the replica holds"
    );
    listed
}

#[test]
fn signing_out_forgets_the_token_and_the_managed_policy_wipes_the_replica() {
    let dir = tempfile::tempdir().unwrap();
    let (app, secrets) = signed_out(dir.path(), true);
    assert_eq!(secrets.get(SYNC_TOKEN).unwrap(), None, "the token is gone");
    let info = app_info(app.handle(), &app.state::<AppState>()).unwrap();
    assert!(info.needs_enrolment, "the window asks for a code again");
    assert_eq!(info.sync_server.as_deref(), Some("https://sync.example.vn"));
    assert!(customers(&app).is_empty(), "the replica was wiped");
    // A fresh replica in the same folder, usable at once.
    app.state::<AppState>()
        .replica
        .lock()
        .create_customer(&CustomerDraft {
            name: "Trần Văn An".into(),
            ..CustomerDraft::default()
        })
        .unwrap();
    assert_eq!(customers(&app), vec!["Trần Văn An".to_owned()]);
    assert!(dir.path().join(clientele_replica::DATABASE_FILE).exists());
}

#[test]
fn without_the_policy_signing_out_keeps_the_customers() {
    let dir = tempfile::tempdir().unwrap();
    let (app, secrets) = signed_out(dir.path(), false);
    assert_eq!(secrets.get(SYNC_TOKEN).unwrap(), None);
    assert!(
        app_info(app.handle(), &app.state::<AppState>())
            .unwrap()
            .needs_enrolment
    );
    assert_eq!(customers(&app), vec!["Công ty Đông Á".to_owned()]);
}
