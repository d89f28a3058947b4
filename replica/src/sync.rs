//! The sync engine: pushes the documents changed here since they were last acknowledged,
//! pulls what the server has after this replica's cursor, merges it into the documents and
//! re-projects exactly those. The logic is IO-free over `SyncTransport`; `HttpTransport` is the
//! real one.

use automerge::{AutoCommit, ChangeHash};
use base64::Engine as _;
use clientele_model::sync::{
    DocumentChanges, PullResponse, PushRequest, PushResponse, PROTOCOL_VERSION,
};
use rusqlite::{params, OptionalExtension};

use crate::document::{self, PRIVATE_ADDRESS_CLASS};
use crate::projection;
use crate::store::Replica;
use crate::ReplicaError;

/// Documents per push and entries per pull.
const BATCH: usize = 200;

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
        let mut report = SyncReport::default();
        self.push_all(transport, &mut report)?;
        self.pull_all(transport, &mut report)?;
        report.cursor = self.sync_cursor()?;
        Ok(report)
    }

    fn push_all(
        &mut self,
        transport: &dyn SyncTransport,
        report: &mut SyncReport,
    ) -> Result<(), SyncError> {
        let mut skip_private = false;
        loop {
            let pending: Vec<Unsent> = {
                let mut statement = self.conn.prepare_cached(
                    "SELECT id, class, bytes, synced_heads FROM documents
                     WHERE dirty = 1 AND (?1 = 0 OR class != 'private_address') ORDER BY class = 'private_address', id LIMIT ?2",
                )?;
                let rows = statement.query_map(params![skip_private, BATCH as i64], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
                rows.collect::<Result<_, _>>()?
            };
            if pending.is_empty() {
                return Ok(());
            }
            // Send one class kind per request, so a refusal of private addresses holds back
            // nothing else.
            let private_batch = pending[0].1 == PRIVATE_ADDRESS_CLASS;
            let pending: Vec<_> = pending
                .into_iter()
                .filter(|p| (p.1 == PRIVATE_ADDRESS_CLASS) == private_batch)
                .collect();
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
                Err(SyncError::Refused { status: 403, .. }) if private_batch => {
                    report.refused_private += pending.len() as u32;
                    skip_private = true;
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
                )
                ?;
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
            let page = transport.pull(after, BATCH as u32)?;
            let tx = self.conn.transaction()?;
            for entry in &page.changes {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(&entry.data)
                    .map_err(|e| SyncError::Refused {
                        status: 0,
                        code: "bad_base64".into(),
                        message: format!(
                            "the server sent unreadable changes for {}: {e}",
                            entry.doc_id
                        ),
                    })?;
                let local: Option<(String, Vec<u8>, bool)> = tx
                    .prepare_cached("SELECT class, bytes, dirty FROM documents WHERE id = ?1")?
                    .query_row([&entry.doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                let (mut doc, dirty) = match &local {
                    Some((class, _, _)) if class != &entry.class => {
                        tracing::warn!(doc = %entry.doc_id, local = %class, remote = %entry.class, "class mismatch: ignored");
                        continue;
                    }
                    Some((_, bytes, dirty)) => (document::load(&entry.doc_id, bytes)?, *dirty),
                    None => (AutoCommit::new(), false),
                };
                let before = doc.get_heads();
                doc.load_incremental(&data)
                    .map_err(|e| ReplicaError::Document {
                        id: entry.doc_id.clone(),
                        reason: e.to_string(),
                    })?;
                report.pulled += 1;
                let heads = doc.get_heads();
                if heads == before && local.is_some() {
                    continue;
                }
                doc.set_actor(self.actor.clone());
                let bytes = doc.save();
                // What came from the server need not go back; local edits still pending stay so.
                let synced = heads_bytes(&heads);
                tx.execute(
                    "INSERT INTO documents (id, class, bytes, dirty, synced_heads) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(id) DO UPDATE SET bytes = excluded.bytes, dirty = excluded.dirty,
                         synced_heads = CASE WHEN excluded.dirty = 1 THEN documents.synced_heads ELSE excluded.synced_heads END",
                    params![entry.doc_id, entry.class, bytes, dirty, synced],
                )
                ?;
                // A document whose first changes have not all arrived may not project yet.
                if document::class_of(&entry.doc_id, &doc)
                    .map(|c| c == entry.class)
                    .unwrap_or(false)
                {
                    projection::project(&tx, &entry.doc_id, &doc)?;
                    report.changed.push(entry.doc_id.clone());
                }
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_cursor', ?1)",
                [page.cursor.to_string()],
            )?;
            tx.commit()?;
            if !page.more {
                report.changed.sort();
                report.changed.dedup();
                return Ok(());
            }
        }
    }
}

/// The real transport: protocol 1 over HTTP(S) with a bearer token.
pub struct HttpTransport {
    base: String,
    token: String,
    client: reqwest::blocking::Client,
}

impl HttpTransport {
    pub fn new(base: &str, token: &str) -> Result<Self, SyncError> {
        let client = reqwest::blocking::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
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
            });
        }
        let error: clientele_model::sync::SyncError =
            response.json().unwrap_or(clientele_model::sync::SyncError {
                code: "http".into(),
                message: format!("HTTP {status}"),
            });
        Err(SyncError::Refused {
            status: status.as_u16(),
            code: error.code,
            message: error.message,
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
}
