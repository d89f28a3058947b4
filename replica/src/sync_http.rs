//! The real sync transport: protocol 1 over HTTP(S) with a bearer token (reqwest, rustls; a
//! self-hosted server's CA may be added with `CLIENTELE_SYNC_CA`).

use clientele_model::sync::{
    PullResponse, PushRequest, PushResponse, SnapshotPage, SyncRequest, SyncResponse,
};

use clientele_model::team::Identity;

use crate::sync::{SyncError, SyncTransport};

/// The real transport: protocol 1 over HTTP(S) with a bearer token.
pub struct HttpTransport {
    pub(crate) base: String,
    token: String,
    pub(crate) client: reqwest::blocking::Client,
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

    fn exchange(&self, request: &SyncRequest) -> Result<Option<SyncResponse>, SyncError> {
        Self::answer(
            self.client
                .post(format!("{}/v1/sync", self.base))
                .bearer_auth(&self.token)
                .json(request)
                .send(),
        )
        .map(Some)
    }

    fn identity(&self) -> Result<Option<Identity>, SyncError> {
        Self::answer(
            self.client
                .get(format!("{}/v1/me", self.base))
                .bearer_auth(&self.token)
                .send(),
        )
        .map(Some)
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
