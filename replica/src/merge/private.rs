//! Private addresses of a merged-away customer. They are documents of their own (the server
//! holds them back from users without the permission), so a merge moves each one this device
//! holds to the survivor by changing its `customer_id`, and its undo moves back those still at
//! the survivor. A user without the permission holds none and moves none: those addresses stay
//! with the archived customer, reached through its redirect, and the merge says so in the log.

use rusqlite::{OptionalExtension, Transaction};

use super::people::Writer;
use crate::document::{self, PRIVATE_ADDRESS_CLASS};
use crate::ReplicaError;

/// The private addresses of `customer` this device holds (removed ones left out).
pub(super) fn addresses_of(tx: &Transaction, customer: &str) -> Result<Vec<String>, ReplicaError> {
    let mut statement = tx.prepare_cached(
        "SELECT id FROM contacts WHERE customer_id = ?1 AND document_id = id ORDER BY id",
    )?;
    let rows = statement.query_map([customer], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Moves each of `addresses` that still belongs to `from` to `to`; answers those moved.
pub(super) fn relink(
    tx: &Transaction,
    (actor, author, _stamp): Writer<'_>,
    addresses: &[String],
    from: &str,
    to: &str,
) -> Result<Vec<String>, ReplicaError> {
    let mut moved = Vec::new();
    for id in addresses {
        let bytes: Option<Vec<u8>> = tx
            .prepare_cached("SELECT bytes FROM documents WHERE id = ?1 AND class = ?2")?
            .query_row([id.as_str(), PRIVATE_ADDRESS_CLASS], |r| r.get(0))
            .optional()?;
        // Dropped under the private-address cache policy: the server moves nothing for us.
        let Some(bytes) = bytes else { continue };
        let mut doc = document::load(id, &bytes)?;
        let (owner, _) = document::read_private_address(id, &doc)?;
        if owner != from || document::is_removed(&doc) {
            continue;
        }
        doc.set_actor(actor.clone());
        document::move_private_address(&mut doc, id, to)?;
        super::store(tx, id, &mut doc, author)?;
        moved.push(id.clone());
    }
    Ok(moved)
}
