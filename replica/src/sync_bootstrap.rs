//! A fresh device's bootstrap from the server's compacted snapshots, page by page and
//! resumable, pipelined so merging the next page overlaps writing the current one.

use std::time::Instant;

use crate::store::Replica;
use crate::sync::{SyncError, SyncProgress, SyncReport, SyncTransport, SNAPSHOT_BATCH};
use crate::sync_access::ReplicaAccess;
use crate::sync_merge::{join, merge, InFlight, Incoming};

/// A fresh device loads every document's compacted state, page by page; a dropped
/// connection resumes at the last stored page. Afterwards the change log is pulled from the
/// cursor the first page named, which every snapshot covers. Pages are pipelined: while one
/// page is written to SQLite, the next is fetched and merged on the other cores. The replica
/// is held only to look documents up and to write each page.
pub(crate) fn bootstrap<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<(), SyncError> {
    let (mut after, mut base, actor) = access.with(|r| {
        let after: u64 = r
            .meta("bootstrap_position")?
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let base: Option<u64> = r.meta("bootstrap_cursor")?.and_then(|c| c.parse().ok());
        Ok::<_, SyncError>((after, base, r.actor.clone()))
    })?;
    let mut total: Option<u64> = None;
    // Checkpoints off the replica's lock: with SQLite's automatic ones, the step whose commit
    // crossed 1,000 WAL pages copied them into the file and waited for the disk while holding
    // the replica. A connection of its own checkpoints after each page on a thread of its own
    // instead, beside the writer. (Checkpointing every 50 ms instead was measured too: the
    // window's edits waited longer for the disk, p99 68 ms against 60.)
    let (checkpointer, wal) = access.with(|r| {
        r.set_wal_autocheckpoint(0)?;
        Ok::<_, crate::ReplicaError>((
            r.checkpointer()?,
            crate::encryption::sibling(&r.path, "-wal"),
        ))
    })?;
    let (pages_written, written) = std::sync::mpsc::channel::<()>();
    let loaded = std::thread::scope(|scope| {
        scope.spawn(move || {
            use std::sync::mpsc::RecvTimeoutError;
            crate::parallel::in_background();
            loop {
                match written.recv_timeout(WAL_SYNC_EVERY) {
                    Ok(()) => {
                        while written.try_recv().is_ok() {}
                        checkpoint(&checkpointer);
                    }
                    Err(RecvTimeoutError::Timeout) => sync_wal(&wal),
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
            // The bootstrap ended (its sender is gone): what is left.
            checkpoint(&checkpointer);
        });
        let pages_written = pages_written;
        let mut in_flight: Option<InFlight<'_>> = None;
        loop {
            let fetching = Instant::now();
            let fetched = transport.snapshots(after, SNAPSHOT_BATCH);
            report.bootstrap.get_or_insert_default().fetching += fetching.elapsed();
            let fetched = match fetched? {
                Some(page) => page,
                None if in_flight.is_none() => return Ok(()),
                None => {
                    return Err(SyncError::Offline(
                        "the server stopped offering snapshots mid-bootstrap".into(),
                    ))
                }
            };
            let base_cursor = *base.get_or_insert(fetched.cursor);
            after = fetched.position;
            let done = !fetched.more;
            let mut meta = vec![
                ("bootstrap_position", fetched.position.to_string()),
                ("bootstrap_cursor", base_cursor.to_string()),
            ];
            if done {
                meta.push(("sync_cursor", base_cursor.to_string()));
                meta.push(("sync_bootstrapped", "1".to_owned()));
            }
            let mut work: Vec<Incoming> = fetched
                .documents
                .into_iter()
                .map(|d| Incoming {
                    id: d.doc_id,
                    class: d.class,
                    data: vec![d.data],
                    local: None,
                })
                .collect();
            access.with(|r| r.find_local(&mut work))?;
            let actor = &actor;
            let merging = scope.spawn(move || {
                crate::parallel::parallel_map_beside(work, |incoming| merge(incoming, actor))
            });
            if let Some(previous) = in_flight.take() {
                store(access, previous, report, progress)?;
                let _ = pages_written.send(());
            }
            // The server counts only on the first page; a resumed bootstrap goes without.
            total = fetched.total.or(total);
            in_flight = Some((merging, meta, total));
            if done {
                break;
            }
        }
        if let Some(last) = in_flight.take() {
            store(access, last, report, progress)?;
        }
        Ok(())
    });
    // Whatever happened, SQLite checkpoints by itself again.
    let restored = access.with(|r| r.set_wal_autocheckpoint(AUTOCHECKPOINT_PAGES));
    loaded?;
    Ok(restored?)
}

/// How often the bootstrap's WAL is synced between checkpoints (20 ms was measured too: the
/// window's edits waited longer).
const WAL_SYNC_EVERY: std::time::Duration = std::time::Duration::from_millis(10);

/// Puts what the bootstrap's steps wrote into the WAL (committed without waiting for the disk)
/// on the disk, a little at a time: a window's edit, committed with `synchronous = FULL`,
/// otherwise waits for the disk to take everything the bootstrap wrote since the last sync.
fn sync_wal(wal: &std::path::Path) {
    if let Err(error) = std::fs::File::open(wal).and_then(|file| file.sync_data()) {
        tracing::debug!(%error, "the WAL could not be synced during the bootstrap");
    }
}

/// SQLite's default: a commit that leaves the WAL over this many pages checkpoints it.
const AUTOCHECKPOINT_PAGES: u32 = 1000;

/// Copies what the WAL holds into the database file as far as no reader needs it (never
/// waiting for one). Housekeeping: a failure is logged and the next one tries again.
fn checkpoint(checkpointer: &rusqlite::Connection) {
    if let Err(error) = checkpointer.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
        tracing::debug!(%error, "a checkpoint during the bootstrap did not run");
    }
}

/// Waits for a page's merge, stores it with its meta and tells `progress`.
fn store<A: ReplicaAccess>(
    access: &A,
    (merging, meta, total): InFlight<'_>,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<(), SyncError> {
    let durability = crate::sync::Durability::Refetchable;
    let waiting = Instant::now();
    let merged = join(merging)?;
    let waited = waiting.elapsed();
    let writing = Instant::now();
    crate::sync::write_in_steps(access, merged, &meta, durability, report)?;
    let times = report.bootstrap.get_or_insert_default();
    times.waiting_for_merges += waited;
    times.writing += writing.elapsed();
    progress(SyncProgress {
        pushed: report.pushed,
        pulled: report.pulled,
        total,
    });
    Ok(())
}

/// Indexes kept during a bootstrap: projecting a company looks its people up by company, and
/// the Customers screen's first page (by name) is read through the window's page reader while
/// the bootstrap writes: without its index every page sorts the whole table (tens of
/// milliseconds at 100,000 customers on two cores), with it a page reads its rows alone.
const KEPT_INDEXES: [&str; 2] = ["customers_by_company", "customers_by_name"];

impl Replica {
    /// A connection of its own to the replica's file (same key), for checkpoints.
    fn checkpointer(&self) -> Result<rusqlite::Connection, crate::ReplicaError> {
        crate::encryption::connect(&self.path, self.key.as_ref())
    }

    fn set_wal_autocheckpoint(&self, pages: u32) -> Result<(), crate::ReplicaError> {
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// On a device with no customers yet, drops the customer table's sorting indexes so a
    /// bootstrap (or a first import) inserts into the table alone; their definitions wait in
    /// `meta` (in the same transaction) until `restore_customer_indexes` builds them again in
    /// one pass each.
    pub(crate) fn defer_customer_indexes(&mut self) -> Result<(), crate::ReplicaError> {
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM customers)", [], |r| {
                    r.get(0)
                })?;
        if !empty || self.meta("deferred_indexes")?.is_some() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        let indexes: Vec<(String, String)> = {
            let mut statement = tx.prepare(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'index' AND tbl_name = 'customers' AND sql IS NOT NULL",
            )?;
            let rows = statement
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            rows.collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .filter(|(name, _)| !KEPT_INDEXES.contains(&name.as_str()))
                .collect()
        };
        let definitions: Vec<&str> = indexes.iter().map(|(_, sql)| sql.as_str()).collect();
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('deferred_indexes', ?1)",
            [definitions.join(";\n")],
        )?;
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Builds the indexes `defer_customer_indexes` dropped (also on opening a replica whose
    /// bootstrap was interrupted), so every query has them again.
    pub(crate) fn restore_customer_indexes(&mut self) -> Result<(), crate::ReplicaError> {
        while self.restore_next_customer_index()? {}
        Ok(())
    }

    /// Builds one of the deferred indexes, in its own transaction; whether any is left. The
    /// sync loop builds them one per step, so the window's commands wait for one index (a few
    /// hundred milliseconds at 100,000 customers), not all of them.
    pub(crate) fn restore_next_customer_index(&mut self) -> Result<bool, crate::ReplicaError> {
        let Some(definitions) = self.meta("deferred_indexes")? else {
            return Ok(false);
        };
        let mut left: Vec<&str> = definitions
            .split(";\n")
            .filter(|d| !d.trim().is_empty())
            .collect();
        let next = left.pop();
        let tx = self.conn.transaction()?;
        if let Some(definition) = next {
            tx.execute_batch(definition)?;
        }
        if left.is_empty() {
            tx.execute("DELETE FROM meta WHERE key = 'deferred_indexes'", [])?;
        } else {
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'deferred_indexes'",
                [left.join(";\n")],
            )?;
        }
        tx.commit()?;
        if left.is_empty() {
            tracing::info!("customer indexes rebuilt after a bootstrap or a first import");
        }
        Ok(!left.is_empty())
    }
}
