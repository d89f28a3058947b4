//! The saved search commands (`clientele_model::commands::searches`): thin adapters over the
//! replica (tested in replica/tests/saved_searches.rs), for the user the shell runs as.

use clientele_model::commands::{DeleteSavedSearch, GetSavedSearches, SaveSearch};
use tauri::State;

use super::{kick_sync, replica, user, Args, Reply};
use crate::AppState;

#[tauri::command]
pub fn save_search(state: State<'_, AppState>, Args(args): Args<SaveSearch>) -> Reply<SaveSearch> {
    let saved = replica(&state)?.save_search(&user(&state), &args.search)?;
    kick_sync(&state);
    Ok(saved)
}

#[tauri::command]
pub fn saved_searches(
    state: State<'_, AppState>,
    _: Args<GetSavedSearches>,
) -> Reply<GetSavedSearches> {
    Ok(replica(&state)?.saved_searches(&user(&state))?)
}

#[tauri::command]
pub fn delete_saved_search(
    state: State<'_, AppState>,
    Args(args): Args<DeleteSavedSearch>,
) -> Reply<DeleteSavedSearch> {
    replica(&state)?.delete_saved_search(&user(&state), &args.search_id)?;
    kick_sync(&state);
    Ok(())
}
