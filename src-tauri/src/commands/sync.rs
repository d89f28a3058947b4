//! The app and sync commands (`clientele_model::commands::sync`), and `emit`, which sends the
//! window an event under its typed name.

use clientele_model::commands::{GetAppInfo, GetSyncStatus};
use clientele_model::sync::SyncStatus;
use clientele_model::Event;
use tauri::{AppHandle, Emitter, Runtime, State};

use super::{Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>, _: Args<GetAppInfo>) -> Reply<GetAppInfo> {
    Ok(state.info.clone())
}

#[tauri::command(async)]
pub fn sync_status(state: State<'_, AppState>, _: Args<GetSyncStatus>) -> Reply<GetSyncStatus> {
    Ok(state
        .sync_status
        .lock()
        .map(|s| s.clone())
        .unwrap_or(SyncStatus::Error {
            reason: "the sync state is unavailable; restart Clientele".into(),
        }))
}

/// Sends the window event `E` with its payload; a window that is gone misses it.
pub fn emit<E: Event, R: Runtime>(app: &AppHandle<R>, payload: &E::Payload) {
    if let Err(error) = app.emit(E::NAME, payload) {
        tracing::warn!(event = E::NAME, %error, "an event could not be sent");
    }
}
