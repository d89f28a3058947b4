//! Connecting this device to its team: the "Connect to your team" screen sends the server's
//! address and the one-time enrolment code a manager issued; the shell exchanges it for the
//! device's own token, keeps that in the system keychain and starts syncing.

use serde::{Deserialize, Serialize};

use super::declare_commands;
use crate::commands::AppInfo;

declare_commands! {
    /// Exchanges an enrolment code for this device's token and starts syncing; answers the
    /// app's information as it now stands (the server, no longer needing enrolment). Errors
    /// name the field: `server` (bad address, unreachable) or `code` (unknown, used, expired,
    /// user disabled).
    Enrol = "enrol", EnrolArgs => AppInfo;
}

/// Arguments of `enrol`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EnrolArgs {
    /// The sync server, e.g. `https://sync.example.vn` (ignored when IT locked it).
    pub server: String,
    /// The code as the manager gave it; case, spaces and dashes do not matter.
    pub code: String,
    /// What the server calls this device; the computer's name when empty.
    #[serde(default)]
    pub device_name: String,
}
