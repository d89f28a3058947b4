//! `clientele-sync-server`: the command line over the server library: picks the store (SQLite in
//! `data_dir`, or PostgreSQL with `database_url`) for `serve` and the admin commands alike, and
//! serves HTTPS itself when given a certificate.

use anyhow::Context;
use clap::{Parser, Subcommand};
use clientele_sync_server::config::Transport;
use clientele_sync_server::store::{display_name_or_login, sha256, Member, Role, Store, User};
use clientele_sync_server::store_postgres::PostgresStore;
use clientele_sync_server::store_sqlite::SqliteStore;
use clientele_sync_server::{enrolment, routes, tls, ServerConfig};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Parser)]
#[command(version, about = "Clientele's sync server")]
struct Cli {
    /// TOML configuration file (listen, data_dir, database_url, tls_cert, tls_key,
    /// insecure_http, updates_dir); CLIENTELE_SYNC_* variables override it, flags override both.
    #[arg(long, global = true, env = "CLIENTELE_SYNC_CONFIG")]
    config: Option<PathBuf>,
    /// PostgreSQL instead of the embedded SQLite file, e.g. postgres://sync:secret@db/clientele
    /// (also CLIENTELE_SYNC_DATABASE_URL); every instance given the same URL shares the data.
    #[arg(long, global = true)]
    database_url: Option<String>,
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
        /// PEM certificate chain for HTTPS (also tls_cert, CLIENTELE_SYNC_TLS_CERT).
        #[arg(long)]
        tls_cert: Option<PathBuf>,
        /// PEM private key for HTTPS (also tls_key, CLIENTELE_SYNC_TLS_KEY).
        #[arg(long)]
        tls_key: Option<PathBuf>,
        /// Serve plain HTTP on a non-loopback address (only behind a TLS proxy on a trusted network).
        #[arg(long)]
        insecure_http: bool,
        /// Folder of the desktop app's updates, stable/ and beta/ (also updates_dir,
        /// CLIENTELE_SYNC_UPDATES_DIR).
        #[arg(long)]
        updates_dir: Option<PathBuf>,
    },
    /// Team members: add, list, rename, set-role, disable.
    #[command(subcommand)]
    User(UserCommand),
    /// Device tokens: issue (printed once, stored hashed) and revoke.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Issues a one-time enrolment code for USER (printed once, stored hashed): the user types
    /// it into "Connect to your team" and their device gets a token of its own.
    Enrol {
        user: String,
        /// How long the code works: e.g. 24h, 30m, 7d (0s: already expired).
        #[arg(long, default_value = "24h", value_parser = clientele_sync_server::enrolment::parse_validity)]
        expires_in: Duration,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Adds a team member; NAME is their login, which records store as author and salesperson.
    Add {
        name: String,
        /// admin, manager or rep.
        #[arg(long, default_value = "rep")]
        role: String,
        /// The name people read, e.g. "Trần Thị Lan" (the login when not given).
        #[arg(long)]
        display_name: Option<String>,
        /// May see and write private addresses.
        #[arg(long)]
        private_addresses: bool,
    },
    /// Lists every member: login, display name, role, private addresses, active or disabled.
    List,
    /// Changes the name people read; the login stays.
    Rename {
        name: String,
        /// The new display name (empty: the login).
        #[arg(long)]
        display_name: String,
    },
    /// Changes what a member may do; it applies from their next request, same tokens.
    SetRole {
        name: String,
        /// admin, manager or rep.
        #[arg(long)]
        role: String,
    },
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

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let mut config = ServerConfig::load(cli.config.as_deref(), |k| std::env::var(k).ok())?;
    if let Some(url) = cli.database_url {
        config.database_url = Some(url);
    }
    let store = || open_store(&config);
    match cli.command {
        Command::Serve {
            listen,
            tls_cert,
            tls_key,
            insecure_http,
            updates_dir,
        } => {
            if let Some(listen) = listen {
                config.listen = listen;
            }
            config.tls_cert = tls_cert.or(config.tls_cert);
            config.tls_key = tls_key.or(config.tls_key);
            config.insecure_http |= insecure_http;
            config.updates_dir = updates_dir.or(config.updates_dir);
            let transport = config.transport()?;
            let store = open_store(&config)?;
            let runtime =
                tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            let served = runtime.block_on(serve(config, transport, store.clone()));
            // The store is dropped after the runtime: PostgreSQL's clients own small runtimes of
            // their own, which may not be dropped on an async thread.
            drop(runtime);
            drop(store);
            served
        }
        Command::User(UserCommand::Add {
            name,
            role,
            display_name,
            private_addresses,
        }) => {
            let role = Role::parse(&role)
                .with_context(|| format!("role {role:?} is not admin, manager or rep"))?;
            let display_name = display_name.unwrap_or_default();
            store()?.add_member(
                &User {
                    name: name.clone(),
                    role,
                    private_addresses,
                    disabled: false,
                },
                &display_name,
            )?;
            let shown = display_name_or_login(&name, &display_name);
            println!("added {name} \"{shown}\" ({})", role.as_str());
            Ok(())
        }
        Command::User(UserCommand::List) => {
            for Member { user, display_name } in store()?.members()? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    user.name,
                    display_name,
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
        Command::User(UserCommand::Rename { name, display_name }) => {
            store()?.set_display_name(&name, &display_name)?;
            let shown = display_name_or_login(&name, &display_name);
            println!("{name} now reads \"{shown}\"");
            Ok(())
        }
        Command::User(UserCommand::SetRole { name, role }) => {
            let role = Role::parse(&role).with_context(|| {
                format!(
                    "role {role:?} is not admin, manager or rep; e.g. \
                     `clientele-sync-server user set-role {name} --role rep`"
                )
            })?;
            store()?.set_role(&name, role)?;
            println!(
                "{name} is now {}: it applies from their next request",
                role.as_str()
            );
            Ok(())
        }
        Command::User(UserCommand::Disable { name }) => {
            store()?.set_disabled(&name, true)?;
            println!("disabled {name}: their tokens no longer work");
            Ok(())
        }
        Command::Token(TokenCommand::Issue { user, label }) => {
            let token = enrolment::new_token()
                .map_err(|e| anyhow::anyhow!("no randomness for a token: {e}"))?;
            store()?.add_token(&user, &sha256(token.as_bytes()), &label)?;
            // Printed once: only its hash is stored.
            println!("{token}");
            Ok(())
        }
        Command::Enrol { user, expires_in } => {
            let code = enrolment::new_code()
                .map_err(|e| anyhow::anyhow!("no randomness for a code: {e}"))?;
            let expires_at = enrolment::unix_now().saturating_add(expires_in.as_secs() as i64);
            store()?.add_enrolment_code(&user, &enrolment::code_hash(&code), expires_at)?;
            // Printed once: only its hash is stored. The first line is the code alone, for scripts.
            println!("{code}");
            eprintln!(
                "enrolment code for {user}: works once, for {}; type it with the server's address \
                 into \"Connect to your team\"",
                describe_validity(expires_in)
            );
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

/// A validity as people read it: "24 h", "30 min", "90 s".
fn describe_validity(validity: Duration) -> String {
    match validity.as_secs() {
        0 => "no time at all (already expired)".to_owned(),
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// The store the configuration names: PostgreSQL with a database URL, SQLite in data_dir otherwise.
fn open_store(config: &ServerConfig) -> anyhow::Result<Arc<dyn Store>> {
    Ok(match &config.database_url {
        Some(url) => {
            Arc::new(PostgresStore::connect(url).context("cannot open the PostgreSQL store")?)
        }
        None => Arc::new(SqliteStore::open(&config.data_dir).with_context(|| {
            format!(
                "cannot open the server's database in {}",
                config.data_dir.display()
            )
        })?),
    })
}

async fn serve(
    config: ServerConfig,
    transport: Transport,
    store: Arc<dyn Store>,
) -> anyhow::Result<()> {
    let listener = std::net::TcpListener::bind(config.listen).with_context(|| {
        format!(
            "cannot listen on {}: is another server there?",
            config.listen
        )
    })?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    // Before the server answers anything: a SIGTERM right after its first answer must stop it
    // cleanly, not kill it (registered lazily, inside the serving task, it sometimes was not yet).
    let stop = shutdown_signal()?;
    if let Some(dir) = &config.updates_dir {
        tracing::info!(dir = %dir.display(), "serving desktop updates");
    }
    let app = routes::router_with_updates(store, config.updates_dir.clone())?;
    match transport {
        Transport::Https { cert, key } => {
            let tls = tls::server_config(&cert, &key)?;
            let handle = axum_server::Handle::new();
            let stopper = handle.clone();
            tokio::spawn(async move {
                stop.await;
                stopper.graceful_shutdown(Some(Duration::from_secs(5)));
            });
            // Tests and scripts read this line to learn the port.
            println!("listening on https://{address}");
            tracing::info!(%address, "sync server started (HTTPS)");
            axum_server::from_tcp_rustls(
                listener,
                axum_server::tls_rustls::RustlsConfig::from_config(tls),
            )
            .handle(handle)
            .serve(app.into_make_service())
            .await?;
        }
        Transport::Http => {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            println!("listening on http://{address}");
            tracing::info!(%address, "sync server started");
            axum::serve(listener, app)
                .with_graceful_shutdown(stop)
                .await?;
        }
    }
    tracing::info!("sync server stopped");
    Ok(())
}

/// SIGTERM or Ctrl+C (SIGINT), listened for from this call on; the future ends at the first.
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).context("cannot listen for SIGTERM")?;
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot listen for Ctrl+C")?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
    })
}
