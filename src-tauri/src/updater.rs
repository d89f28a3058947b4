//! Desktop updates through the team's own sync server (`/v1/updates/{channel}/...`): the app
//! asks at start and every few hours, downloads a newer version in the background, verifies its
//! minisign signature with the public key built in by `cargo xtask bundle` (or the managed
//! configuration's `update_public_key`, for key rotation) and then offers "restart to update".
//! A file that does not match its signature is refused with a clear message and nothing is
//! installed: the running version keeps working.
//!
//! Checking, downloading and verifying are Tauri's updater plugin (`tauri-plugin-updater`, which
//! also installs the .deb or .rpm the app came from); this module decides whether and where to
//! look, words the failures, and holds what the window is told. It needs an app handle but no
//! window, so `tests/updater.rs` runs it on Tauri's mock runtime against the real server.

use clientele_model::commands::{UpdateStatus, UpdateStatusChanged};
use std::sync::Mutex;
use std::time::Duration;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::UpdaterExt;

use crate::config::{AppConfig, UpdateChannel};

/// How often a running app asks again.
pub const CHECK_EVERY: Duration = Duration::from_secs(4 * 60 * 60);

/// How long one request (the check, or the whole download) may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// Where this device looks for updates and the key they must be signed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSource {
    /// The team's sync server, e.g. `https://sync.example.vn`.
    pub server: String,
    pub channel: UpdateChannel,
    /// The updater public key as Tauri writes it (base64 of minisign's `.pub` file).
    pub public_key: String,
}

/// Why the app does not look for updates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdatesOff {
    #[error("updates are turned off (`updates = false`)")]
    TurnedOff,
    #[error("no sync server is configured, and updates come from it")]
    NoServer,
    #[error(
        "this build has no updater public key (only `cargo xtask bundle` builds one in) and the \
         managed configuration gives none (`update_public_key`), so no update could be verified"
    )]
    NoKey,
}

/// What went wrong while updating; the running version is never harmed.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("the sync server address {server:?} cannot be used for updates: {reason}")]
    BadServer { server: String, reason: String },
    #[error("could not ask {server} for updates: {reason}")]
    Check { server: String, reason: String },
    #[error("could not download version {version}: {reason}; Clientele {current} keeps working")]
    Download {
        version: String,
        current: String,
        reason: String,
    },
    #[error(
        "the update to version {version} was refused: its file does not match its signature \
         (altered or damaged on the way: {reason}); nothing was installed and Clientele \
         {current} keeps working; tell your IT department"
    )]
    Tampered {
        version: String,
        current: String,
        reason: String,
    },
    #[error("no update is ready to install")]
    NothingReady,
    #[error(
        "version {version} could not be installed: {reason}; Clientele {current} keeps working"
    )]
    Install {
        version: String,
        current: String,
        reason: String,
    },
}

impl UpdateSource {
    /// Whether and where to look, from the configuration (managed keys already applied) and
    /// the key built into this app (empty when it has none).
    pub fn from_config(config: &AppConfig, built_in_key: &str) -> Result<Self, UpdatesOff> {
        if config.updates == Some(false) {
            return Err(UpdatesOff::TurnedOff);
        }
        let server = config.sync_server.clone().ok_or(UpdatesOff::NoServer)?;
        let public_key = config
            .update_public_key
            .clone()
            .or_else(|| Some(built_in_key.trim().to_owned()))
            .filter(|key| !key.is_empty())
            .ok_or(UpdatesOff::NoKey)?;
        Ok(UpdateSource {
            server,
            channel: config.update_channel.unwrap_or_default(),
            public_key,
        })
    }

    /// The updater's endpoint on the sync server; the plugin fills in the platform and the
    /// running version.
    pub fn endpoint(&self) -> Result<tauri::Url, UpdateError> {
        let text = format!(
            "{}/v1/updates/{}/{{{{target}}}}/{{{{arch}}}}/{{{{current_version}}}}",
            self.server.trim_end_matches('/'),
            self.channel.as_str()
        );
        let url = tauri::Url::parse(&text).map_err(|e| UpdateError::BadServer {
            server: self.server.clone(),
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "https" | "http") {
            return Err(UpdateError::BadServer {
                server: self.server.clone(),
                reason: "it must start with https://".into(),
            });
        }
        Ok(url)
    }
}

/// The public key built into this app: `plugins.updater.pubkey` of its Tauri configuration.
pub fn built_in_key<R: Runtime>(app: &AppHandle<R>) -> String {
    app.config()
        .plugins
        .0
        .get("updater")
        .and_then(|updater| updater.get("pubkey"))
        .and_then(|key| key.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// A newer version, downloaded and verified, waiting for the user's restart.
pub struct ReadyUpdate {
    pub version: String,
    update: tauri_plugin_updater::Update,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for ReadyUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadyUpdate")
            .field("version", &self.version)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl ReadyUpdate {
    /// Installs it (the bytes are verified again first). The caller restarts the app.
    pub fn install(&self) -> Result<(), UpdateError> {
        self.update.install(&self.bytes).map_err(|error| {
            refusal_or(&self.update, error, |version, current, reason| {
                UpdateError::Install {
                    version,
                    current,
                    reason,
                }
            })
        })
    }
}

/// Asks the server for a newer version; downloads and verifies it. `Ok(None)`: up to date
/// (the server answered 204).
pub async fn fetch<R: Runtime>(
    app: &AppHandle<R>,
    source: &UpdateSource,
) -> Result<Option<ReadyUpdate>, UpdateError> {
    let check_failed = |error: tauri_plugin_updater::Error| UpdateError::Check {
        server: source.server.clone(),
        reason: error.to_string(),
    };
    let updater = app
        .updater_builder()
        .pubkey(source.public_key.clone())
        .endpoints(vec![source.endpoint()?])
        .map_err(check_failed)?
        .timeout(REQUEST_TIMEOUT)
        .build()
        .map_err(check_failed)?;
    let Some(update) = updater.check().await.map_err(check_failed)? else {
        return Ok(None);
    };
    tracing::info!(version = %update.version, url = %update.download_url, "an update is available; downloading it");
    let bytes = update.download(|_, _| {}, || {}).await.map_err(|error| {
        refusal_or(&update, error, |version, current, reason| {
            UpdateError::Download {
                version,
                current,
                reason,
            }
        })
    })?;
    Ok(Some(ReadyUpdate {
        version: update.version.clone(),
        update,
        bytes,
    }))
}

/// A signature failure is a refusal (`Tampered`); anything else is `other`.
fn refusal_or(
    update: &tauri_plugin_updater::Update,
    error: tauri_plugin_updater::Error,
    other: impl FnOnce(String, String, String) -> UpdateError,
) -> UpdateError {
    use tauri_plugin_updater::Error as E;
    let (version, current, reason) = (
        update.version.clone(),
        update.current_version.clone(),
        error.to_string(),
    );
    match error {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => UpdateError::Tampered {
            version,
            current,
            reason,
        },
        _ => other(version, current, reason),
    }
}

/// What the window is told, and the update waiting for a restart.
#[derive(Default)]
pub struct Updates {
    status: Mutex<UpdateStatus>,
    ready: Mutex<Option<ReadyUpdate>>,
}

impl Updates {
    pub fn status(&self) -> UpdateStatus {
        self.status
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn set<R: Runtime>(&self, app: &AppHandle<R>, status: UpdateStatus) {
        *self
            .status
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = status.clone();
        crate::commands::sync::emit::<UpdateStatusChanged, R>(app, &status);
    }

    fn has_ready(&self) -> bool {
        self.ready
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .is_some()
    }

    /// Installs the ready update; on failure it stays ready (to try again) and the running
    /// version goes on.
    pub fn install(&self) -> Result<String, UpdateError> {
        let ready = self
            .ready
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let ready = ready.as_ref().ok_or(UpdateError::NothingReady)?;
        ready.install()?;
        Ok(ready.version.clone())
    }

    /// One check: what it found becomes the status (and the event); a failure to reach the
    /// server is only logged (offline is normal), a refused file is shown.
    pub async fn check_once<R: Runtime>(&self, app: &AppHandle<R>, source: &UpdateSource) {
        if self.has_ready() {
            return;
        }
        match fetch(app, source).await {
            Ok(None) => tracing::debug!(channel = source.channel.as_str(), "no update"),
            Ok(Some(ready)) => {
                tracing::info!(version = %ready.version, "update verified: ready to restart");
                let version = ready.version.clone();
                *self
                    .ready
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(ready);
                self.set(app, UpdateStatus::Ready { version });
            }
            Err(UpdateError::Tampered {
                version, reason, ..
            }) => {
                tracing::error!(%version, %reason, "update refused: its file does not match its signature; nothing installed");
                self.set(app, UpdateStatus::Refused { version, reason });
            }
            Err(error) => tracing::warn!(%error, "update check failed; trying again later"),
        }
    }
}

/// Starts the background checks: one now, then every [`CHECK_EVERY`]; none when `source`
/// says updates are off (logged with the reason).
pub fn start<R: Runtime>(app: &AppHandle<R>, source: Result<UpdateSource, UpdatesOff>) {
    use tauri::Manager;
    let source = match source {
        Ok(source) => source,
        Err(off) => {
            tracing::info!(reason = %off, "not looking for updates");
            return;
        }
    };
    tracing::info!(server = %source.server, channel = source.channel.as_str(), "looking for updates");
    let app = app.clone();
    let started = std::thread::Builder::new()
        .name("clientele-updates".into())
        .spawn(move || loop {
            let updates = app.state::<Updates>();
            tauri::async_runtime::block_on(updates.check_once(&app, &source));
            std::thread::sleep(CHECK_EVERY);
        });
    if let Err(error) = started {
        tracing::error!(%error, "the update checks could not start");
    }
}
