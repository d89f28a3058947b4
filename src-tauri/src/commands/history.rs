//! The history and conflict-review commands (`clientele_model::commands::history`): thin
//! adapters over the replica (tested in replica/tests/history_page.rs and conflicts.rs).

use clientele_model::commands::{
    GetCustomerConflicts, GetHistoryPage, KeepConflictValue, RestoreHistoryValue,
};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn customer_history_page(
    state: State<'_, AppState>,
    Args(args): Args<GetHistoryPage>,
) -> Reply<GetHistoryPage> {
    Ok(replica(&state)?.history_page(&args.id, args.before.as_deref(), args.limit)?)
}

#[tauri::command(async)]
pub fn restore_history_value(
    state: State<'_, AppState>,
    Args(args): Args<RestoreHistoryValue>,
) -> Reply<RestoreHistoryValue> {
    Ok(replica(&state)?.restore_history_value(&args.id, &args.place, &args.value)?)
}

#[tauri::command(async)]
pub fn customer_conflicts(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerConflicts>,
) -> Reply<GetCustomerConflicts> {
    Ok(replica(&state)?.conflict_review(&args.id)?)
}

#[tauri::command(async)]
pub fn keep_conflict_value(
    state: State<'_, AppState>,
    Args(args): Args<KeepConflictValue>,
) -> Reply<KeepConflictValue> {
    Ok(replica(&state)?.keep_conflict_value(&args.id, &args.place, &args.value_id)?)
}
