//! The reference list commands (`clientele_model::commands::reference`): thin adapters over the
//! replica's settings lists.

use clientele_model::commands::{
    CreateTag, GetReferenceList, GetScreenContext, ReferenceItem, ReferenceList, ScreenContext,
};
use clientele_model::CommandError;
use clientele_replica::Replica;
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

fn items(replica: &Replica, list: ReferenceList) -> Result<Vec<ReferenceItem>, CommandError> {
    Ok(replica.reference_list(list.as_str())?)
}

#[tauri::command(async)]
pub fn reference_list(
    state: State<'_, AppState>,
    Args(args): Args<GetReferenceList>,
) -> Reply<GetReferenceList> {
    // Pickers offer active entries only; archived ones still name old records.
    Ok(replica(&state)?.active_entries(args.list)?)
}

#[tauri::command(async)]
pub fn create_tag(state: State<'_, AppState>, Args(args): Args<CreateTag>) -> Reply<CreateTag> {
    Ok(replica(&state)?.create_tag(&args.name, args.color)?)
}

#[tauri::command(async)]
pub fn screen_context(
    state: State<'_, AppState>,
    _: Args<GetScreenContext>,
) -> Reply<GetScreenContext> {
    let replica = replica(&state)?;
    Ok(ScreenContext {
        user_id: Some(replica.author().to_owned()).filter(|a| !a.is_empty()),
        salespeople: items(&replica, ReferenceList::Salespeople)?,
        tags: items(&replica, ReferenceList::Tags)?,
        activity_types: items(&replica, ReferenceList::ActivityTypes)?,
        permissions: replica.session().permissions,
        team: replica.team()?,
    })
}
