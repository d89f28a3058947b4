//! The Tauri shell: reads the command line and configuration, opens the local replica and the
//! window, and exposes thin commands over the replica. No customer logic lives here.

mod cli;
mod commands;
mod config;
mod headless;

use std::sync::Mutex;

pub use cli::Cli;
pub use config::AppConfig;

/// The replica the commands share. One connection; SQLite serialises writes anyway.
pub struct AppState {
    pub replica: Mutex<clientele_replica::Replica>,
    pub info: clientele_model::command::AppInfo,
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
    let cli = Cli::parse();
    let config = AppConfig::load(cli.config.as_deref(), |key| std::env::var(key).ok())?;
    let data_dir = config.data_dir(cli.data_dir.as_deref())?;
    let mut replica = clientele_replica::Replica::open(&data_dir)?;
    if let Some(command) = cli.command {
        return headless::run(&mut replica, command, config.user.as_deref());
    }
    match &config.sync_server {
        Some(server) => tracing::info!(%server, "sync server configured"),
        None => tracing::info!("no sync server configured: working locally"),
    }
    tauri::Builder::default()
        .manage(AppState {
            replica: Mutex::new(replica),
            info: clientele_model::command::AppInfo {
                locale: config.locale(),
                sync_server: config.sync_server.clone(),
            },
        })
        .invoke_handler(tauri::generate_handler![
            commands::create_customer,
            commands::list_customers,
            commands::app_info,
            commands::customer_page,
            commands::group_counts
        ])
        .run(tauri::generate_context!())
        .context("the Clientele window could not start (is a display available?)")?;
    Ok(0)
}
