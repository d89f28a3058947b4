//! Server configuration: a TOML file, overridden by `CLIENTELE_SYNC_*` environment variables and
//! then by command-line flags; and the checks that keep a misconfigured server from starting
//! (half a TLS set-up, plain HTTP on a network address).

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Where the server listens and keeps its data.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on; plain HTTP is meant for loopback (tests, a reverse proxy).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// Folder for the embedded database.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// PostgreSQL instead of the embedded database: `postgres://USER:PASSWORD@HOST/DATABASE`.
    #[serde(default)]
    pub database_url: Option<String>,
    /// PEM certificate chain: with `tls_key`, the server speaks HTTPS itself.
    #[serde(default)]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key of `tls_cert`.
    #[serde(default)]
    pub tls_key: Option<PathBuf>,
    /// Allows plain HTTP on a non-loopback address (a TLS proxy on a trusted network in front).
    #[serde(default)]
    pub insecure_http: bool,
    /// Folder IT fills with the desktop app's updates (`stable/`, `beta/`, each with
    /// `latest.json` and its artifacts); none serves no updates.
    #[serde(default)]
    pub updates_dir: Option<PathBuf>,
}

/// How the server speaks to devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    Https { cert: PathBuf, key: PathBuf },
    Http,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8787))
}

fn default_data_dir() -> PathBuf {
    PathBuf::from("clientele-sync-data")
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: default_listen(),
            data_dir: default_data_dir(),
            database_url: None,
            tls_cert: None,
            tls_key: None,
            insecure_http: false,
            updates_dir: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file given with `--config` (or CLIENTELE_SYNC_CONFIG) cannot be used.
    #[error("the config file {path} {problem}")]
    File { path: PathBuf, problem: FileProblem },
    #[error("{variable}={value:?} is not a valid listen address; write it as 127.0.0.1:8787")]
    Listen { variable: String, value: String },
    #[error("{given} is set but {missing} is not: HTTPS needs both the certificate (tls_cert, --tls-cert, CLIENTELE_SYNC_TLS_CERT) and its key (tls_key, --tls-key, CLIENTELE_SYNC_TLS_KEY); set both, or neither for plain HTTP")]
    HalfTls {
        given: &'static str,
        missing: &'static str,
    },
    #[error("refusing plain HTTP on {listen}: tokens and customer data would cross the network unencrypted. Give a certificate (--tls-cert FILE --tls-key FILE, or tls_cert/tls_key in the config file), or listen on 127.0.0.1 behind a TLS proxy, or pass --insecure-http if a proxy on a trusted network already encrypts the traffic")]
    PlainHttpOnNetwork { listen: SocketAddr },
}

/// What keeps a config file from being used.
#[derive(Debug, thiserror::Error)]
pub enum FileProblem {
    #[error("cannot be read: {0}; check the path given with --config or CLIENTELE_SYNC_CONFIG")]
    Unreadable(#[from] std::io::Error),
    #[error("is not valid: {0}")]
    Invalid(#[from] Box<toml::de::Error>),
}

impl ServerConfig {
    /// Reads `file` if given (the defaults otherwise), then applies the environment.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file {
            Some(path) => Self::from_file(path).map_err(|problem| ConfigError::File {
                path: path.to_owned(),
                problem,
            })?,
            None => ServerConfig::default(),
        };
        config.apply_environment(env)?;
        Ok(config)
    }

    /// The settings of the TOML file at `path`; what it leaves out keeps its default.
    fn from_file(path: &Path) -> Result<Self, FileProblem> {
        let text = std::fs::read_to_string(path)?;
        Ok(toml::from_str(&text).map_err(Box::new)?)
    }

    /// Sets what the `CLIENTELE_SYNC_*` variables in `env` give, over the file's settings.
    fn apply_environment(
        &mut self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<(), ConfigError> {
        if let Some(value) = env("CLIENTELE_SYNC_LISTEN") {
            self.listen = value.parse().map_err(|_| ConfigError::Listen {
                variable: "CLIENTELE_SYNC_LISTEN".into(),
                value: value.clone(),
            })?;
        }
        if let Some(value) = env("CLIENTELE_SYNC_DATA_DIR") {
            self.data_dir = PathBuf::from(value);
        }
        self.database_url = env("CLIENTELE_SYNC_DATABASE_URL").or(self.database_url.take());
        let path = |variable| env(variable).map(PathBuf::from);
        self.tls_cert = path("CLIENTELE_SYNC_TLS_CERT").or(self.tls_cert.take());
        self.tls_key = path("CLIENTELE_SYNC_TLS_KEY").or(self.tls_key.take());
        self.updates_dir = path("CLIENTELE_SYNC_UPDATES_DIR").or(self.updates_dir.take());
        Ok(())
    }

    /// HTTPS when both TLS files are set, plain HTTP when neither (only on loopback unless
    /// `insecure_http`); an error otherwise.
    pub fn transport(&self) -> Result<Transport, ConfigError> {
        match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Ok(Transport::Https {
                cert: cert.clone(),
                key: key.clone(),
            }),
            (Some(_), None) => Err(ConfigError::HalfTls {
                given: "tls_cert",
                missing: "tls_key",
            }),
            (None, Some(_)) => Err(ConfigError::HalfTls {
                given: "tls_key",
                missing: "tls_cert",
            }),
            (None, None) if self.listen.ip().is_loopback() || self.insecure_http => {
                Ok(Transport::Http)
            }
            (None, None) => Err(ConfigError::PlainHttpOnNetwork {
                listen: self.listen,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A config file holding `text`, in a folder that lives as long as the first value.
    fn config_file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(&file, text).unwrap();
        (dir, file)
    }

    #[test]
    fn file_then_environment() {
        let (_dir, file) = config_file("listen = \"127.0.0.1:9000\"\ndata_dir = \"/srv/c\"\n");
        let from_file = ServerConfig::load(Some(&file), |_| None).unwrap();
        assert_eq!(from_file.listen.port(), 9000);
        assert_eq!(from_file.data_dir, PathBuf::from("/srv/c"));
        let overridden = ServerConfig::load(Some(&file), |key| {
            (key == "CLIENTELE_SYNC_LISTEN").then(|| "127.0.0.1:9100".to_owned())
        })
        .unwrap();
        assert_eq!(overridden.listen.port(), 9100);
    }

    #[test]
    fn mistakes_are_named() {
        let (dir, file) = config_file("lisen = \"127.0.0.1:9000\"\n");
        let error = ServerConfig::load(Some(&file), |_| None).unwrap_err();
        assert!(error.to_string().contains("lisen"), "{error}");
        let missing = dir.path().join("missing.toml");
        let error = ServerConfig::load(Some(&missing), |_| None).unwrap_err();
        assert!(error.to_string().contains("--config"), "{error}");
        let error = ServerConfig::load(None, |_| Some("nowhere".into())).unwrap_err();
        assert!(error.to_string().contains("127.0.0.1:8787"), "{error}");
    }

    #[test]
    fn storage_and_tls_from_file_and_environment() {
        let (_dir, file) =
            config_file("database_url = \"postgres://a@db/x\"\ntls_cert = \"/etc/c.pem\"\n");
        let config = ServerConfig::load(Some(&file), |key| {
            (key == "CLIENTELE_SYNC_TLS_KEY").then(|| "/etc/k.pem".to_owned())
        })
        .unwrap();
        assert_eq!(config.database_url.as_deref(), Some("postgres://a@db/x"));
        assert_eq!(
            config.transport().unwrap(),
            Transport::Https {
                cert: "/etc/c.pem".into(),
                key: "/etc/k.pem".into()
            }
        );
        let overridden = ServerConfig::load(Some(&file), |key| {
            (key == "CLIENTELE_SYNC_DATABASE_URL").then(|| "postgres://b@db/y".to_owned())
        })
        .unwrap();
        assert_eq!(
            overridden.database_url.as_deref(),
            Some("postgres://b@db/y")
        );
    }

    #[test]
    fn updates_dir_from_file_then_environment() {
        let (_dir, file) = config_file("updates_dir = \"/srv/updates\"\n");
        let config = ServerConfig::load(Some(&file), |_| None).unwrap();
        assert_eq!(config.updates_dir, Some(PathBuf::from("/srv/updates")));
        let overridden = ServerConfig::load(Some(&file), |key| {
            (key == "CLIENTELE_SYNC_UPDATES_DIR").then(|| "/other".to_owned())
        })
        .unwrap();
        assert_eq!(overridden.updates_dir, Some(PathBuf::from("/other")));
        assert_eq!(ServerConfig::default().updates_dir, None);
    }

    #[test]
    fn half_tls_and_plain_http_on_a_network_are_refused() {
        let half = ServerConfig {
            tls_key: Some("/etc/k.pem".into()),
            ..ServerConfig::default()
        };
        let error = half.transport().unwrap_err().to_string();
        assert!(error.contains("tls_cert"), "{error}");
        let mut open = ServerConfig {
            listen: "0.0.0.0:8787".parse().unwrap(),
            ..ServerConfig::default()
        };
        let error = open.transport().unwrap_err().to_string();
        assert!(error.contains("--insecure-http"), "{error}");
        open.insecure_http = true;
        assert_eq!(open.transport().unwrap(), Transport::Http);
        assert_eq!(
            ServerConfig::default().transport().unwrap(),
            Transport::Http
        );
    }
}
