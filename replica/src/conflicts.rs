//! Conflict review: the fields of a customer (and of its contacts and activities) that
//! concurrent edits left with more than one value. Automerge keeps every concurrent value and
//! shows the same one everywhere; here each value is told with who set it and when, and keeping
//! one puts it again (an ordinary change whose predecessors are all the values, so it
//! supersedes them on every device once it syncs). The projection keeps a per-customer count
//! (`customers.conflict_count`, from `count_conflicts` as a document is read) so cards and the
//! "Has conflicts" filter cost no document reads.

use automerge::{hydrate, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};
use clientele_model::commands::{Conflict, ConflictValue, FieldPlace, FieldScope};
use clientele_model::query::CustomerRow;
use std::collections::HashMap;

use crate::document::CUSTOMER_CLASS;
use crate::store::{now, Replica};
use crate::ReplicaError;

/// Keys every edit writes (when and by whom) or that never change: concurrent values there
/// are not the user's.
const BOOKKEEPING: [&str; 4] = ["updated_at", "updated_by", "class", "id"];

/// The maps of a customer document whose entries are records of their own.
const RECORD_MAPS: [&str; 2] = ["contacts", "activities"];

/// A scalar as the review and history show it: text as is, a flag as `true`/`false`.
pub(crate) fn scalar_text(value: &ScalarValue) -> String {
    match value {
        ScalarValue::Str(s) => s.to_string(),
        other => other.to_string(),
    }
}

/// The distinct scalar values of `key` in `obj`, each with the id of the operation that set
/// it; more than one means a conflict the user can see.
fn concurrent_values(
    doc: &AutoCommit,
    obj: &ObjId,
    key: &str,
) -> Result<Vec<(ScalarValue, automerge::ObjId)>, automerge::AutomergeError> {
    let mut seen: Vec<(ScalarValue, ObjId)> = Vec::new();
    for (value, op) in doc.get_all(obj, key)? {
        if let Value::Scalar(scalar) = value {
            let scalar = scalar.into_owned();
            if !seen
                .iter()
                .any(|(s, _)| scalar_text(s) == scalar_text(&scalar))
            {
                seen.push((scalar, op));
            }
        }
    }
    Ok(seen)
}

/// The object of a record's map entry (`contacts`/`activities` → `entry_id`), if it is a map.
fn entry_object(doc: &AutoCommit, list: &str, entry_id: &str) -> Option<ObjId> {
    let Ok(Some((Value::Object(ObjType::Map), map))) = doc.get(ROOT, list) else {
        return None;
    };
    match doc.get(&map, entry_id) {
        Ok(Some((Value::Object(ObjType::Map), entry))) => Some(entry),
        _ => None,
    }
}

/// How many fields of a customer document hold concurrent values, from its hydrated root
/// (whose entries say whether they are conflicted) and, for those few, the document itself.
pub(crate) fn count_conflicts(doc: &AutoCommit, root: &hydrate::Map) -> u32 {
    let conflicted = |obj: &ObjId, fields: &hydrate::Map| -> u32 {
        fields
            .iter()
            .filter(|(key, entry)| entry.conflict && !BOOKKEEPING.contains(&key.as_str()))
            .filter(|(key, _)| concurrent_values(doc, obj, key).is_ok_and(|v| v.len() > 1))
            .count() as u32
    };
    let mut count = conflicted(&ROOT, root);
    for list in RECORD_MAPS {
        let Some(hydrate::Value::Map(entries)) = root.get(list) else {
            continue;
        };
        for (entry_id, entry) in entries.iter() {
            let hydrate::Value::Map(fields) = &entry.value else {
                continue;
            };
            if !fields.iter().any(|(_, field)| field.conflict) {
                continue;
            }
            if let Some(obj) = entry_object(doc, list, entry_id) {
                count += conflicted(&obj, fields);
            }
        }
    }
    count
}

/// Every place of a customer document that may hold user values: the root, then each contact
/// and activity, with the object holding it.
fn places(doc: &AutoCommit) -> Vec<(FieldScope, ObjId)> {
    let text = |obj: &ObjId, key: &str| match doc.get(obj, key) {
        Ok(Some((Value::Scalar(s), _))) => scalar_text(&s),
        _ => String::new(),
    };
    let mut found = vec![(FieldScope::Customer, ROOT)];
    for list in RECORD_MAPS {
        let Ok(Some((Value::Object(ObjType::Map), map))) = doc.get(ROOT, list) else {
            continue;
        };
        for entry_id in doc.keys(&map).collect::<Vec<_>>() {
            if let Some(obj) = entry_object(doc, list, &entry_id) {
                let scope = if list == "contacts" {
                    FieldScope::Contact {
                        name: text(&obj, "name"),
                        id: entry_id,
                    }
                } else {
                    FieldScope::Activity {
                        summary: text(&obj, "summary"),
                        id: entry_id,
                    }
                };
                found.push((scope, obj));
            }
        }
    }
    found
}

/// The object a place's scope names in `doc`, or why there is none.
fn scope_object(doc: &AutoCommit, scope: &FieldScope) -> Result<ObjId, ReplicaError> {
    let missing = |what: &str, id: &str| ReplicaError::NotFound {
        what: what.to_owned(),
        id: id.to_owned(),
    };
    match scope {
        FieldScope::Customer => Ok(ROOT),
        FieldScope::Contact { id, .. } => {
            entry_object(doc, "contacts", id).ok_or_else(|| missing("contact", id))
        }
        FieldScope::Activity { id, .. } => {
            entry_object(doc, "activities", id).ok_or_else(|| missing("activity", id))
        }
        FieldScope::Note { id } => Err(missing("field with concurrent values in note", id)),
    }
}

/// Who made the change holding operation `op` and when: (login, milliseconds since 1970).
fn made_by(changes: &[automerge::Change], op: &ObjId) -> (String, i64) {
    let automerge::ObjId::Id(counter, actor, _) = op else {
        return (String::new(), 0);
    };
    changes
        .iter()
        .find(|c| c.actor_id() == actor && c.start_op().get() <= *counter && *counter <= c.max_op())
        .map(|c| (c.message().unwrap_or("").to_owned(), c.timestamp()))
        .unwrap_or_default()
}

impl Replica {
    /// Display names of the team directory by login (a login it does not know reads as itself).
    pub(crate) fn team_names(&self) -> Result<HashMap<String, String>, ReplicaError> {
        Ok(self
            .team()?
            .into_iter()
            .filter(|m| !m.display_name.trim().is_empty())
            .map(|m| (m.user, m.display_name))
            .collect())
    }

    /// The fields of a customer (its own, its contacts' and activities') that concurrent edits
    /// left with more than one value: each value with who set it and when, the shown one first.
    pub fn conflict_review(&self, id: &str) -> Result<Vec<Conflict>, ReplicaError> {
        let mut doc = self.customer_doc(id)?;
        let failed = |e: automerge::AutomergeError| ReplicaError::Document {
            id: id.to_owned(),
            reason: e.to_string(),
        };
        let names = self.team_names()?;
        let changes: Vec<automerge::Change> = doc.get_changes(&[]);
        let mut conflicts = Vec::new();
        for (scope, obj) in places(&doc) {
            let mut keys: Vec<String> = doc.keys(&obj).collect();
            keys.sort();
            for key in keys {
                if BOOKKEEPING.contains(&key.as_str()) {
                    continue;
                }
                let values = concurrent_values(&doc, &obj, &key).map_err(failed)?;
                if values.len() < 2 {
                    continue;
                }
                let shown = doc
                    .get(&obj, key.as_str())
                    .map_err(failed)?
                    .map(|(_, op)| op);
                let mut values: Vec<ConflictValue> = values
                    .into_iter()
                    .map(|(value, op)| {
                        let (author, time) = made_by(&changes, &op);
                        ConflictValue {
                            value_id: op.to_string(),
                            value: scalar_text(&value),
                            author_name: names.get(&author).cloned().unwrap_or(author.clone()),
                            author,
                            time,
                            shown: shown.as_ref() == Some(&op),
                        }
                    })
                    .collect();
                values.sort_by_key(|v| (!v.shown, v.time));
                conflicts.push(Conflict {
                    place: FieldPlace {
                        scope: scope.clone(),
                        key,
                    },
                    values,
                });
            }
        }
        Ok(conflicts)
    }

    /// Keeps one of a field's concurrent values (`value_id` from `conflict_review`): it is put
    /// again, superseding every value, so the conflict clears here and, once synced, on every
    /// device. A value no longer among them (someone kept one meanwhile) is refused by name.
    pub fn keep_conflict_value(
        &mut self,
        id: &str,
        place: &FieldPlace,
        value_id: &str,
    ) -> Result<CustomerRow, ReplicaError> {
        let stamp = now();
        self.edit_document(CUSTOMER_CLASS, id, |doc| {
            let failed = |e: automerge::AutomergeError| ReplicaError::Document {
                id: id.to_owned(),
                reason: e.to_string(),
            };
            let obj = scope_object(doc, &place.scope)?;
            let chosen = concurrent_values(doc, &obj, &place.key)
                .map_err(failed)?
                .into_iter()
                .find(|(_, op)| op.to_string() == value_id)
                .ok_or_else(|| ReplicaError::NotFound {
                    what: format!("value of {} (someone may have kept one already)", place.key),
                    id: value_id.to_owned(),
                })?;
            automerge::transaction::Transactable::put(doc, &obj, place.key.as_str(), chosen.0)
                .map_err(failed)?;
            automerge::transaction::Transactable::put(doc, ROOT, "updated_at", stamp.as_str())
                .map_err(failed)
        })?;
        tracing::debug!(customer_id = id, key = %place.key, "concurrent value kept");
        self.customer_row(id)
    }
}
