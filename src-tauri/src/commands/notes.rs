//! The internal notes commands (`clientele_model::commands::notes`): thin adapters over the
//! replica (tested in replica/tests/notes.rs).

use clientele_model::commands::{GetMentions, MarkMentionRead, PostNote};
use tauri::State;

use super::{as_user, replica, Args, Reply};
use crate::AppState;

#[tauri::command(async)]
pub fn post_note(state: State<'_, AppState>, Args(args): Args<PostNote>) -> Reply<PostNote> {
    let note = replica(&state)?.post_note_at(&args.customer_id, &args.text, &args.heads)?;
    Ok(note)
}

/// The notes that mention the user the shell runs as, newest first.
#[tauri::command(async)]
pub fn mentions(state: State<'_, AppState>, _: Args<GetMentions>) -> Reply<GetMentions> {
    as_user(&state, |replica, user| replica.mentions_for(user))
}

/// Marks a note that mentions the user as read, on all the user's devices.
#[tauri::command(async)]
pub fn mark_mention_read(
    state: State<'_, AppState>,
    Args(args): Args<MarkMentionRead>,
) -> Reply<MarkMentionRead> {
    Ok(replica(&state)?.mark_mention_read(&args.note_id)?)
}
