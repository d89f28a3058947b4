//! Connecting this device to its team and signing it out: the `enrol` command (the code is
//! exchanged by the replica's HTTP client, the token kept in the keychain, syncing started),
//! the token at start (moved out of the user's config file into the keychain), and the sign-out
//! when the server stops accepting the token (revoked, user disabled), which deletes the token
//! and, when the managed policy `wipe_on_sign_out` says so, wipes the local replica.

use clientele_model::commands::{AppInfo, Enrol, FieldMessage};
use clientele_model::{CommandError, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime, State};

use super::{Args, Reply};
use crate::secrets::{Secrets, SYNC_TOKEN};
use crate::{AppConfig, AppState};

/// How this device reaches its team (Tauri-managed beside `AppState`).
pub struct Connection {
    pub secrets: Secrets,
    pub data_dir: PathBuf,
    /// The user's config file, where a server typed into "Connect to your team" is remembered.
    pub config_file: Option<PathBuf>,
    /// The server IT locked, if it did: the only one this device may connect to.
    pub locked_server: Option<String>,
    /// Managed policy: wipe the local replica when the server signs this device out.
    pub wipe_on_sign_out: bool,
    /// The server in use and whether this device still needs a token for it.
    pub status: Mutex<ConnectionStatus>,
}

#[derive(Debug, Clone, Default)]
pub struct ConnectionStatus {
    pub server: Option<String>,
    pub needs_enrolment: bool,
}

impl Connection {
    /// The connection `config` describes for the replica in `data_dir`; `config_file` is the
    /// `--config` flag (the user's default file otherwise).
    pub fn new(
        secrets: Secrets,
        data_dir: &Path,
        config: &AppConfig,
        config_file: Option<&Path>,
    ) -> Connection {
        let locked = config.managed.iter().any(|k| k == "sync_server");
        Connection {
            secrets,
            data_dir: data_dir.to_owned(),
            config_file: AppConfig::user_file(config_file),
            locked_server: if locked {
                config.sync_server.clone()
            } else {
                None
            },
            wipe_on_sign_out: config.wipe_on_sign_out.unwrap_or(false),
            status: Mutex::new(ConnectionStatus {
                server: config.sync_server.clone(),
                needs_enrolment: config.sync_server.is_some() && config.sync_token.is_none(),
            }),
        }
    }

    /// `clientele enrol CODE`: the same exchange from the command line (for IT scripts);
    /// prints who the device now syncs as and where the token is kept. Exit code 0, or an
    /// error saying what to do.
    pub fn enrol_headless(
        &self,
        server: Option<&str>,
        code: &str,
        device_name_typed: &str,
    ) -> anyhow::Result<i32> {
        let configured = self
            .status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .server
            .clone();
        let server = match (&self.locked_server, server, configured) {
            (Some(locked), _, _) => locked.clone(),
            (None, Some(server), _) => server.trim().to_owned(),
            (None, None, Some(configured)) => configured,
            (None, None, None) => {
                anyhow::bail!("no sync server is configured: pass --server https://sync.example.vn")
            }
        };
        let enrolled = clientele_replica::enrol(&server, code, &device_name(device_name_typed))?;
        self.connected(&server, &enrolled.token)
            .map_err(|e| anyhow::anyhow!(e.message))?;
        let place = match self.secrets.place() {
            crate::secrets::SecretPlace::Keychain => "the system keychain".to_owned(),
            crate::secrets::SecretPlace::File => format!(
                "{} (readable by this user only: no system keychain answered)",
                self.data_dir.join("secrets").display()
            ),
        };
        println!(
            "this device now syncs with {server} as {} ({}); its token is kept in {place}",
            enrolled.user, enrolled.display_name
        );
        Ok(0)
    }

    /// `info` as this device's connection now stands.
    pub fn patch(&self, info: AppInfo) -> AppInfo {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        AppInfo {
            sync_server: status.server.clone(),
            needs_enrolment: status.needs_enrolment,
            ..info
        }
    }
}

/// Exchanges the enrolment code for this device's token, keeps it in the keychain, remembers
/// the server and starts syncing.
#[tauri::command(async)]
pub fn enrol<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    Args(args): Args<Enrol>,
) -> Reply<Enrol> {
    let connection = app.try_state::<Connection>();
    let locked = connection.as_ref().and_then(|c| c.locked_server.clone());
    let server = locked.unwrap_or_else(|| args.server.trim().to_owned());
    let enrolled = clientele_replica::enrol(&server, &args.code, &device_name(&args.device_name))
        .map_err(refusal)?;
    let connection = connection.ok_or_else(|| {
        CommandError::new(ErrorCode::Internal, "this window cannot connect to a team")
    })?;
    connection.connected(&server, &enrolled.token)?;
    tracing::info!(%server, user = %enrolled.user, "this device joined its team");
    crate::start_sync(&app, &state, &server, &enrolled.token);
    app_info(&app, &state)
}

/// The shell's information as it now stands: the session's user and permission (the server's
/// identity may arrive after start) and this device's connection.
pub fn app_info<R: Runtime>(app: &AppHandle<R>, state: &State<'_, AppState>) -> Reply<Enrol> {
    let session = super::replica(state)?.session().clone();
    let info = AppInfo {
        user: Some(session.user),
        can_see_private_addresses: session.permissions.private_addresses,
        ..state.info.clone()
    };
    Ok(match app.try_state::<Connection>() {
        Some(connection) => connection.patch(info),
        None => info,
    })
}

impl Connection {
    /// Keeps `token` in the keychain and `server` in the user's config file (unless IT
    /// locked it); this device no longer needs enrolment.
    fn connected(&self, server: &str, token: &str) -> Result<(), CommandError> {
        self.secrets
            .set(SYNC_TOKEN, token)
            .map_err(|e| CommandError::new(ErrorCode::Storage, e.to_string()))?;
        if self.locked_server.is_none() {
            if let Some(file) = &self.config_file {
                crate::config::set_user_key(file, "sync_server", server)
                    .map_err(|e| CommandError::new(ErrorCode::Storage, e.to_string()))?;
            }
        }
        *self.status.lock().unwrap_or_else(|e| e.into_inner()) = ConnectionStatus {
            server: Some(server.to_owned()),
            needs_enrolment: false,
        };
        Ok(())
    }
}

/// An enrolment refusal as the window shows it: on the field to correct, with the server's
/// reason as the problem code (`enrolment_code_used`, `enrolment_code_expired`, ...).
fn refusal(error: clientele_replica::EnrolError) -> CommandError {
    use clientele_replica::EnrolError;
    let field = match &error {
        EnrolError::BadServer(_) | EnrolError::Unreachable { .. } => "server",
        EnrolError::Refused { code, .. } if !code.starts_with("enrolment_code") => {
            if code == "user_disabled" {
                "code"
            } else {
                "server"
            }
        }
        _ => "code",
    };
    CommandError {
        code: ErrorCode::Validation,
        message: error.to_string(),
        field: Some(field.to_owned()),
        field_errors: vec![FieldMessage {
            field: field.to_owned(),
            problem: error.code().to_owned(),
            message: error.to_string(),
        }],
    }
}

/// What the server calls this device: the name typed, else the computer's.
fn device_name(typed: &str) -> String {
    let typed = typed.trim();
    if !typed.is_empty() {
        return typed.to_owned();
    }
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "a computer".to_owned());
    format!("Clientele on {host}")
}

/// The token this device syncs with at start: `CLIENTELE_SYNC_TOKEN` as given (never stored),
/// else the keychain's. A token still in the user's config file (before enrolment existed)
/// moves into the keychain and leaves the file.
pub fn token_at_start(config: &AppConfig, secrets: &Secrets) -> anyhow::Result<Option<String>> {
    if let (Some(token), Some(file)) = (&config.sync_token, &config.token_file) {
        secrets.set(SYNC_TOKEN, token)?;
        crate::config::remove_user_key(file, "sync_token")?;
        tracing::info!(file = %file.display(), place = ?secrets.place(), "the sync token moved out of the config file into the keychain");
        return Ok(Some(token.clone()));
    }
    if config.sync_token.is_some() {
        return Ok(config.sync_token.clone());
    }
    Ok(secrets.get(SYNC_TOKEN)?)
}

/// The server stopped accepting this device's token: forget it, wipe the replica when the
/// managed policy says so, and ask for enrolment again. Runs on the sync loop's thread,
/// which ends after this.
pub fn sign_out<R: Runtime>(app: &AppHandle<R>) {
    let Some(connection) = app.try_state::<Connection>() else {
        return;
    };
    if let Err(error) = connection.secrets.delete(SYNC_TOKEN) {
        tracing::error!(%error, "the revoked token could not be deleted");
    }
    connection
        .status
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .needs_enrolment = true;
    let state = app.state::<AppState>();
    // The loop ends on its own; dropping its handle only tells it to (no join on itself).
    drop(
        state
            .sync
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take(),
    );
    if connection.wipe_on_sign_out {
        match wipe(&state, &connection.data_dir) {
            Ok(()) => tracing::warn!(
                "signed out: the local replica was wiped (managed policy wipe_on_sign_out)"
            ),
            Err(error) => {
                tracing::error!(%error, "signed out, but the local replica could not be wiped")
            }
        }
    } else {
        tracing::warn!("signed out: the sync server no longer accepts this device's token");
    }
}

/// Replaces the open replica with a fresh, empty one in the same folder: the old one is closed
/// (swapped for a scratch replica first), its files deleted, a new one opened with the device's
/// key as at start.
fn wipe(state: &State<'_, AppState>, data_dir: &Path) -> anyhow::Result<()> {
    let scratch = std::env::temp_dir().join(format!("clientele-wipe-{}", std::process::id()));
    let mut replica = super::replica(state)?;
    let session = replica.session().clone();
    drop(std::mem::replace(
        &mut *replica,
        clientele_replica::Replica::open(&scratch)?,
    ));
    // The window's reader lets go of the old file too, before it is deleted.
    if let Some(pages) = &state.pages {
        pages.follow(&replica)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = data_dir.join(format!("{}{suffix}", clientele_replica::DATABASE_FILE));
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    // Opened as at start: encrypted with this device's key.
    let mut fresh = match crate::replica_open::open(data_dir, false, true)? {
        crate::replica_open::Opened::Replica(replica, _) => *replica,
        crate::replica_open::Opened::Unreadable(message) => anyhow::bail!(message),
    };
    fresh.set_session(session);
    // The scratch replica closes here, before its folder goes.
    *replica = fresh;
    if let Some(pages) = &state.pages {
        pages.follow(&replica)?;
    }
    drop(replica);
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}
