//! The notes that mention someone, derived from each customer document as it is projected: a
//! device finds "notes that mention me" here, from documents it receives anyway, so posting a
//! mention writes only the customer's document (which the server accepts from its editors).

use clientele_model::commands::Note;
use rusqlite::{params, Transaction};

use crate::ReplicaError;

/// Replaces `customer_id`'s mentions with those of `notes` (a customer new here has none to
/// replace, and most have no mentioning note at all, so nothing is written for them).
pub(crate) fn project_mentions(
    tx: &Transaction,
    customer_id: &str,
    notes: &[Note],
    fresh: bool,
) -> Result<(), ReplicaError> {
    if !fresh {
        tx.prepare_cached("DELETE FROM mentions WHERE customer_id = ?1")?
            .execute([customer_id])?;
    }
    for note in notes {
        for user in &note.mentions {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO mentions
                     (note_id, user, customer_id, author, time, text, mentioned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                note.id,
                user.to_lowercase(),
                customer_id,
                note.author,
                note.time,
                note.text,
                note.mentions.join(" "),
            ])?;
        }
    }
    Ok(())
}
