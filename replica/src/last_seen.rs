//! Recent updates on the cards (spec C6): who last changed a customer (`updated_by`, stamped in
//! the document by every local commit, beside `updated_at`, and projected), and the user's
//! "last seen" mark that keeps a card changed by someone else highlighted until it is opened.
//!
//! The mark is a local table (`seen_marks`), not a key in the user's synced preferences
//! document: opening a card is frequent, and a synced mark would add a change to the document
//! (kept forever, sent to every device of the user) at each opening; losing a mark costs at most
//! a highlight shown again on another device. Customers never opened compare with the time this
//! device started keeping marks (`meta.seen_since`), so a fresh device's bootstrap highlights
//! nothing.

use automerge::{transaction::Transactable, AutoCommit, ReadDoc, ScalarValue, Value, ROOT};
use rusqlite::{params, OptionalExtension};

use crate::document::CUSTOMER_CLASS;
use crate::store::Replica;
use crate::ReplicaError;

/// The document key naming who last changed a customer.
pub(crate) const UPDATED_BY: &str = "updated_by";

fn text(doc: &AutoCommit, key: &str) -> Option<String> {
    match doc.get(ROOT, key) {
        Ok(Some((Value::Scalar(s), _))) => match s.as_ref() {
            ScalarValue::Str(s) => Some(s.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Before a commit of pending edits to a customer document: records `author` as who last
/// changed it (only when it differs, so a rep's own edits in a row cost no operation).
pub(crate) fn stamp_updated_by(doc: &mut AutoCommit, author: &str) {
    // An import's documents are built apart, as by "import", and projected without reading
    // them back: they name nobody, as the projection does.
    if author.is_empty() || author == "import" || doc.pending_ops() == 0 {
        return;
    }
    if text(doc, "class").as_deref() != Some(CUSTOMER_CLASS) {
        return;
    }
    if text(doc, UPDATED_BY).as_deref() != Some(author) {
        if let Err(error) = doc.put(ROOT, UPDATED_BY, author) {
            tracing::warn!(%error, "could not record who changed the customer");
        }
    }
}

/// Whether row `c` was changed by someone other than user `?2` since that user last opened it
/// (or, never opened, since this device keeps marks): the card's highlight.
pub(crate) const UNSEEN_CHANGE_SQL: &str = "(c.updated_by NOT IN ('', ?2) AND coalesce(
        (SELECT s.updated_at <> c.updated_at FROM seen_marks s
          WHERE s.user = ?2 AND s.customer_id = c.id),
        c.updated_at > coalesce((SELECT value FROM meta WHERE key = 'seen_since'), '')))";

impl Replica {
    /// The session's user opened customer `id`: its card is no longer highlighted until someone
    /// else changes it again.
    pub fn mark_customer_seen(&mut self, id: &str) -> Result<(), ReplicaError> {
        let updated_at: String = self
            .conn
            .prepare_cached("SELECT updated_at FROM customers WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| ReplicaError::NotFound {
                what: "customer".into(),
                id: id.to_owned(),
            })?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO seen_marks (user, customer_id, updated_at)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![self.user(), id, updated_at])?;
        Ok(())
    }
}
