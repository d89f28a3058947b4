//! Which fields others changed on a customer since the version a form was loaded from, and by
//! whom: what the open form's banner says while the user is editing ("Minh changed Phone"). Read
//! from the document's own changes (each records its author), so it needs no extra storage and
//! works the same for edits that arrived by sync. This device's own changes are left out.

use automerge::{AutoCommit, ChangeHash, ReadDoc, ROOT};
use clientele_model::commands::ChangedField;
use clientele_model::customer_fields::FIELDS;
use std::collections::BTreeMap;

use crate::document::{self, NOTE_PREFIX};
use crate::edit_at::{is_own_actor, parse_heads};
use crate::store::Replica;
use crate::ReplicaError;

/// Changes after the form's version beyond which the banner stops attributing (each costs
/// two reads of the document at a version); the fields still show, without names.
const MAX_CHANGES: usize = 500;

/// The customer at `heads` as field -> value text, under the fields' wire names, plus
/// `archived`, `contacts`, `activities` and `notes_log`.
fn fields_at(
    doc: &mut AutoCommit,
    id: &str,
    heads: &[ChangeHash],
) -> Result<BTreeMap<String, String>, ReplicaError> {
    if heads.is_empty() {
        return Ok(BTreeMap::new());
    }
    let fork = doc.fork_at(heads).map_err(|e| match e {
        automerge::AutomergeError::InvalidHash(head) => ReplicaError::UnknownVersion {
            id: id.to_owned(),
            head: head.to_string(),
        },
        other => ReplicaError::Document {
            id: id.to_owned(),
            reason: other.to_string(),
        },
    })?;
    let customer = document::read_customer(id, &fork)?;
    let mut fields: BTreeMap<String, String> = FIELDS
        .iter()
        .map(|spec| (spec.name.to_owned(), spec.get(&customer.draft).to_text()))
        .collect();
    fields.insert("archived".into(), customer.archived.to_string());
    fields.insert("contacts".into(), format!("{:?}", customer.contacts));
    fields.insert("activities".into(), format!("{:?}", customer.activities));
    let mut notes: Vec<String> = fork
        .keys(ROOT)
        .filter(|key| key.starts_with(NOTE_PREFIX))
        .collect();
    notes.sort();
    fields.insert("notes_log".into(), notes.join(" "));
    Ok(fields)
}

/// The keys whose values differ between two states.
fn differing(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    after
        .iter()
        .filter(|(k, v)| {
            before
                .get(*k)
                .map_or(!v.is_empty() && *v != "false", |b| b != *v)
        })
        .map(|(k, _)| k.clone())
        .collect()
}

impl Replica {
    /// The fields of customer `id` that others changed since the version `heads` (what a form
    /// was loaded at) and that now differ from it, each with who changed it (ids and display
    /// names from the team directory), in the fields' table order.
    pub fn changed_since(
        &self,
        id: &str,
        heads: &[String],
    ) -> Result<Vec<ChangedField>, ReplicaError> {
        let since = parse_heads(id, heads)?;
        let mut doc = self.customer_doc(id)?;
        let then = fields_at(&mut doc, id, &since)?;
        let current = doc.get_heads();
        let now = fields_at(&mut doc, id, &current)?;
        let changed = differing(&then, &now);
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let later: Vec<(ChangeHash, Vec<ChangeHash>, String)> = doc
            .get_changes(&since)
            .into_iter()
            .filter(|c| !is_own_actor(&self.actor, c.actor_id()))
            .map(|c| {
                (
                    c.hash(),
                    c.deps().to_vec(),
                    c.message().map(ToString::to_string).unwrap_or_default(),
                )
            })
            .collect();
        let mut authors: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (hash, deps, author) in later.into_iter().take(MAX_CHANGES) {
            let before = fields_at(&mut doc, id, &deps)?;
            let after = fields_at(&mut doc, id, &[hash])?;
            for field in differing(&before, &after) {
                let who = authors.entry(field).or_default();
                if !who.contains(&author) {
                    who.push(author.clone());
                }
            }
        }
        let names: BTreeMap<String, String> = self
            .team()?
            .into_iter()
            .filter(|m| !m.display_name.trim().is_empty())
            .map(|m| (m.user, m.display_name))
            .collect();
        let order = |field: &str| {
            FIELDS
                .iter()
                .position(|spec| spec.name == field)
                .unwrap_or(FIELDS.len())
        };
        let mut fields: Vec<ChangedField> = changed
            .into_iter()
            .filter_map(|field| {
                let who = authors.remove(&field)?;
                Some(ChangedField {
                    names: who
                        .iter()
                        .map(|user| names.get(user).cloned().unwrap_or_else(|| user.clone()))
                        .collect(),
                    authors: who,
                    field,
                })
            })
            .collect();
        fields.sort_by_key(|f| order(&f.field));
        Ok(fields)
    }
}
