//! The contact and address commands (`clientele_model::commands::contacts`): thin adapters over
//! the replica (which refuses private addresses to a user who may not see them), applied at the
//! heads the view was loaded from.

use clientele_model::commands::{AddContact, RemoveContact, UpdateContact};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn add_contact(state: State<'_, AppState>, Args(args): Args<AddContact>) -> Reply<AddContact> {
    let id = replica(&state)?.add_contact_at(&args.customer_id, &args.contact, &args.heads)?;
    Ok(id)
}

#[tauri::command(async)]
pub fn update_contact(
    state: State<'_, AppState>,
    Args(args): Args<UpdateContact>,
) -> Reply<UpdateContact> {
    replica(&state)?.update_contact_at(
        &args.customer_id,
        &args.contact_id,
        &args.contact,
        &args.heads,
    )?;
    Ok(())
}

#[tauri::command(async)]
pub fn remove_contact(
    state: State<'_, AppState>,
    Args(args): Args<RemoveContact>,
) -> Reply<RemoveContact> {
    replica(&state)?.remove_contact_at(&args.customer_id, &args.contact_id, &args.heads)?;
    Ok(())
}
