//! The Tauri shell: reads the command line and configuration, opens the local replica and the
//! window, and exposes thin commands over the replica. No customer logic lives here.

mod cli;
pub mod commands;
mod config;
mod headless;
pub mod rendering;
mod replica_open;
pub mod secrets;
pub mod updater;

use clientele_model::commands::{AppInfo, RecordsChanged, SyncStatusChanged};
use clientele_model::sync::SyncStatus;
use std::sync::{Arc, Mutex};

pub use cli::Cli;
pub use config::AppConfig;
pub use config::UpdateChannel;

/// The replica the commands share. One connection; SQLite serialises writes anyway.
pub struct AppState {
    pub replica: Arc<clientele_replica::SharedReplica>,
    /// The Customers screen's pages and group counts, read on a connection of their own so they
    /// never wait for the sync loop's writes (`None`: it could not open; the replica answers).
    pub pages: Option<clientele_replica::PageReader>,
    pub info: AppInfo,
    /// The running sync loop, when a server and a token are configured.
    pub sync: Mutex<Option<clientele_replica::SyncHandle>>,
    /// The latest sync status, for a window that asks.
    pub sync_status: Arc<Mutex<SyncStatus>>,
}

/// Tells the window which records other devices changed (`RecordsChanged`), as the replica's
/// change notices say; its own edits the window already shows.
fn forward_record_changes(app: &tauri::AppHandle, state: &AppState) {
    let notices = state.replica.lock().subscribe();
    let handle = app.clone();
    let started = std::thread::Builder::new()
        .name("clientele-notices".into())
        .spawn(move || {
            for notice in notices.iter().filter(|n| !n.is_local()) {
                commands::sync::emit::<RecordsChanged, _>(&handle, &notice.documents);
            }
        });
    if let Err(error) = started {
        tracing::error!(%error, "the window will not hear of other devices' changes");
    }
}

/// Starts syncing in the background and forwards its status to the window
/// (`SyncStatusChanged`).
fn start_sync<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    state: &AppState,
    server: &str,
    token: &str,
) {
    let handle = app.clone();
    let latest = state.sync_status.clone();
    let started =
        clientele_replica::spawn_sync_loop(state.replica.clone(), server, token, move |status| {
            // enrolment: a revoked token or a disabled user signs this device out.
            if matches!(status, SyncStatus::SignedOut { .. }) {
                commands::enrolment::sign_out(&handle);
            }
            *latest
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = status.clone();
            commands::sync::emit::<SyncStatusChanged, _>(&handle, status);
        });
    match started {
        Ok(sync) => {
            *state
                .sync
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(sync)
        }
        Err(error) => {
            tracing::error!(%error, "sync could not start");
            *state
                .sync_status
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = SyncStatus::Error {
                reason: error.to_string(),
            };
        }
    }
}

/// Parses the command line, opens the replica, and either runs one headless subcommand or the
/// window until it is closed. Returns the process exit code.
pub fn run() -> anyhow::Result<i32> {
    use anyhow::Context;
    use clap::Parser;

    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,clientele_app=info,clientele_replica=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    // Before any thread starts: WebKitGTK's processes read it from the environment.
    rendering::prepare_webview();
    let cli = Cli::parse();
    let config = AppConfig::load(cli.config.as_deref(), |key| std::env::var(key).ok())?;
    let data_dir = config.data_dir(cli.data_dir.as_deref())?;
    // Encrypted at rest with this device's key; a file the key cannot read is a message
    // offering a re-sync, not a crash.
    let resync = matches!(cli.command, Some(cli::Command::Resync));
    let mut problem_message = None;
    let has_server = config.sync_server.is_some();
    let mut problem = replica_open::ReplicaProblem::default();
    let mut replica = match replica_open::open(&data_dir, resync, has_server)? {
        replica_open::Opened::Replica(replica, aside) => {
            if let Some(aside) = aside {
                println!(
                    "the unreadable local database was set aside as {}; a fresh one starts \
                     and the next sync fills it from the server",
                    aside.display()
                );
            }
            *replica
        }
        // The window runs on an empty stand-in and offers the re-sync (nothing syncs).
        replica_open::Opened::Unreadable(message) if cli.command.is_none() => {
            eprintln!("{message}");
            let (stand_in, unreadable) = replica_open::stand_in(&data_dir)?;
            problem = replica_open::ReplicaProblem(Some(unreadable));
            problem_message = Some(message);
            stand_in
        }
        replica_open::Opened::Unreadable(message) => {
            eprintln!("{message}");
            return Ok(replica_open::EXIT_UNREADABLE_REPLICA);
        }
    };
    // enrolment: the token lives in the keychain (or a 0600 file when none answers); one
    // still in the user's config file moves there now.
    let secrets = secrets::Secrets::open(&data_dir);
    let mut config = config;
    config.sync_token = commands::enrolment::token_at_start(&config, &secrets)?;
    if let Some(cli::Command::Enrol {
        code,
        server,
        device_name,
    }) = &cli.command
    {
        let connection = commands::enrolment::Connection::new(
            secrets,
            &data_dir,
            &config,
            cli.config.as_deref(),
        );
        return connection.enrol_headless(
            server.as_deref(),
            code,
            device_name.as_deref().unwrap_or(""),
        );
    }
    // Working locally everything here is the user's own (the configured `user` names them).
    // With a server, the token decides who the user is and what they may do: the server's
    // identity, cached from the last sync, until the next sync asks again; before the first,
    // a rep's permissions. The replica enforces them, for the window and the command line.
    let syncing = config.sync_server.is_some() && config.sync_token.is_some();
    let cached = replica.identity().unwrap_or_else(|error| {
        tracing::warn!(%error, "the cached identity is unreadable; the next sync asks again");
        None
    });
    let session = match (syncing, cached) {
        (true, Some(identity)) => clientele_replica::Session::from_identity(&identity),
        (true, None) => clientele_replica::Session {
            permissions: clientele_model::team::Permissions::default(),
            ..clientele_replica::Session::new("", false)
        },
        (false, _) => clientele_replica::Session::new(config.user.as_deref().unwrap_or(""), true),
    };
    replica.set_session(session);
    // Managed `cache_private_addresses = false`: none stays on this device once the server has
    // it (the replica logs what it removed and what waits to be sent first).
    if config.cache_private_addresses == Some(false) {
        replica.set_keep_private_addresses(false)?;
    }
    if let Some(command) = cli.command {
        return headless::run(&mut replica, command, config.user.as_deref());
    }
    let sync = match (&config.sync_server, &config.sync_token) {
        (Some(server), Some(token)) => {
            tracing::info!(%server, "sync server configured");
            Some((server.clone(), token.clone()))
        }
        (Some(server), None) => {
            tracing::warn!(%server, "a sync server is configured but this device has no token: the window asks for an enrolment code (\"Connect to your team\"); working locally until then");
            None
        }
        _ => {
            tracing::info!("no sync server configured: working locally");
            None
        }
    };
    // Nothing syncs into the stand-in while the re-sync is offered.
    let sync = sync.filter(|_| problem.0.is_none());
    let session = replica.session().clone();
    let pages = replica
        .page_reader()
        .inspect_err(|error| tracing::warn!(%error, "no separate reader for the Customers screen; its pages wait for the sync's writes"))
        .ok();
    let update_config = config.clone();
    let connection =
        commands::enrolment::Connection::new(secrets, &data_dir, &config, cli.config.as_deref());
    tauri::Builder::default()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(updater::Updates::default())
        .manage(problem)
        .manage(connection)
        .manage(AppState {
            replica: Arc::new(clientele_replica::SharedReplica::new(replica)),
            pages,
            info: AppInfo {
                locale: config.locale(),
                sync_server: config.sync_server.clone(),
                user: Some(session.user),
                can_see_private_addresses: session.permissions.private_addresses,
                managed: config.managed.clone(),
                managed_settings: config.managed_settings(),
                replica_unreadable: problem_message,
                needs_enrolment: false,
            },
            sync: Mutex::new(None),
            sync_status: Arc::new(Mutex::new(SyncStatus::LocalOnly)),
        })
        .setup(move |app| {
            use tauri::Manager;
            forward_record_changes(app.handle(), &app.state::<AppState>());
            if let Some((server, token)) = &sync {
                start_sync(app.handle(), &app.state::<AppState>(), server, token);
            }
            let built_in_key = updater::built_in_key(app.handle());
            updater::start(
                app.handle(),
                updater::UpdateSource::from_config(&update_config, &built_in_key),
            );
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .context("the Clientele window could not start (is a display available?)")?;
    Ok(0)
}
