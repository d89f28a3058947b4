//! The sync engine: pushes the documents changed here since they were last acknowledged,
//! pulls what the server has after this replica's cursor, merges it into the documents and
//! re-projects exactly those. The logic is IO-free over `SyncTransport`; `HttpTransport` is the
//! real one.

use automerge::{AutoCommit, ChangeHash};
use base64::Engine as _;
use clientele_model::sync::{
    DocumentChanges, PullResponse, PushRequest, PushResponse, SnapshotPage, PROTOCOL_VERSION,
};
use rusqlite::{params, OptionalExtension};
use std::collections::{HashMap, HashSet};

use crate::document::{self, CustomerDocument, CUSTOMER_CLASS, PRIVATE_ADDRESS_CLASS};
use crate::projection;
use crate::store::Replica;
use crate::ReplicaError;

/// Documents per push.
const BATCH: usize = 200;
/// Entries per pull (the server's most).
const PULL_BATCH: u32 = 1_000;
/// Documents per bootstrap page (the server's most).
const SNAPSHOT_BATCH: u32 = 1_000;

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
}

/// A document waiting to be sent: id, class, bytes, heads the server already has.
type Unsent = (String, String, Vec<u8>, Option<Vec<u8>>);

fn heads_bytes(heads: &[ChangeHash]) -> Vec<u8> {
    heads.iter().flat_map(|h| h.0).collect()
}

fn heads_from(bytes: &[u8]) -> Vec<ChangeHash> {
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
        let cursor: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'sync_cursor'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(cursor.and_then(|c| c.parse().ok()).unwrap_or(0))
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

    /// `sync_once`, telling `progress` after each page.
    pub fn sync_with_progress(
        &mut self,
        transport: &dyn SyncTransport,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<SyncReport, SyncError> {
        let mut report = SyncReport::default();
        self.push_all(transport, &mut report)?;
        if !self.bootstrapped()? {
            // Bootstrap pages can be fetched again, so they need not wait for the disk: NORMAL
            // keeps the database consistent (a page and its position commit together) and
            // only a power cut's last pages are fetched again.
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            let bootstrapped = self.bootstrap(transport, &mut report, progress);
            self.conn.pragma_update(None, "synchronous", "FULL")?;
            bootstrapped?;
        }
        self.pull_all(transport, &mut report)?;
        report.changed.sort();
        report.changed.dedup();
        report.cursor = self.sync_cursor()?;
        Ok(report)
    }

    fn meta(&self, key: &str) -> Result<Option<String>, ReplicaError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Whether this replica has loaded the server's snapshots once (or never needs to).
    fn bootstrapped(&self) -> Result<bool, ReplicaError> {
        Ok(self.meta("sync_bootstrapped")?.is_some() || self.sync_cursor()? > 0)
    }

    /// A fresh device loads every document's compacted state, page by page; a dropped
    /// connection resumes at the last stored page. Afterwards the change log is pulled from the
    /// cursor the first page named, which every snapshot covers. Pages are pipelined: while one
    /// page is written to SQLite, the next is fetched and merged on the other cores.
    fn bootstrap(
        &mut self,
        transport: &dyn SyncTransport,
        report: &mut SyncReport,
        progress: &mut dyn FnMut(SyncProgress),
    ) -> Result<(), SyncError> {
        let mut after: u64 = self
            .meta("bootstrap_position")?
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        let mut base: Option<u64> = self.meta("bootstrap_cursor")?.and_then(|c| c.parse().ok());
        let actor = self.actor.clone();
        let mut total: Option<u64> = None;
        std::thread::scope(|scope| {
            let mut in_flight: Option<InFlight<'_>> = None;
            loop {
                let fetched = match transport.snapshots(after, SNAPSHOT_BATCH)? {
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
                self.find_local(&mut work)?;
                let actor = &actor;
                let merging = scope.spawn(move || {
                    crate::parallel::parallel_map(work, |incoming| merge(incoming, actor))
                });
                if let Some((previous, meta, total)) = in_flight.take() {
                    self.write_merged(join(previous)?, &meta, report)?;
                    progress(SyncProgress {
                        pushed: report.pushed,
                        pulled: report.pulled,
                        total,
                    });
                }
                // The server counts only on the first page; a resumed bootstrap goes without.
                total = fetched.total.or(total);
                in_flight = Some((merging, meta, total));
                if done {
                    break;
                }
            }
            if let Some((last, meta, total)) = in_flight.take() {
                self.write_merged(join(last)?, &meta, report)?;
                progress(SyncProgress {
                    pushed: report.pushed,
                    pulled: report.pulled,
                    total,
                });
            }
            Ok(())
        })
    }

    fn push_all(
        &mut self,
        transport: &dyn SyncTransport,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        // Documents the server refused this round: held back, so the rest still goes.
        let mut held_back: HashSet<String> = HashSet::new();
        loop {
            let pending: Vec<Unsent> = {
                let mut statement = self.conn.prepare_cached(
                    "SELECT id, class, bytes, synced_heads FROM documents
                     WHERE dirty = 1 ORDER BY id LIMIT ?1",
                )?;
                let rows = statement.query_map(params![(BATCH + held_back.len()) as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
                let rows: Vec<Unsent> = rows.collect::<Result<_, _>>()?;
                rows.into_iter()
                    .filter(|p| !held_back.contains(&p.0))
                    .take(BATCH)
                    .collect()
            };
            if pending.is_empty() {
                return Ok(());
            }
            let mut changes = Vec::with_capacity(pending.len());
            let mut sent = Vec::with_capacity(pending.len());
            for (id, class, bytes, synced) in &pending {
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
                    report.refused.push((document.clone(), message));
                    held_back.insert(document);
                    continue;
                }
                Err(other) => return Err(other),
            }
            let tx = self.conn.transaction()?;
            for (id, heads, bytes) in sent {
                // Acknowledged: these heads are on the server (unless the document changed since).
                tx.execute(
                    "UPDATE documents SET dirty = 0, synced_heads = ?2 WHERE id = ?1 AND bytes = ?3",
                    params![id, heads, bytes],
                )?;
                report.pushed += 1;
            }
            tx.commit()?;
        }
    }

    fn pull_all(
        &mut self,
        transport: &dyn SyncTransport,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        loop {
            let after = self.sync_cursor()?;
            let page = transport.pull(after, PULL_BATCH)?;
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
            self.apply(work, &[("sync_cursor", page.cursor.to_string())], report)?;
            if !page.more {
                return Ok(());
            }
        }
    }

    /// Merges pulled documents (decoding and Automerge work on every core), then stores and
    /// projects them with `meta` in one transaction.
    fn apply(
        &mut self,
        mut work: Vec<Incoming>,
        meta: &[(&str, String)],
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        self.find_local(&mut work)?;
        let actor = self.actor.clone();
        let merged = crate::parallel::parallel_map(work, |incoming| merge(incoming, &actor));
        self.write_merged(merged, meta, report)
    }

    /// What this replica already holds of each incoming document (one query for the page).
    fn find_local(&self, work: &mut [Incoming]) -> Result<(), SyncError> {
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

    /// Stores and projects merged documents with `meta`, in one transaction.
    fn write_merged(
        &mut self,
        merged: MergedPage,
        meta: &[(&str, String)],
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        report.pulled += merged.len() as u32;
        let tx = self.conn.transaction()?;
        let mut new_customers = Vec::new();
        for merged in merged {
            let Some(merged) = merged? else { continue };
            // What came from the server need not go back; local edits still pending stay so.
            tx.prepare_cached(
                "INSERT INTO documents (id, class, bytes, dirty, synced_heads) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(id) DO UPDATE SET bytes = excluded.bytes, dirty = excluded.dirty,
                     synced_heads = CASE WHEN excluded.dirty = 1 THEN documents.synced_heads ELSE excluded.synced_heads END",
            )?
            .execute(params![merged.id, merged.class, merged.bytes, merged.dirty, merged.heads])?;
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
        for (key, value) in meta {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// A page's documents after merging, each merged or refused.
type MergedPage = Vec<Result<Option<Merged>, SyncError>>;

/// A bootstrap page being merged: the merging thread, the meta to store with it, the total.
type InFlight<'scope> = (
    std::thread::ScopedJoinHandle<'scope, MergedPage>,
    Vec<(&'static str, String)>,
    Option<u64>,
);

/// The merged page a merging thread hands back.
fn join(handle: std::thread::ScopedJoinHandle<'_, MergedPage>) -> Result<MergedPage, SyncError> {
    handle.join().map_err(|_| {
        SyncError::Replica(ReplicaError::Document {
            id: String::new(),
            reason: "a merging thread failed".into(),
        })
    })
}

/// A document's pulled entries and what this replica holds of it.
struct Incoming {
    id: String,
    class: String,
    data: Vec<String>,
    local: Option<(String, Vec<u8>, bool)>,
}

/// A document after merging what was pulled, ready to store and project.
struct Merged {
    id: String,
    class: String,
    bytes: Vec<u8>,
    dirty: bool,
    heads: Vec<u8>,
    /// The merged document, until it is read (a customer's is dropped on the merging core).
    doc: Option<AutoCommit>,
    /// A customer read on the merging core, so the writer only writes.
    customer: Option<CustomerDocument>,
    /// New on this device: nothing of it to replace in the projection.
    fresh: bool,
}

impl Merged {
    fn read(mut self) -> Merged {
        if self.class == CUSTOMER_CLASS
            && self.doc.as_ref().is_some_and(|doc| {
                document::class_of(&self.id, doc).is_ok_and(|c| c == CUSTOMER_CLASS)
            })
        {
            self.customer = self
                .doc
                .as_ref()
                .and_then(|doc| document::read_customer(&self.id, doc).ok());
            if self.customer.is_some() {
                self.doc = None;
            }
        }
        self
    }
}

/// Merges pulled entries into the local document; `None` when nothing changed or the class
/// disagrees (a document's class never changes).
fn merge(incoming: Incoming, actor: &automerge::ActorId) -> Result<Option<Merged>, SyncError> {
    let unreadable = |e: String| SyncError::Refused {
        status: 0,
        code: "bad_changes".into(),
        message: format!(
            "the server sent unreadable changes for {}: {e}",
            incoming.id
        ),
        document: Some(incoming.id.clone()),
    };
    let mut data = Vec::with_capacity(incoming.data.len());
    for text in &incoming.data {
        data.push(
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| unreadable(e.to_string()))?,
        );
    }
    match &incoming.local {
        Some((class, _, _)) if class != &incoming.class => {
            tracing::warn!(doc = %incoming.id, local = %class, remote = %incoming.class, "class mismatch: ignored");
            return Ok(None);
        }
        None if data.len() == 1 => {
            // A document new here, sent whole: keep its bytes as they are.
            if let Ok(mut doc) = AutoCommit::load(&data[0]) {
                if doc.get_missing_deps(&[]).is_empty() {
                    let heads = heads_bytes(&doc.get_heads());
                    doc.set_actor(actor.clone());
                    let bytes = data.pop().unwrap_or_default();
                    return Ok(Some(
                        Merged {
                            id: incoming.id,
                            class: incoming.class,
                            bytes,
                            dirty: false,
                            heads,
                            doc: Some(doc),
                            customer: None,
                            fresh: true,
                        }
                        .read(),
                    ));
                }
            }
        }
        _ => {}
    }
    let (mut doc, dirty) = match &incoming.local {
        Some((_, bytes, dirty)) => (document::load(&incoming.id, bytes)?, *dirty),
        None => (AutoCommit::new(), false),
    };
    let before = doc.get_heads();
    for chunk in &data {
        doc.load_incremental(chunk)
            .map_err(|e| unreadable(e.to_string()))?;
    }
    let heads = doc.get_heads();
    if heads == before && incoming.local.is_some() {
        return Ok(None);
    }
    doc.set_actor(actor.clone());
    let bytes = doc.save();
    let fresh = incoming.local.is_none();
    Ok(Some(
        Merged {
            id: incoming.id,
            class: incoming.class,
            bytes,
            dirty,
            heads: heads_bytes(&heads),
            doc: Some(doc),
            customer: None,
            fresh,
        }
        .read(),
    ))
}

/// The real transport: protocol 1 over HTTP(S) with a bearer token.
pub struct HttpTransport {
    base: String,
    token: String,
    client: reqwest::blocking::Client,
}

impl HttpTransport {
    pub fn new(base: &str, token: &str) -> Result<Self, SyncError> {
        let mut builder =
            reqwest::blocking::Client::builder().timeout(std::time::Duration::from_secs(30));
        // A self-hosted server's own certificate authority (PEM), trusted besides the system's.
        if let Some(path) = std::env::var_os("CLIENTELE_SYNC_CA") {
            let pem = std::fs::read(&path).map_err(|e| {
                SyncError::Offline(format!("cannot read CLIENTELE_SYNC_CA {path:?}: {e}"))
            })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                SyncError::Offline(format!("CLIENTELE_SYNC_CA {path:?} is not PEM: {e}"))
            })?;
            builder = builder.tls_certs_merge(certificates);
        }
        let client = builder
            .build()
            .map_err(|e| SyncError::Offline(e.to_string()))?;
        Ok(HttpTransport {
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            client,
        })
    }

    fn answer<T: serde::de::DeserializeOwned>(
        response: reqwest::Result<reqwest::blocking::Response>,
    ) -> Result<T, SyncError> {
        let response = response.map_err(|e| SyncError::Offline(e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            return response.json().map_err(|e| SyncError::Refused {
                status: status.as_u16(),
                code: "unreadable".into(),
                message: e.to_string(),
                document: None,
            });
        }
        let error: clientele_model::sync::SyncError =
            response.json().unwrap_or(clientele_model::sync::SyncError {
                code: "http".into(),
                message: format!("HTTP {status}"),
                document: None,
            });
        Err(SyncError::Refused {
            status: status.as_u16(),
            code: error.code,
            message: error.message,
            document: error.document,
        })
    }
}

impl HttpTransport {
    /// Long-polls the server until it holds changes past `after` (or `seconds` pass); returns
    /// its latest cursor.
    pub fn wait(&self, after: u64, seconds: u64) -> Result<u64, SyncError> {
        #[derive(serde::Deserialize)]
        struct Answer {
            cursor: u64,
        }
        let answer: Answer = Self::answer(
            self.client
                .get(format!(
                    "{}/v1/wait?after={after}&timeout={seconds}",
                    self.base
                ))
                .timeout(std::time::Duration::from_secs(seconds + 10))
                .bearer_auth(&self.token)
                .send(),
        )?;
        Ok(answer.cursor)
    }
}

impl SyncTransport for HttpTransport {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        Self::answer(
            self.client
                .post(format!("{}/v1/push", self.base))
                .bearer_auth(&self.token)
                .json(request)
                .send(),
        )
    }

    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError> {
        Self::answer(
            self.client
                .get(format!("{}/v1/pull?after={after}&limit={limit}", self.base))
                .bearer_auth(&self.token)
                .send(),
        )
    }

    fn snapshots(&self, after: u64, limit: u32) -> Result<Option<SnapshotPage>, SyncError> {
        Self::answer(
            self.client
                .get(format!(
                    "{}/v1/snapshots?after={after}&limit={limit}",
                    self.base
                ))
                .bearer_auth(&self.token)
                .send(),
        )
        .map(Some)
    }
}
