//! What changed on a customer while the user was not looking (`clientele_model::commands::recent`):
//! thin adapters over the replica (tested in replica/tests/edit_parts_at.rs, recent_updates.rs).

use clientele_model::commands::{GetChangedSince, MarkCustomerSeen};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

/// Which fields others changed since the version the form was loaded at, and by whom.
#[tauri::command(async)]
pub fn changed_since(
    state: State<'_, AppState>,
    Args(args): Args<GetChangedSince>,
) -> Reply<GetChangedSince> {
    Ok(replica(&state)?.changed_since(&args.id, &args.heads)?)
}

/// The user opened the customer: its card stops being highlighted.
#[tauri::command(async)]
pub fn mark_customer_seen(
    state: State<'_, AppState>,
    Args(args): Args<MarkCustomerSeen>,
) -> Reply<MarkCustomerSeen> {
    Ok(replica(&state)?.mark_customer_seen(&args.id)?)
}
