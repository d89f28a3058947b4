//! "Re-sync from the server" when this device's key cannot read its local database: the window
//! opened on an empty stand-in (replica_open.rs), and this sets the unreadable file aside (kept
//! whole, not deleted) and restarts the app, which starts a fresh replica and fills it from the
//! server.

use clientele_model::commands::ResyncReplica;
use clientele_model::{CommandError, ErrorCode};
use tauri::{AppHandle, Manager, Runtime};

use super::{Args, Reply};
use crate::replica_open::ReplicaProblem;

#[tauri::command(async)]
pub fn resync_replica<R: Runtime>(
    app: AppHandle<R>,
    _: Args<ResyncReplica>,
) -> Reply<ResyncReplica> {
    let unreadable = app
        .try_state::<ReplicaProblem>()
        .and_then(|problem| problem.0.clone())
        .ok_or_else(|| {
            CommandError::new(
                ErrorCode::Conflict,
                "the local database opens with this device's key: there is nothing to re-sync",
            )
        })?;
    let aside = clientele_replica::Replica::set_aside(&unreadable.data_dir)?;
    tracing::warn!(aside = %aside.display(), "re-sync chosen: the unreadable local database was set aside; restarting");
    unreadable.remove_stand_in();
    app.restart()
}
