//! This device's secrets (the sync token, the replica's key): kept in the OS keychain through
//! the `keyring` crate (Secret Service on Linux, e.g. gnome-keyring or KWallet; Keychain on
//! macOS; Credential Manager on Windows), so none sits in plain text in the user's files. When
//! no keychain answers (a server, a bare session without D-Bus) each secret is a file readable
//! by this user only (0600, in `secrets/` of the data folder), and a warning says so.
//!
//! Secrets belong to one data folder: the keychain entry of `name` for the replica in `DIR` is
//! service `clientele`, account `name@DIR`, so two data folders (tests, a second profile) never
//! share a token or a key.
//!
//! ```ignore
//! let secrets = Secrets::open(&data_dir);
//! secrets.set(SYNC_TOKEN, &token)?;            // replaces any earlier value
//! let token = secrets.get(SYNC_TOKEN)?;        // None when never set
//! secrets.delete(SYNC_TOKEN)?;                 // nothing to do when absent
//! ```

use std::path::{Path, PathBuf};

/// The device token the sync server gave this device (enrolment or `token issue`).
pub const SYNC_TOKEN: &str = "sync_token";

/// The keychain service every entry is filed under.
const SERVICE: &str = "clientele";

/// Why a secret could not be read, kept or removed.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("a secret's name is lower-case letters, digits and _ (got {0:?})")]
    BadName(String),
    #[error("the system keychain failed with the secret {name}: {reason}")]
    Keychain { name: String, reason: String },
    #[error("cannot {what} the secret file {path}: {source}; check the data folder's permissions")]
    File {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where secrets go on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretPlace {
    /// The OS keychain.
    Keychain,
    /// Files readable by this user only (no keychain answered).
    File,
}

/// The secrets of one data folder.
#[derive(Debug, Clone)]
pub struct Secrets {
    /// `@DIR` that ends every account name.
    scope: String,
    /// The fallback folder, `secrets/` in the data folder.
    dir: PathBuf,
    place: SecretPlace,
}

impl Secrets {
    /// The secrets of the replica in `data_dir`: the keychain when one answers, else files
    /// (logged as a warning). `CLIENTELE_SECRETS=file` chooses the files without asking.
    pub fn open(data_dir: &Path) -> Secrets {
        let data_dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
        let mut secrets = Secrets {
            scope: format!("@{}", data_dir.display()),
            dir: data_dir.join("secrets"),
            place: SecretPlace::File,
        };
        if std::env::var("CLIENTELE_SECRETS").is_ok_and(|v| v == "file") {
            tracing::info!(dir = %secrets.dir.display(), "CLIENTELE_SECRETS=file: secrets are kept in files readable by this user only");
            return secrets;
        }
        // Asking for an entry that need not exist tells whether a keychain answers at all.
        match secrets.entry("probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => {
                secrets.place = SecretPlace::Keychain;
                tracing::info!("secrets are kept in the system keychain");
            }
            Err(error) => tracing::warn!(
                %error,
                dir = %secrets.dir.display(),
                "no system keychain answers: secrets are kept in files readable by this user only (0600)"
            ),
        }
        secrets
    }

    /// Where this device keeps its secrets.
    pub fn place(&self) -> SecretPlace {
        self.place
    }

    /// The secret `name`, or `None` when it was never set (or was deleted). A secret left in a
    /// file by an earlier run without keychain moves into the keychain now that one answers.
    pub fn get(&self, name: &str) -> Result<Option<String>, SecretError> {
        check_name(name)?;
        if self.place == SecretPlace::File {
            return self.read_file(name);
        }
        match self.keychain(name)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => match self.read_file(name)? {
                Some(value) => {
                    self.set(name, &value)?;
                    tracing::info!(name, "a secret kept in a file moved into the keychain");
                    Ok(Some(value))
                }
                None => Ok(None),
            },
            Err(error) => Err(keychain_error(name, error)),
        }
    }

    /// Keeps `value` as the secret `name`, replacing any earlier one.
    pub fn set(&self, name: &str, value: &str) -> Result<(), SecretError> {
        check_name(name)?;
        match self.place {
            SecretPlace::Keychain => {
                self.keychain(name)?
                    .set_password(value)
                    .map_err(|e| keychain_error(name, e))?;
                // No copy stays behind in a file.
                self.delete_file(name)
            }
            SecretPlace::File => self.write_file(name, value),
        }
    }

    /// Removes the secret `name`; nothing to do when it is absent.
    pub fn delete(&self, name: &str) -> Result<(), SecretError> {
        check_name(name)?;
        if self.place == SecretPlace::Keychain {
            match self.keychain(name)?.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(error) => return Err(keychain_error(name, error)),
            }
        }
        self.delete_file(name)
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, &format!("{name}{}", self.scope))
    }

    fn keychain(&self, name: &str) -> Result<keyring::Entry, SecretError> {
        self.entry(name).map_err(|e| keychain_error(name, e))
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn read_file(&self, name: &str) -> Result<Option<String>, SecretError> {
        let path = self.file(name);
        match std::fs::read_to_string(&path) {
            Ok(value) => Ok(Some(value)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(SecretError::File {
                what: "read",
                path,
                source,
            }),
        }
    }

    fn write_file(&self, name: &str, value: &str) -> Result<(), SecretError> {
        let path = self.file(name);
        let failed = |what, source| SecretError::File {
            what,
            path: path.clone(),
            source,
        };
        create_private_dir(&self.dir).map_err(|e| failed("create the folder of", e))?;
        // Written beside, then renamed over: a crash leaves the old value or the new, whole.
        let partial = self.dir.join(format!(".{name}.new"));
        write_private(&partial, value).map_err(|e| failed("write", e))?;
        std::fs::rename(&partial, &path).map_err(|e| failed("replace", e))
    }

    fn delete_file(&self, name: &str) -> Result<(), SecretError> {
        let path = self.file(name);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(SecretError::File {
                what: "delete",
                path,
                source,
            }),
        }
    }
}

fn check_name(name: &str) -> Result<(), SecretError> {
    let fine = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if fine {
        Ok(())
    } else {
        Err(SecretError::BadName(name.to_owned()))
    }
}

fn keychain_error(name: &str, error: keyring::Error) -> SecretError {
    SecretError::Keychain {
        name: name.to_owned(),
        reason: error.to_string(),
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn write_private(path: &Path, value: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(value.as_bytes())?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, value: &str) -> std::io::Result<()> {
    std::fs::write(path, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Secrets {
        Secrets {
            scope: format!("@{}", dir.display()),
            dir: dir.join("secrets"),
            place: SecretPlace::File,
        }
    }

    #[test]
    fn without_a_keychain_a_secret_is_a_file_only_its_user_reads() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = files(dir.path());
        assert_eq!(secrets.get(SYNC_TOKEN).unwrap(), None);
        secrets.set(SYNC_TOKEN, "first").unwrap();
        secrets.set(SYNC_TOKEN, "second").unwrap();
        assert_eq!(secrets.get(SYNC_TOKEN).unwrap().as_deref(), Some("second"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let file = dir.path().join("secrets").join(SYNC_TOKEN);
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
            let folder = std::fs::metadata(dir.path().join("secrets")).unwrap();
            assert_eq!(folder.permissions().mode() & 0o777, 0o700);
        }
        secrets.delete(SYNC_TOKEN).unwrap();
        secrets.delete(SYNC_TOKEN).unwrap();
        assert_eq!(secrets.get(SYNC_TOKEN).unwrap(), None);
        assert!(matches!(
            secrets.set("../x", "v"),
            Err(SecretError::BadName(_))
        ));
    }
}
