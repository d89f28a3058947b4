//! The commands the UI invokes: each parses its arguments, calls the replica and maps errors to
//! the typed `CommandError`. Their behaviour is tested in the replica's own tests.

use clientele_model::command::{
    AppInfo, CustomerRecord, HistoryItem, Mention, Note, ReferenceItem,
};
use clientele_model::query::{CustomerPage, CustomerQuery, GroupBy, GroupCount};
use clientele_model::sync::SyncStatus;
use clientele_model::{
    CommandError, ContactDraft, ContactType, Customer, CustomerDraft, ErrorCode,
};
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

// The customer form: each command is a thin adapter over a replica call with its own tests
// (replica/tests/customers.rs, replica/tests/notes.rs).

/// The user the shell runs as: the configured one, else `local` (as the screen's commands).
fn user(state: &State<'_, AppState>) -> String {
    state
        .info
        .user
        .clone()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "local".to_owned())
}

#[tauri::command]
pub fn customer(state: State<'_, AppState>, id: String) -> Result<CustomerRecord, CommandError> {
    let private = state.info.can_see_private_addresses;
    Ok(replica(&state)?.customer_record(&id, &user(&state), private)?)
}

#[tauri::command]
pub fn update_customer(
    state: State<'_, AppState>,
    id: String,
    draft: CustomerDraft,
) -> Result<Customer, CommandError> {
    let customer = replica(&state)?.update_customer(&id, &draft)?;
    kick_sync(&state);
    Ok(customer)
}

#[tauri::command]
pub fn set_archived(
    state: State<'_, AppState>,
    id: String,
    archived: bool,
) -> Result<(), CommandError> {
    replica(&state)?.set_archived(&id, archived)?;
    kick_sync(&state);
    Ok(())
}

#[tauri::command]
pub fn set_favourite(
    state: State<'_, AppState>,
    id: String,
    favourite: bool,
) -> Result<(), CommandError> {
    replica(&state)?.set_favourite(&user(&state), &id, favourite)?;
    kick_sync(&state);
    Ok(())
}

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
pub fn add_contact(
    state: State<'_, AppState>,
    customer_id: String,
    contact: ContactDraft,
) -> Result<String, CommandError> {
    check_private(&state, &contact)?;
    let id = replica(&state)?.add_contact(&customer_id, &contact)?;
    kick_sync(&state);
    Ok(id)
}

#[tauri::command]
pub fn update_contact(
    state: State<'_, AppState>,
    customer_id: String,
    contact_id: String,
    contact: ContactDraft,
) -> Result<(), CommandError> {
    check_private(&state, &contact)?;
    replica(&state)?.update_contact(&customer_id, &contact_id, &contact)?;
    kick_sync(&state);
    Ok(())
}

#[tauri::command]
pub fn remove_contact(
    state: State<'_, AppState>,
    customer_id: String,
    contact_id: String,
) -> Result<(), CommandError> {
    replica(&state)?.remove_contact(&customer_id, &contact_id)?;
    kick_sync(&state);
    Ok(())
}

#[tauri::command]
pub fn create_tag(
    state: State<'_, AppState>,
    name: String,
    color: u8,
) -> Result<ReferenceItem, CommandError> {
    let tag = replica(&state)?.create_tag(&name, color)?;
    kick_sync(&state);
    Ok(tag.into())
}

#[tauri::command]
pub fn reference_list(
    state: State<'_, AppState>,
    list: String,
) -> Result<Vec<ReferenceItem>, CommandError> {
    let entries = replica(&state)?.reference_list(&list)?;
    Ok(entries.into_iter().map(ReferenceItem::from).collect())
}

#[tauri::command]
pub fn post_note(
    state: State<'_, AppState>,
    customer_id: String,
    text: String,
) -> Result<Note, CommandError> {
    let note = replica(&state)?.post_note(&customer_id, &text)?;
    kick_sync(&state);
    Ok(note)
}

/// The notes that mention the user the shell runs as, newest first.
#[tauri::command]
pub fn mentions(state: State<'_, AppState>) -> Result<Vec<Mention>, CommandError> {
    Ok(replica(&state)?.mentions_for(&user(&state))?)
}

#[tauri::command]
pub fn customer_history(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<HistoryItem>, CommandError> {
    let history = replica(&state)?.customer_history(&id)?;
    Ok(history.into_iter().map(HistoryItem::from).collect())
}
