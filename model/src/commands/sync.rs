//! Commands about the app and its syncing (what the shell says at start, where syncing stands)
//! and the events the shell sends the window as syncing goes.

use serde::{Deserialize, Serialize};

use super::{declare_commands, Event, NoArgs};
use crate::sync::SyncStatus;

declare_commands! {
    /// The user's locale, the configured server and user, and what the user may see.
    GetAppInfo = "app_info", NoArgs => AppInfo;
    /// Where syncing stands (local only when no server is configured).
    GetSyncStatus = "sync_status", NoArgs => SyncStatus;
    /// What waits to be sent and what the server refused (the "Unsent changes" panel).
    GetUnsentChanges = "unsent_changes", NoArgs => UnsentChanges;
    /// Discards a refused change: its record goes, the document stays as the server has it
    /// plus this device's other edits.
    DiscardRefusedChange = "discard_refused_change", DiscardRefusedChangeArgs => ();
    /// This device's key cannot read its local database (`AppInfo.replica_unreadable`): set
    /// the file aside (kept) and restart with a fresh one, filled from the server.
    ResyncReplica = "resync_replica", NoArgs => ();
}

/// A document with edits not yet on the server.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct WaitingDocument {
    pub doc_id: String,
    /// `customer`, `settings`, `preferences`, ...
    pub class: String,
    /// What people call it (a customer's name), else the class.
    pub label: String,
    /// Since when it has waited (RFC 3339), when known.
    pub since: Option<String>,
}

/// A change the server refused, set aside whole on this device until the user discards it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RefusedChange {
    pub id: i64,
    pub doc_id: String,
    pub class: String,
    pub label: String,
    /// The server's reason, as it said it.
    pub reason: String,
    pub refused_at: String,
    /// The fields the set-aside change touched (document keys), e.g. `archived`.
    pub fields: Vec<String>,
    /// The fields re-applied on top of the server's version (edits the server accepts).
    pub reapplied: Vec<String>,
}

/// The "Unsent changes" panel: what waits and what was refused.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnsentChanges {
    pub waiting: Vec<WaitingDocument>,
    pub refused: Vec<RefusedChange>,
}

/// Arguments of `discard_refused_change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscardRefusedChangeArgs {
    pub id: i64,
}

/// What the shell tells the UI at start: the user's locale and whether a server is configured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// BCP 47 locale, e.g. `vi-VN`; the UI's language follows it.
    pub locale: String,
    /// The team's sync server, if one is configured.
    pub sync_server: Option<String>,
    /// This user's id in the team (favourites, "my customers", mentions), if configured.
    #[serde(default)]
    pub user: Option<String>,
    /// Whether this user may see private addresses (spec C16); true when working locally.
    #[serde(default = "yes")]
    pub can_see_private_addresses: bool,
    /// The settings IT's managed configuration locked (`sync_server`, `update_channel`,
    /// `updates`, `cache_private_addresses`): shown as managed, not editable.
    #[serde(default)]
    pub managed: Vec<String>,
    /// The locked settings with the values they hold, for the Settings screen's read-only
    /// "managed by your organisation" section.
    #[serde(default)]
    pub managed_settings: Vec<ManagedSetting>,
    /// Set when this device's key cannot read its local database: why, in the shell's words.
    /// The window then offers only the re-sync (`ResyncReplica`).
    #[serde(default)]
    pub replica_unreadable: Option<String>,
    /// A server is configured but this device has no token: show "Connect to your team".
    #[serde(default)]
    pub needs_enrolment: bool,
}

/// A setting IT's managed configuration locked, and the value it gives this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedSetting {
    /// `sync_server`, `update_channel`, `updates` or `cache_private_addresses`.
    pub key: String,
    /// As the managed file gives it (`stable`, `true`, a URL); `None` when locked unset.
    pub value: Option<String>,
}

fn yes() -> bool {
    true
}

/// The sync status changed; the payload is the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncStatusChanged;

impl Event for SyncStatusChanged {
    const NAME: &'static str = "sync-status";
    type Payload = SyncStatus;
}

/// Records changed on this device through a sync; the payload is their document ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordsChanged;

impl Event for RecordsChanged {
    const NAME: &'static str = "records-changed";
    type Payload = Vec<String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_info_from_an_older_shell_allows_private_addresses() {
        let info: AppInfo =
            serde_json::from_value(serde_json::json!({"locale": "vi-VN", "sync_server": null}))
                .unwrap();
        assert!(info.can_see_private_addresses);
        assert_eq!(info.user, None);
    }
}
