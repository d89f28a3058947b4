//! The contact and address commands (`clientele_model::commands::contacts`): thin adapters over
//! the replica, refusing private addresses to a user who may not see them.

use clientele_model::commands::{AddContact, RemoveContact, UpdateContact};
use clientele_model::{CommandError, ContactDraft, ContactType, ErrorCode};
use tauri::State;

use super::{kick_sync, replica, Args, Reply};
use crate::AppState;

/// Refuses work on private addresses for a user who may not see them.
fn check_private(state: &State<'_, AppState>, contact: &ContactDraft) -> Result<(), CommandError> {
    if contact.contact_type == ContactType::Private && !state.info.can_see_private_addresses {
        return Err(CommandError::new(
            ErrorCode::Conflict,
            "you may not see or edit private addresses; ask your manager",
        ));
    }
    Ok(())
}

#[tauri::command]
pub fn add_contact(state: State<'_, AppState>, Args(args): Args<AddContact>) -> Reply<AddContact> {
    check_private(&state, &args.contact)?;
    let id = replica(&state)?.add_contact(&args.customer_id, &args.contact)?;
    kick_sync(&state);
    Ok(id)
}

#[tauri::command]
pub fn update_contact(
    state: State<'_, AppState>,
    Args(args): Args<UpdateContact>,
) -> Reply<UpdateContact> {
    check_private(&state, &args.contact)?;
    replica(&state)?.update_contact(&args.customer_id, &args.contact_id, &args.contact)?;
    kick_sync(&state);
    Ok(())
}

#[tauri::command]
pub fn remove_contact(
    state: State<'_, AppState>,
    Args(args): Args<RemoveContact>,
) -> Reply<RemoveContact> {
    replica(&state)?.remove_contact(&args.customer_id, &args.contact_id)?;
    kick_sync(&state);
    Ok(())
}
