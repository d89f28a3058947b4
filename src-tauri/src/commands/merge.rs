//! The merge commands (`clientele_model::commands::merge`): thin adapters over the replica
//! (tested in replica/tests/merge.rs and, through the real server, sync-server/tests/merges.rs).

use clientele_model::commands::{GetCustomerMerges, MergeCustomers, UndoMerge};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn merge_customers(
    state: State<'_, AppState>,
    Args(args): Args<MergeCustomers>,
) -> Reply<MergeCustomers> {
    Ok(replica(&state)?.merge_customers(&args.survivor, &args.absorbed, &args.choices)?)
}

#[tauri::command(async)]
pub fn undo_merge(state: State<'_, AppState>, Args(args): Args<UndoMerge>) -> Reply<UndoMerge> {
    Ok(replica(&state)?.undo_merge(&args.survivor, &args.merge_id)?)
}

#[tauri::command(async)]
pub fn customer_merges(
    state: State<'_, AppState>,
    Args(args): Args<GetCustomerMerges>,
) -> Reply<GetCustomerMerges> {
    Ok(replica(&state)?.customer_merges(&args.id)?)
}
