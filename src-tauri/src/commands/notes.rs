//! The internal notes commands (`clientele_model::commands::notes`): thin adapters over the
//! replica (tested in replica/tests/notes.rs).

use clientele_model::commands::{GetMentions, PostNote};
use tauri::State;

use super::{as_user, replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn post_note(state: State<'_, AppState>, Args(args): Args<PostNote>) -> Reply<PostNote> {
    let note = replica(&state)?.post_note(&args.customer_id, &args.text)?;
    Ok(note)
}

/// The notes that mention the user the shell runs as, newest first.
#[tauri::command(async)]
pub fn mentions(state: State<'_, AppState>, _: Args<GetMentions>) -> Reply<GetMentions> {
    as_user(&state, |replica, user| replica.mentions_for(user))
}
