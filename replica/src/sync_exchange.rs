//! The one-round-trip sync of a device that is up to date but for a few edits: its changes go
//! up and what it lacks comes back in the same request (`POST /v1/sync`). Anything unusual (a
//! big backlog, a refusal, a server without the route) falls back to push, then pull.

use clientele_model::sync::{SyncRequest, PROTOCOL_VERSION};

use crate::sync::{
    apply_pull_page, outgoing, SyncError, SyncReport, SyncTransport, Unsent, BATCH, PULL_BATCH,
};
use crate::sync_access::ReplicaAccess;

/// Sends the pending edits and pulls one page in one request; whether the replica is then up
/// to date (nothing more to pull). The replica is not held during the request.
pub(crate) fn exchange<A: ReplicaAccess>(
    access: &A,
    transport: &dyn SyncTransport,
    report: &mut SyncReport,
) -> Result<bool, SyncError> {
    let (pending, after): (Vec<Unsent>, u64) =
        access.with(|r| Ok::<_, SyncError>((r.pending(BATCH + 1)?, r.sync_cursor()?)))?;
    if pending.len() > BATCH {
        return Ok(false);
    }
    let (changes, sent) = outgoing(&pending)?;
    let request = SyncRequest {
        protocol: PROTOCOL_VERSION,
        changes,
        after,
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
    access.with(|r| r.acknowledge(sent, report))?;
    let more = apply_pull_page(access, answer.pulled, report)?;
    Ok(!more)
}
