//! The likely-duplicates command (`clientele_model::commands::duplicates`): a thin adapter over
//! the replica (tested in replica/tests/duplicates.rs).

use clientele_model::commands::FindDuplicates;
use tauri::State;

use super::{replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn find_duplicates(
    state: State<'_, AppState>,
    Args(args): Args<FindDuplicates>,
) -> Reply<FindDuplicates> {
    Ok(replica(&state)?.find_duplicates(&args.draft, args.except.as_deref())?)
}
