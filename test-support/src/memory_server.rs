//! A sync server in memory for the replica's deterministic tests (no IO, no threads): numbered
//! entries, a repeated entry ignored as the real server ignores it, and a switch that takes it
//! offline. It checks no permissions: a feature two people use is also proven against the real
//! server process (sync-server/tests, tests/).

use clientele_model::sync::{PullResponse, PulledChanges, PushRequest, PushResponse};
use clientele_replica::{SyncError, SyncTransport};
use std::cell::{Cell, RefCell};

/// The in-memory server.
#[derive(Default)]
pub struct MemoryServer {
    entries: RefCell<Vec<PulledChanges>>,
    offline: Cell<bool>,
}

impl MemoryServer {
    /// Takes the server off the network (every call fails as offline) or back on.
    pub fn set_offline(&self, offline: bool) {
        self.offline.set(offline);
    }

    /// How many entries it holds.
    pub fn entry_count(&self) -> usize {
        self.entries.borrow().len()
    }

    fn reachable(&self) -> Result<(), SyncError> {
        if self.offline.get() {
            return Err(SyncError::Offline("no network".into()));
        }
        Ok(())
    }
}

impl SyncTransport for MemoryServer {
    fn push(&self, request: &PushRequest) -> Result<PushResponse, SyncError> {
        self.reachable()?;
        let mut entries = self.entries.borrow_mut();
        let (mut accepted, mut duplicates) = (0, 0);
        for change in &request.changes {
            if entries
                .iter()
                .any(|e| e.doc_id == change.doc_id && e.data == change.data)
            {
                duplicates += 1;
                continue;
            }
            let seq = entries.len() as u64 + 1;
            entries.push(PulledChanges {
                seq,
                doc_id: change.doc_id.clone(),
                class: change.class.clone(),
                data: change.data.clone(),
            });
            accepted += 1;
        }
        Ok(PushResponse {
            accepted,
            duplicates,
            cursor: entries.len() as u64,
        })
    }

    fn pull(&self, after: u64, limit: u32) -> Result<PullResponse, SyncError> {
        self.reachable()?;
        let entries = self.entries.borrow();
        let changes: Vec<_> = entries
            .iter()
            .filter(|e| e.seq > after)
            .take(limit as usize)
            .cloned()
            .collect();
        let cursor = changes.last().map_or(after, |e| e.seq);
        Ok(PullResponse {
            more: entries.iter().any(|e| e.seq > cursor),
            changes,
            cursor,
        })
    }
}
