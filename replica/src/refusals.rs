//! Changes the server refused, so that one never holds the rest back. When the server refuses
//! a document's pending changes, the device keeps them whole (`refused_changes`, shown in the
//! "Unsent changes" panel), puts the document back to the server's version, and applies again
//! the pending edits the server does not judge (every field but the one a refusal can be
//! about), as a new change. Later edits then build on what the server has and sync. A second
//! refusal of the same document applies nothing again. Discarding a refused change drops its
//! record; the document already equals the server's plus this device's other edits.

use automerge::{hydrate, transaction::Transactable, AutoCommit, ObjType, ReadDoc, ROOT};
use clientele_model::commands::{RefusedChange, UnsentChanges, WaitingDocument};
use clientele_schema::keys;
use rusqlite::{params, OptionalExtension};

use crate::document::{self, CUSTOMER_CLASS};
use crate::store::{commit, now, Replica};
use crate::sync::heads_from;
use crate::{projection, ReplicaError};

/// The document keys a refusal of a document of `class` can be about: never applied again.
/// (The server refuses a rep's archiving of another's customer; every other refusal is of
/// the whole document: settings, another's preferences, private addresses.)
fn judged_keys(class: &str) -> Option<&'static [&'static str]> {
    match class {
        CUSTOMER_CLASS => Some(&[keys::CUSTOMER_ARCHIVED]),
        _ => None,
    }
}

fn failed(id: &str) -> impl Fn(automerge::AutomergeError) -> ReplicaError + '_ {
    move |e| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    }
}

fn root_of(id: &str, doc: &AutoCommit) -> Result<hydrate::Map, ReplicaError> {
    match doc.hydrate(ROOT, None).map_err(failed(id))? {
        hydrate::Value::Map(root) => Ok(root),
        _ => Ok(hydrate::Map::default()),
    }
}

/// The root keys whose values differ between `server` and `local`.
fn changed_keys(server: &hydrate::Map, local: &hydrate::Map) -> Vec<String> {
    let mut changed: Vec<String> = local
        .iter()
        .filter(|(key, value)| server.get(key) != Some(&value.value))
        .map(|(key, _)| key.clone())
        .chain(
            server
                .iter()
                .filter(|(key, _)| local.get(key).is_none())
                .map(|(key, _)| key.clone()),
        )
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// Where a copied value goes: a key of a map, or a place in a list.
#[derive(Clone, Copy)]
enum Slot<'a> {
    Key(&'a str),
    Place(usize),
}

/// Writes `value` at `slot` of `obj`, objects copied whole.
fn put_value(
    doc: &mut AutoCommit,
    obj: &automerge::ObjId,
    slot: Slot<'_>,
    value: &hydrate::Value,
) -> Result<(), automerge::AutomergeError> {
    let object = |doc: &mut AutoCommit, kind: ObjType| match slot {
        Slot::Key(key) => doc.put_object(obj, key, kind),
        Slot::Place(at) => doc.insert_object(obj, at, kind),
    };
    match value {
        hydrate::Value::Scalar(scalar) => match slot {
            Slot::Key(key) => doc.put(obj, key, scalar.clone()),
            Slot::Place(at) => doc.insert(obj, at, scalar.clone()),
        },
        hydrate::Value::Map(map) => {
            let inner = object(doc, ObjType::Map)?;
            for (key, entry) in map.iter() {
                put_value(doc, &inner, Slot::Key(key), &entry.value)?;
            }
            Ok(())
        }
        hydrate::Value::Text(text) => {
            let inner = object(doc, ObjType::Text)?;
            doc.splice_text(&inner, 0, 0, &text.to_string())
        }
        hydrate::Value::List(list) => {
            let inner = object(doc, ObjType::List)?;
            for (at, entry) in list.iter().enumerate() {
                put_value(doc, &inner, Slot::Place(at), &entry.value)?;
            }
            Ok(())
        }
    }
}

/// Makes `keys` of `obj` of `doc` (which reads `server`) read as in `local`, going into maps
/// both have so a colleague's concurrent edit of another entry is kept.
fn apply_keys(
    doc: &mut AutoCommit,
    obj: &automerge::ObjId,
    server: &hydrate::Map,
    local: &hydrate::Map,
    keys: &[String],
) -> Result<(), automerge::AutomergeError> {
    for key in keys {
        let key = key.clone();
        match (server.get(&key), local.get(&key)) {
            (Some(hydrate::Value::Map(before)), Some(hydrate::Value::Map(after))) => {
                if let Some((_, inner)) = doc.get(obj, key.as_str())? {
                    apply_keys(doc, &inner, before, after, &changed_keys(before, after))?;
                }
            }
            (_, Some(value)) => put_value(doc, obj, Slot::Key(&key), value)?,
            (Some(_), None) => doc.delete(obj, key.as_str())?,
            (None, None) => {}
        }
    }
    Ok(())
}

impl Replica {
    /// Sets aside what the server refused of document `id` (see the module's description).
    /// Returns the fields applied again, which wait to be sent.
    pub(crate) fn set_aside_refused(
        &mut self,
        id: &str,
        reason: &str,
    ) -> Result<Vec<String>, ReplicaError> {
        let stored: Option<(String, Vec<u8>, Option<Vec<u8>>)> = self
            .conn
            .query_row(
                "SELECT class, bytes, synced_heads FROM documents WHERE id = ?1 AND dirty = 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((class, bytes, synced)) = stored else {
            return Ok(Vec::new());
        };
        let local = document::load(id, &bytes)?;
        // The server's version: what it acknowledged, plus what came from others since.
        let mut server = match &synced {
            Some(heads) => local
                .clone()
                .fork_at(&heads_from(heads))
                .map_err(failed(id))?,
            None => AutoCommit::new(),
        };
        let others: Vec<automerge::Change> = local
            .clone()
            .get_changes(&server.get_heads())
            .into_iter()
            .filter(|change| !crate::edit_at::is_own_actor(&self.actor, change.actor_id()))
            .collect();
        server.apply_changes(others).map_err(failed(id))?;
        let (server_root, local_root) = (root_of(id, &server)?, root_of(id, &local)?);
        let fields = changed_keys(&server_root, &local_root);
        let refused_before: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM refused_changes WHERE doc_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        let reapplied: Vec<String> = match judged_keys(&class) {
            Some(judged) if synced.is_some() && !refused_before => fields
                .iter()
                .filter(|key| !judged.contains(&key.as_str()))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        let mut rebuilt = server;
        rebuilt.set_actor(self.actor.clone());
        if !reapplied.is_empty() {
            apply_keys(&mut rebuilt, &ROOT, &server_root, &local_root, &reapplied)
                .map_err(failed(id))?;
            commit(&mut rebuilt, &self.author);
        }
        let tx = self.conn.transaction()?;
        // The server's view of this user may have changed (a role, a permission): ask again.
        tx.execute("DELETE FROM meta WHERE key = 'identity_at'", [])?;
        tx.execute(
            "INSERT INTO refused_changes (doc_id, class, reason, refused_at, local_bytes, fields, reapplied)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, class, reason, now(), bytes, fields.join(" "), reapplied.join(" ")],
        )?;
        match synced {
            Some(_) => {
                tx.execute(
                    "UPDATE documents SET bytes = ?2, dirty = ?3 WHERE id = ?1",
                    params![id, rebuilt.save(), !reapplied.is_empty()],
                )?;
                projection::project(&tx, id, &rebuilt)?;
            }
            // A sales record never on the server is set aside whole (its bytes stay in the
            // refusal): a refused invoice or payment must not count in what the customer owes.
            None if crate::sales::is_sales_class(&class) => {
                crate::sales::forget(&tx, id)?;
            }
            // Never on the server: it stays here as it is, no longer sent.
            None => {
                tx.execute("UPDATE documents SET dirty = 0 WHERE id = ?1", [id])?;
            }
        }
        tx.commit()?;
        tracing::warn!(doc = id, %reason, fields = %fields.join(" "), reapplied = %reapplied.join(" "), "a refused change was set aside");
        self.notify(crate::session::ChangeOrigin::Sync, vec![id.to_owned()]);
        Ok(reapplied)
    }

    /// What waits to be sent and what the server refused, for the "Unsent changes" panel.
    pub fn unsent_changes(&self) -> Result<UnsentChanges, ReplicaError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.class, coalesce(c.name, ''), d.dirty_since
             FROM documents d LEFT JOIN customers c ON c.id = d.id
             WHERE d.dirty = 1 ORDER BY coalesce(d.dirty_since, ''), d.id LIMIT 500",
        )?;
        let waiting = statement
            .query_map([], |r| {
                let class: String = r.get(1)?;
                let name: String = r.get(2)?;
                Ok(WaitingDocument {
                    doc_id: r.get(0)?,
                    label: if name.is_empty() { class.clone() } else { name },
                    class,
                    since: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut statement = self.conn.prepare_cached(
            "SELECT r.id, r.doc_id, r.class, coalesce(c.name, ''), r.reason, r.refused_at,
                    r.fields, r.reapplied
             FROM refused_changes r LEFT JOIN customers c ON c.id = r.doc_id
             ORDER BY r.refused_at DESC, r.id DESC",
        )?;
        let words =
            |text: String| -> Vec<String> { text.split_whitespace().map(str::to_owned).collect() };
        let refused = statement
            .query_map([], |r| {
                let class: String = r.get(2)?;
                let name: String = r.get(3)?;
                Ok(RefusedChange {
                    id: r.get(0)?,
                    doc_id: r.get(1)?,
                    label: if name.is_empty() { class.clone() } else { name },
                    class,
                    reason: r.get(4)?,
                    refused_at: r.get(5)?,
                    fields: words(r.get(6)?),
                    reapplied: words(r.get(7)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(UnsentChanges { waiting, refused })
    }

    /// Discards refused change `id`: its record goes; the document already is the server's
    /// version plus this device's other edits.
    pub fn discard_refused_change(&mut self, id: i64) -> Result<(), ReplicaError> {
        let removed = self
            .conn
            .execute("DELETE FROM refused_changes WHERE id = ?1", [id])?;
        if removed == 0 {
            return Err(ReplicaError::NotFound {
                what: "refused change".into(),
                id: id.to_string(),
            });
        }
        Ok(())
    }
}
