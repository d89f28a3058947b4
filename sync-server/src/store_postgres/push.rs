//! A push into PostgreSQL: each entry merged under its document's row lock (documents locked in
//! id order, so two pushes never wait on each other in a cycle), then numbered under the
//! sequencer lock so cursor order is commit order, and the new cursor announced to every
//! instance at commit.

use postgres::error::SqlState;
use postgres::{Client, Transaction};
use std::collections::HashSet;

use super::{Failure, CURSOR_CHANNEL, SEQUENCER_LOCK};
use crate::store::{check_class, entry_hash, Merge, NewEntry, Push};

/// Whether `error` is a deadlock or serialization failure, after which a retry may succeed.
pub(super) fn retryable(failure: &Failure) -> bool {
    matches!(failure, Failure::Postgres(e) if e.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED)
        || e.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE))
}

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
    let mut accepted_at: Vec<Option<Vec<u8>>> = vec![None; entries.len()];
    let mut pending: HashSet<Vec<u8>> = HashSet::new();
    let mut duplicates = 0;
    for index in order {
        let entry = &entries[index];
        let hash = entry_hash(entry);
        if merge_one(&mut tx, entry, &hash, &pending, merge)? {
            pending.insert(hash.clone());
            accepted_at[index] = Some(hash);
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
        for (entry, hash) in entries.iter().zip(&accepted_at) {
            if let Some(hash) = hash {
                tx.execute(
                    &insert,
                    &[&entry.doc_id, &entry.class, hash, &entry.data, &user],
                )?;
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

/// Merges one entry into its document, locked; returns whether it brought something new.
fn merge_one(
    tx: &mut Transaction<'_>,
    entry: &NewEntry,
    hash: &[u8],
    pending: &HashSet<Vec<u8>>,
    merge: &Merge<'_>,
) -> Result<bool, Failure> {
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
            return Ok(false);
        }
        match current {
            Some(row) => {
                let class: String = row.get(0);
                check_class(entry, &class)?;
                let data: Vec<u8> = row.get(1);
                let Some(snapshot) = merge(entry, Some(&data))? else {
                    return Ok(false);
                };
                tx.execute(
                    "UPDATE snapshots SET data = $2 WHERE doc_id = $1",
                    &[&entry.doc_id, &snapshot],
                )?;
                return Ok(true);
            }
            None => {
                let Some(snapshot) = merge(entry, None)? else {
                    return Ok(false);
                };
                // Another instance creating the same document makes this wait for its commit;
                // then the row exists and the loop merges into it under its lock.
                let inserted = tx.execute(
                    "INSERT INTO snapshots (doc_id, class, data) VALUES ($1, $2, $3)
                     ON CONFLICT (doc_id) DO NOTHING",
                    &[&entry.doc_id, &entry.class, &snapshot],
                )?;
                if inserted == 1 {
                    return Ok(true);
                }
            }
        }
    }
}
