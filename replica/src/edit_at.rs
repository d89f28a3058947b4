//! Edits applied to the version of a record the user saw: the document is forked at the heads
//! the view was loaded from, the edit is written there (so it changes only what the user changed
//! relative to what they saw), and the fork is merged back. A colleague's concurrent change to
//! another field survives; to the same field it becomes an Automerge conflict, with the same
//! winner on every device.

use automerge::{ActorId, AutoCommit, AutomergeError, ChangeHash};

use crate::store::commit;
use crate::ReplicaError;

/// A document's heads as the hex strings a view carries (`CustomerRecord::heads`).
pub(crate) fn heads_hex(doc: &mut AutoCommit) -> Vec<String> {
    doc.get_heads().iter().map(ToString::to_string).collect()
}

/// The heads a view sent back; one that is not a change hash names the problem.
pub(crate) fn parse_heads(id: &str, heads: &[String]) -> Result<Vec<ChangeHash>, ReplicaError> {
    heads
        .iter()
        .map(|head| {
            head.parse::<ChangeHash>()
                .map_err(|_| ReplicaError::UnknownVersion {
                    id: id.to_owned(),
                    head: head.clone(),
                })
        })
        .collect()
}

/// Whether `actor` is this device's (its own actor, or one derived from it for an edit at an
/// earlier version; see `change_at`).
pub(crate) fn is_own_actor(own: &ActorId, actor: &ActorId) -> bool {
    actor.to_bytes().starts_with(own.to_bytes())
}

/// An actor of this device that has made no change yet: its own id and 8 random bytes.
fn derived_actor(own: &ActorId) -> ActorId {
    let mut bytes = own.to_bytes().to_vec();
    bytes.extend_from_slice(&uuid::Uuid::new_v4().as_bytes()[..8]);
    ActorId::from(bytes)
}

/// Runs `change` on `doc` as it was at `heads` and merges the result into `doc` (committed by
/// `author`). No heads, or the current ones: `change` runs on `doc` itself (the caller commits).
/// Heads the document does not hold give `UnknownVersion`.
pub(crate) fn change_at<T>(
    doc: &mut AutoCommit,
    id: &str,
    heads: &[ChangeHash],
    (actor, author): (&ActorId, &str),
    change: impl FnOnce(&mut AutoCommit) -> Result<T, ReplicaError>,
) -> Result<T, ReplicaError> {
    let mut wanted = heads.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() || wanted == doc.get_heads() {
        return change(doc);
    }
    let failed = |e: AutomergeError| ReplicaError::Document {
        id: id.to_owned(),
        reason: e.to_string(),
    };
    let mut fork = doc.fork_at(&wanted).map_err(|e| match e {
        AutomergeError::InvalidHash(head) => ReplicaError::UnknownVersion {
            id: id.to_owned(),
            head: head.to_string(),
        },
        other => failed(other),
    })?;
    // A change's sequence number follows the actor's previous change: when this device changed
    // the document after `heads`, the fork's next number is taken, so it writes as a new actor
    // of this device.
    let own_later = doc
        .get_changes(&wanted)
        .iter()
        .any(|c| c.actor_id() == actor);
    fork.set_actor(if own_later {
        derived_actor(actor)
    } else {
        actor.clone()
    });
    let result = change(&mut fork)?;
    commit(&mut fork, author);
    doc.merge(&mut fork).map_err(failed)?;
    Ok(result)
}

impl crate::Replica {
    /// Edits customer `id` at the version a view was loaded from (`heads`, hex; none: the
    /// current version) and merges, in one stored write: what every UI write of a customer's
    /// parts (contacts, activities, notes) goes through.
    pub(crate) fn edit_customer_at<T>(
        &mut self,
        id: &str,
        heads: &[String],
        change: impl FnOnce(&mut AutoCommit) -> Result<T, ReplicaError>,
    ) -> Result<T, ReplicaError> {
        let heads = parse_heads(id, heads)?;
        let (actor, author) = (self.actor.clone(), self.author.clone());
        self.edit_document(crate::document::CUSTOMER_CLASS, id, |doc| {
            change_at(doc, id, &heads, (&actor, &author), change)
        })
    }
}
