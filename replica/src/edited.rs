//! The document this replica edited last, kept loaded with the bytes its row holds. A form saves
//! field after field, so one customer is edited again and again, and loading and saving its whole
//! history at every edit grew with each one: 6,000 edits of one customer took 21 ms an edit
//! (the UI benchmark's edits during a bootstrap, 40 ms on two busy cores). The next edit of it
//! skips the load and appends only its own changes to the stored bytes (Automerge loads a saved
//! document followed by saved changes); the document is saved whole again once what was
//! appended outgrows its last whole save.

use automerge::{AutoCommit, ChangeHash};

use crate::{document, ReplicaError};

/// Documents smaller than this are saved whole at every edit: cheap, and kept compact.
const SMALL: usize = 4 * 1024;

/// A loaded document and what its row holds.
pub(crate) struct LastEdited {
    id: String,
    pub(crate) doc: AutoCommit,
    /// The bytes last stored in the document's row.
    stored: Vec<u8>,
    /// How much of `stored` its last whole save is; the rest are appended changes.
    whole: usize,
    /// The document's heads when `stored` was written.
    stored_heads: Vec<ChangeHash>,
}

impl LastEdited {
    /// The document `id`, whose row holds `bytes`, ready for an edit: the one kept in `kept` if
    /// the row still holds what it stored (nothing else wrote the row since: a sync, a merge, an
    /// import), else loaded from `bytes`. `kept` is emptied either way: an edit that fails
    /// leaves nothing half-changed behind.
    pub(crate) fn take(
        kept: &mut Option<LastEdited>,
        id: &str,
        bytes: Vec<u8>,
    ) -> Result<LastEdited, ReplicaError> {
        match kept.take() {
            Some(last) if last.id == id && last.stored == bytes => Ok(last),
            _ => {
                let mut doc = document::load(id, &bytes)?;
                let stored_heads = doc.get_heads();
                Ok(LastEdited {
                    id: id.to_owned(),
                    doc,
                    whole: bytes.len(),
                    stored: bytes,
                    stored_heads,
                })
            }
        }
    }

    /// The bytes to store after an edit: the stored ones with the edit's changes appended, or
    /// the whole document saved again when it is small or the appended changes would outgrow
    /// its last whole save.
    pub(crate) fn save(&mut self) -> &[u8] {
        let changes = self.doc.save_after(&self.stored_heads);
        let appended = self.stored.len() - self.whole;
        if self.whole < SMALL || appended + changes.len() > self.whole {
            self.stored = self.doc.save();
            self.whole = self.stored.len();
        } else {
            self.stored.extend_from_slice(&changes);
        }
        self.stored_heads = self.doc.get_heads();
        &self.stored
    }
}
