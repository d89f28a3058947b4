//! The saved search commands (`clientele_model::commands::searches`): thin adapters over the
//! replica (tested in replica/tests/saved_searches.rs), for the user the shell runs as.

use clientele_model::commands::{DeleteSavedSearch, GetSavedSearches, SaveSearch};
use tauri::State;

use super::{as_user, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn save_search(state: State<'_, AppState>, Args(args): Args<SaveSearch>) -> Reply<SaveSearch> {
    let saved = as_user(&state, |replica, user| {
        replica.save_search(user, &args.search)
    })?;
    Ok(saved)
}

#[tauri::command(async)]
pub fn saved_searches(
    state: State<'_, AppState>,
    _: Args<GetSavedSearches>,
) -> Reply<GetSavedSearches> {
    as_user(&state, |replica, user| replica.saved_searches(user))
}

#[tauri::command(async)]
pub fn delete_saved_search(
    state: State<'_, AppState>,
    Args(args): Args<DeleteSavedSearch>,
) -> Reply<DeleteSavedSearch> {
    as_user(&state, |replica, user| {
        replica.delete_saved_search(user, &args.search_id)
    })?;
    Ok(())
}
