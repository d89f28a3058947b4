//! Merging two or three customers into one, reversibly. The redirect lives in the documents so
//! it syncs: each merged-away customer is archived and records `merged_into` (the survivor) and
//! `merge_id`; the survivor records, under `merges/<merge_id>`, what it absorbed (customers,
//! the contacts and activities moved) and its fields before and after. Undo reads that record
//! and writes new changes: the survivor's fields the merge replaced (unless edited since) and
//! the moved contacts and activities go back, and the merged-away customers return.

use automerge::{
    transaction::Transactable, AutoCommit, ObjType, ReadDoc, ScalarValue, Value, ROOT,
};
use clientele_model::commands::{FieldChoice, MergeOutcome, MAX_MERGED};
use clientele_model::customer_fields::FIELDS;
use clientele_model::{CustomerDraft, CustomerKind};
use clientele_schema::keys;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::document::{self, CustomerDocument, CUSTOMER_CLASS};
use crate::store::{new_id, now, Replica};
use crate::ReplicaError;

mod entries;
mod people;
mod private;

/// Root key of the survivor's merge records (a map by merge id).
const MERGES: &str = "merges";
/// Root key of a merged-away customer's survivor id (empty once undone).
const MERGED_INTO: &str = keys::CUSTOMER_MERGED_INTO;
/// Root key of the merge a merged-away customer was absorbed by.
const MERGE_ID: &str = "merge_id";

/// What the survivor keeps of one merge (as JSON text in its document).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MergeRecord {
    absorbed: Vec<Absorbed>,
    /// The survivor's fields before the merge and as it wrote them.
    before: CustomerDraft,
    after: CustomerDraft,
    author: String,
    time: String,
}

/// One merged-away customer in a merge record.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Absorbed {
    id: String,
    name: String,
    was_archived: bool,
    contacts: Vec<String>,
    activities: Vec<String>,
    /// People who worked for it, moved to the survivor.
    #[serde(default)]
    people: Vec<String>,
    /// Its private addresses (documents of their own), moved to the survivor.
    #[serde(default)]
    private_addresses: Vec<String>,
}

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

fn root_text(doc: &AutoCommit, key: &str) -> String {
    match doc.get(ROOT, key).ok().flatten() {
        Some((Value::Scalar(s), _)) => match s.as_ref() {
            ScalarValue::Str(text) => text.to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The merge records a survivor holds: `(merge id, record, undone)`.
fn records(id: &str, doc: &AutoCommit) -> Result<Vec<(String, MergeRecord, bool)>, ReplicaError> {
    let Some((Value::Object(ObjType::Map), merges)) = doc.get(ROOT, MERGES).map_err(failed(id))?
    else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for merge_id in doc.keys(&merges).collect::<Vec<_>>() {
        let Some((Value::Object(ObjType::Map), entry)) =
            doc.get(&merges, &merge_id).map_err(failed(id))?
        else {
            continue;
        };
        let text = match doc.get(&entry, "record").map_err(failed(id))? {
            Some((Value::Scalar(s), _)) => match s.as_ref() {
                ScalarValue::Str(text) => text.to_string(),
                _ => continue,
            },
            _ => continue,
        };
        let undone = matches!(
            doc.get(&entry, "undone").map_err(failed(id))?,
            Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true))
        );
        let record: MergeRecord =
            serde_json::from_str(&text).map_err(|e| ReplicaError::Document {
                id: id.to_owned(),
                reason: format!("merge {merge_id} cannot be read: {e}"),
            })?;
        found.push((merge_id, record, undone));
    }
    found.sort_by(|a, b| b.1.time.cmp(&a.1.time));
    Ok(found)
}

fn remove_activity(doc: &mut AutoCommit, id: &str, activity_id: &str) -> Result<(), ReplicaError> {
    if let Some((Value::Object(ObjType::Map), activities)) =
        doc.get(ROOT, "activities").map_err(failed(id))?
    {
        if doc
            .get(&activities, activity_id)
            .map_err(failed(id))?
            .is_some()
        {
            doc.delete(&activities, activity_id).map_err(failed(id))?;
        }
    }
    Ok(())
}

/// A customer document loaded inside a transaction, to change and store with `store`.
fn load_in(tx: &Transaction, id: &str) -> Result<AutoCommit, ReplicaError> {
    let bytes: Vec<u8> = tx
        .prepare_cached("SELECT bytes FROM documents WHERE id = ?1 AND class = ?2")?
        .query_row(params![id, CUSTOMER_CLASS], |r| r.get(0))
        .optional()?
        .ok_or_else(|| ReplicaError::NotFound {
            what: "customer".into(),
            id: id.to_owned(),
        })?;
    document::load(id, &bytes)
}

fn store(
    tx: &Transaction,
    id: &str,
    doc: &mut AutoCommit,
    author: &str,
) -> Result<(), ReplicaError> {
    crate::store::commit(doc, author);
    tx.prepare_cached("UPDATE documents SET bytes = ?2, dirty = 1 WHERE id = ?1")?
        .execute(params![id, doc.save()])?;
    crate::projection::project(tx, id, doc)
}

/// The survivor's fields after the merge: chosen ones from their customer, empty ones from the
/// first merged-away customer that has the field.
fn merged_draft(
    survivor: &CustomerDocument,
    absorbed: &[(String, CustomerDocument)],
    choices: &[FieldChoice],
) -> Result<CustomerDraft, ReplicaError> {
    let mut draft = survivor.draft.clone();
    for spec in &FIELDS {
        let chosen = choices.iter().find(|c| c.field == spec.field);
        let source = match chosen {
            Some(choice) => absorbed.iter().find(|(id, _)| *id == choice.from),
            None if spec.get(&draft).to_text().is_empty() => absorbed
                .iter()
                .find(|(_, doc)| !spec.get(&doc.draft).to_text().is_empty()),
            None => None,
        };
        if let Some((_, from)) = source {
            spec.set(&mut draft, spec.get(&from.draft));
        }
    }
    Ok(draft)
}

impl Replica {
    /// Refuses a merge (or its undo) that the user's role does not allow: one who may not
    /// archive any customer (a rep) merges only customers they are the salesperson of, all of
    /// them; the server refuses the archive and the redirect of a customer not theirs anyway.
    fn may_merge(&self, ids: &[&str]) -> Result<(), ReplicaError> {
        self.session.may_write(CUSTOMER_CLASS)?;
        if self.session.permissions.archive_any_customer {
            return Ok(());
        }
        for id in ids {
            let salesperson: Option<String> = self
                .conn
                .query_row(
                    "SELECT salesperson_id FROM customers WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if salesperson.as_deref() != Some(self.user()) {
                return Err(ReplicaError::Forbidden(
                    "only a manager, or the salesperson of every customer involved, may merge or \
                     unmerge them; ask your manager"
                        .into(),
                ));
            }
        }
        Ok(())
    }

    /// Merges `absorbed` (one or two customers) into `survivor`: its fields become the chosen
    /// values, it takes their contacts and activities, and each merged-away customer is
    /// archived with a redirect to it. One transaction; reversible with `undo_merge`.
    pub fn merge_customers(
        &mut self,
        survivor: &str,
        absorbed: &[String],
        choices: &[FieldChoice],
    ) -> Result<MergeOutcome, ReplicaError> {
        let mut ids: Vec<&str> = vec![survivor];
        ids.extend(absorbed.iter().map(String::as_str));
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        if absorbed.is_empty() || unique.len() != ids.len() || ids.len() > MAX_MERGED {
            return Err(ReplicaError::Conflict(format!(
                "a merge takes two or three different customers (got {}): pick the one to keep and one or two others",
                ids.len()
            )));
        }
        if let Some(choice) = choices
            .iter()
            .find(|c| !absorbed.contains(&c.from) && c.from != survivor)
        {
            return Err(ReplicaError::Conflict(format!(
                "the value of {} is taken from customer {}, which is not part of this merge",
                choice.field.as_str(),
                choice.from
            )));
        }
        self.may_merge(&ids)?;
        let (stamp, author, actor) = (now(), self.author.clone(), self.actor.clone());
        // Without the permission this device holds no private address to move.
        let moves_private = self.session.permissions.private_addresses;
        let merge_id = new_id();
        let tx = self.conn.transaction()?;
        let mut survivor_doc = load_in(&tx, survivor)?;
        survivor_doc.set_actor(actor.clone());
        let survivor_now = document::read_customer(survivor, &survivor_doc)?;
        if !root_text(&survivor_doc, MERGED_INTO).is_empty() {
            return Err(ReplicaError::Conflict(format!(
                "{} was merged into another customer; merge into that one instead",
                survivor_now.draft.name
            )));
        }
        let mut others = Vec::new();
        for id in absorbed {
            let mut doc = load_in(&tx, id)?;
            doc.set_actor(actor.clone());
            let customer = document::read_customer(id, &doc)?;
            if !root_text(&doc, MERGED_INTO).is_empty() {
                return Err(ReplicaError::Conflict(format!(
                    "{} was already merged into another customer",
                    customer.draft.name
                )));
            }
            others.push((id.clone(), customer, doc));
        }
        let plain: Vec<(String, CustomerDocument)> = others
            .iter()
            .map(|(id, customer, _)| (id.clone(), customer.clone()))
            .collect();
        let after = merged_draft(&survivor_now, &plain, choices)?;
        let mut after = after.validated()?;
        if after
            .company_id
            .as_deref()
            .is_some_and(|c| ids.contains(&c))
        {
            after.company_id = survivor_now.draft.company_id.clone();
        }
        let mut record = MergeRecord {
            absorbed: Vec::new(),
            before: survivor_now.draft.clone(),
            after: after.clone(),
            author: author.clone(),
            time: stamp.clone(),
        };
        let (mut contacts_moved, mut activities_moved) = (0, 0);
        let mut people_moved: Vec<String> = Vec::new();
        for (id, customer, mut doc) in others {
            for entry in &customer.contacts {
                document::put_contact(
                    &mut survivor_doc,
                    survivor,
                    &entry.id,
                    &entry.contact,
                    &stamp,
                )?;
                document::remove_contact(&mut doc, &id, &entry.id, &stamp)?;
            }
            for entry in &customer.activities {
                document::put_activity(
                    &mut survivor_doc,
                    survivor,
                    &entry.id,
                    &entry.activity,
                    &stamp,
                )?;
                remove_activity(&mut doc, &id, &entry.id)?;
            }
            contacts_moved += customer.contacts.len() as u32;
            activities_moved += customer.activities.len() as u32;
            doc.put(ROOT, MERGED_INTO, survivor).map_err(failed(&id))?;
            doc.put(ROOT, MERGE_ID, merge_id.as_str())
                .map_err(failed(&id))?;
            document::set_archived(&mut doc, &id, true, &stamp)?;
            store(&tx, &id, &mut doc, &author)?;
            let moved = if after.kind == CustomerKind::Company {
                let people = people::people_of(&tx, &id, &ids)?;
                people::relink(&tx, (&actor, &author, &stamp), &people, &id, survivor)?
            } else {
                Vec::new()
            };
            people_moved.extend(moved.iter().cloned());
            let private_addresses = if moves_private {
                let addresses = private::addresses_of(&tx, &id)?;
                let writer = (&actor, author.as_str(), stamp.as_str());
                private::relink(&tx, writer, &addresses, &id, survivor)?
            } else {
                tracing::info!(customer = %id, "private addresses not held here stay with the merged-away customer");
                Vec::new()
            };
            contacts_moved += private_addresses.len() as u32;
            people_moved.extend(private_addresses.iter().cloned());
            record.absorbed.push(Absorbed {
                id: id.clone(),
                name: customer.draft.name.clone(),
                was_archived: customer.archived,
                contacts: customer.contacts.iter().map(|c| c.id.clone()).collect(),
                activities: customer.activities.iter().map(|a| a.id.clone()).collect(),
                people: moved,
                private_addresses,
            });
        }
        document::write_customer(&mut survivor_doc, survivor, &after, &stamp)?;
        let text = serde_json::to_string(&record).map_err(|e| ReplicaError::Document {
            id: survivor.to_owned(),
            reason: format!("the merge record cannot be written: {e}"),
        })?;
        (|| -> Result<(), automerge::AutomergeError> {
            let merges = match survivor_doc.get(ROOT, MERGES)? {
                Some((Value::Object(ObjType::Map), merges)) => merges,
                _ => survivor_doc.put_object(ROOT, MERGES, ObjType::Map)?,
            };
            let entry = survivor_doc.put_object(&merges, &merge_id, ObjType::Map)?;
            survivor_doc.put(&entry, "record", text)?;
            survivor_doc.put(&entry, "undone", false)?;
            Ok(())
        })()
        .map_err(failed(survivor))?;
        store(&tx, survivor, &mut survivor_doc, &author)?;
        tx.commit()?;
        tracing::info!(%survivor, %merge_id, absorbed = absorbed.len(), "customers merged");
        let mut changed: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        changed.extend(people_moved);
        self.notify(crate::session::ChangeOrigin::LocalEdit, changed);
        Ok(MergeOutcome {
            merge_id,
            contacts_moved,
            activities_moved,
        })
    }

    /// Undoes merge `merge_id` of `survivor` with new changes: the merged-away customers come
    /// back (unarchived as they were, without the redirect) with the contacts and activities
    /// moved from them (as the survivor holds them now), and each survivor field the merge
    /// replaced returns to its old value unless someone changed it since.
    pub fn undo_merge(&mut self, survivor: &str, merge_id: &str) -> Result<(), ReplicaError> {
        let (stamp, author, actor) = (now(), self.author.clone(), self.actor.clone());
        let doc = crate::document::load(
            survivor,
            &self
                .document_bytes(survivor)?
                .ok_or_else(|| ReplicaError::NotFound {
                    what: "customer".into(),
                    id: survivor.to_owned(),
                })?,
        )?;
        let Some((_, record, undone)) = records(survivor, &doc)?
            .into_iter()
            .find(|(id, _, _)| id == merge_id)
        else {
            return Err(ReplicaError::NotFound {
                what: "merge".into(),
                id: merge_id.to_owned(),
            });
        };
        if undone {
            return Err(ReplicaError::Conflict(
                "this merge was already undone (perhaps on another device)".into(),
            ));
        }
        let mut ids: Vec<&str> = vec![survivor];
        ids.extend(record.absorbed.iter().map(|a| a.id.as_str()));
        self.may_merge(&ids)?;
        let private_moved: usize = record
            .absorbed
            .iter()
            .map(|a| a.private_addresses.len())
            .sum();
        if private_moved > 0 && !self.session.permissions.private_addresses {
            return Err(ReplicaError::Forbidden(format!(
                "this merge moved {private_moved} private address(es), which you may not see: \
                 ask someone with the private-address permission to undo it"
            )));
        }
        let tx = self.conn.transaction()?;
        let mut survivor_doc = load_in(&tx, survivor)?;
        survivor_doc.set_actor(actor.clone());
        let current = document::read_customer(survivor, &survivor_doc)?;
        let mut restored = current.draft.clone();
        for spec in &FIELDS {
            let (before, after) = (spec.get(&record.before), spec.get(&record.after));
            if before != after && spec.get(&current.draft) == after {
                spec.set(&mut restored, before);
            }
        }
        document::write_customer(&mut survivor_doc, survivor, &restored, &stamp)?;
        let mut people_back: Vec<String> = Vec::new();
        for absorbed in &record.absorbed {
            let mut doc = load_in(&tx, &absorbed.id)?;
            doc.set_actor(actor.clone());
            for contact_id in &absorbed.contacts {
                if let Some(entry) = current.contacts.iter().find(|c| c.id == *contact_id) {
                    document::put_contact(
                        &mut doc,
                        &absorbed.id,
                        contact_id,
                        &entry.contact,
                        &stamp,
                    )?;
                    document::remove_contact(&mut survivor_doc, survivor, contact_id, &stamp)?;
                }
            }
            for activity_id in &absorbed.activities {
                if let Some(entry) = current.activities.iter().find(|a| a.id == *activity_id) {
                    document::put_activity(
                        &mut doc,
                        &absorbed.id,
                        activity_id,
                        &entry.activity,
                        &stamp,
                    )?;
                    remove_activity(&mut survivor_doc, survivor, activity_id)?;
                }
            }
            doc.put(ROOT, MERGED_INTO, "")
                .map_err(failed(&absorbed.id))?;
            doc.put(ROOT, MERGE_ID, "").map_err(failed(&absorbed.id))?;
            document::set_archived(&mut doc, &absorbed.id, absorbed.was_archived, &stamp)?;
            store(&tx, &absorbed.id, &mut doc, &author)?;
            let writer = (&actor, author.as_str(), stamp.as_str());
            people_back.extend(people::relink(
                &tx,
                writer,
                &absorbed.people,
                survivor,
                &absorbed.id,
            )?);
            people_back.extend(private::relink(
                &tx,
                writer,
                &absorbed.private_addresses,
                survivor,
                &absorbed.id,
            )?);
        }
        (|| -> Result<(), automerge::AutomergeError> {
            if let Some((Value::Object(ObjType::Map), merges)) = survivor_doc.get(ROOT, MERGES)? {
                if let Some((Value::Object(ObjType::Map), entry)) =
                    survivor_doc.get(&merges, merge_id)?
                {
                    survivor_doc.put(&entry, "undone", true)?;
                }
            }
            Ok(())
        })()
        .map_err(failed(survivor))?;
        store(&tx, survivor, &mut survivor_doc, &author)?;
        tx.commit()?;
        tracing::info!(%survivor, %merge_id, "merge undone");
        let mut changed: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
        changed.extend(people_back);
        self.notify(crate::session::ChangeOrigin::LocalEdit, changed);
        Ok(())
    }
}
