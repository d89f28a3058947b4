//! A push into PostgreSQL: each entry merged under its document's row lock (documents locked in
//! id order, so two pushes never wait on each other in a cycle), then numbered under the
//! sequencer lock so cursor order is commit order, and the new cursor announced to every
//! instance at commit.

use postgres::error::SqlState;
use postgres::{Client, Transaction};
use std::collections::HashSet;

use super::{Failure, CURSOR_CHANNEL, SEQUENCER_LOCK};
use crate::store::{
    check_class, entry_hash, next_number_sql, Merge, NewEntry, NumberSource, Push, StoreError,
};

/// Whether `error` is a deadlock or serialization failure, after which a retry may succeed.
pub(super) fn retryable(failure: &Failure) -> bool {
    matches!(failure, Failure::Postgres(e) if e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED)
        || e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE))
}

/// An accepted entry: its hash, and what the log keeps instead of its bytes (if anything).
type Accepted = (Vec<u8>, Option<Vec<u8>>);

/// One attempt at a push: merges every entry under its document's lock, then numbers and stores
/// the accepted entries under the sequencer lock, and commits.
pub(super) fn append_once(client: &mut Client, push: Push<'_>) -> Result<(u32, u32, u64), Failure> {
    let Push {
        user,
        entries,
        merge,
    } = push;
    let mut tx = client.transaction()?;
    // Documents in id order (a stable sort keeps each document's entries in push order).
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| entries[a].doc_id.cmp(&entries[b].doc_id));
    // Each accepted entry's hash and the bytes the log keeps for it (see `Merged::log_data`).
    let mut accepted_at: Vec<Option<Accepted>> = vec![None; entries.len()];
    let mut pending: HashSet<Vec<u8>> = HashSet::new();
    let mut duplicates = 0;
    for index in order {
        let entry = &entries[index];
        let hash = entry_hash(entry);
        if let Some(log_data) = merge_one(&mut tx, entry, &hash, &pending, merge)? {
            pending.insert(hash.clone());
            accepted_at[index] = Some((hash, log_data));
        } else {
            duplicates += 1;
        }
    }
    let mut accepted = 0;
    if !pending.is_empty() {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SEQUENCER_LOCK])?;
        let insert = tx.prepare(
            "INSERT INTO entries (doc_id, class, hash, data, user_name) VALUES ($1, $2, $3, $4, $5)",
        )?;
        for (entry, kept) in entries.iter().zip(&accepted_at) {
            if let Some((hash, log_data)) = kept {
                let data = log_data.as_ref().unwrap_or(&entry.data);
                tx.execute(&insert, &[&entry.doc_id, &entry.class, hash, data, &user])?;
                accepted += 1;
            }
        }
    }
    let cursor: i64 = tx
        .query_one("SELECT coalesce(max(seq), 0)::BIGINT FROM entries", &[])?
        .get(0);
    if accepted > 0 {
        // Delivered to every listening instance when (and only if) this transaction commits.
        tx.execute(
            "SELECT pg_notify($1, $2)",
            &[&CURSOR_CHANNEL, &cursor.to_string()],
        )?;
    }
    tx.commit()?;
    Ok((accepted, duplicates, cursor as u64))
}

/// Official numbers drawn inside a push's transaction (the sequence's row stays locked until
/// it commits, so two instances never draw one number).
struct PostgresNumbers<'t, 'a>(&'t mut Transaction<'a>);

impl NumberSource for PostgresNumbers<'_, '_> {
    fn next_number(&mut self, sequence: &str) -> Result<u64, StoreError> {
        let next: i64 = self
            .0
            .query_one(&next_number_sql("$1"), &[&sequence])
            .map_err(|e| StoreError::Database(e.to_string()))?
            .get(0);
        Ok(next as u64)
    }
}

/// Merges one entry into its document, locked; returns `None` when it brought nothing new, else
/// what the log keeps for it (`Some(None)`: the entry's own bytes).
fn merge_one(
    tx: &mut Transaction<'_>,
    entry: &NewEntry,
    hash: &[u8],
    pending: &HashSet<Vec<u8>>,
    merge: &Merge<'_>,
) -> Result<Option<Option<Vec<u8>>>, Failure> {
    loop {
        let current = tx.query_opt(
            "SELECT class, data FROM snapshots WHERE doc_id = $1 FOR UPDATE",
            &[&entry.doc_id],
        )?;
        // Checked under the document's lock: whoever held it before has committed its entries.
        let held = pending.contains(hash)
            || tx
                .query_opt("SELECT 1 FROM entries WHERE hash = $1", &[&hash])?
                .is_some();
        if held {
            return Ok(None);
        }
        match current {
            Some(row) => {
                let class: String = row.get(0);
                check_class(entry, &class)?;
                let data: Vec<u8> = row.get(1);
                let Some(merged) = merge(entry, Some(&data), &mut PostgresNumbers(tx))? else {
                    return Ok(None);
                };
                tx.execute(
                    "UPDATE snapshots SET data = $2 WHERE doc_id = $1",
                    &[&entry.doc_id, &merged.snapshot],
                )?;
                return Ok(Some(merged.log_data));
            }
            None => {
                // A savepoint, so a number drawn for a document another instance creates first
                // is given back when the loop merges into that one instead.
                let mut attempt = tx.transaction()?;
                let Some(merged) = merge(entry, None, &mut PostgresNumbers(&mut attempt))? else {
                    return Ok(None);
                };
                // Another instance creating the same document makes this wait for its commit;
                // then the row exists and the loop merges into it under its lock.
                let inserted = attempt.execute(
                    "INSERT INTO snapshots (doc_id, class, data) VALUES ($1, $2, $3)
                     ON CONFLICT (doc_id) DO NOTHING",
                    &[&entry.doc_id, &entry.class, &merged.snapshot],
                )?;
                if inserted == 1 {
                    attempt.commit()?;
                    return Ok(Some(merged.log_data));
                }
                attempt.rollback()?;
            }
        }
    }
}
