//! The Settings screen's commands (`clientele_model::commands::settings`): thin adapters over
//! the replica (tested in replica/tests/settings.rs), which refuses a user who may not edit
//! the workspace settings.

use clientele_model::commands::{
    AddSettingsEntry, GetSettingsLists, MoveSettingsEntry, SetSettingsEntryArchived,
    UpdateSettingsEntry,
};
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn settings_lists(
    state: State<'_, AppState>,
    _: Args<GetSettingsLists>,
) -> Reply<GetSettingsLists> {
    Ok(replica(&state)?.settings_lists()?)
}

#[tauri::command(async)]
pub fn add_settings_entry(
    state: State<'_, AppState>,
    Args(args): Args<AddSettingsEntry>,
) -> Reply<AddSettingsEntry> {
    let login = args.id.as_deref();
    Ok(replica(&state)?.add_settings_entry(args.list, login, &args.name, args.color)?)
}

#[tauri::command(async)]
pub fn update_settings_entry(
    state: State<'_, AppState>,
    Args(args): Args<UpdateSettingsEntry>,
) -> Reply<UpdateSettingsEntry> {
    Ok(replica(&state)?.update_settings_entry(args.list, &args.id, &args.name, args.color)?)
}

#[tauri::command(async)]
pub fn set_settings_entry_archived(
    state: State<'_, AppState>,
    Args(args): Args<SetSettingsEntryArchived>,
) -> Reply<SetSettingsEntryArchived> {
    Ok(replica(&state)?.set_settings_entry_archived(args.list, &args.id, args.archived)?)
}

#[tauri::command(async)]
pub fn move_settings_entry(
    state: State<'_, AppState>,
    Args(args): Args<MoveSettingsEntry>,
) -> Reply<MoveSettingsEntry> {
    Ok(replica(&state)?.move_settings_entry(args.list, &args.id, args.up)?)
}
