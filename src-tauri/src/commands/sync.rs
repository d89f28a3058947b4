//! The app and sync commands (`clientele_model::commands::sync`), and `emit`, which sends the
//! window an event under its typed name.

use clientele_model::commands::{
    DiscardRefusedChange, GetAppInfo, GetSyncStatus, GetUnsentChanges,
};
use clientele_model::sync::SyncStatus;
use clientele_model::Event;
use tauri::{AppHandle, Emitter, Runtime, State};

use super::{replica, Args, Reply};
use crate::AppState;

/// The shell's settings, with the user and their permission as the replica's session has
/// them now (the server's identity may arrive after start).
#[tauri::command(async)]
pub fn app_info<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    _: Args<GetAppInfo>,
) -> Reply<GetAppInfo> {
    // enrolment: the connection (server, needs enrolment) as it now stands.
    super::enrolment::app_info(&app, &state)
}

#[tauri::command(async)]
pub fn unsent_changes(
    state: State<'_, AppState>,
    _: Args<GetUnsentChanges>,
) -> Reply<GetUnsentChanges> {
    Ok(replica(&state)?.unsent_changes()?)
}

#[tauri::command(async)]
pub fn discard_refused_change(
    state: State<'_, AppState>,
    Args(args): Args<DiscardRefusedChange>,
) -> Reply<DiscardRefusedChange> {
    Ok(replica(&state)?.discard_refused_change(args.id)?)
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
