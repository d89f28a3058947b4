//! Desktop updates as the window sees them: whether a newer version is downloaded, verified and
//! waiting for a restart, or was refused because its file does not match its signature; the
//! command that restarts into it, and the event the shell sends when that changes.

use serde::{Deserialize, Serialize};

use super::{declare_commands, Event, NoArgs};

declare_commands! {
    /// Where updating stands (the top bar's banner asks at start, then listens).
    GetUpdateStatus = "update_status", NoArgs => UpdateStatus;
    /// Installs the downloaded and verified update and restarts into it; refused (with the
    /// old version still running) when none is ready or installing fails.
    RestartToUpdate = "restart_to_update", NoArgs => ();
}

/// Where updating stands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum UpdateStatus {
    /// Nothing to show: up to date, not checked yet, or updates are off.
    #[default]
    Idle,
    /// Version `version` is downloaded and its signature verified: restart to update.
    Ready { version: String },
    /// The file of version `version` did not match its signature (altered or damaged): it was
    /// not installed, and this version keeps working. `reason` says what failed.
    Refused { version: String, reason: String },
}

/// The update status changed; the payload is the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateStatusChanged;

impl Event for UpdateStatusChanged {
    const NAME: &'static str = "update-status";
    type Payload = UpdateStatus;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_travel_tagged_by_state() {
        let ready = UpdateStatus::Ready {
            version: "0.2.0".into(),
        };
        let json = serde_json::to_value(&ready).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"state": "ready", "version": "0.2.0"})
        );
        assert_eq!(serde_json::from_value::<UpdateStatus>(json).unwrap(), ready);
        assert_eq!(
            serde_json::to_value(UpdateStatus::Idle).unwrap(),
            serde_json::json!({"state": "idle"})
        );
    }
}
