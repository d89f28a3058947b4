//! The one-round-trip sync of a device that is up to date but for a few edits: its changes go
//! up and what it lacks comes back in the same request (`POST /v1/sync`). Anything unusual (a
//! big backlog, a refusal, a server without the route) falls back to push, then pull.

use clientele_model::sync::{SyncRequest, PROTOCOL_VERSION};
use rusqlite::params;

use crate::store::Replica;
use crate::sync::{outgoing, SyncError, SyncReport, SyncTransport, Unsent, BATCH, PULL_BATCH};

impl Replica {
    /// Sends the pending edits and pulls one page in one request; whether the replica is then
    /// up to date (nothing more to pull).
    pub(crate) fn exchange(
        &mut self,
        transport: &dyn SyncTransport,
        report: &mut SyncReport,
    ) -> Result<bool, SyncError> {
        let pending: Vec<Unsent> = {
            let mut statement = self.conn.prepare_cached(
                "SELECT id, class, bytes, synced_heads FROM documents WHERE dirty = 1 ORDER BY id LIMIT ?1",
            )?;
            let rows = statement.query_map(params![BATCH as i64 + 1], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        if pending.len() > BATCH {
            return Ok(false);
        }
        let (changes, sent) = outgoing(&pending)?;
        let request = SyncRequest {
            protocol: PROTOCOL_VERSION,
            changes,
            after: self.sync_cursor()?,
            limit: Some(PULL_BATCH),
        };
        let answer = match transport.exchange(&request) {
            Ok(Some(answer)) => answer,
            Ok(None) => return Ok(false),
            // A refused document: the push path holds it back and sends the rest.
            Err(SyncError::Refused {
                document: Some(_), ..
            }) => return Ok(false),
            Err(other) => return Err(other),
        };
        self.acknowledge(sent, report)?;
        let more = self.apply_pull_page(answer.pulled, report)?;
        Ok(!more)
    }
}
