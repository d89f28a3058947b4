//! The sync engine: pushes the documents changed here since they were last acknowledged,
//! pulls what the server has after this replica's cursor, merges it into the documents and
//! re-projects exactly those. The logic is IO-free over `SyncTransport`; `HttpTransport`
//! (sync_http.rs) is the real one; merging is in sync_merge.rs, a fresh device's bootstrap in
//! sync_bootstrap.rs.

use automerge::ChangeHash;
use base64::Engine as _;
use clientele_model::sync::{
    DocumentChanges, PullResponse, PushRequest, PushResponse, SnapshotPage, SyncRequest,
    SyncResponse, PROTOCOL_VERSION,
};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};

use crate::document::{self, PRIVATE_ADDRESS_CLASS};
use crate::projection;
use crate::store::Replica;
use crate::sync_access::{Held, ReplicaAccess, StepLimit};
use crate::sync_merge::{merge, Incoming, MergedPage};
use crate::ReplicaError;

/// Documents per push.
pub(crate) const BATCH: usize = 200;
/// Entries per pull (the server's most).
pub(crate) const PULL_BATCH: u32 = 1_000;
/// Documents per bootstrap page (the server's most).
pub(crate) const SNAPSHOT_BATCH: u32 = 1_000;

/// Why a sync round stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the sync server cannot be reached ({0}); your changes are kept and will be sent when it can")]
    Offline(String),
    #[error("the sync server refused the request ({status} {code}): {message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
        /// The document the refusal is about, if one.
        document: Option<String>,
    },
    #[error(transparent)]
    Replica(#[from] ReplicaError),
}

impl From<rusqlite::Error> for SyncError {
    fn from(error: rusqlite::Error) -> Self {
        SyncError::Replica(ReplicaError::Sqlite(error))
    }
}

/// How a replica talks to the server (HTTP in the app, anything in tests).
pub trait SyncTransport {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError>;
    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError>;
    /// A page of compacted documents for a fresh device; `None` when the server has none to
    /// offer (then the device replays the change log).
    fn snapshots(&self, _after: u64, _limit: u32) -> Result<Option<SnapshotPage>, SyncError> {
        Ok(None)
    }
    /// Who the token's user is and who the team is; `None` when the server does not say.
    fn identity(&self) -> Result<Option<clientele_model::team::Identity>, SyncError> {
        Ok(None)
    }
    /// Push and pull in one round trip; `None` when the server cannot (then push, then pull).
    fn exchange(&self, _request: &SyncRequest) -> Result<Option<SyncResponse>, SyncError> {
        Ok(None)
    }
}

/// How far a round is, for the window's status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncProgress {
    pub pushed: u32,
    pub pulled: u32,
    /// Documents in all, known while a fresh device bootstraps.
    pub total: Option<u64>,
}

/// What one round did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub pushed: u32,
    pub pulled: u32,
    /// Documents whose projection changed because of pulled changes (for the UI to refresh).
    pub changed: Vec<String>,
    pub cursor: u64,
    /// Private addresses the server would not take from this user (left unsent).
    pub refused_private: u32,
    /// Documents the server refused (role, class, bad data), with its reason; kept here unsent.
    pub refused: Vec<(String, String)>,
    /// Where a bootstrap's time went, when the round bootstrapped.
    pub bootstrap: Option<BootstrapTimes>,
}

/// Where a bootstrap's time went (the sync benchmark prints it beside its figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BootstrapTimes {
    /// Asking the server for snapshot pages and reading its answers.
    pub fetching: std::time::Duration,
    /// Waiting for a page's merge (on the other cores) once the writer was ready for it.
    pub waiting_for_merges: std::time::Duration,
    /// Writing pages: documents, projection, search index, commits.
    pub writing: std::time::Duration,
    /// Building the customer indexes left out while the table filled.
    pub building_indexes: std::time::Duration,
}

/// A document waiting to be sent: id, class, bytes, heads the server already has.
pub(crate) type Unsent = (String, String, Vec<u8>, Option<Vec<u8>>);

/// A document as sent: id, the heads sent, the bytes they came from.
pub(crate) type Sent = (String, Vec<u8>, Vec<u8>);

/// The changes the server lacks of each pending document, and what was sent.
pub(crate) fn outgoing(pending: &[Unsent]) -> Result<(Vec<DocumentChanges>, Vec<Sent>), SyncError> {
    let mut changes = Vec::with_capacity(pending.len());
    let mut sent = Vec::with_capacity(pending.len());
    for (id, class, bytes, synced) in pending {
        let mut doc = document::load(id, bytes)?;
        let data = match synced {
            Some(heads) => doc.save_after(&heads_from(heads)),
            None => doc.save(),
        };
        sent.push((id.clone(), heads_bytes(&doc.get_heads()), bytes.clone()));
        changes.push(DocumentChanges {
            doc_id: id.clone(),
            class: class.clone(),
            data: b64(&data),
        });
    }
    Ok((changes, sent))
}

pub(crate) fn heads_bytes(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

pub(crate) fn heads_from(bytes: &[u8]) -> Vec<ChangeHash> {
    bytes
        .chunks_exact(32)
        .filter_map(|c| ChangeHash::try_from(c).ok())
        .collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

impl Replica {
    /// Where this replica's pull stands.
    pub fn sync_cursor(&self) -> Result<u64, ReplicaError> {
        Ok(self
            .meta("sync_cursor")?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0))
    }

    /// How many documents wait to be sent.
    pub fn unsent_documents(&self) -> Result<u64, ReplicaError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE dirty = 1", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }

    /// One full round: push everything unsent, then pull everything new.
    pub fn sync_once(&mut self, transport: &dyn SyncTransport) -> Result<SyncReport, SyncError> {
        self.sync_with_progress(transport, &mut |_| {})
    }

    /// `sync_once`, telling `progress` after each page, and every subscriber which records the
    /// round brought.
    pub fn sync_with_progress(
        &mut self,
        transport: &dyn SyncTransport,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<SyncReport, SyncError> {
        sync_round(&Held::new(self), transport, progress)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, ReplicaError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Whether this replica has loaded the server's snapshots once (or never needs to).
    fn bootstrapped(&self) -> Result<bool, ReplicaError> {
        Ok(self.meta("sync_bootstrapped")?.is_some() || self.sync_cursor()? > 0)
    }

    /// Up to `limit` documents waiting to be sent whose ids sort after `after`, in id order.
    fn pending_after(&self, after: &str, limit: usize) -> Result<Vec<Unsent>, SyncError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, class, bytes, synced_heads FROM documents
             WHERE dirty = 1 AND id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = statement.query_map(params![after, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `limit` documents waiting to be sent, in id order.
    pub(crate) fn pending(&self, limit: usize) -> Result<Vec<Unsent>, SyncError> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, class, bytes, synced_heads FROM documents
             WHERE dirty = 1 ORDER BY id LIMIT ?1",
        )?;
        let rows = statement.query_map(params![limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One round over a replica shared with the window's commands (the app's sync loop): the
/// replica is locked for each step of the round, never while waiting for the network.
pub fn sync_shared(
    replica: &crate::SharedReplica,
    transport: &dyn SyncTransport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    sync_round(replica, transport, progress)
}

/// A round, then every subscriber hears which records it brought.
fn sync_round<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    let report = round(access, transport, progress)?;
    access
        .with(|replica| replica.notify(crate::session::ChangeOrigin::Sync, report.changed.clone()));
    Ok(report)
}

/// One round: push what is unsent, pull or bootstrap what is missing.
fn round<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    progress: &mut dyn FnMut(SyncProgress),
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    // Who this device's user is, asked when never known or an hour old: the token decides.
    if access.with(|r| r.identity_due())? {
        if let Some(identity) = transport.identity()? {
            access.with(|r| r.set_identity(&identity))?;
        }
    }
    // Up to date but for a few edits (the usual case): one round trip does it all.
    let mut pulled_all = false;
    if access.with(|r| r.bootstrapped())? {
        pulled_all = crate::sync_exchange::exchange(access, transport, &mut report)?;
    }
    push_all(access, transport, &mut report)?;
    if !access.with(|r| r.bootstrapped())? {
        access.with(|r| r.defer_customer_indexes())?;
        let bootstrapped =
            crate::sync_bootstrap::bootstrap(access, transport, &mut report, progress);
        // Whatever happened, queries get their indexes back.
        let restored = loop {
            let building = std::time::Instant::now();
            let restored_step = access.with(|r| r.restore_next_customer_index());
            report.bootstrap.get_or_insert_default().building_indexes += building.elapsed();
            match restored_step {
                Ok(true) => continue,
                done => break done,
            }
        };
        bootstrapped?;
        restored?;
    }
    if !pulled_all {
        pull_all(access, transport, &mut report)?;
    }
    report.changed.sort();
    report.changed.dedup();
    report.cursor = access.with(|r| r.sync_cursor())?;
    Ok(report)
}

fn push_all<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    // One pass over what waits, in id order: a document edited again after it went (a rep
    // editing while a slow link sends) waits for the next round instead of keeping this one
    // from ever reaching its pull. A refused document is set aside and the same stretch sent
    // again without it (what of it was applied again goes next round), so the rest still goes.
    let mut after = String::new();
    let mut refused: HashSet<String> = HashSet::new();
    loop {
        let pending: Vec<Unsent> = access
            .with(|r| r.pending_after(&after, BATCH))?
            .into_iter()
            .filter(|p| !refused.contains(&p.0))
            .collect();
        let Some(last) = pending.last() else {
            return Ok(());
        };
        let last = last.0.clone();
        let (changes, sent) = outgoing(&pending)?;
        match transport.push(&PushRequest {
            protocol: PROTOCOL_VERSION,
            changes,
        }) {
            Ok(_) => {}
            Err(SyncError::Refused {
                status: status @ 400..=499,
                code,
                message,
                document: Some(document),
            }) if pending.iter().any(|p| p.0 == document) => {
                tracing::warn!(%document, status, %code, %message, "the server refused a document; held back");
                if pending
                    .iter()
                    .any(|p| p.0 == document && p.1 == PRIVATE_ADDRESS_CLASS)
                {
                    report.refused_private += 1;
                }
                // Set aside, so the rest of this document's edits and later ones still go.
                access.with(|r| r.set_aside_refused(&document, &message))?;
                report.refused.push((document.clone(), message));
                refused.insert(document);
                continue;
            }
            Err(other) => return Err(other),
        }
        access.with(|r| r.acknowledge(sent, report))?;
        after = last;
    }
}

fn pull_all<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    loop {
        let after = access.with(|r| r.sync_cursor())?;
        let page = transport.pull(after, PULL_BATCH)?;
        if !apply_pull_page(access, page, report)? {
            return Ok(());
        }
    }
}

/// Merges a pulled page (on every core, the replica not held) and stores it with the cursor
/// past it; whether more wait on the server.
pub(crate) fn apply_pull_page<A: ReplicaAccess>(
    access: &A,
    page: PullResponse,
    report: &mut SyncReport,
) -> Result<bool, SyncError> {
    // One unit of work per document, its entries in server order.
    let mut work: Vec<Incoming> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for entry in page.changes {
        let at = *position.entry(entry.doc_id.clone()).or_insert_with(|| {
            work.push(Incoming {
                id: entry.doc_id.clone(),
                class: entry.class.clone(),
                data: Vec::new(),
                local: None,
            });
            work.len() - 1
        });
        work[at].data.push(entry.data);
    }
    let actor = access.with(|r| r.find_local(&mut work).map(|()| r.actor.clone()))?;
    let merged = crate::parallel::parallel_map(work, |incoming| merge(incoming, &actor));
    let meta = [("sync_cursor", page.cursor.to_string())];
    write_in_steps(access, merged, &meta, Durability::Full, report)?;
    Ok(page.more)
}

/// How a step's commit reaches the disk.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Durability {
    /// On disk before the step returns (`synchronous = FULL`, the connection's setting).
    Full,
    /// A bootstrap page, which can be fetched again: committed without waiting for the disk
    /// (`NORMAL` keeps the database consistent, a page and its position commit together, and
    /// only a power cut's last pages are fetched again). Only the step's own commit: a
    /// command's edit between two steps is still on disk before it answers.
    Refetchable,
}

/// Stores a merged page in steps, each its own transaction ending as its `StepLimit` says, `meta`
/// with the last: a page cut short is fetched again, and merging it again changes nothing.
pub(crate) fn write_in_steps<A: ReplicaAccess>(
    access: &A,
    mut merged: MergedPage,
    meta: &[(&str, String)],
    durability: Durability,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let awaited = || access.awaited();
    loop {
        let limit = StepLimit {
            budget: access.step_budget(),
            awaited: &awaited,
        };
        merged = access.with(|r| r.write_step(merged, meta, durability, &limit, report))?;
        if merged.is_empty() {
            return Ok(());
        }
    }
}

impl Replica {
    /// Marks documents as on the server: these heads are there (unless a document changed
    /// since it was sent, which then stays to send).
    pub(crate) fn acknowledge(
        &mut self,
        sent: Vec<Sent>,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let tx = self.conn.transaction()?;
        for (id, heads, bytes) in sent {
            tx.execute(
                "UPDATE documents SET dirty = 0, synced_heads = ?2 WHERE id = ?1 AND bytes = ?3",
                params![id, heads, bytes],
            )?;
            report.pushed += 1;
        }
        tx.commit()?;
        // What the server now holds need not stay, when private addresses are not cached.
        self.purge_private_addresses()?;
        Ok(())
    }

    /// What this replica already holds of each incoming document (one query for the page).
    pub(crate) fn find_local(&self, work: &mut [Incoming]) -> Result<(), SyncError> {
        let ids: Vec<&str> = work.iter().map(|w| w.id.as_str()).collect();
        let ids = serde_json::to_string(&ids).map_err(|e| ReplicaError::Document {
            id: String::new(),
            reason: format!("cannot encode document ids: {e}"),
        })?;
        let mut held: HashMap<String, (String, Vec<u8>, bool)> = HashMap::new();
        let mut statement = self.conn.prepare_cached(
            "SELECT id, class, bytes, dirty FROM documents
             WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = statement.query_map([ids], |r| {
            Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
        })?;
        for row in rows {
            let (id, local) = row?;
            held.insert(id, local);
        }
        for incoming in work {
            incoming.local = held.remove(&incoming.id);
        }
        Ok(())
    }

    /// One step of `write_in_steps`, committed as durably as `durability` says; answers what
    /// is left to write.
    fn write_step(
        &mut self,
        merged: MergedPage,
        meta: &[(&str, String)],
        durability: Durability,
        limit: &StepLimit<'_>,
        report: &mut SyncReport,
    ) -> Result<MergedPage, SyncError> {
        if durability == Durability::Full {
            return self.write_merged(merged, meta, limit, report);
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let written = self.write_merged(merged, meta, limit, report);
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        written
    }

    /// Stores and projects merged documents, in one transaction that ends as `limit` says;
    /// answers those left for the next step. `meta` is written with the last of them.
    pub(crate) fn write_merged(
        &mut self,
        merged: MergedPage,
        meta: &[(&str, String)],
        limit: &StepLimit<'_>,
        report: &mut SyncReport,
    ) -> Result<MergedPage, SyncError> {
        let started = std::time::Instant::now();
        let tx = self.conn.transaction()?;
        let mut new_customers = Vec::new();
        let mut rest = Vec::new();
        let mut items = merged.into_iter();
        let mut written = 0usize;
        while let Some(merged) = items.next() {
            if written > 0 && limit.reached(started) {
                rest.push(merged);
                rest.extend(items.by_ref());
                break;
            }
            written += 1;
            report.pulled += 1;
            let Some(mut merged) = merged? else { continue };
            // Managed `cache_private_addresses = false`: none is stored from the server.
            if !self.keep_private_addresses
                && merged.class == PRIVATE_ADDRESS_CLASS
                && !merged.dirty
            {
                continue;
            }
            let inserted = merged.fresh
                && tx
                    .prepare_cached(
                        "INSERT INTO documents (id, class, bytes, dirty, synced_heads)
                         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(id) DO NOTHING",
                    )?
                    .execute(params![
                        merged.id,
                        merged.class,
                        merged.bytes,
                        merged.dirty,
                        merged.heads
                    ])?
                    == 1;
            if !inserted {
                let stored: Option<(Vec<u8>, bool)> = tx
                    .prepare_cached("SELECT bytes, dirty FROM documents WHERE id = ?1")?
                    .query_row([&merged.id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                if let Some(stored) = stored.filter(|s| merged.base.as_ref() != Some(&s.0)) {
                    merged = crate::sync_merge::reconcile(merged, stored)?;
                }
                // What came from the server need not go back; local edits still pending stay so.
                tx.prepare_cached(
                    "INSERT INTO documents (id, class, bytes, dirty, synced_heads) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(id) DO UPDATE SET bytes = excluded.bytes, dirty = excluded.dirty,
                         synced_heads = CASE WHEN excluded.dirty = 1 THEN documents.synced_heads ELSE excluded.synced_heads END",
                )?
                .execute(params![merged.id, merged.class, merged.bytes, merged.dirty, merged.heads])?;
            }
            match merged.customer {
                Some(customer) => {
                    let write = if merged.fresh {
                        projection::CustomerWrite::New(&mut new_customers)
                    } else {
                        projection::CustomerWrite::Update
                    };
                    projection::project_customer(&tx, &merged.id, &customer, write)?
                }
                None => match &merged.doc {
                    Some(doc)
                        if document::class_of(&merged.id, doc).is_ok_and(|c| c == merged.class) =>
                    {
                        projection::project(&tx, &merged.id, doc)?
                    }
                    // A document whose first changes have not all arrived may not project yet.
                    _ => continue,
                },
            }
            report.changed.push(merged.id);
        }
        projection::index_new(&tx, &new_customers)?;
        for (key, value) in meta.iter().filter(|_| rest.is_empty()) {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(rest)
    }
}
