//! The commands the UI invokes: each parses its arguments, calls the replica and maps errors to
//! the typed `CommandError`. Their behaviour is tested in the replica's own tests.

use clientele_model::command::AppInfo;
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
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

#[tauri::command]
pub fn create_customer(
    state: State<'_, AppState>,
    draft: CustomerDraft,
) -> Result<Customer, CommandError> {
    Ok(replica(&state)?.create_customer(&draft)?)
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
