//! A customer's readable history (who changed which fields, when, old → new) and the values that
//! lost a concurrent edit, both read from the customer's document.

use automerge::{AutoCommit, ObjType, ReadDoc, ScalarValue, Value, ROOT};
use clientele_model::commands::{ActivityEntry, ContactEntry, HistoryItem};
use clientele_model::customer_fields::FIELDS;
use rusqlite::OptionalExtension;
use std::collections::BTreeMap;

use crate::document::{self, CustomerDocument};
use crate::store::Replica;
use crate::ReplicaError;

/// A field two devices set concurrently: every replica shows the same winner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConflict {
    pub field: String,
    pub winner: String,
    pub losers: Vec<String>,
}

/// The customer as field -> text, for comparing two states: each field of the table under its
/// history label, then the archived flag, contacts and activities.
fn flatten(customer: &CustomerDocument) -> BTreeMap<String, String> {
    let d = &customer.draft;
    let mut fields = BTreeMap::new();
    let mut put = |k: &str, v: String| {
        fields.insert(k.to_owned(), v);
    };
    for spec in &FIELDS {
        put(spec.history_label(), spec.get(d).to_text());
    }
    put("archived", customer.archived.to_string());
    for ContactEntry { id, contact: c } in &customer.contacts {
        put(
            &format!("contact {id}"),
            format!(
                "{} {} {} {}",
                c.contact_type.as_str(),
                c.name,
                c.email,
                c.address.city
            ),
        );
    }
    for ActivityEntry { id, activity: a } in &customer.activities {
        put(
            &format!("activity {id}"),
            format!(
                "{} {} {} {}",
                a.activity_type,
                a.due_date,
                a.summary,
                a.status.as_str()
            ),
        );
    }
    fields
}

fn scalar_text(value: &Value<'_>) -> String {
    match value {
        Value::Scalar(s) => match s.as_ref() {
            ScalarValue::Str(s) => s.to_string(),
            other => other.to_string(),
        },
        Value::Object(kind) => format!("({kind:?})"),
    }
}

impl Replica {
    /// The stored customer document `id`, loaded; `NotFound` when there is none (or `id` names
    /// a document of another class).
    pub(crate) fn customer_doc(&self, id: &str) -> Result<AutoCommit, ReplicaError> {
        let bytes: Vec<u8> = self
            .conn
            .prepare_cached("SELECT bytes FROM documents WHERE id = ?1 AND class = 'customer'")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| ReplicaError::NotFound {
                what: "customer".into(),
                id: id.to_owned(),
            })?;
        document::load(id, &bytes)
    }

    /// Every change of the customer, oldest first, with the fields it changed.
    pub fn customer_history(&self, id: &str) -> Result<Vec<HistoryItem>, ReplicaError> {
        let mut doc = self.customer_doc(id)?;
        let changes: Vec<(
            automerge::ChangeHash,
            Vec<automerge::ChangeHash>,
            String,
            i64,
        )> = doc
            .get_changes(&[])
            .into_iter()
            .map(|c| {
                (
                    c.hash(),
                    c.deps().to_vec(),
                    c.message().unwrap_or("").to_owned(),
                    c.timestamp(),
                )
            })
            .collect();
        let state = |doc: &mut AutoCommit,
                     heads: &[automerge::ChangeHash]|
         -> Result<BTreeMap<String, String>, ReplicaError> {
            if heads.is_empty() {
                return Ok(BTreeMap::new());
            }
            let fork = doc.fork_at(heads).map_err(|e| ReplicaError::Document {
                id: id.to_owned(),
                reason: e.to_string(),
            })?;
            Ok(document::read_customer(id, &fork)
                .map(|c| flatten(&c))
                .unwrap_or_default())
        };
        let mut history = Vec::new();
        for (hash, deps, author, time) in changes {
            let before = state(&mut doc, &deps)?;
            let after = state(&mut doc, &[hash])?;
            // (field, before, after) for each field the change set or cleared.
            let fields: Vec<(String, String, String)> = after
                .iter()
                .filter(|(k, v)| before.get(*k) != Some(v))
                .map(|(k, v)| {
                    let was = before.get(k).cloned().unwrap_or_default();
                    (k.clone(), was, v.clone())
                })
                .chain(
                    before
                        .iter()
                        .filter(|(k, _)| !after.contains_key(*k))
                        .map(|(k, v)| (k.clone(), v.clone(), String::new())),
                )
                .filter(|(field, was, now)| {
                    field != "updated_at" && !(was.is_empty() && now.is_empty())
                })
                .collect();
            history.push(HistoryItem {
                author,
                time,
                fields,
            });
        }
        Ok(history)
    }

    /// Fields (of the customer and of its contacts and activities) that concurrent edits set to
    /// different values, with the value every replica shows and the ones that lost.
    pub fn customer_conflicts(&self, id: &str) -> Result<Vec<FieldConflict>, ReplicaError> {
        let doc = self.customer_doc(id)?;
        let fail = |e: automerge::AutomergeError| ReplicaError::Document {
            id: id.to_owned(),
            reason: e.to_string(),
        };
        let mut conflicts = Vec::new();
        let mut visit = |obj: &automerge::ObjId, prefix: &str| -> Result<(), ReplicaError> {
            for key in doc.keys(obj).collect::<Vec<_>>() {
                if key == "updated_at" {
                    continue;
                }
                let all = doc.get_all(obj, key.as_str()).map_err(fail)?;
                if all.len() > 1 {
                    let winner = doc
                        .get(obj, key.as_str())
                        .map_err(fail)?
                        .map(|(v, _)| scalar_text(&v))
                        .unwrap_or_default();
                    let mut losers: Vec<String> = all
                        .iter()
                        .map(|(v, _)| scalar_text(v))
                        .filter(|v| v != &winner)
                        .collect();
                    losers.sort();
                    conflicts.push(FieldConflict {
                        field: format!("{prefix}{key}"),
                        winner,
                        losers,
                    });
                }
            }
            Ok(())
        };
        visit(&ROOT, "")?;
        for list in ["contacts", "activities"] {
            if let Ok(Some((Value::Object(ObjType::Map), map))) = doc.get(ROOT, list) {
                for entry_id in doc.keys(&map).collect::<Vec<_>>() {
                    if let Ok(Some((Value::Object(ObjType::Map), entry))) =
                        doc.get(&map, entry_id.as_str())
                    {
                        visit(&entry, &format!("{list} {entry_id} "))?;
                    }
                }
            }
        }
        Ok(conflicts)
    }
}
