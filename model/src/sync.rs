//! The sync wire types between a replica and the sync server (protocol version 1): batched,
//! cursor-based, idempotent pushes and pulls of Automerge change bytes per document.

use serde::{Deserialize, Serialize};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u32 = 1;

/// Changes of one document: Automerge change bytes, base64 on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentChanges {
    pub doc_id: String,
    pub class: String,
    /// Base64 of Automerge bytes (one or more changes, as `save_after` writes them).
    pub data: String,
}

/// A device sends the changes it has that the server may lack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol: u32,
    pub changes: Vec<DocumentChanges>,
}

/// What the server kept: new entries, and ones it already held (a retried push).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    pub accepted: u32,
    pub duplicates: u32,
    /// The server's latest cursor after this push.
    pub cursor: u64,
}

/// One stored entry as a pull returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulledChanges {
    pub seq: u64,
    pub doc_id: String,
    pub class: String,
    pub data: String,
}

/// Everything after the asked cursor that the user may see, up to a limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChanges>,
    /// Ask again after this cursor.
    pub cursor: u64,
    /// Whether more entries wait past `cursor`.
    pub more: bool,
}

/// Push and pull in one round trip (`POST /v1/sync`): the changes, then what the device lacks
/// after its cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    pub protocol: u32,
    pub changes: Vec<DocumentChanges>,
    /// The device's pull cursor.
    pub after: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// What `POST /v1/sync` answers: the push's outcome and the first page after the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    pub pushed: PushResponse,
    pub pulled: PullResponse,
}

/// One document's compacted state in a bootstrap page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotDocument {
    pub doc_id: String,
    pub class: String,
    /// Base64 of the document's Automerge `save()` bytes.
    pub data: String,
}

/// A page of a fresh device's bootstrap (`GET /v1/snapshots?after=POSITION`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotPage {
    pub documents: Vec<SnapshotDocument>,
    /// Ask for the next page after this position.
    pub position: u64,
    pub more: bool,
    /// The change cursor every snapshot of this page covers: pull after it once bootstrapped.
    pub cursor: u64,
    /// How many documents the user may see in all (for progress); on the first page only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// A device's enrolment (`POST /v1/enrol`): the one-time code a manager issued
/// (`clientele-sync-server enrol USER`) exchanged for this device's own token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolRequest {
    /// The code as typed; case, spaces and dashes do not matter.
    pub code: String,
    /// What the device is called (the token's label on the server), e.g. "Laptop of Lan".
    pub device_name: String,
}

/// What an enrolment gives the device: its token (shown only this once) and whose it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolResponse {
    pub token: String,
    pub user: String,
    pub display_name: String,
}

/// An error the server returns, with a message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncError {
    pub code: String,
    pub message: String,
    /// The document the refusal is about, when it is about one (the device holds it back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// What the window shows about syncing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SyncStatus {
    /// No server configured: everything stays on this device.
    LocalOnly,
    /// The server cannot be reached; changes are kept and retried.
    Offline {
        reason: String,
        retry_in_seconds: u64,
    },
    /// A round is running; `total` is known while a fresh device bootstraps.
    Syncing {
        pushed: u32,
        pulled: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
    },
    /// Everything sent and received at this time (RFC 3339).
    UpToDate { at: String },
    /// The server refused; the reason says what to do.
    Error { reason: String },
    /// The server no longer accepts this device's token (revoked, or its user disabled): the
    /// device has signed out and syncing stopped until it connects again.
    SignedOut { reason: String },
}
