//! The Customers screen's own commands (the card's clock, saved searches, the lookups its menus
//! pick from): thin adapters over the replica, which holds and tests the behaviour.

use clientele_model::screen_command::{CustomerActivity, LookupItem, SavedSearch, ScreenContext};
use clientele_model::{ActivityDraft, ActivityStatus, CommandError, ErrorCode};
use clientele_replica::Replica;
use std::sync::MutexGuard;
use tauri::State;

use crate::AppState;

/// Whose preferences hold saved searches when no user is configured (a lone local install).
const LOCAL_USER: &str = "local";

fn replica<'a>(state: &'a State<'_, AppState>) -> Result<MutexGuard<'a, Replica>, CommandError> {
    state.replica.lock().map_err(|_| {
        CommandError::new(
            ErrorCode::Internal,
            "the local store is unavailable after an earlier failure; restart Clientele",
        )
    })
}

/// The configured user, else the local one.
fn user(replica: &Replica) -> String {
    Some(replica.author())
        .filter(|a| !a.is_empty())
        .unwrap_or(LOCAL_USER)
        .to_owned()
}

/// Tells the sync loop (if any) that there is something to send.
fn kick_sync(state: &State<'_, AppState>) {
    if let Some(sync) = state.sync.lock().ok().as_deref().and_then(Option::as_ref) {
        sync.kick();
    }
}

fn lookups(replica: &Replica, list: &str) -> Result<Vec<LookupItem>, CommandError> {
    Ok(replica
        .reference_list(list)?
        .into_iter()
        .map(|e| LookupItem {
            id: e.id,
            name: e.name,
            color: e.color,
        })
        .collect())
}

#[tauri::command]
pub fn screen_context(state: State<'_, AppState>) -> Result<ScreenContext, CommandError> {
    let replica = replica(&state)?;
    Ok(ScreenContext {
        user_id: Some(replica.author().to_owned()).filter(|a| !a.is_empty()),
        salespeople: lookups(&replica, "salespeople")?,
        tags: lookups(&replica, "tags")?,
        activity_types: lookups(&replica, "activity_types")?,
    })
}

#[tauri::command]
pub fn customer_activities(
    state: State<'_, AppState>,
    customer_id: String,
) -> Result<Vec<CustomerActivity>, CommandError> {
    let customer = replica(&state)?.customer(&customer_id)?;
    Ok(customer
        .activities
        .into_iter()
        .map(|(id, activity)| CustomerActivity { id, activity })
        .collect())
}

#[tauri::command]
pub fn schedule_activity(
    state: State<'_, AppState>,
    customer_id: String,
    activity: ActivityDraft,
) -> Result<String, CommandError> {
    let id = replica(&state)?.schedule_activity(&customer_id, &activity)?;
    kick_sync(&state);
    Ok(id)
}

#[tauri::command]
pub fn set_activity_status(
    state: State<'_, AppState>,
    customer_id: String,
    activity_id: String,
    status: ActivityStatus,
) -> Result<(), CommandError> {
    replica(&state)?.set_activity_status(&customer_id, &activity_id, status)?;
    kick_sync(&state);
    Ok(())
}

#[tauri::command]
pub fn save_search(
    state: State<'_, AppState>,
    search: SavedSearch,
) -> Result<SavedSearch, CommandError> {
    let mut replica = replica(&state)?;
    let user = user(&replica);
    let saved = replica.save_search(&user, &search)?;
    drop(replica);
    kick_sync(&state);
    Ok(saved)
}

#[tauri::command]
pub fn saved_searches(state: State<'_, AppState>) -> Result<Vec<SavedSearch>, CommandError> {
    let replica = replica(&state)?;
    Ok(replica.saved_searches(&user(&replica))?)
}

#[tauri::command]
pub fn delete_saved_search(
    state: State<'_, AppState>,
    search_id: String,
) -> Result<(), CommandError> {
    let mut replica = replica(&state)?;
    let user = user(&replica);
    replica.delete_saved_search(&user, &search_id)?;
    drop(replica);
    kick_sync(&state);
    Ok(())
}
