//! `clientele-sync-server`: the command line over the server library.

use anyhow::Context;
use clap::{Parser, Subcommand};
use clientele_sync_server::{routes, ServerConfig};
use std::path::PathBuf;

#[derive(Parser)]
#[command(version, about = "Clientele's sync server")]
struct Cli {
    /// TOML configuration file (listen, data_dir); CLIENTELE_SYNC_* variables override it.
    #[arg(long, global = true, env = "CLIENTELE_SYNC_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve devices until SIGTERM or Ctrl+C.
    Serve {
        /// Listen address, e.g. 127.0.0.1:8787 (port 0 picks a free one and prints it).
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let mut config = ServerConfig::load(cli.config.as_deref(), |k| std::env::var(k).ok())?;
    match cli.command {
        Command::Serve { listen } => {
            if let Some(listen) = listen {
                config.listen = listen;
            }
            serve(config).await
        }
    }
}

async fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}: is another server there?",
                config.listen
            )
        })?;
    let address = listener.local_addr()?;
    // Tests and scripts read this line to learn the port.
    println!("listening on http://{address}");
    tracing::info!(%address, "sync server started");
    axum::serve(listener, routes::router())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("sync server stopped");
    Ok(())
}

async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {},
        _ = terminate => {},
    }
}
