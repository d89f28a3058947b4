//! The desktop app's configuration: a TOML file (IT points the app at the team's server there)
//! overridden by `CLIENTELE_*` environment variables and command-line flags.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppConfig {
    /// Folder of the local database.
    pub data_dir: Option<PathBuf>,
    /// The team's sync server, e.g. https://sync.example.vn; none means local-only.
    pub sync_server: Option<String>,
    /// The UI language (`vi` or `en`); the system locale's when absent.
    pub language: Option<String>,
    /// This user's id in the team (for "my customers" and favourites).
    pub user: Option<String>,
    /// This device's token for the sync server (issued by `clientele-sync-server token issue`).
    pub sync_token: Option<String>,
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
    #[error("no data folder could be found for this user; pass --data-dir DIR or set CLIENTELE_DATA_DIR")]
    NoDataDir,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("vn", "Clientele", "clientele")
}

impl AppConfig {
    /// Reads `file`, or the default config file if it exists, then the environment.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let default_file = project_dirs().map(|d| d.config_dir().join("config.toml"));
        let path = match file {
            Some(path) => Some(path.to_owned()),
            None => default_file.filter(|p| p.exists()),
        };
        let mut config = match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path,
                    source: Box::new(source),
                })?
            }
            None => AppConfig::default(),
        };
        if let Some(user) = env("CLIENTELE_USER").filter(|s| !s.is_empty()) {
            config.user = Some(user);
        }
        if let Some(token) = env("CLIENTELE_SYNC_TOKEN").filter(|s| !s.is_empty()) {
            config.sync_token = Some(token);
        }
        if let Some(server) = env("CLIENTELE_SYNC_SERVER").filter(|s| !s.is_empty()) {
            config.sync_server = Some(server);
        }
        Ok(config)
    }

    /// The locale the UI should start in: the configured language, else the system's.
    pub fn locale(&self) -> String {
        self.language
            .clone()
            .or_else(sys_locale::get_locale)
            .unwrap_or_else(|| "vi-VN".to_owned())
    }

    /// The data folder: the flag (or CLIENTELE_DATA_DIR) first, then the file, then the
    /// user's data folder.
    pub fn data_dir(&self, flag: Option<&Path>) -> Result<PathBuf, ConfigError> {
        flag.map(Path::to_owned)
            .or_else(|| self.data_dir.clone())
            .or_else(|| project_dirs().map(|d| d.data_dir().to_owned()))
            .ok_or(ConfigError::NoDataDir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_file_and_environment_sets_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "data_dir = \"/from/file\"\n").unwrap();
        let config = AppConfig::load(Some(&file), |key| {
            (key == "CLIENTELE_SYNC_SERVER").then(|| "https://sync.example.vn".to_owned())
        })
        .unwrap();
        assert_eq!(
            config.sync_server.as_deref(),
            Some("https://sync.example.vn")
        );
        assert_eq!(config.data_dir(None).unwrap(), PathBuf::from("/from/file"));
        assert_eq!(
            config.data_dir(Some(Path::new("/flag"))).unwrap(),
            PathBuf::from("/flag")
        );
    }

    #[test]
    fn the_configured_language_beats_the_system_locale() {
        let config = AppConfig {
            language: Some("en".into()),
            ..AppConfig::default()
        };
        assert_eq!(config.locale(), "en");
        assert!(!AppConfig::default().locale().is_empty());
    }

    #[test]
    fn an_unknown_key_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "sync_sever = \"x\"\n").unwrap();
        let error = AppConfig::load(Some(&file), |_| None).unwrap_err();
        assert!(error.to_string().contains("sync_sever"), "{error}");
    }
}
