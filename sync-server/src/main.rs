//! `clientele-sync-server`: the command line over the server library.

use anyhow::Context;
use clap::{Parser, Subcommand};
use clientele_sync_server::store::{sha256, Role, SqliteStore, Store, User};
use clientele_sync_server::{routes, ServerConfig};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// Team members: add, list, disable.
    #[command(subcommand)]
    User(UserCommand),
    /// Device tokens: issue (printed once, stored hashed) and revoke.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Subcommand)]
enum UserCommand {
    Add {
        name: String,
        /// admin, manager or rep.
        #[arg(long, default_value = "rep")]
        role: String,
        /// May see and write private addresses.
        #[arg(long)]
        private_addresses: bool,
    },
    List,
    Disable {
        name: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    Issue {
        user: String,
        /// What the token is for, e.g. the laptop's name.
        #[arg(long, default_value = "device")]
        label: String,
    },
    Revoke {
        token: String,
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
    let store = || -> anyhow::Result<SqliteStore> {
        SqliteStore::open(&config.data_dir).with_context(|| {
            format!(
                "cannot open the server's database in {}",
                config.data_dir.display()
            )
        })
    };
    match cli.command {
        Command::Serve { listen } => {
            let store = Arc::new(store()?);
            if let Some(listen) = listen {
                config.listen = listen;
            }
            serve(config, store).await
        }
        Command::User(UserCommand::Add {
            name,
            role,
            private_addresses,
        }) => {
            let role = Role::parse(&role)
                .with_context(|| format!("role {role:?} is not admin, manager or rep"))?;
            store()?.add_user(&User {
                name: name.clone(),
                role,
                private_addresses,
                disabled: false,
            })?;
            println!("added {name} ({})", role.as_str());
            Ok(())
        }
        Command::User(UserCommand::List) => {
            for user in store()?.users()? {
                println!(
                    "{}\t{}\t{}\t{}",
                    user.name,
                    user.role.as_str(),
                    if user.private_addresses {
                        "private-addresses"
                    } else {
                        "-"
                    },
                    if user.disabled { "disabled" } else { "active" }
                );
            }
            Ok(())
        }
        Command::User(UserCommand::Disable { name }) => {
            store()?.set_disabled(&name, true)?;
            println!("disabled {name}: their tokens no longer work");
            Ok(())
        }
        Command::Token(TokenCommand::Issue { user, label }) => {
            let mut secret = [0u8; 32];
            getrandom::fill(&mut secret)
                .map_err(|e| anyhow::anyhow!("no randomness for a token: {e}"))?;
            let token: String = secret.iter().map(|b| format!("{b:02x}")).collect();
            store()?.add_token(&user, &sha256(token.as_bytes()), &label)?;
            // Printed once: only its hash is stored.
            println!("{token}");
            Ok(())
        }
        Command::Token(TokenCommand::Revoke { token }) => {
            if !store()?.revoke_token(&sha256(token.trim().as_bytes()))? {
                anyhow::bail!("no such token");
            }
            println!("revoked");
            Ok(())
        }
    }
}

async fn serve(config: ServerConfig, store: Arc<SqliteStore>) -> anyhow::Result<()> {
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
    axum::serve(listener, routes::router(store)?)
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
