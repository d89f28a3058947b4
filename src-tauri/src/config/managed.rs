//! The system-wide configuration IT installs (`/etc/clientele/config.toml` on Linux,
//! `%ProgramData%\Clientele\config.toml` on Windows, `/Library/Application Support/Clientele/
//! config.toml` on macOS; `CLIENTELE_MANAGED_CONFIG` names another file, for tests).
//!
//! A managed key that is `locked` wins over the user's file and the environment; an unlocked
//! managed key is a default the user may override.

use std::path::{Path, PathBuf};

use super::file::FileValues;
use super::{AppConfig, ConfigError, UpdateChannel};

/// The settings IT may set and lock.
pub const MANAGEABLE: [&str; 5] = [
    "sync_server",
    "update_channel",
    "updates",
    "cache_private_addresses",
    "wipe_on_sign_out",
];

/// What the managed file says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct ManagedConfig {
    pub path: PathBuf,
    pub sync_server: Option<String>,
    pub update_channel: Option<UpdateChannel>,
    pub updates: Option<bool>,
    pub cache_private_addresses: Option<bool>,
    /// The updater public key, replacing the built-in one (key rotation). Only IT sets it, so
    /// it needs no lock and the user's file cannot name it.
    pub update_public_key: Option<String>,
    /// Wipe the local replica when the server signs the device out.
    pub wipe_on_sign_out: Option<bool>,
    /// Keys the user may not override (only names from `MANAGEABLE`).
    pub locked: Vec<String>,
}

/// Where the managed file lives on this system (or `CLIENTELE_MANAGED_CONFIG`).
pub(super) fn managed_path(env: &impl Fn(&str) -> Option<String>) -> PathBuf {
    if let Some(path) = env("CLIENTELE_MANAGED_CONFIG").filter(|s| !s.is_empty()) {
        return PathBuf::from(path);
    }
    if cfg!(windows) {
        let base = env("ProgramData").unwrap_or_else(|| r"C:\ProgramData".to_owned());
        PathBuf::from(base).join("Clientele").join("config.toml")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/Clientele/config.toml")
    } else {
        PathBuf::from("/etc/clientele/config.toml")
    }
}

impl ManagedConfig {
    /// Reads the managed file at `path`; none when it does not exist. Unknown keys (and
    /// unknown names in `locked`) are warned about into `warnings`.
    pub(super) fn read(
        path: &Path,
        warnings: &mut Vec<String>,
    ) -> Result<Option<Self>, ConfigError> {
        if !path.exists() {
            return Ok(None);
        }
        let mut file = FileValues::read(path)?;
        let mut managed = ManagedConfig {
            path: path.to_owned(),
            sync_server: file.string("sync_server")?,
            update_channel: file.channel("update_channel")?,
            updates: file.boolean("updates")?,
            cache_private_addresses: file.boolean("cache_private_addresses")?,
            update_public_key: file.string("update_public_key")?,
            wipe_on_sign_out: file.boolean("wipe_on_sign_out")?,
            locked: Vec::new(),
        };
        for key in file.strings("locked")? {
            if MANAGEABLE.contains(&key.as_str()) {
                managed.locked.push(key);
            } else {
                let warning = format!(
                    "`locked` in the config file {} names `{key}`, which cannot be managed; \
                     it is ignored (lockable: {})",
                    path.display(),
                    MANAGEABLE.join(", ")
                );
                tracing::warn!(key, file = %path.display(), "{warning}");
                warnings.push(warning);
            }
        }
        managed.locked.sort();
        managed.locked.dedup();
        let mut known = MANAGEABLE.to_vec();
        known.push("locked");
        known.push("update_public_key");
        warnings.extend(file.finish(&known));
        Ok(Some(managed))
    }

    fn is_locked(&self, key: &str) -> bool {
        self.locked.iter().any(|k| k == key)
    }

    /// Puts the managed settings into `config`, which holds the user's file and environment:
    /// a locked key replaces the user's value (warning when it differs), an unlocked one fills
    /// only what the user left unset.
    pub(super) fn apply(&self, config: &mut AppConfig) {
        let mut overridden = Vec::new();
        if self.update_public_key.is_some() {
            config.update_public_key = self.update_public_key.clone();
        }
        self.merge(
            "sync_server",
            &mut config.sync_server,
            &self.sync_server,
            &mut overridden,
        );
        self.merge(
            "update_channel",
            &mut config.update_channel,
            &self.update_channel,
            &mut overridden,
        );
        self.merge(
            "updates",
            &mut config.updates,
            &self.updates,
            &mut overridden,
        );
        self.merge(
            "cache_private_addresses",
            &mut config.cache_private_addresses,
            &self.cache_private_addresses,
            &mut overridden,
        );
        self.merge(
            "wipe_on_sign_out",
            &mut config.wipe_on_sign_out,
            &self.wipe_on_sign_out,
            &mut overridden,
        );
        for key in overridden {
            let warning = format!(
                "`{key}` from your config file or environment is ignored: it is locked by the \
                 managed configuration {} (ask IT to change it)",
                self.path.display()
            );
            tracing::warn!(key, file = %self.path.display(), "{warning}");
            config.warnings.push(warning);
        }
        config.managed = self.locked.clone();
    }

    fn merge<T: Clone + PartialEq>(
        &self,
        key: &'static str,
        user: &mut Option<T>,
        managed: &Option<T>,
        overridden: &mut Vec<&'static str>,
    ) {
        if self.is_locked(key) {
            if user.is_some() && user != managed {
                overridden.push(key);
            }
            *user = managed.clone();
        } else if user.is_none() {
            *user = managed.clone();
        }
    }
}
