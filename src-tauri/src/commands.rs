//! The commands the UI invokes: each parses its arguments, calls the replica and maps errors to
//! the typed `CommandError`. Their behaviour is tested in the replica's own tests.

use clientele_model::command::AppInfo;
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::sync::SyncStatus;
use clientele_model::{CommandError, Customer, CustomerDraft, ErrorCode};
use clientele_replica::Replica;
use std::sync::MutexGuard;
use tauri::State;

use crate::AppState;

fn replica<'a>(state: &'a State<'_, AppState>) -> Result<MutexGuard<'a, Replica>, CommandError> {
    state.replica.lock().map_err(|_| {
        CommandError::new(
            ErrorCode::Internal,
            "the local store is unavailable after an earlier failure; restart Clientele",
        )
    })
}

/// Tells the sync loop (if any) that there is something to send.
fn kick_sync(state: &State<'_, AppState>) {
    if let Some(sync) = state.sync.lock().ok().as_deref().and_then(Option::as_ref) {
        sync.kick();
    }
}

#[tauri::command]
pub fn create_customer(
    state: State<'_, AppState>,
    draft: CustomerDraft,
) -> Result<Customer, CommandError> {
    let customer = replica(&state)?.create_customer(&draft)?;
    kick_sync(&state);
    Ok(customer)
}

#[tauri::command]
pub fn sync_status(state: State<'_, AppState>) -> SyncStatus {
    state
        .sync_status
        .lock()
        .map(|s| s.clone())
        .unwrap_or(SyncStatus::Error {
            reason: "the sync state is unavailable; restart Clientele".into(),
        })
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    state.info.clone()
}

#[tauri::command]
pub fn list_customers(state: State<'_, AppState>) -> Result<Vec<Customer>, CommandError> {
    Ok(replica(&state)?.list_customers()?)
}

#[tauri::command]
pub fn customer_page(
    state: State<'_, AppState>,
    query: CustomerQuery,
) -> Result<CustomerPage, CommandError> {
    Ok(replica(&state)?.customer_page(&query)?)
}

#[tauri::command]
pub fn group_counts(
    state: State<'_, AppState>,
    query: CustomerQuery,
    group_by: GroupBy,
) -> Result<Vec<GroupCount>, CommandError> {
    Ok(replica(&state)?.group_counts(&query, group_by)?)
}
