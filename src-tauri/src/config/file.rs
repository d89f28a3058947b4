//! One TOML config file read leniently: each known key is taken out with its type checked (a
//! bad value is refused, naming the key and the file); what is left is unknown and only warned
//! about, so a key from a newer version or a typo never keeps the app from starting.

use std::path::{Path, PathBuf};

use super::{ConfigError, UpdateChannel};

/// The keys of a file still to be read.
pub(super) struct FileValues {
    path: PathBuf,
    table: toml::Table,
}

impl FileValues {
    /// Reads and parses the TOML file at `path`.
    pub(super) fn read(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        let table = text
            .parse::<toml::Table>()
            .map_err(|source| ConfigError::Parse {
                path: path.to_owned(),
                source: Box::new(source),
            })?;
        Ok(FileValues {
            path: path.to_owned(),
            table,
        })
    }

    fn take<T>(
        &mut self,
        key: &'static str,
        expected: &'static str,
        convert: impl FnOnce(&toml::Value) -> Option<T>,
    ) -> Result<Option<T>, ConfigError> {
        let Some(value) = self.table.remove(key) else {
            return Ok(None);
        };
        convert(&value).map(Some).ok_or_else(|| ConfigError::Value {
            path: self.path.clone(),
            key,
            expected,
            found: value.to_string(),
        })
    }

    pub(super) fn string(&mut self, key: &'static str) -> Result<Option<String>, ConfigError> {
        self.take(key, "a quoted string", |v| v.as_str().map(str::to_owned))
    }

    pub(super) fn path_value(&mut self, key: &'static str) -> Result<Option<PathBuf>, ConfigError> {
        self.take(key, "a quoted folder path", |v| {
            v.as_str().map(PathBuf::from)
        })
    }

    pub(super) fn boolean(&mut self, key: &'static str) -> Result<Option<bool>, ConfigError> {
        self.take(key, "true or false (without quotes)", toml::Value::as_bool)
    }

    pub(super) fn channel(
        &mut self,
        key: &'static str,
    ) -> Result<Option<UpdateChannel>, ConfigError> {
        self.take(key, "\"stable\" or \"beta\"", |v| {
            v.as_str().and_then(UpdateChannel::parse)
        })
    }

    pub(super) fn strings(&mut self, key: &'static str) -> Result<Vec<String>, ConfigError> {
        let list = self.take(key, "a list of quoted key names", |v| {
            v.as_array()?
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        })?;
        Ok(list.unwrap_or_default())
    }

    /// Warns about every key not read (logged and returned), naming it and the file.
    pub(super) fn finish(self, known: &[&str]) -> Vec<String> {
        self.table
            .keys()
            .map(|key| {
                let warning = format!(
                    "unknown key `{key}` in the config file {} is ignored; known keys: {}",
                    self.path.display(),
                    known.join(", ")
                );
                tracing::warn!(key, file = %self.path.display(), "{warning}");
                warning
            })
            .collect()
    }
}

/// Sets `key = "value"` in the user's config file at `path` (created when absent), keeping its
/// other keys and comments.
pub fn set_user_key(path: &Path, key: &str, value: &str) -> Result<(), ConfigError> {
    edit(path, |doc| doc[key] = toml_edit::value(value))
}

/// Removes `key` from the user's config file at `path`, keeping its other keys and comments;
/// nothing to do when the file or the key is absent.
pub fn remove_user_key(path: &Path, key: &str) -> Result<(), ConfigError> {
    if !path.exists() {
        return Ok(());
    }
    edit(path, |doc| {
        doc.remove(key);
    })
}

fn edit(path: &Path, change: impl FnOnce(&mut toml_edit::DocumentMut)) -> Result<(), ConfigError> {
    let read = |source| ConfigError::Read {
        path: path.to_owned(),
        source,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(read(e)),
    };
    let mut doc = text
        .parse::<toml_edit::DocumentMut>()
        .map_err(|e| ConfigError::Edit {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
    change(&mut doc);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(read)?;
    }
    // Written beside, then renamed over: a crash leaves the old file or the new, whole.
    let partial = path.with_extension("toml.new");
    std::fs::write(&partial, doc.to_string()).map_err(read)?;
    std::fs::rename(&partial, path).map_err(read)
}
