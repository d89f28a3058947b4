//! Reading a customer's merges for its form: as survivor, the merges it keeps; as a
//! merged-away customer, the one merge its redirect names, read from the survivor's record.

use automerge::AutoCommit;
use clientele_model::commands::MergeEntry;
use clientele_model::customer_fields::FIELDS;
use rusqlite::OptionalExtension;

use super::{records, root_text, MERGED_INTO, MERGE_ID};
use crate::store::Replica;
use crate::ReplicaError;

impl Replica {
    /// The merges customer `id` took part in, as survivor or merged away, newest first.
    pub fn customer_merges(&self, id: &str) -> Result<Vec<MergeEntry>, ReplicaError> {
        let load = |id: &str| -> Result<AutoCommit, ReplicaError> {
            let bytes = self
                .document_bytes(id)?
                .ok_or_else(|| ReplicaError::NotFound {
                    what: "customer".into(),
                    id: id.to_owned(),
                })?;
            crate::document::load(id, &bytes)
        };
        let doc = load(id)?;
        let into = root_text(&doc, MERGED_INTO);
        let (survivor, survivor_doc, only) = if into.is_empty() {
            (id.to_owned(), doc, None)
        } else {
            let merge_id = root_text(&doc, MERGE_ID);
            (into.clone(), load(&into)?, Some(merge_id))
        };
        let survivor_name: String = self
            .conn
            .query_row(
                "SELECT name FROM customers WHERE id = ?1",
                [&survivor],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        let mut entries = Vec::new();
        for (merge_id, record, undone) in records(&survivor, &survivor_doc)? {
            if only.as_ref().is_some_and(|m| *m != merge_id) {
                continue;
            }
            let replaced = FIELDS
                .iter()
                .filter(|spec| spec.get(&record.before) != spec.get(&record.after))
                .map(|spec| {
                    (
                        spec.field.as_str().to_owned(),
                        spec.get(&record.before).to_text(),
                        spec.get(&record.after).to_text(),
                    )
                })
                .collect();
            entries.push(MergeEntry {
                merge_id,
                survivor: survivor.clone(),
                survivor_name: survivor_name.clone(),
                absorbed: record
                    .absorbed
                    .iter()
                    .map(|a| (a.id.clone(), a.name.clone()))
                    .collect(),
                author: record.author,
                time: record.time,
                replaced,
                undone,
            });
        }
        Ok(entries)
    }
}
