//! An imported row matched to an existing customer (`duplicates::import_match`) updates it:
//! the fields the row gives are written over the customer's, the rest are kept, so importing a
//! file again changes only what the file changes.

use clientele_model::customer_fields::{FieldValue, CSV_FIELDS};
use clientele_model::CustomerField;

use crate::document;
use crate::ReplicaError;

/// Writes into `existing` the fields the row gives (a non-empty cell; tags are added to its
/// tags; the kind only when the file has it). Answers whether anything changed.
pub(super) fn update_existing(
    tx: &rusqlite::Transaction,
    (actor, author): (&automerge::ActorId, &str),
    existing: &str,
    row: &super::BuiltRow,
    stamp: &str,
) -> Result<bool, ReplicaError> {
    let bytes: Vec<u8> = tx
        .prepare_cached("SELECT bytes FROM documents WHERE id = ?1")?
        .query_row([existing], |r| r.get(0))?;
    let mut doc = document::load(existing, &bytes)?;
    let current = document::read_customer(existing, &doc)?.draft;
    let mut merged = current.clone();
    for field in CSV_FIELDS {
        let Some(spec) = field.spec() else { continue };
        if field == CustomerField::Kind && !row.kind_given {
            continue;
        }
        match spec.get(&row.draft) {
            FieldValue::Text(text) | FieldValue::LongText(text) if text.is_empty() => {}
            FieldValue::Reference(None) | FieldValue::Flag(false) => {}
            FieldValue::IdSet(ids) => {
                for id in ids {
                    if !merged.tag_ids.contains(id) {
                        merged.tag_ids.push(id.clone());
                    }
                }
            }
            value => spec.set(&mut merged, value),
        }
    }
    if merged == current {
        return Ok(false);
    }
    let merged = merged.validated()?;
    doc.set_actor(actor.clone());
    document::write_customer(&mut doc, existing, &merged, stamp)?;
    crate::store::commit(&mut doc, author);
    tx.prepare_cached("UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1")?
        .execute(rusqlite::params![existing, doc.save()])?;
    crate::projection::project(tx, existing, &doc)?;
    Ok(true)
}
