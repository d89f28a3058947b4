//! The managed policy `cache_private_addresses = false`: this device keeps no private address on
//! disk. Nothing is lost for it: an address the server already holds is removed from the replica
//! (said in the log, with how many), one that still waits to be sent (or that the server
//! refused) stays until the server has it, and a pull stores none. With the policy off again a
//! fresh device gets them back from the server.

use crate::document::PRIVATE_ADDRESS_CLASS;
use crate::{Replica, ReplicaError};

/// `meta` key: the file was rebuilt under the policy, so no older copy of an address remains.
const COMPACTED: &str = "private_addresses_compacted";

/// What applying the policy did to the private addresses stored here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrivateAddressPurge {
    /// Removed: the server holds them.
    pub removed: usize,
    /// Kept until the server has them: changes not yet sent, or refused and set aside.
    pub kept_unsent: usize,
}

impl Replica {
    /// Whether this device keeps private addresses on disk (managed configuration's
    /// `cache_private_addresses`; yes unless told otherwise).
    pub fn keeps_private_addresses(&self) -> bool {
        self.keep_private_addresses
    }

    /// Applies `cache_private_addresses`: with `false`, removes the private addresses the
    /// server already holds now (and each one after the server acknowledges it) and stores none
    /// that a pull brings.
    pub fn set_keep_private_addresses(
        &mut self,
        keep: bool,
    ) -> Result<PrivateAddressPurge, ReplicaError> {
        self.keep_private_addresses = keep;
        if keep {
            return Ok(PrivateAddressPurge::default());
        }
        // From now on what a write replaces or deletes is overwritten with zeros, not only
        // unlinked, so no old copy of an address stays in the file's free space.
        self.conn.pragma_update(None, "secure_delete", true)?;
        let purge = self.purge_private_addresses()?;
        if purge.removed > 0 || purge.kept_unsent > 0 {
            tracing::info!(
                removed = purge.removed,
                kept_until_sent = purge.kept_unsent,
                "cache_private_addresses = false: private addresses the server holds were removed \
                 from this device; unsent ones stay until the server has them"
            );
        }
        // Versions written before the policy may sit in free space: rebuilding the file drops
        // them (VACUUM copies only live rows). Needed when addresses cached until now were
        // removed, or the first time the policy meets unsent ones; not at every start.
        let compacted = self.meta(COMPACTED)?.is_some();
        if purge.removed > 0 || (purge.kept_unsent > 0 && !compacted) {
            let started = std::time::Instant::now();
            self.conn.execute_batch("VACUUM")?;
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
                [COMPACTED],
            )?;
            self.checkpoint();
            tracing::info!(
                seconds = started.elapsed().as_secs_f64(),
                "the database was compacted so no removed private address stays in it"
            );
        }
        Ok(purge)
    }

    /// Removes the private addresses the server holds, when the policy says not to keep them.
    pub(crate) fn purge_private_addresses(&mut self) -> Result<PrivateAddressPurge, ReplicaError> {
        if self.keep_private_addresses {
            return Ok(PrivateAddressPurge::default());
        }
        // On the server: not dirty, and no refused change of it set aside here.
        const HELD: &str = "SELECT id FROM documents WHERE class = ?1 AND dirty = 0
             AND id NOT IN (SELECT doc_id FROM refused_changes)";
        // `secure_delete` is on (set with the policy): the rows' space is overwritten.
        let purge = self.delete_held_private_addresses(HELD)?;
        if purge.removed > 0 {
            // And the log's copies of those pages go with the log.
            self.checkpoint();
        }
        Ok(purge)
    }

    fn delete_held_private_addresses(
        &mut self,
        held: &str,
    ) -> Result<PrivateAddressPurge, ReplicaError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            &format!("DELETE FROM contacts WHERE document_id IN ({held})"),
            [PRIVATE_ADDRESS_CLASS],
        )?;
        let removed = tx.execute(
            &format!("DELETE FROM documents WHERE id IN ({held})"),
            [PRIVATE_ADDRESS_CLASS],
        )?;
        let kept_unsent: i64 = tx.query_row(
            "SELECT count(*) FROM documents WHERE class = ?1",
            [PRIVATE_ADDRESS_CLASS],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(PrivateAddressPurge {
            removed,
            kept_unsent: kept_unsent as usize,
        })
    }
}
