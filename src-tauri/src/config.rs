//! The desktop app's configuration: the user's TOML file, overridden by `CLIENTELE_*`
//! environment variables and command-line flags, under the system-wide managed configuration IT
//! installs (see `managed`): its locked keys win over everything the user sets.

mod file;
mod managed;
mod shown;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use file::FileValues;
pub use file::{remove_user_key, set_user_key};
use managed::{managed_path, ManagedConfig};

/// Which updates the app follows.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum UpdateChannel {
    #[default]
    Stable,
    Beta,
}

impl UpdateChannel {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "stable" => Some(UpdateChannel::Stable),
            "beta" => Some(UpdateChannel::Beta),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UpdateChannel::Stable => "stable",
            UpdateChannel::Beta => "beta",
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
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
    /// The update channel; stable when absent.
    pub update_channel: Option<UpdateChannel>,
    /// Whether the app looks for updates; yes when absent.
    pub updates: Option<bool>,
    /// Whether private addresses may be kept on this device; yes when absent.
    pub cache_private_addresses: Option<bool>,
    /// The updater public key from the managed configuration (key rotation); the one built
    /// into the app when absent. Never read from the user's file.
    pub update_public_key: Option<String>,
    /// Whether signing out (the server refusing this device's token) wipes the local replica;
    /// no when absent. Meant for the managed configuration.
    pub wipe_on_sign_out: Option<bool>,
    /// The user's config file `sync_token` was read from (not overridden by the environment):
    /// the token moves from there into the keychain at start.
    pub token_file: Option<PathBuf>,
    /// The settings the managed configuration locked: the user cannot change them.
    pub managed: Vec<String>,
    /// What was ignored while reading (unknown keys, overridden locked keys), as logged.
    pub warnings: Vec<String>,
}

/// The keys of the user's file.
const USER_KEYS: [&str; 9] = [
    "data_dir",
    "sync_server",
    "language",
    "user",
    "sync_token",
    "update_channel",
    "updates",
    "cache_private_addresses",
    "wipe_on_sign_out",
];

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {path}: {source}; check its path and permissions")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid TOML: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error(
        "in the config file {path}, `{key}` must be {expected}, not {found}; correct or remove it"
    )]
    Value {
        path: PathBuf,
        key: &'static str,
        expected: &'static str,
        found: String,
    },
    #[error("cannot change the config file {path}: it is not valid TOML ({reason}); correct it")]
    Edit { path: PathBuf, reason: String },
    #[error("no data folder could be found for this user; pass --data-dir DIR or set CLIENTELE_DATA_DIR")]
    NoDataDir,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("vn", "Clientele", "clientele")
}

impl AppConfig {
    /// Reads `file`, or the default config file if it exists, then the environment, then the
    /// managed configuration (its system-wide place, or `CLIENTELE_MANAGED_CONFIG`).
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let managed = managed_path(&env);
        let default_file = project_dirs().map(|d| d.config_dir().join("config.toml"));
        let path = match file {
            Some(path) => Some(path.to_owned()),
            None => default_file.filter(|p| p.exists()),
        };
        Self::load_from(&managed, path.as_deref(), env)
    }

    /// `load` with the managed file's place given (it need not exist).
    fn load_from(
        managed: &Path,
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut config = match file {
            Some(path) => Self::from_file(FileValues::read(path)?)?,
            None => AppConfig::default(),
        };
        if let Some(user) = env("CLIENTELE_USER").filter(|s| !s.is_empty()) {
            config.user = Some(user);
        }
        if config.sync_token.is_some() {
            config.token_file = file.map(Path::to_owned);
        }
        if let Some(token) = env("CLIENTELE_SYNC_TOKEN").filter(|s| !s.is_empty()) {
            config.sync_token = Some(token);
            config.token_file = None;
        }
        if let Some(server) = env("CLIENTELE_SYNC_SERVER").filter(|s| !s.is_empty()) {
            config.sync_server = Some(server);
        }
        if let Some(managed) = ManagedConfig::read(managed, &mut config.warnings)? {
            tracing::info!(file = %managed.path.display(), locked = ?managed.locked, "managed configuration applied");
            managed.apply(&mut config);
        }
        Ok(config)
    }

    /// The user's settings from their file.
    fn from_file(mut file: FileValues) -> Result<Self, ConfigError> {
        let config = AppConfig {
            data_dir: file.path_value("data_dir")?,
            sync_server: file.string("sync_server")?,
            language: file.string("language")?,
            user: file.string("user")?,
            sync_token: file.string("sync_token")?,
            update_channel: file.channel("update_channel")?,
            updates: file.boolean("updates")?,
            cache_private_addresses: file.boolean("cache_private_addresses")?,
            update_public_key: None,
            wipe_on_sign_out: file.boolean("wipe_on_sign_out")?,
            token_file: None,
            managed: Vec::new(),
            warnings: file.finish(&USER_KEYS),
        };
        Ok(config)
    }

    /// The user's config file: `file` when given, else the default place (which need not
    /// exist yet).
    pub fn user_file(file: Option<&Path>) -> Option<PathBuf> {
        file.map(Path::to_owned)
            .or_else(|| project_dirs().map(|d| d.config_dir().join("config.toml")))
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
