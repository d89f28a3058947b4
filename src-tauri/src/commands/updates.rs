//! The update commands (`clientele_model::commands::updates`): where updating stands, and the
//! restart into a downloaded, verified version (see `crate::updater`).

use clientele_model::commands::{GetUpdateStatus, RestartToUpdate};
use clientele_model::{CommandError, ErrorCode};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::updater::{UpdateError, Updates};

#[tauri::command(async)]
pub fn update_status(
    updates: State<'_, Updates>,
    _: Args<GetUpdateStatus>,
) -> Reply<GetUpdateStatus> {
    Ok(updates.status())
}

/// Installs the ready update and restarts; a failure leaves this version running.
#[tauri::command(async)]
pub fn restart_to_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, Updates>,
    _: Args<RestartToUpdate>,
) -> Reply<RestartToUpdate> {
    match updates.install() {
        Ok(version) => {
            tracing::info!(%version, "update installed; restarting");
            app.restart()
        }
        Err(error) => {
            tracing::error!(%error, "the update was not installed");
            let code = match error {
                UpdateError::NothingReady => ErrorCode::NotFound,
                _ => ErrorCode::Conflict,
            };
            Err(CommandError::new(code, error.to_string()))
        }
    }
}
