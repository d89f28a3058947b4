//! Enrolment, the device's side: exchanges the one-time code a manager issued
//! (`clientele-sync-server enrol USER`) for this device's own token (`POST /v1/enrol`). It
//! lives beside the sync transport because it is the same HTTP client (timeouts, the team's own
//! CA from `CLIENTELE_SYNC_CA`); the shell keeps the token in the keychain and starts syncing.

use clientele_model::sync::{EnrolRequest, EnrolResponse};

use crate::sync::SyncError;
use crate::sync_http::HttpTransport;

/// Why an enrolment did not give this device a token.
#[derive(Debug, thiserror::Error)]
pub enum EnrolError {
    #[error(
        "the server address {0:?} must start with https:// (or http:// for a server on this \
         computer), e.g. https://sync.example.vn"
    )]
    BadServer(String),
    #[error("type the enrolment code your manager gave you")]
    NoCode,
    #[error("the sync server at {server} cannot be reached ({reason}); check the address and the network")]
    Unreachable { server: String, reason: String },
    /// The server said no; `message` says why and what to do (used, expired, unknown code,
    /// disabled user), `code` names the case for the window.
    #[error("{message}")]
    Refused {
        status: u16,
        code: String,
        message: String,
    },
}

impl EnrolError {
    /// A stable name for the window: `bad_server`, `no_code`, `unreachable`, or the server's
    /// code (`enrolment_code_used`, `enrolment_code_expired`, `enrolment_code_unknown`,
    /// `user_disabled`, ...).
    pub fn code(&self) -> &str {
        match self {
            EnrolError::BadServer(_) => "bad_server",
            EnrolError::NoCode => "no_code",
            EnrolError::Unreachable { .. } => "unreachable",
            EnrolError::Refused { code, .. } => code,
        }
    }
}

/// Exchanges `code` at the sync server `server` for a token of this device, called
/// `device_name` on the server. Blocking (one HTTP request).
pub fn enrol(server: &str, code: &str, device_name: &str) -> Result<EnrolResponse, EnrolError> {
    let server = server.trim().trim_end_matches('/');
    if !(server.starts_with("https://") || server.starts_with("http://"))
        || server
            .split_once("://")
            .is_none_or(|(_, host)| host.is_empty())
    {
        return Err(EnrolError::BadServer(server.to_owned()));
    }
    if code.chars().all(|c| c.is_whitespace() || c == '-') {
        return Err(EnrolError::NoCode);
    }
    let unreachable = |reason: String| EnrolError::Unreachable {
        server: server.to_owned(),
        reason,
    };
    let transport = HttpTransport::new(server, "").map_err(|e| match e {
        SyncError::Offline(reason) => unreachable(reason),
        other => unreachable(other.to_string()),
    })?;
    let response = transport
        .client
        .post(format!("{}/v1/enrol", transport.base))
        .json(&EnrolRequest {
            code: code.trim().to_owned(),
            device_name: device_name.trim().to_owned(),
        })
        .send()
        .map_err(|e| unreachable(e.to_string()))?;
    let status = response.status();
    if status.is_success() {
        return response.json().map_err(|e| EnrolError::Refused {
            status: status.as_u16(),
            code: "unreadable".into(),
            message: format!("the server's answer is not an enrolment ({e}): is {server} a Clientele sync server?"),
        });
    }
    let error: clientele_model::sync::SyncError =
        response.json().unwrap_or(clientele_model::sync::SyncError {
            code: "http".into(),
            message: format!(
                "the server answered HTTP {status}: is {server} a Clientele sync server?"
            ),
            document: None,
        });
    Err(EnrolError::Refused {
        status: status.as_u16(),
        code: error.code,
        message: error.message,
    })
}

/// Whether a sync error means the server no longer accepts this device's token (revoked, or
/// its user disabled): the device should sign out.
pub fn is_signed_out(error: &SyncError) -> bool {
    matches!(error, SyncError::Refused { status: 401, .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_address_or_no_code_is_refused_before_asking() {
        for server in ["sync.example.vn", "ftp://x", "https://", ""] {
            assert!(
                matches!(enrol(server, "ABCD", "x"), Err(EnrolError::BadServer(_))),
                "{server}"
            );
        }
        let none = enrol("https://sync.example.vn", " - ", "x").unwrap_err();
        assert_eq!(none.code(), "no_code");
    }

    #[test]
    fn nobody_listening_is_unreachable() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let error = enrol(&format!("http://127.0.0.1:{port}"), "ABCD", "x").unwrap_err();
        assert_eq!(error.code(), "unreachable", "{error}");
        assert!(error.to_string().contains("cannot be reached"), "{error}");
    }
}
