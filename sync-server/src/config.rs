//! Server configuration: a TOML file, overridden by `CLIENTELE_SYNC_*` environment variables and
//! then by command-line flags.

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
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error("{variable}={value:?} is not a valid listen address; write it as 127.0.0.1:8787")]
    Listen { variable: String, value: String },
}

impl ServerConfig {
    /// Reads `file` if given (the defaults otherwise), then applies the environment.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path: path.to_owned(),
                    source: Box::new(source),
                })?
            }
            None => ServerConfig::default(),
        };
        if let Some(value) = env("CLIENTELE_SYNC_LISTEN") {
            config.listen = value.parse().map_err(|_| ConfigError::Listen {
                variable: "CLIENTELE_SYNC_LISTEN".into(),
                value: value.clone(),
            })?;
        }
        if let Some(value) = env("CLIENTELE_SYNC_DATA_DIR") {
            config.data_dir = PathBuf::from(value);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_then_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(
            &file,
            "listen = \"127.0.0.1:9000\"\ndata_dir = \"/srv/c\"\n",
        )
        .unwrap();
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
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("server.toml");
        std::fs::write(&file, "lisen = \"127.0.0.1:9000\"\n").unwrap();
        let error = ServerConfig::load(Some(&file), |_| None).unwrap_err();
        assert!(error.to_string().contains("lisen"), "{error}");
        let error = ServerConfig::load(None, |_| Some("nowhere".into())).unwrap_err();
        assert!(error.to_string().contains("127.0.0.1:8787"), "{error}");
    }
}
